"""The one writer (crmreq.io): atomic for regular files, in place for devices and pipes,
through symbolic links, with the umask's permissions."""

from __future__ import annotations

import os
import stat
import threading

import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.io import TEMP_MARK, write_text_atomic

from conftest import EXAMPLES


def _special_file(tmp_path):
    """A character device when running as root (as the audit did with /dev/null), else a FIFO."""
    path = tmp_path / "device"
    if os.geteuid() == 0:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))   # the null device
        return path, None
    os.mkfifo(path)
    received = []

    def drain():
        with open(path, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    return path, (reader, received)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_lint_output_to_a_special_file_writes_into_it_and_never_replaces_it(tmp_path):
    target, pipe = _special_file(tmp_path)
    kind = stat.S_IFMT(os.stat(target).st_mode)
    result = CliRunner().invoke(main, ["lint", str(EXAMPLES / "weak"), "--format", "json", "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert stat.S_IFMT(os.stat(target).st_mode) == kind        # still a device or a pipe
    if pipe is not None:
        reader, received = pipe
        reader.join(10)
        assert b'"diagnostics"' in received[0]
    assert not [p for p in tmp_path.iterdir() if TEMP_MARK in p.name]


def test_created_files_honour_the_umask(tmp_path):
    previous = os.umask(0o077)
    try:
        write_text_atomic(tmp_path / "report.txt", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(os.stat(tmp_path / "report.txt").st_mode) == 0o600
    write_text_atomic(tmp_path / "other.txt", "x")
    assert stat.S_IMODE(os.stat(tmp_path / "other.txt").st_mode) == 0o666 & ~previous


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symlinked_target_replaces_the_file_it_points_to_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
