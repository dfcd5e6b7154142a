"""How the bid analysis workbook's cells look and are filled: styles, typed text, references, row heights.

Kept apart from `report_xlsx`, which decides what goes in which cell. Fonts, grid and header colours
are those of the exported matrix, so the buyer's two workbooks look alike.
"""

from __future__ import annotations

import math

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.properties import PageSetupProperties

from ..export.sanitize import clean_text, is_formula_like
from ..export.spreadsheet import SCALE_TINTS
from .model import LEVELS

HEADER_FILL, INPUT_FILL, GRID, TOTAL_FILL = "1F3864", "FFF2CC", "BFBFBF", "DDEBF7"
MUST_GAP_FILL, UNANSWERED_FILL = "C00000", "EDEDED"
FONT_NAME, FONT_SIZE = "Calibri", 10
LINE_HEIGHT, CHARS_PER_UNIT, MAX_ROW_HEIGHT = 12.5, 1.2, 409.0    # 10 pt Calibri, as the matrix export


class CellStyles:
    """The workbook's fonts, fills and alignments, made once; `header` and `body` dress a cell."""

    def __init__(self):
        thin = Side(style="thin", color=GRID)
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT_NAME, size=FONT_SIZE)
        self.bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        self.italic = Font(name=FONT_NAME, size=FONT_SIZE, italic=True, color="595959")
        self.title = Font(name=FONT_NAME, size=14, bold=True, color="1F3864")
        self.header_font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, color="FFFFFF")
        self.must_gap_font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.input_fill = PatternFill("solid", fgColor=INPUT_FILL)
        self.total_fill = PatternFill("solid", fgColor=TOTAL_FILL)
        self.must_gap_fill = PatternFill("solid", fgColor=MUST_GAP_FILL)
        self.unanswered_fill = PatternFill("solid", fgColor=UNANSWERED_FILL)
        self.level_fills = {level: PatternFill("solid", fgColor=tint) for level, tint in zip(LEVELS, SCALE_TINTS)}
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.center = Alignment(horizontal="center", vertical="top", wrap_text=True)
        self.header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def header(self, cell):
        cell.font, cell.fill, cell.alignment, cell.border = self.header_font, self.header_fill, self.header_align, \
            self.border

    def body(self, cell, font=None, alignment=None, fill=None, number_format=None):
        cell.font = font or self.font
        cell.alignment = alignment or self.wrap
        cell.border = self.border
        if fill is not None:
            cell.fill = fill
        if number_format:
            cell.number_format = number_format


def set_text(cell, value: str | None) -> None:
    """A typed string cell, never a formula (a vendor called "=SUM(A1)" stays a name)."""
    value = clean_text(value) or None
    cell.value = value
    if value is None:
        return
    cell.data_type = "s"
    if is_formula_like(value):
        cell.quotePrefix = True


def reference(sheet: str, column: int, row: int) -> str:
    """An absolute reference to a cell of another sheet: `'Méthode'!$B$2`."""
    return f"{quote_sheetname(sheet)}!${get_column_letter(column)}${row}"


def row_height(texts, widths) -> float:
    """Points for a row whose cells wrap: Excel does not fit row heights itself when it opens a file."""
    lines = max((math.ceil(len(text or " ") / max(1, int(width * CHARS_PER_UNIT))) for text, width in zip(texts, widths)),
                default=1)
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 4)


def number_format(values) -> str:
    """Whole numbers shown whole, others with one decimal."""
    return "0" if all(float(v).is_integer() for v in values) else "0.0"


def print_setup(ws, page: str, landscape: bool) -> None:
    """A4, fitted to the page width; the sheet's name and the page number in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.oddFooter.right.text = page
    ws.oddFooter.right.size = 8
    ws.oddFooter.left.text = ws.title.replace("&", "&&")
    ws.oddFooter.left.size = 8
