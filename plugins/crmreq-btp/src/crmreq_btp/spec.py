"""Reading the BTP sections from a loaded spec, defensively.

A plugin section reaches rules as the raw tree the loader built (`spec.extension("sites")`:
a list of dicts that know their positions). Rules also run on specs that failed schema
validation (a wrong type is an E002 finding, not a reason to stop), so nothing here trusts
the shape of the data: a `sites:` that is a string is simply "no sites".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from crmreq.positions import Position

from .schema import TOPICS


@dataclass(frozen=True)
class Entry:
    """One item of a BTP list section: its id, its raw mapping and where it was written."""

    id: str
    data: Any
    pos: Position

    def where(self, key: str) -> Position:
        where = getattr(self.data, "where", None)
        return where(key) if callable(where) else self.pos

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    def text(self, key: str) -> str:
        value = self.data.get(key)
        return value.strip() if isinstance(value, str) else ""

    def ids(self, key: str) -> list[str]:
        value = self.data.get(key)
        if not isinstance(value, list):
            return []
        return [v for v in value if isinstance(v, str) and v.strip()]


def entries(spec, section: str) -> list[Entry]:
    """The mappings of a BTP list section, with their positions ([] when absent or malformed)."""
    raw = spec.extension(section)
    if not isinstance(raw, list):
        return []
    found = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            continue
        pos = raw.where(index) if hasattr(raw, "where") else getattr(item, "pos", spec.where(section))
        ident = item.get("id")
        found.append(Entry(ident if isinstance(ident, str) else "", item, pos))
    return found


def uses_btp(spec) -> bool:
    """Whether the spec uses this pack at all: no BTP section, no BTP finding."""
    return any(entries(spec, name) for name in ("sites", "subcontractors", "equipment"))


# --- what the features and NFRs say ---------------------------------------------------------

def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: `Hors-Ligne` and `hors ligne` look alike."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\u2019", "'").replace("\u00a0", " ")


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
    raw_features = spec.raw.get("features") if isinstance(spec.raw, dict) else None
    if isinstance(raw_features, list):
        for item in raw_features:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                declared = item.get("btp")
                if isinstance(declared, list):
                    topics_by_id[item["id"]] = {t for t in declared if t in TOPICS}
    found = []
    for feature in spec.features:
        text = " ".join(t for t in (feature.title, feature.scenario, feature.acceptance) if t)
        found.append(Requirement(feature.id, "feature", fold(text), topics_by_id.get(feature.id, set()), feature))
    for nfr in spec.nfr:
        found.append(Requirement(nfr.id, "nfr", fold(nfr.statement or ""), set(), nfr))
    return found


def covers(requirement: Requirement, topic: str, pattern: Words | None, tags_only: bool) -> bool:
    if topic in requirement.topics:
        return True
    return not tags_only and pattern is not None and bool(pattern.search(requirement.text))


class Words:
    """A whole-word pattern over folded text, compiled on first search: `crmreq lint` loads
    this plugin at every run, and most specs are not about building sites."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        self.source, self._compiled = source, None

    def search(self, text: str):
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled.search(text)


def words(*alternatives: str) -> Words:
    """A whole-word pattern over folded text; each alternative is a regular expression."""
    return Words(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w])")


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


def flat_text(node) -> str:
    """Every string value (and mapping key) under a raw node, folded, for "does it mention…"."""
    parts: list[str] = []

    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for key, sub in value.items():
                if isinstance(key, str) and key not in ("data_location",):
                    parts.append(key)
                walk(sub)
        elif isinstance(value, list):
            for sub in value:
                walk(sub)

    walk(node)
    return fold(" ".join(parts))
