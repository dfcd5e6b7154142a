"""YAML → raw tree with positions, through ruamel.yaml's composer, with its guards.

We compose (parse to nodes) rather than construct: nodes carry start/end marks for every
key, item and scalar, and the exact text of each scalar; `yaml_tree` builds the tree from
them, keeping what the user wrote.

Two composers, same result:
- fast: libyaml through `ruamel.yaml.clib` (C), used when it is installed and a cheap
  pre-scan shows the document cannot be deeper than `MAX_DEPTH` (the C composer recurses
  without Python's recursion guard);
- safe: ruamel's pure-Python composer with `max_depth` and an alias-expansion budget
  (research/robustness.md §3.4), used otherwise.
Every parser exception is caught: bad input becomes a `YamlProblem` with a position, never a
traceback.
"""

from __future__ import annotations

import bisect
import re
import warnings
from dataclasses import dataclass

from .syntax_hints import yaml_hint
from .yaml_tree import MAX_INT_DIGITS, TreeBuilder, YamlProblem

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_EXPANDED_NODES", "MAX_INT_DIGITS", "ParseResult", "YamlProblem",
           "compose", "may_hold_suppression", "parse_yaml"]

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 1_000_000
MAX_ALIASES = 10_000

_BRACKET = re.compile(r"[\[\]{}]")
# YAML 1.2 allows `:` inside anchor names (`&an:chor`); libyaml splits them silently
_ANCHOR_WITH_COLON = re.compile(r"(?:^|[\s\[\]{},])[&*][^\s\[\]{},]*:")


@dataclass
class ParseResult:
    data: object
    problems: list            # list[YamlProblem]: non-fatal (duplicate keys…)
    scalar_spans: list        # (start_index, end_index) of every scalar, for comment detection
    more_duplicates: int = 0  # duplicate keys counted but not kept in `problems` (past yaml_tree.KEPT_DUPLICATES)
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


def parse_yaml(text: str, display: str, parses=None) -> ParseResult:
    """Parse one YAML document into PosDict/PosList/scalars. Raises YamlProblem.

    `parses` (see load_spec): the nodes of a text composed before, only read here, are taken again."""
    if re.match(r"\s*%YAML\s+1\.1\b", text):
        raise YamlProblem(
            "%YAML 1.1 is not supported: crmreq reads YAML 1.2 (where `no` stays text and `007` stays 007)", 1, 1
        )
    keep_spans = may_hold_suppression(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)] if _OTHER_BREAKS.search(text) else None
    key = ("yaml", text)
    try:
        node = parses[key] if parses is not None and key in parses else compose(text)
    except YamlProblem as problem:
        if problem.index is not None and (starts is not None or (problem.line, problem.column) == (1, 1)):
            starts = starts or [0] + [m.end() for m in re.finditer("\n", text)]
            problem.line = bisect.bisect_right(starts, problem.index)
            problem.column = problem.index - starts[problem.line - 1] + 1
        problem.message, problem.column = yaml_hint(problem.message, problem.line, problem.column, text.split("\n"))
        raise
    if parses is not None:
        parses[key] = node
    builder = TreeBuilder(display, keep_spans=keep_spans, real_line_starts=starts)
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
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


# the parser's usual complaints, in the words of someone writing a spec: (pattern over
# "context, problem", message, whether to point where the construct was opened)
_PLAIN_WORDS = (
    (re.compile(r"mapping values are not allowed here"),
     "unexpected colon: a value that contains ': ' must be written in quotes (title: \"Tâches: rappels\")", False),
    (re.compile(r"found character '\\t' that cannot start any token"),
     "tab character: YAML indents with spaces, not tabs", False),
    (re.compile(r"while scanning a quoted scalar, found unexpected end of stream"),
     "quote opened here and never closed", True),
    (re.compile(r"while parsing a flow (sequence|mapping), expected ',' or '[\]}]'"),
     "bracket opened here and never closed, or a comma missing between two items", True),
    (re.compile(r"while parsing a block (mapping|collection), expected <block end>"),
     "indentation: this line does not line up with the lines above it", False),
    (re.compile(r"while scanning a simple key, could not find expected ':'"),
     "a line with neither ': ' nor '- ': a key needs a colon, a text on several lines needs indenting", True),
    (re.compile(r"mapping keys are not allowed here"),
     "a lone `?` is not a value in YAML: write it in quotes (\"?\") or leave the value empty", False),
    (re.compile(r"sequence entries are not allowed here"),
     "a `-` here starts a list item: list items go on their own lines under the key; "
     "a dash as a value is written in quotes (\"-\")", False),
    (re.compile(r"found undefined alias"),
     "`*` starts a YAML alias: a value that starts with * is written in quotes", False),
    (re.compile(r"found character '(.)' that cannot start any token"),
     "a value cannot start with `{0}`: write it in quotes", False),
    (re.compile(r"found unknown escape character"),
     "in double quotes, \\ starts an escape: write \\\\, or use single quotes", False),
    (re.compile(r"while scanning a (block|plain) scalar"),
     "a text on several lines: indent every line of it under its key", False),
)
_SYNTAX_ERROR = "YAML syntax error here"


def _plain_words(message: str) -> tuple[str, bool]:
    """The parser's message in plain words, and whether to point where the construct was opened;
    a message we do not know becomes a plain "syntax error here" (its own words show with --debug)."""
    for pattern, plain, at_start in _PLAIN_WORDS:
        found = pattern.search(message)
        if found:
            return plain.format(*found.groups()), at_start
    return _SYNTAX_ERROR, False


def _problem_from(exc: Exception) -> YamlProblem:
    """A parser exception as a YamlProblem: its message on one line, at its mark when it has one."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem:
        message = f"{context}, {problem}" if context else str(problem)
    else:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    message = raw = message.replace("\n", " ")
    at_start = False
    if type(exc).__name__ == "MaxDepthExceededError":
        message = f"document nested too deeply (more than {MAX_DEPTH} levels)"
    elif "expected a single document" in message:
        message = "only one YAML document per file: remove the `---` separator or split the file with `include`"
    elif getattr(exc, "problem", None) or getattr(exc, "context", None):   # the parser's words
        message, at_start = _plain_words(message)
    if at_start:      # an unclosed quote or bracket, a key without colon: where it starts, not where the parser stopped
        mark = getattr(exc, "context_mark", None) or mark
    if mark is not None and getattr(mark, "line", None) is not None:
        problem = YamlProblem(message, mark.line + 1, mark.column + 1, getattr(mark, "index", None))
    elif isinstance(getattr(exc, "position", None), int):   # a ReaderError (refused character) has only an index
        character = getattr(exc, "character", None)
        if isinstance(character, int):
            message = f"character U+{character:04X} is not allowed in YAML: remove it or write it as an escape in double quotes"
        problem = YamlProblem(message, 1, 1, exc.position)
    else:
        problem = YamlProblem(message)
    problem.raw = raw if raw != message else None
    return problem
