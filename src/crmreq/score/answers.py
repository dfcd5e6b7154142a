"""What a vendor wrote in one row, read as the scorer needs it: the level of the six-level scale,
the date of a roadmap answer, the cost of an add-on or of custom development.

Vendors type as often as they pick from the drop-down: a level is recognised whatever the case
and accents, in French or English, and when the text can only mean one level ("parametrage",
"Feuille de route T3 2027", "Config"). Text that could mean two levels ("Standard ou
paramétrage") or none ("Oui") is not guessed: the caller reports R003.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..export.labels import RESPONSE_SCALE
from ..values import ABSOLUTE, RELATIVE, fold, parse_deadline, parse_quantity
from .model import LEVELS

try:
    import tomllib
except ImportError:     # Python 3.10
    import tomli as tomllib

_WORDS = tomllib.loads(Path(__file__).with_name("answers.toml").read_text(encoding="utf-8"))
_INCLUDED = tuple(_WORDS["cost"]["included"])
_COMMENT_COST = re.compile(r"\d[\d .,]*\s*(?:%s)(?!\w)" % "|".join(
    re.escape(word) for word in sorted(_WORDS["cost"]["currency"], key=len, reverse=True)))

# (level, folded label), every language: "standard", "parametrage", "out of the box"…
_LABELS = tuple((level, fold(label)) for lang in sorted(RESPONSE_SCALE)
                for level, label in zip(LEVELS, RESPONSE_SCALE[lang]))
_LABEL_WORDS = tuple((level, re.compile(rf"(?<!\w){re.escape(label)}(?!\w)")) for level, label in _LABELS)
_INCLUDED_WORDS = re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in _INCLUDED))
MIN_PREFIX = 3              # "Par" may stand for "Paramétrage"; "P" stands for nothing
MAX_DATE_WORDS = 60         # a date is looked for in the first words of a comment
YEARS = range(2000, 2101)   # "2500 utilisateurs" is not a date
_VERSION = re.compile(r"v?\d{4}\.\d{1,2}")    # "version 2028.1" is a release, not January 2028


@dataclass(frozen=True)
class LevelMatch:
    level: str | None           # one of LEVELS, None when blank or not recognised
    candidates: tuple = ()      # the levels the text could mean, when it could mean several
    rest: str = ""              # what follows the level ("T3 2027" in "Feuille de route T3 2027")


def _plain(text) -> str:
    """The text as one line: NFC, runs of white space made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split()) if isinstance(text, str) else ""


def read_level(text) -> LevelMatch:
    """The level a response cell names, whether picked from the list or typed."""
    plain = _plain(text)
    folded = fold(plain)            # as long as `plain`: offsets are shared
    if not folded:
        return LevelMatch(None)
    found: dict[str, str] = {}
    for level, label in _LABELS:
        if folded == label or (len(folded) >= MIN_PREFIX and label.startswith(folded)):
            found.setdefault(level, "")
        elif folded.startswith(label) and not folded[len(label)].isalnum():
            found.setdefault(level, plain[len(label):].strip(" -–—:;,.()[]"))
    if len(found) == 1:
        level, rest = next(iter(found.items()))
        folded_rest = fold(rest)
        others = [other for other, words in _LABEL_WORDS if other != level and words.search(folded_rest)]
        if not others:
            return LevelMatch(level, rest=rest)
        return LevelMatch(None, tuple(dict.fromkeys((level, *others))))
    return LevelMatch(None, tuple(found))


def find_date(text, go_live: dt.date | None) -> dt.date | None:
    """The first date written in a text ("T3 2027", "mars 2027", "2027-06-30", "6 mois après la mise
    en production" when go-live is known); a month or a quarter means its last day."""
    words = [word.strip(".,;:()[]!?\"«»") for word in _plain(text).split(" ")[:MAX_DATE_WORDS]]
    words = [word for word in words if word and not _VERSION.fullmatch(word)]
    for start in range(len(words)):
        for size in range(min(8, len(words) - start), 0, -1):
            deadline = parse_deadline(" ".join(words[start:start + size]))
            if deadline is None or deadline.kind not in (ABSOLUTE, RELATIVE):
                continue
            day = deadline.resolve(go_live)
            if day is not None and day.year in YEARS:
                return day
    return None


def read_cost(value) -> float | None:
    """An amount from a cost cell: a number, "4 500 €", "12 k€", or "inclus" (0); None when the
    cell holds no amount ("sur devis") or a negative one."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    text = _plain(str(value))
    folded = fold(text)
    if not folded:
        return None
    if _INCLUDED_WORDS.search(folded):
        return 0.0
    quantity = parse_quantity(text)
    if quantity is None or quantity.value is None or quantity.value < 0:
        return None
    return quantity.value * (1000 if quantity.unit.lower().startswith("k") else 1)


def cost_in_comment(comment) -> float | None:
    """An amount written with its currency in a comment ("module à 4 500 € HT")."""
    found = _COMMENT_COST.search(fold(_plain(comment)))
    return read_cost(found.group(0)) if found else None
