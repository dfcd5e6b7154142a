"""Chapter 4, functional scope: each team and its users, the business processes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import labels as L
from .. import typography as T
from ..document_blocks import C, Row, Span, one_per_line

if TYPE_CHECKING:
    from ..document import OutlineBuilder


def write(doc: OutlineBuilder) -> None:
    spec, x = doc.spec, doc.x
    s = L.sections(doc.lang)
    doc.heading(1, s["scope"], "scope")
    doc.heading(2, doc.x.label("scope_teams"), "scope_teams")
    if spec.teams:
        for team in spec.teams:
            title = x(team.name or team.id)
            doc.heading(3, title, "team", numbered=True)
            facts = []
            if team.size is not None:
                facts.append(f"{T.number(team.size, doc.lang)} {doc.t['users']}")
            if team.mobile:
                facts.append("utilisateurs mobiles" if doc.lang == "fr" else "mobile users")
            if team.phase:
                facts.append(f"{doc.t['phase'].lower() if doc.lang == 'fr' else 'phase'} {x(team.phase)}")
            if facts:
                doc.para(Span(" · ".join(facts), tone="muted"))
            pairs = []
            for key in ("responsibilities", "current_tools", "strengths", "weaknesses"):
                values = getattr(team, key)
                if values:
                    pairs.append((doc.x.label(key), one_per_line(x(v) for v in values)))
            features = [f.id for f in spec.features if team.id in f.teams]
            if features:
                label = "Besoins concernés" if doc.lang == "fr" else "Requirements"
                shown = ", ".join(features[:40]) + (" …" if len(features) > 40 else "")
                pairs.append((T.punctuate(label, doc.lang), C(Span(shown, code=True))))
            if not doc.kv(pairs, key="team"):
                if not facts:
                    doc.not_specified()
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("processes"), "processes")
    if spec.processes:
        rows = [Row((C(Span(p.id, b=True, tone="accent", code=True)), C(x(p.name or "")), C(doc.teams(p.teams)),
                     C(doc.priority(p.priority)), C(x(p.phase) if p.phase else "")))
                for p in spec.processes]
        doc.table(["Id", doc.x.label("process"), doc.x.label("teams"), doc.x.label("priority"),
                   doc.x.label("phase")],
                  rows, (1.8, 6.6, 4.4, 2.4, 1.8), align=("l", "l", "l", "l", "c"), key="processes", ids=0)
    else:
        doc.not_specified()
