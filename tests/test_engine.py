"""Engine: rule isolation, suppressions, select/ignore, severities, config precedence, language."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.lint import Session

from conftest import write_spec

SPEC = """\
crmreq: 1
project:
  name: Test
  company: ACME
  lang: fr
objectives:
  - id: OBJ-1
    title: Réduire le délai de réponse
    metric: délai de réponse
    target: "24 h"
    deadline: 2027-06-30
    owner: dir
"""

CRASHING_PLUGIN = '''
from crmreq import hookimpl
from crmreq.findings import Rule

def boom(spec, emit):
    raise RuntimeError("kaboom")

@hookimpl
def crmreq_register_rules():
    return [Rule(code="ZZ001", name="always-crashes", severity="warning", family="test",
                 message={"fr": "x", "en": "x"}, doc={"fr": "x", "en": "x"}, check=boom)]
'''


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(paths=(), **kwargs):
    session = Session.create(paths, **kwargs)
    return session, session.lint_all()


def test_a_crashing_rule_is_x002_naming_plugin_and_rule_and_others_still_run(workdir):
    write_spec(workdir, SPEC)
    (workdir / "boom.py").write_text(CRASHING_PLUGIN)
    (workdir / ".crmreq.toml").write_text('plugins = ["boom.py"]\n')
    session, report = lint()
    x002 = [f for f in report.findings if f.code == "X002"]
    assert len(x002) == 1
    assert "boom" in x002[0].message and "ZZ001" in x002[0].message and "kaboom" in x002[0].message
    assert x002[0].plugin == "boom"
    assert any(f.code == "S004" for f in report.findings)  # the built-ins still ran
    assert report.exit_code == 2


def test_a_plugin_that_fails_to_import_is_reported_by_name_and_exit_2(workdir):
    write_spec(workdir, SPEC)
    (workdir / "broken.py").write_text("import nonexistent_module_xyz\n")
    (workdir / ".crmreq.toml").write_text('plugins = ["broken.py"]\n')
    result = CliRunner().invoke(main, ["lint", "--format", "json"])
    assert result.exit_code == 2
    assert "broken.py" in result.stderr and "nonexistent_module_xyz" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert json.loads(result.stdout)["summary"]["warnings"] >= 1  # the lint still ran


def test_suppression_on_item_line_covers_children_and_line_above_works(workdir):
    write_spec(workdir, SPEC.replace("  - id: OBJ-1\n", "  - id: OBJ-1  # crmreq: ignore[S004]\n") + """\
  # crmreq: ignore[objective-without-baseline, S007]
  - id: OBJ-2
    title: "Porter à 25 % # crmreq: ignore[S005] n'est pas un commentaire"
    metric: taux
    target: "25 %"
    deadline: 2027-06-30
""")
    _, report = lint(select=["S"])
    found = {(f.code, f.object) for f in report.findings}
    assert ("S004", "OBJ-1") not in found and ("S004", "OBJ-2") not in found
    assert ("S007", "OBJ-2") not in found
    assert not [f for f in report.findings if f.code == "X001"]


def test_unused_suppression_is_x001(workdir):
    write_spec(workdir, SPEC.replace("    metric: délai de réponse\n", "    metric: délai de réponse  # crmreq: ignore[S001]\n"))
    _, report = lint()
    x001 = [f for f in report.findings if f.code == "X001"]
    assert len(x001) == 1 and x001[0].line == 9 and x001[0].severity == "info"


def test_suppression_in_toml(workdir):
    write_spec(workdir, textwrap.dedent("""\
        crmreq = 1
        [project]
        name = "T"
        lang = "en"

        [[objectives]]  # crmreq: ignore[S001,S002]
        id = "O1"
        title = "Answer within 24 h # not a comment"
    """), name="crmreq.toml")
    _, report = lint(select=["S001", "S002", "X001"])
    assert [f.code for f in report.findings] == []


def test_select_ignore_by_code_prefix_and_name(workdir):
    write_spec(workdir, SPEC.replace("    owner: dir\n", ""))
    _, report = lint(select=["S"], ignore=["objective-without-baseline"])
    codes = {f.code for f in report.findings}
    assert codes == {"S007"}
    _, report = lint(select=["S004"])
    assert {f.code for f in report.findings} == {"S004"}


def test_unknown_select_code_is_a_usage_error(workdir):
    write_spec(workdir, SPEC)
    result = CliRunner().invoke(main, ["lint", "--select", "Q999"])
    assert result.exit_code == 2 and "Q999" in result.stderr


def test_severity_override_and_per_file_ignores(workdir):
    write_spec(workdir, SPEC)
    (workdir / ".crmreq.toml").write_text(
        'select = ["S"]\n[severity]\nS004 = "error"\nobjective-without-owner = "off"\n'
        '[per-file-ignores]\n"other*.yaml" = ["S"]\n')
    _, report = lint()
    s004 = [f for f in report.findings if f.code == "S004"]
    assert s004 and s004[0].severity == "error"
    assert report.exit_code == 1
    (workdir / ".crmreq.toml").write_text('select = ["S"]\n[per-file-ignores]\n"crmreq.yaml" = ["S004"]\n')
    _, report = lint()
    assert not [f for f in report.findings if f.code == "S004"]


def test_config_precedence_crmreq_toml_then_pyproject_then_lint_section(workdir):
    write_spec(workdir, SPEC + "lint:\n  select: [S004]\n")
    _, report = lint()
    assert {f.code for f in report.findings} == {"S004"}
    (workdir / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no [tool.crmreq]: ignored
    _, report = lint()
    assert {f.code for f in report.findings} == {"S004"}
    (workdir / "pyproject.toml").write_text('[tool.crmreq]\nselect = ["S007"]\n')
    _, report = lint()
    assert {f.code for f in report.findings} == set()  # S007 does not fire: owner is set
    (workdir / ".crmreq.toml").write_text('select = ["E006"]\n')
    _, report = lint()
    assert {f.code for f in report.findings} == {"E006"}  # owner "dir" is unknown
    other = workdir / "custom.toml"
    other.write_text('select = ["S004"]\n')
    _, report = lint(config=str(other))
    assert {f.code for f in report.findings} == {"S004"}


def test_unknown_config_key_is_exit_2(workdir):
    write_spec(workdir, SPEC)
    (workdir / ".crmreq.toml").write_text('selekt = ["S"]\n')
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 2 and "selekt" in result.stderr


def test_language_precedence(workdir, monkeypatch):
    write_spec(workdir, SPEC)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    session, report = lint(select=["S004"])
    assert report.findings[0].message.startswith("L'objectif")  # project.lang: fr
    session, report = lint(select=["S004"], lang="en")
    assert report.findings[0].message.startswith("Objective")
    (workdir / ".crmreq.toml").write_text('lang = "en"\n')
    session, report = lint(select=["S004"])
    assert report.findings[0].message.startswith("Objective")
    session, report = lint(select=["S004"], lang="fr")
    assert report.findings[0].message.startswith("L'objectif")
