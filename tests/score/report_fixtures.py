"""Score results built by hand for the report tests, so they do not depend on the scorer.

`build_result(lang)` answers a small consultation: four offers on seven requirements and five
criteria. Beta and Alpha answer alike at the same price (a tie for first place), Gamma answers a
must-have "Not supported" (eliminated), Delta has no mark for the manual criterion (a missing
mark, counted 0). Coverages, marks and totals are computed here with the method of PRODUCT §7, so
the XLSX formulas must find the same figures.
"""

from __future__ import annotations

import datetime

from crmreq.findings import Finding
from crmreq.score.model import Answer, Coverage, Criterion, Offer, Requirement, Robustness, ScoreResult

SCORES = {"standard": 4, "configuration": 3, "third_party": 2, "custom": 1, "roadmap": 1, "not_supported": 0}
WEIGHTS = {"must": 3, "should": 2, "could": 1, "wont": 0}

REQUIREMENTS = [
    # id, section, module, title, priority
    ("CRM-01", "feature", "crm", "Fiche client 360°", "must"),
    ("VEN-01", "feature", "sales", "Devis depuis le mobile", "must"),
    ("VEN-02", "feature", "sales", "Tournées sur carte", "should"),
    ("MKT-01", "feature", "marketing", "Campagnes d'e-mailing", "could"),
    ("MKT-02", "feature", "marketing", "Jeux concours", "wont"),
    ("NFR-01", "nfr", "security", "Authentification unique (SSO)", "must"),
    ("RGPD-01", "rgpd", "", "Droit à l'effacement", "should"),
]

CRITERIA = [
    Criterion("C-MAT", "Couverture fonctionnelle", 40, False, "matrix"),
    Criterion("C-PRIX", "Prix sur 3 ans", 30, False, "price"),
    Criterion("C-DEMO", "Démonstrations scénarisées", 20, False, "demos"),
    Criterion("C-REF", "Références & pérennité", 10, False, "manual"),
    Criterion("C-UE", "Hébergement dans l'UE", 0, True, "manual"),
]

# vendor → (name, answers in REQUIREMENTS order (None: unanswered), price, demo marks /4, manual mark)
OFFERS = {
    "alpha": ("Alpha CRM", ["standard", "configuration", "roadmap", "standard", None, "standard", "custom"],
              48000, [3, 4], 8),
    "beta": ("Beta Software", ["standard", "configuration", "roadmap", "standard", None, "standard", "custom"],
             48000, [3, 4], 8),
    "gamma": ("Gamma =SUM(A1)", ["standard", "not_supported", "standard", "standard", "standard", "standard",
                                 "standard"], 39000, [4, 4], 9),
    "delta": ("Delta & Co", ["configuration", "third_party", None, "standard", None, "configuration", "standard"],
              61000.5, [2, 3], None),
}


def requirements() -> list[Requirement]:
    return [Requirement(i, s, m, t, p, WEIGHTS[p]) for i, s, m, t, p in REQUIREMENTS]


def _coverage(scored: list[tuple[Requirement, float]]) -> float:
    weight = sum(r.weight for r, _ in scored)
    return 100 * sum(r.weight * s for r, s in scored) / (weight * 4) if weight else 0.0


def _offer(vendor: str, lowest_price: float, lang: str) -> Offer:
    name, levels, price, demos, manual = OFFERS[vendor]
    reqs = requirements()
    answers, scored = {}, []
    for requirement, level in zip(reqs, levels):
        score = SCORES[level] if level else 0.0
        note = ""
        if level == "roadmap":
            note = "date 2027-06, within go-live + 12 months" if lang == "en" else "date 2027-06, dans les 12 mois"
        answers[requirement.id] = Answer(requirement.id, level, comment="Voir annexe 3" if level == "custom" else "",
                                         score=score, note=note)
        scored.append((requirement, score))
    coverage = Coverage(
        overall=_coverage(scored),
        sections={s: _coverage([x for x in scored if x[0].section == s]) for s in ("feature", "nfr", "rgpd")},
        modules={m: _coverage([x for x in scored if x[0].section == "feature" and x[0].module == m])
                 for m in dict.fromkeys(r.module for r in reqs if r.section == "feature")},
    )
    marks = {"C-MAT": coverage.overall / 10, "C-PRIX": min(10.0, 10 * lowest_price / price),
             "C-DEMO": sum(demos) / len(demos) / 4 * 10, "C-REF": manual, "C-UE": 10 if manual else None}
    total = sum(c.weight * (marks[c.id] or 0) / 10 for c in CRITERIA)
    offer = Offer(vendor, name, f"reponses/{vendor}.xlsx", answers=answers, marks=marks, coverage=coverage,
                  price=price, currency="EUR", total=total)
    must_not_supported = [r.id for r, level in zip(reqs, levels) if r.priority == "must" and level == "not_supported"]
    if must_not_supported:
        offer.eliminated = True
        offer.reasons = [(f"must-have {must_not_supported[0]} answered Not supported" if lang == "en"
                          else f"l'indispensable {must_not_supported[0]} est « Non couvert »")]
    return offer


def build_result(lang: str = "fr", vendors=("alpha", "beta", "gamma", "delta")) -> ScoreResult:
    """A result as the scorer would give it: offers sorted by rank (ties by vendor id), eliminated last."""
    # the lowest price among the offers not eliminated on their answers sets the 10 (Gamma's does not)
    lowest = min(OFFERS[v][2] for v in vendors if v != "gamma")
    offers = [_offer(v, lowest, lang) for v in vendors]
    ranked = sorted((o for o in offers if not o.eliminated), key=lambda o: (-o.total, o.vendor))
    for offer in ranked:
        offer.rank = 1 + sum(1 for other in ranked if other.total > offer.total)
    offers = ranked + sorted((o for o in offers if o.eliminated), key=lambda o: o.vendor)
    first, second = (ranked + [None, None])[:2]
    gap = (first.total - second.total) if first and second else 0.0
    note = ("Alpha CRM and Beta Software are tied: any change of weight separates them." if lang == "en"
            else "Alpha CRM et Beta Software sont à égalité : tout changement de poids les départage.")
    robustness = Robustness(first.vendor if first else None, second.vendor if second else None, gap,
                            "C-PRIX", 0.0, note if second else "")
    findings = [Finding("R003", "answer-typed", "warning",
                        "VEN-02 : réponse saisie au lieu d'être choisie" if lang == "fr"
                        else "VEN-02: answer typed instead of picked", "reponses/delta.xlsx", 4, 9)]
    return ScoreResult(lang=lang, spec_name="CRM Négoce 2027" if lang == "fr" else "Trade CRM 2027",
                       requirements=requirements(), criteria=list(CRITERIA), offers=offers, robustness=robustness,
                       findings=findings,
                       settings={"answers": dict(SCORES), "weights": dict(WEIGHTS), "unanswered": "not_supported"},
                       date=datetime.date(2026, 11, 16))
