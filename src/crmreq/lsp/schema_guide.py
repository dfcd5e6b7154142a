"""What the JSON Schema says at a key path: the keys a mapping may hold, a field's description
and its allowed values. The same schema editors get from `crmreq schema`, plugins' sections included."""

from __future__ import annotations

from ..values.priorities import parse_priority


class SchemaGuide:
    """Looks up a key path such as ("features", "*", "priority") ("*": an item of a list)."""

    def __init__(self, schema: dict):
        self.root = {"type": "object", "properties": schema.get("properties", {})}
        self._all_keys: frozenset[str] | None = None

    def all_keys(self) -> frozenset[str]:
        """Every key name the schema has, at any depth."""
        if self._all_keys is None:
            names, stack = set(), [self.root]
            while stack:
                node = stack.pop()
                if not isinstance(node, dict):
                    continue
                names.update(node.get("properties", {}))
                stack.extend(node.get("properties", {}).values())
                stack.extend(node[k] for k in ("items", "additionalProperties") if isinstance(node.get(k), dict))
                stack.extend(node.get("anyOf", ()))
            self._all_keys = frozenset(names)
        return self._all_keys

    def node(self, path) -> dict | None:
        node = self.root
        for step in path:
            if not isinstance(node, dict):
                return None
            if step == "*":
                node = node.get("items")
            elif step in node.get("properties", {}):
                node = node["properties"][step]
            elif isinstance(node.get("additionalProperties"), dict):   # keys that are data: rgpd.retention
                node = node["additionalProperties"]
            else:
                return None
        return node if isinstance(node, dict) else None

    def keys(self, path) -> dict[str, dict]:
        """The keys the mapping at `path` may hold, with their schema."""
        node = self.node(path) or {}
        return dict(node.get("properties", {}))

    def is_list(self, path) -> bool:
        return _has_type(self.node(path), "array")

    def is_mapping(self, path) -> bool:
        return _has_type(self.node(path), "object")

    def holds_mappings(self, path) -> bool:
        """Whether the list at `path` holds mappings (features), not plain values (teams: [ventes])."""
        return _has_type(self.node((*path, "*")), "object")

    def description(self, path) -> str | None:
        return (self.node(path) or {}).get("description")

    def values(self, path) -> list[tuple[str, str | None]]:
        """The values a field (or each element of a list field) may take, each with a note:
        the priority a French word stands for ("indispensable" → must)."""
        node = self.node(path) or {}
        if _has_type(node, "array"):
            node = node.get("items") or {}
        names = list(node.get("enum", ()))
        for alternative in node.get("anyOf", ()):
            names.extend(alternative.get("enum", ()))
        if not names and _has_type(node, "boolean"):
            names = ["true", "false"]
        return [(str(name), _meaning(path, str(name))) for name in dict.fromkeys(names)]


def _has_type(node, name: str) -> bool:
    kind = (node or {}).get("type")
    return kind == name or (isinstance(kind, list) and name in kind)


def _meaning(path, name: str) -> str | None:
    if path and path[-1] == "priority":
        meant = parse_priority(name)
        return meant if meant and meant != name else None
    return None

