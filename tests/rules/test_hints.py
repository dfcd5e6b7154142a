"""Fix hints use the syntax of the file they point into, and section-level findings have a stable object."""

from __future__ import annotations

from crmreq.rules.hints import HOLE, assignment, value_text

TOML = """\
crmreq = 1

[project]
name = "CRM"
lang = "fr"

[[objectives]]
id = "OBJ-1"
title = "Porter le taux de transformation de 18 % à 25 %"

[[features]]
id = "F-1"
title = "Devis depuis la fiche client"

[[migration]]
id = "SRC-1"
name = "Fichier Excel des commerciaux"

[[nfr]]
id = "NFR-PERF"
category = "performance"
statement = "Fiche client en moins de 2 s"

[timeline]
phases = [{id = "cadrage", duration = "3 semaines"}]
"""


def test_hints_are_toml_in_a_toml_spec(lint_yaml):
    findings = lint_yaml(TOML, name="crmreq.toml", select=("P001", "M001", "M002", "M003", "L005", "T001", "N001"),
                         lang="fr")
    fixes = {(f.code, f.object): f.fix for f in findings}
    assert fixes["P001", "F-1"] == "Ajoutez priority = \"important\" (ou indispensable, confort)"
    assert fixes["M001", "SRC-1"] == "Ajoutez par exemple volume = \"12 000 contacts\""
    assert fixes["M003", "SRC-1"] == "Ajoutez par exemple objects = [\"comptes\", \"contacts\"]"
    assert fixes["L005", "timeline.go_live"] == "Ajoutez par exemple go_live = 2027-01-04"
    assert fixes["T001", "F-1"] == "Ajoutez objectives = [\"<id de l'objectif>\"]"
    assert "« category = \"availability\" »" in fixes["N001", "nfr:availability"]
    assert all(": " not in fix.split("Ajoutez")[-1].split("(")[0] for fix in fixes.values() if fix), fixes


def test_the_same_hints_are_yaml_in_a_yaml_spec(lint_yaml):
    yaml = "crmreq: 1\nproject: {name: CRM}\nfeatures:\n  - {id: F-1, title: Devis}\n"
    fixes = [f.fix for f in lint_yaml(yaml, select=("P001", "L005"), lang="en")]
    assert fixes == ["Add e.g. timeline: {go_live: 2027-01-04}", "Add priority: should (or must, could, wont)"]


def test_values_are_written_as_each_syntax_wants():
    assert assignment("metric", "2 s", "yaml") == 'metric: "2 s"'
    assert assignment("metric", "2 s", "toml") == 'metric = "2 s"'
    assert assignment("priority", "must", "yaml") == "priority: must"
    assert assignment("priority", "true", "yaml") == 'priority: "true"'     # not a boolean
    assert value_text({"min": HOLE, "max": 3000}, "toml") == "{min = …, max = 3000}"
    assert value_text(["a b", "c"], "yaml") == '["a b", c]'


def test_section_findings_have_a_stable_object(lint_yaml):
    findings = lint_yaml("crmreq: 1\nproject: {name: CRM}\nobjects:\n  - {id: contact, personal_data: true}\n",
                         select=("S008", "P004", "N003", "B002", "V001", "V004", "V006", "L001", "L005", "G001"))
    assert sorted((f.code, f.object) for f in findings) == [
        ("B002", "budget"), ("G001", "rgpd"), ("L001", "timeline.phases"), ("L005", "timeline.go_live"),
        ("N003", "nfr"), ("P004", "features"), ("S008", "objectives"), ("V001", "consultation.criteria"),
        ("V004", "consultation.demos"), ("V006", "consultation")]
