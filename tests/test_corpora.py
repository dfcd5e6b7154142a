"""Every file of the public corpora (YAML test suite, toml-test) loads or gives E001.

Nothing else may come out: no other exception, no other code from the parse stage, and
every finding's position lies inside the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crmreq.loader.spec import SpecLoader

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: crmreq reads TOML with tomli
    import tomli as tomllib

SHARED = Path(__file__).resolve().parents[2] / "shared"

CORPORA = SHARED / "corpora"
FILES = sorted(
    p for p in CORPORA.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".toml")
) if CORPORA.is_dir() else []


def _toml_version() -> str:
    """The TOML version the parser implements: tomllib reads TOML 1.0, recent tomli (Python 3.10) TOML 1.1."""
    try:
        tomllib.loads("t = { a = 1, }")  # a trailing comma in an inline table is TOML 1.1 only
    except tomllib.TOMLDecodeError:
        return "1.0.0"
    return "1.1.0"


def _invalid_toml() -> set[Path]:
    """toml-test's invalid files for that version (some 1.0 errors are valid TOML 1.1)."""
    if not CORPORA.is_dir():
        return set()
    listing = CORPORA / "toml-test" / f"files-toml-{_toml_version()}"
    names = listing.read_text(encoding="utf-8").split()
    return {CORPORA / "toml-test" / name for name in names if name.startswith("invalid/")}


INVALID_TOML = _invalid_toml()


def _read_only(path: Path):
    loader = SpecLoader(path)
    loaded = loader.read(path.resolve())
    return loader, loaded


@pytest.mark.skipif(not FILES, reason="shared/corpora is not next to the repository")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CORPORA)))
def test_corpus_file_loads_or_gives_e001(path):
    loader, loaded = _read_only(path)
    assert {p.code for p in loader.problems} <= {"E001"}
    lines = path.read_bytes().count(b"\n") + 1
    for problem in loader.problems:
        assert 1 <= problem.pos.line <= max(lines, 1) + 1, problem
        assert problem.pos.column >= 1
    if path in INVALID_TOML:
        assert loader.problems, "toml-test invalid files must be refused"


@pytest.mark.skipif(not FILES, reason="shared/corpora is not next to the repository")
def test_pure_python_composer_agrees_on_the_corpus(monkeypatch):
    """The C fast path and the guarded pure-Python path build the same trees.

    On invalid input libyaml is sometimes more lenient than ruamel's scanner: both then
    stay free of exceptions (above), and we only compare what both accept."""
    from crmreq.loader import yaml_loader

    for path in [p for p in FILES if p.suffix == ".yaml"]:
        fast_loader, fast = _read_only(path)
        monkeypatch.setattr(yaml_loader, "_C_LOADER", None)
        slow_loader, slow = _read_only(path)
        monkeypatch.undo()
        if not slow_loader.problems:
            assert not fast_loader.problems, path
        if not fast_loader.problems and not slow_loader.problems:
            assert fast.tree == slow.tree, path


@pytest.mark.skipif(not FILES, reason="shared/corpora is not next to the repository")
def test_whole_spec_loading_never_raises_on_corpus(tmp_path):
    """Through the full pipeline (merge, schema, model) as an entry file, too."""
    from crmreq.loader import load_spec

    for path in FILES[::7]:
        target = tmp_path / ("crmreq" + path.suffix)
        target.write_bytes(path.read_bytes())
        result = load_spec(target)
        assert result.spec is not None
