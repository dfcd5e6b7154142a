"""The README's Integrations section: every snippet is checked.

Each fenced block carries a `<!-- check: NAME -->` comment; this module checks each NAME
(YAML and TOML load, JSON settings parse and point at real files, shell commands run against
the example spec). The pre-commit snippets are run with the real pre-commit tool in
tests/test_precommit.py; here their structure is checked against the hook manifest."""

from __future__ import annotations

import json
import sys

import pytest

from docsnippets import (REPO, Block, bash, blocks, load_yaml, place_spec, run_github_job, run_gitlab_job,
                         tool_env)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOC = REPO / "README.md"
SPEC_DIR = "cahier-des-charges"
CHECKS = {"pre-commit-remote", "pre-commit-shell", "pre-commit-local", "github-workflow", "gitlab-ci", "shell",
          "yaml-modeline", "vscode-settings", "toml-schema-line", "vscode-extensions", "baseline"}
MANIFEST = load_yaml((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def integration_blocks() -> list[Block]:
    """The fenced blocks of the README's `## Integrations` section."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines, 1) if line == "## Integrations")
    end = next((i for i, line in enumerate(lines, 1) if i > start and line.startswith("## ")), len(lines) + 1)
    return [b for b in blocks(DOC) if start < b.line < end]


def snippets(check: str) -> list[Block]:
    found = [b for b in integration_blocks() if b.check == check]
    assert found, f"no snippet checked as {check!r}"
    return found


def snippet(check: str) -> Block:
    (found,) = snippets(check)
    return found


def commands(block: Block) -> list[str]:
    """Shell lines without their trailing `# comment`."""
    lines = []
    for line in block.body.splitlines():
        line = line.split("  #", 1)[0].strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def test_every_snippet_is_checked():
    found = integration_blocks()
    assert len(found) >= 10
    unchecked = [(b.line, b.lang) for b in found if b.check not in CHECKS]
    assert unchecked == []
    assert {b.check for b in found} == CHECKS


# --------------------------------------------------------------------------------------
# pre-commit (structure; runs are in test_precommit.py)
# --------------------------------------------------------------------------------------

def test_manifest_declares_a_whole_spec_hook():
    (hook,) = MANIFEST
    assert hook["id"] == "crmreq-lint" and hook["entry"] == "crmreq lint" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert sorted(hook["types_or"]) == ["toml", "yaml"]


def test_remote_config_snippet_uses_the_published_hook():
    config = load_yaml(snippet("pre-commit-remote").body)
    (repo,) = config["repos"]
    assert repo["repo"].startswith("https://") and isinstance(repo["rev"], str)
    (hook,) = repo["hooks"]
    assert hook["id"] == MANIFEST[0]["id"]
    assert hook["args"] == [SPEC_DIR]
    assert hook["files"] == f"^{SPEC_DIR}/"


def test_local_config_snippet_matches_the_published_hook():
    config = load_yaml(snippet("pre-commit-local").body)
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    published = MANIFEST[0]
    assert hook["id"] == published["id"] and hook["pass_filenames"] is False
    assert hook["types_or"] == published["types_or"]
    assert hook["entry"] == f"{published['entry']} {SPEC_DIR}"
    assert hook["language"] == "system"


def test_pre_commit_commands_name_the_hook():
    lines = commands(snippet("pre-commit-shell"))
    assert lines == ["pre-commit install", f"pre-commit run {MANIFEST[0]['id']} --all-files"]


# --------------------------------------------------------------------------------------
# CI snippets
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("example, lint_code", [("fr-negoce", 0), ("weak", 1)])
def test_github_snippet_runs(tmp_path, example, lint_code):
    workflow = load_yaml(snippet("github-workflow").body)
    assert {"push", "pull_request"} <= set(workflow["on"])
    place_spec(tmp_path, example, SPEC_DIR)
    (name,) = workflow["jobs"]
    runs = run_github_job(workflow, name, tmp_path)
    lint = next(r for r in runs if r.command and r.command.startswith("crmreq lint"))
    assert lint.returncode == lint_code, lint.stderr
    assert ("::error " in lint.stdout) == bool(lint_code)


@pytest.mark.parametrize("example, codes", [("fr-negoce", [0, 0, 0]), ("weak", [0, 0, 1])])
def test_gitlab_snippet_runs(tmp_path, example, codes):
    config = load_yaml(snippet("gitlab-ci").body)
    (job,) = [job for job in config.values() if isinstance(job, dict) and "script" in job]
    place_spec(tmp_path, example, SPEC_DIR)
    runs = run_gitlab_job(job, tmp_path)
    assert [r.returncode for r in runs] == codes
    report = json.loads((tmp_path / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert isinstance(report, list) and bool(report) == (example == "weak")


# --------------------------------------------------------------------------------------
# Editors
# --------------------------------------------------------------------------------------

@pytest.fixture
def workspace(tmp_path):
    """A repository with the example spec in cahier-des-charges/ and the documented schema
    command run in it."""
    place_spec(tmp_path, "fr-negoce", SPEC_DIR)
    for line in commands(snippet("shell")):
        result = bash(line, tmp_path, tool_env())
        assert result.returncode == 0, result.stderr
    return tmp_path


def test_schema_command_writes_the_schema(workspace):
    schema = json.loads((workspace / SPEC_DIR / "crmreq.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "objectives" in schema["properties"]


def test_yaml_modeline_points_at_the_schema_next_to_the_file(workspace, tmp_path_factory):
    block = snippet("yaml-modeline")
    first = block.body.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert load_yaml(block.body) == {"crmreq": 1}
    relative = first.split("$schema=", 1)[1]
    assert (workspace / SPEC_DIR / relative).resolve() == (workspace / SPEC_DIR / "crmreq.schema.json").resolve()
    # `crmreq init` writes exactly this line at the top of every YAML file
    from click.testing import CliRunner

    from crmreq.cli import main

    target = tmp_path_factory.mktemp("init") / "spec"
    assert CliRunner().invoke(main, ["init", str(target), "--lang", "en"]).exit_code == 0
    assert all(p.read_text(encoding="utf-8").splitlines()[0] == first for p in target.glob("*.yaml"))


def test_toml_schema_directive_points_at_the_schema_next_to_the_file(workspace, tmp_path_factory):
    block = snippet("toml-schema-line")
    first = block.body.splitlines()[0]
    assert first.startswith("#:schema ")
    assert tomllib.loads(block.body) == {"crmreq": 1}
    relative = first.split(" ", 1)[1]
    assert (workspace / SPEC_DIR / relative).resolve() == (workspace / SPEC_DIR / "crmreq.schema.json").resolve()
    from click.testing import CliRunner

    from crmreq.cli import main

    target = tmp_path_factory.mktemp("init") / "spec"
    assert CliRunner().invoke(main, ["init", str(target), "--lang", "fr", "--format", "toml"]).exit_code == 0
    assert all(p.read_text(encoding="utf-8").splitlines()[0] == first for p in target.glob("*.toml"))


def test_vscode_settings_associate_the_schema_with_every_yaml_file(workspace):
    settings = json.loads(snippet("vscode-settings").body)
    associations = settings["yaml.schemas"]
    assert len(associations) == 1
    (schema_path, globs), = associations.items()
    assert (workspace / schema_path).is_file()
    matched = {p for pattern in globs for p in workspace.glob(pattern)}
    spec_yaml = set((workspace / SPEC_DIR).rglob("*.yaml"))
    assert spec_yaml and matched == spec_yaml   # besoins/*.yaml included, nothing outside the spec


def test_vscode_extension_recommendations():
    data = json.loads(snippet("vscode-extensions").body)
    assert data == {"recommendations": ["redhat.vscode-yaml", "tamasfe.even-better-toml"]}


# --------------------------------------------------------------------------------------
# Baseline
# --------------------------------------------------------------------------------------

def test_baseline_commands_on_the_clean_example(tmp_path):
    place_spec(tmp_path, "fr-negoce", SPEC_DIR)
    write, check = commands(snippet("baseline"))
    assert bash(write, tmp_path, tool_env()).returncode == 0
    assert json.loads((tmp_path / ".crmreq-baseline.json").read_text(encoding="utf-8"))["findings"] == []
    assert bash(check, tmp_path, tool_env()).returncode == 0


def test_baseline_commands_hide_old_findings_and_report_new_ones(tmp_path):
    spec = place_spec(tmp_path, "weak", SPEC_DIR)
    write, check = commands(snippet("baseline"))
    assert bash(f"crmreq lint {SPEC_DIR}", tmp_path, tool_env()).returncode == 1
    recorded = bash(write, tmp_path, tool_env())
    assert recorded.returncode == 0, recorded.stderr
    assert json.loads((tmp_path / ".crmreq-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert bash(check, tmp_path, tool_env()).returncode == 0
    # a new problem appears: the baseline does not hide it
    entry = spec / "crmreq.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("objectives:\n", (
        "objectives:\n  - id: OBJ-NEW\n    title: Mieux vendre\n"), 1), encoding="utf-8")
    result = bash(check, tmp_path, tool_env())
    assert result.returncode == 1
    assert "OBJ-NEW" in result.stdout


def test_no_snippet_leaves_files_outside_its_workspace(tmp_path, monkeypatch):
    """The documented commands only write where they say (the spec dir, the baseline file)."""
    monkeypatch.chdir(tmp_path)
    place_spec(tmp_path, "fr-negoce", SPEC_DIR)
    before = {p for p in tmp_path.rglob("*")}
    for block in (snippet("shell"), snippet("baseline")):
        for line in commands(block):
            bash(line, tmp_path, tool_env())
    created = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")} - {
        p.relative_to(tmp_path).as_posix() for p in before}
    assert created == {f"{SPEC_DIR}/crmreq.schema.json", ".crmreq-baseline.json"}
