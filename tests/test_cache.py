"""The lint cache answers unchanged specs without re-reading them, and never answers stale."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crmreq.cli import main

from conftest import write_spec

SPEC = """\
crmreq: 1
project: {name: T, lang: en}
objectives:
  - id: OBJ-1
    title: Sell better
"""


@pytest.fixture
def cached(tmp_path, monkeypatch):
    monkeypatch.delenv("CRMREQ_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    result = CliRunner().invoke(main, ["lint", *args])
    return result


def test_second_run_is_answered_from_the_cache_with_the_same_output(cached, monkeypatch):
    write_spec(cached, SPEC)
    first = run("--no-color")
    assert (cached / ".crmreq_cache" / "CACHEDIR.TAG").is_file()
    assert (cached / ".crmreq_cache" / ".gitignore").read_text() == "*\n"
    import crmreq.lint.session as session

    def must_not_load(*args, **kwargs):
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(session.Session, "create", must_not_load)
    second = run("--no-color")
    assert second.exit_code == first.exit_code == 1
    assert second.stdout == first.stdout
    assert "- id: OBJ-1" in second.stdout  # source lines come from the cache too
    as_json = json.loads(run("--format", "json").stdout)
    assert as_json["summary"]["errors"] >= 3


def test_a_changed_file_or_option_is_not_answered_from_the_cache(cached):
    write_spec(cached, SPEC)
    run()
    write_spec(cached, SPEC.replace("Sell better", "Sell 20 % more"))
    assert "S005" not in run("--format", "json").stdout
    assert json.loads(run("--format", "json", "--select", "S001").stdout)["summary"]["errors"] == 1
    (cached / ".crmreq.toml").write_text('ignore = ["S001"]\n')
    assert "S001" not in run("--format", "json").stdout


def test_no_cache_flag_and_unwritable_cache(cached):
    write_spec(cached, SPEC)
    run("--no-cache")
    assert not (cached / ".crmreq_cache").exists()
    (cached / ".crmreq_cache").write_text("not a directory")
    result = run("--format", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)["summary"]["errors"] >= 3
