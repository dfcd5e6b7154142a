"""Fix hints written in the syntax of the file a finding points into.

A hint that says "add `metric: "2 s"`" is wrong in a TOML file, where the user must type
`metric = "2 s"`. Rules build their snippets here, from plain Python values, for the file
their finding goes to: `snippet(spec, at, "metric", "2 s")` is `metric: "2 s"` in a YAML file
and `metric = "2 s"` in a TOML one.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..positions import Position

#: A value to be filled in by the user, shown as « … » in both syntaxes.
HOLE = object()

_PLAIN_YAML = re.compile(r"[^\s:#{}\[\],&*!|>'\"%@`]+")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "~"}


def syntax_at(spec, at) -> str:
    """"toml" or "yaml": the format of the file `at` (a Position or a model part) is in."""
    pos = at if isinstance(at, Position) else getattr(at, "pos", None)
    file = getattr(pos, "file", "") or ""
    for source in getattr(spec, "files", ()):
        if source.path == file:
            return source.format
    return "toml" if file.endswith(".toml") else "yaml"


def value_text(value, syntax: str) -> str:
    """A value as it is written inline in `syntax` ("yaml" or "toml")."""
    if value is HOLE:
        return "…"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, _dt.date)):
        return value.isoformat() if isinstance(value, _dt.date) else str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(value_text(v, syntax) for v in value) + "]"
    if isinstance(value, dict):
        sep = " = " if syntax == "toml" else ": "
        return "{" + ", ".join(f"{k}{sep}{value_text(v, syntax)}" for k, v in value.items()) + "}"
    text = str(value)
    if syntax != "toml" and _PLAIN_YAML.fullmatch(text) and text.lower() not in _YAML_WORDS \
            and not re.fullmatch(r"[-+.\d]+", text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def assignment(key: str, value, syntax: str) -> str:
    """`key: value` (YAML) or `key = value` (TOML)."""
    return f"{key}{' = ' if syntax == 'toml' else ': '}{value_text(value, syntax)}"


def snippet(spec, at, key: str, value) -> str:
    """`key: value` or `key = value`, for the file `at` is in."""
    return assignment(key, value, syntax_at(spec, at))


def snippets(spec, at, key: str, fr, en) -> dict:
    """The same snippet with a French and an English value: a `{"fr": …, "en": …}` message argument."""
    syntax = syntax_at(spec, at)
    return {"fr": assignment(key, fr, syntax), "en": assignment(key, en, syntax)}
