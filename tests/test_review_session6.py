"""Review of session 6: defects the product side would hit, each with the test that shows it fixed."""

from __future__ import annotations

import pytest

from conftest import builtin_plugins, lint_path, write_spec


def test_a_fix_whose_arguments_are_not_given_is_no_fix():
    """E002's fix is `{fix}`: a producer without a hint (the evaluation file) must not print "{fix}"."""
    rule = builtin_plugins().rules["E002"]
    assert rule.fix_text("fr", {"detail": "x"}) is None
    assert rule.fix_text("en", {"detail": "x", "fix": {"fr": "remplacez", "en": "replace"}}) == "replace"


# -- an include that names no file leaves the spec incomplete ------------------------------------

INCLUDED = """
nfr:
  - {id: N-1, category: performance, statement: Fiche en moins de 2 s, metric: "2 s", priority: must}
"""
ENTRY = """
crmreq: 1
include: {include}
project: {{name: CRM, company: ACME, lang: fr, version: "1", date: 2026-11-15}}
"""


@pytest.mark.parametrize("include", ["TBD", '""', "", "[3]", "[{a: 1}]"])
def test_an_include_that_names_no_file_makes_no_section_look_missing(tmp_path, include):
    write_spec(tmp_path, INCLUDED, "exigences.yaml")
    write_spec(tmp_path, ENTRY.format(include=include))
    codes = {f.code for f in lint_path(tmp_path)}
    assert codes and codes <= {"E002", "E004"}, codes        # no N003 "no NFR at all", no M004, no S008…


def test_an_include_that_names_its_file_lints_the_whole_spec(tmp_path):
    write_spec(tmp_path, INCLUDED, "exigences.yaml")
    write_spec(tmp_path, ENTRY.format(include="[exigences.yaml]"))
    codes = {f.code for f in lint_path(tmp_path)}
    assert "N003" not in codes and "S008" in codes and not codes & {"E002", "E004"}


def test_an_include_written_as_an_empty_text_is_said_without_a_bogus_example(tmp_path):
    write_spec(tmp_path, ENTRY.format(include='""'))
    [finding] = [f for f in lint_path(tmp_path) if f.code == "E002"]
    assert finding.message == "Schema: `include` expects a list, not an empty text" and finding.fix is None


def test_e006_says_the_kind_expected_whatever_its_gender(tmp_path):
    """« (fonctionnalité attendu) », "expected a objective": the kind is now a label."""
    write_spec(tmp_path, """
        crmreq: 1
        project: {name: CRM, company: ACME, lang: fr, version: "1", date: 2026-11-15}
        objectives: [{id: O-1, title: Vendre 10 % de plus}]
        features: [{id: F-1, title: Devis, priority: must, objectives: [O-9]}]
        consultation: {demos: [{id: D-1, title: Une tournée, features: [F-9]}]}
    """)
    found = {f.object: f.message for f in lint_path(tmp_path, select=("E006",), lang="fr")}
    assert found["D-1"].endswith("(type attendu\u00a0: fonctionnalité)")
    english = {f.object: f.message for f in lint_path(tmp_path, select=("E006",), lang="en")}
    assert english["F-1"].endswith("(expected: objective)")


@pytest.mark.parametrize("version, said", [
    ("", "`crmreq` is empty: write `crmreq: 1`"), ("true", "unsupported format version `true`"),
    ("TBD", "unsupported format version `TBD`"), ('"1"', "write 1 without quotes"),
])
def test_e003_quotes_the_version_as_written(tmp_path, version, said):
    write_spec(tmp_path, f"crmreq: {version}\nproject: {{name: a, company: b, lang: fr, version: '1', date: 2026-01-01}}\n")
    [finding] = lint_path(tmp_path, select=("E003",))
    assert said in finding.message and "None" not in finding.message and "'" not in finding.message


def test_e003_is_silent_on_a_supported_version(tmp_path):
    write_spec(tmp_path, "crmreq: 1\nproject: {name: a, company: b, lang: fr, version: '1', date: 2026-01-01}\n")
    assert lint_path(tmp_path, select=("E003",)) == []


def test_empty_items_of_a_reference_list_are_missing_not_unknown_ids(tmp_path):
    write_spec(tmp_path, """
        crmreq: 1
        project: {name: CRM, company: ACME, lang: fr, version: "1", date: 2026-11-15}
        objectives: [{id: O-1, title: Vendre 10 % de plus}]
        features:
          - {id: F-1, title: Devis, priority: must, objectives: [~, "", " "]}
          - {id: F-2, title: Relances, priority: must, objectives: [O-1, ""]}
    """)
    found = [(f.code, f.object) for f in lint_path(tmp_path, select=("E006", "T001"))]
    assert found == [("T001", "F-1")]
