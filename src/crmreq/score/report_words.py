"""The words of the score reports, in French and English, read once from `report_words.toml`.

Response levels, priorities, sections and modules are named exactly as in the matrix the vendors
filled in (`export.labels`), so the report speaks the buyer's and the vendors' words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ..export import labels as L
from .model import LEVELS

try:
    import tomllib
except ImportError:     # Python 3.10
    import tomli as tomllib

_WORDS: dict[str, dict[str, str]] = tomllib.loads(
    Path(__file__).with_name("report_words.toml").read_text(encoding="utf-8"))


def lang_of(lang: str | None) -> str:
    """The report's language: English when asked for, French otherwise (as the exports)."""
    return "en" if lang == "en" else "fr"


def words(lang: str | None) -> Mapping[str, str]:
    """Every heading and label of the reports in `lang`."""
    return _WORDS[lang_of(lang)]


def level_label(level: str | None, lang: str | None) -> str:
    """A response level as the matrix's drop-down shows it; "No answer" for None."""
    if level is None:
        return words(lang)["unanswered"]
    if level in LEVELS:
        return L.RESPONSE_SCALE[lang_of(lang)][LEVELS.index(level)]
    return level


def priority_label(priority: str, lang: str | None) -> str:
    return L.enum("priority", priority, lang) if priority else words(lang)["no_priority"]


def section_label(section: str, lang: str | None) -> str:
    return L.MATRIX_SECTIONS[lang_of(lang)].get(section, section)


def module_label(module: str, lang: str | None) -> str:
    """A feature's module or an NFR's category, in the document's words."""
    for kind in ("module", "nfr"):
        label = L.enum(kind, module, lang)
        if label != module:
            return label
    return module


def measure_label(measure: str, lang: str | None) -> str:
    return words(lang).get(f"measure_{measure}", measure)


def how_marked(measure: str, lang: str | None) -> str:
    return words(lang).get(f"how_{measure}", "")
