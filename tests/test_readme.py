"""The README's quick start is what CI runs, and its examples tell the truth."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_quick_start_has_two_commands_and_ci_runs_the_test_one_verbatim():
    install_and_lint, install_and_test = quick_start_commands()[:2]
    assert "crmreq lint examples/" in install_and_lint
    assert install_and_test.endswith("python -m pytest")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


def test_readme_links_point_at_files_that_exist():
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", README):
        assert (REPO / target).exists(), target


def test_readme_rule_count_matches_the_catalogue():
    from crmreq.plugins import load_plugins

    builtin = [r for r in load_plugins().rules.values() if r.plugin == "crmreq"]
    assert f"{len(builtin)} built-in rules" in README
