"""Colours follow the conventions (--color, NO_COLOR, FORCE_COLOR, then the terminal), and piped
output is never cut to the width of a terminal (`crmreq rules`, `crmreq plugins`, the lint report)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from crmreq.cli import main

from conftest import write_spec

ANSI = re.compile(r"\x1b\[[0-9;]*m")
TITLE = "Sell better and faster " + "with a title that keeps going " * 8
SPEC = f"""\
crmreq: 1
project:
  name: Test
  lang: en
objectives:
  - id: OBJ-1
    title: "{TITLE}"
"""
COLOUR_VARIABLES = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "GITHUB_ACTIONS")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A spec with a long finding message, and no colour variable inherited from the shell or the CI."""
    monkeypatch.chdir(tmp_path)
    for name in COLOUR_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("CRMREQ_NO_CACHE", "1")
    write_spec(tmp_path, SPEC)
    return tmp_path


def lint(*options: str, **environment: str) -> str:
    result = CliRunner().invoke(main, ["lint", "--select", "S001,S005", *options], env=environment)
    assert result.exit_code == 1, result.output
    return result.stdout


def coloured(output: str) -> bool:
    return ANSI.search(output) is not None


def test_piped_report_has_no_colour_by_default(workdir):
    assert not coloured(lint())


@pytest.mark.parametrize(("options", "environment", "expected"), [
    (("--color", "always"), {}, True),
    (("--color", "never"), {"FORCE_COLOR": "1"}, False),
    (("--no-color",), {"FORCE_COLOR": "1"}, False),
    (("--color", "always"), {"NO_COLOR": "1"}, True),          # the option beats the environment
    ((), {"FORCE_COLOR": "1"}, True),                           # piped, as in a CI log
    ((), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),        # NO_COLOR beats FORCE_COLOR
    ((), {"NO_COLOR": "", "FORCE_COLOR": "1"}, True),          # an empty NO_COLOR is not set
    ((), {"FORCE_COLOR": ""}, False),                           # nor is an empty FORCE_COLOR
    (("--color", "auto"), {"FORCE_COLOR": "1"}, True),
])
def test_colour_precedence(workdir, options, environment, expected):
    assert coloured(lint(*options, **environment)) is expected


def test_colours_change_no_character_of_the_report(workdir):
    assert ANSI.sub("", lint("--color", "always")) == lint("--color", "never")


@pytest.mark.parametrize("choice", ["always", "never"])
def test_a_long_message_is_never_cut_or_wrapped(workdir, choice):
    lines = ANSI.sub("", lint("--color", choice, COLUMNS="40")).splitlines()
    assert any(TITLE in line and line.endswith("(objective-not-measurable)") for line in lines)


def test_help_documents_the_precedence(workdir):
    text = " ".join(CliRunner().invoke(main, ["lint", "--help"]).stdout.split())
    assert "--color [auto|always|never]" in text and "--no-color Same as --color never." in text
    assert text.index("NO_COLOR") < text.index("FORCE_COLOR")


def test_colour_forced_through_a_real_pipe(workdir):
    environment = {k: v for k, v in os.environ.items() if k not in COLOUR_VARIABLES}
    piped = [sys.executable, "-m", "crmreq", "lint", "--select", "S001,S005"]
    forced = subprocess.run(piped, capture_output=True, text=True, timeout=60, env={**environment, "FORCE_COLOR": "1"})
    plain = subprocess.run(piped, capture_output=True, text=True, timeout=60, env=environment)
    assert coloured(forced.stdout) and not coloured(plain.stdout)
    assert ANSI.sub("", forced.stdout) == plain.stdout


def run_on_a_terminal(args: list[str], **environment: str) -> str:
    """Run crmreq with a pseudo-terminal as stdout: what rich's own detection sees in a shell."""
    import pty      # POSIX only: the tests that call this are skipped on Windows

    env = {k: v for k, v in os.environ.items() if k not in COLOUR_VARIABLES}
    env.update(COLUMNS="100", **environment)
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "crmreq", *args], stdout=follower,
                               stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:      # Linux: the terminal is gone once the process has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize(("environment", "expected"), [({}, True), ({"NO_COLOR": ""}, True),
                                                        ({"NO_COLOR": "1"}, False)])
def test_a_terminal_gets_colours_unless_no_color_is_set(workdir, environment, expected):
    output = run_on_a_terminal(["lint", "--select", "S001,S005"], **environment)
    assert "objective-not-measurable" in output
    assert coloured(output) is expected


# -- piped tables ----------------------------------------------------------------------------------

def rules_json() -> list[dict]:
    return json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).stdout)


def test_piped_rules_are_tab_separated_lines_with_every_full_name(workdir):
    result = CliRunner().invoke(main, ["rules"], env={"COLUMNS": "40"})
    assert result.exit_code == 0
    expected = [[r["code"], r["name"], r["severity"], r["family"], r["plugin"]] for r in rules_json()]
    assert [line.split("\t") for line in result.stdout.splitlines()] == expected
    assert "objective-deadline-before-go-live" in {name for _, name, *_ in expected}
    assert "…" not in result.stdout and not coloured(result.stdout)


def test_rules_through_a_real_pipe_are_not_cut_at_80_columns(workdir):
    proc = subprocess.run([sys.executable, "-m", "crmreq", "rules"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "80"})
    names = {line.split("\t")[1] for line in proc.stdout.splitlines()}
    assert names == {r["name"] for r in rules_json()}


def test_piped_plugins_list_every_rule(workdir):
    listing = json.loads(CliRunner().invoke(main, ["plugins", "--format", "json"]).stdout)
    lines = CliRunner().invoke(main, ["plugins"]).stdout.splitlines()
    assert len(lines) == len(listing)
    for line, plugin in zip(lines, listing):
        name, version, source, rules, exporters, schema = line.split("\t")
        assert (name, version, rules, exporters, schema) == (
            plugin["name"], plugin["version"], ", ".join(plugin["rules"]), ", ".join(plugin["exporters"]),
            ", ".join(plugin["schema"]))
        assert source.startswith(plugin["source"])


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_terminal_still_gets_the_rules_table(workdir):
    output = run_on_a_terminal(["rules", "--lang", "en"])
    assert "crmreq — rules" in output and "┃" in output and "\t" not in output
