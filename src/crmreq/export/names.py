"""File names of exports: derived from the project's name, safe on every file system.

Whatever a spec's author writes in `project.name` (nothing, punctuation, `..`, `CON`, accents,
emoji, a whole paragraph), a name made here is plain ASCII letters, digits and dashes, never
hidden, never a name Windows keeps for a device, and, in a pack, never the manifest's name nor
another member's.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain, count

MANIFEST = "manifest.json"
FALLBACK = {"fr": "cahier-des-charges", "en": "requirements"}   # when the project's name gives no letter
MAX_STEM = 60
# Windows keeps these names for devices, whatever the extension: `con.docx` cannot be created there.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                             *(f"lpt{n}" for n in range(10))})


def words(text: str) -> str:
    """The ASCII letters and digits of `text`, lower-cased, runs of anything else as one dash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()


def slug(text: str, lang: str = "fr") -> str:
    """A file-name-safe version of a project name: `CRM Négoce 2027` → `crm-negoce-2027`; a name
    with no ASCII letter or digit (`日本語`, `...`) gives the document's name in `lang`."""
    cleaned = words(text)[:MAX_STEM].rstrip("-")
    fallback = FALLBACK.get(lang, FALLBACK["en"])
    if cleaned in WINDOWS_DEVICES:
        return f"{cleaned}-{fallback}"
    return cleaned or fallback


def base_name(spec) -> str:
    """The stem every export of this spec is named after: its project's name, else the document's."""
    project = spec.project
    return slug(project.name if project and isinstance(project.name, str) else "", spec.lang)


def safe_extension(extension: str) -> str:
    """A plugin's extension reduced to dot-separated letters and digits (`../x` → `x`)."""
    return ".".join(re.findall(r"[A-Za-z0-9]+", extension or "")) or "out"


def member_names(stem: str, exporters) -> dict[str, str]:
    """Exporter name → file name in the pack: `<stem>.<extension>`, unless that is taken.

    Names are compared ignoring case, as Windows and macOS do. The manifest's name is taken
    first, then crmreq's own formats', so a project called `Manifest` gets `manifest-json.json`
    and a plugin's format never displaces a built-in one."""
    taken = {MANIFEST.casefold()}
    names = {}
    for exporter in sorted(exporters, key=lambda e: (e.plugin != "crmreq", e.name)):
        extension = safe_extension(exporter.extension)
        label = "-".join(filter(None, (stem, words(exporter.name))))
        candidates = chain([f"{stem}.{extension}", f"{label}.{extension}"],
                           (f"{label}-{n}.{extension}" for n in count(2)))
        name = next(c for c in candidates if c.casefold() not in taken)
        taken.add(name.casefold())
        names[exporter.name] = name
    return names
