"""The draft-07 JSON Schema that editors use, generated from the cerberus schema.

`crmreq schema` prints it and `crmreq init` writes it beside a new spec, both with the installed
plugins' sections; the copy in `schemas/crmreq.schema.json`, without them, is regenerated with
`python -m crmreq.json_schema`.
"""

from __future__ import annotations

import json

from .schema import extended_schema, schema_dir
from .values.priorities import PRIORITY_ALIASES


_JSON_TYPES = {"string": "string", "integer": "integer", "float": "number", "number": "number",
               "boolean": "boolean", "dict": "object", "list": "array", "date": "string"}

#: The priorities an editor proposes: the MoSCoW keys and the French words, as `crmreq init`
#: and the E002 message spell them.
PRIORITY_NAMES = ("must", "should", "could", "wont", "indispensable", "important", "confort")


def json_schema(extensions: dict | None = None) -> dict:
    """A draft-07 JSON Schema equivalent to the cerberus schema, for editors."""
    schema = extended_schema(extensions)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "crmreq specification",
        "description": "A CRM requirements specification in crmreq format, version 1.",
        "type": "object",
        "properties": {key: _convert(rules) for key, rules in schema.items()},
        "patternProperties": {"^x-": {}},
        "additionalProperties": False,
    }


def _convert(rules: dict) -> dict:
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
            out["items"] = _convert(sub)
        elif "object" in json_types:
            out.update(_object(sub))
        elif "array" in json_types:
            out["items"] = _convert(sub)
    if "valuesrules" in rules:
        out["additionalProperties"] = _convert(rules["valuesrules"])
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


def _object(fields: dict) -> dict:
    """The fields of a mapping: `x-` keys free, any other unknown key refused, as cerberus does."""
    required = [name for name, rules in fields.items() if isinstance(rules, dict) and rules.get("required")]
    result = {
        "properties": {name: _convert(rules) for name, rules in fields.items()},
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
