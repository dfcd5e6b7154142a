"""Source positions carried by the raw tree the loaders build.

Every mapping key and every list item must know its file, line and column (1-based), for
YAML and TOML alike, so that a finding can point at the line a user wrote. The loaders
build `PosDict`/`PosList` containers (a dict/list plus the positions of their keys, values
and items); scalars get their position from the parent, like ruamel's `.lc`.
"""

from __future__ import annotations

from typing import NamedTuple


class Position(NamedTuple):
    """Where something is: a display path (relative to the working directory), line, column.

    A NamedTuple: a spec of 50,000 features has about a million of them, so creating one
    must cost next to nothing.
    """

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class PosDict(dict):
    """A mapping that remembers where it, its keys and its values start."""

    __slots__ = ("pos", "key_pos", "val_pos", "plain")

    def __init__(self, pos: Position):
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Position] = {}
        self.val_pos: dict[str, Position] = {}
        # key -> text as written, for values that came from a plain (unquoted) YAML scalar
        # resolved to a non-string (`007`, `+336…`, `1.10`): see schema.keep_written_text.
        self.plain: dict[str, str] = {}

    def set(self, key, value, key_pos: Position, val_pos: Position) -> None:
        self[key] = value
        self.key_pos[key] = key_pos
        self.val_pos[key] = val_pos

    def where(self, key) -> Position:
        """Position of `key` if present, else of the mapping itself (the nearest parent)."""
        return self.key_pos.get(key, self.pos)

    def value_where(self, key) -> Position:
        return self.val_pos.get(key) or self.key_pos.get(key, self.pos)


class PosList(list):
    """A list that remembers where it and each of its items start."""

    __slots__ = ("pos", "item_pos", "plain")

    def __init__(self, pos: Position):
        super().__init__()
        self.pos = pos
        self.item_pos: list[Position] = []
        self.plain: dict[int, str] = {}

    def add(self, value, pos: Position) -> None:
        self.append(value)
        self.item_pos.append(pos)

    def where(self, index: int) -> Position:
        if 0 <= index < len(self.item_pos):
            return self.item_pos[index]
        return self.pos


def locate(tree, path: tuple, default: Position) -> Position:
    """Position of the node at `path` in a raw tree (its key for a mapping entry).

    Walks as far as the path exists; when the tail is missing, answers the nearest parent,
    which is where a "missing" finding belongs.
    """
    node, best = tree, getattr(tree, "pos", default)
    for step in path:
        if isinstance(node, PosDict) and step in node:
            best = node.key_pos.get(step, best)
            node = node[step]
        elif isinstance(node, PosList) and isinstance(step, int) and 0 <= step < len(node):
            best = node.item_pos[step]
            node = node[step]
        else:
            break
    return best
