"""Helpers for the tests that exercise the snippets of docs/ci.md and the README:
extract fenced blocks, and run CI pipelines' commands the way GitHub Actions and GitLab CI
would (bash with -e and pipefail, the pipeline's own variables, step conditions)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
_FENCE = re.compile(r"(?ms)^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$")
_CHECK = re.compile(r"<!--\s*check:\s*(?P<check>[\w-]+)\s*-->\s*$")


@dataclass
class Block:
    lang: str
    body: str
    line: int
    check: str | None = None


def blocks(path: Path) -> list[Block]:
    """Every fenced block, with the `<!-- check: NAME -->` comment just above it, if any."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        before = text[:match.start()].rstrip("\n").splitlines()
        label = _CHECK.search(before[-1]) if before else None
        found.append(Block(match["lang"], match["body"], text.count("\n", 0, match.start()) + 1,
                           label["check"] if label else None))
    return found


def load_yaml(text: str):
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def tool_env(**extra) -> dict:
    """The environment of a CI runner that installed crmreq: this interpreter's scripts first
    on PATH, no GitHub Actions variables (they change crmreq's default format), English."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "LC_")) and k != "LANGUAGE"}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["LANG"] = "C.UTF-8"
    env["NO_COLOR"] = "1"
    env.update({k: str(v) for k, v in extra.items()})
    return env


def bash(command: str, cwd: Path, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run like a CI runner's shell step: `bash -eo pipefail`."""
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def is_install(command: str) -> bool:
    return bool(re.fullmatch(r"pip install (crmreq|\"crmreq\[export\]\")(==[\w.]+)?", command.strip()))


def place_spec(workdir: Path, example: str, where: str) -> Path:
    """Copy examples/<example> to <workdir>/<where> (where the pipeline expects the spec)."""
    target = (workdir / where).resolve()
    if target == workdir.resolve():
        shutil.copytree(EXAMPLES / example, workdir, dirs_exist_ok=True)
    else:
        shutil.copytree(EXAMPLES / example, target)
    return target


@dataclass
class StepRun:
    name: str
    command: str | None
    returncode: int | None          # None: skipped, or not a command
    stdout: str = ""
    stderr: str = ""
    skipped: bool = False
    uses: str | None = None
    with_: dict = field(default_factory=dict)


def run_github_job(workflow: dict, job_name: str, workdir: Path) -> list[StepRun]:
    """Run a GitHub job's `run` steps in order (installs of crmreq are already done).

    Steps with no `if` run only while every previous step succeeded (GitHub's `success()`);
    steps whose `if` says `!cancelled()` or `always()` run regardless. `uses` steps are
    recorded, not run."""
    job = workflow["jobs"][job_name]
    env = tool_env(**(workflow.get("env") or {}), **(job.get("env") or {}))
    failed, runs = False, []
    for step in job["steps"]:
        condition = str(step.get("if", ""))
        runs_anyway = "!cancelled()" in condition or "always()" in condition
        name = step.get("name") or step.get("uses") or step.get("run")
        if "uses" in step:
            runs.append(StepRun(name, None, None, skipped=failed and not runs_anyway, uses=step["uses"],
                                with_=dict(step.get("with") or {})))
            continue
        command = step["run"]
        if failed and not runs_anyway:
            runs.append(StepRun(name, command, None, skipped=True))
            continue
        if is_install(command):
            runs.append(StepRun(name, command, 0))
            continue
        result = bash(command, workdir, {**env, **{k: str(v) for k, v in (step.get("env") or {}).items()}})
        runs.append(StepRun(name, command, result.returncode, result.stdout, result.stderr))
        failed = failed or result.returncode != 0
    return runs


def run_gitlab_job(job: dict, workdir: Path, variables: dict | None = None) -> list[StepRun]:
    """Run a GitLab job's script lines in order; the job stops at the first failing line."""
    env = tool_env(**(variables or {}), **(job.get("variables") or {}))
    runs, failed = [], False
    for command in job["script"]:
        if failed:
            runs.append(StepRun(command, command, None, skipped=True))
        elif is_install(command):
            runs.append(StepRun(command, command, 0))
        else:
            result = bash(command, workdir, env)
            runs.append(StepRun(command, command, result.returncode, result.stdout, result.stderr))
            failed = result.returncode != 0
    return runs


def option(command: str, name: str) -> str | None:
    """The value of `--name VALUE` in a command line."""
    match = re.search(rf"{re.escape(name)}[ =](\S+)", command)
    return match.group(1) if match else None
