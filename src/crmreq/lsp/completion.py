"""Completion at the cursor: the keys the schema allows in the mapping being written, the values
of a field with a fixed list (priorities with their French words), and the ids of the right kind
in a field that names other items (`owner`, `teams`, `from`, `objectives`…)."""

from __future__ import annotations

from lsprotocol import types

from .cursor import toml_cursor, yaml_cursor
from .locations import to_client
from .navigation import KINDS_AT
from .specs import SpecRun


def completions(run: SpecRun, is_toml: bool, lines, line: int, column: int, codec,
                ids: SpecRun | None = None) -> list[types.CompletionItem]:
    """The completion items at 0-based `line` and character `column` of a text with `lines`; the ids
    offered are those of `ids` (a run that read every file) when given."""
    guide = run.prepared.guide
    if is_toml:
        cursor = toml_cursor(lines, line, column, guide.is_list)
    else:
        cursor = yaml_cursor(lines, line, column, guide.holds_mappings)
    if cursor is None:
        return []
    typed = lines[line][cursor.start:column] if 0 <= line < len(lines) else ""
    if any(closing in typed for closing in ']}"\','):
        return []   # the cursor is past a value already closed (`teams: [sales]|`): nothing to replace
    edit_range = types.Range(start=to_client(codec, lines, line + 1, cursor.start),
                             end=to_client(codec, lines, line + 1, column))
    if cursor.key is None:
        keys = guide.keys(cursor.path)
        if cursor.header == "[[":      # an array of tables: the lists of mappings only (features, not project)
            keys = {name: node for name, node in keys.items() if guide.holds_mappings((*cursor.path, name))}
        elif cursor.header == "[":     # a table: the mappings only
            keys = {name: node for name, node in keys.items() if guide.is_mapping((*cursor.path, name))}
        return [_item(name, types.CompletionItemKind.Field, node.get("description"), None, name, edit_range)
                for name, node in keys.items()]
    quote = is_toml and not cursor.quoted
    kinds = KINDS_AT.get((*cursor.path, cursor.key))
    if kinds:
        return [_item(d.id, types.CompletionItemKind.Reference, f"{d.pos.file}:{d.pos.line}",
                      d.label if d.label != d.id else None, _quoted(d.id, quote), edit_range)
                for d in (ids or run).index.ids_of(kinds)]
    path = (*cursor.path, cursor.key)
    return [_item(name, types.CompletionItemKind.EnumMember, None, meaning,
                  _quoted(name, quote and name not in ("true", "false")), edit_range)
            for name, meaning in guide.values(path)]


def _quoted(value: str, quote: bool) -> str:
    return f'"{value}"' if quote else value


def _item(label: str, kind, documentation: str | None, detail: str | None, text: str,
          edit_range: types.Range) -> types.CompletionItem:
    return types.CompletionItem(label=label, kind=kind, detail=detail, documentation=documentation,
                                filter_text=label, text_edit=types.TextEdit(range=edit_range, new_text=text))

