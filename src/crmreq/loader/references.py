"""References one typo away from an id (`Marc` for `marc`, `equipe-ventes` for `équipe-ventes`).

E006 reports them, naming the id meant. For every other rule such a reference stands for that
id, so that a mistyped team in a feature does not also make the team look unused (T003): the
lint engine asks the rules again with the id in its place (lint/causes.py), as for a value that
failed the schema.
"""

from __future__ import annotations

from ..model import REFERENCES
from ..positions import PosDict, PosList
from ..values.text import closest
from .stand_ins import StandIn


def reference_stand_ins(raw: PosDict, spec) -> list[StandIn]:
    """The id meant at each reference that names no item but resembles one."""
    ids = {section: {item.id for item in getattr(spec, section) if item.id}
           for section in {kind for _, _, kinds, _ in REFERENCES for kind in kinds}}
    found = []
    for where, key, kinds, many in REFERENCES:
        allowed = set().union(*(ids[kind] for kind in kinds))
        for path, item in _items(raw, where):
            value = item.get(key)
            if many and isinstance(value, PosList):
                for index, ref in enumerate(value):
                    meant = _meant(ref, allowed)
                    if meant:
                        found.append(StandIn(path + (key, index), meant, value.where(index)))
            elif not many:
                meant = _meant(value, allowed)
                if meant:
                    found.append(StandIn(path + (key,), meant, item.where(key)))
    return found


def _meant(ref, allowed: set) -> str | None:
    if not isinstance(ref, str) or ref in allowed:
        return None
    return closest(ref, allowed)


def _items(raw: PosDict, where: str):
    """(path, mapping) of each item of the list at `where` ("features", "rgpd.purposes")."""
    node, path = raw, ()
    for step in where.split("."):
        node = node.get(step) if isinstance(node, dict) else None
        path += (step,)
    if isinstance(node, PosList):
        for index, item in enumerate(node):
            if isinstance(item, PosDict):
                yield path + (index,), item
