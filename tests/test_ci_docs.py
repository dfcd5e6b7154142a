"""docs/ci.md: the GitHub Actions workflow and the GitLab CI job are valid, wired together
(the SARIF file uploaded is the one written, the artifact is the pack exported…), and every
crmreq command in them does what the page says, on a clean spec and on a weak one."""

from __future__ import annotations

import json
import re

import pytest

from docsnippets import REPO, blocks, load_yaml, option, place_spec, run_github_job, run_gitlab_job

DOC = REPO / "docs" / "ci.md"


def _pipelines():
    github = gitlab = None
    for block in blocks(DOC):
        if block.lang != "yaml":
            continue
        data = load_yaml(block.body)
        if "jobs" in data:
            assert github is None, "one GitHub workflow expected"
            github = data
        elif any(isinstance(job, dict) and "script" in job for job in data.values()):
            assert gitlab is None, "one GitLab CI file expected"
            gitlab = data
    assert github and gitlab
    return github, gitlab


GITHUB, GITLAB = _pipelines()


def _major(uses: str) -> int:
    return int(re.fullmatch(r"[\w./-]+@v(\d+)", uses).group(1))


# --------------------------------------------------------------------------------------
# GitHub Actions
# --------------------------------------------------------------------------------------

def _steps():
    (job,) = GITHUB["jobs"].values()
    return job, job["steps"]


def _step(predicate):
    matches = [s for s in _steps()[1] if predicate(s)]
    assert len(matches) == 1
    return matches[0]


def test_github_workflow_structure():
    assert set(GITHUB) >= {"name", "on", "jobs"}
    assert {"push", "pull_request"} <= set(GITHUB["on"])
    assert GITHUB["env"]["CRMREQ_SPEC"]
    job, steps = _steps()
    assert job["runs-on"] == "ubuntu-latest"
    assert job["permissions"]["security-events"] == "write"
    assert all(("run" in s) != ("uses" in s) for s in steps)
    uses = {s["uses"].split("@")[0]: s["uses"] for s in steps if "uses" in s}
    # actions on the Node 24 runtime (Node 20 actions are deprecated on GitHub since mid-2026)
    minimum = {"actions/checkout": 5, "actions/setup-python": 6, "github/codeql-action/upload-sarif": 4,
               "actions/upload-artifact": 6}
    assert set(uses) == set(minimum)
    for action, major in minimum.items():
        assert _major(uses[action]) >= major, uses[action]
    # setup-python's version is a string (3.10 would otherwise become 3.1)
    assert isinstance(_step(lambda s: "setup-python" in s.get("uses", ""))["with"]["python-version"], str)


def test_github_workflow_wiring():
    steps = _steps()[1]
    annotations = _step(lambda s: "--format github" in s.get("run", ""))
    sarif = _step(lambda s: "--format sarif" in s.get("run", ""))
    upload = _step(lambda s: "upload-sarif" in s.get("uses", ""))
    export = _step(lambda s: "export pack" in s.get("run", ""))
    artifact = _step(lambda s: "upload-artifact" in s.get("uses", ""))
    order = [steps.index(s) for s in (annotations, sarif, upload, export, artifact)]
    assert order == sorted(order)
    # the reports run even when the annotation step failed, and tolerate exit code 1 only
    for step in (sarif, upload):
        assert "!cancelled()" in step["if"]
    assert sarif["run"].endswith("|| test $? -eq 1")
    assert upload["with"]["sarif_file"] == option(sarif["run"], "--output")
    assert upload["with"]["category"]
    # the pack is exported only when linting passed, and kept as an artifact
    assert "if" not in export and "if" not in artifact
    assert artifact["with"]["path"].rstrip("/") == option(export["run"], "--output")
    assert all('"$CRMREQ_SPEC"' in s["run"] for s in (annotations, sarif, export))


def _github_run(tmp_path, example):
    place_spec(tmp_path, example, GITHUB["env"]["CRMREQ_SPEC"])
    (name,) = GITHUB["jobs"]
    return {r.name: r for r in run_github_job(GITHUB, name, tmp_path)}


def test_github_workflow_on_a_clean_spec(tmp_path):
    runs = _github_run(tmp_path, "fr-negoce")
    ran = [r for r in runs.values() if r.command]
    assert ran and all(r.returncode == 0 and not r.skipped for r in ran), \
        [(r.name, r.returncode, r.stderr) for r in ran]
    sarif = json.loads((tmp_path / "crmreq.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
    assert sarif["runs"][0]["tool"]["driver"]["rules"]
    manifest = json.loads((tmp_path / "vendor-pack" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest
    assert {p.suffix for p in (tmp_path / "vendor-pack").iterdir()} >= {".docx", ".xlsx", ".csv", ".md"}
    assert not any(r.skipped for r in runs.values())


def test_github_workflow_on_a_weak_spec(tmp_path):
    runs = list(_github_run(tmp_path, "weak").values())
    annotations = next(r for r in runs if r.command and "--format github" in r.command)
    assert annotations.returncode == 1
    assert re.search(r"(?m)^::error file=cahier-des-charges/crmreq\.yaml,line=\d+", annotations.stdout)
    sarif_step = next(r for r in runs if r.command and "--format sarif" in r.command)
    assert sarif_step.returncode == 0 and not sarif_step.skipped
    sarif = json.loads((tmp_path / "crmreq.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                           .startswith("cahier-des-charges/") for r in results)
    upload = next(r for r in runs if r.uses and "upload-sarif" in r.uses)
    assert not upload.skipped
    export = next(r for r in runs if r.command and "export pack" in r.command)
    assert export.skipped and not (tmp_path / "vendor-pack").exists()
    assert next(r for r in runs if r.uses and "upload-artifact" in r.uses).skipped


def test_github_export_step_refuses_a_weak_spec_on_its_own(tmp_path):
    """Even if someone removes the lint step, the export refuses a spec with errors."""
    from docsnippets import bash, tool_env

    place_spec(tmp_path, "weak", GITHUB["env"]["CRMREQ_SPEC"])
    export = _step(lambda s: "export pack" in s.get("run", ""))
    result = bash(export["run"], tmp_path, tool_env(**GITHUB["env"]))
    assert result.returncode == 1
    assert not (tmp_path / "vendor-pack").exists()


# --------------------------------------------------------------------------------------
# GitLab CI
# --------------------------------------------------------------------------------------

def _gitlab_job():
    jobs = {name: job for name, job in GITLAB.items() if isinstance(job, dict) and "script" in job}
    assert len(jobs) == 1
    return next(iter(jobs.values()))


def test_gitlab_job_structure():
    job = _gitlab_job()
    assert job["stage"] == "test" and job["image"].startswith("python:3")
    assert job["variables"]["CRMREQ_SPEC"]
    report = option(next(line for line in job["script"] if "--format gitlab" in line), "--output")
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"]["codequality"] == report
    pack = option(next(line for line in job["script"] if "export pack" in line), "--output")
    assert [p.rstrip("/") for p in job["artifacts"]["paths"]] == [pack]
    assert next(line for line in job["script"] if "--format gitlab" in line).endswith("|| test $? -eq 1")


def test_gitlab_job_on_a_clean_spec(tmp_path):
    job = _gitlab_job()
    place_spec(tmp_path, "fr-negoce", job["variables"]["CRMREQ_SPEC"])
    runs = run_gitlab_job(job, tmp_path)
    assert all(r.returncode == 0 for r in runs), [(r.command, r.returncode, r.stderr) for r in runs]
    assert json.loads((tmp_path / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8")) == []
    assert (tmp_path / "vendor-pack" / "manifest.json").is_file()


def test_gitlab_job_on_a_weak_spec(tmp_path):
    job = _gitlab_job()
    place_spec(tmp_path, "weak", job["variables"]["CRMREQ_SPEC"])
    runs = run_gitlab_job(job, tmp_path)
    codes = [r.returncode for r in runs]
    assert codes == [0, 0, 1, None]   # install, report (tolerated 1), lint fails the job, export not run
    report_bytes = (tmp_path / job["artifacts"]["reports"]["codequality"]).read_bytes()
    assert not report_bytes.startswith(b"\xef\xbb\xbf")   # GitLab rejects a BOM
    issues = json.loads(report_bytes)
    assert issues and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i)
                          for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert all(i["location"]["path"].startswith("cahier-des-charges/") for i in issues)
    assert runs[2].stdout.strip()   # the job log shows the findings


@pytest.mark.parametrize("example", ["fr-negoce", "weak"])
def test_report_commands_never_hide_a_crash(tmp_path, example):
    """`|| test $? -eq 1` tolerates findings, not a crmreq failure (exit 2)."""
    from docsnippets import bash, tool_env

    job = _gitlab_job()
    line = next(line for line in job["script"] if "--format gitlab" in line)
    broken = line.replace("crmreq lint", "crmreq lint --config missing.toml")
    place_spec(tmp_path, example, job["variables"]["CRMREQ_SPEC"])
    assert bash(broken, tmp_path, tool_env(**job["variables"])).returncode != 0
