"""`crmreq init`: the scaffold loads cleanly in both languages and formats, explains itself,
ships the feature catalogue, never overwrites anything, and asks its questions."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from crmreq import scaffold
from crmreq.cli import main
from crmreq.scaffold import Answers, expected_data, role_of, scaffold_files
from crmreq.scaffold.render import Item, Node, comment_lines, data_of, render_toml, render_yaml
from crmreq.schema import base_schema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TODAY = dt.date(2026, 3, 2)
VARIANTS = [(lang, fmt) for lang in ("fr", "en") for fmt in ("yaml", "toml")]
ENTRY = {"yaml": "crmreq.yaml", "toml": "crmreq.toml"}


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def lint_json(path: Path, *options) -> dict:
    result = run("lint", str(path), "--format", "json", *options)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def load(path: Path):
    if path.suffix == ".toml":
        return tomllib.loads(path.read_text(encoding="utf-8"))
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scaffolds(tmp_path_factory):
    """One scaffold per language × format, written by the real command."""
    root = tmp_path_factory.mktemp("scaffolds")
    made = {}
    for lang, fmt in VARIANTS:
        target = root / f"{lang}-{fmt}"
        result = run("init", str(target), "--lang", lang, "--format", fmt)
        assert result.exit_code == 0, result.output
        made[lang, fmt] = target
    return made


# --------------------------------------------------------------------------------------
# It loads, with no loading error, and holds exactly the data it was built from
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, fmt", VARIANTS)
def test_scaffold_has_no_loading_error(scaffolds, lang, fmt):
    report = lint_json(scaffolds[lang, fmt], "--select", "E")
    assert report["diagnostics"] == []
    assert report["summary"]["files"] == 7


@pytest.mark.parametrize("lang, fmt", VARIANTS)
def test_scaffold_texts_pass_wording_and_suppression_rules(scaffolds, lang, fmt):
    """The template's own prose is clean (W001–W004), its worked objective is SMART (S),
    and no comment is mistaken for a `crmreq: ignore[…]` suppression (X001). The budget lines
    wait for their amounts: one B004 each, as the budget's comment says."""
    report = lint_json(scaffolds[lang, fmt], "--select", "W,S,X,G,N,B,V002,V003,V005,V007,F001,F002,F004,F005,"
                                                         "F006,F007,F008,F009,F010")
    assert [(d["code"], d["message"]) for d in report["diagnostics"] if d["code"] != "B004"] == []
    b004 = [d["object"] for d in report["diagnostics"] if d["code"] == "B004"]
    assert b004 == [f"budget.lines[{index}]" for index in range(6)]
    assert "B004" in (scaffolds[lang, fmt] / ("projet" if lang == "fr" else "project")).with_suffix(f".{fmt}") \
        .read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, fmt", VARIANTS)
def test_remaining_findings_are_the_to_do_list(scaffolds, lang, fmt):
    """What lint still reports is what the user must decide: every feature's priority
    (P001) and no other error."""
    report = lint_json(scaffolds[lang, fmt])
    errors = {d["code"] for d in report["diagnostics"] if d["severity"] == "error"}
    assert errors == {"P001"}
    p001 = [d for d in report["diagnostics"] if d["code"] == "P001"]
    assert len(p001) == len(scaffold.catalogue()["features"])


@pytest.mark.parametrize("lang, fmt", VARIANTS)
def test_rendered_files_hold_the_intended_data(lang, fmt, tmp_path):
    """Loading each rendered file gives back the node tree's data: quoting, folding and
    commenting never change a value."""
    files = scaffold_files(Answers(lang=lang), fmt, TODAY)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for name, data in expected_data(Answers(lang=lang), fmt, TODAY).items():
        assert load(tmp_path / name) == data, name


@pytest.mark.parametrize("lang, fmt", VARIANTS)
def test_every_section_and_key_of_the_format_appears(scaffolds, lang, fmt):
    """Every section of PRODUCT.md §1 and every key of each section is in the scaffold,
    as data or as a commented example."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in scaffolds[lang, fmt].glob(f"*.{fmt}"))
    missing = []

    def keys_of(rules):
        schema = rules.get("schema")
        if rules.get("type") == "list" and isinstance(schema, dict) and schema.get("type") == "dict":
            schema = schema.get("schema")
        return schema if isinstance(schema, dict) and "type" not in schema else {}

    def visit(rules_by_key):
        for key, rules in rules_by_key.items():
            if not re.search(rf"(?m)^[ #\-\[]*(?:\w+\.)*{re.escape(key)}\]*\s*[:=\]]", text) \
                    and not re.search(rf"(?m)^[ #\-\[]*(?:\w+\.)*{re.escape(key)}\]", text):
                if not re.search(rf"#.*\b{re.escape(key)}\b", text):
                    missing.append(key)
            visit(keys_of(rules))

    visit(base_schema())
    assert missing == []


# --------------------------------------------------------------------------------------
# Editors: the schema next to the spec, referenced relatively
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, fmt", VARIANTS)
def test_every_file_points_at_the_local_schema(scaffolds, lang, fmt):
    directory = scaffolds[lang, fmt]
    schema = directory / "crmreq.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8"))["$schema"].startswith("http://json-schema.org/")
    assert schema.read_text(encoding="utf-8") == run("schema").stdout   # plugins' sections included
    first = "# yaml-language-server: $schema=./crmreq.schema.json" if fmt == "yaml" else "#:schema ./crmreq.schema.json"
    files = sorted(directory.glob(f"*.{fmt}"))
    assert len(files) == 7
    for path in files:
        line = path.read_text(encoding="utf-8").splitlines()[0]
        assert line == first, path.name
        relative = line.split("=", 1)[1] if fmt == "yaml" else line.split(" ", 1)[1]
        assert (path.parent / relative).resolve() == schema.resolve()


@pytest.mark.parametrize("lang, fmt", VARIANTS)
def test_scaffold_validates_against_its_json_schema(scaffolds, lang, fmt):
    """What an editor checks as you type agrees with what crmreq loads."""
    jsonschema = pytest.importorskip("jsonschema")
    directory = scaffolds[lang, fmt]
    schema = json.loads((directory / "crmreq.schema.json").read_text(encoding="utf-8"))
    for path in directory.glob(f"*.{fmt}"):
        data = json.loads(json.dumps(load(path), default=str))   # dates as editors see them: text
        jsonschema.validate(data, schema)


# --------------------------------------------------------------------------------------
# Comments, in the chosen language, in both formats
# --------------------------------------------------------------------------------------

def _notes(nodes):
    for node in nodes:
        if node.note:
            yield node.note
        for child in node.fields or ():
            yield from _notes([child])
        for item in node.items or ():
            if item.note:
                yield item.note
            yield from _notes(item.fields)


@pytest.mark.parametrize("lang, fmt", VARIANTS)
def test_every_explanation_is_written_as_a_comment(lang, fmt):
    """Every note of the template (and each file's header) is in the rendered file, as
    comment lines: TOML files are as commented as YAML ones."""
    for document in scaffold.build_documents(Answers(lang=lang), fmt, TODAY):
        rendered = scaffold.render_document(document, fmt)
        comments = " ".join(re.sub(r"^[\s#]*", "", line) for line in rendered.splitlines()
                            if line.lstrip().startswith("#"))
        comments = " ".join(comments.split())
        notes = [document.header, *_notes(document.nodes)]
        assert len(notes) > 3 or document.path.startswith(("fonctionnalites", "features"))
        for note in notes:
            assert " ".join(note.split()) in comments, (document.path, note)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_toml_comments_explain_keys_in_the_chosen_language(scaffolds, lang):
    text = "\n".join(line.strip() for path in sorted(scaffolds[lang, "toml"].glob("*.toml"))
                     for line in path.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#"))
    explained = {"fr": ["# Version du format crmreq", "# Pays ou région d'hébergement des données",
                        "# Fréquence : realtime, hourly", "Pourquoi aucune priorité n'est remplie"],
                 "en": ["# Version of the crmreq format", "# Country or region where the data is hosted",
                        "# Frequency: realtime, hourly", "Why no priority is filled in"]}[lang]
    for snippet in explained:
        assert snippet in text
    # commented-out examples are valid TOML once uncommented
    assert len(re.findall(r'(?m)^# priority = "\w+"', text)) >= 40
    assert "# [context]" in text and "# [lint]" in text


def test_french_scaffold_is_written_in_french(scaffolds):
    text = "\n".join(p.read_text(encoding="utf-8") for p in scaffolds["fr", "yaml"].glob("*.yaml"))
    for word in ("é", "è", "à", "ç", "«", "»", "Exigences non fonctionnelles", "mise en production"):
        assert word in text
    for anglicism in ("go-live", "feature", "workflow", "dashboard", "template", "Worked example"):
        assert anglicism not in text.replace("features", "").replace("# - feature", ""), anglicism
    # French typography survives line wrapping: no line starts with a lone ":" or "»"
    assert not re.search(r"(?m)^\s*# [:;»]", text)


def test_english_scaffold_is_written_in_english(scaffolds):
    text = "\n".join(p.read_text(encoding="utf-8") for p in scaffolds["en", "yaml"].glob("*.yaml"))
    for word in ("é", "«", "Exigences", "mise en production", "fonctionnalit"):
        assert word not in text
    assert "Worked example of a SMART objective" in text
    assert {p.name for p in scaffolds["en", "yaml"].iterdir()} == {
        "crmreq.yaml", "teams.yaml", "objectives.yaml", "systems.yaml", "features.yaml",
        "requirements.yaml", "project.yaml", "crmreq.schema.json"}


# --------------------------------------------------------------------------------------
# The feature catalogue and the worked examples
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, fmt", VARIANTS)
def test_catalogue_of_about_forty_features_across_modules(scaffolds, lang, fmt):
    features = load(scaffolds[lang, fmt] / ("fonctionnalites" if lang == "fr" else "features").__add__(f".{fmt}"))
    features = features["features"]
    assert 38 <= len(features) <= 48
    assert len({f["id"] for f in features}) == len(features)
    assert {f["module"] for f in features} == {"crm", "sales", "marketing", "support", "analytics",
                                               "mobility", "integration", "admin"}
    assert all(f.get("scenario") and f.get("title") and f.get("teams") for f in features)
    # the priority is the user's decision: never filled in, always suggested in a comment
    assert not any("priority" in f for f in features)
    text = (scaffolds[lang, fmt] / ("fonctionnalites" if lang == "fr" else "features").__add__(f".{fmt}")).read_text()
    sep = ":" if fmt == "yaml" else " ="
    assert len(re.findall(rf"(?m)^\s*# priority{sep} ", text)) == len(features)


def test_catalogue_data_is_complete():
    data = scaffold.catalogue()
    modules = {m["id"] for m in data["modules"]}
    for entry in data["features"]:
        assert entry["module"] in modules
        assert entry["suggested"] in ("must", "should", "could")
        assert set(entry["roles"]) <= set(scaffold.template()["roles"])
        for lang in ("fr", "en"):
            assert entry[lang]["title"] and entry[lang]["scenario"], entry["id"]
            assert set(entry[lang]) <= {"title", "scenario", "acceptance"}
    # a suggested share of must-haves below P002's threshold, so the suggestions are a fair start
    musts = sum(e["suggested"] == "must" for e in data["features"])
    assert musts / len(data["features"]) <= 0.6


@pytest.mark.parametrize("lang, fmt", VARIANTS)
def test_one_worked_smart_objective_and_one_worked_flow(scaffolds, lang, fmt):
    directory = scaffolds[lang, fmt]
    names = {"fr": ("objectifs", "si"), "en": ("objectives", "systems")}[lang]
    objectives = load(directory / f"{names[0]}.{fmt}")["objectives"]
    assert len(objectives) == 1
    assert set(objectives[0]) >= {"id", "title", "pain", "metric", "baseline", "target", "deadline", "owner", "priority"}
    flows = load(directory / f"{names[1]}.{fmt}")["flows"]
    assert len(flows) == 1
    assert set(flows[0]) == {"id", "from", "to", "direction", "objects", "fields", "frequency", "mechanism",
                             "trigger", "master"}


# --------------------------------------------------------------------------------------
# Never overwrite
# --------------------------------------------------------------------------------------

def _snapshot(directory: Path) -> dict:
    return {p.relative_to(directory).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("existing", ["crmreq.yaml", "notes.txt", ".hidden", "sub/deep.yaml"])
def test_refuses_a_non_empty_directory_and_touches_nothing(tmp_path, existing):
    target = tmp_path / "spec"
    (target / existing).parent.mkdir(parents=True, exist_ok=True)
    (target / existing).write_text("précieux\n", encoding="utf-8")
    before = _snapshot(target)
    result = run("init", str(target), "--lang", "fr")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("crmreq: ")
    assert "n'est pas vide" in result.stderr
    assert _snapshot(target) == before


def test_refusal_message_in_english(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    result = run("init", str(tmp_path), "--lang", "en")
    assert result.exit_code == 2
    assert "is not empty" in result.stderr and "no file was touched" in result.stderr


def test_refuses_a_file_as_target(tmp_path):
    target = tmp_path / "crmreq.yaml"
    target.write_text("crmreq: 1\n")
    result = run("init", str(target), "--lang", "en")
    assert result.exit_code == 2
    assert target.read_text() == "crmreq: 1\n"


def test_refuses_before_asking_anything(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    result = run("init", str(tmp_path), "--interactive", "--lang", "en", input="")
    assert result.exit_code == 2
    assert "Company name" not in result.output


def test_creates_missing_directories_and_accepts_a_fresh_git_repository(tmp_path):
    nested = tmp_path / "a" / "b" / "spec"
    assert run("init", str(nested), "--lang", "en").exit_code == 0
    assert (nested / "crmreq.yaml").is_file()
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    result = run("init", str(repo), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert (repo / "crmreq.yaml").is_file() and (repo / ".git").is_dir()


def test_default_directory_is_the_current_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "--lang", "en", "--format", "toml").exit_code == 0
    assert (tmp_path / "crmreq.toml").is_file()
    assert run("init", "--lang", "en").exit_code == 2   # now it is not empty


def test_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    from crmreq import io as atomic

    calls = []

    def failing(target, text, encoding="utf-8"):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        Path(target).write_text(text, encoding=encoding)

    monkeypatch.setattr(atomic, "write_text_atomic", failing)
    target = tmp_path / "new"
    result = run("init", str(target), "--lang", "en")
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert not target.exists()


def test_language_defaults_to_the_locale(tmp_path, monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert run("init", str(tmp_path / "fr")).exit_code == 0
    assert (tmp_path / "fr" / "objectifs.yaml").is_file()
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert run("init", str(tmp_path / "en")).exit_code == 0
    assert (tmp_path / "en" / "objectives.yaml").is_file()


# --------------------------------------------------------------------------------------
# --interactive
# --------------------------------------------------------------------------------------

def test_interactive_run_puts_the_answers_in_the_spec(tmp_path):
    target = tmp_path / "cdc"
    answers = "Rhôdis Équipements SAS\nProjet Cap Client\nfr\nCommerciaux terrain, Télévente, SAV, Logistique\n"
    result = run("init", str(target), "--interactive", "--lang", "en", "--format", "toml", input=answers)
    assert result.exit_code == 0, result.output
    assert "Company name" in result.output          # asked in the language of the command line…
    assert "Équipes concernées" in result.output     # …then in the language chosen
    entry = load(target / "crmreq.toml")
    assert entry["project"] == {**entry["project"], "company": "Rhôdis Équipements SAS",
                                "name": "Projet Cap Client", "lang": "fr"}
    assert "Rhôdis Équipements SAS" in (target / "crmreq.toml").read_text(encoding="utf-8").splitlines()[2]
    teams = load(target / "equipes.toml")["teams"]
    assert [(t["id"], t["name"]) for t in teams] == [
        ("commerciaux-terrain", "Commerciaux terrain"), ("televente", "Télévente"), ("sav", "SAV"),
        ("logistique", "Logistique")]
    features = load(target / "fonctionnalites.toml")["features"]
    used = {team for f in features for team in f.get("teams", [])}
    assert used == {"commerciaux-terrain", "televente", "sav"}   # Logistique: nothing known about it
    report = lint_json(target)
    assert not [d for d in report["diagnostics"] if d["code"].startswith("E")]
    assert any(d["code"] == "T003" and d["object"] == "logistique" for d in report["diagnostics"])


def test_interactive_defaults_with_enter(tmp_path):
    result = run("init", str(tmp_path / "x"), "-i", "--lang", "en", input="\n\n\n\n")
    assert result.exit_code == 0, result.output
    entry = load(tmp_path / "x" / "crmreq.yaml")
    assert entry["project"]["company"] == "Your company name"
    assert [t["id"] for t in load(tmp_path / "x" / "teams.yaml")["teams"]] == [
        "sales", "marketing", "sales-admin", "customer-service", "management"]


def test_interactive_asks_again_for_teams_and_rejects_a_bad_language(tmp_path):
    answers = "ACME\nPhoenix\nde\nen\n , ,\nSales, Board\n"
    result = run("init", str(tmp_path / "x"), "-i", "--lang", "en", input=answers)
    assert result.exit_code == 0, result.output
    assert "give at least one team" in result.output
    teams = load(tmp_path / "x" / "teams.yaml")["teams"]
    assert [t["id"] for t in teams] == ["sales", "board"]


def test_team_ids_never_collide_with_other_ids(tmp_path):
    answers = "ACME\nPhoenix\nen\nCRM, Contact, Sales, sales, ERP !, ?\n"
    result = run("init", str(tmp_path / "x"), "-i", "--lang", "en", input=answers)
    assert result.exit_code == 0, result.output
    ids = [t["id"] for t in load(tmp_path / "x" / "teams.yaml")["teams"]]
    assert ids == ["team-crm", "team-contact", "sales", "team-sales", "team-erp", "team-6"]
    report = lint_json(tmp_path / "x", "--select", "E")
    assert report["diagnostics"] == []


@pytest.mark.parametrize("name, role", [
    ("Commerciaux terrain", "sales"), ("Télévente", "sales"), ("Administration des ventes", "adv"),
    ("ADV", "adv"), ("Service client", "support"), ("SAV", "support"), ("Direction commerciale", "management"),
    ("Marketing & communication", "marketing"), ("Customer service", "support"), ("Logistique", None),
])
def test_team_names_are_mapped_to_roles(name, role):
    assert role_of(name) == role


def test_odd_answers_are_written_safely(tmp_path):
    """Whatever is typed ends up as data, never as YAML/TOML syntax or a broken comment."""
    company = 'ACME "Ltd": #1 \\ {x} [y] - yes'
    for fmt in ("yaml", "toml"):
        answers = f"{company}\nno\nen\n- a: b, [c], # d\n"
        target = tmp_path / fmt
        result = run("init", str(target), "-i", "--lang", "en", "--format", fmt, input=answers)
        assert result.exit_code == 0, result.output
        entry = load(target / f"crmreq.{fmt}")
        assert entry["project"]["company"] == company and entry["project"]["name"] == "no"
        assert [t["name"] for t in load(target / f"teams.{fmt}")["teams"]] == ["- a: b", "[c]", "# d"]
        assert lint_json(target, "--select", "E")["diagnostics"] == []


# --------------------------------------------------------------------------------------
# The renderer on its own: any text survives a round trip in both formats
# --------------------------------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)
_scalar = st.one_of(_text, st.integers(-10**6, 10**6), st.booleans(), st.dates(),
                    st.floats(allow_nan=False, allow_infinity=False, width=32))


@settings(max_examples=150, deadline=None)
@given(value=_scalar, listed=st.lists(_scalar, max_size=4), key=_text.filter(lambda k: k and k not in "abcdefg"),
       mapping=st.dictionaries(_text.filter(bool), _scalar, max_size=3), note=_text, tail=_text)
def test_renderer_round_trips_any_value(value, listed, key, mapping, note, tail):
    nodes = [
        Node("a", value=value, note=note, tail=tail),
        Node("b", value=listed, note=note),
        Node("c", value=mapping),
        Node(key, value=value, tail=tail),
        Node("d", example=value, note=note, tail=tail),
        Node("e", fields=[Node("x", value=value), Node("y", example=listed)], note=note),
        Node("f", items=[Item(fields=[Node("id", value=value, note=note), Node("z", value=mapping)], note=note)]),
        Node("g", fields=[Node("only", example=value)], note=note),
    ]
    expected = data_of(nodes)
    header = comment_lines(note, 0)
    from ruamel.yaml import YAML

    assert YAML(typ="safe", pure=True).load(render_yaml(nodes, header)) == expected
    assert tomllib.loads(render_toml(nodes, header)) == expected
