"""The draft-07 JSON Schema that editors use, generated from the cerberus schema.

`crmreq schema` prints it and `crmreq init` writes it beside a new spec, both with the installed
plugins' sections; the copy in `schemas/crmreq.schema.json`, without them, is regenerated with
`python -m crmreq.json_schema`.
"""

from __future__ import annotations

import json

from .schema import extended_schema, schema_dir
from .values.placeholders import PLACEHOLDERS
from .values.priorities import PRIORITY_ALIASES
from .values.text import fold


_JSON_TYPES = {"string": "string", "integer": "integer", "float": "number", "number": "number",
               "boolean": "boolean", "dict": "object", "list": "array", "date": "string"}

#: The priorities an editor proposes: the MoSCoW keys and the French words, as `crmreq init`
#: and the E002 message spell them.
PRIORITY_NAMES = ("must", "should", "could", "wont", "indispensable", "important", "confort")


NOT_GIVEN = "#/definitions/not-given"
_READ_BY_THE_LOADER = ("crmreq", "include", "lint")   # never a placeholder: the loader reads them itself


def json_schema(extensions: dict | None = None, *, not_given: bool = True) -> dict:
    """A draft-07 JSON Schema equivalent to the cerberus schema, for editors.

    With `not_given`, a value may also be a placeholder (`TBD`, « à définir »…), as crmreq reads
    it: missing, not wrong. The language server navigates the schema without it."""
    schema = extended_schema(extensions)
    result = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "crmreq specification",
        "description": "A CRM requirements specification in crmreq format, version 1.",
        "type": "object",
        "properties": {key: _convert(rules, not_given and key not in _READ_BY_THE_LOADER)
                       for key, rules in schema.items()},
        "patternProperties": {"^x-": {}},
        "additionalProperties": False,
    }
    if not_given:
        # no description of its own, so that an editor's hover keeps the field's; an empty value is
        # still flagged (and no `null` offered in completions): an editor asks for it to be filled
        result["definitions"] = {"not-given": {"type": "string", "pattern": placeholder_pattern()}}
    return result


def _convert(rules: dict, not_given: bool = False) -> dict:
    """One cerberus rule set as a JSON Schema; `not_given`: a placeholder is accepted too where a
    single value goes (`headcount: TBD`, `priority: à définir`), here and at every level below."""
    out = _converted(rules, not_given)
    kinds = out.get("type") if isinstance(out.get("type"), list) else [out.get("type")]
    if not not_given or "object" in kinds or "array" in kinds:
        return out   # a section or a list written TBD stays flagged: its errors inside keep their place
    if out.get("type") == "string" and not {"enum", "format", "minLength", "anyOf"} & out.keys():
        return out   # any text already: a placeholder is one
    if "anyOf" in out:   # the priorities: one more alternative
        out["anyOf"].append({"$ref": NOT_GIVEN})
        return out
    description = out.pop("description", None)
    return {**({"description": description} if description else {}), "anyOf": [out, {"$ref": NOT_GIVEN}]}


def placeholder_pattern() -> str:
    """The placeholders of the lexicon in any case, with or without accents and typographic signs,
    words separated by any spaces: each folded character becomes the class of what folds to it."""
    candidates = [chr(code) for code in (*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2027))]
    alternatives = []
    for placeholder in sorted(PLACEHOLDERS, key=lambda text: (-len(text), text)):
        parts = []
        for char in placeholder:
            if char == " ":
                parts.append("\\s+")
                continue
            same = "".join(c for c in candidates if fold(c) == char)
            parts.append("[" + "".join("\\" + c if c in "\\]^-[" else c for c in same) + "]")
        alternatives.append("".join(parts))
    return "^\\s*(?:" + "|".join(alternatives) + ")\\s*$"


def _converted(rules: dict, not_given: bool) -> dict:
    """One cerberus rule set as a JSON Schema (its description, type, enum, bounds, fields, items)."""
    out: dict = {}
    meta = rules.get("meta") or {}
    if meta.get("description"):
        out["description"] = meta["description"]
    types = rules.get("type")
    types = types if isinstance(types, list) else ([types] if types else [])
    json_types = list(dict.fromkeys(_JSON_TYPES[t] for t in types if t in _JSON_TYPES))
    if len(json_types) == 1:
        out["type"] = json_types[0]
    elif json_types:
        out["type"] = json_types
    if "allowed" in rules:
        if "array" in json_types:
            out["items"] = {"enum": list(rules["allowed"])}
        else:
            out["enum"] = list(rules["allowed"])
    if rules.get("check_with") == "priority":
        out.update(_priority(out.get("description", "")))
    if rules.get("check_with") == "date" and json_types == ["string"]:
        out["format"] = "date"
    if "min" in rules:
        out["minimum"] = rules["min"]
    if rules.get("empty") is False and "string" in json_types:
        out["minLength"] = 1
    sub = rules.get("schema")
    if isinstance(sub, dict):
        if "array" in json_types and "type" in sub and not isinstance(sub.get("type"), dict):
            out["items"] = _convert(sub, not_given)
        elif "object" in json_types:
            out.update(_object(sub, not_given))
        elif "array" in json_types:
            out["items"] = _convert(sub, not_given)
    if "valuesrules" in rules:
        out["additionalProperties"] = _convert(rules["valuesrules"], not_given)
    if rules.get("allow_unknown") and "object" in json_types and "properties" not in out:
        out["additionalProperties"] = True
    return out


def _priority(description: str) -> dict:
    """`check_with: priority` for editors: the names to complete and offer in a warning, or any
    other spelling cerberus accepts ("MUST", "Must-have", "won't"), so that only `urgent` is flagged."""
    names = ", ".join(PRIORITY_NAMES)
    return {
        "description": (f"{description} One of {names}; any case, and long forms such as "
                        "\"Must-have\" or \"won't\".").strip(),
        "anyOf": [{"enum": list(PRIORITY_NAMES)}, {"pattern": priority_pattern()}],
    }


def priority_pattern() -> str:
    """The spellings of the priority lexicon in any case, words joined by spaces, "-", "_" or
    nothing (and the same around them), an apostrophe allowed before a word's final "t" ("won't").

    A JSON Schema pattern is an ECMA-262 regex with no case-insensitive flag, hence `[Mm]`.
    cerberus also accepts a few rarer writings that this leaves to it: accented letters,
    typographic dashes and apostrophes other than ’, spaces between the letters of a word.
    """
    by_joined = {alias.replace(" ", ""): alias.split()
                 for alias in sorted(PRIORITY_ALIASES, key=lambda alias: alias.count(" "))}
    alternatives = ("[-_\\s]*".join(_any_case(word) for word in words) for words in by_joined.values())
    return "^[-_\\s]*(?:" + "|".join(alternatives) + ")[-_\\s]*$"


def _any_case(word: str) -> str:
    """`word` matched in any case (JSON Schema patterns have no flag for it), "won't" as "wont"."""
    letters = [f"[{c}{c.upper()}]" if c.isalpha() else c for c in word]
    if word.endswith("t"):
        letters.insert(-1, "['’]?")
    return "".join(letters)


def _object(fields: dict, not_given: bool) -> dict:
    """The fields of a mapping: `x-` keys free, any other unknown key refused, as cerberus does."""
    required = [name for name, rules in fields.items() if isinstance(rules, dict) and rules.get("required")]
    result = {
        "properties": {name: _convert(rules, not_given) for name, rules in fields.items()},
        "patternProperties": {"^x-": {}},
        "additionalProperties": False,
    }
    if required:
        result["required"] = required
    return result


def json_schema_text(extensions: dict | None = None) -> str:
    """`json_schema` as the text `crmreq schema` prints (and `schemas/crmreq.schema.json` holds)."""
    return json.dumps(json_schema(extensions), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":   # python -m crmreq.json_schema: regenerate schemas/crmreq.schema.json, plugins left out
    (schema_dir() / "crmreq.schema.json").write_text(json_schema_text(), encoding="utf-8")
