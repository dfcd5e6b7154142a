"""The buyer's evaluation file (PRODUCT.md §7): per vendor, its response file, price, manual marks
and demo marks. YAML or TOML, read by the loader's parsers (positions for findings), checked
with cerberus like the spec.

    vendors:
      - id: alpha
        name: Alpha CRM
        response: reponses/alpha.xlsx          # relative to this file
        price: {amount: 48000, currency: EUR}  # or a plain number
        marks: {CR-REF: 8}                     # criterion id → mark out of 10 (measure: manual)
        demos: {DEMO-1: 3}                     # demo id → mark out of 4

Problems are findings of the loading family, at the line of the file: E001 it cannot be read,
E002 a key or value the schema refuses (a price of 0 or less, a mark out of range, a mark for a
criterion that is not marked by hand), E005 the same vendor twice, E006 a mark for a criterion
or demo the spec does not have. What they concern is left out; the rest is used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import os_reason
from ..findings import LoadProblem
from ..loader import DEFAULT_MAX_FILE_SIZE
from ..loader.files import FileTooLarge, NotRegularFile, display_path, read_regular_file
from ..loader.messages import fr_toml, fr_yaml
from ..positions import PosDict, Position, locate
from ..values.text import closest

_NUMBER = ["integer", "float"]
_MARKS = {"type": "dict", "keysrules": {"type": "string"},
          "valuesrules": {"type": _NUMBER, "nullable": True, "min": 0, "check_with": "mark"}}
SCHEMA = {
    "vendors": {"type": "list", "schema": {"type": "dict", "schema": {
        "id": {"type": "string", "required": True, "empty": False},
        "name": {"type": "string"},
        "response": {"type": "string", "empty": False},
        "price": {"type": ["dict", *_NUMBER], "nullable": True, "check_with": "price",
                  "schema": {"amount": {"type": _NUMBER, "required": True}, "currency": {"type": "string"}}},
        "marks": {**_MARKS, "valuesrules": {**_MARKS["valuesrules"], "max": 10}},
        "demos": {**_MARKS, "valuesrules": {**_MARKS["valuesrules"], "max": 4}},
    }}},
}


@dataclass
class VendorEntry:
    id: str
    pos: Position
    name: str = ""
    response: Path | None = None             # resolved against the evaluation file's folder
    price: float | None = None
    currency: str = ""
    marks: dict[str, float | None] = field(default_factory=dict)
    demos: dict[str, float | None] = field(default_factory=dict)


@dataclass
class Evaluation:
    display: str
    vendors: list[VendorEntry] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    lines: tuple[str, ...] = ()
    usable: bool = True                      # False when the file could not be read at all (E001)


def read_evaluation(path: Path, criteria: dict[str, str], demos: set[str]) -> Evaluation:
    """Read and check the evaluation file. `criteria` maps criterion ids to their measure."""
    path = Path(path)
    evaluation = Evaluation(display_path(path))
    tree = _parse(path, evaluation)
    if tree is None:
        evaluation.usable = False
        return evaluation
    fmt = "toml" if path.suffix.lower() == ".toml" else "yaml"
    for document_path, (detail, fix) in _schema_problems(tree, fmt):
        evaluation.problems.append(LoadProblem("E002", locate(tree, document_path, tree.pos),
                                               {"detail": detail, **({"fix": fix} if fix else {})}))
    vendors = tree.get("vendors") if isinstance(tree.get("vendors"), list) else []
    first_seen: dict[str, Position] = {}
    for item in vendors:
        if not isinstance(item, PosDict) or not isinstance(item.get("id"), str) or not item["id"].strip():
            continue
        vendor = _vendor(item, path.parent)
        if vendor.id in first_seen:
            first = first_seen[vendor.id]
            evaluation.problems.append(LoadProblem("E005", item.where("id"), {"id": vendor.id,
                                                   "first": f"{first.file}:{first.line}"}, vendor.id))
            continue
        first_seen[vendor.id] = item.where("id")
        _check_references(evaluation, item, vendor, criteria, demos)
        evaluation.vendors.append(vendor)
    return evaluation


def _parse(path: Path, evaluation: Evaluation) -> PosDict | None:
    from ..loader.toml_loader import TomlProblem, parse_toml
    from ..loader.yaml_loader import YamlProblem, parse_yaml

    display = evaluation.display

    def unreadable(fr: str, en: str, line: int = 1, column: int = 1) -> None:
        evaluation.problems.append(LoadProblem("E001", Position(display, line, column), {"detail": {"fr": fr, "en": en}}))

    try:
        text = read_regular_file(path, DEFAULT_MAX_FILE_SIZE).decode("utf-8-sig")
    except (FileTooLarge, NotRegularFile):
        return unreadable("fichier trop gros ou pas un fichier ordinaire", "file too large, or not a regular file")
    except OSError as exc:
        reason = os_reason(exc)
        return unreadable(f"lecture impossible\u00a0: {reason['fr']}", f"cannot read: {reason['en']}")
    except UnicodeDecodeError:
        return unreadable("le fichier n'est pas en UTF-8", "the file is not UTF-8")
    evaluation.lines = tuple(text.replace("\r\n", "\n").split("\n"))
    try:
        if path.suffix.lower() == ".toml":
            tree = parse_toml(text, display).data
        else:
            tree = parse_yaml(text, display).data
    except TomlProblem as exc:
        return unreadable(fr_toml(exc.message), exc.message, exc.line, exc.column)
    except YamlProblem as exc:
        return unreadable(fr_yaml(exc.message), exc.message, exc.line, exc.column)
    except (RecursionError, ValueError) as exc:
        return unreadable(f"document illisible ({exc})", f"unreadable document ({exc})")
    if not isinstance(tree, PosDict):
        return unreadable("le fichier doit contenir «\u00a0vendors:\u00a0» et la liste des éditeurs",
                          "the file must hold `vendors:` and the list of vendors")
    return tree


def _vendor(item: PosDict, base: Path) -> VendorEntry:
    """A vendor entry with the values the schema accepts (one it refuses is left out: E002 says why)."""
    vendor = VendorEntry(item["id"].strip(), item.where("id"))
    if isinstance(item.get("name"), str):
        vendor.name = item["name"].strip()
    if isinstance(item.get("response"), str) and item["response"].strip():
        vendor.response = base / item["response"].strip()
    price = item.get("price")
    amount = price.get("amount") if isinstance(price, dict) else price
    if _positive(amount):
        vendor.price = float(amount)
        currency = price.get("currency") if isinstance(price, dict) else None
        vendor.currency = currency.strip() if isinstance(currency, str) else ""
    for key, limit in (("marks", 10), ("demos", 4)):
        table = item.get(key)
        if isinstance(table, dict):
            setattr(vendor, key, {str(k): (float(v) if _number(v) and 0 <= v <= limit else None)
                                  for k, v in table.items() if v is None or _number(v)})
    return vendor


def _number(value) -> bool:
    """A number a mark or a price can be: not a boolean (cerberus counts them as integers), not .nan or .inf."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _positive(value) -> bool:
    return _number(value) and value > 0


def _check_references(evaluation: Evaluation, item: PosDict, vendor: VendorEntry, criteria: dict, demos: set) -> None:
    marks = item.get("marks") if isinstance(item.get("marks"), PosDict) else None
    for key in list(vendor.marks):
        at = marks.where(key) if marks is not None else item.where("marks")
        if key not in criteria:
            _unknown(evaluation, at, vendor, "marks", key, set(criteria), {"fr": "critère", "en": "criterion"})
            del vendor.marks[key]
        elif criteria[key] != "manual":
            evaluation.problems.append(LoadProblem("E002", at, {"detail": {
                "fr": f"«\u00a0marks\u00a0» de {vendor.id}\u00a0: le critère «\u00a0{key}\u00a0» est noté par "
                      f"«\u00a0{criteria[key]}\u00a0», pas à la main (measure: manual)\u00a0: cette note n'est pas lue",
                "en": f"`marks` of {vendor.id}: criterion `{key}` is marked by `{criteria[key]}`, not by hand "
                      f"(measure: manual): this mark is not read"}}, vendor.id))
            del vendor.marks[key]
    table = item.get("demos") if isinstance(item.get("demos"), PosDict) else None
    for key in list(vendor.demos):
        if key not in demos:
            at = table.where(key) if table is not None else item.where("demos")
            _unknown(evaluation, at, vendor, "demos", key, demos, {"fr": "démonstration", "en": "demo"})
            del vendor.demos[key]


def _unknown(evaluation: Evaluation, at: Position, vendor: VendorEntry, field_name: str, ref: str, allowed,
             kind: dict) -> None:
    meant = closest(ref, allowed)
    args = {"field": field_name, "owner": vendor.id, "ref": ref, "kind": kind,
            "suggestion_fr": f"Vouliez-vous dire «\u00a0{meant}\u00a0»\u00a0?" if meant else
            f"Ids connus\u00a0: {', '.join(sorted(allowed)) or 'aucun'}",
            "suggestion_en": f"Did you mean `{meant}`?" if meant else f"Known ids: {', '.join(sorted(allowed)) or 'none'}"}
    evaluation.problems.append(LoadProblem("E006", at, args, vendor.id))


# -- cerberus ---------------------------------------------------------------------------------

def _schema_problems(tree: PosDict, fmt: str) -> list[tuple[tuple, tuple[dict, dict | None]]]:
    validator = _validator()
    validator.validate(_without_free_keys(tree), normalize=False)
    problems = [(tuple(error.document_path), _describe(error, fmt)) for error in validator.errors]
    return sorted(problems, key=lambda p: [str(x) for x in p[0]])


def _without_free_keys(value):
    """`x-` keys are free, as in the spec: cerberus sees the document without them."""
    if isinstance(value, dict):
        return {k: _without_free_keys(v) for k, v in value.items() if not (isinstance(k, str) and k.startswith("x-"))}
    if isinstance(value, list):
        return [_without_free_keys(v) for v in value]
    return value


@lru_cache(maxsize=1)
def _validator():
    from cerberus import Validator
    from cerberus.errors import BaseErrorHandler

    class Leaves(BaseErrorHandler):
        """Every error at its own path (cerberus groups the errors of a list item or a mapping)."""

        def __call__(self, errors):
            return [leaf for error in errors
                    for leaf in (self(error.child_errors) if error.is_group_error and error.child_errors else [error])]

    class EvaluationValidator(Validator):
        def _check_with_price(self, field, value):
            amount = value.get("amount") if isinstance(value, dict) else value
            if isinstance(amount, (int, float)) and not (_number(amount) and amount > 0):
                self._error(field, "price")     # how a check_with method reports, as cerberus documents it

        def _check_with_mark(self, field, value):
            if isinstance(value, bool) or (isinstance(value, float) and math.isnan(value)):   # ±inf: min, max
                self._error(field, "mark")

    return EvaluationValidator(SCHEMA, error_handler=Leaves)


def _describe(error, fmt: str) -> tuple[dict, dict | None]:
    """(detail, fix) for one cerberus error: marks and prices in this file's words, the rest
    (unknown or missing key, wrong type, empty value) worded as for the spec (loader.schema_words)."""
    from ..loader.schema_words import describe
    from ..schema import SchemaError

    path = tuple(error.document_path)
    name = str(path[-1]) if path else "vendors"
    shown = _written(error.value, fmt)
    check = error.info[0] if error.info and (error.rule == "check_with" or error.code == 0) else None
    if error.rule in ("min", "max") or check == "mark":
        high = "10" if "marks" in path else "4"
        return {"fr": f"«\u00a0{name}\u00a0»\u00a0: {shown} n'est pas une note entre 0 et {high}",
                "en": f"`{name}`: {shown} is not a mark between 0 and {high}"}, None
    if check == "price":
        return {"fr": f"«\u00a0{name}\u00a0»\u00a0: un prix doit être supérieur à 0",
                "en": f"`{name}`: a price must be greater than 0"}, None
    if error.code == 0x03:     # cerberus.errors.UNKNOWN_FIELD
        fields = tuple(_fields_at(path[:-1]))
        return describe(SchemaError(path, "unknown", None, error.value, fields), fmt)
    constraint = error.constraint
    if error.rule == "type" and name == "price" and isinstance(error.value, str):
        constraint = ["float"]     # "48 000 €": say "write 48000" (the mapping form is in the docs)
    return describe(SchemaError(path, error.rule or "", constraint, error.value, rules=_rules_at(path)), fmt)


def _written(value, fmt: str) -> str:
    """A value as the user wrote it: true, .nan, -.inf in YAML (nan, -inf in TOML), not Python's True, nan."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        text = str(value)
        return text.replace("nan", ".nan").replace("inf", ".inf") if fmt == "yaml" else text
    return str(value)


def _rules_at(path: tuple) -> dict | None:
    from ..schema import rules_at

    return rules_at(SCHEMA, path)


def _fields_at(path: tuple) -> list[str]:
    rules = _rules_at(path) or {}
    return list(rules.get("schema") or ()) if isinstance(rules.get("schema"), dict) else []
