"""YAML → raw tree with positions, through ruamel.yaml's composer.

We compose (parse to nodes) rather than construct: nodes carry start/end marks for every
key, item and scalar, and the exact text of each scalar. Building the tree ourselves lets
us keep what the user wrote: a plain scalar such as `007`, `+33612345678` or `1.10` keeps
its text next to the resolved value (`PosDict.plain`), and the schema layer uses that text
when the field is a string.

Two composers, same result:
- fast: libyaml through `ruamel.yaml.clib` (C), used when it is installed and a cheap
  pre-scan shows the document cannot be deeper than `MAX_DEPTH` (the C composer recurses
  without Python's recursion guard);
- safe: ruamel's pure-Python composer with `max_depth` and an alias-expansion budget
  (research/robustness.md §3.4), used otherwise.
Plain scalars are resolved by our own YAML 1.2 core-schema rules in both cases, so the two
paths cannot disagree. Every parser exception is caught: bad input becomes a
`YamlProblem` with a position, never a traceback.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
import warnings
from dataclasses import dataclass

from ..positions import PosDict, PosList, Position

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 1_000_000
MAX_ALIASES = 10_000
MAX_INT_DIGITS = 1000
KEPT_DUPLICATES = 21      # duplicate-key problems kept per file; the loader reports 20 and counts the rest

_NS = "tag:yaml.org,2002:"
_STR_TAG, _MAP_TAG, _SEQ_TAG = _NS + "str", _NS + "map", _NS + "seq"
_MERGE_TAG = _NS + "merge"
# the tags a resolver gives plain scalars (YAML 1.1 adds `value` for `=`); their value is resolved here
_STANDARD_SCALAR_TAGS = {_NS + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge", "binary",
                                           "value", "yaml")}

# YAML 1.2 core schema, plus ISO dates (the timestamp type every YAML library resolves)
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL_WORDS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_INT = re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BRACKET = re.compile(r"[\[\]{}]")
# YAML 1.2 allows `:` inside anchor names (`&an:chor`); libyaml splits them silently
_ANCHOR_WITH_COLON = re.compile(r"(?:^|[\s\[\]{},])[&*][^\s\[\]{},]*:")


class YamlProblem(Exception):
    """A YAML document we refuse, with the position to report."""

    duplicate_key = False     # True for the (non-fatal) duplicate-key problems

    def __init__(self, message: str, line: int = 1, column: int = 1, index: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column, self.index = message, line, column, index


@dataclass
class ParseResult:
    data: object
    problems: list            # list[YamlProblem]: non-fatal (duplicate keys…)
    scalar_spans: list        # (start_index, end_index) of every scalar, for comment detection
    more_duplicates: int = 0  # duplicate keys counted but not kept in `problems` (past KEPT_DUPLICATES)
    may_suppress: bool = True  # False: the text holds no `# crmreq: ignore[…]` (see may_hold_suppression)


# -- composing ------------------------------------------------------------------------

def _c_loader():
    try:
        from ruamel.yaml.cyaml import CSafeLoader
    except Exception:  # no C extension: the pure-Python path does the job, slower
        return None
    return CSafeLoader


_C_LOADER = False  # resolved on first use
_FAILED = object()


def _fast_path_is_safe(text: str) -> bool:
    """Whether libyaml can take this text: a cheap over-estimate of the nesting depth (flow
    brackets plus block indentation), and no anchor name libyaml would read differently.

    A false "no" only sends a document to the (guarded, slower) pure-Python composer.
    """
    if ("&" in text or "*" in text) and _ANCHOR_WITH_COLON.search(text):
        return False
    depth = best = 0
    for match in _BRACKET.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > best:
                best = depth
        else:
            depth -= 1
    if best > MAX_DEPTH // 2:
        return False
    widest_allowed = (MAX_DEPTH - best) // 2 - 1
    return re.search(r"(?m)^[ \t\-?:]{%d,}" % (widest_allowed + 1), text) is None


def _guarded_composer_class():
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.events import AliasEvent

    class GuardedComposer(Composer):
        """Refuses alias bombs while composing: counts the expanded size of every alias."""

        def __init__(self, loader=None):
            super().__init__(loader)
            self._sizes: dict[int, int] = {}
            self._expanded = 0
            self._aliases = 0

        def compose_node(self, parent, index):
            if self.parser.check_event(AliasEvent):
                event = self.parser.peek_event()
                target = self.anchors.get(event.anchor)
                if target is not None:
                    self._aliases += 1
                    self._expanded += _expanded_size(target, self._sizes)
                    if self._aliases > MAX_ALIASES:
                        raise _too_many_aliases(event.start_mark)
                    if self._expanded > MAX_EXPANDED_NODES:
                        mark = event.start_mark
                        raise YamlProblem(
                            f"alias expansion limit exceeded ({MAX_EXPANDED_NODES:,} nodes)",
                            mark.line + 1, mark.column + 1, getattr(mark, "index", None),
                        )
            return super().compose_node(parent, index)

    return GuardedComposer


_COMPOSER = None


def _pure_compose(text: str):
    """ruamel's pure-Python composer, guarded; one fresh YAML() per file (after a depth
    error an instance keeps failing)."""
    global _COMPOSER
    from ruamel.yaml import YAML

    if _COMPOSER is None:
        _COMPOSER = _guarded_composer_class()
    yaml = YAML(typ="safe", pure=True)
    yaml.Composer = _COMPOSER
    yaml.max_depth = MAX_DEPTH
    return yaml.compose(text)


def _fast_compose(loader_class, text: str):
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        try:
            loader.dispose()
        except Exception:
            pass


def _too_many_aliases(mark) -> YamlProblem:
    return YamlProblem(
        f"too many aliases (more than {MAX_ALIASES:,})",
        mark.line + 1, mark.column + 1, getattr(mark, "index", None),
    )


def _alias_beyond_limit(loader_class, text: str):
    """Mark of the alias event beyond MAX_ALIASES in libyaml's event stream, or None.

    Exact (a `*` inside a string or a comment is not an alias), and only run when the text
    holds more than MAX_ALIASES `*`: the count is the upper bound that makes it rare.
    """
    from ruamel.yaml.events import AliasEvent

    loader = loader_class(text)
    count = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if type(event) is AliasEvent:
                count += 1
                if count > MAX_ALIASES:
                    return event.start_mark
    finally:
        try:
            loader.dispose()
        except Exception:
            pass
    return None


def _expanded_size(node, sizes: dict) -> int:
    """1 + children, an alias counting as its anchor's size; iterative and memoised."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    stack = [(node, False)]
    while stack:
        current, done = stack.pop()
        k = id(current)
        if k in sizes and not done:
            continue
        value = current.value
        children = []
        if isinstance(value, list):
            for child in value:
                if isinstance(child, tuple):
                    children.extend(child)
                else:
                    children.append(child)
        if done:
            sizes[k] = 1 + sum(sizes.get(id(c), 1) for c in children)
            continue
        sizes[k] = 1  # provisional: a self-referencing anchor must not loop
        stack.append((current, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[key]


def compose(text: str):
    """Nodes of the single document in `text` (None when empty). Raises YamlProblem."""
    global _C_LOADER
    if _C_LOADER is False:
        _C_LOADER = _c_loader()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. ReusedAnchorWarning: legal YAML, not the user's problem
            if _C_LOADER is not None and _fast_path_is_safe(text):
                try:
                    node = _fast_compose(_C_LOADER, text)
                except Exception:
                    node = _FAILED  # libyaml (YAML 1.1) refuses some valid YAML 1.2: ask ruamel
                if node is not _FAILED:
                    if node is not None and "*" in text:
                        if _expanded_size(node, {}) > MAX_EXPANDED_NODES:
                            raise YamlProblem(f"alias expansion limit exceeded ({MAX_EXPANDED_NODES:,} nodes)")
                        if text.count("*") > MAX_ALIASES:  # same alias count as the pure-Python path
                            mark = _alias_beyond_limit(_C_LOADER, text)
                            if mark is not None:
                                raise _too_many_aliases(mark)
                    return node
            return _pure_compose(text)
    except YamlProblem:
        raise
    except RecursionError:
        raise YamlProblem(f"document nested too deeply (more than {MAX_DEPTH} levels)") from None
    except MemoryError:
        raise YamlProblem("document too large to parse") from None
    except Exception as exc:  # ruamel raises YAMLError subclasses and, on odd input, others
        raise _problem_from(exc) from None


def parse_yaml(text: str, display: str) -> ParseResult:
    """Parse one YAML document into PosDict/PosList/scalars. Raises YamlProblem."""
    if re.match(r"\s*%YAML\s+1\.1\b", text):
        raise YamlProblem(
            "%YAML 1.1 is not supported: crmreq reads YAML 1.2 (where `no` stays text and `007` stays 007)", 1, 1
        )
    keep_spans = may_hold_suppression(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)] if _OTHER_BREAKS.search(text) else None
    try:
        node = compose(text)
    except YamlProblem as problem:
        if problem.index is not None and (starts is not None or (problem.line, problem.column) == (1, 1)):
            starts = starts or [0] + [m.end() for m in re.finditer("\n", text)]
            problem.line = bisect.bisect_right(starts, problem.index)
            problem.column = problem.index - starts[problem.line - 1] + 1
        raise
    builder = _TreeBuilder(display, keep_spans=keep_spans, real_line_starts=starts)
    try:
        data = builder.build(node) if node is not None else None
    except RecursionError:
        raise YamlProblem(f"document nested too deeply (more than {MAX_DEPTH} levels)") from None
    return ParseResult(data, builder.problems, builder.scalar_spans, builder.more_duplicates, keep_spans)


_SUPPRESSION_HINT = re.compile(r"crmreq:\s*ignore\[", re.IGNORECASE)


def may_hold_suppression(text: str) -> bool:
    """Whether `text` may hold a `# crmreq: ignore[…]` comment: scalar spans, needed to tell such
    a comment from a `#` inside a string, are only kept then."""
    return _SUPPRESSION_HINT.search(text) is not None


# the parsers also break lines at CR, NEL, LS and PS; editors and findings count "\n" only
_SURROGATE = re.compile("[\ud800-\udfff]")
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


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
    if "expected a single document" in message:
        message = "only one YAML document per file: remove the `---` separator or split the file with `include`"
    if mark is not None and getattr(mark, "line", None) is not None:
        return YamlProblem(message, mark.line + 1, mark.column + 1, getattr(mark, "index", None))
    position = getattr(exc, "position", None)   # a ReaderError (refused character) has only an index
    if isinstance(position, int):
        character = getattr(exc, "character", None)
        if isinstance(character, int):
            message = f"character U+{character:04X} is not allowed in YAML: remove it or write it as an escape in double quotes"
        return YamlProblem(message, 1, 1, position)
    return YamlProblem(message)


# -- building the tree ----------------------------------------------------------------



class _TreeBuilder:
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
    cleaned = text.replace("_", "").lower()
    if cleaned.endswith(".inf"):
        return float("-inf") if cleaned.startswith("-") else float("inf")
    if cleaned == ".nan":
        return float("nan")
    try:
        return float(cleaned)
    except ValueError:
        return text
