"""The result of a run: findings, files read, and the exit code they mean (like black's Report)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    internal_errors: list = field(default_factory=list)   # plugins that failed to load: the run ends with 2
    baselined: int = 0     # findings a baseline knew, left out of `findings`

    @property
    def counts(self) -> dict:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def exit_code(self) -> int:
        if self.internal_errors or any(f.code == "X002" for f in self.findings):
            return 2
        return 1 if any(f.severity == "error" for f in self.findings) else 0
