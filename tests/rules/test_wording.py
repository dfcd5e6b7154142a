"""W — wording: W001 vague term, W002 escape clause, W003 open-ended list, W004 et/ou."""

from __future__ import annotations

import unicodedata
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import builtin_plugins, codes

from crmreq.config import settings_from
from crmreq.model import Feature, Nfr, Objective, SourceFile, Spec
from crmreq.positions import Position
from crmreq.rules import wording
from crmreq.values import fold, parse_quantity

HEAD = """\
crmreq: 1
project:
  name: Nouveau CRM
  lang: fr
"""

# A careful consultant's wording, in both languages, full of near-misses: it must give nothing.
GOOD = HEAD + """\
context:
  history: Le fichier client est rapide à consulter mais incomplet, etc.
objectives:
  - id: OBJ-DELAI
    title: Répondre plus rapidement aux demandes de devis
    pain: "On perd des affaires, c'est lent, si possible il faudrait un outil simple et intuitif, etc."
    metric: délai moyen entre la demande et l'envoi du devis
    baseline: "72 h"
    target: "24 h"
    deadline: "6 mois après la mise en production"
  - id: OBJ-SALES
    title: Raise the quote conversion rate
    metric: quote conversion rate at 90 days
    baseline: "18 %"
    target: "25 %"
features:
  - id: F-RECH
    module: crm
    title: Recherche rapide d'un client
    scenario: >-
      Avant un rendez-vous, je retrouve le client par son nom, sa ville ou son numéro de
      téléphone et j'ouvre sa fiche d'un simple clic.
    acceptance: Résultat affiché en moins de 2 s sur une base de 50 000 comptes.
  - id: F-DEVIS
    module: sales
    title: Création de devis depuis une opportunité
    scenario: >-
      Je crée le devis depuis l'opportunité ; par conséquent le client, le contact et les
      conditions de paiement sont repris. Par exemple, je choisis un modèle puis j'ajoute
      les articles. Le devis tel que validé par le client et signé est archivé.
    acceptance: L'éditeur crée un devis de trois lignes en moins de 3 minutes.
  - id: F-ADV
    module: sales
    title: Contrôle de l'encours
    scenario: >-
      La commande passe en préparation si le stock est suffisant et si l'encours
      autorisé du client n'est pas dépassé. Je relance un client inactif : je le réactive
      dans le CRM. Je récupère (fetch) ses pièces jointes.
    acceptance: Une commande au-delà de l'encours est bloquée avec un message explicite.
  - id: F-EXPORT
    module: analytics
    title: Export dashboards to Excel and to PDF
    scenario: >-
      The sales director exports the weekly dashboard to Excel and to PDF, as required by
      the quarterly board report, and checks the effective date of each contract. Intuition
      is not enough: the figures come from the ERP.
    acceptance: Both files are produced within 10 s for 12 months of data.
  - id: F-IMPORT
    module: integration
    title: Import des documents de vente depuis l'ERP
    scenario: >-
      Les devis, commandes, factures et avoirs sont importés chaque nuit depuis l'ERP
      (format CSV par exemple). Le CRM ne simplifie pas la saisie : il la supprime.
    acceptance: Les quatre types de documents d'un client test apparaissent le lendemain à 7 h.
nfr:
  - id: NFR-PERF
    category: performance
    statement: La fiche client doit être rapide à ouvrir
    metric: "p95 < 2 s"
  - id: NFR-DISPO
    category: availability
    statement: Disponibilité mensuelle d'au moins 99,5 % hors maintenance annoncée 72 h à l'avance
  - id: NFR-SEC
    category: security
    statement: Les mots de passe ne sont jamais stockés en clair ; double authentification des administrateurs
"""


def test_good_spec_gives_nothing_and_is_schema_valid(lint_yaml):
    assert lint_yaml(GOOD, select=("W", "E")) == []


def test_good_spec_in_english_gives_nothing(lint_yaml):
    text = HEAD.replace("lang: fr", "lang: en") + """\
features:
  - id: F-1
    title: Customer search
    scenario: Before a meeting, the rep finds the customer by name or city, e.g. "Lyon".
    acceptance: Results within 2 s at the 95th percentile on 50,000 accounts.
  - id: F-2
    title: Quote follow-up
    scenario: >-
      Quotes, orders and invoices are listed on the account; where the customer has opted
      out, no e-mail is sent. Reminders are faster and more reliable than today.
    acceptance: A reminder is scheduled 7 days after a quote is sent, without manual action.
"""
    assert lint_yaml(text, select=("W", "E"), lang="en") == []


# -- lexicons --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["vague", "escape"])
def test_lexicon_has_at_least_40_terms_per_language(name):
    data = wording.lexicon(name)
    for lang in ("fr", "en"):
        assert len(data[lang]["terms"]) >= 40, (name, lang)


def test_lexicons_are_package_data():
    folder = resources.files("crmreq.lexicons")
    for name in ("vague", "escape", "open-list", "compound"):
        assert folder.joinpath(f"{name}.toml").is_file()


@pytest.mark.parametrize("name", ["vague", "escape", "open-list", "compound"])
def test_every_lexicon_form_matches_itself(name):
    """No typo in the data: each expanded form is found when written alone."""
    data = wording.lexicon(name)
    found = wording.matcher(name)
    for lang in ("fr", "en"):
        for term in data[lang]["terms"]:
            for form in wording.expand(term):
                written = form.rstrip("$").strip()
                assert found.terms.search(fold(written)), (name, form)


def test_extra_terms_are_found_in_every_text(lint_yaml):
    """A term added by configuration is in no lexicon: it is still looked for in every text."""
    text = HEAD + """\
features:
  - id: F-1
    title: Import bricolé des contacts
"""
    assert lint_yaml(text, select=("W001",)) == []
    found = lint_yaml(text, select=("W001",), options={"vague-terms-extra": ["bricolé"]})
    assert [f.object for f in found] == ["F-1"]


@pytest.mark.parametrize("code, written, shown", [
    ("W001", "Une interface Intuitive", "Intuitive"),
    ("W001", "Rapidite\u0301 de saisie", "Rapidité"),                 # a decomposed accent
    ("W001", "Un portail user\u2011friendly", "user\u2011friendly"),   # a non-breaking hyphen
    ("W001", "Un portail user\u2013friendly", "user\u2013friendly"),   # an en dash
    ("W001", "Écran ERGONOMIQUE", "ERGONOMIQUE"),
    ("W002", "Export si\u00a0possible", "si possible"),               # a non-breaking space
    ("W002", "Synchronisé si c\u2019est possible", "si c\u2019est possible"),
    ("W004", "Export Excel et / ou PDF", "et / ou"),
    ("W003", "Devis, commandes, etc.", "etc."),
])
def test_terms_are_found_whatever_the_typing_and_shown_as_written(lint_yaml, code, written, shown):
    text = HEAD + f"""\
features:
  - id: F-1
    title: "{written}"
"""
    (finding,) = lint_yaml(text, select=(code,), lang="en")
    assert f'"{shown}"' in finding.message, finding.message


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_the_fold_keeps_one_character_for_each_nfc_character(text):
    """The rules quote a match from the NFC text at the offsets found in the folded text."""
    nfc = unicodedata.normalize("NFC", text)
    assert len(fold(nfc)) == len(nfc)


def test_brace_expansion():
    assert wording.expand("intuiti{f,fs,ve,ves}") == ["intuitif", "intuitifs", "intuitive", "intuitives"]
    assert wording.expand("client{,s} lég{er,ers}") == ["client léger", "client légers", "clients léger",
                                                        "clients légers"]


def test_lexicon_is_read_once():
    wording.lexicon("vague")
    before = wording.lexicon.cache_info().hits
    wording.lexicon("vague")
    assert wording.lexicon.cache_info().hits == before + 1


# -- W001 ------------------------------------------------------------------------------------

def test_w001_feature_scenario_french(lint_yaml):
    text = HEAD + """\
features:
  - id: F-12
    title: Recherche de fiches clients
    scenario: Le commercial retrouve rapidement un client depuis une interface intuitive
"""
    findings = lint_yaml(text, select=("W", "E"), lang="fr")
    assert codes(findings) == ["W001"]
    (finding,) = findings
    assert (finding.object, finding.line, finding.column) == ("F-12", 8, 38)   # at « rapidement »
    assert finding.severity == "warning" and finding.name == "vague-term"
    assert "Fonctionnalité F-12" in finding.message and "scenario" in finding.message
    assert "termes vagues « rapidement », « intuitive »" in finding.message
    assert "critère mesurable" in finding.message


def test_w001_nfr_statement_english(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-UX
    category: usability
    statement: The CRM shall be user friendly and FAST on mobile.
"""
    (finding,) = lint_yaml(text, select=("W001",), lang="en")
    assert (finding.code, finding.object, finding.line) == ("W001", "NFR-UX", 8)
    assert finding.message.startswith('Non-functional requirement NFR-UX, field statement: vague terms '
                                      '"user friendly", "FAST"')
    assert "measurable criterion" in finding.message


def test_w001_objective_title_and_metric(lint_yaml):
    text = HEAD + """\
objectives:
  - id: OBJ-1
    title: Un suivi plus efficace des devis
    metric: nombre de relances rapides
"""
    findings = lint_yaml(text, select=("W001",))
    assert [(f.object, f.line) for f in findings] == [("OBJ-1", 7), ("OBJ-1", 8)]


@pytest.mark.parametrize("word", [
    "rapide", "rapides", "rapidement", "rapidité", "RAPIDITÉ", "Rapidite",
    "intuitif", "intuitive", "intuitifs", "intuitives", "intuitivement",
    "convivial", "conviviale", "conviviaux", "conviviales", "convivialité",
    "simple", "simples", "simplement", "facile", "facilement", "facilité",
    "ergonomique", "performante", "évolutive", "flexible", "user-friendly", "user friendly",
    "intuitive", "easily", "seamless", "robust", "state of the art",
])
def test_w001_inflections_and_spellings(lint_yaml, word):
    text = HEAD + f"""\
features:
  - id: F-1
    title: "Une saisie {word} des comptes rendus"
"""
    findings = lint_yaml(text, select=("W001",))
    assert [(f.code, f.object) for f in findings] == [("W001", "F-1")], word


@pytest.mark.parametrize("phrase", [
    "intuition", "simplifier la saisie", "un facilitateur", "par conséquent", "d'un simple clic",
    "si le stock est suffisant", "les mots de passe en clair", "un client léger", "à l’aise avec l'outil",
    "le commercial réactive un client", "rapidos", "irréprochable", "the effective date",
    "quick wins first", "inscription en simple opt-in", "facilités de paiement accordées", "véhicule léger",
    "ideal customer profile", "export lisible par une machine", "machine-readable export",
])
def test_w001_near_misses(lint_yaml, phrase):
    text = HEAD + f"""\
features:
  - id: F-1
    title: "Fonction : {phrase}"
"""
    assert lint_yaml(text, select=("W001",)) == []


def test_w001_one_finding_per_field_not_per_term(lint_yaml):
    text = HEAD + """\
features:
  - id: F-1
    title: Écran simple, rapide et intuitif
    scenario: Saisie simple, simple et encore simple
"""
    findings = lint_yaml(text, select=("W001",), lang="en")
    assert [f.line for f in findings] == [7, 8]
    assert '"simple", "rapide", "intuitif"' in findings[0].message
    assert findings[1].message.count('"simple"') == 1


def test_w001_silent_when_the_requirement_is_measured(lint_yaml):
    text = HEAD + """\
objectives:
  - id: OBJ-1
    title: Répondre plus rapidement
    target: "24 h"
features:
  - id: F-1
    title: Recherche rapide
    scenario: Je retrouve rapidement le client.
    acceptance: Résultat en moins de 2 s.
  - id: F-2
    title: Saisie rapide, en 3 clics au plus
nfr:
  - id: NFR-1
    category: performance
    statement: Fiche client rapide
    metric: {value: 2, unit: s, percentile: p95}
"""
    assert lint_yaml(text, select=("W001",)) == []
    strict = lint_yaml(text, select=("W001",), options={"vague-terms-unless-measured": False})
    assert [f.object for f in strict] == ["OBJ-1", "F-1", "F-1", "F-2", "NFR-1"]


def test_w001_number_without_unit_is_not_a_criterion(lint_yaml):
    text = HEAD + """\
features:
  - id: F-1
    title: Interface intuitive pour la phase 1
    acceptance: Démonstration au comité de pilotage
"""
    assert [f.object for f in lint_yaml(text, select=("W001",))] == ["F-1"]


def test_w001_pain_and_context_are_not_requirements(lint_yaml):
    text = HEAD + """\
context:
  history: Notre outil actuel n'est ni rapide ni intuitif, etc.
  challenges: [Être plus réactifs si possible]
objectives:
  - id: OBJ-1
    title: Réduire de 30 % le délai de réponse
    pain: "C'est lent, pas intuitif, et/ou on perd les devis, etc. Si possible un outil simple."
"""
    assert lint_yaml(text, select=("W",)) == []


def test_w001_config_extra_and_ignore(lint_yaml):
    text = HEAD + """\
features:
  - id: F-1
    title: Écran sexy et simple
  - id: F-2
    title: Saisie simplement
  - id: F-3
    title: Tableaux top, tops
"""
    default = lint_yaml(text, select=("W001",), lang="en")
    assert [f.object for f in default] == ["F-1", "F-2"]
    tuned = lint_yaml(text, select=("W001",), lang="en",
                      options={"vague-terms-extra": ["Sexy", "top{,s}"], "vague-terms-ignore": ["simple"]})
    assert [(f.object, f.message.split(": ", 1)[1].split(";")[0]) for f in tuned] == [
        ("F-1", 'vague term "sexy"'), ("F-3", 'vague terms "top", "tops"')]
    # a form other than the lemma removes only that form
    form_only = lint_yaml(text, select=("W001",), options={"vague-terms-ignore": ["simplement"]})
    assert [f.object for f in form_only] == ["F-1"]


def test_options_are_accepted_by_the_configuration():
    known = {option.name: option for rule in builtin_plugins().rules.values() for option in rule.options}
    configured = settings_from({
        "vague-terms-extra": ["top"], "vague-terms-ignore": ["simple"], "vague-terms-unless-measured": False,
        "escape-clauses-extra": ["à voir"], "escape-clauses-ignore": ["normalement"],
        "open-list-markers-extra": ["…et j'en passe"], "open-list-markers-ignore": ["such as"],
        "compound-markers-extra": ["ou bien"], "compound-markers-ignore": ["ou/et"],
    }, ".crmreq.toml", known)
    assert configured.options["vague-terms-ignore"] == ["simple"]


# -- W002 ------------------------------------------------------------------------------------

def test_w002_french(lint_yaml):
    text = HEAD + """\
features:
  - id: F-20
    title: Synchronisation de l'agenda
    scenario: >-
      Les rendez-vous sont synchronisés avec Outlook si possible,
      et le cas échéant avec Google Agenda.
"""
    findings = lint_yaml(text, select=("W", "E"), lang="fr")
    assert codes(findings) == ["W002"]
    (finding,) = findings
    assert (finding.object, finding.line, finding.column, finding.name) == ("F-20", 9, 54, "escape-clause")
    assert "clauses échappatoires « si possible », « le cas échéant »" in finding.message
    assert "sans condition" in finding.message


def test_w002_english(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-BKP
    category: backup
    statement: Backups are kept as appropriate and restored If Possible within 4 h.
"""
    (finding,) = lint_yaml(text, select=("W002",), lang="en")
    assert (finding.object, finding.line) == ("NFR-BKP", 8)
    assert 'escape clauses "as appropriate", "If Possible"' in finding.message
    assert "unconditionally" in finding.message


@pytest.mark.parametrize("phrase", [
    "aussi possible", "la possibilité de filtrer", "impossible de supprimer", "dans la mesure où le contact a consenti",
    "as required by the GDPR", "sous réserve du consentement du contact", "it is possibly", "si le besoin est exprimé",
    "if required fields are empty, the form is refused", "hors connexion, l'application fonctionne normalement",
])
def test_w002_near_misses(lint_yaml, phrase):
    text = HEAD + f"""\
features:
  - id: F-1
    title: "Exigence : {phrase}"
"""
    found = lint_yaml(text, select=("W002",))
    expected = ["W002"] if phrase == "it is possibly" else []
    assert codes(found) == expected


def test_w002_config(lint_yaml):
    text = HEAD + """\
features:
  - id: F-1
    title: Export normalement en CSV, à voir pour le PDF
"""
    assert [f.object for f in lint_yaml(text, select=("W002",))] == ["F-1"]
    tuned = lint_yaml(text, select=("W002",), options={
        "escape-clauses-ignore": ["normalement"], "escape-clauses-extra": ["à voir"]}, lang="en")
    assert len(tuned) == 1 and '"à voir"' in tuned[0].message and "normalement" not in tuned[0].message


# -- W003 ------------------------------------------------------------------------------------

def test_w003_french(lint_yaml):
    text = HEAD + """\
features:
  - id: F-31
    title: Import des documents commerciaux
    scenario: Import des devis, commandes, factures, etc. depuis l'ERP, notamment Sage.
"""
    findings = lint_yaml(text, select=("W", "E"), lang="fr")
    assert codes(findings) == ["W003"]
    (finding,) = findings
    assert (finding.object, finding.line, finding.name) == ("F-31", 8, "open-ended-list")
    assert "liste ouverte (« etc. », « notamment »)" in finding.message


def test_w003_english_and_ellipsis(lint_yaml):
    text = HEAD + """\
features:
  - id: F-32
    title: Quotes, orders, invoices…
    acceptance: Demo with quotes, orders and so on
"""
    findings = lint_yaml(text, select=("W003",), lang="en")
    assert [(f.object, f.line) for f in findings] == [("F-32", 7), ("F-32", 8)]
    assert 'open-ended list ("…")' in findings[0].message
    assert '("and so on")' in findings[1].message
    assert "only commits to what is written" in findings[1].message


@pytest.mark.parametrize("phrase, expected", [
    ("outils tels que Excel, Outlook, Gmail", ["tels que"]),
    ("outils (Outlook ou Gmail par exemple)", ["par exemple"]),
    ("tools such as Outlook or Gmail", ["such as"]),
    ("tools, e.g., Outlook, Gmail", ["e.g."]),
    ("CSV, Excel and more.", ["and more"]),
    ("devis, factures...", ["..."]),
    ("liste non exhaustive des connecteurs", ["liste non exhaustive"]),
    ("connectors, including but not limited to Sage", ["but not limited to"]),
    ("the export is not limited to 1,000 rows", []),
    ("quotes etcetera", ["etcetera"]),
    # near-misses
    ("fetch the sketch", []),
    ("format CSV par exemple", []),
    ("such as Outlook", []),
    ("les devis tels que validés et signés", []),
    ("par exemple, le commercial ouvre la fiche et l'historique", []),
    ("faster and more reliable", []),
    ("une citation […] coupée", []),
    ("Outlook ou équivalent", []),
    ("toute autre modification est refusée", []),
])
def test_w003_markers(lint_yaml, phrase, expected):
    text = HEAD + f"""\
features:
  - id: F-1
    title: "{phrase}"
"""
    findings = lint_yaml(text, select=("W003",), lang="en")
    assert [f.message.split("(", 1)[1].split(")")[0] for f in findings] == [
        ", ".join(f'"{e}"' for e in expected)] if expected else findings == []


def test_w003_config(lint_yaml):
    text = HEAD + """\
features:
  - id: F-1
    title: Connecteurs, notamment Sage
  - id: F-2
    title: Connecteurs Sage, Cegid et j'en passe
"""
    assert [f.object for f in lint_yaml(text, select=("W003",))] == ["F-1"]
    tuned = lint_yaml(text, select=("W003",), options={
        "open-list-markers-ignore": ["notamment"], "open-list-markers-extra": ["et j'en passe"]})
    assert [f.object for f in tuned] == ["F-2"]


# -- W004 ------------------------------------------------------------------------------------

def test_w004_french(lint_yaml):
    text = HEAD + """\
features:
  - id: F-40
    title: Export des tableaux de bord en Excel et/ou PDF
"""
    findings = lint_yaml(text, select=("W", "E"), lang="fr")
    assert codes(findings) == ["W004"]
    (finding,) = findings
    assert (finding.object, finding.line, finding.severity, finding.name) == (
        "F-40", 7, "info", "compound-requirement")
    assert finding.message == ("Fonctionnalité F-40, champ title : « et/ou » réunit deux exigences en une ; "
                               "écrivez-en deux, ou dites si les deux sont exigées (« et ») ou si l'une suffit "
                               "(« ou »)")


def test_w004_english_with_spaces(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-EXP
    category: reversibility
    statement: Data is returned as CSV AND / OR JSON at the end of the contract
"""
    (finding,) = lint_yaml(text, select=("W004",), lang="en")
    assert (finding.object, finding.line) == ("NFR-EXP", 8)
    assert finding.message.startswith('Non-functional requirement NFR-EXP, field statement: "AND / OR" joins two')


@pytest.mark.parametrize("phrase", ["la date et où le rendez-vous a lieu", "Excel ou PDF", "and or", "km/h",
                                    "devis/commandes"])
def test_w004_near_misses(lint_yaml, phrase):
    text = HEAD + f"""\
features:
  - id: F-1
    title: "{phrase}"
"""
    assert lint_yaml(text, select=("W004",)) == []


def test_w004_config(lint_yaml):
    text = HEAD + """\
features:
  - id: F-1
    title: Export Excel ou bien PDF, ou/et CSV
"""
    (default,) = lint_yaml(text, select=("W004",))
    assert '"ou/et" joins' in default.message and "ou bien" not in default.message
    tuned = lint_yaml(text, select=("W004",), lang="en",
                      options={"compound-markers-extra": ["ou bien"], "compound-markers-ignore": ["ou/et"]})
    assert '"ou bien" joins' in tuned[0].message


# -- robustness and documentation ------------------------------------------------------------

def test_bad_values_do_not_crash(lint_yaml):
    text = HEAD + """\
objectives:
  - id: OBJ-1
    title: 42
    metric: {value: 3, unit: "%"}
features:
  - id: F-1
    title: [rapide]
    scenario: ""
  - title: Saisie rapide sans id
nfr:
  - id: NFR-1
    statement:
"""
    findings = lint_yaml(text, select=("W", "X"))
    assert "X002" not in codes(findings)
    assert [(f.code, f.object) for f in findings] == [("W001", None)]


def test_toml_spec_points_at_the_field(lint_yaml):
    text = """\
crmreq = 1

[project]
name = "CRM"

[[features]]
id = "F-1"
title = "Recherche"
scenario = "Le commercial cherche si possible par ville"
"""
    (finding,) = lint_yaml(text, name="crmreq.toml", select=("W",))
    assert (finding.code, finding.object, finding.line) == ("W002", "F-1", 9)


def test_rules_are_documented_in_both_languages():
    registered = builtin_plugins().rules
    expected = {"W001": ("vague-term", "warning"), "W002": ("escape-clause", "warning"),
                "W003": ("open-ended-list", "warning"), "W004": ("compound-requirement", "info")}
    for code, (name, severity) in expected.items():
        rule = registered[code]
        assert (rule.name, rule.severity, rule.family) == (name, severity, "wording")
        for lang in ("fr", "en"):
            assert rule.message[lang] and "INCOSE" in rule.doc[lang]
            for option in rule.options:
                assert option.name in rule.doc[lang] and option.help[lang]
                assert "{{" not in option.help[lang]


def _fake_spec(count: int) -> Spec:
    source = SourceFile("crmreq.yaml", "/tmp/crmreq.yaml", "yaml")
    at = Position("crmreq.yaml", 1, 1)
    features = tuple(
        Feature(pos=at, id=f"F-{i}", title=f"Consultation de la fiche client numéro {i}",
                scenario="Avant un rendez-vous, j'ouvre la fiche du client, son historique de devis "
                         "et de commandes, puis je saisis mon compte rendu" + (" rapide, etc." if i % 10 == 0 else "."),
                acceptance="La fiche s'ouvre en moins de 2 s au 95e centile.")
        for i in range(count))
    nfr = (Nfr(pos=at, id="NFR-1", statement="Disponibilité de 99,5 %"),)
    objectives = (Objective(pos=at, id="OBJ-1", title="Réduire le délai", metric=parse_quantity("délai moyen")),)
    return Spec(root=".", entry=source, files=(source,), pos=at, features=features, nfr=nfr, objectives=objectives)


class _Emitter:
    lang = "en"

    def __init__(self):
        self.count = 0

    def __call__(self, at, object=None, **args):
        self.count += 1

    def option(self, name):
        return None


def test_a_large_spec_gets_one_finding_per_item():
    """Speed is measured by benchmarks/; here, 2,000 features give exactly the findings due."""
    spec = _fake_spec(2000)
    counts = []
    for check in (wording.vague_term, wording.escape_clause, wording.open_ended_list, wording.compound_requirement):
        emit = _Emitter()
        check(spec, emit)
        counts.append(emit.count)
    assert counts == [0, 0, 200, 0]   # « rapide » is excused by the measured acceptance


# -- W001 lexicon and clauses (issue 16), positions of the word (issue 15) ------------------

@pytest.mark.parametrize("phrase, term", [
    ("Les commandes remontent en temps réel dans le CRM", "en temps réel"),
    ("Le client est prévenu immédiatement", "immédiatement"),
    ("La demande est transmise sans délai au commercial", "sans délai"),
    ("Un accès sécurisé à la fiche client", "sécurisé"),
    ("Le devis se crée en quelques clics", "en quelques clics"),
    ("La plupart des contacts sont importés", "La plupart"),
    ("Orders reach the CRM in real time", "in real time"),
    ("The rep is notified instantly", "instantly"),
    ("Quotes are created in a few clicks", "in a few clicks"),
    ("Most of the contacts are imported", "Most of the"),
])
def test_w001_reports_vague_timing_security_effort_and_shares(lint_yaml, phrase, term):
    text = HEAD + f"features:\n  - id: F-1\n    title: {phrase}\n"
    findings = lint_yaml(text, select=("W001",), lang="fr")
    assert [f.code for f in findings] == ["W001"] and f"« {term} »" in findings[0].message


def test_w001_near_misses_of_the_new_terms_are_not_reported(lint_yaml):
    text = HEAD + """\
features:
  - id: F-1
    title: Accès sécurisé par authentification unique et messagerie instantanée
    scenario: La fiche s'ouvre en 3 clics au plus, at most 3 clicks.
"""
    assert lint_yaml(text, select=("W001",)) == []


@pytest.mark.parametrize("phrase", [
    "Le ticket est escaladé au supérieur immédiat du conseiller",
    "The agent escalates to their immediate manager",
    "Le commercial sécurise le rendez-vous par une confirmation",
    "The account manager secures the renewal 30 days ahead",
    "Once the deal is secured the opportunity moves to Won",
    "Le tableau de bord montre le CA sécurisé par commercial",
    "Paiement de l'acompte par lien de paiement sécurisé 3-D Secure",
    "Résiliation à effet immédiat, sans délai de carence",
])
def test_w001_hierarchy_sales_and_protocol_senses_are_not_vague(lint_yaml, phrase):
    text = HEAD + f"features:\n  - id: F-1\n    title: {phrase}\n"
    assert lint_yaml(text, select=("W001",)) == [], phrase


def test_w001_secure_alone_asks_for_the_measure_not_a_figure(lint_yaml):
    text = HEAD + "features:\n  - id: F-1\n    title: Les contacts sont stockés sur un serveur sécurisé\n"
    findings = lint_yaml(text, select=("W001",), lang="fr")
    assert "nommez la mesure attendue" in findings[0].message and "clics" not in findings[0].message
    english = lint_yaml(text.replace("sécurisé", "sécurisé et rapide"), select=("W001",), lang="en")
    assert "replace with a measurable criterion" in english[0].message


def test_w001_a_number_in_another_sentence_does_not_excuse_a_vague_term(lint_yaml):
    text = HEAD + """\
features:
  - id: F-1
    title: Saisie des comptes rendus
    scenario: >-
      Le commercial saisit son compte rendu de façon intuitive. La saisie prend
      5 minutes au plus.
"""
    findings = lint_yaml(text, select=("W001",), lang="fr")
    assert [f.code for f in findings] == ["W001"] and "« intuitive »" in findings[0].message
    same_clause = text.replace("intuitive. La saisie prend", "intuitive, en")
    assert lint_yaml(same_clause, select=("W001",)) == []


def test_wording_findings_point_at_the_word_in_block_scalars_and_toml(lint_yaml):
    yaml = HEAD + """\
features:
  - id: F-1
    title: Relances
    scenario: |
      Le commercial relance ses devis.
      Il le fait rapidement, etc.
"""
    findings = {f.code: (f.line, f.column) for f in lint_yaml(yaml, select=("W001", "W003"))}
    assert findings == {"W001": (10, 18), "W003": (10, 30)}
    toml = """\
crmreq = 1

[project]
name = "CRM"

[[features]]
id = "F-1"
title = "Relances"
scenario = "Le commercial relance ses devis, et/ou les commandes, si possible."
"""
    findings = {f.code: (f.line, f.column) for f in lint_yaml(toml, name="crmreq.toml", select=("W002", "W004"))}
    assert findings == {"W004": (9, 46), "W002": (9, 67)}


def test_the_second_occurrence_of_a_word_is_found_where_it_is(lint_yaml):
    """« un simple clic » is an exception: the vague « simple » is the second one, further right."""
    text = HEAD + """\
features:
  - id: F-1
    title: Devis
    scenario: "Un simple clic ouvre un écran simple."
"""
    (finding,) = lint_yaml(text, select=("W001",))
    assert (finding.line, finding.column) == (8, 46)


def test_w001_secure_is_concrete_when_the_clause_names_the_measure(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-SEC
    category: security
    statement: Hébergement sécurisé certifié ISO 27001 ; accès sécurisé. Secure access with SSO and MFA.
"""
    findings = lint_yaml(text, select=("W001",), lang="fr")
    assert [f.code for f in findings] == ["W001"] and "« sécurisé »" in findings[0].message
    assert findings[0].column == 64     # the second « sécurisé », in the clause that names no measure
