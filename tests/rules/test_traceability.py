"""T — traceability and adoption: T001–T006."""

from __future__ import annotations

from conftest import codes

HEAD = """\
crmreq: 1
project:
  name: Nouveau CRM
  lang: fr
"""

GOOD = HEAD + """\
teams:
  - id: commerciaux
    name: Commerciaux terrain
  - id: adv
    name: Administration des ventes
objectives:
  - id: OBJ-DEVIS
    title: Porter le taux de transformation des devis de 18 % à 25 %
  - id: OBJ-ADV
    title: Réduire la ressaisie des commandes de 22 h à 2 h par semaine
features:
  - id: F-DEVIS
    title: Devis depuis la fiche client
    scenario: En rendez-vous, le commercial crée un devis depuis la fiche client
    teams: [commerciaux]
    priority: must
    objectives: [OBJ-DEVIS]
  - id: F-COMMANDE
    title: Transfert des commandes vers l'ERP
    scenario: Le devis signé devient une commande dans l'ERP sans ressaisie
    teams: [adv]
    priority: should
    objectives: [OBJ-ADV, OBJ-DEVIS]
  - id: F-ANNIV
    title: Rappel des anniversaires
    priority: wont
consultation:
  demos:
    - id: DEMO-1
      title: Du rendez-vous au devis
      features: [F-DEVIS]
"""


def test_good_spec_has_no_finding_and_is_schema_valid(lint_yaml):
    assert lint_yaml(GOOD, select=("T", "E")) == []


# -- T001 -------------------------------------------------------------------------------

def test_t001_feature_without_objective(lint_yaml):
    text = GOOD.replace("    objectives: [OBJ-DEVIS]\n", "")
    findings = lint_yaml(text, select=("T001",), lang="en")
    assert [(f.code, f.object, f.line, f.severity) for f in findings] == [("T001", "F-DEVIS", 16, "warning")]
    assert findings[0].message.startswith("Feature F-DEVIS serves no objective")


def test_t001_empty_list_points_at_the_key(lint_yaml):
    text = GOOD.replace("    objectives: [OBJ-DEVIS]\n", "    objectives: []\n")
    findings = lint_yaml(text, select=("T001",), lang="fr")
    assert [(f.object, f.line) for f in findings] == [("F-DEVIS", 21)]
    assert findings[0].message.startswith("La fonctionnalité F-DEVIS ne sert aucun objectif")


COMPLIANCE = GOOD.replace("consultation:\n", """\
  - id: F-OUBLI
    module: admin
    title: Effacement d'une personne sur demande, propagé à l'ERP
    teams: [adv]
    priority: must
  - id: F-DROITS
    module: admin
    title: Rôles et droits d'accès par équipe
    teams: [adv]
    priority: must
  - id: F-SSO
    module: crm
    title: Connexion unique, voir NFR-SEC
    teams: [commerciaux]
    priority: must
  - id: F-CARTE
    module: sales
    title: Carte des clients autour de moi
    teams: [commerciaux]
    priority: could
nfr:
  - {id: NFR-SEC, category: security, statement: Authentification unique avec l'annuaire et double authentification}
rgpd:
  data_location: FR
consultation:
""")


def test_t001_a_feature_serving_the_rgpd_section_or_an_nfr_is_traced(lint_yaml):
    """Compliance features are not called useless: erasure serves the rgpd section, access rights in
    module admin serve the security NFR, a feature citing an NFR id serves it."""
    findings = lint_yaml(COMPLIANCE, select=("T001",), lang="fr")
    assert [f.object for f in findings] == ["F-CARTE"]
    assert findings[0].fix == "Ajoutez objectives: [\"<id de l'objectif>\"]"
    # without the rgpd section and the NFR, nothing is there to serve
    bare = COMPLIANCE.split("nfr:\n")[0] + "consultation:\n" + COMPLIANCE.split("consultation:\n")[1]
    assert [f.object for f in lint_yaml(bare, select=("T001",))] == ["F-OUBLI", "F-DROITS", "F-SSO", "F-CARTE"]


def test_t001_rights_requests_as_consultants_word_them_are_traced_to_the_rgpd_section(lint_yaml):
    """« Exercice des droits des clientes » and "subject access requests" serve the rgpd section."""
    text = COMPLIANCE.replace("Effacement d'une personne sur demande, propagé à l'ERP",
                              "Exercice des droits des clientes, export CSV de leurs données")
    text = text.replace("title: Rôles et droits d'accès par équipe",
                        "title: Subject access requests answered within one month")
    assert [f.object for f in lint_yaml(text, select=("T001",), lang="fr")] == ["F-CARTE"]


def test_t001_silent_without_objectives(lint_yaml):
    text = HEAD + """\
features:
  - id: F-1
    title: Fiche client
"""
    assert lint_yaml(text, select=("T001",)) == []


# -- T002 -------------------------------------------------------------------------------

def test_t002_objective_without_feature(lint_yaml):
    text = GOOD.replace("    objectives: [OBJ-ADV, OBJ-DEVIS]\n", "    objectives: [OBJ-DEVIS]\n")
    findings = lint_yaml(text, select=("T002",), lang="fr")
    assert [(f.code, f.object, f.line) for f in findings] == [("T002", "OBJ-ADV", 13)]
    assert findings[0].message.startswith("L'objectif OBJ-ADV n'est servi par aucune fonctionnalité")
    findings = lint_yaml(text, select=("T002",), lang="en")
    assert findings[0].message.startswith("Objective OBJ-ADV is served by no feature")


def test_t002_a_wont_feature_does_not_serve_an_objective(lint_yaml):
    text = GOOD.replace("    objectives: [OBJ-ADV, OBJ-DEVIS]\n", "    objectives: [OBJ-DEVIS]\n").replace(
        "    priority: wont\n", "    priority: wont\n    objectives: [OBJ-ADV]\n")
    assert [f.object for f in lint_yaml(text, select=("T002",))] == ["OBJ-ADV"]


def test_t002_silent_without_features(lint_yaml):
    text = HEAD + """\
objectives:
  - id: OBJ-1
    title: Répondre sous 24 h
"""
    assert lint_yaml(text, select=("T002",)) == []


# -- T003 -------------------------------------------------------------------------------

def test_t003_team_without_feature(lint_yaml):
    text = GOOD.replace("    teams: [adv]\n", "    teams: [commerciaux]\n")
    findings = lint_yaml(text, select=("T003",), lang="en")
    assert [(f.code, f.object, f.line) for f in findings] == [("T003", "adv", 8)]
    assert findings[0].message.startswith("Team adv is in scope but no feature lists it")
    findings = lint_yaml(text, select=("T003",), lang="fr")
    assert findings[0].message.startswith("L'équipe adv est dans le périmètre mais aucune fonctionnalité ne la cite")


def test_t003_silent_when_no_feature_names_any_team(lint_yaml):
    text = GOOD.replace("    teams: [adv]\n", "").replace("    teams: [commerciaux]\n", "")
    assert codes(lint_yaml(text, select=("T003", "T004"))) == ["T004", "T004"]


# -- T004 -------------------------------------------------------------------------------

def test_t004_feature_without_team(lint_yaml):
    text = GOOD.replace("    teams: [adv]\n", "")
    findings = lint_yaml(text, select=("T004",), lang="en")
    assert [(f.code, f.object, f.line) for f in findings] == [("T004", "F-COMMANDE", 22)]
    assert findings[0].message == "Feature F-COMMANDE: no user team (teams); say which teams will use it day to day"
    findings = lint_yaml(text, select=("T004",), lang="fr")
    assert findings[0].message.startswith("Fonctionnalité F-COMMANDE : aucune équipe utilisatrice (teams)")


def test_t004_single_finding_when_the_spec_declares_no_team(lint_yaml):
    text = HEAD + """\
features:
  - id: F-1
    title: Fiche client
  - id: F-2
    title: Devis
"""
    findings = lint_yaml(text, select=("T004",), lang="en")
    assert [(f.code, f.object, f.line) for f in findings] == [("T004", "teams", 1)]
    assert "declares no team" in findings[0].message


def test_t004_wont_feature_needs_no_team(lint_yaml):
    assert "T004" not in codes(lint_yaml(GOOD, select=("T004",)))


# -- T005 -------------------------------------------------------------------------------

def test_t005_must_have_not_demonstrated(lint_yaml):
    text = GOOD.replace("      features: [F-DEVIS]\n", "      features: [F-COMMANDE]\n")
    findings = lint_yaml(text, select=("T005",), lang="fr")
    assert [(f.code, f.object, f.line, f.severity) for f in findings] == [("T005", "F-DEVIS", 16, "info")]
    assert findings[0].message.startswith("La fonctionnalité indispensable F-DEVIS n'est montrée dans aucun scénario")
    findings = lint_yaml(text, select=("T005",), lang="en")
    assert findings[0].message.startswith("Must-have feature F-DEVIS is shown by no demo scenario")


def test_t005_silent_without_demos(lint_yaml):
    text = GOOD[:GOOD.index("consultation:")]
    assert lint_yaml(text, select=("T005",)) == []


# -- T006 -------------------------------------------------------------------------------

def test_t006_feature_without_scenario(lint_yaml):
    text = GOOD.replace("    scenario: Le devis signé devient une commande dans l'ERP sans ressaisie\n", "")
    findings = lint_yaml(text, select=("T006",), lang="en")
    assert [(f.code, f.object, f.line) for f in findings] == [("T006", "F-COMMANDE", 22)]
    assert findings[0].message.startswith("Feature F-COMMANDE has no scenario")


def test_t006_blank_scenario_points_at_the_key(lint_yaml):
    text = GOOD.replace("    scenario: Le devis signé devient une commande dans l'ERP sans ressaisie\n",
                        "    scenario: \"  \"\n")
    findings = lint_yaml(text, select=("T006", "E"), lang="fr")
    assert [(f.code, f.object, f.line) for f in findings] == [("T006", "F-COMMANDE", 24)]
    assert findings[0].message.startswith("La fonctionnalité F-COMMANDE n'a pas de scénario")


def test_t006_scenario_of_wrong_type_is_left_to_e002(lint_yaml):
    text = GOOD.replace("    scenario: Le devis signé devient une commande dans l'ERP sans ressaisie\n",
                        "    scenario: [a, b]\n")
    assert codes(lint_yaml(text, select=("T006", "E"))) == ["E002"]
