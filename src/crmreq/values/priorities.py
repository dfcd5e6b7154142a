"""Priorities: the four MoSCoW keys and the spellings people use for them."""

from __future__ import annotations

import functools
import re

from .text import by_spelling, fold, lexicon, spelled_out

_SPELLINGS = lexicon("priorities")

#: The four priorities, from the most to the least important.
PRIORITIES = tuple(_SPELLINGS)

#: Every accepted spelling of a priority (after folding, "-"/"_" → " ", apostrophes removed).
PRIORITY_ALIASES: dict[str, str] = by_spelling(_SPELLINGS)


def parse_priority(raw) -> str | None:
    """The priority ("must", "should", "could", "wont") an accepted spelling stands for, else None.

    Accepted: the four keys, the French "indispensable"/"important"/"confort" (PRODUCT.md §1)
    and the MoSCoW long forms ("Must-have", "won't have"), whatever the case and accents.
    """
    if not isinstance(raw, str):
        return None
    return _priority_of(raw)


@functools.lru_cache(maxsize=4096)
def _priority_of(raw: str) -> str | None:
    """Cached: a spec repeats a handful of spellings over thousands of items, and both the
    schema check and the model ask."""
    key = re.sub(r"[-_ ]+", " ", fold(spelled_out(raw)).replace("'", "")).strip()
    return PRIORITY_ALIASES.get(key) or PRIORITY_ALIASES.get(key.replace(" ", ""))
