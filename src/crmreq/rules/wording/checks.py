"""The four wording rules (W001–W004): each searches the requirement texts for the terms of
its lexicon (see `terms`) and reports, once per item and field, every term found there."""

from __future__ import annotations

import re

from ...findings import RuleOption
from ...authoring import RuleSet, make_doc as _doc
from .locate import Locator
from .measured import vague_excused
from .terms import Matcher, Text, canon, clean_option, distinct, find, matcher, requirement_texts, surface

rules = RuleSet("wording")


# ---------------------------------------------------------------------------------------------
# Messages and options.

_KIND = {
    "feature": ("Fonctionnalité", "Feature"),
    "nfr": ("Exigence non fonctionnelle", "Non-functional requirement"),
    "objective": ("Objectif", "Objective"),
}


def _args(text: Text, words: list[str], label: tuple[str, str, str, str]) -> dict:
    fr_kind, en_kind = _KIND[text.kind]
    item_id = getattr(text.item, "id", None)
    if item_id:
        subject = {"fr": f"{fr_kind} {item_id}", "en": f"{en_kind} {item_id}"}
    else:   # no id (E002 says so): name it by its text
        title = " ".join(text.text.split())
        title = title if len(title) <= 40 else title[:39] + "…"
        subject = {"fr": f"{fr_kind} sans id (« {title} »)", "en": f"{en_kind} without id (\"{title}\")"}
    plural = len(words) > 1
    return {
        "subject": subject,
        "field": text.field,
        "terms": {"fr": ", ".join(f"« {w} »" for w in words), "en": ", ".join(f'"{w}"' for w in words)},
        "label": {"fr": label[1] if plural else label[0], "en": label[3] if plural else label[2]},
    }


def _emit(emit, where: Locator, text: Text, hits, label=("", "", "", ""), **extra) -> None:
    """One finding for the field, listing every term, at the first one's place in the file."""
    first = min(hits, key=lambda h: h[0])
    emit(where.word(text, first[0], first[3]), object=getattr(text.item, "id", None) or None,
         **_args(text, distinct(hits), label), **extra)


def _matcher_for(emit, name: str, prefix: str) -> Matcher:
    return matcher(name, clean_option(emit.option(f"{prefix}-extra")), clean_option(emit.option(f"{prefix}-ignore")))


def _list_options(prefix: str, fr_what: str, en_what: str) -> tuple[RuleOption, RuleOption]:
    return (
        RuleOption(f"{prefix}-extra", [], kind=(list, tuple, str), help={
            "fr": f"{fr_what} à ajouter au lexique (même correspondance : mots entiers, sans casse ni accents ; "
                  "flexions entre accolades : `intuiti{f,ve,fs,ves}`).",
            "en": f"{en_what} to add to the lexicon (matched the same way: whole words, case- and accent-insensitive; "
                  "inflections in braces: `intuiti{f,ve,fs,ves}`)."}),
        RuleOption(f"{prefix}-ignore", [], kind=(list, tuple, str), help={
            "fr": f"{fr_what} du lexique à ne plus signaler (un lemme retire toutes ses formes).",
            "en": f"{en_what} of the lexicon not to report any more (a lemma removes all its forms)."}),
    )


def _options_doc(prefix: str, fr_example: str, en_example: str) -> tuple[str, str]:
    return (
        f"\n\nOptions : `{prefix}-extra` ajoute des termes au lexique, `{prefix}-ignore` en retire "
        f"(un lemme retire toutes ses formes), par exemple dans `.crmreq.toml` : `{prefix}-ignore = [{fr_example}]`. "
        "Les termes ajoutés se comparent comme ceux du lexique : mots entiers, sans tenir compte de la casse, des "
        "accents ni des apostrophes typographiques ; espace et trait d'union sont équivalents ; les flexions "
        "s'écrivent entre accolades (`intuiti{f,ve,fs,ves}`).",
        f"\n\nOptions: `{prefix}-extra` adds terms to the lexicon, `{prefix}-ignore` removes some (a lemma removes "
        f"all its forms), e.g. in `.crmreq.toml`: `{prefix}-ignore = [{en_example}]`. Added terms are matched like "
        "the lexicon's: whole words, ignoring case, accents and typographic apostrophes; a space and a hyphen are "
        "the same; inflections go in braces (`intuitive{,ly}`).",
    )


_SCOPE_FR = ("Textes lus : `title`, `scenario` et `acceptance` des fonctionnalités, `statement` des exigences non "
             "fonctionnelles, `title` et `metric` des objectifs — jamais le contexte ni la frustration (`pain`) "
             "citée avec les mots des utilisateurs. Une alerte par élément et par champ, qui cite tous les termes "
             "trouvés, placée sur le premier (ligne et colonne du mot dans le fichier). Lexiques français et anglais appliqués à tous les textes, sans tenir compte de la casse ni "
             "des accents, sur des mots entiers (« intuition » n'est pas « intuitif »).")
_SCOPE_EN = ("Texts read: feature `title`, `scenario` and `acceptance`, NFR `statement`, objective `title` and "
             "`metric` — never the context nor the objective's `pain` (quoted in the users' words). One finding "
             "per item and field, naming every term found, placed on the first one (the word's line and column "
             "in the file). French and English lexicons apply to every text, "
             "case- and accent-insensitive, on whole words (\"intuition\" is not \"intuitive\").")


# ---------------------------------------------------------------------------------------------
# W001 vague terms

_W001_FR, _W001_EN = _options_doc("vague-terms", "\"simple\"", "\"simple\"")


_MEASURABLE = {"fr": "remplacez par un critère mesurable (par exemple « en moins de 2 s au 95e centile », "
                     "« en 3 clics au plus »)",
               "en": "replace with a measurable criterion (e.g. \"within 2 s at the 95th percentile\", \"in 3 clicks "
                     "at most\")"}
# « sécurisé » / "secure" alone: the advice is the measure to name, not a figure.
_SECURITY_MEASURE = {"fr": "nommez la mesure attendue (par exemple « chiffrement TLS 1.2 ou plus », "
                           "« authentification unique avec double authentification », « certifié ISO 27001 »)",
                     "en": "name the expected measure (e.g. \"TLS 1.2 or later encryption\", \"single sign-on with "
                           "MFA\", \"ISO 27001 certified\")"}


def _advice(hits) -> dict:
    security = all(key.startswith(("securis", "secure")) for _, key, _, _ in hits)
    return _SECURITY_MEASURE if security else _MEASURABLE


@rules.rule(
    "W001", "vague-term", "warning",
    message={"fr": "{subject}, champ {field} : {label} {terms} ; {advice}",
             "en": "{subject}, field {field}: {label} {terms}; {advice}"},
    options=_list_options("vague-terms", "Termes vagues", "Vague terms") + (
        RuleOption("vague-terms-unless-measured", True, kind=bool, help={
            "fr": "Ne pas signaler un terme vague quand l'exigence porte aussi un critère chiffré (champ lui-même, "
                  "`acceptance` de la fonctionnalité, `metric` de l'exigence, cible de l'objectif).",
            "en": "Do not report a vague term when the requirement also carries a numeric criterion (the field "
                  "itself, the feature's `acceptance`, the NFR's `metric`, the objective's target)."}),
    ),
    doc=_doc(
        "Les textes d'exigence ne contiennent pas de qualité subjective ou invérifiable : « rapide », « facile », "
        "« intuitif », « convivial », « performant », « flexible », « évolutif », « suffisant », "
        "« user-friendly », « en temps réel », « immédiatement », « sans délai », « sécurisé », « en quelques "
        "clics », « la plupart »… (plus de soixante termes par langue, avec leurs flexions : rapide, rapides, "
        "rapidement, rapidité). " + _SCOPE_FR + "\n\n"
        "Le terme n'est pas signalé quand l'exigence porte aussi un critère chiffré (un nombre avec une unité : "
        "« 2 s », « 3 clics », « 95 % », « p95 », « moins de 5 ») : dans la même phrase ou proposition du champ "
        "(un chiffre dans une autre phrase n'excuse rien : « saisie intuitive. Elle prend 5 minutes » est "
        "signalé), dans le critère "
        "d'acceptation (`acceptance`) de la fonctionnalité, dans la mesure (`metric`) de l'exigence non "
        "fonctionnelle, dans la cible ou la valeur de départ de l'objectif. « Recherche rapide » avec "
        "`acceptance: résultat en moins de 2 s` est donc accepté. Certaines tournures ne sont pas vagues et ne "
        "sont pas signalées : « par conséquent », « un simple clic », « en clair », « client léger », "
        "« stock suffisant », « sécurisé par authentification unique », « supérieur immédiat », « le commercial "
        "sécurise le rendez-vous », « CA sécurisé », « paiement sécurisé », « 3-D Secure » ; « sécurisé » ne l'est "
        "pas non plus quand sa proposition nomme la mesure (« certifié ISO 27001 », TLS, SSO, double "
        "authentification), et seul, il appelle la mesure attendue plutôt qu'un chiffre. Option "
        "`vague-terms-unless-measured = false` pour tout signaler."
        + _W001_FR,
        "Ce que l'un trouve « rapide », l'autre le trouve lent : face à « l'interface doit être intuitive », "
        "chaque éditeur répond « couvert », et la recette ne peut rien prouver. Le guide de rédaction des "
        "exigences de l'INCOSE (GtWR, règle R7 « termes vagues ») et la norme ISO/IEC/IEEE 29148 (§ 5.2.7, "
        "langage subjectif, adjectifs et adverbes ambigus) demandent de remplacer ces termes par un critère "
        "vérifiable : valeur, unité, condition de mesure.",
        "features:\n  - id: F-12\n    title: Recherche de fiches clients\n"
        "    scenario: Le commercial retrouve rapidement un client depuis une interface intuitive",
        "Remplacer par ce qui sera mesuré en démonstration : « le commercial retrouve un client parmi 50 000 en "
        "moins de 2 s au 95e centile, en 3 clics au plus », ou garder le scénario et écrire le critère dans "
        "`acceptance`.",
        "Requirement texts hold no subjective or unverifiable quality: \"fast\", \"easy\", \"intuitive\", "
        "\"user-friendly\", \"flexible\", \"scalable\", \"sufficient\", \"in real time\", \"immediately\", \"without "
        "delay\", \"secure\", \"in a few clicks\", \"most of the\", « rapide », « convivial »… (over sixty terms per "
        "language, with their inflections). " + _SCOPE_EN + "\n\n"
        "The term is not reported when the requirement also carries a numeric criterion (a number with a unit: "
        "\"2 s\", \"3 clicks\", \"95 %\", \"p95\", \"less than 5\"): in the same sentence or clause of the field "
        "(a number in another sentence excuses nothing: \"intuitive entry. It takes 5 minutes\" is reported), in "
        "the feature's "
        "`acceptance`, in the NFR's `metric`, in the objective's target or baseline. \"Fast search\" with "
        "`acceptance: results within 2 s` is fine. Some phrases are not vague and are not reported: \"effective "
        "date\", \"sufficient stock\", \"quick wins\", \"secured by single sign-on\", \"immediate manager\", \"the rep "
        "secures the meeting\", \"the deal is secured\", \"secure payment\", \"3-D Secure\"; nor is \"secure\" when "
        "its clause names the measure (\"ISO 27001 certified\", TLS, SSO, MFA), and alone it asks for the expected "
        "measure rather than a figure. Set `vague-terms-unless-measured = false` to "
        "report everything." + _W001_EN,
        "One reader's \"fast\" is another's slow: faced with \"the interface shall be intuitive\", every vendor "
        "answers \"covered\", and acceptance testing can prove nothing. The INCOSE Guide to Writing Requirements "
        "(GtWR, rule R7 \"vague terms\") and ISO/IEC/IEEE 29148 (§5.2.7, subjective language, ambiguous adverbs "
        "and adjectives) ask for a verifiable criterion instead: value, unit, measurement condition.",
        "features:\n  - id: F-12\n    title: Customer search\n"
        "    scenario: The sales rep quickly finds a customer from an intuitive screen",
        "Replace with what the demo will measure: \"the sales rep finds a customer among 50,000 within 2 s at "
        "the 95th percentile, in at most 3 clicks\", or keep the scenario and write the criterion in `acceptance`.",
    ),
)
def vague_term(spec, emit):
    found = _matcher_for(emit, "vague", "vague-terms")
    lenient = emit.option("vague-terms-unless-measured") is not False
    where = Locator(spec)
    for text in requirement_texts(spec):
        hits = find(text, found)
        if lenient:
            hits = [hit for hit in hits if not vague_excused(text, hit[0])]
        if hits:
            _emit(emit, where, text, hits, ("terme vague", "termes vagues", "vague term", "vague terms"),
                  advice=_advice(hits))


# ---------------------------------------------------------------------------------------------
# W002 escape clauses

_W002_FR, _W002_EN = _options_doc("escape-clauses", "\"normalement\"", "\"normally\"")


@rules.rule(
    "W002", "escape-clause", "warning",
    message={"fr": "{subject}, champ {field} : {label} {terms} ; énoncez l'exigence sans condition ou donnez la "
                   "condition exacte (si elle est facultative, baissez plutôt sa priorité)",
             "en": "{subject}, field {field}: {label} {terms}; state the requirement unconditionally or give the "
                   "exact condition (if it is optional, lower its priority instead)"},
    options=_list_options("escape-clauses", "Clauses échappatoires", "Escape clauses"),
    doc=_doc(
        "Les textes d'exigence ne contiennent pas de clause échappatoire : « si possible », « dans la mesure du "
        "possible », « le cas échéant », « si nécessaire », « au besoin », « éventuellement », « idéalement », "
        "« de préférence », « normalement »… (plus de cinquante tournures par langue). " + _SCOPE_FR + "\n\n"
        "Ne sont pas signalées les tournures suivies d'ordinaire d'une condition précise : « dans la mesure où », "
        "« sous réserve de », « à défaut », ni « généralement » qui décrit un usage, ni \"as required by\" "
        "(« tel qu'exigé par la loi »)." + _W002_FR,
        "Une clause échappatoire laisse l'éditeur juge de l'exigence : « l'historique est synchronisé si "
        "possible » est « couvert » par une solution qui ne synchronise rien. C'est la règle R8 du guide INCOSE "
        "(GtWR) et les « échappatoires » de l'ISO/IEC/IEEE 29148 (§ 5.2.7) : une exigence s'énonce sans "
        "condition, ou avec sa condition exacte. Une exigence vraiment facultative se dit par sa priorité "
        "(`priority: could` / `confort`), que l'éditeur chiffre à part.",
        "features:\n  - id: F-20\n    title: Synchronisation de l'agenda\n"
        "    scenario: Les rendez-vous sont synchronisés avec Outlook si possible",
        "« Les rendez-vous créés dans le CRM apparaissent dans l'agenda Outlook du commercial en moins de "
        "5 minutes » ; si ce n'est pas indispensable, `priority: confort`.",
        "Requirement texts hold no escape clause: \"if possible\", \"as far as possible\", \"as appropriate\", "
        "\"if necessary\", \"as needed\", \"ideally\", \"preferably\", \"normally\", « si possible », « le cas "
        "échéant »… (over fifty phrases per language). " + _SCOPE_EN + "\n\n"
        "Not reported: phrases usually followed by a precise condition (\"to the extent that\", \"subject to\"), "
        "habits (\"usually\", \"typically\"), and \"as required by …\" (which names who requires it)." + _W002_EN,
        "An escape clause lets the vendor decide: \"history is synchronised if possible\" is \"covered\" by a "
        "product that synchronises nothing. This is rule R8 of the INCOSE GtWR and the \"loopholes\" of "
        "ISO/IEC/IEEE 29148 (§5.2.7): state a requirement unconditionally, or with its exact condition. A truly "
        "optional requirement is stated by its priority (`priority: could`), which vendors price separately.",
        "features:\n  - id: F-20\n    title: Calendar sync\n"
        "    scenario: Meetings are synchronised with Outlook where possible",
        "\"Meetings created in the CRM appear in the rep's Outlook calendar within 5 minutes\"; if it is not "
        "essential, `priority: could`.",
    ),
)
def escape_clause(spec, emit):
    found = _matcher_for(emit, "escape", "escape-clauses")
    where = Locator(spec)
    for text in requirement_texts(spec):
        hits = find(text, found)
        if hits:
            _emit(emit, where, text, hits,
                  ("clause échappatoire", "clauses échappatoires", "escape clause", "escape clauses"))


# ---------------------------------------------------------------------------------------------
# W003 open-ended lists

_CLAUSE_STOP = re.compile(r"[.;!?)\]\n]")
_ENUMERATION = re.compile(r",|(?<!\w)(?:et|ou|and|or)(?!\w)")
_COMMA = re.compile(",")


def _example_hits(text: Text, markers: list) -> list[tuple[int, str, str]]:
    """Example markers (« par exemple », "such as") that introduce an enumeration."""
    hits = []
    folded = text.folded
    for m, kind in markers:
        needs = _COMMA if kind == "comma" else _ENUMERATION
        index = m.end()
        while index < len(folded) and folded[index] in " \t:":
            index += 1
        if index < len(folded) and folded[index] == ",":
            if "." not in m.group(0):
                continue  # « par exemple, » opens an aside, not a list
            index += 1
        stop = _CLAUSE_STOP.search(folded, index)
        end = stop.start() if stop else len(folded)
        clause = folded[index:end]
        if not clause.strip() and stop and stop.group(0) == ")":
            opening = folded.rfind("(", 0, m.start())
            if opening != -1 and ")" not in folded[opening:m.start()]:
                clause = folded[opening + 1:m.start()]
        if needs.search(clause):
            hits.append((m.start(), canon(m.group(0)), surface(text, m.start(), m.end()), m.end()))
    return hits


_W003_FR, _W003_EN = _options_doc("open-list-markers", "\"notamment\"", "\"such as\"")


@rules.rule(
    "W003", "open-ended-list", "warning",
    message={"fr": "{subject}, champ {field} : liste ouverte ({terms}) ; énumérez tous les éléments attendus, "
                   "l'éditeur ne s'engage que sur ce qui est écrit",
             "en": "{subject}, field {field}: open-ended list ({terms}); list every expected item, a vendor only "
                   "commits to what is written"},
    options=_list_options("open-list-markers", "Marqueurs de liste ouverte", "Open-ended list markers"),
    doc=_doc(
        "Les textes d'exigence ne contiennent pas de liste ouverte : « etc. », « … », « notamment », « entre "
        "autres », « et ainsi de suite », « liste non exhaustive », « sans s'y limiter », \"and so on\", "
        "\"including but not limited to\"… (une vingtaine de marqueurs par langue : ni le français ni l'anglais "
        "n'en ont quarante). " + _SCOPE_FR + "\n\n"
        "Les marqueurs d'exemple (« par exemple », « p. ex. », « tels que », \"such as\", \"e.g.\") ne sont "
        "signalés que s'ils introduisent une énumération (une virgule, « et » ou « ou » avant la fin de la "
        "proposition : « import depuis des outils tels que Excel, Outlook, Gmail »), ou s'ils ferment une "
        "parenthèse qui en contient une (« (Outlook ou Gmail par exemple) ») : un exemple isolé illustre, il "
        "n'ouvre pas de liste. « Par exemple, » suivi d'une virgule ouvre une incise et n'est pas signalé. "
        "Ne sont pas signalés : une ellipse entre crochets « […] » (coupure dans une citation), « ou "
        "équivalent » (obligatoire après une marque dans les marchés publics, art. R2111-7 du code de la "
        "commande publique), « tout autre » (qui ferme la liste)." + _W003_FR,
        "L'éditeur répond sur la liste écrite, pas sur celle que vous aviez en tête : « import des devis, "
        "commandes, factures, etc. » ne l'engage pas sur les avoirs. Les listes ouvertes empêchent aussi de "
        "chiffrer (combien de connecteurs ?) et de recetter. Règle R9 du guide INCOSE (GtWR, « clauses "
        "ouvertes ») et termes « non vérifiables » de l'ISO/IEC/IEEE 29148 (§ 5.2.7 : \"but not limited to\").",
        "features:\n  - id: F-31\n    title: Import des documents commerciaux\n"
        "    scenario: Import des devis, commandes, factures, etc. depuis l'ERP",
        "Énumérer tous les éléments : « Import des devis, commandes, factures et avoirs depuis l'ERP ». Si la "
        "liste doit pouvoir s'allonger, le dire comme une exigence vérifiable : « un nouveau type de document "
        "s'ajoute par paramétrage, sans développement ».",
        "Requirement texts hold no open-ended list: \"etc.\", \"…\", \"and so on\", \"among others\", "
        "\"including but not limited to\", \"non-exhaustive\", « notamment », « entre autres »… (about twenty "
        "markers per language: neither language has forty). " + _SCOPE_EN + "\n\n"
        "Example markers (\"such as\", \"e.g.\", \"for example\", « par exemple », « tels que ») are reported only "
        "when they introduce an enumeration (a comma, \"and\" or \"or\" before the end of the clause: \"import "
        "from tools such as Excel, Outlook, Gmail\"), or close a parenthesis holding one (\"(Outlook or Gmail "
        "for example)\"): a single example illustrates, it does not open a list. \"For example,\" followed by a "
        "comma starts an aside and is not reported. Not reported either: an ellipsis in brackets \"[…]\" (a cut "
        "in a quotation), \"or equivalent\" (required after a brand name in French public procurement), \"any "
        "other\" (which closes the list). \"and more\" and \"or similar\" count only at the end of a clause "
        "(\"faster and more reliable\" is not a list)." + _W003_EN,
        "A vendor answers the list that is written, not the one you had in mind: \"import quotes, orders, "
        "invoices, etc.\" does not bind them to credit notes. Open lists also prevent pricing (how many "
        "connectors?) and testing. INCOSE GtWR rule R9 (\"open-ended clauses\") and ISO/IEC/IEEE 29148 §5.2.7's "
        "non-verifiable terms (\"but not limited to\").",
        "features:\n  - id: F-31\n    title: Import of sales documents\n"
        "    scenario: Import quotes, orders, invoices, etc. from the ERP",
        "List every item: \"Import quotes, orders, invoices and credit notes from the ERP\". If the list must be "
        "able to grow, say so verifiably: \"a new document type is added by configuration, without development\".",
    ),
)
def open_ended_list(spec, emit):
    found = _matcher_for(emit, "open-list", "open-list-markers")
    where = Locator(spec)
    for text in requirement_texts(spec):
        markers: list = []
        hits = find(text, found, markers)
        if markers:
            hits += _example_hits(text, markers)
        if hits:
            _emit(emit, where, text, hits)


# ---------------------------------------------------------------------------------------------
# W004 et/ou, and/or

_W004_FR, _W004_EN = _options_doc("compound-markers", "\"ou/et\"", "\"or/and\"")


@rules.rule(
    "W004", "compound-requirement", "info",
    message={"fr": "{subject}, champ {field} : {terms} {label} deux exigences en une ; écrivez-en deux, ou dites "
                   "si les deux sont exigées (« et ») ou si l'une suffit (« ou »)",
             "en": "{subject}, field {field}: {terms} {label} two requirements in one; write two, or say whether "
                   "both are required (\"and\") or either is enough (\"or\")"},
    options=_list_options("compound-markers", "Marqueurs", "Markers"),
    doc=_doc(
        "Les textes d'exigence ne contiennent pas « et/ou » (ni « ou/et », \"and/or\", \"or/and\", avec ou sans "
        "espaces autour de la barre). " + _SCOPE_FR + _W004_FR,
        "« Export Excel et/ou PDF » : l'éditeur qui ne fait que l'un des deux est-il conforme ? Chacun lira ce "
        "qui l'arrange. Le guide INCOSE (GtWR, règles R15 « expressions logiques », R18 « une seule idée », "
        "R19 « combinateurs ») et l'ISO/IEC/IEEE 29148 (§ 5.2.7) demandent une exigence par idée, et une "
        "logique explicite.",
        "features:\n  - id: F-40\n    title: Export des tableaux de bord en Excel et/ou PDF",
        "« Export des tableaux de bord en Excel et en PDF » si les deux sont exigés ; sinon deux exigences de "
        "priorités différentes (F-40 Excel `indispensable`, F-41 PDF `confort`).",
        "Requirement texts hold no \"and/or\" (nor \"or/and\", « et/ou », « ou/et », with or without spaces "
        "around the slash). " + _SCOPE_EN + _W004_EN,
        "\"Export to Excel and/or PDF\": does a vendor offering only one comply? Each reader picks the meaning "
        "that suits them. The INCOSE GtWR (rules R15 \"logical expressions\", R18 \"single thought\", R19 "
        "\"combinators\") and ISO/IEC/IEEE 29148 (§5.2.7) ask for one requirement per thought and explicit logic.",
        "features:\n  - id: F-40\n    title: Export dashboards to Excel and/or PDF",
        "\"Export dashboards to Excel and to PDF\" if both are required; otherwise two requirements with "
        "different priorities (F-40 Excel `must`, F-41 PDF `could`).",
    ),
)
def compound_requirement(spec, emit):
    found = _matcher_for(emit, "compound", "compound-markers")
    where = Locator(spec)
    for text in requirement_texts(spec):
        hits = find(text, found)
        if hits:
            _emit(emit, where, text, hits, ("réunit", "réunissent", "joins", "join"))
