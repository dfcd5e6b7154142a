"""One finding per cause: what the rules find because a value failed the schema or is a placeholder.

A value that failed the schema (E002) is unknown, not absent: it is neither missing nor wrong
for any other rule. Rules read the typed model, where such a value has no reading, so the
engine asks them a second time with a valid stand-in in its place (loader/stand_ins.py) and
keeps only what they find both times. A finding that depends on the value (`weight: "40%"`
makes the weights total 60; rights written in French make every right look missing) goes
away; one that holds whatever the value stays. Every rule gets this, built-in or plugin,
with nothing to change in it.

A blank value (`owner:`, `baseline: à définir`) is missing: rules report it. A third run, with
stand-ins for the blanks too, tells which findings they caused: those name the placeholder
(« (« à définir » n'est pas une valeur) »).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..findings import Finding


def _key(finding: Finding) -> tuple:
    return finding.code, finding.file, finding.line, finding.column, finding.object, finding.message


def keep_robust(found: dict, again: dict) -> tuple[dict, list[Finding]]:
    """The findings of `found` that `again` (the rules' findings with stand-ins) has too, by rule;
    and those left out. A rule `again` lacks, or that crashed on the stand-ins (None), keeps its findings."""
    kept, dropped = {}, []
    for code, findings in found.items():
        other = again.get(code)
        if other is None:
            kept[code] = findings
            continue
        shared = _also_in(findings, other)
        kept[code] = [f for f, both in zip(findings, shared) if both]
        dropped.extend(f for f, both in zip(findings, shared) if not both)
    return kept, dropped


def _also_in(findings: list[Finding], other: list[Finding]) -> list[bool]:
    """For each finding, whether `other` has it too; a finding of `other` answers for one only."""
    left = Counter(_key(f) for f in other)
    shared = []
    for finding in findings:
        key = _key(finding)
        shared.append(left[key] > 0)
        if left[key] > 0:
            left[key] -= 1
    return shared


def name_placeholders(found: dict, given: dict, blanks, lang: str) -> dict:
    """`found` with a note naming the placeholder behind each finding that `given` (the rules'
    findings with every blank filled) does not have: the finding is about that missing value."""
    named = {}
    for code, findings in found.items():
        other = given.get(code)
        if other is None:
            named[code] = findings
            continue
        named[code] = [finding if both else _named(finding, blanks, lang)
                       for finding, both in zip(findings, _also_in(findings, other))]
    return named


def _named(finding: Finding, blanks, lang: str) -> Finding:
    note = _note([b.text for b in behind(finding, blanks) if b.text], lang)
    return replace(finding, message=f"{finding.message} {note}") if note else finding


def behind(finding: Finding, blanks) -> list:
    """The blanks a finding is most likely about: those placed where it points (their key, their
    list, the part holding them), else any; narrowed to those its message names, when some are
    named, else kept only when there is one."""
    at = (finding.file, finding.line, finding.column)
    near = [b for b in blanks if any((p.file, p.line, p.column) == at for p in b.anchors)]
    candidates = near or list(blanks)
    named = [b for b in candidates if any(_names(word, finding.message) for word in b.names)]
    if named:
        return named
    return candidates if len(candidates) == 1 else []


def _names(word: str, message: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", message) is not None


def _note(texts: list[str], lang: str) -> str:
    texts = list(dict.fromkeys(texts))
    if not texts:
        return ""
    if lang == "fr":
        quoted = ", ".join(f"«\u00a0{text}\u00a0»" for text in texts)
        verb = "n'est pas une valeur" if len(texts) == 1 else "ne sont pas des valeurs"
        return f"({quoted} {verb})"
    quoted = ", ".join(f"\u201c{text}\u201d" for text in texts)
    return f"({quoted} is a placeholder, not a value)" if len(texts) == 1 else f"({quoted} are placeholders, not values)"
