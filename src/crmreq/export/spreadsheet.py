"""The functional matrix as an XLSX workbook vendors fill in (openpyxl).

Sheets, named in the spec's language:

1. "Matrice" / "Matrix": one row per feature, NFR and RGPD requirement (the rows of
   `crmreq.export.matrix`), header row frozen and repeated on every printed page. The
   requirement columns are locked; the vendor columns (response, comment, cost) are
   unlocked and tinted, and the sheet is protected without a password (anyone can read,
   filter and resize; only the vendor columns take input). The response column has a
   drop-down with the six-level scale; the cost column only takes a number ≥ 0. The last
   column, hidden and locked, holds each row's fingerprint (`matrix.fingerprint`), which
   `crmreq score` checks to see a requirement text the vendor edited.
2. "Offre" / "Offer": where the vendor writes its name and the date of its response (the two
   unlocked cells B1 and B2, read by `crmreq score`), and which specification it answers.
3. "Critères" / "Criteria": id, name, weight, eliminatory, and a total row.
4. "Échelle de réponse" / "Response scale": the six levels with what each one means. The
   drop-down uses an inline list (Excel caps it at 255 characters); if a scale ever outgrew
   that, it would reference this sheet's cells instead.

Safety (research/robustness.md §4.3): every text cell is a typed string (`data_type 's'`),
never a formula, and text a spreadsheet would evaluate also gets Excel's `quotePrefix`
("show as text") so it stays text when a user edits the cell; control characters are
replaced by `clean_text`; a text longer than a cell can hold (32,767 characters) stops the
export with a message naming the requirement, rather than being silently truncated.

Determinism: document properties take `project.date` (midnight UTC) and the zip entries a
fixed timestamp, so the same spec always gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from ..errors import SaidError
from . import labels as L
from .csv_matrix import requirement_cells
from .matrix import HEADERS, RESPONSE_COLUMNS, RESPONSE_SCALE, matrix_rows, row_fingerprint
from .reproducible_zip import reproducible_zip
from .sanitize import XLSX_MAX_CELL, clean_text, is_formula_like
from .typography import punctuate

MATRIX_COLUMNS = RESPONSE_COLUMNS
VENDOR_COLUMNS = ("vendor_response", "vendor_comment", "vendor_cost")
# The offer sheet: label in column A, the vendor's value in column B (rows 1 and 2).
OFFER_ROWS = ("offer_vendor", "offer_date")

# Column widths in characters of the default font; about 220 in all, so a landscape A4
# page printed "fit to width" stays readable (around 70 %).
WIDTHS = {"id": 11, "section": 13, "module": 12, "title": 30, "description": 52, "teams": 20,
          "priority": 13, "phase": 8, "vendor_response": 20, "vendor_comment": 32, "vendor_cost": 18,
          "fingerprint": 14}

TEXT = L.WORKBOOK          # sheet names, prompts and messages, from labels.toml

# response level → tint in the matrix (green: covered, amber: at a cost, red: not now)
SCALE_TINTS = ("C6EFCE", "C6EFCE", "FFEB9C", "FFEB9C", "FFC7CE", "FFC7CE")

HEADER_FILL, VENDOR_FILL, GRID = "1F3864", "FFF2CC", "BFBFBF"
FONT_NAME, FONT_SIZE = "Calibri", 10
LINE_HEIGHT = 12.5          # points per line of 10 pt Calibri (Excel)
CHARS_PER_UNIT = 1.2        # 10 pt characters per unit of column width (measured 1.3–1.4, kept safe)
MAX_ROW_HEIGHT = 409.0      # Excel's limit
LIST_FORMULA_MAX = 255      # Excel's limit for an inline list
HEADER_MAX = 200            # page header text, under Excel's 255 once "&&" and codes are added


def _lang(spec, options) -> str:
    lang = (options or {}).get("lang") or spec.lang
    return lang if lang in TEXT else "en"


def stamp_of(spec) -> _dt.datetime:
    """The document timestamp: the spec's date at midnight (UTC), never "now"."""
    day = spec.project.date if spec.project and spec.project.date else None
    if day is None:
        return _dt.datetime(1980, 1, 1)
    return _dt.datetime(day.year, day.month, day.day)


def header_footer_text(spec) -> str:
    project = spec.project
    parts = [p for p in ((project.company, project.name, project.confidentiality) if project else ()) if p]
    return " – ".join(clean_text(p) for p in parts)


def _hf_escape(text: str) -> str:
    """Header/footer text: `&` starts a code in Excel's syntax, so it is doubled."""
    return text.replace("&", "&&")


def _text_value(text: str, where: str) -> str | None:
    text = clean_text(text)
    if len(text) > XLSX_MAX_CELL:
        size, limit = (f"{n:,}".replace(",", "\u00a0") for n in (len(text), XLSX_MAX_CELL))   # 32 767 in French
        raise SaidError(
            f"{where} : {size} caractères, plus que les {limit} d'une cellule de tableur ; "
            "raccourcissez le texte (rien n'a été écrit)",
            f"{where}: {len(text):,} characters, more than the {XLSX_MAX_CELL:,} a spreadsheet cell holds; "
            "shorten the text (nothing was written)"
        )
    return text or None


def _set_text(cell, text: str | None, quote_style=None) -> None:
    """A typed string cell, never a formula; formula-like text also gets `quotePrefix`."""
    cell.value = text
    if text is None:
        return
    if cell.data_type != "s":
        cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True


def _lines(text: str | None, width: float) -> int:
    """Lines a wrapped text takes in a column `width` characters wide.

    Greedy word wrap on a character budget: 10 pt text fits about 1.3 characters per unit
    of column width (a unit is one digit of the default 11 pt font). Slightly generous, so a
    row is a little too tall rather than clipped in Excel, which does not fit rows itself.
    """
    if not text:
        return 1
    budget = max(1, int(width * CHARS_PER_UNIT))
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split(" "):
            size = len(word)
            if used and used + 1 + size > budget:
                lines, used = lines + 1, 0
            if size > budget:                       # a word longer than the column is cut
                lines += (size - 1) // budget
                size = (size - 1) % budget + 1
            used = size if not used else used + 1 + size
        total += lines
    return total


def _row_height(values, widths) -> float:
    lines = max((_lines(v, w) for v, w in zip(values, widths)), default=1)
    return min(MAX_ROW_HEIGHT, round(lines * LINE_HEIGHT + 4, 1))


def _list_formula(items) -> str | None:
    """An inline list for a drop-down, or None when Excel would refuse it."""
    if any("," in item or '"' in item for item in items):
        return None
    formula = '"' + ",".join(items) + '"'
    return formula if len(formula) - 2 <= LIST_FORMULA_MAX else None


def _sheet_ref(title: str, ref: str) -> str:
    return "'" + title.replace("'", "''") + "'!" + ref


class _Styles:
    """The workbook's cell styles, made once and shared by its three sheets."""

    def __init__(self):
        thin = Side(style="thin", color=GRID)
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.header_align = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.font = Font(name=FONT_NAME, size=FONT_SIZE)
        self.bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.center = Alignment(wrap_text=True, vertical="top", horizontal="center")
        self.vendor_fill = PatternFill("solid", fgColor=VENDOR_FILL)
        self.unlocked = Protection(locked=False)

    def header(self, cell):
        cell.font, cell.fill, cell.alignment, cell.border = self.header_font, self.header_fill, self.header_align, self.border


def write_xlsx(spec, path, options=None) -> None:
    lang = _lang(spec, options)
    words = TEXT[lang]
    styles = _Styles()
    wb = Workbook()
    matrix = wb.active
    matrix.title = words["matrix"]
    offer = wb.create_sheet(words["offer"])
    criteria = wb.create_sheet(words["criteria"])
    scale_sheet = wb.create_sheet(words["scale"])

    scale = RESPONSE_SCALE[lang]
    scale_ref = _build_scale(scale_sheet, lang, styles)
    _build_matrix(matrix, spec, lang, styles, _list_formula(scale) or scale_ref)
    _build_offer(offer, spec, lang, styles)
    _build_criteria(criteria, spec, lang, styles)
    for ws in (matrix, offer, criteria, scale_sheet):
        _print_setup(ws, spec, lang, landscape=ws is matrix)

    stamp = stamp_of(spec)
    props = wb.properties
    project = spec.project
    props.title = f"{words['title']} – {clean_text(project.name)}" if project and project.name else words["title"]
    props.subject = clean_text(project.name) if project and project.name else None
    props.creator = clean_text(project.company or ", ".join(project.authors)) if project else "crmreq"
    props.lastModifiedBy = "crmreq"
    props.language = lang
    props.version = clean_text(project.version) if project and project.version else None
    props.created = props.modified = stamp
    wb.active = 0

    buffer = io.BytesIO()
    wb.save(buffer)
    Path(path).write_bytes(fixed_zip(buffer.getvalue(), stamp))


def _build_matrix(ws, spec, lang, styles, list_formula):
    words = TEXT[lang]
    headers = HEADERS[lang]
    rows = matrix_rows(spec, lang)
    widths = [WIDTHS[c] for c in MATRIX_COLUMNS]
    longest_id = max((len(r.id) for r in rows), default=0)
    widths[0] = max(widths[0], min(22, round(longest_id * 1.2 + 2)))   # ids never wrap
    letters = [get_column_letter(i) for i in range(1, len(MATRIX_COLUMNS) + 1)]
    for letter, width in zip(letters, widths):
        ws.column_dimensions[letter].width = width

    header_values = [headers[c] for c in MATRIX_COLUMNS]
    for col, text in enumerate(header_values, start=1):
        cell = ws.cell(row=1, column=col)
        _set_text(cell, text)
        styles.header(cell)
    ws.row_dimensions[1].height = _row_height(header_values, [w * 0.9 for w in widths])  # bold text is wider

    centered = {MATRIX_COLUMNS.index(c) for c in ("section", "priority", "phase")}
    vendor = {MATRIX_COLUMNS.index(c) for c in VENDOR_COLUMNS}
    cost_col = MATRIX_COLUMNS.index("vendor_cost")
    column_styles = [_column_style(col, styles, centered, vendor, cost_col) for col in range(len(MATRIX_COLUMNS))]
    row_index = 1
    for row in rows:
        row_index += 1
        requirement = requirement_cells(row, lang)
        texts = [_text_value(v, f"{row.id or '?'} ({headers[c]})") for v, c in zip(requirement, MATRIX_COLUMNS)]
        values = texts + [None] * len(VENDOR_COLUMNS) + [row_fingerprint(requirement)]
        for col, text in enumerate(values):
            cell = ws.cell(row=row_index, column=col + 1)
            for name, value in column_styles[col].items():
                setattr(cell, name, value)
            if col not in vendor:
                _set_text(cell, text)
        ws.row_dimensions[row_index].height = _row_height(values, widths)

    last = row_index
    ws.column_dimensions[letters[-1]].hidden = True     # the fingerprint: locked, out of the way
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    if last >= 2:
        ws.auto_filter.ref = f"A1:{letters[-1]}{last}"
        response = letters[MATRIX_COLUMNS.index("vendor_response")]
        cost = letters[cost_col]
        dv = DataValidation(type="list", formula1=list_formula, allow_blank=True, showErrorMessage=True,
                            showInputMessage=True, promptTitle=words["prompt_title"], prompt=words["prompt"],
                            errorTitle=words["error_title"], error=words["error"])
        dv.add(f"{response}2:{response}{last}")
        ws.add_data_validation(dv)
        money = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                               showErrorMessage=True, errorTitle=words["cost_title"], error=words["cost_error"])
        money.add(f"{cost}2:{cost}{last}")
        ws.add_data_validation(money)
        for level, tint in zip(RESPONSE_SCALE[lang], SCALE_TINTS):
            ws.conditional_formatting.add(
                f"{response}2:{response}{last}",
                CellIsRule(operator="equal", formula=['"' + level.replace('"', '""') + '"'],
                           fill=PatternFill("solid", fgColor=tint, bgColor=tint)))

    _protect(ws, filter_and_resize=True)


def _column_style(col: int, styles, centered, vendor, cost_col) -> dict:
    """A matrix column's cell style, as openpyxl cell attributes: vendor columns unlocked and tinted."""
    style = {}
    if col in vendor:
        style.update(fill=styles.vendor_fill, protection=styles.unlocked)
        if col == cost_col:
            style["number_format"] = "#,##0.00"
    style.update(font=styles.bold if col == 0 else styles.font,
                 alignment=styles.center if col in centered else styles.wrap, border=styles.border)
    return style


def _build_offer(ws, spec, lang, styles):
    """Who answers and when: two unlocked cells, then the specification answered (read-only)."""
    words = TEXT[lang]
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 50
    for row_index, key in enumerate(OFFER_ROWS, start=1):
        label, value = ws.cell(row=row_index, column=1), ws.cell(row=row_index, column=2)
        _set_text(label, words[key])
        styles.header(label)
        value.fill, value.protection, value.border, value.font = (styles.vendor_fill, styles.unlocked,
                                                                  styles.border, styles.font)
        value.alignment = styles.wrap
        if key == "offer_date":
            value.number_format = "DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD"
    project = spec.project
    answered = " – ".join(clean_text(p) for p in ((project.name, project.version and f"v{project.version}")
                                                   if project else ()) if p)
    rows = ((words["offer_spec"], answered or None), (None, punctuate(words["offer_help"], lang)))
    for row_index, (label_text, text) in enumerate(rows, start=len(OFFER_ROWS) + 2):
        label, value = ws.cell(row=row_index, column=1), ws.cell(row=row_index, column=2)
        _set_text(label, label_text)
        _set_text(value, _text_value(text or "", words["offer_spec"]))
        label.font, value.font = styles.bold, styles.font
        label.alignment = value.alignment = styles.wrap
    _protect(ws)


def _build_criteria(ws, spec, lang, styles):
    words = TEXT[lang]
    criteria = spec.consultation.criteria if spec.consultation else ()
    longest_id = max((len(c.id) for c in criteria), default=0)
    widths = (max(12, min(22, round(longest_id * 1.2 + 2))), 50, 13, 14)
    for letter, width in zip("ABCD", widths):
        ws.column_dimensions[letter].width = width
    for col, text in enumerate(words["crit_headers"], start=1):
        cell = ws.cell(row=1, column=col)
        _set_text(cell, text)
        styles.header(cell)
    weights = [c.weight for c in criteria if isinstance(c.weight, (int, float))]
    number_format = "0" if all(float(w).is_integer() for w in weights) else "0.0"
    row_index = 1
    for criterion in criteria:
        row_index += 1
        cells = [ws.cell(row=row_index, column=c) for c in range(1, 5)]
        _set_text(cells[0], _text_value(criterion.id, criterion.id or "?"))
        _set_text(cells[1], _text_value(criterion.name or "", f"{criterion.id} (name)"))
        cells[2].value = criterion.weight
        cells[2].number_format = number_format
        _set_text(cells[3], words["yes"] if criterion.eliminatory else words["no"])
        for index, cell in enumerate(cells):
            cell.font = styles.bold if index == 0 else styles.font
            cell.alignment = styles.center if index in (2, 3) else styles.wrap
            cell.border = styles.border
        ws.row_dimensions[row_index].height = _row_height([criterion.id, criterion.name], widths[:2])
    row_index += 1
    total = ws.cell(row=row_index, column=2)
    _set_text(total, words["total"])
    total_value = ws.cell(row=row_index, column=3)
    # the computed sum, not a formula: readers that do not recalculate still show it
    total_value.value = sum(weights) if weights else 0
    total_value.number_format = number_format
    for col in range(1, 5):
        cell = ws.cell(row=row_index, column=col)
        cell.font, cell.border = styles.bold, styles.border
        cell.alignment = styles.center if col in (3, 4) else styles.wrap
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    _protect(ws)


def _build_scale(ws, lang, styles) -> str:
    words = TEXT[lang]
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 80
    for col, text in enumerate(words["scale_headers"], start=1):
        cell = ws.cell(row=1, column=col)
        _set_text(cell, text)
        styles.header(cell)
    levels = RESPONSE_SCALE[lang]
    for index, (level, meaning, tint) in enumerate(zip(levels, L.SCALE_MEANINGS[lang], SCALE_TINTS), start=2):
        a, b = ws.cell(row=index, column=1), ws.cell(row=index, column=2)
        _set_text(a, level)
        _set_text(b, meaning)
        a.font, b.font = styles.bold, styles.font
        a.fill = PatternFill("solid", fgColor=tint)
        for cell in (a, b):
            cell.alignment, cell.border = styles.wrap, styles.border
    _protect(ws)
    return "=" + _sheet_ref(ws.title, f"$A$2:$A${len(levels) + 1}")


def _protect(ws, filter_and_resize: bool = False) -> None:
    """Sheet protection without a password: locked cells are read-only, nothing is hidden."""
    protection = ws.protection
    protection.sheet = True
    protection.formatColumns = False        # False = allowed: readers may widen columns
    protection.formatRows = False
    if filter_and_resize:
        protection.autoFilter = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def _print_setup(ws, spec, lang, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.25
    banner = header_footer_text(spec)
    if len(banner) > HEADER_MAX:            # Excel refuses a header over 255 characters (codes included)
        banner = banner[:HEADER_MAX - 1].rstrip() + "…"
    if banner:
        ws.oddHeader.center.text = _hf_escape(banner)
        ws.oddHeader.center.size = 8
    ws.oddFooter.right.text = TEXT[lang]["page"]
    ws.oddFooter.right.size = 8
    ws.oddFooter.left.text = _hf_escape(ws.title)
    ws.oddFooter.left.size = 8


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def fixed_zip(data: bytes, stamp: _dt.datetime) -> bytes:
    """The package with fixed entry dates, and the spec's date as the document's creation and last
    change (openpyxl writes the time of saving as the last change)."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def date_core_properties(name: str, content: bytes) -> bytes:
        if name == "docProps/core.xml":
            return _CORE_DATES.sub(rb"\g<1>" + iso + rb"\g<2>", content)
        return content

    return reproducible_zip(data, (stamp.year, stamp.month, stamp.day, 0, 0, 0), date_core_properties)
