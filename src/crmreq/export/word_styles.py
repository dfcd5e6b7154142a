"""The Word document's style sheet, heading numbering and settings, set on python-docx's default template.

Kept apart from the writer: this is the look (fonts, colours, spacing, numbering), the same for
every spec; the writer only says which style each paragraph takes.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import qn

from .document_blocks import PORTRAIT_WIDTH
from .wordml import ACCENT, ACCENT_2, FONT, MUTED, NSDECL, run_props, style, twips

HEADING_NUM_ID = 20          # w:num / w:abstractNum ids for the heading numbering


def set_up_styles(doc, lang: str) -> None:
    """Document defaults (Calibri 10.5 pt, the document's language), the built-in styles restyled,
    crmreq's own styles for tables, leads, labels and notes."""
    styles = doc.styles.element
    lang_code = "fr-FR" if lang == "fr" else "en-GB"
    # Document defaults: Calibri 10.5 pt, the document language for spelling and hyphenation.
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = parse_xml(
        f'<w:rPrDefault {NSDECL}><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" '
        f'w:cs="{FONT}"/><w:sz w:val="21"/><w:szCs w:val="21"/>'
        f'<w:lang w:val="{lang_code}" w:eastAsia="{lang_code}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>')
    ppr_default = parse_xml(
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
            el.append(parse_xml(f"<w:pPr {NSDECL}>{ppr}</w:pPr>"))
        if rpr:
            el.append(parse_xml(f"<w:rPr {NSDECL}>{rpr}</w:rPr>"))

    def num(level: int) -> str:
        return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{HEADING_NUM_ID}"/></w:numPr>'

    restyle("Heading1",
            "<w:keepNext/><w:keepLines/><w:pageBreakBefore/>" + num(0) +
            f'<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="{ACCENT}"/></w:pBdr>'
            '<w:spacing w:before="0" w:after="240" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="0"/>',
            run_props(size=17, b=True, color=ACCENT, font=FONT))
    restyle("Heading2",
            "<w:keepNext/><w:keepLines/>" + num(1) +
            '<w:spacing w:before="320" w:after="120" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="1"/>',
            run_props(size=13, b=True, color=ACCENT, font=FONT))
    restyle("Heading3",
            "<w:keepNext/><w:keepLines/>" + num(2) +
            '<w:spacing w:before="220" w:after="80" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="2"/>',
            run_props(size=11, b=True, color=ACCENT_2, font=FONT))
    restyle("Title", '<w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/>',
            run_props(size=30, b=True, color=ACCENT, font=FONT))
    restyle("Subtitle", '<w:spacing w:before="0" w:after="360"/>', run_props(size=13, color=MUTED, font=FONT))
    restyle("Caption", '<w:keepLines/><w:spacing w:before="60" w:after="240"/><w:jc w:val="center"/>',
            run_props(size=9, i=True, color=MUTED))
    restyle("TOCHeading", '<w:keepNext/><w:pageBreakBefore/>'
                     '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
                     f'<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="{ACCENT}"/></w:pBdr>'
                     '<w:spacing w:before="0" w:after="240"/><w:outlineLvl w:val="9"/>',
            run_props(size=17, b=True, color=ACCENT, font=FONT))
    restyle("ListBullet", '<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/>'
                     '<w:ind w:left="357" w:hanging="357"/>')
    # TOC entry styles carry Word's built-in names ("toc 1"), so Word uses them when it updates.
    right = twips(PORTRAIT_WIDTH)
    new_styles = [
        style("TOC1", "toc 1", next_style="Normal",
              ppr=f'<w:tabs><w:tab w:val="left" w:pos="567"/><w:tab w:val="right" w:leader="dot" '
                  f'w:pos="{right}"/></w:tabs><w:spacing w:before="120" w:after="40"/>'
                  '<w:ind w:left="567" w:hanging="567"/>',
              rpr=run_props(b=True, color=ACCENT), extra='<w:uiPriority w:val="39"/>', custom=False),
        style("TOC2", "toc 2", next_style="Normal",
              ppr=f'<w:tabs><w:tab w:val="left" w:pos="1247"/><w:tab w:val="right" w:leader="dot" '
                  f'w:pos="{right}"/></w:tabs><w:spacing w:before="0" w:after="30"/>'
                  '<w:ind w:left="1247" w:hanging="680"/>',
              rpr=run_props(size=10), extra='<w:uiPriority w:val="39"/>', custom=False),
        style("CrmTable", "crmreq table text",
              ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
              rpr=run_props(size=9)),
        style("CrmTableSmall", "crmreq table small",
              ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
              rpr=run_props(size=8)),
        style("CrmTableHead", "crmreq table header", based_on="CrmTable",
              ppr='<w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
              rpr=run_props(size=9, b=True, color="FFFFFF")),
        style("CrmLead", "crmreq lead", ppr='<w:keepNext/><w:spacing w:after="120"/>',
              rpr=run_props(i=True, color=MUTED)),
        style("CrmLabel", "crmreq label", next_style="Normal",
              ppr='<w:keepNext/><w:spacing w:before="200" w:after="60"/>', rpr=run_props(color=ACCENT)),
        style("CrmNote", "crmreq note", ppr='<w:keepNext/><w:spacing w:before="60" w:after="120"/>',
              rpr=run_props(size=8.5, i=True, color=MUTED)),
    ]
    for xml in new_styles:
        styles.append(parse_xml(xml))


def set_up_heading_numbering(doc) -> None:
    """Headings numbered by Word itself (1, 1.1, 1.1.1): a multilevel list bound to Heading 1 to 3."""
    numbering = doc.part.numbering_part.element
    levels = []
    indents = ((0, 567), (1, 794), (2, 1021))
    texts = ("%1", "%1.%2", "%1.%2.%3")
    heading_styles = ("Heading1", "Heading2", "Heading3")
    for (lvl, ind), text, style_id in zip(indents, texts, heading_styles):
        levels.append(
            f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:pStyle w:val="{style_id}"/><w:suff w:val="tab"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{ind}"/></w:tabs>'
            f'<w:ind w:left="{ind}" w:hanging="{ind}"/></w:pPr></w:lvl>')
    abstract = parse_xml(
        f'<w:abstractNum {NSDECL} w:abstractNumId="{HEADING_NUM_ID}"><w:multiLevelType w:val="multilevel"/>'
        + "".join(levels) + "</w:abstractNum>")
    num = parse_xml(f'<w:num {NSDECL} w:numId="{HEADING_NUM_ID}"><w:abstractNumId w:val="{HEADING_NUM_ID}"/>'
                "</w:num>")
    abstracts = numbering.findall(qn("w:abstractNum"))
    if abstracts:
        abstracts[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    numbering.append(num)


def set_up_settings(doc, lang: str) -> None:
    """Word refreshes the fields (table of contents, page numbers) on opening; theme fonts in `lang`."""
    settings = doc.settings.element
    update = parse_xml(f'<w:updateFields {NSDECL} w:val="true"/>')
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(update)
    else:
        settings.append(update)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "fr-FR" if lang == "fr" else "en-GB")
