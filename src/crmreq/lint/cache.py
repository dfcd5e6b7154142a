"""A content-hash cache of lint results, for repeated runs on unchanged specs (pre-commit).

The key covers everything a result depends on: crmreq's version and Python's, the installed
plugin entry points and their versions, local plugin files, every configuration file that
discovery could read, the options given, the working directory (finding paths are relative
to it), the locale, and the bytes of every YAML/TOML file in each spec's directory (includes
cannot leave it, so this is a superset of what the loader reads). Contents are hashed, never
mtimes, which lie after a `git checkout`. On a hit crmreq prints the stored findings without
importing the loader, the rules or any plugin.

The cache lives in `.crmreq_cache/` in the working directory, tagged with CACHEDIR.TAG and a
`.gitignore`; `--no-cache` bypasses it. Runs where a plugin failed are never stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

CACHE_DIR = ".crmreq_cache"
FORMAT = 1
MAX_ENTRIES = 64
MAX_FILES = 2000
MAX_BYTES = 50 * 1024 * 1024
_SPEC_SUFFIXES = (".yaml", ".yml", ".toml")
_CONFIG_NAMES = (".crmreq.toml", "pyproject.toml")


class _Uncacheable(Exception):
    pass


def cache_key(paths, *, options: dict) -> str | None:
    """The key of this run, or None when it must not be cached."""
    from .. import __version__
    from ..config import locale_lang

    try:
        digest = hashlib.sha256()

        def feed(*parts):
            for part in parts:
                data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
                digest.update(len(data).to_bytes(8, "little"))
                digest.update(data)

        feed(FORMAT, __version__, sys.version_info[:2], os.getcwd(), locale_lang(),
             json.dumps(options, sort_keys=True, default=str))
        _feed_entry_points(feed)
        roots = []
        for path in [Path(p) for p in paths] or [Path.cwd()]:
            root = path if path.is_dir() else path.parent
            if not root.exists():
                return None
            roots.append(root.resolve())
            feed("spec", path)
        for root in roots:
            _feed_config(feed, root)
            _feed_tree(feed, root)
        if options.get("config"):
            feed("config", Path(options["config"]).read_bytes())
        return digest.hexdigest()
    except (_Uncacheable, OSError, ValueError):
        return None


def _feed_entry_points(feed) -> None:
    """Installed distributions declaring `crmreq` entry points, with their versions (from the
    .dist-info folder names), read directly: importing importlib.metadata costs more than this."""
    for folder in sys.path:
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                text = Path(folder or ".", name, "entry_points.txt").read_bytes()
            except OSError:
                continue
            if b"[crmreq]" in text:
                feed("ep", name, text)


def _feed_config(feed, root: Path) -> None:
    for folder in (root, *root.parents):
        for name in _CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                data = candidate.read_bytes()
                if b"plugins" in data and _configures_plugins(candidate, data):
                    raise _Uncacheable  # configured plugins: their code is not in the key
                feed("cfg", candidate, data)


def _configures_plugins(path: Path, data: bytes) -> bool:
    from ..config import tomllib

    try:
        config = tomllib.loads(data.decode("utf-8"))
    except Exception:
        return True  # unreadable: let the real run report it
    if path.name == "pyproject.toml":
        config = config.get("tool", {}).get("crmreq", {})
    return isinstance(config, dict) and "plugins" in config


def _feed_tree(feed, root: Path) -> None:
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        for name in sorted(filenames):
            if name.endswith(_SPEC_SUFFIXES) or (Path(dirpath).name == "plugins" and name.endswith(".py")):
                files.append(Path(dirpath) / name)
        if len(files) > MAX_FILES:
            raise _Uncacheable
    total = 0
    for path in files:
        data = path.read_bytes()
        total += len(data)
        if total > MAX_BYTES:
            raise _Uncacheable
        if path.suffix in _SPEC_SUFFIXES and path.parent == root and _mentions_plugins(path, data):
            raise _Uncacheable  # a `lint:` section that loads plugins
        feed("file", path.relative_to(root), hashlib.sha256(data).digest())


def _mentions_plugins(path: Path, data: bytes) -> bool:
    """An entry file whose `lint:` section may name plugins (checked without parsing YAML)."""
    if path.stem != "crmreq" or b"plugins" not in data:
        return False
    return re.search(rb"(?m)^(lint\s*:|\[lint[\].])", data) is not None


def _directory() -> Path:
    return Path.cwd() / CACHE_DIR


def load(key: str):
    """(findings as dicts, files count, language, sources) or None."""
    try:
        entry = json.loads((_directory() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("format") != FORMAT:
        return None
    return entry


def store(key: str, report, lang: str, sources: dict) -> None:
    """Record a run; failures to write the cache never fail the lint."""
    from ..export.atomic import write_text_atomic

    try:
        directory = _directory()
        directory.mkdir(exist_ok=True)
        tag = directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# crmreq lint cache: safe to delete\n")
            (directory / ".gitignore").write_text("*\n")
        needed: dict[str, dict] = {}
        for finding in report.findings:
            lines = sources.get(finding.file)
            if lines and 1 <= finding.line <= len(lines):
                needed.setdefault(finding.file, {})[str(finding.line)] = lines[finding.line - 1]
        entry = {"format": FORMAT, "lang": lang, "files": report.files,
                 "findings": [f.as_dict() for f in report.findings], "sources": needed}
        write_text_atomic(directory / f"{key}.json", json.dumps(entry, ensure_ascii=False))
        _prune(directory)
    except Exception:  # a read-only checkout, a full disk: lint results matter, the cache does not
        return


def _prune(directory: Path) -> None:
    entries = sorted(directory.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        try:
            old.unlink()
        except OSError:
            pass


def report_from(entry):
    """Rebuild a Report and the source lines a text report shows."""
    from ..findings import Finding
    from .report import Report

    findings = []
    for data in entry["findings"]:
        findings.append(Finding(
            code=data["code"], name=data["name"], severity=data["severity"], message=data["message"],
            file=data["file"], line=data["line"], column=data["column"], object=data.get("object"),
            plugin=data.get("plugin"), fix=data.get("fix"),
        ))
    report = Report(findings=findings, files=entry["files"])
    sources = {file: {int(k): v for k, v in lines.items()} for file, lines in entry.get("sources", {}).items()}
    return report, sources
