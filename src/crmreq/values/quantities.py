"""Quantities: "30 %", "p95 < 2 s", "12 000 contacts", "2-3 s", "500 leads par mois"."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .numbers import NUMBER, NUMBER_RE, number_value
from .text import alternation, by_spelling, fold, lexicon, safe_text, spelled_out

_UNITS = lexicon("units")
_COMPARATORS = lexicon("comparators")

#: Quantity units: folded spelling → canonical unit.
UNIT_ALIASES: dict[str, str] = by_spelling(_UNITS["units"])

#: Units whose meaning depends on case, checked on the text as written before folding.
CASE_SENSITIVE_UNITS: dict[str, str] = by_spelling(_UNITS["case_sensitive"])

#: Denominators of rates ("500 leads par mois" → "leads/month"): folded → canonical.
RATE_DENOMINATORS: dict[str, str] = by_spelling(_UNITS["rate_denominators"])

#: Comparators written before a number ("au moins 3", "< 2 s"): folded → symbol.
COMPARATOR_WORDS: dict[str, str] = by_spelling(_COMPARATORS["before"])

#: Comparators written after the number and unit ("3 clics max", "10 users or more").
POSTFIX_COMPARATORS: dict[str, str] = by_spelling(_COMPARATORS["after"])


@dataclass(frozen=True)
class Quantity:
    """A measured amount as written ("30 %", "p95 < 2 s", "12 000 contacts", "2-3 s")."""

    value: float | None
    unit: str
    text: str
    percentile: str | None = None
    upper: float | None = None
    comparator: str | None = None


_PERCENTILE_RES = tuple(pattern for pattern in (
    r"\(? ?(?<![\w'])p(\d{1,2}(?:[.,]\d+)?)(?![\w]) ?\)?",
    r"\(? ?(?<![\w'.,])(\d{1,2}(?:[.,]\d+)?) ?(?:eme|e|th|st|nd|rd)? ?"
        r"(?:percentile|centile)s?(?![\w]) ?\)?",
    r"\(? ?(?<![\w'])(?:percentile|centile) ?(\d{1,2}(?:[.,]\d+)?)(?![\w]) ?\)?",
    r"\(? ?(?<![\w'])(?:median|mediane)(?![\w]) ?\)?",
))
# "pour 95 % des requêtes", "for 95% of requests": a percentile only when another number follows.
_PERCENT_OF_RE = (
    r"(?<![\w'])(?:pour|for|dans|in) (\d{1,2}(?:[.,]\d+)?) ?% (?:des|du|de la|de l'|of)(?![\w])")

UNIT_RE = (r" ?(?P<u>" + alternation(UNIT_ALIASES) + ")")
_RATE_RE = (r" ?(?:/ ?|par |per |a |an |each |chaque |every )(?P<r>"
                      + alternation([w + "s" for w in RATE_DENOMINATORS] + list(RATE_DENOMINATORS))
                      + ")")
_OTHER_UNIT_RE = (r" ?(?P<u>[^\W\d_][\w'-]*|[$£€%‰°#/][\w/]*)")
_POSTFIX_CMP_RE = (r" ?(?P<c>" + alternation(POSTFIX_COMPARATORS) + ")")
_PREFIX_CMP_RE = (
    r"(?:(?P<sym><=|=<|>=|=>|<|>)|(?<![\w'])(?P<word>"
    + alternation(k for k in COMPARATOR_WORDS if k[0].isalpha()) + r")) ?:? ?$")
_PREFIX_SIGN_RE = (r"(?:^|(?<=[\s<>=(~]))([+-]) ?$")
_PREFIX_CURRENCY_RE = (r"(?:^|(?<=[\s<>=(~+-]))(?P<c>€|\$|£|eur|usd|gbp) ?$")
_BETWEEN_RE = (r"(?<![\w'])(?:entre|between|from|de) ?$")
_RANGE_RE = (
    rf" ?(?P<u1>%|[a-z€$£]+\.?)? ?(?P<sep>-|a|au|to|et|and|jusqu'a) ?(?P<neg>-)?(?P<n2>{NUMBER})")


def normalise_unit(unit) -> str:
    """Canonical spelling of a unit ("secondes" → "s", "pour cent" → "%"); unknown units as written."""
    if not isinstance(unit, str):
        return "" if unit is None else safe_text(unit).strip()
    written = " ".join(unit.split())
    if written in CASE_SENSITIVE_UNITS:
        return CASE_SENSITIVE_UNITS[written]
    return UNIT_ALIASES.get(fold(spelled_out(written)), written)


def normalise_percentile(raw) -> str | None:
    """Percentile label: "p95" for "p95", "P95", 95, "95e percentile"; "p50" for "médiane"; else None."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float)):
        return _percentile_label(safe_text(raw)) if math.isfinite(float(raw)) and 0 <= raw <= 100 else None
    if not isinstance(raw, str):
        return None
    text = fold(spelled_out(raw))
    if re.fullmatch(r"\d{1,2}(?:[.,]\d+)?|100", text):
        return _percentile_label(text)
    for pattern in _PERCENTILE_RES:
        m = re.compile(pattern).fullmatch(text)
        if m:
            return _percentile_label(m.group(1)) if m.groups() else "p50"
    return None


def _percentile_label(number: str) -> str:
    number = number.replace(",", ".")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return "p" + number


def normalise_comparator(raw) -> str | None:
    """Comparator symbol ("<", "<=", ">", ">=") for a symbol or word ("≤", "au moins", "at most")."""
    if not isinstance(raw, str):
        return None
    folded = fold(spelled_out(raw))
    return COMPARATOR_WORDS.get(folded) or POSTFIX_COMPARATORS.get(folded)


def parse_quantity(raw) -> Quantity | None:
    """Read a quantity from a number, a mapping ``{value, unit, percentile}`` or a short text.

    None for None and for things that cannot hold a quantity (bool, list, date…). A text
    with no number gives ``Quantity(value=None, unit="", text=...)``.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, Quantity):
        return raw
    if isinstance(raw, (int, float)):
        value = float(raw) if math.isfinite(float(raw)) else None
        return Quantity(value, "", safe_text(raw))
    if isinstance(raw, str):
        return _quantity_from_text(raw)
    if isinstance(raw, Mapping):
        try:
            return _quantity_from_mapping(raw)
        except Exception:  # a foreign Mapping whose access fails: not a quantity
            return None
    return None


def _quantity_from_mapping(raw: Mapping) -> Quantity:
    """``{value, unit, percentile}``; the text is rebuilt from what was written."""
    value_raw, unit_raw, percentile_raw = raw.get("value"), raw.get("unit"), raw.get("percentile")
    parsed = parse_quantity(value_raw) if isinstance(value_raw, (str, int, float)) else None
    if parsed is None:
        parsed = Quantity(None, "", "" if value_raw is None else safe_text(value_raw))
    unit = parsed.unit if unit_raw is None else normalise_unit(unit_raw)
    percentile = normalise_percentile(percentile_raw) or parsed.percentile
    parts = [parsed.text.strip() if isinstance(value_raw, str) else parsed.text]
    if unit_raw is not None:
        parts.append(safe_text(unit_raw).strip())
    if percentile_raw is not None:
        parts.append(f"({safe_text(percentile_raw).strip()})")
    text = " ".join(part for part in parts if part)
    return Quantity(parsed.value, unit, text, percentile, parsed.upper, parsed.comparator)


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, so that indices stay valid."""
    return text[:start] + " " * (end - start) + text[end:]


@functools.lru_cache(maxsize=4096)   # the schema check and the model read the same texts
def _quantity_from_text(raw: str) -> Quantity:
    text = raw.strip()
    written = spelled_out(text)
    work = fold(written)   # same offsets as `written`, which gives back units as written

    percentile = None
    for pattern in _PERCENTILE_RES:
        m = re.compile(pattern).search(work)
        if m:
            percentile = _percentile_label(m.group(1)) if m.groups() else "p50"
            work = _blank(work, *m.span())
            break
    if percentile is None:
        m = re.compile(_PERCENT_OF_RE).search(work)
        if m and re.compile(NUMBER_RE).search(work, m.end()):
            percentile = _percentile_label(m.group(1))
            work = _blank(work, *m.span())

    number = re.compile(NUMBER_RE).search(work)
    if number is None:
        return Quantity(None, "", text, percentile)
    value = number_value(number.group())
    if not math.isfinite(value):
        return Quantity(None, "", text, percentile)

    # Before the number: currency symbol, sign, comparator, "entre"/"between".
    prefix = work[:number.start()].rstrip()
    prefix_unit = ""
    m = re.compile(_PREFIX_CURRENCY_RE).search(prefix)
    if m:
        prefix_unit = UNIT_ALIASES[m.group("c")]
        prefix = prefix[:m.start()].rstrip()
    m = re.compile(_PREFIX_SIGN_RE).search(prefix)
    if m:
        value = -value if m.group(1) == "-" else value
        prefix = prefix[:m.start()].rstrip()
    comparator = None
    m = re.compile(_PREFIX_CMP_RE).search(prefix)
    if m:
        comparator = COMPARATOR_WORDS[m.group("sym") or m.group("word")]
    between = bool(re.compile(_BETWEEN_RE).search(prefix))

    # After the number: multiplier, range, unit, rate, postfix comparator.
    pos = number.end()
    value, pos, multiplier = _apply_multiplier(written, work, pos, value)
    upper = None
    m = re.compile(_RANGE_RE).match(work, pos)
    if m and (m.group("sep") not in ("et", "and") or between):
        upper_value = number_value(m.group("n2"))
        if math.isfinite(upper_value):
            upper_value = -upper_value if m.group("neg") else upper_value
            upper_value, end, upper_multiplier = _apply_multiplier(
                written, work, m.end(), upper_value)
            unit_after, _ = _read_unit(written, work, end)
            unit_before = m.group("u1")
            if unit_before is None or normalise_unit(unit_before.rstrip(".")) == unit_after:
                if upper_multiplier != 1 and multiplier == 1:
                    value *= upper_multiplier
                upper, pos = upper_value, end

    unit, pos = _read_unit(written, work, pos)
    if not unit and prefix_unit:
        unit = prefix_unit
    m = re.compile(_POSTFIX_CMP_RE).match(work, pos)
    if m and comparator is None:
        comparator = POSTFIX_COMPARATORS[m.group("c")]
    if not math.isfinite(value) or (upper is not None and not math.isfinite(upper)):  # "1e308M"
        value = upper = None
    return Quantity(value, unit, text, percentile, upper, comparator)


def _apply_multiplier(written, work, pos, value):
    """Apply a glued multiplier: "10k" → 10000, "1.5M" → 1.5e6 ("15 k€", "15k€" keep k€ as unit)."""
    if re.match(r"k(?![\w€'$£])", work[pos:pos + 2]):
        return value * 1000, pos + 1, 1000
    if re.match(r"m(?![\w€'$£])", work[pos:pos + 2]) and written[pos] == "M":
        return value * 1e6, pos + 1, 1e6
    return value, pos, 1


def _read_unit(written, work, pos) -> tuple[str, int]:
    """The canonical unit at `pos`: a known unit (with its rate), else the next word as written."""
    m = re.compile(UNIT_RE).match(work, pos)
    if m:
        start, end = m.span("u")
        as_written = written[start:end]
        if as_written in CASE_SENSITIVE_UNITS:
            return CASE_SENSITIVE_UNITS[as_written], end
        unit = UNIT_ALIASES[m["u"]]
        if unit not in ("%", "pts", "‰", "x"):
            rate = re.compile(_RATE_RE).match(work, end)
            if rate:
                denominator = rate["r"]
                key = denominator if denominator in RATE_DENOMINATORS else denominator[:-1]
                unit, end = f"{unit}/{RATE_DENOMINATORS[key]}", rate.end()
        return unit, end
    if re.compile(_POSTFIX_CMP_RE).match(work, pos):
        return "", pos
    m = re.compile(_OTHER_UNIT_RE).match(work, pos)
    if m:
        start, end = m.span("u")
        as_written = written[start:end]
        return CASE_SENSITIVE_UNITS.get(as_written, as_written), end
    return "", pos
