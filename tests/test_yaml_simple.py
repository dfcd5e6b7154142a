"""The simple YAML reader (crmreq.loader.yaml_simple) against the composer path.

The contract: for any text, `read_simple` either declines (None) or gives exactly the tree
the composer path gives (values, types, key order, every position, the written text of
plain non-strings). Tested on hand-written edge cases, on the YAML test suite, on the
examples, on random mutations of spec text, and on generated documents of the subset
(which it must accept).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmreq.loader.yaml_loader import YamlProblem, parse_yaml
from crmreq.loader.yaml_simple import read_simple
from crmreq.positions import PosDict, PosList

ROOT = Path(__file__).resolve().parents[1]
YAML_TEST_SUITE = ROOT.parent / "shared" / "corpora" / "yaml-test-suite"
EXAMPLE_TEXTS = sorted(p for p in (ROOT / "examples").rglob("*.y*ml"))


def difference(a, b, path="$") -> str | None:
    """First difference between two raw trees, positions included, or None."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} {a!r} vs {type(b).__name__} {b!r}"
    if isinstance(a, PosDict):
        for name in ("pos", "key_pos", "val_pos", "plain"):
            if getattr(a, name) != getattr(b, name):
                return f"{path}.{name}: {getattr(a, name)} vs {getattr(b, name)}"
        if list(a) != list(b):
            return f"{path}: keys {list(a)} vs {list(b)}"
        return next((d for k in a if (d := difference(a[k], b[k], f"{path}.{k}"))), None)
    if isinstance(a, PosList):
        for name in ("pos", "item_pos", "plain"):
            if getattr(a, name) != getattr(b, name):
                return f"{path}.{name}: {getattr(a, name)} vs {getattr(b, name)}"
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} items"
        return next((d for i, (x, y) in enumerate(zip(a, b)) if (d := difference(x, y, f"{path}[{i}]"))), None)
    if isinstance(a, float) and math.isnan(a) and math.isnan(b):
        return None
    return None if a == b else f"{path}: {a!r} vs {b!r}"


def check_same(text: str) -> bool:
    """Assert the simple reader declines or agrees with the composer; True if it read."""
    simple = read_simple(text, "spec.yaml")
    try:
        raw = text.encode()
    except UnicodeEncodeError:   # a lone surrogate: not the text of a UTF-8 file
        raw = None
    given_lines = read_simple(text, "spec.yaml", text.split("\n"), raw)   # as the loader calls it
    assert (given_lines is None) == (simple is None)
    if simple is None:
        return False
    assert difference(given_lines.data, simple.data) is None
    try:
        composed = parse_yaml(text, "spec.yaml", simple=False)
    except YamlProblem as exc:
        pytest.fail(f"simple reader accepted a text the composer refuses ({exc.message}): {text!r}")
    assert not composed.problems, (text, [p.message for p in composed.problems])
    found = difference(composed.data, simple.data)
    assert found is None, f"{found}\n{text!r}"
    assert simple.problems == [] and simple.more_duplicates == 0
    return True


# -- hand-written cases ----------------------------------------------------------------

READ = [
    "a: b #c\n", "a: b# c\n", "a: 'x'' y'\n", 'a: "x\\"y\\u00e9\\x41\\t\\\\ \\/"\n',
    "a: [1, 2, 0x1F, ~, null, true, 1.5, .inf, -.INF, .nan, 2026-01-02, 2026-02-30, 007, +33612, 1_000]\n",
    "a: []\n", "a: [ ]\n", "a: [ \"x\", 'y' ] # c\n", "a: [ \"x\",'y',z]\n",
    "a: |\n  x\n  y\n\n  z\nb: 1\n", "a: |+\n  x\n\n\nb: 1\n", "a: >\n  x\n  y\n\n  z\n\n\nb: 1\n",
    "a: |-\n  x\n    y\n  z\n", "a: |\n  x\nb: 1\n", "a: >-\n  un\n  deux\n",
    "a:\n  b:\n    c: 1\n  d: 2\n", "a:\n- 1\n- 2\nb: 3\n", "a:\n- a: 1\n  b: 2\n- c: 3\n",
    "a:\n  -   a: 1\n      b: 2\n  -\n    c: 3\n  - x\n  -  y\n",
    "a:  # comment\n  # another\n  nested: 1 # c\n", "---\na: 1\n",
    "a: -5\nb: -x\nc: ?x\nd: :x\ne: x:y\nf: http://x.y/z\n", "a: b  \n",
    "a: x | y > z\nb: [x y, 'it''s']\n", "a:\n  b: |\n    text\n  c: 1\nd: 2\n",
    "a:\n  - |\n    one\n    two\n  - >-\n    three\n    four\n", "a: |\n    deep\n  # comment\nb: 1\n",
    "a: |\n  # not a comment\n  x\n", 'a: "é\\u00e9\\U0001F600"\n', "a: 'x' # c\nb: \"y\"   # c\n",
    "a: x #\n", "a: 0o17\nb: 0x_1\nc: 1__0\nd: +.5\ne: 1.\nf: -0\n", "\"a\\\"b\": 1\n'a''b': 2\n",
    "a:\n  - [1, 2]\n  - []\n", "   a: 1\n   b: 2\n", "a: 1\nb:\n  - x\n  - y\nc:\n  d: e\n",
    "a b: c\nclé: v\n'q': c\n1: x\ntrue: x\n~: x\n-a: b\na:b: c\n",
    "titre: Réunion « client » à 9 h — 100 % prête\n", "a: yes\nb: no\nc: on\n",
    "a: {b: 1}\n", "a: {value: 12, unit: h par semaine}\n", "a: {}\n", "a: { }\n",
    "a: {\"k\": 1, 'q': \"x y\", z: 2026-01-01}\n", "a: {value: 2, unit: s, percentile: 95}  # c\n",
    "b:\n  - {id: A, v: 1.5}\n  - {id: B}\n", "a: {x: 'it''s', -y: -1}\n", "a: [-1, -x, -.5]\n", "a: ?j\n",
]

DECLINED = [
    'a: "\\q"\n', "a: [a,]\n", "a: [a, [b]]\n", "a: >-\n  x\n    y\n  z\n", "- a: 1\n  b: 2\n",
    "--- # c\na: 1\n", "a: 1\n...\n", "a: x: y\n", "a: x:\n", "a: b\n  c\n", "a: 'multi\n  line'\n",
    'a: "x" y\n', "a:\nb: 1\n", "a: @x\n", "a: %x\n", "a:\n    b: 1\n  c: 2\n", "a: 1\n b: 2\n",
    "a: 1\na: 2\n", "a: - x\n", "a: !tag x\n", "a: &x 1\nb: *x\n", "a: {b: {c: 1}}\n", "a: {x: 1,}\n", "a: {x: 1, x: 2}\n", "a: {x:1}\n",
    "a: {x: ~, y: }\n", "a: {unit: ?jours}\n", "a: [?x]\n", "a: {<<: x}\n", "? a\n: b\n",
    'a: "\\ud800"\n', "a:\tb\n", "a: b\r\nc: d\n", "a: b\u2028c\n", "a: |\n  x", "<<: {a: 1}\n",
    "a: 1\n---\nb: 2\n", "a: " + "9" * 1001 + "\n", "k" * 1100 + ": v\n", "",
]


@pytest.mark.parametrize("text", READ)
def test_simple_reader_reads_and_agrees(text):
    assert check_same(text), f"declined: {text!r}"


@pytest.mark.parametrize("text", DECLINED)
def test_simple_reader_declines_what_it_does_not_know(text):
    assert read_simple(text, "spec.yaml") is None


def test_values_and_positions_of_a_typical_feature():
    text = ("features:\n  - id: CLI-001\n    title: Qualifier le lead\n    priority: must\n"
            "    teams: [ventes, adv]\n    phase: 1\n    scenario: >-\n      Au bureau,\n      je qualifie.\n")
    tree = read_simple(text, "f.yaml").data
    feature = tree["features"][0]
    assert feature["scenario"] == "Au bureau, je qualifie."
    assert feature["phase"] == 1 and feature.plain["phase"] == "1"
    assert tuple(feature.key_pos["title"]) == ("f.yaml", 3, 5)
    assert tuple(feature.val_pos["title"]) == ("f.yaml", 3, 12)
    assert tuple(feature["teams"].item_pos[1]) == ("f.yaml", 5, 21)
    assert tuple(tree["features"].item_pos[0]) == ("f.yaml", 2, 5)


# -- corpora -----------------------------------------------------------------------------

def _suite_texts():
    if not YAML_TEST_SUITE.is_dir():
        return []
    return sorted(YAML_TEST_SUITE.rglob("*.yaml"))


@pytest.mark.skipif(not _suite_texts(), reason="../shared/corpora/yaml-test-suite not found")
def test_yaml_test_suite_declined_or_same():
    read = 0
    for path in _suite_texts():
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        read += check_same(text.replace("\r\n", "\n"))
    assert read > 10   # the subset is there in the suite too


def test_examples_declined_or_same():
    read = sum(check_same(p.read_text(encoding="utf-8")) for p in EXAMPLE_TEXTS)
    assert read >= len(EXAMPLE_TEXTS) // 2


# -- random texts ------------------------------------------------------------------------

_SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in EXAMPLE_TEXTS).split("\n")
_EDITS = list(":#'\"-|>[]{},&*!? \n\\") + [
    "  ", "- ", ": ", " #", "\n  ", "\n- ", "|-", ">+", "é", "\t", "\u00a0", "~", "null", "1", "0x1F",
    "1e3", "2026-02-30", "yes", "\\u00e9", "\\x41", "''", "--- ", "...", "…", "\u2028", "\r"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(_SOURCE) - 1), st.integers(1, 40),
       st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_EDITS), st.integers(0, 3)), max_size=3))
def test_mutated_spec_text_declined_or_same(start, size, edits):
    text = "\n".join(_SOURCE[start:start + size]) + "\n"
    for where, insert, delete in edits:
        cut = int(where * len(text))
        text = text[:cut] + insert + text[cut + delete:]
    check_same(text)


_KEYS = st.sampled_from(["id", "title", "clé", "a b", "x-y", "1", "true", "'q'", '"d q"', "k.z", "_"])
_PLAIN = st.sampled_from(["texte", "Qualifier le lead", "007", "1.10", "+33612345678", "2026-03-01", "~",
                          "true", "False", "0x1F", ".inf", "C#", "a:b", "http://x.fr/a", "100 %", "-5", "é à ç"])
_QUOTED = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\ufeff\x85"),
                  max_size=12)


def _scalar_line(draw) -> str:
    kind = draw(st.sampled_from(["plain", "single", "double", "flow", "flow-mapping"]))
    if kind == "plain":
        return draw(_PLAIN)
    if kind == "single":
        return "'" + draw(_QUOTED).replace("'", "''") + "'"
    if kind == "double":
        return '"' + draw(_QUOTED).replace("\\", "\\\\").replace('"', '\\"') + '"'
    flow_plain = _PLAIN.filter(lambda t: t[0] not in "-?" and ":" not in t and "#" not in t)
    if kind == "flow-mapping":
        keys = draw(st.lists(st.sampled_from(["value", "unit", "k y", "é"]), max_size=3, unique=True))
        return "{" + ", ".join(f"{k}: {draw(flow_plain)}" for k in keys) + "}"
    return "[" + ", ".join(draw(st.lists(flow_plain, max_size=4))) + "]"


@st.composite
def _document(draw, indent=0, depth=0):
    lines = []
    keys = draw(st.lists(_KEYS, min_size=1, max_size=4, unique=True))
    pad = " " * indent
    for key in keys:
        choice = draw(st.sampled_from(["scalar", "scalar", "block", "map", "list"] if depth < 3 else ["scalar"]))
        if choice == "scalar":
            lines.append(f"{pad}{key}: {_scalar_line(draw)}")
        elif choice == "block":
            style = draw(st.sampled_from(["|", "|-", "|+", ">", ">-"]))
            body = draw(st.lists(st.sampled_from(["un deux", "trois", "", "# pas un commentaire"]), min_size=1, max_size=4))
            body = ["x"] + body + ["fin"]
            lines.append(f"{pad}{key}: {style}")
            lines.extend((f"{pad}  {b}" if b else "") for b in body)
        elif choice == "map":
            lines.append(f"{pad}{key}:")
            lines.extend(draw(_document(indent + 2, depth + 1)))
        else:
            step = draw(st.sampled_from([0, 2]))
            lines.append(f"{pad}{key}:")
            for _ in range(draw(st.integers(1, 3))):
                if draw(st.booleans()):
                    inner = draw(_document(indent + step + 2, depth + 1))
                    lines.append(" " * (indent + step) + "- " + inner[0].lstrip(" "))
                    lines.extend(inner[1:])
                else:
                    lines.append(" " * (indent + step) + "- " + _scalar_line(draw))
    if draw(st.booleans()):
        lines.insert(0, pad + "# commentaire")
    return lines


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document())
def test_generated_simple_documents_are_read_and_agree(lines):
    text = "\n".join(lines) + "\n"
    assert check_same(text), f"declined: {text!r}"


def test_benchmark_spec_files_are_read_by_the_simple_reader(tmp_path):
    """The generated large spec must take the fast path (else the benchmark measures the
    composer again)."""
    import subprocess
    import sys

    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "-n", "300", "-o", str(tmp_path)],
                   check=True, capture_output=True)
    feature_files = sorted((tmp_path / "besoins").glob("*.yaml"))
    assert feature_files
    for path in feature_files:
        assert check_same(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("comment", ["# crmreq: ignore[W001]", "# CRMREQ: Ignore[W001]", "#crmreq:ignore[W001]"])
def test_suppression_comments_still_apply_in_any_case(tmp_path, comment):
    """A file with a suppression comment is read by the composer (which tells comments
    from `#` inside strings); the directive's case does not matter."""
    from click.testing import CliRunner

    from crmreq.cli import main

    (tmp_path / "crmreq.yaml").write_text(
        "crmreq: 1\nproject:\n  name: T\n  company: ACME\n  lang: fr\nfeatures:\n"
        f"  - id: F-1\n    title: Un écran rapide et convivial  {comment}\n    priority: must\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--format", "json", str(tmp_path)])
    codes = [f["code"] for f in json.loads(result.output)["diagnostics"]]
    assert "W001" not in codes and "X001" not in codes, codes


_LONG = 100_000
HOSTILE_LINES = [
    "a: x" + " " * _LONG + "y\n", "a" + " " * _LONG + "b: c\n", "a: [x" + " " * _LONG + "y]\n",
    "a: {k: x" + " " * _LONG + "y}\n", "a:\n  - x" + " " * _LONG + "y: 1\n", "a: " + "x: " * _LONG + "\n",
    "a" + ":x" * _LONG + "\n", "a: " + "x #" * _LONG + "\n", "a: {k" + " " * _LONG + "x: 1}\n",
]


@pytest.mark.parametrize("text", HOSTILE_LINES, ids=range(len(HOSTILE_LINES)))
def test_long_hostile_lines_are_read_in_linear_time(text):
    """Every pattern of the reader is greedy and anchored: a line of 100,000 spaces or
    colons is one pass (a lazy quantifier made such lines quadratic: minutes)."""
    check_same(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["crmreq:", "CRMREQ:", "CrMrEq:", " ", "  ", "ignore[", "IGNORE[", "iGnOrE[", "ignor",
                                 "e[", "E[", "#", "x", "é", "[", "]", "\n", "ıgnore[", "İGNORE["]), max_size=10))
def test_the_suppression_hint_agrees_with_the_pattern(pieces):
    from crmreq.loader.yaml_loader import _SUPPRESSION_HINT, may_hold_suppression

    text = "".join(pieces)
    assert may_hold_suppression(text) == (_SUPPRESSION_HINT.search(text) is not None), text


def test_the_refused_characters_are_the_complement_of_the_accepted_ones():
    import re
    import sys

    from crmreq.loader.yaml_simple import _UNSAFE_CHARACTERS

    accepted = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (_UNSAFE_CHARACTERS.match(char) is None) == (accepted.match(char) is not None), hex(code)


def test_escapes_by_the_thousand_go_to_the_composer():
    """libyaml reads a million escapes in C in 0.1 s; the line reader would take seconds."""
    text = 'a: "' + "x\\n" * 20_000 + '"\n'
    assert read_simple(text, "spec.yaml") is None
    assert parse_yaml(text, "spec.yaml").data["a"] == "x\n" * 20_000
