"""The cahier des charges as a neutral outline: the one structure the DOCX and Markdown share.

`outline(spec, lang)` reads the `Spec` and answers a list of blocks (cover, table of
contents, numbered headings, paragraphs, bullet lists, tables, figures, annex). The Word
writer (`word.py`) and the Markdown writer (`markdown.py`) only lay these blocks out, so
both documents have the same chapters in the same order with the same numbers, tables
and "Non renseigné" lines.

Every piece of user text goes through `clean_text` (no XML-illegal characters) and, in
French, through `typography.punctuate` (no-break spaces before « : ; ! ? % »). Nothing
here imports python-docx or matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import labels as L
from . import typography as T
from .matrix import RESPONSE_SCALE, matrix_rows
from .sanitize import clean_text
from .schedule import schedule
from .systems_graph import short_name

# =====================================================================================
# Blocks
# =====================================================================================


@dataclass(frozen=True)
class Span:
    """A run of text. `tone`: None, "muted", "accent", "danger", or a priority (must/should/could/wont)."""

    text: str
    b: bool = False
    i: bool = False
    tone: str | None = None


Paragraph = tuple  # tuple[Span, ...]
Cell = tuple       # tuple[Paragraph, ...]


@dataclass(frozen=True)
class Cover:
    company: str
    title: str
    subtitle: str
    project: str
    meta: tuple            # ((label, value), ...)
    confidentiality: str
    note: str


@dataclass(frozen=True)
class Toc:
    title: str


@dataclass
class Heading:
    level: int
    text: str
    key: str = ""
    numbered: bool = True
    number: str = ""        # "5.2" (filled by the outline; "" for unnumbered headings)


@dataclass(frozen=True)
class Para:
    spans: Paragraph
    style: str = "body"     # body | muted | lead | note | label | keep (stays with what follows)


@dataclass(frozen=True)
class Bullets:
    items: tuple            # tuple[Paragraph, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Row:
    cells: tuple            # tuple[Cell, ...]
    total: bool = False


@dataclass(frozen=True)
class Table:
    headers: tuple          # tuple[str, ...]; empty for a key/value table
    rows: tuple             # tuple[Row, ...]
    widths: tuple           # cm, summing to the text width of the section
    align: tuple = ()       # "l" | "r" | "c" per column
    small: bool = False     # smaller font (the annex matrix)
    kind: str = "grid"      # grid | keyvalue
    key: str = ""


@dataclass(frozen=True)
class Figure:
    kind: str               # systems | gantt
    number: int
    caption: str
    note: str = ""


@dataclass(frozen=True)
class SectionBreak:
    landscape: bool = False


@dataclass
class Outline:
    lang: str
    title: str                        # document title (core properties, Markdown title)
    company: str
    project: str
    running: str                      # "[Company] – [Project] – [confidentiality]"
    footer: str                       # "Cahier des charges – version 1.3 – 15 novembre 2026"
    blocks: list = field(default_factory=list)

    def headings(self):
        return [b for b in self.blocks if isinstance(b, Heading)]


PORTRAIT_WIDTH = 17.0     # cm: A4 with 2 cm margins
LANDSCAPE_WIDTH = 25.7


# =====================================================================================
# Helpers
# =====================================================================================



class _Text:
    """Text helpers bound to one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.t = L.text(lang)

    def __call__(self, value) -> str:
        """User text: cleaned, French punctuation in French."""
        return T.punctuate(clean_text(value).strip(), self.lang)

    def label(self, key: str) -> str:
        return T.punctuate(self.t[key], self.lang)

    def colon(self, key: str) -> str:
        return T.label(self.t[key], self.lang) + " "

    def quantity(self, q) -> str:
        return T.punctuate(T.quantity(q, self.lang), self.lang)

    def deadline(self, d, go_live) -> str:
        if d is None:
            return ""
        if d.kind == "absolute" and d.date:
            return T.date(d.date, self.lang)
        text = self(d.text)
        resolved = d.resolve(go_live)
        if resolved:
            return f"{text} (soit le {T.date(resolved, 'fr')})" if self.lang == "fr" else \
                f"{text} (i.e. {T.date(resolved, 'en')})"
        return text


def P(*spans) -> Paragraph:
    """A paragraph from strings and Spans."""
    return tuple(s if isinstance(s, Span) else Span(s) for s in spans if s != "")


def C(*paragraphs) -> Cell:
    """A table cell from strings, Spans or paragraphs."""
    out = []
    for p in paragraphs:
        if isinstance(p, tuple):
            out.append(p)
        elif isinstance(p, Span):
            out.append((p,))
        elif p is not None and p != "":
            out.append((Span(str(p)),))
    return tuple(out) or ((Span(""),),)


def _lines(values) -> Cell:
    return tuple((Span(v),) for v in values if v) or ((Span(""),),)


# =====================================================================================
# The outline
# =====================================================================================


class _Builder:
    def __init__(self, spec, lang: str):
        self.spec = spec
        self.lang = "en" if lang == "en" else "fr"
        self.x = _Text(self.lang)
        self.t = self.x.t
        self.blocks: list = []
        self.numbers = [0, 0, 0]
        self.figures = 0
        self.team_names = {t.id: self.x(short_name(t.name or t.id)) for t in spec.teams}
        # References to systems and objects use their short names ("Futur CRM" for "Futur CRM
        # (solution retenue …)"); the full names are in the systems and objects tables.
        self.system_names = {s.id: self.x(short_name(s.name or s.id)) for s in spec.systems}
        self.object_names = {o.id: self.x(short_name(o.name or o.id)) for o in spec.objects}
        self.people = {s.id: self.x(s.name or s.id) for s in spec.stakeholders}
        self.feature_titles = {f.id: self.x(f.title or f.id) for f in spec.features}
        self.go_live = spec.timeline.go_live if spec.timeline else None

    # -- primitives -------------------------------------------------------------------
    def add(self, block):
        self.blocks.append(block)
        return block

    def heading(self, level: int, text: str, key: str = "", numbered: bool = True):
        number = ""
        if numbered:
            self.numbers[level - 1] += 1
            for i in range(level, 3):
                self.numbers[i] = 0
            number = ".".join(str(n) for n in self.numbers[:level])
        return self.add(Heading(level, text, key, numbered, number))

    def para(self, *spans, style: str = "body"):
        spans = P(*spans)
        if spans:
            self.add(Para(spans, style))

    def not_specified(self):
        self.add(Para((Span(self.t["not_specified"], i=True, tone="muted"),), "muted"))

    def bullets(self, items, ordered: bool = False):
        items = tuple(P(i) if not isinstance(i, tuple) else i for i in items if i)
        if items:
            self.add(Bullets(items, ordered))

    def table(self, headers, rows, widths, align=(), small=False, key="", kind="grid"):
        self.add(Table(tuple(headers), tuple(rows), tuple(widths), tuple(align), small, kind, key))

    def kv(self, pairs, key=""):
        rows = tuple(Row((C(Span(k, b=True)), v if isinstance(v, tuple) else C(v))) for k, v in pairs
                     if v not in (None, "", ()))
        if rows:
            self.table((), rows, (4.6, PORTRAIT_WIDTH - 4.6), key=key, kind="keyvalue")
            return True
        return False

    def priority(self, value) -> Span:
        if not value:
            return Span("")
        return Span(L.enum("priority", value, self.lang), tone=value)

    def teams(self, ids) -> str:
        return ", ".join(self.team_names.get(i, self.x(i)) for i in ids)

    # -- document ---------------------------------------------------------------------
    def build(self) -> Outline:
        spec, t, x = self.spec, self.t, self.x
        project = spec.project
        company = x(project.company) if project and project.company else ""
        name = x(project.name) if project and project.name else ""
        confidentiality = x(project.confidentiality) if project and project.confidentiality else ""
        version = x(project.version) if project and project.version else ""
        date = T.date(project.date, self.lang) if project and project.date else ""

        meta = []
        if version:
            meta.append((self.x.label("version"), version))
        if date:
            meta.append((self.x.label("date"), date))
        if project and project.authors:
            meta.append((self.x.label("authors"), "\n".join(x(a) for a in project.authors)))
        if confidentiality:
            meta.append((self.x.label("confidentiality"), confidentiality))
        self.add(Cover(company, self.x.label("doc_title"), self.x.label("doc_subtitle"), name, tuple(meta),
                       confidentiality, self.x.label("generated")))
        self.add(Toc(self.x.label("toc")))

        self.context()
        self.objectives()
        self.information_system()
        self.scope()
        self.needs()
        self.project_plan()
        self.annex()

        running = " – ".join(p for p in (company, name, confidentiality) if p)
        footer_bits = [self.x.label("doc_title")]
        if version:
            footer_bits.append(f"{t['version'].lower() if self.lang == 'fr' else 'version'} {version}")
        if date:
            footer_bits.append(date)
        title = " – ".join(p for p in (self.x.label("doc_title"), name) if p)
        return Outline(self.lang, title, company, name, running, " – ".join(footer_bits), self.blocks)

    # -- 1 Contexte -------------------------------------------------------------------
    def context(self):
        spec, t, x = self.spec, self.t, self.x
        s = L.sections(self.lang)
        self.heading(1, s["context"], "context")
        company = x(spec.project.company) if spec.project and spec.project.company else \
            ("l'entreprise" if self.lang == "fr" else "the company")
        self.heading(2, self.x.label("purpose"), "purpose")
        self.para(T.punctuate(t["purpose_text"].format(company=company), self.lang))
        consultation = spec.consultation
        if consultation and consultation.deadline:
            self.para(Span(self.x.colon("offer_deadline"), b=True), Span(T.date(consultation.deadline, self.lang)))

        ctx = spec.context
        self.heading(2, self.x.label("history"), "history")
        if ctx and ctx.history:
            for chunk in clean_text(ctx.history).split("\n\n"):
                self.para(x(chunk))
        else:
            self.not_specified()

        self.heading(2, self.x.label("situation"), "situation")
        sit = ctx.situation if ctx else None
        shown = False
        if sit:
            pairs = []
            if sit.headcount is not None:
                unit = " salariés" if self.lang == "fr" else " employees"
                pairs.append((self.x.label("headcount"), T.number(sit.headcount, self.lang) + unit))
            if sit.sites:
                pairs.append((self.x.label("sites"), _lines(x(s_) for s_ in sit.sites)))
            for key in ("growth", "offer", "market", "notes"):
                value = getattr(sit, key)
                if value:
                    pairs.append((self.x.label(key), x(value)))
            shown = self.kv(pairs, key="situation")
        if not shown:
            self.not_specified()

        self.heading(2, self.x.label("challenges"), "challenges")
        if ctx and ctx.challenges:
            self.bullets([x(c) for c in ctx.challenges])
        else:
            self.not_specified()

    # -- 2 Objectifs ------------------------------------------------------------------
    def objectives(self):
        spec, x = self.spec, self.x
        s = L.sections(self.lang)
        self.heading(1, s["objectives"], "objectives")
        self.heading(2, self.x.label("smart"), "smart")
        if spec.objectives:
            self.para(self.x.label("smart_intro"), style="lead")
            rows = []
            for o in spec.objectives:
                first = C(P(Span(o.id, b=True, tone="accent"), Span(" " + x(o.title) if o.title else "", b=True)),
                          P(Span(x(o.pain), i=True, tone="muted")) if o.pain else None)
                owner = self.people.get(o.owner, x(o.owner)) if o.owner else ""
                rows.append(Row((first, C(x.quantity(o.metric)), C(x.quantity(o.baseline)),
                                 C(x.quantity(o.target)), C(x.deadline(o.deadline, self.go_live)), C(owner),
                                 C(self.priority(o.priority)))))
            self.table([self.x.label(k) for k in ("objective", "metric", "baseline", "target", "deadline",
                                                  "owner", "priority")],
                       rows, (4.3, 2.5, 1.7, 1.7, 2.5, 2.0, 2.3), key="smart")
        else:
            self.not_specified()

        self.heading(2, self.x.label("teams_concerned"), "teams")
        if spec.teams:
            rows = []
            for team in spec.teams:
                rows.append(Row((C(Span(x(team.name or team.id), b=True)),
                                 C(T.number(team.size, self.lang) if team.size is not None else ""),
                                 C(L.yes_no(team.mobile, self.lang)),
                                 C(", ".join(x(v) for v in team.current_tools)),
                                 C(x(team.phase) if team.phase else ""))))
            self.table([self.x.label(k) for k in ("team", "size", "mobile", "current_tools", "phase")],
                       rows, (4.6, 2.0, 1.8, 6.6, 2.0), align=("l", "r", "c", "l", "c"), key="teams")
        else:
            self.not_specified()

        self.heading(2, self.x.label("stakeholders"), "stakeholders")
        if spec.stakeholders:
            rows = [Row((C(Span(x(p.name or p.id), b=True)), C(x(p.role) if p.role else ""),
                         C(self.team_names.get(p.team, x(p.team)) if p.team else ""),
                         C(clean_text(p.email) if p.email else "")))
                    for p in spec.stakeholders]
            self.table([self.x.label(k) for k in ("name", "role", "team", "email")], rows,
                       (4.0, 5.0, 3.5, 4.5), key="stakeholders")
        else:
            self.not_specified()

    # -- 3 Système d'information ------------------------------------------------------
    def information_system(self):
        spec, x = self.spec, self.x
        s = L.sections(self.lang)
        self.heading(1, s["is"], "is")
        self.heading(2, self.x.label("map"), "map")
        if spec.systems or spec.flows:
            self.figures += 1
            self.add(Figure("systems", self.figures, self.x.label("map_caption"), self.x.label("map_legend")))
        else:
            self.not_specified()

        self.heading(2, self.x.label("systems"), "systems")
        if spec.systems:
            rows = []
            for sy in spec.systems:
                future = "" if sy.keep is None else (self.x.label("kept") if sy.keep else self.x.label("replaced"))
                rows.append(Row((
                    C(Span(x(sy.name or sy.id), b=True)),
                    C(L.enum("kind", sy.kind, self.lang)),
                    C(L.enum("hosting", sy.hosting, self.lang)),
                    C(x(sy.location) if sy.location else ""),
                    C(", ".join(L.enum("interface", i, self.lang) for i in sy.interfaces)),
                    C(Span(future, tone="muted" if sy.keep is False else None)),
                    C(self.people.get(sy.owner, x(sy.owner)) if sy.owner else ""),
                )))
            self.table([self.x.label(k) for k in ("system", "kind", "hosting", "location", "interfaces",
                                                  "future", "owner")],
                       rows, (3.0, 2.3, 2.35, 2.2, 2.35, 2.3, 2.5), key="systems")
        else:
            self.not_specified()

        self.heading(2, self.x.label("objects"), "objects")
        if spec.objects:
            rows = [Row((C(Span(x(o.name or o.id), b=True)), C(L.yes_no(o.personal_data, self.lang)),
                         C(", ".join(x(f) for f in o.fields))))
                    for o in spec.objects]
            self.table([self.x.label(k) for k in ("object", "personal_data", "fields")], rows,
                       (4.2, 2.8, 10.0), align=("l", "c", "l"), key="objects")
        else:
            self.not_specified()

        self.heading(2, self.x.label("flows"), "flows")
        if spec.flows:
            rows = []
            for f in spec.flows:
                arrow = " ↔ " if f.direction == "two_way" else " → "
                ends = self.system_names.get(f.source, x(f.source or "?")) + arrow + \
                    self.system_names.get(f.target, x(f.target or "?"))
                objects = []
                for o in f.objects:
                    fields = f.fields.get(o) if f.fields else None
                    objects.append(P(self.object_names.get(o, x(o)),
                                     Span(f" ({', '.join(x(v) for v in fields)})", tone="muted") if fields else ""))
                terms = [L.enum(kind, getattr(f, kind), self.lang) for kind in ("direction", "frequency", "mechanism")
                         if getattr(f, kind)]
                rules = []
                if f.master:
                    rules.append(P(Span(self.x.colon("master_short"), tone="muted"),
                                   self.system_names.get(f.master, x(f.master))))
                if f.trigger:
                    rules.append(P(Span(self.x.colon("trigger"), tone="muted"), x(f.trigger)))
                rows.append(Row((C(Span(f.id, b=True, tone="accent")), C(ends), C(*objects), _lines(terms),
                                 C(*rules))))
            self.table([self.x.label(k) for k in ("flow", "from_to", "objects_fields", "terms", "rules")],
                       rows, (2.1, 3.3, 5.0, 2.6, 4.0), key="flows")
        else:
            self.not_specified()

    # -- 4 Périmètre ------------------------------------------------------------------
    def scope(self):
        spec, x = self.spec, self.x
        s = L.sections(self.lang)
        self.heading(1, s["scope"], "scope")
        self.heading(2, self.x.label("scope_teams"), "scope_teams")
        if spec.teams:
            for team in spec.teams:
                title = x(team.name or team.id)
                self.heading(3, title, "team", numbered=True)
                facts = []
                if team.size is not None:
                    facts.append(f"{T.number(team.size, self.lang)} {self.t['users']}")
                if team.mobile:
                    facts.append("utilisateurs mobiles" if self.lang == "fr" else "mobile users")
                if team.phase:
                    facts.append(f"{self.t['phase'].lower() if self.lang == 'fr' else 'phase'} {x(team.phase)}")
                if facts:
                    self.para(Span(" · ".join(facts), tone="muted"))
                pairs = []
                for key in ("responsibilities", "current_tools", "strengths", "weaknesses"):
                    values = getattr(team, key)
                    if values:
                        pairs.append((self.x.label(key), _lines(x(v) for v in values)))
                features = [f.id for f in spec.features if team.id in f.teams]
                if features:
                    label = "Besoins concernés" if self.lang == "fr" else "Requirements"
                    shown = ", ".join(features[:40]) + (" …" if len(features) > 40 else "")
                    pairs.append((T.punctuate(label, self.lang), shown))
                if not self.kv(pairs, key="team"):
                    if not facts:
                        self.not_specified()
        else:
            self.not_specified()

        self.heading(2, self.x.label("processes"), "processes")
        if spec.processes:
            rows = [Row((C(Span(p.id, b=True, tone="accent")), C(x(p.name or "")), C(self.teams(p.teams)),
                         C(self.priority(p.priority)), C(x(p.phase) if p.phase else "")))
                    for p in spec.processes]
            self.table(["Id", self.x.label("process"), self.x.label("teams"), self.x.label("priority"),
                        self.x.label("phase")],
                       rows, (1.8, 6.6, 4.4, 2.4, 1.8), align=("l", "l", "l", "l", "c"), key="processes")
        else:
            self.not_specified()

    # -- 5 Besoins --------------------------------------------------------------------
    def _modules(self):
        groups: dict[str, list] = {}
        for f in self.spec.features:
            groups.setdefault(f.module or "", []).append(f)
        order = [m for m in L.MODULE_ORDER if m in groups] + [m for m in groups if m not in L.MODULE_ORDER]
        return [(m, groups[m]) for m in order]

    def module_label(self, module: str) -> str:
        if not module:
            return "Autres besoins" if self.lang == "fr" else "Other requirements"
        return self.x(L.enum("module", module, self.lang))

    def needs(self):
        spec, x = self.spec, self.x
        s = L.sections(self.lang)
        self.heading(1, s["needs"], "needs")
        modules = self._modules()

        self.heading(2, self.x.label("priorities_summary"), "priorities")
        if spec.features:
            self.para(self.x.label("priorities_intro"), style="lead")
            rows = []
            totals = {p: 0 for p in L.PRIORITY_ORDER}
            unset_total = 0
            for module, features in modules:
                counts = {p: sum(1 for f in features if f.priority == p) for p in L.PRIORITY_ORDER}
                unset = sum(1 for f in features if f.priority not in L.PRIORITY_ORDER)
                unset_total += unset
                for p in L.PRIORITY_ORDER:
                    totals[p] += counts[p]
                rows.append(Row((C(self.module_label(module)),
                                 *(C(T.number(counts[p], self.lang) if counts[p] else "–")
                                   for p in L.PRIORITY_ORDER),
                                 C(Span(T.number(len(features), self.lang), b=True)))))
            rows.append(Row((C(Span(self.t["total"], b=True)),
                             *(C(Span(T.number(totals[p], self.lang), b=True)) for p in L.PRIORITY_ORDER),
                             C(Span(T.number(len(spec.features), self.lang), b=True))), total=True))
            self.table([self.x.label("module")] + [L.enum("priority", p, self.lang) for p in L.PRIORITY_ORDER] +
                       [self.t["total"]],
                       rows, (5.2, 2.5, 2.3, 2.3, 2.7, 2.0), align=("l", "r", "r", "r", "r", "r"), key="priorities")
            share = totals["must"] / len(spec.features) * 100
            label = "Part des besoins indispensables" if self.lang == "fr" else "Share of must-have requirements"
            self.para(Span(T.label(label, self.lang) + " ", tone="muted"),
                      Span(T.percent(round(share), self.lang), b=True))
        else:
            self.not_specified()

        self.heading(2, self.x.label("features_by_module"), "features")
        if spec.features:
            for module, features in modules:
                self.heading(3, self.module_label(module), "module")
                rows = []
                for f in features:
                    body = [P(Span(x(f.title or f.id), b=True))]
                    if f.scenario:
                        body.extend(P(x(line)) for line in clean_text(f.scenario).split("\n") if line.strip())
                    if f.acceptance:
                        body.append(P(Span(self.x.colon("acceptance"), i=True, tone="muted"),
                                      Span(x(f.acceptance), i=True)))
                    if f.objectives:
                        body.append(P(Span(self.x.colon("serves"), tone="muted"),
                                      Span(", ".join(f.objectives), tone="muted")))
                    rows.append(Row((C(Span(f.id, b=True, tone="accent")), tuple(body),
                                     C(self.priority(f.priority)), C(x(f.phase) if f.phase else ""),
                                     C(self.teams(f.teams)))))
                self.table(["Id", self.x.label("requirement"), self.x.label("priority"), self.x.label("phase"),
                            self.x.label("teams")],
                           rows, (1.9, 8.9, 2.3, 1.4, 2.5), align=("l", "l", "l", "c", "l"), key="features")
        else:
            self.not_specified()

        self.heading(2, self.x.label("nfr"), "nfr")
        if spec.nfr:
            rows = [Row((C(Span(n.id, b=True, tone="accent")), C(L.enum("nfr", n.category, self.lang)),
                         C(x(n.statement) if n.statement else ""), C(x.quantity(n.metric)),
                         C(self.priority(n.priority))))
                    for n in spec.nfr]
            self.table(["Id", self.x.label("category"), self.x.label("requirement"), self.x.label("measure"),
                        self.x.label("priority")],
                       rows, (1.8, 2.9, 7.4, 2.7, 2.2), key="nfr")
        else:
            self.not_specified()

        self.heading(2, self.x.label("rgpd"), "rgpd")
        self.rgpd()

        self.heading(2, self.x.label("migration"), "migration")
        if spec.migration:
            rows = []
            for m in spec.migration:
                source = [P(Span(m.id, b=True, tone="accent")), P(x(m.name)) if m.name else None]
                if m.system:
                    source.append(P(Span(self.x.colon("system"), tone="muted"),
                                    Span(self.system_names.get(m.system, x(m.system)), tone="muted")))
                rows.append(Row((
                    C(*source),
                    C(x(m.format) if m.format else ""),
                    _lines(x(v) for v in m.tables),
                    C(x.quantity(m.volume)),
                    C(", ".join(self.object_names.get(o, x(o)) for o in m.objects)),
                    C(x(m.cleaning) if m.cleaning else ""),
                )))
            self.table([self.x.label(k) for k in ("source", "format", "tables", "volume", "target_objects",
                                                  "cleaning")],
                       rows, (3.4, 2.6, 2.6, 2.1, 2.6, 3.7), key="migration")
        else:
            self.not_specified()

    def rgpd(self):
        spec, x = self.spec, self.x
        r = spec.rgpd
        if r is None:
            self.not_specified()
            return
        pairs = []
        if r.data_location:
            pairs.append((self.x.label("data_location"), x(r.data_location)))
        if r.dpo:
            pairs.append((self.x.label("dpo"), self.x.label("yes") if r.dpo == "yes" else x(r.dpo)))
        if r.processor_agreement is not None:
            pairs.append((self.x.label("processor_agreement"),
                          self.x.label("processor_required") if r.processor_agreement else self.x.label("no")))
        if r.consent and r.consent.stated:
            lines = []
            if r.consent.text:
                lines.append(P(x(r.consent.text)))
            for key, value in (("consent_collection", r.consent.collection), ("consent_proof", r.consent.proof),
                               ("consent_withdrawal", r.consent.withdrawal)):
                if value:
                    lines.append(P(Span(self.x.colon(key), tone="muted"), x(value)))
            pairs.append((self.x.label("consent"), tuple(lines) or C(self.x.label("consent_stated"))))
        if r.breach_notification:
            pairs.append((self.x.label("breach"), self.x.label("breach_stated") if r.breach_notification == "yes"
                          else x(r.breach_notification)))
        if r.transfers_stated is False:
            pairs.append((self.x.label("transfers"), self.x.label("transfers_none")))
        elif r.transfers_outside_eu:
            pairs.append((self.x.label("transfers"), tuple(
                P(Span(self.system_names.get(tr.system, x(tr.system or "")), b=True),
                  f" — {x(tr.country)}" if tr.country else "",
                  f" — {x(tr.safeguard)}" if tr.safeguard else "",
                  f" — {x(tr.details)}" if tr.details else "")
                for tr in r.transfers_outside_eu)))
        shown = self.kv(pairs, key="rgpd")
        if r.rights:
            self.para(Span(self.x.label("rights"), b=True), style="label")
            self.bullets([L.enum("right", v, self.lang) for v in r.rights])
            shown = True
        if r.purposes:
            self.para(Span(self.x.label("purposes"), b=True), style="label")
            rows = [Row((C(Span(x(p.name or p.id), b=True)), C(L.enum("legal_basis", p.legal_basis, self.lang)),
                         C(", ".join(self.object_names.get(o, x(o)) for o in p.objects)),
                         C(x(p.retention) if p.retention else "")))
                    for p in r.purposes]
            self.table([self.x.label(k) for k in ("purpose_col", "legal_basis", "objects", "retention")], rows,
                       (4.6, 4.0, 4.0, 4.4), key="purposes")
            shown = True
        if r.retention:
            self.para(Span(self.x.label("retention_title"), b=True), style="label")
            rows = [Row((C(Span(x(k), b=True)), C(x(v)))) for k, v in r.retention.items()]
            self.table([self.x.label("data_category"), self.x.label("retention")], rows, (6.0, 11.0),
                       key="retention")
            shown = True
        if r.security_measures:
            self.para(Span(self.x.label("security_measures"), b=True), style="label")
            self.bullets([x(v) for v in r.security_measures])
            shown = True
        if not shown:
            self.not_specified()

    # -- 6 Déroulé projet -------------------------------------------------------------
    def project_plan(self):
        spec, x, t = self.spec, self.x, self.t
        s = L.sections(self.lang)
        consultation = spec.consultation
        self.heading(1, s["project"], "project")

        self.heading(2, self.x.label("deliverables"), "deliverables")
        if consultation and consultation.deliverables:
            self.bullets([x(d) for d in consultation.deliverables])
        else:
            self.not_specified()

        self.heading(2, self.x.label("budget"), "budget")
        self.budget()

        self.heading(2, self.x.label("timeline"), "timeline")
        self.timeline()

        self.heading(2, self.x.label("offer_rules"), "offer")
        shown = False
        if consultation and consultation.deadline:
            self.para(Span(self.x.colon("offer_deadline"), b=True), Span(T.date(consultation.deadline, self.lang)))
            shown = True
        if consultation and consultation.documents:
            self.para(Span(T.label(t["documents"], self.lang), b=True), style="label")
            self.bullets([x(d) for d in consultation.documents])
            shown = True
        if not shown:
            self.not_specified()

        self.heading(2, self.x.label("criteria"), "criteria")
        if consultation and consultation.criteria:
            rows = []
            total = 0.0
            for c in consultation.criteria:
                total += c.weight or 0
                rows.append(Row((C(Span(x(c.name or c.id), b=True)),
                                 C(T.percent(c.weight, self.lang) if c.weight is not None else ""),
                                 C(Span(self.x.label("yes"), b=True, tone="danger") if c.eliminatory
                                   else (self.x.label("no") if c.eliminatory is False else "–")))))
            rows.append(Row((C(Span(t["total"], b=True)), C(Span(T.percent(total, self.lang), b=True)), C("")),
                            total=True))
            self.table([self.x.label("criterion"), self.x.label("weight"), self.x.label("eliminatory")], rows,
                       (9.8, 3.6, 3.6), align=("l", "r", "c"), key="criteria")
        else:
            self.not_specified()

        self.heading(2, self.x.label("demos"), "demos")
        if consultation and consultation.demos:
            self.para(self.x.label("demos_intro"), style="lead")
            for demo in consultation.demos:
                self.para(Span(demo.id, b=True, tone="accent"), Span(" — " + x(demo.title or ""), b=True),
                          style="label")
                if demo.steps:
                    self.bullets([x(v) for v in demo.steps], ordered=True)
                if demo.features:
                    shown_ = ", ".join(f"{f} ({self.feature_titles[f]})" if f in self.feature_titles else f
                                       for f in demo.features)
                    self.para(Span(self.x.colon("features_shown"), tone="muted"), Span(shown_, tone="muted"))
        else:
            self.not_specified()

    def budget(self):
        spec, x, t = self.spec, self.x, self.t
        budget = spec.budget
        if budget is None or not budget.lines:
            self.not_specified()
            return
        currency = budget.currency or "EUR"
        self.para(self.x.label("budget_intro"), style="lead")
        rows = []
        one_off = [0.0, 0.0]
        yearly = [0.0, 0.0]
        ranged = False
        for line in budget.lines:
            if line.amount is not None:
                low = high = float(line.amount)
                amount = T.money(line.amount, currency, self.lang)
            elif line.min is not None or line.max is not None:
                low = float(line.min if line.min is not None else line.max)
                high = float(line.max if line.max is not None else line.min)
                amount = T.money_range(line.min, line.max, currency, self.lang)
                ranged = ranged or low != high
            else:
                low = high = 0.0
                amount = ""
            recurrence = line.recurrence or "one_off"
            factor = 12 if recurrence == "monthly" else 1
            bucket = one_off if recurrence == "one_off" else yearly
            bucket[0] += low * factor
            bucket[1] += high * factor
            rows.append(Row((C(Span(x(line.label or ""), b=True)), C(L.enum("budget", line.category, self.lang)),
                             C(amount), C(L.enum("recurrence", line.recurrence, self.lang)))))

        def total(pair):
            if pair[0] == pair[1]:
                return T.money(pair[0], currency, self.lang)
            return T.money_range(pair[0], pair[1], currency, self.lang)

        if any(line.recurrence in (None, "one_off") for line in budget.lines):
            rows.append(Row((C(Span(t["total_one_off"], b=True)), C(""), C(Span(total(one_off), b=True)), C("")),
                            total=True))
        if any(line.recurrence in ("monthly", "yearly") for line in budget.lines):
            rows.append(Row((C(Span(t["total_yearly"], b=True)), C(""), C(Span(total(yearly), b=True)),
                             C(L.enum("recurrence", "yearly", self.lang))), total=True))
        self.table([self.x.label(k) for k in ("budget_item", "category", "amount", "recurrence")], rows,
                   (6.4, 4.0, 4.0, 2.6), align=("l", "l", "r", "l"), key="budget")

    def timeline(self):
        spec, x, t = self.spec, self.x, self.t
        timeline = spec.timeline
        if timeline is None or (not timeline.phases and not timeline.go_live):
            self.not_specified()
            return
        if timeline.go_live:
            self.para(Span(self.x.colon("go_live"), b=True), Span(T.date(timeline.go_live, self.lang)), style="keep")
        bars = {b.id: b for b in schedule(spec)}
        if bars:
            self.figures += 1
            self.add(Figure("gantt", self.figures, self.x.label("gantt_caption")))
        if not timeline.phases:
            return
        rows = []
        any_estimated = any(b.estimated or b.unknown for b in bars.values())
        if any_estimated:
            self.para(Span("≈ " + t["estimated"], i=True, tone="muted"), style="note")
        for i, phase in enumerate(timeline.phases):
            bar = bars.get(phase.id or f"phase{i + 1}")
            duration = x(phase.duration_text) if phase.duration_text else ""
            if not duration and phase.start and phase.end:
                duration = T.days((phase.end - phase.start).days, self.lang)

            def when(value, written):
                if value is None:
                    return C("")
                if written:
                    return C(T.date(value, self.lang))
                return C(Span("≈ " + T.date(value, self.lang), i=True, tone="muted"))

            start = when(bar.start if bar else phase.start, phase.start is not None)
            end = when(bar.end if bar and not bar.unknown else phase.end, phase.end is not None)
            rows.append(Row((C(P(Span(x(phase.name or phase.id), b=True))), C(duration), start, end,
                             _lines(x(a) for a in phase.actions))))
        self.table([self.x.label(k) for k in ("phase", "duration", "start", "end", "actions")],
                   rows, (4.2, 2.6, 2.9, 2.9, 4.4), key="phases")

    # -- Annexe -----------------------------------------------------------------------
    def annex(self):
        spec, t = self.spec, self.t
        self.add(SectionBreak(landscape=True))
        self.heading(1, f"{t['annex']} – {t['matrix']}", "annex", numbered=False)
        self.para(self.x.label("matrix_intro"))
        self.para(Span(self.x.label("scale"), b=True), style="label")
        scale = RESPONSE_SCALE[self.lang]
        meanings = L.SCALE_MEANINGS[self.lang]
        self.table([self.x.label("scale_label"), self.x.label("scale_meaning")],
                   [Row((C(Span(s_, b=True)), C(self.x(m)))) for s_, m in zip(scale, meanings)],
                   (5.2, LANDSCAPE_WIDTH - 5.2), key="scale")
        rows = matrix_rows(spec, self.lang)
        features = {f.id: f for f in spec.features}
        if not rows:
            self.para(Span(self.t["matrix_empty"], i=True, tone="muted"), style="muted")
            return
        out = []
        for r in rows:
            cells = r.cells(self.lang)
            module = cells[2]
            if r.section == "feature":
                module = L.enum("module", r.module, self.lang)
            elif r.section == "nfr":
                module = L.enum("nfr", r.module, self.lang)
            elif r.section == "rgpd":
                module = "RGPD" if self.lang == "fr" else "GDPR"
            out.append(Row((
                C(Span(cells[0], b=True, tone="accent")), C(cells[1]), C(self.x(module)),
                C(Span(self.x(cells[3]), b=True)), _lines(self.x(v) for v in clean_text(cells[4]).split("\n")),
                C(self.teams(features[r.id].teams) if r.section == "feature" and r.id in features
                  else self.x(cells[5])),
                C(self.priority(r.priority)), C(self.x(cells[7])),
            )))
        from .matrix import HEADERS

        h = HEADERS[self.lang]
        self.table([h[k] for k in ("id", "section", "module", "title", "description", "teams", "priority",
                                   "phase")],
                   out, (2.2, 2.3, 2.6, 5.0, 7.6, 2.4, 2.2, 1.4), align=("l", "l", "l", "l", "l", "l", "l", "c"),
                   small=True, key="matrix")


def outline(spec, lang: str | None = None) -> Outline:
    """The document outline of `spec` in `lang` (default: the spec's language)."""
    return _Builder(spec, lang or spec.lang).build()
