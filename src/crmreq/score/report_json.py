"""`crmreq score --format json`: one JSON document, the shape of PRODUCT.md §7.

    {"version": 1,
     "offers": [{"vendor", "name", "rank", "total", "eliminated", "reasons", "marks", "coverage"}…],
     "robustness": {"first", "second", "gap", "criterion", "change", "note"},
     "diagnostics": [the findings, in lint's JSON shape]}

Offers come sorted by rank, eliminated ones last; figures are rounded to 4 decimals; a
criterion without a mark is null.
"""

from __future__ import annotations

import json

from .model import ScoreResult

DECIMALS = 4


def _round(value):
    return None if value is None else round(float(value), DECIMALS)


def document(result: ScoreResult) -> dict:
    offers = [{
        "vendor": offer.vendor,
        "name": offer.name,
        "rank": offer.rank,
        "total": _round(offer.total),
        "eliminated": offer.eliminated,
        "reasons": list(offer.reasons),
        "marks": {criterion.id: _round(offer.marks.get(criterion.id)) for criterion in result.criteria},
        "coverage": {
            "overall": _round(offer.coverage.overall),
            "sections": {k: _round(v) for k, v in offer.coverage.sections.items()},
            "modules": {k: _round(v) for k, v in offer.coverage.modules.items()},
        },
    } for offer in result.offers]
    robustness = result.robustness
    return {
        "version": 1,
        "offers": offers,
        "robustness": {"first": robustness.first, "second": robustness.second, "gap": _round(robustness.gap),
                       "criterion": robustness.criterion, "change": _round(robustness.change),
                       "note": robustness.note},
        "diagnostics": [finding.as_dict() for finding in result.findings],
    }


def render_json(result: ScoreResult) -> str:
    return json.dumps(document(result), ensure_ascii=False, indent=2) + "\n"
