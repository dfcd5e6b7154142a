"""Durations: how long a phase lasts ("4-6 weeks", "4 à 6 semaines", "15 jours ouvrés").

Durations are counted in calendar days: week = 7, month = 30, quarter = 90, semester = 180,
year = 365, hour = 1/24, and a working day ("jour ouvré", "jour ouvrable", "business/working
day") = 1.4 (7/5). "Ouvrable" (Monday to Saturday) is treated like "ouvré": the difference is
below an estimate's precision. "Up to N" gives 0..N; "at least N" gives N..N (no upper bound
is known).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .numbers import COUNT, number_value
from .text import alternation, fold, lexicon, safe_text, spelled_out

#: Time units for durations and deadline offsets: folded → (days per unit, months per unit).
#: Months per unit is None for units counted in days (they are added as days).
TIME_UNITS: dict[str, tuple[float, int | None]] = {
    spelling: (float(unit["days"]), unit.get("months"))
    for unit in lexicon("time-units").values() for spelling in unit["spellings"]
}

#: Any time unit, and one counted in months (month, quarter, half-year, year) (regex sources).
TIME_UNIT = alternation(TIME_UNITS)
LONG_TIME_UNIT = alternation(k for k, (_, months) in TIME_UNITS.items() if months)


@dataclass(frozen=True)
class Duration:
    """A phase length in calendar days, as a range (see the module docstring for units)."""

    min_days: float
    max_days: float
    text: str


_QUALIFIERS = lexicon("durations")
_APPROX = alternation(_QUALIFIERS["approximately"])

_DURATION_RE = (
    rf"(?:(?:entre|between|de|from) )?(?P<a>{COUNT})(?: ?(?P<ua>{TIME_UNIT})\.?)?"
    rf"(?: ?(?:-|a|au|to|et|and|ou|or) ?(?P<b>{COUNT}))?(?: ?(?P<u>{TIME_UNIT})\.?)?")
_SPRINTS_RE = (
    rf"(?P<n>{COUNT}) ?(?:sprints? (?:de|of)|x) (?P<m>{COUNT}) ?(?P<u>{TIME_UNIT})\.?")
_UPPER_RE = (r"^" + alternation(_QUALIFIERS["at_most"]) + " ?")
_LOWER_RE = (r"^" + alternation(_QUALIFIERS["at_least"]) + " ?")
_TRAILING_UPPER_RE = (r" " + alternation(_QUALIFIERS["at_most_after"]) + "$")
_TRAILING_LOWER_RE = (r" " + alternation(_QUALIFIERS["at_least_after"]) + "$")
PARENTHESES_RE = (r"\([^()]*\)")
_APPROX_RE = (rf"^{_APPROX} ?| {_APPROX}$| or so$")


def parse_duration(raw) -> Duration | None:
    """Read a phase duration ("4-6 weeks", "4 à 6 semaines", "15 jours ouvrés", 10 = days).

    None when it cannot be read, when negative, or when a range is reversed ("6-4 weeks").
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, Duration):
        return raw
    if isinstance(raw, (int, float)):
        days = float(raw)
        return Duration(days, days, safe_text(raw)) if math.isfinite(days) and days >= 0 else None
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    s = re.compile(PARENTHESES_RE).sub(" ", fold(spelled_out(text)))
    s = re.sub(r"[ .;,!]+$", "", " ".join(s.split()))
    s = re.compile(_APPROX_RE).sub("", s).strip()
    lower_only = upper_only = False
    for pattern, flag in ((_UPPER_RE, "upper"), (_LOWER_RE, "lower"),
                          (_TRAILING_UPPER_RE, "upper"), (_TRAILING_LOWER_RE, "lower")):
        m = re.compile(pattern).search(s)
        if m:
            s = (s[:m.start()] + s[m.end():]).strip()
            upper_only, lower_only = flag == "upper", flag == "lower"
            break
    bounds = _duration_bounds(s)
    if bounds is None:
        return None
    low, high = bounds
    if upper_only:
        low = 0.0
    elif lower_only:
        high = low
    return Duration(low, high, text)


def _duration_bounds(s: str) -> tuple[float, float] | None:
    """(min, max) days for folded `s` without its qualifiers, or None."""
    m = re.compile(_SPRINTS_RE).fullmatch(s)
    if m:  # "3 sprints de 2 semaines"
        days = number_value(m["n"]) * number_value(m["m"]) * TIME_UNITS[m["u"]][0]
        return (days, days) if math.isfinite(days) else None
    m = re.compile(_DURATION_RE).fullmatch(s)
    if m is None:
        return None
    if m["b"] is None:  # "6 semaines", or a bare number of days
        if m["ua"] and m["u"]:
            return None
        unit = m["u"] or m["ua"]
        if unit is None and not s[:1].isdigit():
            return None
        days = number_value(m["a"]) * (TIME_UNITS[unit][0] if unit else 1.0)
        return (days, days) if math.isfinite(days) else None
    if m["u"] is None:  # "4-6": a range needs a unit
        return None
    low = number_value(m["a"]) * TIME_UNITS[m["ua"] or m["u"]][0]
    high = number_value(m["b"]) * TIME_UNITS[m["u"]][0]
    return (low, high) if math.isfinite(low) and math.isfinite(high) and low <= high else None
