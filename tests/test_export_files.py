"""Exports and the file system: concurrent runs, unwritable and full destinations.

PRODUCT.md §5: exports are written atomically (temporary file, then rename): a failed export
leaves no half file and never touches an existing file it did not replace. Checked here with
real `crmreq export` processes and with the errors a disk gives:

- two exports to the same output at once: the result opens and is byte for byte one of
  the two complete outputs; no temporary file is left;
- an unwritable destination (a read-only directory, a path under a regular file, a missing
  directory): exit 2, one clear line on stderr, nothing written;
- a full disk (ENOSPC from the exporter's writes, from fsync, from the rename; and a real
  64 KB tmpfs when the tests run as root and may mount one): exit 2, one line, no temporary
  file, and an existing output left exactly as it was.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmreq.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fr-negoce"
FORMATS = ("csv", "xlsx", "docx", "json")


def make_spec(directory: Path, name: str) -> Path:
    """A copy of the French example named `name`, in its project and its first feature's title
    (so that every format, the matrices included, differs from one name to another)."""
    shutil.copytree(EXAMPLE, directory)
    for file, old, new in (("crmreq.yaml", "name: Projet CAP CLIENT — nouveau CRM", f"name: {name}"),
                           ("besoins/01-clients.yaml", "    title: ", f"    title: {name} — ")):
        path = directory / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return directory


def run_export(*args, cwd: Path, **popen) -> subprocess.Popen:
    env = dict(os.environ, CRMREQ_NO_CACHE="1", NO_COLOR="1")
    return subprocess.Popen([sys.executable, "-m", "crmreq", "export", *map(str, args)], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def finish(proc: subprocess.Popen, timeout: float = 180) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def opens(path: Path, fmt: str) -> None:
    data = path.read_bytes()
    if fmt in ("xlsx", "docx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
        if fmt == "xlsx":
            import openpyxl

            openpyxl.load_workbook(io.BytesIO(data))
        else:
            import docx

            docx.Document(io.BytesIO(data))
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert len({len(r) for r in rows}) == 1
    elif fmt == "json":
        json.loads(data)
    else:
        data.decode("utf-8")


def temporaries(directory: Path) -> list[str]:
    """What a failed or racing export could leave: hidden `.name.*` files or staging dirs."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


# -- two exports at once ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def two_specs(tmp_path_factory):
    base = tmp_path_factory.mktemp("concurrent")
    return make_spec(base / "a", "Projet Alpha"), make_spec(base / "b", "Projet Bêta")


@pytest.fixture(scope="module")
def reference_outputs(two_specs, tmp_path_factory):
    """Each spec's output in each format, written alone: the only acceptable results."""
    out = tmp_path_factory.mktemp("reference")
    refs = {}
    for fmt in FORMATS:
        for label, spec in zip("ab", two_specs):
            target = out / f"{label}.{fmt}"
            code, _, err = finish(run_export(fmt, spec, "-o", target, cwd=out))
            assert code == 0, err
            refs[(fmt, label)] = target.read_bytes()
        assert refs[(fmt, "a")] != refs[(fmt, "b")]
    return refs


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_exports_to_the_same_file_at_once_leave_one_complete_output(fmt, two_specs, reference_outputs,
                                                                          tmp_path):
    target = tmp_path / f"matrice.{fmt}"
    target.write_bytes(b"previous content")
    procs = [run_export(fmt, spec, "-o", target, cwd=tmp_path) for spec in two_specs]
    results = [finish(p) for p in procs]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    data = target.read_bytes()
    assert data in (reference_outputs[(fmt, "a")], reference_outputs[(fmt, "b")]), \
        "the file is neither output: a mix or a half file"
    opens(target, fmt)
    assert temporaries(tmp_path) == []


def test_two_packs_into_the_same_directory_at_once_leave_complete_files(two_specs, tmp_path):
    """Each file of the pack is complete and is one of the two runs' files; the manifest parses."""
    out = tmp_path / "pack"
    procs = [run_export("pack", spec, "-o", out, cwd=tmp_path) for spec in two_specs]
    results = [finish(p) for p in procs]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        opens(out / entry["file"], entry["format"])
    assert temporaries(out) == [] and temporaries(tmp_path) == []


# -- destinations that cannot be written --------------------------------------------------------------

def cli_export(*args, cwd: Path):
    """In-process `crmreq export`, stdout and stderr apart."""
    runner = CliRunner()
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, ["export", *map(str, args)], env={"CRMREQ_NO_CACHE": "1"})
    finally:
        os.chdir(previous)


def assert_clean_failure(result, *, mentions: str | None = None):
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("crmreq: "), result.stderr
    assert "Traceback" not in result.stderr
    if mentions:
        assert mentions in lines[0], lines[0]


@pytest.fixture(scope="module")
def spec_dir(tmp_path_factory):
    return make_spec(tmp_path_factory.mktemp("spec") / "spec", "Projet Gamma")


def _root_can_write_anyway(directory: Path) -> bool:
    probe = directory / ".probe"
    try:
        probe.write_bytes(b"x")
    except OSError:
        return False
    probe.unlink()
    return True


@pytest.mark.parametrize("fmt", ["csv", "docx", "pack"])
def test_export_into_a_read_only_directory_fails_cleanly(fmt, spec_dir, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "existing.txt").write_text("keep me", encoding="utf-8")
    locked.chmod(0o555)
    try:
        if _root_can_write_anyway(locked):
            pytest.skip("running as root (or with CAP_DAC_OVERRIDE): chmod 555 does not stop writes")
        target = locked / ("pack" if fmt == "pack" else f"out.{fmt}")
        result = cli_export(fmt, spec_dir, "-o", target, cwd=tmp_path)
        assert_clean_failure(result)
        assert sorted(p.name for p in locked.iterdir()) == ["existing.txt"]
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("where", ["under-a-file", "missing-directory"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pack"])
def test_export_to_an_impossible_path_fails_cleanly(where, fmt, spec_dir, tmp_path):
    blocker = tmp_path / "a-file.txt"
    blocker.write_text("not a directory", encoding="utf-8")
    parent = blocker if where == "under-a-file" else tmp_path / "no" / "such" / "dir"
    target = parent / ("pack" if fmt == "pack" else f"out.{fmt}")
    result = cli_export(fmt, spec_dir, "-o", target, cwd=tmp_path)
    assert_clean_failure(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file.txt"]
    assert blocker.read_text(encoding="utf-8") == "not a directory"


# -- a full disk ---------------------------------------------------------------------------------

WRITERS = {"csv": ("crmreq.export.csv_matrix", "write_csv"), "xlsx": ("crmreq.export.spreadsheet", "write_xlsx"),
           "docx": ("crmreq.export.word", "write_docx")}


def _enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("stage", ["exporter-write", "fsync", "rename"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
def test_export_to_a_full_disk_fails_cleanly_and_keeps_the_old_file(stage, fmt, spec_dir, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"matrice.{fmt}"
    target.write_bytes(b"the previous export")
    if stage == "exporter-write":
        # the disk fills up halfway through the exporter's own writes (the built-in exporters
        # import their module when they run, so patching the module's writer is enough)
        import importlib

        module, function = WRITERS[fmt]

        def half_then_full(spec, path, options=None):
            Path(path).write_bytes(b"PK\x03\x04 half a file")
            _enospc()

        monkeypatch.setattr(importlib.import_module(module), function, half_then_full)
    elif stage == "fsync":
        monkeypatch.setattr(os, "fsync", _enospc)
    else:
        import crmreq.io as atomic

        monkeypatch.setattr(atomic.os, "replace", _enospc)
    result = cli_export(fmt, spec_dir, "-o", target, cwd=tmp_path)
    assert_clean_failure(result)
    assert "No space left on device" in result.stderr or "ENOSPC" in result.stderr or "28" in result.stderr, \
        result.stderr
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in out.iterdir()) == [f"matrice.{fmt}"]


def test_pack_to_a_full_disk_fails_cleanly_and_keeps_the_old_pack(spec_dir, tmp_path, monkeypatch):
    out = tmp_path / "pack"
    out.mkdir()
    (out / "manifest.json").write_text('{"old": true}', encoding="utf-8")
    import crmreq.export.spreadsheet as spreadsheet

    def full(spec, path, options=None):
        _enospc()

    monkeypatch.setattr(spreadsheet, "write_xlsx", full)
    result = cli_export("pack", spec_dir, "-o", out, cwd=tmp_path)
    assert_clean_failure(result)
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json"]
    assert (out / "manifest.json").read_text(encoding="utf-8") == '{"old": true}'
    assert temporaries(tmp_path) == []


@pytest.fixture
def tiny_filesystem(tmp_path):
    """A real 64 KB tmpfs (root only, where mounting is allowed); skipped elsewhere."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a tiny tmpfs; the monkeypatched ENOSPC tests cover the logic")
    point = tmp_path / "tiny"
    point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], capture_output=True)


@pytest.mark.parametrize("fmt", ["docx", "pack"])
def test_export_to_a_really_full_filesystem(fmt, spec_dir, tiny_filesystem, tmp_path):
    """The DOCX (≈ 300 KB with its diagrams) cannot fit in 64 KB: ENOSPC from the kernel."""
    old = tiny_filesystem / "old.txt"
    old.write_bytes(b"x" * 1000)
    target = tiny_filesystem / ("pack" if fmt == "pack" else "cahier.docx")
    proc = run_export(fmt, spec_dir, "-o", target, cwd=tmp_path)
    code, out, err = finish(proc)
    assert code == 2, (code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("crmreq: ") and "Traceback" not in err, err
    assert sorted(p.name for p in tiny_filesystem.iterdir()) == ["old.txt"]
    assert old.read_bytes() == b"x" * 1000
