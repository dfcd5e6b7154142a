"""A spec received from someone else runs no code and obeys no configuration from outside its
project (PRODUCT.md §2, §6)."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from conftest import EXAMPLES
from crmreq.cli import main

PLUGIN = 'from pathlib import Path\nPath(__file__).with_name("RAN").write_text("yes")\n'


def _lint(path, *args):
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", "en", *args, str(path)])
    return result, json.loads(result.output)["diagnostics"] if result.output.startswith("{") else []


def _spec_with_local_plugin(tmp_path):
    spec = tmp_path / "spec"
    shutil.copytree(EXAMPLES / "fr-negoce", spec)
    (spec / "plugins").mkdir()
    (spec / "plugins" / "house.py").write_text(PLUGIN, encoding="utf-8")
    return spec


def test_a_plugins_folder_is_not_run_and_x003_says_so(tmp_path):
    spec = _spec_with_local_plugin(tmp_path)
    result, diagnostics = _lint(spec)
    assert result.exit_code == 0
    assert [d["code"] for d in diagnostics] == ["X003"]
    assert "plugins" in diagnostics[0]["message"] and "local-plugins = true" in diagnostics[0]["fix"]
    assert not (spec / "plugins" / "RAN").exists()


def test_the_spec_cannot_enable_its_own_plugins(tmp_path):
    spec = _spec_with_local_plugin(tmp_path)
    with open(spec / "crmreq.yaml", "a", encoding="utf-8") as entry:
        entry.write("\nlint:\n  local-plugins: true\n")
    result, diagnostics = _lint(spec)
    assert [d["code"] for d in diagnostics] == ["X003"]
    assert not (spec / "plugins" / "RAN").exists()


def test_the_configuration_enables_local_plugins(tmp_path):
    spec = _spec_with_local_plugin(tmp_path)
    (spec / ".crmreq.toml").write_text("local-plugins = true\n", encoding="utf-8")
    result, diagnostics = _lint(spec)
    assert result.exit_code == 0 and diagnostics == []
    assert (spec / "plugins" / "RAN").read_text() == "yes"


def test_a_configuration_above_the_project_root_is_not_obeyed(tmp_path):
    (tmp_path / ".crmreq.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    project = tmp_path / "project"
    shutil.copytree(EXAMPLES / "weak", project / "spec")
    (project / ".git").mkdir()
    result, diagnostics = _lint(project / "spec")
    assert result.exit_code == 1 and diagnostics
    (project / ".git").rmdir()            # no project root: the search goes up, as before
    result, diagnostics = _lint(project / "spec")
    assert result.exit_code == 0 and diagnostics == []


def test_toml_lint_configuration_reads_the_same_in_every_form(tmp_path):
    for form in ('lint.ignore = ["ALL"]', 'lint = { ignore = ["ALL"] }', '[lint]\nignore = ["ALL"]'):
        (tmp_path / "crmreq.toml").write_text(f'crmreq = 1\n{form}\n[project]\nname = "T"\ncompany = "A"\n',
                                              encoding="utf-8")
        result, diagnostics = _lint(tmp_path)
        assert diagnostics == [], form


def test_the_size_limit_applies_before_the_lint_section_is_read(tmp_path, monkeypatch):
    import crmreq.lint.session as session

    monkeypatch.setattr(session, "DEFAULT_MAX_FILE_SIZE", 100)
    entry = tmp_path / "crmreq.yaml"
    entry.write_text("lint:\n  ignore: [ALL]\n" + "# padding\n" * 50, encoding="utf-8")
    assert session.lint_section(entry) == ({}, None, None)


def test_plugins_named_by_the_spec_itself_are_not_run(tmp_path):
    spec = tmp_path / "spec"
    shutil.copytree(EXAMPLES / "fr-negoce", spec)
    (spec / "evil.py").write_text(PLUGIN, encoding="utf-8")
    with open(spec / "crmreq.yaml", "a", encoding="utf-8") as entry:
        entry.write("\nlint:\n  plugins: [evil.py]\n")
    result, diagnostics = _lint(spec)
    assert [d["code"] for d in diagnostics] == ["X003"] and "evil.py" in diagnostics[0]["message"]
    assert not (spec / "RAN").exists()
    listing = CliRunner().invoke(main, ["plugins", str(spec), "--format", "json"])
    assert "evil" not in listing.output and not (spec / "RAN").exists()
