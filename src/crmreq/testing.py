"""pytest plugin for plugin authors (registered through the `pytest11` entry point).

Fixtures:

- `crmreq_lint(spec, *, plugins=(), select=("ALL",), lang="en", options=None, fmt="yaml")`
  writes `spec` (a YAML or TOML string, or a dict) as a spec in a temporary directory,
  lints it with the built-in rules plus `plugins` (modules, objects or .py paths, on top
  of installed entry points) and returns a `LintOutcome`: `.findings`, `.codes`,
  `.by_code(code)`, `.at(code)` → list of (object, line).
- `crmreq_export(spec, fmt, *, plugins=(), options=None)` runs one exporter into a temporary
  directory and returns the written path.

    def test_my_rule(crmreq_lint):
        outcome = crmreq_lint('''
            crmreq: 1
            project: {name: Chantier, lang: fr}
            sites: [{id: S1}]
        ''', plugins=["crmreq_btp"], select=["BTP"])
        assert outcome.at("BTP001") == [("S1", 3)]
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class LintOutcome:
    findings: list
    exit_code: int
    plugin_errors: list

    @property
    def codes(self) -> list[str]:
        return sorted(f.code for f in self.findings)

    def by_code(self, code: str) -> list:
        return [f for f in self.findings if f.code == code]

    def at(self, code: str) -> list[tuple]:
        return [(f.object, f.line) for f in self.by_code(code)]


def _write(directory: Path, spec, fmt: str) -> Path:
    if isinstance(spec, dict):
        if fmt == "toml":
            raise ValueError("pass TOML as text: dicts are written as YAML (JSON is valid YAML)")
        text = json.dumps(spec, ensure_ascii=False, default=str, indent=2)
    else:
        text = textwrap.dedent(spec).lstrip("\n")
    path = directory / f"crmreq.{'toml' if fmt == 'toml' else 'yaml'}"
    path.write_text(text, encoding="utf-8")
    return path


def _plugins(extra):
    """Installed plugins plus `extra`: module names, .py paths, modules or plugin objects."""
    from .plugins import load_plugins

    names = [str(p) for p in extra if isinstance(p, (str, Path))]
    objects = [p for p in extra if not isinstance(p, (str, Path))]
    return load_plugins(extra=names + _as_modules(objects))


def _as_modules(objects) -> list[str]:
    """Register plugin objects (modules or instances with crmreq_* hooks) as importable modules."""
    import sys
    import types

    module_names = []
    for obj in objects:
        if isinstance(obj, types.ModuleType):
            module_names.append(obj.__name__)
            continue
        name = f"crmreq_testing_plugin_{id(obj)}"
        module = types.ModuleType(name)
        for attr in dir(obj):
            if attr.startswith("crmreq_"):
                setattr(module, attr, getattr(obj, attr))
        sys.modules[name] = module
        module_names.append(name)
    return module_names


@pytest.fixture
def crmreq_lint(tmp_path, monkeypatch):
    """Lint an inline spec with extra plugins; see the module docstring."""
    from .config import Settings
    from .lint.engine import Linter, Report

    monkeypatch.chdir(tmp_path)

    def run(spec, *, plugins=(), select=("ALL",), ignore=(), lang="en", options=None, fmt="yaml"):
        path = _write(tmp_path, spec, fmt)
        loaded_plugins = _plugins(plugins)
        settings = Settings(select=tuple(select), ignore=tuple(ignore), lang=lang, options=dict(options or {}))
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

    def run(spec, fmt: str, *, plugins=(), options=None, spec_format="yaml"):
        source = tmp_path / "spec"
        source.mkdir(exist_ok=True)
        path = _write(source, spec, spec_format)
        loaded_plugins = _plugins(plugins)
        exporter = loaded_plugins.exporters[fmt]
        result = load_spec(path, extensions=loaded_plugins.schema_extensions)
        out = tmp_path / "out"
        out.mkdir(exist_ok=True)
        lang = options.get("lang") if options else None
        lang = lang or (result.spec.project.lang if result.spec.project and result.spec.project.lang else "fr")
        opts = {"lang": lang, "dialect": "excel-fr" if lang == "fr" else "rfc4180", **(options or {})}
        return export_format(exporter, result.spec, out / f"export.{exporter.extension}", opts)

    return run
