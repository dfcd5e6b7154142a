"""The systems and flows of a spec as one list of boxes and arrows, the one both maps draw.

The PNG map of the Word document (`systems_chart`) and the Mermaid flowchart of the Markdown
document (`markdown`) must show the same boxes: the declared systems, then every flow end that
names no declared system, the CRM in the middle, the replaced systems dashed. Computed once here,
the two pictures cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import labels as L
from .sanitize import clean_text
from .typography import apostrophes

HUB_FILL = "#1F4E79"            # the CRM's dark blue, on both maps

_SHORTEN = re.compile(r"\s*(?:\(|\[|—|–| - ).*$", re.S)


def short_name(text: str | None) -> str:
    """A name for a picture: what comes before a parenthesis or a dash.

    "Futur CRM (solution retenue à l'issue de la consultation)" → "Futur CRM"; the tables
    next to the picture keep the full names.
    """
    text = " ".join(clean_text(text).split())
    short = _SHORTEN.sub("", text).strip(" ,;:")
    return short if len(short) >= 2 else text


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


@dataclass(frozen=True)
class Node:
    """One box: a declared system, or a flow end naming no declared system (`declared` False)."""

    id: str
    name: str                   # the short name, cleaned
    kind: str | None
    details: tuple              # kind · hosting · location, in the document's language
    declared: bool
    replaced: bool              # a declared system with `keep: false` (drawn dashed)
    hub: bool                   # the box in the middle (the CRM)


@dataclass(frozen=True)
class SystemsGraph:
    nodes: tuple                # tuple[Node, ...]: declared systems first, in file order
    flows: tuple                # the flows with both ends, in file order
    object_names: dict          # object id → name, for the arrows' labels

    @property
    def hub(self) -> str:
        return next(n.id for n in self.nodes if n.hub)

    def flow_objects(self, flow) -> list[str]:
        """Short names of the objects a flow carries (an unknown object by its id)."""
        return [short_name(self.object_names.get(o, o)) for o in flow.objects]


def flow_details(flow, lang: str) -> str:
    """"quotidien · API": the flow's frequency and mechanism, short."""
    details = [L.enum("frequency_short", flow.frequency, lang) if flow.frequency else "",
               L.enum("mechanism", flow.mechanism, lang) if flow.mechanism else ""]
    return " · ".join(d for d in details if d)


def systems_graph(spec, lang: str) -> SystemsGraph | None:
    """The boxes and arrows of `spec`, or None when it declares no system and no flow names one."""
    systems = list(spec.systems)
    known = {s.id for s in systems}
    undeclared: list[str] = []
    for flow in spec.flows:
        for end in (flow.source, flow.target):
            if end and end not in known and end not in undeclared:
                undeclared.append(end)
    if not systems and not undeclared:
        return None
    hub = hub_id(spec)
    typeset = apostrophes if lang == "fr" else str
    nodes = [Node(s.id, typeset(short_name(s.name or s.id)), s.kind, _details(s, lang), True, s.keep is False,
                  s.id == hub)
             for s in systems]
    nodes += [Node(e, clean_text(e), None, (), False, False, e == hub) for e in undeclared]
    flows = tuple(f for f in spec.flows if f.source and f.target)
    objects = {o.id: typeset(o.name or o.id) for o in spec.objects}
    return SystemsGraph(tuple(nodes), flows, objects)


def _details(system, lang: str) -> tuple:
    details = (L.enum("kind_short", system.kind, lang) if system.kind else "",
               L.enum("hosting", system.hosting, lang) if system.hosting else "",
               L.location(clean_text(system.location or ""), lang, short=True))
    return tuple(d for d in details if d)
