"""Where personal data is hosted: the country and region codes a location text names, and
whether they are inside the EU/EEA (rules G002 and G008)."""

from __future__ import annotations

import re

from ...findings import RuleOption
from ...values import fold

EU_EEA_DEFAULT = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",      # the 27 EU member states
    "IS", "LI", "NO",                                                        # EEA
    "EU", "EEA", "EEE", "UE",                                                # regions
)

# Code spellings that mean the same thing.
_CODE_ALIASES = {"UK": "GB", "EL": "GR", "UE": "EU", "EEE": "EEA", "USA": "US"}

# Codes recognised inside a location text (ISO 3166-1 alpha-2 of the EU/EEA, regions, and the
# countries where CRM data is commonly hosted or accessed from outside the EEA).
_KNOWN_CODES = set(EU_EEA_DEFAULT) | {
    "UK", "GB", "EL", "US", "USA", "CH", "CA", "IN", "CN", "JP", "SG", "AU", "BR", "IL", "RU", "MA", "TN",
}

# Folded names (French and English) → code. Countries, regions, and the cities and cloud
# regions that usually name a data centre.
_NAMES = {
    # EU member states
    "autriche": "AT", "austria": "AT", "belgique": "BE", "belgium": "BE", "bulgarie": "BG",
    "bulgaria": "BG", "croatie": "HR", "croatia": "HR", "chypre": "CY", "cyprus": "CY",
    "tchequie": "CZ", "republique tcheque": "CZ", "czechia": "CZ", "czech republic": "CZ",
    "danemark": "DK", "denmark": "DK", "estonie": "EE", "estonia": "EE", "finlande": "FI",
    "finland": "FI", "france": "FR", "allemagne": "DE", "germany": "DE", "deutschland": "DE",
    "grece": "GR", "greece": "GR", "hongrie": "HU", "hungary": "HU", "irlande": "IE", "ireland": "IE",
    "italie": "IT", "italy": "IT", "lettonie": "LV", "latvia": "LV", "lituanie": "LT",
    "lithuania": "LT", "luxembourg": "LU", "malte": "MT", "malta": "MT", "pays bas": "NL",
    "netherlands": "NL", "the netherlands": "NL", "hollande": "NL", "pologne": "PL", "poland": "PL",
    "portugal": "PT", "roumanie": "RO", "romania": "RO", "slovaquie": "SK", "slovakia": "SK",
    "slovenie": "SI", "slovenia": "SI", "espagne": "ES", "spain": "ES", "suede": "SE", "sweden": "SE",
    # EEA
    "islande": "IS", "iceland": "IS", "liechtenstein": "LI", "norvege": "NO", "norway": "NO",
    # regions
    "europe": "EU", "union europeenne": "EU", "european union": "EU",
    "espace economique europeen": "EEA", "european economic area": "EEA",
    # outside the EU/EEA
    "etats unis": "US", "united states": "US", "usa": "US", "amerique du nord": "US",
    "royaume uni": "GB", "united kingdom": "GB", "grande bretagne": "GB", "great britain": "GB",
    "angleterre": "GB", "england": "GB", "suisse": "CH", "switzerland": "CH", "canada": "CA",
    "inde": "IN", "india": "IN", "chine": "CN", "china": "CN", "japon": "JP", "japan": "JP",
    "singapour": "SG", "singapore": "SG", "australie": "AU", "australia": "AU", "bresil": "BR",
    "brazil": "BR", "israel": "IL", "russie": "RU", "russia": "RU", "maroc": "MA", "morocco": "MA",
    "tunisie": "TN", "tunisia": "TN",
    # data-centre cities
    "paris": "FR", "roubaix": "FR", "gravelines": "FR", "strasbourg": "FR", "lyon": "FR",
    "marseille": "FR", "francfort": "DE", "frankfurt": "DE", "berlin": "DE", "munich": "DE",
    "amsterdam": "NL", "dublin": "IE", "milan": "IT", "madrid": "ES", "stockholm": "SE",
    "bruxelles": "BE", "brussels": "BE", "varsovie": "PL", "warsaw": "PL", "zurich": "CH",
    "geneve": "CH", "geneva": "CH", "londres": "GB", "london": "GB",
}
_NAME_PATTERN = re.compile(
    r"(?<![a-z0-9])(" + "|".join(re.escape(n) for n in sorted(_NAMES, key=len, reverse=True)) + r")(?![a-z0-9])")
# Cloud regions: eu-west-3, europe-west1, westeurope, francecentral, germanywestcentral…
_CLOUD_EU = re.compile(
    r"(?<![a-z0-9])(eu-[a-z]+-?\d?|europe-[a-z]+\d*|[a-z]*europe|france[a-z]+|germany[a-z]+)(?![a-z0-9])")
_SEPARATORS = re.compile(r"\s*(?:[,;/+&|()]|\bet\b|\band\b|\bou\b|\bor\b)\s*", re.IGNORECASE)
_CODE_TOKEN = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2,3})(?![A-Za-z0-9])")


def _norm_code(code: str) -> str:
    code = code.strip().upper()
    return _CODE_ALIASES.get(code, code)


def allowed_codes(option) -> set[str]:
    values = option if isinstance(option, (list, tuple, set)) else EU_EEA_DEFAULT
    return {_norm_code(str(v)) for v in values if str(v).strip()}


def location_codes(text: str | None) -> set[str]:
    """The country/region codes a location text names (empty when nothing is recognised).

    A value made only of short codes (`FR`, `fr, de`, `EU/EEA`) is read case-insensitively;
    inside a sentence, codes count only in capitals (so the French « de », « et », « en » are
    not Germany, Ethiopia…), and country, region and data-centre city names count in any case
    and with or without accents."""
    if not isinstance(text, str) or not text.strip():
        return set()
    found: set[str] = set()
    chunks = [c for c in _SEPARATORS.split(text.strip()) if c and c.strip()]
    if chunks and all(re.fullmatch(r"[A-Za-z]{2,3}", c.strip()) for c in chunks):
        for chunk in chunks:
            code = chunk.strip().upper()
            if code in _KNOWN_CODES:
                found.add(_norm_code(code))
        return found
    for match in _CODE_TOKEN.finditer(text):
        if match.group(1) in _KNOWN_CODES:
            found.add(_norm_code(match.group(1)))
    folded = fold(text)
    if _CLOUD_EU.search(folded):
        found.add("EU")
    spaced = re.sub(r"[^a-z0-9]+", " ", folded)
    for match in _NAME_PATTERN.finditer(spaced):
        found.add(_NAMES[match.group(1)])
    return found


def classify_location(text: str | None, allowed: set[str]) -> tuple[str, list[str]]:
    """("inside" | "outside" | "unknown", codes outside the allowed set)."""
    codes = location_codes(text)
    if not codes:
        return "unknown", []
    outside = sorted(c for c in codes if c not in allowed)
    return ("outside", outside) if outside else ("inside", [])


EU_OPTION = RuleOption(
    "eu-countries", list(EU_EEA_DEFAULT),
    help={"fr": "Codes de pays ou de région où l'hébergement des données personnelles est accepté sans "
                "transfert hors UE (par défaut : les 27 États membres, l'Islande, le Liechtenstein, la "
                "Norvège, et EU, UE, EEA, EEE).",
          "en": "Country or region codes where personal data may be hosted without a transfer outside the "
                "EU (default: the 27 member states, Iceland, Liechtenstein, Norway, and EU, UE, EEA, EEE)."},
    kind=(list, tuple),
)

LOCATION_DOC_FR = (
    "Valeurs reconnues : les codes pays à deux lettres (`FR`, `de`, `FR, DE`), `EU`/`UE`, `EEA`/`EEE`, les "
    "noms de pays en français ou en anglais (« France », « Allemagne », « Germany »), « Europe », « Union "
    "européenne », « Espace économique européen », les régions européennes des grands hébergeurs "
    "(`eu-west-3`, `francecentral`…) et les villes de centres de données courantes (Paris, Roubaix, "
    "Francfort…). Dans une phrase, les codes ne comptent qu'en majuscules. L'option `eu-countries` fixe la "
    "liste des codes acceptés (ajouter par exemple `CH` ou `UK`, qui bénéficient d'une décision "
    "d'adéquation, si votre politique interne les accepte)."
)
LOCATION_DOC_EN = (
    "Recognised values: two-letter country codes (`FR`, `de`, `FR, DE`), `EU`/`UE`, `EEA`/`EEE`, country names "
    "in French or English (\"France\", \"Allemagne\", \"Germany\"), \"Europe\", \"European Union\", \"European "
    "Economic Area\", European cloud regions (`eu-west-3`, `francecentral`…) and common data-centre cities "
    "(Paris, Roubaix, Frankfurt…). Inside a sentence, codes count only in capitals. The `eu-countries` option "
    "sets the accepted codes (add e.g. `CH` or `UK`, which have an adequacy decision, if your policy accepts them)."
)

