"""`crmreq lint` from a sub-folder of a spec, or on one of its files, lints the whole spec
(PRODUCT.md §2), as git finds `.git`; the search stops at the project root."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from crmreq.cli import main


@pytest.fixture
def spec(tmp_path):
    target = tmp_path / "project" / "cdc"
    shutil.copytree(EXAMPLES / "weak", target)
    (target / "notes").mkdir()
    return target


def _codes(*args):
    result = CliRunner().invoke(main, ["lint", "--format", "json", *map(str, args)])
    assert result.exit_code in (0, 1), result.output
    return sorted(d["code"] for d in json.loads(result.output)["diagnostics"])


def test_a_sub_folder_and_an_included_file_lint_the_whole_spec(spec, monkeypatch):
    whole = _codes(spec)
    assert _codes(spec / "notes") == whole
    assert _codes(spec / "complements.yaml") == whole
    monkeypatch.chdir(spec / "notes")
    assert _codes() == whole                   # no path: the current directory's spec


def test_the_search_stops_at_the_project_root(spec, tmp_path):
    outside = tmp_path / "project" / "other"
    (outside / ".git").mkdir(parents=True)
    result = CliRunner().invoke(main, ["lint", str(outside)])
    assert result.exit_code == 2 and "no crmreq.yaml" in result.output


def test_a_lone_yaml_file_is_a_spec_of_its_own(tmp_path):
    (tmp_path / ".git").mkdir()
    lone = tmp_path / "seul.yaml"
    lone.write_text("crmreq: 1\nproject:\n  name: T\n  company: A\n", encoding="utf-8")
    codes = _codes(lone)
    assert "E004" not in codes and codes         # linted alone: the missing sections are reported
