"""What a killed export leaves behind, and how a later export clears it.

An export killed outright (`kill -9`, a power cut) cannot remove its temporary file
(`.<target>.crmreq-tmp-<random>`, crmreq.io) or its pack staging folder
(`.pack.crmreq-tmp-<random>/`). Both are recognisable by name, and the next export writing
to the same place removes those of them older than an hour. A younger one may belong to an
export running at this very moment, so it is left alone.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from ..io import TEMP_MARK

STAGING_PREFIX = f".pack{TEMP_MARK}"
STALE_AFTER = 3600   # seconds: no export takes an hour


def temp_prefix(target: Path) -> str:
    """How crmreq.io names the temporary files of `target`."""
    return f".{target.name}{TEMP_MARK}"


def remove_stale(directory: Path, prefix: str) -> list[str]:
    """Delete the entries of `directory` named `prefix…` and unchanged for STALE_AFTER seconds.

    Only regular files and real folders go: a symbolic link is never followed nor removed,
    and anything that cannot be removed stays without a word. Answers the names removed."""
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        try:
            if entry.is_symlink() or now - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            elif entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
            else:
                continue
        except OSError:
            continue
        removed.append(entry.name)
    return removed
