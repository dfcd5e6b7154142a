"""The dates of the timeline's phases, as the Gantt picture, the Mermaid gantt and the phases table show them.

A spec often gives durations ("3 à 4 mois") rather than dates. With a go-live date the phases
form a rétroplanning, as the guides ask: the phases before go-live are laid backwards from it
(the last one ends on go-live, each one ends when the next begins), the phases after go-live
follow it. The dates are computed once, here, so that the three views agree on every start
and end and with the go-live line.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace

from .sanitize import clean_text
from .typography import apostrophes

DEFAULT_PHASE_DAYS = 14         # a phase with neither dates nor duration (drawn hatched)


@dataclass(frozen=True)
class Bar:
    """One phase on the calendar. `end_min` ≤ `end_max`: the duration may be a range."""

    id: str
    name: str
    start: _dt.date
    end_min: _dt.date
    end_max: _dt.date
    estimated: bool        # the start was derived (not written in the spec)
    unknown: bool          # neither dates nor duration: a default length is drawn
    duration_text: str = ""  # the duration as written ("3 à 4 mois"), if any

    @property
    def end(self) -> _dt.date:
        return self.end_max


def schedule(spec, lang: str | None = None) -> list[Bar]:
    """Dates for every phase; empty when nothing can be placed on a calendar. The names are
    typeset for `lang` (French apostrophes).

    Written dates are kept. With a go-live date, the phases before it are laid backwards: a
    phase without dates ends when the next one starts (the last one on go-live) and lasts the
    upper bound of its duration ("4-6 semaines" counts 6 weeks: the prudent reading of a
    rétroplanning, which leaves the slack before the phase rather than after it). A phase is
    after go-live when its written start is on or after go-live, and so is every phase that
    follows it; those are chained forwards from go-live. Without a go-live date, the phases are
    chained forwards from the first written start, else from the spec's date.
    """
    timeline = spec.timeline
    if timeline is None or not timeline.phases:
        return []
    phases = list(timeline.phases)
    go_live = timeline.go_live
    if go_live is None:
        anchor = phases[0].start or (spec.project.date if spec.project and spec.project.date else None)
        anchor = anchor or next((p.start for p in phases if p.start), None)
        bars = _forwards(phases, 0, anchor) if anchor else []
    else:
        after = next((i for i, p in enumerate(phases) if p.start and p.start >= go_live), len(phases))
        bars = _backwards(phases[:after], go_live) + _forwards(phases[after:], after, go_live)
    if lang == "fr":
        bars = [replace(b, name=apostrophes(b.name), duration_text=apostrophes(b.duration_text)) for b in bars]
    return bars


def _forwards(phases, first_index: int, cursor: _dt.date) -> list[Bar]:
    """Each phase starts at its written start, else when the previous one ends at the latest."""
    bars = []
    for index, phase in enumerate(phases, first_index):
        start = phase.start or cursor
        if phase.end and phase.end >= start:
            end_min = end_max = phase.end
            unknown = False
        else:
            low, high, unknown = _length(phase)
            end_min, end_max = shift_days(start, low), shift_days(start, high)
        bars.append(_bar(phase, index, start, end_min, end_max, unknown))
        cursor = end_max
    return bars


def _backwards(phases, go_live: _dt.date) -> list[Bar]:
    """From the last phase to the first: each ends at its written end, else when the next starts."""
    bars = []
    cursor = go_live
    for index in range(len(phases) - 1, -1, -1):
        phase = phases[index]
        low, high, unknown = _length(phase)
        if phase.start and phase.end and phase.end >= phase.start:
            start, end_min, end_max, unknown = phase.start, phase.end, phase.end, False
        elif phase.start:
            start = phase.start
            end_min, end_max = shift_days(start, low), shift_days(start, high)
        else:
            end_max = phase.end or cursor
            start = shift_days(end_max, -high)
            end_min = min(shift_days(start, low), end_max)
        bars.append(_bar(phase, index, start, end_min, end_max, unknown))
        cursor = start
    return bars[::-1]


def _bar(phase, index: int, start, end_min, end_max, unknown: bool) -> Bar:
    return Bar(phase.id or f"phase{index + 1}", clean_text(phase.name or phase.id or f"{index + 1}"),
               start, end_min, end_max, phase.start is None, unknown,
               clean_text(phase.duration_text or "").strip())


def shift_days(day: _dt.date, days: float) -> _dt.date:
    """`day` + `days`, clamped to the calendar Python knows (years 1 to 9999)."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max if days > 0 else _dt.date.min


def _length(phase) -> tuple[int, int, bool]:
    """The phase's length in days (low, high) and whether it is unknown (a default length)."""
    if phase.duration is not None:
        low = max(0, int(round(phase.duration.min_days)))
        high = max(low, int(round(phase.duration.max_days)))
        if high == 0:
            return DEFAULT_PHASE_DAYS, DEFAULT_PHASE_DAYS, True
        return max(low, 1), high, False
    return DEFAULT_PHASE_DAYS, DEFAULT_PHASE_DAYS, True
