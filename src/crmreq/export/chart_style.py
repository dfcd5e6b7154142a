"""What the two PNG pictures of the Word document share: size, fonts, colours, reproducible bytes.

Drawn with matplotlib's object API (a `Figure` saved by the Agg renderer, no pyplot, no global
backend switch) and its bundled DejaVu fonts, so the same spec gives the same picture on every
machine: fixed size and dpi, no "Software" metadata, no date.
"""

from __future__ import annotations

import io
import textwrap
import warnings

from matplotlib import rc_context
from matplotlib.figure import Figure

DPI = 200
WIDTH_IN = 7.4                  # drawn at 16 cm in the DOCX: fonts shrink by ~15 %
EDGE = "#404040"
TEXT_COLOUR = "#1A1A1A"

_RC = {
    "font.family": "DejaVu Sans",    # bundled with matplotlib: same glyphs everywhere
    "font.size": 9,
    "svg.hashsalt": "crmreq",
    "path.simplify": True,
    "axes.unicode_minus": False,
    "text.parse_math": False,        # user text is never TeX: "$ 5 k$ per seat" must stay as written
}


def chart_settings():
    """The matplotlib settings every picture is drawn and saved under (a context manager)."""
    return rc_context(_RC)


def png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # a character the font lacks (a control character, a rare script) is drawn as a
        # box; the tables beside the picture keep the text. No warning on the console.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return buffer.getvalue()


def wrap(text: str, width: int, max_lines: int = 3) -> str:
    """`text` on at most `max_lines` lines of `width` characters, an ellipsis when cut."""
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, width - 1)].rstrip() + "…"
    return "\n".join(lines)
