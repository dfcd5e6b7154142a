"""Schema validation (cerberus), from `schemas/crmreq.cerberus.yaml`.

The cerberus schema is the single source of truth: crmreq validates with it, plugins extend
it (`crmreq_schema_extensions`), and the JSON Schema editors use is generated from it
(`json_schema.py`).
Validation errors come back as facts (`SchemaError`: path, rule, what was expected) so the
loader can word each one in the syntax of its file (loader/schema_words.py) as an E002 finding
at the offending key.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import zlib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple


SCHEMA_FILE = "crmreq.cerberus.yaml"
COMPILED_SCHEMA_FILE = "crmreq.cerberus.json"   # generated from SCHEMA_FILE (see base_schema)


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

    return YAML(typ="safe").load(source.decode("utf-8"))


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


# --- validation ------------------------------------------------------------------------

class SchemaError(NamedTuple):
    """One thing cerberus refuses, as facts (the loader words them, in the file's syntax).

    `rule`: "unknown" (a key the schema does not have), "required", "type", "allowed", "empty",
    "min", "nullable", "check" (a `check_with` value check: `constraint` says which), or
    cerberus' own rule name. `fields`: the keys allowed where an unknown key was written;
    `rules`: the schema's rules for the node (what a list's items or a mapping's keys are)."""

    path: tuple
    rule: str
    constraint: object
    value: object
    fields: tuple = ()
    rules: dict | None = None


def validate(document: dict, extensions: dict | None = None) -> list[tuple[tuple, dict]]:
    """Validate a merged raw tree; answer [(document_path, {"fr": …, "en": …})].

    The written text of typed scalars is put back first (`keep_written_text`). Sections the
    fast path finds certainly valid are skipped; cerberus judges the others (and unknown
    top-level keys), so every error, and its message, comes from cerberus.
    """
    return [_worded(error) for error in schema_errors(document, extensions)]


def schema_errors(document: dict, extensions: dict | None = None) -> list[SchemaError]:
    """What `validate` reports, as facts: the loader words them for the file they are in."""
    schema = extended_schema(extensions)
    keep_written_text(document, schema)
    doubtful = {key: value for key, value in document.items()
                if not _is_free(key) and not (key in schema and certainly_valid(value, schema[key]))}
    return cerberus_errors(doubtful, extensions) if doubtful else []


def cerberus_problems(document: dict, extensions: dict | None = None) -> list[tuple[tuple, dict]]:
    """cerberus's verdict on `document`, without the fast path: every error, sorted by path."""
    return [_worded(error) for error in cerberus_errors(document, extensions)]


def cerberus_errors(document: dict, extensions: dict | None = None) -> list[SchemaError]:
    """cerberus's verdict on `document` as facts, without the fast path, sorted by path.

    `x-` keys are free: cerberus validates a copy without them (`_without_free_keys`)."""
    schema = extended_schema(extensions)
    validator = _cerberus_validator(json.dumps(extensions, sort_keys=True, default=str) if extensions else "")
    validator.validate(_without_free_keys(document, {"type": "dict", "schema": schema}), normalize=False)
    errors = [_facts(error, schema) for error in validator.errors]
    errors.sort(key=lambda e: [str(x) for x in e.path])
    return errors


def rules_at(schema: dict, path: tuple) -> dict | None:
    """The rules the schema gives the node at `path` (a list index reaches the items' rules)."""
    rules: object = {"type": "dict", "schema": schema}
    for step in path:
        if not isinstance(rules, dict):
            return None
        if isinstance(step, int) or step is None:
            rules = rules.get("schema")
        elif isinstance(rules.get("valuesrules"), dict):
            rules = rules["valuesrules"]
        else:
            fields = rules.get("schema")
            rules = fields.get(step) if isinstance(fields, dict) else None
    return rules if isinstance(rules, dict) else None


def _facts(error, schema: dict) -> SchemaError:
    path = tuple(error.document_path)
    if error.code == 0x03:   # cerberus.errors.UNKNOWN_FIELD
        parent = rules_at(schema, path[:-1]) or {}
        fields = parent.get("schema") if isinstance(parent.get("schema"), dict) else {}
        return SchemaError(path, "unknown", None, error.value, tuple(fields))
    if error.rule == "check_with" or (error.code == 0 and error.info):   # our _check_with_* errors
        return SchemaError(path, "check", str(error.info[0]) if error.info else "", error.value)
    return SchemaError(path, error.rule or "", error.constraint, error.value, rules=rules_at(schema, path))


def _worded(error: SchemaError) -> tuple[tuple, dict]:
    from .loader.schema_words import describe

    return error.path, describe(error, "yaml")[0]


def _is_free(key) -> bool:
    return isinstance(key, str) and key.startswith("x-")


def _without_free_keys(value, rules):
    """A copy of `value` without its `x-` keys, which are free everywhere except in mappings
    whose keys are data (`keysrules`, `valuesrules`): cerberus checks those like any other."""
    rules = rules if isinstance(rules, dict) else {}
    if isinstance(value, dict):
        if "keysrules" in rules or "valuesrules" in rules:
            return {key: _without_free_keys(item, rules.get("valuesrules")) for key, item in value.items()}
        fields = rules.get("schema") if isinstance(rules.get("schema"), dict) else {}
        return {key: _without_free_keys(item, fields.get(key)) for key, item in value.items() if not _is_free(key)}
    if isinstance(value, list):
        return [_without_free_keys(item, rules.get("schema")) for item in value]
    return value


@lru_cache(maxsize=8)
def _cerberus_validator(extensions_key: str):
    """Built only when a section needs it (cerberus takes about 70 ms to check the schema), once
    per set of extensions; `validator.errors` then lists cerberus's own errors."""
    from cerberus.errors import BaseErrorHandler

    class ErrorLeaves(BaseErrorHandler):
        def __call__(self, errors):   # the errors of a group (a list item, a sub-mapping) opened
            return [leaf for error in errors
                    for leaf in (self(error.child_errors) if error.is_group_error and error.child_errors else [error])]

    extensions = json.loads(extensions_key) if extensions_key else None
    return _validator_class()(extended_schema(extensions), error_handler=ErrorLeaves)


@lru_cache(maxsize=1)
def _validator_class():
    from cerberus import Validator

    class SpecValidator(Validator):
        """cerberus with crmreq's value checks (`check_with: priority | date | quantity`)."""

        _check_with_priority = _check_with(_check_priority)
        _check_with_date = _check_with(_check_date)
        _check_with_quantity = _check_with(_check_quantity)

    return SpecValidator


def _check_with(check):
    """A `_check_with_<name>` method for cerberus: it reports what `check` finds wrong."""
    def method(self, field, value):
        problem = check(value)
        if problem:
            self._error(field, problem)   # how a check_with method reports, as cerberus documents it
    return method


def _check_priority(value) -> str | None:
    from .values import parse_priority   # cached by spelling

    return "priority" if isinstance(value, str) and parse_priority(value) is None else None


def _check_date(value) -> str | None:
    if isinstance(value, str):
        try:
            _dt.date.fromisoformat(value.strip())
        except ValueError:
            return "date"
    return None


def _check_quantity(value) -> str | None:
    from .values import parse_quantity

    if isinstance(value, dict):
        if "value" not in value:
            return "quantity-value"
        unknown = [k for k in value if k not in ("value", "unit", "percentile") and not _is_free(k)]
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


# --- the fast path: "certainly valid" in one pass, compiled from the same rules ------------

# cerberus type name → Python types (a bool is an int to Python, never to these checks)
_PY_TYPES = {
    "string": (str,), "integer": (int,), "float": (int, float), "number": (int, float),
    "boolean": (bool,), "dict": (dict,), "list": (list,), "date": (_dt.date,),
}
_KNOWN_RULES = {"type", "allowed", "required", "empty", "min", "schema", "keysrules", "valuesrules",
                "allow_unknown", "check_with", "meta"}
_COMPILED: dict[int, tuple] = {}


def certainly_valid(value, rules: dict) -> bool:
    """True only when cerberus would accept `value` under `rules`; False means "ask cerberus".

    cerberus takes 65 ms on a valid 300-feature spec and 185 ms at 1,000, plus 70 ms to check
    the schema first; a spec is valid almost everywhere, so this one-pass check of the same
    rules (stricter where unsure: any other rule answers False) lets cerberus see only the
    sections with a problem, and a valid spec lints 20–25 % faster.
    tests/test_schema_fastpath.py holds it to cerberus's verdict.
    """
    return _checker(rules)(value)


def _checker(rules):
    """The check for one rule set, built once (rule sets live as long as the schema: cached by identity)."""
    cached = _COMPILED.get(id(rules))
    if cached is None or cached[0] is not rules:
        cached = _COMPILED[id(rules)] = (rules, _build_checker(rules))
    return cached[1]


def _build_checker(rules):
    if not isinstance(rules, dict) or not _KNOWN_RULES.issuperset(rules):
        return _never
    types = rules.get("type")
    tests = [_type_test(types if isinstance(types, list) else [types]) if types is not None else _not_none]
    if "allowed" in rules:
        allowed = tuple(rules["allowed"])   # compared with ==, as cerberus does: a dict or a list is simply not in it
        tests.append(lambda v: all(x in allowed for x in v) if isinstance(v, list) else v in allowed)
    if rules.get("empty") is False:
        tests.append(lambda v: not (isinstance(v, (str, list, dict)) and not v))
    if "min" in rules:
        low = rules["min"]
        tests.append(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= low)
    if "check_with" in rules:
        check = CHECKS.get(rules["check_with"])
        if check is None:
            return _never
        tests.append(lambda v: check(v) is None)
    allow_unknown = rules.get("allow_unknown", False)
    if allow_unknown not in (False, True):
        return _never
    if isinstance(rules.get("schema"), dict):
        tests.append(_schema_test(rules["schema"], allow_unknown))
    if "keysrules" in rules or "valuesrules" in rules:
        tests.append(_data_mapping_test(rules.get("keysrules"), rules.get("valuesrules")))
    if len(tests) == 1:
        return tests[0]

    def checker(v):
        for test in tests:
            if not test(v):
                return False
        return True

    return checker


def _schema_test(sub: dict, allow_unknown: bool):
    """The `schema` rule: the fields of a mapping (`x-` keys free), or the rules of a list's items."""
    item_check = _checker(sub)
    field_checks = {name: _checker(r) for name, r in sub.items()}
    required = [name for name, r in sub.items() if isinstance(r, dict) and r.get("required")]

    def check(v):
        if isinstance(v, list):
            return all(map(item_check, v))   # all(map(…)): no generator frame per item
        if not isinstance(v, dict):
            return True
        if not all(name in v for name in required):
            return False
        for key, item in v.items():
            field_check = field_checks.get(key)
            if field_check is None:
                if not (allow_unknown or _is_free(key)):
                    return False
            elif not field_check(item):
                return False
        return True

    return check


def _data_mapping_test(keys_rules, values_rules):
    """`keysrules` and `valuesrules`: every key and every value, `x-` ones included."""
    key_check = _checker(keys_rules) if keys_rules is not None else None
    value_check = _checker(values_rules) if values_rules is not None else None
    return lambda v: not isinstance(v, dict) or (
        (key_check is None or all(map(key_check, v))) and (value_check is None or all(map(value_check, v.values()))))


def _type_test(names: list):
    if any(name not in _PY_TYPES for name in names):
        return _never
    accepted = tuple({t for name in names for t in _PY_TYPES[name]})
    if "boolean" in names or not any(issubclass(bool, t) for t in accepted):
        return lambda v: isinstance(v, accepted)
    return lambda v: isinstance(v, accepted) and not isinstance(v, bool)


def _not_none(value) -> bool:
    return value is not None   # cerberus refuses None where a rule set does not say `nullable`


def _never(_value) -> bool:
    return False


# --- the text as written ---------------------------------------------------------------------

def keep_written_text(node, schema: dict) -> None:
    """Where the schema wants text and YAML resolved a plain scalar to a number, bool or date,
    put back the text as written (`007`, `+33612345678`, `1.10`): nothing typed is lost.

    `node` is a mapping, `schema` the rules of its fields; one walk, before validation."""
    if isinstance(node, dict):
        for key, value in node.items():   # replacing a value keeps the dict's size: safe while iterating
            if value is not None and not isinstance(value, str):   # most values are texts: nothing to do
                _settle(node, key, schema.get(key))


def _settle(container, key, rules) -> None:
    """`keep_written_text` for `container[key]` (a mapping's value or a list's item) under `rules`."""
    value = container[key]
    if value is None or isinstance(value, str) or not isinstance(rules, dict):
        return
    sub = rules.get("schema")
    if isinstance(value, dict):
        if isinstance(sub, dict):
            keep_written_text(value, sub)
        if isinstance(rules.get("valuesrules"), dict):
            for item_key in value:
                _settle(value, item_key, rules["valuesrules"])
        return
    if isinstance(value, list):
        if isinstance(sub, dict):
            for index, item in enumerate(value):
                if item is not None and not isinstance(item, str):
                    _settle(value, index, sub)
        return
    types = rules.get("type") if isinstance(rules.get("type"), list) else [rules.get("type")]
    if "string" not in types or _type_test(types)(value):
        return   # text is not wanted, or the type as read is accepted too
    written = getattr(container, "plain", {}).get(key)   # PosDict/PosList: the text of plain YAML scalars
    if written is not None:
        container[key] = written
    elif isinstance(value, int) and not isinstance(value, bool):
        container[key] = str(value)   # TOML integer where text is expected: no information lost


if __name__ == "__main__":   # python -m crmreq.schema: regenerate the JSON copy of the cerberus schema
    (schema_dir() / COMPILED_SCHEMA_FILE).write_text(compiled_schema_text(), encoding="utf-8")
