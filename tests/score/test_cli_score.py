"""`crmreq score` end to end (click's CliRunner): a consultation of three vendors, the text and JSON
outputs, the lint formats of the findings, the configuration, exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmreq.cli import main

from score_fixtures import COLUMN, GOOD, IDS, build_consultation, fill_csv, fill_xlsx, write_evaluation

pytest.importorskip("openpyxl")


@pytest.fixture(scope="session")
def consultation(tmp_path_factory):
    return build_consultation(tmp_path_factory)


@pytest.fixture(scope="module")
def offers(consultation, tmp_path_factory):
    """alpha (good), beta (a must-have Not supported: eliminated), gamma.csv (edited a requirement)."""
    folder = tmp_path_factory.mktemp("offers")

    def edit_title(rows):
        rows[3][COLUMN["title"] - 1] = "Relance des devis (manuelle)"       # F-3, line 4
    files = {
        "alpha": fill_xlsx(consultation["xlsx"], folder / "reponses" / "alpha.xlsx", GOOD, vendor="Alpha CRM SAS"),
        "beta": fill_xlsx(consultation["xlsx"], folder / "reponses" / "beta.xlsx",
                          dict.fromkeys(IDS, "Standard") | {"F-2": "Non couvert", "F-4": "Paramétrage"}),
        "gamma": fill_csv(consultation["csv_fr"], folder / "reponses" / "gamma.csv",
                          GOOD | {"F-1": "Paramétrage"}, edit=edit_title),
    }
    evaluation = write_evaluation(folder / "evaluation.yaml", """
        vendors:
          - {id: alpha, price: {amount: 50000, currency: EUR}, marks: {C-REF: 8, C-UE: 10}, demos: {D-1: 3, D-2: 4}}
          - {id: beta, name: Beta Software, price: 40000, marks: {C-REF: 9, C-UE: 10}, demos: {D-1: 4, D-2: 4}}
          - {id: gamma, name: Gamma, price: 55000, marks: {C-REF: 7, C-UE: 10}, demos: {D-1: 3, D-2: 3}}
    """)
    return {"spec": str(consultation["spec"]), "evaluation": str(evaluation), "folder": folder,
            **{k: str(v) for k, v in files.items()}}


def score(*args, **kwargs):
    return CliRunner().invoke(main, ["score", *args], **kwargs)


def test_text_report_ranks_explains_eliminations_robustness_and_findings(offers):
    result = score(offers["spec"], offers["alpha"], offers["beta"], offers["gamma"], "-e", offers["evaluation"],
                   "--lang", "fr")
    assert result.exit_code == 1, result.output         # gamma edited a requirement: R001 is an error
    out = result.output
    assert "Rang" in out and "Alpha CRM SAS" in out and "Gamma" in out and "C-PRIX" in out
    assert out.index("Alpha CRM SAS") < out.index("Gamma") < out.index("Offres éliminées") < out.index("Beta Software", out.index("Offres éliminées"))
    assert "F-2 (indispensable)\u00a0: Non couvert" in out
    assert "Alpha CRM SAS devance Gamma de" in out
    assert "gamma.csv" in out and "R001 error" in out and "a été modifié dans la réponse" in out


def test_json_is_the_document_of_product_section_7(offers):
    result = score(offers["spec"], offers["alpha"], offers["beta"], offers["gamma"], "--evaluation",
                   offers["evaluation"], "--format", "json", "--lang", "en")
    document = json.loads(result.stdout)
    assert set(document) == {"version", "offers", "robustness", "diagnostics"} and document["version"] == 1
    assert [(o["vendor"], o["rank"], o["eliminated"]) for o in document["offers"]] == [
        ("alpha", 1, False), ("gamma", 2, False), ("beta", None, True)]
    alpha = document["offers"][0]
    assert set(alpha) == {"vendor", "name", "rank", "total", "eliminated", "reasons", "marks", "coverage"}
    assert set(alpha["marks"]) == {"C-MAT", "C-PRIX", "C-DEMO", "C-REF", "C-UE"}
    assert alpha["marks"]["C-PRIX"] == 10                # beta's lower price is out of the running: alpha's sets the 10
    assert document["offers"][1]["marks"]["C-PRIX"] == round(10 * 50000 / 55000, 4)
    assert alpha["marks"]["C-DEMO"] == 8.75 and alpha["marks"]["C-REF"] == 8
    assert alpha["total"] == round(sum(w * alpha["marks"][c] for c, w in
                                       (("C-MAT", 40), ("C-PRIX", 30), ("C-DEMO", 20), ("C-REF", 10))) / 10, 4)
    assert set(alpha["coverage"]) == {"overall", "sections", "modules"}
    assert document["offers"][2]["reasons"] == ["F-2 (must-have): Not supported"]
    assert document["robustness"]["first"] == "alpha" and document["robustness"]["second"] == "gamma"
    assert {d["code"] for d in document["diagnostics"]} == {"R001"}
    assert document["diagnostics"][0]["file"].endswith("gamma.csv") and document["diagnostics"][0]["line"] == 4


def test_clean_responses_exit_zero_and_findings_can_be_ignored(offers):
    # the evaluation file lists gamma, whose response is not given: a usage error
    no_gamma = score(offers["spec"], offers["alpha"], offers["beta"], "-e", offers["evaluation"])
    assert no_gamma.exit_code == 2 and "vendor `gamma` has no response file" in no_gamma.output
    clean = write_evaluation(offers["folder"] / "two.yaml", """
        vendors:
          - {id: alpha, response: reponses/alpha.xlsx, price: 50000}
          - {id: beta, response: reponses/beta.xlsx, price: 40000}
    """)
    result = score(offers["spec"], "-e", str(clean), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["diagnostics"] == []
    ignored = score(offers["spec"], offers["gamma"], "--ignore", "R001", "--format", "json")
    assert ignored.exit_code == 0 and json.loads(ignored.stdout)["offers"][0]["vendor"] == "gamma"


@pytest.mark.parametrize("fmt, needle", [("sarif", '"ruleId": "R001"'), ("github", "::error file="),
                                          ("gitlab", '"check_name": "R001 response-does-not-match-spec"')])
def test_findings_in_every_lint_format(offers, fmt, needle):
    result = score(offers["spec"], offers["gamma"], "--format", fmt)
    assert result.exit_code == 1 and needle in result.stdout and "gamma.csv" in result.stdout


def test_the_score_table_of_the_configuration(offers, tmp_path):
    blank = fill_xlsx(offers["folder"] / "reponses" / "alpha.xlsx", tmp_path / "delta.xlsx", {"F-1": None})
    default = json.loads(score(offers["spec"], str(blank), "--format", "json").stdout)["offers"][0]
    assert default["eliminated"] and default["reasons"][0].startswith("F-1")
    config = tmp_path / "score.toml"
    config.write_text('[score]\nunanswered = "standard"\n[score.weights]\nmust = 5\n', encoding="utf-8")
    tender = json.loads(score(offers["spec"], str(blank), "--format", "json", "--config", str(config)).stdout)
    assert not tender["offers"][0]["eliminated"]
    config.write_text('[score]\nunanswered = "sometimes"\n', encoding="utf-8")
    bad = score(offers["spec"], str(blank), "--config", str(config))
    assert bad.exit_code == 2 and "unanswered must be" in bad.output and "Traceback" not in bad.output


def test_usage_errors_exit_2_on_one_line(offers, tmp_path, monkeypatch):
    assert score(offers["spec"], offers["alpha"], "--format", "md").exit_code == 2          # md needs -o
    assert score(offers["spec"], str(tmp_path / "absent.xlsx")).exit_code == 2
    assert score(offers["spec"]).exit_code == 2
    monkeypatch.setitem(sys.modules, "docx", None)         # the light install: no python-docx, no matplotlib
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert score(offers["spec"], offers["alpha"], "--format", "json").exit_code == 0    # openpyxl is in it
    result = score(offers["spec"], offers["alpha"], "--format", "docx", "-o", str(tmp_path / "report.docx"))
    assert result.exit_code == 2 and 'pip install "crmreq[export]"' in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_garbage_response_is_a_finding_not_a_traceback(offers, tmp_path):
    garbage = tmp_path / "omega.xlsx"
    garbage.write_bytes(bytes(range(256)) * 40)
    result = score(offers["spec"], offers["alpha"], str(garbage), "--lang", "en")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "omega.xlsx" in result.output and "R001" in result.output and "could not be read" in result.output


def test_outputs_to_files(offers, tmp_path, monkeypatch):
    text = tmp_path / "classement.txt"
    result = score(offers["spec"], offers["alpha"], offers["beta"], "-o", str(text))
    assert result.exit_code == 0 and "Alpha CRM SAS" in text.read_text(encoding="utf-8") and result.output == ""
    import types

    written = []        # the Markdown report itself is tested in test_reports*.py: here, that score calls it
    fake = types.ModuleType("crmreq.score.report_md")
    fake.write = lambda result, path: written.append((result, path))
    monkeypatch.setitem(sys.modules, "crmreq.score.report_md", fake)
    report = tmp_path / "rapport.md"
    result = score(offers["spec"], offers["alpha"], offers["beta"], "--format", "md", "-o", str(report))
    assert result.exit_code == 0, result.output
    assert [(r.offers[0].name, path) for r, path in written] == [("Alpha CRM SAS", report)]


def test_the_example_consultation_scores_as_the_readme_shows():
    """examples/fr-negoce/consultation follows the spec: when this fails after a change of the spec,
    run `python tools/consultation_example.py` and update the README's output."""
    example = Path(__file__).resolve().parents[2] / "examples" / "fr-negoce"
    result = score(str(example), "--evaluation", str(example / "consultation" / "evaluation.yaml"),
                   "--format", "json")
    document = json.loads(result.stdout)
    assert [d["code"] for d in document["diagnostics"] if d["code"] == "R001"] == [], \
        "the example's matrices no longer match the spec: python tools/consultation_example.py"
    assert result.exit_code == 0
    assert [(o["vendor"], o["rank"]) for o in document["offers"]] == [("kerlys", 1), ("vertigo", 2), ("opale", None)]
    assert sorted({d["code"] for d in document["diagnostics"]}) == ["R002", "R004", "R005"]
