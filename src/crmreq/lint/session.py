"""Linting as a library: `Session` prepares settings and plugins, then lints specs.

    from crmreq.lint import Session
    report = Session.create(["examples/fr-pme-negoce"]).lint_all()
    print(report.exit_code, [f.code for f in report.findings])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .._collector import collector_paused
from ..config import Settings, discover, settings_from
from ..errors import ConfigError
from ..loader import find_entry
from ..plugins import Plugins, load_plugins
from .engine import Linter, Report

_LINT_SECTION = re.compile(r"^(lint\s*:|\[lint[\].])", re.MULTILINE)


@dataclass
class Session:
    paths: list[Path]
    settings: Settings
    plugins: Plugins
    linter: Linter

    @classmethod
    def create(cls, paths=(), *, config: str | None = None, lang: str | None = None,
               select=(), ignore=(), disable_plugins=(), debug: bool = False) -> "Session":
        paths = [Path(p) for p in paths] or [Path.cwd()]
        entries = [find_entry(p) for p in paths]
        plugins, data, source, base = plugins_for(entries, config=config, disable_plugins=disable_plugins)
        known = {o.name: o for r in plugins.rules.values() for o in r.options}
        known.update({o.name: o for o in plugins.options})
        try:
            settings = settings_from(data, source, known, base)
        except ConfigError as exc:
            if plugins.errors:  # "unknown key 'acme-max'" is only the symptom of a plugin that did not load
                raise ConfigError(f"{exc} — a plugin failed to load: {'; '.join(plugins.errors)}") from None
            raise
        settings = settings.merged_with(
            lang=lang,
            select=tuple(select) or None,
            ignore=tuple(settings.ignore) + tuple(ignore) if ignore else None,
        )
        for code in tuple(select) + tuple(ignore):
            if code.upper() != "ALL" and not any(
                r.code.startswith(code.upper()) or r.name == code.lower() for r in plugins.rules.values()
            ):
                raise ConfigError(f"unknown rule code or name: {code!r} (see `crmreq rules`)")
        linter = Linter(plugins, settings, lang=lang, debug=debug)
        return cls(paths, settings, plugins, linter)

    def lint_all(self) -> Report:
        report = Report(internal_errors=list(self.plugins.errors))
        self.results = []
        with collector_paused():
            for path in self.paths:
                result = self.linter.load(path)
                self.results.append(result)
                self.linter.lint(result, report)
        return report


def plugins_for(entries=(), *, config: str | None = None, disable_plugins=()):
    """The plugins a run on these entry files loads: built-ins, entry points, the `plugins`
    configuration key and the `plugins/` folders next to the entry files, minus the disabled.

    Answers (plugins, configuration mapping, its source, its directory). With no entry file
    (`crmreq plugins` outside a spec), the configuration is looked up from the current directory.
    """
    entries = [Path(e) for e in entries]
    start = entries[0].parent if entries else Path.cwd()
    data, source, base = discover(start, config)
    if source is None and entries:
        data, source, base = _lint_section(entries[0])
    plugin_specs = data.get("plugins", []) if isinstance(data, dict) else []
    plugin_specs = [plugin_specs] if isinstance(plugin_specs, str) else plugin_specs
    if base is not None and isinstance(plugin_specs, list):
        plugin_specs = [str((base / p).resolve()) if isinstance(p, str) and p.endswith(".py") and not Path(p).is_absolute() else p
                        for p in plugin_specs]
    disabled = set(disable_plugins) | set(_as_list(data.get("disable-plugins")) if isinstance(data, dict) else set())
    local_dirs = [e.parent / "plugins" for e in entries if (e.parent / "plugins").is_dir()]
    plugins = load_plugins(
        extra=[p for p in plugin_specs if isinstance(p, str)] if isinstance(plugin_specs, list) else [],
        local_dirs=local_dirs, disabled=frozenset(disabled),
    )
    return plugins, data, source, base


def _as_list(value):
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _lint_section(entry: Path):
    """The `lint:` section of the entry file, read only when the file has one."""
    try:
        text = entry.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}, None, None
    if not _LINT_SECTION.search(text):
        return {}, None, None
    from ..loader.spec import SpecLoader

    loader = SpecLoader(entry)
    loaded = loader.read(entry.resolve())
    tree = loaded.tree if loaded else None
    section = tree.get("lint") if isinstance(tree, dict) else None
    if not isinstance(section, dict):
        return {}, None, None
    return dict(section), f"{entry} (lint:)", entry.parent


__all__ = ["Session", "Report", "Linter", "plugins_for"]
