"""M — migration rules."""

from __future__ import annotations

import pytest

from crmreq.rules.migration import spreadsheet_tool

HEAD = """\
crmreq: 1
project:
  name: Test
  date: 2026-03-01
"""

GOOD = HEAD + """\
objects:
  - {id: comptes, name: Comptes}
  - {id: contacts, name: Contacts}
teams:
  - id: commerciaux
    name: Commerciaux
    current_tools: [Excel, Outlook]
migration:
  - id: SRC-EXCEL
    name: Fichiers Excel des commerciaux
    format: xlsx
    volume: "environ 8 500 lignes"
    objects: [comptes, contacts]
  - id: SRC-ERP
    name: Clients de l'ERP
    format: export CSV
    volume: {value: 4000, unit: comptes}
    objects: [comptes]
"""


def by_code(findings, code):
    return [f for f in findings if f.code == code]


def test_good_spec_has_no_finding_and_no_schema_error(lint_yaml):
    findings = lint_yaml(GOOD, select=("M", "E"))
    assert findings == []


# -- M001 ---------------------------------------------------------------------------
def test_m001_source_without_volume(lint_yaml):
    findings = lint_yaml(HEAD + """\
migration:
  - id: SRC-1
    format: xlsx
    objects: [x]
""", select=("M001",))
    [f] = findings
    assert (f.code, f.object, f.line, f.severity) == ("M001", "SRC-1", 6, "warning")
    assert f.name == "migration-source-without-volume"
    assert "SRC-1" in f.message and "volume" in f.message


def test_m001_volume_without_number_points_at_volume(lint_yaml):
    findings = lint_yaml(HEAD + """\
migration:
  - id: SRC-1
    format: xlsx
    volume: beaucoup
""", select=("M001",), lang="fr")
    [f] = findings
    assert (f.object, f.line) == ("SRC-1", 8)
    assert "« beaucoup »" in f.message and "volume" in f.message
    assert f.message.startswith("La source de reprise SRC-1")


def test_m001_near_miss_numeric_volume(lint_yaml):
    assert lint_yaml(HEAD + """\
migration:
  - {id: SRC-1, volume: 12000}
  - {id: SRC-2, volume: "3 000 contacts"}
""", select=("M001",)) == []


# -- M002 ---------------------------------------------------------------------------
def test_m002_source_without_format(lint_yaml):
    findings = lint_yaml(HEAD + """\
migration:
  - id: SRC-OK
    format: csv
  - id: SRC-2
    name: ERP
""", select=("M002",), lang="fr")
    [f] = findings
    assert (f.code, f.object, f.line) == ("M002", "SRC-2", 8)
    assert "format" in f.message and "SRC-2" in f.message


def test_m002_blank_format_points_at_the_key(lint_yaml):
    findings = lint_yaml(HEAD + """\
migration:
  - id: SRC-2
    format: "  "
""", select=("M002",))
    [f] = findings
    assert (f.object, f.line) == ("SRC-2", 7)


# -- M003 ---------------------------------------------------------------------------
def test_m003_source_without_target_objects(lint_yaml):
    findings = lint_yaml(HEAD + """\
migration:
  - id: SRC-1
    format: xlsx
  - id: SRC-2
    objects: []
""", select=("M003",))
    assert [(f.object, f.line) for f in findings] == [("SRC-1", 6), ("SRC-2", 9)]
    assert all(f.code == "M003" and f.severity == "warning" for f in findings)


def test_m003_near_miss(lint_yaml):
    assert lint_yaml(GOOD, select=("M003",)) == []


# -- M004 ---------------------------------------------------------------------------
TEAMS_WITH_SHEETS = HEAD + """\
teams:
  - id: direction
    current_tools: [Outlook]
  - id: commerciaux
    current_tools:
      - Outlook
      - Fichier Excel partagé
  - id: adv
    current_tools: [Google Sheets]
  - id: sav
    current_tools: [tableur LibreOffice]
"""


def test_m004_one_finding_at_first_team(lint_yaml):
    findings = lint_yaml(TEAMS_WITH_SHEETS, select=("M004",), lang="en")
    [f] = findings
    assert (f.code, f.object, f.line, f.severity) == ("M004", "commerciaux", 9, "warning")
    assert "Fichier Excel partagé" in f.message
    assert "as do 2 other teams" in f.message


def test_m004_french_message(lint_yaml):
    [f] = lint_yaml(TEAMS_WITH_SHEETS, select=("M004",), lang="fr")
    assert f.message.startswith("L'équipe commerciaux travaille aujourd'hui avec « Fichier Excel partagé »")
    assert "comme 2 autres équipes" in f.message


def test_m004_single_team_has_no_others_fragment(lint_yaml):
    [f] = lint_yaml(HEAD + """\
teams:
  - id: ventes
    current_tools: [clients.XLSX]
""", select=("M004",))
    assert f.object == "ventes" and "other team" not in f.message


def test_m004_near_miss_when_a_source_is_declared(lint_yaml):
    assert lint_yaml(TEAMS_WITH_SHEETS + """\
migration:
  - {id: SRC-1, format: xlsx}
""", select=("M004",)) == []


def test_m004_near_miss_without_spreadsheet(lint_yaml):
    assert lint_yaml(HEAD + """\
teams:
  - id: ventes
    current_tools: [Outlook, "Sage 100", carnet papier, "Excellence commerciale (formation)"]
""", select=("M004",)) == []


@pytest.mark.parametrize("tool", [
    "Excel", "EXCEL 2016", "MS Excel", "fichiers Excel", "Google Sheets", "google sheet partagé", "GSheets",
    "LibreOffice Calc", "Libre Office Calc", "tableur", "Tableurs partagés", "feuille de calcul", "spreadsheet",
    "clients.xlsx", "export .CSV", "relances.xls", "suivi.ods", "Apple Numbers",
])
def test_spreadsheet_lexicon_recognises(tool):
    assert spreadsheet_tool([tool]) == tool


@pytest.mark.parametrize("tool", [
    "Outlook", "Excellence", "Salesforce", "classeur papier", "Calculatrice", "Sage", "Numbers", "", None,
])
def test_spreadsheet_lexicon_rejects(tool):
    assert spreadsheet_tool([tool]) is None


def test_rules_never_raise_on_empty_items(lint_yaml):
    findings = lint_yaml(HEAD + """\
teams:
  - id: t1
migration:
  - id: s1
""", select=("M",))
    assert sorted(f.code for f in findings) == ["M001", "M002", "M003"]
