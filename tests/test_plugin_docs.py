"""docs/plugins.md stays true: every hook is documented, and its examples run.

The examples are the fenced blocks that follow an `<!-- example: NAME -->` marker: the
plugin, its configuration, a spec, the output crmreq prints, and the plugin's tests. They
are written to a temporary directory and run through crmreq exactly as a reader would.
"""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crmreq import hookspecs

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib
from crmreq.findings import Exporter, Rule, RuleOption

DOC_PATH = Path(__file__).resolve().parents[1] / "docs" / "plugins.md"
DOC = DOC_PATH.read_text(encoding="utf-8")

# closing fences are at the start of a line: a ``` inside a Python string does not end a block
EXAMPLES = dict(re.findall(r"<!-- example: ([\w-]+) -->\n```[\w-]*\n(.*?)\n```\n", DOC, re.S))
BLOCKS = re.findall(r"^```([\w-]*)\n(.*?)\n^```$", DOC, re.S | re.M)
HEADINGS = [line for line in DOC.splitlines() if re.match(r"#{1,6} ", line)]


def hookspec_names() -> list[str]:
    marker = "crmreq_spec"
    return sorted(name for name, obj in vars(hookspecs).items()
                  if name.startswith("crmreq_") and callable(obj) and hasattr(obj, marker))


def test_hookspecs_are_found():
    assert hookspec_names() == ["crmreq_config_options", "crmreq_register_exporters",
                                "crmreq_register_rules", "crmreq_schema_extensions"]


@pytest.mark.parametrize("name", hookspec_names())
def test_every_hook_has_a_heading_with_its_signature(name):
    matching = [h for h in HEADINGS if re.search(rf"\b{name}\b", h)]
    assert matching, f"docs/plugins.md has no heading for the hook {name}"
    arguments = list(inspect.signature(getattr(hookspecs, name)).parameters)
    assert f"{name}({', '.join(arguments)})" in matching[0], (
        f"the heading for {name} must show its arguments: {name}({', '.join(arguments)})")


def test_no_heading_documents_a_hook_that_does_not_exist():
    documented = {m for h in HEADINGS for m in re.findall(r"\bcrmreq_\w+", h)}
    assert documented <= set(hookspec_names())


@pytest.mark.parametrize("record, skip", [
    (Rule, {"plugin", "cross_file"}), (Exporter, {"plugin"}), (RuleOption, set()),
])
def test_every_public_field_is_documented(record, skip):
    from dataclasses import fields

    for field in fields(record):
        if field.name not in skip:
            assert re.search(rf"\b{field.name}\b", DOC), f"{record.__name__}.{field.name} is not documented"


def test_the_examples_are_all_there():
    assert {"minimal", "plugin", "config", "spec", "output", "test"} <= set(EXAMPLES)


def test_every_name_of_the_authoring_api_is_documented():
    import crmreq
    import crmreq.authoring

    for name in set(crmreq.__all__) | set(crmreq.authoring.__all__):
        if name != "__version__":
            assert re.search(rf"`[^`]*\b{name}\b[^`]*`", DOC), f"crmreq.{name} is not documented"


# -- the minimal rule: about fifteen lines, run exactly as written ----------------------------

MINIMAL_SPEC = """\
crmreq: 1
project: {name: Maison, lang: en}
features:
  - {id: F-01, module: sales, title: Quotes, priority: must}
  - id: F-02
    title: Invoices
    priority: must
"""


def test_the_minimal_rule_fits_in_about_fifteen_lines():
    code_lines = [line for line in EXAMPLES["minimal"].splitlines() if line.strip()]
    assert len(code_lines) <= 15, len(code_lines)


def test_the_minimal_rule_runs_as_written(crmreq_cli, tmp_path):
    (tmp_path / "house.py").write_text(EXAMPLES["minimal"] + "\n", encoding="utf-8")
    config = 'plugins = ["house.py"]\n'
    outcome = crmreq_cli("lint", "--format", "json", "--select", "HOUSE", spec=MINIMAL_SPEC, config=config)
    assert outcome.exit_code == 0, outcome.stderr
    found = outcome.json()["diagnostics"]
    assert [(d["code"], d["name"], d["severity"], d["object"], d["line"], d["plugin"], d["message"]) for d in found] \
        == [("HOUSE001", "feature-without-module", "warning", "F-02", 5, "house", "Feature F-02 has no module")]
    french = crmreq_cli("lint", "--format", "json", "--select", "HOUSE", "--lang", "fr").json()["diagnostics"]
    assert [d["message"] for d in french] == ["La fonctionnalité F-02 n'a pas de module"]
    documented = crmreq_cli("rule", "HOUSE001")
    assert documented.exit_code == 0 and "Every feature names its module" in documented.stdout


def test_every_block_parses():
    from ruamel.yaml import YAML

    for lang, body in BLOCKS:
        if lang == "python":
            compile(body, "<docs/plugins.md>", "exec")
        elif lang == "toml":
            tomllib.loads(body)
        elif lang == "yaml":
            YAML(typ="safe", pure=True).load(body)
        elif lang == "json":
            json.loads(body)


def test_the_schema_extension_example_is_valid_cerberus():
    from crmreq.schema import validate

    block = next(body for lang, body in BLOCKS if lang == "python" and "def crmreq_schema_extensions" in body
                 and '"sites"' in body)
    namespace: dict = {}
    exec("from crmreq import hookimpl\n" + block, namespace)
    extensions = namespace["crmreq_schema_extensions"]()
    assert set(extensions) == {"sites", "features.btp", "project.sector"}
    # crmreq's validator (with its `check_with` rules) raises cerberus' SchemaError on an invalid rule
    problems = validate({"crmreq": 1, "project": {"name": "x"}, "sites": [{"id": "S1", "offline": True}],
                         "features": [{"id": "F1", "btp": ["offline"]}]}, extensions)
    assert problems == []


@pytest.fixture
def example(tmp_path):
    """The example plugin written where the example configuration expects it."""
    (tmp_path / "acme.py").write_text(EXAMPLES["plugin"] + "\n", encoding="utf-8")
    return tmp_path


def test_the_example_plugin_lints_as_documented(crmreq_cli, example):
    outcome = crmreq_cli("lint", "--select", "ACME", "--no-color",
                         spec=EXAMPLES["spec"] + "\n", config=EXAMPLES["config"] + "\n")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.rstrip() == EXAMPLES["output"].rstrip()

    found = crmreq_cli("lint", "--format", "json", "--select", "ACME").json()["diagnostics"]
    assert [(d["code"], d["object"], d["line"], d["plugin"]) for d in found] == [
        ("ACME001", "WH-NORTH", 6, "acme"), ("ACME002", "F-01", 9, "acme")]
    assert "at most 50" in found[1]["message"]     # the option set in the configuration


def test_the_example_plugin_contributes_everything_it_declares(crmreq_cli, example):
    crmreq_cli("lint", spec=EXAMPLES["spec"] + "\n", config=EXAMPLES["config"] + "\n")
    # the schema extension: `warehouses` and `features.erp_code` are not unknown keys
    assert "E002" not in [d["code"] for d in crmreq_cli("lint", "--format", "json").json()["diagnostics"]]
    # the exporter
    exported = crmreq_cli("export", "acme-ids", ".", "-o", "ids.tsv", "--allow-errors")
    assert exported.exit_code == 0, exported.stderr
    assert (example / "ids.tsv").read_text(encoding="utf-8") == \
        "F-01\tA feature title that goes on and on, well beyond fifty characters\n"
    # the plugin-wide option declared by crmreq_config_options
    (example / ".crmreq.toml").write_text('plugins = ["acme.py"]\nacme-strict = true\n', encoding="utf-8")
    outcome = crmreq_cli("lint", "--format", "json")
    assert outcome.exit_code != 2 and outcome.stderr == ""
    (example / ".crmreq.toml").write_text('plugins = ["acme.py"]\nacme-strict = "yes"\n', encoding="utf-8")
    outcome = crmreq_cli("lint", "--format", "json")
    assert outcome.exit_code == 2 and "acme-strict" in outcome.stderr and "expects" in outcome.stderr


def test_the_example_plugin_can_be_disabled(crmreq_cli, example):
    outcome = crmreq_cli("lint", "--format", "json", "--select", "E002", "--disable-plugin", "acme",
                         spec=EXAMPLES["spec"] + "\n", config='plugins = ["acme.py"]\n')
    # without the plugin, its section and key are unknown to the schema
    assert {d["line"] for d in outcome.json()["diagnostics"]} == {3, 10}


def test_the_example_tests_pass(example):
    (example / "test_acme.py").write_text(EXAMPLES["test"] + "\n", encoding="utf-8")
    (example / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")   # keep rootdir here
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_acme.py"],
        cwd=example, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout


def test_the_testing_fixtures_are_documented_with_their_parameters(crmreq_lint, crmreq_export, crmreq_plugins,
                                                                    crmreq_cli):
    for name, fixture in [("crmreq_lint", crmreq_lint), ("crmreq_export", crmreq_export),
                          ("crmreq_plugins", crmreq_plugins), ("crmreq_cli", crmreq_cli)]:
        definition = re.search(rf"^`{name}\((.*?)\)`$", DOC, re.M | re.S)
        assert definition, f"{name} is not documented in docs/plugins.md"
        for parameter in inspect.signature(fixture).parameters.values():
            shown = "*args" if parameter.kind is parameter.VAR_POSITIONAL else parameter.name
            assert shown in definition.group(1), f"{name}: parameter {shown} is not documented"


def test_the_testing_module_docstring_lists_every_fixture():
    import crmreq.testing

    fixtures = sorted(n for n in vars(crmreq.testing) if n.startswith("crmreq_"))
    assert fixtures == ["crmreq_cli", "crmreq_export", "crmreq_lint", "crmreq_plugins"]
    for name in fixtures:
        assert f"`{name}(" in crmreq.testing.__doc__
