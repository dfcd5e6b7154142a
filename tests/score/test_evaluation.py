"""The evaluation file: read with positions, checked (E001/E002/E005/E006), written ready to fill by
`crmreq export evaluation`, and matched with the response files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.errors import CrmreqError
from crmreq.score.evaluation import read_evaluation
from crmreq.score.run import pair_vendors

from score_fixtures import build_consultation, write_evaluation

CRITERIA = {"C-MAT": "matrix", "C-PRIX": "price", "C-DEMO": "demos", "C-REF": "manual", "C-UE": "manual"}
DEMOS = {"D-1", "D-2"}


@pytest.fixture(scope="session")
def consultation(tmp_path_factory):
    return build_consultation(tmp_path_factory)


def read(path):
    return read_evaluation(path, CRITERIA, DEMOS)


def found(evaluation):
    return [(p.code, p.pos.line, p.pos.column) for p in evaluation.problems]


def test_a_good_evaluation_file(tmp_path):
    path = write_evaluation(tmp_path / "evaluation.yaml", """
        vendors:
          - id: alpha
            name: Alpha CRM
            response: reponses/alpha.xlsx
            price: {amount: 48000, currency: EUR}
            marks: {C-REF: 8, C-UE: 10}
            demos: {D-1: 3, D-2: 4}
            x-notes: rappeler mardi
          - id: beta
            price: 52000.5
            marks: {C-REF: }
    """)
    evaluation = read(path)
    assert evaluation.problems == []
    alpha, beta = evaluation.vendors
    assert (alpha.name, alpha.price, alpha.currency, alpha.marks, alpha.demos) == (
        "Alpha CRM", 48000, "EUR", {"C-REF": 8, "C-UE": 10}, {"D-1": 3, "D-2": 4})
    assert alpha.response == tmp_path / "reponses" / "alpha.xlsx"       # relative to the evaluation file
    assert beta.price == 52000.5 and beta.marks == {"C-REF": None} and beta.pos.line == 9


def test_mistakes_are_findings_at_their_line(tmp_path):
    path = write_evaluation(tmp_path / "evaluation.yaml", """
        vendors:
          - id: alpha
            price: {amount: 0}
            marks: {C-REF: 12, C-PRIX: 5, C-REFS: 3}
            demos: {D-9: 2}
            colour: red
          - id: beta
            price: -3
          - id: alpha
    """)
    evaluation = read(path)
    assert found(evaluation) == [
        ("E002", 6, 5),       # unknown key colour
        ("E002", 4, 13),      # mark 12 out of 10
        ("E002", 3, 5),       # price 0
        ("E002", 8, 5),       # negative price
        ("E002", 4, 24),      # a mark for a criterion marked by its price
        ("E006", 4, 35),      # C-REFS: did you mean C-REF?
        ("E006", 5, 13),      # unknown demo
        ("E005", 9, 5),       # alpha twice
    ]
    messages = {p.code: p.args for p in evaluation.problems}
    assert messages["E006"]["suggestion_en"] == "Known ids: D-1, D-2"
    assert evaluation.problems[5].args["suggestion_en"] == "Did you mean `C-REF`?"
    assert "a price must be greater than 0" in evaluation.problems[2].args["detail"]["en"]
    alpha, beta = evaluation.vendors
    assert alpha.price is None and beta.price is None and alpha.marks == {"C-REF": None}


@pytest.mark.parametrize("name, text, line", [
    ("evaluation.yaml", "vendors:\n  - id: alpha\n    name: \"Alpha\n", 3),
    ("evaluation.toml", "[[vendors]]\nid = alpha\n", 2),
    ("evaluation.yaml", "- juste une liste\n", 1),
])
def test_a_file_that_cannot_be_read_is_e001(tmp_path, name, text, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    evaluation = read(path)
    assert not evaluation.usable and [(p.code, p.pos.line) for p in evaluation.problems] == [("E001", line)]


def test_toml_evaluation_file(tmp_path):
    path = write_evaluation(tmp_path / "evaluation.toml", """
        [[vendors]]
        id = "alpha"
        price = { amount = 48000, currency = "EUR" }
        [vendors.marks]
        C-REF = 11
    """)
    evaluation = read(path)
    assert found(evaluation) == [("E002", 5, 1)] and evaluation.vendors[0].price == 48000


# -- crmreq export evaluation ----------------------------------------------------------

@pytest.mark.parametrize("name, lang, words", [("evaluation.yaml", "fr", "votre note sur 10"),
                                               ("evaluation.toml", "en", "your mark out of 10"),
                                               ("eval.yml", "fr", "moyenne des notes de démonstration")])
def test_export_evaluation_writes_a_file_ready_to_fill(consultation, tmp_path, name, lang, words):
    target = tmp_path / name
    result = CliRunner().invoke(main, ["export", "evaluation", str(consultation["spec"]), "-o", str(target),
                                       "--allow-errors", "--lang", lang])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert words in text and "C-REF" in text and "D-2" in text and "C-PRIX" in text
    evaluation = read(target)
    assert evaluation.problems == [] and len(evaluation.vendors) == 3
    # the commented examples, once uncommented, are valid too
    filled = "\n".join(line.replace("# ", "", 1) if line.lstrip().startswith(("# price", "# C-REF", "# D-1", "# marks",
                                                                               "#   C-", "#   D-", "# demos",
                                                                               "# [vendors."))
                       else line for line in text.splitlines())
    again = tmp_path / f"filled{target.suffix}"
    again.write_text(filled, encoding="utf-8")
    filled_evaluation = read(again)
    assert [p.code for p in filled_evaluation.problems] == []
    assert filled_evaluation.vendors[0].price == 50000 and filled_evaluation.vendors[0].marks["C-REF"] == 5


def test_export_evaluation_never_overwrites_and_needs_a_known_extension(consultation, tmp_path):
    target = tmp_path / "evaluation.yaml"
    target.write_text("vendors: []  # mes notes\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "evaluation", str(consultation["spec"]), "-o", str(target),
                                       "--allow-errors"])
    assert result.exit_code == 2 and "never overwritten" in result.output
    assert target.read_text(encoding="utf-8") == "vendors: []  # mes notes\n"
    result = CliRunner().invoke(main, ["export", "evaluation", str(consultation["spec"]), "-o", str(tmp_path / "e.json"),
                                       "--allow-errors"])
    assert result.exit_code == 2 and ".yaml, .yml or .toml" in result.output
    assert not (tmp_path / "e.json").exists()


def test_the_vendor_pack_leaves_the_evaluation_file_out():
    from crmreq.plugins import load_plugins

    exporters = load_plugins().exporters
    assert exporters["evaluation"].in_pack is False and exporters["xlsx"].in_pack is True


# -- vendors and their response files ------------------------------------------------------

def test_vendors_are_named_after_their_files_without_an_evaluation(tmp_path):
    paired = pair_vendors([Path("r/alpha.xlsx"), Path("beta.csv")], None)
    assert [(vendor, str(path)) for vendor, path, _ in paired] == [("alpha", "r/alpha.xlsx"), ("beta", "beta.csv")]
    with pytest.raises(CrmreqError, match="two response files for vendor `alpha`"):
        pair_vendors([Path("a/alpha.xlsx"), Path("b/alpha.csv")], None)
    with pytest.raises(CrmreqError, match="no response file"):
        pair_vendors([], None)


def test_vendors_of_the_evaluation_file_and_their_responses(tmp_path):
    (tmp_path / "reponses").mkdir()
    for name in ("alpha.xlsx", "beta.csv", "delta.csv"):
        (tmp_path / "reponses" / name).write_text("x", encoding="utf-8")
    path = write_evaluation(tmp_path / "evaluation.yaml", """
        vendors:
          - id: alpha
            response: reponses/alpha.xlsx
          - id: beta
    """)
    evaluation = read(path)
    alpha = tmp_path / "reponses" / "alpha.xlsx"
    beta = tmp_path / "reponses" / "beta.csv"
    assert [(v, p) for v, p, _ in pair_vendors([alpha, beta], evaluation)] == [("alpha", alpha), ("beta", beta)]
    assert [v for v, _, _ in pair_vendors([beta], evaluation)] == ["alpha", "beta"]    # alpha's file from the evaluation
    with pytest.raises(CrmreqError, match=r"evaluation.yaml:4: vendor `beta` has no response file"):
        pair_vendors([], evaluation)
    with pytest.raises(CrmreqError, match="delta.csv: no vendor of .*evaluation.yaml has this response"):
        pair_vendors([beta, tmp_path / "reponses" / "delta.csv"], evaluation)
    twice = write_evaluation(tmp_path / "twice.yaml", """
        vendors:
          - {id: alpha, response: reponses/alpha.xlsx}
          - {id: gamma, response: reponses/alpha.xlsx}
    """)
    with pytest.raises(CrmreqError, match="vendors `alpha` and `gamma` have the same response file"):
        pair_vendors([], read(twice))
    missing = write_evaluation(tmp_path / "missing.yaml", "vendors:\n  - {id: alpha, response: nulle-part.xlsx}\n")
    with pytest.raises(CrmreqError, match="response file .*nulle-part.xlsx not found"):
        pair_vendors([], read(missing))
