"""Exports against a hostile spec and a hostile folder (issue 14, items 6, 7, 8 and 11).

- every member of a pack has a name nothing in a spec can collide with: not the manifest's,
  not another member's, whatever `project.name` holds;
- a failed pack leaves the output folder exactly as it was;
- pack files, like single exports, get the permissions the umask allows;
- what a killed export leaves is recognisable by its name, and a later export removes it
  once stale (older than an hour), never following a link and never touching anything else;
- an emoji in `project.name` and in an id goes through every exporter.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.export.leftovers import STALE_AFTER
from crmreq.export.names import MANIFEST, WINDOWS_DEVICES, member_names, slug
from crmreq.findings import Exporter

from fixtures_matrix import FR_SPEC, write_fr_spec, write_spec_text

FR_NAME = "name: CRM Négoce 2027"
BUILTIN_FORMATS = {"docx", "xlsx", "csv", "md", "json"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def named(directory: Path, name: str) -> Path:
    """The French test spec with `project.name` replaced (quoted as YAML wants)."""
    assert FR_NAME in FR_SPEC
    return write_spec_text(directory, FR_SPEC.replace(FR_NAME, f"name: {json.dumps(name)}", 1))


def snapshot(directory: Path) -> dict:
    """Everything in `directory`, hidden entries included: kind, bytes, permissions, time."""
    if not directory.exists():
        return {}
    state = {}
    for path in sorted(directory.rglob("*")):
        info = path.lstat()
        content = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
        state[str(path.relative_to(directory))] = (stat.S_IFMT(info.st_mode), content, info.st_mode, info.st_mtime_ns)
    return state


def assert_whole_pack(out: Path, result) -> dict:
    """The manifest lists every file of the folder but itself, each with its size and checksum."""
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["version"] == 1 and {e["format"] for e in manifest["files"]} >= BUILTIN_FORMATS
    files = [entry["file"] for entry in manifest["files"]]
    assert len({f.casefold() for f in files} | {MANIFEST}) == len(files) + 1
    assert sorted(p.name for p in out.iterdir()) == sorted(files + [MANIFEST])
    for entry in manifest["files"]:
        data = (out / entry["file"]).read_bytes()
        assert (entry["bytes"], entry["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    lines = result.stdout.splitlines()
    assert lines[-1] == str(out / MANIFEST) and len(lines) == len(files) + 1
    return manifest


# -- names -------------------------------------------------------------------------------------------

HOSTILE_NAMES = ["", "   ", "!!!", "..", ".", "../../etc", "Manifest", "MANIFEST", "manifest.json", "CON", "nul",
                 "Com1", "LPT9", "É" * 300, "Été à Paris — phase 2", "😀", "客户关系管理", "a" * 59 + " b",
                 "-.-", ".hidden", "crmreq-tmp"]


def fake(name: str, extension: str, plugin: str = "crmreq") -> Exporter:
    return Exporter(name, extension, lambda spec, path, options: None, plugin=plugin)


PACK = [fake(n, n) for n in sorted(BUILTIN_FORMATS)] + [
    fake("acme-json", "json", "acme"),        # a plugin's format with a built-in one's extension
    fake("JSON", "JSON", "shouty"),           # the same but for case
    fake("json_ld", "json", "ld"),            # a name that folds like another's
    fake("json-ld", "json", "ld2"),
    fake("escape", "../../x", "evil"),        # an extension that tries to leave the folder
    fake("nothing", "", "empty"),
]


@pytest.mark.parametrize("project", HOSTILE_NAMES)
def test_member_names_are_unique_safe_and_never_the_manifest(project):
    stem = slug(project)
    names = member_names(stem, PACK)
    assert sorted(names) == sorted(e.name for e in PACK)
    folded = [n.casefold() for n in names.values()]
    assert len(set(folded)) == len(folded), names
    assert MANIFEST not in folded
    for name in names.values():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*(\.[A-Za-z0-9]+)+", name), name
        assert name.split(".")[0] not in WINDOWS_DEVICES
        assert len(name) < 100
    assert {names[f] for f in BUILTIN_FORMATS} == {f"{stem}.{f}" for f in BUILTIN_FORMATS} - {MANIFEST} | \
        ({f"{stem}-json.json"} if stem == "manifest" else set())


def test_names_that_windows_keeps_for_devices_get_a_suffix():
    assert slug("CON") == "con-cahier-des-charges"
    assert slug("Com¹") == "com1-cahier-des-charges"      # ¹ is 1 once decomposed: still a device there
    assert slug("Console") == "console"


@pytest.mark.parametrize("project", ["Manifest", "..", "CON"])
def test_a_hostile_project_name_gets_a_whole_pack(project, tmp_path):
    spec = named(tmp_path / "spec", project)
    out = tmp_path / "pack"
    manifest = assert_whole_pack(out, run("export", "pack", spec, "-o", out))
    assert manifest["project"] == project
    json_file = next(e["file"] for e in manifest["files"] if e["format"] == "json")
    assert json.loads((out / json_file).read_text(encoding="utf-8"))["project"]["name"] == project


# -- a failed pack -------------------------------------------------------------------------------------

FAILING_PLUGIN = textwrap.dedent("""
    from pathlib import Path

    from crmreq import hookimpl
    from crmreq.findings import Exporter

    def write(spec, path, options):
        Path(path).write_text("half a fi", encoding="utf-8")
        raise RuntimeError("the last exporter fails")

    @hookimpl
    def crmreq_register_exporters():
        return [Exporter("zz-broken", "txt", write, {"en": "fails"}, in_pack=True)]
""")


@pytest.fixture
def previous_pack(tmp_path):
    """A folder holding last week's pack (same names) and a file of the user's own."""
    spec = write_fr_spec(tmp_path / "spec")
    out = tmp_path / "pack"
    assert run("export", "pack", spec, "-o", out).exit_code == 0
    for path in out.iterdir():
        path.write_bytes(b"last week's " + path.name.encode())
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    return spec, out


@pytest.mark.parametrize("how", ["built-in exporter raises", "plugin exporter raises last", "manifest cannot be written"])
def test_a_failed_pack_leaves_the_folder_as_it_was(how, previous_pack, tmp_path, monkeypatch):
    spec, out = previous_pack
    if how == "built-in exporter raises":
        import crmreq.export.spreadsheet as spreadsheet

        monkeypatch.setattr(spreadsheet, "write_xlsx", lambda *a, **k: 1 / 0)
    elif how == "plugin exporter raises last":
        (spec / ".crmreq.toml").write_text("local-plugins = true\n", encoding="utf-8")
        (spec / "plugins").mkdir()
        (spec / "plugins" / "broken.py").write_text(FAILING_PLUGIN, encoding="utf-8")
    else:
        import crmreq.export.engine as engine

        def no_space(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(engine, "_write_manifest", no_space)
    before = snapshot(out)
    result = run("export", "pack", spec, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith("crmreq: ") and "Traceback" not in result.output
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack", "spec"], "nothing left beside it"


def test_a_failed_pack_into_a_new_folder_leaves_no_folder(tmp_path, monkeypatch):
    import crmreq.export.word as word

    monkeypatch.setattr(word, "write_docx", lambda *a, **k: 1 / 0)
    spec = write_fr_spec(tmp_path / "spec")
    result = run("export", "pack", spec, "-o", tmp_path / "new")
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec"]


def test_a_folder_where_a_pack_file_goes_is_refused_before_anything_moves(previous_pack, tmp_path):
    spec, out = previous_pack
    in_the_way = next(p for p in out.iterdir() if p.suffix == ".md")
    in_the_way.unlink()
    in_the_way.mkdir()
    before = snapshot(out)
    result = run("export", "pack", spec, "-o", out)
    assert result.exit_code == 2
    assert "is not a regular file" in result.stderr and str(in_the_way) in result.stderr
    assert snapshot(out) == before


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_in_a_pack_files_place_is_replaced_and_its_target_untouched(previous_pack, tmp_path):
    spec, out = previous_pack
    outside = tmp_path / "outside.csv"
    outside.write_text("not the pack's", encoding="utf-8")
    link = next(p for p in out.iterdir() if p.suffix == ".csv")
    link.unlink()
    link.symlink_to(outside)
    assert run("export", "pack", spec, "-o", out).exit_code == 0
    assert not link.is_symlink() and link.read_bytes().startswith(b"\xef\xbb\xbf")
    assert outside.read_text(encoding="utf-8") == "not the pack's"


# -- permissions ---------------------------------------------------------------------------------------

PRIVATE_PLUGIN = textwrap.dedent("""
    import os

    from crmreq import hookimpl
    from crmreq.findings import Exporter

    def write(spec, path, options):      # as a library writing through mkstemp would: mode 0600
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))

    @hookimpl
    def crmreq_register_exporters():
        return [Exporter("private", "txt", write, {"en": "a 0600 file"}, in_pack=True)]
""")


@pytest.mark.parametrize("umask, mode", [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_exports_honour_the_umask(umask, mode, tmp_path):
    spec = write_fr_spec(tmp_path / "spec")
    (spec / ".crmreq.toml").write_text("local-plugins = true\n", encoding="utf-8")
    (spec / "plugins").mkdir()
    (spec / "plugins" / "private.py").write_text(PRIVATE_PLUGIN, encoding="utf-8")
    previous = os.umask(umask)
    try:
        assert run("export", "pack", spec, "-o", tmp_path / "pack").exit_code == 0
        assert run("export", "csv", spec, "-o", tmp_path / "one.csv").exit_code == 0
    finally:
        os.umask(previous)
    files = sorted((tmp_path / "pack").iterdir()) + [tmp_path / "one.csv"]
    assert len(files) == len(BUILTIN_FORMATS) + 3
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {p.name: oct(mode) for p in files}
    assert stat.S_IMODE((tmp_path / "pack").stat().st_mode) == 0o777 & ~umask


# -- leftovers of a killed run ---------------------------------------------------------------------------

def age(path: Path, seconds: float = STALE_AFTER + 60) -> None:
    """Make `path` (not what a link points to) look unchanged for `seconds`."""
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_a_pack_removes_stale_staging_folders_and_nothing_else(tmp_path):
    spec = write_fr_spec(tmp_path / "spec")
    out = tmp_path / "pack"
    out.mkdir()
    stale = out / ".pack.crmreq-tmp-k1ll3d"
    (stale / "sub").mkdir(parents=True)
    (stale / "sub" / "half.docx").write_bytes(b"PK half")
    age(stale / "sub")
    age(stale)
    fresh = out / ".pack.crmreq-tmp-running"          # perhaps another export, right now
    fresh.mkdir()
    kept = {".pack.crmreq-tmp-running", ".pack-notes", ".pack.old-style", "pack.crmreq-tmp-visible",
            ".pack.crmreq-tmp-link", ".data.csv.crmreq-tmp-x"}
    (out / ".pack-notes").write_text("mine", encoding="utf-8")
    (out / ".pack.old-style").mkdir()
    (out / "pack.crmreq-tmp-visible").mkdir()
    (out / ".data.csv.crmreq-tmp-x").write_text("not a pack's", encoding="utf-8")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep", encoding="utf-8")
    (out / ".pack.crmreq-tmp-link").symlink_to(victim, target_is_directory=True)
    for name in kept - {".pack.crmreq-tmp-running"}:
        age(out / name)
    assert run("export", "pack", spec, "-o", out).exit_code == 0
    hidden = {p.name for p in out.iterdir() if p.name.startswith(".") or "crmreq-tmp" in p.name}
    assert hidden == kept
    assert (victim / "precious.txt").read_text(encoding="utf-8") == "keep"


def test_a_single_export_removes_its_own_stale_temporary_files(tmp_path):
    spec = write_fr_spec(tmp_path / "spec")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "matrice.csv"
    stale = out / ".matrice.csv.crmreq-tmp-k1ll3d.csv"
    fresh = out / ".matrice.csv.crmreq-tmp-running.csv"
    other = out / ".other.csv.crmreq-tmp-k1ll3d.csv"     # another file's: not this export's to judge
    for path in (stale, fresh, other):
        path.write_bytes(b"half")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    link = out / ".matrice.csv.crmreq-tmp-link"
    link.symlink_to(victim)
    for path in (stale, other, link):
        age(path)
    assert run("export", "csv", spec, "-o", target).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([target.name, fresh.name, other.name, link.name])
    assert victim.read_text(encoding="utf-8") == "keep"


def _kill_when(proc: subprocess.Popen, appeared, timeout: float = 90) -> list[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        found = appeared()
        if found:
            proc.kill()               # SIGKILL: nothing runs after it, no finally, no atexit
            proc.wait()
            return found
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    pytest.skip("the export finished before it could be killed")


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is POSIX")
@pytest.mark.parametrize("fmt", ["pack", "docx"])
def test_a_killed_export_leaves_recognisable_leftovers_that_a_later_run_removes(fmt, tmp_path):
    spec = write_fr_spec(tmp_path / "spec")
    out = tmp_path / "out"
    out.mkdir()
    target = out if fmt == "pack" else out / "cdc.docx"
    proc = subprocess.Popen([sys.executable, "-m", "crmreq", "export", fmt, str(spec), "-o", str(target)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def hidden():
        """Hidden entries in the output folder or beside it (where older versions staged a pack)."""
        return [p for folder in (out, tmp_path) for p in folder.iterdir() if p.name.startswith(".")]

    leftovers = _kill_when(proc, hidden)
    pattern = r"\.pack\.crmreq-tmp-\w+" if fmt == "pack" else r"\.cdc\.docx\.crmreq-tmp-\w+\.docx"
    assert [p.name for p in leftovers] and all(re.fullmatch(pattern, p.name) for p in leftovers), leftovers
    assert run("export", fmt, spec, "-o", target).exit_code == 0
    assert all(p.exists() for p in leftovers), "a fresh leftover may be a running export's: left alone"
    for path in leftovers:
        for inner in [*path.rglob("*"), path] if path.is_dir() else [path]:
            age(inner)
    assert run("export", fmt, spec, "-o", target).exit_code == 0
    assert hidden() == []


# -- Unicode ---------------------------------------------------------------------------------------------

EMOJI = "\N{GRINNING FACE}"


@pytest.fixture(scope="module")
def emoji_spec(tmp_path_factory):
    """project.name written as JSON writes an emoji (a surrogate pair in escapes), an id with the emoji itself."""
    text = FR_SPEC.replace(FR_NAME, 'name: "CRM \\ud83d\\ude00 Négoce"', 1)
    text = re.sub(r"\bF-001\b", f"F-{EMOJI}001", text)
    return write_spec_text(tmp_path_factory.mktemp("emoji") / "spec", text)


def texts_of(path: Path) -> str:
    """The text a reader of the file sees."""
    if path.suffix == ".xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(path)
        cells = [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
                 if cell.value is not None]
        headers = [sheet.oddHeader.center.text or "" for sheet in workbook]
        return "\n".join([workbook.properties.title or ""] + headers + cells)
    if path.suffix == ".docx":
        import docx

        document = docx.Document(path)
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        header = [p.text for section in document.sections for p in section.header.paragraphs]
        return "\n".join([p.text for p in document.paragraphs] + cells + header)
    return path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("fmt", sorted(BUILTIN_FORMATS))
def test_an_emoji_goes_through_every_exporter(fmt, emoji_spec, tmp_path):
    out = tmp_path / f"out.{fmt}"
    result = run("export", fmt, emoji_spec, "-o", out)
    assert result.exit_code == 0, result.output
    text = texts_of(out)
    assert f"F-{EMOJI}001" in text
    if fmt != "csv":                                   # the matrix has no project name
        assert f"CRM {EMOJI} Négoce" in text
    assert "\ufffd" not in text and not re.search("[\ud800-\udfff]", text)


def test_an_emoji_goes_through_the_pack(emoji_spec, tmp_path):
    out = tmp_path / "pack"
    manifest = assert_whole_pack(out, run("export", "pack", emoji_spec, "-o", out))
    assert manifest["project"] == f"CRM {EMOJI} Négoce"
    assert all(e["file"].startswith("crm-negoce.") for e in manifest["files"])
