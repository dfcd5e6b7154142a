"""The typed, immutable model of a CRM specification.

The loader builds one `Spec` per spec; rules and exporters only ever read it. Every part
knows where it was written (`pos`: the list item or section; `where(field)`: a field's key,
or the part itself when the field is missing — the nearest parent a finding should point
at). Values are normalised once, by the loader (see `crmreq.values`): priorities are
`must/should/could/wont`, quantities are `Quantity`, durations `Duration`, deadlines
`Deadline`. The raw text is kept next to what was derived from it.

Missing and unknown are not the same. A value written empty or as a placeholder (`TBD`,
`à définir`) is missing: `has(name)` is False, `where(name)` still gives its key's line, where a
finding about it belongs. A value that failed the schema (E002)
is unknown: the model has the key (`has(name)`) but no reading of it (None, or no item); the
lint engine makes sure no rule reports an unknown value as missing or wrong (lint/causes.py).
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

from .positions import Position
from .values import Deadline, Duration, Quantity, fold

_EMPTY: Mapping[str, Position] = MappingProxyType({})


@dataclass(frozen=True)
class Part:
    """Common base: a piece of the spec with its position and its fields' positions."""

    pos: Position
    keys: Mapping[str, Position] = field(default_factory=lambda: _EMPTY, repr=False, compare=False)
    blank: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def where(self, name: str) -> Position:
        """Position of field `name` (its key, even written blank), or of this part when it is absent."""
        return self.keys.get(name, self.pos)

    def has(self, name: str) -> bool:
        """Whether a value is written for `name` (valid or not): a blank one (`owner:`, `TBD`) is missing."""
        return name in self.keys and name not in self.blank


@dataclass(frozen=True)
class Item(Part):
    """A list entry that can be referenced by id."""

    id: str = ""

    @property
    def label(self) -> str:
        return getattr(self, "name", None) or getattr(self, "title", None) or self.id


@dataclass(frozen=True)
class SourceFile:
    """One file of the spec: what crmreq read, for display (source lines) and reporting."""

    path: str            # display path, relative to the working directory
    absolute: str
    format: str          # "yaml" | "toml"
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project(Part):
    name: str | None = None
    company: str | None = None
    lang: str | None = None
    version: str | None = None
    date: _dt.date | None = None
    confidentiality: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Situation(Part):
    headcount: int | None = None
    sites: tuple[str, ...] = ()
    growth: str | None = None
    offer: str | None = None
    market: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Context(Part):
    history: str | None = None
    situation: Situation | None = None
    challenges: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stakeholder(Item):
    name: str | None = None
    role: str | None = None
    team: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Team(Item):
    name: str | None = None
    size: int | None = None
    mobile: bool | None = None
    responsibilities: tuple[str, ...] = ()
    current_tools: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    weaknesses: tuple[str, ...] = ()
    phase: str | None = None


@dataclass(frozen=True)
class Objective(Item):
    title: str | None = None
    pain: str | None = None
    metric: Quantity | None = None
    baseline: Quantity | None = None
    target: Quantity | None = None
    deadline: Deadline | None = None
    owner: str | None = None
    priority: str | None = None


@dataclass(frozen=True)
class System(Item):
    name: str | None = None
    kind: str | None = None
    hosting: str | None = None
    location: str | None = None
    interfaces: tuple[str, ...] = ()
    keep: bool | None = None
    owner: str | None = None


@dataclass(frozen=True)
class DataObject(Item):
    name: str | None = None
    personal_data: bool | None = None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Flow(Item):
    source: str | None = None        # `from` in the file
    target: str | None = None        # `to` in the file
    direction: str | None = None
    objects: tuple[str, ...] = ()
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    frequency: str | None = None
    mechanism: str | None = None
    trigger: str | None = None
    master: str | None = None

    @property
    def name(self) -> str:
        return f"{self.source or '?'} → {self.target or '?'}"


@dataclass(frozen=True)
class Process(Item):
    name: str | None = None
    teams: tuple[str, ...] = ()
    priority: str | None = None
    phase: str | None = None


@dataclass(frozen=True)
class Feature(Item):
    module: str | None = None
    title: str | None = None
    scenario: str | None = None
    teams: tuple[str, ...] = ()
    priority: str | None = None
    phase: str | None = None
    objectives: tuple[str, ...] = ()
    acceptance: str | None = None


@dataclass(frozen=True)
class Nfr(Item):
    category: str | None = None
    statement: str | None = None
    metric: Quantity | None = None
    priority: str | None = None

    @property
    def title(self) -> str | None:
        return self.statement


@dataclass(frozen=True)
class Purpose(Item):
    name: str | None = None
    legal_basis: str | None = None
    objects: tuple[str, ...] = ()
    retention: str | None = None


@dataclass(frozen=True)
class Consent(Part):
    """How consent is collected, proven and withdrawn; `text` when written as one sentence."""

    text: str | None = None
    stated: bool = False
    collection: str | None = None
    proof: str | None = None
    withdrawal: str | None = None


@dataclass(frozen=True)
class Transfer(Part):
    system: str | None = None
    country: str | None = None
    safeguard: str | None = None
    details: str | None = None


@dataclass(frozen=True)
class Rgpd(Part):
    data_location: str | None = None
    purposes: tuple[Purpose, ...] = ()
    consent: Consent | None = None
    rights: tuple[str, ...] = ()
    retention: Mapping[str, str] = field(default_factory=dict)
    retention_keys: Mapping[str, Position] = field(default_factory=dict, repr=False, compare=False)
    processor_agreement: bool | None = None
    dpo: str | None = None
    security_measures: tuple[str, ...] = ()
    breach_notification: str | None = None
    transfers_outside_eu: tuple[Transfer, ...] = ()
    transfers_stated: bool | None = None   # `transfers_outside_eu: false` says "none"; a text or list says something
    transfers_text: str | None = None      # when written as one sentence
    dpia: str | None = None                # whether an impact assessment is done, or why none is needed (art. 35)


@dataclass(frozen=True)
class MigrationSource(Item):
    name: str | None = None
    system: str | None = None
    format: str | None = None
    tables: tuple[str, ...] = ()
    volume: Quantity | None = None
    cleaning: str | None = None
    objects: tuple[str, ...] = ()


@dataclass(frozen=True)
class BudgetLine(Part):
    category: str | None = None
    label: str | None = None
    amount: float | None = None
    min: float | None = None
    max: float | None = None
    recurrence: str | None = None


@dataclass(frozen=True)
class Budget(Part):
    currency: str = "EUR"
    lines: tuple[BudgetLine, ...] = ()


@dataclass(frozen=True)
class Phase(Item):
    name: str | None = None
    duration: Duration | None = None
    duration_text: str | None = None
    start: _dt.date | None = None
    end: _dt.date | None = None
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Timeline(Part):
    go_live: _dt.date | None = None
    phases: tuple[Phase, ...] = ()


@dataclass(frozen=True)
class Criterion(Item):
    name: str | None = None
    weight: float | None = None
    eliminatory: bool | None = None
    measure: str | None = None     # how crmreq score marks it: matrix, price, demos or manual (None: not written)


@dataclass(frozen=True)
class Demo(Item):
    title: str | None = None
    steps: tuple[str, ...] = ()
    features: tuple[str, ...] = ()


@dataclass(frozen=True)
class Consultation(Part):
    deliverables: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    documents_unreadable: bool = False   # written as neither a list nor a text (E002 reports it)
    deadline: _dt.date | None = None
    criteria: tuple[Criterion, ...] = ()
    demos: tuple[Demo, ...] = ()


LIST_SECTIONS = (
    "stakeholders", "teams", "objectives", "systems", "objects", "flows",
    "processes", "features", "nfr", "migration",
)
MAPPING_SECTIONS = ("project", "context", "rgpd", "budget", "timeline", "consultation", "lint")

# The fields that name other items by id (PRODUCT §1): where the items are ("rgpd.purposes": the
# `purposes` of the `rgpd` section), the key in the file, the sections whose ids it may name,
# whether it holds a list of them. E006 checks them; the loader reads them for lint/causes.py.
REFERENCES = (
    ("stakeholders", "team", ("teams",), False),
    ("objectives", "owner", ("stakeholders", "teams"), False),
    ("systems", "owner", ("stakeholders", "teams"), False),
    ("flows", "from", ("systems",), False),
    ("flows", "to", ("systems",), False),
    ("flows", "master", ("systems",), False),
    ("flows", "objects", ("objects",), True),
    ("processes", "teams", ("teams",), True),
    ("features", "teams", ("teams",), True),
    ("features", "objectives", ("objectives",), True),
    ("migration", "system", ("systems",), False),
    ("migration", "objects", ("objects",), True),
    ("rgpd.purposes", "objects", ("objects",), True),
    ("rgpd.transfers_outside_eu", "system", ("systems",), False),
    ("consultation.demos", "features", ("features",), True),
)


class RequirementText(NamedTuple):
    """One requirement text of the spec: `folded` is `fold(text)`, the same length, so a match
    in it is quoted from `text` at the same offsets."""

    item: Any
    kind: str      # feature | nfr | objective
    field: str
    text: str      # NFC
    folded: str


_REQUIREMENT_FIELDS = (
    ("features", "feature", ("title", "scenario", "acceptance")),
    ("nfr", "nfr", ("statement",)),
    ("objectives", "objective", ("title", "metric")),
)


@dataclass(frozen=True)
class Spec:
    """A whole CRM specification, possibly spread over several files."""

    root: str                          # display path of the spec's directory
    entry: SourceFile
    files: tuple[SourceFile, ...]
    pos: Position                      # the entry file, line 1: where "missing section" findings go
    version: int | None = None
    project: Project | None = None
    context: Context | None = None
    stakeholders: tuple[Stakeholder, ...] = ()
    teams: tuple[Team, ...] = ()
    objectives: tuple[Objective, ...] = ()
    systems: tuple[System, ...] = ()
    objects: tuple[DataObject, ...] = ()
    flows: tuple[Flow, ...] = ()
    processes: tuple[Process, ...] = ()
    features: tuple[Feature, ...] = ()
    nfr: tuple[Nfr, ...] = ()
    rgpd: Rgpd | None = None
    migration: tuple[MigrationSource, ...] = ()
    budget: Budget | None = None
    timeline: Timeline | None = None
    consultation: Consultation | None = None
    section_pos: Mapping[str, Position] = field(default_factory=dict, repr=False, compare=False)
    extensions: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    raw: Any = field(default=None, repr=False, compare=False)

    # -- navigation helpers used by rules and exporters ------------------------------
    def where(self, section: str) -> Position:
        """Position of a top-level section, or of the entry file when it is absent."""
        return self.section_pos.get(section, self.pos)

    @property
    def lang(self) -> str:
        return (self.project.lang if self.project and self.project.lang else None) or "fr"

    def items(self):
        """Every identifiable item of the spec, in file order within each section."""
        for name in LIST_SECTIONS:
            yield from getattr(self, name)
        if self.rgpd:
            yield from self.rgpd.purposes
        if self.timeline:
            yield from self.timeline.phases
        if self.consultation:
            yield from self.consultation.criteria
            yield from self.consultation.demos

    @cached_property
    def requirement_texts(self) -> tuple["RequirementText", ...]:
        """Every requirement text (feature title, scenario and acceptance, NFR statement,
        objective title and metric), as written (NFC) and folded, in file order within each
        section; built on first use, once for every rule that reads wording."""
        texts = []
        for section, kind, fields in _REQUIREMENT_FIELDS:
            for item in getattr(self, section):
                for name in fields:
                    value = getattr(item, name, None)
                    if value is not None and not isinstance(value, str):
                        value = getattr(value, "text", None)    # a Quantity (objective metric)
                    if not isinstance(value, str) or not value.strip():
                        continue
                    value = unicodedata.normalize("NFC", value)
                    texts.append(RequirementText(item, kind, name, value, fold(value)))
        return tuple(texts)

    @cached_property
    def by_id(self) -> Mapping[str, Item]:
        """First item for each id (duplicates are E005); built on first use."""
        found: dict[str, Item] = {}
        for item in self.items():
            if item.id and item.id not in found:
                found[item.id] = item
        return found

    @property
    def phases_used(self) -> bool:
        return bool(self.timeline and self.timeline.phases) or any(f.phase for f in self.features)

    def first_phase_ids(self) -> set[str]:
        """Names that mean "phase 1": 1, "1", "phase 1", "P1", "lot 1", and the first timeline phase id."""
        names = {"1", "phase 1", "phase1", "p1", "lot 1", "lot1", "v1", "mvp", "release 1", "r1"}
        if self.timeline and self.timeline.phases:
            names.add(self.timeline.phases[0].id.lower())
        return names

    def is_first_phase(self, phase: str | None) -> bool:
        return phase is None or str(phase).strip().lower() in self.first_phase_ids()

    def extension(self, name: str):
        """A plugin's section (raw PosDict/PosList with positions), or None."""
        return self.extensions.get(name)
