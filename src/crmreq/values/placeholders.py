"""Placeholders: `TBD`, `à définir`, `?`, `N/A`… written where a value is not known yet.

They count as missing everywhere a value is expected: the loader takes them out of the tree
before validation (a placeholder in a number field is missing, not of the wrong type) and the
rule for the missing value names them. The list is `lexicons/placeholders.toml`.
"""

from __future__ import annotations

from ..lexicons import lexicon
from .text import fold

PLACEHOLDERS = frozenset(" ".join(fold(word).split()) for word in lexicon("placeholders")["placeholders"])
# a placeholder is a few words: longer texts (most of a spec) are not folded to be compared
_LONGEST = 2 * max(len(word) for word in PLACEHOLDERS)


def placeholder(value) -> str | None:
    """The placeholder `value` is, as written without its surrounding spaces, or None.

    Case, accents and surrounding spaces do not matter: « À définir », "tbd ", "N/A"."""
    if not isinstance(value, str):
        return None
    written = value.strip()
    if not written or len(written) > _LONGEST:
        return None
    return written if " ".join(fold(written).split()) in PLACEHOLDERS else None


def blank(value) -> bool:
    """Whether `value` gives nothing: written empty (`owner:`, YAML's null) or a placeholder.

    An empty text (`owner: ""`, TOML's only way to write nothing) is a text: rules read it as blank."""
    return value is None or placeholder(value) is not None
