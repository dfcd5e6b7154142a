"""The functional matrix as CSV: one row per feature, NFR and RGPD requirement.

Columns are `crmreq.export.matrix.RESPONSE_COLUMNS`, headed in the spec's language; the module
column names the module (or NFR category) as the Word document does; the vendor columns
(`vendor_response`, `vendor_comment`, `vendor_cost`) are left empty for the vendor to fill in.
The last column holds each row's fingerprint (`matrix.fingerprint`: 12 hex digits over the id,
section, title and description as exported), which `crmreq score` checks. The CSV has no cell
for the vendor's name or the date: `crmreq score` names a vendor after the file (`alpha.csv`
is vendor `alpha`) or as the evaluation file says.

Dialects (`options["dialect"]`, default `excel-fr` for French specs, `rfc4180` otherwise):

- `excel-fr`: `;` separator, UTF-8 with a BOM (so Excel in a French locale opens it
  directly with the accents right), CRLF line ends;
- `rfc4180`: `,` separator, UTF-8 without BOM, CRLF line ends (RFC 4180 §2).

Injection (OWASP "CSV Injection", CWE-1236): every field is quoted (`QUOTE_ALL`, quotes
doubled), so a separator or a quote inside a text can never start a new cell; a field a
spreadsheet would evaluate (starting with `=`, `+`, `-`, `@`, tab, CR or LF) gets a leading
`'`. Nothing of the text is ever removed; plain numbers such as `-2` are left alone.
Line breaks inside a text stay inside its quoted field.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import SaidError
from .labels import enum
from .matrix import HEADERS, RESPONSE_COLUMNS, matrix_rows, row_fingerprint
from .sanitize import clean_text, neutralise_formula

DIALECTS = {
    # name: (delimiter, encoding)
    "excel-fr": (";", "utf-8-sig"),
    "rfc4180": (",", "utf-8"),
}


def default_dialect(lang: str) -> str:
    return "excel-fr" if lang == "fr" else "rfc4180"


def _lang(spec, options) -> str:
    lang = (options or {}).get("lang") or spec.lang
    return lang if lang in HEADERS else "en"


def csv_cell(value) -> str:
    """One field, cleaned and neutralised (the quoting itself is the csv module's job)."""
    return neutralise_formula(clean_text(value))


def requirement_cells(row, lang: str) -> list[str]:
    """A matrix row's requirement columns for people: module and NFR category named in `lang`
    (the labels of the Word document), the rest as `MatrixRow.cells` gives them."""
    cells = row.cells(lang)
    module = RESPONSE_COLUMNS.index("module")
    if row.section == "feature":
        cells[module] = enum("module", row.module, lang)
    elif row.section == "nfr":
        cells[module] = enum("nfr", row.module, lang)
    elif row.section == "rgpd":
        cells[module] = "RGPD" if lang == "fr" else "GDPR"
    return cells


def matrix_table(spec, lang: str) -> list[list[str]]:
    """Header row then one row per requirement, every cell already safe for a spreadsheet."""
    headers = HEADERS[lang]
    table = [[headers[c] for c in RESPONSE_COLUMNS]]
    for row in matrix_rows(spec, lang):
        requirement = requirement_cells(row, lang)
        cells = [csv_cell(v) for v in requirement]
        empty = [""] * (len(RESPONSE_COLUMNS) - len(cells) - 1)        # the vendor columns
        table.append(cells + empty + [row_fingerprint(requirement)])
    return table


def write_csv(spec, path, options=None) -> None:
    options = options or {}
    lang = _lang(spec, options)
    dialect = options.get("dialect") or default_dialect(lang)
    if dialect not in DIALECTS:
        raise SaidError(f"dialecte CSV « {dialect} » inconnu (connus : {', '.join(DIALECTS)})",
                        f"unknown CSV dialect {dialect!r} (known: {', '.join(DIALECTS)})")
    delimiter, encoding = DIALECTS[dialect]
    with open(Path(path), "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, quotechar='"', doublequote=True,
                            quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerows(matrix_table(spec, lang))
