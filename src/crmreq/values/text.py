"""Text helpers every value grammar shares: the fold, the lexicons, word alternations, safe str()."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

from ..lexicons import lexicon


def by_spelling(table: dict, kind=str) -> dict:
    """{spelling: meaning} from a lexicon table written {meaning: [spellings]}; `kind` reads
    the meaning (int for a month number)."""
    return {spelling: kind(meaning) for meaning, spellings in table.items() for spelling in spellings}


_TYPOGRAPHY = lexicon("typography")
_DASHES = frozenset(_TYPOGRAPHY["dashes"])
_APOSTROPHES = frozenset(_TYPOGRAPHY["apostrophes"])
_SIGNS = by_spelling(_TYPOGRAPHY["signs"])
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Text for matching whatever the typing: no case, no accents, one dash, apostrophe and space.

    The contract every caller (rules, values, plugins) relies on:

    * one character out for each character of ``unicodedata.normalize("NFC", text)``: an
      offset in the folded text is the same offset in the NFC text, so a match can be quoted
      as the user wrote it;
    * letters lose case and accents ("É" → "e", "İ" → "i", "ª" → "a", "²" → "2"); a letter
      that would fold to several ("ß" → "ss", the ligature "ﬁ" → "fi") stays one, lower-cased;
    * every dash ("‐", "–", "—", "−"…) is "-", every apostrophe ("’", "‘", "ʼ", "´", "`"…)
      is "'", every space separator (NBSP, narrow NBSP, thin space…) is " ";
    * line breaks, tabs and everything else stay: a caller that wants one space between words
      collapses whitespace itself.

    Anything but a str folds to "".
    """
    if not isinstance(text, str):
        return ""
    if not text.isascii():
        text = _NON_ASCII.sub(_folded_match, unicodedata.normalize("NFC", text))
    return text.lower().replace("`", "'")   # the backtick: the one ASCII apostrophe to fold


def _folded_match(match: re.Match) -> str:
    return _fold_char(match.group())


@functools.lru_cache(maxsize=4096)   # a spec uses a few hundred distinct characters at most
def _fold_char(char: str) -> str:
    """A non-ASCII character folded to one character (see `fold`)."""
    if char in _DASHES:
        return "-"
    if char in _APOSTROPHES:
        return "'"
    if unicodedata.category(char) == "Zs":
        return " "
    lower = next((c for c in (char.casefold(), char.lower()) if len(c) == 1), char)
    bare = _without_marks(unicodedata.normalize("NFKD", lower)).casefold()
    return bare if len(bare) == 1 else lower


def _without_marks(text: str) -> str:
    return "".join(c for c in text if not unicodedata.combining(c))


def spelled_out(text: str) -> str:
    """`text` as the value grammars read it, before `fold`: comparison signs and characters that
    stand for several spelled out ("≤" → "<=", "ﬁ" → "fi", "…" → "..."), one space between words.

    The result is in NFC, so `fold` of it has one character for each of its characters: a unit
    found in the folded text is read back as written from the same offsets.
    """
    text = _NON_ASCII.sub(_spelled_out_match, unicodedata.normalize("NFC", text))
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _spelled_out_match(match: re.Match) -> str:
    char = match.group()
    if char in _SIGNS:
        return _SIGNS[char]
    bare = _without_marks(unicodedata.normalize("NFKD", char))
    return bare if len(bare) > 1 else char


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


def closest(word: str, candidates, words=None) -> str | None:
    """The candidate `word` was most likely meant to be ("did you mean"), or None.

    In this order: the same once folded (`Marc` for `marc`, `equipe-ventes` for `équipe-ventes`,
    `Two-Way` for `two_way`); a word people type for a candidate (`words`: candidate → folded
    words, e.g. `quotidien` for `daily`); two neighbouring letters swapped (`rgdp` for `rgpd`);
    the nearest close spelling of a candidate or of one of those words, with the same numbers
    (`OBJ-9` is another objective than `OBJ-4`, not a typo)."""
    if not isinstance(word, str):
        return None
    key = _spelling(word)
    known = {_spelling(candidate): candidate for candidate in sorted(candidates, key=str)}
    if key in known:
        return known[key]
    said = {_spelling(typed): candidate for candidate in known.values()
            for typed in (words or {}).get(candidate, ())}
    if key in said:
        return said[key]
    numbers = re.findall(r"\d+", key)
    spellings = {**said, **known}
    alike = [other for other in spellings if re.findall(r"\d+", other) == numbers]
    swapped = {spellings[other] for other in alike if _one_swap(key, other)}
    if len(swapped) == 1:
        return swapped.pop()
    near = difflib.get_close_matches(key, alike, n=1, cutoff=0.8)
    return spellings[near[0]] if near else None


def _one_swap(typed: str, meant: str) -> bool:
    """`typed` is `meant` with two neighbouring letters swapped (`rgdp`, `rgpd`)."""
    if len(typed) != len(meant) or len(typed) < 3:
        return False
    differ = [index for index, (a, b) in enumerate(zip(typed, meant)) if a != b]
    return (len(differ) == 2 and differ[1] == differ[0] + 1
            and typed[differ[0]] == meant[differ[1]] and typed[differ[1]] == meant[differ[0]])


def _spelling(text: str) -> str:
    """`text` for comparing spellings: folded, "_" and "-" as spaces, one space between words."""
    return " ".join(fold(str(text)).replace("_", " ").replace("-", " ").split())


# French typography: the space before « : ; ! ? » and inside « guillemets » never breaks. Only a space
# already written is made unbreakable (U+00A0), so `key: value` snippets in messages stay as typed.
_FRENCH_SPACE = re.compile(r" (?=[:;!?](?:\s|$))|(?<=«) | (?=»)")


def french_spaces(text: str) -> str:
    """`text` with the spaces French typography wants unbreakable made no-break spaces."""
    return _FRENCH_SPACE.sub("\u00a0", text)
