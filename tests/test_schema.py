"""The JSON Schema in schemas/ is generated from the cerberus schema and must not drift."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner
from ruamel.yaml import YAML

from crmreq.cli import main
from crmreq.schema import json_schema, json_schema_text

REPO = Path(__file__).resolve().parents[1]


def test_committed_json_schema_matches_the_cerberus_source():
    committed = (REPO / "schemas" / "crmreq.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "run: crmreq schema -o schemas/crmreq.schema.json"


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
    messages = sorted(e.message for e in validator.iter_errors(bad))
    assert any("'de' is not one of" in m for m in messages)
    assert any("'id' is a required property" in m for m in messages)
    assert any("priorty" in m for m in messages)
    assert any("'excel' is not one of" in m for m in messages)
