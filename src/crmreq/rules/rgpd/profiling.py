"""G014: features that score, profile or use artificial intelligence on people come with a
word on the data protection impact assessment (`rgpd.dpia`)."""

from __future__ import annotations

import re

from ...authoring import make_doc as _doc
from ...lexicons import lexicon
from ...values import fold
from .common import blank, concerned, field_at, rules

_WORDS = lexicon("profiling")
_TERMS = re.compile(r"(?<![a-z0-9])(?:" + "|".join(
    re.escape(" ".join(fold(t).split())).replace(r"\ ", r"[\s-]+")
    for t in sorted(_WORDS["terms"], key=len, reverse=True)) + r")(?![a-z0-9])")
_CAPITALS = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(t) for t in _WORDS["capitals"]) + r")(?![\w])")


def profiling_terms(spec) -> list[tuple]:
    """(feature, its profiling or AI words as written, each once) for the features that have some,
    in file order; read from the spec's folded requirement texts (title, scenario, acceptance)."""
    found: dict[int, tuple] = {}
    for text in spec.requirement_texts:
        if text.kind != "feature":
            continue
        hits = [text.text[m.start():m.end()] for m in _TERMS.finditer(text.folded)]
        if any(word in text.text for word in _WORDS["capitals"]):   # a substring test first: most texts have none
            hits += _CAPITALS.findall(text.text)
        if not hits:
            continue
        _, terms = found.setdefault(id(text.item), (text.item, {}))
        for hit in hits:
            terms.setdefault(fold(hit), hit)
    return [(feature, list(terms.values())) for feature, terms in found.values()]


def dpia_statement(spec) -> str | None:
    """`rgpd.dpia` (a text), or None when absent, blank or a placeholder."""
    value = spec.rgpd.dpia if spec.rgpd else None
    return value if value and not blank(value) else None


@rules.rule(
    "G014", "profiling-without-dpia", "warning",
    message={"fr": "{features} {verb} du profilage ou de l'intelligence artificielle ({terms}), mais la section "
                   "rgpd ne dit rien de l'analyse d'impact : écrivez rgpd.dpia (analyse faite ou prévue, ou "
                   "pourquoi elle n'est pas nécessaire)",
             "en": "{features} {verb} profiling or artificial intelligence ({terms}), but the rgpd section says "
                   "nothing about the impact assessment: write rgpd.dpia (assessment done or planned, or why "
                   "none is needed)"},
    doc=_doc(
        "Quand une fonctionnalité (hors `wont`) fait de la notation, du profilage, de la décision automatisée "
        "ou de l'intelligence artificielle sur des personnes (« lead scoring », « score de propension », "
        "« profilage », « prédictif », « intelligence artificielle », « IA », \"machine learning\", "
        "« chatbot »… dans son titre, son scénario ou son critère d'acceptation), la section `rgpd` a un champ "
        "`dpia` : un texte qui dit si une analyse d'impact relative à la protection des données est faite ou "
        "prévue, ou pourquoi elle n'est pas nécessaire. Une alerte, sur la section `rgpd`, qui cite les "
        "fonctionnalités. « Score » seul (NPS, satisfaction) et « segmentation » ne sont pas comptés.",
        "Le profilage et la notation de personnes sont deux des critères du Comité européen de la protection "
        "des données qui rendent une analyse d'impact nécessaire (RGPD art. 35 ; lignes directrices WP248 "
        "rév.01) ; l'usage d'une technologie innovante comme l'IA en est un autre. Une décision fondée "
        "exclusivement sur un traitement automatisé est encadrée (art. 22) et la logique doit être expliquée "
        "aux personnes (art. 13(2)(f)). Le dire dans le cahier des charges oblige l'éditeur à documenter son "
        "modèle de notation et ses sous-traitants d'IA.",
        "features:\n  - id: LEAD-05\n    title: Lead scoring automatique des prospects\nrgpd:\n"
        "  data_location: FR\n  # pas de dpia",
        "Écrire par exemple `dpia: \"Analyse d'impact prévue avant la mise en production pour le lead scoring ; "
        "aucune décision sans intervention humaine\"`.",
        "When a feature (not `wont`) scores, profiles, takes automated decisions or uses artificial intelligence "
        "on people (\"lead scoring\", \"propensity score\", \"profiling\", \"predictive\", \"artificial "
        "intelligence\", \"AI\", \"machine learning\", \"chatbot\"… in its title, scenario or acceptance), the "
        "`rgpd` section has a `dpia` field: a text saying whether a data protection impact assessment is done "
        "or planned, or why none is needed. One finding, on the `rgpd` section, naming the features. \"Score\" "
        "alone (NPS, satisfaction) and \"segmentation\" are not counted.",
        "Profiling and scoring people are two of the European Data Protection Board's criteria that make an "
        "impact assessment necessary (GDPR art. 35; guidelines WP248 rev.01); using an innovative technology "
        "such as AI is another. A decision based solely on automated processing is regulated (art. 22) and its "
        "logic must be explained to people (art. 13(2)(f)). Saying so in the specification makes the vendor "
        "document its scoring model and its AI sub-processors.",
        "features:\n  - id: LEAD-05\n    title: Automatic lead scoring\nrgpd:\n  data_location: FR\n"
        "  # no dpia",
        "Write e.g. `dpia: \"Impact assessment planned before go-live for lead scoring; no decision without "
        "human review\"`.",
    ),
)
def profiling_without_dpia(spec, emit):
    if not concerned(spec) or dpia_statement(spec) is not None:
        return
    found = [(f, terms) for f, terms in profiling_terms(spec) if f.priority != "wont"]
    if not found:
        return
    ids = [f.id or f.label for f, _ in found]
    shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
    terms = list(dict.fromkeys(t for _, ts in found for t in ts))[:4]
    plural = len(ids) > 1
    emit(field_at(spec, "dpia"), object="rgpd.dpia",
         features={"fr": f"Les fonctionnalités {shown}" if plural else f"La fonctionnalité {shown}",
                   "en": f"Features {shown}" if plural else f"Feature {shown}"},
         verb={"fr": "font" if plural else "fait", "en": "do" if plural else "does"},
         terms={"fr": ", ".join(f"« {t} »" for t in terms), "en": ", ".join(f'"{t}"' for t in terms)})
