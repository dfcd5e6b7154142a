"""What `crmreq score` computes, as plain data: read by every score output (text, json, md, xlsx, docx).

The scorer (`crmreq.score.scoring`) fills these from the spec, the vendors' response files and the
evaluation file; the outputs only read them. Figures are kept unrounded; outputs round when they print.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding

# The six levels of the response scale, in the matrix's order (labels: export/labels.toml).
LEVELS = ("standard", "configuration", "third_party", "custom", "roadmap", "not_supported")


@dataclass(frozen=True)
class Requirement:
    """One row of the matrix as the spec defines it today."""

    id: str
    section: str          # feature | nfr | rgpd
    module: str           # a feature's module, an NFR's category, "" for RGPD rows
    title: str
    priority: str         # must | should | could | wont | ""
    weight: float         # the priority's weight (score.weights), 0 for wont


@dataclass(frozen=True)
class Answer:
    """One vendor's answer to one requirement, as read and as scored."""

    requirement: str      # requirement id
    level: str | None     # one of LEVELS; None when unanswered or unreadable
    comment: str = ""
    cost: float | None = None
    roadmap_date: str | None = None     # ISO date found for a roadmap answer
    score: float = 0.0                  # 0..4 once the scale and the `unanswered` option are applied
    note: str = ""                      # how the score was obtained, when not plain (unanswered, late roadmap…)


@dataclass(frozen=True)
class Criterion:
    """A selection criterion of the spec's consultation section."""

    id: str
    name: str
    weight: float         # percent
    eliminatory: bool
    measure: str          # matrix | price | demos | manual


@dataclass
class Coverage:
    """Σ w × score / Σ w × 4, in percent, overall and by section and module."""

    overall: float = 0.0
    sections: dict[str, float] = field(default_factory=dict)   # feature / nfr / rgpd → %
    modules: dict[str, float] = field(default_factory=dict)    # module → %


@dataclass
class Offer:
    """One vendor's offer, scored."""

    vendor: str                       # the vendor id (evaluation file, else the response file's stem)
    name: str                         # the vendor's name (evaluation file, matrix, else the id)
    response_file: str                # as shown in findings (relative to the current directory)
    answers: dict[str, Answer] = field(default_factory=dict)    # requirement id → answer
    marks: dict[str, float | None] = field(default_factory=dict)  # criterion id → mark out of 10 (None: not marked)
    mark_notes: dict[str, str] = field(default_factory=dict)    # criterion id → how the mark was computed
    coverage: Coverage = field(default_factory=Coverage)
    price: float | None = None
    currency: str = ""
    total: float = 0.0                # Σ weight × mark / 10, out of 100
    eliminated: bool = False
    reasons: list[str] = field(default_factory=list)            # why eliminated, in the report's language
    rank: int | None = None           # 1-based; None when eliminated; equal totals share a rank
    response_date: str = ""           # the date the vendor wrote in its matrix (ISO when it is a date), if any


@dataclass(frozen=True)
class Robustness:
    """How far the first two offers are from swapping places."""

    first: str | None                 # vendor ids, None when fewer than two ranked offers
    second: str | None
    gap: float = 0.0                  # difference of totals, points out of 100
    criterion: str | None = None      # the criterion whose weight change swaps them with the smallest change
    change: float | None = None       # that change, in weight points (signed: + raise, − lower)
    note: str = ""                    # the sentence the outputs print, in the report's language


@dataclass
class ScoreResult:
    """Everything one `crmreq score` run found; outputs render it, `exit_code` decides the exit."""

    lang: str
    spec_name: str
    requirements: list[Requirement]
    criteria: list[Criterion]
    offers: list[Offer]               # sorted by rank, equal ranks by vendor id, eliminated ones last
    robustness: Robustness
    findings: list[Finding] = field(default_factory=list)     # the R findings (and E findings of the evaluation file)
    settings: dict = field(default_factory=dict)   # the scale scores, priority weights and `unanswered` used
    sources: dict = field(default_factory=dict)    # file → its lines, for reporters that quote a finding's line
    date: _dt.date | None = None      # the spec's project.date: the reports' document date, never "now"
    files_read: tuple = ()            # the spec's files, the evaluation, the responses: never written over

    @property
    def stamp(self) -> _dt.datetime:
        """The date the Word and Excel reports carry (1980-01-01, a ZIP file's first, without one)."""
        return _dt.datetime.combine(self.date, _dt.time()) if self.date else _dt.datetime(1980, 1, 1)

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity == "error" for f in self.findings) else 0


def chart_path(report: Path) -> Path:
    """Where the chart of the Markdown report at `report` goes: beside it, named after it (here, not
    in report_md, so that the CLI can name it without importing matplotlib)."""
    return report.with_name(f"{report.stem}-chart.png")
