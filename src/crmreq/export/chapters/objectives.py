"""Chapter 2, objectives: the SMART objectives, the teams involved, the stakeholders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import labels as L
from .. import typography as T
from ..document_blocks import C, P, Row, Span
from ..sanitize import clean_text
from ..schedule import schedule

if TYPE_CHECKING:
    from ..document import OutlineBuilder


def write(doc: OutlineBuilder) -> None:
    spec, x = doc.spec, doc.x
    s = L.sections(doc.lang)
    doc.heading(1, s["objectives"], "objectives")
    doc.heading(2, doc.x.label("smart"), "smart")
    if spec.objectives:
        doc.para(doc.x.label("smart_intro"), style="lead")
        rows = []
        phases = spec.timeline.phases if spec.timeline else ()
        bars = schedule(spec)
        for o in spec.objectives:
            first = C(P(Span(o.id, b=True, tone="accent", code=True), Span(" " + x(o.title) if o.title else "", b=True)),
                      P(Span(x(o.pain), i=True, tone="muted")) if o.pain else None)
            owner = doc.people.get(o.owner, x(o.owner)) if o.owner else ""
            metric = x(o.metric.text) if o.metric else ""       # a KPI's name: text, not a quantity
            rows.append(Row((first, C(metric), C(x.quantity(o.baseline)),
                             C(x.quantity(o.target)), C(x.deadline(o.deadline, doc.go_live, phases, bars)), C(owner),
                             C(doc.priority(o.priority)))))
        doc.table([doc.x.label(k) for k in ("objective", "metric", "baseline", "target", "deadline",
                                            "owner", "priority")],
                  rows, (4.3, 2.5, 1.7, 1.7, 2.5, 2.0, 2.3), key="smart")
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("teams_concerned"), "teams")
    if spec.teams:
        rows = []
        for team in spec.teams:
            rows.append(Row((C(Span(x(team.name or team.id), b=True)),
                             C(T.number(team.size, doc.lang) if team.size is not None else ""),
                             C(L.yes_no(team.mobile, doc.lang)),
                             C(", ".join(x(v) for v in team.current_tools)),
                             C(x(team.phase) if team.phase else ""))))
        doc.table([doc.x.label(k) for k in ("team", "size", "mobile", "current_tools", "phase")],
                  rows, (4.6, 2.0, 1.8, 6.6, 2.0), align=("l", "r", "c", "l", "c"), key="teams")
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("stakeholders"), "stakeholders")
    if spec.stakeholders:
        rows = [Row((C(Span(x(p.name or p.id), b=True)), C(x(p.role) if p.role else ""),
                     C(doc.team_names.get(p.team, x(p.team)) if p.team else ""),
                     C(clean_text(p.email) if p.email else "")))
                for p in spec.stakeholders]
        doc.table([doc.x.label(k) for k in ("name", "role", "team", "email")], rows,
                  (4.0, 5.0, 3.5, 4.5), key="stakeholders")
    else:
        doc.not_specified()
