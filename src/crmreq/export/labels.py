"""Every heading and label of the exported documents, in French and English, read once from `labels.toml`.

Lexicons are data: the words live in `labels.toml`, this module only looks them up.
`text(lang)` answers the flat mapping of document labels; `enum(kind, value, lang)` the label of
an enumerated value of the spec (system kind, frequency, legal basis…), falling back to the
value itself so that a plugin's value (a new module, say) still shows. Headings are keys of
`SECTIONS`, in document order; the Word and Markdown writers number them the same way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping

try:
    import tomllib
except ImportError:     # Python 3.10
    import tomli as tomllib

_LABELS = tomllib.loads(Path(__file__).with_name("labels.toml").read_text(encoding="utf-8"))

TEXT: dict[str, dict[str, str]] = _LABELS["text"]
SECTIONS: dict[str, dict[str, str]] = _LABELS["sections"]            # the numbered chapters (key → heading)
SCALE_MEANINGS: dict[str, tuple[str, ...]] = {lang: tuple(v) for lang, v in _LABELS["scale_meanings"].items()}
ENUMS: dict[str, dict[str, dict[str, str]]] = _LABELS["enums"]
MATRIX_HEADERS: dict[str, dict[str, str]] = _LABELS["matrix"]["headers"]
MATRIX_SECTIONS: dict[str, dict[str, str]] = _LABELS["matrix"]["sections"]
RESPONSE_SCALE: dict[str, tuple[str, ...]] = {lang: tuple(v)
                                              for lang, v in _LABELS["matrix"]["response_scale"].items()}
WORKBOOK: dict[str, dict] = _LABELS["workbook"]

MODULE_ORDER = ("crm", "sales", "marketing", "support", "analytics", "mobility", "integration", "admin")
PRIORITY_ORDER = ("must", "should", "could", "wont")


def _lang(lang: str | None) -> str:
    return "en" if lang == "en" else "fr"


def text(lang: str | None) -> Mapping[str, str]:
    """All document labels in `lang` (French unless `en`)."""
    return TEXT[_lang(lang)]


def sections(lang: str | None) -> Mapping[str, str]:
    return SECTIONS[_lang(lang)]


def enum(kind: str, value, lang: str | None) -> str:
    """Label of an enumerated value; the value itself when unknown (or "" for None)."""
    if value is None:
        return ""
    return ENUMS.get(kind, {}).get(_lang(lang), {}).get(str(value), str(value))


_CODE = re.compile(r"(?<![\w-])[A-Z]{2,3}(?![\w-])")


def location(text: str | None, lang: str | None, short: bool = False) -> str:
    """A place as written, its country and region codes named in `lang`: `EU` → « Union européenne »,
    `FR, DE` → « France, Allemagne » (`short`: `UE` for the systems map). Other words stay."""
    if not text:
        return ""
    names = ENUMS["location"][_lang(lang)]
    if short:
        names = {**names, **ENUMS["location_short"][_lang(lang)]}
    return _CODE.sub(lambda m: names.get(m.group(0), m.group(0)), text)


def yes_no(value, lang: str | None) -> str:
    if value is None:
        return ""
    t = text(lang)
    return t["yes"] if value else t["no"]
