"""The timeline as a PNG Gantt chart for the Word document: one bar per phase on a month axis, and the go-live.

The dates come from `schedule`, the same ones the phases table and the Mermaid gantt show. A
duration range ("3 à 4 mois") is drawn solid to its lower bound, pale to its upper bound; a phase
with no duration is drawn hatched at a default length.
"""

from __future__ import annotations

import datetime as _dt
import math

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import labels as L
from . import typography as T
from .chart_style import EDGE, TEXT_COLOUR, WIDTH_IN, chart_settings, png_bytes, wrap
from .schedule import Bar, schedule, shift_days

PHASE_COLOURS = ("#2E75B6", "#548235", "#C55A11", "#7030A0", "#BF8F00", "#1F4E79", "#A5002A", "#375623")
GO_LIVE_COLOUR = "#C00000"
_LABEL_BOX = {"boxstyle": "square,pad=0.12", "facecolor": "white", "edgecolor": "none"}


def gantt_png(spec, lang: str = "fr") -> bytes | None:
    """PNG Gantt chart of the timeline's phases, or None when no phase can be dated."""
    bars = schedule(spec, lang)
    if not bars:
        return None
    go_live = spec.timeline.go_live if spec.timeline else None
    first = min(b.start for b in bars)
    last = max(b.end_max for b in bars)
    if go_live:
        first, last = min(first, go_live), max(last, go_live)
    first = shift_days(first, -3)
    last = shift_days(last, 6)
    span = max((last - first).days, 30)

    rows = len(bars)
    top_in, axis_in, legend_in, row_in = 0.12, 0.46, 0.36, 0.44
    row_in = min(row_in, 7.5 / rows)              # long timelines: thinner rows, smaller text
    zoom = max(0.6, row_in / 0.44)
    plot_in = max(0.9, row_in * rows)
    height = top_in + plot_in + axis_in + legend_in
    with chart_settings():
        fig = Figure(figsize=(WIDTH_IN, height))
        left = 0.29
        ax = fig.add_axes((left, (axis_in + legend_in) / height, 0.975 - left, plot_in / height))
        origin = first.toordinal()
        for row, bar in enumerate(bars):
            _draw_bar(ax, bar, rows - 1 - row, PHASE_COLOURS[row % len(PHASE_COLOURS)], origin, span, zoom, lang)
        ax.set_yticks(range(rows))
        ax.set_yticklabels([wrap(b.name, 32, 2 if zoom == 1 else 1) for b in reversed(bars)], fontsize=8.8 * zoom)
        ax.set_ylim(-0.6, rows - 0.4)
        ax.set_xlim(0, span)
        _month_axis(ax, first, last, origin, lang)
        handles = _legend_handles(ax, bars, go_live, origin, lang)
        if handles:
            fig.legend(handles=handles, loc="center", fontsize=8, frameon=False, ncol=len(handles),
                       bbox_to_anchor=(0.5, legend_in / height / 2), handlelength=2.2, columnspacing=1.6)
        return png_bytes(fig)


def _draw_bar(ax, bar: Bar, y: int, colour: str, origin: int, span: int, zoom: float, lang: str) -> None:
    """A phase's bar and its duration, written inside the bar when it fits, else beside it."""
    start = bar.start.toordinal() - origin
    solid = max((bar.end_min - bar.start).days, 1)
    if bar.unknown:
        ax.barh(y, solid, left=start, height=0.56, color="white", edgecolor=colour, hatch="////", linewidth=0.9)
    else:
        ax.barh(y, solid, left=start, height=0.56, color=colour, edgecolor=colour, linewidth=0.6)
        extra = (bar.end_max - bar.end_min).days
        if extra > 0:
            ax.barh(y, extra, left=start + solid, height=0.56, color=colour, alpha=0.32, edgecolor=colour,
                    linewidth=0.6)
    length = (bar.end_max - bar.start).days
    text = "?" if bar.unknown else (bar.duration_text or _duration_text(bar, lang))
    text = wrap(text, 24, 1)
    fits = length / span > 0.025 * len(text) + 0.02 and not bar.unknown
    room_right = start + length + span * 0.014 * len(text) < span
    if fits:
        ax.text(start + solid / 2 if solid > length * 0.6 else start + length / 2, y, text, ha="center",
                va="center", fontsize=8 * zoom, color="white", fontweight="bold", zorder=5)
    elif room_right:      # on white, so that the go-live line does not cross the words
        ax.text(start + length + span * 0.008, y, text, ha="left", va="center", fontsize=8 * zoom,
                color=TEXT_COLOUR, zorder=5, bbox=_LABEL_BOX)
    else:
        ax.text(start - span * 0.008, y, text, ha="right", va="center", fontsize=8 * zoom, color=TEXT_COLOUR,
                zorder=5, bbox=_LABEL_BOX)


def _month_axis(ax, first: _dt.date, last: _dt.date, origin: int, lang: str) -> None:
    """Month names under the bars (the year on the first and on each January), a light monthly grid."""
    months = [m for m in _month_starts(first, last) if m >= first]
    step = max(1, math.ceil(len(months) / 12))
    ticks = months[::step]
    names = []
    for i, m in enumerate(ticks):
        name = T.MONTHS_SHORT["en" if lang == "en" else "fr"][m.month - 1]
        names.append(f"{name}\n{m.year}" if i == 0 or m.month <= step else name)
    ax.set_xticks([m.toordinal() - origin for m in ticks])
    ax.set_xticklabels(names, fontsize=8)
    if len(months) <= 240:  # a monthly grid; over 20 years it would be tens of thousands of ticks
        ax.set_xticks([m.toordinal() - origin for m in months], minor=True)
    ax.grid(axis="x", which="both", color="#D9D9D9", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _legend_handles(ax, bars, go_live, origin: int, lang: str) -> list:
    """The go-live line (drawn here) and the legend entries for what the chart shows."""
    fr = lang != "en"
    handles = []
    if go_live:
        x = go_live.toordinal() - origin
        ax.axvline(x, color=GO_LIVE_COLOUR, linewidth=1.4, linestyle="--", zorder=4)
        label = L.text(lang)["go_live"]
        handles.append(Line2D([], [], color=GO_LIVE_COLOUR, linewidth=1.4, linestyle="--",
                              label=f"{label}{T.NBSP if fr else ''}: {T.date(go_live, lang)}"))
    if any(b.end_max > b.end_min for b in bars):
        handles.append(Patch(facecolor="#808080", alpha=0.32, edgecolor="#808080",
                             label="durée maximale" if fr else "upper bound of the duration"))
    if any(b.unknown for b in bars):
        handles.append(Patch(facecolor="white", edgecolor=EDGE, hatch="////",
                             label="durée non renseignée" if fr else "duration not specified"))
    return handles


def _month_starts(first: _dt.date, last: _dt.date) -> list[_dt.date]:
    months = []
    day = _dt.date(first.year, first.month, 1)
    while day <= last:
        months.append(day)
        if day.year == _dt.MAXYEAR and day.month == 12:
            break
        day = _dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def _duration_text(bar: Bar, lang: str) -> str:
    low = (bar.end_min - bar.start).days
    high = (bar.end_max - bar.start).days
    if low == high:
        return T.days(low, lang)
    a, b = T.days(low, lang), T.days(high, lang)
    unit_a, unit_b = a.split("\u00a0", 1)[-1], b.split("\u00a0", 1)[-1]
    if unit_a.rstrip("s") == unit_b.rstrip("s"):
        a = a.split("\u00a0", 1)[0]
    return f"{a} à {b}" if lang != "en" else f"{a} to {b}"
