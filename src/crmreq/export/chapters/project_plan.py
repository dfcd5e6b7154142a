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
            doc.para(Span(demo.id, b=True, tone="accent", code=True), Span(" — " + x(demo.title or ""), b=True),
                     style="label")
            if demo.steps:
                doc.bullets([x(v) for v in demo.steps], ordered=True)
            if demo.features:
                shown_ = []
                for n, f in enumerate(demo.features):
                    shown_.append(Span((", " if n else "") + f, tone="muted", code=True))
                    if f in doc.feature_titles:
                        shown_.append(Span(f" ({doc.feature_titles[f]})", tone="muted"))
                doc.para(Span(doc.x.colon("features_shown"), tone="muted"), *shown_)
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
    buckets = {"one_off": _Total(), "yearly": _Total()}
    for line in budget.lines:
        recurrence = line.recurrence or "one_off"
        total = buckets["one_off" if recurrence == "one_off" else "yearly"]
        factor = 12 if recurrence == "monthly" else 1
        if line.amount is not None:
            total.add(float(line.amount) * factor, float(line.amount) * factor)
            amount = C(T.money(line.amount, currency, doc.lang))
        elif line.min is not None or line.max is not None:
            ends = [float(v) for v in (line.min, line.max) if v is not None]
            total.add(min(ends) * factor, max(ends) * factor)      # a range written backwards adds up right
            amount = C(T.money_range(line.min, line.max, currency, doc.lang))
        else:
            total.missing += 1
            amount = C(Span(t["not_disclosed"], i=True, tone="muted"))
        rows.append(Row((C(Span(x(line.label or ""), b=True)), C(L.enum("budget", line.category, doc.lang)),
                         amount, C(L.enum("recurrence", line.recurrence, doc.lang)))))

    for key, label, recurrence in (("one_off", "total_one_off", ""), ("yearly", "total_yearly", "yearly")):
        total = buckets[key]
        if total.lines:
            rows.append(Row((C(Span(t[label], b=True)), C(""), total.cell(doc, currency),
                             C(L.enum("recurrence", recurrence or None, doc.lang))), total=True))
    doc.table([doc.x.label(k) for k in ("budget_item", "category", "amount", "recurrence")], rows,
              (6.4, 4.0, 4.0, 2.6), align=("l", "l", "r", "l"), key="budget")


class _Total:
    """A budget total: the sum of the lines with an amount (low and high ends of their ranges),
    and how many lines give none, so that a missing amount never counts as 0 €."""

    def __init__(self):
        self.low = self.high = 0.0
        self.known = self.missing = 0

    @property
    def lines(self) -> int:
        return self.known + self.missing

    def add(self, low: float, high: float) -> None:
        self.low += low
        self.high += high
        self.known += 1

    def cell(self, doc: OutlineBuilder, currency: str):
        """« non communiqué » when no line has an amount; else the sum, and the lines it leaves out."""
        t = doc.t
        if not self.known:
            return C(Span(t["not_disclosed"], b=True, i=True, tone="muted"))
        amount = T.money(self.low, currency, doc.lang) if self.low == self.high else \
            T.money_range(self.low, self.high, currency, doc.lang)
        if not self.missing:
            return C(Span(amount, b=True))
        left_out = t["total_without_one" if self.missing == 1 else "total_without"].format(n=self.missing)
        return C(P(Span(amount, b=True)), P(Span(left_out, i=True, tone="muted")))


def _timeline(doc: OutlineBuilder):
    spec, x, t = doc.spec, doc.x, doc.t
    timeline = spec.timeline
    if timeline is None or (not timeline.phases and not timeline.go_live):
        doc.not_specified()
        return
    if timeline.go_live:
        doc.para(Span(doc.x.colon("go_live"), b=True), Span(T.date(timeline.go_live, doc.lang)), style="keep")
    bars = {b.id: b for b in schedule(spec, doc.lang)}
    if bars:
        doc.figure("gantt", doc.x.label("gantt_caption"))
    if not timeline.phases:
        return
    rows = []
    any_estimated = any(b.estimated or b.unknown for b in bars.values())
    if any_estimated:
        note = doc.x.label("estimated_backwards" if timeline.go_live else "estimated")
        doc.para(Span("≈ " + note, i=True, tone="muted"), style="note")
    for i, phase in enumerate(timeline.phases):
        bar = bars.get(phase.id or f"phase{i + 1}")
        duration = C(x(phase.duration_text)) if phase.duration_text else C("")
        if not phase.duration_text and phase.start and phase.end:
            duration = C(T.days((phase.end - phase.start).days, doc.lang))
        elif bar and bar.unknown:        # drawn hatched at a default length in the chart
            duration = C(Span(t["duration_unknown"], i=True, tone="muted"))

        def when(value, written):
            if value is None:
                return C("")
            if written:
                return C(T.date(value, doc.lang))
            return C(Span("≈ " + T.date(value, doc.lang), i=True, tone="muted"))

        start = when(bar.start if bar else phase.start, phase.start is not None)
        end = when(bar.end if bar else phase.end, phase.end is not None)
        rows.append(Row((C(P(Span(x(phase.name or phase.id), b=True))), duration, start, end,
                         one_per_line(x(a) for a in phase.actions))))
    doc.table([doc.x.label(k) for k in ("phase", "duration", "start", "end", "actions")],
              rows, (4.2, 2.6, 2.9, 2.9, 4.4), key="phases")
