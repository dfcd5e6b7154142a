"""A rule's documentation for an editor: the link a diagnostic's code opens, and the text a hover
on a rule code shows (what, why, an example, the fix), in the spec's language."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..findings import Rule
from ..lint.catalogue import rule_markdown


@lru_cache(maxsize=1)
def docs_dir() -> Path:
    """The rule catalogue shipped in the wheel (`_docs/`), or the repository's `docs/` in a checkout."""
    packaged = Path(__file__).resolve().parents[1] / "_docs"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[3] / "docs"


def documentation_uri(rule: Rule | None, lang: str) -> str | None:
    """A file URI to the rule's section of docs/rules.<lang>.md, for a built-in rule whose catalogue
    is installed; None otherwise (a plugin's rule: its documentation is in the hover and `crmreq rule`)."""
    if rule is None or rule.plugin != "crmreq":
        return None
    catalogue = docs_dir() / f"rules.{lang if lang in ('fr', 'en') else 'en'}.md"
    if not catalogue.is_file():
        return None
    return f"{catalogue.as_uri()}#{rule.code.lower()}-{rule.name}"


def rule_hover(rule: Rule, lang: str) -> str:
    """The rule's documentation as Markdown, as `crmreq rule CODE` prints it."""
    return rule_markdown(rule, lang, level=3)
