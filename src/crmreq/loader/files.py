"""Where a spec's files are: the entry file, include globs, paths as findings show them, and
reading one file safely (regular files only, size-limited).
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from pathlib import Path

from ..errors import SaidError

ENTRY_NAMES = ("crmreq.yaml", "crmreq.yml", "crmreq.toml")


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


class FileTooLarge(Exception):
    """A file over the size limit: `size` is how many bytes it has (or had, when it grew while read)."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


class NotRegularFile(Exception):
    """A device, a pipe or a folder where a spec file was expected: it is never opened."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes: a device, a pipe or a file that
    grows past the limit while read is refused before it can hang or fill the memory."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):   # checked before opening: opening a pipe waits for a writer
        raise NotRegularFile(path)
    if info.st_size > limit:
        raise FileTooLarge(info.st_size)
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(len(data))
    return data


class NoSpec(SaidError):
    """A path that leads to no spec: one line for the user, in French and English (`texts`)."""


_VERSION_LINE = re.compile(rb"^crmreq[ \t]*[:=]", re.MULTILINE)


def not_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[int, int, dict]:
    """(line, column in characters, what to say) for bytes that are not UTF-8: a spec's file or a
    configuration file."""
    line = data.count(b"\n", 0, exc.start) + 1
    line_start = data.rfind(b"\n", 0, exc.start) + 1
    column = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1
    byte = f"0x{data[exc.start]:02x}"
    return line, column, {"fr": f"le fichier n'est pas en UTF-8 (octet {byte} invalide) : enregistrez-le en UTF-8",
                          "en": f"the file is not UTF-8 (invalid byte {byte}): save it as UTF-8"}


def find_entry(path: Path) -> Path:
    """The entry file of the spec `path` belongs to; NoSpec when there is none.

    A folder holding an entry file is a spec. A sub-folder of a spec, or a file in it, leads to
    the entry file above, found as git finds `.git` (the search stops at the project root, a
    folder holding `.git` or `.hg`): the whole spec is linted, since its files refer to each
    other. A YAML or TOML file with no spec above it is a spec of its own when it says so
    (`crmreq: 1`); without it, it is a piece of a spec linted on its own, which would only give
    every section as missing: one clear message instead."""
    shown = display_path(path)
    if path.is_dir():
        found = _entry_in(path) or _entry_above(path)
        if found is None:
            raise NoSpec(f"{shown} : ni crmreq.yaml, ni crmreq.yml, ni crmreq.toml dans ce dossier ou au-dessus",
                         f"{shown}: no crmreq.yaml, crmreq.yml or crmreq.toml in this directory or above it")
        return found
    if path.is_file():
        if path.name in ENTRY_NAMES:
            return path
        found = _entry_above(path.parent)
        if found is None and not _says_it_is_a_spec(path):
            first = "crmreq = 1" if path.suffix.lower() == ".toml" else "crmreq: 1"
            raise NoSpec(f"{shown} n'est pas une spec crmreq\u00a0: aucun crmreq.yaml au-dessus ne l'inclut et il ne "
                         f"commence pas par «\u00a0{first}\u00a0». Vérifiez le dossier de la spec qui l'inclut, ou "
                         f"ajoutez «\u00a0{first}\u00a0» en tête pour en faire une spec.",
                         f"{shown} is not a crmreq spec: no crmreq.yaml above it includes it, and it does not start "
                         f"with `{first}`. Lint the folder of the spec that includes it, or add `{first}` at the top "
                         f"to make it a spec of its own.")
        return found or path
    if path.exists():
        raise NoSpec(f"{shown} : pas un fichier ordinaire (périphérique, tube…) : il n'est pas lu",
                     f"{shown}: not a regular file (device, pipe…): it is not read")
    raise NoSpec(f"{path} : fichier ou dossier introuvable", f"{path}: no such file or directory")


def _says_it_is_a_spec(path: Path) -> bool:
    """Whether a file has a top-level `crmreq:` (or `crmreq =`) line; a file that cannot be read
    is given the benefit of the doubt: loading it reports why."""
    try:
        return _VERSION_LINE.search(read_regular_file(path, 5 * 1024 * 1024)) is not None
    except (OSError, FileTooLarge, NotRegularFile):
        return True


def _entry_in(folder: Path) -> Path | None:
    for name in ENTRY_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
        if candidate.exists():
            shown = display_path(candidate)
            raise NoSpec(f"{shown} : pas un fichier ordinaire (périphérique, tube…) : il n'est pas lu",
                         f"{shown}: not a regular file (device, pipe…): it is not read")
    return None


def is_project_root(folder: Path) -> bool:
    """A folder holding `.git` or `.hg`: searches for the spec's entry file or configuration stop
    there, as black's do (a folder above belongs to someone else)."""
    return (folder / ".git").exists() or (folder / ".hg").exists()


def _entry_above(folder: Path) -> Path | None:
    """The entry file in `folder` or the nearest folder above it, up to the project root."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        found = _entry_in(candidate)
        if found is not None:
            return found
        if is_project_root(candidate):
            return None
    return None
