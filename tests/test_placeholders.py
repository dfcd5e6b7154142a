"""Placeholders (`TBD`, `à définir`, `?`, `N/A`…) and empty values count as missing: the rule
for the missing value reports them and names the placeholder; the schema does not call them
wrong (issue 15)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.values.placeholders import blank, placeholder

from conftest import write_spec

NOTE = {"fr": "(«\u00a0{}\u00a0» n'est pas une valeur)", "en": "(\u201c{}\u201d is a placeholder, not a value)"}


@pytest.mark.parametrize("written", [
    "TBD", "tbc", "à définir", "A DEFINIR", " à préciser ", "À compléter", "?", "??", "XXX", "N/A", "NA", "-", "–",
    "…", "...", "à  définir",
])
def test_placeholders_are_recognised_whatever_the_case_accents_and_spaces(written):
    assert placeholder(written) == written.strip() and blank(written)


@pytest.mark.parametrize("written", ["Nantes", "x", "0", "définir les rôles", "N/A pour l'instant", "", 0, False])
def test_values_are_not_placeholders(written):
    assert placeholder(written) is None and not blank(written)


def test_nothing_written_is_blank():
    assert blank(None) and placeholder(None) is None


SPEC = """\
crmreq: 1
project: {{name: T, company: C, lang: fr, date: 2026-01-10}}
context:
  situation:
    headcount: {headcount}
teams:
  - {{id: ventes, name: Ventes}}
objectives:
  - id: OBJ-1
    title: Répondre aux devis en 2 jours au lieu de 4
    metric: délai moyen
    baseline: {baseline}
    target: "2 j"
    deadline: 2027-06-30
    owner: {owner}
features:
  - {{id: F-1, module: sales, title: Fiche client, scenario: Le commercial ouvre la fiche, priority: must,
      objectives: [OBJ-1], teams: {teams}}}
objects:
  - {{id: prospect, name: Prospect, personal_data: true}}
rgpd:
  data_location: FR
  retention:
    prospect: {retention}
"""
GOOD = {"headcount": "80", "baseline": '"4 j"', "owner": "ventes", "teams": "[ventes]", "retention": "3 ans"}


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(workdir, lang, name="crmreq.yaml", text=None, **changes):
    write_spec(workdir, text or SPEC.format(**{**GOOD, **changes}), name)
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", lang])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["diagnostics"]


def only(found, code):
    [finding] = [d for d in found if d["code"] == code]
    return finding


def test_the_base_spec_has_none_of_the_findings_watched(workdir):
    assert not {d["code"] for d in lint(workdir, "fr")} & {"E002", "E006", "S004", "S007", "T004", "G006"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_placeholder_baseline_is_a_missing_baseline_and_named(workdir, lang):
    s004 = only(lint(workdir, lang, baseline="à définir"), "S004")
    assert s004["message"].endswith(" " + NOTE[lang].format("à définir"))
    assert s004["object"] == "OBJ-1"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_placeholder_retention_no_longer_satisfies_g006(workdir, lang):
    g006 = only(lint(workdir, lang, retention='"à définir"'), "G006")
    assert g006["object"] == "prospect" and g006["message"].endswith(NOTE[lang].format("à définir"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_placeholder_where_a_number_is_expected_is_missing_not_the_wrong_type(workdir, lang):
    assert "E002" not in {d["code"] for d in lint(workdir, lang, headcount="TBD")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_empty_owner_is_a_missing_owner_not_a_schema_error(workdir, lang):
    found = lint(workdir, lang, owner="")
    assert "E002" not in {d["code"] for d in found}
    s007 = only(found, "S007")
    assert "None" not in s007["message"] and "nullable" not in s007["message"]
    assert s007["line"] == 9   # the objective: the rule reports a missing owner there


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_placeholder_owner_is_a_missing_owner_not_an_unknown_id(workdir, lang):
    found = lint(workdir, lang, owner="TBD")
    assert "E006" not in {d["code"] for d in found}
    assert only(found, "S007")["message"].endswith(NOTE[lang].format("TBD"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_placeholder_in_a_list_is_no_item(workdir, lang):
    t004 = only(lint(workdir, lang, teams="[TBD]"), "T004")
    assert t004["object"] == "F-1" and t004["message"].endswith(NOTE[lang].format("TBD"))


def test_the_note_goes_only_on_the_finding_the_placeholder_causes(workdir):
    found = lint(workdir, "en", baseline="TBD", owner="")
    assert only(found, "S004")["message"].endswith(NOTE["en"].format("TBD"))
    assert "placeholder" not in only(found, "S007")["message"]
    assert not [d for d in found if "placeholder" in d["message"] and d["code"] not in ("S004",)]


def test_several_placeholders_on_one_objective_are_each_named_by_their_rule(workdir):
    found = lint(workdir, "fr", baseline="TBD", owner='"?"')
    assert only(found, "S004")["message"].endswith(NOTE["fr"].format("TBD"))
    assert only(found, "S007")["message"].endswith(NOTE["fr"].format("?"))


def test_in_toml_too(workdir):
    found = lint(workdir, "en", "crmreq.toml", text="""\
crmreq = 1
[project]
name = "T"
lang = "en"
[[objectives]]
id = "OBJ-1"
title = "Answer quotes in 2 days instead of 4"
metric = "time to answer"
baseline = "N/A"
target = "2 d"
deadline = 2027-06-30
owner = "TBD"
""")
    assert only(found, "S004")["message"].endswith(NOTE["en"].format("N/A"))
    assert only(found, "S007")["message"].endswith(NOTE["en"].format("TBD"))
    assert "E006" not in {d["code"] for d in found}
