"""The dates of the timeline's phases, as the Gantt picture, the Mermaid gantt and the phases table show them.

A spec often gives durations ("3 à 4 mois") rather than dates, so the phases are chained here,
once, in plain Python: the three views then agree on every start and end.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .sanitize import clean_text

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


def schedule(spec) -> list[Bar]:
    """Dates for every phase: written dates first, else chained from the previous phase.

    The first phase without a start begins at the spec's date (`project.date`), or at the
    go-live minus the summed durations when the spec has no date. A phase starts when the
    previous one ends at the latest (the upper bound of a "3 à 4 mois" range). Empty when
    nothing can be placed on a calendar.
    """
    timeline = spec.timeline
    if timeline is None or not timeline.phases:
        return []
    phases = timeline.phases
    anchor = phases[0].start
    if anchor is None:
        anchor = spec.project.date if spec.project and spec.project.date else None
    if anchor is None and timeline.go_live:
        total = sum(_length(p)[1] for p in phases)
        anchor = shift_days(timeline.go_live, -total)
    if anchor is None:
        anchor = next((p.start for p in phases if p.start), None)
    if anchor is None:
        return []
    bars: list[Bar] = []
    cursor = anchor
    for index, phase in enumerate(phases):
        start = phase.start or cursor
        estimated = phase.start is None
        unknown = False
        if phase.end and phase.end >= start:
            end_min = end_max = phase.end
        else:
            low, high, unknown = _length_flag(phase)
            end_min = shift_days(start, low)
            end_max = shift_days(start, high)
        bars.append(Bar(phase.id or f"phase{index + 1}", clean_text(phase.name or phase.id or f"{index + 1}"),
                        start, end_min, end_max, estimated, unknown,
                        clean_text(phase.duration_text or "").strip()))
        cursor = end_max
    return bars


def shift_days(day: _dt.date, days: float) -> _dt.date:
    """`day` + `days`, clamped to the calendar Python knows (years 1 to 9999)."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max if days > 0 else _dt.date.min


def _length_flag(phase) -> tuple[int, int, bool]:
    """The phase's length in days (low, high) and whether it is unknown (a default length)."""
    if phase.duration is not None:
        low = max(0, int(round(phase.duration.min_days)))
        high = max(low, int(round(phase.duration.max_days)))
        if high == 0:
            return DEFAULT_PHASE_DAYS, DEFAULT_PHASE_DAYS, True
        return max(low, 1), high, False
    return DEFAULT_PHASE_DAYS, DEFAULT_PHASE_DAYS, True


def _length(phase) -> tuple[int, int]:
    if phase.start and phase.end and phase.end >= phase.start:
        days = (phase.end - phase.start).days
        return days, days
    low, high, _ = _length_flag(phase)
    return low, high
