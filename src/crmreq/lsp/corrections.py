""""Did you mean": what a finding's fix says to write instead, and the text it replaces.

The rules state a replacement in one stable form, documented for editors (rules/loading.py,
loader/schema_words.py): a fix that reads « remplacez par `VALUE` » / "replace with `VALUE`".
The text replaced is what is written where the finding points: an unknown id (E006, matched to
the references of its field in file order, the order the rule reports them), an unknown key, or
the value of a field, or a list element."""

from __future__ import annotations

import re

from ..findings import Finding
from ..positions import Position
from .cursor import toml_key_at, yaml_key_at
from .locations import Span
from .specs import SpecRun

_REPLACE = re.compile(r"^\s*(?:replace with|remplacez par)\s+`([^`]+)`", re.IGNORECASE)
_YAML_KEY = re.compile(r"""(?P<q>["']?)[^\s:"'#]+(?P=q)[ \t]*:(?=\s|$)""")
_TOML_KEY = re.compile(r"""(?P<q>["']?)[\w.\-]+(?P=q)[ \t]*=""")
_SCALAR = re.compile(r"""\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<plain>[^\s,\[\]{}#"'][^,\[\]{}#]*?))\s*(?:[,\]}#]|$)""")


def replacement(finding: Finding) -> str | None:
    """The VALUE of a fix that says « remplacez par `VALUE` » / "replace with `VALUE`"."""
    match = _REPLACE.match(finding.fix or "")
    return match.group(1) if match else None


def corrections_of(run: SpecRun) -> dict[int, tuple[Span, str]]:
    """For each finding (by its number in the report) that says what to write instead: the span
    of the text to replace and the text to write."""
    found = {}
    references = _unknown_references(run)
    for number, finding in enumerate(run.report.findings):
        meant = replacement(finding)
        if meant is None:
            continue
        span = references.get(number) if finding.code == "E006" else _written_at(run, finding)
        if span is not None:
            found[number] = (span, meant)
    return found


def _unknown_references(run: SpecRun) -> dict[int, Span]:
    """E006 findings matched to the unknown ids of their field, in file order."""
    by_key: dict[Position, list[int]] = {}
    for number, finding in enumerate(run.report.findings):
        if finding.code == "E006":
            by_key.setdefault(Position(finding.file, finding.line, finding.column), []).append(number)
    spans = {}
    for key, numbers in by_key.items():
        unknown = run.index.unknown_at(key)
        if len(unknown) == len(numbers):
            spans.update((number, reference.span) for number, reference in zip(numbers, unknown) if reference.span)
    return spans


def _written_at(run: SpecRun, finding: Finding) -> Span | None:
    """What the finding points at: a key the schema does not know, else the key's one-line value,
    else the scalar written there (a list element)."""
    lines = run.lines(finding.file)
    if not 0 < finding.line <= len(lines):
        return None
    text, column = lines[finding.line - 1], finding.column - 1
    toml = finding.file.lower().endswith(".toml")
    key = (_TOML_KEY if toml else _YAML_KEY).match(text, column)
    if key is None:
        return _scalar(finding.file, finding.line, text, column)
    guide = run.prepared.guide
    at = toml_key_at(lines, finding.line - 1, column, guide.is_list) if toml else yaml_key_at(lines, finding.line - 1, column)
    if at is not None and at.path[-1] not in guide.keys(at.path[:-1]):
        return Span(finding.file, finding.line, at.start, at.end)
    if at is None:   # a key the cursor cannot place (inside a flow mapping): a key's fix names a key
        written = key.group().rstrip(":= \t").strip("\"'")
        if written not in guide.all_keys() and replacement(finding) in guide.all_keys():
            start = column + (1 if key.group("q") else 0)
            return Span(finding.file, finding.line, start, start + len(written))
    return _scalar(finding.file, finding.line, text, key.end())


def _scalar(file: str, line: int, text: str, column: int) -> Span | None:
    """The one-line scalar starting at `column` (inside its quotes), or None (a list, a mapping, a block)."""
    match = _SCALAR.match(text, column)
    if not match:
        return None
    group = next(name for name in ("double", "single", "plain") if match.group(name) is not None)
    return Span(file, line, match.start(group), match.end(group)) if match.group(group) else None
