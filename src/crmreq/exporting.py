"""What an exporter author needs besides `Exporter` and `hookimpl`: the functional matrix.

`matrix_rows(spec, lang)` gives the rows (features, NFRs and RGPD requirements, with their
ids) that the CSV, XLSX and DOCX exports share; `PRIORITY_LABELS` and `SECTIONS` their
labels by language. Import this module inside your `write` function: every plugin is
imported on every `crmreq lint`, and the labels are read from data when this is imported.
"""

from __future__ import annotations

from .export.matrix import PRIORITY_LABELS, SECTIONS, MatrixRow, matrix_rows

__all__ = ["matrix_rows", "MatrixRow", "PRIORITY_LABELS", "SECTIONS"]
