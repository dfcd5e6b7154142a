"""Where personal data is hosted: the country and region codes a location text names, and
whether they are inside the EU/EEA (rules G002 and G008)."""

from __future__ import annotations

import re

from ...findings import RuleOption
from ...values import fold
from ...lexicons import lexicon

_LEXICON = lexicon("locations")

# The 27 EU member states, the EEA, and the region codes: the default of `eu-countries`.
EU_EEA_DEFAULT = tuple(_LEXICON["eu-eea"])

# Code spellings that mean the same thing.
_CODE_ALIASES = _LEXICON["code-aliases"]

# Codes recognised inside a location text (ISO 3166-1 alpha-2 of the EU/EEA, regions, and the
# countries where CRM data is commonly hosted or accessed from outside the EEA).
_KNOWN_CODES = set(EU_EEA_DEFAULT) | set(_LEXICON["other-codes"])

# Folded names (French and English) → code. Countries, regions, and the cities that usually
# name a data centre.
_NAMES = _LEXICON["names"]
_NAME_PATTERN = re.compile(
    r"(?<![a-z0-9])(" + "|".join(re.escape(n) for n in sorted(_NAMES, key=len, reverse=True)) + r")(?![a-z0-9])")
# Cloud regions: eu-west-3, europe-west1, westeurope, francecentral, germanywestcentral…
_CLOUD_EU = re.compile(r"(?<![a-z0-9])(" + "|".join(_LEXICON["eu-cloud-regions"]) + r")(?![a-z0-9])")
_SEPARATORS = re.compile(
    r"\s*(?:[,;/+&|()]|" + "|".join(r"\b" + word + r"\b" for word in _LEXICON["separator-words"]) + r")\s*",
    re.IGNORECASE)
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


_AMBIGUOUS = frozenset(_LEXICON["ambiguous"])


def classify_location(text: str | None, allowed: set[str]) -> tuple[str, list[str]]:
    """("inside" | "outside" | "ambiguous" | "unknown", codes outside the allowed set).

    "ambiguous": the text names only a place that may or may not be the EU/EEA ("Europe", which
    also covers the United Kingdom and Switzerland)."""
    codes = location_codes(text)
    if not codes:
        return "unknown", []
    ambiguous = _AMBIGUOUS - set(allowed)
    if codes <= ambiguous:
        return "ambiguous", []
    codes -= ambiguous
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
    "noms de pays en français ou en anglais (« France », « Allemagne », « Germany »), « Union européenne », «"
    " Espace économique européen », les régions européennes des grands hébergeurs (`eu-west-3`, "
    "`francecentral`, « West Europe »…) et les villes de centres de données courantes (Paris, Roubaix, "
    "Francfort…). Dans une phrase, les codes ne comptent qu'en majuscules. L'option `eu-countries` fixe la "
    "liste des codes acceptés (ajouter par exemple `CH` ou `UK`, qui bénéficient d'une décision d'adéquation,"
    " si votre politique interne les accepte). « Europe » ou « européen » seul est ambigu (l'UE/EEE, ou aussi"
    " le Royaume-Uni et la Suisse ?) : G002 demande lequel est visé."
)
LOCATION_DOC_EN = (
    "Recognised values: two-letter country codes (`FR`, `de`, `FR, DE`), `EU`/`UE`, `EEA`/`EEE`, country "
    "names in French or English (\"France\", \"Allemagne\", \"Germany\"), \"European Union\", \"European Economic "
    "Area\", European cloud regions (`eu-west-3`, `francecentral`, \"West Europe\"…) and common data-centre "
    "cities (Paris, Roubaix, Frankfurt…). Inside a sentence, codes count only in capitals. The `eu-countries`"
    " option sets the accepted codes (add e.g. `CH` or `UK`, which have an adequacy decision, if your policy "
    "accepts them). \"Europe\" or \"European\" alone is ambiguous (the EU/EEA, or the United Kingdom and "
    "Switzerland too?): G002 asks which is meant."
)

