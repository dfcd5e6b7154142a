"""What the RGPD rules share: their rule set, when they apply, where a finding goes, and
the folded words that keys and names are compared by."""

from __future__ import annotations

import re

from ...values import fold
from ...authoring import RuleSet

rules = RuleSet("rgpd")


def personal_objects(spec):
    return [o for o in spec.objects if o.personal_data is True]


def concerned(spec) -> bool:
    """The rgpd section exists and the spec does not say that no data is personal."""
    if spec.rgpd is None:
        return False
    if spec.objects and all(o.personal_data is False for o in spec.objects):
        return False
    return True


def field_at(spec, name: str):
    """Where a finding about rgpd field `name` goes: the field's key (also when it is written empty
    or as a placeholder), else the `rgpd:` line."""
    rgpd = spec.rgpd
    if rgpd is not None:
        at = rgpd.where(name)
        if rgpd.has(name) or at != rgpd.pos:
            return at
    return spec.where("rgpd")


def invalid(part, name: str, value) -> bool:
    """The key is written but its value is unusable (None in the model): the schema (E002) reports it."""
    return value is None and part is not None and part.has(name)


def blank(text) -> bool:
    return not (isinstance(text, str) and text.strip())


def words(text: str) -> tuple[str, ...]:
    """Folded words with a simple singular (contacts → contact, comptes → compte, travaux → travau)."""
    found = []
    for word in re.findall(r"[a-z0-9]+", fold(text)):
        if len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        found.append(word)
    return tuple(found)


MAX_PHRASE = 8


def phrases(sequence: tuple) -> set[tuple]:
    """Every run of consecutive words (at most `MAX_PHRASE` long): what a key or a name "contains"."""
    return {sequence[i:j] for i in range(len(sequence))
            for j in range(i + 1, min(len(sequence), i + MAX_PHRASE) + 1)}


def lexicon_phrases(name: str, lexicon_data: dict) -> tuple[tuple, ...]:
    """A list of a lexicon, each entry as words() (folded, simple singular)."""
    return tuple(w for w in (words(entry) for entry in lexicon_data[name]) if w)


def names_any(text, names: tuple[tuple, ...]) -> bool:
    """Whether one of `names` (word tuples) occurs in `text` as whole words."""
    return isinstance(text, str) and bool(phrases(words(text)) & set(names))
