"""Review of session 7: what a black-box attack on the commands found, each with the test that shows it fixed."""

from __future__ import annotations

import pytest

from conftest import lint_path, write_spec


@pytest.mark.parametrize("text", ["~\n", "null\n", "# notes\nnull\n"])
def test_an_entry_file_holding_only_null_is_not_a_spec_that_passes(tmp_path, text):
    write_spec(tmp_path, text)
    findings = lint_path(tmp_path)
    assert [(f.code, f.line) for f in findings] == [("E001", 1)]
    assert "null" in findings[0].message


# -- a configuration mistake is a configuration error (exit 2), said in the user's words ---------

@pytest.mark.parametrize("config, said", [
    ('per-file-ignores = {"*.yaml" = [1]}', "'per-file-ignores' maps file globs to lists of codes"),
    ("plugins = [1]", "'plugins' must be a list of module names or .py paths"),
    ("must-share-max = [60]", "option 'must-share-max' expects a number or a text"),
    ("must-share-max = true", "option 'must-share-max' expects a number or a text"),
    ("required-nfr = 3", "option 'required-nfr' expects a list or a text"),
])
def test_a_wrong_configuration_value_is_one_line_and_exit_2(crmreq_cli, config, said):
    outcome = crmreq_cli("lint", "--lang", "en", spec="crmreq: 1\nproject: {name: X, company: Y, lang: en}\n",
                         config=config)
    assert outcome.exit_code == 2 and said in outcome.stderr, outcome.stderr
    assert "internal error" not in outcome.stderr and "(list)" not in outcome.stderr


# -- numbers that are no number ------------------------------------------------------------------

@pytest.mark.parametrize("fmt, lines, shown", [
    ("yaml", "budget:\n  lines:\n    - {category: licences, amount: .nan}\n", ".nan"),
    ("yaml", "budget:\n  lines:\n    - {category: setup, amount: -.inf}\n", "-.inf"),
    ("yaml", "budget:\n  lines:\n    - {category: setup, min: 10, max: 1e400}\n", "1e400"),
    ("toml", "[[budget.lines]]\ncategory = \"setup\"\namount = nan\n", "nan"),
    ("toml", "[[budget.lines]]\ncategory = \"setup\"\namount = -inf\n", "-inf"),
])
def test_nan_and_infinity_are_no_amount(tmp_path, fmt, lines, shown):
    head = ("crmreq: 1\nproject: {name: X, company: Y, lang: en}\n" if fmt == "yaml"
            else "crmreq = 1\n[project]\nname = \"X\"\ncompany = \"Y\"\nlang = \"en\"\n")
    write_spec(tmp_path, head + lines, f"crmreq.{fmt}")
    (finding,) = [f for f in lint_path(tmp_path) if f.code == "E002"]
    assert f"expects a number, not `{shown}`" in finding.message, finding.message


def test_score_weights_must_be_finite():
    from crmreq.errors import ConfigError
    from crmreq.score.settings import score_settings

    for table in ({"weights": {"must": float("nan")}}, {"answers": {"standard": float("inf")}}):
        with pytest.raises(ConfigError):
            score_settings(table, ".crmreq.toml")


@pytest.mark.parametrize("day", ["2108-01-01", "9999-12-30", "1900-01-01"])
def test_a_spec_dated_outside_the_zip_years_still_exports(tmp_path, day):
    """A zip entry can only be dated 1980–2107: the Office files of a spec dated 2108 are still written."""
    import openpyxl
    from docx import Document

    from crmreq.export.engine import export_format
    from conftest import builtin_plugins
    from crmreq.loader import load_spec

    write_spec(tmp_path, f"crmreq: 1\nproject: {{name: X, company: Y, lang: fr, date: {day}}}\n")
    spec = load_spec(tmp_path).spec
    exporters = builtin_plugins().exporters
    xlsx = export_format(exporters["xlsx"], spec, tmp_path / "m.xlsx", {"lang": "fr"})
    docx = export_format(exporters["docx"], spec, tmp_path / "c.docx", {"lang": "fr"})
    assert openpyxl.load_workbook(xlsx).properties.created.year == int(day[:4])
    assert Document(str(docx)).paragraphs


# -- an output never lands on a file the run reads ---------------------------------------------------

SMALL = "crmreq: 1\ninclude: [besoins.yaml]\nproject: {name: X, company: Y, lang: en}\n"


@pytest.mark.parametrize("args", [
    ("lint", ".", "-o", "crmreq.yaml"),
    ("lint", ".", "--format", "json", "-o", "besoins.yaml"),
    ("export", "md", ".", "-o", "crmreq.yaml", "--allow-errors"),
])
def test_a_report_or_an_export_is_not_written_over_the_spec(crmreq_cli, tmp_path, args):
    outcome = crmreq_cli(*args, spec=SMALL, files={"besoins.yaml": "features: []\n"})
    assert outcome.exit_code == 2 and "does not overwrite it" in outcome.stderr, outcome.stderr
    assert (tmp_path / "crmreq.yaml").read_text(encoding="utf-8") == SMALL
    assert (tmp_path / "besoins.yaml").read_text(encoding="utf-8") == "features: []\n"


def test_a_score_report_is_not_written_over_a_vendors_matrix(tmp_path, monkeypatch):
    import shutil

    from click.testing import CliRunner

    from conftest import EXAMPLES
    from crmreq.cli import main

    shutil.copytree(EXAMPLES / "fr-negoce", tmp_path / "spec")
    monkeypatch.chdir(tmp_path / "spec")
    matrix = tmp_path / "spec" / "consultation" / "reponses" / "opale.xlsx"
    before = matrix.read_bytes()
    for fmt, target in (("md", matrix), ("json", "consultation/evaluation.yaml"),
                        ("md", matrix.with_name("opale.md"))):   # the chart: opale-chart.png, not an input
        result = CliRunner().invoke(main, ["score", ".", "-e", "consultation/evaluation.yaml", "--format", fmt,
                                           "-o", str(target), "--lang", "en"])
        if target == matrix.with_name("opale.md"):
            assert result.exit_code == 0 and result.stdout.splitlines()[-1].endswith("opale-chart.png"), result.output
        else:
            assert result.exit_code == 2 and "does not overwrite it" in result.stderr, result.output
    assert matrix.read_bytes() == before


@pytest.mark.parametrize("section, silent", [
    ("budget: [1, 2]", {"B001", "B002"}),
    ("timeline: [1, 2]", {"L001", "L005"}),
    ("consultation: oui", {"V001", "V004", "V006"}),
])
def test_a_section_that_failed_the_schema_is_not_also_missing(tmp_path, section, silent):
    """One cause, one finding: E002 says the section is written wrong; no rule says it is missing."""
    write_spec(tmp_path, f"crmreq: 1\nproject: {{name: X, company: Y, lang: fr}}\n{section}\n")
    codes = {f.code for f in lint_path(tmp_path)}
    assert "E002" in codes and not codes & silent, codes


def test_an_unclosed_suppression_comment_does_not_swallow_the_next_lines(tmp_path):
    write_spec(tmp_path, """
        crmreq: 1
        project: {name: X, company: Y, lang: en}
        features:
          # crmreq: ignore[
          - id: F3
            title: C
          - id: F4  # crmreq: ignore[P002]
            title: D
    """)
    unused = [f for f in lint_path(tmp_path) if f.code == "X001"]
    assert [(f.line, "\n" in f.message) for f in unused] == [(7, False)]   # F4's own comment, read alone


@pytest.mark.parametrize("vendors, said", [
    ("vendors: [{id: 3}]", ":1:12: `id` expects a text"),
    ("vendors: {a: 1}", ":1:1: `vendors` expects a list"),
    ("vendors: [alpha, 3]", ":1:11: the 1st vendor expects keys below it"),
])
def test_vendors_written_wrong_are_said_where_not_called_absent(tmp_path, monkeypatch, vendors, said):
    import shutil

    from click.testing import CliRunner

    from conftest import EXAMPLES
    from crmreq.cli import main

    shutil.copytree(EXAMPLES / "fr-negoce", tmp_path / "spec")
    monkeypatch.chdir(tmp_path / "spec")
    (tmp_path / "spec" / "eval.yaml").write_text(vendors + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", ".", "-e", "eval.yaml", "--lang", "en"])
    assert result.exit_code == 2 and said in result.stderr and "no vendor to score" in result.stderr, result.stderr
    assert "lists none" not in result.stderr


@pytest.mark.parametrize("lang, said", [
    ("fr", ".crmreq.toml:1:3\u00a0: TOML invalide\u00a0: une clé demande = et une valeur"),
    ("en", ".crmreq.toml:1:3: invalid TOML: a key needs = and a value"),
])
def test_a_broken_configuration_file_is_said_where_in_the_run_language(crmreq_cli, lang, said):
    outcome = crmreq_cli("lint", "--lang", lang, spec="crmreq: 1\nproject: {name: X, company: Y, lang: en}\n",
                         config="a b = 1\n")
    assert outcome.exit_code == 2 and said in outcome.stderr, outcome.stderr
    assert "Expected" not in outcome.stderr


def test_an_acronym_is_not_the_word_of_the_same_letters(tmp_path):
    write_spec(tmp_path, """
        crmreq: 1
        project: {name: X, company: Y, lang: en}
        features:
          - id: F1
            title: Show the ETC (estimated time to completion) of each ticket
          - id: F2
            title: Show the status, the owner, etc.
    """)
    assert [f.object for f in lint_path(tmp_path) if f.code == "W003"] == ["F2"]


def test_dash_as_output_is_standard_output(crmreq_cli, tmp_path):
    outcome = crmreq_cli("lint", "--format", "json", "-o", "-",
                         spec="crmreq: 1\nproject: {name: X, company: Y, lang: en}\n")
    assert outcome.stdout.startswith("{") and not (tmp_path / "-").exists()


@pytest.mark.parametrize("lang, name, stem", [
    ("en", "日本語", "requirements"), ("en", "...", "requirements"), ("fr", "😀", "cahier-des-charges"),
    ("en", None, "requirements"), ("fr", "CRM Négoce 2027", "crm-negoce-2027"),
])
def test_export_file_names_without_a_usable_project_name_follow_the_language(tmp_path, lang, name, stem):
    from crmreq.export.names import base_name
    from crmreq.loader import load_spec

    shown = f", name: {name!r}" if name else ""
    write_spec(tmp_path, f"crmreq: 1\nproject: {{company: Y, lang: {lang}{shown}}}\n")
    assert base_name(load_spec(tmp_path).spec) == stem


@pytest.mark.parametrize("config", ['must-share-max = "x"', "must-share-max = nan", "must-share-max = -1",
                                    "must-share-max = 150", "must-share-min-features = 0",
                                    '[options]\nmust-share-max = "x"'])
def test_a_rule_option_it_cannot_use_is_a_configuration_error(crmreq_cli, config):
    outcome = crmreq_cli("lint", "--lang", "en", spec="crmreq: 1\nproject: {name: X, company: Y, lang: en}\n",
                         config=config)
    assert outcome.exit_code == 2 and "cannot be" in outcome.stderr and "share" in outcome.stderr, outcome.stderr


@pytest.mark.parametrize("config", ['must-share-max = "70 %"', "must-share-max = 0.7", "must-share-max = 70",
                                    "must-share-min-features = 3"])
def test_a_usable_rule_option_is_taken(crmreq_cli, config):
    outcome = crmreq_cli("lint", spec="crmreq: 1\nproject: {name: X, company: Y, lang: en}\n", config=config)
    assert outcome.exit_code in (0, 1) and outcome.stderr == "", outcome.stderr


def test_include_problems_say_what_the_path_is(tmp_path):
    import os

    write_spec(tmp_path, "crmreq: 1\ninclude: [a.yaml, d.yaml]\nproject: {name: X, company: Y, lang: en}\n")
    os.symlink("b.yaml", tmp_path / "a.yaml")
    os.symlink("a.yaml", tmp_path / "b.yaml")
    (tmp_path / "d.yaml").mkdir()
    messages = [f.message for f in lint_path(tmp_path) if f.code == "E004"]
    assert any("symbolic link that leads to no file" in m for m in messages), messages
    assert any("is a folder: include its files" in m for m in messages), messages


def test_a_response_with_two_vendor_response_columns_says_which_one_is_read(tmp_path, monkeypatch):
    import shutil

    from click.testing import CliRunner

    from conftest import EXAMPLES
    from crmreq.cli import main

    shutil.copytree(EXAMPLES / "fr-negoce", tmp_path / "spec")
    monkeypatch.chdir(tmp_path / "spec")
    source = tmp_path / "spec" / "consultation" / "reponses" / "vertigo.csv"
    lines = source.read_bytes().decode("cp1252").splitlines()
    doubled = [line + (";Réponse éditeur" if number == 0 else ";") for number, line in enumerate(lines)]
    target = tmp_path / "vertigo.csv"
    target.write_bytes("\r\n".join(doubled).encode("cp1252"))
    result = CliRunner().invoke(main, ["score", ".", str(target), "--format", "json", "--lang", "fr"])
    import json

    messages = [d["message"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "R001"]
    assert any("deux colonnes" in m and "seule la première est lue" in m for m in messages), messages


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_why_the_system_refused_is_said_in_french_in_a_french_run(crmreq_cli):
    outcome = crmreq_cli("export", "md", ".", "-o", "/dev/full", "--allow-errors", "--lang", "fr",
                         spec="crmreq: 1\nproject: {name: X, company: Y, lang: fr}\n")
    assert outcome.exit_code == 2 and "plus de place sur le disque" in outcome.stderr, outcome.stderr
    assert "No space" not in outcome.stderr


# -- a consultant's words the wording rules must not misread (a second spec review) ----------------

@pytest.mark.parametrize("title", [
    "Fundraisers secure funding from trusts separately",
    "Pledges secured at events are excluded from the appeal",
    "Major-gift officers who secure pledges of 5,000 EUR are notified",
    "Donors whose legacy is secured are excluded",
    "Le devis distingue un réducteur à simple étage d'un vérin simple effet",
    "Le rapport indique le fluide de lubrification utilisé et les fluides frigorigènes",
])
def test_words_of_a_trade_are_not_vague_terms(tmp_path, title):
    write_spec(tmp_path, f"crmreq: 1\nproject: {{name: X, company: Y, lang: en}}\nfeatures:\n  - {{id: F1, title: \"{title}\"}}\n")
    assert [f.message for f in lint_path(tmp_path) if f.code == "W001"] == []


@pytest.mark.parametrize("title", ["Secure access to the portal", "Un parcours simple et fluide"])
def test_the_same_words_as_qualities_are_still_vague(tmp_path, title):
    write_spec(tmp_path, f"crmreq: 1\nproject: {{name: X, company: Y, lang: en}}\nfeatures:\n  - {{id: F1, title: \"{title}\"}}\n")
    assert [f.code for f in lint_path(tmp_path) if f.code == "W001"] == ["W001"]


RGPD_SPEC = """
crmreq: 1
project: {name: X, company: Y, lang: en}
context:
  situation: {market: "Private individuals in Ireland; 60 corporate partners"}
rgpd:
  data_location: EU
  purposes:
    - {id: P1, name: "Fundraising appeals by e-mail to prospective donors", legal_basis: legitimate_interest}
  retention:
    prospective-donors: "5 years after the last contact"
"""


def test_a_charity_writing_to_donors_by_email_on_legitimate_interest_is_g013_and_its_retention_g011(tmp_path):
    write_spec(tmp_path, RGPD_SPEC)
    codes = [f.code for f in lint_path(tmp_path)]
    assert "G013" in codes and "G011" in codes, codes


def test_a_suppression_on_the_first_toml_table_header_covers_that_table_only(tmp_path):
    write_spec(tmp_path, 'crmreq = 1\ninclude = ["systems.toml"]\n[project]\nname = "X"\ncompany = "Y"\nlang = "en"\n',
               "crmreq.toml")
    write_spec(tmp_path, '[[systems]]  # crmreq: ignore[E002]\nid = "erp"\nname = "ERP"\nkind = "erpp"\n\n'
                         '[[systems]]\nid = "web"\nname = "Web"\nkind = "website"\nhostng = "saas"\n', "systems.toml")
    assert [(f.code, f.line) for f in lint_path(tmp_path, select=("E", "X"))] == [("E002", 10)]


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_each_mark_is_shown_with_how_it_was_computed(tmp_path, monkeypatch, fmt):
    """§7: every figure shown with how it was computed: the price formula with its figures, the
    mean of the demos, the matrix coverage."""
    import shutil

    from click.testing import CliRunner

    from conftest import EXAMPLES
    from crmreq.cli import main

    shutil.copytree(EXAMPLES / "fr-negoce", tmp_path / "spec")
    monkeypatch.chdir(tmp_path / "spec")
    args = ["score", ".", "-e", "consultation/evaluation.yaml", "--format", fmt]
    result = CliRunner().invoke(main, args + (["-o", str(tmp_path / "r.md")] if fmt == "md" else []))
    said = (tmp_path / "r.md").read_text(encoding="utf-8") if fmt == "md" else result.stdout
    assert "Comment chaque note a été calculée" in said
    assert "10 × 84\u202f500 / 96\u202f400" in said and "moyenne des démonstrations" in said
