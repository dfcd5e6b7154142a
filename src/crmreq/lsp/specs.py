"""The specs behind the open files: which spec a file belongs to, its settings and plugins (kept
from one run to the next), and its latest lint, with the editor's unsaved buffers read instead
of the files on disk. Everything goes through the library: `Session`, `load_spec`, `Linter`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Mapping

from ..errors import CrmreqError
from ..findings import LoadProblem
from ..json_schema import json_schema
from ..lint import Report, Session
from ..loader import DEFAULT_MAX_FILE_SIZE, LoadResult, load_spec
from ..loader.files import ENTRY_NAMES, display_path, find_entry
from ..loader.suppressions import last_line
from ..model import SourceFile
from ..positions import PosDict, PosList, Position
from .navigation import IdIndex, build_index
from .schema_guide import SchemaGuide

SPEC_SUFFIXES = (".yaml", ".yml", ".toml")
#: Saving one of these may change the settings or the plugins of the specs below it.
SETTINGS_FILES = (".crmreq.toml", "pyproject.toml", *ENTRY_NAMES)


@dataclass
class Prepared:
    """What a spec's runs share: its session (settings, plugins, linter) and its schema."""

    session: Session
    guide: SchemaGuide


@dataclass
class SpecRun:
    """The latest lint of one spec."""

    entry: Path
    prepared: Prepared
    result: LoadResult
    report: Report
    lang: str
    files: dict[Path, SourceFile] = field(default_factory=dict)     # by absolute path
    by_display: dict[str, Path] = field(default_factory=dict)       # display path → absolute path
    lines_by_display: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def lines(self, display: str) -> tuple[str, ...]:
        return self.lines_by_display.get(display, ())

    @cached_property
    def index(self) -> IdIndex:
        """The ids and their uses, built when a request (or an unknown id) first needs them."""
        raw = self.result.spec.raw if self.result.spec is not None else None
        return build_index(raw, self.lines)

    def display_of(self, path: Path) -> str | None:
        source = self.files.get(path)
        return source.path if source else None

    def item_line(self, display: str, line: int) -> int:
        """The first line of the innermost list item of `display` that spans `line`, else `line`:
        where a suppression comment covers the whole item."""
        best = line
        best_start = 0
        stack = [self.result.spec.raw] if self.result.spec is not None else []
        while stack:
            node = stack.pop()
            children = list(zip(node.item_pos, node)) if isinstance(node, PosList) else \
                [(node.key_pos.get(k), v) for k, v in node.items()] if isinstance(node, PosDict) else []
            for pos, child in children:
                if isinstance(child, (PosDict, PosList)):
                    stack.append(child)
                if isinstance(node, PosList) and isinstance(child, PosDict) and pos and pos.file == display \
                        and best_start < pos.line <= line <= last_line(child, display, pos.line):
                    best, best_start = pos.line, pos.line
        return best


class Specs:
    """The specs the server has linted, by entry file."""

    def __init__(self, lang: str | None = None):
        self.lang = lang                  # --lang: every spec's findings in that language
        self.prepared: dict[Path, Prepared] = {}
        self.runs: dict[Path, SpecRun] = {}
        self.complete_runs: dict[Path, SpecRun] = {}   # entry → its last run that read every file
        self.parses: dict[Path, dict] = {}   # entry → what the parsers made of its files' texts

    def entry_of(self, path: Path) -> Path | None:
        """The entry file of the spec `path` belongs to; None for a file outside any spec. A file
        deleted on disk while open in the editor belongs to the spec whose last run read it."""
        if path.suffix.lower() not in SPEC_SUFFIXES:
            return None
        if not path.exists():
            return next((entry for entry, run in self.runs.items() if path in run.files), None)
        try:
            entry = find_entry(path)
        except (CrmreqError, OSError):
            return None
        return entry.resolve() if entry.name in ENTRY_NAMES else None

    def run_of(self, path: Path) -> SpecRun | None:
        """The latest run of the spec that read `path`."""
        entry = self.entry_of(path)
        run = self.runs.get(entry) if entry else None
        return run if run and path in run.files else None

    def prepare(self, entry: Path) -> Prepared:
        if entry not in self.prepared:
            session = Session.create([entry], lang=self.lang)
            self.prepared[entry] = Prepared(session, SchemaGuide(json_schema(session.plugins.schema_extensions or None, not_given=False)))
        return self.prepared[entry]

    def forget_settings(self) -> None:
        """Settings or plugins may have changed: the next runs prepare their sessions again."""
        self.prepared.clear()

    def lint(self, entry: Path, overlay: Mapping[Path, str]) -> SpecRun:
        """Load and lint the spec of `entry`, reading the texts of `overlay` instead of those files."""
        prepared = self.prepare(entry)
        session = prepared.session
        parses = self.parses.setdefault(entry, {})
        result = load_spec(entry, max_file_size=session.settings.max_file_size or DEFAULT_MAX_FILE_SIZE,
                           extensions=session.plugins.schema_extensions, overlay=overlay, parses=parses)
        texts = {"\n".join(source.lines) for source in result.files}
        for key in [key for key in parses if key[1] not in texts]:   # only the texts of this run are kept
            del parses[key]
        for skipped in session.untrusted_code(entry):
            result.problems.append(LoadProblem("X003", Position(display_path(entry), 1, 1), {"folder": skipped}))
        lang = session.linter.language(result)
        failed = [error.texts[lang] for error in session.plugins.errors]   # logged by the server, in the spec's language
        report = session.linter.lint(result, Report(internal_errors=failed))
        files = {Path(source.absolute): source for source in result.files}
        by_display = {source.path: path for path, source in files.items()}
        lines = {source.path: source.lines for source in result.files}
        run = SpecRun(entry, prepared, result, report, lang, files, by_display, lines)
        self.runs[entry] = run
        if result.complete:
            self.complete_runs[entry] = run
        return run

    def ids_run(self, run: SpecRun) -> SpecRun:
        """The run whose ids completion offers: this one, or, while a file of the spec does not
        parse (a value half-typed), the last run that read every file."""
        return run if run.result.complete else self.complete_runs.get(run.entry, run)
