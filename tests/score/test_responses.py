"""Reading returned matrices: what vendors do right, what they get wrong, and files that are not
matrices at all. Every case is a file built from the exported matrix, read by `read_response`."""

from __future__ import annotations

import datetime as dt

import pytest

from crmreq.loader import load_spec
from crmreq.score import answers as answer_words
from crmreq.score import sheets
from crmreq.score.responses import Expected, read_response

from score_fixtures import (COLUMN, GOOD, IDS, build_consultation, copy, fill_csv, fill_xlsx, header, read_csv,
                            write_rows)

pytest.importorskip("openpyxl")


@pytest.fixture(scope="session")
def consultation(tmp_path_factory):
    return build_consultation(tmp_path_factory)


@pytest.fixture(scope="module")
def expected(consultation):
    return Expected.of(load_spec(consultation["spec"] / "crmreq.yaml").spec)


def read(path, expected, unanswered="not_supported"):
    return read_response(path, expected, unanswered, "fr")


def problems(response, code=None):
    return [(p.code, p.pos.line, p.pos.column, p.object) for p in response.problems if code in (None, p.code)]


def detail(response, code="R001"):
    return [p.args["detail"]["en"] for p in response.problems if p.code == code]


def test_a_good_vendor_reads_cleanly_with_its_name_and_date(consultation, expected, tmp_path):
    path = fill_xlsx(consultation["xlsx"], tmp_path / "alpha.xlsx", GOOD, vendor="Alpha CRM",
                     date=dt.datetime(2026, 12, 20))
    response = read(path, expected)
    assert response.problems == []
    assert response.readable and response.sheet == "Matrice" and response.lang == "fr"
    assert (response.vendor_name, response.response_date) == ("Alpha CRM", "2026-12-20")
    assert sorted(response.answers) == sorted(IDS)
    assert response.answers["F-2"].level == "configuration"
    assert response.answers["F-3"].cost == 1200 and response.answers["F-3"].comment == "Connecteur"
    assert response.answers["N-2"].roadmap_date == "2027-06-30"


def test_a_vendor_who_edits_a_requirement_is_caught_at_its_row(consultation, expected, tmp_path):
    def soften(workbook):
        workbook.worksheets[0].cell(row=3, column=COLUMN["title"]).value = "Devis (sur demande)"
    response = read(fill_xlsx(consultation["xlsx"], tmp_path / "beta.xlsx", GOOD, edit=soften), expected)
    assert problems(response) == [("R001", 3, COLUMN["title"], "F-2")]
    assert "edited in the response" in detail(response)[0]
    assert response.answers["F-2"].level == "configuration"      # read, and flagged


def test_a_requirement_changed_in_the_spec_after_sending_is_told_apart(consultation, expected, tmp_path):
    from crmreq.export.matrix import fingerprint

    def older_text(workbook):            # as if the matrix had been exported from an earlier spec
        sheet = workbook.worksheets[0]
        sheet.cell(row=2, column=COLUMN["title"]).value = "Fiche client"
        cells = [sheet.cell(row=2, column=COLUMN[k]).value or "" for k in ("id", "section", "title", "description")]
        sheet.cell(row=2, column=COLUMN["fingerprint"]).value = fingerprint(cells)
    response = read(fill_xlsx(consultation["xlsx"], tmp_path / "x.xlsx", GOOD, edit=older_text), expected)
    assert problems(response) == [("R001", 2, COLUMN["title"], "F-1")]
    assert "changed in the spec since this matrix was exported" in detail(response)[0]


def test_blanks_are_r002_and_counted_as_the_setting_says(consultation, expected, tmp_path):
    answers = dict(GOOD, **{"F-3": None, "N-1": ""})
    path = fill_xlsx(consultation["xlsx"], tmp_path / "gamma.xlsx", answers)
    response = read(path, expected, unanswered="standard")
    assert problems(response) == [("R002", 4, COLUMN["vendor_response"], "F-3"),
                                  ("R002", 7, COLUMN["vendor_response"], "N-1")]
    assert response.problems[0].args["counted"]["en"] == "Out of the box"
    assert response.answers["F-3"].level is None


def test_standard_everywhere_is_r006_once(consultation, expected, tmp_path):
    response = read(fill_xlsx(consultation["xlsx"], tmp_path / "s.xlsx", {i: "Standard" for i in IDS}), expected)
    assert problems(response) == [("R006", 1, COLUMN["vendor_response"], None)]
    assert response.problems[0].args["share"]["fr"] == "100\u00a0%"
    mixed = dict.fromkeys(IDS, "Standard") | {"F-2": "Paramétrage"}
    assert problems(read(fill_xlsx(consultation["xlsx"], tmp_path / "m.xlsx", mixed), expected)) == []


@pytest.mark.parametrize("typed, level", [
    ("parametrage", "configuration"), ("STANDARD", "standard"), ("  Développement  spécifique ", "custom"),
    ("Out of the box", "standard"), ("Feuille de route T3 2027", "roadmap"), ("Config", "configuration"),
    ("non couvert", "not_supported"),
])
def test_answers_typed_instead_of_picked_are_read_when_unambiguous(typed, level):
    assert answer_words.read_level(typed).level == level


def test_answers_outside_the_scale_are_r003_with_the_choices(consultation, expected, tmp_path):
    answers = dict(GOOD, **{"F-1": "Oui", "F-4": "Standard ou paramétrage"})
    response = read(fill_xlsx(consultation["xlsx"], tmp_path / "r3.xlsx", answers), expected)
    assert problems(response, "R003") == [("R003", 2, COLUMN["vendor_response"], "F-1"),
                                          ("R003", 5, COLUMN["vendor_response"], "F-4")]
    ambiguous = response.problems[1].args["detail"]["en"]
    assert "Out of the box or Configuration" in ambiguous
    assert response.answers["F-1"].level is None and "F-1" in response.invalid


def test_roadmap_dates_and_costs(consultation, expected, tmp_path):
    answers = dict(GOOD, **{"F-1": "Feuille de route", "F-2": ("Feuille de route", "6 mois après la mise en production"),
                            "F-3": "Module tiers", "F-4": ("Développement spécifique", "", "inclus"),
                            "N-1": ("Module tiers", "", "4 500 € HT")})
    response = read(fill_xlsx(consultation["xlsx"], tmp_path / "d.xlsx", answers), expected)
    assert problems(response) == [("R004", 2, COLUMN["vendor_response"], "F-1"),
                                  ("R005", 4, COLUMN["vendor_cost"], "F-3")]
    assert response.answers["F-2"].roadmap_date == "2027-09-01"      # go-live 2027-03-01 + 6 months
    assert response.answers["F-4"].cost == 0 and response.answers["N-1"].cost == 4500


@pytest.mark.parametrize("text, day", [
    ("Prévu dans la version 2028.1 (T1 2028)", "2028-03-31"),        # a release number is not a date
    ("Disponible en mars 2027, puis étendu", "2027-03-31"),
    ("Livré 3 mois après la mise en production", "2027-06-01"),
    ("Bientôt, 2 500 utilisateurs l'attendent", None),
])
def test_roadmap_dates_in_comments(text, day):
    found = answer_words.find_date(text, dt.date(2027, 3, 1))
    assert (found.isoformat() if found else None) == day


@pytest.mark.parametrize("dialect", ["excel-fr", "rfc4180"])
def test_csv_responses_in_both_dialects(consultation, expected, tmp_path, dialect):
    source = consultation["csv_fr" if dialect == "excel-fr" else "csv_rfc"]
    response = read(fill_csv(source, tmp_path / "delta.csv", GOOD, dialect), expected)
    assert response.problems == [] and response.sheet is None
    assert {i: a.level for i, a in response.answers.items()}["F-3"] == "third_party"
    assert response.answers["F-3"].cost == 1200


def test_a_csv_saved_again_by_excel_in_windows_1252_is_read(consultation, expected, tmp_path):
    path = tmp_path / "cp.csv"
    fill_csv(consultation["csv_fr"], path, GOOD, encoding="utf-8-sig")
    text = path.read_text(encoding="utf-8-sig")
    assert "→" in text                                   # F-1's text has a character Windows-1252 lacks
    path.write_bytes(text.encode("cp1252", errors="replace"))   # as Excel's "CSV (point-virgule)" saves it
    response = read(path, expected)
    assert response.problems == [] and response.answers["F-2"].level == "configuration"


def test_a_matrix_from_before_fingerprints_says_so_once(consultation, expected, tmp_path):
    def drop_fingerprint(rows):
        return [row[:-1] for row in rows]
    answers = dict(GOOD, **{"F-1": "Standard"})
    path = fill_csv(consultation["csv_fr"], tmp_path / "old.csv", answers, edit=drop_fingerprint)
    rows = read_csv(path)
    rows[1][COLUMN["title"] - 1] = "Autre texte"      # cannot be checked: no finding for it
    response = read(write_rows(path, rows), expected)
    assert problems(response) == [("R001", 1, 1, None)]
    assert "text changes cannot be checked" in detail(response)[0]
    assert response.answers["F-1"].level == "standard"


def test_moved_columns_and_a_renamed_sheet_are_read_by_their_headers(consultation, expected, tmp_path):
    def move_and_rename(workbook):
        sheet = workbook.worksheets[0]
        sheet.title = "Réponse Alpha"
        sheet.insert_rows(1, 2)                     # a banner above the header
        sheet["A1"] = "Réponse de la société Alpha"
        sheet.move_range("I3:K12", cols=5)          # response, comment, cost pushed right
        workbook.move_sheet(sheet, offset=2)        # no longer the first sheet
    path = fill_xlsx(consultation["xlsx"], tmp_path / "moved.xlsx", GOOD, edit=move_and_rename)
    response = read(path, expected)
    assert response.problems == [] and response.sheet == "Réponse Alpha"
    assert response.answers["F-2"].level == "configuration" and response.answers["F-3"].cost == 1200


def test_merged_cells_are_r001_at_the_merge(consultation, expected, tmp_path):
    def merge(workbook):
        workbook.worksheets[0].merge_cells("I2:I3")
    response = read(fill_xlsx(consultation["xlsx"], tmp_path / "merged.xlsx", GOOD, edit=merge), expected)
    assert ("R001", 2, COLUMN["vendor_response"], None) in problems(response)
    assert any("merged cells I2:I3" in d for d in detail(response))


def test_unknown_duplicate_missing_and_idless_rows(consultation, expected, tmp_path):
    def damage(rows):
        rows[2][0] = "F2"                             # F-2 mistyped: unknown, and F-2 missing
        rows.append(list(rows[1]))                    # F-1 twice
        rows.append([""] * 8 + ["Standard"] + [""] * 3)   # an answer without an id
        return rows
    response = read(fill_csv(consultation["csv_fr"], tmp_path / "bad.csv", GOOD, edit=damage), expected)
    found = problems(response, "R001")
    assert ("R001", 3, 1, "F2") in found
    assert ("R001", 11, 1, "F-1") in found
    assert ("R001", 12, COLUMN["vendor_response"], None) in found
    assert ("R001", 1, 1, "F-2") in found and "F-2" in response.missing
    assert any("did you mean" in d for d in detail(response))


def test_english_matrix_for_a_french_spec(consultation, expected, tmp_path):
    answers = {"GDPR-LOC": "Out of the box", "GDPR-ERASU": "Not supported"} | {
        i: "Configuration" for i in IDS if not i.startswith("RGPD")}
    response = read(fill_xlsx(consultation["xlsx_en"], tmp_path / "en.xlsx", answers), expected)
    assert response.lang == "en" and response.problems == []
    assert response.answers["RGPD-LOC"].level == "standard" and response.answers["RGPD-ERASU"].level == "not_supported"


@pytest.mark.parametrize("content, words", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary\xff\xfe" * 50, "binary content"),
    (b"PK\x03\x04 not really a zip", "not a readable XLSX workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", "Excel 97-2003"),
    ("Nom;Prénom;Ville\r\nDupont;Marie;Lyon\r\n".encode(), "not a crmreq matrix"),
])
def test_files_that_are_not_matrices_are_one_r001(expected, tmp_path, content, words):
    path = tmp_path / "reponse.csv"
    path.write_bytes(content)
    response = read(path, expected)
    assert not response.readable
    assert problems(response) == [("R001", 1, 1, None)]
    assert words in detail(response)[0]


def test_a_workbook_without_the_matrix_columns(expected, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Id"
    workbook.active["B1"] = header("title")
    path = tmp_path / "autre.xlsx"
    workbook.save(path)
    response = read(path, expected)
    assert not response.readable and "no sheet has the `Id`" in detail(response)[0]


def test_a_huge_file_is_refused_before_it_is_read(consultation, expected, tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_FILE_SIZE", 1000)
    response = read(copy(consultation["xlsx"], tmp_path / "big.xlsx"), expected)
    assert not response.readable and "file too large" in detail(response)[0]
