"""What a cold `crmreq lint` imports and does before any work (docs/performance.md, cold start).

No timings here (the machine is shared): these tests pin the *mechanisms* that keep start-up
cheap, and check each shortcut gives exactly what the long way gives.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmreq.findings import Finding
from crmreq.lint import reporters
from crmreq.lint.report import Report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "fr-negoce"


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


HEAVY = ("rich", "docx", "openpyxl", "matplotlib", "cerberus")


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_importing_the_cli_imports_nothing_heavy():
    assert _heavy(_modules_after("import crmreq.cli")) == []


def test_a_clean_lint_in_plain_text_imports_nothing_heavy():
    """Plain text (not a terminal) on a valid spec: no rich, no cerberus, no exporters' libraries."""
    # args given: `main()` from the command line would end the process before the dump (cli._hard_exit)
    code = ("import sys\nfrom crmreq.cli import main\n"
            "try:\n"
            f"    main(['lint', '--no-cache', {str(EXAMPLE)!r}])\n"
            "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n")
    assert _heavy(_modules_after(code)) == []


def test_value_patterns_are_compiled_on_first_use():
    from crmreq import values

    script = ("import re, crmreq.values as v\n"
              "print(sum(isinstance(x, re.Pattern) for x in vars(v).values()))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
    # after use, the module holds the compiled pattern itself (no indirection on later calls)
    assert values.parse_duration("4 à 6 semaines").max_days == 42
    assert isinstance(values._DURATION_RE, re.Pattern)


# -- the plain-text report is byte for byte what rich prints without colour ------------

def _rich_text(report, lang, quiet, sources) -> str:
    stream = io.StringIO()
    reporters._render_rich(reporters._text_lines(report, lang, quiet, sources), False, stream)
    return stream.getvalue()


def _plain(report, lang, quiet, sources) -> str:
    stream = io.StringIO()
    reporters.render_text(report, lang, color=False, quiet=quiet, sources=sources, stream=stream)
    return stream.getvalue()


_TRICKY = st.sampled_from([
    "[bold]", "[/]", "\\", "\\[x]", "[link=x]", ":smile:", ":thumbs_up:", "a:b", "12:30:00", "\t",
    "\r", "\n", "\x1b[31m", "│", "é", "漢字", "👍", " ", "  ", "[", "]", "[[", "«\u00a0»", "\u200b",
    "x" * 250, "%", "{id}", "[red]x[/red]", "\\\\[b]",
])
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=12)), max_size=6).map("".join)


@st.composite
def _reports(draw):
    findings = []
    for _ in range(draw(st.integers(0, 4))):
        findings.append(Finding(
            code=draw(st.sampled_from(["F001", "W002", "BTP003"])), name="some-rule",
            severity=draw(st.sampled_from(["error", "warning", "info"])), message=draw(_TEXT),
            file=draw(st.sampled_from(["crmreq.yaml", "besoins/a.yaml", "x [1].toml", "a:b:.yaml"])),
            line=draw(st.integers(1, 4)), column=draw(st.integers(1, 30)),
            fix=draw(st.one_of(st.none(), _TEXT)),
        ))
    findings.sort(key=Finding.sort_key)
    sources = {name: [draw(_TEXT) for _ in range(4)]
               for name in ("crmreq.yaml", "besoins/a.yaml", "x [1].toml", "a:b:.yaml")}
    return Report(findings=findings, files=draw(st.integers(0, 3))), sources


@settings(max_examples=300, deadline=None, database=None)
@given(_reports(), st.sampled_from(["fr", "en"]), st.booleans())
def test_plain_text_is_what_rich_prints(drawn, lang, quiet):
    report, sources = drawn
    assert _plain(report, lang, quiet, sources) == _rich_text(report, lang, quiet, sources)


def test_plain_text_is_used_for_ordinary_findings():
    report = Report(findings=[Finding("F001", "feature-without-priority", "warning", "Fonctionnalité F01 sans priorité",
                                      "besoins/ventes.yaml", 3, 5, object="F01", fix="ajoutez `priority: must`")],
                    files=2)
    lines = reporters._text_lines(report, "fr", False, {"besoins/ventes.yaml": ["a", "b", "  - id: F01"]})
    text = reporters._plain_text(lines)
    assert text is not None and text == _rich_text(report, "fr", False, {"besoins/ventes.yaml": ["a", "b", "  - id: F01"]})
    assert "  - id: F01" in text and "    ^" in text


def test_brackets_in_user_text_keep_the_plain_path():
    report = Report(findings=[Finding("F002", "feature-without-objective", "info", "F01 [sans objectif]", "a.yaml", 1, 1,
                                      fix="Ajoutez objectives: [<id de l'objectif>]")], files=1)
    lines = reporters._text_lines(report, "fr", False, {"a.yaml": ["  - id: [F01]"]})
    assert reporters._plain_text(lines) == _rich_text(report, "fr", False, {"a.yaml": ["  - id: [F01]"]})


@pytest.mark.parametrize("message", [":smile: done", "tab\there", "carriage\rreturn"])
def test_text_rich_would_change_goes_through_rich(message):
    report = Report(findings=[Finding("F001", "x-y", "error", message, "a.yaml", 1, 1)], files=1)
    assert reporters._plain_text(reporters._text_lines(report, "en", False, {})) is None
    assert _plain(report, "en", False, {}) == _rich_text(report, "en", False, {})


# -- plugin schema extensions: cerberus is asked only when validity is not plain --------

_LEAF = st.one_of(st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=16), st.text(max_size=3),
                  st.none(), st.sampled_from(["string", "list", "dict", "integer", "number", "strng", "priority",
                                              "date", "quantity", "other"]))


def _rule_sets(depth: int = 2):
    value = st.one_of(_LEAF, st.lists(_LEAF, max_size=3))
    if depth:
        inner = st.deferred(lambda: _rule_sets(depth - 1))
        value = st.one_of(value, inner, st.dictionaries(st.sampled_from(["a", "b", 1]), inner, max_size=2))
    names = st.sampled_from(["type", "required", "nullable", "empty", "readonly", "allowed", "min", "max",
                             "minlength", "maxlength", "check_with", "schema", "keysrules", "valuesrules",
                             "meta", "regex", "anyof", "unknown_rule", "allow_unknown"])
    types = st.one_of(st.sampled_from(["string", "list", "dict", "integer", "float", "number", "boolean", "date",
                                       "datetime", "strng", "set"]),
                      st.lists(st.sampled_from(["string", "list", "dict", "strng"]), max_size=2))
    return st.builds(lambda t, rest: ({"type": t} if t is not None else {}) | rest,
                     st.one_of(st.none(), types), st.dictionaries(names, value, max_size=4))


def _likely_rule_sets(depth: int = 2):
    """Mostly valid rule sets, each rule with a value of the right kind or a near miss."""
    inner = st.deferred(lambda: _likely_rule_sets(depth - 1)) if depth else st.just({"type": "string"})
    values = {
        "required": st.one_of(st.booleans(), st.sampled_from([0, 1, "yes", None])),
        "nullable": st.booleans(), "empty": st.one_of(st.booleans(), st.just("no")),
        "readonly": st.booleans(),
        "allowed": st.one_of(st.lists(st.one_of(st.text(max_size=3), st.integers(), st.floats(allow_nan=False))),
                             st.text(max_size=3), st.just([[1]]), st.just(set())),
        "min": st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.text(max_size=1)),
        "max": st.one_of(st.integers(), st.floats(allow_nan=False), st.none()),
        "minlength": st.one_of(st.integers(0, 5), st.floats(0, 5), st.booleans()),
        "maxlength": st.integers(0, 5),
        "check_with": st.sampled_from(["priority", "date", "quantity", "other", "schema"]),
        "meta": st.one_of(st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2), st.text(max_size=3)),
        "schema": st.one_of(inner, st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2)),
        "keysrules": inner, "valuesrules": inner,
    }
    types = st.one_of(st.sampled_from(sorted(["string", "list", "dict", "integer", "float", "number", "boolean",
                                              "date", "datetime", "strng"])),
                      st.lists(st.sampled_from(["string", "list", "integer"]), min_size=1, max_size=2))
    rules = st.fixed_dictionaries({}, optional={"type": types, **values})
    return rules


@settings(max_examples=300, deadline=None, database=None)
@given(_likely_rule_sets())
def test_plainly_valid_rules_are_valid_for_cerberus_likely(rules):
    test_plainly_valid_rules_are_valid_for_cerberus.hypothesis.inner_test(rules)


@settings(max_examples=300, deadline=None, database=None)
@given(_rule_sets())
def test_plainly_valid_rules_are_valid_for_cerberus(rules):
    from crmreq.plugins import certainly_valid_rules
    from crmreq.schema import check_extension

    if certainly_valid_rules(rules):
        check_extension({"x-field": rules})   # raises SchemaError if cerberus disagrees


def test_the_btp_extensions_are_plainly_valid():
    pytest.importorskip("crmreq_btp")
    from crmreq_btp.schema import EXTENSIONS

    from crmreq.plugins import certainly_valid_rules

    assert all(certainly_valid_rules(rules) for rules in EXTENSIONS.values())


# -- entry points are read without importlib.metadata, the same way --------------------

def _described(eps) -> list:
    return sorted((ep.name, ep.value, ep.group, ep.dist.version) for ep in eps)


def test_entry_points_are_those_importlib_metadata_finds(tmp_path, monkeypatch):
    from importlib.metadata import entry_points as metadata_entry_points

    from crmreq import plugins

    site, later = tmp_path / "site", tmp_path / "later"
    for root, version in ((site, "2.0"), (later, "1.0")):   # the same distribution twice: the first wins
        info = root / f"Crmreq.Fake-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: crmreq.fake\nVersion: {version}\n\nBody\n",
                                       encoding="utf-8")
        (info / "entry_points.txt").write_text(
            f"# comment\n[console_scripts]\nfake = fake:main\n\n[crmreq]\n fake{version[0]} = fake_mod:attr.sub [x]\n",
            encoding="utf-8")
    (site / "other-1.0.dist-info").mkdir()   # no entry_points.txt
    (site / "flat.egg-info").write_text("Name: flat\n", encoding="utf-8")   # an egg-info file, not a folder
    monkeypatch.syspath_prepend(str(later))
    monkeypatch.syspath_prepend(str(site))
    for group in ("crmreq", "console_scripts", "pytest11"):
        ours = plugins._scan_entry_points(group)
        assert ours is not None
        assert _described(ours) == _described(metadata_entry_points(group=group))
    assert ("fake2", "fake_mod:attr.sub [x]") in [(ep.name, ep.value) for ep in plugins.entry_points("crmreq")]


def test_unusual_sys_path_entries_go_to_importlib_metadata(tmp_path, monkeypatch):
    from crmreq import plugins

    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\x00" * 18)   # an empty zip file
    monkeypatch.syspath_prepend(str(archive))
    assert plugins._scan_entry_points("crmreq") is None
    assert isinstance(list(plugins.entry_points("crmreq")), list)


def test_entry_point_load_follows_attributes(tmp_path, monkeypatch):
    from crmreq import plugins

    (tmp_path / "ep_target_mod.py").write_text("class attr:\n    sub = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    ep = plugins._EntryPoint("x", "ep_target_mod:attr.sub [extra]", "crmreq", plugins._DistInfo(str(tmp_path)))
    assert ep.load() == 42
    assert plugins._EntryPoint("y", "ep_target_mod", "crmreq", None).load().attr.sub == 42


# -- model records: shared __eq__/__hash__/__repr__ behave as dataclasses' generated ones

def _record_pair():
    import dataclasses

    from crmreq._records import Record, record

    def body():
        return {"__annotations__": {"pos": "int", "keys": "dict", "id": "str", "tags": "tuple"},
                "keys": dataclasses.field(default_factory=dict, repr=False, compare=False),
                "id": "", "tags": ()}

    generated = dataclasses.dataclass(frozen=True)(type("Thing", (), body()))
    shared = record(type("Thing", (Record,), body()))
    return generated, shared


@settings(max_examples=200, deadline=None, database=None)
@given(st.tuples(st.integers(), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2), st.text(max_size=4),
                 st.lists(st.one_of(st.integers(), st.text(max_size=2)), max_size=3).map(tuple)),
       st.tuples(st.integers(0, 2), st.text(max_size=1)))
def test_records_behave_like_frozen_dataclasses(values, other):
    import dataclasses

    generated, shared = _record_pair()
    g, s = generated(*values), shared(*values)
    g2, s2 = generated(other[0], {}, other[1]), shared(other[0], {}, other[1])
    assert repr(g) == repr(s)
    assert (g == g2) == (s == s2) and (g != g2) == (s != s2) and (g == g) == (s == s)
    assert hash(g) == hash(s) and (g == generated(*values)) == (s == shared(*values))
    assert (s == g) is False and s.__eq__(g) is NotImplemented
    assert dataclasses.replace(s, id="z").id == "z" and dataclasses.fields(s) and dataclasses.is_dataclass(s)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.id = "changed"


def test_model_classes_are_frozen_dataclasses():
    import dataclasses

    from crmreq import model

    feature = model.Feature(pos=model.Position("a.yaml", 1, 1), id="F1")
    assert dataclasses.is_dataclass(model.Spec) and dataclasses.is_dataclass(feature)
    with pytest.raises(dataclasses.FrozenInstanceError):
        feature.id = "F2"
    assert "Feature(pos=" in repr(feature)


# -- value grammars: the prefix-tree alternations match what plain alternations matched --

def _reference_values():
    """crmreq.values with `_alternation` written the plain way ("longest|…|shortest")."""
    import types

    from crmreq import values

    source = Path(values.__file__).read_text(encoding="utf-8")
    plain = (
        "def _alternation(words) -> str:\n"
        "    parts = []\n"
        "    for word in sorted(set(words), key=lambda w: (-len(w), w)):\n"
        "        part = re.escape(word)\n"
        "        if word[-1].isalnum():\n"
        "            part += r\"(?![\\w'])\"\n"
        "        parts.append(part)\n"
        "    return \"(?:\" + \"|\".join(parts) + \")\"\n\n\n"
        "def _alternation_tree(words) -> str:\n"
    )
    assert "def _alternation(words) -> str:\n" in source
    source = source.replace("def _alternation(words) -> str:\n", plain, 1)
    module = types.ModuleType("crmreq._values_reference")
    module.__package__ = "crmreq"
    sys.modules[module.__name__] = module
    try:
        exec(compile(source, "values_reference.py", "exec"), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    return module


def _value_corpus() -> list[str]:
    import ast

    from crmreq import values

    texts = set()
    for name in ("test_values.py", "rules/test_smart.py", "rules/test_timeline.py", "rules/test_nfr.py"):
        path = Path(__file__).parent / name
        if path.exists():
            texts |= {node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                      if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 80}
    words = set(values.UNIT_ALIASES) | set(values.TIME_UNITS) | set(values.MONTHS) | set(values.NUMBER_WORDS) \
        | set(values.COMPARATOR_WORDS) | set(values.POSTFIX_COMPARATORS) | set(values.ORDINAL_WORDS) \
        | {n for names in values.ANCHOR_NAMES.values() for n in names} | set(values._LEAD_WORDS)
    for word in sorted(words):
        texts |= {word, f"3 {word}", f"3{word}", f"{word}s", f"{word}x", f"{word}.", f"{word}'", f"{word} 3",
                  f"4-6 {word}", f"2 {word} apres la mise en production", f"{word} 2026", f"< 2 {word} max",
                  f"12 000 {word}/mois", f"dans 3 {word}", f"{word[:-1]}"}
    return sorted(texts)


def test_prefix_tree_alternations_read_values_as_before():
    from crmreq import values

    reference = _reference_values()
    words = ["mois", "month", "months", "m"]
    assert reference._alternation(words) != values._expand(values._alternation(words))
    assert re.fullmatch(values._expand(values._alternation(words)), "month")
    for text in _value_corpus():
        for function in ("parse_quantity", "parse_duration", "parse_deadline", "has_number",
                         "normalise_percentile", "normalise_comparator", "normalise_unit"):
            assert repr(getattr(values, function)(text)) == repr(getattr(reference, function)(text)), (function, text)


@settings(max_examples=400, deadline=None, database=None)
@given(st.lists(st.sampled_from(["3", "12", " ", "-", "/", ".", "'", "a", "s", "mois", "month", "j+", "t+", "semaines",
                                 "jours ouvres", "apres", "go-live", "fin", "q3", "2026", "max", "min.", "%", "k€",
                                 "par", "h", "ms", "p95", "<", "au moins", "juin", "1er", "trimestre", "x"]),
                max_size=7).map("".join))
def test_prefix_tree_alternations_on_random_phrases(text):
    from crmreq import values

    reference = test_prefix_tree_alternations_on_random_phrases.reference
    for function in ("parse_quantity", "parse_duration", "parse_deadline", "has_number"):
        assert repr(getattr(values, function)(text)) == repr(getattr(reference, function)(text)), (function, text)


test_prefix_tree_alternations_on_random_phrases.reference = None


@pytest.fixture(autouse=True)
def _reference_for_random_phrases():
    if test_prefix_tree_alternations_on_random_phrases.reference is None:
        test_prefix_tree_alternations_on_random_phrases.reference = _reference_values()


# -- the garbage collector: paused while a lint runs, frozen only from the command line ----

def test_lint_from_a_caller_leaves_the_collector_as_it_was():
    import gc

    from click.testing import CliRunner

    from crmreq.cli import main

    frozen = gc.get_freeze_count()
    result = CliRunner().invoke(main, ["lint", "--no-cache", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_the_command_line_freezes_what_it_imported():
    code = ("import gc, sys\nfrom crmreq.cli import main\n"
            f"sys.argv = ['crmreq', 'lint', '--no-cache', {str(EXAMPLE)!r}]\n"
            "try:\n    main()\nexcept SystemExit as exc:\n"
            "    assert exc.code == 0 and gc.isenabled() and gc.get_freeze_count() > 10_000, gc.get_freeze_count()\n")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=ROOT)
