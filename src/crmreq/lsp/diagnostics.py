"""A spec's findings as LSP diagnostics, for every file of the spec: the severity mapped, the rule
code linked to its documentation, the finding's fix under its message, and, for a finding that
names what was meant ("did you mean"), the correction a code action applies (in `data`)."""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types

from ..findings import Finding
from ..positions import Position
from ..values.text import closest
from .cursor import toml_key_at, yaml_key_at
from .locations import Span, span_range, to_client
from .rule_docs import documentation_uri
from .specs import SpecRun

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
SOURCE = "crmreq"
_TOKEN = re.compile(r"[^\s:=#,\[\]{}]+")


def diagnostics_of(run: SpecRun, codec) -> dict[Path, list[types.Diagnostic]]:
    """Every file of the spec with its diagnostics (an empty list for a clean file)."""
    found: dict[Path, list[types.Diagnostic]] = {path: [] for path in run.files}
    corrections = _id_corrections(run)
    for number, finding in enumerate(run.report.findings):
        path = run.by_display.get(finding.file, run.entry)
        lines = run.lines(finding.file)
        correction = corrections.get(number) or _key_correction(run, finding, lines)
        if correction is not None:
            span, meant = correction
            where = span_range(codec, lines, span)
            data = {"replace": {"range": where_as_data(where), "old": _text(lines, span), "new": meant}}
        else:
            where, data = _token_range(codec, lines, finding), None
        found.setdefault(path, []).append(types.Diagnostic(
            range=where, severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Error),
            code=finding.code, code_description=_documentation(run, finding.code), source=SOURCE,
            message=f"{finding.message}\n{finding.fix}" if finding.fix else finding.message, data=data,
        ))
    return found


def _token_range(codec, lines, finding: Finding) -> types.Range:
    """From the finding's column to the end of the word there (a key, an id), at least one character."""
    text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
    start = min(max(finding.column - 1, 0), len(text))
    token = _TOKEN.match(text, start)
    end = token.end() if token else min(start + 1, len(text))
    return types.Range(start=to_client(codec, lines, finding.line, start), end=to_client(codec, lines, finding.line, end))


def _id_corrections(run: SpecRun) -> dict[int, tuple[Span, str]]:
    """For each unknown-reference finding (E006) whose fix names an existing id: the unknown id
    as written and the id meant. The ids are matched to the findings of one field in file order,
    the order in which the rule reports them."""
    by_key: dict[tuple, list[int]] = {}
    for number, finding in enumerate(run.report.findings):
        if finding.code == "E006":
            by_key.setdefault((finding.file, finding.line, finding.column), []).append(number)
    corrections = {}
    for (file, line, column), numbers in by_key.items():
        unknown = [r for r in run.index.unknown_at(Position(file, line, column)) if r.span]
        if len(unknown) != len(numbers):
            continue
        for number, reference in zip(numbers, unknown):
            meant = closest(reference.id, [d.id for d in run.index.ids_of(reference.kinds)])
            if meant and _names(run.report.findings[number], meant):
                corrections[number] = (reference.span, meant)
    return corrections


def _key_correction(run: SpecRun, finding: Finding, lines) -> tuple[Span, str] | None:
    """For a schema finding (E002) on a key the schema does not know, whose fix names a key that
    fits there: the key as written and the key meant."""
    if finding.code != "E002" or not finding.fix or not 0 < finding.line <= len(lines):
        return None
    guide = run.prepared.guide
    column = finding.column - 1
    if finding.file.endswith(".toml"):
        key = toml_key_at(lines, finding.line - 1, column, guide.is_list)
    else:
        key = yaml_key_at(lines, finding.line - 1, column)
    if key is None or key.path[-1] in guide.keys(key.path[:-1]):
        return None
    meant = closest(key.path[-1], guide.keys(key.path[:-1]))
    if not meant or not _names(finding, meant):
        return None
    return Span(finding.file, finding.line, key.start, key.end), meant


def _names(finding: Finding, word: str) -> bool:
    """Whether the finding's own fix names `word` (as `word` or « word »): the correction offered
    is then the one the finding suggests, never a guess of the server's."""
    return bool(finding.fix) and re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", finding.fix) is not None


def _documentation(run: SpecRun, code: str) -> types.CodeDescription | None:
    uri = documentation_uri(run.prepared.session.plugins.rules.get(code), run.lang)
    return types.CodeDescription(href=uri) if uri else None


def _text(lines, span: Span) -> str:
    return lines[span.line - 1][span.start:span.end] if 0 < span.line <= len(lines) else ""


def where_as_data(where: types.Range) -> dict:
    """A range as plain JSON, for a diagnostic's `data`."""
    return {"start": {"line": where.start.line, "character": where.start.character},
            "end": {"line": where.end.line, "character": where.end.character}}
