"""Review of session 6, `crmreq score` side: the evaluation file's mistakes in the user's words
(no literal "{fix}", no list index, no Python value), and values that are no marks or prices
(booleans, .nan, .inf) reported instead of silently dropped."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.score.evaluation import read_evaluation

from score_fixtures import GOOD, build_consultation, fill_xlsx, write_evaluation

CRITERIA = {"C-MAT": "matrix", "C-PRIX": "price", "C-DEMO": "demos", "C-REF": "manual", "C-UE": "manual"}
DEMOS = {"D-1", "D-2"}


@pytest.fixture(scope="session")
def consultation(tmp_path_factory):
    return build_consultation(tmp_path_factory)


def problems(path):
    evaluation = read_evaluation(path, CRITERIA, DEMOS)
    return evaluation, {(p.pos.line, p.pos.column): p for p in evaluation.problems}


def test_wrong_types_are_said_in_the_users_words_with_a_fix_when_there_is_one(tmp_path):
    path = write_evaluation(tmp_path / "evaluation.yaml", """
        vendors:
          - id: alpha
            price: "48 000 €"
          - "beta"
          - id: 12
    """)
    _, found = problems(path)
    price, item, number = found[(3, 5)], found[(4, 5)], found[(5, 5)]
    assert "write 48000" in price.args["detail"]["en"] and price.args["fix"]["en"] == "replace with `48000`"
    assert item.args["detail"]["en"].startswith("the 2nd vendor expects keys below it")
    assert "le 2e éditeur" in item.args["detail"]["fr"] and "fix" not in item.args
    assert number.args["fix"]["en"] == 'replace with `"12"`'


@pytest.mark.parametrize("text, shown", [
    ("demos: {D-1: true}", "true"), ("marks: {C-REF: .nan}", ".nan"), ("demos: {D-1: .inf}", ".inf"),
])
def test_values_that_are_no_marks_are_reported_not_dropped(tmp_path, text, shown):
    path = write_evaluation(tmp_path / "evaluation.yaml", f"vendors:\n  - id: alpha\n    {text}\n")
    evaluation, found = problems(path)
    assert [p.code for p in evaluation.problems] == ["E002"]
    detail = evaluation.problems[0].args["detail"]["en"]
    # .nan and .inf are no number (the reader keeps them as written): the schema says a number is expected
    assert f"{shown} is not a mark between 0 and" in detail or f"expects a number, not `{shown}`" in detail, detail
    assert "True" not in evaluation.problems[0].args["detail"]["en"]
    assert all(value is None for value in (evaluation.vendors[0].marks | evaluation.vendors[0].demos).values())


@pytest.mark.parametrize("price", [".inf", ".nan", "true"])
def test_a_price_that_is_no_number_is_reported(tmp_path, price):
    path = write_evaluation(tmp_path / "evaluation.yaml", f"vendors:\n  - id: alpha\n    price: {price}\n")
    evaluation, _ = problems(path)
    assert [p.code for p in evaluation.problems] == ["E002"] and evaluation.vendors[0].price is None


def test_a_good_price_and_mark_are_no_finding(tmp_path):
    path = write_evaluation(tmp_path / "evaluation.yaml", """
        vendors:
          - {id: alpha, price: 48000.5, marks: {C-REF: 0}, demos: {D-1: 4}}
    """)
    evaluation, _ = problems(path)
    assert evaluation.problems == [] and evaluation.vendors[0].price == 48000.5


def test_score_prints_no_placeholder_for_a_finding_without_a_fix(consultation, tmp_path):
    response = fill_xlsx(consultation["xlsx"], tmp_path / "alpha.xlsx", GOOD)
    evaluation = write_evaluation(tmp_path / "evaluation.yaml", """
        vendors:
          - id: alpha
            name: [Alpha, CRM]
    """)
    result = CliRunner().invoke(main, ["--lang", "fr", "score", str(consultation["spec"]), str(response),
                                       "-e", str(evaluation), "--color", "never"])
    assert result.exit_code == 1, result.output
    assert "attend un texte, pas une liste" in result.output
    assert "{fix}" not in result.output and "{" not in result.output.split("evaluation.yaml")[-1]


def test_score_errors_that_end_the_run_are_said_in_the_runs_language(consultation, tmp_path):
    first = fill_xlsx(consultation["xlsx"], tmp_path / "a" / "alpha.xlsx", GOOD)
    second = fill_xlsx(consultation["xlsx"], tmp_path / "b" / "alpha.xlsx", GOOD)
    spec = str(consultation["spec"])
    twice = CliRunner().invoke(main, ["--lang", "fr", "score", spec, str(first), str(second)])
    assert twice.exit_code == 2
    assert "deux fichiers de réponse pour l'éditeur «\u00a0alpha\u00a0»" in twice.output
    unreadable = write_evaluation(tmp_path / "vide.yaml", "# rien encore\n")
    alone = CliRunner().invoke(main, ["--lang", "en", "score", spec, "-e", str(unreadable)])
    assert alone.exit_code == 2 and "the evaluation file cannot be read" in alone.output and "'" not in alone.output


def test_export_evaluation_refusals_are_said_in_french(consultation, tmp_path):
    target = tmp_path / "evaluation.yaml"
    target.write_text("vendors: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "fr", "export", "evaluation", str(consultation["spec"]),
                                       "-o", str(target), "--allow-errors"])
    assert result.exit_code == 2 and "n'est jamais écrasé" in result.output
    assert target.read_text(encoding="utf-8") == "vendors: []\n"


def test_a_formula_without_its_result_is_not_taken_for_a_blank_answer(consultation, tmp_path):
    """openpyxl (or any program) writes formulas without their result: the answer is the formula, not blank."""
    from crmreq.score.responses import Expected, read_response
    from crmreq.loader import load_spec

    answers = GOOD | {"F-1": '="Standard"', "F-2": None}
    path = fill_xlsx(consultation["xlsx"], tmp_path / "alpha.xlsx", answers)
    spec = load_spec(consultation["spec"] / "crmreq.yaml").spec
    response = read_response(path, Expected.of(spec), "not_supported")
    found = {(p.code, p.object): p.args for p in response.problems}
    assert found[("R003", "F-1")]["answer"] == '="Standard"' and "F-1" in response.invalid
    assert ("R002", "F-2") in found and ("R003", "F-2") not in found
