"""Include globs: matched like `Path.glob` on ordinary trees, without ever walking a symbolic
link to a folder (a committed link loop once took minutes and gigabytes)."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.loader.spec import glob_files

TREE = ["a.yaml", "b.yml", ".hidden.yaml", "sub/c.yaml", "sub/deep/d.yaml", "sub/deep/e.toml",
        "other/f.yaml", "other/.git/g.yaml", "notes.txt"]
PATTERNS = ["*.yaml", "*.y*ml", "sub/*.yaml", "*/*.yaml", "sub/**/*.yaml", "**/*.yaml", "**/*.toml",
            "sub/deep/?.yaml", "[ab].*", "./sub/*.yaml", "sub/**/*", ".*.yaml"]


@pytest.fixture
def tree(tmp_path):
    for name in TREE:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x-a: 1\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("pattern", PATTERNS)
def test_globs_match_what_pathlib_matches_on_an_ordinary_tree(tree, pattern):
    expected = sorted(p for p in tree.glob(pattern) if p.is_file() and not any(
        part.startswith(".") and not pattern.split("/")[-1].startswith(".")
        for part in p.relative_to(tree).parts))   # Path.glob's `**` enters hidden folders before 3.13
    assert glob_files(tree, pattern) == expected


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symlink_loop_does_not_blow_up_an_include(tmp_path):
    (tmp_path / "crmreq.yaml").write_text(
        'crmreq: 1\ninclude: ["*/*/*/*/*/*/*/*/*.yaml", "**/*.toml"]\nproject:\n  name: T\n  company: A\n',
        encoding="utf-8")
    for index in range(8):
        (tmp_path / f"l{index}").symlink_to(".")
    (tmp_path / "up").symlink_to("/")
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--lang", "en", str(tmp_path)])
    codes = [d["code"] for d in json.loads(result.output)["diagnostics"]]
    assert codes.count("E004") == 2, codes     # nothing matches either pattern: links are not walked


def test_a_misspelt_include_is_the_only_finding(tmp_path):
    """The missing file's sections are not reported missing: the cause is the include (E004)."""
    import shutil

    from conftest import EXAMPLES

    spec = tmp_path / "spec"
    shutil.copytree(EXAMPLES / "fr-negoce", spec)
    entry = spec / "crmreq.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("  - projet.yaml", "  - projet.yml"), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(spec)])
    assert [d["code"] for d in json.loads(result.output)["diagnostics"]] == ["E004"]
