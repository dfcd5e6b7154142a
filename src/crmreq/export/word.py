"""The Word cahier des charges (`crmreq export docx`).

Lays out the outline of `crmreq.export.document` with python-docx: A4, a cover page, a
table of contents field (pre-filled with the headings, page numbers through PAGEREF fields,
refreshed by Word on opening), headings numbered by Word itself (a multilevel list bound to
the Heading styles), tables with repeated header rows and fixed column widths, the two
diagrams as images, the functional matrix as a landscape annex, and a running header
"[Company] – [Project] – [confidentiality]" with page numbers in the footer.

Speed: paragraphs and tables are written as WordprocessingML text and parsed in one go
(never `table.cell(i, j)`, which is quadratic): 2,000 features export in about a second.
Determinism: core properties take the spec's date, and the package is re-zipped with
fixed entry timestamps, so the same spec gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from . import document as D
from . import labels as L
from .sanitize import clean_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

FONT = "Calibri"
ACCENT = "1F4E79"
ACCENT_2 = "2E75B6"
MUTED = "595959"
BORDER = "BFBFBF"
HEAD_FILL = "1F4E79"
ZEBRA_FILL = "F2F6FA"
TOTAL_FILL = "DDEBF7"
KEY_FILL = "EEF3F8"
TONES = {"muted": MUTED, "accent": ACCENT, "danger": "C00000", "must": "C00000", "should": "C55A11",
         "could": "548235", "wont": "7F7F7F"}
HEADING_NUM_ID = 20          # w:num / w:abstractNum ids for the heading numbering
TWIPS_PER_CM = 566.929
_TBL = f"{{{W_NS}}}tbl"
_TR = f"{{{W_NS}}}tr"


def _tw(cm: float) -> int:
    return int(round(cm * TWIPS_PER_CM))


def write_docx(spec, path, options=None) -> None:
    """Write the DOCX cahier des charges of `spec` to `path` (one file)."""
    options = options or {}
    lang = options.get("lang") or spec.lang
    Path(path).write_bytes(build_docx(spec, lang))


def build_docx(spec, lang: str | None = None) -> bytes:
    outline = D.outline(spec, lang)
    return _Writer(spec, outline).render()


# =====================================================================================
# WordprocessingML snippets
# =====================================================================================

def _run(text: str, b=False, i=False, color=None, size=None, caps=False, font=None) -> str:
    props = []
    if font:
        props.append(f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>')
    if b:
        props.append("<w:b/><w:bCs/>")
    if i:
        props.append("<w:i/><w:iCs/>")
    if caps:
        props.append("<w:caps/>")
    if color:
        props.append(f'<w:color w:val="{color}"/>')
    if size:
        half = int(round(size * 2))
        props.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{_text_content(text)}</w:r>"


def _text_content(text: str) -> str:
    out = []
    for n, line in enumerate(text.split("\n")):
        if n:
            out.append("<w:br/>")
        for m, piece in enumerate(line.split("\t")):
            if m:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(out)


def _span(span: D.Span) -> str:
    return _run(span.text, b=span.b, i=span.i, color=TONES.get(span.tone))


def _ppr(style=None, keep_next=False, keep_lines=False, page_break=None, numoff=False, tabs=None,
         before=None, after=None, line=None, ind_left=None, hanging=None, first=None, jc=None,
         borders=None, extra="") -> str:
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


def _p(runs: str, **ppr) -> str:
    return f"<w:p>{_ppr(**ppr)}{runs}</w:p>"


def _field(instr: str, cached: str = "", rpr: str = "") -> str:
    """A complex field: begin / instruction / separate / cached result / end."""
    r = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return (f'<w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{r}<w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
            f'<w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{r}{_text_content(cached)}</w:r>'
            f'<w:r>{r}<w:fldChar w:fldCharType="end"/></w:r>')


def _style_xml(style_id: str, name: str, kind: str = "paragraph", based_on: str | None = "Normal",
               next_style: str | None = None, ppr: str = "", rpr: str = "", extra: str = "",
               custom: bool = True) -> str:
    flag = ' w:customStyle="1"' if custom else ""
    return (f'<w:style {NSDECL} w:type="{kind}"{flag} w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>' + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
            + (f'<w:next w:val="{next_style}"/>' if next_style else "") + extra
            + '<w:qFormat/>' + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
            + "</w:style>")


def _rpr(size=None, b=False, i=False, color=None, font=None, caps=False) -> str:
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
        parts.append(f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>')
    return "".join(parts)


# =====================================================================================
# The writer
# =====================================================================================

class _Writer:
    def __init__(self, spec, outline: D.Outline):
        from docx import Document
        from docx.oxml import parse_xml

        self.spec = spec
        self.outline = outline
        self.lang = outline.lang
        self.doc = Document()
        self.parse = parse_xml
        self.body = self.doc.element.body
        self.text_width = D.PORTRAIT_WIDTH
        self.bookmarks: list[tuple[D.Heading, str]] = []
        self.toc_anchor = None

    # -- output -----------------------------------------------------------------------
    def render(self) -> bytes:
        self._setup_page()
        self._setup_styles()
        self._setup_numbering()
        self._setup_settings()
        self._core_properties()
        for block in self.outline.blocks:
            self._block(block)
        self._fill_toc()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _normalise_zip(buffer.getvalue(), self._stamp())

    def _stamp(self) -> tuple:
        date = self.spec.project.date if self.spec.project and self.spec.project.date else None
        if date is None or date.year < 1980 or date.year > 2107:
            return (1980, 1, 1, 0, 0, 0)
        return (date.year, date.month, date.day, 0, 0, 0)

    def _append(self, xml: str) -> list:
        """Parse WordprocessingML (one or more body elements) and append it before the sectPr."""
        holder = self.parse(f"<w:body {NSDECL}>{xml}</w:body>")
        sect = self.body.sectPr
        children = list(holder)
        for child in children:
            # lxml moves a large subtree between documents in quadratic time: move a
            # table's rows one by one instead (linear; 2,000 rows in a few hundredths).
            rows = []
            if child.tag == _TBL:
                rows = child.findall(_TR)
                for row in rows:
                    child.remove(row)
            if sect is not None:
                sect.addprevious(child)
            else:
                self.body.append(child)
            for row in rows:
                child.append(row)
        return children

    # -- set-up -----------------------------------------------------------------------
    def _setup_page(self):
        from docx.shared import Cm

        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = Cm(2.4)
        section.bottom_margin = Cm(2.0)
        section.header_distance = Cm(1.1)
        section.footer_distance = Cm(1.0)
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
        self._header_footer(section, D.PORTRAIT_WIDTH)

    def _header_footer(self, section, width_cm: float):
        o = self.outline
        right = _tw(width_cm)
        border_b = (f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{BORDER}"/></w:pBdr>')
        border_t = (f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="{BORDER}"/></w:pBdr>')
        header = section.header
        header.is_linked_to_previous = False
        hdr = header._element
        for child in list(hdr):
            hdr.remove(child)
        head_xml = _p(_run(o.running, color=MUTED, size=8), borders=border_b, after=0)
        for child in self.parse(f"<w:hdr {NSDECL}>{head_xml}</w:hdr>"):
            hdr.append(child)

        footer = section.footer
        footer.is_linked_to_previous = False
        ftr = footer._element
        for child in list(ftr):
            ftr.remove(child)
        t = L.text(self.lang)
        rpr = _rpr(size=8, color=MUTED)
        page = (_run(o.footer, color=MUTED, size=8) + _run("\t", size=8)
                + _run(f"{t['page']} ", color=MUTED, size=8) + _field("PAGE", "1", rpr)
                + _run(f" {t['page_of']} ", color=MUTED, size=8)
                + _field("NUMPAGES", "1", rpr))
        foot_xml = _p(page, borders=border_t, tabs=[("right", right, None)], before=0, after=0)
        for child in self.parse(f"<w:ftr {NSDECL}>{foot_xml}</w:ftr>"):
            ftr.append(child)

    def _setup_styles(self):
        from docx.oxml.ns import qn

        styles = self.doc.styles.element
        lang_code = "fr-FR" if self.lang == "fr" else "en-GB"
        # Document defaults: Calibri 10.5 pt, the document language for spelling and hyphenation.
        defaults = styles.find(qn("w:docDefaults"))
        rpr_default = self.parse(
            f'<w:rPrDefault {NSDECL}><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" '
            f'w:cs="{FONT}"/><w:sz w:val="21"/><w:szCs w:val="21"/>'
            f'<w:lang w:val="{lang_code}" w:eastAsia="{lang_code}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>')
        ppr_default = self.parse(
            f'<w:pPrDefault {NSDECL}><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
            f'</w:pPr></w:pPrDefault>')
        for child in list(defaults):
            defaults.remove(child)
        defaults.append(rpr_default)
        defaults.append(ppr_default)

        def restyle(style_id, ppr="", rpr=""):
            el = styles.find(f'{qn("w:style")}[@{qn("w:styleId")}="{style_id}"]')
            if el is None:
                return
            for tag in ("w:pPr", "w:rPr"):
                old = el.find(qn(tag))
                if old is not None:
                    el.remove(old)
            if ppr:
                el.append(self.parse(f"<w:pPr {NSDECL}>{ppr}</w:pPr>"))
            if rpr:
                el.append(self.parse(f"<w:rPr {NSDECL}>{rpr}</w:rPr>"))

        num = lambda lvl: f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{HEADING_NUM_ID}"/></w:numPr>'
        restyle("Heading1",
                "<w:keepNext/><w:keepLines/><w:pageBreakBefore/>" + num(0) +
                f'<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="{ACCENT}"/></w:pBdr>'
                '<w:spacing w:before="0" w:after="240" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="0"/>',
                _rpr(size=17, b=True, color=ACCENT, font=FONT))
        restyle("Heading2",
                "<w:keepNext/><w:keepLines/>" + num(1) +
                '<w:spacing w:before="320" w:after="120" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="1"/>',
                _rpr(size=13, b=True, color=ACCENT, font=FONT))
        restyle("Heading3",
                "<w:keepNext/><w:keepLines/>" + num(2) +
                '<w:spacing w:before="220" w:after="80" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="2"/>',
                _rpr(size=11, b=True, color=ACCENT_2, font=FONT))
        restyle("Title", '<w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/>',
                _rpr(size=30, b=True, color=ACCENT, font=FONT))
        restyle("Subtitle", '<w:spacing w:before="0" w:after="360"/>', _rpr(size=13, color=MUTED, font=FONT))
        restyle("Caption", '<w:keepLines/><w:spacing w:before="60" w:after="240"/><w:jc w:val="center"/>',
                _rpr(size=9, i=True, color=MUTED))
        restyle("TOCHeading", '<w:keepNext/><w:pageBreakBefore/>'
                              '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
                              f'<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="{ACCENT}"/></w:pBdr>'
                              '<w:spacing w:before="0" w:after="240"/><w:outlineLvl w:val="9"/>',
                _rpr(size=17, b=True, color=ACCENT, font=FONT))
        restyle("ListBullet", '<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/>'
                              '<w:ind w:left="357" w:hanging="357"/>')
        # TOC entry styles carry Word's built-in names ("toc 1"), so Word uses them when it updates.
        right = _tw(D.PORTRAIT_WIDTH)
        new_styles = [
            _style_xml("TOC1", "toc 1", next_style="Normal",
                       ppr=f'<w:tabs><w:tab w:val="left" w:pos="567"/><w:tab w:val="right" w:leader="dot" '
                           f'w:pos="{right}"/></w:tabs><w:spacing w:before="120" w:after="40"/>'
                           '<w:ind w:left="567" w:hanging="567"/>',
                       rpr=_rpr(b=True, color=ACCENT), extra='<w:uiPriority w:val="39"/>', custom=False),
            _style_xml("TOC2", "toc 2", next_style="Normal",
                       ppr=f'<w:tabs><w:tab w:val="left" w:pos="1247"/><w:tab w:val="right" w:leader="dot" '
                           f'w:pos="{right}"/></w:tabs><w:spacing w:before="0" w:after="30"/>'
                           '<w:ind w:left="1247" w:hanging="680"/>',
                       rpr=_rpr(size=10), extra='<w:uiPriority w:val="39"/>', custom=False),
            _style_xml("CrmTable", "crmreq table text",
                       ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
                       rpr=_rpr(size=9)),
            _style_xml("CrmTableSmall", "crmreq table small",
                       ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
                       rpr=_rpr(size=8)),
            _style_xml("CrmTableHead", "crmreq table header", based_on="CrmTable",
                       ppr='<w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
                       rpr=_rpr(size=9, b=True, color="FFFFFF")),
            _style_xml("CrmLead", "crmreq lead", ppr='<w:keepNext/><w:spacing w:after="120"/>',
                       rpr=_rpr(i=True, color=MUTED)),
            _style_xml("CrmLabel", "crmreq label", next_style="Normal",
                       ppr='<w:keepNext/><w:spacing w:before="200" w:after="60"/>', rpr=_rpr(color=ACCENT)),
            _style_xml("CrmNote", "crmreq note", ppr='<w:keepNext/><w:spacing w:before="60" w:after="120"/>',
                       rpr=_rpr(size=8.5, i=True, color=MUTED)),
        ]
        for xml in new_styles:
            styles.append(self.parse(xml))

    def _setup_numbering(self):
        from docx.oxml.ns import qn

        numbering = self.doc.part.numbering_part.element
        levels = []
        indents = ((0, 567), (1, 794), (2, 1021))
        texts = ("%1", "%1.%2", "%1.%2.%3")
        styles = ("Heading1", "Heading2", "Heading3")
        for (lvl, ind), text, style in zip(indents, texts, styles):
            levels.append(
                f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                f'<w:pStyle w:val="{style}"/><w:suff w:val="tab"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{ind}"/></w:tabs>'
                f'<w:ind w:left="{ind}" w:hanging="{ind}"/></w:pPr></w:lvl>')
        abstract = self.parse(
            f'<w:abstractNum {NSDECL} w:abstractNumId="{HEADING_NUM_ID}"><w:multiLevelType w:val="multilevel"/>'
            + "".join(levels) + "</w:abstractNum>")
        num = self.parse(f'<w:num {NSDECL} w:numId="{HEADING_NUM_ID}"><w:abstractNumId w:val="{HEADING_NUM_ID}"/>'
                         "</w:num>")
        abstracts = numbering.findall(qn("w:abstractNum"))
        if abstracts:
            abstracts[-1].addnext(abstract)
        else:
            numbering.insert(0, abstract)
        numbering.append(num)

    def _setup_settings(self):
        from docx.oxml.ns import qn

        settings = self.doc.settings.element
        update = self.parse(f'<w:updateFields {NSDECL} w:val="true"/>')
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(update)
        else:
            settings.append(update)
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:val"), "fr-FR" if self.lang == "fr" else "en-GB")

    def _core_properties(self):
        project = self.spec.project
        props = self.doc.core_properties
        date = project.date if project and project.date else _dt.date(2000, 1, 1)
        stamp = _dt.datetime(date.year, date.month, date.day, 0, 0, 0)
        props.title = self.outline.title[:255]
        props.subject = L.text(self.lang)["doc_subtitle"]
        authors = "; ".join(project.authors) if project and project.authors else (self.outline.company or "")
        props.author = clean_text(authors)[:255]
        props.last_modified_by = "crmreq"
        props.keywords = "CRM; cahier des charges" if self.lang == "fr" else "CRM; requirements; RFP"
        props.category = L.text(self.lang)["doc_title"]
        props.comments = L.text(self.lang)["generated"]
        props.language = "fr-FR" if self.lang == "fr" else "en-GB"
        props.version = clean_text(project.version if project and project.version else "")[:255]
        props.revision = 1
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp

    # -- blocks -----------------------------------------------------------------------
    def _block(self, block):
        if isinstance(block, D.Cover):
            self._cover(block)
        elif isinstance(block, D.Toc):
            self._toc(block)
        elif isinstance(block, D.Heading):
            self._heading(block)
        elif isinstance(block, D.Para):
            self._para(block)
        elif isinstance(block, D.Bullets):
            self._bullets(block)
        elif isinstance(block, D.Table):
            self._table(block)
        elif isinstance(block, D.Figure):
            self._figure(block)
        elif isinstance(block, D.SectionBreak):
            self._section_break(block)

    def _cover(self, c: D.Cover):
        parts = []
        parts.append(_p(_run(c.company.upper() if c.company else "", b=True, color=ACCENT, size=14),
                        before=600, after=2200))
        parts.append(_p(_run(c.title, b=True, color=ACCENT, size=32), style="Title", after=120))
        parts.append(_p(_run(c.subtitle), style="Subtitle", after=480))
        if c.project:
            parts.append(_p(_run(c.project, b=True, size=22, color="262626"), after=600,
                            borders=f'<w:pBdr><w:left w:val="single" w:sz="36" w:space="10" w:color="{ACCENT_2}"/>'
                                    "</w:pBdr>", ind_left=230))
        # metadata as a two-column borderless table
        rows = []
        for label, value in c.meta:
            rows.append(
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                f'<w:tc><w:tcPr><w:tcW w:w="{_tw(4.5)}" w:type="dxa"/></w:tcPr>'
                f'{_p(_run(label, b=True, color=MUTED, size=10), style="CrmTable", before=40, after=40)}</w:tc>'
                f'<w:tc><w:tcPr><w:tcW w:w="{_tw(12.5)}" w:type="dxa"/></w:tcPr>'
                f'{_p(_run(value, size=10), style="CrmTable", before=40, after=40)}</w:tc></w:tr>')
        if rows:
            parts.append(
                f'<w:tbl><w:tblPr><w:tblW w:w="{_tw(17.0)}" w:type="dxa"/>'
                f'<w:tblBorders><w:top w:val="single" w:sz="4" w:color="{BORDER}"/>'
                f'<w:bottom w:val="single" w:sz="4" w:color="{BORDER}"/>'
                f'<w:insideH w:val="single" w:sz="4" w:color="{BORDER}"/></w:tblBorders>'
                '<w:tblLayout w:type="fixed"/>'
                '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
                '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
                f'<w:tblGrid><w:gridCol w:w="{_tw(4.5)}"/><w:gridCol w:w="{_tw(12.5)}"/></w:tblGrid>'
                + "".join(rows) + "</w:tbl>")
        if c.confidentiality:
            box = ('<w:pBdr><w:top w:val="single" w:sz="6" w:space="6" w:color="C00000"/>'
                   '<w:left w:val="single" w:sz="6" w:space="6" w:color="C00000"/>'
                   '<w:bottom w:val="single" w:sz="6" w:space="6" w:color="C00000"/>'
                   '<w:right w:val="single" w:sz="6" w:space="6" w:color="C00000"/></w:pBdr>')
            parts.append(_p(_run(c.confidentiality, b=True, color="C00000", size=10), borders=box,
                            before=1400, after=240, jc="center"))
        parts.append(_p(_run(c.note, i=True, color=MUTED, size=8), before=120, after=0, jc="center"))
        self._append("".join(parts))

    def _toc(self, block: D.Toc):
        self._append(_p(_run(block.title), style="TOCHeading"))
        # placeholder paragraph, replaced by the pre-filled field once the headings are known
        self.toc_anchor = self._append(_p(_run("TOC")))[0]

    def _heading(self, h: D.Heading):
        style = f"Heading{h.level}"
        anchor = f"_Toc{len(self.bookmarks) + 1:08d}"
        self.bookmarks.append((h, anchor))
        bid = len(self.bookmarks)
        extra = {}
        if not h.numbered:
            extra = dict(numoff=True, ind_left=0, hanging=0)
        if h.key == "annex":
            extra["page_break"] = False
        runs = (f'<w:bookmarkStart w:id="{bid}" w:name="{anchor}"/>' + _run(h.text)
                + f'<w:bookmarkEnd w:id="{bid}"/>')
        self._append(_p(runs, style=style, **extra))

    def _para(self, p: D.Para):
        runs = "".join(_span(s) for s in p.spans)
        style = {"lead": "CrmLead", "label": "CrmLabel", "note": "CrmNote"}.get(p.style)
        self._append(_p(runs, style=style, keep_next=p.style == "keep"))

    def _bullets(self, b: D.Bullets):
        out = []
        for n, item in enumerate(b.items, 1):
            runs = "".join(_span(s) for s in item)
            if b.ordered:
                out.append(_p(_run(f"{n}.\t", b=True, color=ACCENT) + runs, tabs=[("left", 357, None)],
                              ind_left=357, hanging=357, after=60))
            else:
                out.append(_p(runs, style="ListBullet"))
        self._append("".join(out))

    def _cell(self, cell, width: int, style: str, fill: str | None, align: str, size=None, bold=False) -> str:
        jc = {"r": "right", "c": "center"}.get(align)
        paras = []
        for paragraph in cell:
            runs = "".join(_run(s.text, b=s.b or bold, i=s.i, color=TONES.get(s.tone), size=size)
                           for s in paragraph if s.text)
            paras.append(_p(runs, style=style, jc=jc))
        shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>'
                + ("".join(paras) or _p("", style=style)) + "</w:tc>")

    def _table(self, t: D.Table):
        widths = [_tw(w) for w in t.widths]
        total = sum(widths)
        style = "CrmTableSmall" if t.small else "CrmTable"
        align = list(t.align) + ["l"] * (len(widths) - len(t.align))
        border = f'w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"'
        xml = [
            f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/>'
            f'<w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/>'
            f'<w:insideH {border}/><w:insideV {border}/></w:tblBorders>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            'w:noHBand="0" w:noVBand="1"/></w:tblPr>',
            "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>",
        ]
        if t.headers:
            cells = "".join(self._cell(((D.Span(h),),), w, "CrmTableHead", HEAD_FILL, a)
                            for h, w, a in zip(t.headers, widths, align))
            xml.append(f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{cells}</w:tr>')
        for n, row in enumerate(t.rows):
            if t.kind == "keyvalue":
                fills = [KEY_FILL, None]
            elif row.total:
                fills = [TOTAL_FILL] * len(widths)
            else:
                fills = [ZEBRA_FILL if n % 2 else None] * len(widths)
            cells = "".join(self._cell(cell, w, style, fill, a)
                            for cell, w, fill, a in zip(row.cells, widths, fills, align))
            # short rows stay whole on a page; long ones may break rather than leave a gap
            size = sum(len(s.text) for cell in row.cells for p in cell for s in p)
            props = "<w:trPr><w:cantSplit/></w:trPr>" if size < 500 else ""
            xml.append(f"<w:tr>{props}{cells}</w:tr>")
        xml.append("</w:tbl>")
        # a small gap after each table (tables cannot carry spacing themselves)
        xml.append(_p(_run("", size=5), after=80, line=200, extra='<w:rPr><w:sz w:val="10"/></w:rPr>'))
        self._append("".join(xml))

    def _figure(self, f: D.Figure):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        from .gantt_chart import gantt_png
        from .systems_chart import systems_png

        png = systems_png(self.spec, self.lang) if f.kind == "systems" else gantt_png(self.spec, self.lang)
        if png is None:
            return
        width = min(16.0, self.text_width - 0.5)
        self.doc.add_picture(io.BytesIO(png), width=Cm(width))
        paragraph = self.doc.paragraphs[-1]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Cm(0.2)
        paragraph.paragraph_format.space_after = Cm(0)
        t = L.text(self.lang)
        rpr = _rpr(size=9, i=True, color=MUTED)
        caption = (_run(f"{t['figure']} ") + _field("SEQ Figure \\* ARABIC", str(f.number), rpr)
                   + _run(f" – {f.caption}"))
        # the legend is drawn inside the picture; `f.note` serves the Markdown export
        self._append(_p(caption, style="Caption"))

    def _section_break(self, block: D.SectionBreak):
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Cm

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        if block.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
            self.text_width = D.LANDSCAPE_WIDTH
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
            self.text_width = D.PORTRAIT_WIDTH
        section.left_margin = section.right_margin = Cm(2.0)
        self._header_footer(section, self.text_width)

    # -- table of contents ------------------------------------------------------------
    def _fill_toc(self):
        if self.toc_anchor is None:
            return
        entries = [(h, a) for h, a in self.bookmarks if h.level <= 2]
        paragraphs = []
        for n, (h, anchor) in enumerate(entries):
            style = "TOC1" if h.level == 1 else "TOC2"
            begin = ""
            if n == 0:
                begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                         '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
                         '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
            number = f"{h.number}\t" if h.number else ""
            link = (f'<w:hyperlink w:anchor="{anchor}" w:history="1">'
                    + _run(number + h.text + "\t") + _field(f"PAGEREF {anchor} \\h", "") + "</w:hyperlink>")
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if n == len(entries) - 1 else ""
            extra = {}
            if not h.number:
                extra = dict(ind_left=0, hanging=0)
            paragraphs.append(_p(begin + link + end, style=style, **extra))
        holder = self.parse(f"<w:body {NSDECL}>{''.join(paragraphs)}</w:body>")
        anchor = self.toc_anchor
        for child in list(holder):
            anchor.addprevious(child)
        anchor.getparent().remove(anchor)
        self.toc_anchor = None


def _normalise_zip(data: bytes, stamp: tuple) -> bytes:
    """Re-write the package with fixed entry timestamps and attributes: byte-for-byte stable."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
