"""Valid stand-ins for values that are not there: failed the schema (E002) or blank (`TBD`).

The lint engine asks what the rules find once such a value is there (lint/causes.py): a
finding that goes away was caused by the value, not by the spec. A stand-in is any value the
schema accepts, the most complete one for a list of allowed values (every right, every interface),
so that no rule can call it missing or short of something.
"""

from __future__ import annotations

import datetime as _dt
from typing import NamedTuple

from ..positions import PosDict, PosList, Position
from ..schema import rules_at
from .schema_words import meant_key

_CHECKED = {"priority": "must", "date": "2000-01-01", "quantity": "1"}


class StandIn(NamedTuple):
    """`value` put at `path` (a None step: appended to the list there); `pos` where it was written."""

    path: tuple
    value: object
    pos: Position


def for_schema_error(error, schema: dict, tree: PosDict, pos: Position) -> list[StandIn]:
    """The stand-in for a value cerberus refused. An unknown key close to a field the mapping
    lacks (`priorty`) stands for that field; a missing required key needs none: it is missing."""
    path = error.path
    if error.rule == "required":
        return []
    if error.rule == "unknown":
        meant = meant_key(str(path[-1]), error.fields) if path else None
        parent = _node(tree, path[:-1])
        if meant is None or not isinstance(parent, dict) or meant in parent:
            return []
        path = path[:-1] + (meant,)
    elif path and isinstance(path[-1], int):
        rules = rules_at(schema, path[:-1])
        if rules and isinstance(rules.get("schema"), dict) and "allowed" in rules["schema"]:
            path = path[:-1]   # an item outside a list of allowed values: the whole list is unknown
    return [StandIn(path, stand_in(rules_at(schema, path), pos), pos)]


def for_blank(blank, schema: dict) -> StandIn:
    path = blank.path
    if path[-1] is None and "allowed" in (rules_at(schema, path) or {}):
        path = path[:-1]   # a blank among allowed values: the whole list is unknown
    return StandIn(path, stand_in(rules_at(schema, path), blank.pos), blank.pos)


def stand_in(rules, pos: Position):
    """A value `rules` accept: every allowed value for a list of them, else the simplest one."""
    rules = rules if isinstance(rules, dict) else {}
    types = rules.get("type") if isinstance(rules.get("type"), list) else [rules.get("type")]
    items = rules.get("schema") if isinstance(rules.get("schema"), dict) else {}
    if "list" in types:
        values = list(items["allowed"]) if "allowed" in items else [stand_in(items, pos)]
        result = PosList(pos)
        for value in values:
            result.add(value, pos)
        return result
    if "allowed" in rules and rules["allowed"]:
        return rules["allowed"][0]
    if rules.get("check_with") in _CHECKED:
        return _CHECKED[rules["check_with"]]
    if "dict" in types:   # every field: a section that failed the schema is unknown, not empty (B002, L001…)
        result = PosDict(pos)
        for key, field in items.items():
            if isinstance(field, dict):
                result.set(key, stand_in(field, pos), pos, pos)
        return result
    for kind in types:
        if kind in ("integer", "float", "number"):
            return 1
        if kind == "boolean":
            return True
        if kind == "date":
            return _dt.date(2000, 1, 1)
    return "x"


def with_stand_ins(tree: PosDict, stand_ins) -> PosDict:
    """A copy of `tree` with each stand-in in place; only the containers on their paths are copied."""
    root = _copy(tree)
    copied = {id(root)}
    for path, value, pos in stand_ins:
        node = root
        for step, following in zip(path[:-1], path[1:]):
            child = node[step] if _has(node, step) else None
            if child is None:
                child = PosList(pos) if following is None or isinstance(following, int) else PosDict(pos)
                _put(node, step, child, pos)
                copied.add(id(child))
            elif id(child) not in copied and isinstance(child, (PosDict, PosList)):
                child = _copy(child)
                _put(node, step, child, pos)
                copied.add(id(child))
            node = child
        if not isinstance(node, (PosDict, PosList)):
            continue   # a scalar where the schema wants a container: its own stand-in covers it
        _put(node, path[-1], value, pos)
    return root


def _node(tree, path: tuple):
    node = tree
    for step in path:
        if not _has(node, step):
            return None
        node = node[step]
    return node


def _has(node, step) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def _put(node, step, value, pos: Position) -> None:
    if isinstance(node, PosDict):
        node.set(step, value, node.key_pos.get(step, pos), node.val_pos.get(step, pos))
        node.plain.pop(step, None)
    elif step is None:
        node.add(value, pos)
    elif isinstance(step, int) and 0 <= step < len(node):
        node[step] = value
        node.plain.pop(step, None)


def _copy(node):
    if isinstance(node, PosDict):
        copy = PosDict(node.pos)
        copy.update(node)
        copy.key_pos.update(node.key_pos)
        copy.val_pos.update(node.val_pos)
        copy.plain.update(node.plain)
        return copy
    copy = PosList(node.pos)
    copy.extend(node)
    copy.item_pos.extend(node.item_pos)
    copy.plain.update(node.plain)
    return copy
