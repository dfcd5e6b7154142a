"""The `crmreq-lint` pre-commit hook, run by the real pre-commit tool.

pre-commit installs the hook from a git repository. `pre-commit try-repo PATH` does accept a
working copy with uncommitted changes, but it only carries over *tracked* files (it runs
`git add -u` into a shadow clone): a hook manifest or a module not yet committed would be
missing, and the crmreq installed would not be the one under test. So the tests commit a
snapshot of the working tree (pyproject.toml, README.md, src/, schemas/ and the manifest) to
a temporary repository and point pre-commit at it. That gives the same result on a fresh
clone in CI (everything committed) and on a developer's working copy (anything goes).

pre-commit installs the hook in its own virtual environment, from PyPI (hatchling, crmreq's
dependencies): that needs the network and takes a minute or two. The three installations
below run concurrently. Without `git` or `pre-commit`, the tests are skipped with the reason.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docsnippets import REPO, EXAMPLES, blocks, load_yaml, tool_env

DOC = REPO / "README.md"
SPEC_DIR = "cahier-des-charges"
INSTALL_TIMEOUT = 1200

WEAK = """\
crmreq: 1
project:
  name: Essai
  lang: en
objectives:
  - id: OBJ-1
    title: Sell better
"""


def _pre_commit() -> list[str] | None:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    return [found] if found else None


PRE_COMMIT = _pre_commit()
pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[test]')"),
]

_GIT = ["git", "-c", "user.name=crmreq tests", "-c", "user.email=tests@crmreq.invalid", "-c", "commit.gpgsign=false",
        "-c", "init.defaultBranch=main"]


def isolated_env(**extra) -> dict:
    """No user or system git configuration (a global core.hooksPath would make
    `pre-commit install` refuse, a signing key would make commits fail)."""
    return tool_env(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", **extra)


def git(cwd: Path, *args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([*_GIT, *args], cwd=cwd, capture_output=True, text=True, env=env or isolated_env())
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stdout}{result.stderr}")
    return result


def commit_all(cwd: Path, message: str = "spec") -> None:
    git(cwd, "add", "-A")
    git(cwd, "commit", "-q", "--no-verify", "-m", message)


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    return path


def _clear(directory: Path) -> None:
    """Remove the spec files, keeping .git and .pre-commit-config.yaml."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.iterdir():
        if not old.name.startswith("."):
            shutil.rmtree(old) if old.is_dir() else old.unlink()


def write_weak(directory: Path) -> None:
    _clear(directory)
    (directory / "crmreq.yaml").write_text(WEAK, encoding="utf-8")


def write_good(directory: Path) -> None:
    _clear(directory)
    shutil.copytree(EXAMPLES / "fr-negoce", directory, dirs_exist_ok=True)


def pre_commit(cwd: Path, *args: str, env: dict, timeout: int = INSTALL_TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run([*PRE_COMMIT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def doc_block(check: str) -> str:
    (block,) = [b for b in blocks(DOC) if b.check == check]
    return block.body


def doc_commands(check: str) -> list[list[str]]:
    lines = [line.split("  #", 1)[0].strip() for line in doc_block(check).splitlines()]
    return [line.split() for line in lines if line and not line.startswith("#")]


# --------------------------------------------------------------------------------------
# Fast checks: pre-commit's own validation of the manifest and of the documented configs
# --------------------------------------------------------------------------------------

def test_pre_commit_accepts_the_manifest():
    result = pre_commit(REPO, "validate-manifest", ".pre-commit-hooks.yaml", env=isolated_env(), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("check", ["pre-commit-remote", "pre-commit-local"])
def test_pre_commit_accepts_the_documented_configs(tmp_path, check):
    (tmp_path / ".pre-commit-config.yaml").write_text(doc_block(check), encoding="utf-8")
    result = pre_commit(tmp_path, "validate-config", ".pre-commit-config.yaml", env=isolated_env(), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_local_hook_from_the_docs(tmp_path):
    """The `repo: local` variant uses the crmreq already installed: no installation."""
    repo = new_repo(tmp_path / "project")
    (repo / ".pre-commit-config.yaml").write_text(doc_block("pre-commit-local"), encoding="utf-8")
    write_weak(repo / SPEC_DIR)
    commit_all(repo)
    env = isolated_env(PRE_COMMIT_HOME=tmp_path / "cache")
    failed = pre_commit(repo, "run", "--all-files", "--color", "never", env=env, timeout=300)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "S001" in failed.stdout and "Failed" in failed.stdout
    write_good(repo / SPEC_DIR)
    commit_all(repo, "fixed")
    passed = pre_commit(repo, "run", "--all-files", "--color", "never", env=env, timeout=300)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


# --------------------------------------------------------------------------------------
# The published hook, installed by pre-commit from a repository
# --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding a snapshot of this working tree: (path, commit)."""
    snapshot = tmp_path_factory.mktemp("hook-repo") / "crmreq"
    snapshot.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache", ".hypothesis")
    for name in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, snapshot / name)
    for name in ("src", "schemas"):
        shutil.copytree(REPO / name, snapshot / name, ignore=ignore)
    (snapshot / "docs").mkdir()
    for name in ("rules.fr.md", "rules.en.md"):     # shipped in the wheel for the language server's links
        shutil.copy2(REPO / "docs" / name, snapshot / "docs" / name)
    new_repo(snapshot)
    commit_all(snapshot, "snapshot of the working tree")
    return snapshot, git(snapshot, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def installs(hook_repo, tmp_path_factory):
    """Start the three slow pre-commit runs at once, wait for all of them.

    - try-repo on a repository whose spec is weak, and on one whose spec is good;
    - `install-hooks` for a project configured exactly as the README says."""
    hook_path, sha = hook_repo
    root = tmp_path_factory.mktemp("pre-commit")
    env = isolated_env(PRE_COMMIT_HOME=root / "cache")

    weak = new_repo(root / "weak")
    write_weak(weak)
    commit_all(weak)
    good = new_repo(root / "good")
    write_good(good)
    commit_all(good)

    documented = new_repo(root / "documented")
    config = load_yaml(doc_block("pre-commit-remote"))
    config["repos"][0].update(repo=str(hook_path), rev=sha)
    from ruamel.yaml import YAML

    with open(documented / ".pre-commit-config.yaml", "w", encoding="utf-8") as handle:
        YAML().dump(config, handle)
    write_weak(documented / SPEC_DIR)
    (documented / "README.md").write_text("# Projet CRM\n", encoding="utf-8")
    commit_all(documented)

    def start(cwd, *args, home=None):
        return subprocess.Popen([*PRE_COMMIT, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, env=isolated_env(PRE_COMMIT_HOME=home or (root / f"cache-{cwd.name}")))

    processes = {
        "weak": start(weak, "try-repo", str(hook_path), "crmreq-lint", "--all-files", "--color", "never"),
        "good": start(good, "try-repo", str(hook_path), "crmreq-lint", "--all-files", "--color", "never"),
        "documented": start(documented, "install-hooks", home=root / "cache"),
    }
    results = {}
    try:
        for name, process in processes.items():
            output, _ = process.communicate(timeout=INSTALL_TIMEOUT)
            results[name] = (process.returncode, output)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
    return {"results": results, "documented": documented, "env": env}


@pytest.mark.slow
def test_try_repo_fails_on_a_weak_spec(installs):
    code, output = installs["results"]["weak"]
    assert code == 1, output
    assert "crmreq lint" in output and "Failed" in output and "- hook id: crmreq-lint" in output
    assert "S001" in output          # the objective without a metric
    assert "Traceback" not in output


@pytest.mark.slow
def test_try_repo_passes_on_a_good_spec(installs):
    code, output = installs["results"]["good"]
    assert code == 0, output
    assert "crmreq lint" in output and "Passed" in output


@pytest.mark.slow
def test_documented_setup_guards_commits(installs):
    """The configuration and commands of the README, in a project whose spec is in
    cahier-des-charges/: the commit is refused while the spec has errors — including an error
    in a file the commit does not touch — and allowed once it is fixed."""
    code, output = installs["results"]["documented"]
    assert code == 0, output
    repo, env = installs["documented"], installs["env"]
    install, run_all = doc_commands("pre-commit-shell")
    assert install[0] == run_all[0] == "pre-commit"

    first = pre_commit(repo, *run_all[1:], "--color", "never", env=env)
    assert first.returncode == 1 and "S001" in first.stdout, first.stdout + first.stderr

    installed = pre_commit(repo, *install[1:], env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    # fixing the spec lets the commit through
    write_good(repo / SPEC_DIR)
    git(repo, "add", "-A")
    fixed = git(repo, "commit", "-m", "spec fixed", env=env, check=False)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "crmreq lint" in fixed.stdout + fixed.stderr

    # a change to one file breaks a reference held by another file: the whole spec is linted
    teams = repo / SPEC_DIR / "equipes.yaml"
    text = teams.read_text(encoding="utf-8")
    teams.write_text(text.replace("  - id: resp-adv\n", "  - id: resp-adv-renamed\n", 1), encoding="utf-8")
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-m", "rename a stakeholder", env=env, check=False)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "E006" in output and "objectifs.yaml" in output   # reported in a file not in the commit
    git(repo, "reset", "-q", "--hard")

    # a commit touching no YAML/TOML file of the spec does not run the hook
    (repo / "README.md").write_text("# Projet CRM\n\nNotes.\n", encoding="utf-8")
    (repo / "ci.yml").write_text("other: yaml\n", encoding="utf-8")
    git(repo, "add", "-A")
    skipped = git(repo, "commit", "-m", "readme", env=env, check=False)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "(no files to check)Skipped" in skipped.stdout + skipped.stderr
