"""A returned matrix as plain grids of cells: every sheet of an XLSX workbook (openpyxl), or the
one table of a CSV file (either dialect, found from the header line).

Nothing here knows what a matrix is: `responses` finds it in the grids. A file that cannot be
read as a table raises `Unreadable` with a French and an English reason, which becomes an R001
finding on that file; bad input never escapes as a traceback. Limits keep a huge or hostile
file (a zip bomb, a binary) from eating the machine.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import os_reason
from ..loader.files import FileTooLarge, NotRegularFile, read_regular_file

MAX_FILE_SIZE = 20 * 1024 * 1024          # a 5,000-row matrix filled in is under 2 MB
MAX_UNPACKED_SIZE = 100 * 1024 * 1024     # the XML inside an XLSX, all parts together
MAX_ROWS = 100_000
XLSX_SUFFIXES = (".xlsx", ".xlsm")
ZIP_MAGIC = b"PK\x03\x04"


class Unreadable(Exception):
    """The file is not a table crmreq can read; `reason` is {"fr": …, "en": …}."""

    def __init__(self, fr: str, en: str):
        super().__init__(en)
        self.reason = {"fr": fr, "en": en}


@dataclass
class Grid:
    """One sheet: `rows[r - 1][c - 1]` is the cell at row r, column c (1-based, as a spreadsheet shows)."""

    name: str | None                            # the sheet's name; None for a CSV file
    rows: list[list] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)   # min_row, min_col, max_row, max_col

    def value(self, row: int, column: int):
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            return self.rows[row - 1][column - 1]
        return None


def read_grids(path: Path) -> list[Grid]:
    """The sheets of a response file. Raises Unreadable when the file cannot be read as a matrix."""
    try:
        data = read_regular_file(path, MAX_FILE_SIZE)
    except FileTooLarge as exc:
        raise Unreadable(f"fichier trop gros ({exc.size:,} octets, limite {MAX_FILE_SIZE:,})".replace(",", "\u202f"),
                         f"file too large ({exc.size:,} bytes, limit {MAX_FILE_SIZE:,})") from None
    except NotRegularFile:
        raise Unreadable("pas un fichier ordinaire", "not a regular file") from None
    except OSError as exc:
        reason = os_reason(exc)
        raise Unreadable(f"lecture impossible\u00a0: {reason['fr']}", f"cannot read: {reason['en']}") from None
    if not data.strip():
        raise Unreadable("fichier vide", "empty file")
    if path.suffix.lower() == ".xls" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Unreadable("classeur Excel 97-2003 (.xls)\u00a0: enregistrez-le au format .xlsx",
                         "Excel 97-2003 workbook (.xls): save it as .xlsx")
    if path.suffix.lower() in XLSX_SUFFIXES or data.startswith(ZIP_MAGIC):
        return _xlsx_grids(data)
    return [_csv_grid(data)]


def _xlsx_grids(data: bytes) -> list[Grid]:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Unreadable("ce n'est pas un classeur XLSX lisible", "not a readable XLSX workbook") from None
    if unpacked > MAX_UNPACKED_SIZE:
        raise Unreadable("classeur trop gros une fois décompressé", "workbook too large once unpacked")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:     # openpyxl raises many kinds on a broken package: all mean the same
        raise Unreadable("classeur XLSX illisible", "unreadable XLSX workbook") from None
    grids = []
    for sheet in workbook.worksheets:
        if sheet.max_row > MAX_ROWS:
            raise Unreadable(f"la feuille «\u00a0{sheet.title}\u00a0» a plus de {MAX_ROWS:,} lignes".replace(",", "\u202f"),
                             f"sheet `{sheet.title}` has more than {MAX_ROWS:,} rows")
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
        grids.append(Grid(sheet.title, rows, merged))
    return grids


def formulas(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """(row, column) → formula, for the cells of a sheet that hold one. A workbook written by a
    program and never opened in a spreadsheet holds no result for its formulas: read for their
    results (`read_grids`), those cells look empty. Read again only when an answer looks empty."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(read_regular_file(path, MAX_FILE_SIZE)))
        sheet = workbook[sheet_name]
    except Exception:     # it was read a moment ago; if it cannot be now, empty cells stay empty
        return {}
    return {(number, column): written
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            for column, written in enumerate(row, start=1) if isinstance(written, str) and written.startswith("=")}


def _csv_grid(data: bytes) -> Grid:
    if b"\x00" in data[:65536]:
        raise Unreadable("ce n'est ni un classeur XLSX ni un fichier CSV (contenu binaire)",
                         "neither an XLSX workbook nor a CSV file (binary content)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")     # Excel's "CSV (séparateur: point-virgule)"
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=header.count)
    try:
        rows = []
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(record)
            if len(rows) > MAX_ROWS:
                raise Unreadable(f"plus de {MAX_ROWS:,} lignes".replace(",", "\u202f"), f"more than {MAX_ROWS:,} rows")
    except csv.Error as exc:
        raise Unreadable(f"CSV illisible\u00a0: {exc}", f"unreadable CSV: {exc}") from None
    return Grid(None, rows)


def cell_text(value) -> str:
    """A cell as text: numbers without a useless ".0", dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
