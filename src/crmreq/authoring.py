"""What a plugin author needs, in one public module (also exported by the `crmreq` package).

- Declaring rules: `RuleSet` collects rules declared with `@rules.rule(...)` and answers
  them from its `hook`; `make_doc` writes a rule's documentation in the four parts every
  crmreq rule has (what it checks, why it matters, an example, how to fix it).
- Matching words: `fold`, the fold crmreq's own rules use (no accents, no case, one kind of
  dash, apostrophe and space).
- Reading a section as written: `entries(spec, "sites")` and `mapping(spec, "project")`
  give `Entry` objects (fields as attributes, `.id`, `.where(key)`), for a plugin's own
  sections and for the keys a plugin adds to built-in ones (`project.sector`). They never
  trust the data's shape: rules also run on specs with schema errors.
- Writing a "one row per requirement" export: see `crmreq.exporting`.

    from crmreq import RuleSet

    rules = RuleSet("acme")

    @rules.rule("ACME001", "feature-without-module", "warning",
                message={"fr": "…{id}…", "en": "…{id}…"}, doc={"fr": "…", "en": "…"})
    def feature_without_module(spec, emit):
        ...

    crmreq_register_rules = rules.hook
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable

from .findings import Rule, RuleOption
from .hookspecs import hookimpl
from .positions import Position
from .values import fold

__all__ = [
    "RuleSet", "make_doc", "label", "fold", "Entry", "entries", "mapping", "Position",
]


# -- declaring rules ---------------------------------------------------------------------

class RuleSet:
    """A family of rules declared next to their check functions; `hook` registers them all.

    `crmreq_register_rules = rules.hook` in a plugin module is the whole registration.
    """

    def __init__(self, family: str):
        self.family = family
        self.rules: list[Rule] = []

        @hookimpl
        def crmreq_register_rules():
            return list(self.rules)

        self.hook = crmreq_register_rules

    def rule(self, code: str, name: str, severity: str, *, message: Mapping[str, str], doc: Mapping[str, str],
             fix: Mapping[str, str] | None = None, options: tuple[RuleOption, ...] = ()) -> Callable:
        """Decorate `check(spec, emit)` to declare it as rule `code` (the function is returned unchanged)."""
        def decorate(check):
            self.rules.append(self._rule(code, name, severity, message, doc, fix, options, check))
            return check
        return decorate

    def declare(self, code: str, name: str, severity: str, *, message: Mapping[str, str], doc: Mapping[str, str],
                fix: Mapping[str, str] | None = None) -> None:
        """A rule without a check function: its findings come from the loader (E001…E007)."""
        self.rules.append(self._rule(code, name, severity, message, doc, fix, (), None))

    def _rule(self, code, name, severity, message, doc, fix, options, check) -> Rule:
        return Rule(code=code, name=name, severity=severity, family=self.family, message=dict(message),
                    doc={lang: text.strip() for lang, text in doc.items()}, check=check, fix=dict(fix or {}),
                    options=tuple(options))


def make_doc(fr_what: str, fr_why: str, fr_bad: str, fr_fix: str,
             en_what: str, en_why: str, en_bad: str, en_fix: str, example_lang: str = "yaml") -> dict:
    """A rule's documentation in French and English, in four parts: what it checks, why it
    matters, an example that triggers it (`*_bad`, shown as an `example_lang` block), how to fix it."""
    return {
        "fr": f"### Ce que la règle vérifie\n{fr_what}\n\n### Pourquoi\n{fr_why}\n\n"
              f"### Exemple\n```{example_lang}\n{fr_bad}\n```\n\n### Correction\n{fr_fix}",
        "en": f"### What it checks\n{en_what}\n\n### Why it matters\n{en_why}\n\n"
              f"### Example\n```{example_lang}\n{en_bad}\n```\n\n### How to fix\n{en_fix}",
    }


def label(item) -> str:
    """How a finding names an item: its id, else its title or name."""
    return getattr(item, "id", None) or getattr(item, "title", None) or getattr(item, "name", None) or "?"


# -- reading sections as written -----------------------------------------------------------

class Entry:
    """One mapping of a section as written: `entry.address` is the field's value (None when
    absent), `entry.where("address")` where its key was written (the entry itself when absent).

    Values are what the file holds (strings, numbers, lists, mappings), not checked against
    the schema: test their type before use. A field named like a method (`get`, `where`,
    `text`, `strings`, `pos`) is read with `entry.get("text")`.
    """

    __slots__ = ("_fields", "pos")

    def __init__(self, fields: Mapping, pos: Position):
        self._fields = fields
        self.pos = pos

    @property
    def id(self) -> str:
        """The `id` field when it is a string, else ""."""
        value = self._fields.get("id")
        return value if isinstance(value, str) else ""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):      # ours (`_fields` while copying) and Python's (`__deepcopy__`…)
            raise AttributeError(name)
        return self._fields.get(name)

    def __contains__(self, key) -> bool:
        return key in self._fields

    def get(self, key: str, default: Any = None) -> Any:
        return self._fields.get(key, default)

    def where(self, key: str) -> Position:
        where = getattr(self._fields, "where", None)
        return where(key) if callable(where) else self.pos

    def text(self, key: str) -> str:
        """The field as stripped text; "" when absent or not a string."""
        value = self._fields.get(key)
        return value.strip() if isinstance(value, str) else ""

    def strings(self, key: str) -> list[str]:
        """The non-blank strings of a list field (ids, tags…); [] when absent or not a list."""
        value = self._fields.get(key)
        if not isinstance(value, list):
            return []
        return [item for item in value if isinstance(item, str) and item.strip()]

    def __repr__(self) -> str:
        return f"Entry({dict(self._fields)!r}, pos={self.pos!r})"


def _section(spec, name: str):
    """A section as written: a plugin's (`spec.extension`) or a built-in one (the loader's raw tree)."""
    value = spec.extension(name)
    if value is None and isinstance(spec.raw, Mapping):
        value = spec.raw.get(name)
    return value


def entries(spec, section: str) -> tuple[Entry, ...]:
    """The mappings of a list section, in file order (items that are not mappings are skipped;
    () when the section is absent or not a list).

    Works for a plugin's own section (`entries(spec, "sites")`) and for a built-in one, to read
    the keys a plugin adds to its items (`{f.id: f.btp for f in entries(spec, "features")}`).
    """
    value = _section(spec, section)
    if not isinstance(value, list):
        return ()
    where = getattr(value, "where", None)
    found = []
    for index, item in enumerate(value):
        if isinstance(item, Mapping):
            pos = where(index) if callable(where) else getattr(item, "pos", spec.where(section))
            found.append(Entry(item, pos))
    return tuple(found)


def mapping(spec, section: str) -> Entry | None:
    """A mapping section as an `Entry` (`mapping(spec, "project").sector`); None when the
    section is absent or not a mapping."""
    value = _section(spec, section)
    if not isinstance(value, Mapping):
        return None
    return Entry(value, getattr(value, "pos", spec.where(section)))
