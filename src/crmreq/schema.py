"""Schema validation (cerberus) and JSON Schema generation, from `schemas/crmreq.cerberus.yaml`.

The cerberus schema is the single source of truth: crmreq validates with it, plugins extend
it (`crmreq_schema_extensions`), and the JSON Schema editors use is generated from it.
Validation errors come back as (path, localised detail) so the loader can turn each one into
an E002 finding at the offending key.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import zlib
from functools import lru_cache
from pathlib import Path


SCHEMA_FILE = "crmreq.cerberus.yaml"
COMPILED_SCHEMA_FILE = "crmreq.cerberus.json"   # generated from SCHEMA_FILE (see base_schema)
JSON_SCHEMA_FILE = "crmreq.schema.json"
_TYPE_WORDS = {
    "string": ("du texte", "text"), "integer": ("un nombre entier", "an integer"),
    "float": ("un nombre", "a number"), "number": ("un nombre", "a number"),
    "boolean": ("true ou false", "true or false"), "dict": ("une table (clé: valeur)", "a mapping (key: value)"),
    "list": ("une liste", "a list"), "date": ("une date (AAAA-MM-JJ)", "a date (YYYY-MM-DD)"),
}


def schema_dir() -> Path:
    """`schemas/` shipped inside the wheel, or the repository's when running from a checkout."""
    packaged = Path(__file__).with_name("_schemas")
    if (packaged / SCHEMA_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"


@lru_cache(maxsize=1)
def base_schema() -> dict:
    """The cerberus schema, read once per process.

    `crmreq.cerberus.yaml` is the source; `crmreq.cerberus.json` is the same schema
    ready for `json.loads` (0.3 ms, where reading the YAML costs 30–45 ms at every start
    of `crmreq lint`). The JSON is used only while it carries the checksum of the YAML
    beside it, so an edited YAML is never shadowed by a stale copy.
    """
    folder = schema_dir()
    source = (folder / SCHEMA_FILE).read_bytes()
    compiled = _compiled_schema(folder, source)
    if compiled is not None:
        return compiled
    from ruamel.yaml import YAML

    text = source.decode("utf-8")
    try:
        return YAML(typ="safe").load(text)
    except Exception:  # no C extension in this Python: the pure reader gives the same result
        return YAML(typ="safe", pure=True).load(text)


def _compiled_schema(folder: Path, source: bytes) -> dict | None:
    try:
        data = json.loads((folder / COMPILED_SCHEMA_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("source-crc32") != zlib.crc32(source):
        return None
    schema = data.get("schema")
    return schema if isinstance(schema, dict) else None


def compiled_schema_text() -> str:
    """`schemas/crmreq.cerberus.json`: `python -m crmreq.schema` rewrites it."""
    from ruamel.yaml import YAML

    source = (schema_dir() / SCHEMA_FILE).read_bytes()
    schema = YAML(typ="safe", pure=True).load(source.decode("utf-8"))
    return json.dumps({"generated-from": SCHEMA_FILE, "by": "python -m crmreq.schema",
                       "source-crc32": zlib.crc32(source), "schema": schema},
                      ensure_ascii=False, indent=1) + "\n"


def extended_schema(extensions: dict | None = None) -> dict:
    """The base schema plus plugin extensions (`section` or `section.field` keys)."""
    schema = base_schema()
    if not extensions:
        return schema
    schema = copy.deepcopy(schema)
    for key, rules in extensions.items():
        section, _, fieldname = key.partition(".")
        if not fieldname:
            schema[section] = rules
            continue
        target = schema.get(section)
        if target is None:
            continue
        if target.get("type") == "list":
            target = target.setdefault("schema", {"type": "dict", "schema": {}})
        target.setdefault("schema", {})[fieldname] = rules
    return schema


def check_extension(extensions: dict) -> None:
    """Raise cerberus' SchemaError when plugin extensions are not valid cerberus rules.

    Only the extensions are checked (a few milliseconds), not the whole extended schema."""
    _validator_class()({key.rpartition(".")[2]: rules for key, rules in extensions.items()})


# --- validation --------------------------------------------------------------------

def _check_priority(value) -> str | None:
    from .values import parse_priority   # cached by spelling

    if isinstance(value, str) and parse_priority(value) is None:
        return "priority"
    return None


def _check_date(value) -> str | None:
    if isinstance(value, str) and _parse_iso_date(value) is None:
        return "date"
    return None


def _check_quantity(value) -> str | None:
    from .values import parse_quantity

    if isinstance(value, dict):
        if "value" not in value:
            return "quantity-value"
        unknown = [k for k in value if k not in ("value", "unit", "percentile") and not str(k).startswith("x-")]
        if unknown:
            return f"quantity-key:{unknown[0]}"
        number = value.get("value")
        if not isinstance(number, (int, float)) or isinstance(number, bool):
            return "quantity-value"
        if "unit" in value and not isinstance(value["unit"], str):
            return "quantity-unit"
        return None
    if parse_quantity(value) is None:
        return "quantity"
    return None


CHECKS = {"priority": _check_priority, "date": _check_date, "quantity": _check_quantity}


def _validator_class():
    from cerberus import Validator
    from cerberus.errors import UNKNOWN_FIELD

    class SpecValidator(Validator):
        """cerberus + `x-` keys allowed anywhere + crmreq's value checks."""

        def _BareValidator__validate_unknown_fields(self, field):  # noqa: N802 (cerberus private hook)
            if isinstance(field, str) and field.startswith("x-"):
                return
            self._error(field, UNKNOWN_FIELD)

        def _check_with_priority(self, field, value):
            problem = _check_priority(value)
            if problem:
                self._error(field, problem)

        def _check_with_date(self, field, value):
            problem = _check_date(value)
            if problem:
                self._error(field, problem)

        def _check_with_quantity(self, field, value):
            problem = _check_quantity(value)
            if problem:
                self._error(field, problem)

    return SpecValidator


# -- a fast pre-check: "certainly valid" in one pass, cerberus for everything else ------

# cerberus type name → Python types (a bool is an int to Python, never to these checks)
_PY_TYPES = {
    "string": (str,), "integer": (int,), "float": (int, float), "number": (int, float),
    "boolean": (bool,), "dict": (dict,), "list": (list,), "date": (_dt.date,),
}


def _type_test(names: list):
    if any(name not in _PY_TYPES for name in names):
        return _never
    accepted = tuple({t for name in names for t in _PY_TYPES[name]})
    if "boolean" in names or not any(issubclass(bool, t) for t in accepted):
        return lambda v: isinstance(v, accepted)
    return lambda v: isinstance(v, accepted) and not isinstance(v, bool)

_KNOWN_RULES = {"type", "allowed", "required", "empty", "min", "schema", "keysrules", "valuesrules",
                "allow_unknown", "check_with", "meta"}


def certainly_valid(value, rules: dict) -> bool:
    """True only when cerberus would accept `value` under `rules`; False means "ask cerberus".

    cerberus costs about a millisecond per list item, which a 50,000-feature spec cannot
    afford; a spec is valid almost everywhere, so this conservative one-pass check (the
    same rules, stricter where unsure) lets cerberus examine only the sections with a
    problem. tests/test_schema_fastpath.py checks it never says True where cerberus finds
    an error. Rules are compiled once into closures (`_compile`).
    """
    return _compile(rules, False)(value)


def settle_and_check(value, rules: dict) -> bool:
    """`keep_written_text` and `certainly_valid` in one walk, for a section of a big spec.

    Written text is put back where a check fails on a typed scalar that the schema wants as
    text, and the check is tried again; a valid section is thus walked once, and the fixing
    costs nothing where nothing needs it. When the answer is False the walk may have
    stopped early: the caller runs `keep_written_text` on the section before cerberus.
    """
    return _compile(rules, True)(value)


_COMPILED: dict[tuple, tuple] = {}


def _compile(rules: dict, settle: bool):
    """A checker for one cerberus rule set; cached by identity (schemas are read once).
    `settle`: put back written text on the way (see `settle_and_check`)."""
    cached = _COMPILED.get((id(rules), settle))
    if cached is not None and cached[0] is rules:
        return cached[1]
    check = _build_checker(rules, settle)
    _COMPILED[(id(rules), settle)] = (rules, check)
    return check


def _build_checker(rules: dict, settle: bool):
    if not isinstance(rules, dict) or not _KNOWN_RULES.issuperset(rules):
        return _never
    tests = []
    types = rules.get("type")
    if types is not None:
        tests.append(_type_test(types if isinstance(types, list) else [types]))
    if "allowed" in rules:
        allowed = set(rules["allowed"]) if all(isinstance(a, str) for a in rules["allowed"]) else list(rules["allowed"])
        tests.append(lambda v: all(_hashable_in(x, allowed) for x in v) if isinstance(v, list) else _hashable_in(v, allowed))
    if rules.get("empty") is False:
        tests.append(lambda v: not (isinstance(v, (str, list, dict)) and not v))
    if "min" in rules:
        low = rules["min"]
        tests.append(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= low)
    check_name = rules.get("check_with")
    if check_name is not None:
        check = CHECKS.get(check_name)
        if check is None:
            return _never
        tests.append(lambda v: check(v) is None)
    sub = rules.get("schema")
    keys_rules, values_rules = rules.get("keysrules"), rules.get("valuesrules")
    allow_unknown = rules.get("allow_unknown", False)
    if isinstance(sub, dict) or keys_rules is not None or values_rules is not None:
        mapping_check = _mapping_checker(sub, allow_unknown, settle) if isinstance(sub, dict) else None
        item_check = _compile(sub, settle) if isinstance(sub, dict) else None
        key_check = _compile(keys_rules, settle) if keys_rules is not None else None
        value_check = _compile(values_rules, settle) if values_rules is not None else None
        settle_items = settle and isinstance(sub, dict)

        def structure(v):   # all(map(…)): no generator frame per item
            if isinstance(v, dict):
                if mapping_check is not None and not mapping_check(v):
                    return False
                if key_check is not None and not all(map(key_check, v)):
                    return False
                if value_check is not None and not all(map(value_check, v.values())):
                    return False
            elif isinstance(v, list) and item_check is not None:
                if all(map(item_check, v)):
                    return True
                if settle_items:             # a typed scalar where text is wanted?
                    _fix_list(v, sub)
                    return all(map(item_check, v))
                return False
            return True

        tests.append(structure)

    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda v: first(v) and second(v)

    def checker(v):
        for test in tests:
            if not test(v):
                return False
        return True

    return checker


def _hashable_in(value, allowed) -> bool:
    try:
        return value in allowed
    except TypeError:  # unhashable (a list or a dict where a word was expected)
        return False


def _mapping_checker(fields: dict, allow_unknown, settle: bool):
    if allow_unknown not in (False, True):
        return _never
    required = [name for name, r in fields.items() if isinstance(r, dict) and r.get("required")]
    field_checks = {name: _compile(r, settle) for name, r in fields.items()}

    def check(mapping):
        for name in required:
            if name not in mapping:
                return False
        for key, item in mapping.items():
            field_check = field_checks.get(key)
            if field_check is None:
                if allow_unknown or (isinstance(key, str) and key.startswith("x-")):
                    continue
                return False
            if item is None:
                return False
            if not field_check(item):
                # a typed scalar where text is wanted? (a dict or list settled itself)
                if not (settle and not isinstance(item, (dict, list)) and _put_back_text(mapping, key, fields[key])
                        and field_check(mapping[key])):
                    return False
        return True

    return check


def _never(_value) -> bool:
    return False


@lru_cache(maxsize=8)
def _validator_for(key: str):
    extensions = json.loads(key) if key else None
    return _validator_class()(extended_schema(extensions))


def _parse_iso_date(text: str):
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def validate(document: dict, extensions: dict | None = None) -> list[tuple[tuple, dict]]:
    """Validate a merged raw tree; answer [(document_path, {"fr": …, "en": …})].

    Sections that `certainly_valid` accepts are skipped; cerberus validates the others
    (and unknown top-level keys), so every error message comes from cerberus.
    """
    schema = extended_schema(extensions)
    doubtful = {}
    for key, value in document.items():   # settling replaces values, never keys: safe
        if key in schema and value is not None:
            if settle_and_check(value, schema[key]):
                continue
            _settle_key(document, key, schema[key])   # the walk may have stopped early
        if not (isinstance(key, str) and key.startswith("x-")):
            doubtful[key] = document[key]
    if not doubtful:
        return []
    validator = _validator_for(json.dumps(extensions, sort_keys=True, default=str) if extensions else "")
    validator.validate(doubtful, normalize=False)
    problems = []
    for error in _leaves(validator._errors):
        problems.append((tuple(error.document_path), _describe(error)))
    problems.sort(key=lambda p: [str(x) for x in p[0]])
    return problems


def _leaves(errors):
    for error in errors:
        if error.is_group_error and error.child_errors:
            yield from _leaves(error.child_errors)
        else:
            yield error


def _describe(error) -> dict:
    """A French and an English sentence for one cerberus error."""
    path = error.document_path
    field = str(path[-1]) if path else "document"
    rule, constraint, value = error.rule, error.constraint, error.value
    if error.code == 0x03:
        return {"fr": f"clé inconnue « {field} » (les clés libres commencent par « x- »)",
                "en": f"unknown key `{field}` (free keys start with `x-`)"}
    if rule == "required":
        return {"fr": f"clé obligatoire « {field} » manquante", "en": f"required key `{field}` is missing"}
    if rule == "type":
        wanted = constraint if isinstance(constraint, list) else [constraint]
        fr = " ou ".join(_TYPE_WORDS.get(t, (t, t))[0] for t in wanted)
        en = " or ".join(_TYPE_WORDS.get(t, (t, t))[1] for t in wanted)
        return {"fr": f"« {field} » doit être {fr}, pas {_show(value)}",
                "en": f"`{field}` must be {en}, not {_show(value)}"}
    if rule == "allowed":
        choices = ", ".join(str(c) for c in constraint)
        return {"fr": f"valeur {_show(value)} non permise pour « {field} » (valeurs possibles : {choices})",
                "en": f"value {_show(value)} is not allowed for `{field}` (allowed: {choices})"}
    if rule in ("empty", "minlength"):
        return {"fr": f"« {field} » ne doit pas être vide", "en": f"`{field}` must not be empty"}
    if rule == "min":
        return {"fr": f"« {field} » doit être au moins {constraint}", "en": f"`{field}` must be at least {constraint}"}
    if rule == "check_with" or (error.code == 0 and error.info):  # our _check_with_* errors
        return _check_message(field, str(error.info[0]) if error.info else "", value)
    return {"fr": f"« {field} » : valeur {_show(value)} invalide ({rule})",
            "en": f"`{field}`: invalid value {_show(value)} ({rule})"}


def _check_message(field: str, kind: str, value) -> dict:
    if kind == "priority":
        return {"fr": f"priorité {_show(value)} inconnue : must, should, could, wont, indispensable, important ou confort",
                "en": f"unknown priority {_show(value)}: use must, should, could, wont, indispensable, important or confort"}
    if kind == "date":
        return {"fr": f"« {field} » : {_show(value)} n'est pas une date AAAA-MM-JJ valide",
                "en": f"`{field}`: {_show(value)} is not a valid YYYY-MM-DD date"}
    if kind.startswith("quantity-key:"):
        key = kind.split(":", 1)[1]
        return {"fr": f"« {field} » : clé « {key} » inconnue (value, unit, percentile)",
                "en": f"`{field}`: unknown key `{key}` (value, unit, percentile)"}
    if kind == "quantity-unit":
        return {"fr": f"« {field} » : « unit » doit être du texte", "en": f"`{field}`: `unit` must be text"}
    return {"fr": f"« {field} » : une quantité s'écrit {{value: 30, unit: \"%\"}} ou \"30 %\"",
            "en": f"`{field}`: a quantity is written {{value: 30, unit: \"%\"}} or \"30 %\""}


def _show(value) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= 60 else text[:57] + "…"


def keep_written_text(node, schema: dict) -> None:
    """Where the schema wants text and YAML resolved a plain scalar to a number, bool or date,
    put back the text as written (`007`, `+33612345678`, `1.10`): nothing typed is lost."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():   # replacing a value keeps the dict's size: safe while iterating
        if value is not None and not isinstance(value, str):
            _settle_key(node, key, schema.get(key))


def _settle_key(node, key, rules) -> None:
    """`keep_written_text` for the value of one key (or list index) of `node`."""
    value = node[key]
    if value is None or isinstance(value, str) or not isinstance(rules, dict):
        return
    if not isinstance(value, (dict, list)):
        _put_back_text(node, key, rules)
        return
    sub = rules.get("schema")
    if isinstance(value, list) and isinstance(sub, dict):
        _fix_list(value, sub)
    elif isinstance(value, dict) and isinstance(sub, dict):
        keep_written_text(value, sub)


def _fix_list(items: list, item_rules: dict) -> None:
    for index, value in enumerate(items):
        if isinstance(value, dict) and isinstance(item_rules.get("schema"), dict):
            keep_written_text(value, item_rules["schema"])
        elif value is not None and not isinstance(value, (str, dict, list)):
            _put_back_text(items, index, item_rules)


def _put_back_text(node: dict, key, rules: dict) -> bool:
    """Replace the typed scalar `node[key]` by its written text if `rules` want text and do
    not accept the type; True when it did."""
    types = rules.get("type")
    types = types if isinstance(types, list) else [types]
    value = node[key]
    if "string" not in types or _type_accepts(types, value):
        return False
    written = getattr(node, "plain", {}).get(key)
    if written is not None:
        node[key] = written
    elif isinstance(value, int) and not isinstance(value, bool):
        node[key] = str(value)   # TOML integer where text is expected: no information lost
    else:
        return False
    return True


def _type_accepts(types, value) -> bool:
    if isinstance(value, bool):
        return "boolean" in types
    if isinstance(value, int):
        return "integer" in types or "number" in types
    if isinstance(value, float):
        return "float" in types or "number" in types
    if isinstance(value, _dt.date):
        return "date" in types
    return False


# --- JSON Schema -------------------------------------------------------------------

_JSON_TYPES = {"string": "string", "integer": "integer", "float": "number", "number": "number",
               "boolean": "boolean", "dict": "object", "list": "array"}


def json_schema(extensions: dict | None = None) -> dict:
    """A draft-07 JSON Schema equivalent to the cerberus schema, for editors."""
    schema = extended_schema(extensions)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "crmreq specification",
        "description": "A CRM specification (cahier des charges CRM) in crmreq format, version 1.",
        "type": "object",
        "properties": {key: _convert(rules) for key, rules in schema.items()},
        "patternProperties": {"^x-": {}},
        "additionalProperties": False,
    }


def _convert(rules: dict) -> dict:
    out: dict = {}
    meta = rules.get("meta") or {}
    if meta.get("description"):
        out["description"] = meta["description"]
    types = rules.get("type")
    types = types if isinstance(types, list) else ([types] if types else [])
    json_types = []
    for t in types:
        if t == "date":
            json_types.append("string")
        elif t in _JSON_TYPES:
            json_types.append(_JSON_TYPES[t])
    json_types = list(dict.fromkeys(json_types))
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
        out["description"] = (out.get("description", "") + " must, should, could, wont, indispensable, important, confort.").strip()
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


def _object(fields: dict) -> dict:
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
    return json.dumps(json_schema(extensions), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":   # python -m crmreq.schema: regenerate the JSON copy of the cerberus schema
    (schema_dir() / COMPILED_SCHEMA_FILE).write_text(compiled_schema_text(), encoding="utf-8")
