"""WordprocessingML snippets: runs, paragraphs, fields and styles of the Word document, as XML text.

The Word writer builds each block as text and parses it once: building a 2,000-row table cell by
cell through python-docx (`table.cell(i, j)`) takes quadratic time. Text is escaped here, once.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
TWIPS_PER_CM = 566.929

FONT = "Calibri"
ACCENT = "1F4E79"
ACCENT_2 = "2E75B6"
MUTED = "595959"
BORDER = "BFBFBF"
# the colour of a span's tone (see document_blocks.Span)
TONES = {"muted": MUTED, "accent": ACCENT, "danger": "C00000", "must": "C00000", "should": "C55A11",
         "could": "548235", "wont": "7F7F7F"}


def twips(cm: float) -> int:
    """Centimetres in twentieths of a point, Word's unit for widths and tab stops."""
    return int(round(cm * TWIPS_PER_CM))


def run(text: str, b=False, i=False, color=None, size=None, caps=False, font=None, nobreak=False) -> str:
    """A `w:r`: `text` with its line breaks and tabs, bold, italic, colour, size in points;
    `nobreak`: its hyphens are Word's non-breaking hyphens (an id is never cut at one)."""
    props = run_props(size=size, b=b, i=i, color=color, font=font, caps=caps)
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{text_content(text, nobreak)}</w:r>"


def text_content(text: str, nobreak: bool = False) -> str:
    """The inside of a run: `w:t` pieces, `w:br` for a new line, `w:tab` for a tab, and with
    `nobreak` a `w:noBreakHyphen` for each hyphen."""
    out = []
    for n, line in enumerate(text.split("\n")):
        if n:
            out.append("<w:br/>")
        for m, piece in enumerate(line.split("\t")):
            if m:
                out.append("<w:tab/>")
            words = piece.split("-") if nobreak else [piece]
            for k, word in enumerate(words):
                if k:
                    out.append("<w:noBreakHyphen/>")
                if word:
                    out.append(f'<w:t xml:space="preserve">{escape(word)}</w:t>')
    return "".join(out)


def span_run(span) -> str:
    """A run for an outline `Span` (bold, italic, tone)."""
    return run(span.text, b=span.b, i=span.i, color=TONES.get(span.tone), nobreak=span.code)


def paragraph_props(style=None, keep_next=False, keep_lines=False, page_break=None, numoff=False, tabs=None,
                    before=None, after=None, line=None, ind_left=None, hanging=None, first=None, jc=None,
                    borders=None, extra="") -> str:
    """A `w:pPr`, its children in the order the schema wants; "" when there is nothing to say."""
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if keep_lines:
        parts.append("<w:keepLines/>")
    if page_break is not None:
        parts.append("<w:pageBreakBefore/>" if page_break else '<w:pageBreakBefore w:val="0"/>')
    if numoff:
        parts.append('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>')
    if borders:
        parts.append(borders)
    if tabs:
        parts.append("<w:tabs>" + "".join(
            f'<w:tab w:val="{kind}"' + (f' w:leader="{leader}"' if leader else "") + f' w:pos="{pos}"/>'
            for kind, pos, leader in tabs) + "</w:tabs>")
    if before is not None or after is not None or line is not None:
        attrs = ""
        if before is not None:
            attrs += f' w:before="{before}"'
        if after is not None:
            attrs += f' w:after="{after}"'
        if line is not None:
            attrs += f' w:line="{line}" w:lineRule="auto"'
        parts.append(f"<w:spacing{attrs}/>")
    if ind_left is not None or hanging is not None or first is not None:
        attrs = ""
        if ind_left is not None:
            attrs += f' w:left="{ind_left}"'
        if hanging is not None:
            attrs += f' w:hanging="{hanging}"'
        if first is not None:
            attrs += f' w:firstLine="{first}"'
        parts.append(f"<w:ind{attrs}/>")
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    if extra:
        parts.append(extra)
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def paragraph(runs: str, **props) -> str:
    """A `w:p` of `runs`; `props` are those of `paragraph_props`."""
    return f"<w:p>{paragraph_props(**props)}{runs}</w:p>"


def field(instr: str, cached: str = "", rpr: str = "") -> str:
    """A complex field: begin / instruction / separate / cached result / end."""
    r = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return (f'<w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{r}<w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
            f'<w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{r}{text_content(cached)}</w:r>'
            f'<w:r>{r}<w:fldChar w:fldCharType="end"/></w:r>')


def run_props(size=None, b=False, i=False, color=None, font=None, caps=False) -> str:
    """The inside of a `w:rPr` (for styles and fields): font, bold, italic, caps, colour, size."""
    parts = []
    if font:
        parts.append(f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>')
    if b:
        parts.append("<w:b/><w:bCs/>")
    if i:
        parts.append("<w:i/><w:iCs/>")
    if caps:
        parts.append("<w:caps/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size:
        half = int(round(size * 2))
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    return "".join(parts)


def style(style_id: str, name: str, kind: str = "paragraph", based_on: str | None = "Normal",
          next_style: str | None = None, ppr: str = "", rpr: str = "", extra: str = "", custom: bool = True) -> str:
    """A `w:style` of the style sheet."""
    flag = ' w:customStyle="1"' if custom else ""
    return (f'<w:style {NSDECL} w:type="{kind}"{flag} w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>' + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
            + (f'<w:next w:val="{next_style}"/>' if next_style else "") + extra
            + '<w:qFormat/>' + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
            + "</w:style>")
