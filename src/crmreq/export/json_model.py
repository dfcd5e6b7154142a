"""The normalised model as JSON, for other tools (`crmreq export json`).

Shape: one object, `{"version": 1, "crmreq": <format version>, "lang": …, "sources": [...],
"project": {...}, "context": {...}, "stakeholders": [...], …, "extensions": {...}}`.

- Sections and fields come in the order of `crmreq.model` (the order of the format's
  documentation), list items in file order; the order never depends on the machine, so the
  same spec always gives the same bytes. No timestamp is written.
- Keys are the spec's own keys (a flow's ends are `from` and `to`, as in the file). Every
  field of the model is present, `null` or `[]` when the spec leaves it out, so tools can
  rely on the shape.
- Values are normalised: priorities are `must`/`should`/`could`/`wont`; dates are ISO
  (`2027-09-01`); a quantity is `{"value", "unit", "text", "percentile", "upper",
  "comparator"}`, a duration `{"min_days", "max_days", "text"}`, a deadline `{"kind",
  "text", "date", "offset_days", "offset_months", "anchor", …, "resolved"}` where
  `resolved` is the calendar date once go-live (or the named phase's written end) is known,
  or `null`. An objective's `metric` names a KPI: it stays text. The raw text is always kept.
- Positions: every item that has an `id` carries `"source": {"file", "line", "column"}`,
  the file relative to the spec's directory (not to where crmreq ran, so the output does
  not depend on the working directory). Positions of individual fields are left out.
- `sources` lists the spec's files, relative to its directory, in reading order;
  `extensions` holds plugin sections and `x-` keys as plain JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import math
import os
from pathlib import Path
from typing import Any, Mapping

from .sanitize import clean_text

FORMAT_VERSION = 1

# model field → JSON key, where the file's key is not a valid Python name
_RENAMED = {"source": "from", "target": "to"}
# Not the spec's content: where things are (`pos`, and every field declared `compare=False`:
# key positions, keys written without a value) and how a section was read.
_SKIPPED = {"pos", "documents_unreadable"}
_SPEC_SECTIONS = ("project", "context", "stakeholders", "teams", "objectives", "systems", "objects", "flows",
                  "processes", "features", "nfr", "rgpd", "migration", "budget", "timeline", "consultation")


class _Encoder:
    def __init__(self, spec):
        self.spec = spec
        self.root = Path(spec.entry.absolute).parent if spec.entry and spec.entry.absolute else None
        self.absolute = {f.path: f.absolute for f in spec.files}
        self.go_live = spec.timeline.go_live if spec.timeline else None
        self.phases = spec.timeline.phases if spec.timeline else ()

    def relative(self, display: str) -> str:
        absolute = self.absolute.get(display)
        if absolute and self.root is not None:
            try:
                return Path(os.path.relpath(absolute, self.root)).as_posix()
            except ValueError:      # another drive on Windows
                pass
        return Path(display).name

    def value(self, value: Any) -> Any:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            return clean_text(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if not math.isfinite(value):
                return None
            return int(value) if value.is_integer() and abs(value) < 2**53 else value
        if isinstance(value, _dt.datetime):
            return value.isoformat()
        if isinstance(value, _dt.date):
            return value.isoformat()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self.part(value)
        if isinstance(value, Mapping):
            return {clean_text(str(k)): self.value(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.value(v) for v in value]
        return clean_text(str(value))

    def part(self, part) -> dict:
        data: dict[str, Any] = {}
        names = [f.name for f in dataclasses.fields(part) if f.compare]
        if "id" in names:                      # the id first, then the fields in model order
            names.remove("id")
            names.insert(0, "id")
        for name in names:
            if name in _SKIPPED:
                continue
            value = getattr(part, name)
            if name == "metric" and type(part).__name__ == "Objective":
                value = getattr(value, "text", value)     # a KPI's name, never a quantity
            data[_RENAMED.get(name, name) if _is_flow(part) else name] = self.value(value)
        if type(part).__name__ == "Deadline" and hasattr(part, "resolve"):
            try:
                resolved = part.resolve(self.go_live, self.phases)
            except Exception:   # a value that cannot be resolved is simply not resolved
                resolved = None
            data["resolved"] = resolved.isoformat() if resolved else None
        if "id" in names and getattr(part, "pos", None) is not None:
            pos = part.pos
            data["source"] = {"file": self.relative(pos.file), "line": pos.line, "column": pos.column}
        return data


def _is_flow(part) -> bool:
    return type(part).__name__ == "Flow"


def model_dict(spec) -> dict:
    """The normalised model as plain JSON-ready data (also handy for tests and plugins)."""
    encoder = _Encoder(spec)
    data: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "crmreq": spec.version,
        "lang": spec.lang,
        "sources": [encoder.relative(f.path) for f in spec.files],
    }
    for section in _SPEC_SECTIONS:
        data[section] = encoder.value(getattr(spec, section))
    data["extensions"] = {clean_text(str(k)): _plain(v) for k, v in (spec.extensions or {}).items()}
    return data


def _plain(value):
    """A plugin section (PosDict/PosList with positions) as plain JSON values."""
    if isinstance(value, Mapping):
        return {clean_text(str(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return clean_text(str(value))


def render_json(spec) -> str:
    return json.dumps(model_dict(spec), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write_json(spec, path, options=None) -> None:
    Path(path).write_text(render_json(spec), encoding="utf-8", newline="\n")
