"""The phase of the spec's timeline a deadline names ("à l'issue de la phase 1", "end of UAT"), and
when that phase ends; read by `Deadline.resolve` for deadlines anchored to a phase."""

from __future__ import annotations

import datetime
import math
import re

from .text import fold


def find_phase(reference: str | None, phases, named_only: bool = False):
    """The phase of `phases` (items with `id` and `name`) a folded reference names: "1" is the
    first phase unless a phase is called so; a name matches a phase's id or name, or the words of
    its name ("recette" for « Recette et pilote »). None when no phase fits.

    `named_only`: the reference was not called a phase ("à la fin de la recette"): it must be the
    phase's id or name, or how the name of exactly one phase begins ("fin du projet" is not the
    end of « Cadrage du projet »)."""
    if not reference or not phases:
        return None
    phases = [p for p in phases if p is not None]
    key = _phase_words(reference)
    if not key:
        return None
    for phase in phases:
        names = {_phase_words(getattr(phase, "id", None)), _phase_words(getattr(phase, "name", None))}
        if key in names or ("phase " + key) in names or ("lot " + key) in names:
            return phase
    if named_only:
        starting = [p for p in phases if (_phase_words(getattr(p, "name", None)) + " ").startswith(key + " ")]
        return starting[0] if len(starting) == 1 else None
    if key.isdigit():
        index = int(key)
        return phases[index - 1] if 1 <= index <= len(phases) else None
    wanted = key.split()
    for phase in phases:
        words = set(_phase_words(getattr(phase, "name", None)).split())
        words |= set(_phase_words(getattr(phase, "id", None)).split())
        if all(word in words for word in wanted):
            return phase
    return None


def _phase_words(text) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text))) if isinstance(text, str) else ""


def phase_end(phase) -> datetime.date | None:
    """When a phase ends: its `end` date, else its `start` plus its longest duration; else None."""
    if phase is None:
        return None
    end = getattr(phase, "end", None)
    if isinstance(end, datetime.date):
        return end
    start, duration = getattr(phase, "start", None), getattr(phase, "duration", None)
    days = getattr(duration, "max_days", None)
    if isinstance(start, datetime.date) and isinstance(days, (int, float)) and math.isfinite(days):
        try:
            return start + datetime.timedelta(days=round(days))
        except OverflowError:
            return None
    return None
