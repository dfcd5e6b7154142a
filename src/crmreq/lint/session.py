"""Linting as a library: `Session` prepares settings and plugins, then lints specs.

    from crmreq.lint import Session
    report = Session.create(["examples/fr-negoce"]).lint_all()
    print(report.exit_code, [f.code for f in report.findings])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings, discover, settings_from
from ..errors import ConfigError
from ..findings import LoadProblem
from ..loader import DEFAULT_MAX_FILE_SIZE, find_entry
from ..loader.files import FileTooLarge, NoSpec, NotRegularFile, display_path, read_regular_file
from ..values.text import french_spaces
from ..positions import Position
from ..plugins import Plugins, load_plugins
from .baseline import apply_baseline, read_baseline
from .engine import Linter, Report

# `lint:` (YAML); `[lint]`, `[lint.severity]`, `lint.select = …`, `lint = {…}` (TOML): worth parsing the file for
_LINT_SECTION = re.compile(r"^[ \t]*(?:lint[ \t]*[:=.]|\[[ \t]*lint[ \t]*[\].])", re.MULTILINE)


@dataclass
class Session:
    paths: list[Path]
    settings: Settings
    plugins: Plugins
    linter: Linter
    baseline: Path | None = None
    entries: list[Path] = field(default_factory=list)   # the entry file of each path
    results: list = field(default_factory=list)

    @classmethod
    def create(cls, paths=(), *, config: str | None = None, lang: str | None = None,
               select=(), ignore=(), disable_plugins=(), debug: bool = False,
               baseline: Path | str | None = None) -> "Session":
        """Settings and plugins for linting `paths` (default: the current directory).

        `baseline`: a file written by `write_baseline`; the findings it knows are left out of the report."""
        paths = [Path(p) for p in paths] or [Path.cwd()]
        entries = [find_entry(p) for p in paths]
        plugins, data, source, base = plugins_for(entries, config=config, disable_plugins=disable_plugins)
        known = {o.name: o for r in plugins.rules.values() for o in r.options}
        known.update({o.name: o for o in plugins.options})
        try:
            settings = settings_from(data, source, known, base)
        except ConfigError as exc:
            if plugins.errors:  # "unknown key 'acme-max'" is only the symptom of a plugin that did not load
                failures = {lang: "; ".join(error.texts[lang] for error in plugins.errors) for lang in ("fr", "en")}
                raise ConfigError(f"{exc.texts['fr']} — un plugin n'a pas pu être chargé : {failures['fr']}",
                                  f"{exc.texts['en']} — a plugin failed to load: {failures['en']}") from None
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
                raise ConfigError(f"code ou nom de règle inconnu : « {code} » (voir `crmreq rules`)",
                                  f"unknown rule code or name: {code!r} (see `crmreq rules`)")
        linter = Linter(plugins, settings, lang=lang, debug=debug)
        return cls(paths, settings, plugins, linter, Path(baseline) if baseline else None, entries)

    def lint_all(self) -> Report:
        """Load and lint every path; the baseline, if any, hides the findings it knows.

        A file given that its spec does not include is not linted: NoSpec says so (exit 2)."""
        known = read_baseline(self.baseline) if self.baseline else None
        report = Report(internal_errors=list(self.plugins.errors))
        # several paths of one spec (pre-commit passes every changed file) load and lint it once
        named: dict[Path, Path] = {}          # each spec's entry file as the user first named it
        for entry in self.entries:
            named.setdefault(entry.resolve(), entry)
        loaded = {key: self.linter.load(entry) for key, entry in named.items()}
        self.results = [loaded[entry.resolve()] for entry in self.entries]
        for path, entry, result in zip(self.paths, self.entries, self.results):
            if path.is_file() and not _reads(result, path):
                shown, spec = display_path(path), display_path(entry)
                raise NoSpec(f"{shown} n'est inclus par aucun fichier de la spec {spec} : il n'est pas vérifié. "
                             f"Ajoutez-le à include dans {spec}, ou vérifiez la spec entière (crmreq lint {spec}).",
                             f"{shown} is not included by any file of the spec {spec}: it is not linted. Add it to "
                             f"`include` in {spec}, or lint the whole spec (crmreq lint {spec}).")
        for key, entry in named.items():
            result = loaded[key]
            for skipped in self.untrusted_code(entry):
                result.problems.append(LoadProblem("X003", Position(display_path(entry), 1, 1), {"folder": skipped}))
            self.linter.lint(result, report)
        if known is not None:
            report.findings, report.baselined = apply_baseline(report.findings, known)
        return report

    def whereabouts(self) -> list[dict]:
        """One line, in French and English, for each PATH inside a spec rather than the spec itself
        (a sub-folder, an included file): which spec was linted for it."""
        lines = []
        for path, entry in zip(self.paths, self.entries):
            if path.resolve() in (entry.resolve(), entry.resolve().parent):
                continue
            shown, spec = display_path(path), display_path(entry)
            lines.append({"fr": french_spaces(f"{shown} fait partie de la spec {spec} : toute la spec est vérifiée"),
                          "en": f"{shown} is part of the spec {spec}: the whole spec is linted"})
        return lines

    def untrusted_code(self, entry: Path) -> list[str]:
        """The plugins that came with the spec and were not loaded: its `plugins/` folder without
        `local-plugins = true`, and the plugins its own `lint:` section names."""
        from_spec = _written_in_the_spec(self.settings.source)
        skipped = list(self.settings.plugins) if from_spec else []
        folder = local_plugin_folder(entry)
        if folder is not None and (from_spec or not self.settings.local_plugins):
            skipped.insert(0, display_path(folder))
        return [display_path(Path(p)) if p.endswith(".py") else p for p in skipped]

    @property
    def language(self) -> str:
        """The language of the messages: --lang, the configuration, the first spec's, the locale."""
        return self.linter.language(self.results[0] if self.results else None)

    @property
    def files_read(self) -> list[str]:
        """The absolute path of every file the run read."""
        return [f.absolute for result in self.results for f in result.files]

    @property
    def sources(self) -> dict:
        """The lines of every file read, by path, for reporters that quote the source."""
        return {f.path: f.lines for result in self.results for f in result.files}


def _reads(result, path: Path) -> bool:
    """Whether loading the spec read the file at `path`."""
    wanted = path.resolve()
    return any(Path(source.absolute).resolve() == wanted for source in result.files)


def plugins_for(entries=(), *, config: str | None = None, disable_plugins=()):
    """The plugins a run on these entry files loads: built-ins, entry points, the `plugins`
    configuration key and, only when the configuration says `local-plugins = true`, the
    `plugins/` folders next to the entry files; minus the disabled.

    Answers (plugins, configuration mapping, its source, its directory). With no entry file
    (`crmreq plugins` outside a spec), the configuration is looked up from the current directory.
    """
    entries = [Path(e) for e in entries]
    start = entries[0].parent if entries else Path.cwd()
    data, source, base = discover(start, config)
    if source is None and entries:
        data, source, base = lint_section(entries[0])
    plugin_specs = data.get("plugins", []) if isinstance(data, dict) else []
    plugin_specs = [plugin_specs] if isinstance(plugin_specs, str) else plugin_specs
    if _written_in_the_spec(source):
        plugin_specs = []   # the spec cannot name code to run: X003 reports what it asked for
    if base is not None and isinstance(plugin_specs, list):
        plugin_specs = [str((base / p).resolve()) if isinstance(p, str) and p.endswith(".py") and not Path(p).is_absolute() else p
                        for p in plugin_specs]
    disabled = set(disable_plugins) | set(_as_list(data.get("disable-plugins")) if isinstance(data, dict) else set())
    trusted = isinstance(data, dict) and (data.get("local-plugins", data.get("local_plugins")) is True) \
        and not _written_in_the_spec(source)
    local_dirs = [folder for folder in map(local_plugin_folder, entries) if folder] if trusted else []
    plugins = load_plugins(
        extra=[p for p in plugin_specs if isinstance(p, str)] if isinstance(plugin_specs, list) else [],
        local_dirs=local_dirs, disabled=frozenset(disabled),
    )
    return plugins, data, source, base


_SPEC_SECTION = " (lint:)"


def _written_in_the_spec(source: str | None) -> bool:
    """Whether the configuration is the entry file's own `lint:` section: a spec cannot vouch for its own code."""
    return bool(source) and source.endswith(_SPEC_SECTION)


def local_plugin_folder(entry: Path) -> Path | None:
    """The `plugins/` folder next to an entry file, when it holds plugin modules."""
    folder = entry.parent / "plugins"
    if folder.is_dir() and any(not p.name.startswith("_") for p in folder.glob("*.py")):
        return folder
    return None


def _as_list(value):
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def lint_section(entry: Path):
    """The `lint:` section of the entry file, read plainly before the spec is loaded.

    Answers (mapping, source description, directory), or ({}, None, None). A file too large,
    unreadable or not parseable gives nothing here: loading the spec reports it, with its position."""
    try:
        text = read_regular_file(entry, DEFAULT_MAX_FILE_SIZE).decode("utf-8-sig")
    except (FileTooLarge, NotRegularFile, OSError, UnicodeDecodeError):
        return {}, None, None
    if not _LINT_SECTION.search(text):
        return {}, None, None
    section = _read_section(text, entry.suffix.lower() == ".toml")
    if not isinstance(section, dict):
        return {}, None, None
    return dict(section), f"{entry}{_SPEC_SECTION}", entry.parent


def _read_section(text: str, is_toml: bool):
    from ..loader.toml_loader import TomlProblem, parse_toml
    from ..loader.yaml_loader import YamlProblem, parse_yaml

    try:
        tree = parse_toml(text, "").data if is_toml else parse_yaml(text, "").data
    except (TomlProblem, YamlProblem):
        return None
    return tree.get("lint") if isinstance(tree, dict) else None


__all__ = ["Session", "Report", "Linter", "plugins_for", "lint_section"]
