"""One writer for every file crmreq produces.

A regular file is written atomically: a temporary file in the destination directory, flushed
and fsynced, then `os.replace`d onto the target, so a crash or a full disk leaves no
half-written file and an existing file is only ever replaced whole. A target that exists and
is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written into directly:
replacing it would destroy a device. A symbolic link is followed: the file it points to is
replaced, the link stays. Created files get the permissions the umask allows, like any
program's (0666 minus the umask).

Temporary files are named `.<target>.crmreq-tmp-<random>`: after a killed run they are
recognisable, hidden, and never matched by a spec's include globs (`*.yaml`).
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import SaidError, os_reason

TEMP_MARK = ".crmreq-tmp-"


def current_umask() -> int:
    """The process's umask (reading it means setting it: set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def refuse_overwriting(targets, inputs) -> None:
    """Writing a report or an export over a file this run reads would lose what the user wrote
    (`-o crmreq.yaml`, `-o` a vendor's returned matrix): refused, exit 2."""
    read = {Path(source).resolve() for source in inputs}
    for target in targets:
        if Path(target).resolve() in read:
            raise SaidError(f"{target} : crmreq lit ce fichier dans cette commande, il ne l'écrase pas ; "
                            "écrivez le résultat ailleurs (-o)",
                            f"{target}: crmreq reads this file in this command and does not overwrite it; "
                            "write the output elsewhere (-o)")


def is_special_file(path: Path) -> bool:
    """True for an existing target that is not a regular file once links are followed."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


@contextmanager
def atomic_path(target: Path, suffix: str | None = None):
    """Yield a temporary path next to `target`; on success it replaces `target` atomically.

    For a special target (a device, a pipe), yield a temporary path whose content is then copied
    into the target, which is never replaced."""
    target = Path(target)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    directory = target.parent if str(target.parent) else Path(".")
    if is_special_file(target):
        with _special_target(target, suffix) as tmp:
            yield tmp
        return
    if not directory.is_dir():
        raise SaidError(f"{directory} : le dossier de sortie n'existe pas", f"{directory}: output directory does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}{TEMP_MARK}", suffix=suffix or ".tmp", dir=directory)
    except OSError as exc:
        reason = os_reason(exc)
        raise SaidError(f"{target} : écriture impossible ici : {reason['fr']}",
                        f"{target}: cannot write here: {reason['en']}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        reason = os_reason(exc)
        raise SaidError(f"{target} : écriture impossible : {reason['fr']}",
                        f"{target}: cannot write: {reason['en']}") from None
    except BaseException:
        _remove(tmp)
        raise


@contextmanager
def _special_target(target: Path, suffix: str | None):
    """The content is built in a private temporary file, then streamed into the device or pipe."""
    fd, tmp_name = tempfile.mkstemp(prefix=f"crmreq{TEMP_MARK}", suffix=suffix or ".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb") as source, open(target, "wb") as sink:
            while chunk := source.read(1 << 16):
                sink.write(chunk)
    except OSError as exc:
        reason = os_reason(exc)
        raise SaidError(f"{target} : écriture impossible : {reason['fr']}",
                        f"{target}: cannot write: {reason['en']}") from None
    finally:
        _remove(tmp)


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
