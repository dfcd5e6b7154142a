"""pytest plugin for plugin authors (registered through the `pytest11` entry point).

Installing crmreq makes these fixtures available in every pytest run, nothing to import:

- `crmreq_lint(spec, *, plugins=(), select=("ALL",), ignore=(), lang="en", options=None,
  severity=None, fmt="yaml", files=None, disable=())` writes `spec` (a YAML or TOML string,
  dedented, or a dict) as the entry file of a spec in a temporary directory — or takes the
  `Path` of an existing spec — lints it with the built-in rules, the installed plugins and
  `plugins` (module names, .py paths, modules or objects with `@hookimpl` methods), and returns a
  `LintOutcome`: `.findings`, `.codes`, `.by_code(code)`, `.at(code)` → [(object, line)],
  `.messages(code)`, `.exit_code`, `.plugin_errors`.
  `files` adds more files next to the entry file (`{"more.yaml": "..."}`, for `include:`);
  `disable` lists plugin names not to load (compare a run with and without your plugin).
- `crmreq_export(spec, fmt, *, plugins=(), options=None, spec_format="yaml", files=None,
  disable=())` runs one exporter into a temporary directory and returns the written path.
- `crmreq_plugins(plugins=(), disable=())` returns the loaded `crmreq.plugins.Plugins`
  (`.rules`, `.exporters`, `.schema_extensions`, `.infos`, `.errors`) to test registration.
- `crmreq_cli(*args, spec=None, config=None, files=None, fmt="yaml")` runs the `crmreq`
  command in a temporary directory (where `spec` is written as `crmreq.yaml`, or
  `crmreq.toml` with `fmt="toml"`, and `config` as `.crmreq.toml`) and returns a
  `CliOutcome`: `.exit_code`, `.stdout`, `.stderr`, `.json()`.

    def test_my_rule(crmreq_lint):
        outcome = crmreq_lint('''
            crmreq: 1
            project: {name: Chantier, lang: fr}
            sites:
              - id: S1
        ''', select=["BTP001"])
        assert outcome.at("BTP001") == [("S1", 4)]

Each call loads plugins afresh (no state shared between tests) and runs inside the test's
temporary directory, so finding paths are plain file names (`crmreq.yaml`).
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class LintOutcome:
    """What one lint run produced."""

    findings: list
    exit_code: int
    plugin_errors: list

    @property
    def codes(self) -> list[str]:
        """Every finding's code, sorted (a code appears once per finding)."""
        return sorted(f.code for f in self.findings)

    def by_code(self, code: str) -> list:
        return [f for f in self.findings if f.code == code]

    def at(self, code: str) -> list[tuple]:
        """[(object id, line)] of the findings with this code, in report order."""
        return [(f.object, f.line) for f in self.by_code(code)]

    def messages(self, code: str | None = None) -> list[str]:
        return [f.message for f in self.findings if code is None or f.code == code]

    def __repr__(self) -> str:  # readable in pytest's assertion rewriting
        lines = [f"{f.file}:{f.line}:{f.column} {f.code} {f.message}" for f in self.findings]
        return f"LintOutcome(exit_code={self.exit_code}, plugin_errors={self.plugin_errors!r}, findings=[\n  " + \
            "\n  ".join(lines) + "\n])"


@dataclass
class CliOutcome:
    """What one `crmreq` command printed and returned."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


def _write(directory: Path, spec, fmt: str, files=None) -> Path:
    """Write an inline spec (and extra files) into `directory`; answer the entry file."""
    if isinstance(spec, Path):
        return spec
    if isinstance(spec, dict):
        if fmt == "toml":
            raise ValueError("pass TOML as text: dicts are written as YAML (JSON is valid YAML)")
        text = json.dumps(spec, ensure_ascii=False, default=str, indent=2)
    else:
        text = textwrap.dedent(spec).lstrip("\n")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"crmreq.{'toml' if fmt == 'toml' else 'yaml'}"
    path.write_text(text, encoding="utf-8")
    for name, content in (files or {}).items():
        extra = directory / name
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return path


def _plugins(extra=(), disable=()):
    """Installed plugins plus `extra`: module names, .py paths, modules or plugin objects."""
    from .plugins import load_plugins

    if isinstance(extra, (str, Path)) or not isinstance(extra, (list, tuple, set)):
        extra = [extra]
    disabled = frozenset([disable] if isinstance(disable, str) else disable)
    return load_plugins(extra=[str(p) if isinstance(p, Path) else p for p in extra], disabled=disabled)


def _options(options) -> dict:
    return {str(k).replace("_", "-"): v for k, v in (options or {}).items()}


@pytest.fixture
def crmreq_lint(tmp_path, monkeypatch):
    """Lint an inline spec with extra plugins; see the module docstring."""
    from .config import Settings
    from .lint.engine import Linter, Report

    monkeypatch.chdir(tmp_path)
    counter = iter(range(1_000_000))

    def run(spec, *, plugins=(), select=("ALL",), ignore=(), lang="en", options=None, severity=None,
            fmt="yaml", files=None, disable=()):
        # each call gets its own directory (and works there): several specs can be linted in one test
        number = next(counter)
        directory = tmp_path if number == 0 else tmp_path / f"spec{number}"
        path = _write(directory, spec, fmt, files)
        if number and not isinstance(spec, Path):
            monkeypatch.chdir(directory)
        loaded_plugins = _plugins(plugins, disable)
        settings = Settings(select=tuple(select), ignore=tuple(ignore), lang=lang, options=_options(options),
                            severity=dict(severity or {}))
        linter = Linter(loaded_plugins, settings, lang=lang)
        report = Report(internal_errors=list(loaded_plugins.errors))
        linter.lint(linter.load(path), report)
        return LintOutcome(report.findings, report.exit_code, list(loaded_plugins.errors))

    return run


@pytest.fixture
def crmreq_export(tmp_path):
    """Run one exporter (built-in or a plugin's) on an inline spec; answer the written path."""
    from .export.engine import export_format
    from .loader import load_spec

    def run(spec, fmt: str, *, plugins=(), options=None, spec_format="yaml", files=None, disable=()):
        path = _write(tmp_path / "spec", spec, spec_format, files)
        loaded_plugins = _plugins(plugins, disable)
        if fmt not in loaded_plugins.exporters:
            known = ", ".join(sorted(loaded_plugins.exporters))
            failed = "; ".join(str(error) for error in loaded_plugins.errors)
            raise LookupError(f"no exporter {fmt!r} (known: {known}; plugin errors: {failed or 'none'})")
        exporter = loaded_plugins.exporters[fmt]
        result = load_spec(path, extensions=loaded_plugins.schema_extensions)
        if result.spec is None:
            raise ValueError(f"the spec could not be loaded: {result.problems}")
        out = tmp_path / "out"
        out.mkdir(exist_ok=True)
        lang = options.get("lang") if options else None
        lang = lang or (result.spec.project.lang if result.spec.project and result.spec.project.lang else "fr")
        opts = {"lang": lang, "dialect": "excel-fr" if lang == "fr" else "rfc4180", **(options or {})}
        return export_format(exporter, result.spec, out / f"export.{exporter.extension}", opts)

    return run


@pytest.fixture
def crmreq_plugins():
    """Load plugins as a run would (installed ones plus `plugins`); answer `crmreq.plugins.Plugins`."""

    def run(plugins=(), *, disable=()):
        return _plugins(plugins, disable)

    return run


@pytest.fixture
def crmreq_cli(tmp_path, monkeypatch):
    """Run the `crmreq` command line in a temporary directory; see the module docstring."""
    from click.testing import CliRunner

    from .cli import main

    monkeypatch.chdir(tmp_path)

    def run(*args, spec=None, config=None, files=None, fmt="yaml"):
        if spec is not None:
            _write(tmp_path, spec, fmt, files)
        elif files:
            for name, content in files.items():
                (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
                (tmp_path / name).write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        if config is not None:
            (tmp_path / ".crmreq.toml").write_text(textwrap.dedent(config).lstrip("\n"), encoding="utf-8")
        try:
            runner = CliRunner(mix_stderr=False)
        except TypeError:  # click >= 8.2 always keeps stderr apart
            runner = CliRunner()
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        return CliOutcome(result.exit_code, result.stdout, result.stderr)

    return run
