"""Load a spec: read the entry file and every included file, merge, validate, build.

Loading never stops at the first problem: each one becomes a `LoadProblem` (E001–E004,
E007, E002) with a position, and the rest of the spec is still read so a single run shows
everything. Nothing escapes as a traceback: every parser exception is caught at the file
boundary (research/robustness.md §0, §2.5).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable
from typing import Mapping, MutableMapping

from ..errors import os_reason
from ..findings import LoadProblem
from ..model import SourceFile, Spec
from ..positions import PosDict, PosList, Position, locate
from .files import FileTooLarge, NotRegularFile, display_path, find_entry, glob_files, not_utf8, read_regular_file
from .blanks import Blank, take_blanks
from .messages import fr_toml, fr_yaml, more_duplicates
from .references import reference_stand_ins
from .stand_ins import StandIn, for_blank, for_schema_error, with_stand_ins
from .suppressions import Suppression, suppressions_in, yaml_directive_comments

YAML_SUFFIXES = (".yaml", ".yml")
TOML_SUFFIXES = (".toml",)
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
SUPPORTED_VERSIONS = (1,)
MAX_DUPLICATE_FINDINGS = 20   # per file; the rest are counted in one more finding
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass
class LoadResult:
    spec: Spec | None
    problems: list[LoadProblem] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)
    complete: bool = True   # False when a file could not be read: rules would judge half a spec
    unknown: list[StandIn] = field(default_factory=list)   # a valid stand-in for each value E002 refused,
    #                                                        and the id meant by each near-miss reference
    blanks: list[Blank] = field(default_factory=list)      # values written empty or as a placeholder
    blank_stand_ins: list[StandIn] = field(default_factory=list)
    build: Callable | None = field(default=None, repr=False)   # raw tree → Spec, as `spec` was built

    def spec_with(self, stand_ins) -> Spec | None:
        """The spec as if each stand-in had been written (lint/causes.py asks what changes then)."""
        if self.spec is None or self.build is None:
            return None
        return self.build(with_stand_ins(self.spec.raw, stand_ins))


@dataclass
class _File:
    source: SourceFile
    tree: object = None
    comments: list = field(default_factory=list)   # (line, col, text, own_line)


class SpecLoader:
    """Loads one spec. Use `load_spec()`."""

    def __init__(self, entry: Path, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE, extensions: dict | None = None,
                 overlay: Mapping[Path, str] | None = None, parses: MutableMapping | None = None):
        self.entry = entry.resolve()
        self.parses = parses
        self.root = self.entry.parent
        self.max_file_size = max_file_size
        self.extensions = extensions or {}
        self.overlay = {Path(path).resolve(): text for path, text in (overlay or {}).items()}
        self.problems: list[LoadProblem] = []
        self.files: list[_File] = []
        self.unknown: list[StandIn] = []
        self._seen: set[Path] = set()
        self.include_unfollowed = False     # an `include` value that names no file (E002: TBD, not a list…)

    def problem(self, code: str, pos: Position, object: str | None = None, **args) -> None:
        self.problems.append(LoadProblem(code, pos, args, object))

    # -- reading ----------------------------------------------------------------
    def bytes_of(self, path: Path) -> bytes:
        """The text of `path`: an editor's unsaved buffer when the overlay has one, else the file on disk."""
        if path not in self.overlay:
            return read_regular_file(path, self.max_file_size)
        data = self.overlay[path].encode("utf-8", "surrogatepass")   # a lone surrogate: E001 below, as on disk
        if len(data) > self.max_file_size:
            raise FileTooLarge(len(data))
        return data

    def read(self, path: Path) -> _File | None:
        display = display_path(path)
        at = Position(display, 1, 1)
        source = SourceFile(display, str(path), "toml" if path.suffix.lower() in TOML_SUFFIXES else "yaml")
        try:
            data = self.bytes_of(path)
        except FileTooLarge as exc:
            self.problem("E001", at, detail={
                "fr": f"fichier trop gros ({exc.size:,} octets, limite {self.max_file_size:,} ; voir l'option max-file-size)".replace(",", "\u202f"),
                "en": f"file too large ({exc.size:,} bytes, limit {self.max_file_size:,}; see the max-file-size option)"})
            return _File(source)
        except NotRegularFile:
            self.problem("E001", at, detail={"fr": "pas un fichier ordinaire (périphérique, tube…) : il n'est pas lu",
                                             "en": "not a regular file (device, pipe…): it is not read"})
            return _File(source)
        except OSError as exc:
            reason = os_reason(exc)
            self.problem("E001", at, detail={"fr": f"lecture impossible : {reason['fr']}", "en": f"cannot read: {reason['en']}"})
            return _File(source)
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, column, detail = not_utf8(data, exc)
            self.problem("E001", Position(display, line, column), detail=detail)
            return _File(source)
        text = text.replace("\r\n", "\n")
        lines = text.split("\n")
        source = SourceFile(display, str(path), source.format, tuple(lines))
        loaded = _File(source)
        if all(not line.strip() or line.lstrip().startswith("#") for line in lines):
            self.problem("E001", at, detail={"fr": "fichier vide", "en": "empty file"})
            return loaded
        try:
            if source.format == "toml":
                self._read_toml(loaded, text)
            else:
                self._read_yaml(loaded, text)
        except RecursionError:
            self.problem("E001", at, detail={"fr": "document trop profondément imbriqué", "en": "document nested too deeply"})
            loaded.tree = None
        if loaded.tree is not None and not isinstance(loaded.tree, PosDict):
            kind = {"fr": "une liste", "en": "a list"} if isinstance(loaded.tree, list) else {"fr": "une valeur seule", "en": "a single value"}
            self.problem("E001", at, detail={
                "fr": f"le fichier doit contenir des sections (clé: valeur), pas {kind['fr']}",
                "en": f"the file must hold sections (key: value), not {kind['en']}"})
            loaded.tree = None
        return loaded

    def _read_yaml(self, loaded: _File, text: str) -> None:
        from .yaml_loader import YamlProblem, parse_yaml

        display = loaded.source.path
        try:
            result = parse_yaml(text, display, parses=self.parses)
        except YamlProblem as exc:
            self.problem("E001", Position(display, exc.line, exc.column), detail={"fr": fr_yaml(exc.message), "en": exc.message},
                         **({"raw": exc.raw} if exc.raw else {}))
            return
        except Exception as exc:  # belt and braces: the parser boundary lets nothing through
            self.problem("E001", Position(display, 1, 1), detail={"fr": f"{type(exc).__name__}: {exc}", "en": f"{type(exc).__name__}: {exc}"})
            return
        duplicates = 0
        first_unreported = None
        for problem in result.problems:
            if problem.duplicate_key:
                duplicates += 1
                if duplicates == MAX_DUPLICATE_FINDINGS + 1:
                    first_unreported = Position(display, problem.line, problem.column)
                if duplicates > MAX_DUPLICATE_FINDINGS:
                    continue
            self.problem("E001", Position(display, problem.line, problem.column), detail={"fr": fr_yaml(problem.message), "en": problem.message})
        duplicates += result.more_duplicates
        if duplicates > MAX_DUPLICATE_FINDINGS:
            more = duplicates - MAX_DUPLICATE_FINDINGS
            self.problem("E001", first_unreported or Position(display, 1, 1), detail=more_duplicates(more))
        if result.data is None:   # `~` or `null` alone: nothing, but not an empty file
            self.problem("E001", Position(display, 1, 1), detail={
                "fr": "le fichier doit contenir des sections (clé: valeur), pas une valeur nulle",
                "en": "the file must hold sections (key: value), not a null value"})
            return
        loaded.tree = result.data
        loaded.comments = yaml_directive_comments(text, result.scalar_spans) if result.may_suppress else []

    def _read_toml(self, loaded: _File, text: str) -> None:
        from .toml_loader import TomlProblem, parse_toml

        display = loaded.source.path
        try:
            result = parse_toml(text, display, parses=self.parses)
        except TomlProblem as exc:
            self.problem("E001", Position(display, exc.line, exc.column), detail={"fr": fr_toml(exc.message), "en": exc.message},
                         **({"raw": exc.raw} if exc.raw else {}))
            return
        except Exception as exc:
            self.problem("E001", Position(display, 1, 1), detail={"fr": f"{type(exc).__name__}: {exc}", "en": f"{type(exc).__name__}: {exc}"})
            return
        loaded.tree = result.data
        lines = loaded.source.lines
        loaded.comments = [
            (line, col, body, not lines[line - 1][: col - 1].strip() if 0 < line <= len(lines) else True)
            for line, col, body in result.comments
        ]

    # -- include ----------------------------------------------------------------
    def includes_of(self, loaded: _File) -> list[Path]:
        tree = loaded.tree
        if not isinstance(tree, PosDict) or "include" not in tree:
            return []
        patterns = tree["include"]
        if not isinstance(patterns, PosList):
            self.include_unfollowed = True
            return []  # wrong type or blank (`include: TBD`): E002 from the schema
        base = Path(loaded.source.absolute).parent
        found: list[Path] = []
        for index, pattern in enumerate(patterns):
            if isinstance(pattern, (int, float)) and not isinstance(pattern, bool):
                pattern = str(pattern)      # `- 2027`: the schema reads the text as written, so does include
            if not isinstance(pattern, str) or not pattern.strip():
                self.include_unfollowed = True
                continue
            pos = patterns.where(index)
            found.extend(self._resolve_include(base, pattern.strip(), pos))
        return found

    def _resolve_include(self, base: Path, pattern: str, pos: Position) -> list[Path]:
        if os.path.isabs(pattern) or pattern.startswith("~"):
            self.problem("E004", pos, detail={
                "fr": f"« {pattern} » est un chemin absolu : un include est relatif au fichier d'entrée et reste dans le dossier de la spec",
                "en": f"`{pattern}` is an absolute path: includes are relative to the entry file and stay inside the spec directory"})
            return []
        if _GLOB_CHARS.search(pattern):
            try:
                matches = glob_files(base, pattern)
            except (ValueError, OSError) as exc:
                self.problem("E004", pos, detail={"fr": f"motif « {pattern} » invalide : {exc}", "en": f"invalid pattern `{pattern}`: {exc}"})
                return []
            inside = [p for p in matches if self._inside(p)]
            if len(inside) < len(matches):
                self.problem("E004", pos, detail={
                    "fr": f"« {pattern} » désigne des fichiers hors du dossier de la spec : ils ne sont pas lus",
                    "en": f"`{pattern}` matches files outside the spec directory: they are not read"})
            wanted = [p for p in inside if p.suffix.lower() in YAML_SUFFIXES + TOML_SUFFIXES]
            if not wanted and len(inside) == len(matches):
                self.problem("E004", pos, detail={
                    "fr": f"aucun fichier YAML ou TOML ne correspond à « {pattern} »",
                    "en": f"no YAML or TOML file matches `{pattern}`"})
            return wanted
        candidate = base / pattern
        if candidate.is_symlink() and not os.path.exists(candidate):   # a link to nothing, or to itself
            self.problem("E004", pos, detail={
                "fr": f"« {pattern} » est un lien symbolique qui ne mène à aucun fichier",
                "en": f"`{pattern}` is a symbolic link that leads to no file"})
            return []
        if not self._inside(candidate):
            self.problem("E004", pos, detail={
                "fr": f"« {pattern} » sort du dossier de la spec : il n'est pas lu",
                "en": f"`{pattern}` is outside the spec directory: it is not read"})
            return []
        if candidate.is_dir():
            self.problem("E004", pos, detail={
                "fr": f"« {pattern} » est un dossier : incluez ses fichiers (« {pattern}/*.yaml »)",
                "en": f"`{pattern}` is a folder: include its files (`{pattern}/*.yaml`)"})
            return []
        if not candidate.is_file():
            self.problem("E004", pos, detail={"fr": f"fichier inclus introuvable : « {pattern} »", "en": f"included file not found: `{pattern}`"})
            return []
        if candidate.suffix.lower() not in YAML_SUFFIXES + TOML_SUFFIXES:
            self.problem("E004", pos, detail={
                "fr": f"« {pattern} » n'est ni un fichier YAML (.yaml, .yml) ni un fichier TOML (.toml)",
                "en": f"`{pattern}` is neither a YAML (.yaml, .yml) nor a TOML (.toml) file"})
            return []
        return [candidate]

    def _inside(self, path: Path) -> bool:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            return False
        return resolved == self.root or self.root in resolved.parents

    # -- the whole spec ------------------------------------------------------------
    def load(self) -> LoadResult:
        queue = [self.entry]
        while queue:
            path = queue.pop(0)
            resolved = path.resolve()
            if resolved in self._seen:
                continue
            self._seen.add(resolved)
            loaded = self.read(resolved)
            self.files.append(loaded)
            queue.extend(p for p in self.includes_of(loaded) if p.resolve() not in self._seen)
        entry_file = self.files[0]
        merged = self.merge()
        blanks = take_blanks(merged)   # empty or placeholder: missing, not of the wrong type
        self.check_version(merged, entry_file)
        if entry_file.tree is not None and "project" not in merged:
            self.problem("E002", Position(entry_file.source.path, 1, 1), detail={
                "fr": "section « project » obligatoire manquante (name, company, lang…)",
                "en": "required section `project` is missing (name, company, lang…)"})
        self.validate(merged)
        from .build import build_spec

        sources = tuple(f.source for f in self.files)
        build = partial(build_spec, root=display_path(self.root), entry=entry_file.source, files=sources,
                        extension_keys=tuple(k for k in self.extensions if "." not in k))
        spec = build(merged)
        self.unknown.extend(reference_stand_ins(merged, spec))   # a typo of an id stands for the id (E006 says it)
        suppressions = []
        for loaded in self.files:
            suppressions.extend(suppressions_in(loaded.source, loaded.comments, merged))
        # an unreadable file or a missing include would make every "missing section" rule cry wolf
        complete = (all(f.tree is not None for f in self.files) and not self.include_unfollowed
                    and not any(p.code == "E004" for p in self.problems))
        from ..schema import extended_schema

        schema = extended_schema(self.extensions)
        return LoadResult(spec, self.problems, suppressions, list(sources), complete, self.unknown, blanks,
                          [for_blank(blank, schema) for blank in blanks], build)

    def merge(self) -> PosDict:
        entry = self.files[0]
        merged = PosDict(Position(entry.source.path, 1, 1))
        for index, loaded in enumerate(self.files):
            tree = loaded.tree
            if not isinstance(tree, PosDict):
                continue
            for key, value in tree.items():
                key_pos, val_pos = tree.key_pos[key], tree.val_pos[key]
                if index > 0 and key in ("include",):
                    continue
                if index > 0 and key == "lint":
                    self.problem("E002", key_pos, detail={
                        "fr": "la section « lint » se place dans le fichier d'entrée", "en": "the `lint` section belongs in the entry file"})
                    continue
                if index > 0 and key == "crmreq":
                    if value != merged.get("crmreq", value):
                        self.problem("E003", key_pos, detail={
                            "fr": f"version {value!r} différente de celle du fichier d'entrée", "en": f"version {value!r} differs from the entry file's"})
                    continue
                if key not in merged:
                    if isinstance(value, PosList):
                        copy = PosList(value.pos)
                        copy.extend(value)
                        copy.item_pos.extend(value.item_pos)
                        copy.plain.update(value.plain)
                        value = copy
                    merged.set(key, value, key_pos, val_pos)
                    if key in tree.plain:
                        merged.plain[key] = tree.plain[key]
                    continue
                existing = merged[key]
                if isinstance(existing, PosList) and isinstance(value, PosList):
                    offset = len(existing)
                    existing.extend(value)
                    existing.item_pos.extend(value.item_pos)
                    existing.plain.update({offset + i: t for i, t in value.plain.items()})
                    continue
                first = merged.key_pos[key]
                self.problem("E007", key_pos, object=key, section=key, first=f"{first.file}:{first.line}")
        return merged

    def check_version(self, merged: PosDict, entry: _File) -> None:
        if entry.tree is None:
            return
        if "crmreq" not in merged:
            self.problem("E003", Position(entry.source.path, 1, 1), detail={
                "fr": "clé « crmreq: 1 » manquante en tête du fichier d'entrée (version du format)",
                "en": "missing `crmreq: 1` at the top of the entry file (format version)"})
            return
        version = merged["crmreq"]
        if version is None or (isinstance(version, str) and not version.strip()):
            self.problem("E003", merged.value_where("crmreq"), detail={
                "fr": "la clé « crmreq » est vide : écrivez « crmreq: 1 » (version du format)",
                "en": "`crmreq` is empty: write `crmreq: 1` (format version)"})
        elif isinstance(version, str) and version.strip() in {str(v) for v in SUPPORTED_VERSIONS}:
            self.problem("E003", merged.value_where("crmreq"), detail={
                "fr": f"la version du format est un nombre : écrivez {version.strip()} sans guillemets",
                "en": f"the format version is a number: write {version.strip()} without quotes"})
        elif isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
            written = {"fr": f"« {_written(version)} »", "en": f"`{_written(version)}`"}
            self.problem("E003", merged.value_where("crmreq"), detail={
                "fr": f"version de format {written['fr']} non prise en charge (versions connues : 1)",
                "en": f"unsupported format version {written['en']} (known versions: 1)"})

    def validate(self, merged: PosDict) -> None:
        """E002 for what the schema refuses, worded for the file it is in; a stand-in for each value."""
        from ..schema import extended_schema, schema_errors
        from .schema_words import describe

        formats = {loaded.source.path: loaded.source.format for loaded in self.files}
        schema = extended_schema(self.extensions)
        for error in schema_errors(merged, self.extensions):
            if error.path[:1] == ("crmreq",):
                continue  # E003 covers the version
            pos = locate(merged, error.path, merged.pos)
            detail, fix = describe(error, formats.get(pos.file, "yaml"))
            self.problem("E002", pos, detail=detail, fix=fix or {"fr": "", "en": ""})
            self.unknown.extend(for_schema_error(error, schema, merged, pos))


def load_spec(path: Path | str, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE, extensions: dict | None = None,
              overlay: Mapping[Path, str] | None = None, parses: MutableMapping | None = None) -> LoadResult:
    """Load the spec at `path` (a directory holding crmreq.yaml|yml|toml, or a file).

    `overlay` maps files of the spec to texts read instead of them (an editor's unsaved buffers).
    `parses` keeps what the parsers made of each text, for a caller that loads the same spec again
    and again (the language server, while one file changes): a text already parsed is not parsed
    again; each load still builds its own tree from it. The caller owns it and prunes it."""
    entry = find_entry(Path(path))
    return SpecLoader(entry, max_file_size=max_file_size, extensions=extensions, overlay=overlay,
                      parses=parses).load()


def _written(value) -> str:
    """A scalar as the user wrote it (true, not Python's True); a list or mapping by its shape."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "[…]" if isinstance(value, list) else "{…}"
    return str(value)
