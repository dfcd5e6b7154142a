"""Deadlines: a date, an offset from an event, a delay from nothing, or unreadable.

Deadlines relative to go-live keep months apart from days; `Deadline.resolve` adds the months
with calendar arithmetic (the day is clamped to the month's end: 31 January + 1 month =
28/29 February), then the days. "Fin du premier trimestre qui suit la mise en production",
"end of Q1 after go-live" mean the end of the first full calendar quarter after go-live, as a
consultant reads them (30 June for a go-live on 1 March; a quarter that starts on the go-live
day is full); half-years ("1er semestre après…") likewise. A month alone ("juin 2026",
"2026-06") means its last day; a quarter or half-year its last day; "fin 2026" 31 December.
"J+", "D+" count days, "M+" months, "S+"/"W+" weeks from go-live; "T+" needs a unit ("T+6
mois"): a bare "T+6" is ambiguous and invalid. Fiscal years ("Q3 FY2026") are read as
calendar years. Numeric dates are day first ("03/04/2026" = 3 April); only an impossible
day-first date ("06/30/2026") is read the American way. A deadline anchored to another event
(contract signature, acceptance, kick-off) is "relative" but does not resolve: the spec only
knows the go-live date. A deadline naming a phase of the timeline ("à l'issue de la phase 1",
"end of phase Déploiement", "3 mois après la fin du lot 1") is relative to that phase's end
(anchor `PHASE`): it resolves when the spec's timeline has that phase and its end can be
computed (an `end` date, or a `start` and a duration).
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass

from .durations import PARENTHESES_RE, TIME_UNIT, TIME_UNITS
from .numbers import COUNT, DAY_SUFFIX, ORDINAL, number_value, ordinal_value
from .phases import find_phase, phase_end
from .text import alternation, by_spelling, fold, lexicon, safe_text, spelled_out

_WORDS = lexicon("deadlines")

#: Month names and abbreviations, French and English.
MONTHS: dict[str, int] = by_spelling(_WORDS["months"], int)

#: The anchor a relative deadline is counted from.
GO_LIVE = "go_live"

#: The anchor of a deadline counted from the end of a phase of the timeline.
PHASE = "phase"

#: Events a deadline can be anchored to: anchor → folded names. Only go-live is known to
#: the spec (`timeline.go_live`); the others are recognised so that a deadline anchored to
#: them is not reported as unreadable or unanchored, but they do not resolve to a date.
ANCHOR_NAMES: dict[str, tuple[str, ...]] = {
    anchor: tuple(names) for anchor, names in _WORDS["anchors"].items()}

#: Deadlines relative to nothing but "now" (rule S009), compared after folding.
VAGUE_DEADLINES: frozenset[str] = frozenset(_WORDS["words"]["vague"])

DEADLINE_KINDS = ("absolute", "relative", "unanchored", "invalid")
ABSOLUTE, RELATIVE, UNANCHORED, INVALID = DEADLINE_KINDS

#: Month names and their abbreviations; the names of the events above (regex sources).
MONTH = alternation(MONTHS)
ANCHOR_NAME = alternation(n for names in ANCHOR_NAMES.values() for n in names)


@dataclass(frozen=True)
class Deadline:
    """A deadline: an absolute date, an offset from an event, a delay from nothing, or unreadable.

    ``kind`` is "absolute" (``date`` set), "relative" (``anchor``, ``offset_months`` and
    ``offset_days`` set), "unanchored" (a delay or a vague term with no event: "dans 6 mois",
    "ASAP"; offsets set when a number was given) or "invalid". ``period_months`` (3 or 6) says
    the offset counts whole calendar quarters or half-years after go-live ("fin du premier
    trimestre qui suit la mise en production"); ``phase`` is the phase a `PHASE` deadline names,
    folded ("1", "deploiement"); ``phase_word`` is False when the text names the phase without
    calling it one ("à la fin de la recette"), so it reads as a phase only if the timeline has it.
    """

    kind: str
    text: str
    date: datetime.date | None = None
    offset_days: int | None = None
    offset_months: int = 0
    anchor: str | None = None
    period_months: int = 0
    phase: str | None = None
    phase_word: bool = True

    def resolve(self, go_live: datetime.date | None, phases=()) -> datetime.date | None:
        """The calendar date: absolute → itself; relative to go-live → go-live + offset; relative
        to a phase → that phase's end + offset, when `phases` (the timeline's) has it and its end
        can be computed; else None."""
        if self.kind == ABSOLUTE:
            return self.date
        if self.kind != RELATIVE:
            return None
        if self.anchor == PHASE:
            return self._shift(phase_end(self.phase_in(phases)))
        if self.anchor != GO_LIVE:
            return None
        if isinstance(go_live, datetime.datetime):
            go_live = go_live.date()
        if not isinstance(go_live, datetime.date):
            return None
        if self.period_months in (3, 6):
            try:
                return _after_full_periods(go_live, self.period_months, int(self.offset_months or 0))
            except (OverflowError, ValueError, TypeError):
                return None
        return self._shift(go_live)

    def phase_in(self, phases):
        """The phase of the timeline this deadline names, or None."""
        return find_phase(self.phase, phases, named_only=not self.phase_word)

    def _shift(self, day) -> datetime.date | None:
        if not isinstance(day, datetime.date):
            return None
        try:
            shifted = _add_months(day, int(self.offset_months or 0))
            return shifted + datetime.timedelta(days=int(self.offset_days or 0))
        except (OverflowError, ValueError, TypeError):
            return None


def _after_full_periods(go_live: datetime.date, period: int, months: int) -> datetime.date:
    """Last day of the calendar periods (quarters: `period` 3, half-years: 6) covering `months`
    months from the first period that starts on or after go-live."""
    first_month = (go_live.month - 1) // period * period + 1
    start = datetime.date(go_live.year, first_month, 1)
    if start < go_live:
        start = _add_months(start, period)
    return _add_months(start, max(months, period)) - datetime.timedelta(days=1)


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days


def _end_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, _days_in_month(year, month))


def _add_months(day: datetime.date, months: int) -> datetime.date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return datetime.date(year, month0 + 1, min(day.day, _days_in_month(year, month0 + 1)))


_LEAD_RE = (r"^(?:" + alternation(_WORDS["words"]["lead"]) + r"(?: ?:)? |l'|a (?!"
                      + TIME_UNIT + r"))")
_TRAIL_RE = (r"(?: ?[.!;,]| au plus tard| at the latest| latest| au maximum| maximum"
                       r"| max| environ| or so| approximately)$")

_ISO_RE = (r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
                     r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?")
_ISO_MONTH_RE = (r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})")
_NUMERIC_DATE_RE = (r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})")
_NUMERIC_MONTH_RE = (r"(?P<m>\d{1,2})[/.-](?P<y>\d{4})")
_DAY_MONTH_RE = (
    rf"(?:le )?(?P<d>\d{{1,2}}){DAY_SUFFIX} (?:de |of )?(?P<m>{MONTH})\.?,?(?: (?P<y>\d{{4}}))?")
_MONTH_DAY_RE = (
    rf"(?P<m>{MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<y>\d{{4}}))?")
_POSITION = (r"(?P<pos>fin|end|late|debut|beginning|start|early|mi|mid|middle)"
             r"(?: of the| of| de la| de l'| du| de| d')?")
_MONTH_YEAR_RE = (
    rf"(?:{_POSITION}[ -]?)?(?P<m>{MONTH})\.?(?:,? (?:de |d'|of )?(?P<y>\d{{4}}))?")
_PERIOD_RE = (
    rf"(?:{_POSITION} ?(?:the |le |la )?)?(?:(?P<l>[qtsh])(?P<n>[1-4])|(?P<ord>{ORDINAL}) "
    rf"(?P<period>trimestre|quarter|semestre|half-year|half year|half))"
    rf"(?:(?: ?[-/] ?| )(?:de |of |d')?(?:(?:l'annee|annee|the year|year) )?(?:fy ?|cy ?)?(?P<y>\d{{4}}))?")
_YEAR_PERIOD_RE = (r"(?P<y>\d{4}) ?[-/ ]? ?(?P<l>[qtsh])(?P<n>[1-4])")
_YEAR_ONLY_RE = (
    rf"(?:(?:{_POSITION}|courant|durant|during|in)[ -]?)?(?:(?:l'annee|annee|the year|year|l'an"
    rf"|calendar year) )?(?:fy ?|cy ?)?(?P<y>\d{{4}})")

_ANCHOR_KEY = {name: anchor for anchor, names in ANCHOR_NAMES.items() for name in names}
_ANCHOR_RE = (
    r"(?<![\w])(?:(?:le|la|les|l'|the) ?)?(?:(?:date|jour) (?:de |d')?(?:la |l'|le )?"
    r"|(?:date|day) of (?:the )?)?(?P<name>" + ANCHOR_NAME + r")"
    r"(?: (?:date|du crm|du nouveau crm|du projet|of the crm|of the new crm))?(?![\w])")
_ZERO_LETTER_RE = (r"(?<![\w])([tjdmsw])0 ?(?=[+-])")
_CONNECTOR = alternation(_WORDS["words"]["after"])
_BEFORE_CONNECTOR = alternation(_WORDS["words"]["before"])
_AT = "@(?P<anchor>" + "|".join(ANCHOR_NAMES) + ")"
_SIGN = r"(?P<sign>[+-]|plus|moins|minus)"
_PLUS_RE = (rf"{_AT} ?{_SIGN} ?(?P<n>{COUNT}) ?(?P<unit>{TIME_UNIT})\.?")
_LETTER_RE = (
    rf"(?P<letter>[tjdmsw]) ?(?P<sign>[+-]) ?(?P<n>\d+)(?: ?(?P<unit>{TIME_UNIT})\.?)?"
    rf"(?: (?:{_CONNECTOR}) ?{_AT})?")
_AFTER_RE = (
    rf"(?:(?:first|premiers|premieres|the first|les premiers|les premieres) )?(?P<n>{COUNT}) ?"
    rf"(?:(?:prochains|prochaines|premiers|premieres|first) )?(?P<unit>{TIME_UNIT})\.?"
    rf"(?: (?:suivants|suivantes|qui suivent))? ?(?:(?P<before>{_BEFORE_CONNECTOR})|{_CONNECTOR})"
    rf" ?{_AT}")
_NTH_PERIOD_RE = (
    rf"(?:(?:fin|end|terme|issue|close)(?: of| du| de| de la| d'| des)?(?: the| la| l'| le)? ?)?"
    rf"(?:(?P<ord>{ORDINAL}) (?P<period>{TIME_UNIT})|(?P<l>[qtsh])(?P<q>[1-4])"
    rf"|(?P<period2>{TIME_UNIT}) (?P<n2>\d{{1,3}})) ?(?:{_CONNECTOR}) ?{_AT}")
_AT_RE = (rf"{_AT}")
_PHASE_WORD = alternation(_WORDS["words"]["phase"])
_END_OF = alternation(_WORDS["words"]["end-of"])
_PHASE_RE = (
    rf"(?:(?P<n>{COUNT}) ?(?P<unit>{TIME_UNIT})\.? ?)?(?:(?P<before>{_BEFORE_CONNECTOR})|{_CONNECTOR})? ?"
    rf"(?:(?:la |le |l')?{_END_OF}(?: of| du| de| de la| d'| des)?(?: the| la| l'| le)? ?)?"
    rf"(?:(?:la |le |les |l'|the )?{_PHASE_WORD} (?:(?:(?:de|du|des|of) |d')(?:la |l'|le |les |the )?)?"
    rf"(?P<name>[a-z0-9].*)|(?:the )?(?!(?:{_END_OF}|de|du|des|la|le|les|of|the) )(?P<name2>[a-z0-9][a-z0-9' -]*?) {_PHASE_WORD})")
# "à la fin de la recette", "end of UAT": the end of something, named without « phase » or « lot ».
_NAMED_END_RE = (
    rf"(?:(?P<n>{COUNT}) ?(?P<unit>{TIME_UNIT})\.? ?(?:(?P<before>{_BEFORE_CONNECTOR})|{_CONNECTOR})? ?)?"
    rf"(?:a |at )?(?:la |le |l'|the )?{_END_OF}(?: of| du| de| de la| d'| des)?(?: the| la| l'| le| les)? ?"
    rf"(?P<name>[a-z0-9][a-z0-9' -]*)")
_DELAY_RE = (
    rf"(?P<n>{COUNT}) ?(?:(?:prochains|prochaines|next|coming|a venir) )?(?P<unit>{TIME_UNIT})\.?"
    rf"(?:'s? time| time| from now| from today| a venir| prochains| prochaines| later| plus tard"
    rf"| apres| after| suivants)?")
_UNDATED_RES = tuple(pattern for pattern in (
    rf"(?:{_POSITION}[ -]?)?(?:\d{{1,2}}{DAY_SUFFIX} )?{MONTH}\.?",
    rf"{MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?",
    rf"(?:{_POSITION} ?(?:the |le |la )?)?(?:[qtsh][1-4]|{ORDINAL} "
        rf"(?:trimestre|quarter|semestre|half-year|half year|half))",
))


def parse_deadline(raw) -> Deadline | None:
    """Classify and read a deadline: absolute, relative to an event, unanchored, or invalid.

    None for None and for blank text; every other input gives a `Deadline`.
    """
    if raw is None:
        return None
    if isinstance(raw, Deadline):
        return raw
    if isinstance(raw, datetime.datetime):
        return Deadline(ABSOLUTE, raw.isoformat(), raw.date())
    if isinstance(raw, datetime.date):
        return Deadline(ABSOLUTE, raw.isoformat(), raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        return Deadline(INVALID, safe_text(raw))
    text = raw.strip()
    if not text:
        return None
    folded = fold(spelled_out(text))
    found = _read_deadline(folded)
    if found is None and "(" in folded:
        found = _read_deadline(" ".join(re.compile(PARENTHESES_RE).sub(" ", folded).split()))
    if found is None:
        return Deadline(INVALID, text)
    kind, values = found
    return Deadline(kind, text, **values)


def _read_deadline(s: str):
    """(kind, fields) for folded text `s`, or None when it cannot be read."""
    s = _strip_trailing(s)
    if s in VAGUE_DEADLINES:
        return UNANCHORED, {}
    for _ in range(8):
        m = re.compile(_LEAD_RE).match(s)
        if not m or m.end() >= len(s):
            break
        s = _strip_trailing(s[m.end():])
        if s in VAGUE_DEADLINES:
            return UNANCHORED, {}
    for reader in (_absolute_deadline, _relative_deadline, _phase_deadline, _unanchored_deadline,
                   _named_end_deadline):
        found = reader(s)
        if found is not None:
            return found
    return None


def _strip_trailing(s: str) -> str:
    for _ in range(4):
        m = re.compile(_TRAIL_RE).search(s)
        if not m:
            break
        s = s[:m.start()].rstrip()
    return s


def _date_or_invalid(year: int, month: int, day: int | None = None):
    """An absolute deadline on that day (None: the month's last day), or invalid if impossible."""
    try:
        when = _end_of_month(year, month) if day is None else datetime.date(year, month, day)
    except (ValueError, OverflowError):
        return INVALID, {}
    return ABSOLUTE, {"date": when}


def _position_day(pos: str | None) -> int | None:
    """Day in the month for "début"/"mi"/"fin" (None: the last day)."""
    if pos in ("debut", "beginning", "start", "early"):
        return 1
    if pos in ("mi", "mid", "middle"):
        return 15
    return None


def _absolute_deadline(s: str):
    m = re.compile(_ISO_RE).fullmatch(s)
    if m:
        return _date_or_invalid(int(m["y"]), int(m["m"]), int(m["d"]))
    m = re.compile(_ISO_MONTH_RE).fullmatch(s)
    if m:
        return _date_or_invalid(int(m["y"]), int(m["m"]))
    m = re.compile(_NUMERIC_DATE_RE).fullmatch(s)
    if m:
        day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
        year += 2000 if len(m["y"]) == 2 else 0
        if month > 12 >= day:  # "06/30/2026": only readable the American way
            day, month = month, day
        return _date_or_invalid(year, month, day)
    m = re.compile(_NUMERIC_MONTH_RE).fullmatch(s)
    if m:
        return _date_or_invalid(int(m["y"]), int(m["m"]))
    for pattern in (_DAY_MONTH_RE, _MONTH_DAY_RE):
        m = re.compile(pattern).fullmatch(s)
        if m and m["y"]:
            return _date_or_invalid(int(m["y"]), MONTHS[m["m"]], int(m["d"]))
    m = re.compile(_MONTH_YEAR_RE).fullmatch(s)
    if m and m["y"]:
        year, month = int(m["y"]), MONTHS[m["m"]]
        return _date_or_invalid(year, month, _position_day(m["pos"]))
    m = re.compile(_PERIOD_RE).fullmatch(s) or re.compile(_YEAR_PERIOD_RE).fullmatch(s)
    if m and m["y"]:
        return _period_end(m)
    m = re.compile(_YEAR_ONLY_RE).fullmatch(s)
    if m:
        year, pos = int(m["y"]), m["pos"]
        if pos in ("debut", "beginning", "start", "early"):
            return _date_or_invalid(year, 1, 1)
        if pos in ("mi", "mid", "middle"):
            return _date_or_invalid(year, 6, 30)
        return _date_or_invalid(year, 12, 31)
    return None


def _period_end(m):
    """Last day (or first, after "début") of a quarter or half-year match."""
    year = int(m["y"])
    groups = m.groupdict()
    if groups.get("ord"):
        number = ordinal_value(m["ord"])
        months = 3 if m["period"] in ("trimestre", "quarter") else 6
    else:
        number = int(m["n"])
        months = 3 if m["l"] in "qt" else 6
    if number is None or not 1 <= number <= 12 // months:
        return INVALID, {}
    last_month = number * months
    if groups.get("pos") in ("debut", "beginning", "start", "early"):
        return _date_or_invalid(year, last_month - months + 1, 1)
    return _date_or_invalid(year, last_month)


def _offset(count: str, unit: str | None, sign: int = 1):
    """(months, days) for "count unit" ("1,5 mois" → (1, 15)); None when it cannot be counted."""
    n = number_value(count)
    if not math.isfinite(n) or unit is None:
        return None
    days_per, months_per = TIME_UNITS[unit]
    if months_per:
        total = n * months_per
        if total > 120_000:
            return None
        months = int(total)
        days = round((total - months) * 30)
    else:
        if n * days_per > 3_650_000:
            return None
        months, days = 0, round(n * days_per)
    return sign * months, sign * days


def _relative(anchor: str, offset) -> tuple[str, dict]:
    months, days = offset
    return RELATIVE, {"anchor": anchor, "offset_months": months, "offset_days": days}


def _relative_deadline(s: str):
    s = re.compile(_ZERO_LETTER_RE).sub(r"\1", s)
    s = re.compile(_ANCHOR_RE).sub(lambda m: "@" + _ANCHOR_KEY[m["name"]], s)
    m = re.compile(_PLUS_RE).fullmatch(s)
    if m:
        offset = _offset(m["n"], m["unit"], -1 if m["sign"] in ("-", "moins", "minus") else 1)
        return _relative(m["anchor"], offset) if offset else None
    m = re.compile(_LETTER_RE).fullmatch(s)
    if m:
        unit = m["unit"] or {"j": "j", "d": "d", "m": "mois", "s": "sem", "w": "w"}.get(m["letter"])
        offset = _offset(m["n"], unit, -1 if m["sign"] == "-" else 1)
        return _relative(m["anchor"] or GO_LIVE, offset) if offset else None
    m = re.compile(_AFTER_RE).fullmatch(s)
    if m:
        offset = _offset(m["n"], m["unit"], -1 if m["before"] else 1)
        return _relative(m["anchor"], offset) if offset else None
    m = re.compile(_NTH_PERIOD_RE).fullmatch(s)
    if m:
        if m["ord"]:
            offset = _offset(str(ordinal_value(m["ord"])), m["period"])
            period = TIME_UNITS[m["period"]][1]
        elif m["l"]:
            period = 3 if m["l"] in "qt" else 6
            offset = (int(m["q"]) * period, 0)
        else:
            offset = _offset(m["n2"], m["period2"])
            period = TIME_UNITS[m["period2"]][1]
        if not offset:
            return None
        kind, values = _relative(m["anchor"], offset)
        if m["anchor"] == GO_LIVE and period in (3, 6) and offset[1] == 0:
            values["period_months"] = period     # whole calendar quarters or half-years
        return kind, values
    m = re.compile(_AT_RE).fullmatch(s)
    if m:
        return _relative(m["anchor"], (0, 0))
    return None


def _phase_deadline(s: str):
    """"à l'issue de la phase 1", "end of phase Déploiement", "3 mois après la fin du lot 1"."""
    m = re.compile(_PHASE_RE).fullmatch(s)
    if not m:
        return None
    name = " ".join((m["name"] or m["name2"] or "").split()).strip(" .")
    return _end_of_phase(m, name) if name else None


def _named_end_deadline(s: str):
    """"à la fin de la recette", "3 mois après la fin du pilote", "end of UAT": the end of a phase
    named without the word « phase » (read last: "fin du T2" stays a quarter)."""
    m = re.compile(_NAMED_END_RE).fullmatch(s)
    if not m:
        return None
    name = " ".join(m["name"].split()).strip(" .'-")
    return _end_of_phase(m, name, phase_word=False) if name else None


def _end_of_phase(m, name: str, **more):
    """The end of phase `name`, moved by the offset the match `m` says, if any ("3 mois après")."""
    offset = _offset(m["n"], m["unit"], -1 if m["before"] else 1) if m["n"] and m["unit"] else (0, 0)
    if offset is None:
        return None
    kind, values = _relative(PHASE, offset)
    values.update(phase=name, **more)
    return kind, values


def _unanchored_deadline(s: str):
    m = re.compile(_DELAY_RE).fullmatch(re.sub(r"'s? time$", " time", s))
    if m:
        offset = _offset(m["n"], m["unit"])
        if offset:
            return UNANCHORED, {"offset_months": offset[0], "offset_days": offset[1]}
    if any(re.compile(pattern).fullmatch(s) for pattern in _UNDATED_RES):
        return UNANCHORED, {}
    return None
