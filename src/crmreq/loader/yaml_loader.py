"""YAML → raw tree with positions, through ruamel.yaml's composer.

We compose (parse to nodes) rather than construct: nodes carry start/end marks for every
key, item and scalar, and the exact text of each scalar. Building the tree ourselves lets
us keep what the user wrote: a plain scalar such as `007`, `+33612345678` or `1.10` keeps
its text next to the resolved value, and the schema layer uses that text when the field
is a string (see `PlainScalar`). The composer is guarded against alias bombs and deep
nesting (research/robustness.md §3), and every parser exception is caught: bad input
becomes a `ParseProblem` with a position, never a traceback.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
from dataclasses import dataclass

from ..positions import PosDict, PosList, Position

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 1_000_000
MAX_ALIASES = 10_000
MAX_INT_DIGITS = 1000

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class YamlProblem(Exception):
    """A YAML document we refuse, with the position to report."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass
class ParseResult:
    data: object
    problems: list            # list[YamlProblem]: non-fatal (duplicate keys…)
    scalar_spans: list        # (start_index, end_index) of every scalar, for comment detection


def _guarded_composer_class():
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.events import AliasEvent
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    class GuardedComposer(Composer):
        """Refuses alias bombs while composing: counts the expanded size of every alias."""

        def __init__(self, loader=None):
            super().__init__(loader)
            self._sizes: dict[int, int] = {}
            self._expanded = 0
            self._aliases = 0

        def _size(self, node) -> int:
            key = id(node)
            cached = self._sizes.get(key)
            if cached is not None:
                return cached
            self._sizes[key] = 1  # provisional: breaks cycles (a self-referencing anchor)
            if isinstance(node, SequenceNode):
                size = 1 + sum(self._size(child) for child in node.value)
            elif isinstance(node, MappingNode):
                size = 1 + sum(self._size(k) + self._size(v) for k, v in node.value)
            else:
                size = 1
            self._sizes[key] = size
            return size

        def compose_node(self, parent, index):
            if self.parser.check_event(AliasEvent):
                event = self.parser.peek_event()
                target = self.anchors.get(event.anchor)
                if target is not None:
                    self._aliases += 1
                    self._expanded += self._size(target)
                    if self._aliases > MAX_ALIASES or self._expanded > MAX_EXPANDED_NODES:
                        mark = event.start_mark
                        raise YamlProblem(
                            f"alias expansion limit exceeded ({MAX_EXPANDED_NODES:,} nodes)",
                            mark.line + 1, mark.column + 1,
                        )
            return super().compose_node(parent, index)

    return GuardedComposer


_COMPOSER = None


def _new_yaml():
    """One fresh YAML() per file: after a depth error an instance keeps failing."""
    global _COMPOSER
    from ruamel.yaml import YAML

    if _COMPOSER is None:
        _COMPOSER = _guarded_composer_class()
    yaml = YAML(typ="rt")
    yaml.Composer = _COMPOSER
    yaml.max_depth = MAX_DEPTH
    return yaml


def parse_yaml(text: str, display: str) -> ParseResult:
    """Parse one YAML document into PosDict/PosList/scalars. Raises YamlProblem."""
    if re.match(r"\s*%YAML\s+1\.1\b", text):
        raise YamlProblem(
            "%YAML 1.1 is not supported: crmreq reads YAML 1.2 (where `no` stays text and `007` stays 007)", 1, 1
        )
    yaml = _new_yaml()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. ReusedAnchorWarning: legal YAML 1.2, not the user's problem
            node = yaml.compose(text)
    except YamlProblem:
        raise
    except RecursionError:
        raise YamlProblem(f"document nested too deeply (more than {MAX_DEPTH} levels)") from None
    except MemoryError:
        raise YamlProblem("document too large to parse") from None
    except Exception as exc:  # ruamel raises YAMLError subclasses and, on odd input, others
        raise _problem_from(exc) from None
    # A second document in the stream is refused by compose() with a ComposerError above.
    builder = _TreeBuilder(display)
    try:
        data = builder.build(node) if node is not None else None
    except YamlProblem:
        raise
    except RecursionError:
        raise YamlProblem(f"document nested too deeply (more than {MAX_DEPTH} levels)") from None
    return ParseResult(data, builder.problems, builder.scalar_spans)


def _problem_from(exc: Exception) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem:
        message = f"{context}, {problem}" if context else str(problem)
    else:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    message = message.replace("\n", " ")
    if type(exc).__name__ == "MaxDepthExceededError":
        message = f"document nested too deeply (more than {MAX_DEPTH} levels)"
    if mark is not None and getattr(mark, "line", None) is not None:
        return YamlProblem(message, mark.line + 1, mark.column + 1)
    return YamlProblem(message)


class _TreeBuilder:
    """Turns composed nodes into PosDict/PosList/values, resolving scalars ourselves."""

    def __init__(self, display: str):
        self.display = display
        self.problems: list[YamlProblem] = []
        self.scalar_spans: list[tuple[int, int]] = []
        self._done: dict[int, object] = {}
        self._building: set[int] = set()

    def pos(self, node) -> Position:
        mark = node.start_mark
        return Position(self.display, mark.line + 1, mark.column + 1)

    def build(self, node, depth: int = 0):
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        key = id(node)
        if key in self._done:
            return self._done[key]
        if key in self._building:
            raise YamlProblem("recursive alias: an anchor refers to itself", *self._lc(node))
        if isinstance(node, (MappingNode, SequenceNode)) and node.tag not in (_MAP_TAG, _SEQ_TAG):
            raise YamlProblem(f"unsupported YAML tag {node.tag!r}: write plain mappings and lists", *self._lc(node))
        if isinstance(node, MappingNode):
            self._building.add(key)
            value = self._mapping(node, depth)
            self._building.discard(key)
        elif isinstance(node, SequenceNode):
            self._building.add(key)
            value = PosList(self.pos(node))
            for child in node.value:
                item = self.build(child, depth + 1)
                value.add(item, self.pos(child))
                self._remember_plain(value, len(value) - 1, child)
            self._building.discard(key)
        else:
            value = self.scalar(node)
        self._done[key] = value
        return value

    def _lc(self, node):
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _mapping(self, node, depth):
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        result = PosDict(self.pos(node))
        merged: list[PosDict] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for source in sources:
                    built = self.build(source, depth + 1)
                    if not isinstance(built, PosDict):
                        raise YamlProblem("a merge key (<<) needs a mapping or a list of mappings", *self._lc(source))
                    merged.append(built)
                continue
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem("mapping keys must be plain text, not a list or a mapping", *self._lc(key_node))
            key = self.scalar(key_node)
            if not isinstance(key, str):
                key = key_node.value  # `1: x` or `true: x` as a key: keep the text written
            if key in result:
                line, col = self._lc(key_node)
                first = result.key_pos[key]
                self.problems.append(YamlProblem(
                    f"duplicate key `{key}` (first defined on line {first.line}); the first value is kept",
                    line, col,
                ))
                continue
            value = self.build(value_node, depth + 1)
            result.set(key, value, self.pos(key_node), self.pos(value_node))
            self._remember_plain(result, key, value_node)
        for source in merged:  # explicit keys win over merged ones
            for key, value in source.items():
                if key not in result:
                    result.set(key, value, source.key_pos[key], source.val_pos[key])
        return result

    def _remember_plain(self, container, key, node) -> None:
        from ruamel.yaml.nodes import ScalarNode

        if isinstance(node, ScalarNode) and not node.style and node.tag != _STR_TAG:
            container.plain[key] = node.value

    def scalar(self, node):
        start, end = node.start_mark.index, node.end_mark.index
        self.scalar_spans.append((start, end))
        tag, text = node.tag, node.value
        if node.style:  # quoted or block scalar: always text
            if tag in (_STR_TAG, None) or tag.startswith("tag:yaml.org,2002:str"):
                return text
        if tag == _STR_TAG:
            return text
        if tag == _NULL_TAG:
            return None
        if tag == _BOOL_TAG:
            lowered = text.lower()
            if lowered in ("true", "false"):
                return lowered == "true"
            raise YamlProblem(f"`{text}` is not a boolean", *self._lc(node))
        if tag == _INT_TAG:
            return self._int(node, text)
        if tag == _FLOAT_TAG:
            return self._float(node, text)
        if tag == _TIMESTAMP_TAG:
            if _DATE_RE.match(text):
                try:
                    return _dt.date.fromisoformat(text)
                except ValueError:
                    return text  # e.g. 2026-02-30: kept as text, the date check reports it
            return text
        if tag and tag.startswith("tag:yaml.org,2002:"):
            raise YamlProblem(f"unsupported YAML type {tag.rsplit(':', 1)[-1]!r}", *self._lc(node))
        if tag and tag != "?":
            raise YamlProblem(f"unsupported YAML tag {tag!r}: write plain values", *self._lc(node))
        return text

    def _int(self, node, text):
        cleaned = text.replace("_", "")
        if len(cleaned) > MAX_INT_DIGITS:
            raise YamlProblem(f"integer too long ({len(cleaned)} digits)", *self._lc(node))
        try:
            if cleaned.lower().startswith(("0x", "+0x", "-0x")):
                return int(cleaned, 16)
            if cleaned.lower().startswith(("0o", "+0o", "-0o")):
                return int(cleaned, 8)
            if cleaned.lower().startswith(("0b", "+0b", "-0b")):
                return int(cleaned, 2)
            return int(cleaned, 10)
        except ValueError:
            raise YamlProblem(f"`{text}` is not an integer", *self._lc(node)) from None

    def _float(self, node, text):
        cleaned = text.replace("_", "").lower()
        if cleaned in (".inf", "+.inf"):
            return float("inf")
        if cleaned == "-.inf":
            return float("-inf")
        if cleaned == ".nan":
            return float("nan")
        try:
            return float(cleaned)
        except ValueError:
            raise YamlProblem(f"`{text}` is not a number", *self._lc(node)) from None
