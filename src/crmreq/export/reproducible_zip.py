"""Same spec, same bytes: an Office package (DOCX, XLSX) re-zipped with fixed entry dates and attributes.

python-docx and openpyxl stamp every zip entry with the time of writing; a vendor pack kept in
version control or compared by checksum (the pack's manifest) must not change when nothing did.
"""

from __future__ import annotations

import io
import zipfile
from typing import Callable


def reproducible_zip(data: bytes, date_time: tuple, rewrite: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """`data` (a zip) with every entry dated `date_time`, mode 0644, deflated; `rewrite(name, content)`
    may change an entry's content on the way (a date written inside it, say).

    A zip entry can only be dated 1980 to 2107: a spec dated outside them gets 1 January 1980."""
    if not 1980 <= date_time[0] <= 2107:
        date_time = (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if rewrite is not None:
                content = rewrite(info.filename, content)
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, content)
    return out.getvalue()
