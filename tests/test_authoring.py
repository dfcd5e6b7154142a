"""The public authoring API (`crmreq.authoring`, exported by `crmreq`): declaring rules,
folding text, reading sections as written — on good data and on data the schema refuses."""

from __future__ import annotations

import textwrap

import pytest

import crmreq
from crmreq import Entry, Position, RuleSet, entries, fold, make_doc, mapping
from crmreq.loader import load_spec
from crmreq.plugins import load_plugins

EXTENSIONS = {
    "sites": {"type": "list", "schema": {"type": "dict", "schema": {
        "id": {"type": "string"}, "address": {"type": "string"}, "teams": {"type": "list"},
        "coordinates": {"type": "dict"}}}},
    "project.sector": {"type": "string"},
    "features.erp_code": {"type": "string"},
}


def load(tmp_path, text: str):
    path = tmp_path / "crmreq.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_spec(path, extensions=EXTENSIONS).spec


SPEC = """
crmreq: 1
project: {name: Chantiers, lang: fr, sector: btp}
sites:
  - id: CH-01
    address: "  12 rue des Tilleuls  "
    teams: [crew-a, "", 3, crew-b]
    coordinates: {lat: 45.7, lon: 4.8}
  - just a string
  - name: no id here
features:
  - {id: F-01, title: Devis, priority: must, erp_code: ART-1}
  - {id: F-02, title: Factures, priority: must}
"""


def test_everything_public_is_exported_by_the_package():
    import crmreq.authoring as authoring

    for name in crmreq.__all__:
        assert hasattr(crmreq, name), name
    for name in authoring.__all__:
        if name in crmreq.__all__:
            assert getattr(crmreq, name) is getattr(authoring, name)
    assert crmreq.fold is __import__("crmreq.values", fromlist=["fold"]).fold   # one fold


# -- RuleSet and make_doc ------------------------------------------------------------------

def test_ruleset_declares_rules_and_its_hook_registers_them():
    rules = RuleSet("acme")

    def check(spec, emit):
        emit(spec.pos)

    decorated = rules.rule("ACME001", "acme-rule", "warning",
                           message={"fr": "Règle {id}", "en": "Rule {id}"},
                           doc={"fr": "  Doc.\n", "en": "\nDoc.  "}, fix={"fr": "f", "en": "f"})(check)
    rules.declare("ACME002", "acme-loader", "error", message={"fr": "x", "en": "x"}, doc={"fr": "d", "en": "d"})
    assert decorated is check
    first, second = rules.rules
    assert (first.code, first.name, first.severity, first.family, first.check) == \
        ("ACME001", "acme-rule", "warning", "acme", check)
    assert first.doc == {"fr": "Doc.", "en": "Doc."} and first.fix == {"fr": "f", "en": "f"}
    assert second.check is None and second.fix == {}

    class Plugin:
        crmreq_register_rules = staticmethod(rules.hook)

    loaded = load_plugins(extra=[Plugin()])
    assert loaded.errors == []
    assert loaded.rules["ACME001"].plugin == "Plugin" and loaded.rules["ACME001"].check is check
    assert "ACME002" in loaded.rules


def test_make_doc_has_the_four_parts_in_both_languages():
    doc = make_doc("quoi", "pourquoi", "a: 1", "corriger", "what", "why", "a: 1", "fix", example_lang="toml")
    assert doc["fr"] == ("### Ce que la règle vérifie\nquoi\n\n### Pourquoi\npourquoi\n\n"
                         "### Exemple\n```toml\na: 1\n```\n\n### Correction\ncorriger")
    assert doc["en"].startswith("### What it checks\nwhat\n\n### Why it matters\nwhy\n\n### Example\n```toml\n")
    assert doc["en"].endswith("### How to fix\nfix")


@pytest.mark.parametrize("text, folded", [
    ("Hors-Ligne", "hors-ligne"), ("hors\u2011ligne", "hors-ligne"), ("Chef d\u2019équipe", "chef d'equipe"),
    ("Mode\u00a0avion", "mode avion"), ("ÉLECTRICITÉ", "electricite"), (None, ""),
])
def test_fold(text, folded):
    assert fold(text) == folded


# -- entries and mapping ----------------------------------------------------------------------

def test_entries_of_a_plugin_section(tmp_path):
    spec = load(tmp_path, SPEC)
    site, nameless = entries(spec, "sites")             # the string item is skipped
    assert isinstance(site, Entry) and site.id == "CH-01" and nameless.id == ""
    assert (site.pos.line, site.pos.column) == (4, 5)
    assert (site.where("address").line, site.where("address").column) == (5, 5)
    assert site.where("missing") == site.pos             # the nearest parent
    assert site.address == "  12 rue des Tilleuls  " and site.text("address") == "12 rue des Tilleuls"
    assert site.strings("teams") == ["crew-a", "crew-b"] and site.strings("address") == []
    assert site.coordinates == {"lat": 45.7, "lon": 4.8}
    assert site.missing is None and site.get("missing", 0) == 0 and site.text("missing") == ""
    assert "address" in site and "missing" not in site
    assert nameless.name == "no id here"


def test_entries_of_a_built_in_section_read_the_keys_plugins_add(tmp_path):
    spec = load(tmp_path, SPEC)
    assert {f.id: f.erp_code for f in entries(spec, "features")} == {"F-01": "ART-1", "F-02": None}
    assert entries(spec, "features")[1].pos == spec.features[1].pos


def test_mapping_of_a_built_in_section(tmp_path):
    spec = load(tmp_path, SPEC)
    project = mapping(spec, "project")
    assert project.sector == "btp" and project.name == "Chantiers"
    assert project.where("sector").line == 2 and project.pos == spec.where("project")


@pytest.mark.parametrize("text, project_is_a_mapping", [
    ("crmreq: 1\nproject: {name: X}\n", True),                    # no sites
    ("crmreq: 1\nproject: just text\nsites: 12\n", False),        # wrong types (E002 findings)
    ("crmreq: 1\nproject: [a, b]\nsites: {id: CH-01}\n", False),
    ("crmreq: 1\nproject:\nsites:\n", False),                     # empty values
])
def test_absent_or_malformed_sections_read_as_nothing(tmp_path, text, project_is_a_mapping):
    spec = load(tmp_path, text)
    assert entries(spec, "sites") == () and entries(spec, "never-declared") == ()
    assert mapping(spec, "never-declared") is None
    assert isinstance(mapping(spec, "project"), Entry) is project_is_a_mapping


def test_an_entry_reads_fields_named_like_python_internals_safely():
    entry = Entry({"id": 3, "__class__": "x", "_private": 1, "fields": "f"}, Position("a.yaml", 2, 3))
    assert entry.id == "" and entry.fields == "f" and entry.get("_private") == 1
    with pytest.raises(AttributeError):
        entry._private
    assert entry.where("id") == Position("a.yaml", 2, 3)   # a plain dict has no key positions
    import copy

    assert copy.copy(entry).get("fields") == "f"
