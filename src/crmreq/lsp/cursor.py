"""Where the cursor is in the text being typed: the key path of the mapping around it, and
whether it is on a key or in a field's value. Read from the lines themselves (indentation for
YAML, table headers and dotted keys for TOML), never from a parser: a half-typed line must work.

Paths are tuples of keys, "*" standing for an item of a list: ("features", "*", "teams").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

# `  - - key: value`: indentation, list dashes, then maybe a key and its colon
_YAML_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:-(?: +|$))*)"
                        r"(?:(?P<key>[A-Za-z_][\w.-]*|\"[^\"]*\"|'[^']*') *:(?= |$))?")
_TOML_HEADER = re.compile(r"^\s*(?P<open>\[\[?)\s*(?P<name>[^\]#]*?)\s*\]")
_TOML_KEY = re.compile(r"^\s*(?P<key>[A-Za-z0-9_\-\"'.][\w\-\"'. ]*?)\s*=")
_WORD_BEFORE = re.compile(r"[\w.\-]*$")


@dataclass(frozen=True)
class Cursor:
    """`path` is the mapping the cursor is in. `key` is the field whose value is being typed (None
    when a key is being typed); `in_list` when that value is a list; `prefix` is what is typed of
    the current word, which a completion replaces (from character `start` of the line)."""

    path: tuple
    key: str | None
    prefix: str
    start: int
    in_list: bool = False
    quoted: bool = False
    header: str = ""      # TOML: "[[" while typing an array of tables' name, "[" a table's


@dataclass(frozen=True)
class KeyAt:
    """A key under the cursor: its full path (the key last) and its span on the line."""

    path: tuple
    start: int
    end: int


# --- YAML ---------------------------------------------------------------------------------------

def _shape(text: str):
    """(key column or None, key or None, first dash column or None) of a line; None for a blank or comment."""
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    match = _YAML_LINE.match(text)
    indent, dashes = len(match["indent"]), match["dashes"]
    key = match["key"].strip("\"'") if match["key"] else None
    return (indent + len(dashes) if key else None), key, (indent if dashes else None)


def yaml_parents(lines, line: int, column: int, after_item: bool = False) -> tuple:
    """The key path of what starts at `column` of 0-based `line`, from the lines above it."""
    path: list = []
    limit = column
    for index in range(min(line, len(lines)) - 1, -1, -1):
        shape = _shape(lines[index])
        if shape is None:
            continue
        key_col, key, item_col = shape
        if key is not None and (key_col < limit or (after_item and key_col == limit)):
            path.insert(0, key)
            limit, after_item = key_col, False
            if item_col is not None:          # `- key:`: the key opens an item of a list
                path.insert(0, "*")
                limit, after_item = item_col, True
        elif item_col is not None and item_col < limit:
            path.insert(0, "*")               # a sibling key of the item's first one
            limit, after_item = item_col, True
        if limit == 0 and not after_item:
            break
    return tuple(path)


def yaml_cursor(lines, line: int, column: int, holds_mappings: Callable[[tuple], bool]) -> Cursor | None:
    """The cursor at 0-based `line` and character `column` of a YAML text; None where nothing fits
    (inside a comment, a flow mapping…). `holds_mappings(path)` tells a list of items from a list of values."""
    text = lines[line] if line < len(lines) else ""
    before = text[:column]
    if re.search(r"(^|\s)#", before):
        return None                           # in a comment
    match = _YAML_LINE.match(before)
    indent, dashes = len(match["indent"]), match["dashes"]
    if match["key"]:
        key = match["key"].strip("\"'")
        parent = _yaml_owner(lines, line, indent, dashes)
        rest = before[match.end():].lstrip()
        return _value_cursor(parent, key, rest, column)
    rest = before[match.end():]
    if "{" in rest or ":" in rest:
        return None                           # a flow mapping or an odd key: nothing sure to offer
    word = rest.lstrip()
    quoted = word[:1] in ("'", '"')
    word = word.lstrip("\"'")
    if dashes:
        holder = yaml_parents(lines, line, indent, after_item=True)
        if holder and not holds_mappings(holder):
            return Cursor(holder[:-1], holder[-1], word, column - len(word), in_list=True, quoted=quoted)
        return Cursor((*holder, "*"), None, word, column - len(word))
    return Cursor(yaml_parents(lines, line, indent), None, word, column - len(word))


def _yaml_owner(lines, line: int, indent: int, dashes: str) -> tuple:
    """The path of the mapping a key written on `line` belongs to."""
    if dashes:
        return (*yaml_parents(lines, line, indent, after_item=True), "*")
    return yaml_parents(lines, line, indent)


def _value_cursor(parent: tuple, key: str, rest: str, column: int) -> Cursor | None:
    """In the value of `key`: a plain value, or an element of a flow list `[a, b`; None in an
    inline mapping `{a: b`, whose keys this reading does not follow."""
    if "{" in rest:
        return None
    in_list = rest.startswith("[")
    if in_list:
        rest = re.split(r"[\[,]", rest)[-1]
    rest = rest.lstrip()
    quoted = rest[:1] in ("'", '"')
    word = rest.lstrip("\"'")
    return Cursor(parent, key, word, column - len(word), in_list=in_list, quoted=quoted)


def yaml_key_at(lines, line: int, column: int) -> KeyAt | None:
    """The key under the cursor, with its full path."""
    text = lines[line] if line < len(lines) else ""
    match = _YAML_LINE.match(text)
    if not match["key"]:
        return None
    start, end = match.start("key"), match.end("key")
    if not start <= column <= end:
        return None
    return KeyAt((*_yaml_owner(lines, line, len(match["indent"]), match["dashes"]), match["key"].strip("\"'")),
                 start, end)


# --- TOML ---------------------------------------------------------------------------------------

def _dotted(name: str) -> tuple:
    return tuple(part.strip().strip("\"'") for part in name.split("."))


def toml_table(lines, line: int, is_list: Callable[[tuple], bool]) -> tuple:
    """The path of the table `line` is in, from the nearest header above (`[[features]]` → ("features", "*"))."""
    for index in range(min(line, len(lines)) - 1, -1, -1):
        match = _TOML_HEADER.match(lines[index])
        if match:
            return _table_path(_dotted(match["name"]), match["open"] == "[[", is_list)
    return ()


def _table_path(parts: tuple, array: bool, is_list) -> tuple:
    """`[[rgpd.purposes]]` → ("rgpd", "purposes", "*"); `[features.metric]` after `[[features]]`
    names the last feature's table → ("features", "*", "metric")."""
    path: list = []
    for position, part in enumerate(parts):
        path.append(part)
        last = position == len(parts) - 1
        if (last and array) or (not last and is_list(tuple(path))):
            path.append("*")
    return tuple(path)


def toml_cursor(lines, line: int, column: int, is_list: Callable[[tuple], bool]) -> Cursor | None:
    """The cursor at 0-based `line` and character `column` of a TOML text; None where nothing fits."""
    text = lines[line] if line < len(lines) else ""
    before = text[:column]
    if "#" in before and not re.search(r"[\"']", before.split("#")[0]):
        return None
    header = re.match(r"^\s*(?P<open>\[\[?)\s*(?P<name>[\w.\-]*)$", before)
    if header:                                 # `[[fea`: a section name
        parts = _dotted(header["name"])
        word = parts[-1]
        return Cursor(_table_path(parts[:-1], False, is_list), None, word, column - len(word), header=header["open"])
    table = toml_table(lines, line, is_list)
    assignment = _TOML_KEY.match(before)
    if assignment:
        parts = _dotted(assignment["key"])
        rest = before[assignment.end():].lstrip()
        return _value_cursor((*table, *parts[:-1]), parts[-1], rest, column)
    opened = _open_array(lines, line, before)
    if opened is not None:
        parts = _dotted(opened)
        rest = re.split(r"[\[,]", before)[-1].lstrip()
        quoted = rest[:1] in ("'", '"')
        word = rest.lstrip("\"'")
        return Cursor((*table, *parts[:-1]), parts[-1], word, column - len(word), in_list=True, quoted=quoted)
    if not re.match(r"^\s*[\w.\-\"']*$", before):
        return None
    parts = _dotted(before.strip())
    word = parts[-1]
    return Cursor((*table, *parts[:-1]), None, word, column - len(word))


def _open_array(lines, line: int, before: str) -> str | None:
    """The key of a multi-line array `key = [` still open at the cursor, or None."""
    depth = before.count("[") - before.count("]")
    for index in range(min(line, len(lines)) - 1, -1, -1):
        text = lines[index].split("#")[0]
        if _TOML_HEADER.match(text):
            return None
        depth += text.count("[") - text.count("]")
        assignment = _TOML_KEY.match(text)
        if assignment:
            return assignment["key"] if depth > 0 else None
    return None


def toml_key_at(lines, line: int, column: int, is_list: Callable[[tuple], bool]) -> KeyAt | None:
    """The key (or the table header) under the cursor, with its full path."""
    text = lines[line] if line < len(lines) else ""
    header = _TOML_HEADER.match(text)
    if header and header.start("name") <= column <= header.end("name"):
        parts = _dotted(header["name"])
        return KeyAt(_table_path(parts, False, is_list), header.start("name"), header.end("name"))
    assignment = _TOML_KEY.match(text)
    if not assignment or not assignment.start("key") <= column <= assignment.end("key"):
        return None
    table = toml_table(lines, line, is_list)
    return KeyAt((*table, *_dotted(assignment["key"])), assignment.start("key"), assignment.end("key"))


def word_at(text: str, column: int) -> tuple[int, int]:
    """The span of the word (letters, digits, `-`, `_`, `.`) around character `column`."""
    start = column - len(_WORD_BEFORE.search(text[:column]).group())
    end = column + len(re.match(r"[\w.\-]*", text[column:]).group())
    return start, end
