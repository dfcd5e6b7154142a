"""The cahier des charges as a neutral outline: the one structure the DOCX and Markdown share.

`outline(spec, lang)` reads the `Spec` and answers a list of blocks (`document_blocks`: cover,
table of contents, numbered headings, paragraphs, bullet lists, tables, figures, annex), one
chapter after the other (`chapters/`). The Word writer (`word.py`) and the Markdown writer
(`markdown.py`) only lay these blocks out, so both documents have the same chapters in the
same order with the same numbers, tables and "Non renseigné" lines.

Every piece of user text goes through `clean_text` (no XML-illegal characters) and, in
French, through `typography.punctuate` (no-break spaces before « : ; ! ? % ») and
`numbers_together`; a French outline then takes typographic apostrophes everywhere but in ids.
Columns of ids are widened to their longest id. Nothing here imports python-docx or matplotlib.
"""

from __future__ import annotations

from dataclasses import replace

from . import labels as L
from . import typography as T
from .chapters import annex, context, information_system, needs, objectives, project_plan, scope
from .document_blocks import (PORTRAIT_WIDTH, Bullets, C, Cover, Figure, Heading, Outline, P, Para, Row, Span,
                              Table, Toc, text_width_cm)
from .sanitize import clean_text
from .systems_graph import short_name

# The numbered chapters, in document order, then the annex.
CHAPTERS = (context, objectives, information_system, scope, needs, project_plan, annex)


class _Text:
    """Text helpers bound to one language: user text cleaned and punctuated the French way in French."""

    def __init__(self, lang: str):
        self.lang = lang
        self.t = L.text(lang)

    def __call__(self, value) -> str:
        """User text: cleaned, French punctuation and numbers kept whole in French."""
        text = T.punctuate(clean_text(value).strip(), self.lang)
        return T.numbers_together(text) if self.lang == "fr" else text

    def label(self, key: str) -> str:
        return T.punctuate(self.t[key], self.lang)

    def colon(self, key: str) -> str:
        return T.label(self.t[key], self.lang) + " "

    def quantity(self, q) -> str:
        text = T.punctuate(T.quantity(q, self.lang), self.lang)
        return T.numbers_together(text) if self.lang == "fr" else text

    def deadline(self, d, go_live, phases=(), bars=()) -> str:
        """A deadline as written and its date, as the deadlines module reads it ("fin du premier
        trimestre qui suit la mise en production" → 30 June for a go-live on 1 March). A deadline
        naming an undated phase takes that phase's end in the rétroplanning (`bars`): "vers le"."""
        if d is None:
            return ""
        if d.kind == "absolute" and d.date:
            return T.date(d.date, self.lang)
        text = self(d.text)
        resolved, about = d.resolve(go_live, phases), False
        if resolved is None and bars:
            resolved, about = d.resolve(go_live, bars), True
        if resolved is None:
            return text
        if self.lang == "fr":
            return f"{text} (soit {'vers ' if about else ''}le {T.date(resolved, 'fr')})"
        return f"{text} (i.e. {'around ' if about else ''}{T.date(resolved, 'en')})"


class OutlineBuilder:
    """The document being built: its blocks so far, the heading and figure counters, and the
    names every chapter refers to (teams, systems, objects, people, features by id)."""

    def __init__(self, spec, lang: str):
        self.spec = spec
        self.lang = "en" if lang == "en" else "fr"
        self.x = _Text(self.lang)
        self.t = self.x.t
        self.blocks: list = []
        self.numbers = [0, 0, 0]
        self.figures = 0                      # figures are numbered in document order
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

    def table(self, headers, rows, widths, align=(), small=False, key="", kind="grid", ids=None):
        """A grid table (`headers` on top) or a key/value table (no headers, `kind="keyvalue"`).

        `ids`: the index of the column of identifiers, widened to its longest id (see `_fit_ids`)."""
        rows, widths = tuple(rows), tuple(widths)
        if ids is not None:
            rows, widths = _fit_ids(rows, widths, ids, 8.0 if small else 9.0)
        self.add(Table(tuple(headers), rows, widths, tuple(align), small, kind, key))

    def kv(self, pairs, key=""):
        """A key/value table of the pairs that have a value; False when none has."""
        rows = tuple(Row((C(Span(k, b=True)), v if isinstance(v, tuple) else C(v))) for k, v in pairs
                     if v not in (None, "", ()))
        if rows:
            self.table((), rows, (4.6, PORTRAIT_WIDTH - 4.6), key=key, kind="keyvalue")
            return True
        return False

    def figure(self, kind: str, caption: str, note: str = ""):
        """A picture (`systems` or `gantt`), numbered in document order."""
        self.figures += 1
        return self.add(Figure(kind, self.figures, caption, note))

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

        for chapter in CHAPTERS:
            chapter.write(self)

        running = " – ".join(p for p in (company, name, confidentiality) if p)
        footer_bits = [self.x.label("doc_title")]
        if version:
            footer_bits.append(f"{t['version'].lower() if self.lang == 'fr' else 'version'} {version}")
        if date:
            footer_bits.append(date)
        title = " – ".join(p for p in (self.x.label("doc_title"), name) if p)
        document = Outline(self.lang, title, company, name, running, " – ".join(footer_bits), self.blocks)
        return _french_apostrophes(document) if self.lang == "fr" else document


def _french_apostrophes(document: Outline) -> Outline:
    """Every text of a French document with typographic apostrophes (`l’éditeur`): the labels,
    the enum names and the user's text alike; ids (`code` spans) keep theirs."""
    a = T.apostrophes

    def spans(paragraph):
        return tuple(s if s.code else replace(s, text=a(s.text)) for s in paragraph)

    def cells(row):
        return replace(row, cells=tuple(tuple(spans(p) for p in cell) for cell in row.cells))

    def block(b):
        if isinstance(b, Cover):
            return replace(b, company=a(b.company), title=a(b.title), subtitle=a(b.subtitle), project=a(b.project),
                           meta=tuple((a(k), a(v)) for k, v in b.meta), confidentiality=a(b.confidentiality),
                           note=a(b.note))
        if isinstance(b, Toc):
            return replace(b, title=a(b.title))
        if isinstance(b, Heading):
            return replace(b, text=a(b.text))
        if isinstance(b, Para):
            return replace(b, spans=spans(b.spans))
        if isinstance(b, Bullets):
            return replace(b, items=tuple(spans(i) for i in b.items))
        if isinstance(b, Table):
            return replace(b, headers=tuple(a(h) for h in b.headers), rows=tuple(cells(r) for r in b.rows))
        if isinstance(b, Figure):
            return replace(b, caption=a(b.caption), note=a(b.note))
        return b

    return replace(document, title=a(document.title), company=a(document.company), project=a(document.project),
                   running=a(document.running), footer=a(document.footer),
                   blocks=[block(b) for b in document.blocks])


ID_PADDING_CM = 0.42         # the cell's margins and a little slack
ID_COLUMN_MAX_CM = 4.2       # wider than this, an id may wrap, at a hyphen


def _fit_ids(rows, widths, column: int, size_pt: float):
    """Widen the column of ids to its longest id, taken from the other columns in proportion to their
    widths, so that no id is cut mid-word. An id too long even for `ID_COLUMN_MAX_CM` loses its
    unbreakable hyphens and wraps at one of them, never inside a word."""
    longest = max((text_width_cm(s.text, size_pt) for row in rows for p in row.cells[column] for s in p
                   if s.code), default=0.0)
    widths = list(widths)
    need = min(longest + ID_PADDING_CM, ID_COLUMN_MAX_CM) - widths[column]
    others = sum(widths) - widths[column]
    if need > 0 and others > 0:
        widths = [w + need if i == column else w - need * w / others for i, w in enumerate(widths)]
    room = widths[column] - ID_PADDING_CM

    def breakable(span):
        return replace(span, code=False) if span.code and text_width_cm(span.text, size_pt) > room else span

    rows = tuple(replace(row, cells=tuple(
        tuple(tuple(breakable(s) for s in p) for p in cell) if i == column else cell
        for i, cell in enumerate(row.cells))) for row in rows)
    return rows, tuple(round(w, 2) for w in widths)


def outline(spec, lang: str | None = None) -> Outline:
    """The document outline of `spec` in `lang` (default: the spec's language)."""
    return OutlineBuilder(spec, lang or spec.lang).build()
