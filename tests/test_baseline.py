"""Baseline: record today's findings, then only new ones are reported, whatever moves."""

from __future__ import annotations

import json

from click.testing import CliRunner

from crmreq.cli import main

from conftest import write_spec

SPEC = """\
crmreq: 1
project: {name: T, lang: en}
objectives:
  - id: OBJ-1
    title: Sell better
"""


def test_baseline_hides_known_findings_and_survives_line_shifts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_spec(tmp_path, SPEC)
    runner = CliRunner()
    result = runner.invoke(main, ["lint", "--select", "S", "--write-baseline", "baseline.json"])
    assert result.exit_code == 0
    recorded = json.loads((tmp_path / "baseline.json").read_text())
    assert {e["code"] for e in recorded["findings"]} >= {"S001", "S002", "S003"}
    assert all("line" not in e for e in recorded["findings"])

    write_spec(tmp_path, "# moved down\n\n" + SPEC)
    result = runner.invoke(main, ["lint", "--select", "S", "--baseline", "baseline.json", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["diagnostics"] == []

    write_spec(tmp_path, SPEC + "  - id: OBJ-2\n    title: Sell more\n")
    result = runner.invoke(main, ["lint", "--select", "S", "--baseline", "baseline.json", "--format", "json"])
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert diagnostics and {d["object"] for d in diagnostics} == {"OBJ-2"}
    assert result.exit_code == 1


def test_missing_or_corrupt_baseline_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_spec(tmp_path, SPEC)
    result = CliRunner().invoke(main, ["lint", "--baseline", "nope.json"])
    assert result.exit_code == 2 and "nope.json" in result.stderr
    (tmp_path / "bad.json").write_text("{not json")
    assert CliRunner().invoke(main, ["lint", "--baseline", "bad.json"]).exit_code == 2
