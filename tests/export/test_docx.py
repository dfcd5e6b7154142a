"""The Word cahier des charges, read back with python-docx (and once with LibreOffice)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from fixtures_docs import FR_FEATURE_IDS, big_spec_text, load_doc_spec

from crmreq.export import typography as T
from crmreq.export.matrix import matrix_rows
from crmreq.export.word import build_docx, write_docx
from crmreq.loader import load_spec

FR_CHAPTERS = ["Contexte", "Objectifs du projet", "Système d’information cible", "Périmètre fonctionnel",
               "Besoins fonctionnels", "Déroulé projet", "Annexe A – Matrice fonctionnelle"]
EN_CHAPTERS = ["Context", "Project objectives", "Target information system", "Functional scope",
               "Functional requirements", "Project plan", "Annex A – Functional matrix"]
NBSP, NNBSP = T.NBSP, T.NNBSP


@pytest.fixture(scope="module")
def fr_docx(tmp_path_factory):
    directory = tmp_path_factory.mktemp("fr")
    spec = load_doc_spec(directory / "spec", "fr")
    path = directory / "out.docx"
    write_docx(spec, path, {"lang": "fr"})
    return spec, path


@pytest.fixture(scope="module")
def fr_doc(fr_docx):
    return Document(str(fr_docx[1]))


def all_text(doc) -> str:
    """Every paragraph of the body, tables, headers and footers."""
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    for section in doc.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


# ----------------------------------------------------------------------------------
# Structure
# ----------------------------------------------------------------------------------

def test_chapters_in_classic_order(fr_doc):
    assert headings(fr_doc, 1) == FR_CHAPTERS


def test_subsections_in_order(fr_doc):
    h2 = headings(fr_doc, 2)
    expected = ["Objet du document", "Historique", "Situation actuelle", "Enjeux et difficultés actuelles",
                "Objectifs SMART", "Équipes concernées", "Intervenants et interlocuteurs",
                "Cartographie cible", "Systèmes", "Objets de données", "Flux à intégrer",
                "Équipes et utilisateurs", "Processus métier",
                "Synthèse des priorités", "Besoins par module", "Exigences non fonctionnelles", "Conformité RGPD",
                "Données à reprendre",
                "Prestations attendues", "Budget", "Planning", "Remise des offres",
                "Critères de choix et pondération", "Démonstrations scénarisées"]
    assert h2 == expected
    # features are grouped by module, in the catalogue's order, plugin modules last
    h3 = headings(fr_doc, 3)
    assert h3[-5:] == ["Comptes et contacts", "Ventes", "Service client et SAV", "Mobilité", "x-btp"]


def test_headings_are_numbered_by_word(fr_doc):
    styles = fr_doc.styles.element
    numbering = fr_doc.part.numbering_part.element
    num_ids = {}
    for level in (1, 2, 3):
        style = styles.find(f'{qn("w:style")}[@{qn("w:styleId")}="Heading{level}"]')
        num_pr = style.find(qn("w:pPr")).find(qn("w:numPr"))
        num_ids[level] = (num_pr.find(qn("w:numId")).get(qn("w:val")), num_pr.find(qn("w:ilvl")).get(qn("w:val")))
    assert {v[0] for v in num_ids.values()} == {"20"}
    assert [num_ids[level][1] for level in (1, 2, 3)] == ["0", "1", "2"]
    abstract = numbering.find(f'{qn("w:abstractNum")}[@{qn("w:abstractNumId")}="20"]')
    texts = [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in abstract.findall(qn("w:lvl"))]
    assert texts == ["%1", "%1.%2", "%1.%2.%3"]
    links = [lvl.find(qn("w:pStyle")).get(qn("w:val")) for lvl in abstract.findall(qn("w:lvl"))]
    assert links == ["Heading1", "Heading2", "Heading3"]
    assert numbering.find(f'{qn("w:num")}[@{qn("w:numId")}="20"]') is not None
    # the annex heading is not numbered
    annex = [p for p in fr_doc.paragraphs if p.text.startswith("Annexe A") and p.style.name == "Heading 1"][0]
    assert annex._p.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val")) == "0"


def toc_paragraphs(doc) -> list:
    """The entries of the table of contents: the paragraphs of its content control."""
    body = doc.element.body
    gallery = [g for g in body.iter(qn("w:docPartGallery")) if g.get(qn("w:val")) == "Table of Contents"]
    assert len(gallery) == 1
    sdt = gallery[0].getparent().getparent().getparent()
    assert sdt.tag == qn("w:sdt")
    return [Paragraph(p, doc._body) for p in sdt.find(qn("w:sdtContent")).findall(qn("w:p"))]


def test_table_of_contents_has_page_numbers_word_and_libreoffice_compute(fr_docx, fr_doc):
    body = fr_doc.element.body
    instr = [t.text for t in body.iter(qn("w:instrText"))]
    # no TOC field: LibreOffice would show its cached text, without page numbers; PAGEREF fields
    # instead, which LibreOffice computes and Word refreshes on opening (updateFields)
    assert not any(t.strip().startswith("TOC") for t in instr)
    toc = toc_paragraphs(fr_doc)
    level1 = [p for p in toc if p.style.name == "toc 1"]
    assert [p.text.split("\t")[1] if "\t" in p.text else p.text for p in level1][:6] == FR_CHAPTERS[:6]
    assert level1[0].text.startswith("1\tContexte")
    assert {p.style.name for p in toc} == {"toc 1", "toc 2"}
    assert sum(1 for t in instr if "PAGEREF _Toc" in t) == len(toc)
    # every TOC link points to a bookmark on a heading
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))}
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert anchors and anchors <= marks
    settings = fr_doc.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    # fields are balanced: as many begins as ends
    kinds = [f.get(qn("w:fldCharType")) for f in body.iter(qn("w:fldChar"))]
    assert kinds.count("begin") == kinds.count("end") == kinds.count("separate")


def test_cover_page(fr_doc):
    first = "\n".join(p.text for p in fr_doc.paragraphs[:8])
    assert "RHÔDIS ÉQUIPEMENTS SAS" in first
    assert "Cahier des charges" in first
    assert "CAP CLIENT 2027" in first
    cover_table = fr_doc.tables[0]
    cells = {row.cells[0].text: row.cells[1].text for row in cover_table.rows}
    assert cells["Version"] == "1.3"
    assert cells["Date"] == f"15{NBSP}novembre 2026"
    assert cells["Confidentialité"] == "Diffusion restreinte"
    assert "Élodie Martin (cheffe de projet)" in cells["Rédaction"]
    # no running header on the cover page
    section = fr_doc.sections[0]
    assert section.different_first_page_header_footer
    assert all(not p.text for p in section.first_page_header.paragraphs)


def test_header_footer_and_page_numbers(fr_doc):
    for section in fr_doc.sections:
        header = "".join(p.text for p in section.header.paragraphs)
        assert header == "Rhôdis Équipements SAS – CAP CLIENT 2027 – Diffusion restreinte"
        footer_xml = section.footer._element.xml
        assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
        assert "version 1.3" in "".join(p.text for p in section.footer.paragraphs)


def test_a4_portrait_then_landscape_annex(fr_doc):
    body, annex = fr_doc.sections[0], fr_doc.sections[-1]
    assert len(fr_doc.sections) == 2
    assert round(body.page_width.cm, 1) == 21.0 and round(body.page_height.cm, 1) == 29.7
    assert round(annex.page_width.cm, 1) == 29.7 and round(annex.page_height.cm, 1) == 21.0
    assert annex.orientation == 1       # WD_ORIENT.LANDSCAPE


def test_tables_repeat_their_header_row_and_fit_the_page(fr_doc):
    tables = fr_doc.tables
    grids = 0
    for n, table in enumerate(tables[1:], 1):          # the cover's metadata table has no header
        tbl = table._tbl
        widths = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
        total_cm = sum(widths) / 566.929
        landscape = n >= len(tables) - 2                  # the annex: scale and matrix
        assert total_cm <= (25.7 if landscape else 17.0) + 0.05
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        first = tbl.tr_lst[0]
        if first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None:
            grids += 1
            assert all(c.paragraphs[0].style.name == "crmreq table header" for c in table.rows[0].cells)
        for tc in first.tc_lst:
            assert tc.tcPr.find(qn("w:tcW")) is not None
    assert grids >= 15
    # the matrix header row repeats on every page
    matrix = tables[-1]._tbl.tr_lst[0]
    assert matrix.trPr.find(qn("w:tblHeader")) is not None


def test_every_feature_is_in_the_document_and_the_annex(fr_docx, fr_doc):
    spec, _ = fr_docx
    text = all_text(fr_doc)
    for fid in FR_FEATURE_IDS:
        assert fid in text
    annex = fr_doc.tables[-1]
    ids = [row.cells[0].text for row in annex.rows[1:]]
    assert ids == [r.id for r in matrix_rows(spec, "fr")]
    assert [c.text for c in annex.rows[0].cells] == ["Id", "Section", "Module", "Exigence", "Description",
                                                      "Équipes", "Priorité", "Phase"]
    # the six-level response scale is explained before the matrix
    scale = fr_doc.tables[-2]
    assert [row.cells[0].text for row in scale.rows[1:]] == [
        "Standard", "Paramétrage", "Module tiers", "Développement spécifique", "Feuille de route", "Non couvert"]


def test_smart_flows_budget_criteria_tables(fr_doc):
    by_header = {tuple(c.text for c in t.rows[0].cells): t for t in fr_doc.tables[1:]}
    smart = by_header[("Objectif", "Indicateur", "Valeur actuelle", "Cible", "Échéance", "Responsable",
                       "Priorité")]
    row = [c.text for c in smart.rows[1].cells]
    assert row[0].startswith("OBJ-1 Réduire le délai")
    assert row[2:4] == ["5 jours", "2 jours"]
    assert row[4] == f"go-live + 6 mois (soit le 1er{NBSP}mars 2028)"
    assert row[5] == "Élodie Martin" and row[6] == "Indispensable"

    flows = by_header[("Flux", "Origine → destination", "Objets (champs)", "Sens, fréquence, mécanisme",
                       "Maître / déclencheur")]
    first = [c.text for c in flows.rows[1].cells]
    assert first == ["FLX-1", "Sage 100 Gestion commerciale ↔ Nouveau CRM",
                     "Comptes clients (raison sociale, SIRET)\nContacts",
                     "Bidirectionnel\nHoraire\nAPI", f"Maître{NBSP}: Sage 100 Gestion commerciale"]
    assert [c.text for c in flows.rows[2].cells][3] == "Sens unique\nQuotidien\nFichier à plat"
    assert [c.text for c in flows.rows[3].cells][4] == \
        f"Déclencheur{NBSP}: Commande validée{NBSP}: création immédiate"

    budget = by_header[("Poste", "Catégorie", "Montant HT", "Récurrence")]
    amounts = [row.cells[2].text for row in budget.rows[1:]]
    assert amounts[0] == f"24{NNBSP}000{NBSP}€"
    assert amounts[1] == f"15{NNBSP}000 à 25{NNBSP}000{NBSP}€"
    assert amounts[-2:] == [f"23{NNBSP}000 à 33{NNBSP}000{NBSP}€", f"26{NNBSP}400{NBSP}€"]

    criteria = by_header[("Critère", "Pondération", "Éliminatoire")]
    assert [row.cells[1].text for row in criteria.rows[1:]] == [f"40{NNBSP}%", f"30{NNBSP}%", f"30{NNBSP}%",
                                                                f"100{NNBSP}%"]


def test_two_diagrams_are_embedded(fr_doc):
    shapes = fr_doc.inline_shapes
    assert len(shapes) == 2
    assert all(14 < s.width.cm <= 16.5 for s in shapes)
    images = [p for p in fr_doc.part.package.iter_parts() if p.partname.endswith(".png")]
    assert len(images) == 2 and all(p.blob.startswith(b"\x89PNG") for p in images)
    captions = [p.text for p in fr_doc.paragraphs if p.style.name == "Caption"]
    assert captions == ["Figure 1 – Systèmes et flux d’information",
                        "Figure 2 – Planning prévisionnel des phases"]


def test_french_typography_and_hygiene(fr_docx, fr_doc):
    text = all_text(fr_doc)
    assert f"Date limite de remise des offres{NBSP}:" in text
    assert f"Le CRM de 2014 a été abandonné{NNBSP}!" in text
    assert f"Aucune vision partagée du client{NNBSP}; historique" in text
    assert f"+6{NNBSP}% par an" in text
    assert f"«{NNBSP}Déroulé projet{NNBSP}»" in text
    assert f"1{NNBSP}250 salariés" in text
    assert f"99,5{NNBSP}%" in text                      # a decimal comma in measures
    assert "elodie.martin@example.fr" in text            # e-mail addresses untouched
    assert "http://example.invalid" in text             # URLs untouched
    # user text is text: no markup injection, control characters removed
    assert "<script>alert(1)</script>" in text
    assert '=HYPERLINK("http://example.invalid","clic")' in text
    xml = zipfile.ZipFile(fr_docx[1]).read("word/document.xml")
    assert b"\x01" not in xml
    # the document language is French (spelling, hyphenation)
    lang = fr_doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "fr-FR"


def test_core_properties_take_the_spec_date(fr_doc):
    props = fr_doc.core_properties
    stamp = dt.datetime(2026, 11, 15, 0, 0)
    assert props.created.replace(tzinfo=None) == stamp
    assert props.modified.replace(tzinfo=None) == stamp
    assert props.last_printed.replace(tzinfo=None) == stamp
    assert props.title == "Cahier des charges – CAP CLIENT 2027"
    assert props.language == "fr-FR"
    assert props.last_modified_by == "crmreq"


def test_deterministic_bytes_and_fixed_zip_timestamps(fr_docx, tmp_path):
    spec, path = fr_docx
    again = tmp_path / "again.docx"
    write_docx(spec, again, {"lang": "fr"})
    assert again.read_bytes() == path.read_bytes()
    with zipfile.ZipFile(path) as z:
        assert {info.date_time for info in z.infolist()} == {(2026, 11, 15, 0, 0, 0)}
        assert z.testzip() is None


def test_english_document(tmp_path):
    spec = load_doc_spec(tmp_path / "spec", "en")
    doc = Document(io.BytesIO(build_docx(spec, "en")))
    assert headings(doc, 1) == EN_CHAPTERS
    text = all_text(doc)
    assert "€12,000" in text
    assert f"1{NBSP}March 2026" in text
    assert "Proposal deadline:" in text and NNBSP not in text
    assert "go-live + 6 months (i.e. 1\u00a0April 2027)" in text
    assert "Acme Consulting Ltd – Services CRM – Confidential" in text
    assert doc.core_properties.language == "en-GB"


def test_language_option_overrides_the_spec(tmp_path):
    spec = load_doc_spec(tmp_path / "spec", "fr")
    doc = Document(io.BytesIO(build_docx(spec, "en")))
    assert headings(doc, 1) == EN_CHAPTERS


def test_missing_sections_keep_their_heading(tmp_path):
    spec = load_doc_spec(tmp_path / "spec", "bare")
    path = tmp_path / "bare.docx"
    write_docx(spec, path, {})
    doc = Document(str(path))
    assert headings(doc, 1) == FR_CHAPTERS
    assert len(headings(doc, 2)) == 24
    missing = [p for p in doc.paragraphs if p.text == "Non renseigné."]
    assert len(missing) >= 20
    assert len(doc.inline_shapes) == 0


def test_a_large_spec_gets_every_row_in_the_annex(tmp_path):
    """Speed is measured by benchmarks/; here, every row of a 600-feature matrix is in the annex."""
    (tmp_path / "crmreq.yaml").write_text(big_spec_text(600), encoding="utf-8")
    spec = load_spec(tmp_path).spec
    assert len(spec.features) == 600
    doc = Document(io.BytesIO(build_docx(spec, "fr")))
    assert len(doc.tables[-1].rows) == 1 + len(matrix_rows(spec, "fr"))
    assert "G-00599" in doc.tables[-1].rows[600].cells[0].text


# ----------------------------------------------------------------------------------
# Typography helpers
# ----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("Note: voir", f"Note{NBSP}: voir"),
    ("Note : voir", f"Note{NBSP}: voir"),
    ("Vraiment?", f"Vraiment{NNBSP}?"),
    ("Attention !", f"Attention{NNBSP}!"),
    ("Quoi ?!", f"Quoi{NNBSP}?!"),
    ("a ; b", f"a{NNBSP}; b"),
    ("30%", f"30{NNBSP}%"),
    ("30 %", f"30{NNBSP}%"),
    ("«bonjour»", f"«{NNBSP}bonjour{NNBSP}»"),
    ("à 10:30", "à 10:30"),
    ("voir https://exemple.fr/a?b=1;c", "voir https://exemple.fr/a?b=1;c"),
    ("écrire à a.b@exemple.fr!", f"écrire à a.b@exemple.fr{NNBSP}!"),
    ("ratio 1:2", "ratio 1:2"),
])
def test_french_punctuation(raw, expected):
    assert T.punctuate(raw, "fr") == expected
    assert T.punctuate(raw, "en") == raw


def test_money_never_crashes_on_absurd_amounts():
    """Found by tests/test_fuzz_exports.py: budget lines of 1e308 add up to infinity, and a
    YAML integer may hold 1,000 digits (beyond what a float holds)."""
    assert T.money(float("inf"), "EUR", "fr") == f"inf{NBSP}€"
    assert T.money(-float("inf"), "EUR", "en") == "-€inf"
    assert T.money(10**400, "EUR", "fr").endswith(f"000{NBSP}€")
    assert T.money(-10**400, "EUR", "fr").startswith(f"−10{NNBSP}000")
    assert T.number(10**400, "en") == f"{10**400:,}"      # exact, however large
    assert T.number(99999999999999999999999999999999999, "fr").endswith(f"999{NNBSP}999")


def test_numbers_money_and_dates():
    assert T.number(12000, "fr") == f"12{NNBSP}000"
    assert T.number(1234.5, "fr") == f"1{NNBSP}234,5"
    assert T.number(12000, "en") == "12,000"
    assert T.number(-2500, "fr") == f"−2{NNBSP}500"
    assert T.money(12000, "EUR", "fr") == f"12{NNBSP}000{NBSP}€"
    assert T.money(12000, "EUR", "en") == "€12,000"
    assert T.money(99.5, "EUR", "en") == "€99.50"
    assert T.money(1500, "CHF", "fr") == f"1{NNBSP}500{NBSP}CHF"
    assert T.money(1500, "CHF", "en") == f"CHF{NBSP}1,500"
    assert T.money_range(10000, 15000, "EUR", "fr") == f"10{NNBSP}000 à 15{NNBSP}000{NBSP}€"
    assert T.money_range(10000, 15000, "EUR", "en") == "€10,000 to €15,000"
    assert T.date(dt.date(2026, 11, 15), "fr") == f"15{NBSP}novembre 2026"
    assert T.date(dt.date(2027, 3, 1), "fr") == f"1er{NBSP}mars 2027"
    assert T.date(dt.date(2026, 11, 15), "en") == f"15{NBSP}November 2026"
    assert T.percent(25, "fr") == f"25{NNBSP}%" and T.percent(25, "en") == "25%"


# ----------------------------------------------------------------------------------
# LibreOffice (optional): the file opens and renders
# ----------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice and poppler-utils are not installed")
def test_libreoffice_renders_the_document(fr_docx, tmp_path):
    _, path = fr_docx
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "out.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 10
    assert "A4" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    # numbered headings, the running header and page numbers on the body pages
    assert "1     Contexte" in text or "1 Contexte" in " ".join(text.split())
    assert "Annexe A – Matrice fonctionnelle" in text
    assert "Page 3 sur" in text
    # the table of contents shows the page of each chapter
    contents = pages[1]
    for n, title in enumerate(("Contexte", "Objectifs du projet", "Système d’information cible"), 1):
        line = next(line for line in contents.splitlines() if title in line)
        page = int(line.rstrip().rsplit(".", 1)[-1].strip())
        assert title in pages[page - 1]
    assert "Rhôdis Équipements SAS – CAP CLIENT 2027 – Diffusion restreinte" in text
    # the annex's header row is repeated on every page of the matrix


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sparse_items_do_not_stumble(tmp_path, lang):
    from crmreq.export.markdown import render_markdown

    spec = load_doc_spec(tmp_path / "spec", "sparse")
    doc = Document(io.BytesIO(build_docx(spec, lang)))
    assert len(headings(doc, 1)) == 7
    text = all_text(doc)
    assert "A&B <SAS>" in text
    assert ("USD" in text) or ("$" in text)
    markdown = render_markdown(spec, lang)
    assert "A&amp;B \\<SAS\\>" in markdown
