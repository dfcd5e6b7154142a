"""Property-based fuzzing of `crmreq lint`: nothing escapes, every finding points into a file.

Valid specs with random content (tests/fuzz_strategies.py: any Unicode, RTL, emoji, control
characters, formulas, YAML/TOML look-alikes, very long strings, huge numbers, odd dates)
must load with no loading finding (E001–E007) and keep every text as drawn. Broken specs —
random mutations of a valid text: truncation, deleted / duplicated / swapped lines,
re-indentation, wrong types, stray syntax, random bytes — must be reported as findings:

- no exception escapes the library, the reporters or the command line;
- every finding names one of the spec's files and a line inside it (column ≥ 1);
- `--format json` prints one JSON document whose summary matches its diagnostics;
  SARIF parses, GitHub annotations are one command per line;
- the exit code is 0 or 1: a user's broken spec is a finding (1), never exit 2, which
  stays for usage, configuration and plugin failures (no plugin fails here: third-party
  plugins installed in the environment are disabled, this file tests the core).

The default run draws a few hundred examples (well under a minute). For a long run:

    pytest -m nightly                                  # tests/test_fuzz_nightly.py: thousands
    CRMREQ_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py

(every test then draws that many; hypothesis keeps no database in the repository).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from crmreq.config import Settings
from crmreq.lint import reporters
from crmreq.lint.engine import Linter
from crmreq.loader.spec import display_path

from fuzz_strategies import core_plugins, mutated, to_toml, to_yaml, valid_specs

_SCALE = int(os.environ.get("CRMREQ_FUZZ_EXAMPLES", "0") or 0)


def fuzz_settings(default: int):
    return settings(
        max_examples=_SCALE or default,
        database=None,            # no .hypothesis/ directory in the repository
        deadline=None,            # a 12,000-character text takes a while to lint: not a failure
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                               HealthCheck.filter_too_much],
        print_blob=True,
    )


CODE = re.compile(r"^(?:[A-Z]\d{3}|[A-Z]{2,}\d{3})$")
SECTIONS_ELSEWHERE = ("objectives", "features", "nfr", "rgpd", "systems", "flows", "migration", "consultation")


# -- writing and checking ---------------------------------------------------------------------

def write(directory: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def split_spec(spec: dict, layout: str) -> dict[str, bytes]:
    """One file, or an entry file including a TOML part and a YAML part (in a subfolder)."""
    if layout == "yaml":
        return {"crmreq.yaml": to_yaml(spec).encode()}
    if layout == "toml":
        return {"crmreq.toml": to_toml(spec).encode()}
    entry = {k: v for k, v in spec.items() if k not in SECTIONS_ELSEWHERE}
    toml_part = {k: spec[k] for k in SECTIONS_ELSEWHERE[:4] if k in spec}
    yaml_part = {k: spec[k] for k in SECTIONS_ELSEWHERE[4:] if k in spec}
    entry = {"crmreq": 1, "include": ["exigences.toml", "besoins/*.yaml"], **entry}
    return {"crmreq.yaml": to_yaml(entry).encode(), "exigences.toml": to_toml(toml_part).encode(),
            "besoins/si.yaml": to_yaml(yaml_part).encode()}


class Lines(list):
    """A file's lines as crmreq numbers them (LF, CRLF); `utf8` False when it does not decode."""

    utf8 = True


def line_counts(directory: Path, files: dict[str, bytes]) -> dict[str, Lines]:
    """display path → the file's lines."""
    out = {}
    for name, data in files.items():
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        lines = Lines(data.decode("utf-8", errors="replace").replace("\r\n", "\n").split("\n"))
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            lines.utf8 = False
        out[display_path((directory / name).resolve())] = lines
    return out


def check_finding(finding, lines_of: dict[str, list[str]]) -> None:
    assert CODE.match(finding.code), finding
    assert finding.severity in ("error", "warning", "info"), finding
    assert isinstance(finding.message, str) and finding.message.strip(), finding
    assert finding.file in lines_of, f"{finding} names a file that is not in the spec: {sorted(lines_of)}"
    lines = lines_of[finding.file]
    assert 1 <= finding.line <= len(lines), f"{finding.code} at line {finding.line} of a {len(lines)}-line file"
    assert finding.column >= 1, finding
    # a column may point just past the end of its line (a missing value), not further
    assert finding.column <= len(lines[finding.line - 1]) + 1, (
        f"{finding.code} at {finding.line}:{finding.column}, line is {len(lines[finding.line - 1])} long: "
        f"{lines[finding.line - 1][:120]!r}")


def check_reports(report, result, lang: str) -> None:
    document = json.loads(reporters.render_json(report))
    assert document["version"] == 1
    counts = report.counts
    assert document["summary"] == {"files": report.files, "errors": counts["error"],
                                   "warnings": counts["warning"], "infos": counts["info"]}
    assert len(document["diagnostics"]) == len(report.findings)
    keys = [(d["file"], d["line"], d["column"], d["code"]) for d in document["diagnostics"]]
    assert keys == sorted(keys)
    sarif = json.loads(reporters.render_sarif(report, core_plugins()[0].rules, lang, "0"))
    assert sarif["version"] == "2.1.0"
    github = reporters.render_github(report)
    for line in github.rstrip("\n").split("\n") if github else []:  # the runner splits lines on LF and CR
        assert line.startswith("::") and "\r" not in line, f"a GitHub annotation spans several lines: {line!r}"
    sources = {f.path: f.lines for f in result.files}
    stream = io.StringIO()
    reporters.render_text(report, lang, color=False, quiet=False, sources=sources, stream=stream)
    assert stream.getvalue()


def lint_files(files: dict[str, bytes], lang: str = "en"):
    """Lint `files` in a fresh directory with the core plugins; check every invariant."""
    plugins, _ = core_plugins()
    with tempfile.TemporaryDirectory(prefix="crmreq-fuzz-") as tmp:
        directory = Path(tmp)
        write(directory, files)
        linter = Linter(plugins, Settings(lang=lang), lang=lang)
        result = linter.load(directory)
        report = linter.lint(result)
        lines_of = line_counts(directory, files)
        for finding in report.findings:
            check_finding(finding, lines_of)
        assert not [f for f in report.findings if f.code == "X002"], "a built-in rule crashed"
        assert report.exit_code in (0, 1)
        assert report.exit_code == (1 if any(f.severity == "error" for f in report.findings) else 0)
        check_reports(report, result, lang)
        return report, result


@contextlib.contextmanager
def working_directory(path: Path):
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def loading_findings(report) -> list:
    return [f for f in report.findings if f.code.startswith("E")]


# -- valid specs ------------------------------------------------------------------------------

@fuzz_settings(60)
@given(spec=valid_specs(), style=st.sampled_from([0, 1, 2]), flow=st.booleans(), comments=st.booleans(),
       lang=st.sampled_from(["fr", "en"]))
def test_valid_yaml_spec_loads_without_loading_error_and_keeps_every_text(spec, style, flow, comments, lang):
    text = to_yaml(spec, style=style, flow_lists=flow, comments=comments)
    note(text[:4000])
    report, result = lint_files({"crmreq.yaml": text.encode()}, lang)
    assert loading_findings(report) == [], [str(f) for f in loading_findings(report)]
    assert_same_texts(spec, result.spec)


@fuzz_settings(40)
@given(spec=valid_specs(toml=True), layout=st.sampled_from(["toml", "mixed"]), lang=st.sampled_from(["fr", "en"]))
def test_valid_toml_and_multi_file_spec_loads_without_loading_error(spec, layout, lang):
    files = split_spec(spec, layout)
    note({k: v[:3000] for k, v in files.items()})
    report, result = lint_files(files, lang)
    assert loading_findings(report) == [], [str(f) for f in loading_findings(report)]
    assert_same_texts(spec, result.spec)


def assert_same_texts(spec: dict, model) -> None:
    """What was drawn is what crmreq read: ids, titles, scenarios, names, numbers, dates."""
    assert model is not None
    assert [f.id for f in model.features] == [f["id"] for f in spec["features"]]
    assert [f.title for f in model.features] == [f["title"] for f in spec["features"]]
    assert [f.scenario for f in model.features] == [f["scenario"] for f in spec["features"]]
    assert [o.id for o in model.objectives] == [o["id"] for o in spec["objectives"]]
    assert [t.name for t in model.teams] == [t["name"] for t in spec["teams"]]
    assert [t.size for t in model.teams] == [t["size"] for t in spec["teams"]]
    assert [n.statement for n in model.nfr] == [n["statement"] for n in spec["nfr"]]
    assert model.project.name == spec["project"]["name"]
    assert model.project.date == spec["project"]["date"]
    assert model.context.history == spec["context"]["history"]


# -- broken specs -----------------------------------------------------------------------------

@st.composite
def broken_files(draw):
    spec = draw(valid_specs(toml=True))
    layout = draw(st.sampled_from(["yaml", "toml", "mixed", "mixed"]))
    files = split_spec(spec, layout)
    victim = draw(st.sampled_from(sorted(files)))
    files[victim] = draw(mutated(files[victim].decode("utf-8")))
    return files


@fuzz_settings(60)
@given(files=broken_files(), lang=st.sampled_from(["fr", "en"]))
def test_broken_spec_is_reported_never_raised(files, lang):
    note({k: v[:3000] for k, v in files.items()})
    lint_files(files, lang)


@fuzz_settings(30)
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
       name=st.sampled_from(["crmreq.yaml", "crmreq.toml"]))
def test_arbitrary_bytes_as_entry_file(data, name):
    lint_files({name: data})


# -- through the command line ---------------------------------------------------------------

@fuzz_settings(20)
@given(files=broken_files(), fmt=st.sampled_from(["json", "json", "sarif", "github", "text"]))
def test_cli_on_broken_spec_exits_0_or_1_with_parseable_output(files, fmt):
    """Through `crmreq lint` itself, with its result cache on (in a scratch working directory):
    the second run answers from the cache and must print the same thing."""
    from click.testing import CliRunner

    from crmreq.cli import main

    _, others = core_plugins()
    disable = [arg for name in sorted(others) for arg in ("--disable-plugin", name)]
    with tempfile.TemporaryDirectory(prefix="crmreq-fuzz-") as tmp:
        spec_dir = Path(tmp) / "spec"
        write(spec_dir, files)
        runner = CliRunner()
        outputs = []
        with working_directory(Path(tmp)):   # .crmreq_cache/ goes there
            for _ in range(2):
                result = runner.invoke(main, ["lint", "--format", fmt, "--lang", "fr", *disable, str(spec_dir)],
                                       env={"CRMREQ_NO_CACHE": None})
                assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
                assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
                assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
                outputs.append((result.exit_code, result.stdout))
            lines_of = line_counts(spec_dir, files)   # paths as shown from this working directory
        assert outputs[0] == outputs[1], "the cached answer differs from the first run"
        if fmt == "json":
            document = json.loads(result.stdout)
            errors = document["summary"]["errors"]
            assert result.exit_code == (1 if errors else 0)
            for d in document["diagnostics"]:
                assert d["file"] in lines_of and 1 <= d["line"] <= len(lines_of[d["file"]]), d
        elif fmt == "sarif":
            assert json.loads(result.stdout)["version"] == "2.1.0"
        elif fmt == "github":
            lines = result.stdout.rstrip("\n").split("\n") if result.stdout else []
            assert all(line.startswith("::") for line in lines), result.stdout


# -- a few fixed inputs the fuzzer finds only by luck ---------------------------------------------

BOMBS = {
    "laughs.yaml": "crmreq: 1\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9) if p else ', '.join(['lol'] * 9)}]\n"
        for p, c in zip([None, *"abcdefgh"], "abcdefghi")),
    "deep-flow.yaml": "crmreq: 1\nx-a: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep-block.yaml": "crmreq: 1\nx-a:\n" + "".join(" " * (2 * i) + f"  k{i}:\n" for i in range(300)),
    "self-alias.yaml": "crmreq: 1\nx-a: &a [*a]\n",
    "huge-int.yaml": "crmreq: 1\nproject:\n  name: x\ncontext:\n  situation:\n    headcount: " + "9" * 5000 + "\n",
    "huge-hex.yaml": "crmreq: 1\nx-a: 0x" + "f" * 5000 + "\n",
    "yaml11.yaml": "%YAML 1.1\n---\ncrmreq: 1\n",
    "two-docs.yaml": "crmreq: 1\n---\ncrmreq: 1\n",
    "tags.yaml": "crmreq: 1\nx-a: !!python/object/apply:os.system ['true']\nx-b: !foo bar\nx-c: !!set {a, b}\n",
    "merge.yaml": "crmreq: 1\nx-base: &b {name: n}\nproject:\n  <<: *b\n  lang: fr\n",
    "deep.toml": "crmreq = 1\nx-a = " + "[" * 2000 + "]" * 2000 + "\n",
    "dotted.toml": "crmreq = 1\n" + ".".join(["a"] * 3000) + " = 1\n",
    "huge-int.toml": "crmreq = 1\n[project]\nname = \"x\"\n[context.situation]\nheadcount = " + "9" * 5000 + "\n",
    "nul.yaml": "crmreq: 1\nproject:\n  name: \"a\x00b\"\n",
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_known_traps_are_findings(name):
    entry = "crmreq.toml" if name.endswith(".toml") else "crmreq.yaml"
    lint_files({entry: BOMBS[name].encode()})
