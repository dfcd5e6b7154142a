"""E002 in the user's words (issue 15): what was expected and where, never a program's word, and
the nearest valid key or value, in the message and in the fix (JSON, SARIF) as "replace with `X`"."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from crmreq.cli import main

from conftest import lint_path, write_spec

HEAD = "crmreq: 1\nproject: {name: T, company: C, lang: fr, date: 2026-01-10}\n"
INTERNALS = re.compile(r"PosList|PosDict|\bstr\b|\bint\b|\bfloat\b|\bdict\b|None|nullable|«\s?\d+\s?»|`\d+`|'[^'\s]+'")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def e002(workdir, body, lang, name="crmreq.yaml", head=HEAD):
    write_spec(workdir, head + body, name)
    return [f for f in lint_path(workdir / name, select=("E002",), lang=lang)]


MISTAKES = """\
context:
  situation:
    headcount: environ 80
    notes:
      Note : il faut voir
teams:
  - {id: ventes, name: Ventes, mobile: oui, size: 2.5}
systems:
  - {id: crm, name: CRM, kind: crm, interfaces: API}
rgpd:
  rights: [access, effacement]
features:
  - Fiche client
"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_message_shows_a_program_word(workdir, lang):
    findings = e002(workdir, MISTAKES, lang)
    assert len(findings) == 7
    for finding in findings:
        assert not INTERNALS.search(finding.message), finding.message


@pytest.mark.parametrize("lang, expected", [
    ("fr", {6: "«\u00a0notes\u00a0» attend un texte, pas des clés\u00a0: un texte qui contient «\u00a0:\u00a0» "
               "s'écrit entre guillemets",
            13: "le 2e droit, «\u00a0effacement\u00a0», n'est pas une valeur possible\u00a0: vouliez-vous dire "
                "«\u00a0erasure\u00a0»\u00a0?"}),
    ("en", {6: "`notes` expects a text, not keys: a text that holds ': ' is written in quotes",
            13: "the 2nd right, `effacement`, is not an allowed value: did you mean `erasure`?"}),
])
def test_messages_say_what_was_expected_and_where(workdir, lang, expected):
    by_line = {f.line: f.message for f in e002(workdir, MISTAKES, lang)}
    for line, text in expected.items():
        assert text in by_line[line]


@pytest.mark.parametrize("lang, text, fix", [
    ("fr", "«\u00a0interfaces\u00a0» attend une liste\u00a0: écrivez «\u00a0interfaces: [api]\u00a0», "
           "ou une ligne «\u00a0- api\u00a0» par élément", "remplacez par `[api]`"),
    ("en", "`interfaces` expects a list: write `interfaces: [api]`, or one `- api` line per item", "replace with `[api]`"),
])
def test_a_list_is_written_in_yaml_syntax_in_a_yaml_file(workdir, lang, text, fix):
    [finding] = [f for f in e002(workdir, MISTAKES, lang) if f.line == 11]
    assert finding.message.endswith(text) and finding.fix == fix


def test_a_list_is_written_in_toml_syntax_in_a_toml_file(workdir):
    head = 'crmreq = 1\n[project]\nname = "T"\nlang = "en"\n'
    [finding] = e002(workdir, '[[systems]]\nid = "crm"\nkind = "crm"\ninterfaces = "API, fichier"\n', "en",
                     "crmreq.toml", head)
    assert finding.message == 'Schema: `interfaces` expects a list: write `interfaces = ["api", "file"]`'
    assert finding.fix == 'replace with `["api", "file"]`'


@pytest.mark.parametrize("lang, fragment", [("fr", "écrivez 80"), ("en", "write 80")])
def test_a_number_written_with_words_gets_the_number(workdir, lang, fragment):
    [finding] = [f for f in e002(workdir, MISTAKES, lang) if f.line == 5]
    assert fragment in finding.message and finding.fix.endswith("`80`")


def test_a_number_where_a_text_is_expected_is_to_be_quoted(workdir):
    [finding] = e002(workdir, "", "en", "crmreq.toml", 'crmreq = 1\n[project]\nname = "T"\nversion = 1.5\n')
    assert finding.message == "Schema: `version` expects a text: put `1.5` in quotes"
    assert finding.fix == 'replace with `"1.5"`'


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_item_that_is_not_a_mapping_is_named_by_its_rank(workdir, lang):
    [finding] = [f for f in e002(workdir, MISTAKES, lang) if f.line == 15]
    assert finding.message.split(": ", 1)[-1].startswith(
        "la 1re fonctionnalité attend des clés" if lang == "fr" else "the 1st feature expects keys below it")


@pytest.mark.parametrize("key, meant", [
    ("deadine", "deadline"), ("priorty", "priority"), ("priorité", "priority"), ("Owner", "owner"),
    ("échéance", "deadline"), ("responsable", "owner"),
])
def test_an_unknown_key_gets_the_nearest_key(workdir, key, meant):
    [fr] = e002(workdir, f"objectives:\n  - id: OBJ-1\n    {key}: x\n", "fr")
    [en] = e002(workdir, f"objectives:\n  - id: OBJ-1\n    {key}: x\n", "en")
    assert f"vouliez-vous dire «\u00a0{meant}\u00a0»" in fr.message and fr.fix == f"remplacez par `{meant}`"
    assert f"did you mean `{meant}`?" in en.message and en.fix == f"replace with `{meant}`"


def test_an_unknown_key_with_nothing_close_lists_the_keys_allowed_there(workdir):
    [finding] = e002(workdir, "budget:\n  devise: EUR\n  foo: 1\n", "en")[1:]
    assert finding.message.startswith("Schema: unknown key `foo`; keys allowed here: currency, lines")
    assert finding.fix is None


@pytest.mark.parametrize("field, written, meant", [
    ("direction", "bidirectionnel", "two_way"), ("frequency", "quotidien", "daily"),
    ("frequency", "hebdomadaire", "weekly"), ("frequency", "temps réel", "realtime"),
    ("frequency", "DAILY", "daily"), ("direction", "Two-Way", "two_way"), ("mechanism", "fichier", "file"),
    ("frequency", "quotidienne", "daily"), ("frequency", "hebdomadiare", "weekly"),
])
def test_a_flow_value_gets_the_nearest_allowed_value(workdir, field, written, meant):
    [finding] = e002(workdir, f"flows:\n  - id: FL-1\n    {field}: {written}\n", "en")
    assert f"did you mean `{meant}`?" in finding.message and finding.fix == f"replace with `{meant}`"


@pytest.mark.parametrize("body, meant", [
    ("rgpd:\n  rights: [oubli]\n", "erasure"), ("rgpd:\n  rights: [accès]\n", "access"),
    ("rgpd:\n  purposes:\n    - {id: P1, legal_basis: intérêt légitime}\n", "legitimate_interest"),
    ("rgpd:\n  purposes:\n    - {id: P1, legal_basis: consentement}\n", "consent"),
    ("rgpd:\n  purposes:\n    - {id: P1, legal_basis: contrat}\n", "contract"),
    ("features:\n  - {id: F1, priority: haute}\n", "indispensable"),
    ("features:\n  - {id: F1, priority: critique}\n", "indispensable"),
    ("features:\n  - {id: F1, priority: high}\n", "must"),
])
def test_french_words_get_the_value_they_mean_in_both_languages(workdir, body, meant):
    [fr] = e002(workdir, body, "fr")
    [en] = e002(workdir, body, "en")
    assert f"«\u00a0{meant}\u00a0»\u00a0?" in fr.message and en.fix == f"replace with `{meant}`"


def test_a_value_resembling_nothing_lists_the_allowed_values_without_guessing(workdir):
    [finding] = e002(workdir, "flows:\n  - id: FL-1\n    frequency: parfois\n", "en")
    assert "did you mean" not in finding.message and finding.fix is None
    assert finding.message.endswith("allowed: realtime, hourly, daily, weekly, monthly, on_event, manual")


def test_the_fix_reaches_json_and_sarif(workdir):
    write_spec(workdir, HEAD + "flows:\n  - {id: FL-1, direction: bidirectionnel}\n")
    as_json = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", "fr", "--select", "E002"])
    [finding] = json.loads(as_json.stdout)["diagnostics"]
    assert finding["fix"] == "remplacez par `two_way`"
    as_sarif = CliRunner().invoke(main, ["lint", "--format", "sarif", "--lang", "en", "--select", "E002"])
    [result] = json.loads(as_sarif.stdout)["runs"][0]["results"]
    assert result["properties"]["fix"] == "replace with `two_way`"
