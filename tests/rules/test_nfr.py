"""N — non-functional requirements: N001 missing category, N002 no metric, N003 no NFR at all."""

from __future__ import annotations

from conftest import codes

HEAD = """\
crmreq: 1
project:
  name: Nouveau CRM
  lang: fr
"""

GOOD = HEAD + """\
nfr:
  - id: NFR-PERF
    category: performance
    statement: 95 % des ouvertures de fiche client en moins de 2 s avec 50 utilisateurs connectés
  - id: NFR-DISPO
    category: availability
    statement: Disponibilité mensuelle d'au moins 99,5 % hors maintenance planifiée
  - id: NFR-SSO
    category: access_control
    statement: Authentification unique avec l'annuaire Microsoft Entra ID, double authentification des administrateurs
  - id: NFR-SAUV
    category: backup
    statement: Sauvegarde quotidienne conservée 30 jours
    metric: {value: 24, unit: h}
  - id: NFR-REV
    category: reversibility
    statement: Restitution de toutes les données et pièces jointes au format CSV en fin de contrat, sans frais
  - id: NFR-HEB
    category: hosting
    statement: Hébergement dans l'Union européenne ; liste des sous-traitants et de leurs pays
  - id: NFR-VOL
    category: scalability
    statement: Volumétrie à trois ans
    metric: "80 utilisateurs"
  - id: NFR-SUP
    category: support
    statement: Support en français les jours ouvrés de 9 h à 18 h
"""


def test_good_spec_has_no_finding_and_is_schema_valid(lint_yaml):
    findings = lint_yaml(GOOD, select=("N", "E"))
    assert findings == []


# -- N001 -------------------------------------------------------------------------------

def test_n001_one_finding_per_missing_category_at_nfr_section(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-PERF
    category: performance
    statement: Fiche client affichée en moins de 2 s
"""
    findings = lint_yaml(text, select=("N001",))
    missing = ["availability", "security", "backup", "reversibility", "hosting", "scalability", "support"]
    assert codes(findings) == ["N001"] * len(missing)
    assert all(f.line == 5 and f.column == 1 for f in findings)
    assert sorted(f.object for f in findings) == sorted(f"nfr:{category}" for category in missing)
    for category in missing:
        assert any(f"\"{category}\"" in f.message for f in findings), category
    assert all(f.severity == "warning" for f in findings)


def test_n001_messages_in_french(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-PERF
    category: performance
    statement: Fiche client affichée en moins de 2 s
"""
    findings = lint_yaml(text, select=("N001",), lang="fr", options={"required-nfr": ["backup"]})
    assert len(findings) == 1
    assert findings[0].message.startswith("Aucune exigence non fonctionnelle « backup » : rien n'est dit sur la sauvegarde")
    assert "category: backup" in findings[0].fix


def test_n001_option_accepts_french_names_and_strings(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-HEB
    category: hosting
    statement: Hébergement en France
"""
    assert lint_yaml(text, select=("N001",), options={"required-nfr": ["hébergement"]}) == []
    findings = lint_yaml(text, select=("N001",), options={"required-nfr": "Hébergement, Sauvegarde"})
    assert len(findings) == 1 and "\"backup\"" in findings[0].message


def test_n001_security_is_covered_by_access_control_or_audit(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-AUDIT
    category: audit
    statement: Historique des modifications conservé 12 mois
"""
    assert lint_yaml(text, select=("N001",), options={"required-nfr": ["security"]}) == []


def test_n001_silent_when_no_nfr_at_all(lint_yaml):
    findings = lint_yaml(HEAD, select=("N001", "N003"))
    assert codes(findings) == ["N003"]


# -- N002 -------------------------------------------------------------------------------

def test_n002_statement_without_number(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-PERF
    category: performance
    statement: Le CRM doit être rapide
  - id: NFR-OK
    category: performance
    statement: Recherche en moins de 3 s
"""
    findings = lint_yaml(text, select=("N002",), lang="en")
    assert [(f.code, f.object, f.line) for f in findings] == [("N002", "NFR-PERF", 8)]
    assert findings[0].message.startswith("Requirement NFR-PERF (performance) cannot be measured")


def test_n002_french_message(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-DISPO
    category: availability
    statement: Haute disponibilité
"""
    findings = lint_yaml(text, select=("N002",), lang="fr")
    assert len(findings) == 1
    assert findings[0].message.startswith("L'exigence NFR-DISPO (availability) n'est pas mesurable")


def test_n002_metric_field_is_enough(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-PERF
    category: performance
    statement: Ouverture de la fiche client
    metric: {value: 2, unit: s, percentile: 95}
"""
    assert lint_yaml(text, select=("N002",)) == []


def test_n002_qualitative_categories_are_not_checked_by_default(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-HEB
    category: hosting
    statement: Hébergement dans l'Union européenne
"""
    assert lint_yaml(text, select=("N002",)) == []
    findings = lint_yaml(text, select=("N002",), options={"nfr-metric-categories": "*"})
    assert [(f.code, f.object) for f in findings] == [("N002", "NFR-HEB")]


def test_n002_nfr_without_category_or_statement_points_at_item(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-X
    priority: must
"""
    findings = lint_yaml(text, select=("N002", "E"))
    assert [(f.code, f.object, f.line) for f in findings] == [("N002", "NFR-X", 6)]


def test_n002_metric_without_number_points_at_metric(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-PERF
    category: performance
    statement: Le CRM doit être rapide
    metric: très vite
"""
    findings = lint_yaml(text, select=("N002", "E"))
    assert [(f.code, f.object, f.line) for f in findings] == [("N002", "NFR-PERF", 9)]


# -- N003 -------------------------------------------------------------------------------

def test_n003_no_nfr_points_at_entry_file(lint_yaml):
    findings = lint_yaml(HEAD, select=("N",), lang="fr")
    assert [(f.code, f.line, f.severity) for f in findings] == [("N003", 1, "error")]
    assert "aucune exigence non fonctionnelle" in findings[0].message


def test_n003_empty_section_points_at_it(lint_yaml):
    findings = lint_yaml(HEAD + "nfr: []\n", select=("N",), lang="en")
    assert [(f.code, f.line) for f in findings] == [("N003", 5)]
    assert findings[0].message.startswith("The spec has no non-functional requirements")


def test_n003_not_fired_with_one_requirement(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-PERF
    category: performance
    statement: Fiche client en moins de 2 s
"""
    assert "N003" not in codes(lint_yaml(text, select=("N",)))


# -- N002 hints fit the category --------------------------------------------------------

def test_n002_suggests_a_metric_that_fits_the_category(lint_yaml):
    text = HEAD + """\
nfr:
  - {id: NFR-PERF, category: performance, statement: La fiche client doit être rapide}
  - {id: NFR-DISPO, category: availability, statement: Haute disponibilité}
  - {id: NFR-SAUV, category: backup, statement: Sauvegardes régulières}
"""
    fixes = {f.object: f.fix for f in lint_yaml(text, select=("N002",), lang="fr")}
    assert 'metric: "2 s"' in fixes["NFR-PERF"]
    assert 'metric: "99,5 %"' in fixes["NFR-DISPO"] and "2 s" not in fixes["NFR-DISPO"]
    assert "RPO" in fixes["NFR-SAUV"]
    english = {f.object: f.fix for f in lint_yaml(text, select=("N002",), lang="en")}
    assert 'metric: "99.5 %"' in english["NFR-DISPO"]


def test_n002_hint_is_toml_in_a_toml_file(lint_yaml):
    text = """\
crmreq = 1

[project]
name = "CRM"

[[nfr]]
id = "NFR-DISPO"
category = "availability"
statement = "Haute disponibilité"
"""
    finding = lint_yaml(text, name="crmreq.toml", select=("N002",), lang="fr")[0]
    assert 'metric = "99,5 %"' in finding.fix


# -- N004 -------------------------------------------------------------------------------

def test_n004_statement_figure_contradicts_the_metric(lint_yaml):
    text = HEAD + """\
nfr:
  - id: NFR-PERF
    category: performance
    statement: La fiche client s'ouvre en moins de 2 s pour 95 % des ouvertures
    metric: {value: 5, unit: s, percentile: 95}
  - id: NFR-OK
    category: performance
    statement: Recherche en moins de 2000 ms
    metric: "2 s"
"""
    findings = lint_yaml(text, select=("N004",), lang="fr")
    assert [(f.code, f.object, f.line) for f in findings] == [("N004", "NFR-PERF", 8)]
    assert "« 2\u00a0s »" in findings[0].message and "« 5\u00a0s »" in findings[0].message
    assert lint_yaml(text, select=("N004",), lang="en")[0].message.startswith("Requirement NFR-PERF states")


def test_n004_is_silent_on_figures_of_another_measure(lint_yaml):
    assert lint_yaml(GOOD, select=("N004",)) == []
