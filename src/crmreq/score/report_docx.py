"""The « Rapport d'analyse des offres » / "Bid analysis report" as a Word document (`--format docx`).

In the result's language: the method, the ranking with its robustness and the chart of weighted
marks, the marks per criterion, the eliminated offers and why, each offer's strengths and gaps on
the must-haves, the coverage per section and module, and the checks on the response files. The
content comes from `report_content` (the same as the Markdown report); the look is the cahier des
charges' (`export.word_styles`, `export.wordml`). Dates are fixed and the package re-zipped with
fixed entry dates, so the same result gives the same bytes; the file is written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Cm

from ..export import typography as T
from ..export.document_blocks import PORTRAIT_WIDTH
from ..export.reproducible_zip import reproducible_zip
from ..export.sanitize import clean_text
from ..export.word_styles import set_up_heading_numbering, set_up_settings, set_up_styles
from ..export.wordml import BORDER, MUTED, NSDECL, TONES, field, paragraph, run, run_props, twips
from ..io import atomic_path
from .chart import weighted_marks_png
from .model import ScoreResult
from .report_content import (Table, coverage_table, criteria_table, eliminated_offers, findings_table, mark_details, marks_table,
                             method_lines, must_have_reviews, ranking_table, robustness_sentence, text)
from .report_words import lang_of, level_label, words

HEAD_FILL, ZEBRA_FILL, TOTAL_FILL = "1F4E79", "F2F6FA", "DDEBF7"


def write(result: ScoreResult, path) -> None:
    """Write the Word report of `result` to `path`, atomically; same result, same bytes."""
    data = render(result)
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data)


def render(result: ScoreResult) -> bytes:
    return _Report(result).render()


class _Report:
    def __init__(self, result: ScoreResult):
        self.result = result
        self.lang = lang_of(result.lang)
        self.w = words(self.lang)
        self.doc = Document()
        self.body = self.doc.element.body

    def render(self) -> bytes:
        set_up_styles(self.doc, self.lang)
        set_up_heading_numbering(self.doc)
        set_up_settings(self.doc, self.lang)
        self._page()
        self._properties()
        self._title()
        self._method()
        self._ranking()
        self._eliminated()
        self._must_haves()
        self._coverage()
        self._checks()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        stamp = self.result.stamp
        return reproducible_zip(buffer.getvalue(), (stamp.year, stamp.month, stamp.day, 0, 0, 0))

    # -- set-up ----------------------------------------------------------------------------
    def _append(self, xml: str) -> None:
        """Body elements from WordprocessingML text, before the section properties."""
        holder = parse_xml(f"<w:body {NSDECL}>{xml}</w:body>")
        for child in list(holder):
            self.body.sectPr.addprevious(child)

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.0)
        section.header_distance, section.footer_distance = Cm(1.1), Cm(1.0)
        running = clean_text(f"{self.w['title']} – {self.result.spec_name}")
        border = f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{BORDER}"/></w:pBdr>'
        self._replace(section.header.part.element, "hdr",
                      paragraph(run(running, color=MUTED, size=8), borders=border, after=0))
        rpr = run_props(size=8, color=MUTED)
        page = (run(f"{self.w['page_word']} ", color=MUTED, size=8) + field("PAGE", "1", rpr)
                + run(f" {self.w['page_of']} ", color=MUTED, size=8) + field("NUMPAGES", "1", rpr))
        self._replace(section.footer.part.element, "ftr", paragraph(page, jc="right", before=0, after=0))

    @staticmethod
    def _replace(part, tag: str, xml: str) -> None:
        for child in list(part):
            part.remove(child)
        for child in parse_xml(f"<w:{tag} {NSDECL}>{xml}</w:{tag}>"):
            part.append(child)

    def _properties(self) -> None:
        props = self.doc.core_properties
        props.title = clean_text(f"{self.w['title']} – {self.result.spec_name}")[:255]
        props.subject = clean_text(self.result.spec_name)[:255]
        props.author = props.last_modified_by = "crmreq"
        props.comments = self.w["generated"]
        props.language = "fr-FR" if self.lang == "fr" else "en-GB"
        props.keywords = ""
        props.revision = 1
        props.created = props.modified = props.last_printed = self.result.stamp

    # -- blocks ----------------------------------------------------------------------------
    def _heading(self, level: int, value: str) -> None:
        """A numbered heading; chapters do not start a new page in a report this short."""
        chapter = dict(page_break=False, before=360) if level == 1 else {}     # the style has no space before
        self._append(paragraph(run(value), style=f"Heading{level}", **chapter))

    def _para(self, value: str, style: str | None = None, label: str = "", nobreak: bool = False) -> None:
        """A paragraph, after a bold label if any; `nobreak`: a list of ids, never cut at a hyphen."""
        lead = run(T.label(label, self.lang) + " ", b=True) if label else ""
        # a label alone introduces a list or a table: it stays on their page
        self._append(paragraph(lead + run(value, nobreak=nobreak), style=style, keep_next=not value))

    def _bullets(self, items) -> None:
        self._append("".join(paragraph(run(item), style="ListBullet") for item in items))

    def _title(self) -> None:
        self._append(paragraph(run(self.w["title"]), style="Title")
                     + paragraph(run(clean_text(self.result.spec_name)), style="Subtitle", after=120)
                     + paragraph(run(text(self.w["generated"], self.lang), i=True, color=MUTED, size=9), after=240))

    def _method(self) -> None:
        self._heading(1, self.w["method"])
        self._para(text(self.w["method_intro"], self.lang))
        self._bullets(method_lines(self.result))
        self._table(criteria_table(self.result), [4.6, 2.6, 1.4, 2.2, 6.2])

    def _ranking(self) -> None:
        self._heading(1, self.w["ranking"])
        self._table(ranking_table(self.result), [1.8, 7.2, 2.4, 2.6, 3.0])
        self._para(robustness_sentence(self.result), label=self.w["robustness"])
        png = weighted_marks_png(self.result)
        if png is not None:
            self.doc.add_picture(io.BytesIO(png), width=Cm(16.0))
            picture = self.doc.paragraphs[-1]
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True
            self._append(paragraph(run(f"{self.w['chart']} – {text(self.w['chart_caption'], self.lang)}"),
                                   style="Caption"))
        offers = len(self.result.offers)
        self._table(marks_table(self.result), [5.0, 1.4] + self._share(10.6, offers))
        if self.result.offers:
            self._heading(2, self.w["mark_details"])
        for name, lines in mark_details(self.result):
            self._append(paragraph(run(T.label(clean_text(name), self.lang), b=True), keep_next=True))
            self._bullets(lines)

    def _eliminated(self) -> None:
        self._heading(1, self.w["eliminated"])
        eliminated = eliminated_offers(self.result)
        if not eliminated:
            self._para(text(self.w["none_eliminated"], self.lang))
        for name, reasons in eliminated:
            self._append(paragraph(run(T.label(clean_text(name), self.lang), b=True, color=TONES["danger"]),
                                   keep_next=True))
            self._bullets(reasons)

    def _must_haves(self) -> None:
        self._heading(1, self.w["must_haves"])
        musts = sum(1 for r in self.result.requirements if r.priority == "must")
        if not musts:
            self._para(text(self.w["no_must"], self.lang))
            return
        self._para(text(self.w["must_intro"], self.lang), style="CrmLead")
        for review in must_have_reviews(self.result):
            self._heading(2, clean_text(review.offer.name or review.offer.vendor))
            counts = ", ".join(f"{label} {n}" for label, n in review.counts) + "."
            self._para(counts, label=self.w["must_counts"].format(count=musts))
            strengths = ", ".join(review.strengths) + "." if review.strengths else text(self.w["no_strength"],
                                                                                      self.lang)
            self._para(strengths, label=self.w["strengths"], nobreak=bool(review.strengths))
            if not review.gaps:
                self._para(text(self.w["no_gap"], self.lang), label=self.w["gaps"])
                continue
            self._para("", label=self.w["gaps"])
            gaps = Table([self.w["requirement"], self.w["answer"], self.w["comment"]],
                         [list(gap) for gap in review.gaps], ["l", "l", "l"])
            self._table(gaps, [7.4, 3.6, 6.0], ids=True)

    def _coverage(self) -> None:
        self._heading(1, self.w["coverage_title"])
        offers = len(self.result.offers)
        self._table(coverage_table(self.result), [4.4, 2.0] + self._share(10.6, offers))

    def _checks(self) -> None:
        self._heading(1, self.w["checks"])
        checks = findings_table(self.result)
        if checks.rows:
            self._table(checks, [1.6, 5.0, 10.4])
        else:
            self._para(text(self.w["no_checks"], self.lang))

    @staticmethod
    def _share(width: float, columns: int) -> list[float]:
        return [width / columns] * columns if columns else []

    # -- tables ----------------------------------------------------------------------------
    def _table(self, table: Table, widths_cm: list[float], ids: bool = False) -> None:
        """A table as in the cahier des charges: header row repeated, zebra rows, the total row tinted;
        `ids`: the first column starts with an id, never cut at a hyphen."""
        scale = PORTRAIT_WIDTH / sum(widths_cm) if sum(widths_cm) > PORTRAIT_WIDTH else 1.0
        widths = [twips(w * scale) for w in widths_cm]
        align = table.align + ["l"] * (len(widths) - len(table.align))
        border = f'w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"'
        xml = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
               f'<w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/>'
               f'<w:insideH {border}/><w:insideV {border}/></w:tblBorders><w:tblLayout w:type="fixed"/>'
               '<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
               '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>',
               "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
        head = "".join(self._cell(h, w, a, HEAD_FILL, "CrmTableHead") for h, w, a in zip(table.headers, widths, align))
        xml.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>")
        total = self.w["total"]
        for n, row in enumerate(table.rows):
            fill = TOTAL_FILL if row and row[0] == total else (ZEBRA_FILL if n % 2 else None)
            cells = "".join(self._cell(v, w, a, fill, "CrmTable", bold=fill == TOTAL_FILL, nobreak=ids and not n_col)
                            for n_col, (v, w, a) in enumerate(zip(row, widths, align)))
            xml.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
        xml.append("</w:tbl>")
        xml.append(paragraph(run("", size=5), after=80, line=200))
        self._append("".join(xml))

    def _cell(self, value: str, width: int, align: str, fill: str | None, style: str, bold: bool = False,
              nobreak: bool = False) -> str:
        alarm = value in (self.w["eliminated_tag"], level_label("not_supported", self.lang))
        jc = {"r": "right", "c": "center"}.get(align)
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        if nobreak and " – " in value:          # "ID – title": the id whole, the title free to wrap
            ident, rest = value.split(" – ", 1)
            content = run(clean_text(ident), b=bold, nobreak=True) + run(" – " + clean_text(rest), b=bold)
        else:
            content = run(clean_text(value), b=bold or alarm, color=TONES["danger"] if alarm else None)
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
                f"{paragraph(content, style=style, jc=jc)}</w:tc>")

