"""Guards against hostile files (docs/limits.md): each one is an E001 with a position, fast.

- TOML keys and table headers of more than 64 dotted parts, and more than 100,000 dotted
  parts in one file (tomllib spends quadratic time or ~1 KB per part on them);
- duplicate keys: 20 findings per file, then one that counts the rest;
- YAML aliases: at most 10,000 on the libyaml path as on the pure-Python one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.loader import load_spec
from crmreq.loader import toml_guards, yaml_loader

from conftest import write_spec

YAML_HEAD = "crmreq: 1\nproject:\n  name: T\n  company: ACME\n  lang: en\n"
TOML_HEAD = 'crmreq = 1\n\n[project]\nname = "T"\ncompany = "ACME"\nlang = "en"\n\n[x-free]\n'
TOML_HEAD_LINES = TOML_HEAD.count("\n")


@pytest.fixture
def spec_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def e001(result):
    return [p for p in result.problems if p.code == "E001"]


def only_e001(result):
    found = e001(result)
    assert len(found) == 1 and len(result.problems) == 1, result.problems
    return found[0]


def lint_json(lang="en"):
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--select", "E", "--lang", lang])
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def dotted(n, part="a", sep="."):
    return sep.join([part] * n)


# -- TOML: dotted keys ----------------------------------------------------------------

def test_long_toml_dotted_key_is_e001_at_the_key_before_tomllib_runs(spec_dir):
    write_spec(spec_dir, TOML_HEAD + "ok = 1\n  " + dotted(20_000) + " = 1\n", name="crmreq.toml")
    exit_code, diagnostics = lint_json()
    assert exit_code == 1
    [finding] = diagnostics
    assert finding["code"] == "E001"
    assert "key with too many dotted parts (20,000, limit 64)" in finding["message"]
    assert (finding["line"], finding["column"]) == (TOML_HEAD_LINES + 2, 3)


def test_dotted_key_message_in_french(spec_dir):
    write_spec(spec_dir, TOML_HEAD + dotted(1_000) + " = 1\n", name="crmreq.toml")
    _, [finding] = lint_json("fr")
    assert "clé à trop de parties pointées (1\u202f000, limite 64)" in finding["message"]


@pytest.mark.parametrize("line,kind,column", [
    ("[" + dotted(65) + "]", "table header", 2),
    ("[[ " + dotted(65, sep=" . ") + " ]]", "table header", 4),
    ("[x-free." + dotted(64, '"a.b"') + "]", "table header", 2),
    ("t = { z = 2, " + dotted(65, "'q'") + " = 1 }", "key", 14),
    ("t = [{ z = 2 }, { " + dotted(65, "b") + " = 1 }]", "key", 19),
])
def test_headers_quoted_parts_and_inline_tables_are_guarded(spec_dir, line, kind, column):
    write_spec(spec_dir, TOML_HEAD + "ok = 1\n" + line + "\n", name="crmreq.toml")
    problem = only_e001(load_spec(spec_dir))
    assert problem.args["detail"]["en"].startswith(f"{kind} with too many dotted parts (65, limit 64)")
    assert (problem.pos.line, problem.pos.column) == (TOML_HEAD_LINES + 2, column)


@pytest.mark.parametrize("text", [
    dotted(64) + " = 1\n",                                        # the limit itself
    "[x-free." + dotted(63) + "]\nk = 1\n",
    dotted(64, '"a.b.c"') + " = 1\n",                             # dots inside quoted parts
    'k = "' + dotted(500) + '"\n',                               # dots in a string value
    "k = '" + dotted(500) + " = 1'\n",
    'k = """\n' + dotted(500) + ' = 1\n[' + dotted(500) + ']\n"""\n',
    "k = '''\n" + dotted(500) + " = 1\n'''\n",
    'k = """ \\"""' + dotted(500) + ' = 1 ""\\""""\n',          # escaped quotes, quotes at the end
    'k = "a\\"' + dotted(500) + ' = 1"\n',
    "# " + dotted(500) + " = 1\n",                                 # a comment
    "k = [" + ", ".join(["1.5"] * 500) + "]\n",                    # floats, one line
])
def test_dots_outside_keys_are_not_refused(spec_dir, text):
    write_spec(spec_dir, TOML_HEAD + text, name="crmreq.toml")
    assert not e001(load_spec(spec_dir))


def test_too_many_dotted_parts_in_one_file(spec_dir):
    # 1,600 headers of 64 parts, 210 KB: tomllib would build 100,000 tables (~1 KB each)
    headers = "".join(f"[x-free.t{i}.{dotted(62)}]\n" for i in range(1_600))
    write_spec(spec_dir, TOML_HEAD + headers, name="crmreq.toml")
    problem = only_e001(load_spec(spec_dir))
    assert problem.args["detail"]["en"] == "too many dotted keys in this file (more than 100,000 dotted parts)"
    assert problem.pos.line == TOML_HEAD_LINES + 1 + 100_000 // 63 and problem.pos.column == 2


def test_dotted_part_budget_counts_keys_only(monkeypatch):
    monkeypatch.setattr(toml_guards, "MAX_DOTTED_PARTS", 100)
    keys = "".join(f"k{i}.a.b = 1\n" for i in range(50))               # 100 dotted parts
    strings = "".join(f'v{i} = "{dotted(10)}"\n' for i in range(100))   # 900 dots in strings
    assert toml_guards.check_toml(keys + strings) is None
    refused = toml_guards.check_toml(keys + "last.a = 1\n")
    assert refused and refused[1:] == (51, 1)


def test_toml_test_valid_files_pass_the_full_token_scan(monkeypatch):
    """The exact scan (normally run on suspicious files only) refuses no valid file."""
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "toml-test"
    files = [p for p in corpus.rglob("*.toml") if "invalid" not in p.parts]
    if not files:
        pytest.skip("shared/corpora is not next to the repository")
    monkeypatch.setattr(toml_guards, "_line_with_many_dots", lambda text: True)
    monkeypatch.setattr(toml_guards, "MAX_KEY_PARTS", 3)  # the corpus's deepest keys have more
    refused = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        found = toml_guards.check_toml(text)
        if found:
            refused.append((path.name, found))
    # only keys and headers of 4+ parts, never something inside a string or a comment
    assert refused and all("dotted parts" in found[0] for _, found in refused)
    assert {name for name, _ in refused} <= {
        "key-dotted-02.toml", "key-dotted-06.toml", "dotted-01.toml", "dotted-03.toml", "like-date.toml",
        "table-4.toml", "table-8.toml", "table-9.toml", "common-41.toml", "common-45.toml", "common-46.toml",
        "without-super.toml", "without-super-with-values.toml", "names.toml", "names-with-values.toml",
        "implicit-and-explicit-after.toml", "implicit-and-explicit-before.toml", "implicit-groups.toml",
        "array-table-array.toml", "sub.toml", "multibyte.toml", "with-literal-string.toml", "with-single-quotes.toml",
        "array-within-dotted.toml", "common-8.toml", "keys-3.toml", "common-6.toml", "key-dotted-03.toml",
        "table-3.toml", "common-40.toml",
    }, refused


def test_guard_is_cheap_on_a_large_ordinary_file():
    features = "".join(
        f'[[features]]\nid = "F-{i:05d}"\ntitle = "Relancer le lead web (v2.1, mkt.{i})"\n'
        f'scenario = "Chez le client. Depuis mon téléphone, je relance le lead. Sans réponse, une alerte."\n\n'
        for i in range(10_000)
    )  # ≈ 1.6 MB, 50,000 dots
    assert toml_guards.check_toml(features) is None


# -- duplicate keys -------------------------------------------------------------------

def test_duplicate_keys_are_capped_at_20_findings_per_file(spec_dir):
    write_spec(spec_dir, YAML_HEAD + "x-dup:\n" + "  k: 1\n" * 1_001)
    exit_code, diagnostics = lint_json()
    assert exit_code == 1 and len(diagnostics) == 21
    assert all("duplicate key `k`" in d["message"] for d in diagnostics[:20])
    last = diagnostics[-1]
    assert last["code"] == "E001" and last["message"].endswith("… and 980 more duplicate keys in this file")
    assert last["line"] == 7 + 21  # the first duplicate not reported
    _, diagnostics = lint_json("fr")
    assert diagnostics[-1]["message"].endswith("… et 980 autres clés en double dans ce fichier")


def test_duplicate_summary_french_typography_and_singular(spec_dir):
    write_spec(spec_dir, YAML_HEAD + "x-dup:\n" + "  k: 1\n" * 2_001)
    [summary] = [p for p in load_spec(spec_dir).problems if "more duplicate" in p.args["detail"]["en"]]
    assert summary.args["detail"]["fr"] == "… et 1\u202f980 autres clés en double dans ce fichier"
    write_spec(spec_dir, YAML_HEAD + "x-dup:\n" + "  k: 1\n" * 22)
    [summary] = [p for p in load_spec(spec_dir).problems if "more duplicate" in p.args["detail"]["en"]]
    assert summary.args["detail"] == {"fr": "… et 1 autre clé en double dans ce fichier",
                                      "en": "… and 1 more duplicate key in this file"}


def test_up_to_20_duplicates_are_each_reported(spec_dir):
    write_spec(spec_dir, YAML_HEAD + "x-dup:\n" + "".join(f"  k{i % 10}: {i}\n" for i in range(30)))
    found = e001(load_spec(spec_dir))
    assert len(found) == 20 and all("duplicate key" in p.args["detail"]["en"] for p in found)


def test_the_cap_is_per_file(spec_dir):
    write_spec(spec_dir, YAML_HEAD + "include: [more.yaml]\nx-dup:\n" + "  k: 1\n" * 30)
    write_spec(spec_dir, "x-other:\n" + "  k: 1\n" * 30, name="more.yaml")
    found = e001(load_spec(spec_dir))
    assert len(found) == 42
    assert sorted(p.pos.file for p in found if "more duplicate" in p.args["detail"]["en"]) == ["crmreq.yaml", "more.yaml"]


def test_toml_duplicates_stop_at_the_first(spec_dir):
    write_spec(spec_dir, TOML_HEAD + "k = 1\n" * 1_000, name="crmreq.toml")
    only_e001(load_spec(spec_dir))


# -- YAML aliases ---------------------------------------------------------------------

def _aliases(n):
    return YAML_HEAD + "x-a: &a 1\nx-b:\n" + "  - *a\n" * n


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
def test_alias_count_is_the_same_on_both_paths(spec_dir, monkeypatch, fast):
    if not fast:
        monkeypatch.setattr(yaml_loader, "_C_LOADER", None)
    elif yaml_loader._c_loader() is None:
        pytest.skip("ruamel.yaml.clib is not installed")
    write_spec(spec_dir, _aliases(10_001))
    problem = only_e001(load_spec(spec_dir))
    assert problem.args["detail"] == {"en": "too many aliases (more than 10,000)", "fr": "trop d'alias (plus de 10\u202f000)"}
    assert (problem.pos.line, problem.pos.column) == (7 + 10_001, 5)  # the 10,001st alias
    write_spec(spec_dir, _aliases(10_000))
    assert not load_spec(spec_dir).problems


def test_stars_that_are_not_aliases_do_not_count(spec_dir):
    write_spec(spec_dir, YAML_HEAD + "x-a: &a 1\nx-b: [*a]\nx-text: '" + "*" * 20_000 + "'\n# " + "*" * 20_000 + "\n")
    assert not load_spec(spec_dir).problems


@pytest.mark.parametrize("prefix", ["", "-", "+", "0x", "0o"])
def test_integer_length_counts_digits_not_sign_or_prefix(prefix):
    from crmreq.loader.yaml_loader import MAX_INT_DIGITS, YamlProblem, parse_yaml

    digit = "7"
    parse_yaml(f"a: {prefix}{digit * MAX_INT_DIGITS}\n", "x.yaml")  # at the limit: read
    with pytest.raises(YamlProblem, match=rf"integer too long \({MAX_INT_DIGITS + 1} digits\)"):
        parse_yaml(f"a: {prefix}{digit * (MAX_INT_DIGITS + 1)}\n", "x.yaml")


def test_duplicate_keys_with_a_line_break_are_counted_like_the_others(spec_dir):
    """A quoted key may hold "\\n": duplicates are told apart by a flag, not by their message."""
    lines = ["crmreq: 1", "project: {name: X, lang: en}", "x-extra:", '  "a\\nb": 1', '  "a\\nb": 2', "  k: 1"]
    (spec_dir / "crmreq.yaml").write_text("\n".join(lines + ["  k: 2"] * 21) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--format", "json", str(spec_dir)])
    assert result.exit_code == 1, result.output
    messages = [d["message"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "E001"]
    assert len(messages) == 21 and messages[-1].endswith("… and 2 more duplicate keys in this file")
