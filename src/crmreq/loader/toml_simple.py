"""A line reader for the plain TOML that specs are written in, with positions.

tomllib gives values but no positions, so reading TOML used to cost three passes: tomllib,
the position scanner (`toml_positions`) and the join (`toml_loader._fill`). Spec files use
a small part of TOML: `[table]` and `[[array.of.tables]]` headers of bare keys, and
`key = value` lines with a bare key and a one-line value (a "basic" or 'literal' string,
an integer, a float, a boolean, a date, or a one-line array of those), and comments. This
module reads exactly that part in one pass, straight into the PosDict/PosList tree, with
the positions the three passes give.

It never guesses: anything else (dotted or quoted keys, multi-line strings or arrays,
inline tables, times, a table defined twice, a key written twice, a control character,
anything invalid) makes `read_simple_toml` return None, and the caller reads the text
with tomllib, which also gives the exact error. A differential test holds both paths to
the same tree, positions and comments included, on toml-test, the examples, generated
specs and mutated text.
"""

from __future__ import annotations

import re

import datetime as _dt

from ..positions import PosDict, PosList, Position
from ._characters import RefusedBytes
from ._escapes import unescape

_new_position = tuple.__new__

MAX_HEADER_PARTS = 64   # as toml_guards.MAX_KEY_PARTS: beyond, the guard reports it


class _Decline(Exception):
    """Outside the simple subset: read the text with tomllib."""


# control characters TOML forbids outside strings, and that the reader does not handle inside
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL_BYTES = RefusedBytes(bytes([*range(0x09), *range(0x0b, 0x20), 0x7f]))   # the same, in UTF-8 bytes
_KEY_LINE = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*")
# `key = "text without escapes"`, then maybe a comment
_STRING_LINE = re.compile(r'[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*"([^"\\]*)"[ \t]*(#.*)?$')
# `key = ["text", "text"]`: a one-line array of texts without escapes (a trailing comma allowed)
_STRINGS_LINE = re.compile(
    r'[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*(\[[ \t]*(?:"[^"\\]*"[ \t]*(?:,[ \t]*"[^"\\]*"[ \t]*)*(?:,[ \t]*)?)?\])[ \t]*(#.*)?$')
_QUOTED = re.compile(r'"([^"\\]*)"')
_HEADER = re.compile(r"[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*(\]\]?)[ \t]*(#.*)?$")
_HEADER_PART = re.compile(r"[A-Za-z0-9_-]+")
_LITERAL = re.compile(r"'([^']*)'")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_DECIMAL = re.compile(r"[+-]?(?:0|[1-9](?:_?[0-9])*)")
_PREFIXED = re.compile(r"0(?:x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|o[0-7](?:_?[0-7])*|b[01](?:_?[01])*)")
_FLOAT = re.compile(r"[+-]?(?:0|[1-9](?:_?[0-9])*)(?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?|[+-]?(?:inf|nan)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SCALAR_END = re.compile(r"[ \t]*(?:,|\]|}|#|$)")
_BLANK = re.compile(r"[ \t]*")
_REST = re.compile(r"[ \t]*(#.*)?$")


def _basic_end(line: str, start: int) -> int:
    """Index of the quote that closes the basic string opening at `start`, or -1: the next
    quote with an even number of backslashes before it. (A pattern would keep one
    backtracking mark per escape: 160 MB for a million of them.)"""
    position = start + 1
    while True:
        quote = line.find('"', position)
        if quote < 0:
            return -1
        before = quote - 1
        while before > start and line[before] == "\\":
            before -= 1
        if (quote - 1 - before) % 2 == 0:
            return quote
        position = quote + 1


def _unescape(body: str) -> str:
    return unescape(body, _ESCAPE, _ESCAPES)


def read_simple_toml(text: str, display: str, lines=None, raw: bytes | None = None):
    """(tree, comments) of `text` if it is plain TOML (see the module docstring), else None.
    `lines`: `text.split("\n")`, and `raw`: `text.encode()`, when the caller has them."""
    if _CONTROL_BYTES(raw) if raw is not None else _CONTROL.search(text):
        return None
    try:
        return _read(text, display, text.split("\n") if lines is None else lines)
    except (_Decline, ValueError, OverflowError):
        return None


def _read(text: str, display: str, lines):
    root = PosDict(_new_position(Position, (display, 1, 1)))
    comments: list[tuple[int, int, str]] = []
    table = root
    arrays_of_tables: set[int] = set()     # id() of the PosLists made by [[headers]]
    inline_tables: set[int] = set()        # id() of `{…}` tables: TOML forbids extending them
    key_line = _KEY_LINE.match
    string_line = _STRING_LINE.match
    strings_line = _STRINGS_LINE.match
    for index, line in enumerate(lines):
        number = index + 1
        match = string_line(line)
        if match is not None:   # the usual line, `key = "text"`, read in one match
            _put(table, match.group(1), match.group(2), _new_position(Position, (display, number, match.start(1) + 1)),
                 _new_position(Position, (display, number, match.start(2))))
            if match.group(3) is not None:
                comments.append((number, match.start(3) + 1, match.group(3)))
            continue
        match = strings_line(line)
        if match is not None:   # `key = ["text", "text"]`, also read in one match
            start = match.start(2)
            array = PosList(_new_position(Position, (display, number, start + 1)))
            for item in _QUOTED.finditer(line, start, match.end(2)):
                array.append(item.group(1))
                array.item_pos.append(_new_position(Position, (display, number, item.start() + 1)))
            _put(table, match.group(1), array, _new_position(Position, (display, number, match.start(1) + 1)), array.pos)
            if match.group(3) is not None:
                comments.append((number, match.start(3) + 1, match.group(3)))
            continue
        match = key_line(line)
        if match is not None:
            start = match.end()
            value, end = _value(line, start, display, number, inline_tables)
            rest = _REST.match(line, end)
            if rest is None:
                raise _Decline
            if rest.group(1) is not None:
                comments.append((number, rest.start(1) + 1, rest.group(1)))
            _put(table, match.group(1), value, _new_position(Position, (display, number, match.start(1) + 1)),
                 _new_position(Position, (display, number, start + 1)))
            continue
        content = line.lstrip(" \t")
        if not content:
            continue
        if content[0] == "#":
            comments.append((number, len(line) - len(content) + 1, content))
            continue
        if content[0] != "[":
            raise _Decline
        header = _HEADER.match(line)
        if header is None or len(header.group(1)) != len(header.group(3)):
            raise _Decline
        if header.group(4) is not None:
            comments.append((number, header.start(4) + 1, header.group(4)))
        table = _open_table(root, header, arrays_of_tables, inline_tables, display, number)
    return root, comments


def _put(table: PosDict, key: str, value, key_at: Position, value_at: Position) -> None:
    """`key = value` in `table`; a key written twice is tomllib's to report."""
    if key in table:
        raise _Decline
    table.set(key, value, key_at, value_at)


def _open_table(root: PosDict, header, arrays_of_tables: set, inline_tables: set, display: str, number: int) -> PosDict:
    """The table a `[header]` or `[[header]]` opens, created as TOML says; declines on
    anything tomllib would refuse (or that would need its subtler rules)."""
    bracket_at = _new_position(Position, (display, number, header.start(1) + 1))
    parts = [(m.group(), header.start(2) + m.start() + 1) for m in _HEADER_PART.finditer(header.group(2))]
    if len(parts) > MAX_HEADER_PARTS:
        raise _Decline
    node = root
    for name, column in parts[:-1]:
        child = node.get(name)
        if child is None:
            at = _new_position(Position, (display, number, column))
            child = PosDict(at)
            node.set(name, child, at, at)
        elif child.__class__ is PosList and id(child) in arrays_of_tables:
            child = child[-1]
        elif child.__class__ is not PosDict or id(child) in inline_tables:
            raise _Decline
        node = child
    name, column = parts[-1]
    at_key = _new_position(Position, (display, number, column))
    existing = node.get(name)
    table = PosDict(bracket_at)
    if len(header.group(1)) == 1:
        if existing is not None:
            raise _Decline   # defined twice, or implicitly first: tomllib's rules decide
        node.set(name, table, at_key, bracket_at)
        return table
    if existing is None:
        array = PosList(bracket_at)
        arrays_of_tables.add(id(array))
        node.set(name, array, at_key, bracket_at)
    elif existing.__class__ is PosList and id(existing) in arrays_of_tables:
        array = existing
    else:
        raise _Decline
    array.append(table)
    array.item_pos.append(bracket_at)
    return table


def _value(line: str, start: int, display: str, number: int, inline_tables: set):
    """(value, end index) of the one-line value at `line[start:]`."""
    first = line[start:start + 1]
    if first == "[":
        return _array(line, start, display, number)
    if first == "{":
        table, end = _inline_table(line, start, display, number)
        inline_tables.add(id(table))
        return table, end
    return _scalar(line, start)


def _inline_table(line: str, start: int, display: str, number: int):
    """A one-line inline table of scalars with bare keys: `{ value = 1, unit = "s" }`."""
    result = PosDict(_new_position(Position, (display, number, start + 1)))
    position = _BLANK.match(line, start + 1).end()
    if line[position:position + 1] == "}":
        return result, position + 1
    while True:
        match = _KEY_LINE.match(line, position)
        if match is None:
            raise _Decline   # dotted or quoted keys, or not a key at all
        value_start = match.end()
        if line[value_start:value_start + 1] in ("[", "{"):
            raise _Decline
        value, end = _scalar(line, value_start)
        _put(result, match.group(1), value, _new_position(Position, (display, number, match.start(1) + 1)),
             _new_position(Position, (display, number, value_start + 1)))
        position = _BLANK.match(line, end).end()
        separator = line[position:position + 1]
        if separator == "}":
            return result, position + 1
        if separator != ",":
            raise _Decline   # TOML 1.0 has no trailing comma in inline tables
        position += 1


def _scalar(line: str, start: int):
    first = line[start:start + 1]
    if first == '"':
        if line.startswith('"""', start):
            raise _Decline
        end = _basic_end(line, start)
        if end < 0:
            raise _Decline
        return _unescape(line[start + 1:end]), end + 1
    if first == "'":
        if line.startswith("'''", start):
            raise _Decline
        match = _LITERAL.match(line, start)
        if match is None:
            raise _Decline
        return match.group(1), match.end()
    if first == "t" and line.startswith("true", start):
        end = start + 4
        value = True
    elif first == "f" and line.startswith("false", start):
        end = start + 5
        value = False
    else:
        match = _DATE.match(line, start)
        if match is not None:
            end = match.end()
            value = _dt.date.fromisoformat(match.group())   # ValueError (30 February): declined
        else:
            match = _PREFIXED.match(line, start)
            if match is not None:
                end = match.end()
                digits = match.group().replace("_", "")
                value = int(digits[2:], {"x": 16, "o": 8, "b": 2}[digits[1]])
            else:
                match = _FLOAT.match(line, start)
                if match is None:
                    raise _Decline
                end = match.end()
                written = match.group()
                integer = _DECIMAL.fullmatch(written)
                if integer is not None:
                    if len(written) > 100:
                        raise _Decline   # tomllib's own limits and messages
                    value = int(written.replace("_", ""))
                else:
                    value = float(written.replace("_", ""))
    if _SCALAR_END.match(line, end) is None:
        raise _Decline   # `1979-05-27T07:32:00`, `12abc`, …
    return value, end


def _array(line: str, start: int, display: str, number: int):
    """A one-line array of scalars (a trailing comma is allowed, as in TOML)."""
    result = PosList(_new_position(Position, (display, number, start + 1)))
    position = _BLANK.match(line, start + 1).end()
    while True:
        if line[position:position + 1] == "]":
            return result, position + 1
        first = line[position:position + 1]
        if not first or first in "[{#,":
            raise _Decline   # nested, inline table, comment or line break inside: tomllib
        value, end = _scalar(line, position)
        result.append(value)
        result.item_pos.append(_new_position(Position, (display, number, position + 1)))
        position = _BLANK.match(line, end).end()
        separator = line[position:position + 1]
        if separator == ",":
            position = _BLANK.match(line, position + 1).end()
        elif separator != "]":
            raise _Decline
