"""A broken plugin is reported by name, never with a traceback, and the run goes on (exit 2).

Plugins here are written on the fly: local `.py` files named by the `plugins` configuration
key or dropped in a `plugins/` folder next to the spec, and entry-point plugins installed as
a fake distribution (a `*.dist-info` directory put on `sys.path`, which is all
`importlib.metadata` needs). Commands run through the `crmreq_cli` fixture of
`crmreq.testing`.
"""

from __future__ import annotations

import json
import textwrap
from importlib.metadata import entry_points

import pytest

SPEC = """\
crmreq: 1
project: {name: Test, company: ACME, lang: en}
objectives:
  - id: OBJ-1
    title: Answer requests within 24 h
    metric: time to answer
    target: "24 h"
    deadline: 2027-06-30
"""

HEADER = "from crmreq import Exporter, Rule, RuleOption, hookimpl\n\n"


def rule_source(code="ZZ001", name="zz-rule", check="lambda spec, emit: None", **extra) -> str:
    fields = {"severity": "warning", "family": "test", "message": {"fr": "x {id}", "en": "x {id}"},
              "doc": {"fr": "x", "en": "x"}, **extra}
    return (f"Rule(code={code!r}, name={name!r}, check={check}, "
            + ", ".join(f"{k}={v!r}" for k, v in fields.items()) + ")")


def plugin(body: str) -> str:
    return HEADER + textwrap.dedent(body)


def registering(*rules: str) -> str:
    return plugin("@hookimpl\ndef crmreq_register_rules():\n" +
                  "    return [" + ", ".join(rules) + "]\n")


GOOD_PLUGIN = registering(rule_source("ZZ001", "zz-always", "lambda spec, emit: emit(spec.pos, id='spec')"))


@pytest.fixture
def lint(crmreq_cli, tmp_path):
    """lint(plugins={name: source}, *args, config=…) → CliOutcome of `crmreq lint --format json`."""

    def run(plugins: dict | None = None, *args, config=None, local=None, spec=SPEC):
        for name, source in (plugins or {}).items():
            (tmp_path / name).write_text(source, encoding="utf-8")
        for name, source in (local or {}).items():
            (tmp_path / "plugins").mkdir(exist_ok=True)
            (tmp_path / "plugins" / name).write_text(source, encoding="utf-8")
        if config is None and plugins:
            config = "plugins = [" + ", ".join(json.dumps(n) for n in plugins) + "]\n"
        return crmreq_cli("lint", "--format", "json", *args, spec=spec, config=config)

    return run


def codes(outcome) -> list[str]:
    return [d["code"] for d in outcome.json()["diagnostics"]]


def assert_reported(outcome, *fragments):
    """Exit 2, one clear line per problem naming the plugin, no traceback, the lint still ran."""
    assert outcome.exit_code == 2, (outcome.stdout, outcome.stderr)
    for fragment in fragments:
        assert fragment in outcome.stderr, outcome.stderr
    assert "Traceback" not in outcome.stderr + outcome.stdout
    assert outcome.stderr.startswith("crmreq: plugin ")
    assert "S004" in codes(outcome)          # the built-in rules still ran


def assert_ok(outcome):
    """No plugin problem: the exit code is the lint's own (the spec has error findings: 1)."""
    assert outcome.exit_code == 1 and outcome.stderr == "", (outcome.exit_code, outcome.stderr)


# --- a plugin that cannot load ------------------------------------------------------------------

def test_import_error(lint):
    outcome = lint({"broken.py": "import not_a_module_anywhere\n", "good.py": GOOD_PLUGIN})
    assert_reported(outcome, "broken.py", "failed to import", "not_a_module_anywhere")
    assert "ZZ001" in codes(outcome)         # the other plugin still loaded


def test_syntax_error(lint):
    outcome = lint({"typo.py": "def oops(:\n"})
    assert_reported(outcome, "typo.py", "SyntaxError")


def test_exception_at_import(lint):
    outcome = lint({"angry.py": "raise RuntimeError('no licence key')\n"})
    assert_reported(outcome, "angry.py", "RuntimeError: no licence key")


def test_missing_plugin_file_and_module(lint):
    outcome = lint(config='plugins = ["nowhere.py", "no_such_module_either"]\n')
    assert_reported(outcome, "nowhere.py", "no_such_module_either")


# --- a plugin that registers garbage ----------------------------------------------------------------

@pytest.mark.parametrize("source, fragments", [
    (plugin("@hookimpl\ndef crmreq_schema_extensions():\n    return ['sites']\n"),
     ["'bad'", "crmreq_schema_extensions must return a dict"]),
    (plugin("@hookimpl\ndef crmreq_schema_extensions():\n    return {'sites': 'list'}\n"),
     ["'bad'", "crmreq_schema_extensions must return a dict"]),
    (plugin("@hookimpl\ndef crmreq_register_rules():\n    return ['ZZ001']\n"),
     ["'bad'", "registered str, expected Rule"]),
    (plugin("@hookimpl\ndef crmreq_register_exporters():\n    return [" + rule_source() + "]\n"),
     ["'bad'", "registered Rule, expected Exporter"]),
    (registering(rule_source("Z001")), ["'bad'", "rule code 'Z001'", "BTP001"]),
    (registering(rule_source("zz001")), ["'bad'", "rule code 'zz001'"]),
    (registering(rule_source("ZZ1")), ["'bad'", "rule code 'ZZ1'"]),
    (registering(rule_source("ZZ001", "Not_Kebab")), ["'bad'", "kebab-case"]),
    (registering(rule_source("ZZ001", "objective-without-metric")),
     ["'bad'", "'objective-without-metric' is already used by S001"]),
    (registering(rule_source("ZZ001", "zz-one"), rule_source("ZZ001", "zz-two")),
     ["'bad'", "ZZ001 is already registered by 'bad'"]),
    (registering(rule_source("ZZ001", severity="fatal")), ["'bad'", "severity 'fatal'"]),
    (registering(rule_source("ZZ001", message={})), ["'bad'", "no message"]),
    (plugin("@hookimpl\ndef crmreq_register_exporters():\n"
            "    return [Exporter('csv', 'csv', lambda spec, path, options: None)]\n"),
     ["'bad'", "export format 'csv' is already registered"]),
    (plugin("@hookimpl\ndef crmreq_register_rule():\n    pass\n"),
     ["'bad'", "unknown hook", "crmreq_register_rule"]),
    (plugin("@hookimpl\ndef crmreq_register_rules(colour):\n    pass\n"),
     ["'bad'", "colour"]),
    (plugin("@hookimpl\ndef crmreq_register_rules():\n    raise KeyError('boom')\n"),
     ["'bad'", "crmreq_register_rules", "KeyError"]),
    (plugin("@hookimpl\ndef crmreq_config_options():\n    return 'acme-max'\n"),
     ["'bad'", "crmreq_config_options must return a list"]),
])
def test_invalid_registration(lint, source, fragments):
    outcome = lint({"bad.py": source})
    assert_reported(outcome, *fragments)


@pytest.mark.parametrize("source, fragments", [
    (plugin("@hookimpl\ndef crmreq_register_rules():\n    return " + rule_source() + "\n"),
     ["'bad'", "crmreq_register_rules must return a list of Rule, not Rule"]),
    (plugin("@hookimpl\ndef crmreq_register_rules():\n    return ['ZZ001']\n"),
     ["'bad'", "registered str, expected Rule"]),
    (plugin("@hookimpl\ndef crmreq_register_exporters():\n    return [" + rule_source() + "]\n"),
     ["'bad'", "registered Rule, expected Exporter"]),
    (plugin("def crmreq_register_rules():\n    return [" + rule_source() + "]\n"),
     ["'bad'", "crmreq_register_rules must be decorated with @crmreq.hookimpl"]),
    (plugin("@hookimpl(wrapper=True)\ndef crmreq_register_rules():\n    rules = yield\n    return rules\n"),
     ["'bad'", "hook wrapper"]),
])
def test_invalid_contribution(lint, source, fragments):
    outcome = lint({"bad.py": source})
    assert_reported(outcome, *fragments)
    assert "ZZ001" not in codes(outcome)


ALWAYS = rule_source("ZZ001", "zz-always", "lambda spec, emit: emit(spec.pos, id='spec')")


@pytest.mark.parametrize("source", [
    plugin(f"@hookimpl\ndef crmreq_register_rules():\n    return [{ALWAYS}]\n"),
    plugin(f"@hookimpl\ndef crmreq_register_rules():\n    return ({ALWAYS},)\n"),
    plugin(f"@hookimpl(specname='crmreq_register_rules')\ndef house_rules():\n    return [{ALWAYS}]\n"),
], ids=["returned-list", "returned-tuple", "specname"])
def test_every_way_pluggy_allows_to_implement_a_hook(lint, source):
    outcome = lint({"house.py": source})
    assert_ok(outcome)
    assert "ZZ001" in codes(outcome)


def test_one_plugin_raising_in_a_hook_leaves_the_others_contributing(lint):
    raising = plugin("@hookimpl\ndef crmreq_register_rules():\n    raise KeyError('boom')\n\n"
                     "@hookimpl\ndef crmreq_config_options():\n    return [RuleOption('raising-max', 1, {}, int)]\n")
    outcome = lint({"raising.py": raising, "good.py": GOOD_PLUGIN}, config=(
        'plugins = ["raising.py", "good.py"]\nraising-max = 3\n'))
    assert_reported(outcome, "plugin 'raising' failed in crmreq_register_rules: KeyError")
    assert "ZZ001" in codes(outcome)          # the other plugin's rule
    assert "unknown configuration key" not in outcome.stderr   # the raising plugin's other hook still ran


def test_a_plugin_object_given_to_the_testing_fixture(crmreq_lint):
    from crmreq import Rule, hookimpl

    class HousePlugin:
        @hookimpl(specname="crmreq_register_rules")
        def rules(self):
            return [Rule("ZZ001", "zz-object", "warning", "test", {"fr": "x {id}", "en": "object {id}"},
                         {"fr": "x", "en": "x"}, lambda spec, emit: emit(spec.pos, id="spec"))]

    outcome = crmreq_lint(SPEC, plugins=[HousePlugin()], select=["ZZ"])
    assert outcome.plugin_errors == []
    assert outcome.messages("ZZ001") == ["object spec"]


def test_two_plugins_claiming_one_code_name_both(lint):
    first = registering(rule_source("ZZ001", "zz-first"))
    second = registering(rule_source("ZZ001", "zz-second"))
    outcome = lint({"first.py": first, "second.py": second})
    assert_reported(outcome, "'second'", "ZZ001 is already registered by 'first'")


def test_config_options_that_are_not_rule_options(lint):
    outcome = lint({"bad.py": plugin("@hookimpl\ndef crmreq_config_options():\n    return ['acme-max']\n")})
    assert_reported(outcome, "'bad'", "RuleOption")


def test_schema_extension_that_cerberus_rejects(lint):
    outcome = lint({"bad.py": plugin("@hookimpl\ndef crmreq_schema_extensions():\n"
                                     "    return {'zz_section': {'type': 'lizt'}}\n")})
    assert_reported(outcome, "'bad'", "zz_section")


def test_schema_extension_cannot_replace_a_builtin_section(lint):
    outcome = lint({"bad.py": plugin("@hookimpl\ndef crmreq_schema_extensions():\n"
                                     "    return {'objectives': {'type': 'string'}}\n")})
    assert_reported(outcome, "'bad'", "objectives")


def test_every_plugin_problem_is_one_line(lint):
    outcome = lint({"bad.py": plugin("@hookimpl\ndef crmreq_register_rules(colour):\n    pass\n"),
                    "typo.py": plugin("@hookimpl\ndef crmreq_register_rule():\n    pass\n")})
    assert_reported(outcome, "'bad'", "'typo'")
    assert all(line.startswith("crmreq: plugin ") for line in outcome.stderr.splitlines())


def test_an_option_of_a_broken_plugin_names_the_real_cause(lint):
    outcome = lint({"acme.py": "import not_a_module_anywhere\n"},
                   config='plugins = ["acme.py"]\nacme-title-max = 50\n')
    assert outcome.exit_code == 2
    assert "acme-title-max" in outcome.stderr and "not_a_module_anywhere" in outcome.stderr


# --- a plugin that crashes while running ------------------------------------------------------------

CRASHING_RULE = registering(
    rule_source("ZZ001", "zz-crashes", "lambda spec, emit: 1 / 0"),
    rule_source("ZZ002", "zz-bad-position", "lambda spec, emit: emit('line 3', id='x')"),
    rule_source("ZZ003", "zz-works", "lambda spec, emit: emit(spec.objectives[0], object='OBJ-1', id='OBJ-1')"),
)


def test_rule_that_raises_is_x002_and_the_rest_runs(lint):
    outcome = lint({"crashy.py": CRASHING_RULE})
    assert outcome.exit_code == 2
    found = outcome.json()["diagnostics"]
    x002 = [d for d in found if d["code"] == "X002"]
    assert len(x002) == 2 and {d["plugin"] for d in x002} == {"crashy"}
    assert any("ZZ001" in d["message"] and "ZeroDivisionError" in d["message"] for d in x002)
    assert any("ZZ002" in d["message"] and "expected a Position" in d["message"] for d in x002)
    assert "ZZ003" in codes(outcome) and "S004" in codes(outcome)
    assert "Traceback" not in outcome.stderr


def test_rule_crash_traceback_only_with_debug(lint):
    outcome = lint({"crashy.py": CRASHING_RULE}, "--debug")
    assert outcome.exit_code == 2
    assert "Traceback" in outcome.stderr and "ZeroDivisionError" in outcome.stderr


RAISING_EXPORTER = plugin("""\
    def write(spec, path, options):
        with open(path, "w") as handle:
            handle.write("half a file")
        raise ValueError("disk full of opinions")

    @hookimpl
    def crmreq_register_exporters():
        return [Exporter("boom", "txt", write, in_pack=False)]
""")


def test_exporter_that_raises(crmreq_cli, tmp_path):
    (tmp_path / "boomer.py").write_text(RAISING_EXPORTER, encoding="utf-8")
    (tmp_path / "out.txt").write_text("previous export\n", encoding="utf-8")
    outcome = crmreq_cli("export", "boom", ".", "-o", "out.txt", "--allow-errors", spec=SPEC,
                         config='plugins = ["boomer.py"]\n')
    assert outcome.exit_code == 2
    assert "exporter 'boom' (plugin boomer) failed: ValueError: disk full of opinions" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "previous export\n"   # untouched
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []  # no temporary left


def test_exporter_traceback_only_with_debug(crmreq_cli, tmp_path):
    (tmp_path / "boomer.py").write_text(RAISING_EXPORTER, encoding="utf-8")
    with pytest.raises(ValueError, match="disk full of opinions"):
        crmreq_cli("--debug", "export", "boom", ".", "-o", "out.txt", "--allow-errors", spec=SPEC,
                   config='plugins = ["boomer.py"]\n')
    assert not (tmp_path / "out.txt").exists()


def test_an_exporter_failing_in_a_pack_leaves_no_pack(crmreq_cli, tmp_path):
    source = RAISING_EXPORTER.replace("in_pack=False", "in_pack=True")
    (tmp_path / "boomer.py").write_text(source, encoding="utf-8")
    outcome = crmreq_cli("export", "pack", ".", "-o", "pack", "--allow-errors", spec=SPEC,
                         config='plugins = ["boomer.py"]\n')
    assert outcome.exit_code == 2 and "boomer" in outcome.stderr
    assert not (tmp_path / "pack").exists()


# --- disabling ----------------------------------------------------------------------------------------

def test_disable_plugin_option_and_config_key(lint):
    plugins = {"good.py": GOOD_PLUGIN, "other.py": registering(rule_source("YY001", "yy-always",
                                                                       "lambda spec, emit: emit(spec.pos, id='x')"))}
    outcome = lint(plugins)
    assert_ok(outcome)
    assert {"ZZ001", "YY001"} <= set(codes(outcome))
    outcome = lint(plugins, "--disable-plugin", "good")
    assert_ok(outcome)
    assert "ZZ001" not in codes(outcome) and "YY001" in codes(outcome)
    outcome = lint(plugins, "--disable-plugin", "good", "--disable-plugin", "other")
    assert not {"ZZ001", "YY001"} & set(codes(outcome))
    outcome = lint(plugins, config='plugins = ["good.py", "other.py"]\ndisable-plugins = ["other"]\n')
    assert_ok(outcome)
    assert "ZZ001" in codes(outcome) and "YY001" not in codes(outcome)


def test_disable_a_broken_configured_plugin(lint):
    plugins = {"broken.py": "import not_a_module_anywhere\n", "good.py": GOOD_PLUGIN}
    assert_ok(lint(plugins, "--disable-plugin", "broken"))
    assert_ok(lint(plugins, config='plugins = ["broken.py", "good.py"]\ndisable-plugins = ["broken"]\n'))


# --- where plugins come from -------------------------------------------------------------------------

def test_config_plugin_path_is_relative_to_the_config_file(crmreq_cli, tmp_path):
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "house.py").write_text(GOOD_PLUGIN, encoding="utf-8")
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "crmreq.yaml").write_text(SPEC, encoding="utf-8")
    outcome = crmreq_cli("lint", "--format", "json", "spec", config='plugins = ["tools/house.py"]\n')
    assert_ok(outcome)
    assert "ZZ001" in codes(outcome)
    assert {d["plugin"] for d in outcome.json()["diagnostics"] if d["code"] == "ZZ001"} == {"house"}


def test_config_plugin_module_name(crmreq_cli, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "acme_house_rules.py").write_text(GOOD_PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    outcome = crmreq_cli("lint", "--format", "json", spec=SPEC, config='plugins = ["acme_house_rules"]\n')
    assert_ok(outcome)
    assert "ZZ001" in codes(outcome)


def test_local_plugins_folder_next_to_the_entry_file(crmreq_cli, tmp_path):
    spec_dir = tmp_path / "project" / "cahier"
    (spec_dir / "plugins").mkdir(parents=True)
    (spec_dir / "crmreq.yaml").write_text(SPEC, encoding="utf-8")
    (spec_dir / "plugins" / "house.py").write_text(GOOD_PLUGIN, encoding="utf-8")
    (spec_dir / "plugins" / "_helpers.py").write_text("raise RuntimeError('not a plugin')\n", encoding="utf-8")
    outcome = crmreq_cli("lint", "--format", "json", "project/cahier")    # not trusted: not run
    assert "ZZ001" not in codes(outcome) and "X003" in codes(outcome)
    outcome = crmreq_cli("lint", "--format", "json", "project/cahier", config="local-plugins = true\n")
    assert_ok(outcome)                                   # files starting with `_` are not plugins
    assert "ZZ001" in codes(outcome)
    outcome = crmreq_cli("lint", "--format", "json", "project/cahier", "--disable-plugin", "house")
    assert "ZZ001" not in codes(outcome)


def test_local_plugin_contributes_schema_and_exporter(crmreq_cli, tmp_path):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "depots.py").write_text(plugin("""\
        def check(spec, emit):
            for index, depot in enumerate(spec.extension("depots") or []):
                if not depot.get("city"):
                    emit(spec.extension("depots").where(index), object=depot.get("id"), id=depot.get("id"))

        @hookimpl
        def crmreq_schema_extensions():
            return {"depots": {"type": "list", "schema": {"type": "dict", "schema": {
                "id": {"type": "string"}, "city": {"type": "string"}}}}}

        @hookimpl
        def crmreq_register_rules():
            return [Rule("DEP001", "depot-without-city", "warning", "depots",
                         {"fr": "Dépôt {id} sans ville", "en": "Depot {id} has no city"},
                         {"fr": "x", "en": "x"}, check)]
    """), encoding="utf-8")
    spec = SPEC + "depots:\n  - id: D1\n    city: Lyon\n  - id: D2\n"
    outcome = crmreq_cli("lint", "--format", "json", "--select", "DEP,E002", spec=spec,
                         config="local-plugins = true\n")
    assert [(d["code"], d["object"], d["line"]) for d in outcome.json()["diagnostics"]] == [("DEP001", "D2", 12)]


# --- entry points (a fake installed distribution) ------------------------------------------------

@pytest.fixture
def installed(tmp_path, monkeypatch):
    """install(dist, version, {entry point name: module}, {module: source}) puts a fake distribution on sys.path."""
    site = tmp_path / "site-packages"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))

    def install(dist: str, version: str, eps: dict, modules: dict):
        info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(
            "[crmreq]\n" + "".join(f"{name} = {module}\n" for name, module in eps.items()), encoding="utf-8")
        for module, source in modules.items():
            (site / f"{module}.py").write_text(source, encoding="utf-8")

    return install


def test_entry_point_plugin_loads_and_is_listed(crmreq_cli, installed):
    installed("crmreq-zz", "2.3.1", {"zz": "crmreq_zz"}, {"crmreq_zz": GOOD_PLUGIN})
    outcome = crmreq_cli("lint", "--format", "json", spec=SPEC)
    assert_ok(outcome)
    assert "ZZ001" in codes(outcome)
    assert {d["plugin"] for d in outcome.json()["diagnostics"] if d["code"] == "ZZ001"} == {"zz"}
    listing = {p["name"]: p for p in crmreq_cli("plugins", "--format", "json").json()}
    assert listing["zz"]["version"] == "2.3.1" and listing["zz"]["source"] == "entry point"
    assert listing["zz"]["rules"] == ["ZZ001"] and listing["zz"]["location"] == "crmreq_zz"
    assert crmreq_cli("lint", "--format", "json", "--disable-plugin", "zz", spec=SPEC).json()["diagnostics"]
    assert "ZZ001" not in codes(crmreq_cli("lint", "--format", "json", "--disable-plugin", "zz", spec=SPEC))


def test_broken_entry_point_is_reported_by_name(crmreq_cli, installed):
    installed("crmreq-broken", "0.1", {"brokenpack": "crmreq_brokenpack"},
              {"crmreq_brokenpack": "import not_a_module_anywhere\n"})
    installed("crmreq-zz", "2.3.1", {"zz": "crmreq_zz"}, {"crmreq_zz": GOOD_PLUGIN})
    outcome = crmreq_cli("lint", "--format", "json", spec=SPEC)
    assert_reported(outcome, "'brokenpack'", "not_a_module_anywhere")
    assert "ZZ001" in codes(outcome)
    listing = crmreq_cli("plugins", "--format", "json")
    assert listing.exit_code == 2 and "'brokenpack'" in listing.stderr
    assert "zz" in {p["name"] for p in listing.json()}
    assert_ok(crmreq_cli("lint", "--format", "json", "--disable-plugin", "brokenpack", spec=SPEC))


# --- crmreq plugins ----------------------------------------------------------------------------------

def test_plugins_command_lists_builtins(crmreq_cli):
    listing = crmreq_cli("plugins", "--format", "json")
    assert listing.exit_code == 0
    first = listing.json()[0]
    assert first["name"] == "crmreq" and first["source"] == "built-in"
    assert "S001" in first["rules"] and {"docx", "xlsx", "csv", "md", "json"} <= set(first["exporters"])
    assert set(first) >= {"name", "version", "source", "location", "rules", "exporters", "schema", "options"}
    text = crmreq_cli("plugins")
    assert text.exit_code == 0 and "crmreq" in text.stdout and "built-in" in text.stdout


def _installed(module: str) -> bool:
    return any(ep.value == module for ep in entry_points(group="crmreq"))


@pytest.mark.skipif(not (_installed("crmreq_btp") and _installed("crmreq_reqif")),
                    reason="install plugins/crmreq-btp and plugins/crmreq-reqif to run this test")
def test_plugins_command_with_the_two_repository_packages(crmreq_cli):
    listing = {p["name"]: p for p in crmreq_cli("plugins", "--format", "json").json()}
    assert listing["btp"]["source"] == "entry point" and listing["btp"]["rules"][0] == "BTP001"
    assert set(listing["btp"]["schema"]) >= {"sites", "subcontractors", "equipment", "features.btp"}
    assert listing["btp"]["options"] == ["btp-feature-tags-only"]
    assert listing["reqif"]["source"] == "entry point" and listing["reqif"]["exporters"] == ["reqif"]
    assert listing["btp"]["version"] == "0.1.0" and listing["reqif"]["version"] == "0.1.0"
    text = crmreq_cli("plugins").stdout
    assert "btp" in text and "reqif" in text


def test_plugins_command_lists_config_and_local_plugins(crmreq_cli, tmp_path):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "house.py").write_text(GOOD_PLUGIN, encoding="utf-8")
    (tmp_path / "extra.py").write_text(registering(rule_source("YY001", "yy-rule")), encoding="utf-8")
    listing = crmreq_cli("plugins", "--format", "json", spec=SPEC,
                         config='plugins = ["extra.py"]\nlocal-plugins = true\n')
    sources = {p["name"]: p["source"] for p in listing.json()}
    assert sources.get("house") == "local" and sources.get("extra") == "config"


# --- the run's language -------------------------------------------------------------------------

def test_plugin_problem_said_in_french_in_a_french_run(lint):
    outcome = lint({"broken.py": "import not_a_module_anywhere\n"}, "--lang", "fr")
    assert outcome.exit_code == 2, outcome.stderr
    line = outcome.stderr.strip()
    assert line.startswith("crmreq: le plugin «\u00a0broken.py\u00a0» n'a pas pu être importé\u00a0:"), line
    assert "not_a_module_anywhere" in line and "failed" not in line


@pytest.mark.parametrize(("source", "french"), [
    (registering(rule_source("ZZ001", "Not_Kebab")), "s'écrit en minuscules reliées par des tirets"),
    (registering(rule_source("ZZ001", "zz-a", severity="fatal")), "a la sévérité « fatal »"),
    (plugin("@hookimpl\ndef crmreq_register_rule():\n    return []\n"), "implémente un hook inconnu"),
])
def test_registration_problems_said_in_french(lint, source, french):
    outcome = lint({"bad.py": source}, "--lang", "fr")
    assert outcome.exit_code == 2 and french.replace(" »", "\u00a0»").replace("« ", "«\u00a0") in outcome.stderr, \
        outcome.stderr
    assert "must be" not in outcome.stderr and "unknown hook" not in outcome.stderr
