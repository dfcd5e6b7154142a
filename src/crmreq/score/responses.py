"""Read one vendor's returned matrix and check it against the spec (rules R001–R006).

The matrix is found by its headers, in French or English, not by position: a renamed sheet, a
moved column or rows inserted above the header are read as they are. Rows are matched to the
spec's requirements by id, in either language of the matrix (RGPD-LOC and GDPR-LOC are one
requirement). Each row's fingerprint (`export.matrix.fingerprint`) tells a text the vendor
edited from a requirement the buyer changed after sending the matrix; a matrix exported before
fingerprints existed is read by id, and R001 says once that text changes cannot be checked.

What is found becomes `LoadProblem`s (code, position, message arguments): the caller turns them
into findings like the loader's, so select/ignore, severities and every output format apply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..export.csv_matrix import requirement_cells
from ..export.labels import RESPONSE_SCALE, WORKBOOK
from ..export.matrix import FINGERPRINTED, HEADERS, RESPONSE_COLUMNS, fingerprint, matrix_rows, row_fingerprint
from ..export.sanitize import is_formula_like
from ..findings import LoadProblem
from ..loader.files import display_path
from ..positions import Position
from ..values import fold
from ..values.text import closest
from .answers import cost_in_comment, find_date, read_cost, read_level
from .model import LEVELS, Answer
from .sheets import Grid, Unreadable, cell_text, formulas, read_grids

HEADER_ROWS = 20                  # the header is looked for in the first rows of a sheet
STANDARD_SHARE = 0.9              # R006: this share of "Standard" answers…
STANDARD_MIN_ANSWERS = 5          # …over at least this many answers
LANGS = ("fr", "en")


def _words(text: str) -> str:
    return " ".join(fold(text).split())


_COLUMN_OF_HEADER = {**{_words(HEADERS[lang][key]): key for lang in LANGS for key in RESPONSE_COLUMNS},
                     **{key: key for key in RESPONSE_COLUMNS}}
_FINGERPRINT_WORDS = ("empreinte", "fingerprint")
_MATRIX_SHEETS = {_words(WORKBOOK[lang]["matrix"]) for lang in LANGS}
_OFFER_SHEETS = {_words(WORKBOOK[lang]["offer"]) for lang in LANGS}
_OFFER_VENDOR = {_words(WORKBOOK[lang]["offer_vendor"]) for lang in LANGS}


@dataclass
class Expected:
    """The spec's requirements as the matrices show them, in both languages, keyed by the id of the
    spec's own language (the canonical id)."""

    ids: list[str]                                        # canonical ids, in matrix order
    canonical: dict[str, str]                             # any language's id, and its fold → canonical id
    fingerprints: dict[str, set[str]]                     # canonical id → fingerprints (both languages, and as
                                                          # Windows-1252 keeps them)
    titles: dict[str, dict[str, str]]                     # canonical id → lang → title
    go_live: dt.date | None = None

    @classmethod
    def of(cls, spec) -> "Expected":
        rows = {lang: matrix_rows(spec, lang) for lang in LANGS}
        own = rows[spec.lang if spec.lang in LANGS else "fr"]
        ids = [row.id for row in own]
        canonical, prints, titles = {}, {i: set() for i in ids}, {i: {} for i in ids}
        for lang in LANGS:
            for row, main in zip(rows[lang], ids):
                canonical.setdefault(row.id, main)
                canonical.setdefault(fold(row.id), main)
                cells = requirement_cells(row, lang)
                prints[main].add(row_fingerprint(cells))
                # a CSV saved again by Excel in Windows-1252 has "?" for what that encoding lacks (≥, →, œ…)
                prints[main].add(row_fingerprint([c.encode("cp1252", "replace").decode("cp1252") for c in cells]))
                titles[main][lang] = row.title
        go_live = spec.timeline.go_live if spec.timeline else None
        return cls(ids, canonical, prints, titles, go_live)

    def find(self, written: str) -> str | None:
        return self.canonical.get(written) or self.canonical.get(fold(written))


@dataclass
class Response:
    """One vendor's file, read: its answers by canonical id, and what is wrong with it."""

    path: Path
    display: str
    readable: bool = True
    lang: str = "fr"                                      # the language of the matrix's headers
    sheet: str | None = None                              # the matrix's sheet (None: a CSV file)
    vendor_name: str = ""
    response_date: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)        # requirements absent from the file
    invalid: set[str] = field(default_factory=set)        # answers outside the scale (R003)
    problems: list[LoadProblem] = field(default_factory=list)


def read_response(path: Path, expected: Expected, unanswered: str, spec_lang: str = "fr") -> Response:
    """Read and check one response file. Raises CrmreqError only when XLSX support is not installed."""
    response = Response(Path(path), display_path(Path(path)), lang=spec_lang)
    try:
        grids = read_grids(response.path)
    except Unreadable as exc:
        return _unusable(response, exc.reason)
    found = _find_matrix(grids)
    if found is None:
        where = ({"fr": "aucune feuille n'a", "en": "no sheet has"} if grids[0].name is not None
                 else {"fr": "aucune ligne d'en-tête n'a", "en": "no header row has"})
        return _unusable(response, {
            "fr": f"ce n'est pas une matrice crmreq\u00a0: {where['fr']} les colonnes «\u00a0Id\u00a0» et "
                  f"«\u00a0{HEADERS['fr']['vendor_response']}\u00a0»",
            "en": f"not a crmreq matrix: {where['en']} the `Id` and `{HEADERS['en']['vendor_response']}` columns"})
    grid, header, columns, lang, twice = found
    response.sheet, response.lang = grid.name, lang
    response.vendor_name, response.response_date = _offer_cells(grids)
    reader = _Reader(response, grid, header, columns, expected, unanswered)
    for key, column in twice.items():
        first, again = get_column_letter(columns[key]), get_column_letter(column)
        reader.problem("R001", header, key, detail={
            "fr": f"deux colonnes «\u00a0{HEADERS['fr'].get(key, key)}\u00a0» ({first} et {again})\u00a0: seule la "
                  "première est lue",
            "en": f"two `{HEADERS['en'].get(key, key)}` columns ({first} and {again}): only the first one is read"})
    reader.read()
    return response


def _unusable(response: Response, reason: dict) -> Response:
    response.readable = False
    response.problems.append(LoadProblem("R001", Position(response.display, 1, 1), {"detail": reason, "sheet": ""}))
    return response


def _column_of(value) -> str | None:
    words = _words(cell_text(value))
    if words.startswith(_FINGERPRINT_WORDS):
        return "fingerprint"
    return _COLUMN_OF_HEADER.get(words)


def _find_matrix(grids: list[Grid]):
    """(grid, header row, {column key: column number}, language) of the matrix, or None."""
    ordered = sorted(grids, key=lambda g: _words(g.name or "") not in _MATRIX_SHEETS)   # "Matrice" first
    for grid in ordered:
        for row_number, row in enumerate(grid.rows[:HEADER_ROWS], start=1):
            columns: dict[str, int] = {}
            twice: dict[str, int] = {}     # a column header written again: its first later column
            for column, value in enumerate(row, start=1):
                key = _column_of(value)
                if key is not None:
                    if key in columns:
                        twice.setdefault(key, column)
                    columns.setdefault(key, column)
            if "id" in columns and "vendor_response" in columns:
                return grid, row_number, columns, _language(row), twice
    return None


def _language(header_row) -> str:
    """fr or en: whichever language's header words the row uses most (Id, Module… are both)."""
    texts = {_words(cell_text(v)) for v in header_row}
    score = {lang: len(texts & {_words(h) for h in HEADERS[lang].values()} - {_words(h) for h in HEADERS[other].values()})
             for lang, other in (("fr", "en"), ("en", "fr"))}
    return "en" if score["en"] > score["fr"] else "fr"


def _offer_cells(grids: list[Grid]) -> tuple[str, str]:
    """The vendor's name and the date from the workbook's offer sheet (B1, B2), if any."""
    for grid in grids:
        if _words(grid.name or "") in _OFFER_SHEETS or _words(cell_text(grid.value(1, 1))) in _OFFER_VENDOR:
            day = grid.value(2, 2)
            return cell_text(grid.value(1, 2)), day.date().isoformat() if isinstance(day, dt.datetime) else cell_text(day)
    return "", ""


class _Reader:
    """Reads the rows of the matrix once located; one job: answers and R problems."""

    def __init__(self, response: Response, grid: Grid, header: int, columns: dict, expected: Expected,
                 unanswered: str):
        self.response, self.grid, self.header, self.columns = response, grid, header, columns
        self.expected, self.unanswered = expected, unanswered
        self.csv = grid.name is None
        self._formulas: dict | None = None      # read when an answer looks empty
        self.sheet = "" if self.csv else {"fr": f" (feuille «\u00a0{grid.name}\u00a0»)", "en": f" (sheet `{grid.name}`)"}

    def problem(self, code: str, row: int, key: str, object: str | None = None, **args) -> None:
        at = Position(self.response.display, row, self.columns.get(key, 1))
        self.response.problems.append(LoadProblem(code, at, {"sheet": self.sheet, **args}, object))

    def text(self, row: int, key: str) -> str:
        if key not in self.columns:
            return ""
        text = cell_text(self.grid.value(row, self.columns[key]))
        if self.csv and text.startswith("'") and is_formula_like(text[1:]):
            text = text[1:]         # the export's guard against formulas, not the vendor's text
        return text

    def read(self) -> None:
        if "fingerprint" not in self.columns:
            self.problem("R001", self.header, "id", detail={
                "fr": "matrice sans colonne d'empreinte (exportée par une version antérieure de crmreq)\u00a0: "
                      "les changements de texte ne peuvent pas être vérifiés",
                "en": "matrix without a fingerprint column (exported by an earlier crmreq): text changes "
                      "cannot be checked"})
        self._merged_cells()
        seen: dict[str, int] = {}
        for row in range(self.header + 1, len(self.grid.rows) + 1):
            self._row(row, seen)
        for requirement in self.expected.ids:
            if requirement not in seen:
                self.response.missing.add(requirement)
                self.problem("R001", self.header, "id", requirement, detail={
                    "fr": f"l'exigence «\u00a0{requirement}\u00a0» manque dans la réponse\u00a0: elle compte comme Non couvert",
                    "en": f"requirement `{requirement}` is missing from the response: it counts as Not supported"})
        self._standard_everywhere()

    def _merged_cells(self) -> None:
        if not self.grid.merged:
            return
        from openpyxl.utils import get_column_letter   # merged cells only exist in a workbook

        for min_row, min_col, max_row, max_col in self.grid.merged:
            if max_row <= self.header:
                continue
            span = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
            self.response.problems.append(LoadProblem("R001", Position(self.response.display, min_row, min_col), {
                "sheet": self.sheet, "detail": {
                    "fr": f"cellules fusionnées {span}\u00a0: seule la première est lue (défusionnez-les)",
                    "en": f"merged cells {span}: only the first one is read (unmerge them)"}}))

    def _row(self, row: int, seen: dict) -> None:
        written = self.text(row, "id")
        answer_text, comment = self.text(row, "vendor_response"), self.text(row, "vendor_comment")
        if not written:
            if answer_text or comment:
                self.problem("R001", row, "vendor_response", detail={
                    "fr": f"la ligne {row} a une réponse mais pas d'identifiant\u00a0: elle est ignorée",
                    "en": f"row {row} has an answer but no id: it is ignored"})
            return
        requirement = self.expected.find(written)
        if requirement is None:
            near = closest(written, self.expected.ids)
            hint = ({"fr": f" (vouliez-vous dire «\u00a0{near}\u00a0»\u00a0?)", "en": f" (did you mean `{near}`?)"}
                    if near else {"fr": "", "en": ""})
            self.problem("R001", row, "id", written, detail={
                "fr": f"«\u00a0{written}\u00a0» n'est pas une exigence de la spec{hint['fr']}",
                "en": f"`{written}` is not a requirement of the spec{hint['en']}"})
            return
        if requirement in seen:
            self.problem("R001", row, "id", requirement, detail={
                "fr": f"«\u00a0{requirement}\u00a0» apparaît deux fois (lignes {seen[requirement]} et {row})\u00a0: "
                      f"seule la ligne {seen[requirement]} est lue",
                "en": f"`{requirement}` appears twice (rows {seen[requirement]} and {row}): only row "
                      f"{seen[requirement]} is read"})
            return
        seen[requirement] = row
        self._check_text(row, requirement)
        self.response.answers[requirement] = self._answer(row, requirement, answer_text, comment)

    def _check_text(self, row: int, requirement: str) -> None:
        """R001 when the row's text is not the spec's: edited by the vendor, or changed in the spec since."""
        if "fingerprint" not in self.columns:
            return
        expected = self.expected.fingerprints[requirement]
        written = None
        if all(key in self.columns for key in FINGERPRINTED):
            written = fingerprint([self.text(row, key) for key in FINGERPRINTED])
            if written in expected:
                return
        exported = self.text(row, "fingerprint").lower()
        if exported and exported not in expected:
            detail = {"fr": f"«\u00a0{requirement}\u00a0» a changé dans la spec depuis l'export de cette matrice\u00a0: "
                            "la réponse porte sur l'ancien texte",
                      "en": f"`{requirement}` changed in the spec since this matrix was exported: the answer is "
                            "to the earlier text"}
        elif exported and written is not None and written != exported:
            detail = {"fr": f"le texte de «\u00a0{requirement}\u00a0» a été modifié dans la réponse\u00a0: "
                            "l'éditeur a répondu à un autre texte que celui de la spec",
                      "en": f"the text of `{requirement}` was edited in the response: the vendor answered "
                            "another text than the spec's"}
        elif not exported and written is not None:
            detail = {"fr": f"le texte de «\u00a0{requirement}\u00a0» diffère de la spec (empreinte effacée)",
                      "en": f"the text of `{requirement}` differs from the spec (fingerprint erased)"}
        else:
            return
        self.problem("R001", row, "title" if "title" in self.columns else "id", requirement, detail=detail)

    def _answer(self, row: int, requirement: str, text: str, comment: str) -> Answer:
        formula = self._formula(row, "vendor_response") if not text else None
        if formula:
            self.response.invalid.add(requirement)
            self.problem("R003", row, "vendor_response", requirement, id=requirement, answer=formula[:80],
                         levels={lang: ", ".join(RESPONSE_SCALE[lang]) for lang in LANGS}, detail={
                             "fr": "c'est une formule dont le classeur n'a pas enregistré le résultat (ouvrez-le dans "
                                   "un tableur et enregistrez-le, ou choisissez le niveau dans la liste)",
                             "en": "it is a formula whose result the workbook does not hold (open it in a "
                                   "spreadsheet and save it, or pick the level from the list)"})
            return Answer(requirement, None, comment=comment)
        if not text:
            counted = RESPONSE_SCALE["fr"][LEVELS.index(self.unanswered)], RESPONSE_SCALE["en"][LEVELS.index(self.unanswered)]
            self.problem("R002", row, "vendor_response", requirement, id=requirement,
                         counted={"fr": counted[0], "en": counted[1]})
            return Answer(requirement, None, comment=comment)
        match = read_level(text)
        if match.level is None:
            self.response.invalid.add(requirement)
            self._outside_scale(row, requirement, text, match.candidates)
            return Answer(requirement, None, comment=comment)
        cost, day = None, None
        if match.level == "roadmap":
            day = find_date(match.rest, self.expected.go_live) or find_date(comment, self.expected.go_live)
            if day is None:
                self.problem("R004", row, "vendor_response", requirement, id=requirement)
        if match.level in ("third_party", "custom"):
            if "vendor_cost" in self.columns:
                cost = read_cost(self.grid.value(row, self.columns["vendor_cost"]))
            else:
                cost = cost_in_comment(comment)
            if cost is None:
                self.problem("R005", row, "vendor_cost", requirement, id=requirement, level=_level_words(match.level))
        return Answer(requirement, match.level, comment=comment, cost=cost,
                      roadmap_date=day.isoformat() if day else None)

    def _formula(self, row: int, key: str) -> str | None:
        """The formula of a cell that looks empty: its result was never computed (sheets.formulas)."""
        if self.csv:
            return None
        if self._formulas is None:
            self._formulas = formulas(self.response.path, self.grid.name)
        return self._formulas.get((row, self.columns[key]))

    def _outside_scale(self, row: int, requirement: str, text: str, candidates: tuple) -> None:
        if candidates:
            names = {lang: (" ou " if lang == "fr" else " or ").join(_level_words(c)[lang] for c in candidates)
                     for lang in LANGS}
            detail = {"fr": f"elle peut vouloir dire {names['fr']}", "en": f"it could mean {names['en']}"}
        else:
            detail = {"fr": "ce n'est aucun des six niveaux", "en": "it is none of the six levels"}
        levels = {lang: ", ".join(RESPONSE_SCALE[lang]) for lang in LANGS}
        self.problem("R003", row, "vendor_response", requirement, id=requirement, answer=text[:80],
                     detail=detail, levels=levels)

    def _standard_everywhere(self) -> None:
        answered = [a for a in self.response.answers.values() if a.level]
        standard = sum(1 for a in answered if a.level == "standard")
        if len(answered) >= STANDARD_MIN_ANSWERS and standard >= STANDARD_SHARE * len(answered):
            share = round(100 * standard / len(answered))
            self.problem("R006", self.header, "vendor_response", share={"fr": f"{share}\u00a0%", "en": f"{share}%"},
                         level=_level_words("standard"))


def _level_words(level: str) -> dict:
    return {lang: RESPONSE_SCALE[lang][LEVELS.index(level)] for lang in LANGS}
