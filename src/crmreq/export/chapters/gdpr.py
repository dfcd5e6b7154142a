"""Chapter 5's GDPR section: data location, DPO, consent, rights, purposes, retention, security, transfers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import labels as L
from ..document_blocks import C, P, Row, Span

if TYPE_CHECKING:
    from ..document import OutlineBuilder


def write(doc: OutlineBuilder) -> None:
    spec, x = doc.spec, doc.x
    r = spec.rgpd
    if r is None:
        doc.not_specified()
        return
    pairs = []
    if r.data_location:
        pairs.append((doc.x.label("data_location"), x(L.location(r.data_location, doc.lang))))
    if r.dpo:
        pairs.append((doc.x.label("dpo"), doc.x.label("yes") if r.dpo == "yes" else x(r.dpo)))
    if r.processor_agreement is not None:
        pairs.append((doc.x.label("processor_agreement"),
                      doc.x.label("processor_required") if r.processor_agreement else doc.x.label("no")))
    if r.consent and r.consent.stated:
        lines = []
        if r.consent.text:
            lines.append(P(x(r.consent.text)))
        for key, value in (("consent_collection", r.consent.collection), ("consent_proof", r.consent.proof),
                           ("consent_withdrawal", r.consent.withdrawal)):
            if value:
                lines.append(P(Span(doc.x.colon(key), tone="muted"), x(value)))
        pairs.append((doc.x.label("consent"), tuple(lines) or C(doc.x.label("consent_stated"))))
    if r.breach_notification:
        pairs.append((doc.x.label("breach"), doc.x.label("breach_stated") if r.breach_notification == "yes"
                      else x(r.breach_notification)))
    if r.transfers_stated is False:
        pairs.append((doc.x.label("transfers"), doc.x.label("transfers_none")))
    elif r.transfers_outside_eu:
        pairs.append((doc.x.label("transfers"), tuple(
            P(Span(doc.system_names.get(tr.system, x(tr.system or "")), b=True),
              f" — {x(L.location(tr.country, doc.lang))}" if tr.country else "",
              f" — {x(L.enum('safeguard', tr.safeguard, doc.lang))}" if tr.safeguard else "",
              f" — {x(tr.details)}" if tr.details else "")
            for tr in r.transfers_outside_eu)))
    shown = doc.kv(pairs, key="rgpd")
    if r.rights:
        doc.para(Span(doc.x.label("rights"), b=True), style="label")
        doc.bullets([L.enum("right", v, doc.lang) for v in r.rights])
        shown = True
    if r.purposes:
        doc.para(Span(doc.x.label("purposes"), b=True), style="label")
        rows = [Row((C(Span(x(p.name or p.id), b=True)), C(L.enum("legal_basis", p.legal_basis, doc.lang)),
                     C(", ".join(doc.object_names.get(o, x(o)) for o in p.objects)),
                     C(x(p.retention) if p.retention else "")))
                for p in r.purposes]
        doc.table([doc.x.label(k) for k in ("purpose_col", "legal_basis", "objects", "retention")], rows,
                  (4.6, 4.0, 4.0, 4.4), key="purposes")
        shown = True
    if r.retention:
        doc.para(Span(doc.x.label("retention_title"), b=True), style="label")
        rows = [Row((C(Span(_category(doc, k), b=True)), C(x(v)))) for k, v in r.retention.items()]
        doc.table([doc.x.label("data_category"), doc.x.label("retention")], rows, (6.0, 11.0),
                  key="retention")
        shown = True
    if r.security_measures:
        doc.para(Span(doc.x.label("security_measures"), b=True), style="label")
        doc.bullets([x(v) for v in r.security_measures])
        shown = True
    if not shown:
        doc.not_specified()


def _category(doc: OutlineBuilder, key: str) -> str:
    """A retention key: the object's name when it is an object's id (`activite` → « Activité »),
    else the words as written, with a capital like the names around them."""
    if key in doc.object_names:
        return doc.object_names[key]
    text = doc.x(key)
    return text[:1].upper() + text[1:]
