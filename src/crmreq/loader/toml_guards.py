"""Guards run on TOML text before `tomllib.loads`.

tomllib spends time and memory on dotted keys that grow faster than the text:
- one key (or table header) of n dotted parts costs O(n²) inside tomllib: 20,000 parts,
  a 40 KB line, take 7 s and 2.3 GB;
- every dotted part creates a table plus its bookkeeping (about 1 KB): 40,000 headers of
  64 parts (5 MB) take 21 s and 2.5 GB although each key is short.

So a key or a header may have at most `MAX_KEY_PARTS` parts (the YAML depth limit), and a
file at most `MAX_DOTTED_PARTS` dotted parts in all (every part after the first of a key or
a header). Real specs use a few parts per key and a few thousand in a whole file.

The check is cheap on ordinary files: one `str.count` and one anchored regex search, both
in C. Only a file that might break a limit (more dots than the budget, or a line with 64
dots, strings and comments included) is read token by token, skipping strings and
comments, to find the exact key and its position.
"""

from __future__ import annotations

import re
from bisect import bisect_right


MAX_KEY_PARTS = 64           # same as yaml_loader.MAX_DEPTH
MAX_DOTTED_PARTS = 100_000   # ≈ 100 MB inside tomllib at most

_W = r"A-Za-z0-9_-"
# one key part: bare, "basic" or 'literal' (single-line strings only)
_PART = r'(?:[%s]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')' % _W
_DOT = r"[ \t]*\.[ \t]*"
_PART_RE = re.compile(_PART)

_DOT_RE = re.compile(r"\.")

_CHAIN = r"%s(?:%s%s)+" % (_PART, _DOT, _PART)
# the tokens that matter, strings and comments being read whole so that nothing inside
# them counts; anything else (values, punctuation, one-part keys) is skipped by the regex
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""(?:"{1,2})?'            # multi-line basic string
    r"|'''[\s\S]*?'''(?:'{1,2})?"                                # multi-line literal string
    r"|^[ \t]*\[\[?[ \t]*(?P<header>%s)(?=[ \t]*\])"         # [a.b.c] or [[a.b.c]]
    r"|(?<![%s])(?P<key>%s)(?=[ \t]*=)"                           # a.b.c = (also in { })
    r'|"(?:[^"\\\n]|\\.)*"'                                        # strings
    r"|'[^'\n]*'"
    r"|#[^\n]*" % (_CHAIN, _W, _CHAIN),                            # comments
    re.MULTILINE,
)


def check_toml(text: str):
    """(message, line, column) of the first key that breaks a limit, or None."""
    dots = text.count(".")
    if dots < MAX_KEY_PARTS:
        return None
    if dots <= MAX_DOTTED_PARTS and not _line_with_many_dots(text):
        return None
    total = 0
    for match in _TOKENS.finditer(text):
        chain = match.group("header") or match.group("key")
        if chain is None:
            continue
        start = match.start("header") if match.group("header") else match.start("key")
        parts = chain.count(".") + 1
        if parts > MAX_KEY_PARTS and ('"' in chain or "'" in chain):
            parts = len(_PART_RE.findall(chain))  # dots inside quoted parts do not count
        if parts > MAX_KEY_PARTS:
            kind = "table header" if match.group("header") else "key"
            return (f"{kind} with too many dotted parts ({parts:,}, limit {MAX_KEY_PARTS})",
                    *_line_column(text, start))
        total += parts - 1
        if total > MAX_DOTTED_PARTS:
            return (f"too many dotted keys in this file (more than {MAX_DOTTED_PARTS:,} dotted parts)",
                    *_line_column(text, start))
    return None


def _line_with_many_dots(text: str) -> bool:
    """Whether a line holds MAX_KEY_PARTS dots or more (strings and comments included).

    A key never spans lines, so a key of more than MAX_KEY_PARTS parts needs such a line.
    Linear: each `find` starts past the newline the previous one found.
    """
    dots = [m.start() for m in _DOT_RE.finditer(text)]
    i, span = 0, MAX_KEY_PARTS - 1
    while i + span < len(dots):
        newline = text.find("\n", dots[i], dots[i + span])
        if newline == -1:
            return True
        i = bisect_right(dots, newline, i)
    return False


def _line_column(text: str, index: int) -> tuple:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1
