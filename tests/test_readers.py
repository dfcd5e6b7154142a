"""The two readers: YAML through ruamel.yaml's composer, TOML through tomllib plus the
position pass. Values, types and positions of what specs are made of; one reader per
format, so a file reads the same whatever else it holds."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.loader.toml_loader import parse_toml
from crmreq.loader.yaml_loader import parse_yaml


def test_yaml_values_and_positions_of_a_typical_feature():
    text = ("features:\n  - id: CLI-001\n    title: Qualifier le lead\n    priority: must\n"
            "    teams: [ventes, adv]\n    phase: 1\n    scenario: >-\n      Au bureau,\n      je qualifie.\n")
    tree = parse_yaml(text, "f.yaml").data
    feature = tree["features"][0]
    assert feature["scenario"] == "Au bureau, je qualifie."
    assert feature["phase"] == 1 and feature.plain["phase"] == "1"
    assert tuple(feature.key_pos["title"]) == ("f.yaml", 3, 5)
    assert tuple(feature.val_pos["title"]) == ("f.yaml", 3, 12)
    assert tuple(feature["teams"].item_pos[1]) == ("f.yaml", 5, 21)
    assert tuple(tree["features"].item_pos[0]) == ("f.yaml", 2, 5)


def test_toml_values_and_positions_of_a_typical_feature():
    text = '[[features]]\nid = "F-1"\nteams = ["adv", "sav"]  # c\n[[features]]\nid = "F-2"\n'
    result = parse_toml(text, "f.toml")
    features = result.data["features"]
    assert [f["id"] for f in features] == ["F-1", "F-2"]
    assert [tuple(p)[1:] for p in features.item_pos] == [(1, 1), (4, 1)]
    assert tuple(features[0].val_pos["teams"])[1:] == (3, 9)
    assert tuple(features[0]["teams"].item_pos[1])[1:] == (3, 17)
    assert result.comments == [(3, 25, "# c")]


def _lint_json(spec_dir):
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(spec_dir)])
    return [d["code"] for d in json.loads(result.output)["diagnostics"]]


SPEC = ("crmreq: 1\nproject:\n  name: T\n  company: ACME\n  lang: fr\n  x-sign: =\nfeatures:\n"
        "  - id: F-1\n    title: Un écran rapide et convivial{comment}\n    priority: must\n")


@pytest.mark.parametrize("comment", ["", "  # crmreq: ignore[W001]", "  # CRMREQ: Ignore[W001]", "  #crmreq:ignore[W001]"])
def test_a_file_reads_the_same_with_or_without_a_suppression_comment(tmp_path, comment):
    """`x-sign: =` loads in both cases (two readers once disagreed on it); the directive's case does not matter."""
    (tmp_path / "crmreq.yaml").write_text(SPEC.format(comment=comment), encoding="utf-8")
    codes = _lint_json(tmp_path)
    assert "E001" not in codes and "X001" not in codes, codes
    assert ("W001" in codes) == (comment == ""), codes


def test_a_long_hostile_line_is_read_or_refused_quickly():
    """A line of 100,000 spaces reads like any other (no backtracking pattern runs over it)."""
    tree = parse_yaml("a: x" + " " * 100_000 + "y\n", "f.yaml").data
    assert tree["a"] == "x" + " " * 100_000 + "y"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_among_the_spec_files_is_refused_without_waiting(tmp_path):
    (tmp_path / "crmreq.yaml").write_text("crmreq: 1\ninclude: [extra.yaml]\nproject:\n  name: T\n  company: A\n",
                                         encoding="utf-8")
    os.mkfifo(tmp_path / "extra.yaml")
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", "en", str(tmp_path)])
    diagnostics = json.loads(result.output)["diagnostics"]
    assert any(d["code"] in ("E001", "E004") and d["line"] == 2 for d in diagnostics), diagnostics


@pytest.mark.skipif(not os.path.exists("/dev/zero") or not hasattr(os, "symlink"), reason="no /dev/zero here")
def test_an_entry_file_that_is_a_device_is_refused(tmp_path):
    (tmp_path / "crmreq.yaml").symlink_to("/dev/zero")
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", "en", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a regular file" in result.output


def test_a_surrogate_pair_written_as_escapes_is_the_character_it_encodes(tmp_path):
    (tmp_path / "crmreq.yaml").write_text(
        'crmreq: 1\nproject:\n  name: "A \\ud83d\\ude00 B"\n  company: ACME\n  lang: en\n'
        'stakeholders:\n  - id: "p\\ud83d\\ude00"\n    name: P\n', encoding="utf-8")
    tree = parse_yaml((tmp_path / "crmreq.yaml").read_text(encoding="utf-8"), "f.yaml").data
    assert tree["project"]["name"] == "A \U0001F600 B"
    result = CliRunner().invoke(main, ["export", "json", str(tmp_path), "-o", str(tmp_path / "out.json"),
                                       "--allow-errors"])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["project"]["name"] == "A \U0001F600 B"


@pytest.mark.parametrize("where", ['  name: "X \\ud83d Y"\n', '  x-note: "\\ude00"\n', '  "k\\udc00": 1\n'])
def test_a_lone_surrogate_is_e001_at_its_position(tmp_path, where):
    (tmp_path / "crmreq.yaml").write_text("crmreq: 1\nproject:\n  company: ACME\n" + where, encoding="utf-8")
    for fmt in ("json", "sarif", "text", "github", "gitlab"):
        result = CliRunner().invoke(main, ["lint", "--format", fmt, "--lang", "en", str(tmp_path)])
        assert result.exit_code == 1, result.output
    diagnostics = json.loads(CliRunner().invoke(main, ["lint", "--format", "json", str(tmp_path)]).output)["diagnostics"]
    assert [(d["code"], d["line"]) for d in diagnostics] == [("E001", 4)]


def test_a_refused_character_is_reported_where_it_is(tmp_path):
    (tmp_path / "crmreq.yaml").write_text('crmreq: 1\nproject:\n  name: T\n  company: "A\x7f"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", "fr", str(tmp_path)])
    [finding] = json.loads(result.output)["diagnostics"]
    assert (finding["code"], finding["line"], finding["column"]) == ("E001", 4, 14)
    assert "U+007F" in finding["message"] and "n'est pas permis" in finding["message"]


@pytest.mark.parametrize("text, line, column, fr", [
    ("  title: Tâches: rappels\n", 5, 16, "deux-points inattendu"),
    ("  x-a:\n\tb: 1\n", 6, 1, "tabulation"),
    ('  x-a: "jamais fermé\n  x-b: 2\n  x-c: 3\n', 5, 8, "guillemet ouvert ici"),
    ("  x-a: [1, 2\n  x-b: 3\n", 5, 8, "crochet ou accolade ouvert ici"),
])
def test_parser_errors_speak_the_users_words_where_the_mistake_is(tmp_path, text, line, column, fr):
    (tmp_path / "crmreq.yaml").write_text("crmreq: 1\nproject:\n  name: T\n  company: A\n" + text, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", "fr", str(tmp_path)])
    [finding] = json.loads(result.output)["diagnostics"]
    assert (finding["code"], finding["line"], finding["column"]) == ("E001", line, column)
    assert fr in finding["message"] and "while" not in finding["message"], finding["message"]


@pytest.mark.parametrize("parse, text", [
    (parse_yaml, "features:\n  - id: F-1\n    teams: [ventes]\n    title: TBD\n"),
    (parse_toml, '[[features]]\nid = "F-1"\nteams = ["ventes"]\ntitle = "TBD"\n'),
])
def test_a_text_parsed_before_gives_a_tree_of_its_own(parse, text):
    """`parses` (the language server's, for the files not being edited) keeps what the parser made
    of a text; each read still builds its own tree, which the loader then changes."""
    parses = {}
    first, second = parse(text, "f", parses=parses).data, parse(text, "f", parses=parses).data
    assert len(parses) == 1 and first == second and first is not second
    first["features"][0]["teams"].append("adv")
    del first["features"][0]["title"]
    assert second["features"][0]["teams"] == ["ventes"] and second["features"][0]["title"] == "TBD"
    assert parse(text, "g", parses=parses).data["features"].pos.file == "g"     # the file's name is not kept
    changed = parse(text.replace("F-1", "F-2"), "f", parses=parses).data
    assert changed["features"][0]["id"] == "F-2" and len(parses) == 2
