"""crmreq's word lists, kept as data: `<name>.toml` beside this file (format in README.md).

The value grammars (units, months, deadlines…) and the rules (vague terms, countries, budget
categories…) read them here. A new spelling, country or synonym is an edit of a TOML file, not
of code.
"""

from __future__ import annotations

import functools
import os

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


@functools.lru_cache(maxsize=None)
def lexicon(name: str) -> dict:
    """The parsed `<name>.toml` of this folder, read once (callers must not change it)."""
    with open(os.path.join(os.path.dirname(__file__), f"{name}.toml"), "rb") as file:
        return tomllib.load(file)
