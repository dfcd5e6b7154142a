"""What the features, NFRs and RGPD section say about the BTP topics.

A requirement "covers" a topic when a feature declares it (`btp: [offline]`) or, unless the
`btp-feature-tags-only` option is on, when its text says it. Texts are folded with
`crmreq.fold` (no accents, no case, one kind of apostrophe) and matched on whole words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from crmreq import Position, entries, fold

from .schema import TOPICS

SECTIONS = ("sites", "subcontractors", "equipment")


def uses_btp(spec) -> bool:
    """Whether the spec uses this pack at all: no BTP section, no BTP finding."""
    return any(entries(spec, name) for name in SECTIONS)


@dataclass
class Requirement:
    """A feature or an NFR as the BTP rules read it: its folded text and its declared topics."""

    id: str
    kind: str                 # "feature" or "nfr"
    text: str
    topics: set = field(default_factory=set)
    item: Any = None          # the model object (Feature or Nfr), for positions


def requirements(spec) -> list[Requirement]:
    """Every feature and NFR with its folded text; features carry their `btp:` topics."""
    topics_by_id: dict[str, set] = {}
    for feature in entries(spec, "features"):
        if feature.id and isinstance(feature.btp, list):
            topics_by_id[feature.id] = {topic for topic in feature.btp if topic in TOPICS}
    found = []
    for feature in spec.features:
        text = " ".join(t for t in (feature.title, feature.scenario, feature.acceptance) if t)
        found.append(Requirement(feature.id, "feature", fold(text), topics_by_id.get(feature.id, set()), feature))
    for nfr in spec.nfr:
        found.append(Requirement(nfr.id, "nfr", fold(nfr.statement or ""), set(), nfr))
    return found


def covers(requirement: Requirement, topic: str, pattern: re.Pattern, tags_only: bool) -> bool:
    if topic in requirement.topics:
        return True
    return not tags_only and bool(pattern.search(requirement.text))


def said(part) -> str:
    """Every text of a model part (the `rgpd` section, say) and of the parts in it, folded."""
    texts: list[str] = []

    def walk(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, Position):
            return
        elif isinstance(value, Mapping):
            for key, sub in value.items():
                walk(key)
                walk(sub)
        elif isinstance(value, (tuple, list)):
            for sub in value:
                walk(sub)
        elif is_dataclass(value):
            for name in fields(value):
                if name.compare:          # not the bookkeeping (key positions)
                    walk(getattr(value, name.name))

    walk(part)
    return fold(" ".join(texts))


def words(*alternatives: str) -> re.Pattern:
    """A whole-word pattern over folded text; each alternative is a regular expression."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w])")


# Folded-text patterns: French and English, as consultants and site managers write them.
OFFLINE = words(
    r"hors[- ]?ligne", r"off-?line", r"deconnecte(?:e|s|es)?", r"sans (?:connexion|reseau|couverture)",
    r"zones? blanches?", r"mode avion", r"no (?:network|signal|connection|coverage)",
    r"without (?:a )?(?:network|connection|signal|coverage)", r"synchronis\w* (?:differee|au retour)",
)
SITE_TRACKING = words(
    r"chantiers?", r"worksites?", r"job ?sites?", r"construction sites?", r"building sites?",
)
PLANNING = words(
    r"planning", r"planifi\w*", r"ordonnanc\w*", r"dispatch\w*", r"schedul\w*", r"rosters?",
    r"affect\w* (?:des|les|une|aux) (?:equipes?|compagnons|techniciens|ouvriers|chantiers?)",
    r"assign\w* (?:crews?|teams?|technicians|operatives)",
)
SUBCONTRACTOR_DOCUMENTS = words(
    r"attestations? de vigilance", r"vigilance", r"urssaf", r"kbis", r"extrait d1", r"decennale",
    r"liste nominative", r"obligation de vigilance",
)
SUBCONTRACTOR = words(r"sous-traitants?", r"sous-traitance", r"subcontract\w*", r"sub-contract\w*")
DOCUMENT = words(r"documents?", r"attestations?", r"pieces", r"certificats?", r"certificates?",
                 r"assurances?", r"insurance", r"justificatifs?", r"compliance")
SAFETY_DOCUMENTS = words(
    r"ppsps", r"plans? de prevention", r"pgc", r"plan general de coordination", r"duerp?",
    r"document unique", r"coordination sps", r"coordonnateur sps", r"(?:health and )?safety plans?",
    r"method statements?", r"rams", r"risk assessments?",
)
EQUIPMENT = words(
    r"materiels?", r"engins?", r"equipements?", r"outillages?", r"machines?", r"nacelles?",
    r"parc (?:materiel|d'engins|de materiel|de machines|vehicules?)", r"equipment", r"plant", r"machinery",
    r"tooling", r"fleet",
)
OPERATOR_LICENCES = words(
    r"caces", r"autorisations? de conduite",
    r"habilitations? (?:electriques?|du personnel|des (?:compagnons|operateurs|salaries|conducteurs))", r"cpcs", r"npors", r"ipaf",
    r"operator (?:licen[cs]es?|cards?|certificat\w*)", r"competence cards?", r"licen[cs]es? to operate",
)
GEOLOCATION = words(
    r"geoloc\w*", r"gps", r"localisation (?:des|en temps reel|temps reel)", r"suivi de position",
    r"vehicle tracking", r"live location", r"location tracking", r"telemati\w*", r"tracking des vehicules",
)
PEOPLE_OR_VEHICLES = words(
    r"equipes?", r"vehicules?", r"camions?", r"fourgons?", r"techniciens?", r"salaries?", r"compagnons?",
    r"ouvriers?", r"chauffeurs?", r"conducteurs?", r"intervenants?", r"chefs? d'equipe",
    r"teams?", r"vehicles?", r"vans?", r"trucks?", r"technicians?", r"employees?", r"staff", r"workers?",
    r"crews?", r"drivers?", r"engineers?", r"operatives?",
)
QUOTES_OR_INVOICES = words(
    r"devis", r"factur\w*", r"situations? de travaux", r"quotes?", r"quotations?", r"invoic\w*",
    r"estimates?",
)
REVERSE_CHARGE = words(
    r"auto-?liquidation", r"autoliquid\w*", r"reverse[- ]charge", r"tva due par le preneur",
    r"283[- ,]*2 nonies", r"vat (?:is )?(?:self-?assessed|due by the (?:customer|client|main contractor))",
)
RGPD_GEOLOCATION = words(
    r"geoloc\w*", r"gps", r"localisation des (?:vehicules|equipes|salaries|techniciens|intervenants)",
    r"location data", r"vehicle tracking", r"telemati\w*",
)
