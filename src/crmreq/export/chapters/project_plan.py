"""Chapter 6, project plan: services expected, budget, timeline, how to submit an offer, criteria, demos."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import labels as L
from .. import typography as T
from ..document_blocks import C, P, Row, Span, one_per_line
from ..schedule import schedule

if TYPE_CHECKING:
    from ..document import OutlineBuilder


def write(doc: OutlineBuilder) -> None:
    spec, x, t = doc.spec, doc.x, doc.t
    s = L.sections(doc.lang)
    consultation = spec.consultation
    doc.heading(1, s["project"], "project")

    doc.heading(2, doc.x.label("deliverables"), "deliverables")
    if consultation and consultation.deliverables:
        doc.bullets([x(d) for d in consultation.deliverables])
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("budget"), "budget")
    _budget(doc)

    doc.heading(2, doc.x.label("timeline"), "timeline")
    _timeline(doc)

    doc.heading(2, doc.x.label("offer_rules"), "offer")
    shown = False
    if consultation and consultation.deadline:
        doc.para(Span(doc.x.colon("offer_deadline"), b=True), Span(T.date(consultation.deadline, doc.lang)))
        shown = True
    if consultation and consultation.documents:
        doc.para(Span(T.label(t["documents"], doc.lang), b=True), style="label")
        doc.bullets([x(d) for d in consultation.documents])
        shown = True
    if not shown:
        doc.not_specified()

    doc.heading(2, doc.x.label("criteria"), "criteria")
    if consultation and consultation.criteria:
        rows = []
        total = 0.0
        for c in consultation.criteria:
            total += c.weight or 0
            rows.append(Row((C(Span(x(c.name or c.id), b=True)),
                             C(T.percent(c.weight, doc.lang) if c.weight is not None else ""),
                             C(Span(doc.x.label("yes"), b=True, tone="danger") if c.eliminatory
                               else (doc.x.label("no") if c.eliminatory is False else "–")))))
        rows.append(Row((C(Span(t["total"], b=True)), C(Span(T.percent(total, doc.lang), b=True)), C("")),
                        total=True))
        doc.table([doc.x.label("criterion"), doc.x.label("weight"), doc.x.label("eliminatory")], rows,
                  (9.8, 3.6, 3.6), align=("l", "r", "c"), key="criteria")
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("demos"), "demos")
    if consultation and consultation.demos:
        doc.para(doc.x.label("demos_intro"), style="lead")
        for demo in consultation.demos:
            doc.para(Span(demo.id, b=True, tone="accent"), Span(" — " + x(demo.title or ""), b=True),
                     style="label")
            if demo.steps:
                doc.bullets([x(v) for v in demo.steps], ordered=True)
            if demo.features:
                shown_ = ", ".join(f"{f} ({doc.feature_titles[f]})" if f in doc.feature_titles else f
                                   for f in demo.features)
                doc.para(Span(doc.x.colon("features_shown"), tone="muted"), Span(shown_, tone="muted"))
    else:
        doc.not_specified()


def _budget(doc: OutlineBuilder):
    spec, x, t = doc.spec, doc.x, doc.t
    budget = spec.budget
    if budget is None or not budget.lines:
        doc.not_specified()
        return
    currency = budget.currency or "EUR"
    doc.para(doc.x.label("budget_intro"), style="lead")
    rows = []
    one_off = [0.0, 0.0]
    yearly = [0.0, 0.0]
    ranged = False
    for line in budget.lines:
        if line.amount is not None:
            low = high = float(line.amount)
            amount = T.money(line.amount, currency, doc.lang)
        elif line.min is not None or line.max is not None:
            low = float(line.min if line.min is not None else line.max)
            high = float(line.max if line.max is not None else line.min)
            amount = T.money_range(line.min, line.max, currency, doc.lang)
            ranged = ranged or low != high
        else:
            low = high = 0.0
            amount = ""
        recurrence = line.recurrence or "one_off"
        factor = 12 if recurrence == "monthly" else 1
        bucket = one_off if recurrence == "one_off" else yearly
        bucket[0] += low * factor
        bucket[1] += high * factor
        rows.append(Row((C(Span(x(line.label or ""), b=True)), C(L.enum("budget", line.category, doc.lang)),
                         C(amount), C(L.enum("recurrence", line.recurrence, doc.lang)))))

    def total(pair):
        if pair[0] == pair[1]:
            return T.money(pair[0], currency, doc.lang)
        return T.money_range(pair[0], pair[1], currency, doc.lang)

    if any(line.recurrence in (None, "one_off") for line in budget.lines):
        rows.append(Row((C(Span(t["total_one_off"], b=True)), C(""), C(Span(total(one_off), b=True)), C("")),
                        total=True))
    if any(line.recurrence in ("monthly", "yearly") for line in budget.lines):
        rows.append(Row((C(Span(t["total_yearly"], b=True)), C(""), C(Span(total(yearly), b=True)),
                         C(L.enum("recurrence", "yearly", doc.lang))), total=True))
    doc.table([doc.x.label(k) for k in ("budget_item", "category", "amount", "recurrence")], rows,
              (6.4, 4.0, 4.0, 2.6), align=("l", "l", "r", "l"), key="budget")


def _timeline(doc: OutlineBuilder):
    spec, x, t = doc.spec, doc.x, doc.t
    timeline = spec.timeline
    if timeline is None or (not timeline.phases and not timeline.go_live):
        doc.not_specified()
        return
    if timeline.go_live:
        doc.para(Span(doc.x.colon("go_live"), b=True), Span(T.date(timeline.go_live, doc.lang)), style="keep")
    bars = {b.id: b for b in schedule(spec)}
    if bars:
        doc.figure("gantt", doc.x.label("gantt_caption"))
    if not timeline.phases:
        return
    rows = []
    any_estimated = any(b.estimated or b.unknown for b in bars.values())
    if any_estimated:
        doc.para(Span("≈ " + t["estimated"], i=True, tone="muted"), style="note")
    for i, phase in enumerate(timeline.phases):
        bar = bars.get(phase.id or f"phase{i + 1}")
        duration = x(phase.duration_text) if phase.duration_text else ""
        if not duration and phase.start and phase.end:
            duration = T.days((phase.end - phase.start).days, doc.lang)

        def when(value, written):
            if value is None:
                return C("")
            if written:
                return C(T.date(value, doc.lang))
            return C(Span("≈ " + T.date(value, doc.lang), i=True, tone="muted"))

        start = when(bar.start if bar else phase.start, phase.start is not None)
        end = when(bar.end if bar and not bar.unknown else phase.end, phase.end is not None)
        rows.append(Row((C(P(Span(x(phase.name or phase.id), b=True))), C(duration), start, end,
                         one_per_line(x(a) for a in phase.actions))))
    doc.table([doc.x.label(k) for k in ("phase", "duration", "start", "end", "actions")],
              rows, (4.2, 2.6, 2.9, 2.9, 4.4), key="phases")
