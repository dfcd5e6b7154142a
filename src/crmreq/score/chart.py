"""The weighted marks per offer as a PNG: one stacked horizontal bar per offer, one segment per criterion.

A segment is the criterion's weight × the offer's mark / 10, so a bar's length is the offer's total
out of 100 and the buyer sees where each total comes from. Drawn with the house chart settings
(`export.chart_style`): fixed size, bundled font, no date in the file, so the same result always
gives the same bytes. Eliminated offers keep their bar, pale, tagged as eliminated.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..export import typography as T
from ..export.chart_style import EDGE, TEXT_COLOUR, WIDTH_IN, chart_settings, png_bytes, wrap
from .model import ScoreResult
from .report_words import words

CRITERION_COLOURS = ("#1F4E79", "#2E75B6", "#548235", "#C55A11", "#7030A0", "#BF8F00", "#A5002A", "#375623",
                     "#7F7F7F", "#00808C")
ELIMINATED_ALPHA = 0.35
LEGEND_WIDTH = 96          # characters of legend across the picture
LEGEND_SHORT = 44          # criteria named in at most this many characters go two a line


def weighted_segments(result: ScoreResult) -> list[tuple[str, list[float]]]:
    """Per offer (in the result's order): its name and one weighted mark per criterion, 0 when not marked."""
    rows = []
    for offer in result.offers:
        values = [criterion.weight * (offer.marks.get(criterion.id) or 0.0) / 10 for criterion in result.criteria]
        rows.append((offer.name or offer.vendor, values))
    return rows


def weighted_marks_png(result: ScoreResult) -> bytes | None:
    """The chart's PNG bytes, or None when there is no offer or no weighted criterion to draw."""
    criteria = [c for c in result.criteria if c.weight]
    if not result.offers or not criteria:
        return None
    lang = result.lang
    w = words(lang)
    indexes = [result.criteria.index(c) for c in criteria]
    bars = weighted_segments(result)
    rows = len(bars)
    labels = [f"{c.name or c.id} ({T.number(c.weight, lang)})" for c in criteria]
    columns = 2 if max(len(label) for label in labels) <= LEGEND_SHORT else 1     # long names: one a line
    legend_rows = (len(criteria) + columns - 1) // columns
    top_in, axis_in, row_in, legend_row_in = 0.15, 0.55, 0.5, 0.22
    plot_in = max(1.0, row_in * rows)
    legend_in = legend_rows * legend_row_in + 0.1
    height = top_in + plot_in + axis_in + legend_in
    with chart_settings():
        fig = Figure(figsize=(WIDTH_IN, height))
        left = 0.26
        ax = fig.add_axes((left, (axis_in + legend_in) / height, 0.93 - left, plot_in / height))
        for row, (offer, (name, values)) in enumerate(zip(result.offers, bars)):
            y = rows - 1 - row
            start = 0.0
            alpha = ELIMINATED_ALPHA if offer.eliminated else 1.0
            for colour_index, index in enumerate(indexes):
                value = values[index]
                if value > 0:
                    ax.barh(y, value, left=start, height=0.62, color=_colour(colour_index), alpha=alpha,
                            edgecolor="white", linewidth=0.6)
                start += value
            total = T.number(offer.total, lang, 1)
            ax.text(start + 1.0, y, total, va="center", ha="left", fontsize=8.5, color=TEXT_COLOUR,
                    fontweight="bold")
        ax.set_yticks(range(rows))
        ax.set_yticklabels([_offer_label(offer, name, w) for offer, (name, _) in reversed(list(zip(result.offers, bars)))],
                           fontsize=8.8)
        ax.set_ylim(-0.6, rows - 0.4)
        ax.set_xlim(0, 100)
        ax.set_xticks(range(0, 101, 10))
        ax.set_xlabel(w["chart_axis"], fontsize=8.5, color=TEXT_COLOUR)
        ax.grid(axis="x", color="#D9D9D9", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_color(EDGE)
        handles = [Patch(facecolor=_colour(n), edgecolor="white", label=wrap(label, LEGEND_WIDTH // columns, 1))
                   for n, label in enumerate(labels)]
        fig.legend(handles=handles, loc="upper center", fontsize=7.8, frameon=False, ncol=columns,
                   bbox_to_anchor=(0.5, legend_in / height), handlelength=1.4, columnspacing=1.6)
        return png_bytes(fig)


def _colour(index: int) -> str:
    return CRITERION_COLOURS[index % len(CRITERION_COLOURS)]


def _offer_label(offer, name: str, w) -> str:
    label = wrap(name, 28, 2)
    return f"{label}\n({w['eliminated_tag']})" if offer.eliminated else label
