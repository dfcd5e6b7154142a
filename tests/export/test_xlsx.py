"""XLSX matrix read back with openpyxl: rows, locking, drop-down, injection, print setup, bytes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile

import pytest

from crmreq.errors import CrmreqError
from crmreq.export.matrix import HEADERS, RESPONSE_SCALE, fingerprint, matrix_rows
from crmreq.export.spreadsheet import MATRIX_COLUMNS, _list_formula, write_xlsx

from fixtures_matrix import (FEATURE_IDS, INJECTION, INJECTION_2, INJECTION_3, NFR_IDS, load, write_en_spec,
                             write_fr_spec, write_spec_text)

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def fr_spec(tmp_path_factory):
    return load(write_fr_spec(tmp_path_factory.mktemp("fr")))


@pytest.fixture(scope="module")
def fr_book(fr_spec, tmp_path_factory):
    path = tmp_path_factory.mktemp("out") / "matrice.xlsx"
    write_xlsx(fr_spec, path, {"lang": "fr"})
    return path


@pytest.fixture(scope="module")
def en_book(tmp_path_factory):
    spec = load(write_en_spec(tmp_path_factory.mktemp("en")))
    path = tmp_path_factory.mktemp("out") / "matrix.xlsx"
    write_xlsx(spec, path, {"lang": "en"})
    return path


def column(name):
    return MATRIX_COLUMNS.index(name) + 1


def test_sheets_and_header(fr_book):
    wb = openpyxl.load_workbook(fr_book)
    assert wb.sheetnames == ["Matrice", "Offre", "Critères", "Échelle de réponse"]
    ws = wb["Matrice"]
    assert [c.value for c in ws[1]] == [HEADERS["fr"][c] for c in MATRIX_COLUMNS]
    assert ws.freeze_panes == "A2"
    assert ws.print_title_rows in ("1:1", "$1:$1")


def test_one_row_per_requirement(fr_spec, fr_book):
    ws = openpyxl.load_workbook(fr_book)["Matrice"]
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert ids == [r.id for r in matrix_rows(fr_spec, "fr")]
    for wanted in FEATURE_IDS + NFR_IDS + ("RGPD-LOC", "RGPD-ERASU", "RGPD-BREACH"):
        assert wanted in ids
    row = ids.index("F-001") + 2
    assert ws.cell(row=row, column=column("title")).value == "Créer un devis depuis la fiche compte"
    assert ws.cell(row=row, column=column("priority")).value == "Indispensable"
    assert ws.cell(row=row, column=column("module")).value == "Ventes"
    assert ws.cell(row=row, column=column("teams")).value == "Équipe commerciale, Administration des ventes"
    assert ws.cell(row=row, column=column("vendor_response")).value is None


def test_locked_requirement_columns_and_protection(fr_book):
    ws = openpyxl.load_workbook(fr_book)["Matrice"]
    assert ws.protection.sheet is True
    assert not ws.protection.password, "anyone can read; no password to unprotect"
    for r in range(2, ws.max_row + 1):
        for name in MATRIX_COLUMNS:
            locked = ws.cell(row=r, column=column(name)).protection.locked
            assert locked is (name not in ("vendor_response", "vendor_comment", "vendor_cost")), (r, name)


def test_response_drop_down(fr_book, en_book):
    for path, lang in ((fr_book, "fr"), (en_book, "en")):
        wb = openpyxl.load_workbook(path)
        ws = wb.worksheets[0]
        lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert len(lists) == 1
        dv = lists[0]
        letter = openpyxl.utils.get_column_letter(column("vendor_response"))
        assert str(dv.sqref) == f"{letter}2:{letter}{ws.max_row}"
        assert dv.formula1 == '"' + ",".join(RESPONSE_SCALE[lang]) + '"'
        assert dv.showErrorMessage
        # the scale and its meaning are also on the last sheet
        scale = wb.worksheets[-1]
        assert [scale.cell(row=r, column=1).value for r in range(2, 8)] == list(RESPONSE_SCALE[lang])
    wb = openpyxl.load_workbook(fr_book)
    assert "Développement spécifique" in wb.worksheets[0].data_validations.dataValidation[0].formula1


def test_cost_column_takes_numbers(fr_book):
    ws = openpyxl.load_workbook(fr_book)["Matrice"]
    decimals = [dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
    letter = openpyxl.utils.get_column_letter(column("vendor_cost"))
    assert decimals and str(decimals[0].sqref) == f"{letter}2:{letter}{ws.max_row}"


def test_list_formula_limit():
    assert _list_formula(("Oui", "Non")) == '"Oui,Non"'
    assert _list_formula(("a" * 200, "b" * 60)) is None          # over Excel's 255 characters
    assert _list_formula(("un, deux", "trois")) is None           # a comma would split an item


def test_injection_is_text_never_formula(fr_book):
    wb = openpyxl.load_workbook(fr_book)
    ws = wb["Matrice"]
    ids = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
    f2, f3 = ids.index("F-002") + 1, ids.index("F-003") + 1
    title = ws.cell(row=f2, column=column("title"))
    assert title.value == INJECTION                  # the text is kept whole, no visible quote
    assert title.data_type == "s"
    assert title.quotePrefix
    assert ws.cell(row=f2, column=column("description")).value == INJECTION_2
    assert ws.cell(row=f3, column=column("title")).value == INJECTION_3
    assert ws.cell(row=f3, column=column("title")).quotePrefix
    assert not ws.cell(row=ids.index("F-001") + 1, column=column("title")).quotePrefix
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    with zipfile.ZipFile(fr_book) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in package.read(name) and b"<f " not in package.read(name), name


def test_layout_and_print_setup(fr_book):
    ws = openpyxl.load_workbook(fr_book)["Matrice"]
    description = openpyxl.utils.get_column_letter(column("description"))
    assert ws.column_dimensions[description].width >= 40
    assert ws[f"{description}2"].alignment.wrap_text
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9          # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert "Dupont && Fils SAS – CRM Négoce 2027 – Document à diffusion restreinte" in ws.oddHeader.center.text
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(MATRIX_COLUMNS))}{ws.max_row}"
    assert all(ws.row_dimensions[r].height for r in range(1, ws.max_row + 1))


def test_criteria_sheet(fr_book, en_book):
    ws = openpyxl.load_workbook(fr_book)["Critères"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=ws.max_row)]
    assert rows[0] == ["Id", "Critère", "Poids (%)", "Éliminatoire"]
    assert rows[1:4] == [["C-1", "Couverture fonctionnelle", 40, "Non"], ["C-2", "Prix", 30, "Non"],
                         ["C-3", "Hébergement UE", 30, "Oui"]]
    assert rows[4][1:3] == ["Total", 100]
    assert ws.protection.sheet
    en = openpyxl.load_workbook(en_book)
    assert en.sheetnames == ["Matrix", "Offer", "Criteria", "Response scale"]
    assert [c.value for c in en["Criteria"][1]] == ["Id", "Criterion", "Weight (%)", "Eliminatory"]
    assert en["Criteria"]["C4"].value == 100


def test_deterministic_bytes_and_dates(fr_spec, fr_book, tmp_path):
    again = tmp_path / "again.xlsx"
    write_xlsx(fr_spec, again, {"lang": "fr"})
    assert again.read_bytes() == fr_book.read_bytes()
    props = openpyxl.load_workbook(again).properties
    assert props.created == props.modified == dt.datetime(2026, 11, 15)
    with zipfile.ZipFile(again) as package:
        assert {info.date_time for info in package.infolist()} == {(2026, 11, 15, 0, 0, 0)}


def test_too_long_text_fails_clearly(tmp_path):
    spec = load(write_spec_text(tmp_path / "long", f"""
        crmreq: 1
        project: {{name: Long, lang: en, date: 2026-01-01}}
        features:
          - id: F-LONG
            title: A long one
            priority: must
            scenario: "{'x' * 40_000}"
    """))
    out = tmp_path / "long.xlsx"
    with pytest.raises(CrmreqError, match=r"F-LONG .*40,000 characters.*32,767"):
        write_xlsx(spec, out, {"lang": "en"})


def test_control_characters_are_replaced(tmp_path):
    spec = load(write_spec_text(tmp_path / "ctl", r"""
        crmreq: 1
        project: {name: Ctl, lang: en}
        features:
          - {id: F-CTL, title: "bell\a and null\0 here", priority: must}
    """))
    out = tmp_path / "ctl.xlsx"
    write_xlsx(spec, out, {"lang": "en"})
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.cell(row=2, column=column("title")).value == "bell\ufffd and null\ufffd here"


def test_a_large_matrix_has_every_row(fr_spec, tmp_path):
    base = fr_spec.features[0]
    features = tuple(
        dataclasses.replace(base, id=f"F-{i:04d}", title=f"Fonction {i} pour l'équipe commerciale",
                            scenario=f"Le commercial ouvre la fiche et déclenche l'action {i}. " * 3)
        for i in range(2000))
    big = dataclasses.replace(fr_spec, features=features)
    out = tmp_path / "big.xlsx"
    write_xlsx(big, out, {"lang": "fr"})
    ws = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    assert ws.max_row == 1 + len(matrix_rows(big, "fr"))


@pytest.mark.slow
def test_libreoffice_reads_formula_like_text_as_text(fr_book, tmp_path):
    """LibreOffice opens the workbook and shows the payload as text: no formula, no link."""
    import csv
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(fr_book)],
        capture_output=True, text=True, timeout=180)
    out = tmp_path / "matrice.csv"
    if not out.exists():
        pytest.skip(f"LibreOffice could not convert: {done.stderr.strip()[:200]}")
    with open(out, encoding="utf-8", newline="") as handle:
        rows = {r[0]: r for r in csv.reader(handle) if r}
    assert rows["F-002"][column("title") - 1] == INJECTION
    assert rows["F-003"][column("title") - 1] == INJECTION_3


def test_spec_without_requirements(tmp_path):
    spec = load(write_spec_text(tmp_path / "empty", """
        crmreq: 1
        project: {name: Empty, lang: en}
    """))
    out = tmp_path / "empty.xlsx"
    write_xlsx(spec, out, {"lang": "en"})
    wb = openpyxl.load_workbook(out)
    ws = wb["Matrix"]
    assert ws.max_row == 1 and not ws.data_validations.dataValidation
    assert wb["Criteria"]["B2"].value == "Total" and wb["Criteria"]["C2"].value == 0
    assert wb.properties.created == dt.datetime(1980, 1, 1)       # no date in the spec: a fixed one


def test_fingerprint_column_is_last_hidden_and_locked(fr_book):
    ws = openpyxl.load_workbook(fr_book)["Matrice"]
    assert MATRIX_COLUMNS[-1] == "fingerprint"
    letter = openpyxl.utils.get_column_letter(column("fingerprint"))
    assert ws.column_dimensions[letter].hidden
    prints = []
    for r in range(2, ws.max_row + 1):
        cell = ws.cell(row=r, column=column("fingerprint"))
        assert cell.protection.locked
        text = [ws.cell(row=r, column=column(name)).value or "" for name in ("id", "section", "title", "description")]
        assert cell.value == fingerprint(text)
        prints.append(cell.value)
    assert len(set(prints)) == len(prints)


def test_offer_sheet_has_two_cells_for_the_vendor(fr_book, en_book):
    ws = openpyxl.load_workbook(fr_book)["Offre"]
    assert ws["A1"].value == "Éditeur ou intégrateur (raison sociale)" and ws["A2"].value == "Date de la réponse"
    assert ws["B1"].value is None and ws["B2"].value is None
    assert not ws["B1"].protection.locked and not ws["B2"].protection.locked and ws["A1"].protection.locked
    assert ws.protection.sheet
    assert "CRM Négoce 2027" in ws["B4"].value
    en = openpyxl.load_workbook(en_book)["Offer"]
    assert en["A1"].value.startswith("Vendor") and en["A2"].value == "Date of the response"
