"""How robust the ranking is: for the first two ranked offers A and B, the smallest change of one
criterion's weight that makes B catch up with A (PRODUCT.md §7).

When one weight changes, the others are rescaled in proportion, so that the weights still add up
to what they added up to (100 in a well-formed spec) and the totals stay out of 100. In closed
form, with W the sum of the weights, d_j = mark_A,j − mark_B,j (a missing mark counts 0) and
G = total_A − total_B = Σ w_j d_j / 10:

    moving criterion k's weight from w_k to x gives a gap of (x d_k + (W − x) r_k) / 10,
    where r_k = Σ_{j≠k} w_j d_j / (W − w_k) is the other criteria's weighted mean difference;
    the gap is 0 at x = w_k + δ_k with δ_k = −10 G / (d_k − r_k).

A criterion counts when d_k ≠ r_k and 0 ≤ x ≤ W; the smallest |δ_k| wins (the first criterion in
the spec's order on a tie). At that weight the two offers are level; past it, they swap.
"""

from __future__ import annotations

from ..export.typography import number, quote
from .model import Criterion, Offer, Robustness

EPSILON = 1e-9

_WORDS = {
    "fr": {
        "alone": "Moins de deux offres sont classées\u00a0: pas de robustesse à mesurer.",
        "tie": "{a} et {b} sont à égalité ({total}/100).",
        "lead": "{a} devance {b} de {gap}. ",
        "swap": "Ils échangeraient leur place si le poids du critère {name} passait de {old} à {beyond} {new} ({change}, "
                "les autres poids ajustés en proportion pour que leur somme reste {total}).",
        "none": "Aucun changement du poids d'un seul critère ne fait passer {b} devant {a}.",
    },
    "en": {
        "alone": "Fewer than two offers are ranked: no robustness to assess.",
        "tie": "{a} and {b} are tied ({total}/100).",
        "lead": "{a} leads {b} by {gap}. ",
        "swap": "They would swap places if the weight of criterion {name} went from {old} to {beyond} {new} ({change}, "
                "the other weights adjusted in proportion so that they still add up to {total}).",
        "none": "No change of a single criterion's weight puts {b} ahead of {a}.",
    },
}


def robustness(offers: list[Offer], criteria: list[Criterion], lang: str) -> Robustness:
    """The robustness of the first two ranked offers (`offers` sorted as ScoreResult.offers)."""
    words = _WORDS["en" if lang == "en" else "fr"]
    ranked = [o for o in offers if o.rank is not None]
    if len(ranked) < 2:
        return Robustness(None, None, note=words["alone"])
    first, second = ranked[0], ranked[1]
    gap = first.total - second.total
    names = {"a": first.name or first.vendor, "b": second.name or second.vendor}
    if abs(gap) < EPSILON:
        return Robustness(first.vendor, second.vendor, 0.0, None, 0.0,
                          words["tie"].format(total=number(first.total, lang, 1), **names))
    found = swapping_change(first, second, criteria)
    lead = words["lead"].format(gap=points(gap, lang), **names)
    if found is None:
        return Robustness(first.vendor, second.vendor, gap, note=lead + words["none"].format(**names))
    criterion, change = found
    total = sum(c.weight for c in criteria)
    sign = ("+" if change > 0 else ("−" if lang == "fr" else "-"))
    beyond = {("fr", True): "plus de", ("fr", False): "moins de", ("en", True): "more than",
              ("en", False): "less than"}[("en" if lang == "en" else "fr", change > 0)]   # at the weight shown, a tie
    note = lead + words["swap"].format(name=quote(criterion.name or criterion.id, lang), beyond=beyond,
                                       old=number(criterion.weight, lang), new=number(round(criterion.weight + change, 1), lang),
                                       change=sign + points(abs(change), lang), total=number(total, lang))
    return Robustness(first.vendor, second.vendor, gap, criterion.id, change, note)


def points(value: float, lang: str) -> str:
    """"4,2 points", "1,5 point" (French: singular below 2) / "4.2 points", "1 point"."""
    value = round(value, 1)
    one = value < 2 if lang == "fr" else value == 1
    return f"{number(value, lang)}\u00a0{'point' if one else 'points'}"


def swapping_change(first: Offer, second: Offer, criteria: list[Criterion]) -> tuple[Criterion, float] | None:
    """(criterion, signed weight change) that brings `second` level with `first`, smallest first; past
    it `second` leads. A level reached only at a weight of 0 or of the whole total is no swap."""
    total = sum(c.weight for c in criteria)
    diff = {c.id: (first.marks.get(c.id) or 0.0) - (second.marks.get(c.id) or 0.0) for c in criteria}
    gap10 = sum(c.weight * diff[c.id] for c in criteria)          # 10 × G
    best = None
    for criterion in criteria:
        others = total - criterion.weight
        if others <= EPSILON:
            continue
        mean_others = (gap10 - criterion.weight * diff[criterion.id]) / others
        slope = diff[criterion.id] - mean_others
        if abs(slope) < EPSILON:
            continue
        change = -gap10 / slope
        if not EPSILON < criterion.weight + change < total - EPSILON:
            continue   # level only at 0 or at the whole total: no weight beyond it puts `second` ahead
        if best is None or abs(change) < abs(best[1]) - EPSILON:
            best = (criterion, change)
    return best
