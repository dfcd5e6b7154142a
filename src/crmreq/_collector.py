"""Pausing Python's cyclic garbage collector during a lint (a module of its own: the command
line imports it before anything heavy, so the imports that follow run in the pause too)."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused(freeze_after: bool = False):
    """Python's cyclic garbage collector off while a spec is read and linted.

    The tree, the model and the findings are hundreds of thousands of objects without a
    cycle to free, yet every full collection walks them all: 22 % of the time at 10k
    features, and the per-feature cost would grow with the spec (docs/performance.md).
    Reference counting still frees everything as usual; the collector's previous state is
    restored afterwards, so library callers keep theirs. `freeze_after` (a process that ends
    with the run): what was built is frozen first, so that switching the collector back on
    does not walk it all once more.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze_after:
                gc.freeze()
            gc.enable()
