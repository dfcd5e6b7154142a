"""Hover: on a rule code in a suppression comment, the rule's documentation; on an id, the item it
names (what it is, its title, where it is written); on a key, its description from the schema."""

from __future__ import annotations

import re

from ..loader.suppressions import SUPPRESSION
from .cursor import toml_key_at, yaml_key_at
from .rule_docs import rule_hover
from .specs import SpecRun


#: What an item of each list is, in French and English.
KIND_WORDS = {
    "stakeholders": ("intervenant", "stakeholder"), "teams": ("équipe", "team"),
    "objectives": ("objectif", "objective"), "systems": ("système", "system"),
    "objects": ("objet de données", "data object"), "flows": ("flux", "flow"), "processes": ("processus", "process"),
    "features": ("fonctionnalité", "feature"), "nfr": ("exigence non fonctionnelle", "non-functional requirement"),
    "migration": ("source de migration", "migration source"), "purposes": ("finalité RGPD", "GDPR purpose"),
    "phases": ("phase", "phase"), "criteria": ("critère de choix", "selection criterion"),
    "demos": ("démonstration", "demo"),
}

_WORDS = {
    "fr": {"unknown": "aucun élément n'a l'id «\u00a0{id}\u00a0»", "defined": "défini dans", "uses": "cité {n}\u00a0fois",
           "values": "Valeurs", "colon": "\u00a0:"},
    "en": {"unknown": "no item has the id `{id}`", "defined": "defined in", "uses": "named {n} times",
           "values": "Values", "colon": ":"},
}


def hover_text(run: SpecRun, display: str, lines, line: int, column: int) -> str | None:
    """Markdown for the hover at 0-based `line` and character `column` of the file `display`
    (its current text is `lines`), or None when there is nothing to say."""
    text = lines[line] if line < len(lines) else ""
    return (_rule_code(run, text, column) or _id(run, display, line + 1, column)
            or _key(run, display, lines, line, column))


def _rule_code(run: SpecRun, text: str, column: int) -> str | None:
    for match in SUPPRESSION.finditer(text):
        if not match.start("codes") <= column <= match.end("codes"):
            continue
        offset = match.start("codes")
        for code in re.finditer(r"[^,\s]+", match["codes"]):
            if offset + code.start() <= column <= offset + code.end():
                rule = run.prepared.session.plugins.rule(code.group())
                return rule_hover(rule, run.lang) if rule else None
    return None


def _id(run: SpecRun, display: str, line: int, column: int) -> str | None:
    words = _WORDS.get(run.lang, _WORDS["en"])
    found = run.index.at(display, line, column)
    if found is None:
        return None
    definition = run.index.definitions.get(found)
    if definition is None:
        return words["unknown"].format(id=found)
    kind = KIND_WORDS[definition.kind][0 if run.lang == "fr" else 1]
    title = f" — {definition.label}" if definition.label != definition.id else ""
    uses = len(run.index.uses(found))
    return (f"**{definition.id}** ({kind}){title}\n\n"
            f"{words['defined']} `{definition.pos.file}:{definition.pos.line}` · {words['uses'].format(n=uses)}")


def _key(run: SpecRun, display: str, lines, line: int, column: int) -> str | None:
    guide = run.prepared.guide
    if display.lower().endswith(".toml"):
        key = toml_key_at(lines, line, column, guide.is_list)
    else:
        key = yaml_key_at(lines, line, column)
    if key is None:
        return None
    description = guide.description(key.path)
    if description is None:
        return None
    words = _WORDS.get(run.lang, _WORDS["en"])
    values = guide.values(key.path)
    shown = f"\n\n{words['values']}{words['colon']} " + ", ".join(f"`{name}`" for name, _ in values) if values else ""
    return f"**{'.'.join(str(step) for step in key.path if step != '*')}**\n\n{description}{shown}"
