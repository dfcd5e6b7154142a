"""Where a word of a requirement text is in its file, so that a wording finding points at the
word, not at the field's key.

The loader keeps where each field's value starts (`PosDict.value_where`). The word is searched in
the file from there, folded like the text, with any run of spaces, line breaks, indentation or
punctuation allowed between its words: a plain or quoted scalar on one line, a folded (`>`) or
literal (`|`) block scalar, a TOML multi-line string all give the word's own line and column.
When the value was not written as text (an objective's `metric` given as `{value, unit}`), or
the word cannot be found as written (an escape sequence inside it), the finding stays on the
field's key.
"""

from __future__ import annotations

import bisect
import re

from ...positions import PosDict, PosList, Position
from ...values import fold

_SECTIONS = {"feature": "features", "nfr": "nfr", "objective": "objectives"}
_WORD = re.compile(r"[^\W_]+")


class Locator:
    """Finds words of one spec's requirement texts in its files (built once per rule run)."""

    def __init__(self, spec):
        self.spec = spec
        self._items: dict[str, dict[Position, PosDict]] = {}
        self._folded: dict[str, tuple[str, list[int]]] = {}

    def _raw_item(self, kind: str, item) -> PosDict | None:
        section = _SECTIONS.get(kind)
        if section not in self._items:
            raw = self.spec.raw.get(section) if isinstance(self.spec.raw, dict) else None
            found: dict[Position, PosDict] = {}
            if isinstance(raw, PosList):
                for index, value in enumerate(raw):
                    if isinstance(value, PosDict):
                        found.setdefault(raw.where(index), value)
            self._items[section] = found
        return self._items[section].get(getattr(item, "pos", None))

    def _source(self, path: str) -> tuple[str, list[int]] | None:
        """The file's text folded, and the offset where each of its lines starts."""
        if path not in self._folded:
            lines = next((f.lines for f in self.spec.files if f.path == path), None)
            if not lines:
                return None
            starts, offset = [], 0
            for line in lines:
                starts.append(offset)
                offset += len(line) + 1
            self._folded[path] = (fold("\n".join(lines)), starts)
        return self._folded[path]

    def word(self, text, start: int, end: int) -> Position:
        """The position of text.text[start:end] in its file; the field's key when it cannot be found."""
        fallback = text.item.where(text.field)
        raw = self._raw_item(text.kind, text.item)
        if raw is None or text.field not in raw or not isinstance(raw.get(text.field), str):
            return fallback
        value_at = raw.value_where(text.field)
        source = self._source(value_at.file)
        words = _WORD.findall(text.folded[start:end])
        if source is None or not words or value_at.line < 1:
            return fallback
        folded, starts = source
        if value_at.line > len(starts):
            return fallback
        pattern = re.compile(r"(?<![^\W_])" + r"[\W_]+".join(re.escape(w) for w in words) + r"(?![^\W_])")
        # the same words may come earlier in the text: take the same occurrence in the file
        rank = len(pattern.findall(text.folded[:start]))
        begin = starts[value_at.line - 1] + max(value_at.column - 1, 0)
        limit = begin + 3 * len(text.text) + 200      # a block scalar's indentation, quotes, escapes
        for index, match in enumerate(pattern.finditer(folded, begin, limit)):
            if index == rank:
                return _position(value_at.file, starts, match.start())
        return fallback


def _position(path: str, starts: list[int], offset: int) -> Position:
    line = bisect.bisect_right(starts, offset) - 1
    return Position(path, line + 1, offset - starts[line] + 1)
