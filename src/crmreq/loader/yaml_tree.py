"""Composed YAML nodes → PosDict/PosList/values with positions, scalars resolved here.

Building the tree ourselves keeps what the user wrote: a plain scalar such as `007`,
`+33612345678` or `1.10` keeps its text next to the resolved value (`PosDict.plain`), and the
schema layer uses that text when the field is a string. Plain scalars are resolved by the YAML
1.2 core-schema rules below whichever composer made the nodes, so the two cannot disagree.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import math
import re

from ..positions import PosDict, PosList, Position

MAX_INT_DIGITS = 1000
KEPT_DUPLICATES = 21      # duplicate-key problems kept per file; the loader reports 20 and counts the rest

_NS = "tag:yaml.org,2002:"
_MAP_TAG, _SEQ_TAG = _NS + "map", _NS + "seq"
# the tags a resolver gives plain scalars (YAML 1.1 adds `value` for `=`); their value is resolved here
_STANDARD_SCALAR_TAGS = {_NS + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge", "binary",
                                           "value", "yaml")}

# YAML 1.2 core schema, plus ISO dates (the timestamp type every YAML library resolves)
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL_WORDS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_INT = re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SURROGATE = re.compile("[\ud800-\udfff]")


class YamlProblem(Exception):
    """A YAML document we refuse, with the position to report."""

    duplicate_key = False     # True for the (non-fatal) duplicate-key problems
    raw: str | None = None    # the parser's own message, shown with --debug

    def __init__(self, message: str, line: int = 1, column: int = 1, index: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column, self.index = message, line, column, index


class TreeBuilder:
    """Turns composed nodes into PosDict/PosList/values, resolving scalars ourselves."""

    def __init__(self, display: str, keep_spans: bool = True, real_line_starts: list | None = None):
        self.display = display
        self.real_line_starts = real_line_starts
        if real_line_starts is not None:
            self.at = self._at_index
        self.problems: list[YamlProblem] = []
        self.scalar_spans: list[tuple[int, int]] = []
        self.keep_spans = keep_spans   # only needed to tell comments from `#` inside strings
        self._done: dict[int, object] = {}
        self._building: set[int] = set()
        self._duplicates = 0
        self.more_duplicates = 0

    def at(self, mark) -> Position:
        return Position(self.display, mark.line + 1, mark.column + 1)

    def _at_index(self, mark) -> Position:
        """From the character index: the parsers also break lines at CR, NEL, LS and PS,
        where editors (and findings) count only "\n"."""
        starts = self.real_line_starts
        line = bisect.bisect_right(starts, mark.index)
        return Position(self.display, line, mark.index - starts[line - 1] + 1)

    def pos(self, node) -> Position:
        return self.at(node.start_mark)

    def _lc(self, node):
        position = self.at(node.start_mark)
        return position.line, position.column

    def build(self, node):
        if node.id == "scalar":
            return self.scalar(node)
        key = id(node)
        done = self._done.get(key)
        if done is not None:
            return done
        if key in self._building:
            raise YamlProblem("recursive alias: an anchor refers to itself", *self._lc(node))
        if node.tag not in (_MAP_TAG, _SEQ_TAG):
            raise YamlProblem(f"unsupported YAML tag {node.tag!r}: write plain mappings and lists", *self._lc(node))
        self._building.add(key)
        result = self._mapping(node) if node.id == "mapping" else self._sequence(node)
        self._building.discard(key)
        self._done[key] = result
        return result

    def _sequence(self, node):
        at = self.at
        result = PosList(at(node.start_mark))
        items, positions, plain = result, result.item_pos, result.plain
        for child in node.value:
            if child.id == "scalar":
                item = self.scalar(child)
                if not child.style and not isinstance(item, str):
                    plain[len(items)] = child.value
            else:
                item = self.build(child)
            items.append(item)
            positions.append(at(child.start_mark))
        return result

    def _mapping(self, node):
        at = self.at
        result = PosDict(at(node.start_mark))
        key_pos, val_pos, plain = result.key_pos, result.val_pos, result.plain
        merged: list[PosDict] = []
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                raise YamlProblem("mapping keys must be plain text, not a list or a mapping", *self._lc(key_node))
            if key_node.value == "<<" and not key_node.style:
                sources = value_node.value if value_node.id == "sequence" else [value_node]
                for source in sources:
                    built = self.build(source)
                    if not isinstance(built, PosDict):
                        raise YamlProblem("a merge key (<<) needs a mapping or a list of mappings", *self._lc(source))
                    merged.append(built)
                continue
            key = self.scalar(key_node)
            if not isinstance(key, str):
                key = key_node.value  # `1: x` or `true: x` as a key: keep the text written
            if key in result:
                self._duplicates += 1
                if self._duplicates > KEPT_DUPLICATES:   # 100,000 duplicates must not cost 100,000 messages
                    self.more_duplicates += 1
                    continue
                line, col = self._lc(key_node)
                first = key_pos[key]
                problem = YamlProblem(
                    f"duplicate key `{key}` (first defined on line {first.line}); the first value is kept",
                    line, col,
                )
                problem.duplicate_key = True
                self.problems.append(problem)
                continue
            if value_node.id == "scalar":
                value = self.scalar(value_node)
                if not value_node.style and not isinstance(value, str):
                    plain[key] = value_node.value
            else:
                value = self.build(value_node)
            result[key] = value
            key_pos[key] = at(key_node.start_mark)
            val_pos[key] = at(value_node.start_mark)
        for source in merged:  # explicit keys win over merged ones
            for key, value in source.items():
                if key not in result:
                    result.set(key, value, source.key_pos[key], source.val_pos[key])
        return result

    def scalar(self, node):
        if self.keep_spans:
            self.scalar_spans.append((node.start_mark.index, node.end_mark.index))
        text = node.value
        ctag = node.ctag
        if ctag is not None and (ctag.handle is not None or ctag.suffix not in _STANDARD_SCALAR_TAGS):
            tag = str(ctag)
            if tag not in _STANDARD_SCALAR_TAGS and tag != "?":
                raise YamlProblem(f"unsupported YAML tag {tag!r}: write plain values", *self._lc(node))
        style = node.style
        if style:  # quoted or block scalar: always text
            if style == ">":
                text = text.replace("\a", "")  # ruamel marks folded line breaks with BEL for round-trips
            elif style == '"' and _SURROGATE.search(text):
                text = self._join_surrogates(node, text)
            return text
        return self._resolve_plain(node, text)

    def _join_surrogates(self, node, text: str) -> str:
        """`"\\ud83d\\ude00"` (as `json.dumps` writes an emoji) is the character it encodes; half of
        a pair alone encodes nothing and is refused where it is written."""
        try:
            return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        except UnicodeDecodeError:
            half = _SURROGATE.search(text).group()
            raise YamlProblem(f"lone surrogate \\u{ord(half):04x}: write the character itself, or both halves "
                              "of the pair", *self._lc(node)) from None

    def _resolve_plain(self, node, text: str):
        try:
            return resolve_plain(text)
        except IntegerTooLong as exc:
            raise YamlProblem(f"integer too long ({exc.digits} digits)", *self._lc(node)) from None


class IntegerTooLong(Exception):
    """A plain integer of more than MAX_INT_DIGITS digits: refused where it is written."""

    def __init__(self, digits: int):
        super().__init__(digits)
        self.digits = digits


def resolve_plain(text: str):
    """The value of a plain (unquoted) scalar: YAML 1.2 core schema, plus ISO dates.
    Raises IntegerTooLong past MAX_INT_DIGITS digits."""
    first = text[:1]
    if not first or first in "~nNtTfF":
        if text in _NULL_WORDS:
            return None
        if text in _BOOL_WORDS:
            return text[0] in "tT"
        return text
    if first in "0123456789+-.":
        if _INT.match(text):
            return _int(text)
        if _FLOAT.match(text):
            return _float(text)
        if _DATE.match(text):
            try:
                return _dt.date.fromisoformat(text)
            except ValueError:
                return text  # e.g. 2026-02-30: kept as text, the date check reports it
        return text
    return text


def _int(text: str):
    cleaned = text.replace("_", "")
    lowered = cleaned.lower()
    digits = len(cleaned.lstrip("+-")) - (2 if lowered.lstrip("+-")[:2] in ("0x", "0o") else 0)
    if digits > MAX_INT_DIGITS:
        raise IntegerTooLong(digits)
    try:
        if lowered.startswith("0x"):
            return int(cleaned[2:], 16)
        if lowered.startswith("0o"):
            return int(cleaned[2:], 8)
        return int(cleaned, 10)
    except ValueError:
        return text


def _float(text: str):
    """A float, when it is a number: `.inf`, `.nan` and numbers too large for a float (`1e400`)
    are no amount or weight a spec can mean, so they stay text and the schema asks for a number."""
    try:
        value = float(text.replace("_", ""))
    except ValueError:
        return text
    return value if math.isfinite(value) else text
