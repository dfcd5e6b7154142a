"""Where the cursor is, read from half-typed YAML and TOML (no server): the key path, and whether a
key or a value is being typed; and the suppression comment a code action writes."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from crmreq.json_schema import json_schema  # noqa: E402
from crmreq.lsp.actions import suppression_edit  # noqa: E402
from crmreq.lsp.cursor import toml_cursor, toml_key_at, yaml_cursor, yaml_key_at  # noqa: E402
from crmreq.lsp.schema_guide import SchemaGuide  # noqa: E402
from pygls.workspace import PositionCodec  # noqa: E402

GUIDE = SchemaGuide(json_schema(not_given=False))   # as the server builds it


def at_end(text: str):
    """The lines of `text` and the position of its end (0-based line, character)."""
    lines = text.split("\n")
    return lines, len(lines) - 1, len(lines[-1])


@pytest.mark.parametrize("text, path, key, prefix, in_list", [
    ("features:\n  - id: F1\n    tit", ("features", "*"), None, "tit", False),
    ("features:\n- id: F1\n  title: x\n  pri", ("features", "*"), None, "pri", False),      # compact list
    ("features:\n  - id: F1\n    title: x\n  - ", ("features", "*"), None, "", False),      # a new item
    ("features:\n  - id: F1\n    priority: imp", ("features", "*"), "priority", "imp", False),
    ("features:\n  - id: F1\n    teams: [sales, ve", ("features", "*"), "teams", "ve", True),
    ("features:\n  - id: F1\n    teams:\n      - sales\n      - v", ("features", "*"), "teams", "v", True),
    ("flows:\n  - id: FL1\n    to: 'cr", ("flows", "*"), "to", "cr", False),
    ("rgpd:\n  purposes:\n    - id: P1\n      objects: [", ("rgpd", "purposes", "*"), "objects", "", True),
    ("project:\n  name: P\n\n  # a comment\n  la", ("project",), None, "la", False),
    ("obj", (), None, "obj", False),
    ("features:\n  - id: F1\n    scenario: |\n      a: b\n    acc", ("features", "*"), None, "acc", False),
])
def test_yaml_cursor(text, path, key, prefix, in_list):
    lines, line, column = at_end(text)
    cursor = yaml_cursor(lines, line, column, GUIDE.holds_mappings)
    assert (cursor.path, cursor.key, cursor.prefix, cursor.in_list) == (path, key, prefix, in_list)


def test_yaml_cursor_in_a_comment_or_a_flow_mapping_offers_nothing():
    for text in ("features:\n  - id: F1  # crmreq: ig", "project: {name: P, la"):
        assert yaml_cursor(*at_end(text), GUIDE.holds_mappings) is None


@pytest.mark.parametrize("text, path, key, prefix, in_list", [
    ('[[features]]\nid = "F1"\npri', ("features", "*"), None, "pri", False),
    ('[[features]]\nid = "F1"\npriority = "con', ("features", "*"), "priority", "con", False),
    ('[[features]]\nteams = ["sales", "v', ("features", "*"), "teams", "v", True),
    ('[[features]]\nobjectives = [\n  "O1",\n  "', ("features", "*"), "objectives", "", True),
    ('[[rgpd.purposes]]\nlegal', ("rgpd", "purposes", "*"), None, "legal", False),
    ('[[features]]\nid = "F1"\n[features.metric]\nun', ("features", "*", "metric"), None, "un", False),
    ('[project]\nname = "P"\n\n[[fea', (), None, "fea", False),
    ('[[objectives]]\nmetric.un', ("objectives", "*", "metric"), None, "un", False),
])
def test_toml_cursor(text, path, key, prefix, in_list):
    lines, line, column = at_end(text)
    cursor = toml_cursor(lines, line, column, GUIDE.is_list)
    assert (cursor.path, cursor.key, cursor.prefix, cursor.in_list) == (path, key, prefix, in_list)


def test_the_key_under_the_cursor_has_its_full_path():
    yaml = "flows:\n  - id: FL1\n    frequency: daily".split("\n")
    assert yaml_key_at(yaml, 2, 6).path == ("flows", "*", "frequency")
    assert yaml_key_at(yaml, 2, 17) is None                                    # on the value
    toml = '[[rgpd.purposes]]\nlegal_basis = "consent"'.split("\n")
    assert toml_key_at(toml, 1, 3, GUIDE.is_list).path == ("rgpd", "purposes", "*", "legal_basis")
    assert toml_key_at(toml, 0, 4, GUIDE.is_list).path == ("rgpd", "purposes")
    assert GUIDE.description(("rgpd", "purposes", "*", "legal_basis"))


@pytest.mark.parametrize("line, code, written", [
    ("  - id: F1", "S004", "  - id: F1  # crmreq: ignore[S004]"),
    ("  - id: F1   ", "S004", "  - id: F1  # crmreq: ignore[S004]"),
    ("  - id: F1  # crmreq: ignore[P003]", "S004", "  - id: F1  # crmreq: ignore[P003,S004]"),
    ("  - id: F1  # crmreq: ignore[]", "S004", "  - id: F1  # crmreq: ignore[S004]"),
    ('[[features]]  # note', "W001", '[[features]]  # note  # crmreq: ignore[W001]'),
    ("  - id: F1  # crmreq: ignore[S004]", "S004", None),
])
def test_a_suppression_is_written_or_extended(line, code, written):
    lines = ["features:", line]
    edit = suppression_edit(lines, 2, code, PositionCodec())
    if written is None:
        assert edit is None
        return
    start, end = edit.range.start.character, edit.range.end.character
    assert (edit.range.start.line, edit.range.end.line) == (1, 1)
    assert line[:start] + edit.new_text + line[end:] == written
