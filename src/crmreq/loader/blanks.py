"""Values written but not given: empty (`owner:`), only spaces, or a placeholder (`owner: TBD`).

They are taken out of the merged tree before validation, so a spec reads them as missing: the
schema does not call an empty `owner:` or a `headcount: TBD` a wrong value (E002), and the rule
for the missing value reports them instead. Each one taken out is kept as a `Blank`: where it was
written, so the lint engine can name the placeholder in that rule's message, and its path, so the
engine can ask what the rules say once a value is there (lint/causes.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..positions import PosDict, PosList, Position
from ..values.placeholders import blank, placeholder

_LEFT_AS_WRITTEN = ("crmreq", "include", "lint")   # top-level keys the loader reads itself


@dataclass(frozen=True)
class Blank:
    """One value written but not given.

    `path` leads to it in the tree without blanks: a mapping key's path, or for a list item the
    list's path followed by None. `anchors` are where a finding about it is placed: its key (or
    list item), the key of the list holding it, the part holding it."""

    path: tuple
    text: str | None              # the placeholder as written; None for an empty value
    pos: Position                 # where it was written: its key, or its list item
    anchors: frozenset[Position]
    names: tuple[str, ...]        # the keys that name it, innermost last (`retention`, `prospects`)


def take_blanks(tree: PosDict) -> list[Blank]:
    """Remove every blank value from `tree` (in place) and say where each one was.

    A blank key keeps its position (`key_pos`) without a value, so a finding about the missing
    value can point at the line that says it is missing. A list or mapping left empty stays, as
    if written empty. `x-` keys are free and left alone, like the keys the loader reads itself."""
    found: list[Blank] = []
    for key in list(tree):
        if key in _LEFT_AS_WRITTEN or _free(key):
            continue
        _take_entry(tree, key, (), tree.pos, (), found)
    return found


def _free(key) -> bool:
    return isinstance(key, str) and key.startswith("x-")


def _take_entry(mapping: PosDict, key, path: tuple, part: Position, names: tuple, found: list) -> None:
    """Take the blanks in `mapping[key]`, and the entry itself when nothing is left of it."""
    value = mapping[key]
    if isinstance(value, PosDict):
        # a top-level section is placed at its key (see build_spec), any other mapping where it starts
        here, named = path + (key,), names + (str(key),)
        inner = mapping.key_pos.get(key, mapping.pos) if not path else value.pos
        _take_fields(value, here, inner, named, found)
    elif isinstance(value, PosList):
        key_pos = mapping.key_pos.get(key, mapping.pos)
        _take_items(value, path + (key,), frozenset((key_pos, part)), names + (str(key),), found)
    elif blank(value):
        key_pos = mapping.key_pos.get(key, mapping.pos)
        named = names + (str(key),)
        found.append(Blank(path + (key,), placeholder(value), key_pos, frozenset((key_pos, part)), named[-2:]))
        _remove(mapping, key)


def _take_fields(mapping: PosDict, path: tuple, part: Position, names: tuple, found: list) -> None:
    """`_take_entry` for each field of `mapping` that can hold a blank (most are plain texts)."""
    for child, value in list(mapping.items()):
        if isinstance(value, (PosDict, PosList)) or blank(value):
            if not _free(child):
                _take_entry(mapping, child, path, part, names, found)


def _take_items(items: PosList, path: tuple, anchors: frozenset, names: tuple, found: list) -> None:
    if any(blank(value) for value in items):
        _take_blank_items(items, path, anchors, names, found)
    for index, value in enumerate(items):
        if isinstance(value, PosDict):
            _take_fields(value, path + (index,), value.pos, names, found)


def _take_blank_items(items: PosList, path: tuple, anchors: frozenset, names: tuple, found: list) -> None:
    """Take the blank items out of `items`, keeping the positions and written forms of the others."""
    kept_values, kept_pos, kept_plain = [], [], {}
    for index, value in enumerate(items):
        pos = items.where(index)
        if blank(value):
            found.append(Blank(path + (None,), placeholder(value), pos, anchors | {pos}, names[-2:]))
            continue
        if index in items.plain:
            kept_plain[len(kept_values)] = items.plain[index]
        kept_values.append(value)
        kept_pos.append(pos)
    items[:] = kept_values
    items.item_pos[:] = kept_pos
    items.plain.clear()
    items.plain.update(kept_plain)


def _remove(mapping: PosDict, key) -> None:
    """The value goes; the key's position stays (see take_blanks)."""
    del mapping[key]
    mapping.val_pos.pop(key, None)
    mapping.plain.pop(key, None)
