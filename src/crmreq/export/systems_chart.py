"""The target landscape as a PNG for the Word document: the CRM in the middle, the other systems around it.

One arrow per pair of systems (both heads for a two-way flow), labelled with the objects exchanged,
the frequency and the mechanism; the labels are placed where they hide no box and no other label.
The boxes come from `systems_graph`, the same ones the Markdown flowchart shows.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .chart_style import EDGE, TEXT_COLOUR, WIDTH_IN, chart_settings, png_bytes, wrap
from .systems_graph import HUB_FILL, flow_details, systems_graph

# Soft fills for the systems around the CRM, by kind.
KIND_FILLS = {
    "erp": "#DDEBF7", "billing": "#DDEBF7", "ecommerce": "#E2EFDA", "website": "#E2EFDA",
    "marketing": "#FCE4D6", "email": "#FFF2CC", "calendar": "#FFF2CC", "telephony": "#FFF2CC",
    "support": "#EDE3F2", "spreadsheet": "#EDEDED", "other": "#EDEDED", "crm": "#DDEBF7",
}
FLOW_COLOURS = ("#1F4E79", "#C55A11", "#548235", "#7030A0", "#BF8F00", "#2E75B6", "#A5002A", "#375623")
BOX_W, BOX_H = 2.3, 0.86        # a system's box, in data units
MIN_SPAN = 12.5                 # data units across the picture: small maps keep the same scale
LEGEND_IN = 0.32                # the legend line under the map, in inches
MAX_HEIGHT_IN = 9.0


def systems_png(spec, lang: str = "fr") -> bytes | None:
    """PNG of the systems and flows, or None when the spec declares no system and no flow."""
    graph = systems_graph(spec, lang)
    if graph is None:
        return None
    flows = [f for f in graph.flows if f.source != f.target]      # a loop has no arrow on the map
    positions = _positions(graph)
    (x0, x1, y0, y1), width, height = _frame(positions)
    # Big maps are drawn smaller: text shrinks with the boxes so that it still fits them.
    zoom = min(1.0, (width / (x1 - x0)) / (WIDTH_IN / MIN_SPAN))
    with chart_settings():
        fig = Figure(figsize=(width, height))
        ax = fig.add_axes((0.0, LEGEND_IN / height, 1.0, 1 - LEGEND_IN / height))
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.axis("off")
        patches = _draw_boxes(ax, graph, positions, zoom)
        _draw_flows(ax, graph, flows, positions, patches, lang, zoom, scale=width / (x1 - x0))
        fig.text(0.5, LEGEND_IN / height / 2, _legend(graph, flows, lang), ha="center", va="center", fontsize=8,
                 color=EDGE)
        return png_bytes(fig)


def _positions(graph) -> dict:
    """The hub at the origin, the other boxes on an ellipse around it, clockwise from the top."""
    others = [n for n in graph.nodes if not n.hub]
    count = len(others)
    rx = max(5.4, 0.5 * count) if count > 2 else 4.8
    # a crowded map grows downwards (an A4 page is taller than wide), not sideways
    ry = max(3.1, 0.45 * count, 0.62 * count if count > 6 else 0.0)
    positions = {graph.hub: (0.0, 0.0)}
    for i, node in enumerate(others):
        angle = math.pi / 2 - 2 * math.pi * i / max(count, 1)
        if count == 2:
            angle = math.pi if i == 0 else 0.0
        elif count == 1:
            angle = 0.0
        positions[node.id] = (rx * math.cos(angle), ry * math.sin(angle))
    return positions


def _frame(positions) -> tuple:
    """The data range shown ((x0, x1, y0, y1)) and the picture's size in inches (width, height)."""
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    x0, x1 = min(xs) - BOX_W / 2 - 0.25, max(xs) + BOX_W / 2 + 0.25
    y0, y1 = min(ys) - BOX_H / 2 - 0.25, max(ys) + BOX_H / 2 + 0.25
    if x1 - x0 < MIN_SPAN:
        pad = (MIN_SPAN - (x1 - x0)) / 2
        x0, x1 = x0 - pad, x1 + pad
    width = WIDTH_IN
    height = width * (y1 - y0) / (x1 - x0) + LEGEND_IN
    if height > MAX_HEIGHT_IN:                 # very tall: widen the x range instead
        height = MAX_HEIGHT_IN
        need = (y1 - y0) * width / (height - LEGEND_IN)
        pad = (need - (x1 - x0)) / 2
        x0, x1 = x0 - pad, x1 + pad
    return (x0, x1, y0, y1), width, height


def _draw_boxes(ax, graph, positions, zoom: float) -> dict:
    """One rounded box per system: name in bold, kind · hosting · location below."""
    patches = {}
    for node in graph.nodes:
        x, y = positions[node.id]
        fill = HUB_FILL if node.hub else KIND_FILLS.get(node.kind or "other", "#EDEDED")
        patch = FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H,
                               boxstyle="round,pad=0.02,rounding_size=0.12",
                               linewidth=(1.6 if node.hub else 1.0) * zoom, edgecolor=HUB_FILL if node.hub else EDGE,
                               facecolor=fill, linestyle="--" if node.replaced else "-", zorder=3)
        ax.add_patch(patch)
        patches[node.id] = patch
        colour = "white" if node.hub else TEXT_COLOUR
        ax.text(x, y + (0.1 if node.details else 0.0), wrap(node.name, 17, 2), ha="center", va="center",
                fontsize=9.2 * zoom, fontweight="bold", color=colour, zorder=4, linespacing=1.05)
        if node.details:
            ax.text(x, y - BOX_H / 2 + 0.14, wrap(" · ".join(node.details), 34, 1), ha="center", va="center",
                    fontsize=7 * zoom, color="#DDEBF7" if node.hub else EDGE, zorder=4)
    return patches


def _draw_flows(ax, graph, flows, positions, patches, lang: str, zoom: float, scale: float) -> None:
    """One arrow per pair of systems: both heads when a flow is two-way or when flows go both
    ways; several flows between the same systems share one label, a line each."""
    pairs: dict[tuple[str, str], list] = {}
    for f in flows:
        pairs.setdefault(tuple(sorted((f.source, f.target))), []).append(f)
    font = 7.4 * zoom                          # `scale`: inches per data unit (same on both axes)
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
        label = _flow_label(group[0], graph, lang) if len(group) == 1 else \
            _pair_label(group, graph, lang, positions)
        lines = label.split("\n")
        w = (max(len(line) for line in lines) * 0.56 + 0.6) * font / 72 / scale
        h = (len(lines) * 1.38 + 0.6) * font / 72 / scale
        pending.append((index, key, label, colour, w, h, len(group) > 1))
    _place_labels(ax, pairs, pending, positions, font, zoom)


def _place_labels(ax, pairs, pending, positions, font: float, zoom: float) -> None:
    """Labels go on their link, at the free-est of a few points along it: the biggest labels
    are placed first, each avoiding the boxes and the labels already placed."""
    obstacles = [(x - BOX_W / 2, y - BOX_H / 2, x + BOX_W / 2, y + BOX_H / 2) for x, y in positions.values()]
    for key in pairs:                          # keep the arrow heads visible
        for near, far in (key, key[::-1]):
            (cx, cy), (ox, oy) = positions[near], positions[far]
            dx, dy = ox - cx, oy - cy
            reach = min((BOX_W / 2) / abs(dx) if dx else math.inf, (BOX_H / 2) / abs(dy) if dy else math.inf)
            hx, hy = cx + dx * reach, cy + dy * reach
            size = 0.28
            obstacles.append((hx - size, hy - size, hx + size, hy + size))
    # the other links, as a string of small squares: a label may cross one, better not
    links = {}
    for key in pairs:
        (ax_, ay_), (bx_, by_) = positions[key[0]], positions[key[1]]
        steps = max(2, int(math.hypot(bx_ - ax_, by_ - ay_) / 0.3))
        links[key] = [(ax_ + (bx_ - ax_) * i / steps - 0.1, ay_ + (by_ - ay_) * i / steps - 0.1,
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
            overlap += sum(_overlap(rect, o) for other, squares in links.items() if other != key
                           for o in squares)
            if best is None or overlap < best[0] - 1e-9:
                best = (overlap, mx, my, rect)
            if overlap == 0:
                break
        _, mx, my, rect = best
        obstacles.append(rect)
        ax.text(mx, my, label, ha="center", va="center", fontsize=font, color=TEXT_COLOUR, zorder=5,
                linespacing=1.15, multialignment="left" if multi else "center",
                bbox=dict(boxstyle="round,pad=0.25", facecolor="white", edgecolor=colour,
                          linewidth=0.9 * zoom, alpha=0.96))


def _legend(graph, flows, lang: str) -> str:
    fr = lang != "en"
    legend = []
    if any(f.direction != "two_way" for f in flows):
        legend.append("→ flux à sens unique" if fr else "→ one-way flow")
    if any(f.direction == "two_way" for f in flows):
        legend.append("↔ flux bidirectionnel" if fr else "↔ two-way flow")
    if any(n.replaced for n in graph.nodes):
        legend.append("cadre en pointillés\u00a0: système remplacé" if fr else "dashed box: system replaced")
    return "     ".join(legend)


def _objects_text(flow, graph, limit: int = 2) -> str:
    names = graph.flow_objects(flow)
    if len(names) > limit:
        names = names[:limit] + [f"+{len(names) - limit}"]
    return ", ".join(names)


def _flow_label(flow, graph, lang: str) -> str:
    """Two lines: the objects exchanged, then frequency · mechanism."""
    names = _objects_text(flow, graph, limit=3)
    parts = [p for p in (wrap(names, 28, 2) if names else "", flow_details(flow, lang)) if p]
    return "\n".join(parts) or (flow.id or "")


def _pair_label(group, graph, lang: str, positions) -> str:
    """Several flows between the same two systems: one line each, led by its direction."""
    lines = []
    for flow in group:
        head = f"{direction_glyph(flow, positions)} {_objects_text(flow, graph) or flow.id}"
        details = flow_details(flow, lang)
        if details and len(head) + len(details) + 3 <= 36:
            lines.append(f"{head} · {details}")
        else:
            lines.append(wrap(head, 34, 1))
            if details:
                lines.append("   " + details)
    return "\n".join(lines)


_ONE_WAY_GLYPHS = ("→", "↗", "↑", "↖", "←", "↙", "↓", "↘")


def direction_glyph(flow, positions) -> str:
    """The flow's direction as drawn on the page: → ↗ ↑ … or ↔ ↕ for a two-way flow."""
    (x1, y1), (x2, y2) = positions[flow.source], positions[flow.target]
    angle = math.degrees(math.atan2(y2 - y1, x2 - x1)) % 360
    if flow.direction == "two_way":
        return "↕" if 45 <= angle % 180 < 135 else "↔"
    return _ONE_WAY_GLYPHS[int(((angle + 22.5) % 360) // 45)]


def _overlap(r1, r2) -> float:
    """Area shared by two rectangles (x0, y0, x1, y1)."""
    dx = min(r1[2], r2[2]) - max(r1[0], r2[0])
    dy = min(r1[3], r2[3]) - max(r1[1], r2[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0
