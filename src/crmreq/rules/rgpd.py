"""G — RGPD / GDPR: what a CRM specification must say about the personal data it will hold.

A CRM is first of all a file of people (contacts, prospects, sole-trader customers): the
buyer is the controller, the vendor a processor, and the specification is where hosting,
legal bases, consent, data subjects' rights, retention periods and transfers are asked for.
Sources: GDPR (Regulation (EU) 2016/679); CNIL référentiel « gestion des activités
commerciales » (délibération n° 2021-131 du 23 septembre 2021).

The rules read the `rgpd` section. When it is missing, G001 says so once (if some object
holds personal data) and G002–G010 stay silent. When the data catalogue says explicitly that
no object holds personal data (every object has `personal_data: false`), G002–G010 stay
silent too.
"""

from __future__ import annotations

import re

from ..findings import RuleOption
from ._base import RuleSet, fold, make_doc as _doc

rules = RuleSet("rgpd")
crmreq_register_rules = rules.hook


# --- shared helpers -----------------------------------------------------------------

def _personal_objects(spec):
    return [o for o in spec.objects if o.personal_data is True]


def _concerned(spec) -> bool:
    """The rgpd section exists and the spec does not say that no data is personal."""
    if spec.rgpd is None:
        return False
    if spec.objects and all(o.personal_data is False for o in spec.objects):
        return False
    return True


def _at(spec, name: str):
    """Where a finding about rgpd field `name` goes: the field, else the `rgpd:` line."""
    rgpd = spec.rgpd
    if rgpd is not None and rgpd.has(name):
        return rgpd.where(name)
    return spec.where("rgpd")


def _invalid(part, name: str, value) -> bool:
    """The key is written but its value is unusable (None in the model): the schema (E002) reports it."""
    return value is None and part is not None and part.has(name)


def _blank(text) -> bool:
    return not (isinstance(text, str) and text.strip())


# --- EU / EEA locations ---------------------------------------------------------------

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


_EU_OPTION = RuleOption(
    "eu-countries", list(EU_EEA_DEFAULT),
    help={"fr": "Codes de pays ou de région où l'hébergement des données personnelles est accepté sans "
                "transfert hors UE (par défaut : les 27 États membres, l'Islande, le Liechtenstein, la "
                "Norvège, et EU, UE, EEA, EEE).",
          "en": "Country or region codes where personal data may be hosted without a transfer outside the "
                "EU (default: the 27 member states, Iceland, Liechtenstein, Norway, and EU, UE, EEA, EEE)."},
    kind=(list, tuple),
)

_LOCATION_DOC_FR = (
    "Valeurs reconnues : les codes pays à deux lettres (`FR`, `de`, `FR, DE`), `EU`/`UE`, `EEA`/`EEE`, les "
    "noms de pays en français ou en anglais (« France », « Allemagne », « Germany »), « Europe », « Union "
    "européenne », « Espace économique européen », les régions européennes des grands hébergeurs "
    "(`eu-west-3`, `francecentral`…) et les villes de centres de données courantes (Paris, Roubaix, "
    "Francfort…). Dans une phrase, les codes ne comptent qu'en majuscules. L'option `eu-countries` fixe la "
    "liste des codes acceptés (ajouter par exemple `CH` ou `UK`, qui bénéficient d'une décision "
    "d'adéquation, si votre politique interne les accepte)."
)
_LOCATION_DOC_EN = (
    "Recognised values: two-letter country codes (`FR`, `de`, `FR, DE`), `EU`/`UE`, `EEA`/`EEE`, country names "
    "in French or English (\"France\", \"Allemagne\", \"Germany\"), \"Europe\", \"European Union\", \"European "
    "Economic Area\", European cloud regions (`eu-west-3`, `francecentral`…) and common data-centre cities "
    "(Paris, Roubaix, Frankfurt…). Inside a sentence, codes count only in capitals. The `eu-countries` option "
    "sets the accepted codes (add e.g. `CH` or `UK`, which have an adequacy decision, if your policy accepts them)."
)


# --- G001 -----------------------------------------------------------------------------

@rules.rule(
    "G001", "rgpd-section-missing", "error",
    message={"fr": "Aucune section rgpd alors que des objets contiennent des données personnelles ({objects}) : "
                   "décrivez hébergement, finalités, consentement, droits et durées de conservation",
             "en": "No rgpd section while some objects hold personal data ({objects}): describe hosting, "
                   "purposes, consent, rights and retention periods"},
    doc=_doc(
        "Dès qu'un objet du catalogue porte `personal_data: true`, la spec contient une section `rgpd`.",
        "Un CRM est avant tout un fichier de personnes : l'acheteur est responsable de traitement, l'éditeur "
        "sous-traitant (RGPD art. 4, 24 et 28). C'est dans le cahier des charges qu'on exige l'hébergement, "
        "les droits des personnes et les durées de conservation ; ajoutés après la signature, ils deviennent "
        "des avenants.",
        "objects:\n  - id: contact\n    personal_data: true\n# pas de section rgpd",
        "Ajouter une section `rgpd` : `data_location`, `purposes` (avec `legal_basis`), `consent`, `rights`, "
        "`retention`, `processor_agreement`, `security_measures`, `breach_notification` (`crmreq init` en "
        "donne un modèle commenté).",
        "As soon as an object of the catalogue has `personal_data: true`, the spec has an `rgpd` section.",
        "A CRM is first of all a file of people: the buyer is the controller, the vendor a processor (GDPR "
        "art. 4, 24 and 28). The specification is where hosting, data subjects' rights and retention periods "
        "are required; added after signature, they become change requests.",
        "objects:\n  - id: contact\n    personal_data: true\n# no rgpd section",
        "Add an `rgpd` section: `data_location`, `purposes` (with `legal_basis`), `consent`, `rights`, "
        "`retention`, `processor_agreement`, `security_measures`, `breach_notification` (`crmreq init` gives a "
        "commented template).",
    ),
)
def rgpd_section_missing(spec, emit):
    if spec.rgpd is not None:
        return
    personal = _personal_objects(spec)
    if not personal:
        return
    names = [o.id or o.name or "?" for o in personal]
    shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    emit(spec.where("rgpd"), objects=shown)


# --- G002 -----------------------------------------------------------------------------

@rules.rule(
    "G002", "data-location-outside-eu", "error",
    message={"fr": "Localisation des données personnelles : {problem}",
             "en": "Personal data location: {problem}"},
    options=(_EU_OPTION,),
    doc=_doc(
        "`rgpd.data_location` dit où les données personnelles sont hébergées, et ce lieu est dans l'Union "
        "européenne ou l'Espace économique européen. La règle signale une localisation absente, illisible, ou "
        "hors UE/EEE ; dans ce dernier cas elle se tait si `rgpd.transfers_outside_eu` décrit les garanties "
        "du transfert. " + _LOCATION_DOC_FR,
        "Un hébergement hors UE/EEE est un transfert au sens du RGPD (chapitre V, art. 44 à 49) : il exige une "
        "décision d'adéquation ou des garanties (clauses contractuelles types, analyse d'impact du transfert). "
        "« Serveurs en Europe » est une exigence courante des PME françaises ; écrite dans le cahier des "
        "charges, elle élimine d'emblée les offres qui ne la tiennent pas.",
        "rgpd:\n  data_location: cloud de l'éditeur",
        "Écrire `data_location: FR` (ou `EU`), et exiger des éditeurs la liste des pays de leurs "
        "centres de données et de leurs sous-traitants ultérieurs.",
        "`rgpd.data_location` says where personal data is hosted, and that place is in the European Union or "
        "the European Economic Area. The rule reports a location that is missing, unreadable, or outside the "
        "EU/EEA; in the last case it is silent when `rgpd.transfers_outside_eu` describes the transfer's "
        "safeguards. " + _LOCATION_DOC_EN,
        "Hosting outside the EU/EEA is a transfer under the GDPR (chapter V, art. 44–49): it needs an adequacy "
        "decision or safeguards (standard contractual clauses, transfer impact assessment). \"Servers in "
        "Europe\" is a common requirement of French SMEs; written in the specification, it rules out at once "
        "the offers that cannot meet it.",
        "rgpd:\n  data_location: vendor cloud",
        "Write `data_location: FR` (or `EU`), and require vendors to list the countries of their data centres "
        "and sub-processors.",
    ),
)
def data_location_outside_eu(spec, emit):
    if not _concerned(spec):
        return
    rgpd = spec.rgpd
    location = rgpd.data_location
    if _invalid(rgpd, "data_location", location):
        return
    if _blank(location):
        emit(_at(spec, "data_location"), problem={
            "fr": "rgpd.data_location n'est pas renseigné : indiquez le pays ou la région d'hébergement (FR, EU…)",
            "en": "rgpd.data_location is not given: state the hosting country or region (FR, EU…)"})
        return
    verdict, outside = classify_location(location, allowed_codes(emit.option("eu-countries")))
    at = rgpd.where("data_location")
    if verdict == "unknown":
        emit(at, problem={
            "fr": f"« {location} » ne désigne aucun pays ni aucune région reconnus : écrivez un code pays (FR) "
                  "ou une région (EU)",
            "en": f"\"{location}\" names no recognised country or region: write a country code (FR) or a region (EU)"})
    elif verdict == "outside" and not _transfers_documented(spec):
        codes = ", ".join(outside)
        emit(at, problem={
            "fr": f"« {location} » est hors de l'UE/EEE ({codes}) : exigez un hébergement dans l'UE, ou décrivez "
                  "les garanties du transfert dans rgpd.transfers_outside_eu",
            "en": f"\"{location}\" is outside the EU/EEA ({codes}): require hosting in the EU, or describe the "
                  "transfer's safeguards under rgpd.transfers_outside_eu"})


# --- G003 -----------------------------------------------------------------------------

@rules.rule(
    "G003", "consent-not-stated", "error",
    message={"fr": "La gestion du consentement n'est pas décrite (rgpd.consent) : dites comment il est recueilli, "
                   "prouvé et retiré",
             "en": "Consent management is not described (rgpd.consent): say how consent is collected, proven "
                   "and withdrawn"},
    doc=_doc(
        "`rgpd.consent` décrit la gestion du consentement : un texte, ou `collection` (recueil), `proof` "
        "(preuve) et `withdrawal` (retrait). Une valeur absente, vide ou `false` est signalée.",
        "Le consentement doit pouvoir être prouvé (qui, quand, sur quel texte) et retiré aussi facilement "
        "qu'il a été donné (RGPD art. 7 et 4(11)). La prospection par courriel des particuliers l'exige "
        "(CPCE art. L34-5), et à partir du 11 août 2026 le démarchage téléphonique des consommateurs aussi "
        "(C. consom. art. L223-1 modifié par la loi n° 2025-594). Le CRM doit stocker ces preuves par canal.",
        "rgpd:\n  data_location: FR\n  # consent absent",
        "Écrire par exemple :\n```yaml\nconsent:\n  collection: case non pré-cochée par canal (e-mail, SMS, "
        "téléphone) sur les formulaires\n  proof: date, source, texte et version du formulaire horodatés dans "
        "la fiche contact\n  withdrawal: lien de désinscription dans chaque message, synchronisé avec l'outil "
        "d'envoi de courriels\n```",
        "`rgpd.consent` describes consent management: a text, or `collection`, `proof` and `withdrawal`. A "
        "missing, empty or `false` value is reported.",
        "Consent must be provable (who, when, which wording) and as easy to withdraw as to give (GDPR art. 7 "
        "and 4(11)). E-mail prospection of consumers requires it (French CPCE art. L34-5), and from 11 August "
        "2026 so does telephone prospection of consumers in France (Consumer Code art. L223-1 as amended by "
        "law 2025-594). The CRM must store that proof per channel.",
        "rgpd:\n  data_location: FR\n  # no consent",
        "Write for instance:\n```yaml\nconsent:\n  collection: unticked box per channel (e-mail, SMS, phone) on "
        "forms\n  proof: date, source, wording and form version stored on the contact\n  withdrawal: unsubscribe "
        "link in every message, synced with the e-mailing tool\n```",
    ),
)
def consent_not_stated(spec, emit):
    if not _concerned(spec):
        return
    rgpd = spec.rgpd
    consent = rgpd.consent
    if consent is None and rgpd.has("consent"):
        return  # invalid value: E002
    if consent is not None and consent.stated:
        return
    emit(_at(spec, "consent"))


# --- G004 / G005 ----------------------------------------------------------------------

_RIGHT_ARTICLES = {"access": "15", "rectification": "16", "erasure": "17", "restriction": "18",
                   "portability": "20", "objection": "21"}
_RIGHT_NAMES = {
    "access": {"fr": "droit d'accès", "en": "right of access"},
    "rectification": {"fr": "droit de rectification", "en": "right to rectification"},
    "portability": {"fr": "droit à la portabilité", "en": "right to data portability"},
    "objection": {"fr": "droit d'opposition", "en": "right to object"},
}


@rules.rule(
    "G004", "right-to-erasure-missing", "error",
    message={"fr": "Le droit à l'effacement (« droit à l'oubli ») n'est pas exigé : ajoutez erasure à "
                   "rgpd.rights",
             "en": "The right to erasure (\"right to be forgotten\") is not required: add erasure to rgpd.rights"},
    doc=_doc(
        "`rgpd.rights` contient `erasure` : le CRM sait effacer ou anonymiser une personne sur demande.",
        "Le droit à l'effacement (RGPD art. 17) doit être exécuté dans le mois (art. 12(3)) et propagé aux "
        "systèmes connectés (art. 19). Dans un CRM, une personne est dispersée entre contacts, pistes, "
        "activités, e-mails et pièces jointes : sans fonction dédiée, l'effacement se fait à la main, "
        "incomplètement. C'est aussi le « droit à l'oubli » que les cahiers des charges citent le plus souvent.",
        "rgpd:\n  rights: [access, rectification]",
        "Ajouter `erasure` à `rights`, et décrire dans une fonctionnalité comment l'effacement est propagé "
        "aux outils reliés (ERP, outil de campagnes) et traité dans les sauvegardes.",
        "`rgpd.rights` contains `erasure`: the CRM can erase or anonymise a person on request.",
        "The right to erasure (GDPR art. 17) must be honoured within a month (art. 12(3)) and passed on to "
        "connected systems (art. 19). In a CRM a person is spread over contacts, leads, activities, e-mails "
        "and attachments: without a dedicated function, erasure is manual and incomplete.",
        "rgpd:\n  rights: [access, rectification]",
        "Add `erasure` to `rights`, and describe in a feature how erasure reaches connected tools (ERP, "
        "e-mailing) and backups.",
    ),
)
def right_to_erasure_missing(spec, emit):
    if not _concerned(spec):
        return
    if "erasure" in spec.rgpd.rights:
        return
    emit(_at(spec, "rights"), object="erasure")


def _bases(spec) -> set[str] | None:
    """Legal bases of the purposes, or None when some purpose does not state one (unknown)."""
    purposes = spec.rgpd.purposes
    if not purposes or any(not p.legal_basis for p in purposes):
        return None
    return {p.legal_basis for p in purposes}


@rules.rule(
    "G005", "data-subject-right-missing", "warning",
    message={"fr": "Le {right} (RGPD art. {article}) n'est pas exigé : ajoutez {code} à rgpd.rights",
             "en": "The {right} (GDPR art. {article}) is not required: add {code} to rgpd.rights"},
    doc=_doc(
        "`rgpd.rights` contient aussi `access` (art. 15), `rectification` (art. 16), `portability` (art. 20) et "
        "`objection` (art. 21). Une alerte par droit manquant (le champ `object` de l'alerte est le droit). "
        "La portabilité n'est demandée que si une finalité repose sur le consentement ou le contrat "
        "(art. 20(1)(a)), et l'opposition que si une finalité repose sur l'intérêt légitime ou une mission "
        "d'intérêt public (art. 21(1)) — quand toutes les finalités déclarent leur base légale ; sinon les "
        "quatre droits sont attendus.",
        "Chaque droit suppose une fonction du CRM : retrouver et exporter tout ce qui concerne une personne "
        "(accès, portabilité en CSV ou JSON), corriger et propager (rectification), marquer « ne plus "
        "contacter » par canal et le faire respecter par toutes les campagnes (opposition, inconditionnelle "
        "en prospection, art. 21(2)-(3)). Non demandées, ces fonctions manquent dans les offres.",
        "rgpd:\n  rights: [erasure]",
        "Écrire `rights: [access, rectification, erasure, portability, objection, restriction]`.",
        "`rgpd.rights` also contains `access` (art. 15), `rectification` (art. 16), `portability` (art. 20) and "
        "`objection` (art. 21). One finding per missing right (the finding's `object` is the right). "
        "Portability is only expected when some purpose relies on consent or contract (art. 20(1)(a)), and "
        "objection when some purpose relies on legitimate interest or a public task (art. 21(1)) — when every "
        "purpose states its legal basis; otherwise all four rights are expected.",
        "Each right needs a CRM function: find and export everything about a person (access, portability as "
        "CSV or JSON), correct and propagate (rectification), flag \"do not contact\" per channel and have "
        "every campaign honour it (objection, unconditional for direct marketing, art. 21(2)-(3)). Not asked "
        "for, these functions are missing from the offers.",
        "rgpd:\n  rights: [erasure]",
        "Write `rights: [access, rectification, erasure, portability, objection, restriction]`.",
    ),
)
def data_subject_right_missing(spec, emit):
    if not _concerned(spec):
        return
    rights = set(spec.rgpd.rights)
    bases = _bases(spec)
    at = _at(spec, "rights")
    for right in ("access", "rectification", "portability", "objection"):
        if right in rights:
            continue
        if bases is not None:
            if right == "portability" and not bases & {"consent", "contract"}:
                continue
            if right == "objection" and not bases & {"legitimate_interest", "public_task"}:
                continue
        emit(at, object=right, right=_RIGHT_NAMES[right], article=_RIGHT_ARTICLES[right], code=right)


# --- G006 -----------------------------------------------------------------------------

# General keys, compared after _words() (folded, simple singular): "Toutes les données" → "toute les donnee".
_CATCH_ALL = {"default", "defaut", "par defaut", "all", "toute", "tout", "toute les donnee", "all data",
              "donnee personnelle", "personal data", "toute les donnee personnelle", "all personal data",
              "autre", "other", "other data", "autre donnee"}


def _words(text: str) -> tuple[str, ...]:
    """Folded words with a simple singular (contacts → contact, comptes → compte, travaux → travau)."""
    words = []
    for word in re.findall(r"[a-z0-9]+", fold(text)):
        if len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        words.append(word)
    return tuple(words)


_MAX_PHRASE = 8


def _phrases(words: tuple) -> set[tuple]:
    """Every run of consecutive words (at most `_MAX_PHRASE` long): what a key or a name "contains"."""
    return {words[i:j] for i in range(len(words)) for j in range(i + 1, min(len(words), i + _MAX_PHRASE) + 1)}


@rules.rule(
    "G006", "retention-period-missing", "warning",
    message={"fr": "Aucune durée de conservation pour l'objet {id}, qui contient des données personnelles : "
                   "ajoutez-la dans rgpd.retention (prospects : 3 ans après le dernier contact, selon la CNIL)",
             "en": "No retention period for object {id}, which holds personal data: add it under rgpd.retention "
                   "(prospects: 3 years after the last contact, per the CNIL)"},
    doc=_doc(
        "Chaque objet qui porte `personal_data: true` a une durée de conservation : une entrée de "
        "`rgpd.retention` dont la clé désigne l'objet (son id ou son nom, sans tenir compte des accents, de la "
        "casse ni du pluriel : `prospects` couvre l'objet `prospect`, `contacts et prospects` couvre les deux), "
        "ou une finalité (`rgpd.purposes`) qui liste l'objet dans `objects` et donne une `retention`. Une clé "
        "générale (`default`, `par défaut`, `toutes`, `données personnelles`, `*`) couvre tous les objets. "
        "Une alerte par objet, placée sur l'objet.",
        "Conserver des données sans limite est interdit (RGPD art. 5(1)(e)) et la durée doit être annoncée "
        "aux personnes (art. 13(2)(a)). Le référentiel de la CNIL sur la gestion des activités commerciales "
        "(délibération n° 2021-131) fixe les repères : prospects, 3 ans à compter de la collecte ou du dernier "
        "contact émanant du prospect ; clients, la durée de la relation puis 3 ans pour la prospection ; "
        "factures, 10 ans (C. com. art. L123-22). Le CRM doit savoir purger ou anonymiser à l'échéance : "
        "c'est une fonction à exiger, pas un réglage.",
        "objects:\n  - id: prospect\n    personal_data: true\nrgpd:\n  retention:\n"
        "    clients: durée du contrat + 3 ans",
        "Ajouter `prospects: \"3 ans après le dernier contact émanant du prospect\"` dans `rgpd.retention`.",
        "Every object with `personal_data: true` has a retention period: an `rgpd.retention` entry whose key "
        "names the object (its id or name, ignoring accents, case and plural: `prospects` covers object "
        "`prospect`, `contacts and prospects` covers both), or a purpose (`rgpd.purposes`) that lists the "
        "object in `objects` and gives a `retention`. A general key (`default`, `all`, `personal data`, `*`) "
        "covers every object. One finding per object, on the object.",
        "Keeping data without limit is forbidden (GDPR art. 5(1)(e)) and the period must be told to people "
        "(art. 13(2)(a)). The CNIL's reference framework for commercial activities (délibération 2021-131) sets "
        "the benchmarks: prospects, 3 years from collection or the prospect's last contact; customers, the "
        "length of the relationship then 3 years for prospection; invoices, 10 years (French Commercial Code "
        "art. L123-22). The CRM must purge or anonymise on time: a function to require, not a setting.",
        "objects:\n  - id: prospect\n    personal_data: true\nrgpd:\n  retention:\n    customers: contract + 3 years",
        "Add `prospects: \"3 years after the prospect's last contact\"` under `rgpd.retention`.",
    ),
)
def retention_period_missing(spec, emit):
    if not _concerned(spec):
        return
    rgpd = spec.rgpd
    keys: set[tuple] = set()          # every key, as words
    inside_keys: set[tuple] = set()   # every run of words inside a key
    for key, value in rgpd.retention.items():
        if _blank(value):
            continue
        if " ".join(_words(str(key))) in _CATCH_ALL or str(key).strip() == "*":
            return
        words = _words(str(key))
        if words:
            keys.add(words)
            inside_keys |= _phrases(words)
    by_purpose = set()
    for purpose in rgpd.purposes:
        if not _blank(purpose.retention):
            by_purpose.update(o for o in purpose.objects if o)
    for obj in _personal_objects(spec):
        if obj.id in by_purpose:
            continue
        names = [w for w in (_words(n) for n in (obj.id, obj.name) if n) if w]
        # the key names the object ("contacts et prospects" ⊇ prospect), or the object's name
        # contains the key ("Compte client" ⊇ clients)
        if any(name in inside_keys or _phrases(name) & keys for name in names):
            continue
        emit(obj, object=obj.id or None, id=obj.id or obj.label)


# --- G007 -----------------------------------------------------------------------------

@rules.rule(
    "G007", "processor-agreement-not-required", "warning",
    message={"fr": "Le contrat de sous-traitance (RGPD art. 28) n'est pas exigé de l'éditeur : "
                   "indiquez processor_agreement: true",
             "en": "The processor agreement (GDPR art. 28) is not required from the vendor: "
                   "set processor_agreement: true"},
    doc=_doc(
        "`rgpd.processor_agreement` vaut `true` : l'offre comprend un contrat de sous-traitance conforme à "
        "l'article 28 du RGPD.",
        "L'éditeur d'un CRM en ligne, l'hébergeur et l'intégrateur qui accède aux données sont des "
        "sous-traitants : le contrat doit contenir les clauses de l'article 28(3) (instructions, "
        "confidentialité, sécurité, sous-traitants ultérieurs, assistance, restitution et suppression en fin "
        "de contrat, audits). Le demander dès la consultation évite de découvrir un accord non négociable "
        "après le choix de l'éditeur.",
        "rgpd:\n  processor_agreement: false",
        "Écrire `processor_agreement: true` et demander dans les documents de l'offre le modèle de contrat et "
        "la liste des sous-traitants ultérieurs avec leurs pays.",
        "`rgpd.processor_agreement` is `true`: the offer includes a processing agreement under GDPR art. 28.",
        "The vendor of a hosted CRM, the hosting provider and an integrator with access to the data are "
        "processors: the contract must contain the art. 28(3) clauses (instructions, confidentiality, "
        "security, sub-processors, assistance, return and deletion at the end, audits). Asking for it in the "
        "tender avoids discovering a take-it-or-leave-it agreement after the vendor is chosen.",
        "rgpd:\n  processor_agreement: false",
        "Write `processor_agreement: true` and ask, among the offer's documents, for the draft agreement and "
        "the list of sub-processors with their countries.",
    ),
)
def processor_agreement_not_required(spec, emit):
    if not _concerned(spec):
        return
    rgpd = spec.rgpd
    if rgpd.processor_agreement is True or _invalid(rgpd, "processor_agreement", rgpd.processor_agreement):
        return
    emit(_at(spec, "processor_agreement"))


# --- G008 -----------------------------------------------------------------------------

def _raw_rgpd(spec) -> dict:
    raw = spec.raw.get("rgpd") if isinstance(spec.raw, dict) else None
    return raw if isinstance(raw, dict) else {}


def _written_null(spec, key: str) -> bool:
    """`key:` written with no value: the schema reports it (E002), the rule does not repeat it."""
    raw = _raw_rgpd(spec)
    return key in raw and raw[key] is None


_NEGATIVE = re.compile(r"^\W*(aucun|aucune|none|no|non|pas de|neant|sans)\b")


def _transfers_documented(spec) -> bool:
    """`transfers_outside_eu` describes at least one transfer with a safeguard (an entry with `safeguard`
    or `details`, or a text that does not just say "none")."""
    written = _raw_rgpd(spec).get("transfers_outside_eu")
    if isinstance(written, str):
        return bool(written.strip()) and not _NEGATIVE.match(fold(written))
    return any(t.safeguard or not _blank(t.details) for t in spec.rgpd.transfers_outside_eu)


class _TransferCover:
    """What `rgpd.transfers_outside_eu` covers, indexed once: by system (id or name), by country, or
    as a free text naming systems."""

    def __init__(self, spec):
        rgpd = spec.rgpd
        self.stated = rgpd.transfers_stated
        written = _raw_rgpd(spec).get("transfers_outside_eu")
        self.text = _phrases(_words(written)) if isinstance(written, str) and written.strip() else None
        self.by_system: dict[str, bool] = {}    # folded system id/name → some entry gives a safeguard
        self.by_country: dict[str, bool] = {}   # country code → some entry gives a safeguard
        for transfer in rgpd.transfers_outside_eu:
            safe = bool(transfer.safeguard) or not _blank(transfer.details)
            if transfer.system and transfer.system.strip():
                key = fold(transfer.system).strip()
                self.by_system[key] = self.by_system.get(key, False) or safe
            else:
                for code in location_codes(transfer.country):
                    self.by_country[code] = self.by_country.get(code, False) or safe

    def problem(self, system):
        """None when the transfer to `system` is covered; else why not (localised)."""
        names = [n for n in (system.id, system.name) if n and n.strip()]
        if self.text is not None:
            if any(_words(n) and _words(n) in self.text for n in names):
                return None
            return {"fr": "le texte de rgpd.transfers_outside_eu ne le mentionne pas",
                    "en": "the text of rgpd.transfers_outside_eu does not mention it"}
        found = [self.by_system[k] for k in (fold(n).strip() for n in names) if k in self.by_system]
        found += [self.by_country[c] for c in location_codes(system.location) if c in self.by_country]
        if any(found):
            return None
        if found:
            return {"fr": "son entrée dans rgpd.transfers_outside_eu ne donne aucune garantie (safeguard : "
                          "adequacy, dpf, scc, bcr ou derogation)",
                    "en": "its rgpd.transfers_outside_eu entry gives no safeguard (safeguard: adequacy, dpf, scc, "
                          "bcr or derogation)"}
        if self.stated is False:
            return {"fr": "rgpd.transfers_outside_eu déclare pourtant qu'il n'y a aucun transfert",
                    "en": "yet rgpd.transfers_outside_eu says there is no transfer"}
        return {"fr": "décrivez-le dans rgpd.transfers_outside_eu (système, pays, garantie)",
                "en": "describe it under rgpd.transfers_outside_eu (system, country, safeguard)"}


@rules.rule(
    "G008", "transfer-without-safeguards", "error",
    message={"fr": "Le flux {flow} envoie des données personnelles ({objects}) vers {system}, hébergé hors UE/EEE "
                   "({location}), sans garantie de transfert : {problem}",
             "en": "Flow {flow} sends personal data ({objects}) to {system}, hosted outside the EU/EEA "
                   "({location}), without transfer safeguards: {problem}"},
    doc=_doc(
        "Quand un flux transporte un objet `personal_data: true` vers un système dont la `location` est hors "
        "UE/EEE (pour un flux `two_way`, vers l'une ou l'autre extrémité), `rgpd.transfers_outside_eu` décrit "
        "ce transfert : une entrée dont `system` est ce système (ou, sans `system`, dont `country` est son "
        "pays) avec une garantie (`safeguard` : `adequacy`, `dpf`, `scc`, `bcr`, `derogation`, ou des "
        "`details`). Si `transfers_outside_eu` est un texte, il doit citer le système (id ou nom). "
        "`transfers_outside_eu: false` (« aucun transfert ») contredit le flux et est signalé. Une alerte par "
        "système, sur le premier flux concerné. Les pays acceptés sont ceux de l'option `eu-countries` de G002.",
        "Envoyer les contacts du CRM vers un outil d'envoi de courriels hébergé aux États-Unis est un transfert "
        "hors UE (RGPD chapitre V, art. 44 à 49) : il faut une décision d'adéquation (par exemple le Data Privacy "
        "Framework UE–États-Unis du 10 juillet 2023, pour les entreprises certifiées), ou des clauses "
        "contractuelles types (décision 2021/914) avec une analyse d'impact du transfert. Ces flux passent "
        "souvent inaperçus parce que l'outil est « juste un connecteur ».",
        "systems:\n  - id: mailchimp\n    location: US\nflows:\n  - id: FL-3\n    from: crm\n    to: mailchimp\n"
        "    objects: [contact]   # contact: personal_data: true",
        "Ajouter :\n```yaml\nrgpd:\n  transfers_outside_eu:\n    - system: mailchimp\n      country: US\n"
        "      safeguard: dpf\n      details: certification DPF vérifiée, CCT en complément\n```\nou choisir un "
        "outil hébergé dans l'UE.",
        "When a flow carries an object with `personal_data: true` to a system whose `location` is outside the "
        "EU/EEA (for a `two_way` flow, to either end), `rgpd.transfers_outside_eu` describes that transfer: an "
        "entry whose `system` is that system (or, without `system`, whose `country` is its country) with a "
        "safeguard (`safeguard`: `adequacy`, `dpf`, `scc`, `bcr`, `derogation`, or `details`). When "
        "`transfers_outside_eu` is a text, it must name the system (id or name). `transfers_outside_eu: false` "
        "(\"no transfer\") contradicts the flow and is reported. One finding per system, on the first flow "
        "concerned. Accepted countries are those of G002's `eu-countries` option.",
        "Sending CRM contacts to an e-mailing tool hosted in the United States is a transfer outside the EU "
        "(GDPR chapter V, art. 44–49): it needs an adequacy decision (e.g. the EU–US Data Privacy Framework of "
        "10 July 2023, for certified companies), or standard contractual clauses (decision 2021/914) with a "
        "transfer impact assessment. Such flows go unnoticed because the tool is \"just a connector\".",
        "systems:\n  - id: mailchimp\n    location: US\nflows:\n  - id: FL-3\n    from: crm\n    to: mailchimp\n"
        "    objects: [contact]   # contact: personal_data: true",
        "Add:\n```yaml\nrgpd:\n  transfers_outside_eu:\n    - system: mailchimp\n      country: US\n"
        "      safeguard: dpf\n      details: DPF certification checked, SCCs as a fallback\n```\nor choose a "
        "tool hosted in the EU.",
    ),
)
def transfer_without_safeguards(spec, emit):
    if spec.rgpd is None:
        return  # G001 covers it
    personal = {o.id for o in spec.objects if o.id and o.personal_data is True}
    if not personal:
        return
    allowed = allowed_codes(emit.option("eu-countries"))
    systems = {s.id: s for s in spec.systems if s.id}
    cover = None
    checked: dict[str, object] = {}   # system id → None (fine) or the problem, computed once
    reported: set[str] = set()
    for flow in spec.flows:
        carried = [o for o in flow.objects if o in personal]
        if not carried:
            continue
        receivers = [flow.target]
        if flow.direction == "two_way":
            receivers.append(flow.source)
        for system_id in receivers:
            system = systems.get(system_id) if system_id else None
            if system is None or system.id in reported:
                continue
            if system.id not in checked:
                problem = None
                if classify_location(system.location, allowed)[0] == "outside":
                    cover = cover or _TransferCover(spec)
                    problem = cover.problem(system)
                checked[system.id] = problem
            problem = checked[system.id]
            if problem is None:
                continue
            reported.add(system.id)
            emit(flow, object=system.id, flow=flow.id or flow.name, system=system.id,
                 objects=", ".join(carried), location=system.location, problem=problem)


# --- G009 -----------------------------------------------------------------------------

@rules.rule(
    "G009", "security-or-breach-missing", "warning",
    message={"fr": "La section rgpd ne dit rien {what} : {hint}",
             "en": "The rgpd section says nothing about {what}: {hint}"},
    doc=_doc(
        "`rgpd.security_measures` liste les mesures de sécurité exigées et `rgpd.breach_notification` dit "
        "comment et dans quel délai le prestataire signale une violation de données. Une alerte par champ "
        "absent, vide ou `false`.",
        "Le responsable de traitement doit notifier la CNIL dans les 72 heures (RGPD art. 33(1)) : il faut donc "
        "que l'éditeur l'alerte bien avant (24 ou 48 h), ce qui s'écrit dans le contrat (art. 28(3)(f) et "
        "33(2)). Les mesures de sécurité (art. 32 ; CNIL, *Guide de la sécurité des données personnelles*, "
        "édition 2024) — chiffrement, authentification multifacteur, droits par rôle, journalisation, "
        "sauvegardes — ne se négocient plus après la signature.",
        "rgpd:\n  data_location: FR\n  # ni security_measures ni breach_notification",
        "Écrire par exemple `security_measures: [chiffrement en transit et au repos, authentification à deux "
        "facteurs, droits par rôle, journal des accès]` et `breach_notification: \"notification au client sous "
        "24 h, avec la nature de la violation, les données et personnes concernées et les mesures prises\"`.",
        "`rgpd.security_measures` lists the security measures required and `rgpd.breach_notification` says how "
        "and how fast the provider reports a data breach. One finding per field that is missing, empty or `false`.",
        "The controller must notify the supervisory authority within 72 hours (GDPR art. 33(1)): the vendor "
        "has to warn it well before (24 or 48 h), which belongs in the contract (art. 28(3)(f) and 33(2)). "
        "Security measures (art. 32; CNIL security guide, 2024 edition) — encryption, multi-factor "
        "authentication, role-based access, logging, backups — are not negotiable after signature.",
        "rgpd:\n  data_location: FR\n  # neither security_measures nor breach_notification",
        "Write e.g. `security_measures: [encryption in transit and at rest, two-factor authentication, "
        "role-based access, access log]` and `breach_notification: \"customer notified within 24 h with the "
        "nature of the breach, data and people concerned and measures taken\"`.",
    ),
)
def security_or_breach_missing(spec, emit):
    if not _concerned(spec):
        return
    rgpd = spec.rgpd
    if not any(not _blank(m) for m in rgpd.security_measures) and not _written_null(spec, "security_measures"):
        emit(_at(spec, "security_measures"),
             what={"fr": "des mesures de sécurité (security_measures)",
                   "en": "security measures (security_measures)"},
             hint={"fr": "exigez chiffrement, double authentification, droits par rôle, journalisation, "
                         "sauvegardes (RGPD art. 32)",
                   "en": "require encryption, two-factor authentication, role-based access, logging, "
                         "backups (GDPR art. 32)"})
    if _blank(rgpd.breach_notification) and not _written_null(spec, "breach_notification"):
        emit(_at(spec, "breach_notification"),
             what={"fr": "de la notification des violations de données (breach_notification)",
                   "en": "data breach notification (breach_notification)"},
             hint={"fr": "exigez une alerte du prestataire sous 24 à 48 h, pour notifier la CNIL dans les 72 h "
                         "(RGPD art. 33)",
                   "en": "require the provider to alert you within 24–48 h, so you can notify the authority "
                         "within 72 h (GDPR art. 33)"})


# --- G010 -----------------------------------------------------------------------------

@rules.rule(
    "G010", "missing-legal-basis", "warning",
    message={"fr": "{subject} : {hint} (RGPD art. 6 ; legal_basis : consent, contract, legal_obligation ou "
                   "legitimate_interest)",
             "en": "{subject}: {hint} (GDPR art. 6; legal_basis: consent, contract, legal_obligation or "
                   "legitimate_interest)"},
    doc=_doc(
        "`rgpd.purposes` liste les finalités du traitement, chacune avec sa base légale (`legal_basis`). La "
        "règle signale l'absence de toute finalité (une alerte), puis chaque finalité sans base légale "
        "(une alerte par finalité).",
        "Un traitement n'est licite que sur l'une des bases de l'article 6 du RGPD : consentement (6(1)(a)), "
        "contrat (b), obligation légale (c), intérêt légitime (f, après mise en balance). La base décide de "
        "tout le reste : preuve du consentement, droit d'opposition ou de portabilité, durée de conservation "
        "(CNIL, référentiel gestion des activités commerciales, 2021). Les finalités sont aussi la première "
        "colonne du registre des traitements (art. 30).",
        "rgpd:\n  purposes:\n    - id: PUR-1\n      name: Prospection commerciale",
        "Ajouter `legal_basis: legitimate_interest` (prospection B2B) ; pour la gestion des commandes, "
        "`contract` ; pour la prospection par courriel des particuliers, `consent`.",
        "`rgpd.purposes` lists the purposes of processing, each with its legal basis (`legal_basis`). The rule "
        "reports the absence of any purpose (one finding), then each purpose without a legal basis (one "
        "finding per purpose).",
        "Processing is lawful only on one of the bases of GDPR art. 6: consent (6(1)(a)), contract (b), legal "
        "obligation (c), legitimate interest (f, after a balancing test). The basis drives everything else: "
        "proof of consent, right to object or to portability, retention. Purposes are also the first column "
        "of the record of processing activities (art. 30).",
        "rgpd:\n  purposes:\n    - id: PUR-1\n      name: Direct marketing",
        "Add `legal_basis: legitimate_interest` (B2B prospection); `contract` for order management; `consent` "
        "for e-mail marketing to consumers.",
    ),
)
def missing_legal_basis(spec, emit):
    if not _concerned(spec):
        return
    rgpd = spec.rgpd
    if not rgpd.purposes:
        if _written_null(spec, "purposes"):
            return
        emit(_at(spec, "purposes"),
             subject={"fr": "Aucune finalité de traitement n'est déclarée (rgpd.purposes)",
                      "en": "No processing purpose is declared (rgpd.purposes)"},
             hint={"fr": "listez-les (prospection, gestion des commandes, support…), chacune avec sa base légale",
                   "en": "list them (prospection, order management, support…), each with its legal basis"})
        return
    for purpose in rgpd.purposes:
        if purpose.legal_basis or purpose.has("legal_basis"):
            continue  # a written but invalid basis is reported by the schema
        emit(purpose, object=purpose.id or None,
             subject={"fr": f"La finalité {purpose.id or purpose.label} n'a pas de base légale",
                      "en": f"Purpose {purpose.id or purpose.label} has no legal basis"},
             hint={"fr": "indiquez sur quoi repose ce traitement", "en": "state what makes this processing lawful"})

