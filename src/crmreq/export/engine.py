"""Running exporters: one format into one file, or the whole vendor pack into a directory.

Exporters only read the `Spec`; this module owns where and how files are written (atomic
replace, no half file, nothing written when an exporter fails) and the pack's manifest.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from ..errors import CrmreqError
from ..findings import Exporter
from ..io import atomic_path

MANIFEST = "manifest.json"


def slug(text: str) -> str:
    """A file-name-safe version of a project name: `CRM Négoce 2027` → `crm-negoce-2027`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return cleaned[:60] or "cahier-des-charges"


def base_name(spec) -> str:
    project = spec.project
    return slug((project.name if project and project.name else None) or "crmreq")


def _run(exporter: Exporter, spec, path: Path, options: dict) -> None:
    try:
        exporter.write(spec, path, dict(options))
    except CrmreqError:
        raise
    except Exception as exc:
        if options.get("debug"):
            raise
        raise CrmreqError(
            f"exporter {exporter.name!r} (plugin {exporter.plugin}) failed: {type(exc).__name__}: {exc}"
        ) from None


def export_format(exporter: Exporter, spec, target: Path, options: dict) -> Path:
    """Write one format; `target` may be a file or an existing directory."""
    target = Path(target)
    if target.is_dir():
        target = target / f"{base_name(spec)}.{exporter.extension}"
    with atomic_path(target, suffix=f".{exporter.extension}") as tmp:
        _run(exporter, spec, tmp, options)
    return target


def export_pack(exporters: dict, spec, directory: Path, options: dict) -> list[dict]:
    """Write every pack format plus `manifest.json` into `directory` (created if needed).

    Everything is first written into a temporary sibling directory; only when every
    exporter succeeded are the files moved into place, each by an atomic rename.
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise CrmreqError(f"{directory}: exists and is not a directory")
    parent = directory.parent if str(directory.parent) else Path(".")
    if not parent.is_dir():
        raise CrmreqError(f"{parent}: output directory does not exist")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=parent))
    except OSError as exc:
        raise CrmreqError(f"{directory}: cannot write here: {exc.strerror}") from None
    try:
        name = base_name(spec)
        entries = []
        for exporter in sorted((e for e in exporters.values() if e.in_pack), key=lambda e: e.name):
            path = staging / f"{name}.{exporter.extension}"
            _run(exporter, spec, path, options)
            data = path.read_bytes()
            entries.append({
                "file": path.name, "format": exporter.name, "plugin": exporter.plugin,
                "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            })
        manifest = {
            "version": 1,
            "project": spec.project.name if spec.project else None,
            "company": spec.project.company if spec.project else None,
            "spec_version": spec.project.version if spec.project else None,
            "date": spec.project.date.isoformat() if spec.project and spec.project.date else None,
            "files": entries,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        directory.mkdir(parents=True, exist_ok=True)
        for entry in entries + [{"file": MANIFEST}]:
            (staging / entry["file"]).replace(directory / entry["file"])
        return entries
    except OSError as exc:
        raise CrmreqError(f"{directory}: cannot write the pack: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
