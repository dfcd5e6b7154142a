"""Annex A, the functional matrix, on landscape pages: the response scale, then one row per requirement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import labels as L
from ..document_blocks import C, LANDSCAPE_WIDTH, Row, SectionBreak, Span, one_per_line
from ..matrix import HEADERS, RESPONSE_SCALE, matrix_rows
from ..sanitize import clean_text

if TYPE_CHECKING:
    from ..document import OutlineBuilder


def write(doc: OutlineBuilder) -> None:
    spec, t = doc.spec, doc.t
    doc.add(SectionBreak(landscape=True))
    doc.heading(1, f"{t['annex']} – {t['matrix']}", "annex", numbered=False)
    doc.para(doc.x.label("matrix_intro"))
    doc.para(Span(doc.x.label("scale"), b=True), style="label")
    scale = RESPONSE_SCALE[doc.lang]
    meanings = L.SCALE_MEANINGS[doc.lang]
    doc.table([doc.x.label("scale_label"), doc.x.label("scale_meaning")],
              [Row((C(Span(s_, b=True)), C(doc.x(m)))) for s_, m in zip(scale, meanings)],
              (5.2, LANDSCAPE_WIDTH - 5.2), key="scale")
    rows = matrix_rows(spec, doc.lang)
    features = {f.id: f for f in spec.features}
    if not rows:
        doc.para(Span(doc.t["matrix_empty"], i=True, tone="muted"), style="muted")
        return
    out = []
    for r in rows:
        cells = r.cells(doc.lang)
        module = cells[2]
        if r.section == "feature":
            module = L.enum("module", r.module, doc.lang)
        elif r.section == "nfr":
            module = L.enum("nfr", r.module, doc.lang)
        elif r.section == "rgpd":
            module = "RGPD" if doc.lang == "fr" else "GDPR"
        out.append(Row((
            C(Span(cells[0], b=True, tone="accent", code=True)), C(cells[1]), C(doc.x(module)),
            C(Span(doc.x(cells[3]), b=True)), one_per_line(doc.x(v) for v in clean_text(cells[4]).split("\n")),
            C(doc.teams(features[r.id].teams) if r.section == "feature" and r.id in features
              else doc.x(cells[5])),
            C(doc.priority(r.priority)), C(doc.x(cells[7])),
        )))
    h = HEADERS[doc.lang]
    doc.table([h[k] for k in ("id", "section", "module", "title", "description", "teams", "priority",
                              "phase")],
              out, (2.2, 2.3, 2.6, 5.0, 7.6, 2.4, 2.2, 1.4), align=("l", "l", "l", "l", "l", "l", "l", "c"),
              small=True, key="matrix", ids=0)
