"""One atomic writer for every file crmreq produces.

Write to a temporary file in the destination directory, flush and fsync, then `os.replace`
it onto the target: a crash or a full disk leaves no half-written file, and an existing file
is only ever replaced whole, never truncated.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import CrmreqError


@contextmanager
def atomic_path(target: Path, suffix: str | None = None):
    """Yield a temporary path next to `target`; on success it replaces `target` atomically."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise CrmreqError(f"{directory}: output directory does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix or ".tmp", dir=directory)
    except OSError as exc:
        raise CrmreqError(f"{target}: cannot write here: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise CrmreqError(f"{target}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def write_text_atomic(target: Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_path(Path(target)) as tmp:
        tmp.write_text(text, encoding=encoding, newline="")


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(Path(target)) as tmp:
        tmp.write_bytes(data)
