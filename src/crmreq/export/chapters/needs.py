"""Chapter 5, functional requirements: priorities at a glance, requirements by module, NFRs, GDPR, data migration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import labels as L
from .. import typography as T
from ..document_blocks import C, P, Row, Span, one_per_line
from ..sanitize import clean_text
from . import gdpr

if TYPE_CHECKING:
    from ..document import OutlineBuilder


def write(doc: OutlineBuilder) -> None:
    spec, x = doc.spec, doc.x
    s = L.sections(doc.lang)
    doc.heading(1, s["needs"], "needs")
    modules = _modules(doc)

    doc.heading(2, doc.x.label("priorities_summary"), "priorities")
    if spec.features:
        doc.para(doc.x.label("priorities_intro"), style="lead")
        rows = []
        totals = {p: 0 for p in L.PRIORITY_ORDER}
        unset_total = 0
        for module, features in modules:
            counts = {p: sum(1 for f in features if f.priority == p) for p in L.PRIORITY_ORDER}
            unset = sum(1 for f in features if f.priority not in L.PRIORITY_ORDER)
            unset_total += unset
            for p in L.PRIORITY_ORDER:
                totals[p] += counts[p]
            rows.append(Row((C(_module_label(doc, module)),
                             *(C(T.number(counts[p], doc.lang) if counts[p] else "–")
                               for p in L.PRIORITY_ORDER),
                             C(Span(T.number(len(features), doc.lang), b=True)))))
        rows.append(Row((C(Span(doc.t["total"], b=True)),
                         *(C(Span(T.number(totals[p], doc.lang), b=True)) for p in L.PRIORITY_ORDER),
                         C(Span(T.number(len(spec.features), doc.lang), b=True))), total=True))
        doc.table([doc.x.label("module")] + [L.enum("priority", p, doc.lang) for p in L.PRIORITY_ORDER] +
                  [doc.t["total"]],
                  rows, (5.2, 2.5, 2.3, 2.3, 2.7, 2.0), align=("l", "r", "r", "r", "r", "r"), key="priorities")
        share = totals["must"] / len(spec.features) * 100
        label = "Part des besoins indispensables" if doc.lang == "fr" else "Share of must-have requirements"
        doc.para(Span(T.label(label, doc.lang) + " ", tone="muted"),
                 Span(T.percent(round(share), doc.lang), b=True))
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("features_by_module"), "features")
    if spec.features:
        for module, features in modules:
            doc.heading(3, _module_label(doc, module), "module")
            rows = []
            for f in features:
                body = [P(Span(x(f.title or f.id), b=True))]
                if f.scenario:
                    body.extend(P(x(line)) for line in clean_text(f.scenario).split("\n") if line.strip())
                if f.acceptance:
                    body.append(P(Span(doc.x.colon("acceptance"), i=True, tone="muted"),
                                  Span(x(f.acceptance), i=True)))
                if f.objectives:
                    body.append(P(Span(doc.x.colon("serves"), tone="muted"),
                                  Span(", ".join(f.objectives), tone="muted", code=True)))
                rows.append(Row((C(Span(f.id, b=True, tone="accent", code=True)), tuple(body),
                                 C(doc.priority(f.priority)), C(x(f.phase) if f.phase else ""),
                                 C(doc.teams(f.teams)))))
            doc.table(["Id", doc.x.label("requirement"), doc.x.label("priority"), doc.x.label("phase"),
                       doc.x.label("teams")],
                      rows, (1.9, 8.9, 2.3, 1.4, 2.5), align=("l", "l", "l", "c", "l"), key="features", ids=0)
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("nfr"), "nfr")
    if spec.nfr:
        rows = [Row((C(Span(n.id, b=True, tone="accent", code=True)), C(L.enum("nfr", n.category, doc.lang)),
                     C(x(n.statement) if n.statement else ""), C(x.quantity(n.metric)),
                     C(doc.priority(n.priority))))
                for n in spec.nfr]
        doc.table(["Id", doc.x.label("category"), doc.x.label("requirement"), doc.x.label("measure"),
                   doc.x.label("priority")],
                  rows, (1.8, 2.9, 7.4, 2.7, 2.2), key="nfr", ids=0)
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("rgpd"), "rgpd")
    gdpr.write(doc)

    doc.heading(2, doc.x.label("migration"), "migration")
    if spec.migration:
        rows = []
        for m in spec.migration:
            source = [P(Span(m.id, b=True, tone="accent", code=True)), P(x(m.name)) if m.name else None]
            if m.system:
                source.append(P(Span(doc.x.colon("system"), tone="muted"),
                                Span(doc.system_names.get(m.system, x(m.system)), tone="muted")))
            rows.append(Row((
                C(*source),
                C(x(m.format) if m.format else ""),
                one_per_line(x(v) for v in m.tables),
                C(x.quantity(m.volume)),
                C(", ".join(doc.object_names.get(o, x(o)) for o in m.objects)),
                C(x(m.cleaning) if m.cleaning else ""),
            )))
        doc.table([doc.x.label(k) for k in ("source", "format", "tables", "volume", "target_objects",
                                            "cleaning")],
                  rows, (3.4, 2.6, 2.6, 2.1, 2.6, 3.7), key="migration", ids=0)
    else:
        doc.not_specified()


def _modules(doc: OutlineBuilder):
    groups: dict[str, list] = {}
    for f in doc.spec.features:
        groups.setdefault(f.module or "", []).append(f)
    order = [m for m in L.MODULE_ORDER if m in groups] + [m for m in groups if m not in L.MODULE_ORDER]
    return [(m, groups[m]) for m in order]


def _module_label(doc: OutlineBuilder, module: str) -> str:
    if not module:
        return "Autres besoins" if doc.lang == "fr" else "Other requirements"
    return doc.x(L.enum("module", module, doc.lang))
