"""Loader: positions (YAML and TOML), include, merge, guards, values kept as written."""

from __future__ import annotations

import os

import pytest

from crmreq.loader import load_spec

from conftest import write_spec

HEAD = """\
crmreq: 1
project:
  name: Test
  company: ACME
  lang: fr
"""


def problems(result, code=None):
    return [p for p in result.problems if code is None or p.code == code]


@pytest.fixture
def spec_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- positions ---------------------------------------------------------------------

def test_yaml_positions_of_items_and_keys(spec_dir):
    write_spec(spec_dir, HEAD + """\
features:
  - id: F1
    title: Fiche client
  - id: F2
    priority: must
""")
    spec = load_spec(spec_dir).spec
    f1, f2 = spec.features
    assert (f1.pos.line, f1.pos.column) == (7, 5)
    assert (f1.where("title").line, f1.where("title").column) == (8, 5)
    assert f2.where("priority").line == 10
    assert f2.where("scenario") == f2.pos  # missing field: the item itself
    assert spec.where("features").line == 6
    assert f1.pos.file == "crmreq.yaml"


def test_toml_positions_nested_tables_and_arrays_of_tables(spec_dir):
    write_spec(spec_dir, """\
crmreq = 1

[project]
name = "Test"
lang = "en"

[[features]]
id = "F1"
title = "Account record"

[[features]]
id = "F2"
# a comment
priority = "should"

[rgpd]
data_location = "FR"

[rgpd.retention]
prospects = "3 years after last contact"

[[rgpd.purposes]]
id = "P1"
legal_basis = "consent"

[timeline]
go_live = 2027-09-01
phases = [
  { id = "PH1", name = "Scoping", duration = "4 weeks" },
  { id = "PH2", duration = "6 weeks" },
]
""", name="crmreq.toml")
    spec = load_spec(spec_dir).spec
    f1, f2 = spec.features
    assert f1.pos.line == 7 and f1.where("title").line == 9
    assert f2.pos.line == 11 and f2.where("priority").line == 14
    assert spec.rgpd.where("data_location").line == 17
    assert spec.rgpd.retention_keys["prospects"].line == 20
    assert spec.rgpd.purposes[0].where("legal_basis").line == 24
    assert [p.pos.line for p in spec.timeline.phases] == [29, 30]
    assert spec.timeline.phases[1].duration.min_days == 42


def test_crlf_and_bom_are_accepted_with_same_positions(spec_dir):
    text = HEAD + "features:\n  - id: F1\n    title: x\n"
    (spec_dir / "crmreq.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = load_spec(spec_dir)
    assert not result.problems
    assert result.spec.features[0].where("title").line == 8


# -- include and merge ----------------------------------------------------------------

def test_include_globs_mix_yaml_and_toml_and_concatenate_lists(spec_dir):
    write_spec(spec_dir, HEAD + "include: [besoins/*.yaml, si.toml]\nfeatures:\n  - id: F0\n")
    write_spec(spec_dir, "features:\n  - id: F2\n", "besoins/b.yaml")
    write_spec(spec_dir, "features:\n  - id: F1\n", "besoins/a.yaml")
    write_spec(spec_dir, '[[systems]]\nid = "crm"\nkind = "crm"\n', "si.toml")
    result = load_spec(spec_dir)
    assert not result.problems
    assert [f.id for f in result.spec.features] == ["F0", "F1", "F2"]  # entry first, then sorted glob
    assert result.spec.features[1].pos.file == "besoins/a.yaml"
    assert result.spec.systems[0].pos.file == "si.toml"
    assert len(result.files) == 4


@pytest.mark.parametrize("pattern", ["../outside.yaml", "/etc/passwd", "../*.yaml", "sub/../../outside.yaml"])
def test_include_outside_the_spec_is_e004_and_not_read(tmp_path, monkeypatch, pattern):
    (tmp_path / "outside.yaml").write_text("features:\n  - id: LEAK\n")
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "sub").mkdir()
    monkeypatch.chdir(spec)
    write_spec(spec, HEAD + f"include: ['{pattern}']\n")
    result = load_spec(spec)
    e004 = problems(result, "E004")
    assert len(e004) == 1 and e004[0].pos.line == 6
    assert all(f.id != "LEAK" for f in result.spec.features)
    assert len(result.files) == 1


def test_include_symlink_leading_out_is_refused(tmp_path, monkeypatch):
    (tmp_path / "secret.yaml").write_text("features:\n  - id: LEAK\n")
    spec = tmp_path / "spec"
    spec.mkdir()
    os.symlink(tmp_path / "secret.yaml", spec / "link.yaml")
    monkeypatch.chdir(spec)
    write_spec(spec, HEAD + "include: [link.yaml]\n")
    result = load_spec(spec)
    assert [p.code for p in result.problems] == ["E004"]
    assert not result.spec.features


def test_include_missing_file_and_empty_glob_are_e004(spec_dir):
    write_spec(spec_dir, HEAD + "include:\n  - absent.yaml\n  - rien/*.toml\n")
    result = load_spec(spec_dir)
    assert [(p.code, p.pos.line) for p in result.problems] == [("E004", 7), ("E004", 8)]


def test_mapping_section_twice_is_e007_and_first_kept(spec_dir):
    write_spec(spec_dir, HEAD + "include: [more.yaml]\nbudget:\n  currency: EUR\n")
    write_spec(spec_dir, "budget:\n  currency: USD\n", "more.yaml")
    result = load_spec(spec_dir)
    e007 = problems(result, "E007")
    assert len(e007) == 1 and e007[0].pos.file == "more.yaml" and e007[0].pos.line == 1
    assert result.spec.budget.currency == "EUR"


def test_include_cycle_and_self_match_read_each_file_once(spec_dir):
    write_spec(spec_dir, HEAD + "include: ['*.yaml']\n")
    write_spec(spec_dir, "include: [crmreq.yaml]\nfeatures:\n  - id: F1\n", "a.yaml")
    result = load_spec(spec_dir)
    assert [f.id for f in result.spec.features] == ["F1"]
    assert len(result.files) == 2


# -- version and schema -----------------------------------------------------------------

def test_missing_version_is_e003(spec_dir):
    write_spec(spec_dir, "project:\n  name: x\n")
    assert [p.code for p in load_spec(spec_dir).problems] == ["E003"]


def test_unsupported_version_is_e003_at_the_value(spec_dir):
    write_spec(spec_dir, "crmreq: 2\nproject:\n  name: x\n")
    (problem,) = load_spec(spec_dir).problems
    assert problem.code == "E003" and (problem.pos.line, problem.pos.column) == (1, 9)


def test_schema_errors_point_at_the_offending_key(spec_dir):
    write_spec(spec_dir, HEAD + """\
features:
  - id: F1
    priorty: must
  - id: F2
    priority: urgent
    teams: ventes
systems:
  - id: crm
    kind: excel
""")
    e002 = [(p.pos.line, p.args["detail"]["en"]) for p in problems(load_spec(spec_dir), "E002")]
    assert [line for line, _ in e002] == [8, 10, 11, 14]
    assert e002[0][1] == "unknown key `priorty`: did you mean `priority`?"
    assert e002[1][1].startswith("unknown priority `urgent`: did you mean `must`?")
    assert e002[2][1] == "`teams` expects a list: write `teams: [ventes]`, or one `- ventes` line per item"
    assert e002[3][1].startswith("`excel` is not an allowed value of `kind`: did you mean `spreadsheet`?")


def test_x_keys_are_free_everywhere(spec_dir):
    write_spec(spec_dir, HEAD + "x-notes: libre\nfeatures:\n  - id: F1\n    x-jira: CRM-12\n")
    result = load_spec(spec_dir)
    assert not result.problems
    assert result.spec.extensions["x-notes"] == "libre"


def test_missing_project_is_e002(spec_dir):
    write_spec(spec_dir, "crmreq: 1\nfeatures: []\n")
    assert [p.code for p in load_spec(spec_dir).problems] == ["E002"]


# -- values kept as written ---------------------------------------------------------------

def test_plain_scalars_in_text_fields_keep_the_written_text(spec_dir):
    write_spec(spec_dir, """\
crmreq: 1
project:
  name: 2027
  version: 1.10
  lang: fr
stakeholders:
  - id: 007
    name: Paul
    email: no
context:
  situation:
    sites: [01000, 69003]
""")
    result = load_spec(spec_dir)
    assert not result.problems
    spec = result.spec
    assert spec.project.version == "1.10" and spec.project.name == "2027"
    assert spec.stakeholders[0].id == "007" and spec.stakeholders[0].email == "no"
    assert spec.context.situation.sites == ("01000", "69003")


def test_priorities_and_values_are_normalised_once(spec_dir):
    write_spec(spec_dir, HEAD + """\
timeline:
  go_live: 2027-09-01
  phases:
    - id: PH1
      duration: 4-6 semaines
objectives:
  - id: O1
    target: "30 %"
    baseline: {value: 18, unit: "%"}
    deadline: 6 mois après la mise en production
    priority: indispensable
features:
  - id: F1
    priority: Confort
""")
    spec = load_spec(spec_dir).spec
    objective = spec.objectives[0]
    assert objective.priority == "must" and spec.features[0].priority == "could"
    assert (objective.target.value, objective.target.unit) == (30, "%")
    assert objective.baseline.value == 18
    assert objective.deadline.kind == "relative"
    assert str(objective.deadline.resolve(spec.timeline.go_live)) == "2028-03-01"
    assert (spec.timeline.phases[0].duration.min_days, spec.timeline.phases[0].duration.max_days) == (28, 42)


# -- guards -------------------------------------------------------------------------------

def _only_e001(result):
    assert [p.code for p in result.problems] == ["E001"], result.problems
    return result.problems[0]


def test_billion_laughs_is_refused_quickly(spec_dir):
    lines = ['lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join(f"*{prev}" for _ in range(9)) + "]")
    write_spec(spec_dir, "\n".join(lines) + "\n")
    result = load_spec(spec_dir)
    problem = _only_e001(result)
    assert "alias" in problem.args["detail"]["en"]


def test_deep_nesting_is_e001(spec_dir):
    write_spec(spec_dir, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "nested" in _only_e001(load_spec(spec_dir)).args["detail"]["en"]


def test_deep_toml_nesting_is_e001(spec_dir):
    write_spec(spec_dir, "a = " + "[" * 3000 + "]" * 3000 + "\n", name="crmreq.toml")
    _only_e001(load_spec(spec_dir))


def test_invalid_utf8_gives_line_and_column(spec_dir):
    (spec_dir / "crmreq.yaml").write_bytes(b"crmreq: 1\nproject:\n  name: caf\xe9\n")
    problem = _only_e001(load_spec(spec_dir))
    assert (problem.pos.line, problem.pos.column) == (3, 12)


@pytest.mark.parametrize("text,word", [
    ("", "empty"), ("# only a comment\n", "empty"), ("- a\n- b\n", "list"), ("just text\n", "single value"),
])
def test_empty_list_or_scalar_files_are_e001(spec_dir, text, word):
    (spec_dir / "crmreq.yaml").write_text(text)
    assert word in _only_e001(load_spec(spec_dir)).args["detail"]["en"]


def test_size_limit_is_configurable(spec_dir):
    write_spec(spec_dir, HEAD + "x-pad: '" + "a" * 2000 + "'\n")
    assert "too large" in _only_e001(load_spec(spec_dir, max_file_size=1000)).args["detail"]["en"]
    assert not load_spec(spec_dir).problems


@pytest.mark.parametrize("text", [
    "a: " + "1" * 5000 + "\n",
    "%YAML 1.1\n---\na: no\n",
    "a: !!python/object/apply:os.system ['echo hi']\n",
    "a: !!set {x, y}\n",
    "a: !foo bar\n",
    "a: &x [1, *x]\n",
    "? [a]\n: 1\n",
    "a: 1\na: 2\n",
    "a: *undefined\n",
    "a: b\n---\nc: d\n",
    "a: 'x\x00y'\n",
])
def test_hostile_yaml_gives_e001_not_a_traceback(spec_dir, text):
    (spec_dir / "crmreq.yaml").write_text(text)
    result = load_spec(spec_dir)
    assert "E001" in {p.code for p in result.problems}
    assert result.spec is not None


def test_duplicate_key_keeps_first_value_and_reports_second(spec_dir):
    write_spec(spec_dir, HEAD + "context:\n  history: a\n  history: b\n")
    result = load_spec(spec_dir)
    problem = _only_e001(result)
    assert problem.pos.line == 8 and result.spec.context.history == "a"


def test_hostile_toml_gives_e001(spec_dir):
    write_spec(spec_dir, "a = " + "1" * 5000 + "\n", name="crmreq.toml")
    _only_e001(load_spec(spec_dir))


# -- parse errors in the user's words, where the mistake is (issue 15) ----------------------

_PARSER_WORDS = ("while ", " expected", "found ", "not allowed", "Invalid", "Cannot", "Unterminated", "Unclosed",
                 "Illegal", "token")
_LONG = "".join(f"  x-{n}: {n}\n" for n in range(40))


@pytest.mark.parametrize("name, text, line, column, fr, en", [
    ("crmreq.yaml", "crmreq: 1\nproject:\n\tname: T\n", 3, 1, "tabulation", "tab character"),
    ("crmreq.yaml", "crmreq: 1\nproject:\n  title: Tâches: rappels\n", 3, 16, "s'écrit entre guillemets",
     "must be written in quotes"),
    ("crmreq.yaml", "crmreq: 1\nproject:\n  name: T\n   lang: fr\n", 4, 4, "plus en retrait que la clé au-dessus",
     "indented more than the key above"),
    ("crmreq.yaml", "crmreq: 1\nproject:\n  name: T\n lang: fr\n", 4, 2, "n'est pas alignée", "does not line up"),
    ("crmreq.yaml", 'crmreq: 1\nproject:\n  name: "T\n' + _LONG, 3, 9, "guillemet ouvert ici", "quote opened here"),
    ("crmreq.yaml", "crmreq: 1\nproject:\n  authors: [a, b\n" + _LONG, 3, 12, "crochet ou accolade ouvert ici",
     "bracket opened here"),
    ("crmreq.yaml", "crmreq: 1\nproject:\n  name: T\n  name: U\n", 4, 3, "clé «\u00a0name\u00a0» en double",
     "duplicate key `name`"),
    ("crmreq.yaml", "crmreq: 1\nproject:\n  name: T\n  lang\n  date: 2026-01-01\n", 4, 3, "ligne sans",
     "a line with neither"),
    ("crmreq.yaml", "crmreq: 1\nproject:\n  owner: ?\n", 3, 10, "«\u00a0?\u00a0» seul", "a lone `?`"),
    ("crmreq.yaml", 'crmreq: 1\nproject:\n  name: "T" plus\n', 3, 13, "du texte suit le guillemet fermant",
     "text after the closing quote"),
    ("crmreq.toml", "crmreq = 1\n[project]\nname = Tâches rappels\n", 3, 8,
     'un texte s\'écrit entre guillemets\u00a0: name = "Tâches rappels"', 'a text is written in quotes: name = "Tâches'),
    ("crmreq.toml", 'crmreq = 1\n[project]\nname = "T\nlang = "fr"\n', 3, 8, "guillemet ouvert ici", "quote opened here"),
    ("crmreq.toml", 'crmreq = 1\n[project]\nname = """T\n' + _LONG.replace(":", " ="), 3, 8, "guillemet ouvert ici",
     "quote opened here"),
    ("crmreq.toml", 'crmreq = 1\n[project]\nauthors = ["a", "b"\nlang = "fr"\n', 3, 11, "crochet ou accolade",
     "bracket opened here"),
    ("crmreq.toml", 'crmreq = 1\n[project]\nname = "T"\nname = "U"\n', 4, 1,
     "clé «\u00a0name\u00a0» en double (première définition ligne 3)", "duplicate key `name` (first defined on line 3)"),
    ("crmreq.toml", 'crmreq = 1\n[project]\nname = "T"\n[project]\nlang = "fr"\n', 4, 1,
     "table [project] déclarée deux fois", "table [project] declared twice (first on line 2)"),
    ("crmreq.toml", 'crmreq = 1\n[project]\nname: "T"\n', 3, 5, "remplacez les deux-points par =",
     "replace the colon with ="),
])
def test_a_parse_error_says_what_is_wrong_where_in_both_languages(spec_dir, name, text, line, column, fr, en):
    (spec_dir / name).write_text(text, encoding="utf-8")
    problem = _only_e001(load_spec(spec_dir))
    assert (problem.pos.line, problem.pos.column) == (line, column)
    assert fr in problem.args["detail"]["fr"] and en in problem.args["detail"]["en"], problem.args["detail"]
    for words in problem.args["detail"].values():
        assert not any(word in words for word in _PARSER_WORDS), words


def test_the_parsers_own_words_show_only_with_debug(spec_dir):
    import json

    from click.testing import CliRunner

    from crmreq.cli import main

    (spec_dir / "crmreq.toml").write_text('crmreq = 1\n[project]\nname = "T"\nname = "U"\n', encoding="utf-8")
    plain = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", "fr"])
    debug = CliRunner().invoke(main, ["--debug", "lint", "--format", "json", "--lang", "fr"])
    [finding] = json.loads(plain.stdout)["diagnostics"]
    [with_raw] = json.loads(debug.stdout)["diagnostics"]
    assert "Cannot overwrite" not in finding["message"]
    assert with_raw["message"] == finding["message"] + " [Cannot overwrite a value]"
