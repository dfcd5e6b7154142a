"""A small consultation for the score tests: one spec, its matrices exported once per session, and
helpers that fill them the way vendors do (openpyxl for XLSX, csv for both CSV dialects).

Plain helpers, not a conftest.py: a second `conftest` module would shadow tests/conftest.py for the
`from conftest import …` of the other test files. Each test module declares the `consultation`
fixture with `build_consultation`, which exports the matrices once per test session (worker).

Matrix rows, in order (row 2 onwards in the files): F-1 (must), F-2 (must), F-3 (should),
F-4 (could), F-5 (wont), N-1 (must), N-2 (should), RGPD-LOC (must), RGPD-ERASU (must).
"""

from __future__ import annotations

import csv
import shutil
import textwrap
from pathlib import Path

from crmreq.export.csv_matrix import write_csv
from crmreq.export.matrix import HEADERS, RESPONSE_COLUMNS
from crmreq.loader import load_spec

SPEC = """\
crmreq: 1
project: {name: CRM Test, company: Test SAS, lang: fr, version: "1.0", date: 2026-11-15}
timeline: {go_live: 2027-03-01}
features:
  - {id: F-1, module: crm, title: Fiche client unique, scenario: "Je vois tout le client → ventes, SAV.", priority: must}
  - {id: F-2, module: sales, title: Devis depuis la fiche, scenario: Je fais un devis., priority: must}
  - {id: F-3, module: sales, title: Relance des devis, scenario: Le CRM relance à J+7., priority: should}
  - {id: F-4, module: marketing, title: Campagnes e-mail, scenario: J'envoie une campagne., priority: could}
  - {id: F-5, module: marketing, title: Jeux concours, scenario: Un jeu par an., priority: wont}
nfr:
  - {id: N-1, category: performance, statement: Fiche client en moins de 2 s, metric: "2 s", priority: must}
  - {id: N-2, category: availability, statement: Disponible 99,5 %, metric: "99.5 %", priority: should}
rgpd:
  data_location: EU
  rights: [erasure]
consultation:
  criteria:
    - {id: C-MAT, name: Couverture fonctionnelle, weight: 40, measure: matrix}
    - {id: C-PRIX, name: Prix sur 3 ans, weight: 30, measure: price}
    - {id: C-DEMO, name: Démonstrations, weight: 20, measure: demos}
    - {id: C-REF, name: Références, weight: 10, measure: manual}
    - {id: C-UE, name: Hébergement UE, weight: 0, eliminatory: true, measure: manual}
  demos:
    - {id: D-1, title: Une tournée, features: [F-1]}
    - {id: D-2, title: Un devis, features: [F-2]}
"""

IDS = ["F-1", "F-2", "F-3", "F-4", "F-5", "N-1", "N-2", "RGPD-LOC", "RGPD-ERASU"]
COLUMN = {key: index + 1 for index, key in enumerate(RESPONSE_COLUMNS)}
GOOD = {"F-1": "Standard", "F-2": "Paramétrage", "F-3": ("Module tiers", "Connecteur", 1200), "F-4": "Standard",
        "F-5": "Non couvert", "N-1": "Standard", "N-2": ("Feuille de route", "Prévu en juin 2027"),
        "RGPD-LOC": "Standard", "RGPD-ERASU": "Paramétrage"}


def build_consultation(tmp_path_factory) -> dict:
    """The spec folder and its exported matrices: XLSX (fr, en), CSV (excel-fr, rfc4180); built once."""
    folder = tmp_path_factory.getbasetemp() / "consultation"
    paths = {"spec": folder / "spec", "xlsx": folder / "matrice.xlsx", "xlsx_en": folder / "matrix-en.xlsx",
             "csv_fr": folder / "matrice-fr.csv", "csv_rfc": folder / "matrice-rfc.csv"}
    if (folder / "done").is_file():
        return paths
    spec_dir = folder / "spec"
    spec_dir.mkdir(parents=True, exist_ok=True)
    (spec_dir / "crmreq.yaml").write_text(SPEC, encoding="utf-8")
    spec = load_spec(spec_dir / "crmreq.yaml").spec
    from crmreq.export.spreadsheet import write_xlsx

    xlsx, xlsx_en = folder / "matrice.xlsx", folder / "matrix-en.xlsx"
    write_xlsx(spec, xlsx, {"lang": "fr"})
    write_xlsx(spec, xlsx_en, {"lang": "en"})
    csv_fr, csv_rfc = folder / "matrice-fr.csv", folder / "matrice-rfc.csv"
    write_csv(spec, csv_fr, {"lang": "fr", "dialect": "excel-fr"})
    write_csv(spec, csv_rfc, {"lang": "fr", "dialect": "rfc4180"})
    (folder / "done").write_text("", encoding="utf-8")
    return paths


def _cells(answer):
    """(response, comment, cost) from "Standard" or a tuple."""
    if isinstance(answer, tuple):
        return (list(answer) + [None, None])[:3]
    return [answer, None, None]


def fill_xlsx(source: Path, target: Path, answers: dict, *, vendor: str | None = None, date=None,
              edit=None) -> Path:
    """A vendor's XLSX: `answers` id → response or (response, comment, cost); `edit(workbook)` then
    changes anything else (rename a sheet, merge cells…)."""
    import openpyxl

    workbook = openpyxl.load_workbook(source)
    sheet = workbook.worksheets[0]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    for rid, answer in answers.items():
        response, comment, cost = _cells(answer)
        row = rows[rid]
        sheet.cell(row=row, column=COLUMN["vendor_response"]).value = response
        sheet.cell(row=row, column=COLUMN["vendor_comment"]).value = comment
        sheet.cell(row=row, column=COLUMN["vendor_cost"]).value = cost
    if vendor is not None:
        workbook.worksheets[1]["B1"] = vendor
    if date is not None:
        workbook.worksheets[1]["B2"] = date
    if edit is not None:
        edit(workbook)
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def read_csv(path: Path, dialect: str = "excel-fr") -> list[list[str]]:
    encoding, delimiter = ("utf-8-sig", ";") if dialect == "excel-fr" else ("utf-8", ",")
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def write_rows(target: Path, rows: list[list[str]], dialect: str = "excel-fr", encoding: str | None = None) -> Path:
    default, delimiter = ("utf-8-sig", ";") if dialect == "excel-fr" else ("utf-8", ",")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding=encoding or default, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return target


def fill_csv(source: Path, target: Path, answers: dict, dialect: str = "excel-fr", edit=None,
             encoding: str | None = None) -> Path:
    """A vendor's CSV in `dialect`; `edit(rows)` may change the rows (a header row first) before writing."""
    rows = read_csv(source, dialect)
    for row in rows[1:]:
        if row[0] in answers:
            response, comment, cost = _cells(answers[row[0]])
            row[COLUMN["vendor_response"] - 1] = response or ""
            row[COLUMN["vendor_comment"] - 1] = comment or ""
            row[COLUMN["vendor_cost"] - 1] = "" if cost is None else str(cost)
    if edit is not None:
        rows = edit(rows) or rows
    return write_rows(target, rows, dialect, encoding)


def copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def write_evaluation(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def header(key: str, lang: str = "fr") -> str:
    return HEADERS[lang][key]
