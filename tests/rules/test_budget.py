"""B — budget: B001 missing category, B002 no budget, B003 bad amounts."""

from __future__ import annotations

from conftest import codes

HEAD = """\
crmreq: 1
project:
  name: Nouveau CRM
  lang: fr
"""

CONTEXT = """\
systems:
  - {id: crm, name: Futur CRM, kind: crm, interfaces: [api]}
  - {id: erp, name: Sage 100, kind: erp, interfaces: [api, file]}
objects:
  - {id: commande, name: Commande}
flows:
  - {id: FL-1, from: crm, to: erp, direction: one_way, objects: [commande], frequency: hourly, mechanism: api}
migration:
  - {id: SRC-1, name: Fichiers Excel des commerciaux, format: xlsx, objects: [commande]}
"""

GOOD = HEAD + CONTEXT + """\
budget:
  currency: EUR
  lines:
    - {category: licences, label: 25 utilisateurs, amount: 12000, recurrence: yearly}
    - {category: setup, label: Paramétrage, min: 15000, max: 25000}
    - {category: integration, label: Connecteur Sage 100, min: 8000, max: 12000}
    - {category: migration, label: Reprise des fichiers Excel, amount: 0}
    - {category: training, label: Formation de 25 utilisateurs, min: 3000, max: 5000}
    - {category: support, label: Support éditeur, amount: 2400, recurrence: yearly}
"""


def test_good_spec_has_no_finding_and_is_schema_valid(lint_yaml):
    assert lint_yaml(GOOD, select=("B", "E")) == []


# -- B001 -------------------------------------------------------------------------------

def test_b001_one_finding_per_missing_category(lint_yaml):
    text = HEAD + CONTEXT + """\
budget:
  lines:
    - {category: licences, amount: 12000, recurrence: yearly}
"""
    findings = lint_yaml(text, select=("B001",), lang="en")
    assert codes(findings) == ["B001"] * 5
    assert all(f.line == 14 and f.severity == "warning" for f in findings)
    for category in ("setup", "integration", "migration", "training", "support"):
        assert any(f"\"{category}\"" in f.message and f.object == f"budget:{category}" for f in findings), category
    assert "{category: setup, label: …, min: …, max: …}" in next(f.fix for f in findings if f.object == "budget:setup")
    integration = next(f for f in findings if "\"integration\"" in f.message)
    assert "the spec declares 1 flow(s)" in integration.message


def test_b001_french_message(lint_yaml):
    text = HEAD + """\
budget:
  lines:
    - {category: licences, amount: 12000}
"""
    findings = lint_yaml(text, select=("B001",), lang="fr", options={"required-budget": ["formation"]})
    assert [f.message for f in findings] == [
        "Le budget n'a pas de poste « training » (formation des utilisateurs) : "
        "chiffrez-le, même sous forme de fourchette (min, max)"]
    assert findings[0].fix == "Ajoutez une ligne {category: training, label: …, min: …, max: …}"


def test_b001_integration_and_migration_only_when_relevant(lint_yaml):
    text = HEAD + """\
budget:
  lines:
    - {category: licences, amount: 12000}
    - {category: setup, amount: 10000}
    - {category: training, amount: 3000}
    - {category: support, amount: 2000}
"""
    assert lint_yaml(text, select=("B001",)) == []


def test_b001_labels_count_for_categories(lint_yaml):
    text = HEAD + CONTEXT + """\
budget:
  lines:
    - {category: licences, amount: 12000}
    - {category: setup, label: "Forfait intégrateur : paramétrage, reprise des données et formation", amount: 30000}
    - {category: other, label: Connecteur ERP, amount: 5000}
    - {label: Maintenance annuelle, amount: 2000}
"""
    assert lint_yaml(text, select=("B001", "E")) == []


def test_b001_silent_when_no_budget(lint_yaml):
    assert codes(lint_yaml(HEAD + CONTEXT, select=("B001", "B002"))) == ["B002"]


# -- B002 -------------------------------------------------------------------------------

def test_b002_no_budget_section(lint_yaml):
    findings = lint_yaml(HEAD, select=("B",), lang="en")
    assert [(f.code, f.line, f.object, f.severity) for f in findings] == [("B002", 1, "budget", "warning")]
    assert findings[0].message.startswith("The spec has no budget")


def test_b002_budget_without_lines(lint_yaml):
    findings = lint_yaml(HEAD + "budget:\n  currency: EUR\n", select=("B",), lang="fr")
    assert [(f.code, f.line) for f in findings] == [("B002", 5)]
    assert findings[0].message.startswith("La spec ne contient pas de budget")


# -- B003 -------------------------------------------------------------------------------

def test_b003_min_above_max_and_negative_amounts(lint_yaml):
    text = HEAD + """\
budget:
  lines:
    - {category: licences, amount: 12000}
    - {category: training, label: Formation, min: 6000, max: 3000}
    - {category: setup, amount: -500}
    - {category: support, min: -10, max: -20}
"""
    findings = lint_yaml(text, select=("B003", "E"), lang="en")
    assert [(f.code, f.line, f.severity) for f in findings] == [("B003", 8, "error"), ("B003", 9, "error"),
                                                                 ("B003", 10, "error")]
    assert findings[0].message == "Budget line \"Formation\": the minimum (6000) exceeds the maximum (3000)"
    assert findings[1].message == "Budget line \"setup\": negative amount (amount)"
    assert findings[2].message == ("Budget line \"support\": negative amount (min, max); "
                                   "the minimum (-10) exceeds the maximum (-20)")
    findings = lint_yaml(text, select=("B003",), lang="fr")
    assert findings[0].message == "Ligne de budget « Formation » : le minimum (6000) dépasse le maximum (3000)"


def test_b003_sane_amounts(lint_yaml):
    text = HEAD + """\
budget:
  lines:
    - {category: training, min: 3000, max: 3000}
    - {category: migration, amount: 0}
    - {category: setup, min: 1000.5, max: 2000}
"""
    assert lint_yaml(text, select=("B003",)) == []


# -- B004 -------------------------------------------------------------------------------

def test_b004_a_line_without_amount_nor_range(lint_yaml):
    text = HEAD + """\
budget:
  lines:
    - {category: licences, amount: 12000, recurrence: yearly}
    - {category: training, label: Formation des utilisateurs, recurrence: one_off}
    - {category: support, max: 3000, recurrence: yearly}
"""
    findings = lint_yaml(text, select=("B004",))
    assert [(f.code, f.line, f.object) for f in findings] == [("B004", 8, "budget.lines[1]")]
    assert "Formation des utilisateurs" in findings[0].message and "min: …, max: …" in findings[0].fix
    assert "has neither an amount nor a range" in findings[0].message
    french = lint_yaml(text, select=("B004",), lang="fr")[0]
    assert french.message.startswith("Ligne de budget « Formation des utilisateurs » sans montant")


def test_b004_fix_is_written_in_toml_in_a_toml_file(lint_yaml):
    text = """\
crmreq = 1

[project]
name = "CRM"

[[budget.lines]]
category = "training"
"""
    findings = lint_yaml(text, name="crmreq.toml", select=("B004", "B001"))
    b004 = next(f for f in findings if f.code == "B004")
    assert b004.fix.endswith('min = …, max = …')
    assert all(" = " in f.fix for f in findings if f.code == "B001")
