"""TOML → raw tree with positions: values from tomllib/tomli, positions from our scanner.

tomllib is the real parser (it decides what is valid and what each value is); it gives no
positions, so `toml_positions.scan_toml` walks the same text and maps every key path to its
line and column. The two are joined here into the PosDict/PosList tree the YAML loader
builds too.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass

from ..positions import PosDict, PosList, Position
from .syntax_hints import toml_hint
from .toml_guards import check_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


class TomlProblem(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1, raw: str | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column
        self.raw = raw   # the parser's own message, shown with --debug


@dataclass
class TomlResult:
    data: PosDict
    comments: list   # (line, col, text)


def parse_toml(text: str, display: str, parses=None) -> TomlResult:
    """Parse TOML text (already decoded). Raises TomlProblem with a position.

    `parses` (see load_spec): tomllib's values and the positions of a text read before, only read
    here, are taken again."""
    key = ("toml", text)
    data, positions = parses[key] if parses is not None and key in parses else _parsed(text)
    if parses is not None:
        parses[key] = data, positions
    root = PosDict(Position(display, 1, 1))
    _fill(root, data, (), positions, display)
    return TomlResult(root, list(positions.comments))


def _parsed(text: str):
    """tomllib's values and the positions of `text`."""
    data = toml_values(text)
    from .toml_positions import scan_toml

    return data, scan_toml(text)


def toml_values(text: str) -> dict:
    """tomllib's values of `text`. Raises TomlProblem: where, and what in plain words (English;
    `messages.fr_toml` gives the French)."""
    refused = check_toml(text)  # keys tomllib would take quadratic time or memory on
    if refused:
        raise TomlProblem(*refused)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "colno", None)
        found = _AT.search(message)
        if found and not line:
            line, column = int(found.group(1)), int(found.group(2))
        message = _AT.sub("", getattr(exc, "msg", None) or message).strip()
        plain, line, column = toml_hint(message, line or 1, column or 1, text)
        raise TomlProblem(plain, line, column, raw=message) from None
    except RecursionError:
        raise TomlProblem("document nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more than 4300 digits
        raise TomlProblem(f"value cannot be read: {exc}") from None
    return data


def _position(table: dict, path: tuple, display: str, fallback: Position) -> Position:
    found = table.get(path)
    return Position(display, found[0], found[1]) if found else fallback


def _fill(target, source, path, positions, display):
    """Iteratively copy tomllib's result into PosDict/PosList nodes with positions."""
    stack = [(target, source, path)]
    while stack:
        node, value, here = stack.pop()
        parent_pos = node.pos
        if isinstance(value, dict):
            for key, child in value.items():
                child_path = here + (key,)
                key_pos = _position(positions.keys, child_path, display, parent_pos)
                val_pos = _position(positions.values, child_path, display, key_pos)
                converted = _container(child, val_pos)
                node.set(key, converted if converted is not None else _number(child), key_pos, val_pos)
                if converted is not None:
                    stack.append((converted, child, child_path))
        else:
            for index, child in enumerate(value):
                child_path = here + (index,)
                item_pos = _position(positions.values, child_path, display, parent_pos)
                converted = _container(child, item_pos)
                node.add(converted if converted is not None else _number(child), item_pos)
                if converted is not None:
                    stack.append((converted, child, child_path))


def _number(value):
    """nan and inf (or a float too large, 1e400) are no number a spec can mean: text, which the
    schema refuses where a number goes, as for YAML's `.nan`."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _container(value, pos):
    if isinstance(value, dict):
        return PosDict(pos)
    if isinstance(value, list):
        return PosList(pos)
    return None
