"""No French/English mix (issue 15): every command accepts --lang, and --help, messages and the
errors that end a run are in the language chosen (--lang, else the locale)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.cli_help import _french

COMMANDS = sorted(main.commands)


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def run(*args):
    return CliRunner().invoke(main, list(args), prog_name="crmreq")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_accepts_lang(command):
    for lang in ("fr", "en"):
        result = run(command, "--lang", lang, "--help")
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_in_the_language_chosen(command):
    french = _french()[command]["help"].split(" ")[0]
    english = main.commands[command].help.split(" ")[0]
    in_french = run("--lang", "fr", command, "--help").stdout
    assert in_french.startswith(f"Utilisation\u00a0: crmreq {command}") and french in in_french
    assert "Usage:" not in in_french and "Show this message" not in in_french
    in_english = run(command, "--help").stdout
    assert in_english.startswith(f"Usage: crmreq {command}") and english in in_english


def test_the_commands_list_is_in_french_too():
    text = run("--help", "--lang", "fr").stdout
    assert "Commandes\u00a0:" in text and "Vérifie une ou plusieurs specs" in text and "Lint one" not in text


def test_a_french_locale_gives_french_help_without_lang(monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert run("lint", "--help").stdout.startswith("Utilisation\u00a0: crmreq lint")


def test_every_visible_option_has_its_french():
    table = _french()
    missing = []
    for name, command in main.commands.items():
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden and param.help:
                option = max(param.opts, key=len)
                if option not in table.get(name, {}) and option not in table["*"]:
                    missing.append(f"{name} {option}")
    assert missing == []


def test_the_french_table_names_only_commands_and_options_that_exist():
    options = {name: {max(p.opts, key=len) for p in command.params if isinstance(p, click.Option)}
               for name, command in main.commands.items()}
    for section, entries in _french().items():
        if section in ("*", "crmreq", "usage-errors", "usage-lines"):   # click's own words, not a command
            continue
        assert section in options, section
        assert set(entries) - {"help"} <= options[section] | {"--help"}, section


def test_an_error_that_ends_the_run_is_in_the_language_chosen(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("rule", "Z999", "--lang", "fr").stderr == "crmreq: règle «\u00a0Z999\u00a0» inconnue (voir `crmreq rules`)\n"
    assert run("rule", "Z999", "--lang", "en").stderr == "crmreq: unknown rule 'Z999' (see `crmreq rules`)\n"
    assert "introuvable" in run("lint", "--lang", "fr", "nowhere").stderr
    assert "no such file" in run("lint", "--lang", "en", "nowhere").stderr


def test_lang_before_the_command_is_the_commands_lang(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "crmreq.yaml").write_text("crmreq: 1\nproject:\n  name: T\n  owner: ?\n", encoding="utf-8")
    assert "«\u00a0?\u00a0» seul" in run("--lang", "fr", "lint").stdout
    assert "a lone `?`" in run("--lang", "en", "lint").stdout
