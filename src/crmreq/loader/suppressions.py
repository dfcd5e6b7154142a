"""Suppression comments: `# crmreq: ignore[S004,P003]`, found among a file's real comments,
each applied to the lines of the node it stands beside.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..model import SourceFile
from ..positions import PosDict, PosList

# `# crmreq: ignore[S004,P003]`, on one line; the language server reads comments with it too
SUPPRESSION = re.compile(r"#[^\S\n]*crmreq:[^\S\n]*ignore\[(?P<codes>[^\]\n]*)\]", re.IGNORECASE)


@dataclass(frozen=True)
class Suppression:
    """`# crmreq: ignore[S004,P003]`: applies to lines first..last of one file."""

    file: str
    line: int          # where the comment is
    column: int
    codes: tuple[str, ...]
    first: int         # scope, inclusive
    last: int


def yaml_directive_comments(text: str, scalar_spans: list) -> list:
    """Real comments that carry a crmreq directive: a `#` outside every scalar the parser saw.
    Called only for texts that may hold one (`ParseResult.may_suppress`)."""
    matches = list(SUPPRESSION.finditer(text))
    if not matches:
        return []
    spans = sorted(scalar_spans)
    starts = [s for s, _ in spans]
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found = []
    for match in matches:
        index = match.start()
        k = bisect.bisect_right(starts, index) - 1
        if k >= 0 and spans[k][0] <= index < spans[k][1]:
            continue  # inside a string
        line = bisect.bisect_right(line_starts, index)
        col = index - line_starts[line - 1] + 1
        before = text[line_starts[line - 1]:index]
        if before and not before[-1].isspace():
            continue  # `a#b` is not a comment in YAML
        found.append((line, col, match.group(0), not before.strip()))
    return found


def suppressions_in(source: SourceFile, comments: list, merged: PosDict) -> list[Suppression]:
    """The `ignore[…]` directives among a file's comments, each with the lines it covers: the node
    on its line, or, alone on its line, the next node (each with everything under it)."""
    result = []
    lines = source.lines
    for entry in comments:
        line, col, body, own_line = entry if len(entry) == 4 else (*entry, False)
        match = SUPPRESSION.search(body)
        if not match:
            continue
        codes = tuple(c.strip() for c in match.group("codes").split(",") if c.strip())
        target = line
        if own_line:
            target = line + 1
            while target <= len(lines) and (not lines[target - 1].strip() or lines[target - 1].lstrip().startswith("#")):
                target += 1
        last = _scope_end(merged, source.path, target)
        result.append(Suppression(source.path, line, col, codes, target, max(last, target)))
    return result


def _scope_end(tree, file: str, line: int) -> int:
    """Last line of the outermost node that starts on `line` of `file` (its children included)."""
    best = line
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, PosDict):
            children = [(node.key_pos.get(k), v) for k, v in node.items()]
        elif isinstance(node, PosList):
            children = list(zip(node.item_pos, node))
        else:
            continue
        for pos, child in children:
            if pos is None:
                continue
            if pos.file == file and pos.line == line and not _first_item_here(child, file, line):
                best = max(best, last_line(child, file, line))
            elif isinstance(child, (PosDict, PosList)):
                stack.append(child)
    return best


def _first_item_here(node, file: str, line: int) -> bool:
    """A list whose first item starts on `line` and which goes on below it: TOML's `[[systems]]`
    header is where both the list and its first table start, and a comment there is about the table."""
    if not isinstance(node, PosList) or not node.item_pos:
        return False
    first = node.item_pos[0]
    return first.file == file and first.line == line and last_line(node, file, line) > last_line(node[0], file, line)


def last_line(node, file: str, start: int) -> int:
    """The last line of `file` that `node` or anything under it occupies (at least `start`)."""
    last = start
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, PosDict):
            positions = list(current.key_pos.values()) + list(current.val_pos.values())
            stack.extend(v for v in current.values() if isinstance(v, (PosDict, PosList)))
        elif isinstance(current, PosList):
            positions = current.item_pos
            stack.extend(v for v in current if isinstance(v, (PosDict, PosList)))
        else:
            continue
        for pos in positions:
            if pos.file == file and pos.line > last:
                last = pos.line
    return last
