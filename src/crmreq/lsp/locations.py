"""Positions in LSP terms: the model counts lines and columns from 1 in characters, LSP counts
from 0 in the client's code units (UTF-16 unless negotiated); and the span a value takes on its line."""

from __future__ import annotations

from typing import NamedTuple

from lsprotocol import types

from ..positions import Position


class Span(NamedTuple):
    """Characters `start`..`end` (0-based, end excluded) of line `line` (1-based) of a file."""

    file: str      # display path, as in findings and model positions
    line: int
    start: int
    end: int

    def holds(self, file: str, line: int, column: int) -> bool:
        """Whether the 0-based character `column` of `line` (1-based) is in this span or just after it."""
        return self.file == file and self.line == line and self.start <= column <= self.end


def value_span(lines, at: Position, value: str) -> Span | None:
    """Where `value` is written at or after `at` on its line (inside its quotes, if any), or None."""
    if not isinstance(value, str) or not value or not 0 < at.line <= len(lines):
        return None
    text = lines[at.line - 1]
    start = at.column - 1
    if text[start:start + 1] in ("'", '"'):
        start += 1
    if text[start:start + len(value)] != value:
        start = text.find(value, at.column - 1)
        if start < 0:
            return None
    return Span(at.file, at.line, start, start + len(value))


def to_client(codec, lines, line: int, column: int) -> types.Position:
    """The LSP position of 1-based `line` and 0-based character `column` of a file with `lines`."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return types.Position(line=max(line - 1, 0), character=codec.client_num_units(text[:column]))


def span_range(codec, lines, span: Span) -> types.Range:
    return types.Range(start=to_client(codec, lines, span.line, span.start),
                       end=to_client(codec, lines, span.line, span.end))


def from_client(codec, lines, position: types.Position) -> tuple[int, int]:
    """(1-based line, 0-based character) of an LSP position in a file with `lines`."""
    text = lines[position.line] if 0 <= position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(text):
        if units >= position.character:
            return position.line + 1, index
        units += codec.client_num_units(char)
    return position.line + 1, len(text)
