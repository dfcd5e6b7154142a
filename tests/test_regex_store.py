"""`crmreq._regex`: regular expressions built from stored SRE code behave as `re.compile`'s.

The store is a copy kept beside the bytecode: a pattern built from it must be the same
pattern (flags, groups, names, matches), and a missing, damaged or foreign file, a
read-only place or `PYTHONDONTWRITEBYTECODE` must only mean compiling as `re` does.
"""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crmreq import _regex

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture()
def store(tmp_path, monkeypatch):
    """A fresh module state with its store in `tmp_path`; the process's state is restored."""
    path = tmp_path / "crmreq_regex.test.marshal"
    monkeypatch.setattr(_regex, "store_path", lambda: str(path))
    monkeypatch.setattr(_regex, "_memo", {})
    monkeypatch.setattr(_regex, "_stored", None)
    monkeypatch.setattr(_regex, "_new", {})
    monkeypatch.setattr(_regex, "_used", set())
    monkeypatch.setattr(_regex, "_enabled", True)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def _new_run(monkeypatch):
    """What a new process would start from (the file stays)."""
    monkeypatch.setattr(_regex, "_memo", {})
    monkeypatch.setattr(_regex, "_stored", None)
    monkeypatch.setattr(_regex, "_new", {})
    monkeypatch.setattr(_regex, "_used", set())


def _same_pattern(built: re.Pattern, reference: re.Pattern, texts) -> None:
    assert type(built) is type(reference)
    assert (built.pattern, built.flags, built.groups, built.groupindex) == \
           (reference.pattern, reference.flags, reference.groups, reference.groupindex)
    for text in texts:
        if isinstance(reference.pattern, bytes) and isinstance(text, str):
            text = text.encode("utf-8", "surrogatepass")
        found = [(m.span(), m.groups()) for m in built.finditer(text)]
        expected = [(m.span(), m.groups()) for m in reference.finditer(text)]
        assert found == expected, (reference.pattern[:80], text[:80])


def _sample_texts() -> list[str]:
    texts = []
    for path in sorted(EXAMPLES.rglob("*")):
        if path.suffix in (".yaml", ".toml"):
            texts.extend(path.read_text(encoding="utf-8").splitlines())
    texts += ["12 000 € HT par an", "3 à 4 mois", "T+2 semaines après la recette", "le 15 mars 2027",
              "p95 < 2 s", "99,9 %", "dans les meilleurs délais", "etc.", "", "\x00", "é" * 50]
    return texts


def _lint_in_a_new_process(tmp_path, *specs) -> list[Path]:
    """Run `crmreq lint` on `specs` in fresh processes writing bytecode under a prefix in
    `tmp_path`; answer the stores they left there."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp_path / "pyc"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for spec in specs:
        done = subprocess.run([sys.executable, "-m", "crmreq", "lint", "--no-cache", str(spec)],
                              capture_output=True, text=True, env=env, cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
    return list((tmp_path / "pyc").rglob("regex.*.marshal"))


def test_every_pattern_of_a_lint_is_the_same_built_from_the_store(store, tmp_path):
    """Every pattern a lint of the examples compiled, built from the store that run left,
    is the pattern `re.compile` gives (flags, groups, names, matches on the examples)."""
    stores = _lint_in_a_new_process(tmp_path, EXAMPLES / "fr-negoce", EXAMPLES / "en-services")
    assert len(stores) == 1
    store.write_bytes(stores[0].read_bytes())
    header, entries = marshal.loads(store.read_bytes())
    assert header == _regex._header() and len(entries) > 30
    texts = _sample_texts()
    for pattern, flags in entries:
        built = _regex.compile(pattern, flags)
        assert (pattern, flags) in _regex._used and not _regex._new   # from the file
        _same_pattern(built, re.compile(pattern, flags), texts)


def test_patterns_with_names_flags_and_bytes(store, monkeypatch):
    cases = [
        (r"(?P<day>\d{1,2}) (?P<month>[a-zé]+)(?: (?P<year>\d{4}))?", re.IGNORECASE),
        (r"^\s*#.*$", re.MULTILINE),
        (r"(?x) a  b # a comment\n | c", 0),
        (r"(?<![\w.,])(?:\d+(?:[.,]\d+)?)(?!\d)", 0),
        (rb"[\x00-\x08]+", 0),
        (r"(a)(b)?(?(2)c|d)", re.DOTALL | re.ASCII),
    ]
    for pattern, flags in cases:
        _regex.compile(pattern, flags)
    _regex._write_store()
    _new_run(monkeypatch)
    texts = ["12 mars 2027 et 3 Avril", "# titre\n  # deux\nx", "ab abc ad c", "1,5 et 2.25.", "\x00\x01ok",
             "abc ad abd"]
    for pattern, flags in cases:
        built = _regex.compile(pattern, flags)
        assert not _regex._new
        _same_pattern(built, re.compile(pattern, flags), texts)


def test_a_wrong_pattern_raises_as_re_does(store):
    with pytest.raises(re.error):
        _regex.compile("(unclosed")
    assert _regex._enabled and not _regex._new


def test_a_compiled_pattern_is_returned_as_re_returns_it(store):
    pattern = re.compile("abc")
    assert _regex.compile(pattern) is pattern


@pytest.mark.parametrize("content", [
    b"",
    b"not marshal at all",
    marshal.dumps(("crmreq-regex", 0, "another Python", None, 0, 0, 0)),
    marshal.dumps("just a string"),
])
def test_a_damaged_or_foreign_store_is_ignored(store, content):
    store.write_bytes(content)
    built = _regex.compile(r"(\d+) jours?")
    assert built.match("12 jours").group(1) == "12"
    assert _regex._new   # compiled here, to be written at exit


def test_a_damaged_entry_is_compiled_again(store, monkeypatch):
    """SRE validates the code it is given: a wrong entry is refused, not run."""
    entries = {("a+b", 0): (32, [1, 2, 3], 0, {}, (None,))}
    store.write_bytes(marshal.dumps((_regex._header(), entries)))
    built = _regex.compile("a+b")
    assert built.fullmatch("aaab")
    assert ("a+b", 0) in _regex._new


def test_nothing_is_written_without_bytecode(store, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _regex.compile("sans fichier")
    _regex._write_store()
    assert not store.exists()


@pytest.mark.parametrize("where", ["a-file/x.marshal", "folder/\x00bad.marshal"])
def test_a_place_that_cannot_be_written_is_not_an_error(store, monkeypatch, tmp_path, where):
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "folder").mkdir()
    monkeypatch.setattr(_regex, "store_path", lambda: str(tmp_path / where))
    _regex.compile("lecture seule")
    _regex._write_store()   # no exception, nothing left behind
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a-file", "folder"]


def test_the_store_keeps_this_run_when_it_grows_too_large(store, monkeypatch):
    monkeypatch.setattr(_regex, "_MAX_ENTRIES", 5)
    for index in range(5):
        _regex.compile(f"ancien{index}")
    _regex._write_store()
    _new_run(monkeypatch)
    _regex.compile("ancien0")
    _regex.compile("nouveau")
    _regex._write_store()
    header, entries = marshal.loads(store.read_bytes())
    assert set(entries) == {("ancien0", 0), ("nouveau", 0)}


def test_the_command_line_writes_the_store_under_the_pycache_prefix(tmp_path):
    """As bytecode: under PYTHONPYCACHEPREFIX, and the second run reads it (same report)."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp_path / "pyc"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "crmreq", "lint", "--no-cache", "--format", "json", str(EXAMPLES / "fr-negoce")]
    first = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    stores = list((tmp_path / "pyc").rglob("regex.*.marshal"))
    assert len(stores) == 1, first.stderr
    written = stores[0].stat().st_mtime_ns
    second = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout) and first.returncode == 0
    assert stores[0].stat().st_mtime_ns == written   # nothing new to keep: not rewritten


def test_the_store_lives_in_the_user_cache_folder(monkeypatch, tmp_path):
    """Not in crmreq's own folder (pip uninstall would leave it there): the user's cache
    folder, XDG_CACHE_HOME when it is absolute, a bytecode prefix when one is set."""
    monkeypatch.setattr(sys, "pycache_prefix", None)
    tag = sys.implementation.cache_tag
    if sys.platform not in ("win32", "darwin"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert _regex.store_path() == str(tmp_path / "xdg" / "crmreq" / f"regex.{tag}.marshal")
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert _regex.store_path() == str(tmp_path / "home" / ".cache" / "crmreq" / f"regex.{tag}.marshal")
    assert "site-packages" not in (_regex.store_path() or "")
    assert os.path.dirname(_regex.__file__) not in (_regex.store_path() or "")
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pyc"))
    assert _regex.store_path() == str(tmp_path / "pyc" / "crmreq" / f"regex.{tag}.marshal")
