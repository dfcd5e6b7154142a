"""W001's excuse: a vague word next to a measurable fit criterion is a label, not the requirement.

The criterion counts in the same clause (a number with a unit; for « sécurisé » / "secure", the
measure named: ISO 27001, TLS, SSO…), or in the item's own fit criterion: a feature's
`acceptance`, an NFR's `metric`, an objective's target or baseline.
"""

from __future__ import annotations

import re

from ...lexicons import lexicon
from ...values import fold
from .terms import Text

_SECURITY_CRITERIA = re.compile(r"(?<![^\W_])(?:" + "|".join(
    re.escape(" ".join(fold(t).split())) for t in sorted(lexicon("vague")["security-criteria"]["terms"], key=len,
                                                          reverse=True)) + r")(?![^\W_])")
_SECURE = re.compile(r"securis|secure")
_THINGS = "|".join(re.escape(" ".join(fold(t).split())) for t in sorted(
    set(lexicon("vague")["secured-things"]["terms"]), key=len, reverse=True))
_SECURES_A_THING = re.compile(r"secur\w*\s+(?:(?:the|a|an|their|our|its|le|la|les|l'|un|une|des|son|sa|ses|leur|leurs)"
                              r"\s*)?(?:" + _THINGS + r")s?(?!\w)")
_A_THING_SECURED = re.compile(r"(?<!\w)(?:" + _THINGS + r")s?\s+(?:(?:is|are|was|were|been|be|get|gets|got|est|sont|"
                              r"etait|etaient|a ete|ont ete|sera|seront)\s+)?$")

_FIT = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|ms|s|sec|secondes?|seconds?|mn|min|minutes?|h|heures?|hours?|hrs?|j|jours?|days?|"
    r"semaines?|weeks?|mois|months?|clics?|clicks?|taps?|ecrans?|screens?|etapes?|steps?|pages?|champs?|fields?|"
    r"saisies?|ko|mo|go|to|kb|mb|gb|tb|centiles?|percentiles?|e centile|th percentile)(?!\w)"
    r"|(?:<|>|≤|≥|=)\s*\d"
    r"|(?<!\w)(?:p\d{2}|moins de \d|au plus \d|au maximum \d|au moins \d|less than \d|at most \d|at least \d|"
    r"under \d|within \d|no more than \d|fewer than \d)"
)


def _has_fit(folded: str) -> bool:
    return _FIT.search(folded) is not None


def _measured(text: str | None) -> bool:
    return isinstance(text, str) and bool(text) and _has_fit(fold(text))


def _value(quantity) -> bool:
    return quantity is not None and getattr(quantity, "value", None) is not None


_SENTENCE_END = re.compile(r"[;!?\n]|\.(?!\d)")


def _clause(folded: str, start: int) -> str:
    """The sentence or clause (up to « . », « ; », « ! », « ? » or a line break) holding `start`."""
    before = [m.end() for m in _SENTENCE_END.finditer(folded, 0, start)]
    after = _SENTENCE_END.search(folded, start)
    return folded[before[-1] if before else 0:after.start() if after else len(folded)]


def _obtained(folded: str, start: int) -> bool:
    """« secure » about something obtained (funding, a pledge, an order), not a security quality."""
    return bool(_SECURES_A_THING.match(folded, start) or _A_THING_SECURED.search(folded, max(0, start - 40), start))


def vague_excused(text: Text, start: int) -> bool:
    """A vague word next to a measurable fit criterion is a label, not the requirement: a number
    with a unit in the same clause, or the item's own fit criterion (acceptance, metric, target).
    A number in another sentence of the field does not excuse it."""
    clause = _clause(text.folded, start)
    if _has_fit(clause):
        return True
    if _SECURE.match(text.folded, start) and (_SECURITY_CRITERIA.search(clause) or _obtained(text.folded, start)):
        return True
    item = text.item
    if text.kind == "feature":
        return _measured(getattr(item, "acceptance", None))
    if text.kind == "nfr":
        return _value(getattr(item, "metric", None))
    if text.kind == "objective" and text.field == "title":
        return _value(getattr(item, "target", None)) or _value(getattr(item, "baseline", None))
    return False
