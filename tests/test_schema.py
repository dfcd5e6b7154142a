"""The JSON Schema in schemas/ is generated from the cerberus schema and must not drift."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from crmreq.cli import main
from crmreq.json_schema import NOT_GIVEN, json_schema, json_schema_text

REPO = Path(__file__).resolve().parents[1]


def test_committed_json_schema_matches_the_cerberus_source():
    committed = (REPO / "schemas" / "crmreq.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "run: python -m crmreq.json_schema"


def test_committed_cerberus_json_copy_matches_the_yaml_source():
    from crmreq.schema import compiled_schema_text

    committed = (REPO / "schemas" / "crmreq.cerberus.json").read_text(encoding="utf-8")
    assert committed == compiled_schema_text(), "run: python -m crmreq.schema"


def test_a_stale_json_copy_is_never_used(tmp_path, monkeypatch):
    """The JSON copy only speeds up start-up: after an edit of the YAML it is ignored."""
    from crmreq import schema

    source = (REPO / "schemas" / "crmreq.cerberus.yaml").read_text(encoding="utf-8")
    edited = source.replace("Format version of the spec; must be 1.", "Edited.")
    assert edited != source
    (tmp_path / "crmreq.cerberus.yaml").write_text(edited, encoding="utf-8")
    (tmp_path / "crmreq.cerberus.json").write_text(
        (REPO / "schemas" / "crmreq.cerberus.json").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(schema, "schema_dir", lambda: tmp_path)
    schema.base_schema.cache_clear()
    try:
        assert schema.base_schema()["crmreq"]["meta"]["description"] == "Edited."
        (tmp_path / "crmreq.cerberus.json").write_text("{not json", encoding="utf-8")
        schema.base_schema.cache_clear()
        assert schema.base_schema()["crmreq"]["meta"]["description"] == "Edited."
    finally:
        schema.base_schema.cache_clear()


def test_crmreq_schema_prints_the_schema_with_installed_plugins_extensions():
    from crmreq.plugins import load_plugins

    result = CliRunner().invoke(main, ["schema"])
    extensions = load_plugins().schema_extensions or None
    assert result.exit_code == 0 and json.loads(result.stdout) == json_schema(extensions)


def test_json_schema_is_valid_draft7_and_agrees_with_cerberus():
    schema = json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    good = YAML(typ="safe").load("""
crmreq: 1
project: {name: CRM, company: ACME, lang: fr, date: "2026-11-15"}
features:
  - {id: F1, module: sales, title: Devis, priority: indispensable, teams: [ventes], phase: 1}
x-free: anything
""")
    assert not list(validator.iter_errors(good))
    bad = YAML(typ="safe").load("""
crmreq: 1
project: {name: CRM, lang: de}
features:
  - {title: no id, priorty: must}
systems:
  - {id: s, kind: excel}
""")
    errors = list(validator.iter_errors(bad))
    # a single value may also be a placeholder (`anyOf`): what is wrong with it is in the error's context
    messages = sorted(e.message for error in errors for e in [error, *error.context])
    assert any("'de' is not one of" in m for m in messages)
    assert any("'id' is a required property" in m for m in messages)
    assert any("priorty" in m for m in messages)
    assert any("'excel' is not one of" in m for m in messages)



# -- what an editor shows: a description on hover, the allowed values, priority -------------

def _properties(node: dict, path: str = ""):
    """(path, JSON Schema) of every property, at any depth (fields of list items and of alternatives too)."""
    for name, sub in node.get("properties", {}).items():
        yield f"{path}.{name}", sub
        yield from _properties(sub, f"{path}.{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            yield from _properties(node[key], path + ("[]" if key == "items" else ".*"))
    for sub in node.get("anyOf", []):
        yield from _properties(sub, path)


def test_every_property_has_a_short_english_description():
    properties = dict(_properties(json_schema()))
    assert len(properties) > 150
    assert [path for path, sub in properties.items() if not sub.get("description")] == []
    french = set("àâçéèêëîïôûùüÿœæ«»")
    assert [path for path, sub in properties.items() if french & set(sub["description"].lower())] == []


def _cerberus_fields(rules: dict, path: str = ""):
    """(path, cerberus rules) of every field, with the paths `_properties` gives."""
    sub = rules.get("schema")
    if isinstance(sub, dict) and "type" in sub and not isinstance(sub["type"], dict):   # the rules of a list's items
        yield from _cerberus_fields(sub, path + "[]")
    elif isinstance(sub, dict):
        for name, field in sub.items():
            yield f"{path}.{name}", field
            yield from _cerberus_fields(field, f"{path}.{name}")


def test_every_allowed_list_and_every_priority_is_an_enum_for_editors():
    from crmreq.schema import base_schema

    properties = dict(_properties(json_schema()))
    fields = dict(_cerberus_fields({"schema": base_schema()}))
    allowed = {path: rules["allowed"] for path, rules in fields.items() if "allowed" in rules}
    allowed.update({path + "[]": rules["schema"]["allowed"] for path, rules in fields.items()
                    if isinstance(rules.get("schema"), dict) and "allowed" in rules["schema"]})
    priorities = [path for path, rules in fields.items() if rules.get("check_with") == "priority"]
    assert len(allowed) >= 12 and sorted(priorities) == [".features[].priority", ".nfr[].priority",
                                                         ".objectives[].priority", ".processes[].priority"]
    for path, values in allowed.items():
        node = properties[path.removesuffix("[]")]
        node = node["items"] if path.endswith("[]") else node
        assert node["anyOf"][0]["enum"] == values and node["anyOf"][1] == {"$ref": NOT_GIVEN}, path
    for path in priorities:
        assert properties[path]["anyOf"][0]["enum"] == ["must", "should", "could", "wont",
                                                        "indispensable", "important", "confort"]
        assert properties[path]["anyOf"][-1] == {"$ref": NOT_GIVEN}


@pytest.mark.parametrize("written", ["TBD", "tbd", "À définir", "a  DEFINIR", "N/A", "?", "…", "–", "to be confirmed"])
def test_an_editor_accepts_a_placeholder_where_one_value_goes(written):
    """crmreq reads a placeholder as missing (its rule says so), never as a wrong value: nor does the editor."""
    spec = {"crmreq": 1, "project": {"name": "CRM", "company": "ACME", "lang": "fr", "date": written},
            "teams": [{"id": "ventes", "name": "Ventes", "size": written}],
            "features": [{"id": "F1", "title": "Devis", "priority": written, "teams": [written]}]}
    assert list(jsonschema.Draft7Validator(json_schema()).iter_errors(spec)) == []


@pytest.mark.parametrize("written", ["douze", "TBD plus tard", "définir", ""])
def test_an_editor_still_flags_a_wrong_value(written):
    spec = {"crmreq": 1, "teams": [{"id": "ventes", "name": "Ventes", "size": written}]}
    (error,) = jsonschema.Draft7Validator(json_schema()).iter_errors(spec)
    assert list(error.absolute_path) == ["teams", 0, "size"]


def _priority_errors(priority) -> list[str]:
    spec = {"crmreq": 1, "features": [{"id": "F1", "title": "Devis", "priority": priority}],
            "objectives": [{"id": "O1", "priority": priority}], "processes": [{"id": "P1", "priority": priority}],
            "nfr": [{"id": "N1", "priority": priority}]}
    errors = jsonschema.Draft7Validator(json_schema()).iter_errors(spec)
    return sorted(".".join(map(str, error.absolute_path)) for error in errors)


def test_an_editor_flags_an_unknown_priority_and_accepts_every_accepted_spelling():
    assert _priority_errors("urgent") == ["features.0.priority", "nfr.0.priority", "objectives.0.priority",
                                          "processes.0.priority"]
    for spelling in ("indispensable", "important", "confort", "must", "wont", "Must", "MUST", "Must-have",
                     "won't", "Won’t have", "Could_Have", "Indispensable"):
        assert _priority_errors(spelling) == [], spelling


@pytest.mark.parametrize("spelling", [
    "must", "Must", "MUST", "must have", "Must-Have", "must_have", "musthave", "Should", "SHOULD HAVE", "could",
    "Could-have", "wont", "Won't", "won’t", "WON'T HAVE", "won’t-have", "indispensable", "Indispensable",
    "IMPORTANT", "Confort", " confort ", "urgent", "high", "mustard", "must have it", "nice to have", "", "should-",
    "confortable", "importance", "won", "have",
])
def test_the_priority_pattern_accepts_what_cerberus_accepts(spelling):
    """Where the pattern says yes cerberus says yes, and the other way round for these spellings."""
    import re

    from crmreq.json_schema import priority_pattern
    from crmreq.values.priorities import parse_priority

    assert (re.search(priority_pattern(), spelling) is not None) == (parse_priority(spelling) is not None)

# -- validation: cerberus decides, `x-` keys are free, the text as written is kept ------------

def _raw(tmp_path, text):
    from crmreq.loader import load_spec

    (tmp_path / "crmreq.yaml").write_text(text, encoding="utf-8")
    result = load_spec(tmp_path / "crmreq.yaml")
    return result.spec.raw if result.spec is not None else None, result.problems


def _e002(problems):
    return sorted((p.pos.line, p.args["detail"]["en"]) for p in problems if p.code == "E002")


def test_cerberus_reports_every_error_of_a_section(tmp_path):
    _, problems = _raw(tmp_path, """\
crmreq: 1
project: {name: CRM, lang: fr}
features:
  - {id: F1, priority: urgent}
  - {title: sans id, teams: ventes}
teams:
  - {id: T1, size: -1, mobile: oui}
""")
    assert _e002(problems) == [
        (4, "unknown priority `urgent`: did you mean `must`? Priorities: must, should, could, wont, indispensable, "
            "important, confort"),
        (5, "`teams` expects a list: write `teams: [ventes]`, or one `- ventes` line per item"),
        (5, "the required key `id` is missing"),
        (7, "`mobile` expects true or false, not `oui`: write true"),
        (7, "`size` must be at least 0"),
    ]


def test_x_keys_are_free_in_described_mappings_but_checked_where_keys_are_data(tmp_path):
    """A mapping described field by field ignores `x-` keys; in a mapping whose keys are data
    (`rgpd.retention`: category → period) an `x-` key is one more category, checked as such."""
    _, problems = _raw(tmp_path, """\
crmreq: 1
x-top: {any: [thing]}
project: {name: CRM, lang: fr, x-note: {a: 1}}
features:
  - {id: F1, x-jira: 12}
objectives:
  - {id: O1, target: {value: 3, unit: "%", x-source: [audit]}}
rgpd:
  x-owner: [dpo]
  retention: {prospects: 3 ans, x-clients: {a: 1}}
""")
    assert _e002(problems) == [(10, "`x-clients` expects a text, not keys: a text that holds ': ' is written in quotes")]


def test_container_values_are_named_in_both_languages():
    from crmreq.schema import validate

    ((path, detail),) = validate({"project": {"name": {"a": 1}}})
    assert path == ("project", "name")
    assert detail == {"fr": "«\u00a0name\u00a0» attend un texte, pas des clés\u00a0: un texte qui contient "
                            "«\u00a0:\u00a0» s'écrit entre guillemets",
                      "en": "`name` expects a text, not keys: a text that holds ': ' is written in quotes"}


def test_written_text_is_put_back_wherever_the_schema_wants_text(tmp_path):
    raw, problems = _raw(tmp_path, """\
crmreq: 1
project: {name: 2027, lang: fr, x-note: 007}
features:
  - {id: 007, phase: 2, teams: [01000, ventes]}
  - {id: F2, priority: urgent}
flows:
  - {id: FL1, fields: {Compte: [1.10, nom]}}
rgpd:
  retention: {prospects: 3}
""")
    assert _e002(problems) == [(5, "unknown priority `urgent`: did you mean `must`? Priorities: must, should, could, "
                                   "wont, indispensable, important, confort")]
    assert raw["project"]["name"] == "2027" and raw["project"]["x-note"] == 7   # free keys keep what YAML read
    assert raw["features"][0] == {"id": "007", "phase": 2, "teams": ["01000", "ventes"]}
    assert raw["flows"][0]["fields"] == {"Compte": ["1.10", "nom"]}
    assert raw["rgpd"]["retention"] == {"prospects": "3"}
    assert raw["crmreq"] == 1


def test_a_toml_integer_where_text_is_wanted_becomes_its_digits_but_a_float_stays_an_error():
    from crmreq.schema import validate

    document = {"project": {"name": 2027, "version": 1.5}}
    (problem,) = validate(document)
    assert document["project"]["name"] == "2027"
    assert problem == (("project", "version"), {"fr": "«\u00a0version\u00a0» attend un texte\u00a0: mettez "
                                                       "«\u00a01.5\u00a0» entre guillemets",
                                                 "en": "`version` expects a text: put `1.5` in quotes"})


def test_the_fast_path_refuses_none_where_a_rule_set_has_no_type():
    """cerberus refuses None unless a rule says `nullable`, typed or not."""
    from crmreq.schema import cerberus_problems, certainly_valid, validate

    extension = {"sites": {"type": "list", "schema": {"schema": {"id": {"type": "string"}}}}}
    assert not certainly_valid([None], extension["sites"])
    assert cerberus_problems({"sites": [None]}, extension) == validate({"sites": [None]}, extension) != []
