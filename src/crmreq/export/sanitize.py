"""Text hygiene shared by every exporter (research/robustness.md §4).

- `clean_text`: drop what XML (DOCX, XLSX) cannot hold: C0 controls other than tab and
  newline, lone surrogates, U+FFFE/U+FFFF. Nothing else is touched.
- `neutralise_formula`: a cell a spreadsheet would evaluate (starting with = + - @, tab, CR,
  LF) gets a leading apostrophe in CSV, following OWASP; numbers such as `-2` stay numbers.
- `is_formula_like`: the test itself, for XLSX where cells are typed as strings instead.
"""

from __future__ import annotations

import re

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
XLSX_MAX_CELL = 32767


def clean_text(value) -> str:
    """Text safe for XML-based formats; None becomes an empty string."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("\ufffd", text)


def is_formula_like(text: str) -> bool:
    return bool(text) and text.startswith(_FORMULA_START) and not _NUMBER.match(text)


def neutralise_formula(text: str) -> str:
    """OWASP CSV-injection guard: prefix a quote, keep every character of the text."""
    return "'" + text if is_formula_like(text) else text
