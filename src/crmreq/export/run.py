"""`crmreq export` as a library call: lint first, refuse a spec with errors, then write.

    from crmreq.lint import Session
    from crmreq.export.run import export_spec
    result = export_spec(Session.create(["examples/fr-negoce"]), "pack", Path("out"))
    print(result.exit_code, [str(f.path) for f in result.written])

The caller shows the result; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..io import refuse_overwriting
from ..errors import SaidError
from ..lint.report import Report
from .engine import MANIFEST, export_format, export_pack


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    bytes: int | None = None       # size and checksum: known for the members of a pack
    sha256: str | None = None


@dataclass(frozen=True)
class ExportResult:
    language: str
    written: tuple[WrittenFile, ...] = ()
    refused: Report | None = None   # the error-severity findings that stopped the export
    sources: dict = field(default_factory=dict)   # the lines of the spec's files, to show them
    plugin_errors: tuple = ()          # PluginError: said in both languages

    @property
    def exit_code(self) -> int:
        """1 refused for errors in the spec; 2 a plugin did not load; 0 written."""
        if self.refused is not None:
            return 1
        return 2 if self.plugin_errors else 0


def export_spec(session, fmt: str, output: Path, *, allow_errors: bool = False, dialect: str | None = None,
                lang: str | None = None, debug: bool = False) -> ExportResult:
    """Lint the session's spec, then write `fmt` (an exporter's name, or `pack`) to `output`.

    A spec with error-severity findings is refused unless `allow_errors`. The language is
    `lang`, else the spec's, else the configured one; the CSV dialect follows it (excel-fr
    for French) unless `dialect` is given. Bad input raises CrmreqError."""
    exporters = session.plugins.exporters
    if fmt != "pack" and fmt not in exporters:
        known = ", ".join(sorted(exporters) + ["pack"])
        raise SaidError(f"format d'export « {fmt} » inconnu (connus : {known})",
                        f"unknown export format {fmt!r} (known: {known})")
    report = session.lint_all()
    result = session.results[0]
    spec = result.spec
    language = lang or (spec.project.lang if spec and spec.project and spec.project.lang else None) or \
        session.linter.language(result)
    plugin_errors = tuple(session.plugins.errors)
    errors = [f for f in report.findings if f.severity == "error"]
    if errors and not allow_errors:
        return ExportResult(language, refused=Report(findings=errors, files=report.files),
                            sources={f.path: f.lines for f in result.files}, plugin_errors=plugin_errors)
    options = {"lang": language, "dialect": dialect or ("excel-fr" if language == "fr" else "rfc4180"),
               "debug": debug}
    output = Path(output)
    if not output.is_dir():
        refuse_overwriting([output], [f.absolute for f in result.files])
    if fmt == "pack":
        entries = export_pack(exporters, spec, output, options)
        written = [WrittenFile(output / e["file"], e["bytes"], e["sha256"]) for e in entries]
        written.append(WrittenFile(output / MANIFEST))
    else:
        written = [WrittenFile(export_format(exporters[fmt], spec, output, options))]
    return ExportResult(language, written=tuple(written), plugin_errors=plugin_errors)
