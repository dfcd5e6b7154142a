"""Load a spec: find the entry file, read every included file safely, merge, validate, build.

Loading never stops at the first problem: each one becomes a `LoadProblem` (E001–E004,
E007, E002) with a position, and the rest of the spec is still read so a single run shows
everything. Nothing escapes as a traceback: every parser exception is caught at the file
boundary (research/robustness.md §0, §2.5).
"""

from __future__ import annotations

import bisect
import fnmatch
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CrmreqError
from ..findings import LoadProblem
from ..model import SourceFile, Spec
from ..positions import PosDict, PosList, Position, locate

ENTRY_NAMES = ("crmreq.yaml", "crmreq.yml", "crmreq.toml")
YAML_SUFFIXES = (".yaml", ".yml")
TOML_SUFFIXES = (".toml",)
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
SUPPORTED_VERSIONS = (1,)
MAX_DUPLICATE_FINDINGS = 20   # per file; the rest are counted in one more finding
_GLOB_CHARS = re.compile(r"[*?\[]")
_SUPPRESSION = re.compile(r"#\s*crmreq:\s*ignore\[([^\]]*)\]", re.IGNORECASE)


@dataclass(frozen=True)
class Suppression:
    """`# crmreq: ignore[S004,P003]`: applies to lines first..last of one file."""

    file: str
    line: int          # where the comment is
    column: int
    codes: tuple[str, ...]
    first: int         # scope, inclusive
    last: int


@dataclass
class LoadResult:
    spec: Spec | None
    problems: list[LoadProblem] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)
    complete: bool = True   # False when a file could not be read: rules would judge half a spec


def display_path(path: Path) -> str:
    """Path as shown in findings: relative to the working directory when below it."""
    try:
        rel = os.path.relpath(path, Path.cwd())
    except ValueError:  # another drive on Windows
        return path.as_posix()
    if rel.startswith(".."):
        return Path(path).as_posix()
    return Path(rel).as_posix()


def glob_files(base: Path, pattern: str) -> list[Path]:
    """The files under `base` whose relative path matches `pattern` (`*`, `?`, `[…]` within a
    name, `**` across folders; names starting with a dot only when the pattern's part does).

    Unlike `Path.glob`, symbolic links to folders are never walked: a committed link loop or a
    link to `/` cannot make an include take minutes. A `..` part points outside the spec: it is
    kept as written, so the inside-the-spec check refuses it."""
    parts = [part for part in Path(pattern).as_posix().split("/") if part not in ("", ".")]
    if ".." in parts:
        return [base / pattern]
    recursive = "**" in parts
    matchers = [None if part == "**" else re.compile(fnmatch.translate(part)) for part in parts]
    hidden_ok = [part.startswith(".") for part in parts]
    found = []
    for folder, subfolders, names in os.walk(base, followlinks=False):
        depth = len(Path(folder).relative_to(base).parts)
        if not recursive and depth >= len(parts) - 1:
            subfolders.clear()
        relative = Path(folder).relative_to(base).parts
        for name in names:
            if _glob_match(relative + (name,), matchers, hidden_ok):
                found.append(Path(folder) / name)
    return sorted(found)


def _glob_match(names: tuple, matchers: list, hidden_ok: list) -> bool:
    if not matchers:
        return not names
    if matchers[0] is None:   # `**`: zero or more folders, hidden ones excepted
        return any(_glob_match(names[skip:], matchers[1:], hidden_ok[1:]) for skip in range(len(names))
                   if not any(name.startswith(".") for name in names[:skip]))
    if not names or (names[0].startswith(".") and not hidden_ok[0]):
        return False
    return matchers[0].match(names[0]) is not None and _glob_match(names[1:], matchers[1:], hidden_ok[1:])


class _TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


class _NotRegular(Exception):
    pass


def _read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes: a device, a pipe or a file that
    grows past the limit while read is refused before it can hang or fill the memory."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):   # checked before opening: opening a pipe waits for a writer
        raise _NotRegular(path)
    if info.st_size > limit:
        raise _TooLarge(info.st_size)
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _TooLarge(len(data))
    return data


def find_entry(path: Path) -> Path:
    """The entry file of a spec given as a directory or a file; CrmreqError when there is none."""
    if path.is_dir():
        for name in ENTRY_NAMES:
            candidate = path / name
            if candidate.is_file():
                return candidate
            if candidate.exists():
                raise CrmreqError(f"{display_path(candidate)}: not a regular file (device, pipe…): it is not read")
        raise CrmreqError(f"{display_path(path)}: no crmreq.yaml, crmreq.yml or crmreq.toml in this directory")
    if path.is_file():
        return path
    raise CrmreqError(f"{path}: no such file or directory")


@dataclass
class _File:
    source: SourceFile
    tree: object = None
    comments: list = field(default_factory=list)   # (line, col, text, own_line)


class SpecLoader:
    """Loads one spec. Use `load_spec()`."""

    def __init__(self, entry: Path, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE, extensions: dict | None = None):
        self.entry = entry.resolve()
        self.root = self.entry.parent
        self.max_file_size = max_file_size
        self.extensions = extensions or {}
        self.problems: list[LoadProblem] = []
        self.files: list[_File] = []
        self._seen: set[Path] = set()

    def problem(self, code: str, pos: Position, object: str | None = None, **args) -> None:
        self.problems.append(LoadProblem(code, pos, args, object))

    # -- reading ----------------------------------------------------------------
    def read(self, path: Path) -> _File | None:
        display = display_path(path)
        at = Position(display, 1, 1)
        source = SourceFile(display, str(path), "toml" if path.suffix.lower() in TOML_SUFFIXES else "yaml")
        try:
            data = _read_regular_file(path, self.max_file_size)
        except _TooLarge as exc:
            self.problem("E001", at, detail={
                "fr": f"fichier trop gros ({exc.size:,} octets, limite {self.max_file_size:,} ; voir l'option max-file-size)".replace(",", "\u202f"),
                "en": f"file too large ({exc.size:,} bytes, limit {self.max_file_size:,}; see the max-file-size option)"})
            return _File(source)
        except _NotRegular:
            self.problem("E001", at, detail={"fr": "pas un fichier ordinaire (périphérique, tube…) : il n'est pas lu",
                                             "en": "not a regular file (device, pipe…): it is not read"})
            return _File(source)
        except OSError as exc:
            self.problem("E001", at, detail={"fr": f"lecture impossible : {exc.strerror}", "en": f"cannot read: {exc.strerror}"})
            return _File(source)
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            line_start = data.rfind(b"\n", 0, exc.start) + 1
            column = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1  # characters, not bytes
            self.problem("E001", Position(display, line, column), detail={
                "fr": f"le fichier n'est pas en UTF-8 (octet 0x{data[exc.start]:02x} invalide) : enregistrez-le en UTF-8",
                "en": f"the file is not UTF-8 (invalid byte 0x{data[exc.start]:02x}): save it as UTF-8"})
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
            result = parse_yaml(text, display)
        except YamlProblem as exc:
            self.problem("E001", Position(display, exc.line, exc.column), detail={"fr": _fr_yaml(exc.message), "en": exc.message})
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
            self.problem("E001", Position(display, problem.line, problem.column), detail={"fr": _fr_yaml(problem.message), "en": problem.message})
        duplicates += result.more_duplicates
        if duplicates > MAX_DUPLICATE_FINDINGS:
            more = duplicates - MAX_DUPLICATE_FINDINGS
            self.problem("E001", first_unreported or Position(display, 1, 1), detail=_more_duplicates(more))
        loaded.tree = result.data
        loaded.comments = _yaml_comments(text, result.scalar_spans) if result.may_suppress else []

    def _read_toml(self, loaded: _File, text: str) -> None:
        from .toml_loader import TomlProblem, parse_toml

        display = loaded.source.path
        try:
            result = parse_toml(text, display)
        except TomlProblem as exc:
            self.problem("E001", Position(display, exc.line, exc.column), detail={"fr": _fr_toml(exc.message), "en": exc.message})
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
            return []  # wrong type: E002 from the schema
        base = Path(loaded.source.absolute).parent
        found: list[Path] = []
        for index, pattern in enumerate(patterns):
            if not isinstance(pattern, str) or not pattern.strip():
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
        if not self._inside(candidate):
            self.problem("E004", pos, detail={
                "fr": f"« {pattern} » sort du dossier de la spec : il n'est pas lu",
                "en": f"`{pattern}` is outside the spec directory: it is not read"})
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
        self.check_version(merged, entry_file)
        if entry_file.tree is not None and "project" not in merged:
            self.problem("E002", Position(entry_file.source.path, 1, 1), detail={
                "fr": "section « project » obligatoire manquante (name, company, lang…)",
                "en": "required section `project` is missing (name, company, lang…)"})
        self.validate(merged)
        from .build import build_spec

        sources = tuple(f.source for f in self.files)
        spec = build_spec(
            merged, root=display_path(self.root), entry=entry_file.source, files=sources,
            extension_keys=tuple(k for k in self.extensions if "." not in k),
        )
        suppressions = []
        for loaded in self.files:
            suppressions.extend(_suppressions(loaded, merged))
        complete = all(f.tree is not None for f in self.files)
        return LoadResult(spec, self.problems, suppressions, list(sources), complete)

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
        if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
            self.problem("E003", merged.value_where("crmreq"), detail={
                "fr": f"version de format {version!r} non prise en charge (versions connues : 1)",
                "en": f"unsupported format version {version!r} (known versions: 1)"})

    def validate(self, merged: PosDict) -> None:
        from ..schema import validate

        for path, detail in validate(merged, self.extensions):
            if path[:1] == ("crmreq",):
                continue  # E003 covers the version
            self.problem("E002", locate(merged, path, merged.pos), detail=detail)


def load_spec(path: Path | str, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE, extensions: dict | None = None) -> LoadResult:
    """Load the spec at `path` (a directory holding crmreq.yaml|yml|toml, or a file)."""
    entry = find_entry(Path(path))
    return SpecLoader(entry, max_file_size=max_file_size, extensions=extensions).load()


# -- suppression comments ---------------------------------------------------------------

def _yaml_comments(text: str, scalar_spans: list) -> list:
    """Real comments that carry a crmreq directive: a `#` outside every scalar the parser saw.
    Called only for texts that may hold one (`ParseResult.may_suppress`)."""
    matches = list(_SUPPRESSION.finditer(text))
    if not matches:
        return []
    spans = sorted(scalar_spans)
    starts = [s for s, _ in spans]
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found = []
    for match in matches:
        index = match.start()
        k = bisect.bisect_right(starts, index) - 1
        if k >= 0 and spans[k][0] <= index < spans[k][1]:
            continue  # inside a string
        line = bisect.bisect_right(line_starts, index)
        col = index - line_starts[line - 1] + 1
        before = text[line_starts[line - 1]:index]
        if before and not before[-1].isspace():
            continue  # `a#b` is not a comment in YAML
        found.append((line, col, match.group(0), not before.strip()))
    return found


def _suppressions(loaded: _File, merged: PosDict) -> list[Suppression]:
    result = []
    lines = loaded.source.lines
    for entry in loaded.comments:
        line, col, body, own_line = entry if len(entry) == 4 else (*entry, False)
        match = _SUPPRESSION.search(body)
        if not match:
            continue
        codes = tuple(c.strip() for c in match.group(1).split(",") if c.strip())
        target = line
        if own_line:
            target = line + 1
            while target <= len(lines) and (not lines[target - 1].strip() or lines[target - 1].lstrip().startswith("#")):
                target += 1
        last = _scope_end(merged, loaded.source.path, target)
        result.append(Suppression(loaded.source.path, line, col, codes, target, max(last, target)))
    return result


def _scope_end(tree, file: str, line: int) -> int:
    """Last line of the outermost node that starts on `line` of `file` (its children included)."""
    best = line
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, PosDict):
            children = [(node.key_pos.get(k), v) for k, v in node.items()]
        elif isinstance(node, PosList):
            children = list(zip(node.item_pos, node))
        else:
            continue
        for pos, child in children:
            if pos is None:
                continue
            if pos.file == file and pos.line == line:
                best = max(best, _last_line(child, file, line))
            elif isinstance(child, (PosDict, PosList)):
                stack.append(child)
    return best


def _last_line(node, file: str, start: int) -> int:
    last = start
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, PosDict):
            positions = list(current.key_pos.values()) + list(current.val_pos.values())
            stack.extend(v for v in current.values() if isinstance(v, (PosDict, PosList)))
        elif isinstance(current, PosList):
            positions = current.item_pos
            stack.extend(v for v in current if isinstance(v, (PosDict, PosList)))
        else:
            continue
        for pos in positions:
            if pos.file == file and pos.line > last:
                last = pos.line
    return last


_DUPLICATE_KEY = re.compile(r"duplicate key `(.*)` \(first defined on line (\d+)\); the first value is kept", re.DOTALL)
_NNBSP = "\u202f"


def _fr_number(text: str) -> str:
    """`100,000` → `100 000` with narrow no-break spaces (French typography)."""
    return re.sub(r"(?<=\d),(?=\d{3})", _NNBSP, text)


def _more_duplicates(more: int) -> dict:
    if more == 1:
        return {"fr": "… et 1 autre clé en double dans ce fichier", "en": "… and 1 more duplicate key in this file"}
    return {"fr": f"… et {_fr_number(f'{more:,}')} autres clés en double dans ce fichier",
            "en": f"… and {more:,} more duplicate keys in this file"}


# messages of our own guards (yaml_loader, toml_guards); the parsers' own messages stay English
_FR_GUARDS = (
    (re.compile(r"too many aliases \(more than ([\d,]+)\)$"), "trop d'alias (plus de {0})"),
    (re.compile(r"alias expansion limit exceeded \(([\d,]+) nodes\)$"),
     "limite d'expansion des alias dépassée ({0} nœuds)"),
    (re.compile(r"document nested too deeply \(more than (\d+) levels\)$"),
     "document trop profondément imbriqué (plus de {0} niveaux)"),
    (re.compile(r"document nested too deeply$"), "document trop profondément imbriqué"),
    (re.compile(r"character (U\+[0-9A-F]{4,6}) is not allowed in YAML: .*$"),
     "le caractère {0} n'est pas permis en YAML : supprimez-le ou écrivez-le en séquence d'échappement entre guillemets doubles"),
    (re.compile(r"lone surrogate (\\u[0-9a-f]{4}): .*$"),
     "demi-caractère {0} isolé (substitut UTF-16 sans sa paire) : écrivez le caractère lui-même, ou les deux moitiés de la paire"),
    (re.compile(r"key with too many dotted parts \(([\d,]+), limit (\d+)\)$"),
     "clé à trop de parties pointées ({0}, limite {1})"),
    (re.compile(r"table header with too many dotted parts \(([\d,]+), limit (\d+)\)$"),
     "en-tête de table à trop de parties pointées ({0}, limite {1})"),
    (re.compile(r"too many dotted keys in this file \(more than ([\d,]+) dotted parts\)$"),
     "trop de clés pointées dans ce fichier (plus de {0} parties pointées)"),
)


def _fr_guard(message: str) -> str | None:
    for pattern, french in _FR_GUARDS:
        found = pattern.match(message)
        if found:
            return french.format(*(_fr_number(g) for g in found.groups()))
    return None


def _fr_yaml(message: str) -> str:
    """The parser speaks English; the duplicate-key message and the guards' we write ourselves."""
    found = _DUPLICATE_KEY.match(message)
    if found:
        return f"clé « {found.group(1)} » en double (première définition ligne {found.group(2)}) ; la première valeur est gardée"
    return _fr_guard(message) or message


def _fr_toml(message: str) -> str:
    return _fr_guard(message) or message

