"""The Word cahier des charges (`crmreq export docx`): the outline of `document` laid out with python-docx.

A4, a cover page, a table of contents (the headings, page numbers through PAGEREF fields that
Word refreshes on opening and LibreOffice computes), headings numbered by Word itself (`word_styles`),
tables with repeated header rows and fixed column widths, the two diagrams as images, the
functional matrix as a landscape annex, and a running header "[Company] – [Project] –
[confidentiality]" with page numbers in the footer.

Blocks are written as WordprocessingML text (`wordml`) and parsed once each: 2,000 features
export in about two seconds. Core properties take the spec's date and the package is re-zipped
with fixed entry dates (`reproducible_zip`), so the same spec gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Cm

from . import document_blocks as B
from . import labels as L
from .document import outline
from .gantt_chart import gantt_png
from .reproducible_zip import reproducible_zip
from .sanitize import clean_text
from .systems_chart import systems_png
from .word_styles import set_up_heading_numbering, set_up_settings, set_up_styles
from .wordml import (ACCENT, ACCENT_2, BORDER, MUTED, NSDECL, TONES, W_NS, field, paragraph, run, run_props,
                     span_run, twips)

HEAD_FILL = "1F4E79"         # table header row
ZEBRA_FILL = "F2F6FA"        # every other row
TOTAL_FILL = "DDEBF7"        # total rows
KEY_FILL = "EEF3F8"          # the key column of a key/value table
_TBL = f"{{{W_NS}}}tbl"
_TR = f"{{{W_NS}}}tr"


def write_docx(spec, path, options=None) -> None:
    """Write the DOCX cahier des charges of `spec` to `path` (one file)."""
    options = options or {}
    lang = options.get("lang") or spec.lang
    Path(path).write_bytes(build_docx(spec, lang))


def build_docx(spec, lang: str | None = None) -> bytes:
    return _Writer(spec, outline(spec, lang)).render()


class _Writer:
    def __init__(self, spec, document: B.Outline):
        self.spec = spec
        self.outline = document
        self.lang = document.lang
        self.doc = Document()
        self.body = self.doc.element.body
        self.text_width = B.PORTRAIT_WIDTH
        self.bookmarks: list[tuple[B.Heading, str]] = []
        self.toc_anchor = None

    # -- output -----------------------------------------------------------------------
    def render(self) -> bytes:
        self._setup_page()
        set_up_styles(self.doc, self.lang)
        set_up_heading_numbering(self.doc)
        set_up_settings(self.doc, self.lang)
        self._core_properties()
        for block in self.outline.blocks:
            self._block(block)
        self._fill_toc()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return reproducible_zip(buffer.getvalue(), self._stamp())

    def _stamp(self) -> tuple:
        date = self.spec.project.date if self.spec.project and self.spec.project.date else None
        if date is None:
            return (1980, 1, 1, 0, 0, 0)
        return (date.year, date.month, date.day, 0, 0, 0)

    def _append(self, xml: str) -> list:
        """Parse WordprocessingML (one or more body elements) and append it before the sectPr."""
        holder = parse_xml(f"<w:body {NSDECL}>{xml}</w:body>")
        sect = self.body.sectPr
        children = list(holder)
        for child in children:
            # lxml moves a large subtree between documents in quadratic time: a table's rows
            # are moved one by one instead (2,000 features: 1.9 s in all, 21 s otherwise).
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
        self._header_footer(section, B.PORTRAIT_WIDTH)

    def _header_footer(self, section, width_cm: float):
        o = self.outline
        right = twips(width_cm)
        border_b = (f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{BORDER}"/></w:pBdr>')
        border_t = (f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="{BORDER}"/></w:pBdr>')
        header = section.header
        header.is_linked_to_previous = False
        hdr = header.part.element
        for child in list(hdr):
            hdr.remove(child)
        head_xml = paragraph(run(o.running, color=MUTED, size=8), borders=border_b, after=0)
        for child in parse_xml(f"<w:hdr {NSDECL}>{head_xml}</w:hdr>"):
            hdr.append(child)

        footer = section.footer
        footer.is_linked_to_previous = False
        ftr = footer.part.element
        for child in list(ftr):
            ftr.remove(child)
        t = L.text(self.lang)
        rpr = run_props(size=8, color=MUTED)
        page = (run(o.footer, color=MUTED, size=8) + run("\t", size=8)
                + run(f"{t['page']} ", color=MUTED, size=8) + field("PAGE", "1", rpr)
                + run(f" {t['page_of']} ", color=MUTED, size=8)
                + field("NUMPAGES", "1", rpr))
        foot_xml = paragraph(page, borders=border_t, tabs=[("right", right, None)], before=0, after=0)
        for child in parse_xml(f"<w:ftr {NSDECL}>{foot_xml}</w:ftr>"):
            ftr.append(child)

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
        if isinstance(block, B.Cover):
            self._cover(block)
        elif isinstance(block, B.Toc):
            self._toc(block)
        elif isinstance(block, B.Heading):
            self._heading(block)
        elif isinstance(block, B.Para):
            self._para(block)
        elif isinstance(block, B.Bullets):
            self._bullets(block)
        elif isinstance(block, B.Table):
            self._table(block)
        elif isinstance(block, B.Figure):
            self._figure(block)
        elif isinstance(block, B.SectionBreak):
            self._section_break(block)

    def _cover(self, c: B.Cover):
        parts = []
        parts.append(paragraph(run(c.company.upper() if c.company else "", b=True, color=ACCENT, size=14),
                               before=600, after=2200))
        parts.append(paragraph(run(c.title, b=True, color=ACCENT, size=32), style="Title", after=120))
        parts.append(paragraph(run(c.subtitle), style="Subtitle", after=480))
        if c.project:
            parts.append(paragraph(run(c.project, b=True, size=22, color="262626"), after=600,
                                   borders=f'<w:pBdr><w:left w:val="single" w:sz="36" w:space="10" '
                                   f'w:color="{ACCENT_2}"/></w:pBdr>', ind_left=230))
        # metadata as a two-column borderless table
        rows = []
        for label, value in c.meta:
            rows.append(
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                f'<w:tc><w:tcPr><w:tcW w:w="{twips(4.5)}" w:type="dxa"/></w:tcPr>'
                f'{paragraph(run(label, b=True, color=MUTED, size=10), style="CrmTable", before=40, after=40)}</w:tc>'
                f'<w:tc><w:tcPr><w:tcW w:w="{twips(12.5)}" w:type="dxa"/></w:tcPr>'
                f'{paragraph(run(value, size=10), style="CrmTable", before=40, after=40)}</w:tc></w:tr>')
        if rows:
            parts.append(
                f'<w:tbl><w:tblPr><w:tblW w:w="{twips(17.0)}" w:type="dxa"/>'
                f'<w:tblBorders><w:top w:val="single" w:sz="4" w:color="{BORDER}"/>'
                f'<w:bottom w:val="single" w:sz="4" w:color="{BORDER}"/>'
                f'<w:insideH w:val="single" w:sz="4" w:color="{BORDER}"/></w:tblBorders>'
                '<w:tblLayout w:type="fixed"/>'
                '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
                '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
                f'<w:tblGrid><w:gridCol w:w="{twips(4.5)}"/><w:gridCol w:w="{twips(12.5)}"/></w:tblGrid>'
                + "".join(rows) + "</w:tbl>")
        if c.confidentiality:
            box = ('<w:pBdr><w:top w:val="single" w:sz="6" w:space="6" w:color="C00000"/>'
                   '<w:left w:val="single" w:sz="6" w:space="6" w:color="C00000"/>'
                   '<w:bottom w:val="single" w:sz="6" w:space="6" w:color="C00000"/>'
                   '<w:right w:val="single" w:sz="6" w:space="6" w:color="C00000"/></w:pBdr>')
            parts.append(paragraph(run(c.confidentiality, b=True, color="C00000", size=10), borders=box,
                                   before=1400, after=240, jc="center"))
        parts.append(paragraph(run(c.note, i=True, color=MUTED, size=8), before=120, after=0, jc="center"))
        self._append("".join(parts))

    def _toc(self, block: B.Toc):
        self._append(paragraph(run(block.title), style="TOCHeading"))
        # placeholder paragraph, replaced by the pre-filled field once the headings are known
        self.toc_anchor = self._append(paragraph(run("TOC")))[0]

    def _heading(self, h: B.Heading):
        style = f"Heading{h.level}"
        anchor = f"_Toc{len(self.bookmarks) + 1:08d}"
        self.bookmarks.append((h, anchor))
        bid = len(self.bookmarks)
        extra = {}
        if not h.numbered:
            extra = dict(numoff=True, ind_left=0, hanging=0)
        if h.key == "annex":
            extra["page_break"] = False
        runs = (f'<w:bookmarkStart w:id="{bid}" w:name="{anchor}"/>' + run(h.text)
                + f'<w:bookmarkEnd w:id="{bid}"/>')
        self._append(paragraph(runs, style=style, **extra))

    def _para(self, p: B.Para):
        runs = "".join(span_run(s) for s in p.spans)
        style = {"lead": "CrmLead", "label": "CrmLabel", "note": "CrmNote"}.get(p.style)
        self._append(paragraph(runs, style=style, keep_next=p.style == "keep"))

    def _bullets(self, b: B.Bullets):
        out = []
        for n, item in enumerate(b.items, 1):
            runs = "".join(span_run(s) for s in item)
            if b.ordered:
                out.append(paragraph(run(f"{n}.\t", b=True, color=ACCENT) + runs, tabs=[("left", 357, None)],
                                     ind_left=357, hanging=357, after=60))
            else:
                out.append(paragraph(runs, style="ListBullet"))
        self._append("".join(out))

    def _cell(self, cell, width: int, style: str, fill: str | None, align: str, size=None, bold=False) -> str:
        jc = {"r": "right", "c": "center"}.get(align)
        paras = []
        for spans in cell:
            runs = "".join(run(s.text, b=s.b or bold, i=s.i, color=TONES.get(s.tone), size=size, nobreak=s.code)
                           for s in spans if s.text)
            paras.append(paragraph(runs, style=style, jc=jc))
        shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>'
                + ("".join(paras) or paragraph("", style=style)) + "</w:tc>")

    def _table(self, t: B.Table):
        widths = [twips(w) for w in t.widths]
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
            cells = "".join(self._cell(((B.Span(h),),), w, "CrmTableHead", HEAD_FILL, a)
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
        xml.append(paragraph(run("", size=5), after=80, line=200, extra='<w:rPr><w:sz w:val="10"/></w:rPr>'))
        self._append("".join(xml))

    def _figure(self, f: B.Figure):
        png = systems_png(self.spec, self.lang) if f.kind == "systems" else gantt_png(self.spec, self.lang)
        if png is None:
            return
        width = min(16.0, self.text_width - 0.5)
        self.doc.add_picture(io.BytesIO(png), width=Cm(width))
        picture = self.doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        picture.paragraph_format.space_before = Cm(0.2)
        picture.paragraph_format.space_after = Cm(0)
        t = L.text(self.lang)
        rpr = run_props(size=9, i=True, color=MUTED)
        caption = (run(f"{t['figure']} ") + field("SEQ Figure \\* ARABIC", str(f.number), rpr)
                   + run(f" – {f.caption}"))
        # the legend is drawn inside the picture; `f.note` serves the Markdown export
        self._append(paragraph(caption, style="Caption"))

    def _section_break(self, block: B.SectionBreak):
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        if block.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
            self.text_width = B.LANDSCAPE_WIDTH
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
            self.text_width = B.PORTRAIT_WIDTH
        section.left_margin = section.right_margin = Cm(2.0)
        self._header_footer(section, self.text_width)

    # -- table of contents ------------------------------------------------------------
    def _fill_toc(self):
        """The table of contents: one entry per heading (levels 1 and 2), a link to its bookmark
        and its page number as a PAGEREF field, in a content control Word knows as a table of
        contents. No TOC field around them: LibreOffice shows a TOC field's cached text, which
        has no page numbers, whereas it computes a PAGEREF itself; Word updates the PAGEREF
        fields on opening (`w:updateFields`)."""
        if self.toc_anchor is None:
            return
        paragraphs = []
        for h, anchor in self.bookmarks:
            if h.level > 2:
                continue
            number = f"{h.number}\t" if h.number else ""
            link = (f'<w:hyperlink w:anchor="{anchor}" w:history="1">'
                    + run(number + h.text + "\t") + field(f"PAGEREF {anchor} \\h", "") + "</w:hyperlink>")
            extra = {} if h.number else dict(ind_left=0, hanging=0)
            paragraphs.append(paragraph(link, style="TOC1" if h.level == 1 else "TOC2", **extra))
        control = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
                   '</w:docPartObj></w:sdtPr><w:sdtContent>' + "".join(paragraphs) + "</w:sdtContent></w:sdt>")
        holder = parse_xml(f"<w:body {NSDECL}>{control}</w:body>")
        anchor = self.toc_anchor
        for child in list(holder):
            anchor.addprevious(child)
        anchor.getparent().remove(anchor)
        self.toc_anchor = None
