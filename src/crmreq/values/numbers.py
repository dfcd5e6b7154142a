"""Numbers as people write them, in digits or in words.

A comma is a decimal separator ("1,5") unless it separates groups of exactly three digits
after a non-zero integer part of one to three digits ("12,000" = 12000, while "0,250" = 0.25
and "1,5" = 1.5). A single dot is always a decimal point ("1.500" = 1.5); several dots, or
spaces/NBSP between groups of three digits, are thousands separators ("1.500.000", "12 000").
"""

from __future__ import annotations

import math
import re

from .text import alternation, by_spelling, lexicon

_WORDS = lexicon("numbers")

#: Small numbers written as words ("six mois après le lancement", "a month after go-live").
NUMBER_WORDS: dict[str, int] = by_spelling(_WORDS["words"], int)

#: Ordinals written as words; "3e", "2nd", "1er"… are read by `ORDINAL_SUFFIX_RE`.
ORDINAL_WORDS: dict[str, int] = by_spelling(_WORDS["ordinals"], int)

#: A number in digits, with the separators above (regex source).
NUMBER = (
    r"(?:[1-9]\d{0,2}(?: \d{3})+(?:[.,]\d+)?(?!\d)"      # 12 000 / 12 000,5
    r"|[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?(?![\d,])"       # 12,000 / 1,234.5
    r"|[1-9]\d{0,2}(?:\.\d{3}){2,}(?:,\d+)?(?![\d.])"    # 1.500.000
    r"|\d+(?:[.,]\d+)?"                                  # 30 / 1,5 / 99.9
    r"|[.,]\d+)"                                         # .5
)
NUMBER_RE = (rf"(?<![\w.,]){NUMBER}")
_THOUSANDS_COMMA_RE = (r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")

#: A count of units: digits ("6", "1,5") or a number word ("six", "a") (regex source).
COUNT = rf"(?:\d+(?:[.,]\d+)?|(?<![\w']){alternation(NUMBER_WORDS)})"

ORDINAL_SUFFIX_RE = (r"(\d{1,3})(?:eme|ere|er|re|e|st|nd|rd|th|d)")
#: An ordinal: a word ("premier", "second") or digits with a suffix ("3e", "2nd") (regex source).
ORDINAL = (r"(?:" + alternation(ORDINAL_WORDS)
           + r"|\d{1,3}(?:eme|ere|er|re|e|st|nd|rd|th|d)(?![\w']))")
#: What may follow a day of the month ("1er", "2nd", "3e") (regex source).
DAY_SUFFIX = r"(?:er|re|st|nd|rd|th|e)?"


def number_value(token: str) -> float:
    """The float a `NUMBER`/`COUNT` token stands for (inf or nan when too large to count)."""
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    t = token.replace(" ", "")
    if "," in t and "." in t:
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", "")
    elif "," in t:
        t = t.replace(",", "") if re.compile(_THOUSANDS_COMMA_RE).fullmatch(t) else t.replace(",", ".")
    elif t.count(".") > 1:
        t = t.replace(".", "")
    try:
        return float(t)
    except ValueError:  # unreachable for regex-checked tokens; keeps the function total
        return math.nan


def ordinal_value(token: str) -> int | None:
    """The rank an `ORDINAL` token stands for ("premier" → 1, "3e" → 3)."""
    if token in ORDINAL_WORDS:
        return ORDINAL_WORDS[token]
    m = re.compile(ORDINAL_SUFFIX_RE).fullmatch(token)
    return int(m.group(1)) if m else None
