"""One finding per cause (issue 15): a value that failed the schema (E002) is neither missing nor
wrong for any other rule, and a file or include that could not be read silences the rest.

Each case is linted through the CLI in French and English; each has a twin where the value is
valid but the spec really is wrong, to show the rule still speaks when it should.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crmreq.cli import main

from conftest import write_spec

SPEC = """\
crmreq: 1
project: {{name: Cascades, company: ACME, lang: fr, date: 2026-01-10}}
teams:
  - {{id: ventes, name: Ventes}}
objectives:
  - id: OBJ-1
    title: Répondre aux demandes de devis en 2 jours au lieu de 4
    metric: délai moyen de réponse
    baseline: "4 j"
    target: "2 j"
    deadline: {deadline}
    owner: ventes
    priority: must
systems:
  - {{id: crm, name: CRM, kind: crm, interfaces: [api]}}
  - {{id: outlook, name: Outlook, kind: email, interfaces: {interfaces}}}
objects:
  - {{id: contact, name: Contact, personal_data: true}}
flows:
  - {{id: FL-1, from: crm, to: outlook, direction: one_way, objects: [contact], frequency: daily, mechanism: api}}
features:
  - id: F-1
    module: sales
    title: Fiche client
    scenario: Le commercial ouvre la fiche avant son rendez-vous
    teams: [ventes]
    objectives: [OBJ-1]
    {priority}
rgpd:
  data_location: FR
  rights: {rights}
consultation:
  criteria:{suppress}
    - {{id: C1, name: Couverture fonctionnelle, weight: {weight}}}
    - {{id: C2, name: Coût, weight: 60}}
"""
GOOD = {"deadline": "2027-06-30", "interfaces": "[api]", "priority": "priority: must",
        "rights": "[access, rectification, erasure, portability, objection]", "weight": "40", "suppress": ""}


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(workdir, lang, **changes):
    """The (code, object) of every finding of the spec with `changes`, linted by the CLI in `lang`."""
    write_spec(workdir, SPEC.format(**{**GOOD, **changes}))
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", lang])
    assert result.exit_code in (0, 1), result.output
    return [(d["code"], d["object"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]


def codes(found) -> set:
    return {code for code, _, _ in found}


def test_the_base_spec_is_clean_of_what_these_tests_watch(workdir):
    assert not codes(lint(workdir, "fr")) & {"E002", "V002", "G004", "G005", "F005", "P001", "S003", "X001"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_weight_written_as_text_gives_e002_and_no_false_total(workdir, lang):
    found = lint(workdir, lang, weight='"40%"')
    assert codes(found) & {"E002", "V002"} == {"E002"}
    suppressed = lint(workdir, lang, weight='"40%"', suppress="  # crmreq: ignore[V002]")
    assert "X001" not in codes(suppressed)   # not an unused suppression: V002 waits on the weight


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_weights_that_really_do_not_add_up_still_give_v002(workdir, lang):
    write_spec(workdir, SPEC.format(**{**GOOD, "weight": "30"}))
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", lang])
    assert "V002" in {d["code"] for d in json.loads(result.stdout)["diagnostics"]}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rights_written_in_french_give_e002_with_the_right_and_no_missing_right(workdir, lang):
    found = lint(workdir, lang, rights="[accès, effacement, rectification, portabilité, opposition]")
    assert codes(found) & {"E002", "G004", "G005"} == {"E002"}
    assert [code for code, _, _ in found].count("E002") == 4


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rights_really_missing_still_give_g004_and_g005(workdir, lang):
    assert {"G004", "G005"} <= codes(lint(workdir, lang, rights="[rectification]"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_interfaces_written_as_text_give_e002_and_no_f005(workdir, lang):
    found = lint(workdir, lang, interfaces="API")
    assert codes(found) & {"E002", "F005"} == {"E002"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_interfaces_that_really_lack_api_still_give_f005(workdir, lang):
    assert "F005" in codes(lint(workdir, lang, interfaces="[file]"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_priority_outside_the_list_is_not_a_missing_priority(workdir, lang):
    found = lint(workdir, lang, priority="priority: haute")
    assert codes(found) & {"E002", "P001"} == {"E002"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_misspelt_priority_key_is_not_a_missing_priority(workdir, lang):
    found = lint(workdir, lang, priority="priorty: must")
    assert codes(found) & {"E002", "P001"} == {"E002"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_priority_really_missing_still_gives_p001(workdir, lang):
    assert "P001" in codes(lint(workdir, lang, priority=""))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_deadline_written_as_a_bare_number_is_unreadable_not_missing(workdir, lang):
    found = [(code, obj) for code, obj, _ in lint(workdir, lang, deadline="12")]
    assert ("S006", "OBJ-1") in found and ("S003", "OBJ-1") not in found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_misspelt_include_gives_e004_alone(workdir, lang):
    write_spec(workdir, SPEC.format(**{**GOOD, "suppress": "  # crmreq: ignore[V002]"})
               .replace("crmreq: 1\n", "crmreq: 1\ninclude: [projet.yml]\n"))
    write_spec(workdir, "budget:\n  lines: []\n", "projet.yaml")
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", lang])
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["E004"]   # no X001: no rule ran


def test_in_toml_too(workdir):
    write_spec(workdir, """\
crmreq = 1
[project]
name = "T"
lang = "en"
[consultation]
criteria = [{id = "C1", name = "Fit", weight = "40%"}, {id = "C2", name = "Cost", weight = 60}]
""", "crmreq.toml")
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", "en"])
    found = {d["code"]: d for d in json.loads(result.stdout)["diagnostics"]}
    assert "V002" not in found and found["E002"]["fix"] == "replace with `40`"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_mistyped_team_gives_e006_naming_it_and_the_team_is_not_unused(workdir, lang):
    write_spec(workdir, SPEC.format(**GOOD).replace("{id: ventes, name: Ventes}", "{id: équipe-ventes, name: Ventes}")
               .replace("teams: [ventes]", "teams: [equipe-ventes]").replace("owner: ventes", "owner: équipe-ventes"))
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", lang])
    found = {(d["code"], d["object"]): d for d in json.loads(result.stdout)["diagnostics"]}
    assert found[("E006", "F-1")]["fix"].endswith("`équipe-ventes`")
    assert ("T003", "équipe-ventes") not in found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_team_named_by_nothing_like_it_is_still_unused(workdir, lang):
    write_spec(workdir, SPEC.format(**GOOD).replace("teams: [ventes]", "teams: [logistique]"))
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", lang])
    found = {(d["code"], d["object"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert {("E006", "F-1"), ("T003", "ventes")} <= found


CRASHES_ON_A_MISSING_WEIGHT = '''
from crmreq import hookimpl
from crmreq.findings import Rule

def check(spec, emit):
    total = sum(criterion.weight for criterion in spec.consultation.criteria)   # None + 60: TypeError
    emit(spec.pos, total=total)

@hookimpl
def crmreq_register_rules():
    return [Rule(code="ZZ001", name="weights", severity="warning", family="test",
                 message={"fr": "{total}", "en": "{total}"}, doc={"fr": "x", "en": "x"}, check=check)]
'''


def test_a_rule_crash_stays_reported_though_a_valid_value_would_avoid_it(workdir):
    write_spec(workdir, SPEC.format(**{**GOOD, "weight": '"40%"'}))
    (workdir / "crash.py").write_text(CRASHES_ON_A_MISSING_WEIGHT, encoding="utf-8")
    (workdir / ".crmreq.toml").write_text('plugins = ["crash.py"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", "en"])
    assert result.exit_code == 2
    assert "X002" in {d["code"] for d in json.loads(result.stdout)["diagnostics"]}


@pytest.mark.parametrize("written", ["features: TBD", "features: []", ""])
def test_references_into_a_section_with_no_item_are_said_once_by_its_rule(workdir, written):
    """No feature at all: P004 says it once; the demo naming three features gets no E006 each."""
    write_spec(workdir, f"""\
crmreq: 1
project: {{name: P, company: C, lang: fr, date: 2026-01-10}}
{written}
consultation:
  demos:
    - {{id: D1, title: Démo, features: [F-1, F-2, F-3]}}
""")
    result = CliRunner().invoke(main, ["lint", "--format", "json"])
    found = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert found.count("P004") == 1 and "E006" not in found


def test_a_reference_to_a_missing_feature_among_others_is_still_e006(workdir):
    write_spec(workdir, SPEC.format(**GOOD) + "  demos:\n    - {id: D1, title: Démo, features: [F-1, F-9]}\n")
    result = CliRunner().invoke(main, ["lint", "--format", "json"])
    unknown = [d["message"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "E006"]
    assert len(unknown) == 1 and "F-9" in unknown[0]
