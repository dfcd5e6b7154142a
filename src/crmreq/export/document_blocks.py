"""The blocks of a document outline: the one vocabulary the Word and Markdown writers lay out.

A chapter (`chapters/`) says what the document contains as these blocks (cover, table of contents,
numbered headings, paragraphs, bullet lists, tables, figures, a section break); `word.py` and
`markdown.py` only say how each block looks. Nothing here reads a spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A run of text. `tone`: None, "muted", "accent", "danger", or a priority (must/should/could/wont).

    `code`: an identifier (`VEN-01`), printed exactly as written and, in Word, never broken at its
    hyphens, so that a narrow column cannot cut it in two."""

    text: str
    b: bool = False
    i: bool = False
    tone: str | None = None
    code: bool = False


Paragraph = tuple  # tuple[Span, ...]
Cell = tuple       # tuple[Paragraph, ...]


@dataclass(frozen=True)
class Cover:
    company: str
    title: str
    subtitle: str
    project: str
    meta: tuple            # ((label, value), ...)
    confidentiality: str
    note: str


@dataclass(frozen=True)
class Toc:
    title: str


@dataclass
class Heading:
    level: int
    text: str
    key: str = ""
    numbered: bool = True
    number: str = ""        # "5.2" (filled by the outline; "" for unnumbered headings)


@dataclass(frozen=True)
class Para:
    spans: Paragraph
    style: str = "body"     # body | muted | lead | note | label | keep (stays with what follows)


@dataclass(frozen=True)
class Bullets:
    items: tuple            # tuple[Paragraph, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Row:
    cells: tuple            # tuple[Cell, ...]
    total: bool = False


@dataclass(frozen=True)
class Table:
    headers: tuple          # tuple[str, ...]; empty for a key/value table
    rows: tuple             # tuple[Row, ...]
    widths: tuple           # cm, summing to the text width of the section
    align: tuple = ()       # "l" | "r" | "c" per column
    small: bool = False     # smaller font (the annex matrix)
    kind: str = "grid"      # grid | keyvalue
    key: str = ""


@dataclass(frozen=True)
class Figure:
    kind: str               # systems | gantt
    number: int
    caption: str
    note: str = ""


@dataclass(frozen=True)
class SectionBreak:
    landscape: bool = False


@dataclass
class Outline:
    lang: str
    title: str                        # document title (core properties, Markdown title)
    company: str
    project: str
    running: str                      # "[Company] – [Project] – [confidentiality]"
    footer: str                       # "Cahier des charges – version 1.3 – 15 novembre 2026"
    blocks: list = field(default_factory=list)

    def headings(self):
        return [b for b in self.blocks if isinstance(b, Heading)]


PORTRAIT_WIDTH = 17.0     # cm: A4 with 2 cm margins (table widths add up to the text width)
LANDSCAPE_WIDTH = 25.7    # cm: the annex's landscape pages


def P(*spans) -> Paragraph:
    """A paragraph from strings and Spans."""
    return tuple(s if isinstance(s, Span) else Span(s) for s in spans if s != "")


def C(*paragraphs) -> Cell:
    """A table cell from strings, Spans or paragraphs."""
    out = []
    for p in paragraphs:
        if isinstance(p, tuple):
            out.append(p)
        elif isinstance(p, Span):
            out.append((p,))
        elif p is not None and p != "":
            out.append((Span(str(p)),))
    return tuple(out) or ((Span(""),),)


def one_per_line(values) -> Cell:
    """A table cell with one paragraph per non-empty value."""
    return tuple((Span(v),) for v in values if v) or ((Span(""),),)


# Widths of Calibri's glyphs in ems, by kind of character (bold, a little generous): enough to
# size a column of ids without the font at hand. LibreOffice's Carlito has the same metrics.
_NARROW = set("iIjlrtf.,:;'!|()[] ")
_WIDE = set("MWmw@%")


def text_width_cm(text: str, size_pt: float = 9.0) -> float:
    """The width of `text` in bold at `size_pt`, in centimetres, for sizing a table column."""
    ems = 0.0
    for ch in text:
        if ch in _NARROW:
            ems += 0.3
        elif ch in _WIDE:
            ems += 0.88
        elif ch == "-":
            ems += 0.33
        elif ch.isupper() or ch.isdigit():
            ems += 0.62
        else:
            ems += 0.52
    return ems * size_pt * 2.54 / 72
