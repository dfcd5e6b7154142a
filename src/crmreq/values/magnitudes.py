"""Comparing quantities written in different units of one kind: "2 s" and "2000 ms", "15 k€" and
"15 000 €", "3 mois" and "90 jours".

Rules compare a statement's figure with its metric (N004) and an objective's target with its
baseline (S010): both need to know whether two units measure the same thing, and how many of
one make the other. Units of counted things (contacts, users, tickets…) are their own kind.
Calendar units (months, quarters, years) and storage sizes are approximate: they compare with
a tolerance of 10 %.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from .numbers import NUMBER_RE
from .quantities import UNIT_ALIASES, Quantity, parse_quantity
from .text import fold, spelled_out

_DAY = 86_400.0
# canonical unit → (kind, size in the kind's base unit, approximate)
_SIZES: dict[str, tuple[str, float, bool]] = {
    "ms": ("time", 0.001, False), "s": ("time", 1.0, False), "min": ("time", 60.0, False),
    "h": ("time", 3_600.0, False), "days": ("time", _DAY, False), "weeks": ("time", 7 * _DAY, False),
    "months": ("time", 30.44 * _DAY, True), "quarters": ("time", 91.31 * _DAY, True),
    "semesters": ("time", 182.62 * _DAY, True), "years": ("time", 365.25 * _DAY, True),
    "working days": ("working time", 1.0, False),
    "%": ("percent", 1.0, False), "pts": ("points", 1.0, False),
    "€": ("euro", 1.0, False), "k€": ("euro", 1_000.0, False), "M€": ("euro", 1_000_000.0, False),
    "KB": ("data", 1e3, True), "MB": ("data", 1e6, True), "GB": ("data", 1e9, True), "TB": ("data", 1e12, True),
}
_COUNTED = frozenset(UNIT_ALIASES.values()) - set(_SIZES)

#: The kinds of quantity, as a user would name them.
KIND_NAMES = {
    "time": ("une durée", "a duration"), "working time": ("des jours ouvrés", "working days"),
    "percent": ("un pourcentage", "a percentage"), "points": ("des points", "points"),
    "euro": ("un montant", "an amount"), "data": ("un volume de données", "a data size"),
}


class Magnitude(NamedTuple):
    """A quantity in its kind's base unit (seconds, euros, bytes, or the counted thing)."""

    kind: str
    low: float
    high: float
    approximate: bool


def magnitude(quantity) -> Magnitude | None:
    """The quantity's kind and size, or None when it has no number or an unknown unit."""
    value = getattr(quantity, "value", None)
    unit = getattr(quantity, "unit", "") or ""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return None
    upper = getattr(quantity, "upper", None)
    base = unit.split("/")[0] if "/" in unit else unit
    if "/" in unit:
        kind, size, approximate = unit, 1.0, False        # a rate: only the same rate compares
    elif base in _SIZES:
        kind, size, approximate = _SIZES[base]
    elif base in _COUNTED:
        kind, size, approximate = base, 1.0, False
    else:
        return None
    high = upper if isinstance(upper, (int, float)) and math.isfinite(upper) else value
    return Magnitude(kind, min(value, high) * size, max(value, high) * size, approximate)


def same_size(a: Magnitude, b: Magnitude) -> bool:
    """Whether two magnitudes of one kind name the same amount (ranges: they share a bound)."""
    tolerance = 0.1 if a.approximate or b.approximate else 1e-9

    def close(x: float, y: float) -> bool:
        return math.isclose(x, y, rel_tol=tolerance, abs_tol=1e-12)

    return any(close(x, y) for x in (a.low, a.high) for y in (b.low, b.high))


# Units that differ by a prefix only: written for the same measure at another scale.
_PREFIXED = (frozenset({"ms", "s"}), frozenset({"€", "k€", "M€"}), frozenset({"KB", "MB", "GB", "TB"}))


def same_measure_units(a: str, b: str) -> bool:
    """Whether two units are the same but for a prefix ("s" and "ms", "€" and "k€"): a statement
    giving 30 days and 24 h speaks of two measures (retention, RPO), not of one written twice."""
    return a == b or any(a in group and b in group for group in _PREFIXED)


def figures(text) -> list[Quantity]:
    """Every number written with a known unit in a text ("2 s", "99,5 %", "50 000 contacts"),
    in text order; numbers without a unit (years, ids) are left out."""
    if not isinstance(text, str) or not text.strip():
        return []
    written = spelled_out(text)
    starts = [m.start() for m in re.compile(NUMBER_RE).finditer(fold(written))]
    found = []
    index = 0
    while index < len(starts):
        # up to the number after next: a range ("2-3 s", "entre 2 et 3 s") is read whole
        end = starts[index + 2] if index + 2 < len(starts) else len(written)
        quantity = parse_quantity(written[starts[index]:end])
        index += 2 if quantity is not None and quantity.upper is not None else 1
        if quantity is not None and magnitude(quantity) is not None:
            found.append(quantity)
    return found
