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
    return sorted(d["code"] for d in json.loads(result.stdout)["diagnostics"])


def test_a_sub_folder_and_an_included_file_lint_the_whole_spec(spec, monkeypatch):
    whole = _codes(spec)
    assert _codes(spec / "notes") == whole
    assert _codes(spec / "complements.yaml") == whole
    monkeypatch.chdir(spec / "notes")
    assert _codes() == whole                   # no path: the current directory's spec


def test_several_files_of_one_spec_lint_it_once(spec):
    """pre-commit passes every changed file: each finding is reported once, not once per file."""
    whole = _codes(spec)
    assert _codes(spec / "crmreq.yaml", spec / "complements.yaml") == whole
    assert _codes(spec, spec, spec / "notes", spec / "complements.yaml") == whole


@pytest.mark.parametrize("lang, said", [
    ("fr", "complements.yaml fait partie de la spec {entry}\u00a0: toute la spec est vérifiée"),
    ("en", "complements.yaml is part of the spec {entry}: the whole spec is linted"),
])
def test_linting_a_file_of_a_spec_says_which_spec_in_one_line(spec, monkeypatch, lang, said):
    monkeypatch.chdir(spec)
    result = CliRunner().invoke(main, ["lint", "--lang", lang, "complements.yaml"])
    assert result.stderr.splitlines() == ["crmreq: " + said.format(entry="crmreq.yaml")]


@pytest.mark.parametrize("lang, said", [
    ("fr", "brouillon.yaml n'est inclus par aucun fichier de la spec crmreq.yaml\u00a0: il n'est pas vérifié."),
    ("en", "brouillon.yaml is not included by any file of the spec crmreq.yaml: it is not linted."),
])
def test_a_file_its_spec_does_not_include_gets_one_message(spec, monkeypatch, lang, said):
    monkeypatch.chdir(spec)
    (spec / "brouillon.yaml").write_text("features:\n  - id: F-99\n    title: Idée\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--lang", lang, "--format", "json", "brouillon.yaml"])
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("crmreq: " + said)


@pytest.mark.parametrize("lang, said", [
    ("fr", "morceau.yaml n'est pas une spec crmreq\u00a0: aucun crmreq.yaml au-dessus ne l'inclut"),
    ("en", "morceau.yaml is not a crmreq spec: no crmreq.yaml above it includes it"),
])
def test_a_piece_of_spec_with_no_spec_above_gets_one_message_not_every_section_missing(tmp_path, monkeypatch,
                                                                                      lang, said):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "morceau.yaml").write_text("features:\n  - id: F-1\n    title: Fiche client\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--lang", lang, "morceau.yaml"])
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("crmreq: " + said)


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
