"""Text helpers every value grammar shares: the fold, the lexicons, word alternations, safe str()."""

from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

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


def fold_map(text: str) -> tuple[str, list[int]]:
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
    return fold_map(text)[0]


def lexicon(name: str) -> dict:
    """The parsed `lexicons/<name>.toml`: word lists are data, so a new spelling needs no code."""
    path = importlib.resources.files(__package__) / "lexicons" / f"{name}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def by_spelling(table: dict, kind=str) -> dict:
    """{spelling: meaning} from a lexicon table written {meaning: [spellings]}; `kind` reads
    the meaning (int for a month number)."""
    return {spelling: kind(meaning) for meaning, spellings in table.items() for spelling in spellings}


WORD_END = r"(?![\w'])"


def alternation(words) -> str:
    """A regex matching any of `words` literally, longest first, so that "months" is not read
    as "month" + "s"; a word ending with a letter or digit must end there ("mo" is not in "mot")."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(re.escape(w) + (WORD_END if w[-1].isalnum() else "") for w in ordered) + ")"


def safe_text(raw) -> str:
    """`str(raw)`, or the type's name when a foreign object's `__str__` fails: never raise."""
    try:
        return str(raw)
    except Exception:
        return type(raw).__name__
