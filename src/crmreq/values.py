"""Read the value forms people write in a CRM specification, once, in one place.

Priorities ("indispensable", "Must-have"), quantities ("30 %", "12 000 contacts",
"p95 < 2 s"), durations ("4 à 6 semaines") and deadlines ("30/06/2026", "T3 2026",
"3 mois après la mise en production") are written freely, in French or in English. The
loader turns them into the typed values below while it builds the `Spec`; rules, exporters
and plugins only ever see the results. Keeping every grammar here means one behaviour: a
deadline the timeline rule understands is understood the same way by the SMART rules and by
the Word export, and there is a single place to extend when a user writes something new.

Everything here is pure (no I/O, no clock, no locale) and total: every public function
accepts any object and never raises. What cannot be read comes back as ``None`` or as a
value whose ``kind`` says so; the caller decides which finding to report.

Matching is insensitive to case, accents and typography: text is first *folded* (see
`fold`): accents dropped, casefolded, every dash to "-", curly apostrophes to "'", every
space (NBSP and narrow NBSP included) to one " ", "≤"/"≥" to "<="/">=".

Conventions and simplifications:

* Numbers: a comma is a decimal separator ("1,5") unless it separates groups of exactly
  three digits after a non-zero integer part of one to three digits ("12,000" = 12000,
  while "0,250" = 0.25 and "1,5" = 1.5). A single dot is always a decimal point ("1.500"
  = 1.5); several dots, or spaces/NBSP between groups of three digits, are thousands
  separators ("1.500.000", "12 000").
* Durations are counted in calendar days: week = 7, month = 30, quarter = 90,
  semester = 180, year = 365, hour = 1/24, and a working day ("jour ouvré", "jour
  ouvrable", "business/working day") = 1.4 (7/5). "Ouvrable" (Monday to Saturday) is
  treated like "ouvré": the difference is below an estimate's precision. "Up to N"
  gives 0..N; "at least N" gives N..N (no upper bound is known).
* Deadlines relative to go-live keep months apart from days; `Deadline.resolve` adds the
  months with calendar arithmetic (the day is clamped to the month's end: 31 January +
  1 month = 28/29 February), then the days. "End of Q1 after go-live" / "first quarter
  after go-live" mean go-live + 3 months, not the end of a calendar quarter. A month
  alone ("juin 2026", "2026-06") means its last day; a quarter or half-year its last day;
  "fin 2026" 31 December. "J+", "D+" count days, "M+" months, "S+"/"W+" weeks from
  go-live; "T+" needs a unit ("T+6 mois"): a bare "T+6" is ambiguous and invalid.
  Fiscal years ("Q3 FY2026") are read as calendar years. Numeric dates are day first
  ("03/04/2026" = 3 April); only an impossible day-first date ("06/30/2026") is read the
  American way. A deadline anchored to another event (contract signature, acceptance,
  kick-off) is "relative" but does not resolve: the spec only knows the go-live date.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
import unicodedata
from collections.abc import Mapping

from ._records import Record, record

__all__ = [
    "ABSOLUTE", "ANCHOR_NAMES", "DEADLINE_KINDS", "GO_LIVE", "INVALID", "PRIORITIES",
    "RELATIVE", "UNANCHORED", "Deadline", "Duration", "Quantity", "fold", "has_number",
    "normalise_comparator", "normalise_percentile", "normalise_unit", "parse_deadline",
    "parse_duration", "parse_priority", "parse_quantity",
]

# =====================================================================================
# Lexicons (folded spellings: lower case, no accents, "'" apostrophes, "-" dashes)
# =====================================================================================

PRIORITIES = ("must", "should", "could", "wont")

#: Every accepted spelling of a priority (after folding, "-"/"_" → " ", apostrophes removed).
PRIORITY_ALIASES: dict[str, str] = {
    "must": "must", "must have": "must", "musthave": "must", "indispensable": "must",
    "should": "should", "should have": "should", "shouldhave": "should", "important": "should",
    "could": "could", "could have": "could", "couldhave": "could", "confort": "could",
    "wont": "wont", "wont have": "wont", "wonthave": "wont",
}

#: Quantity units: folded spelling → canonical unit.
UNIT_ALIASES: dict[str, str] = {
    # ratios
    "%": "%", "pour cent": "%", "pourcent": "%", "pourcents": "%", "percent": "%",
    "per cent": "%", "pct": "%",
    "points": "pts", "point": "pts", "pts": "pts", "pt": "pts", "pp": "pts",
    "‰": "‰", "x": "x", "fois": "x",
    # time
    "ms": "ms", "msec": "ms", "milliseconde": "ms", "millisecondes": "ms",
    "millisecond": "ms", "milliseconds": "ms",
    "s": "s", "sec": "s", "secs": "s", "seconde": "s", "secondes": "s",
    "second": "s", "seconds": "s",
    "min": "min", "mins": "min", "mn": "min", "minute": "min", "minutes": "min",
    "h": "h", "hr": "h", "hrs": "h", "heure": "h", "heures": "h", "hour": "h", "hours": "h",
    "j": "days", "jour": "days", "jours": "days", "d": "days", "day": "days", "days": "days",
    "jours ouvres": "working days", "jour ouvre": "working days",
    "jours ouvrables": "working days", "jour ouvrable": "working days",
    "j ouvres": "working days", "jo": "working days",
    "business days": "working days", "business day": "working days",
    "working days": "working days", "working day": "working days",
    "semaine": "weeks", "semaines": "weeks", "sem": "weeks", "week": "weeks",
    "weeks": "weeks", "wk": "weeks", "wks": "weeks",
    "mois": "months", "month": "months", "months": "months", "mo": "months",
    "trimestre": "quarters", "trimestres": "quarters", "quarter": "quarters",
    "quarters": "quarters",
    "semestre": "semesters", "semestres": "semesters",
    "an": "years", "ans": "years", "annee": "years", "annees": "years",
    "year": "years", "years": "years", "yr": "years", "yrs": "years",
    # money
    "€": "€", "eur": "€", "euro": "€", "euros": "€",
    "k€": "k€", "keur": "k€", "k eur": "k€", "m€": "M€", "meur": "M€", "m eur": "M€",
    "$": "$", "usd": "$", "dollars": "$", "£": "£", "gbp": "£",
    # data sizes
    "ko": "KB", "kb": "KB", "mb": "MB", "go": "GB", "gb": "GB", "tb": "TB",
    # counts
    "rows": "rows", "row": "rows", "lignes": "rows", "ligne": "rows",
    "records": "records", "record": "records", "enregistrements": "records",
    "enregistrement": "records", "fiches": "records", "fiche": "records",
    "contacts": "contacts", "contact": "contacts",
    "comptes": "accounts", "compte": "accounts", "accounts": "accounts", "account": "accounts",
    "utilisateurs": "users", "utilisateur": "users", "users": "users", "user": "users",
    "utilisateurs simultanes": "concurrent users", "utilisateurs concurrents": "concurrent users",
    "concurrent users": "concurrent users", "simultaneous users": "concurrent users",
    "licences": "licences", "licence": "licences", "licenses": "licences", "license": "licences",
    "clics": "clicks", "clic": "clicks", "clicks": "clicks", "click": "clicks",
    "leads": "leads", "lead": "leads",
    "devis": "quotes", "quotes": "quotes", "quote": "quotes",
    "tickets": "tickets", "ticket": "tickets",
    "opportunites": "opportunities", "opportunite": "opportunities",
    "opportunities": "opportunities", "opportunity": "opportunities",
    "commandes": "orders", "commande": "orders", "orders": "orders", "order": "orders",
    "clients": "customers", "client": "customers", "customers": "customers",
    "customer": "customers",
    "appels": "calls", "appel": "calls", "calls": "calls", "call": "calls",
    "rendez-vous": "meetings", "rdv": "meetings", "meetings": "meetings", "meeting": "meetings",
    "requetes": "requests", "requete": "requests", "requests": "requests", "request": "requests",
    "req": "requests", "req/s": "requests/s", "rps": "requests/s",
    "emails": "emails", "email": "emails", "e-mails": "emails", "e-mail": "emails",
    "mails": "emails", "mail": "emails",
    "factures": "invoices", "facture": "invoices", "invoices": "invoices", "invoice": "invoices",
}

#: Units whose meaning depends on case, checked on the text as written before folding.
CASE_SENSITIVE_UNITS: dict[str, str] = {
    "Mo": "MB", "MO": "MB", "Go": "GB", "GO": "GB", "To": "TB", "TO": "TB",
    "Ko": "KB", "KO": "KB",
}

#: Denominators of rates ("500 leads par mois" → "leads/month"): folded → canonical.
RATE_DENOMINATORS: dict[str, str] = {
    "s": "s", "sec": "s", "seconde": "s", "second": "s",
    "min": "min", "minute": "min",
    "h": "h", "heure": "h", "hour": "h",
    "j": "day", "jour": "day", "day": "day",
    "semaine": "week", "sem": "week", "week": "week",
    "mois": "month", "month": "month",
    "an": "year", "annee": "year", "year": "year",
    "utilisateur": "user", "user": "user", "commercial": "user", "rep": "user",
}

#: Comparators written before or after a number: folded → symbol.
COMPARATOR_WORDS: dict[str, str] = {
    "<": "<", "<=": "<=", "=<": "<=", ">": ">", ">=": ">=", "=>": ">=",
    "moins de": "<", "en moins de": "<", "inferieur a": "<", "inferieure a": "<",
    "less than": "<", "under": "<", "below": "<", "fewer than": "<", "lower than": "<",
    "sous": "<",
    "au plus": "<=", "au maximum": "<=", "au max": "<=", "maximum": "<=", "max": "<=",
    "max.": "<=", "maxi": "<=", "jusqu'a": "<=", "up to": "<=", "at most": "<=",
    "no more than": "<=", "not more than": "<=", "within": "<=", "pas plus de": "<=",
    "inferieur ou egal a": "<=", "inferieure ou egale a": "<=", "not exceeding": "<=",
    "plus de": ">", "more than": ">", "over": ">", "above": ">", "greater than": ">",
    "superieur a": ">", "superieure a": ">", "higher than": ">", "au-dela de": ">",
    "au moins": ">=", "au minimum": ">=", "minimum": ">=", "min": ">=", "min.": ">=",
    "mini": ">=", "at least": ">=", "no less than": ">=", "not less than": ">=",
    "superieur ou egal a": ">=", "superieure ou egale a": ">=",
}

#: Comparators written after the number and unit ("3 clics max", "10 users or more").
POSTFIX_COMPARATORS: dict[str, str] = {
    "au maximum": "<=", "au max": "<=", "au plus": "<=", "maximum": "<=", "max": "<=",
    "max.": "<=", "maxi": "<=", "at most": "<=", "or less": "<=", "or fewer": "<=",
    "ou moins": "<=", "tops": "<=",
    "au minimum": ">=", "au moins": ">=", "minimum": ">=", "mini": ">=", "at least": ">=",
    "or more": ">=", "ou plus": ">=", "et plus": ">=", "and more": ">=", "and above": ">=",
    "ou davantage": ">=",
}

#: Time units for durations and deadline offsets: folded → (days per unit, months per unit).
#: Months per unit is None for units counted in days (they are added as days).
TIME_UNITS: dict[str, tuple[float, int | None]] = {
    **dict.fromkeys(("h", "heure", "heures", "hour", "hours", "hr", "hrs"), (1 / 24, None)),
    **dict.fromkeys(("j", "jour", "jours", "d", "day", "days", "jours calendaires",
                     "calendar days"), (1.0, None)),
    **dict.fromkeys(("jours ouvres", "jour ouvre", "jours ouvrables", "jour ouvrable",
                     "j ouvres", "j ouvrables", "jo", "business days", "business day",
                     "working days", "working day"), (1.4, None)),
    **dict.fromkeys(("sem", "semaine", "semaines", "w", "wk", "wks", "week", "weeks"),
                    (7.0, None)),
    **dict.fromkeys(("mois", "mo", "mth", "mths", "month", "months"), (30.0, 1)),
    **dict.fromkeys(("trimestre", "trimestres", "quarter", "quarters"), (90.0, 3)),
    **dict.fromkeys(("semestre", "semestres", "half-year", "half-years", "half year",
                     "half years", "half"), (180.0, 6)),
    **dict.fromkeys(("an", "ans", "annee", "annees", "year", "years", "yr", "yrs"),
                    (365.0, 12)),
}

#: Small numbers written as words ("six mois après le lancement", "a month after go-live").
NUMBER_WORDS: dict[str, int] = {
    "un": 1, "une": 1, "one": 1, "a": 1, "an": 1, "deux": 2, "two": 2, "trois": 3,
    "three": 3, "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7,
    "seven": 7, "huit": 8, "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10,
    "onze": 11, "eleven": 11, "douze": 12, "twelve": 12, "quinze": 15, "fifteen": 15,
    "dix-huit": 18, "eighteen": 18, "vingt": 20, "twenty": 20, "vingt-quatre": 24,
    "twenty-four": 24, "trente": 30, "thirty": 30, "soixante": 60, "sixty": 60,
    "quatre-vingt-dix": 90, "ninety": 90,
}

#: Ordinals written as words; "3e", "2nd", "1er"… are read by `_ORDINAL_SUFFIX_RE`.
ORDINAL_WORDS: dict[str, int] = {
    "premier": 1, "premiere": 1, "first": 1, "deuxieme": 2, "second": 2, "seconde": 2,
    "troisieme": 3, "third": 3, "quatrieme": 4, "fourth": 4,
}

#: Month names and abbreviations, French and English.
MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}

#: The anchor a relative deadline is counted from.
GO_LIVE = "go_live"

#: Events a deadline can be anchored to: anchor → folded names. Only go-live is known to
#: the spec (`timeline.go_live`); the others are recognised so that a deadline anchored to
#: them is not reported as unreadable or unanchored, but they do not resolve to a date.
ANCHOR_NAMES: dict[str, tuple[str, ...]] = {
    GO_LIVE: (
        "go-live", "go live", "golive", "go-live date", "launch", "rollout", "roll-out",
        "roll out", "deployment", "production", "go to production", "production launch",
        "mise en production", "mise en prod", "mep", "mise en service", "mise en ligne",
        "mise en exploitation", "lancement", "demarrage", "deploiement", "bascule",
        "cut-over", "cutover", "cut over", "t0", "j0", "d0", "exploitation", "operation",
        "operations",
    ),
    "kickoff": (
        "kick-off", "kickoff", "kick off", "lancement du projet", "demarrage du projet",
        "debut du projet", "project start", "project kick-off", "project kickoff",
        "start of the project",
    ),
    "contract_signature": (
        "signature du contrat", "signature", "contract signature", "signing",
        "signature of the contract", "notification du marche",
    ),
    "acceptance": ("recette", "vabf", "vsr", "acceptance", "user acceptance", "uat"),
}

#: Deadlines relative to nothing but "now" (rule S009), compared after folding.
VAGUE_DEADLINES: frozenset[str] = frozenset({
    "asap", "a.s.a.p.", "a.s.a.p", "as soon as possible", "au plus vite", "au plus tot",
    "des que possible", "le plus tot possible", "le plus vite possible", "rapidement",
    "tres rapidement", "vite", "immediatement", "immediately", "tout de suite",
    "court terme", "a court terme", "moyen terme", "a moyen terme", "long terme",
    "a long terme", "short term", "short-term", "in the short term", "medium term",
    "medium-term", "mid-term", "mid term", "long term", "long-term", "in the long term",
    "next year", "l'annee prochaine", "l'an prochain", "annee prochaine", "an prochain",
    "l'annee suivante", "next quarter", "le trimestre prochain", "trimestre prochain",
    "next month", "le mois prochain", "mois prochain", "this year", "cette annee",
    "this quarter", "ce trimestre", "end of year", "end of the year", "year end",
    "year-end", "fin d'annee", "fin de l'annee", "fin de cette annee", "fin du mois",
    "end of month", "end of the month", "fin du trimestre", "end of quarter",
    "end of the quarter", "fin du semestre", "a la rentree", "la rentree", "avant l'ete",
    "before summer", "before the summer", "cet ete", "this summer",
})

DEADLINE_KINDS = ("absolute", "relative", "unanchored", "invalid")
ABSOLUTE, RELATIVE, UNANCHORED, INVALID = DEADLINE_KINDS


# =====================================================================================
# Values
# =====================================================================================

@record
class Quantity(Record):
    """A measured amount as written ("30 %", "p95 < 2 s", "12 000 contacts", "2-3 s")."""

    value: float | None
    unit: str
    text: str
    percentile: str | None = None
    upper: float | None = None
    comparator: str | None = None


@record
class Duration(Record):
    """A phase length in calendar days, as a range (see the module docstring for units)."""

    min_days: float
    max_days: float
    text: str


@record
class Deadline(Record):
    """A deadline: an absolute date, an offset from an event, a delay from nothing, or unreadable.

    ``kind`` is "absolute" (``date`` set), "relative" (``anchor``, ``offset_months`` and
    ``offset_days`` set), "unanchored" (a delay or a vague term with no event: "dans 6 mois",
    "ASAP"; offsets set when a number was given) or "invalid".
    """

    kind: str
    text: str
    date: datetime.date | None = None
    offset_days: int | None = None
    offset_months: int = 0
    anchor: str | None = None

    def resolve(self, go_live: datetime.date | None) -> datetime.date | None:
        """The calendar date: absolute → itself; relative to go-live → go-live + offset; else None."""
        if self.kind == ABSOLUTE:
            return self.date
        if self.kind != RELATIVE or self.anchor != GO_LIVE:
            return None
        if isinstance(go_live, datetime.datetime):
            go_live = go_live.date()
        if not isinstance(go_live, datetime.date):
            return None
        try:
            shifted = _add_months(go_live, int(self.offset_months or 0))
            return shifted + datetime.timedelta(days=int(self.offset_days or 0))
        except (OverflowError, ValueError, TypeError):
            return None


# =====================================================================================
# Folding
# =====================================================================================

_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d")
_APOSTROPHES = frozenset("\u2019\u2018\u201b\u02bc\u02b9\u00b4\u0060\u2032")
_SYMBOLS = {"≤": "<=", "⩽": "<=", "≦": "<=", "≥": ">=", "⩾": ">=", "≧": ">=",
            "×": "x", "≈": "~"}


@functools.lru_cache(maxsize=4096)   # one character at a time: the same few come back
def _fold_char(ch: str) -> str:
    if ch in _DASHES:
        return "-"
    if ch in _APOSTROPHES:
        return "'"
    if ch.isspace():
        return " "
    if ch in _SYMBOLS:
        return _SYMBOLS[ch]
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold_map(text: str) -> tuple[str, list[int]]:
    """Fold `text`; also answer, for each folded character, the index it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for c in _fold_char(ch):
            if c.isspace():
                if not chars or chars[-1] == " ":
                    continue
                c = " "
            chars.append(c)
            origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def fold(text: str) -> str:
    """Text for matching: no accents, casefolded, one kind of dash, apostrophe and space."""
    if not isinstance(text, str):
        return ""
    return _fold_map(text)[0]


# =====================================================================================
# Regex building blocks
# =====================================================================================

class _lazy:  # noqa: N801 (used like re.compile)
    """A module-level regular expression (or tuple of them) compiled on first use.

    The grammars below are large alternations: compiling all of them cost 50–60 ms at
    every start, while a spec with no duration or relative deadline never needs those. On
    first use the compiled pattern replaces this placeholder in the module's namespace
    (`_name_lazy_patterns` tells each placeholder its name), so later calls pay nothing.
    """

    __slots__ = ("sources", "name", "compiled")

    def __init__(self, *sources: str):
        self.sources, self.name, self.compiled = sources, None, None

    def get(self):
        compiled = self.compiled
        if compiled is None:
            patterns = tuple(re.compile(_expand(source)) for source in self.sources)
            compiled = self.compiled = patterns[0] if len(patterns) == 1 else patterns
            if self.name is not None:
                globals()[self.name] = compiled
        return compiled

    def __getattr__(self, attr):        # pattern.match, .search, .sub…
        return getattr(self.get(), attr)

    def __iter__(self):                 # a tuple of patterns
        return iter(self.get())


def _name_lazy_patterns(namespace: dict) -> None:
    for name, value in namespace.items():
        if isinstance(value, _lazy):
            value.name = name


_WORD_END = r"(?![\w'])"
_WORD_LISTS: list = []          # the word lists of `_alternation`, by placeholder number


def _alternation(words) -> str:
    """A regex alternation of literal `words`, longest first, each ending on a word boundary
    when it ends with a letter or digit.

    Returns a placeholder ("\\x00<n>\\x00") that patterns are assembled with; `_expand`
    writes the alternation itself when a `_lazy` pattern is compiled, so that a run pays
    only for the grammars it uses.
    """
    _WORD_LISTS.append(words if isinstance(words, (dict, tuple, list)) else tuple(words))
    return f"\x00{len(_WORD_LISTS) - 1}\x00"


def _expand(source: str) -> str:
    """`source` with its `_alternation` placeholders replaced by the alternations."""
    if "\x00" not in source:
        return source
    return re.sub("\x00([0-9]+)\x00", lambda m: _alternation_text(int(m.group(1))), source)


@functools.lru_cache(maxsize=None)
def _alternation_text(index: int) -> str:
    """The alternation of word list `index`, written as a prefix tree.

    ("mois|month|months" → "m(?:ois|onths?)…"): at any position the words that can match
    are prefixes of one another, and the tree tries the longer ones first, so it matches
    exactly what "longest|…|shortest" matches, backtracking included; but it is half as
    long, and compiling these grammars is most of a cold start's regex cost. The boundary
    is written once after a subtree whose words all need it.
    """
    tree: dict = {}
    for word in set(_WORD_LISTS[index]):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = word[-1].isalnum()          # end of a word: does it need the boundary?

    def emit(node) -> tuple[str, bool]:        # (regex, every word below needs the boundary)
        children = [(re.escape(ch), *emit(child)) for ch, child in sorted(node.items()) if ch]
        uniform = all(needs for _, _, needs in children) and node.get("", True)
        alternatives = [ch + (sub if uniform or not needs else sub + _WORD_END) for ch, sub, needs in children]
        if "" in node:                          # the word ending here, after the longer ones
            alternatives.append("" if uniform or not node[""] else _WORD_END)
        if len(alternatives) == 1:
            return alternatives[0], uniform
        return "(?:" + "|".join(alternatives) + ")", uniform

    body, uniform = emit(tree)
    return "(?:" + body + (_WORD_END if uniform else "") + ")"


_NUM = (
    r"(?:[1-9]\d{0,2}(?: \d{3})+(?:[.,]\d+)?(?!\d)"      # 12 000 / 12 000,5
    r"|[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?(?![\d,])"       # 12,000 / 1,234.5
    r"|[1-9]\d{0,2}(?:\.\d{3}){2,}(?:,\d+)?(?![\d.])"    # 1.500.000
    r"|\d+(?:[.,]\d+)?"                                  # 30 / 1,5 / 99.9
    r"|[.,]\d+)"                                         # .5
)
_NUMBER_RE = _lazy(rf"(?<![\w.,]){_NUM}")
_THOUSANDS_COMMA_RE = _lazy(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")

_TIME_UNIT = _alternation(TIME_UNITS)
_WORD_NUMBER = _alternation(NUMBER_WORDS)
_COUNT = rf"(?:\d+(?:[.,]\d+)?|(?<![\w']){_WORD_NUMBER})"
_MONTH = _alternation(MONTHS)
_ORDINAL_SUFFIX_RE = _lazy(r"(\d{1,3})(?:eme|ere|er|re|e|st|nd|rd|th|d)")
_ORDINAL = (r"(?:" + _alternation(ORDINAL_WORDS)
            + r"|\d{1,3}(?:eme|ere|er|re|e|st|nd|rd|th|d)(?![\w']))")
_DAY_SUFFIX = r"(?:er|re|st|nd|rd|th|e)?"


def _number_value(token: str) -> float:
    """The float a `_NUM`/`_COUNT` token stands for (inf or nan when too large to count)."""
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    t = token.replace(" ", "")
    if "," in t and "." in t:
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", "")
    elif "," in t:
        t = t.replace(",", "") if _THOUSANDS_COMMA_RE.fullmatch(t) else t.replace(",", ".")
    elif t.count(".") > 1:
        t = t.replace(".", "")
    try:
        return float(t)
    except ValueError:  # unreachable for regex-checked tokens; keeps the function total
        return math.nan


def _finite(value: float) -> bool:
    return math.isfinite(value)


def _ordinal_value(token: str) -> int | None:
    if token in ORDINAL_WORDS:
        return ORDINAL_WORDS[token]
    m = _ORDINAL_SUFFIX_RE.fullmatch(token)
    return int(m.group(1)) if m else None


def _safe_text(raw) -> str:
    try:
        return str(raw)
    except Exception:  # a foreign object with a broken __str__: never raise from here
        return type(raw).__name__


# =====================================================================================
# Priority
# =====================================================================================

def parse_priority(raw) -> str | None:
    """The priority ("must", "should", "could", "wont") an accepted spelling stands for, else None.

    Accepted: the four keys, the French "indispensable"/"important"/"confort" (PRODUCT.md §1)
    and the MoSCoW long forms ("Must-have", "won't have"), whatever the case and accents.
    """
    if not isinstance(raw, str):
        return None
    return _priority_of(raw)


@functools.lru_cache(maxsize=4096)
def _priority_of(raw: str) -> str | None:
    """Cached: a spec repeats a handful of spellings over thousands of items, and both the
    schema check and the model ask."""
    key = re.sub(r"[-_ ]+", " ", fold(raw).replace("'", "")).strip()
    return PRIORITY_ALIASES.get(key) or PRIORITY_ALIASES.get(key.replace(" ", ""))


# =====================================================================================
# Quantity
# =====================================================================================

_PERCENTILE_RES = _lazy(
    r"\(? ?(?<![\w'])p(\d{1,2}(?:[.,]\d+)?)(?![\w]) ?\)?",
    r"\(? ?(?<![\w'.,])(\d{1,2}(?:[.,]\d+)?) ?(?:eme|e|th|st|nd|rd)? ?"
        r"(?:percentile|centile)s?(?![\w]) ?\)?",
    r"\(? ?(?<![\w'])(?:percentile|centile) ?(\d{1,2}(?:[.,]\d+)?)(?![\w]) ?\)?",
    r"\(? ?(?<![\w'])(?:median|mediane)(?![\w]) ?\)?",
)
# "pour 95 % des requêtes", "for 95% of requests": a percentile only when another number follows.
_PERCENT_OF_RE = _lazy(
    r"(?<![\w'])(?:pour|for|dans|in) (\d{1,2}(?:[.,]\d+)?) ?% (?:des|du|de la|de l'|of)(?![\w])")

_UNIT_RE = _lazy(r" ?(?P<u>" + _alternation(UNIT_ALIASES) + ")")
_RATE_RE = _lazy(r" ?(?:/ ?|par |per |a |an |each |chaque |every )(?P<r>"
                 + _alternation([w + "s" for w in RATE_DENOMINATORS] + list(RATE_DENOMINATORS))
                 + ")")
_OTHER_UNIT_RE = _lazy(r" ?(?P<u>[^\W\d_][\w'-]*|[$£€%‰°#/][\w/]*)")
_POSTFIX_CMP_RE = _lazy(r" ?(?P<c>" + _alternation(POSTFIX_COMPARATORS) + ")")
_PREFIX_CMP_RE = _lazy(
    r"(?:(?P<sym><=|=<|>=|=>|<|>)|(?<![\w'])(?P<word>"
    + _alternation(k for k in COMPARATOR_WORDS if k[0].isalpha()) + r")) ?:? ?$")
_PREFIX_SIGN_RE = _lazy(r"(?:^|(?<=[\s<>=(~]))([+-]) ?$")
_PREFIX_CURRENCY_RE = _lazy(r"(?:^|(?<=[\s<>=(~+-]))(?P<c>€|\$|£|eur|usd|gbp) ?$")
_BETWEEN_RE = _lazy(r"(?<![\w'])(?:entre|between|from|de) ?$")
_RANGE_RE = _lazy(
    rf" ?(?P<u1>%|[a-z€$£]+\.?)? ?(?P<sep>-|a|au|to|et|and|jusqu'a) ?(?P<neg>-)?(?P<n2>{_NUM})")


def normalise_unit(unit) -> str:
    """Canonical spelling of a unit ("secondes" → "s", "pour cent" → "%"); unknown units as written."""
    if not isinstance(unit, str):
        return "" if unit is None else _safe_text(unit).strip()
    written = " ".join(unit.split())
    if written in CASE_SENSITIVE_UNITS:
        return CASE_SENSITIVE_UNITS[written]
    return UNIT_ALIASES.get(fold(written), written)


def normalise_percentile(raw) -> str | None:
    """Percentile label: "p95" for "p95", "P95", 95, "95e percentile"; "p50" for "médiane"; else None."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float)):
        return _percentile_label(_safe_text(raw)) if _finite(float(raw)) and 0 <= raw <= 100 else None
    if not isinstance(raw, str):
        return None
    text = fold(raw)
    if re.fullmatch(r"\d{1,2}(?:[.,]\d+)?|100", text):
        return _percentile_label(text)
    for pattern in _PERCENTILE_RES:
        m = pattern.fullmatch(text)
        if m:
            return _percentile_label(m.group(1)) if m.groups() else "p50"
    return None


def _percentile_label(number: str) -> str:
    number = number.replace(",", ".")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return "p" + number


def normalise_comparator(raw) -> str | None:
    """Comparator symbol ("<", "<=", ">", ">=") for a symbol or word ("≤", "au moins", "at most")."""
    if not isinstance(raw, str):
        return None
    return COMPARATOR_WORDS.get(fold(raw)) or POSTFIX_COMPARATORS.get(fold(raw))


def parse_quantity(raw) -> Quantity | None:
    """Read a quantity from a number, a mapping ``{value, unit, percentile}`` or a short text.

    None for None and for things that cannot hold a quantity (bool, list, date…). A text
    with no number gives ``Quantity(value=None, unit="", text=...)``.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, Quantity):
        return raw
    if isinstance(raw, (int, float)):
        value = float(raw) if _finite(float(raw)) else None
        return Quantity(value, "", _safe_text(raw))
    if isinstance(raw, str):
        return _quantity_from_text(raw)
    if isinstance(raw, Mapping):
        try:
            return _quantity_from_mapping(raw)
        except Exception:  # a foreign Mapping whose access fails: not a quantity
            return None
    return None


def _quantity_from_mapping(raw: Mapping) -> Quantity:
    """``{value, unit, percentile}``; the text is rebuilt from what was written."""
    value_raw, unit_raw, percentile_raw = raw.get("value"), raw.get("unit"), raw.get("percentile")
    parsed = parse_quantity(value_raw) if isinstance(value_raw, (str, int, float)) else None
    if parsed is None:
        parsed = Quantity(None, "", "" if value_raw is None else _safe_text(value_raw))
    unit = parsed.unit if unit_raw is None else normalise_unit(unit_raw)
    percentile = normalise_percentile(percentile_raw) or parsed.percentile
    parts = [parsed.text.strip() if isinstance(value_raw, str) else parsed.text]
    if unit_raw is not None:
        parts.append(_safe_text(unit_raw).strip())
    if percentile_raw is not None:
        parts.append(f"({_safe_text(percentile_raw).strip()})")
    text = " ".join(part for part in parts if part)
    return Quantity(parsed.value, unit, text, percentile, parsed.upper, parsed.comparator)


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, so that indices stay valid."""
    return text[:start] + " " * (end - start) + text[end:]


@functools.lru_cache(maxsize=4096)   # the schema check and the model read the same texts
def _quantity_from_text(raw: str) -> Quantity:
    text = raw.strip()
    work, origin = _fold_map(text)

    percentile = None
    for pattern in _PERCENTILE_RES:
        m = pattern.search(work)
        if m:
            percentile = _percentile_label(m.group(1)) if m.groups() else "p50"
            work = _blank(work, *m.span())
            break
    if percentile is None:
        m = _PERCENT_OF_RE.search(work)
        if m and _NUMBER_RE.search(work, m.end()):
            percentile = _percentile_label(m.group(1))
            work = _blank(work, *m.span())

    number = _NUMBER_RE.search(work)
    if number is None:
        return Quantity(None, "", text, percentile)
    value = _number_value(number.group())
    if not _finite(value):
        return Quantity(None, "", text, percentile)

    # Before the number: currency symbol, sign, comparator, "entre"/"between".
    prefix = work[:number.start()].rstrip()
    prefix_unit = ""
    m = _PREFIX_CURRENCY_RE.search(prefix)
    if m:
        prefix_unit = UNIT_ALIASES[m.group("c")]
        prefix = prefix[:m.start()].rstrip()
    m = _PREFIX_SIGN_RE.search(prefix)
    if m:
        value = -value if m.group(1) == "-" else value
        prefix = prefix[:m.start()].rstrip()
    comparator = None
    m = _PREFIX_CMP_RE.search(prefix)
    if m:
        comparator = COMPARATOR_WORDS[m.group("sym") or m.group("word")]
    between = bool(_BETWEEN_RE.search(prefix))

    # After the number: multiplier, range, unit, rate, postfix comparator.
    pos = number.end()
    value, pos, multiplier = _apply_multiplier(text, work, origin, pos, value)
    upper = None
    m = _RANGE_RE.match(work, pos)
    if m and (m.group("sep") not in ("et", "and") or between):
        upper_value = _number_value(m.group("n2"))
        if _finite(upper_value):
            upper_value = -upper_value if m.group("neg") else upper_value
            upper_value, end, upper_multiplier = _apply_multiplier(
                text, work, origin, m.end(), upper_value)
            unit_after, _ = _read_unit(text, work, origin, end)
            unit_before = m.group("u1")
            if unit_before is None or normalise_unit(unit_before.rstrip(".")) == unit_after:
                if upper_multiplier != 1 and multiplier == 1:
                    value *= upper_multiplier
                upper, pos = upper_value, end

    unit, pos = _read_unit(text, work, origin, pos)
    if not unit and prefix_unit:
        unit = prefix_unit
    m = _POSTFIX_CMP_RE.match(work, pos)
    if m and comparator is None:
        comparator = POSTFIX_COMPARATORS[m.group("c")]
    if not _finite(value) or (upper is not None and not _finite(upper)):  # "1e308M"
        value = upper = None
    return Quantity(value, unit, text, percentile, upper, comparator)


def _apply_multiplier(text, work, origin, pos, value):
    """Apply a glued multiplier: "10k" → 10000, "1.5M" → 1.5e6 ("15 k€", "15k€" keep k€ as unit)."""
    if re.match(r"k(?![\w€'$£])", work[pos:pos + 2]):
        return value * 1000, pos + 1, 1000
    if (re.match(r"m(?![\w€'$£])", work[pos:pos + 2]) and pos < len(origin)
            and text[origin[pos]] == "M"):
        return value * 1e6, pos + 1, 1e6
    return value, pos, 1


def _read_unit(text, work, origin, pos) -> tuple[str, int]:
    """The canonical unit at `pos`: a known unit (with its rate), else the next word as written."""
    m = _UNIT_RE.match(work, pos)
    if m:
        start, end = m.span("u")
        written = text[origin[start]:origin[end - 1] + 1]
        if written in CASE_SENSITIVE_UNITS:
            return CASE_SENSITIVE_UNITS[written], end
        unit = UNIT_ALIASES[m["u"]]
        if unit not in ("%", "pts", "‰", "x"):
            rate = _RATE_RE.match(work, end)
            if rate:
                denominator = rate["r"]
                key = denominator if denominator in RATE_DENOMINATORS else denominator[:-1]
                unit, end = f"{unit}/{RATE_DENOMINATORS[key]}", rate.end()
        return unit, end
    if _POSTFIX_CMP_RE.match(work, pos):
        return "", pos
    m = _OTHER_UNIT_RE.match(work, pos)
    if m:
        start, end = m.span("u")
        written = text[origin[start]:origin[end - 1] + 1]
        return CASE_SENSITIVE_UNITS.get(written, written), end
    return "", pos


# =====================================================================================
# Measurability (rule S005)
# =====================================================================================

_LONG_TIME_UNIT = _alternation(k for k, (_, months) in TIME_UNITS.items() if months)
_ANCHOR_NAME = _alternation(n for names in ANCHOR_NAMES.values() for n in names)
_NOT_A_MEASURE_RES = _lazy(
    # dates and calendar periods
    r"\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}/\d{4}",
    rf"(?<![\w'])(?:\d{{1,2}}{_DAY_SUFFIX} )?{_MONTH}\.?(?: \d{{1,2}}(?![\d,.]){_DAY_SUFFIX},?)?"
        rf"(?: \d{{4}})?",
    r"(?<![\w'])[qtsh][1-4](?: ?(?:fy ?)?\d{4})?(?![\w])|(?<![\w'])\d{4}[ -]?[qtsh][1-4](?![\w])",
    rf"(?<![\w']){_ORDINAL} (?:trimestre|semestre|quarter|half)(?: of| de)?(?: \d{{4}})?",
    # offsets and delays: "J+90", "dans 6 mois", "6 months after go-live"
    r"(?<![\w'])[tjdmsw]0? ?[+-] ?\d+",
    rf"(?<![\w'])(?:dans|d'ici|sous|en|within|in|by|apres|after|au bout de|au cours des"
        rf"|over|during|pendant|sur)(?: les| the| un delai de| a delay of| next| the next"
        rf"| the first| les premiers)? {_COUNT} (?:prochains |prochaines |next )?{_LONG_TIME_UNIT}",
    rf"(?<![\w.,]){_COUNT} ?{_TIME_UNIT}\.?(?: \w+)? (?:apres|suivant|qui suivent|after|following"
        rf"|post|from|of|a compter de|a partir de|avant|before)(?: le| la| l'| du| de la| the)?"
        rf" ?{_ANCHOR_NAME}",
    rf"(?<![\w.,]){_COUNT} ?{_LONG_TIME_UNIT} (?:apres|after|later|plus tard)(?![\w])",
)
_YEAR_RE = _lazy(r"(?<![\w.,])(?:19|20)\d{2}(?![\w.,])")
_MULTIPLIER_RE = _lazy(r"(?<![\w])x ?\d")


def has_number(text) -> bool:
    """Whether `text` states a measurable quantity: a number that is not a date, a year or a deadline.

    "Porter le taux de 18 % à 25 %" → True; "Mieux vendre d'ici fin 2026" → False;
    "Améliorer la satisfaction dans 6 mois" → False. Number words do not count.
    """
    if isinstance(text, bool):
        return False
    if isinstance(text, (int, float)):
        return _finite(float(text))
    if not isinstance(text, str):
        return False
    work = fold(text)
    for pattern in _NOT_A_MEASURE_RES:
        work = pattern.sub(" ", work)
    work = _YEAR_RE.sub(lambda m: m.group() if _UNIT_RE.match(work, m.end()) else " ", work)
    return bool(_NUMBER_RE.search(work) or _MULTIPLIER_RE.search(work))


# =====================================================================================
# Duration
# =====================================================================================

_APPROX = _alternation(("environ", "env.", "env", "approx.", "approx", "approximativement",
                        "approximately", "about", "around", "roughly", "circa", "ca.", "~",
                        "+/-", "a peu pres"))
_UPPER_WORDS = ("jusqu'a", "up to", "au plus", "au maximum", "au max", "maximum", "max",
                "max.", "moins de", "en moins de", "less than", "under", "within", "sous",
                "at most", "no more than", "pas plus de")
_LOWER_WORDS = ("au moins", "at least", "minimum", "min", "min.", "au minimum", "plus de",
                "more than", "over", "no less than", "not less than")
_TRAILING_UPPER = ("maximum", "max", "max.", "au maximum", "au max", "au plus", "at most",
                   "or less", "ou moins")
_TRAILING_LOWER = ("minimum", "au minimum", "au moins", "at least", "or more", "ou plus")

_DURATION_RE = _lazy(
    rf"(?:(?:entre|between|de|from) )?(?P<a>{_COUNT})(?: ?(?P<ua>{_TIME_UNIT})\.?)?"
    rf"(?: ?(?:-|a|au|to|et|and|ou|or) ?(?P<b>{_COUNT}))?(?: ?(?P<u>{_TIME_UNIT})\.?)?")
_SPRINTS_RE = _lazy(
    rf"(?P<n>{_COUNT}) ?(?:sprints? (?:de|of)|x) (?P<m>{_COUNT}) ?(?P<u>{_TIME_UNIT})\.?")
_UPPER_RE = _lazy(r"^" + _alternation(_UPPER_WORDS) + " ?")
_LOWER_RE = _lazy(r"^" + _alternation(_LOWER_WORDS) + " ?")
_TRAILING_UPPER_RE = _lazy(r" " + _alternation(_TRAILING_UPPER) + "$")
_TRAILING_LOWER_RE = _lazy(r" " + _alternation(_TRAILING_LOWER) + "$")
_PARENTHESES_RE = _lazy(r"\([^()]*\)")
_APPROX_RE = _lazy(rf"^{_APPROX} ?| {_APPROX}$| or so$")


def parse_duration(raw) -> Duration | None:
    """Read a phase duration ("4-6 weeks", "4 à 6 semaines", "15 jours ouvrés", 10 = days).

    None when it cannot be read, when negative, or when a range is reversed ("6-4 weeks").
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, Duration):
        return raw
    if isinstance(raw, (int, float)):
        days = float(raw)
        return Duration(days, days, _safe_text(raw)) if _finite(days) and days >= 0 else None
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    s = _PARENTHESES_RE.sub(" ", fold(text))
    s = re.sub(r"[ .;,!]+$", "", " ".join(s.split()))
    s = _APPROX_RE.sub("", s).strip()
    lower_only = upper_only = False
    for pattern, flag in ((_UPPER_RE, "upper"), (_LOWER_RE, "lower"),
                          (_TRAILING_UPPER_RE, "upper"), (_TRAILING_LOWER_RE, "lower")):
        m = pattern.search(s)
        if m:
            s = (s[:m.start()] + s[m.end():]).strip()
            upper_only, lower_only = flag == "upper", flag == "lower"
            break
    bounds = _duration_bounds(s)
    if bounds is None:
        return None
    low, high = bounds
    if upper_only:
        low = 0.0
    elif lower_only:
        high = low
    return Duration(low, high, text)


def _duration_bounds(s: str) -> tuple[float, float] | None:
    """(min, max) days for folded `s` without its qualifiers, or None."""
    m = _SPRINTS_RE.fullmatch(s)
    if m:  # "3 sprints de 2 semaines"
        days = _number_value(m["n"]) * _number_value(m["m"]) * TIME_UNITS[m["u"]][0]
        return (days, days) if _finite(days) else None
    m = _DURATION_RE.fullmatch(s)
    if m is None:
        return None
    if m["b"] is None:  # "6 semaines", or a bare number of days
        if m["ua"] and m["u"]:
            return None
        unit = m["u"] or m["ua"]
        if unit is None and not s[:1].isdigit():
            return None
        days = _number_value(m["a"]) * (TIME_UNITS[unit][0] if unit else 1.0)
        return (days, days) if _finite(days) else None
    if m["u"] is None:  # "4-6": a range needs a unit
        return None
    low = _number_value(m["a"]) * TIME_UNITS[m["ua"] or m["u"]][0]
    high = _number_value(m["b"]) * TIME_UNITS[m["u"]][0]
    return (low, high) if _finite(low) and _finite(high) and low <= high else None


# =====================================================================================
# Deadline
# =====================================================================================

def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days


def _end_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, _days_in_month(year, month))


def _add_months(day: datetime.date, months: int) -> datetime.date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return datetime.date(year, month0 + 1, min(day.day, _days_in_month(year, month0 + 1)))


_LEAD_WORDS = (
    "d'ici a", "d'ici au", "d'ici", "avant le", "avant la", "avant", "au plus tard le",
    "au plus tard la", "au plus tard en", "au plus tard", "pour le", "pour la", "pour", "le",
    "la", "les", "by the", "by", "before the", "before", "no later than", "not later than",
    "at the latest by", "until", "till", "jusqu'au", "jusqu'a", "on", "at", "au", "the",
    "dans", "in", "within", "sous", "en", "des", "upon", "lors de", "lors du",
    "au moment de", "au moment du", "deadline", "echeance", "due by", "due", "prevu pour",
    "prevu le", "prevue pour", "prevue le", "un delai de", "a delay of", "a period of",
    "horizon", "a l'horizon de", "a horizon", "target", "cible", "the next", "next",
    "over the next", "au cours des", "au cours du", "durant les", "during the", "sur",
    "pendant", "over",
)
_LEAD_RE = _lazy(r"^(?:" + _alternation(_LEAD_WORDS) + r"(?: ?:)? |l'|a (?!"
                 + _TIME_UNIT + r"))")
_TRAIL_RE = _lazy(r"(?: ?[.!;,]| au plus tard| at the latest| latest| au maximum| maximum"
                  r"| max| environ| or so| approximately)$")

_ISO_RE = _lazy(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
                r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?")
_ISO_MONTH_RE = _lazy(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})")
_NUMERIC_DATE_RE = _lazy(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})")
_NUMERIC_MONTH_RE = _lazy(r"(?P<m>\d{1,2})[/.-](?P<y>\d{4})")
_DAY_MONTH_RE = _lazy(
    rf"(?:le )?(?P<d>\d{{1,2}}){_DAY_SUFFIX} (?:de |of )?(?P<m>{_MONTH})\.?,?(?: (?P<y>\d{{4}}))?")
_MONTH_DAY_RE = _lazy(
    rf"(?P<m>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<y>\d{{4}}))?")
_POSITION = (r"(?P<pos>fin|end|late|debut|beginning|start|early|mi|mid|middle)"
             r"(?: of the| of| de la| de l'| du| de| d')?")
_MONTH_YEAR_RE = _lazy(
    rf"(?:{_POSITION}[ -]?)?(?P<m>{_MONTH})\.?(?:,? (?:de |d'|of )?(?P<y>\d{{4}}))?")
_PERIOD_RE = _lazy(
    rf"(?:{_POSITION} ?(?:the |le |la )?)?(?:(?P<l>[qtsh])(?P<n>[1-4])|(?P<ord>{_ORDINAL}) "
    rf"(?P<period>trimestre|quarter|semestre|half-year|half year|half))"
    rf"(?:(?: ?[-/] ?| )(?:de |of |d')?(?:(?:l'annee|annee|the year|year) )?(?:fy ?|cy ?)?(?P<y>\d{{4}}))?")
_YEAR_PERIOD_RE = _lazy(r"(?P<y>\d{4}) ?[-/ ]? ?(?P<l>[qtsh])(?P<n>[1-4])")
_YEAR_ONLY_RE = _lazy(
    rf"(?:(?:{_POSITION}|courant|durant|during|in)[ -]?)?(?:(?:l'annee|annee|the year|year|l'an"
    rf"|calendar year) )?(?:fy ?|cy ?)?(?P<y>\d{{4}})")

_ANCHOR_KEY = {name: anchor for anchor, names in ANCHOR_NAMES.items() for name in names}
_ANCHOR_RE = _lazy(
    r"(?<![\w])(?:(?:le|la|les|l'|the) ?)?(?:(?:date|jour) (?:de |d')?(?:la |l'|le )?"
    r"|(?:date|day) of (?:the )?)?(?P<name>" + _ANCHOR_NAME + r")"
    r"(?: (?:date|du crm|du nouveau crm|du projet|of the crm|of the new crm))?(?![\w])")
_ZERO_LETTER_RE = _lazy(r"(?<![\w])([tjdmsw])0 ?(?=[+-])")
_CONNECTOR = _alternation((
    "apres", "suivant", "suivants", "suivante", "suivantes", "qui suit", "qui suivent",
    "a compter de", "a compter du", "a partir de", "a partir du", "a l'issue de",
    "a l'issue du", "after", "of", "from", "following", "post", "since", "depuis", "de",
    "du", "des", "d'"))
_BEFORE_CONNECTOR = _alternation(("avant", "before", "prior to", "precedant", "qui precedent",
                                  "ahead of"))
_AT = "@(?P<anchor>" + "|".join(ANCHOR_NAMES) + ")"
_SIGN = r"(?P<sign>[+-]|plus|moins|minus)"
_PLUS_RE = _lazy(rf"{_AT} ?{_SIGN} ?(?P<n>{_COUNT}) ?(?P<unit>{_TIME_UNIT})\.?")
_LETTER_RE = _lazy(
    rf"(?P<letter>[tjdmsw]) ?(?P<sign>[+-]) ?(?P<n>\d+)(?: ?(?P<unit>{_TIME_UNIT})\.?)?"
    rf"(?: (?:{_CONNECTOR}) ?{_AT})?")
_AFTER_RE = _lazy(
    rf"(?:(?:first|premiers|premieres|the first|les premiers|les premieres) )?(?P<n>{_COUNT}) ?"
    rf"(?:(?:prochains|prochaines|premiers|premieres|first) )?(?P<unit>{_TIME_UNIT})\.?"
    rf"(?: (?:suivants|suivantes|qui suivent))? ?(?:(?P<before>{_BEFORE_CONNECTOR})|{_CONNECTOR})"
    rf" ?{_AT}")
_NTH_PERIOD_RE = _lazy(
    rf"(?:(?:fin|end|terme|issue|close)(?: of| du| de| de la| d'| des)?(?: the| la| l'| le)? ?)?"
    rf"(?:(?P<ord>{_ORDINAL}) (?P<period>{_TIME_UNIT})|(?P<l>[qtsh])(?P<q>[1-4])"
    rf"|(?P<period2>{_TIME_UNIT}) (?P<n2>\d{{1,3}})) ?(?:{_CONNECTOR}) ?{_AT}")
_AT_RE = _lazy(rf"{_AT}")
_DELAY_RE = _lazy(
    rf"(?P<n>{_COUNT}) ?(?:(?:prochains|prochaines|next|coming|a venir) )?(?P<unit>{_TIME_UNIT})\.?"
    rf"(?:'s? time| time| from now| from today| a venir| prochains| prochaines| later| plus tard"
    rf"| apres| after| suivants)?")
_UNDATED_RES = _lazy(
    rf"(?:{_POSITION}[ -]?)?(?:\d{{1,2}}{_DAY_SUFFIX} )?{_MONTH}\.?",
    rf"{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?",
    rf"(?:{_POSITION} ?(?:the |le |la )?)?(?:[qtsh][1-4]|{_ORDINAL} "
        rf"(?:trimestre|quarter|semestre|half-year|half year|half))",
)


def parse_deadline(raw) -> Deadline | None:
    """Classify and read a deadline: absolute, relative to an event, unanchored, or invalid.

    None for None and for blank text; every other input gives a `Deadline`.
    """
    if raw is None:
        return None
    if isinstance(raw, Deadline):
        return raw
    if isinstance(raw, datetime.datetime):
        return Deadline(ABSOLUTE, raw.isoformat(), raw.date())
    if isinstance(raw, datetime.date):
        return Deadline(ABSOLUTE, raw.isoformat(), raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        return Deadline(INVALID, _safe_text(raw))
    text = raw.strip()
    if not text:
        return None
    folded = fold(text)
    found = _read_deadline(folded)
    if found is None and "(" in folded:
        found = _read_deadline(" ".join(_PARENTHESES_RE.sub(" ", folded).split()))
    if found is None:
        return Deadline(INVALID, text)
    kind, values = found
    return Deadline(kind, text, **values)


def _read_deadline(s: str):
    """(kind, fields) for folded text `s`, or None when it cannot be read."""
    s = _strip_trailing(s)
    if s in VAGUE_DEADLINES:
        return UNANCHORED, {}
    for _ in range(8):
        m = _LEAD_RE.match(s)
        if not m or m.end() >= len(s):
            break
        s = _strip_trailing(s[m.end():])
        if s in VAGUE_DEADLINES:
            return UNANCHORED, {}
    for reader in (_absolute_deadline, _relative_deadline, _unanchored_deadline):
        found = reader(s)
        if found is not None:
            return found
    return None


def _strip_trailing(s: str) -> str:
    for _ in range(4):
        m = _TRAIL_RE.search(s)
        if not m:
            break
        s = s[:m.start()].rstrip()
    return s


def _date_or_invalid(year: int, month: int, day: int | None = None):
    """An absolute deadline on that day (None: the month's last day), or invalid if impossible."""
    try:
        when = _end_of_month(year, month) if day is None else datetime.date(year, month, day)
    except (ValueError, OverflowError):
        return INVALID, {}
    return ABSOLUTE, {"date": when}


def _position_day(pos: str | None) -> int | None:
    """Day in the month for "début"/"mi"/"fin" (None: the last day)."""
    if pos in ("debut", "beginning", "start", "early"):
        return 1
    if pos in ("mi", "mid", "middle"):
        return 15
    return None


def _absolute_deadline(s: str):
    m = _ISO_RE.fullmatch(s)
    if m:
        return _date_or_invalid(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _ISO_MONTH_RE.fullmatch(s)
    if m:
        return _date_or_invalid(int(m["y"]), int(m["m"]))
    m = _NUMERIC_DATE_RE.fullmatch(s)
    if m:
        day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
        year += 2000 if len(m["y"]) == 2 else 0
        if month > 12 >= day:  # "06/30/2026": only readable the American way
            day, month = month, day
        return _date_or_invalid(year, month, day)
    m = _NUMERIC_MONTH_RE.fullmatch(s)
    if m:
        return _date_or_invalid(int(m["y"]), int(m["m"]))
    for pattern in (_DAY_MONTH_RE, _MONTH_DAY_RE):
        m = pattern.fullmatch(s)
        if m and m["y"]:
            return _date_or_invalid(int(m["y"]), MONTHS[m["m"]], int(m["d"]))
    m = _MONTH_YEAR_RE.fullmatch(s)
    if m and m["y"]:
        year, month = int(m["y"]), MONTHS[m["m"]]
        return _date_or_invalid(year, month, _position_day(m["pos"]))
    m = _PERIOD_RE.fullmatch(s) or _YEAR_PERIOD_RE.fullmatch(s)
    if m and m["y"]:
        return _period_end(m)
    m = _YEAR_ONLY_RE.fullmatch(s)
    if m:
        year, pos = int(m["y"]), m["pos"]
        if pos in ("debut", "beginning", "start", "early"):
            return _date_or_invalid(year, 1, 1)
        if pos in ("mi", "mid", "middle"):
            return _date_or_invalid(year, 6, 30)
        return _date_or_invalid(year, 12, 31)
    return None


def _period_end(m):
    """Last day (or first, after "début") of a quarter or half-year match."""
    year = int(m["y"])
    groups = m.groupdict()
    if groups.get("ord"):
        number = _ordinal_value(m["ord"])
        months = 3 if m["period"] in ("trimestre", "quarter") else 6
    else:
        number = int(m["n"])
        months = 3 if m["l"] in "qt" else 6
    if number is None or not 1 <= number <= 12 // months:
        return INVALID, {}
    last_month = number * months
    if groups.get("pos") in ("debut", "beginning", "start", "early"):
        return _date_or_invalid(year, last_month - months + 1, 1)
    return _date_or_invalid(year, last_month)


def _offset(count: str, unit: str | None, sign: int = 1):
    """(months, days) for "count unit" ("1,5 mois" → (1, 15)); None when it cannot be counted."""
    n = _number_value(count)
    if not _finite(n) or unit is None:
        return None
    days_per, months_per = TIME_UNITS[unit]
    if months_per:
        total = n * months_per
        if total > 120_000:
            return None
        months = int(total)
        days = round((total - months) * 30)
    else:
        if n * days_per > 3_650_000:
            return None
        months, days = 0, round(n * days_per)
    return sign * months, sign * days


def _relative(anchor: str, offset) -> tuple[str, dict]:
    months, days = offset
    return RELATIVE, {"anchor": anchor, "offset_months": months, "offset_days": days}


def _relative_deadline(s: str):
    s = _ZERO_LETTER_RE.sub(r"\1", s)
    s = _ANCHOR_RE.sub(lambda m: "@" + _ANCHOR_KEY[m["name"]], s)
    m = _PLUS_RE.fullmatch(s)
    if m:
        offset = _offset(m["n"], m["unit"], -1 if m["sign"] in ("-", "moins", "minus") else 1)
        return _relative(m["anchor"], offset) if offset else None
    m = _LETTER_RE.fullmatch(s)
    if m:
        unit = m["unit"] or {"j": "j", "d": "d", "m": "mois", "s": "sem", "w": "w"}.get(m["letter"])
        offset = _offset(m["n"], unit, -1 if m["sign"] == "-" else 1)
        return _relative(m["anchor"] or GO_LIVE, offset) if offset else None
    m = _AFTER_RE.fullmatch(s)
    if m:
        offset = _offset(m["n"], m["unit"], -1 if m["before"] else 1)
        return _relative(m["anchor"], offset) if offset else None
    m = _NTH_PERIOD_RE.fullmatch(s)
    if m:
        if m["ord"]:
            offset = _offset(str(_ordinal_value(m["ord"])), m["period"])
        elif m["l"]:
            offset = (int(m["q"]) * (3 if m["l"] in "qt" else 6), 0)
        else:
            offset = _offset(m["n2"], m["period2"])
        return _relative(m["anchor"], offset) if offset else None
    m = _AT_RE.fullmatch(s)
    if m:
        return _relative(m["anchor"], (0, 0))
    return None


def _unanchored_deadline(s: str):
    m = _DELAY_RE.fullmatch(re.sub(r"'s? time$", " time", s))
    if m:
        offset = _offset(m["n"], m["unit"])
        if offset:
            return UNANCHORED, {"offset_months": offset[0], "offset_days": offset[1]}
    if any(pattern.fullmatch(s) for pattern in _UNDATED_RES):
        return UNANCHORED, {}
    return None


_name_lazy_patterns(globals())
