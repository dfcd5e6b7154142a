"""Read the value forms people write in a CRM specification, once, in one place.

Priorities ("indispensable", "Must-have"), quantities ("30 %", "12 000 contacts",
"p95 < 2 s"), durations ("4 à 6 semaines") and deadlines ("30/06/2026", "T3 2026",
"3 mois après la mise en production") are written freely, in French or in English. The
loader turns them into the typed values below while it builds the `Spec`; rules, exporters
and plugins only ever see the results. Keeping every grammar here means one behaviour: a
deadline the timeline rule understands is understood the same way by the SMART rules and by
the Word export, and there is a single place to extend when a user writes something new.

Everything here is pure (no I/O, no clock, no locale) and total: every public function
accepts any object and never raises. What cannot be read comes back as ``None`` or as a
value whose ``kind`` says so; the caller decides which finding to report.

Matching is insensitive to case, accents and typography: the grammars read
`fold(spelled_out(text))` (see `text`, which holds the one `fold` of crmreq). The word lists
are data, in `lexicons/*.toml`. The grammars are kept as pattern text (`*_RE`) and compiled
where they are used, by `re.compile`, which keeps what it compiled: a grammar no text of the
spec needs is never compiled (compiling all of them took 60–90 ms at every start). One module per kind of value: `numbers`, `priorities`,
`quantities`, `durations`, `deadlines` (with `phases`: the timeline phase a deadline names), `measurable`.
"""

from __future__ import annotations

from .deadlines import (
    ABSOLUTE, ANCHOR_NAMES, DEADLINE_KINDS, GO_LIVE, INVALID, MONTHS, RELATIVE, UNANCHORED,
    VAGUE_DEADLINES, Deadline, parse_deadline,
)
from .durations import TIME_UNITS, Duration, parse_duration
from .measurable import has_number
from .numbers import NUMBER_WORDS, ORDINAL_WORDS
from .priorities import PRIORITIES, PRIORITY_ALIASES, parse_priority
from .quantities import (
    CASE_SENSITIVE_UNITS, COMPARATOR_WORDS, POSTFIX_COMPARATORS, RATE_DENOMINATORS, UNIT_ALIASES,
    Quantity, normalise_comparator, normalise_percentile, normalise_unit, parse_quantity,
)
from .text import fold

__all__ = [
    "ABSOLUTE", "ANCHOR_NAMES", "CASE_SENSITIVE_UNITS", "COMPARATOR_WORDS", "DEADLINE_KINDS",
    "GO_LIVE", "INVALID", "MONTHS", "NUMBER_WORDS", "ORDINAL_WORDS", "POSTFIX_COMPARATORS",
    "PRIORITIES", "PRIORITY_ALIASES", "RATE_DENOMINATORS", "RELATIVE", "TIME_UNITS", "UNANCHORED",
    "UNIT_ALIASES", "VAGUE_DEADLINES", "Deadline", "Duration", "Quantity", "fold", "has_number",
    "normalise_comparator", "normalise_percentile", "normalise_unit", "parse_deadline",
    "parse_duration", "parse_priority", "parse_quantity",
]
