"""Reporters: the same findings as text (rich), JSON, SARIF 2.1.0, GitHub workflow commands
and GitLab Code Quality JSON. A reporter only reads findings; it never decides the exit code.
"""

from __future__ import annotations


import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from ..errors import CrmreqError
from ..findings import Finding
from ..loader.files import find_entry, is_project_root
from .report import Report

FORMATS = ("text", "json", "sarif", "github", "gitlab")
_SUMMARY_WORDS = {
    "fr": ("erreur", "erreurs", "avertissement", "avertissements", "info", "infos", "fichier", "fichiers",
           "Aucun problème trouvé"),
    "en": ("error", "errors", "warning", "warnings", "info", "infos", "file", "files", "No problems found"),
}


def _plural(n: int, one: str, many: str, lang: str = "en") -> str:
    singular = n <= 1 if lang == "fr" else n == 1   # « 0 erreur » but "0 errors"
    return f"{n} {one if singular else many}"


def summary_line(report: Report, lang: str) -> str:
    w = _SUMMARY_WORDS.get(lang, _SUMMARY_WORDS["en"])
    c = report.counts
    files = _plural(report.files, w[6], w[7], lang)
    if not report.findings:
        return f"{w[8]} ({files})."
    parts = [_plural(c["error"], w[0], w[1], lang), _plural(c["warning"], w[2], w[3], lang),
             _plural(c["info"], w[4], w[5], lang)]
    return f"{', '.join(parts)} — {files}"


# -- text -----------------------------------------------------------------------------

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_text(report: Report, lang: str, *, color: bool | None, quiet: bool, sources: dict, stream) -> None:
    """Findings grouped by file, with the offending source line, then a summary line (rich).

    color: True forces colours (even piped), False writes none, None lets rich detect a terminal."""
    _render_rich(_text_lines(report, lang, quiet, sources), color, stream)


# A line is None (an empty line) or (pieces, style); a piece is (text, style or None). User
# text goes to rich as `Text`, never as markup: nothing in it is interpreted.

def _text_lines(report: Report, lang: str, quiet: bool, sources: dict) -> list:
    lines: list = []
    current = None
    for finding in report.findings:
        if quiet and finding.severity != "error":
            continue
        if finding.file != current:
            if current is not None:
                lines.append(None)
            lines.append((((finding.file, "bold underline"),), None))
            current = finding.file
        location = f"{finding.line}:{finding.column}"
        style = _STYLE.get(finding.severity, "")
        lines.append(((
            ("  ", None), (f"{location:>7}", "dim"), ("  ", None),
            (finding.code, style), (" ", None), (f"{finding.severity:<7}", style),
            (" ", None), (finding.message, None), (" ", None),
            (f"({finding.name})", "dim"),
        ), None))
        if not quiet:
            line = _source_line(sources, finding)
            if line is not None:
                lines.append(((("           ", None), ("│", "dim"), (" ", None),
                               (line, None)), None))
                caret = " " * max(finding.column - 1, 0) + "^"
                lines.append(((("           ", None), ("│", "dim"), (" ", None),
                               (caret, style)), None))
            if finding.fix:
                hint = "correction :" if lang == "fr" else "fix:"
                lines.append(((("           ", None), (hint, "dim"), (" ", None),
                               (finding.fix, None)), None))
    if report.findings and current is not None:
        lines.append(None)
    lines.append((((summary_line(report, lang), None),), "bold" if report.findings else "green"))
    return lines


def _render_rich(lines: list, color: bool | None, stream) -> None:
    """User text goes in as `Text`, never as markup: `[b]` or `:smile:` in a title prints as written.
    soft_wrap: a long line is never wrapped or cut, whatever the width of the terminal or pipe."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, force_terminal=color, no_color=color is False, highlight=False, soft_wrap=True)
    for line in lines:
        if line is None:
            console.print()
            continue
        pieces, style = line
        text = Text(style=style or "")
        for piece, piece_style in pieces:
            text.append(piece, style=piece_style or None)
        console.print(text)


def _source_line(sources: dict, finding: Finding) -> str | None:
    lines = sources.get(finding.file)
    if not lines or not 1 <= finding.line <= len(lines):
        return None
    text = lines[finding.line - 1]
    text = text.rstrip()
    return text if len(text) <= 160 else text[:157] + "…"


# -- json -----------------------------------------------------------------------------

def render_json(report: Report) -> str:
    c = report.counts
    document = {
        "version": 1,
        "diagnostics": [f.as_dict() for f in report.findings],
        "summary": {"files": report.files, "errors": c["error"], "warnings": c["warning"], "infos": c["info"]},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# -- sarif ----------------------------------------------------------------------------

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_PROBLEM = {"error": "error", "warning": "warning", "info": "recommendation"}
# Versioned, as SARIF asks of partialFingerprints names: v1 (code, file, object) gave two findings
# of one rule on one object the same value; v2 tells them apart.
_FINGERPRINT_NAME = "crmreq/v2"
# `crmreq.yaml:12` or `crmreq.yaml:12:5` quoted in a message (E005, E007): left out of fingerprints.
_QUOTED_POSITION = re.compile(r":\d+(?::\d+)?\b")


def fingerprint(finding: Finding) -> str:
    """Stable across line shifts: code + file + object id (+ message when there is no id).
    The GitLab report's fingerprint; SARIF has its own (`sarif_fingerprints`). A file name that is
    not UTF-8 (its bytes kept as surrogates) is hashed, not refused."""
    anchor = finding.object or finding.message
    key = f"{finding.code}\0{finding.file}\0{anchor}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def sarif_fingerprints(findings: list[Finding], paths: list[str]) -> list[str]:
    """One value per finding, unique in the run and stable across line shifts: rule, path (as in
    the SARIF uri, not encoded), object and message, so two F001 findings on one flow differ by the
    field the message names. A position quoted in a message is left out; findings still alike after
    that (the same id duplicated three times) are told apart by their order."""
    seen: Counter[str] = Counter()
    values = []
    for finding, path in zip(findings, paths):
        key = "\0".join((finding.code, path, finding.object or "", _QUOTED_POSITION.sub("", finding.message)))
        seen[key] += 1
        if seen[key] > 1:
            key += f"\0{seen[key]}"
        values.append(hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return values


def render_sarif(report: Report, rules: dict, lang: str, version: str) -> str:
    used = sorted({f.code for f in report.findings} | set(rules))
    index = {code: i for i, code in enumerate(used)}
    descriptors = []
    for code in used:
        rule = rules.get(code)
        if rule is None:
            descriptors.append({"id": code, "shortDescription": {"text": code}, "fullDescription": {"text": code}})
            continue
        doc = rule.doc.get(lang) or rule.doc.get("en") or rule.name
        short = rule.name.replace("-", " ")
        descriptors.append({
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": short[:1].upper() + short[1:]},
            "fullDescription": {"text": _plain_first_paragraph(doc)[:1000] or short},
            "help": {"text": doc[:10000], "markdown": doc[:10000]},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            # unique items (the schema says so): a plugin's family is often its name ("btp", "btp")
            "properties": {"tags": list(dict.fromkeys(t for t in (rule.family, rule.plugin) if t)),
                           "problem.severity": _PROBLEM[rule.severity]},
        })
    files = {f.file for f in report.findings}
    root = _source_root(files)
    path_of = {file: _path_from(root, file) for file in files}
    paths = [path_of[f.file] for f in report.findings]
    results = []
    for f, path, identity in zip(report.findings, paths, sarif_fingerprints(report.findings, paths)):
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": _artifact_location(root, path),
                "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
            }}],
            "partialFingerprints": {_FINGERPRINT_NAME: identity},
            "properties": {**({"object": f.object} if f.object else {}), "plugin": f.plugin,
                           **({"fix": f.fix} if f.fix else {})},   # the fix hint, as in JSON
        })
    run = {
        "tool": {"driver": {"name": "crmreq", "semanticVersion": version, "version": version,
                            "informationUri": "https://pypi.org/project/crmreq/", "rules": descriptors}},
        "automationDetails": {"id": "crmreq/"},
        "columnKind": "unicodeCodePoints",
    }
    if root is not None:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": _folder_uri(root)}}
    run["results"] = results
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# Where %SRCROOT% points. GitHub code scanning reads a relative `uri` against the root of the
# repository it checked out and ignores `uriBaseId` and `originalUriBaseIds` (upload-sarif's
# fingerprinting does the same), so a path relative to the repository root is the one it can match
# to a file, whatever the working directory was. Hence %SRCROOT% is:
#   1. the repository all the files are in (the nearest folder above them holding .git or .hg,
#      as for the configuration search): GitHub's checkout path;
#   2. else the working directory, when every file is below it (the paths the other formats show);
#   3. else the spec's root, the folder of its entry file (for several specs, the folder holding
#      their roots), so a spec outside the working directory still gets relative paths.
# It is declared as the file:// URI of that folder, so SARIF viewers can open the files.
# No root at all only when the files are on different Windows drives: absolute file URIs then.

def _source_root(files: set[str]) -> Path | None:
    located = [Path(os.path.abspath(file)) for file in files]   # display paths: relative to the cwd
    repositories = {_repository_root(path) for path in located}
    if len(repositories) == 1 and None not in repositories:
        return repositories.pop()
    cwd = Path.cwd()
    if all(path.is_relative_to(cwd) for path in located):
        return cwd
    try:
        return Path(os.path.commonpath([_spec_root(path) for path in located]))
    except ValueError:   # different drives
        return None


def _repository_root(path: Path) -> Path | None:
    return next((folder for folder in path.parents if is_project_root(folder)), None)


def _spec_root(path: Path) -> Path:
    try:
        return find_entry(path).parent
    except CrmreqError:   # the file is gone since it was linted
        return path.parent


def _path_from(root: Path | None, file: str) -> str:
    """The file's path from %SRCROOT% with / separators, or absolute when there is no root."""
    absolute = os.path.abspath(file)
    return Path(os.path.relpath(absolute, root) if root is not None else absolute).as_posix()


def _artifact_location(root: Path | None, path: str) -> dict:
    """A relative URI reference against %SRCROOT%, percent-encoded (`compl%C3%A9ments.yaml`): a
    space, an accent, `#`, `?` or `:` is not read as URI syntax. The name's bytes are encoded, as
    `Path.as_uri` does, so a name that is not UTF-8 keeps its own bytes."""
    if root is None:
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(os.fsencode(path), safe="/"), "uriBaseId": "%SRCROOT%"}


def _folder_uri(folder: Path) -> str:
    """A base URI must end with a slash (SARIF 3.14.14), or its last segment is dropped on resolution."""
    uri = folder.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _plain_first_paragraph(markdown: str) -> str:
    lines = []
    for line in markdown.splitlines():
        if line.startswith("#"):
            if lines:
                break
            continue
        if not line.strip():
            if lines:
                break
            continue
        lines.append(line.strip())
    return " ".join(lines).replace("`", "")


# -- github ---------------------------------------------------------------------------

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    ordered = sorted(report.findings, key=lambda f: ({"error": 0, "warning": 1, "info": 2}[f.severity], f.sort_key()))
    lines = []
    for f in ordered:
        props = (f"file={_escape_property(f.file)},line={f.line},col={f.column},"
                 f"title={_escape_property(f'{f.code} {f.name}')}")
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_escape_data(f'{f.code} {f.message}')}")
    return "\n".join(lines) + ("\n" if lines else "")


# -- gitlab ---------------------------------------------------------------------------

_GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render_gitlab(report: Report) -> str:
    import hashlib

    seen: set[str] = set()
    issues = []
    for f in report.findings:
        fp = fingerprint(f)
        salt = 0
        while fp in seen:  # two findings of one code on one object: keep both
            salt += 1
            fp = hashlib.sha256(f"{fingerprint(f)}:{salt}".encode()).hexdigest()[:32]
        seen.add(fp)
        issues.append({
            "description": f"{f.code} {f.message}",
            "check_name": f"{f.code} {f.name}",
            "fingerprint": fp,
            "severity": _GITLAB_SEVERITY[f.severity],
            "location": {"path": f.file, "positions": {"begin": {"line": f.line, "column": f.column}}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable] = {"json": render_json, "github": render_github, "gitlab": render_gitlab}
