"""The shipped examples: the good ones stay clean, the weak one shows every family."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crmreq.cli import main

from conftest import EXAMPLES

WEAK_CODES = [
    "B001", "B003", "E005", "E006", "F001", "F003", "F004", "F005", "F006", "G002", "G003", "G004", "G005",
    "G006", "G007", "G008", "G009", "G010", "L002", "L003", "L004", "M001", "M002", "M003", "N001", "N002",
    "P001", "P002", "P003", "P005", "S001", "S002", "S003", "S004", "S005", "S006", "S007", "S009", "T001",
    "T002", "T003", "T004", "T005", "T006", "V002", "V003", "V005", "V006", "W001", "W002", "W003", "W004",
    "X001",
]


def lint_json(*args):
    result = CliRunner().invoke(main, ["lint", *args, "--format", "json", "--disable-plugin", "btp"])
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("name", ["fr-negoce", "en-services"])
def test_good_examples_have_no_finding_at_all(name):
    code, report = lint_json(str(EXAMPLES / name))
    assert report["diagnostics"] == [] and code == 0


def test_weak_example_triggers_exactly_these_codes_and_every_family():
    code, report = lint_json(str(EXAMPLES / "weak"))
    found = sorted({d["code"] for d in report["diagnostics"]})
    assert found == WEAK_CODES
    assert {c[0] for c in found} == set("EFGLMNPSTVWBX")
    assert code == 1


def test_weak_example_messages_in_both_languages_point_at_lines():
    _, fr = lint_json(str(EXAMPLES / "weak"), "--lang", "fr")
    _, en = lint_json(str(EXAMPLES / "weak"), "--lang", "en")
    assert [(d["code"], d["line"]) for d in fr["diagnostics"]] == [(d["code"], d["line"]) for d in en["diagnostics"]]
    assert all(d["line"] >= 1 and d["column"] >= 1 for d in fr["diagnostics"])
    s001_fr = next(d for d in fr["diagnostics"] if d["code"] == "S001")
    s001_en = next(d for d in en["diagnostics"] if d["code"] == "S001")
    assert s001_fr["message"].startswith("L'objectif") and s001_en["message"].startswith("Objective")
    assert s001_fr["object"] == s001_en["object"] and s001_fr["object"] in s001_fr["message"]
