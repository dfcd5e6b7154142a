"""The wording lexicons as patterns, and the requirement texts they are searched in.

A lexicon is data, `crmreq/lexicons/<name>.toml` (format in `lexicons/README.md`). Each term is
expanded (`intuiti{f,ve}`), folded, and turned into regex atoms; all the forms of a lexicon
make one prefix tree, written as one regular expression in which a longer term wins over its
prefix. Texts are folded the same way (`crmreq.values.fold`: one character for each character
of the NFC text), so a match's offsets give back the words as the user typed them.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ...values import fold
from ...lexicons import lexicon
from ...model import RequirementText


# ---------------------------------------------------------------------------------------------
# Lexicons and the regular expressions built from them.

_BRACES = re.compile(r"\{([^{}]*)\}")
_SPACES = re.compile(r"[\s\-]+")
_AROUND = re.compile(r"\s*([/'])\s*")
_SEP = r"[\s\-]+"
_WORD_END = r"(?!\w)"
_CLAUSE_END = r"(?=[^\S\n]*(?:[.;:!?,)\]\n…]|$))"


def expand(term: str) -> list[str]:
    """`intuiti{f,ve}` → [`intuitif`, `intuitive`]; several brace groups multiply."""
    match = _BRACES.search(term)
    if not match:
        return [" ".join(term.split())]
    forms = []
    for alternative in match.group(1).split(","):
        forms.extend(expand(term[:match.start()] + alternative + term[match.end():]))
    return forms


def canon(folded: str) -> str:
    """One spelling per term: « user friendly » = « user-friendly », « et / ou » = « et/ou »,
    « etc. » = « etc »."""
    text = _AROUND.sub(r"\1", _SPACES.sub(" ", folded)).strip()
    return text.rstrip(".") or text


def _key(form: str) -> str:
    """How a lexicon or configuration term is compared with others and with matches."""
    return canon(fold(form).strip().rstrip("$"))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _atoms(form: str) -> tuple[bool, list[str]] | None:
    """A folded form as regex atoms: (starts with a word character, the atoms)."""
    form = fold(form).strip()
    clause_end = form.endswith("$")
    if clause_end:
        form = form[:-1].rstrip()
    optional_dot = len(form) > 1 and form.endswith(".") and _is_word(form[-2])
    if optional_dot:
        form = form[:-1]
    if not form:
        return None
    atoms: list[str] = []
    index = 0
    while index < len(form):
        char = form[index]
        if char.isspace() or char == "-":
            while index < len(form) and (form[index].isspace() or form[index] == "-"):
                index += 1
            if index < len(form) and form[index] == "/":
                continue  # the slash atom takes the spaces
            atoms.append(_SEP)
            continue
        if char == "/":
            if atoms and atoms[-1] == _SEP:
                atoms.pop()
            atoms.append(r"\s*/\s*")
            index += 1
            while index < len(form) and form[index].isspace():
                index += 1
            continue
        atoms.append(r"'\s*" if char == "'" else re.escape(char))
        index += 1
    if _is_word(form[-1]):
        atoms.append(_WORD_END)
    if optional_dot:
        atoms.append(r"\.?")
    if clause_end:
        atoms.append(_CLAUSE_END)
    return _is_word(form[0]), atoms


def _trie_regex(node: dict) -> str:
    """A prefix tree of atoms as one regex; assertions last so longer terms win."""
    terminal = "" in node
    branches = [atom + _trie_regex(child) for atom, child in
                sorted(((a, c) for a, c in node.items() if a != ""), key=lambda ac: ac[0].startswith("(?"))]
    if not branches:
        return ""
    if len(branches) == 1 and not terminal:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if terminal else body


def _wrap(regex: str) -> str:
    return regex if regex.startswith("(?:") and regex.endswith(")") else "(?:" + regex + ")"


def _compile(forms) -> re.Pattern | None:
    """One regex for every form: whole words where a form starts or ends with a letter."""
    tries: tuple[dict, dict] = ({}, {})
    for form in forms:
        built = _atoms(form)
        if built is None:
            continue
        word_start, form_atoms = built
        node = tries[0 if word_start else 1]
        for atom in form_atoms:
            node = node.setdefault(atom, {})
        node[""] = {}
    parts = []
    if tries[0]:
        parts.append(r"(?<!\w)" + _wrap(_trie_regex(tries[0])))
    if tries[1]:
        parts.append(_wrap(_trie_regex(tries[1])))
    return re.compile("|".join(parts)) if parts else None


def _entries(terms, ignore_keys: frozenset) -> list[str]:
    """Expand lexicon entries, leaving out ignored ones (a lemma drops the whole entry)."""
    forms = []
    for term in terms or ():
        if not isinstance(term, str) or not term.strip():
            continue
        expanded = expand(term)
        if _key(expanded[0]) in ignore_keys:
            continue
        forms.extend(form for form in expanded if _key(form) not in ignore_keys)
    return forms


def clean_option(value) -> tuple[str, ...]:
    """A list option as a tuple of strings (a comma-separated string is accepted)."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple, set, frozenset)):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


class Matcher(NamedTuple):
    terms: re.Pattern | None       # W003: example markers too (one scan per text)
    exception_forms: tuple         # compiled when a text first has a hit (`exceptions`): most have none
    markers: dict = {}             # W003: key of an example marker → "example" | "comma"

    @property
    def exceptions(self) -> re.Pattern | None:
        return _compiled_exceptions(self.exception_forms)


@functools.lru_cache(maxsize=64)
def _compiled_exceptions(forms: tuple) -> re.Pattern | None:
    return _compile(forms)


@functools.lru_cache(maxsize=64)
def matcher(name: str, extra: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> Matcher:
    """The compiled lexicon `name`, plus `extra` terms, minus `ignore`d ones (compiled once
    per configuration)."""
    data = lexicon(name)
    ignore_keys = frozenset(_key(form) for term in ignore for form in expand(term))
    terms = []
    for lang in ("fr", "en"):
        terms.extend((data.get(lang) or {}).get("terms") or ())
    forms = _entries(list(terms) + list(extra), ignore_keys)
    exceptions = _entries((data.get("exceptions") or {}).get("terms"), frozenset())
    examples = data.get("examples") or {}
    markers = {}
    for kind, key in (("example", "markers"), ("comma", "comma")):
        for form in _entries(examples.get(key), ignore_keys):
            markers[_key(form)] = kind
            forms.append(form)
    return Matcher(terms=_compile(forms), exception_forms=tuple(exceptions), markers=markers)


# ---------------------------------------------------------------------------------------------
# The requirement texts of a spec, and the terms found in them.

Text = RequirementText


def requirement_texts(spec) -> tuple[Text, ...]:
    """Every requirement text of the spec, folded (built once per spec by the model)."""
    return spec.requirement_texts


def surface(text: Text, start: int, end: int) -> str:
    """The words of a match as written, one space between them."""
    return " ".join(text.text[start:end].split())


def find(text: Text, found: Matcher, examples: list | None = None) -> list[tuple[int, str, str, int]]:
    """(start, key, words as written, end) for each match outside an exception phrase; example
    markers (W003) go to `examples` as match objects."""
    if found.terms is None:
        return []
    hits = []
    for m in found.terms.finditer(text.folded):
        kind = found.markers.get(canon(m.group()))
        if kind is None:
            hits.append((m.start(), m.end()))
        elif examples is not None:
            examples.append((m, kind))
    if hits and (exceptions := found.exceptions) is not None:
        spans = [(m.start(), m.end()) for m in exceptions.finditer(text.folded)]
        hits = [(s, e) for s, e in hits if not any(a <= s and e <= b for a, b in spans)]
    return [(s, canon(text.folded[s:e]), surface(text, s, e), e) for s, e in hits if not _acronym(text.text[s:e])]


def _acronym(written: str) -> bool:
    """A word of three letters or fewer written in capitals is an acronym (« ETC », estimated time
    to completion), not the term of the same letters (« etc. »)."""
    return written.isalpha() and written.isupper() and len(written) <= 3


def distinct(hits) -> list[str]:
    """The words found, in text order, each term once."""
    seen, words = set(), []
    for _, key, word, _ in sorted(hits, key=lambda h: h[0]):
        if key not in seen:
            seen.add(key)
            words.append(word)
    return words
