"""The two pictures of the vendor pack, drawn with matplotlib alone (no Graphviz, no Node).

- `systems_png(spec, lang)`: the target landscape: the CRM in the middle, the other systems
  around it, one arrow per flow (both heads for a two-way flow), labelled with the objects
  exchanged, the frequency and the mechanism.
- `gantt_png(spec, lang)`: the phases of the timeline on a month axis, with the go-live.
- `schedule(spec)`: the dates both the Gantt image and the Markdown `gantt` use (pure Python).

matplotlib is imported inside the drawing functions only (Agg backend, bundled DejaVu fonts):
`crmreq lint` never pays for it. The PNGs are deterministic: fixed size and dpi, no
"Software" metadata, no date; same spec → same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import re
import textwrap
import warnings
from dataclasses import dataclass

from . import labels as L
from . import typography as T
from .sanitize import clean_text

DPI = 200
WIDTH_IN = 7.4                  # drawn at 16 cm in the DOCX: fonts shrink by ~15 %
DEFAULT_PHASE_DAYS = 14         # a phase with neither dates nor duration (drawn hatched)

# Palette: a dark blue for the CRM, soft fills for the other systems (by kind).
HUB_FILL = "#1F4E79"
KIND_FILLS = {
    "erp": "#DDEBF7", "billing": "#DDEBF7", "ecommerce": "#E2EFDA", "website": "#E2EFDA",
    "marketing": "#FCE4D6", "email": "#FFF2CC", "calendar": "#FFF2CC", "telephony": "#FFF2CC",
    "support": "#EDE3F2", "spreadsheet": "#EDEDED", "other": "#EDEDED", "crm": "#DDEBF7",
}
EDGE = "#404040"
FLOW_COLOURS = ("#1F4E79", "#C55A11", "#548235", "#7030A0", "#BF8F00", "#2E75B6", "#A5002A", "#375623")
PHASE_COLOURS = ("#2E75B6", "#548235", "#C55A11", "#7030A0", "#BF8F00", "#1F4E79", "#A5002A", "#375623")


# =====================================================================================
# Scheduling (pure)
# =====================================================================================

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
        anchor = _shift(timeline.go_live, -total)
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
            end_min = _shift(start, low)
            end_max = _shift(start, high)
        bars.append(Bar(phase.id or f"phase{index + 1}", clean_text(phase.name or phase.id or f"{index + 1}"),
                        start, end_min, end_max, estimated, unknown,
                        clean_text(phase.duration_text or "").strip()))
        cursor = end_max
    return bars


def _length_flag(phase) -> tuple[int, int, bool]:
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


# =====================================================================================
# matplotlib set-up
# =====================================================================================

def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return matplotlib, plt


_RC = {
    "font.family": "DejaVu Sans",    # bundled with matplotlib: same glyphs everywhere
    "font.size": 9,
    "svg.hashsalt": "crmreq",
    "path.simplify": True,
    "axes.unicode_minus": False,
    "text.parse_math": False,        # user text is never TeX: "$ 5 k$ per seat" must stay as written
}


def _png(fig, plt) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # a character the font lacks (a control character, a rare script) is drawn as a
        # box; the tables beside the picture keep the text. No warning on the console.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


def _wrap(text: str, width: int, max_lines: int = 3) -> str:
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, width - 1)].rstrip() + "…"
    return "\n".join(lines)


# =====================================================================================
# Systems and flows
# =====================================================================================

_SHORTEN = re.compile(r"\s*(?:\(|\[|—|–| - ).*$", re.S)


def short_name(text: str | None) -> str:
    """A name for a picture: what comes before a parenthesis or a dash.

    "Futur CRM (solution retenue à l'issue de la consultation)" → "Futur CRM"; the tables
    next to the picture keep the full names.
    """
    text = " ".join(clean_text(text).split())
    short = _SHORTEN.sub("", text).strip(" ,;:")
    return short if len(short) >= 2 else text


def _objects_text(flow, spec, limit: int = 2) -> str:
    objects = {o.id: (o.name or o.id) for o in spec.objects}
    names = [short_name(objects.get(o, o)) for o in flow.objects]
    if len(names) > limit:
        names = names[:limit] + [f"+{len(names) - limit}"]
    return ", ".join(names)


def _details_text(flow, lang: str) -> str:
    details = [L.enum("frequency_short", flow.frequency, lang) if flow.frequency else "",
               L.enum("mechanism", flow.mechanism, lang) if flow.mechanism else ""]
    return " · ".join(d for d in details if d)


def _flow_label(flow, spec, lang: str) -> str:
    """Two lines: the objects exchanged, then frequency · mechanism."""
    names = _objects_text(flow, spec, limit=3)
    parts = [p for p in (_wrap(names, 28, 2) if names else "", _details_text(flow, lang)) if p]
    return "\n".join(parts) or (flow.id or "")


def _overlap(r1, r2) -> float:
    """Area shared by two rectangles (x0, y0, x1, y1)."""
    dx = min(r1[2], r2[2]) - max(r1[0], r2[0])
    dy = min(r1[3], r2[3]) - max(r1[1], r2[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


_ONE_WAY_GLYPHS = ("→", "↗", "↑", "↖", "←", "↙", "↓", "↘")


def _direction_glyph(flow, positions) -> str:
    """The flow's direction as drawn on the page: → ↗ ↑ … or ↔ ↕ for a two-way flow."""
    (x1, y1), (x2, y2) = positions[flow.source], positions[flow.target]
    angle = math.degrees(math.atan2(y2 - y1, x2 - x1)) % 360
    if flow.direction == "two_way":
        return "↕" if 45 <= angle % 180 < 135 else "↔"
    return _ONE_WAY_GLYPHS[int(((angle + 22.5) % 360) // 45)]


def _pair_label(group, spec, lang: str, positions) -> str:
    """Several flows between the same two systems: one line each, led by its direction."""
    lines = []
    for flow in group:
        head = f"{_direction_glyph(flow, positions)} {_objects_text(flow, spec) or flow.id}"
        details = _details_text(flow, lang)
        if details and len(head) + len(details) + 3 <= 36:
            lines.append(f"{head} · {details}")
        else:
            lines.append(_wrap(head, 34, 1))
            if details:
                lines.append("   " + details)
    return "\n".join(lines)


def hub_id(spec) -> str | None:
    """The system drawn in the middle: the CRM that stays (kind `crm`, not replaced), else any
    CRM, else the most connected system; the one with most flows when several qualify."""
    degree: dict[str, int] = {}
    for f in spec.flows:
        for end in (f.source, f.target):
            if end:
                degree[end] = degree.get(end, 0) + 1
    ids = [s.id for s in spec.systems] + [e for e in degree if e not in {s.id for s in spec.systems}]
    if not ids:
        return None
    kinds = {s.id: s for s in spec.systems}
    for keep in (lambda s: s.kind == "crm" and s.keep is not False, lambda s: s.kind == "crm"):
        candidates = [i for i in ids if i in kinds and keep(kinds[i])]
        if candidates:
            return max(candidates, key=lambda i: (degree.get(i, 0), -ids.index(i)))
    return max(ids, key=lambda i: (degree.get(i, 0), -ids.index(i)))


def systems_png(spec, lang: str = "fr") -> bytes | None:
    """PNG of the systems and flows, or None when the spec declares no system and no flow."""
    systems = list(spec.systems)
    known = {s.id for s in systems}
    extra = []
    for flow in spec.flows:
        for end in (flow.source, flow.target):
            if end and end not in known and end not in extra:
                extra.append(end)
    if not systems and not extra:
        return None
    nodes = [(s.id, short_name(s.name or s.id), s.kind, s) for s in systems] + \
            [(e, clean_text(e), None, None) for e in extra]
    flows = [f for f in spec.flows if f.source and f.target and f.source != f.target]

    hub = hub_id(spec) or nodes[0][0]
    others = [n for n in nodes if n[0] != hub]

    count = len(others)
    rx = max(5.4, 0.5 * count) if count > 2 else 4.8
    # a crowded map grows downwards (an A4 page is taller than wide), not sideways
    ry = max(3.1, 0.45 * count, 0.62 * count if count > 6 else 0.0)
    positions = {hub: (0.0, 0.0)}
    for i, node in enumerate(others):
        angle = math.pi / 2 - 2 * math.pi * i / max(count, 1)
        if count == 2:
            angle = math.pi if i == 0 else 0.0
        elif count == 1:
            angle = 0.0
        positions[node[0]] = (rx * math.cos(angle), ry * math.sin(angle))

    matplotlib, plt = _pyplot()
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    box_w, box_h = 2.3, 0.86
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    x0, x1 = min(xs) - box_w / 2 - 0.25, max(xs) + box_w / 2 + 0.25
    y0, y1 = min(ys) - box_h / 2 - 0.25, max(ys) + box_h / 2 + 0.25
    if x1 - x0 < 12.5:                     # same scale (box and font sizes) for small maps
        pad = (12.5 - (x1 - x0)) / 2
        x0, x1 = x0 - pad, x1 + pad
    legend_in = 0.32
    width = WIDTH_IN
    height = width * (y1 - y0) / (x1 - x0) + legend_in
    if height > 9.0:                       # very tall: widen the x range instead
        height = 9.0
        need = (y1 - y0) * width / (height - legend_in)
        pad = (need - (x1 - x0)) / 2
        x0, x1 = x0 - pad, x1 + pad
    # Big maps are drawn smaller: text shrinks with the boxes so that it still fits them.
    zoom = min(1.0, (width / (x1 - x0)) / (WIDTH_IN / 12.5))
    with matplotlib.rc_context(_RC):
        fig = plt.figure(figsize=(width, height))
        ax = fig.add_axes((0.0, legend_in / height, 1.0, 1 - legend_in / height))
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.axis("off")

        patches = {}
        for node_id, name, kind, system in nodes:
            x, y = positions[node_id]
            is_hub = node_id == hub
            fill = HUB_FILL if is_hub else KIND_FILLS.get(kind or "other", "#EDEDED")
            replaced = system is not None and system.keep is False
            patch = FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h,
                                   boxstyle="round,pad=0.02,rounding_size=0.12",
                                   linewidth=(1.6 if is_hub else 1.0) * zoom, edgecolor=HUB_FILL if is_hub else EDGE,
                                   facecolor=fill, linestyle="--" if replaced else "-", zorder=3)
            ax.add_patch(patch)
            patches[node_id] = patch
            colour = "white" if is_hub else "#1A1A1A"
            sub = []
            if system is not None:
                if kind:
                    sub.append(L.enum("kind_short", kind, lang))
                if system.hosting:
                    sub.append(L.enum("hosting", system.hosting, lang))
                if system.location:
                    sub.append(clean_text(system.location))
            ax.text(x, y + (0.1 if sub else 0.0), _wrap(name, 17, 2), ha="center", va="center", fontsize=9.2 * zoom,
                    fontweight="bold", color=colour, zorder=4, linespacing=1.05)
            if sub:
                ax.text(x, y - box_h / 2 + 0.14, _wrap(" · ".join(sub), 34, 1), ha="center", va="center",
                        fontsize=7 * zoom, color="#DDEBF7" if is_hub else "#404040", zorder=4)

        # One arrow per pair of systems: both heads when a flow is two-way or when flows go
        # both ways; several flows between the same systems share one label, a line each.
        pairs: dict[tuple[str, str], list] = {}
        for f in flows:
            pairs.setdefault(tuple(sorted((f.source, f.target))), []).append(f)
        scale = width / (x1 - x0)                 # inches per data unit (same on both axes)
        font = 7.4 * zoom
        pending = []
        for index, (key, group) in enumerate(pairs.items()):
            a, b = key
            forward = any(f.source == a for f in group)
            backward = any(f.source == b for f in group)
            two_way = any(f.direction == "two_way" for f in group) or (forward and backward)
            start, end = (a, b) if forward or two_way else (b, a)
            colour = FLOW_COLOURS[index % len(FLOW_COLOURS)]
            arrow = FancyArrowPatch(positions[start], positions[end], patchA=patches[start], patchB=patches[end],
                                    arrowstyle="<|-|>" if two_way else "-|>", mutation_scale=13 * zoom,
                                    color=colour, linewidth=1.4 * zoom, shrinkA=3, shrinkB=3, zorder=2)
            ax.add_patch(arrow)
            label = _flow_label(group[0], spec, lang) if len(group) == 1 else \
                _pair_label(group, spec, lang, positions)
            lines = label.split("\n")
            w = (max(len(line) for line in lines) * 0.56 + 0.6) * font / 72 / scale
            h = (len(lines) * 1.38 + 0.6) * font / 72 / scale
            pending.append((index, key, label, colour, w, h, len(group) > 1))

        # Labels go on their link, at the free-est of a few points along it: the biggest
        # labels are placed first, each avoiding the boxes and the labels already placed.
        obstacles = [(x - box_w / 2, y - box_h / 2, x + box_w / 2, y + box_h / 2) for x, y in positions.values()]
        for key in pairs:                          # keep the arrow heads visible
            for near, far in (key, key[::-1]):
                (cx, cy), (ox, oy) = positions[near], positions[far]
                dx, dy = ox - cx, oy - cy
                reach = min((box_w / 2) / abs(dx) if dx else math.inf, (box_h / 2) / abs(dy) if dy else math.inf)
                hx, hy = cx + dx * reach, cy + dy * reach
                size = 0.28
                obstacles.append((hx - size, hy - size, hx + size, hy + size))
        # the other links, as a string of small squares: a label may cross one, better not
        lines = {}
        for key in pairs:
            (ax_, ay_), (bx_, by_) = positions[key[0]], positions[key[1]]
            steps = max(2, int(math.hypot(bx_ - ax_, by_ - ay_) / 0.3))
            lines[key] = [(ax_ + (bx_ - ax_) * i / steps - 0.1, ay_ + (by_ - ay_) * i / steps - 0.1,
                           ax_ + (bx_ - ax_) * i / steps + 0.1, ay_ + (by_ - ay_) * i / steps + 0.1)
                          for i in range(1, steps)]
        for index, key, label, colour, w, h, multi in sorted(pending, key=lambda p: (-p[4] * p[5], p[0])):
            (ax_, ay_), (bx_, by_) = positions[key[0]], positions[key[1]]
            best = None
            length = math.hypot(bx_ - ax_, by_ - ay_) or 1.0
            nx, ny = -(by_ - ay_) / length, (bx_ - ax_) / length      # unit normal to the link
            shift = 0.5 * (abs(nx) * w + abs(ny) * h) + 0.1             # beside the link, just clear of it
            candidates = [(t, 0.0) for t in (0.5, 0.42, 0.58, 0.35, 0.65, 0.3, 0.7)]
            candidates += [(t, side * shift) for t in (0.5, 0.4, 0.6) for side in (1, -1)]
            for t, offset in candidates:
                mx = ax_ + t * (bx_ - ax_) + offset * nx
                my = ay_ + t * (by_ - ay_) + offset * ny
                rect = (mx - w / 2, my - h / 2, mx + w / 2, my + h / 2)
                overlap = sum(_overlap(rect, o) for o in obstacles)
                overlap += sum(_overlap(rect, o) for other, squares in lines.items() if other != key
                               for o in squares)
                if best is None or overlap < best[0] - 1e-9:
                    best = (overlap, mx, my, rect)
                if overlap == 0:
                    break
            _, mx, my, rect = best
            obstacles.append(rect)
            ax.text(mx, my, label, ha="center", va="center", fontsize=font, color="#1A1A1A", zorder=5,
                    linespacing=1.15, multialignment="left" if multi else "center",
                    bbox=dict(boxstyle="round,pad=0.25", facecolor="white", edgecolor=colour,
                              linewidth=0.9 * zoom, alpha=0.96))

        fr = lang != "en"
        legend = []
        if any(f.direction != "two_way" for f in flows):
            legend.append("→ flux à sens unique" if fr else "→ one-way flow")
        if any(f.direction == "two_way" for f in flows):
            legend.append("↔ flux bidirectionnel" if fr else "↔ two-way flow")
        if any(s.keep is False for s in systems):
            legend.append("cadre en pointillés\u00a0: système remplacé" if fr else "dashed box: system replaced")
        legend = "     ".join(legend)
        fig.text(0.5, legend_in / height / 2, legend, ha="center", va="center", fontsize=8, color="#404040")
        return _png(fig, plt)


# =====================================================================================
# Gantt
# =====================================================================================

def _shift(day: _dt.date, days: float) -> _dt.date:
    """`day` + `days`, clamped to the calendar Python knows (years 1 to 9999)."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max if days > 0 else _dt.date.min


def _month_starts(first: _dt.date, last: _dt.date) -> list[_dt.date]:
    months = []
    day = _dt.date(first.year, first.month, 1)
    while day <= last:
        months.append(day)
        if day.year == _dt.MAXYEAR and day.month == 12:
            break
        day = _dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def gantt_png(spec, lang: str = "fr") -> bytes | None:
    """PNG Gantt chart of the timeline's phases, or None when no phase can be dated."""
    bars = schedule(spec)
    if not bars:
        return None
    go_live = spec.timeline.go_live if spec.timeline else None
    first = min(b.start for b in bars)
    last = max(b.end_max for b in bars)
    if go_live:
        first, last = min(first, go_live), max(last, go_live)
    first = _shift(first, -3)
    last = _shift(last, 6)
    span = max((last - first).days, 30)

    matplotlib, plt = _pyplot()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = len(bars)
    top_in, axis_in, legend_in, row_in = 0.12, 0.46, 0.36, 0.44
    row_in = min(row_in, 7.5 / rows)              # long timelines: thinner rows, smaller text
    zoom = max(0.6, row_in / 0.44)
    plot_in = max(0.9, row_in * rows)
    height = top_in + plot_in + axis_in + legend_in
    fr = lang != "en"
    with matplotlib.rc_context(_RC):
        fig = plt.figure(figsize=(WIDTH_IN, height))
        left = 0.29
        ax = fig.add_axes((left, (axis_in + legend_in) / height, 0.975 - left, plot_in / height))
        origin = first.toordinal()
        for row, bar in enumerate(bars):
            y = rows - 1 - row
            colour = PHASE_COLOURS[row % len(PHASE_COLOURS)]
            start = bar.start.toordinal() - origin
            solid = max((bar.end_min - bar.start).days, 1)
            if bar.unknown:
                ax.barh(y, solid, left=start, height=0.56, color="white", edgecolor=colour, hatch="////",
                        linewidth=0.9)
            else:
                ax.barh(y, solid, left=start, height=0.56, color=colour, edgecolor=colour, linewidth=0.6)
                extra = (bar.end_max - bar.end_min).days
                if extra > 0:
                    ax.barh(y, extra, left=start + solid, height=0.56, color=colour, alpha=0.32,
                            edgecolor=colour, linewidth=0.6)
            length = (bar.end_max - bar.start).days
            text = "?" if bar.unknown else (bar.duration_text or _duration_text(bar, lang))
            text = _wrap(text, 24, 1)
            fits = length / span > 0.025 * len(text) + 0.02 and not bar.unknown
            room_right = start + length + span * 0.014 * len(text) < span
            if fits:
                ax.text(start + solid / 2 if solid > length * 0.6 else start + length / 2, y, text, ha="center",
                        va="center", fontsize=8 * zoom, color="white", fontweight="bold", zorder=5)
            elif room_right:
                ax.text(start + length + span * 0.008, y, text, ha="left", va="center", fontsize=8 * zoom,
                        color="#1A1A1A", zorder=5)
            else:
                ax.text(start - span * 0.008, y, text, ha="right", va="center", fontsize=8 * zoom,
                        color="#1A1A1A", zorder=5)
        ax.set_yticks(range(rows))
        ax.set_yticklabels([_wrap(b.name, 32, 2 if zoom == 1 else 1) for b in reversed(bars)], fontsize=8.8 * zoom)
        ax.set_ylim(-0.6, rows - 0.4)
        ax.set_xlim(0, span)

        months = [m for m in _month_starts(first, last) if m >= first]
        step = max(1, math.ceil(len(months) / 12))
        ticks = months[::step]
        labels_ = []
        for i, m in enumerate(ticks):
            name = T.MONTHS_SHORT["fr" if fr else "en"][m.month - 1]
            labels_.append(f"{name}\n{m.year}" if i == 0 or m.month <= step else name)
        ax.set_xticks([m.toordinal() - origin for m in ticks])
        ax.set_xticklabels(labels_, fontsize=8)
        if len(months) <= 240:  # a monthly grid; over 20 years it would be tens of thousands of ticks
            ax.set_xticks([m.toordinal() - origin for m in months], minor=True)
        ax.grid(axis="x", which="both", color="#D9D9D9", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)

        handles = []
        if go_live:
            x = go_live.toordinal() - origin
            ax.axvline(x, color="#C00000", linewidth=1.4, linestyle="--", zorder=4)
            label = L.text(lang)["go_live"]
            handles.append(Line2D([], [], color="#C00000", linewidth=1.4, linestyle="--",
                                  label=f"{label}{T.NBSP if fr else ''}: {T.date(go_live, lang)}"))
        if any(b.end_max > b.end_min for b in bars):
            handles.append(Patch(facecolor="#808080", alpha=0.32, edgecolor="#808080",
                                 label="durée maximale" if fr else "upper bound of the duration"))
        if any(b.unknown for b in bars):
            handles.append(Patch(facecolor="white", edgecolor="#404040", hatch="////",
                                 label="durée non renseignée" if fr else "duration not specified"))
        if handles:
            fig.legend(handles=handles, loc="center", fontsize=8, frameon=False, ncol=len(handles),
                       bbox_to_anchor=(0.5, legend_in / height / 2), handlelength=2.2, columnspacing=1.6)
        return _png(fig, plt)


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
