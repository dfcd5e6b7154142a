"""The method of PRODUCT.md §7: answer scores, coverage, marks out of 10, total out of 100,
eliminations and ranking. Pure computation on what the readers found; every figure keeps a note
saying how it was obtained, in the report's language.

- an answer scores by its level (`[score.answers]`); a roadmap answer scores 0 without a date or
  when dated after go-live + 12 months; an unanswered row counts as `unanswered` says; a row
  missing from the file, or an answer outside the scale (R003), counts 0;
- coverage = Σ w × score / Σ w × 4 (w by priority, `[score.weights]`), overall, per section
  (feature, nfr, rgpd) and per feature module;
- marks out of 10: matrix → coverage / 10, price → 10 × lowest / this (lowest among the offers
  not eliminated on their answers), demos → mean demo mark / 4 × 10 (a demo not marked counts 0),
  manual → the buyer's mark; a criterion with no mark at all counts 0 and its note says so;
- total = Σ weight × mark / 10;
- eliminated: a must-have counted Not supported (answered so, unanswered under the default rule,
  or missing from the file), a must-have on the roadmap dated after go-live, an eliminatory
  criterion marked 0, or a response file that could not be read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..export.labels import RESPONSE_SCALE
from ..export.typography import date as show_date, number, quote
from ..values import GO_LIVE, RELATIVE, Deadline
from .evaluation import VendorEntry
from .model import LEVELS, Answer, Coverage, Criterion, Offer, Requirement
from .responses import Response
from .settings import MAX_POINTS, ROADMAP_MONTHS, ScoreSettings

SECTIONS = ("feature", "nfr", "rgpd")

_WORDS = {
    "fr": {
        "missing": "absente de la réponse\u00a0: comptée {label}",
        "invalid": "réponse hors échelle\u00a0: comptée 0",
        "unanswered": "sans réponse\u00a0: comptée {label}",
        "undated": "feuille de route sans date\u00a0: 0",
        "late": "feuille de route au {date}, plus de {months}\u00a0mois après la mise en production\u00a0: 0",
        "dated": "feuille de route au {date}",
        "must": "{id} (indispensable)\u00a0: {why}",
        "not_supported": "Non couvert",
        "after_go_live": "feuille de route au {date}, après la mise en production ({go_live})",
        "eliminatory": "critère éliminatoire {name} noté 0",
        "eliminatory_unmarked": "critère éliminatoire {name} non noté (compté 0)",
        "unreadable": "le fichier de réponse n'a pas pu être lu",
        "matrix": "couverture de la matrice {coverage}\u00a0%",
        "price": "10 × {lowest} / {price}",
        "no_price": "pas de prix dans le fichier d'évaluation\u00a0: compté 0",
        "demos": "moyenne des démonstrations {mean}/4",
        "demos_missing": " ({ids} non notée(s), comptée(s) 0)",
        "no_demos": "aucune démonstration notée\u00a0: compté 0",
        "manual": "note de l'acheteur",
        "no_mark": "non noté dans le fichier d'évaluation\u00a0: compté 0",
    },
    "en": {
        "missing": "missing from the response: counted {label}",
        "invalid": "answer outside the scale: counted 0",
        "unanswered": "unanswered: counted {label}",
        "undated": "roadmap without a date: 0",
        "late": "roadmap for {date}, more than {months} months after go-live: 0",
        "dated": "roadmap for {date}",
        "must": "{id} (must-have): {why}",
        "not_supported": "Not supported",
        "after_go_live": "on the roadmap for {date}, after go-live ({go_live})",
        "eliminatory": "eliminatory criterion {name} marked 0",
        "eliminatory_unmarked": "eliminatory criterion {name} not marked (counted 0)",
        "unreadable": "the response file could not be read",
        "matrix": "matrix coverage {coverage}%",
        "price": "10 × {lowest} / {price}",
        "no_price": "no price in the evaluation file: counted 0",
        "demos": "mean demo mark {mean}/4",
        "demos_missing": " ({ids} not marked, counted 0)",
        "no_demos": "no demo marked: counted 0",
        "manual": "the buyer's mark",
        "no_mark": "not marked in the evaluation file: counted 0",
    },
}


@dataclass
class Candidate:
    """One vendor to score: its response as read and its entry in the evaluation file, if any."""

    vendor: str
    response: Response
    entry: VendorEntry | None = None


def score_offers(requirements: list[Requirement], criteria: list[Criterion], demos: list[str],
                 candidates: list[Candidate], settings: ScoreSettings, go_live: dt.date | None,
                 lang: str) -> list[Offer]:
    """Every offer scored, eliminated or ranked, in the order of ScoreResult.offers."""
    words = _WORDS["en" if lang == "en" else "fr"]
    offers = []
    for candidate in candidates:
        offer = _offer(candidate, requirements, settings, go_live, lang, words)
        _mark(offer, candidate.entry, criteria, demos, lang, words)
        offers.append(offer)
    # an eliminatory criterion marked 0 eliminates; so does one left unmarked (it counts 0) for a
    # vendor the evaluation file marks: without that file, nothing is marked yet
    evaluated = [candidate.entry is not None for candidate in candidates]
    for offer, marked in zip(offers, evaluated):
        for criterion in criteria:
            if criterion.eliminatory and criterion.measure != "price":
                _eliminate_on(offer, criterion, marked, lang, words)
        offer.eliminated = bool(offer.reasons)
    _mark_prices(offers, criteria, lang, words)
    for offer, marked in zip(offers, evaluated):   # a price is never 0: only a missing one can eliminate
        for criterion in criteria:
            if criterion.eliminatory and criterion.measure == "price":
                _eliminate_on(offer, criterion, marked, lang, words)
        offer.eliminated = bool(offer.reasons)
    for offer in offers:
        offer.total = sum(c.weight * (offer.marks.get(c.id) or 0.0) for c in criteria) / 10
    return rank(offers)


def _eliminate_on(offer: Offer, criterion: Criterion, evaluated: bool, lang: str, words: dict) -> None:
    mark = offer.marks.get(criterion.id)
    if mark == 0 or (mark is None and evaluated):
        said = words["eliminatory" if mark == 0 else "eliminatory_unmarked"]
        offer.reasons.append(said.format(name=quote(criterion.name or criterion.id, lang)))


def rank(offers: list[Offer]) -> list[Offer]:
    """Ranks 1, 1, 3…: equal totals share a rank; eliminated offers have none and come last."""
    ranked = sorted((o for o in offers if not o.eliminated), key=lambda o: (-round(o.total, 9), o.vendor))
    previous, position = None, 0
    for index, offer in enumerate(ranked, start=1):
        if previous is None or round(offer.total, 9) != previous:
            position, previous = index, round(offer.total, 9)
        offer.rank = position
    others = sorted((o for o in offers if o.eliminated), key=lambda o: (-round(o.total, 9), o.vendor))
    for offer in others:
        offer.rank = None
    return ranked + others


def _offer(candidate: Candidate, requirements, settings, go_live, lang, words) -> Offer:
    response, entry = candidate.response, candidate.entry
    offer = Offer(candidate.vendor, (entry.name if entry else "") or response.vendor_name or candidate.vendor,
                  response.display, price=entry.price if entry else None, currency=entry.currency if entry else "",
                  response_date=response.response_date)
    if not response.readable:
        offer.reasons.append(words["unreadable"])
    label = RESPONSE_SCALE[lang if lang in RESPONSE_SCALE else "fr"]
    for requirement in requirements:
        answer = response.answers.get(requirement.id) or Answer(requirement.id, None)
        answer = _scored(answer, requirement.id, response, settings, go_live, lang, words, label)
        offer.answers[requirement.id] = answer
        if requirement.priority == "must" and response.readable:
            why = _must_have_failure(answer, requirement.id, response, settings, go_live, lang, words)
            if why:
                offer.reasons.append(words["must"].format(id=requirement.id, why=why))
    offer.coverage = coverage(requirements, offer.answers)
    return offer


def _scored(answer: Answer, rid: str, response: Response, settings: ScoreSettings, go_live, lang, words,
            label) -> Answer:
    points = settings.answers
    if rid in response.missing or not response.readable:
        return replace(answer, score=points["not_supported"],
                       note=words["missing"].format(label=label[LEVELS.index("not_supported")]))
    if rid in response.invalid:
        return replace(answer, score=0.0, note=words["invalid"])
    if answer.level is None:
        return replace(answer, score=points[settings.unanswered],
                       note=words["unanswered"].format(label=label[LEVELS.index(settings.unanswered)]))
    if answer.level == "roadmap":
        if answer.roadmap_date is None:
            return replace(answer, score=0.0, note=words["undated"])
        day = dt.date.fromisoformat(answer.roadmap_date)
        limit = _months_after(go_live, ROADMAP_MONTHS)
        if limit is not None and day > limit:
            return replace(answer, score=0.0, note=words["late"].format(date=show_date(day, lang), months=ROADMAP_MONTHS))
        return replace(answer, score=points["roadmap"], note=words["dated"].format(date=show_date(day, lang)))
    return replace(answer, score=points[answer.level])


def _must_have_failure(answer: Answer, rid: str, response: Response, settings, go_live, lang, words) -> str | None:
    """Why a must-have eliminates the offer, or None."""
    counted_not_supported = (answer.level == "not_supported" or rid in response.missing
                             or (answer.level is None and rid not in response.invalid
                                 and settings.unanswered == "not_supported"))
    if counted_not_supported:
        return answer.note or words["not_supported"]
    if answer.level == "roadmap" and answer.roadmap_date and go_live is not None:
        day = dt.date.fromisoformat(answer.roadmap_date)
        if day > go_live:
            return words["after_go_live"].format(date=show_date(day, lang), go_live=show_date(go_live, lang))
    return None


def _months_after(day: dt.date | None, months: int) -> dt.date | None:
    if day is None:
        return None
    return Deadline(RELATIVE, "", offset_days=0, offset_months=months, anchor=GO_LIVE).resolve(day)


def coverage(requirements: list[Requirement], answers: dict[str, Answer]) -> Coverage:
    """Σ w × score / Σ w × 4 in percent: overall, per section and per feature module."""
    def percent(rows) -> float:
        weight = sum(r.weight for r in rows)
        return 100 * sum(r.weight * answers[r.id].score for r in rows) / (weight * MAX_POINTS) if weight else 0.0

    modules = dict.fromkeys(r.module for r in requirements if r.section == "feature" and r.module)
    return Coverage(
        overall=percent(requirements),
        sections={s: percent([r for r in requirements if r.section == s])
                  for s in SECTIONS if any(r.section == s for r in requirements)},
        modules={m: percent([r for r in requirements if r.section == "feature" and r.module == m]) for m in modules},
    )


def _mark(offer: Offer, entry: VendorEntry | None, criteria, demos, lang, words) -> None:
    """The marks out of 10 of every criterion but price (which needs every offer's price)."""
    for criterion in criteria:
        if criterion.measure == "matrix":
            offer.marks[criterion.id] = offer.coverage.overall / 10
            offer.mark_notes[criterion.id] = words["matrix"].format(coverage=number(offer.coverage.overall, lang, 1))
        elif criterion.measure == "demos":
            given = entry.demos if entry else {}
            if not any(v is not None for v in given.values()):
                offer.marks[criterion.id] = None
                offer.mark_notes[criterion.id] = words["no_demos"]
                continue
            expected = demos or list(given)
            missing = [d for d in expected if given.get(d) is None]
            mean = sum(given.get(d) or 0.0 for d in expected) / len(expected)
            offer.marks[criterion.id] = mean / 4 * 10
            offer.mark_notes[criterion.id] = words["demos"].format(mean=number(mean, lang, 2)) + (
                words["demos_missing"].format(ids=", ".join(missing)) if missing else "")
        elif criterion.measure == "manual":
            mark = entry.marks.get(criterion.id) if entry else None
            offer.marks[criterion.id] = mark
            offer.mark_notes[criterion.id] = words["manual"] if mark is not None else words["no_mark"]


def _mark_prices(offers: list[Offer], criteria, lang, words) -> None:
    """10 × lowest / this: the lowest price of the offers still in the running sets the 10."""
    priced = [o for o in offers if o.price]
    running = [o for o in priced if not o.eliminated] or priced
    lowest = min((o.price for o in running), default=None)
    for criterion in (c for c in criteria if c.measure == "price"):
        for offer in offers:
            if not offer.price or lowest is None:
                offer.marks[criterion.id] = None
                offer.mark_notes[criterion.id] = words["no_price"]
                continue
            offer.marks[criterion.id] = min(10.0, 10 * lowest / offer.price)
            offer.mark_notes[criterion.id] = words["price"].format(lowest=number(lowest, lang),
                                                                   price=number(offer.price, lang))
