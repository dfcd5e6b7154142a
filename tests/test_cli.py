"""End-to-end: `crmreq lint` output formats and exit codes, through click and a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from crmreq.cli import main

from conftest import write_spec

BROKEN = """\
crmreq: 1
project:
  name: Test
  lang: en
objectives:
  - id: OBJ-1
    title: "Sell better, faster: really"
"""


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_json_output_is_exactly_the_contract(workdir):
    write_spec(workdir, BROKEN)
    result = run("lint", "--format", "json", "--select", "S")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert set(document) == {"version", "diagnostics", "summary"}
    assert document["version"] == 1
    assert set(document["summary"]) == {"files", "errors", "warnings", "infos"}
    assert document["summary"]["files"] == 1
    first = document["diagnostics"][0]
    assert {"code", "name", "severity", "message", "file", "line", "column", "object", "plugin"} <= set(first)
    keys = [(d["file"], d["line"], d["column"], d["code"]) for d in document["diagnostics"]]
    assert keys == sorted(keys)
    assert first["file"] == "crmreq.yaml" and first["object"] == "OBJ-1" and first["plugin"] == "crmreq"
    assert document["summary"]["errors"] == sum(d["severity"] == "error" for d in document["diagnostics"])


def test_sarif_output_has_what_code_scanning_needs(workdir):
    write_spec(workdir, BROKEN)
    result = run("lint", "--format", "sarif", "--select", "S")
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "S001" in ids and all(r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in rules)
    assert all("help" in r for r in rules)
    res = run_["results"][0]
    assert ids[res["ruleIndex"]] == res["ruleId"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "crmreq.yaml"
    assert res["partialFingerprints"]["crmreq/v2"]


def test_sarif_fingerprints_survive_a_line_shift(workdir):
    write_spec(workdir, BROKEN)
    before = json.loads(run("lint", "--format", "sarif", "--select", "S").stdout)["runs"][0]["results"]
    write_spec(workdir, "# a new comment line\n\n" + BROKEN)
    after = json.loads(run("lint", "--format", "sarif", "--select", "S").stdout)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert before[0]["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 == \
        after[0]["locations"][0]["physicalLocation"]["region"]["startLine"]


def test_github_annotations_are_escaped(workdir):
    write_spec(workdir, BROKEN)
    result = run("lint", "--format", "github", "--select", "S005")
    (line,) = result.stdout.splitlines()
    assert line.startswith("::warning file=crmreq.yaml,line=7,col=5,title=S005 objective-not-measurable::")
    assert "S005 Objective OBJ-1" in line


def test_github_escaping_rules():
    from crmreq.lint.reporters import _escape_data, _escape_property

    assert _escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert _escape_property("a:b,c") == "a%3Ab%2Cc"


def test_github_format_is_chosen_on_github_actions(workdir, monkeypatch):
    write_spec(workdir, BROKEN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("lint", "--select", "S001")
    assert result.stdout.startswith("::error file=crmreq.yaml")


def test_text_output_groups_by_file_shows_source_and_summary(workdir):
    write_spec(workdir, BROKEN)
    result = run("lint", "--no-color", "--select", "S001,S005")
    out = result.stdout
    assert out.splitlines()[0] == "crmreq.yaml"
    assert "S001" in out and "objective-without-metric" in out
    assert "- id: OBJ-1" in out  # the offending source line
    assert "1 error, 1 warning, 0 infos" in out.splitlines()[-1]
    assert "\x1b[" not in out


def test_quiet_shows_only_errors(workdir):
    write_spec(workdir, BROKEN)
    out = run("lint", "--quiet", "--select", "S001,S005").stdout
    assert "S001" in out and "S005" not in out


def test_output_file(workdir):
    write_spec(workdir, BROKEN)
    result = run("lint", "--format", "json", "--output", "report.json", "--select", "S")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((workdir / "report.json").read_text())["version"] == 1


def test_exit_0_on_clean_spec(workdir):
    write_spec(workdir, BROKEN)
    result = run("lint", "--select", "E")
    assert result.exit_code == 0 and "No problems found" in result.stdout


@pytest.mark.parametrize("args", [
    ["lint", "does-not-exist"],
    ["lint", "--format", "xml"],
    ["rule", "Q999"],
    ["export", "pdf", "-o", "out.pdf"],
])
def test_usage_errors_exit_2_with_one_line(workdir, args):
    write_spec(workdir, BROKEN)
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_directory_without_entry_file_exits_2(workdir):
    (workdir / "empty").mkdir()
    result = run("lint", "empty")
    assert result.exit_code == 2 and "crmreq.yaml" in result.stderr


def test_several_paths_are_linted_together(workdir):
    write_spec(workdir / "a", BROKEN)
    write_spec(workdir / "b", BROKEN)
    document = json.loads(run("lint", "a", "b", "--format", "json", "--select", "S001").stdout)
    assert [d["file"] for d in document["diagnostics"]] == ["a/crmreq.yaml", "b/crmreq.yaml"]
    assert document["summary"]["files"] == 2


def test_rules_rule_schema_plugins_commands(workdir):
    listing = json.loads(run("rules", "--format", "json").stdout)
    assert {"E001", "S001", "X002"} <= {r["code"] for r in listing}
    text = run("rule", "S001", "--lang", "fr").stdout
    assert "objective-without-metric" in text and "Pourquoi" in text
    assert run("rule", "objective-without-metric", "--lang", "en").stdout.startswith("# S001")
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"].startswith("http://json-schema.org/draft-07")
    plugins = json.loads(run("plugins", "--format", "json").stdout)
    assert plugins[0]["name"] == "crmreq" and "S001" in plugins[0]["rules"]


def test_real_process_never_shows_a_traceback_on_garbage(workdir):
    (workdir / "crmreq.yaml").write_bytes(b"\xff\xfe garbage: [unclosed\n")
    proc = subprocess.run([sys.executable, "-m", "crmreq", "lint", "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["diagnostics"][0]["code"] == "E001"


@pytest.mark.parametrize("args, code", [
    (["lint", "--format", "json", "--output", "report.json"], 1),
    (["lint", "--select", "NOPE"], 2),
    (["--version"], 0),
])
def test_real_process_ends_with_the_commands_exit_code_and_full_output(workdir, args, code):
    """From the command line the process ends without freeing the lint's objects one by
    one (`cli._hard_exit`): the exit code and every byte of output must survive it."""
    write_spec(workdir, BROKEN)
    proc = subprocess.run([sys.executable, "-m", "crmreq", *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == code, proc.stderr
    if "--output" in args:
        report = json.loads((workdir / "report.json").read_text(encoding="utf-8"))
        assert report["diagnostics"]
    elif code == 0:
        assert proc.stdout.startswith("crmreq ")
    else:
        assert proc.stderr.strip() and "Traceback" not in proc.stderr


def test_real_process_output_through_a_pipe_is_complete(workdir):
    write_spec(workdir, BROKEN)
    proc = subprocess.run([sys.executable, "-m", "crmreq", "lint", "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["summary"]


def _unbuffered_off():
    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_real_process_says_when_its_output_cannot_be_written(workdir):
    """A full disk must not turn a lost report into a silent exit 0."""
    write_spec(workdir, BROKEN)
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "crmreq", "lint", "--no-cache"], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60, env=_unbuffered_off())
    assert proc.returncode == 2
    assert "cannot write the output" in proc.stderr and "Traceback" not in proc.stderr


def test_real_process_still_runs_exit_handlers(workdir):
    """The fast exit skips freeing objects, not what other code registered with atexit
    (coverage, logging, a plugin)."""
    marker = workdir / "atexit-ran"
    code = ("import atexit, sys\n"
            f"atexit.register(lambda: open({str(marker)!r}, 'w').write('x'))\n"
            "sys.argv = ['crmreq', '--version']\n"
            "from crmreq.cli import main\n"
            "main()\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("crmreq ")
    assert marker.read_text() == "x"


def test_a_host_calling_main_without_standalone_mode_keeps_its_process():
    code = ("import sys\nsys.argv = ['crmreq', '--version']\nfrom crmreq.cli import main\n"
            "main(standalone_mode=False)\nprint('still here')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "still here" in proc.stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_lost_output_said_in_french_in_a_french_run(workdir):
    write_spec(workdir, BROKEN)
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "crmreq", "lint", "--lang", "fr"], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60, env=_unbuffered_off())
    assert proc.returncode == 2
    assert "écriture du rapport impossible" in proc.stderr and "Traceback" not in proc.stderr
