"""A spec's findings as LSP diagnostics, for every file of the spec: the severity mapped, the rule
code linked to its documentation, the finding's fix under its message, and, for a finding whose
fix says what to write instead ("did you mean"), the correction a code action applies (in `data`)."""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types

from ..findings import Finding
from .corrections import corrections_of
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
    corrections = corrections_of(run)
    for number, finding in enumerate(run.report.findings):
        path = run.by_display.get(finding.file, run.entry)
        lines = run.lines(finding.file)
        correction = corrections.get(number)
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


def _documentation(run: SpecRun, code: str) -> types.CodeDescription | None:
    uri = documentation_uri(run.prepared.session.plugins.rules.get(code), run.lang)
    return types.CodeDescription(href=uri) if uri else None


def _text(lines, span: Span) -> str:
    return lines[span.line - 1][span.start:span.end] if 0 < span.line <= len(lines) else ""


def where_as_data(where: types.Range) -> dict:
    """A range as plain JSON, for a diagnostic's `data`."""
    return {"start": {"line": where.start.line, "character": where.start.character},
            "end": {"line": where.end.line, "character": where.end.character}}
