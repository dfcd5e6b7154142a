"""The score reports (Markdown + chart, XLSX, DOCX) written from hand-built results (report_fixtures)."""

from __future__ import annotations

import datetime

import csv
import dataclasses
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

try:
    import tomllib
except ImportError:     # Python 3.10
    import tomli as tomllib

import pytest

from crmreq.errors import CrmreqError
from crmreq.export.matrix import RESPONSE_SCALE
from crmreq.score.model import Robustness, ScoreResult
from crmreq.score.report_content import fmt
from crmreq.score.report_words import words

from report_fixtures import CRITERIA, build_result

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")
pytest.importorskip("matplotlib")

from crmreq.score import chart, report_docx, report_md, report_xlsx  # noqa: E402  (after the skips)

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def fr():
    return build_result("fr")


@pytest.fixture(scope="module")
def en():
    return build_result("en")


def test_every_word_exists_in_both_languages():
    assert set(words("fr")) == set(words("en"))
    assert all(value.strip() for lang in ("fr", "en") for value in words(lang).values())


def test_fixture_has_a_tie_an_eliminated_offer_and_a_missing_mark(fr):
    ranks = [o.rank for o in fr.offers]
    assert ranks[:2] == [1, 1] and fr.offers[0].total == fr.offers[1].total
    assert fr.offers[-1].eliminated and fr.offers[-1].rank is None
    assert any(mark is None for o in fr.offers for mark in o.marks.values())


# -- Markdown ------------------------------------------------------------------------------
def test_markdown_fr(tmp_path, fr):
    path = tmp_path / "rapport.md"
    report_md.write(fr, path)
    text = path.read_text(encoding="utf-8")
    for heading in ("# Rapport d'analyse des offres — CRM Négoce 2027", "## 1. Méthode", "## 2. Classement",
                    "## 3. Offres éliminées", "## 4. Points forts et lacunes sur les indispensables",
                    "## 5. Couverture par section et par module", "## 6. Contrôle des fichiers de réponse"):
        assert heading + "\n" in text
    assert "![Notes pondérées par offre](rapport-chart.png)" in text
    assert (tmp_path / "rapport-chart.png").read_bytes().startswith(b"\x89PNG")
    # the tie: both first, the eliminated offer tagged and its reason given, the missing mark said
    tie = fmt(fr.offers[0].total, "fr")
    assert f"| 1 | Alpha CRM | {tie} |" in text and f"| 1 | Beta Software | {tie} |" in text
    assert "| éliminée | Gamma =SUM(A1) |" in text
    assert f"- **Gamma =SUM(A1)**{NBSP}:\n  - l'indispensable VEN-01 est «\u202fNon couvert\u202f»\n" in text
    assert "non noté" in text
    assert f"**Robustesse du classement**{NBSP}: Alpha CRM et Beta Software sont à égalité{NBSP}:" in text
    assert "Delta &amp; Co" in text                       # user text escaped
    assert "Standard 4, Paramétrage 3, Module tiers 2" in text
    assert "\u202f%" in text and " %" not in text                 # the table cells keep the no-break spaces
    assert "| R003 | reponses/delta.xlsx:4 |" in text


def test_markdown_en_and_gaps(tmp_path, en):
    path = tmp_path / "report.md"
    report_md.write(en, path)
    text = path.read_text(encoding="utf-8")
    for heading in ("# Bid analysis report — Trade CRM 2027", "## 1. Method", "## 2. Ranking",
                    "## 3. Eliminated offers", "## 4. Strengths and gaps on the must-haves"):
        assert heading + "\n" in text
    assert "Out of the box 4, Configuration 3, Third-party add-on 2" in text
    assert "- VEN-01 – Devis depuis le mobile — **Not supported**" in text
    # Alpha's best-or-shared-best answers, ahead of Delta (Configuration, Third-party) or Gamma (Not supported)
    alpha = text.split("### Alpha CRM", 1)[1].split("###", 1)[0]
    assert "**Strengths**: CRM-01, VEN-01, NFR-01.\n" in alpha
    delta = text.split("### Delta &amp; Co", 1)[1].split("###", 1)[0]
    assert "**Strengths**: No distinctive strength on the must-haves." in delta
    assert "- VEN-01 – Devis depuis le mobile — **Third-party add-on**" in text
    assert "not marked" in text and "| eliminated | Gamma =SUM(A1) |" in text
    assert "73.2%" in text


def test_markdown_to_a_device_writes_no_chart(fr):
    report_md.write(fr, "/dev/null")
    assert not Path("/dev/null-chart.png").exists()
    assert "chart.png" not in report_md.render(fr, None)


# -- chart ---------------------------------------------------------------------------------
def test_chart_segments_add_up_to_the_totals(fr):
    for offer, (name, values) in zip(fr.offers, chart.weighted_segments(fr)):
        assert name == offer.name
        assert sum(values) == pytest.approx(offer.total)


def test_chart_is_none_without_offers(fr):
    assert chart.weighted_marks_png(dataclasses.replace(fr, offers=[])) is None


# -- XLSX ----------------------------------------------------------------------------------
def _ranking_cells(path):
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    return ws, rows


def test_xlsx_ranking_sheet_is_made_of_formulas(tmp_path, fr):
    path = tmp_path / "analyse.xlsx"
    report_xlsx.write(fr, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Classement", "Réponses", "Méthode"]
    ws, rows = _ranking_cells(path)
    first = rows[CRITERIA[0].name]
    last = first + len(CRITERIA) - 1
    assert [ws.cell(r, 3).value for r in range(first, last + 1)] == [c.weight for c in CRITERIA]
    total_row, rank_row = rows["Total pondéré /100"], rows["Rang"]
    for col, offer in enumerate(fr.offers, start=4):
        letter = openpyxl.utils.get_column_letter(col)
        assert ws.cell(total_row, col).value == (
            f"=ROUND(SUMPRODUCT($C${first}:$C${last},{letter}{first}:{letter}{last})/10,9)")
        # the matrix mark is computed from the coverage, itself from the answers sheet
        assert ws.cell(first, col).value == f"={letter}{rows['Couverture']}*10"
        assert "SUMPRODUCT('Réponses'!$F$3:$F$9," in ws.cell(rows["Couverture"], col).value
        if offer.eliminated:
            assert ws.cell(rank_row, col).value == "éliminée"
        else:
            assert ws.cell(rank_row, col).value == f"=RANK({letter}{total_row},$D${total_row}:$F${total_row})"
        # manual and price marks are values; the missing one an empty cell
        assert ws.cell(first + 1, col).value == pytest.approx(offer.marks["C-PRIX"])
        assert ws.cell(first + 3, col).value == offer.marks["C-REF"]
    assert ws.cell(rows["Somme des poids"], 3).value == f"=SUM($C${first}:$C${last})"
    # each eliminated offer's reasons below the grid, one a row
    reasons = rows["Offres éliminées"] + 1
    assert (ws.cell(reasons, 1).value, ws.cell(reasons, 2).value) == ("Gamma =SUM(A1)", fr.offers[-1].reasons[0])
    # a vendor's name that looks like a formula stays text
    gamma = ws.cell(4, 3 + len(fr.offers))
    assert gamma.value == "Gamma =SUM(A1)" and gamma.data_type == "s"


def test_xlsx_answers_are_colour_coded_and_scored_by_formula(tmp_path, en):
    path = tmp_path / "analysis.xlsx"
    report_xlsx.write(en, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Responses"]
    method = wb["Method"]
    assert [method.cell(r, 1).value for r in range(2, 8)] == list(RESPONSE_SCALE["en"])
    assert [method.cell(r, 2).value for r in range(2, 8)] == [4, 3, 2, 1, 1, 0]
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    columns = {ws.cell(1, c).value: c for c in range(7, ws.max_column + 1, 2)}
    gamma, alpha = columns["Gamma =SUM(A1)"], columns["Alpha CRM"]
    must_gap = ws.cell(rows["VEN-01"], gamma)
    assert must_gap.value == "Not supported"
    assert must_gap.font.b and must_gap.fill.fgColor.rgb.endswith("C00000")
    # a should-have answered Standard is green, not bold; its score refers to the method sheet
    standard = ws.cell(rows["VEN-02"], gamma)
    assert standard.value == "Out of the box" and not standard.font.b
    assert standard.fill.fgColor.rgb.endswith("C6EFCE")

    def method_row(formula):                # ='Method'!$B$n → the label beside the cell referred to
        assert formula.startswith("='Method'!$B$")
        return method.cell(int(formula.rsplit("$", 1)[1]), 1).value

    assert method_row(ws.cell(rows["VEN-02"], gamma + 1).value) == "Out of the box"
    assert method_row(ws.cell(rows["CRM-01"], 6).value) == "Must have"          # the weight by priority
    assert ws.cell(rows["MKT-02"], alpha).value == "No answer"
    assert method_row(ws.cell(rows["MKT-02"], alpha + 1).value) == "No answer"
    # how a score was obtained and the vendor's comment are the answer's cell note
    assert "within go-live + 12 months" in ws.cell(rows["VEN-02"], alpha).comment.text
    assert ws.cell(rows["RGPD-01"], alpha).comment.text == "Voir annexe 3"
    assert ws.cell(rows["CRM-01"], alpha).comment is None


def test_xlsx_score_off_the_table_is_a_value(tmp_path, en):
    """A score the scorer changed (a late roadmap scored 0) is written as the value it used."""
    offer = en.offers[0]
    late = dataclasses.replace(offer.answers["VEN-02"], score=0.0, note="after go-live + 12 months")
    offers = [dataclasses.replace(offer, answers={**offer.answers, "VEN-02": late})] + en.offers[1:]
    path = tmp_path / "late.xlsx"
    report_xlsx.write(dataclasses.replace(en, offers=offers), path)
    ws = openpyxl.load_workbook(path)["Responses"]
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    assert ws.cell(rows["VEN-02"], 8).value == 0
    # the coverage formula would no longer give the scorer's matrix mark: the mark is a value
    ranking, cells = _ranking_cells(path)
    assert ranking.cell(cells[CRITERIA[0].name], 4).value == pytest.approx(offer.marks["C-MAT"])


def _recompute(tmp_path, *books):
    """The first sheet of each workbook as LibreOffice computes it (UTF-8 CSV, full precision)."""
    profile = tmp_path / "lo-profile"
    out = tmp_path / "csv"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false", "--outdir", str(out), *map(str, books)],
                   check=True, capture_output=True, timeout=120)
    return [list(csv.reader((out / f"{b.stem}.csv").read_text(encoding="utf-8").splitlines())) for b in books]


def _number(text):
    return float(text.rstrip("%")) / (100 if text.endswith("%") else 1)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_xlsx_formulas_recomputed_by_libreoffice(tmp_path, fr):
    """LibreOffice finds the scorer's totals, ranks and coverages, and new totals when a weight changes."""
    original = tmp_path / "original.xlsx"
    report_xlsx.write(fr, original)
    changed = tmp_path / "changed.xlsx"
    wb = openpyxl.load_workbook(original)
    ws = wb.worksheets[0]
    price_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Prix sur 3 ans")
    ws.cell(price_row, 3).value = 60                     # the buyer doubles the price's weight
    wb.save(changed)
    first, second = _recompute(tmp_path, original, changed)
    by_label = {row[0]: row for row in first}
    by_label_changed = {row[0]: row for row in second}
    offers = fr.offers
    for index, offer in enumerate(offers):
        col = 3 + index
        assert _number(by_label["Total pondéré /100"][col]) == pytest.approx(offer.total, abs=1e-9)
        assert _number(by_label["Couverture"][col]) == pytest.approx(offer.coverage.overall / 100, abs=1e-9)
        assert by_label["Rang"][col] == (str(offer.rank) if offer.rank else "éliminée")
        weights = {c.id: (60 if c.id == "C-PRIX" else c.weight) for c in CRITERIA}
        expected = sum(weights[c.id] * (offer.marks[c.id] or 0) / 10 for c in CRITERIA)
        assert _number(by_label_changed["Total pondéré /100"][col]) == pytest.approx(expected, abs=1e-9)
    assert by_label_changed["Somme des poids"][2] == "130"


# -- DOCX ----------------------------------------------------------------------------------
def _docx(path):
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    return document, headings


def test_docx_fr(tmp_path, fr):
    path = tmp_path / "rapport.docx"
    report_docx.write(fr, path)
    document, headings = _docx(path)
    assert document.paragraphs[0].text == "Rapport d'analyse des offres"
    assert headings == ["Méthode", "Classement", "Comment chaque note a été calculée", "Offres éliminées",
                        "Points forts et lacunes sur les indispensables",
                        "Alpha CRM", "Beta Software", "Delta & Co", "Gamma =SUM(A1)",
                        "Couverture par section et par module", "Contrôle des fichiers de réponse"]
    tables = document.tables
    criteria, ranking, marks = tables[0], tables[1], tables[2]
    assert [c.text for c in criteria.rows[0].cells] == ["Critère", "Mesure", "Poids", "Éliminatoire",
                                                          "Notation sur 10"]
    assert [[c.text for c in row.cells][:3] for row in ranking.rows[1:]] == [
        [str(o.rank) if o.rank else "éliminée", o.name, fmt(o.total, "fr")] for o in fr.offers]
    assert [row.cells[0].text for row in ranking.rows[1:]] == ["1", "1", "3", "éliminée"]
    assert marks.rows[4].cells[4].text == "non noté"
    assert len(document.inline_shapes) == 1                  # the chart
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Robustesse du classement{NBSP}: Alpha CRM et Beta Software sont à égalité" in text
    assert "l'indispensable VEN-01 est «\u202fNon couvert\u202f»" in text
    gap_tables = [t for t in tables if t.rows[0].cells[0].text == "Exigence"]
    assert [[c.text for c in row.cells][:2] for t in gap_tables for row in t.rows[1:]] == [
        ["VEN-01 – Devis depuis le mobile", "Module tiers"], ["VEN-01 – Devis depuis le mobile", "Non couvert"]]
    props = document.core_properties
    assert props.language == "fr-FR" and props.created.date() == datetime.date(2026, 11, 16) \
        and props.modified == props.created          # the spec's date, never the time of writing


def test_docx_en_and_no_offers(tmp_path, en):
    path = tmp_path / "report.docx"
    report_docx.write(en, path)
    _, headings = _docx(path)
    assert headings[:4] == ["Method", "Ranking", "How each mark was computed", "Eliminated offers"]
    text = "\n".join(p.text for p in _docx(path)[0].paragraphs)
    assert "Alpha CRM:\nCouverture fonctionnelle: 7.3\n" in text   # each offer's marks, with their notes when scored
    empty = dataclasses.replace(en, offers=[], findings=[], robustness=Robustness(None, None))
    report_docx.write(empty, path)
    document, headings = _docx(path)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "No offer is eliminated." in text and "Fewer than two offers are ranked" in text
    assert "Nothing to report in the response files." in text
    assert len(document.inline_shapes) == 0


# -- all formats ---------------------------------------------------------------------------
WRITERS = {"md": report_md.write, "xlsx": report_xlsx.write, "docx": report_docx.write}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_same_result_same_bytes(tmp_path, fr, kind):
    first, second = tmp_path / f"a.{kind}", tmp_path / "b" / f"a.{kind}"
    second.parent.mkdir()
    WRITERS[kind](fr, first)
    WRITERS[kind](build_result("fr"), second)
    assert first.read_bytes() == second.read_bytes()
    if kind == "md":
        assert (tmp_path / "a-chart.png").read_bytes() == (tmp_path / "b" / "a-chart.png").read_bytes()
    else:
        with zipfile.ZipFile(first) as package:
            assert {info.date_time for info in package.infolist()} == {(2026, 11, 16, 0, 0, 0)}
            core = package.read("docProps/core.xml").decode()
            assert core.count("2026-11-16T00:00:00Z") >= 2


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_written_atomically(tmp_path, fr, kind, monkeypatch):
    """A failure while writing leaves the previous file whole and no temporary file behind."""
    target = tmp_path / f"report.{kind}"
    target.write_bytes(b"previous")
    with pytest.raises(CrmreqError):
        WRITERS[kind](fr, tmp_path / "missing" / f"report.{kind}")
    broken = dataclasses.replace(fr, offers=["not an offer"])
    with pytest.raises(AttributeError):
        WRITERS[kind](broken, target)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"report.{kind}"]


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_no_requirement_no_criterion(tmp_path, kind):
    bare = ScoreResult(lang="en", spec_name="Empty", requirements=[], criteria=[], offers=[],
                       robustness=Robustness(None, None))
    WRITERS[kind](bare, tmp_path / f"bare.{kind}")
    assert (tmp_path / f"bare.{kind}").stat().st_size > 0


def test_the_settings_used_are_the_ones_shown(tmp_path, fr):
    """Scores and weights from the [score] table, and the public-tender clause, reach every report."""
    answers = {"standard": 4.0, "configuration": 2.5, "third_party": 2.0, "custom": 1.0, "roadmap": 1.0,
               "not_supported": 0.0}
    custom = dataclasses.replace(fr, settings={"answers": answers, "weights": {"must": 5.0, "should": 2.0,
                                                                                "could": 1.0, "wont": 0.0},
                                               "unanswered": "standard"})
    text = report_md.render(custom)
    assert "Paramétrage 2,5" in text and "Indispensable 5," in text
    assert "réputée incluse dans l'offre (clause des marchés publics)" in text
    report_xlsx.write(custom, tmp_path / "custom.xlsx")
    method = openpyxl.load_workbook(tmp_path / "custom.xlsx")["Méthode"]
    assert method["B3"].value == 2.5 and method["B8"].value == "=B2"        # unanswered counts as Standard
    # the fixture's requirements still weigh 3 for a must-have: their weight is a value, not the formula
    responses = openpyxl.load_workbook(tmp_path / "custom.xlsx")["Réponses"]
    assert responses["A3"].value == "CRM-01" and responses["F3"].value == 3



def test_the_examples_of_docs_score_md_are_read_as_documented(tmp_path):
    """docs/score.md's configuration tables pass the [score] check; its evaluation files load clean."""
    from crmreq.score.evaluation import read_evaluation
    from crmreq.score.settings import score_settings

    doc = (Path(__file__).resolve().parents[2] / "docs" / "score.md").read_text(encoding="utf-8")
    tomls = re.findall(r"```toml\n(.*?)```", doc, re.S)
    yamls = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    assert len(tomls) == len(yamls) == 2                  # one of each in French and in English
    for block in tomls:
        settings = score_settings(tomllib.loads(block)["score"])
        assert settings.unanswered == "standard" and settings.answers["configuration"] == 2.5
        assert settings.weights["must"] == 5 and settings.answers["standard"] == 4    # the rest: defaults
    for n, block in enumerate(yamls):
        path = tmp_path / f"evaluation-{n}.yaml"
        path.write_text(block, encoding="utf-8")
        evaluation = read_evaluation(path, {"crit-references": "manual", "crit-eliminatoire": "manual"},
                                     {"demo-tournee", "demo-devis"})
        assert evaluation.problems == [] and [v.id for v in evaluation.vendors] == ["alpha"]
        assert evaluation.vendors[0].price == 48000
