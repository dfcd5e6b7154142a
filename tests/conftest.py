"""Shared test helpers: write a spec into a temporary directory and lint it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from crmreq.config import Settings
from crmreq.lint.engine import Linter
from crmreq.plugins import load_plugins

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"

_PLUGINS = None


def builtin_plugins():
    """Plugins are loaded once per test session: loading is deterministic and read-only."""
    global _PLUGINS
    if _PLUGINS is None:
        _PLUGINS = load_plugins()
    return _PLUGINS


def write_spec(directory: Path, text: str, name: str = "crmreq.yaml") -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def lint_path(path: Path, *, select=("ALL",), ignore=(), lang="en", options=None, severity=None):
    """Lint a spec directory or file with the built-in rules; answer the sorted findings."""
    settings = Settings(select=tuple(select), ignore=tuple(ignore), lang=lang,
                        options=dict(options or {}), severity=dict(severity or {}))
    linter = Linter(builtin_plugins(), settings, lang=lang)
    result = linter.load(path)
    return linter.lint(result).findings


@pytest.fixture
def lint_yaml(tmp_path, monkeypatch):
    """lint_yaml(text, select=("S",), lang="en", options={...}) -> list[Finding].

    The text is dedented and written as crmreq.yaml in a fresh directory (the working
    directory, so finding paths are plain file names)."""
    monkeypatch.chdir(tmp_path)

    def run(text: str, name: str = "crmreq.yaml", **kwargs):
        write_spec(tmp_path, text, name)
        return lint_path(tmp_path / name, **kwargs)

    return run


def codes(findings):
    return sorted(f.code for f in findings)


def _hypothesis_profile():
    """In CI (CI=true), property tests draw a fixed sequence of examples: a run that landed
    stays reproducible. Locally they explore new examples on every run."""
    import os

    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, database=None)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profile()
