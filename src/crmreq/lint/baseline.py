"""Baselines: adopt crmreq on an existing spec and only see new problems.

A baseline records today's findings by code + file + object id (the message stands in for
the id when a finding has none), never by line, so it survives edits that move lines.
Each key keeps a count: if the baseline knew two S004 findings on one object and three
appear, one is reported.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..errors import SaidError
from ..findings import Finding
from ..io import write_text_atomic

FORMAT_VERSION = 1


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.code, finding.file, finding.object if finding.object else f"message:{finding.message}")


def write_baseline(path: Path, findings: list[Finding]) -> int:
    counts = Counter(_key(f) for f in findings)
    entries = [
        {"code": code, "file": file, **({"object": anchor} if not anchor.startswith("message:") else
                                        {"message": anchor[len("message:"):]}), "count": count}
        for (code, file, anchor), count in sorted(counts.items())
    ]
    document = {"version": FORMAT_VERSION, "tool": "crmreq", "findings": entries}
    write_text_atomic(Path(path), json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return len(findings)


def read_baseline(path: Path) -> Counter:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SaidError(f"{path} : fichier de référence introuvable (créez-le avec --write-baseline)",
                        f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SaidError(f"{path} : pas un fichier de référence crmreq : {exc}",
                        f"{path}: not a crmreq baseline: {exc}") from None
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION or \
            not isinstance(document.get("findings"), list):
        raise SaidError(f"{path} : pas un fichier de référence crmreq (version {FORMAT_VERSION} attendue)",
                        f"{path}: not a crmreq baseline (version {FORMAT_VERSION} expected)")
    counts: Counter = Counter()
    for entry in document["findings"]:
        if not isinstance(entry, dict) or not {"code", "file"} <= set(entry):
            raise SaidError(f"{path} : entrée mal formée dans le fichier de référence : {entry!r}",
                            f"{path}: malformed baseline entry {entry!r}")
        anchor = entry.get("object") or f"message:{entry.get('message', '')}"
        counts[(entry["code"], entry["file"], anchor)] += int(entry.get("count", 1))
    return counts


def apply_baseline(findings: list[Finding], known: Counter) -> tuple[list[Finding], int]:
    """Drop findings the baseline knows; answer (new findings, how many were baselined)."""
    remaining = Counter(known)
    kept, hidden = [], 0
    for finding in findings:
        key = _key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
            hidden += 1
        else:
            kept.append(finding)
    return kept, hidden
