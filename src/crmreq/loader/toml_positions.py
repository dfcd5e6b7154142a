"""Source positions for TOML documents.

``tomllib`` (and ``tomli``) turn TOML text into plain Python data but keep no
trace of where anything was written. crmreq reports findings as
``file:line:col`` and honours inline suppression comments such as
``# crmreq: ignore[S004]``, so next to the parsed data it needs the position of
every key, every value, every array item and every comment.

This module provides them with a small tokenizer plus a structural walker that
follows TOML 1.0 table semantics: ``[table]`` headers, ``[[arrays.of.tables]]``
(including sub-tables of the last element and nested arrays of tables), dotted
keys, quoted keys, inline tables, arrays, implicitly created super-tables and all
four string kinds. It is deliberately liberal (it also accepts the TOML 1.1
additions: newlines, comments and trailing commas in inline tables, ``\\e`` and
``\\xHH`` escapes in keys) because it does not validate: the values come from
``tomllib``; this module only says where they are.

:func:`scan_toml` never raises. It runs in linear time without recursion (deeply
nested arrays use an explicit stack). On malformed input it stops at the first
thing it cannot make sense of and returns the positions gathered so far.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field


__all__ = ["MAX_PATH_DEPTH", "TomlPositions", "scan_toml"]

#: Deepest path recorded. The output holds one tuple per prefix of a path, so
#: its size grows with the square of the depth; past this depth (far beyond
#: anything ``tomllib`` parses in practice) the scan stops and returns what it has.
MAX_PATH_DEPTH = 2000

_BLANK = re.compile(r"[ \t]*")
_BLANK_AND_NEWLINES = re.compile(r"[ \t\r\n]*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# A number, boolean, date/time (which may contain one space) or inf/nan: it runs
# up to the next separator. Only its start matters here.
_SCALAR = re.compile(r"[^,\]}#\r\n]+")
_NEWLINE = re.compile(r"\n")
_BASIC_STRING_STOP = re.compile(r'["\\\n]')
_MULTILINE_BASIC_STOP = re.compile(r'"""|\\')
_KEY_ESCAPE = re.compile(
    r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))", re.DOTALL
)
_SIMPLE_ESCAPES = {
    "b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r",
    "e": "\x1b", '"': '"', "\\": "\\",
}


@dataclass
class TomlPositions:
    """Where the keys, values and comments of a TOML document are (1-based line, column).

    Paths are tuples of ``str`` keys and ``int`` indices, the steps used to walk
    the ``tomllib`` result. Columns count characters, not bytes; a leading BOM
    is not a column.
    """

    #: path -> position of the key that defines it. For a ``[header]`` table,
    #: the last key part of the header; for an implicitly created super-table,
    #: its part in the first header or dotted key that creates it (an explicit
    #: ``[header]`` later takes over). Elements of an array of tables
    #: (``("features", 1)``) get the key of their own ``[[features]]`` header.
    keys: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    #: path -> position where the value starts: the ``[`` of a header, the
    #: ``[`` / ``{`` / quote / first character of a value, the start of an array item.
    values: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    #: (line, column, text from ``#`` to the end of the line) of every real comment.
    comments: list[tuple[int, int, str]] = field(default_factory=list)


def scan_toml(text: str) -> TomlPositions:
    """Locate every key, value, array item and comment of a TOML document.

    Never raises: on malformed input (or anything that is not text) the
    positions found before the problem are returned.
    """
    positions = TomlPositions()
    try:
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode("utf-8", "replace")
        if isinstance(text, str):
            _Scanner(text, positions).scan_document()
    except Exception:  # noqa: BLE001 - by contract: partial positions, never an error
        pass
    return positions


class _ScanError(Exception):
    """The text is not TOML the walker can follow; stop and keep what was found."""


class _OpenContainer:
    """An array or inline table being read by the value walker."""

    __slots__ = ("path", "is_array", "item_count", "expects_separator")

    def __init__(self, path: tuple, is_array: bool):
        self.path = path
        self.is_array = is_array
        self.item_count = 0
        self.expects_separator = False


def _child(path: tuple, step) -> tuple:
    if len(path) >= MAX_PATH_DEPTH:
        raise _ScanError("document nested too deeply")
    return path + (step,)


def _decode_key_escapes(raw: str) -> str:
    """The value of a basic-string key, as tomllib decodes it."""
    if "\\" not in raw:
        return raw

    def replace(match: re.Match) -> str:
        hex_digits = match.group(1) or match.group(2) or match.group(3)
        if hex_digits:
            return chr(int(hex_digits, 16))
        char = match.group(4)
        return _SIMPLE_ESCAPES.get(char, "\\" + char)

    return _KEY_ESCAPE.sub(replace, raw)


class _Scanner:
    """One pass over the text: tokenizes and tracks which table each line belongs to."""

    def __init__(self, text: str, positions: TomlPositions):
        if text.startswith("\ufeff"):
            text = text[1:]
        self.text = text
        self.end = len(text)
        self.i = 0
        self.keys = positions.keys
        self.values = positions.values
        self.comments = positions.comments
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.current_table: tuple = ()
        # resolved path of an array of tables -> number of elements so far
        self.array_table_lengths: dict[tuple, int] = {}
        # super-tables created by a header's prefix and not (yet) defined explicitly
        self.implicit_tables: set[tuple] = set()

    # -- low-level helpers -------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def peek(self) -> str:
        return self.text[self.i] if self.i < self.end else ""

    def skip(self, pattern: re.Pattern) -> None:
        self.i = pattern.match(self.text, self.i).end()

    def expect(self, token: str) -> None:
        if not self.text.startswith(token, self.i):
            raise _ScanError(f"expected {token!r}")
        self.i += len(token)

    def read_comment(self) -> None:
        """Record the comment starting at the current ``#``; stop before the newline."""
        start = self.i
        newline = self.text.find("\n", start)
        stop = self.end if newline < 0 else newline
        comment = self.text[start:stop]
        if comment.endswith("\r"):
            comment = comment[:-1]
        self.comments.append((*self.position(start), comment))
        self.i = stop

    def skip_blank_lines_and_comments(self) -> None:
        while True:
            self.skip(_BLANK_AND_NEWLINES)
            if self.peek() != "#":
                return
            self.read_comment()

    def expect_line_end(self) -> None:
        """After a header or key/value: optional comment, then newline or end of text."""
        self.skip(_BLANK)
        if self.peek() == "#":
            self.read_comment()
        if self.i >= self.end:
            return
        if self.text.startswith("\r\n", self.i):
            self.i += 2
        else:
            self.expect("\n")

    # -- strings and scalars ----------------------------------------------

    def skip_basic_string(self) -> None:
        """Skip ``"..."`` starting at the current quote."""
        text, k = self.text, self.i + 1
        while True:
            stop = _BASIC_STRING_STOP.search(text, k)
            if stop is None or stop.group() == "\n":
                raise _ScanError("unterminated string")
            if stop.group() == '"':
                self.i = stop.end()
                return
            k = stop.end() + 1  # a backslash escapes the next character

    def skip_literal_string(self) -> None:
        """Skip ``'...'`` starting at the current quote."""
        close = self.text.find("'", self.i + 1)
        if close < 0 or "\n" in self.text[self.i + 1:close]:
            raise _ScanError("unterminated string")
        self.i = close + 1

    def skip_closing_quotes(self, close: int, quote: str) -> None:
        """End a multi-line string whose ``quote * 3`` starts at ``close``.

        Up to two more quotes right before the delimiter belong to the string
        (``""""a""""`` is the text ``"a"``): the delimiter is the last three.
        """
        end = close + 3
        for _ in range(2):
            if end < self.end and self.text[end] == quote:
                end += 1
        self.i = end

    def skip_multiline_basic_string(self) -> None:
        """Skip ``\"\"\"...\"\"\"`` (escaped quotes, line-ending backslashes)."""
        text, k = self.text, self.i + 3
        while True:
            stop = _MULTILINE_BASIC_STOP.search(text, k)
            if stop is None:
                raise _ScanError("unterminated string")
            if stop.group() == "\\":
                k = stop.end() + 1
                continue
            self.skip_closing_quotes(stop.start(), '"')
            return

    def skip_multiline_literal_string(self) -> None:
        """Skip ``'''...'''``."""
        close = self.text.find("'''", self.i + 3)
        if close < 0:
            raise _ScanError("unterminated string")
        self.skip_closing_quotes(close, "'")

    def skip_scalar(self) -> None:
        """Skip one string, number, boolean or date/time."""
        text, i = self.text, self.i
        if text.startswith('"""', i):
            self.skip_multiline_basic_string()
        elif text.startswith("'''", i):
            self.skip_multiline_literal_string()
        elif text.startswith('"', i):
            self.skip_basic_string()
        elif text.startswith("'", i):
            self.skip_literal_string()
        else:
            match = _SCALAR.match(text, i)
            if match is None or not match.group().strip():
                raise _ScanError("expected a value")
            self.i = match.end()

    # -- keys --------------------------------------------------------------

    def read_key(self) -> list[tuple[str, int]]:
        """Read a (dotted) key; return its parts as ``(name, offset)``."""
        parts = []
        while True:
            self.skip(_BLANK)
            start, char = self.i, self.peek()
            if char == '"':
                self.skip_basic_string()
                name = _decode_key_escapes(self.text[start + 1:self.i - 1])
            elif char == "'":
                self.skip_literal_string()
                name = self.text[start + 1:self.i - 1]
            else:
                match = _BARE_KEY.match(self.text, start)
                if match is None:
                    raise _ScanError("expected a key")
                name = match.group()
                self.i = match.end()
            parts.append((name, start))
            self.skip(_BLANK)
            if self.peek() != ".":
                return parts
            self.i += 1

    def define_dotted_key(self, table: tuple, parts: list[tuple[str, int]]) -> tuple:
        """Record the keys of ``a.b.c`` under ``table``; return the full path."""
        path = table
        for name, offset in parts[:-1]:
            path = _child(path, name)
            where = self.position(offset)
            self.keys.setdefault(path, where)
            self.values.setdefault(path, where)
        name, offset = parts[-1]
        path = _child(path, name)
        self.keys[path] = self.position(offset)
        return path

    # -- document structure -------------------------------------------------

    def scan_document(self) -> None:
        text = self.text
        while True:
            self.skip(_BLANK)
            if self.i >= self.end:
                return
            char = text[self.i]
            if char == "\n":
                self.i += 1
            elif text.startswith("\r\n", self.i):
                self.i += 2
            elif char == "#":
                self.read_comment()
            else:
                if char == "[":
                    self.read_table_header()
                else:
                    self.read_key_value(self.current_table)
                self.expect_line_end()

    def read_table_header(self) -> None:
        bracket = self.i
        is_array = self.text.startswith("[[", bracket)
        self.i += 2 if is_array else 1
        parts = self.read_key()
        self.expect("]]" if is_array else "]")
        self.current_table = self.open_table(parts, bracket, is_array)

    def open_table(self, parts: list[tuple[str, int]], bracket: int, is_array: bool) -> tuple:
        """Resolve a header to the path it opens, recording the positions it defines.

        Each prefix that names an array of tables steps into its last element,
        which is how ``[[fruits.varieties]]`` and ``[fruits.physical]`` attach to
        the latest ``[[fruits]]``.
        """
        path: tuple = ()
        for name, offset in parts[:-1]:
            path = _child(path, name)
            if path in self.array_table_lengths:
                path = _child(path, self.array_table_lengths[path] - 1)
            elif path not in self.keys:
                where = self.position(offset)
                self.keys[path] = self.values[path] = where
                self.implicit_tables.add(path)
        name, offset = parts[-1]
        path = _child(path, name)
        key_position, bracket_position = self.position(offset), self.position(bracket)
        if path not in self.keys or path in self.implicit_tables:
            self.keys[path], self.values[path] = key_position, bracket_position
            self.implicit_tables.discard(path)
        if not is_array:
            return path
        length = self.array_table_lengths.get(path, 0)
        self.array_table_lengths[path] = length + 1
        element = _child(path, length)
        self.keys[element], self.values[element] = key_position, bracket_position
        return element

    def read_key_value(self, table: tuple) -> None:
        parts = self.read_key()
        self.expect("=")
        self.skip(_BLANK)
        self.read_value(self.define_dotted_key(table, parts))

    def read_value(self, path: tuple) -> None:
        """Record the value at ``path`` and everything nested in it, iteratively."""
        open_containers: list[_OpenContainer] = []
        pending: tuple | None = path  # path of the value that starts at self.i
        while True:
            if pending is not None:
                self.values[pending] = self.position(self.i)
                char = self.peek()
                if char in ("[", "{"):
                    self.i += 1
                    open_containers.append(_OpenContainer(pending, char == "["))
                else:
                    self.skip_scalar()
                    if not open_containers:
                        return
                pending = None
                continue

            container = open_containers[-1]
            self.skip_blank_lines_and_comments()
            char = self.peek()
            if char == ("]" if container.is_array else "}"):
                self.i += 1
                open_containers.pop()
                if not open_containers:
                    return
            elif container.expects_separator:
                self.expect(",")
                container.expects_separator = False
            else:
                if container.is_array:
                    pending = _child(container.path, container.item_count)
                    container.item_count += 1
                else:
                    parts = self.read_key()
                    self.expect("=")
                    self.skip(_BLANK)
                    pending = self.define_dotted_key(container.path, parts)
                container.expects_separator = True
