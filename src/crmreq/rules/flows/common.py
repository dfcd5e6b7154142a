"""What the flow rules share: their rule set, the CRM systems, and how flows are followed."""

from __future__ import annotations

from ...authoring import RuleSet

rules = RuleSet("flows")


def crm_ids(spec) -> set[str]:
    return {s.id for s in spec.systems if s.id and s.kind == "crm"}


def carries(flow, obj: str | None) -> bool:
    """Whether a flow carries object `obj` (None: any object). A flow that lists no objects is
    F002's finding; it is not held against the other rules (it may carry anything)."""
    listed = [o for o in flow.objects if o]
    return obj is None or not listed or obj in listed


def downstream(spec, start: set[str], obj: str | None = None) -> set[str]:
    """The systems data can reach from `start` by following flows in their direction (both ways
    for a two-way flow or one whose direction is not stated), every flow carrying `obj`."""
    edges: dict[str, set[str]] = {}
    for flow in spec.flows:
        if not (flow.source and flow.target) or not carries(flow, obj):
            continue
        edges.setdefault(flow.source, set()).add(flow.target)
        if flow.direction != "one_way":
            edges.setdefault(flow.target, set()).add(flow.source)
    seen = set(start)
    todo = list(start)
    while todo:
        for other in edges.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen
