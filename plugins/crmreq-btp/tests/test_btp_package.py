"""The pack as a whole: registration, documentation, examples, and silence on other specs."""

from __future__ import annotations

import json
import re
from importlib.metadata import entry_points
from pathlib import Path

import pytest

crmreq_btp = pytest.importorskip("crmreq_btp", reason="install the pack: pip install -e plugins/crmreq-btp")

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
CRMREQ_EXAMPLES = HERE.parents[2] / "examples"     # the main repository's, when tested from a checkout
ALL_CODES = [f"BTP{n:03d}" for n in range(1, 12)]

installed = pytest.mark.skipif(
    not any(ep.value == "crmreq_btp" for ep in entry_points(group="crmreq")),
    reason="crmreq-btp is not installed (its entry point is what the CLI finds)",
)


def test_registers_its_rules_schema_and_an_option(crmreq_plugins):
    plugins = crmreq_plugins(["crmreq_btp"])
    assert plugins.errors == []
    codes = sorted(code for code, rule in plugins.rules.items() if rule.family == "btp")
    assert codes == ALL_CODES
    assert {"sites", "subcontractors", "equipment", "features.btp", "project.works_as_subcontractor"} <= \
        set(plugins.schema_extensions)
    assert "btp-feature-tags-only" in {o.name for o in plugins.options}


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_rule_is_documented_in_french_and_english(crmreq_plugins, code):
    rule = crmreq_plugins(["crmreq_btp"]).rules[code]
    assert set(rule.message) == {"fr", "en"} and set(rule.doc) == {"fr", "en"}
    for heading in ("### Ce que la règle vérifie", "### Pourquoi", "### Exemple", "### Correction"):
        assert heading in rule.doc["fr"]
    for heading in ("### What it checks", "### Why it matters", "### Example", "### How to fix"):
        assert heading in rule.doc["en"]
    if rule.fix:
        assert set(rule.fix) == {"fr", "en"}


def test_the_good_example_is_clean_for_every_rule(crmreq_lint):
    outcome = crmreq_lint(EXAMPLES / "good", plugins=["crmreq_btp"])
    assert outcome.findings == [], outcome
    assert outcome.exit_code == 0


def test_the_weak_example_fires_every_btp_rule(crmreq_lint):
    outcome = crmreq_lint(EXAMPLES / "weak", plugins=["crmreq_btp"], select=["BTP"], lang="fr")
    assert sorted(set(outcome.codes)) == ALL_CODES
    assert all(f.plugin for f in outcome.findings)


def test_the_readme_lists_every_rule():
    readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"^\| (BTP\d{3}) \|", readme, re.MULTILINE) == ALL_CODES


@pytest.mark.skipif(not CRMREQ_EXAMPLES.is_dir(), reason="not run from a crmreq checkout")
@pytest.mark.parametrize("example", ["fr-negoce", "en-services", "weak"])
def test_crmreq_examples_give_the_same_result_with_and_without_the_pack(crmreq_lint, example):
    def summary(outcome):
        return [(f.file, f.line, f.column, f.code, f.message) for f in outcome.findings], outcome.exit_code

    without = crmreq_lint(CRMREQ_EXAMPLES / example, disable=["btp"])
    with_pack = crmreq_lint(CRMREQ_EXAMPLES / example, plugins=["crmreq_btp"])
    assert summary(with_pack) == summary(without)


@installed
def test_cli_lists_the_pack_and_explains_its_rules(crmreq_cli):
    listing = crmreq_cli("plugins", "--format", "json").json()
    btp = next(p for p in listing if p["name"] == "btp")
    assert btp["source"] == "entry point" and btp["version"] == crmreq_btp.__version__
    assert btp["rules"] == ALL_CODES and "sites" in btp["schema"]
    explained = crmreq_cli("rule", "BTP005", "--lang", "fr")
    assert explained.exit_code == 0
    assert "attestation de vigilance" in explained.stdout and "L8222-1" in explained.stdout


@installed
def test_cli_json_schema_knows_the_new_sections(crmreq_cli):
    schema = json.loads(crmreq_cli("schema").stdout)
    assert {"sites", "subcontractors", "equipment"} <= set(schema["properties"])


@installed
def test_cli_disable_plugin(crmreq_cli):
    spec = "crmreq: 1\nproject: {name: T, lang: en}\nsites: [{id: S1}]\n"
    on = crmreq_cli("lint", "--format", "json", "--select", "BTP001,E002", spec=spec).json()
    assert [d["code"] for d in on["diagnostics"]] == ["BTP001"]
    assert on["diagnostics"][0]["plugin"] == "btp"
    off = crmreq_cli("lint", "--format", "json", "--select", "E002", "--disable-plugin", "btp", spec=spec).json()
    assert [d["code"] for d in off["diagnostics"]] == ["E002"]   # `sites` is an unknown key without the pack


def _fields(name: str, rules: dict):
    """(path, cerberus rules) of a field and of every field under it."""
    yield name, rules
    sub = rules.get("schema")
    if isinstance(sub, dict) and "type" in sub and not isinstance(sub["type"], dict):   # a list's items
        sub = sub.get("schema")
    if isinstance(sub, dict):
        for key, field in sub.items():
            yield from _fields(f"{name}.{key}", field)


def test_every_key_the_pack_adds_is_described_for_editors():
    """The JSON Schema's hover text comes from these descriptions (`crmreq schema`)."""
    from crmreq_btp.schema import EXTENSIONS

    fields = dict(field for name, rules in EXTENSIONS.items() for field in _fields(name, rules))
    assert len(fields) > 20
    assert [path for path, rules in fields.items() if not (rules.get("meta") or {}).get("description")] == []
