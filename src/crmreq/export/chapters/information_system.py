"""Chapter 3, the target information system: the systems map, the systems, data objects and flows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import labels as L
from ..document_blocks import C, P, Row, Span, one_per_line

if TYPE_CHECKING:
    from ..document import OutlineBuilder


def write(doc: OutlineBuilder) -> None:
    spec, x = doc.spec, doc.x
    s = L.sections(doc.lang)
    doc.heading(1, s["is"], "is")
    doc.heading(2, doc.x.label("map"), "map")
    if spec.systems or spec.flows:
        doc.figure("systems", doc.x.label("map_caption"), doc.x.label("map_legend"))
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("systems"), "systems")
    if spec.systems:
        rows = []
        for sy in spec.systems:
            future = "" if sy.keep is None else (doc.x.label("kept") if sy.keep else doc.x.label("replaced"))
            rows.append(Row((
                C(Span(x(sy.name or sy.id), b=True)),
                C(L.enum("kind", sy.kind, doc.lang)),
                C(L.enum("hosting", sy.hosting, doc.lang)),
                C(x(L.location(sy.location, doc.lang)) if sy.location else ""),
                C(", ".join(L.enum("interface", i, doc.lang) for i in sy.interfaces)),
                C(Span(future, tone="muted" if sy.keep is False else None)),
                C(doc.people.get(sy.owner, x(sy.owner)) if sy.owner else ""),
            )))
        doc.table([doc.x.label(k) for k in ("system", "kind", "hosting", "location", "interfaces",
                                            "future", "owner")],
                  rows, (3.0, 2.3, 2.35, 2.2, 2.35, 2.3, 2.5), key="systems")
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("objects"), "objects")
    if spec.objects:
        rows = [Row((C(Span(x(o.name or o.id), b=True)), C(L.yes_no(o.personal_data, doc.lang)),
                     C(", ".join(x(f) for f in o.fields))))
                for o in spec.objects]
        doc.table([doc.x.label(k) for k in ("object", "personal_data", "fields")], rows,
                  (4.2, 2.8, 10.0), align=("l", "c", "l"), key="objects")
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("flows"), "flows")
    if spec.flows:
        rows = []
        for f in spec.flows:
            arrow = " ↔ " if f.direction == "two_way" else " → "
            ends = doc.system_names.get(f.source, x(f.source or "?")) + arrow + \
                doc.system_names.get(f.target, x(f.target or "?"))
            objects = []
            for o in f.objects:
                fields = f.fields.get(o) if f.fields else None
                objects.append(P(doc.object_names.get(o, x(o)),
                                 Span(f" ({', '.join(x(v) for v in fields)})", tone="muted") if fields else ""))
            terms = [L.enum(kind, getattr(f, kind), doc.lang) for kind in ("direction", "frequency", "mechanism")
                     if getattr(f, kind)]
            rules = []
            if f.master:
                rules.append(P(Span(doc.x.colon("master_short"), tone="muted"),
                               doc.system_names.get(f.master, x(f.master))))
            if f.trigger:
                rules.append(P(Span(doc.x.colon("trigger"), tone="muted"), x(f.trigger)))
            rows.append(Row((C(Span(f.id, b=True, tone="accent", code=True)), C(ends), C(*objects), one_per_line(terms),
                             C(*rules))))
        doc.table([doc.x.label(k) for k in ("flow", "from_to", "objects_fields", "terms", "rules")],
                  rows, (2.1, 3.3, 5.0, 2.6, 4.0), key="flows", ids=0)
    else:
        doc.not_specified()
