"""Property-based fuzzing of the built-in exporters (docx, xlsx, csv, md, json).

Valid specs drawn with any Unicode text (tests/fuzz_strategies.py: control characters,
RTL, emoji, formulas, very long strings, huge numbers, odd dates) go through
`crmreq.export.engine.export_format` with each built-in exporter. Properties:

- the export succeeds (a valid spec always exports) and leaves no temporary file behind;
- each file opens with its reader: python-docx, openpyxl, csv, json, UTF-8 Markdown;
- no spreadsheet formula can come from user text: no XLSX cell of type `f`, and no CSV
  field that starts with `=`, `+`, `-`, `@`, tab or CR unless it begins with `'` (OWASP
  CSV injection) — plain numbers such as `-2` excepted;
- every feature appears in the matrices and the JSON model, in order, with its id.

Exporters are slower than lint (DOCX draws diagrams): 25 examples by default;
`CRMREQ_FUZZ_EXAMPLES=500` for a long run.

Found by this fuzzing and fixed, now pinned by the tests at the end of this file: dates near
year 1 or 9999 crashed the Gantt chart (OverflowError) and a phase dated in year 100 made
the DOCX export take 30 s and 700 MB (one grid line per month); a 20,000-letter word took
9 s in the French typography pass (a quadratic e-mail pattern). The random specs keep their
dates between 1990 and 2060 (a 2,000-year Gantt chart is slow by nature).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from crmreq.errors import CrmreqError
from crmreq.export.engine import export_format
from crmreq.export.sanitize import clean_text
from crmreq.loader import load_spec

from fuzz_strategies import core_plugins, to_yaml, valid_specs

_SCALE = int(os.environ.get("CRMREQ_FUZZ_EXAMPLES", "0") or 0)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def check_docx(path: Path, spec) -> None:
    import docx

    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    document = docx.Document(str(path))
    assert document.paragraphs


def check_xlsx(path: Path, spec) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
    matrix = workbook.worksheets[0]
    ids = [row[0] for row in matrix.iter_rows(min_row=2, values_only=True)]
    expected = [clean_text(f.id) for f in spec.features]
    assert ids[: len(expected)] == expected


def check_csv(path: Path, spec, dialect: str) -> None:
    raw = path.read_bytes()
    if dialect == "excel-fr":
        assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if dialect == "excel-fr" else ","))
    width = len(rows[0])
    for row in rows:
        assert len(row) == width, "a text split a row into more cells"
        for cell in row:
            if cell.startswith(FORMULA_START) and not NUMBER.match(cell):
                raise AssertionError(f"CSV cell a spreadsheet would evaluate: {cell[:80]!r}")
    ids = [row[0] for row in rows[1:]]
    expected = [_csv_text(f.id) for f in spec.features]
    assert ids[: len(expected)] == expected


def _csv_text(value: str) -> str:
    text = clean_text(value)
    return "'" + text if text.startswith(FORMULA_START + ("\n",)) and not NUMBER.match(text) else text


def check_md(path: Path, spec) -> None:
    text = path.read_bytes().decode("utf-8")
    assert text.count("```") % 2 == 0, "unbalanced code fence"


def check_json(path: Path, spec) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    # the JSON model passes every string through clean_text, as the XML formats do (C0 controls
    # become U+FFFD, CR LF becomes LF): compared on that basis
    assert [f["id"] for f in document["features"]] == [clean_text(f.id) for f in spec.features]
    assert [f["title"] for f in document["features"]] == [clean_text(f.title) for f in spec.features]


CHECKS = {"docx": check_docx, "xlsx": check_xlsx, "md": check_md, "json": check_json}


@settings(max_examples=_SCALE or 12, database=None, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(spec_data=valid_specs(sane_dates=True), dialect=st.sampled_from(["excel-fr", "rfc4180"]))
def test_every_builtin_exporter_writes_a_readable_safe_file(spec_data, dialect):
    plugins, _ = core_plugins()
    with tempfile.TemporaryDirectory(prefix="crmreq-fuzz-export-") as tmp:
        directory = Path(tmp)
        (directory / "spec").mkdir()
        (directory / "spec" / "crmreq.yaml").write_text(to_yaml(spec_data), encoding="utf-8")
        result = load_spec(directory / "spec", extensions=plugins.schema_extensions)
        spec = result.spec
        assert spec is not None and not [p for p in result.problems if p.code.startswith("E")], result.problems
        lang = spec.project.lang if spec.project and spec.project.lang else "fr"
        out = directory / "out"
        out.mkdir()
        for name in ("docx", "xlsx", "csv", "md", "json"):
            note(f"format {name}")
            target = out / f"export.{name}"
            try:
                export_format(plugins.exporters[name], spec, target, {"lang": lang, "dialect": dialect, "debug": True})
            except CrmreqError as exc:
                # by design: an XLSX cell holds 32,767 characters; a longer text (a team list of
                # 20,000-character names…) stops the export with a message, and nothing is written
                assert name == "xlsx" and "32" in str(exc) and "767" in str(exc), exc
                assert not target.exists()
                continue
            assert target.is_file() and target.stat().st_size > 0
            if name == "csv":
                check_csv(target, spec, dialect)
            else:
                CHECKS[name](target, spec)
        leftovers = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
        assert leftovers == [], f"temporary files left behind: {leftovers}"


# -- edge cases the random specs keep away from --------------------------------------------------

EXTREME_TIMELINES = {
    "phase-in-year-1": ("2027-01-01", "0001-01-01"),
    "go-live-in-9999": ("9999-12-31", "9999-12-01"),
}


@pytest.mark.parametrize("case", sorted(EXTREME_TIMELINES))
def test_docx_and_md_export_a_timeline_at_the_edge_of_the_calendar(case, tmp_path):
    """Found by this fuzzing: OverflowError in export/diagrams.py (fixed)."""
    go_live, start = EXTREME_TIMELINES[case]
    (tmp_path / "crmreq.yaml").write_text(
        "crmreq: 1\nproject: {name: T, company: A, lang: fr, date: 2026-01-01}\n"
        f"timeline:\n  go_live: {go_live}\n  phases:\n    - {{id: ph1, name: Cadrage, duration: 3 mois, start: {start}}}\n",
        encoding="utf-8")
    plugins, _ = core_plugins()
    spec = load_spec(tmp_path, extensions=plugins.schema_extensions).spec
    for name in ("docx", "md"):
        export_format(plugins.exporters[name], spec, tmp_path / f"out.{name}", {"lang": "fr", "debug": True})


def test_french_typography_is_linear_in_the_length_of_a_word():
    """Found by this fuzzing: the e-mail pattern rescanned every suffix of a long word."""
    from crmreq.export.typography import punctuate

    punctuate("é" * 20_000, "fr")      # quadratic: ~9 s; linear: a few milliseconds
