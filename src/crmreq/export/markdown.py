"""The cahier des charges as one Markdown document (`crmreq export md`).

Same outline as the Word document (`crmreq.export.document`): the same numbered chapters,
tables and "Non renseigné" lines, in GitHub-flavoured Markdown. The two pictures become
Mermaid blocks that GitHub, GitLab and most editors render: a `flowchart` of the systems
and flows and a `gantt` of the timeline. User text is escaped for Markdown (`*`, `_`, `|`,
`<`, …) and for Mermaid (labels in quotes, `"` as `#quot;`, ids made of ASCII letters and
never a keyword such as `end`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from . import document_blocks as B
from . import labels as L
from .document import outline
from .sanitize import clean_text
from .schedule import schedule
from .systems_graph import HUB_FILL, flow_details, systems_graph


def write_markdown(spec, path, options=None) -> None:
    """Write the Markdown cahier des charges of `spec` to `path` (one UTF-8 file)."""
    options = options or {}
    lang = options.get("lang") or spec.lang
    Path(path).write_text(render_markdown(spec, lang), encoding="utf-8", newline="\n")


def render_markdown(spec, lang: str | None = None) -> str:
    return _Renderer(spec, outline(spec, lang)).render()


# =====================================================================================
# Markdown escaping
# =====================================================================================

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def escape_md(text: str) -> str:
    """Inline text: Markdown and HTML specials escaped, so user text is shown as written."""
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = text.replace("&", "&amp;")
    return text


def _line_safe(text: str) -> str:
    """Escape what would start a heading, quote or list at the start of a line."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _merge(spans) -> list:
    """Join neighbouring spans with the same emphasis: `**a b**`, not `**a** **b**`."""
    merged: list = []
    for s in spans:
        if not s.text:
            continue
        if merged and merged[-1].b == s.b and merged[-1].i == s.i:
            merged[-1] = B.Span(merged[-1].text + s.text, s.b, s.i, merged[-1].tone)
        else:
            merged.append(s)
    return merged


def _spans(spans, table: bool = False) -> str:
    out = []
    for s in _merge(spans):
        if not s.text:
            continue
        text = escape_md(s.text)
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        core = text.strip()
        if core and s.b:
            core = f"**{core}**"
        if core and s.i:
            core = f"*{core}*"
        out.append(text[:lead] + core + (text[len(text) - trail:] if trail else ""))
    joined = "".join(out)
    if table:
        return joined.replace("\n", "<br>")
    return "\\\n".join(_line_safe(line) for line in joined.split("\n"))


def slug(text: str, seen: dict) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, -1 -2 for repeats."""
    text = unicodedata.normalize("NFC", text).lower().replace("\u00a0", " ").replace("\u202f", " ")
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    base = text.replace(" ", "-")
    count = seen.get(base, 0)
    seen[base] = count + 1
    return base if count == 0 else f"{base}-{count}"


# =====================================================================================
# Mermaid
# =====================================================================================

MERMAID_RESERVED = {"end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click", "linkstyle",
                    "direction", "default", "call", "href"}


def mermaid_label(text: str) -> str:
    """Text for a quoted Mermaid label: entity codes for what the parser or HTML would read."""
    text = clean_text(text)
    # "#" first: the entity codes written next start with "#" and must stay codes
    text = (text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
            .replace("|", "#124;").replace("&", "#amp;").replace("`", "#96;"))
    return text.replace("\n", "<br/>")


def mermaid_id(value: str, used: dict) -> str:
    """An ASCII id safe for Mermaid (never a keyword, never starting with o/x after an edge)."""
    base = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9_]+", "_", base).strip("_") or "node"
    base = "n_" + base
    count = used.get(base.lower(), 0)
    used[base.lower()] = count + 1
    return base if count == 0 else f"{base}_{count + 1}"


def _gantt_text(text: str) -> str:
    """Gantt task, section and title text: no ':' '#' ';' (they end the name), one line."""
    text = clean_text(text).replace("\n", " ")
    text = re.sub(r"\s*:\s*", " – ", text)
    text = text.replace(";", ",").replace("#", "n°")
    return " ".join(text.split()) or "?"


def mermaid_flowchart(spec, lang: str) -> str | None:
    """The systems map as a Mermaid `flowchart`: the boxes of `systems_graph`, the CRM framed twice."""
    graph = systems_graph(spec, lang)
    if graph is None:
        return None
    used: dict = {}
    ids = {}
    lines = ["flowchart LR"]
    for node in graph.nodes:
        ids[node.id] = mermaid_id(node.id, used)
        label = mermaid_label(node.name)
        if node.details:
            label += f"<br/>{mermaid_label(' · '.join(node.details))}"
        lines.append(f'    {ids[node.id]}[["{label}"]]' if node.hub else f'    {ids[node.id]}["{label}"]')
    for f in graph.flows:
        names = ", ".join(graph.flow_objects(f))
        label = "<br/>".join(mermaid_label(v) for v in (names, flow_details(f, lang)) if v) or mermaid_label(f.id)
        arrow = "<-->" if f.direction == "two_way" else "-->"
        lines.append(f'    {ids[f.source]} {arrow}|"{label}"| {ids[f.target]}')
    crm = [ids[n.id] for n in graph.nodes if n.hub]
    replaced = [ids[n.id] for n in graph.nodes if n.replaced]
    if crm:
        lines.append(f"    classDef crm fill:{HUB_FILL},stroke:{HUB_FILL},color:#ffffff")
        lines.append(f"    class {','.join(crm)} crm")
    if replaced:
        lines.append("    classDef replaced stroke-dasharray: 5 5")
        lines.append(f"    class {','.join(replaced)} replaced")
    return "\n".join(lines)


def mermaid_gantt(spec, lang: str, title: str) -> str | None:
    """The timeline as a Mermaid `gantt`, on the dates of `schedule` (the phases table's)."""
    bars = schedule(spec, lang)
    if not bars:
        return None
    t = L.text(lang)
    lines = ["gantt", f"    title {_gantt_text(title)}", "    dateFormat YYYY-MM-DD", "    axisFormat %m/%Y",
             "    todayMarker off", f"    section {_gantt_text(t['timeline'])}"]
    used: dict = {}
    for bar in bars:
        name = _gantt_text(bar.name)
        if bar.unknown:
            name += " (durée non renseignée)" if lang != "en" else " (duration not specified)"
        elif bar.end_max != bar.end_min and bar.duration_text:
            name += f" ({_gantt_text(bar.duration_text)})"
        task = mermaid_id(bar.id, used).lower()
        end = bar.end_max if bar.end_max > bar.start else None
        when = f"{bar.start.isoformat()}, {end.isoformat()}" if end else f"{bar.start.isoformat()}, 1d"
        lines.append(f"    {name} :{task}, {when}")
    go_live = spec.timeline.go_live if spec.timeline else None
    if go_live:
        lines.append(f"    {_gantt_text(t['go_live'])} :milestone, golive, {go_live.isoformat()}, 0d")
    return "\n".join(lines)


# =====================================================================================
# The renderer
# =====================================================================================

class _Renderer:
    def __init__(self, spec, document: B.Outline):
        self.spec = spec
        self.o = document
        self.lang = document.lang
        self.out: list[str] = []
        self.slugs: dict = {}
        self.anchors: dict[int, str] = {}

    def render(self) -> str:
        # anchors first: the table of contents links to them
        seen: dict = {}
        for block in self.o.blocks:
            if isinstance(block, B.Heading):
                self.anchors[id(block)] = slug(self._heading_text(block), seen)
        for block in self.o.blocks:
            self._block(block)
        text = "\n".join(self.out).rstrip() + "\n"
        return re.sub(r"\n{3,}", "\n\n", text)

    def emit(self, *lines: str):
        self.out.extend(lines)

    @staticmethod
    def _heading_text(h: B.Heading) -> str:
        return f"{h.number} {h.text}" if h.number else h.text

    def _block(self, block):
        if isinstance(block, B.Cover):
            self._cover(block)
        elif isinstance(block, B.Toc):
            self._toc(block)
        elif isinstance(block, B.Heading):
            self.emit("", "#" * (block.level + 1) + " " + escape_md(self._heading_text(block)), "")
        elif isinstance(block, B.Para):
            self.emit(_spans(block.spans), "")
        elif isinstance(block, B.Bullets):
            for n, item in enumerate(block.items, 1):
                marker = f"{n}." if block.ordered else "-"
                self.emit(f"{marker} " + _spans(item).replace("\\\n", "\\\n   "))
            self.emit("")
        elif isinstance(block, B.Table):
            self._table(block)
        elif isinstance(block, B.Figure):
            self._figure(block)
        elif isinstance(block, B.SectionBreak):
            self.emit("", "---", "")

    def _cover(self, c: B.Cover):
        title = " – ".join(v for v in (c.title, c.project) if v)
        self.emit(f"# {escape_md(title)}", "")
        if c.company:
            self.emit(f"**{escape_md(c.company)}** — {escape_md(c.subtitle)}", "")
        else:
            self.emit(f"*{escape_md(c.subtitle)}*", "")
        for label, value in c.meta:
            value_md = escape_md(value).replace("\n", " ; " if self.lang == "fr" else "; ")
            self.emit(f"- **{escape_md(label)}** : {value_md}" if self.lang == "fr"
                      else f"- **{escape_md(label)}**: {value_md}")
        self.emit("")
        if c.confidentiality:
            self.emit(f"> **{escape_md(c.confidentiality)}**", "")
        self.emit(f"*{escape_md(c.note)}*", "")

    def _toc(self, block: B.Toc):
        self.emit(f"## {escape_md(block.title)}", "")
        for h in self.o.headings():
            if h.level > 2:
                continue
            indent = "  " * (h.level - 1)
            self.emit(f"{indent}- [{escape_md(self._heading_text(h))}](#{self.anchors[id(h)]})")
        self.emit("")

    def _cell(self, cell) -> str:
        parts = [_spans(p, table=True) for p in cell]
        return "<br>".join(p for p in parts if p) or " "

    def _table(self, t: B.Table):
        if t.kind == "keyvalue":
            sep = "\u00a0: " if self.lang == "fr" else ": "
            for row in t.rows:
                key = _spans(row.cells[0][0])
                values = [_spans(p) for p in row.cells[1] if any(s.text for s in p)]
                if len(values) <= 1:
                    self.emit(f"- {key}{sep}{values[0] if values else ''}")
                else:
                    self.emit(f"- {key}{sep.rstrip()}")
                    for v in values:
                        self.emit(f"  - {v}")
            self.emit("")
            return
        n = len(t.headers)
        align = list(t.align) + ["l"] * (n - len(t.align))
        rule = {"l": "---", "r": "---:", "c": ":---:"}
        self.emit("| " + " | ".join(escape_md(h) for h in t.headers) + " |",
                  "|" + "|".join(rule[a] for a in align) + "|")
        for row in t.rows:
            cells = [self._cell(c) for c in row.cells]
            cells += [" "] * (n - len(cells))
            self.emit("| " + " | ".join(cells) + " |")
        self.emit("")

    def _figure(self, f: B.Figure):
        if f.kind == "systems":
            code = mermaid_flowchart(self.spec, self.lang)
        else:
            code = mermaid_gantt(self.spec, self.lang, f.caption)
        if code is None:
            return
        self.emit("```mermaid", code, "```", "")
        self.emit(f"*{escape_md(L.text(self.lang)['figure'])} {f.number} – {escape_md(f.caption)}*", "")
        if f.note:
            self.emit(f"*{escape_md(f.note)}*", "")
