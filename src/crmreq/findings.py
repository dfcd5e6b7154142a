"""Findings and the rule/exporter records plugins register.

A `Rule` is data plus a check function: code, kebab-case name, default severity, a message
template and documentation in French and English. A rule's check receives the `Spec` and an
`Emitter`; it never builds findings itself, so language, severity overrides and positions are
handled in one place.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from .positions import Position
from .values.text import french_spaces

SEVERITIES = ("error", "warning", "info")
LANGS = ("fr", "en")
BUILTIN_CODE = re.compile(r"^[A-Z]\d{3}$")
PLUGIN_CODE = re.compile(r"^[A-Z]{2,}\d{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: str
    message: str
    file: str
    line: int
    column: int
    object: str | None = None
    plugin: str | None = None
    fix: str | None = None

    def sort_key(self):
        return (self.file, self.line, self.column, self.code, self.object or "")

    def as_dict(self) -> dict:
        data = {
            "code": self.code, "name": self.name, "severity": self.severity, "message": self.message,
            "file": self.file, "line": self.line, "column": self.column,
            "object": self.object, "plugin": self.plugin,
        }
        if self.fix:
            data["fix"] = self.fix
        return data


@dataclass(frozen=True)
class RuleOption:
    """A per-rule configuration option (e.g. `must-share-max`), documented with the rule."""

    name: str
    default: Any
    help: Mapping[str, str]          # lang -> one sentence
    kind: type | tuple = object      # expected Python type(s), checked when config is read
    check: Callable[[Any], bool] | None = None   # whether a configured value is usable; else a config error


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    family: str                          # e.g. "smart"; shown by `crmreq rules`
    message: Mapping[str, str]           # lang -> template, `str.format` placeholders
    doc: Mapping[str, str]               # lang -> Markdown: what, why, example, fix
    check: Callable | None = None        # check(spec, emit) ; None for findings produced by the loader
    fix: Mapping[str, str] = field(default_factory=dict)   # lang -> hint template (optional)
    options: tuple[RuleOption, ...] = ()
    plugin: str = "crmreq"               # filled in at registration
    cross_file: bool = True

    def text(self, lang: str, args: Mapping[str, Any]) -> str:
        template = self.message.get(lang) or self.message.get("en") or next(iter(self.message.values()))
        return _format(template, lang, args)

    def fix_text(self, lang: str, args: Mapping[str, Any]) -> str | None:
        if not self.fix:
            return None
        template = self.fix.get(lang) or self.fix.get("en")
        if not template or not _fields(template) <= set(args):
            return None     # a producer that has no hint for this finding (E002 of the evaluation file): no "{fix}"
        return _format(template, lang, args)


def _fields(template: str) -> set[str]:
    """The argument names a template uses (`{detail}`, `{owner.id}` → detail, owner)."""
    try:
        return {re.split(r"[.\[]", name, maxsplit=1)[0] for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError:          # a malformed template: _format shows it as it is
        return set()


class _Args(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _format(template: str, lang: str, args: Mapping[str, Any]) -> str:
    """Fill a template; an argument may be a {lang: text} mapping for localised fragments."""
    resolved = _Args()
    for key, value in args.items():
        if isinstance(value, Mapping) and set(value) <= set(LANGS) | {"*"} and value:
            value = value.get(lang) or value.get("en") or next(iter(value.values()))
        resolved[key] = value
    try:
        text = template.format_map(resolved)
    except (ValueError, IndexError, AttributeError):
        text = template
    return french_spaces(text) if lang == "fr" else text


@dataclass(frozen=True)
class Exporter:
    """A vendor-pack format. `write(spec, path, options)` writes ONE file at `path`.

    Exporters never write directly: the engine hands them a temporary path and renames it
    atomically into place (see crmreq.io).
    """

    name: str
    extension: str
    write: Callable
    description: Mapping[str, str] = field(default_factory=dict)
    in_pack: bool = True
    plugin: str = "crmreq"


@dataclass(frozen=True)
class LoadProblem:
    """Something the loader found (E001–E004, E007, E002): turned into a Finding by the engine."""

    code: str
    pos: Position
    args: Mapping[str, Any] = field(default_factory=dict)
    object: str | None = None
