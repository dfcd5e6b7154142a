"""W — wording: requirement text a vendor can answer "covered" to without committing to anything.

The four rules read the requirement text only — feature `title`, `scenario` and `acceptance`,
NFR `statement`, objective `title` and `metric` — never the context prose nor an objective's
`pain` (the frustration, quoted in the users' own words). Each looks the text up in a
bilingual lexicon kept as data in `lexicons/*.toml` (format in `lexicons/README.md`):

- W001 vague terms (« rapide », « intuitif », "user-friendly"…),
- W002 escape clauses (« si possible », « le cas échéant », "as appropriate"…),
- W003 open-ended lists (« etc. », « … », « notamment », "and so on"…),
- W004 « et/ou », "and/or".

Matching is case-, accent- and apostrophe-insensitive and on whole words; French and English
lexicons both apply to every text (a spec may mix languages). One finding per item and field,
listing every term found there, on the field's line.

Speed matters: a spec may hold 50,000 features. A word index of the spec (`_word_index`)
tells which lexicon forms may occur at all (every literal run of the form's pattern is in
some word) and, in a large spec, which texts may hold one; each rule compiles one prefix
tree of those forms only and scans only those texts, folded once per spec and shared by the
four rules. Lexicons are read on first use only.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
import weakref
from pathlib import Path
from typing import NamedTuple

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from ..findings import RuleOption
from ._base import RuleSet, make_doc as _doc

rules = RuleSet("wording")
crmreq_register_rules = rules.hook


# ---------------------------------------------------------------------------------------------
# Folding: lower case, no accents, one apostrophe, one space — without changing the length of
# the text, so a match in the folded text gives back the words as the user typed them.

def _fold_table() -> dict:
    table = {}
    for code in range(0x80, 0x250):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()
        if len(base) == 1 and base != char:
            table[code] = base
    for char in "\u2019\u2018\u02bc\u2032\u00b4`":
        table[ord(char)] = "'"
    for char in "\u00a0\u202f\u2009\u2007\u2002\u2003\u2008\u200a":
        table[ord(char)] = " "
    for char in "\u2010\u2011":
        table[ord(char)] = "-"
    return table


_TABLE = {chr(code): base for code, base in _fold_table().items()}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _unaccent(match: re.Match) -> str:
    char = match.group()
    return _TABLE.get(char, char)


def fold_text(text: str) -> tuple[str, str]:
    """(the text in NFC, its folded form): same result as `_base.fold` for Latin letters, plus
    typographic apostrophes, non-breaking spaces and hyphens normalised. (`str.translate` is ten
    times slower than this substitution, which only visits non-ASCII characters.)"""
    if text.isascii():
        return text, text.lower()
    text = unicodedata.normalize("NFC", text)
    return text, _NON_ASCII.sub(_unaccent, text.casefold())


def _fold(text: str) -> str:
    return fold_text(text)[1]


# ---------------------------------------------------------------------------------------------
# Lexicons and the regular expressions built from them.

@functools.lru_cache(maxsize=None)
def lexicon(name: str) -> dict:
    """The parsed `lexicons/<name>.toml` (read once, on first use)."""
    # beside this module, as the wheel installs it (importlib.resources cost 5 ms to import)
    data = (Path(__file__).with_name("lexicons") / f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)


_BRACES = re.compile(r"\{([^{}]*)\}")
_SPACES = re.compile(r"[\s\-]+")
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


_AROUND = re.compile(r"\s*([/'])\s*")


def _canon(folded: str) -> str:
    """One spelling per term: « user friendly » = « user-friendly », « et / ou » = « et/ou »,
    « etc. » = « etc »."""
    text = _AROUND.sub(r"\1", _SPACES.sub(" ", folded)).strip()
    return text.rstrip(".") or text


def _key(form: str) -> str:
    """How a lexicon or configuration term is compared with others and with matches."""
    return _canon(_fold(form).strip().rstrip("$"))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _atoms(form: str) -> tuple[bool, list[str]] | None:
    """A folded form as regex atoms; (starts with a word character, atoms)."""
    form = _fold(form).strip()
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


def _source(forms) -> str | None:
    """One regex for every form: whole words where a form starts or ends with a letter."""
    tries: tuple[dict, dict] = ({}, {})
    for form in forms:
        built = _atoms(form)
        if built is None:
            continue
        word_start, atoms = built
        node = tries[0 if word_start else 1]
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}
    parts = []
    if tries[0]:
        parts.append(r"(?<!\w)" + _wrap(_trie_regex(tries[0])))
    if tries[1]:
        parts.append(_wrap(_trie_regex(tries[1])))
    return "|".join(parts) or None


def _compile(forms) -> re.Pattern | None:
    source = _source(forms)
    return re.compile(source) if source else None


def _wrap(regex: str) -> str:
    return regex if regex.startswith("(?:") and regex.endswith(")") else "(?:" + regex + ")"


def _entries(terms, ignore_keys: frozenset) -> list[str]:
    """Expand lexicon entries, leaving out ignored ones (a lemma drops the whole entry)."""
    forms = []
    for term in terms or ():
        if not isinstance(term, str) or not term.strip():
            continue
        expanded = expand(term)
        if not ignore_keys:   # the usual case: no key to compute
            forms.extend(expanded)
        elif _key(expanded[0]) not in ignore_keys:
            forms.extend(form for form in expanded if _key(form) not in ignore_keys)
    return forms


def _clean_option(value) -> tuple[str, ...]:
    """A list option as a tuple of strings (a comma-separated string is accepted)."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple, set, frozenset)):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


class Matcher(NamedTuple):
    terms: re.Pattern | None       # W003: example markers too (one scan per text)
    exceptions: re.Pattern | None
    markers: dict = {}             # W003: key of an example marker → "example" | "comma"


@functools.lru_cache(maxsize=64)
def matcher(name: str, extra: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
            relevant: frozenset[str] | None = None) -> Matcher:
    """The compiled lexicon `name`, plus `extra` terms, minus `ignore`d ones; with
    `relevant`, only the lexicon's forms in it (and every extra term).

    A form left out because it cannot match in the spec (see `_word_index`) changes no
    match: the other forms keep their order in the prefix tree. And a pattern of the few
    forms a spec may hold compiles in a millisecond, where the whole lexicon takes 25."""
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
    if relevant is not None:
        added = set(_entries(list(extra), ignore_keys))
        forms = [form for form in forms if form in relevant or form in added]
        exceptions = [form for form in exceptions if form in relevant]
    return Matcher(terms=_compile(forms), exceptions=_compile(exceptions), markers=markers)


# ---------------------------------------------------------------------------------------------
# The requirement texts of a spec, folded once and shared by the four rules, and the word
# index that picks the texts to scan and the forms to compile.

class Text(NamedTuple):
    item: object
    kind: str      # feature | nfr | objective
    field: str
    text: str      # NFC
    folded: str


_FIELDS = (
    ("features", "feature", ("title", "scenario", "acceptance")),
    ("nfr", "nfr", ("statement",)),
    ("objectives", "objective", ("title", "metric")),
)

def _for_the_last_spec(compute):
    """Remember `compute(spec)` for the last spec only: the four rules ask in turn about the
    same spec; a weak reference lets that spec go when the run is over."""
    last: list = [None, None]   # [weakref to the spec, the result]

    @functools.wraps(compute)
    def cached(spec):
        ref = last[0]
        if ref is not None and ref() is spec:
            return last[1]
        result = compute(spec)
        try:
            last[0], last[1] = weakref.ref(spec), result
        except TypeError:   # not weak-referenceable: computed each time
            pass
        return result

    return cached


@_for_the_last_spec
def _written_texts(spec) -> list[tuple]:
    """(item, kind, field, text as written) of every requirement text, not folded yet."""
    texts: list[tuple] = []
    for section, kind, fields in _FIELDS:
        for item in getattr(spec, section, None) or ():
            for name in fields:
                value = getattr(item, name, None)
                if value is not None and not isinstance(value, str):
                    value = getattr(value, "text", None)    # a Quantity (objective metric)
                if not isinstance(value, str) or not value.strip():
                    continue
                texts.append((item, kind, name, value))
    return texts


def _text(item, kind, name, value) -> Text:
    nfc, folded = fold_text(value)
    return Text(item, kind, name, nfc, folded)


@_for_the_last_spec
def requirement_texts(spec) -> list[Text]:
    """Every requirement text of the spec, folded."""
    return [_text(*written) for written in _written_texts(spec)]


_LEXICONS = ("vague", "escape", "open-list", "compound")


def _all_forms(exceptions: bool = False) -> list[str]:
    """Every form of the four lexicons, example markers included (or their exceptions)."""
    forms: list[str] = []
    for name in _LEXICONS:
        data = lexicon(name)
        if exceptions:
            forms.extend(_entries((data.get("exceptions") or {}).get("terms"), frozenset()))
            continue
        for lang in ("fr", "en"):
            forms.extend(_entries((data.get(lang) or {}).get("terms"), frozenset()))
        examples = data.get("examples") or {}
        for key in ("markers", "comma"):
            forms.extend(_entries(examples.get(key), frozenset()))
    return forms


_SHARED_SCAN_FROM = 1000   # texts; below, each rule scans them all (the word index would cost more)


@_for_the_last_spec
def candidate_texts(spec) -> list[Text]:
    """The requirement texts in which some lexicon term may occur: every text a rule would
    match, and few others.

    Scanning 30,000 texts costs the same per character whatever the pattern, so the four
    rules do not scan every text: `_word_index` picks, by their words, the texts
    where some form of the four lexicons can match, and each rule looks closely at those
    only. Exact for every rule that only uses (or ignores) lexicon terms; a rule with
    `…-extra` terms scans every text itself.
    """
    written = _written_texts(spec)
    if len(written) < _SHARED_SCAN_FROM:
        return requirement_texts(spec)   # a small spec: picking texts would cost more than it saves
    candidates = _word_index(spec).candidates
    if candidates is None:
        return requirement_texts(spec)
    return [_text(*written[index]) for index in candidates]


class _WordIndex(NamedTuple):
    relevant: frozenset[str] | None    # the forms (terms, markers, exceptions) that may match; None: all
    candidates: list[int] | None       # the texts where some term or marker may match; None: all


@_for_the_last_spec
def _word_index(spec) -> _WordIndex:
    written = _written_texts(spec)
    return _index_of([entry[3] for entry in written], candidates=len(written) >= _SHARED_SCAN_FROM)


def _index_of(values: list[str], candidates: bool = True) -> _WordIndex:
    """Which lexicon forms may match somewhere in `values`, and (if `candidates`) in
    which texts some term or marker may match.

    Every match of a form holds each literal run of its pattern inside one word, as a
    whole word at a letter end (`form_runs`). So a form matches only in texts that hold,
    for each of its runs, a word containing it. The distinct words of the spec are folded
    together, one per line (folding neither adds nor removes a line break), and searched
    for each run with `str.find`; a spec has far fewer distinct words than characters.
    The texts holding a word with the run likely rarest are then filtered by the others."""
    joined = "\n".join(values)   # texts may hold line breaks, words never do
    distinct: set[str] = set()
    position = 0
    while position < len(joined):   # by chunks: one list of 700,000 words would cost 40 MB at 10k features
        end = joined.find("\n", position + _CHUNK)   # a line break never falls inside a word
        if end < 0:
            end = len(joined)
        distinct.update(joined[position:end].split())
        position = end + 1
    words = list(distinct)
    folded = fold_text("\n".join(words))[1]
    word_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(folded))]
    counted: dict[str, list[int]] = {}    # run → its first positions in `folded`, up to _RUN_CAP + 1
    run_words: dict[str, set[str]] = {}   # run → the words (as written) holding it
    texts_of: dict[str, set[int]] = {}    # word → the texts holding it
    # a run of word characters only, whole word at both ends, occurs where it is one of these
    tokens = set(_NON_WORD.split(folded))

    def words_with(run: str) -> set[str]:
        if run not in run_words:
            positions = counted.get(run)
            if positions is None or len(positions) > _RUN_CAP:
                positions = _find_all(folded, run)
            run_words[run] = {words[bisect.bisect_right(word_starts, at) - 1] for at in positions}
        return run_words[run]

    def texts_with(word: str) -> set[int]:
        if word not in texts_of:
            texts_of[word] = {bisect.bisect_right(text_starts, at) - 1 for at in _find_all(joined, word, bounded=False)}
        return texts_of[word]

    def present(runs: tuple[str, ...]) -> bool:
        for run in runs:
            if run in tokens or run in counted:
                continue
            if _ONE_WORD.fullmatch(run):
                counted[run] = []   # a word the spec does not have
            else:
                counted[run] = _find_all(folded, run, _RUN_CAP + 1)
        return all(run in tokens or counted[run] for run in runs)

    relevant: set[str] = set()
    for form, runs in _runs_of_forms():
        if not runs:
            return _WordIndex(None, None)
        if present(runs):
            relevant.add(form)
    if not candidates:
        return _WordIndex(frozenset(relevant), None)
    text_starts = list(itertools.accumulate((len(v) + 1 for v in values), initial=0))   # for texts_with
    found: set[int] = set()
    for runs in _form_runs():
        if not present(runs):
            continue   # one of its runs is nowhere in the spec: the form matches nowhere
        first, *others = sorted(runs, key=_likely_rare, reverse=True)
        texts = set().union(*(texts_with(word) for word in words_with(first)))
        for run in others:   # the other runs only filter the few texts left
            if not texts:
                break
            holding = words_with(run)
            texts = {index for index in texts if any(word in values[index] for word in holding)}
        found |= texts
    return _WordIndex(frozenset(relevant), sorted(found))


_RUN_CAP = 64   # occurrences counted per run before it is known to be frequent
# what `_is_word` calls a word character (str.isalnum or "_") is exactly what \w matches in str
_NON_WORD = re.compile(r"\W+")
_ONE_WORD = re.compile(r"\w+")
_CHUNK = 1 << 18   # characters of text split into words at a time


def _likely_rare(run: str):
    """How unlikely a run is in requirement text (only the speed depends on it): a run
    of punctuation alone (`/`, `…`), then the longest."""
    return (not any(_is_word(char) for char in run), len(run))


def _find_all(text: str, piece: str, limit: int | None = None, bounded: bool = True) -> list[int]:
    """Start of each occurrence of `piece` in `text`, at most `limit`; if `bounded`, as a
    whole word at an end where it starts or ends with a letter (as the form's pattern
    requires)."""
    positions, index, size = [], text.find(piece), len(piece)
    bounded_start, bounded_end = bounded and _is_word(piece[0]), bounded and _is_word(piece[-1])
    while index >= 0 and (limit is None or len(positions) < limit):
        end = index + size
        if not (bounded_start and index and _is_word(text[index - 1])) and \
                not (bounded_end and end < len(text) and _is_word(text[end])):
            positions.append(index)
        index = text.find(piece, index + 1)
    return positions


_LINE_BREAK = re.compile("\n")


def form_runs(form: str) -> tuple[str, ...] | None:
    """The pieces of text every match of `form` holds, each inside one word: the runs of
    literal characters of its pattern (`_atoms`), folded like the texts; None for a form
    without a pattern.

    A match spans several words only where the pattern has a separator (spaces, hyphens,
    around a slash, after an apostrophe), and runs stop there. Read straight from the
    folded form, as `_atoms` reads it (tests/rules/test_wording.py holds them together):
    600 forms at every start."""
    form = _fold(form).strip()
    if form.endswith("$"):
        form = form[:-1].rstrip()
    if len(form) > 1 and form.endswith(".") and _is_word(form[-2]):
        form = form[:-1]
    if not form:
        return None
    return tuple(piece for piece in _RUN_BREAK.split(form) if piece)


_RUN_BREAK = re.compile(r"(/)|[\s\-]+|(?<=')")


@functools.lru_cache(maxsize=1)
def _runs_of_forms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(form, its runs) for every form of the four lexicons and their exceptions."""
    forms = dict.fromkeys(_all_forms() + _all_forms(exceptions=True))
    return tuple((form, runs) for form, runs in ((form, form_runs(form)) for form in forms) if runs is not None)


@functools.lru_cache(maxsize=1)
def _form_runs() -> tuple[tuple[str, ...], ...]:
    """The distinct runs of the terms and markers (what a candidate text must hold)."""
    terms = set(_all_forms())
    return tuple(dict.fromkeys(runs for form, runs in _runs_of_forms() if form in terms))


def _surface(text: Text, start: int, end: int) -> str:
    source = text.text if len(text.text) == len(text.folded) else text.folded
    return " ".join(source[start:end].split())


def _find(text: Text, found: Matcher, examples: list | None = None) -> list[tuple[int, str, str]]:
    """(position, key, words as written) for each match outside an exception phrase; example
    markers (W003) go to `examples` as match objects."""
    pattern, exceptions = found.terms, found.exceptions
    if pattern is None:
        return []
    hits = []
    markers = found.markers
    for m in pattern.finditer(text.folded):
        kind = markers.get(_canon(m.group())) if markers else None
        if kind is None:
            hits.append((m.start(), m.end()))
        elif examples is not None:
            examples.append((m, kind))
    if not hits:
        return []
    if exceptions is not None:
        spans = [(m.start(), m.end()) for m in exceptions.finditer(text.folded)]
        if spans:
            hits = [(s, e) for s, e in hits if not any(a <= s and e <= b for a, b in spans)]
    return [(s, _canon(text.folded[s:e]), _surface(text, s, e)) for s, e in hits]


def _distinct(hits) -> list[str]:
    seen, words = set(), []
    for _, key, word in sorted(hits, key=lambda h: h[0]):
        if key not in seen:
            seen.add(key)
            words.append(word)
    return words


# ---------------------------------------------------------------------------------------------
# Messages.

_KIND = {
    "feature": ("Fonctionnalité", "Feature"),
    "nfr": ("Exigence non fonctionnelle", "Non-functional requirement"),
    "objective": ("Objectif", "Objective"),
}


def _args(text: Text, words: list[str], label: tuple[str, str, str, str]) -> dict:
    fr_kind, en_kind = _KIND[text.kind]
    item_id = getattr(text.item, "id", None)
    if item_id:
        subject = {"fr": f"{fr_kind} {item_id}", "en": f"{en_kind} {item_id}"}
    else:   # no id (E002 says so): name it by its text
        title = " ".join(text.text.split())
        title = title if len(title) <= 40 else title[:39] + "…"
        subject = {"fr": f"{fr_kind} sans id (« {title} »)", "en": f"{en_kind} without id (\"{title}\")"}
    plural = len(words) > 1
    return {
        "subject": subject,
        "field": text.field,
        "terms": {"fr": ", ".join(f"« {w} »" for w in words), "en": ", ".join(f'"{w}"' for w in words)},
        "label": {"fr": label[1] if plural else label[0], "en": label[3] if plural else label[2]},
    }


def _emit(emit, text: Text, words: list[str], label=("", "", "", "")) -> None:
    emit(text.item.where(text.field), object=getattr(text.item, "id", None) or None, **_args(text, words, label))


def _matcher_for(emit, name: str, prefix: str, spec) -> Matcher:
    return matcher(name, _clean_option(emit.option(f"{prefix}-extra")), _clean_option(emit.option(f"{prefix}-ignore")),
                   _word_index(spec).relevant)


def _texts_for(spec, emit, prefix: str) -> list[Text]:
    """The texts a rule must scan: the shared candidates, or all of them with extra terms."""
    if _clean_option(emit.option(f"{prefix}-extra")):
        return requirement_texts(spec)
    return candidate_texts(spec)


def _list_options(prefix: str, fr_what: str, en_what: str) -> tuple[RuleOption, RuleOption]:
    return (
        RuleOption(f"{prefix}-extra", [], kind=(list, tuple, str), help={
            "fr": f"{fr_what} à ajouter au lexique (même correspondance : mots entiers, sans casse ni accents ; "
                  "flexions entre accolades : `intuiti{f,ve,fs,ves}`).",
            "en": f"{en_what} to add to the lexicon (matched the same way: whole words, case- and accent-insensitive; "
                  "inflections in braces: `intuiti{f,ve,fs,ves}`)."}),
        RuleOption(f"{prefix}-ignore", [], kind=(list, tuple, str), help={
            "fr": f"{fr_what} du lexique à ne plus signaler (un lemme retire toutes ses formes).",
            "en": f"{en_what} of the lexicon not to report any more (a lemma removes all its forms)."}),
    )


def _options_doc(prefix: str, fr_example: str, en_example: str) -> tuple[str, str]:
    return (
        f"\n\nOptions : `{prefix}-extra` ajoute des termes au lexique, `{prefix}-ignore` en retire "
        f"(un lemme retire toutes ses formes), par exemple dans `.crmreq.toml` : `{prefix}-ignore = [{fr_example}]`. "
        "Les termes ajoutés se comparent comme ceux du lexique : mots entiers, sans tenir compte de la casse, des "
        "accents ni des apostrophes typographiques ; espace et trait d'union sont équivalents ; les flexions "
        "s'écrivent entre accolades (`intuiti{f,ve,fs,ves}`).",
        f"\n\nOptions: `{prefix}-extra` adds terms to the lexicon, `{prefix}-ignore` removes some (a lemma removes "
        f"all its forms), e.g. in `.crmreq.toml`: `{prefix}-ignore = [{en_example}]`. Added terms are matched like "
        "the lexicon's: whole words, ignoring case, accents and typographic apostrophes; a space and a hyphen are "
        "the same; inflections go in braces (`intuitive{,ly}`).",
    )


_SCOPE_FR = ("Textes lus : `title`, `scenario` et `acceptance` des fonctionnalités, `statement` des exigences non "
             "fonctionnelles, `title` et `metric` des objectifs — jamais le contexte ni la frustration (`pain`) "
             "citée avec les mots des utilisateurs. Une alerte par élément et par champ, qui cite tous les termes "
             "trouvés. Lexiques français et anglais appliqués à tous les textes, sans tenir compte de la casse ni "
             "des accents, sur des mots entiers (« intuition » n'est pas « intuitif »).")
_SCOPE_EN = ("Texts read: feature `title`, `scenario` and `acceptance`, NFR `statement`, objective `title` and "
             "`metric` — never the context nor the objective's `pain` (quoted in the users' words). One finding "
             "per item and field, naming every term found. French and English lexicons apply to every text, "
             "case- and accent-insensitive, on whole words (\"intuition\" is not \"intuitive\").")


# ---------------------------------------------------------------------------------------------
# W001 vague terms

_FIT = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|ms|s|sec|secondes?|seconds?|mn|min|minutes?|h|heures?|hours?|hrs?|j|jours?|days?|"
    r"semaines?|weeks?|mois|months?|clics?|clicks?|taps?|ecrans?|screens?|etapes?|steps?|pages?|champs?|fields?|"
    r"saisies?|ko|mo|go|to|kb|mb|gb|tb|centiles?|percentiles?|e centile|th percentile)(?!\w)"
    r"|(?:<|>|≤|≥|=)\s*\d"
    r"|(?<!\w)(?:p\d{2}|moins de \d|au plus \d|au maximum \d|au moins \d|less than \d|at most \d|at least \d|"
    r"under \d|within \d|no more than \d|fewer than \d)"
)


_DIGIT = re.compile(r"\d")


def _has_fit(folded: str) -> bool:
    """Every fit criterion holds a digit: look for one first (a much cheaper scan)."""
    return _DIGIT.search(folded) is not None and _FIT.search(folded) is not None


def _measured(text: str | None) -> bool:
    return bool(text) and isinstance(text, str) and _has_fit(_fold(text))


def _value(quantity) -> bool:
    return quantity is not None and getattr(quantity, "value", None) is not None


def _vague_excused(text: Text, acceptance: dict) -> bool:
    """A vague word next to a measurable fit criterion is a label, not the requirement."""
    if _has_fit(text.folded):
        return True
    item = text.item
    if text.kind == "feature":
        key = id(item)
        if key not in acceptance:
            acceptance[key] = _measured(getattr(item, "acceptance", None))
        return acceptance[key]
    if text.kind == "nfr":
        return _value(getattr(item, "metric", None))
    if text.kind == "objective" and text.field == "title":
        return _value(getattr(item, "target", None)) or _value(getattr(item, "baseline", None))
    return False


_W001_FR, _W001_EN = _options_doc("vague-terms", "\"simple\"", "\"simple\"")


@rules.rule(
    "W001", "vague-term", "warning",
    message={"fr": "{subject}, champ {field} : {label} {terms} ; remplacez par un critère mesurable "
                   "(par exemple « en moins de 2 s au 95e centile », « en 3 clics au plus »)",
             "en": "{subject}, field {field}: {label} {terms}; replace with a measurable criterion "
                   "(e.g. \"within 2 s at the 95th percentile\", \"in 3 clicks at most\")"},
    options=_list_options("vague-terms", "Termes vagues", "Vague terms") + (
        RuleOption("vague-terms-unless-measured", True, kind=bool, help={
            "fr": "Ne pas signaler un terme vague quand l'exigence porte aussi un critère chiffré (champ lui-même, "
                  "`acceptance` de la fonctionnalité, `metric` de l'exigence, cible de l'objectif).",
            "en": "Do not report a vague term when the requirement also carries a numeric criterion (the field "
                  "itself, the feature's `acceptance`, the NFR's `metric`, the objective's target)."}),
    ),
    doc=_doc(
        "Les textes d'exigence ne contiennent pas de qualité subjective ou invérifiable : « rapide », « facile », "
        "« intuitif », « convivial », « performant », « flexible », « évolutif », « suffisant », "
        "« user-friendly »… (une soixantaine de termes par langue, avec leurs flexions : rapide, rapides, "
        "rapidement, rapidité). " + _SCOPE_FR + "\n\n"
        "Le terme n'est pas signalé quand l'exigence porte aussi un critère chiffré (un nombre avec une unité : "
        "« 2 s », « 3 clics », « 95 % », « p95 », « moins de 5 ») : dans le champ lui-même, dans le critère "
        "d'acceptation (`acceptance`) de la fonctionnalité, dans la mesure (`metric`) de l'exigence non "
        "fonctionnelle, dans la cible ou la valeur de départ de l'objectif. « Recherche rapide » avec "
        "`acceptance: résultat en moins de 2 s` est donc accepté. Certaines tournures ne sont pas vagues et ne "
        "sont pas signalées : « par conséquent », « un simple clic », « en clair », « client léger », "
        "« stock suffisant ». Option `vague-terms-unless-measured = false` pour tout signaler."
        + _W001_FR,
        "Ce que l'un trouve « rapide », l'autre le trouve lent : face à « l'interface doit être intuitive », "
        "chaque éditeur répond « couvert », et la recette ne peut rien prouver. Le guide de rédaction des "
        "exigences de l'INCOSE (GtWR, règle R7 « termes vagues ») et la norme ISO/IEC/IEEE 29148 (§ 5.2.7, "
        "langage subjectif, adjectifs et adverbes ambigus) demandent de remplacer ces termes par un critère "
        "vérifiable : valeur, unité, condition de mesure.",
        "features:\n  - id: F-12\n    title: Recherche de fiches clients\n"
        "    scenario: Le commercial retrouve rapidement un client depuis une interface intuitive",
        "Remplacer par ce qui sera mesuré en démonstration : « le commercial retrouve un client parmi 50 000 en "
        "moins de 2 s au 95e centile, en 3 clics au plus », ou garder le scénario et écrire le critère dans "
        "`acceptance`.",
        "Requirement texts hold no subjective or unverifiable quality: \"fast\", \"easy\", \"intuitive\", "
        "\"user-friendly\", \"flexible\", \"scalable\", \"sufficient\", « rapide », « convivial »… (about sixty "
        "terms per language, with their inflections). " + _SCOPE_EN + "\n\n"
        "The term is not reported when the requirement also carries a numeric criterion (a number with a unit: "
        "\"2 s\", \"3 clicks\", \"95 %\", \"p95\", \"less than 5\"): in the field itself, in the feature's "
        "`acceptance`, in the NFR's `metric`, in the objective's target or baseline. \"Fast search\" with "
        "`acceptance: results within 2 s` is fine. Some phrases are not vague and are not reported: \"effective "
        "date\", \"sufficient stock\", \"quick wins\". Set `vague-terms-unless-measured = false` to report "
        "everything." + _W001_EN,
        "One reader's \"fast\" is another's slow: faced with \"the interface shall be intuitive\", every vendor "
        "answers \"covered\", and acceptance testing can prove nothing. The INCOSE Guide to Writing Requirements "
        "(GtWR, rule R7 \"vague terms\") and ISO/IEC/IEEE 29148 (§5.2.7, subjective language, ambiguous adverbs "
        "and adjectives) ask for a verifiable criterion instead: value, unit, measurement condition.",
        "features:\n  - id: F-12\n    title: Customer search\n"
        "    scenario: The sales rep quickly finds a customer from an intuitive screen",
        "Replace with what the demo will measure: \"the sales rep finds a customer among 50,000 within 2 s at "
        "the 95th percentile, in at most 3 clicks\", or keep the scenario and write the criterion in `acceptance`.",
    ),
)
def vague_term(spec, emit):
    found = _matcher_for(emit, "vague", "vague-terms", spec)
    lenient = emit.option("vague-terms-unless-measured") is not False
    acceptance: dict = {}   # feature → its acceptance holds a fit criterion
    for text in _texts_for(spec, emit, "vague-terms"):
        hits = _find(text, found)
        if not hits or (lenient and _vague_excused(text, acceptance)):
            continue
        _emit(emit, text, _distinct(hits), ("terme vague", "termes vagues", "vague term", "vague terms"))


# ---------------------------------------------------------------------------------------------
# W002 escape clauses

_W002_FR, _W002_EN = _options_doc("escape-clauses", "\"normalement\"", "\"normally\"")


@rules.rule(
    "W002", "escape-clause", "warning",
    message={"fr": "{subject}, champ {field} : {label} {terms} ; énoncez l'exigence sans condition ou donnez la "
                   "condition exacte (si elle est facultative, baissez plutôt sa priorité)",
             "en": "{subject}, field {field}: {label} {terms}; state the requirement unconditionally or give the "
                   "exact condition (if it is optional, lower its priority instead)"},
    options=_list_options("escape-clauses", "Clauses échappatoires", "Escape clauses"),
    doc=_doc(
        "Les textes d'exigence ne contiennent pas de clause échappatoire : « si possible », « dans la mesure du "
        "possible », « le cas échéant », « si nécessaire », « au besoin », « éventuellement », « idéalement », "
        "« de préférence », « normalement »… (plus de cinquante tournures par langue). " + _SCOPE_FR + "\n\n"
        "Ne sont pas signalées les tournures suivies d'ordinaire d'une condition précise : « dans la mesure où », "
        "« sous réserve de », « à défaut », ni « généralement » qui décrit un usage, ni \"as required by\" "
        "(« tel qu'exigé par la loi »)." + _W002_FR,
        "Une clause échappatoire laisse l'éditeur juge de l'exigence : « l'historique est synchronisé si "
        "possible » est « couvert » par une solution qui ne synchronise rien. C'est la règle R8 du guide INCOSE "
        "(GtWR) et les « échappatoires » de l'ISO/IEC/IEEE 29148 (§ 5.2.7) : une exigence s'énonce sans "
        "condition, ou avec sa condition exacte. Une exigence vraiment facultative se dit par sa priorité "
        "(`priority: could` / `confort`), que l'éditeur chiffre à part.",
        "features:\n  - id: F-20\n    title: Synchronisation de l'agenda\n"
        "    scenario: Les rendez-vous sont synchronisés avec Outlook si possible",
        "« Les rendez-vous créés dans le CRM apparaissent dans l'agenda Outlook du commercial en moins de "
        "5 minutes » ; si ce n'est pas indispensable, `priority: confort`.",
        "Requirement texts hold no escape clause: \"if possible\", \"as far as possible\", \"as appropriate\", "
        "\"if necessary\", \"as needed\", \"ideally\", \"preferably\", \"normally\", « si possible », « le cas "
        "échéant »… (over fifty phrases per language). " + _SCOPE_EN + "\n\n"
        "Not reported: phrases usually followed by a precise condition (\"to the extent that\", \"subject to\"), "
        "habits (\"usually\", \"typically\"), and \"as required by …\" (which names who requires it)." + _W002_EN,
        "An escape clause lets the vendor decide: \"history is synchronised if possible\" is \"covered\" by a "
        "product that synchronises nothing. This is rule R8 of the INCOSE GtWR and the \"loopholes\" of "
        "ISO/IEC/IEEE 29148 (§5.2.7): state a requirement unconditionally, or with its exact condition. A truly "
        "optional requirement is stated by its priority (`priority: could`), which vendors price separately.",
        "features:\n  - id: F-20\n    title: Calendar sync\n"
        "    scenario: Meetings are synchronised with Outlook where possible",
        "\"Meetings created in the CRM appear in the rep's Outlook calendar within 5 minutes\"; if it is not "
        "essential, `priority: could`.",
    ),
)
def escape_clause(spec, emit):
    found = _matcher_for(emit, "escape", "escape-clauses", spec)
    for text in _texts_for(spec, emit, "escape-clauses"):
        hits = _find(text, found)
        if hits:
            _emit(emit, text, _distinct(hits),
                  ("clause échappatoire", "clauses échappatoires", "escape clause", "escape clauses"))


# ---------------------------------------------------------------------------------------------
# W003 open-ended lists

_CLAUSE_STOP = re.compile(r"[.;!?)\]\n]")
_ENUMERATION = re.compile(r",|(?<!\w)(?:et|ou|and|or)(?!\w)")


_COMMA = re.compile(",")


def _example_hits(text: Text, markers: list) -> list[tuple[int, str, str]]:
    """Example markers (« par exemple », "such as") that introduce an enumeration."""
    hits = []
    folded = text.folded
    for m, kind in markers:
        needs = _COMMA if kind == "comma" else _ENUMERATION
        index = m.end()
        while index < len(folded) and folded[index] in " \t:":
            index += 1
        if index < len(folded) and folded[index] == ",":
            if "." not in m.group(0):
                continue  # « par exemple, » opens an aside, not a list
            index += 1
        stop = _CLAUSE_STOP.search(folded, index)
        end = stop.start() if stop else len(folded)
        clause = folded[index:end]
        if not clause.strip() and stop and stop.group(0) == ")":
            opening = folded.rfind("(", 0, m.start())
            if opening != -1 and ")" not in folded[opening:m.start()]:
                clause = folded[opening + 1:m.start()]
        if needs.search(clause):
            hits.append((m.start(), _canon(m.group(0)), _surface(text, m.start(), m.end())))
    return hits


_W003_FR, _W003_EN = _options_doc("open-list-markers", "\"notamment\"", "\"such as\"")


@rules.rule(
    "W003", "open-ended-list", "warning",
    message={"fr": "{subject}, champ {field} : liste ouverte ({terms}) ; énumérez tous les éléments attendus, "
                   "l'éditeur ne s'engage que sur ce qui est écrit",
             "en": "{subject}, field {field}: open-ended list ({terms}); list every expected item, a vendor only "
                   "commits to what is written"},
    options=_list_options("open-list-markers", "Marqueurs de liste ouverte", "Open-ended list markers"),
    doc=_doc(
        "Les textes d'exigence ne contiennent pas de liste ouverte : « etc. », « … », « notamment », « entre "
        "autres », « et ainsi de suite », « liste non exhaustive », « sans s'y limiter », \"and so on\", "
        "\"including but not limited to\"… (une vingtaine de marqueurs par langue : ni le français ni l'anglais "
        "n'en ont quarante). " + _SCOPE_FR + "\n\n"
        "Les marqueurs d'exemple (« par exemple », « p. ex. », « tels que », \"such as\", \"e.g.\") ne sont "
        "signalés que s'ils introduisent une énumération (une virgule, « et » ou « ou » avant la fin de la "
        "proposition : « import depuis des outils tels que Excel, Outlook, Gmail »), ou s'ils ferment une "
        "parenthèse qui en contient une (« (Outlook ou Gmail par exemple) ») : un exemple isolé illustre, il "
        "n'ouvre pas de liste. « Par exemple, » suivi d'une virgule ouvre une incise et n'est pas signalé. "
        "Ne sont pas signalés : une ellipse entre crochets « […] » (coupure dans une citation), « ou "
        "équivalent » (obligatoire après une marque dans les marchés publics, art. R2111-7 du code de la "
        "commande publique), « tout autre » (qui ferme la liste)." + _W003_FR,
        "L'éditeur répond sur la liste écrite, pas sur celle que vous aviez en tête : « import des devis, "
        "commandes, factures, etc. » ne l'engage pas sur les avoirs. Les listes ouvertes empêchent aussi de "
        "chiffrer (combien de connecteurs ?) et de recetter. Règle R9 du guide INCOSE (GtWR, « clauses "
        "ouvertes ») et termes « non vérifiables » de l'ISO/IEC/IEEE 29148 (§ 5.2.7 : \"but not limited to\").",
        "features:\n  - id: F-31\n    title: Import des documents commerciaux\n"
        "    scenario: Import des devis, commandes, factures, etc. depuis l'ERP",
        "Énumérer tous les éléments : « Import des devis, commandes, factures et avoirs depuis l'ERP ». Si la "
        "liste doit pouvoir s'allonger, le dire comme une exigence vérifiable : « un nouveau type de document "
        "s'ajoute par paramétrage, sans développement ».",
        "Requirement texts hold no open-ended list: \"etc.\", \"…\", \"and so on\", \"among others\", "
        "\"including but not limited to\", \"non-exhaustive\", « notamment », « entre autres »… (about twenty "
        "markers per language: neither language has forty). " + _SCOPE_EN + "\n\n"
        "Example markers (\"such as\", \"e.g.\", \"for example\", « par exemple », « tels que ») are reported only "
        "when they introduce an enumeration (a comma, \"and\" or \"or\" before the end of the clause: \"import "
        "from tools such as Excel, Outlook, Gmail\"), or close a parenthesis holding one (\"(Outlook or Gmail "
        "for example)\"): a single example illustrates, it does not open a list. \"For example,\" followed by a "
        "comma starts an aside and is not reported. Not reported either: an ellipsis in brackets \"[…]\" (a cut "
        "in a quotation), \"or equivalent\" (required after a brand name in French public procurement), \"any "
        "other\" (which closes the list). \"and more\" and \"or similar\" count only at the end of a clause "
        "(\"faster and more reliable\" is not a list)." + _W003_EN,
        "A vendor answers the list that is written, not the one you had in mind: \"import quotes, orders, "
        "invoices, etc.\" does not bind them to credit notes. Open lists also prevent pricing (how many "
        "connectors?) and testing. INCOSE GtWR rule R9 (\"open-ended clauses\") and ISO/IEC/IEEE 29148 §5.2.7's "
        "non-verifiable terms (\"but not limited to\").",
        "features:\n  - id: F-31\n    title: Import of sales documents\n"
        "    scenario: Import quotes, orders, invoices, etc. from the ERP",
        "List every item: \"Import quotes, orders, invoices and credit notes from the ERP\". If the list must be "
        "able to grow, say so verifiably: \"a new document type is added by configuration, without development\".",
    ),
)
def open_ended_list(spec, emit):
    found = _matcher_for(emit, "open-list", "open-list-markers", spec)
    for text in _texts_for(spec, emit, "open-list-markers"):
        markers: list = []
        hits = _find(text, found, markers)
        if markers:
            hits += _example_hits(text, markers)
        if hits:
            _emit(emit, text, _distinct(hits))


# ---------------------------------------------------------------------------------------------
# W004 et/ou, and/or

_W004_FR, _W004_EN = _options_doc("compound-markers", "\"ou/et\"", "\"or/and\"")


@rules.rule(
    "W004", "compound-requirement", "info",
    message={"fr": "{subject}, champ {field} : {terms} {label} deux exigences en une ; écrivez-en deux, ou dites "
                   "si les deux sont exigées (« et ») ou si l'une suffit (« ou »)",
             "en": "{subject}, field {field}: {terms} {label} two requirements in one; write two, or say whether "
                   "both are required (\"and\") or either is enough (\"or\")"},
    options=_list_options("compound-markers", "Marqueurs", "Markers"),
    doc=_doc(
        "Les textes d'exigence ne contiennent pas « et/ou » (ni « ou/et », \"and/or\", \"or/and\", avec ou sans "
        "espaces autour de la barre). " + _SCOPE_FR + _W004_FR,
        "« Export Excel et/ou PDF » : l'éditeur qui ne fait que l'un des deux est-il conforme ? Chacun lira ce "
        "qui l'arrange. Le guide INCOSE (GtWR, règles R15 « expressions logiques », R18 « une seule idée », "
        "R19 « combinateurs ») et l'ISO/IEC/IEEE 29148 (§ 5.2.7) demandent une exigence par idée, et une "
        "logique explicite.",
        "features:\n  - id: F-40\n    title: Export des tableaux de bord en Excel et/ou PDF",
        "« Export des tableaux de bord en Excel et en PDF » si les deux sont exigés ; sinon deux exigences de "
        "priorités différentes (F-40 Excel `indispensable`, F-41 PDF `confort`).",
        "Requirement texts hold no \"and/or\" (nor \"or/and\", « et/ou », « ou/et », with or without spaces "
        "around the slash). " + _SCOPE_EN + _W004_EN,
        "\"Export to Excel and/or PDF\": does a vendor offering only one comply? Each reader picks the meaning "
        "that suits them. The INCOSE GtWR (rules R15 \"logical expressions\", R18 \"single thought\", R19 "
        "\"combinators\") and ISO/IEC/IEEE 29148 (§5.2.7) ask for one requirement per thought and explicit logic.",
        "features:\n  - id: F-40\n    title: Export dashboards to Excel and/or PDF",
        "\"Export dashboards to Excel and to PDF\" if both are required; otherwise two requirements with "
        "different priorities (F-40 Excel `must`, F-41 PDF `could`).",
    ),
)
def compound_requirement(spec, emit):
    found = _matcher_for(emit, "compound", "compound-markers", spec)
    for text in _texts_for(spec, emit, "compound-markers"):
        hits = _find(text, found)
        if hits:
            words = _distinct(hits)
            _emit(emit, text, words, ("réunit", "réunissent", "joins", "join"))
