"""Ids and where they are: each item's id (its definition) and every field that names an id (a
reference), with the span of the id on its line, for go to definition, find references, hover
and the "did you mean" correction of an unknown id (E006)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..positions import PosDict, PosList, Position
from .locations import Span, value_span

#: Where an item's fields name other items: (path of the list of items, field as written, kinds of
#: item it may name). The same fields as the unknown-reference rule (E006) checks.
REFERENCE_FIELDS = (
    (("stakeholders",), "team", ("teams",)),
    (("objectives",), "owner", ("stakeholders", "teams")),
    (("systems",), "owner", ("stakeholders", "teams")),
    (("flows",), "from", ("systems",)),
    (("flows",), "to", ("systems",)),
    (("flows",), "master", ("systems",)),
    (("flows",), "objects", ("objects",)),
    (("processes",), "teams", ("teams",)),
    (("features",), "teams", ("teams",)),
    (("features",), "objectives", ("objectives",)),
    (("migration",), "system", ("systems",)),
    (("migration",), "objects", ("objects",)),
    (("rgpd", "purposes"), "objects", ("objects",)),
    (("rgpd", "transfers_outside_eu"), "system", ("systems",)),
    (("consultation", "demos"), "features", ("features",)),
)

#: Reference fields by their path in a file, list items written "*": ("features", "*", "teams") → ("teams",).
KINDS_AT = {(*items, "*", name): kinds for items, name, kinds in REFERENCE_FIELDS}

#: The lists that hold items with an id, by kind (the section's name, or its last key).
ITEM_LISTS = {
    "stakeholders": ("stakeholders",), "teams": ("teams",), "objectives": ("objectives",), "systems": ("systems",),
    "objects": ("objects",), "flows": ("flows",), "processes": ("processes",), "features": ("features",),
    "nfr": ("nfr",), "migration": ("migration",), "purposes": ("rgpd", "purposes"),
    "phases": ("timeline", "phases"), "criteria": ("consultation", "criteria"), "demos": ("consultation", "demos"),
}


@dataclass(frozen=True)
class Definition:
    id: str
    kind: str            # a key of ITEM_LISTS
    label: str           # its name or title, else its id
    span: Span | None    # the id as written
    pos: Position        # the item (its first line)


@dataclass(frozen=True)
class Reference:
    id: str
    kinds: tuple[str, ...]
    span: Span | None
    key: Position        # the field's key, where E006 points


@dataclass
class IdIndex:
    """Definitions and references of one loaded spec."""

    definitions: dict[str, Definition] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    by_key: dict[Position, list[Reference]] = field(default_factory=dict)   # a field's key → its references

    def at(self, file: str, line: int, column: int) -> str | None:
        """The id under the 0-based character `column` of `line` of `file` (a definition or a reference)."""
        for reference in self.references:
            if reference.span and reference.span.holds(file, line, column):
                return reference.id
        for definition in self.definitions.values():
            if definition.span and definition.span.holds(file, line, column):
                return definition.id
        return None

    def reference_at(self, file: str, line: int, column: int) -> Reference | None:
        return next((r for r in self.references if r.span and r.span.holds(file, line, column)), None)

    def uses(self, id: str) -> list[Reference]:
        return [r for r in self.references if r.id == id]

    def ids_of(self, kinds) -> list[Definition]:
        return [d for d in self.definitions.values() if d.kind in kinds]

    def unknown_at(self, key: Position) -> list[Reference]:
        """The references of the field whose key is at `key` that name no item of their kinds (E006's)."""
        return [r for r in self.by_key.get(key, ())
                if r.id not in self.definitions or self.definitions[r.id].kind not in r.kinds]

    def add(self, reference: Reference) -> None:
        self.references.append(reference)
        self.by_key.setdefault(reference.key, []).append(reference)


def build_index(raw, lines_of) -> IdIndex:
    """The index of a merged raw tree (`Spec.raw`); `lines_of(file)` gives a file's lines by display path."""
    index = IdIndex()
    if not isinstance(raw, PosDict):
        return index
    for kind, path in ITEM_LISTS.items():
        for item in _items(raw, path):
            value = item.get("id")
            if not isinstance(value, str) or not value or value in index.definitions:
                continue   # a duplicate is E005: the first one is the definition, as for the model
            key = item.key_pos["id"]
            after_key = Position(key.file, key.line, key.column + len("id"))
            label = next((item[k] for k in ("name", "title", "statement") if isinstance(item.get(k), str)), value)
            index.definitions[value] = Definition(value, kind, label, value_span(lines_of(key.file), after_key, value),
                                                  item.pos if item.pos.file == key.file else key)
    for path, name, kinds in REFERENCE_FIELDS:
        for item in _items(raw, path):
            value = item.get(name)
            if isinstance(value, str):
                at = item.val_pos.get(name) or item.key_pos[name]
                index.add(Reference(value, kinds, value_span(lines_of(at.file), at, value), item.key_pos[name]))
            elif isinstance(value, PosList):
                for position, element in zip(value.item_pos, value):
                    if isinstance(element, str):
                        span = value_span(lines_of(position.file), position, element)
                        index.add(Reference(element, kinds, span, item.key_pos[name]))
    return index


def _items(raw: PosDict, path: tuple) -> list[PosDict]:
    """The mappings of the list at `path` (e.g. ("rgpd", "purposes")), whatever else is written there."""
    node = raw
    for key in path:
        node = node.get(key) if isinstance(node, PosDict) else None
    return [item for item in node if isinstance(item, PosDict)] if isinstance(node, PosList) else []
