"""Chapter 1, context: purpose of the document, history, current situation, challenges."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import labels as L
from .. import typography as T
from ..document_blocks import Span, one_per_line
from ..sanitize import clean_text

if TYPE_CHECKING:
    from ..document import OutlineBuilder


def write(doc: OutlineBuilder) -> None:
    spec, t, x = doc.spec, doc.t, doc.x
    s = L.sections(doc.lang)
    doc.heading(1, s["context"], "context")
    company = x(spec.project.company) if spec.project and spec.project.company else \
        ("l'entreprise" if doc.lang == "fr" else "the company")
    doc.heading(2, doc.x.label("purpose"), "purpose")
    doc.para(T.punctuate(t["purpose_text"].format(company=company), doc.lang))
    consultation = spec.consultation
    if consultation and consultation.deadline:
        doc.para(Span(doc.x.colon("offer_deadline"), b=True), Span(T.date(consultation.deadline, doc.lang)))

    ctx = spec.context
    doc.heading(2, doc.x.label("history"), "history")
    if ctx and ctx.history:
        for chunk in clean_text(ctx.history).split("\n\n"):
            doc.para(x(chunk))
    else:
        doc.not_specified()

    doc.heading(2, doc.x.label("situation"), "situation")
    sit = ctx.situation if ctx else None
    shown = False
    if sit:
        pairs = []
        if sit.headcount is not None:
            unit = " salariés" if doc.lang == "fr" else " employees"
            pairs.append((doc.x.label("headcount"), T.number(sit.headcount, doc.lang) + unit))
        if sit.sites:
            pairs.append((doc.x.label("sites"), one_per_line(x(s_) for s_ in sit.sites)))
        for key in ("growth", "offer", "market", "notes"):
            value = getattr(sit, key)
            if value:
                pairs.append((doc.x.label(key), x(value)))
        shown = doc.kv(pairs, key="situation")
    if not shown:
        doc.not_specified()

    doc.heading(2, doc.x.label("challenges"), "challenges")
    if ctx and ctx.challenges:
        doc.bullets([x(c) for c in ctx.challenges])
    else:
        doc.not_specified()
