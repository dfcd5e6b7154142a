"""Specs written by someone who had not read the rules' code, as a consultant would (a French
manufacturer in YAML over five files, an English charity in TOML over three): the well-written
ones give no finding, and the copies with planted gaps give each gap's code, in the spec's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint_path

UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.mark.parametrize("name", ["fr-transmeca", "en-wetlands"])
def test_a_well_written_spec_gives_no_finding(name):
    assert [(f.code, f.path, f.line, f.message) for f in lint_path(UNSEEN / name)] == []


@pytest.mark.parametrize("name, lang, planted", [
    ("fr-transmeca-gaps", "fr", {"F001", "G010", "G011", "L003", "S001", "S003", "S009", "T006", "V002", "W001",
                                  "W002", "W003", "W004"}),
    ("en-wetlands-gaps", "en", {"B003", "F004", "F005", "G004", "G011", "L003", "M001", "S002", "S009", "V003",
                                "W001", "W002"}),
])
def test_every_planted_gap_is_found_in_the_spec_language(name, lang, planted):
    findings = lint_path(UNSEEN / name, lang=lang)
    assert {f.code for f in findings} == planted
