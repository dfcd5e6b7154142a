"""A small helper so a rule family reads as data plus check functions.

    rules = RuleSet("smart")

    @rules.rule("S001", "objective-without-metric", "error",
                message={"fr": "…{id}…", "en": "…{id}…"},
                doc={"fr": "…", "en": "…"})
    def objective_without_metric(spec, emit):
        ...

    crmreq_register_rules = rules.hook
"""

from __future__ import annotations

from ..findings import Rule, RuleOption
from ..hookspecs import hookimpl


class RuleSet:
    def __init__(self, family: str):
        self.family = family
        self.rules: list[Rule] = []

        @hookimpl
        def crmreq_register_rules(registry):
            for rule in self.rules:
                registry.add(rule)

        self.hook = crmreq_register_rules

    def rule(self, code: str, name: str, severity: str, *, message: dict, doc: dict,
             fix: dict | None = None, options: tuple[RuleOption, ...] = ()):
        def decorate(check):
            self.rules.append(Rule(
                code=code, name=name, severity=severity, family=self.family, message=message,
                doc={lang: text.strip() for lang, text in doc.items()}, check=check, fix=fix or {},
                options=options,
            ))
            return check
        return decorate

    def declare(self, code: str, name: str, severity: str, *, message: dict, doc: dict, fix: dict | None = None):
        """A rule whose findings come from the loader (no check function)."""
        self.rules.append(Rule(code=code, name=name, severity=severity, family=self.family, message=message,
                               doc={lang: text.strip() for lang, text in doc.items()}, check=None, fix=fix or {}))


def label(item) -> str:
    """How a finding names an item: its id, else its title or name."""
    return getattr(item, "id", None) or getattr(item, "title", None) or getattr(item, "name", None) or "?"


def make_doc(fr_what, fr_why, fr_bad, fr_fix, en_what, en_why, en_bad, en_fix, example_lang="yaml") -> dict:
    """Rule documentation in both languages, in the same four parts as ruff's:
    what it checks, why it matters, an example that triggers it, how to fix it."""
    return {
        "fr": f"### Ce que la règle vérifie\n{fr_what}\n\n### Pourquoi\n{fr_why}\n\n"
              f"### Exemple\n```{example_lang}\n{fr_bad}\n```\n\n### Correction\n{fr_fix}",
        "en": f"### What it checks\n{en_what}\n\n### Why it matters\n{en_why}\n\n"
              f"### Example\n```{example_lang}\n{en_bad}\n```\n\n### How to fix\n{en_fix}",
    }
