"""Running exporters: one format into one file, or the whole vendor pack into a directory.

Exporters only read the `Spec`; this module owns where and how files are written (atomic
replace, no half file, nothing written when an exporter fails) and the pack's manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

from ..errors import CrmreqError, SaidError, os_reason
from ..findings import Exporter
from ..io import atomic_path, current_umask, is_special_file
from .leftovers import STAGING_PREFIX, remove_stale, temp_prefix
from .names import MANIFEST, base_name, member_names, safe_extension


def _run(exporter: Exporter, spec, path: Path, options: dict) -> None:
    try:
        exporter.write(spec, path, dict(options))
    except CrmreqError:
        raise
    except Exception as exc:
        if options.get("debug"):
            raise
        detail = f"{type(exc).__name__}: {exc}"   # the exporter's own words, as it said them
        raise SaidError(f"l'export « {exporter.name} » (plugin {exporter.plugin}) a échoué : {detail}",
                        f"exporter {exporter.name!r} (plugin {exporter.plugin}) failed: {detail}") from None


def export_format(exporter: Exporter, spec, target: Path, options: dict) -> Path:
    """Write one format; `target` may be a file or an existing directory."""
    target = Path(target)
    if target.is_dir():
        target = target / f"{base_name(spec)}.{safe_extension(exporter.extension)}"
    if not is_special_file(target):
        real = Path(os.path.realpath(target)) if target.is_symlink() else target
        remove_stale(real.parent, temp_prefix(real))
    with atomic_path(target, suffix=f".{exporter.extension}") as tmp:
        _run(exporter, spec, tmp, {**options, "target": str(target)})   # the file asked for: its name, its extension
    return target


def export_pack(exporters: dict, spec, directory: Path, options: dict) -> list[dict]:
    """Write every pack format plus `manifest.json` into `directory` (created if needed).

    Everything is first written into a staging folder inside `directory`
    (`.pack.crmreq-tmp-<random>/`); only when every exporter succeeded are the files renamed
    into place, the manifest last. On failure the staging folder goes, and so does
    `directory` if this run created it: the folder is left as it was."""
    directory = Path(directory)
    pack = sorted((e for e in exporters.values() if e.in_pack), key=lambda e: e.name)
    names = member_names(base_name(spec), pack)
    created = _make_directory(directory)
    done = False
    try:
        remove_stale(directory, STAGING_PREFIX)
        staging = _staging_folder(directory)
        try:
            entries = [_write_member(exporter, spec, staging / names[exporter.name], options)
                       for exporter in pack]
            _write_manifest(staging / MANIFEST, spec, entries)
            files = [entry["file"] for entry in entries] + [MANIFEST]
            _refuse_odd_targets(directory, files)
            for name in files:
                os.replace(staging / name, directory / name)
            done = True
            return entries
        except OSError as exc:
            reason = os_reason(exc)
            raise SaidError(f"{directory} : écriture du lot impossible : {reason['fr']}",
                            f"{directory}: cannot write the pack: {reason['en']}") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        if created and not done:
            _remove_if_empty(directory)


def _make_directory(directory: Path) -> bool:
    """Make sure `directory` exists (its parent must); answer whether this call created it."""
    if directory.exists() and not directory.is_dir():
        raise SaidError(f"{directory} : existe et n'est pas un dossier", f"{directory}: exists and is not a directory")
    if not directory.parent.is_dir():
        raise SaidError(f"{directory.parent} : le dossier de sortie n'existe pas",
                        f"{directory.parent}: output directory does not exist")
    try:
        directory.mkdir()
    except FileExistsError:
        if not directory.is_dir():
            raise SaidError(f"{directory} : existe et n'est pas un dossier", f"{directory}: exists and is not a directory") from None
        return False
    except OSError as exc:
        reason = os_reason(exc)
        raise SaidError(f"{directory} : écriture impossible ici : {reason['fr']}",
                        f"{directory}: cannot write here: {reason['en']}") from None
    return True


def _staging_folder(directory: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=directory))
    except OSError as exc:
        reason = os_reason(exc)
        raise SaidError(f"{directory} : écriture impossible ici : {reason['fr']}",
                        f"{directory}: cannot write here: {reason['en']}") from None


def _write_member(exporter: Exporter, spec, path: Path, options: dict) -> dict:
    """Run one exporter into the staging folder; its file gets the umask's permissions."""
    _run(exporter, spec, path, options)
    if not path.is_file():
        raise SaidError(f"l'export « {exporter.name} » (plugin {exporter.plugin}) n'a écrit aucun fichier",
                        f"exporter {exporter.name!r} (plugin {exporter.plugin}) wrote no file")
    os.chmod(path, 0o666 & ~current_umask())
    data = path.read_bytes()
    return {"file": path.name, "format": exporter.name, "plugin": exporter.plugin,
            "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _write_manifest(path: Path, spec, entries: list[dict]) -> None:
    project = spec.project
    manifest = {
        "version": 1,
        "project": project.name if project else None,
        "company": project.company if project else None,
        "spec_version": project.version if project else None,
        "date": project.date.isoformat() if project and project.date else None,
        "files": entries,
    }
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.chmod(path, 0o666 & ~current_umask())


def _refuse_odd_targets(directory: Path, files: list[str]) -> None:
    """A folder, a device or a pipe where a pack file goes is refused before anything is moved.

    A symbolic link there is replaced by the file, like any file of the pack: the link's
    target, possibly outside the folder, is never written."""
    for name in files:
        try:
            mode = os.lstat(directory / name).st_mode
        except FileNotFoundError:
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise SaidError(f"{directory / name} : existe et n'est pas un fichier ordinaire",
                            f"{directory / name}: exists and is not a regular file")


def _remove_if_empty(directory: Path) -> None:
    try:
        directory.rmdir()
    except OSError:
        pass
