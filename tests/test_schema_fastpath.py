"""The fast path (`schema.certainly_valid`) may only say "valid" where cerberus agrees.

It lets cerberus skip the sections that are valid (the common case); a wrong "valid" would
hide an E002. A catalogue of values is placed under every rule set of the real schema, and
Hypothesis builds whole sections with values of both the right and the wrong types and free
`x-` keys here and there; each time the fast path says "valid", cerberus must agree.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmreq.schema import (base_schema, cerberus_problems, certainly_valid, extended_schema, keep_written_text,
                           validate)

CATALOGUE = [
    None, "", "texte", "indispensable", "urgent", "2026-02-30", "2027-06-30", "30 %", 0, -3, 7, 2.5, True, False,
    dt.date(2027, 1, 1), [], ["a"], [1], [None], {}, {"value": 3}, {"value": "x"}, {"x-note": 1}, {"zzz": 1},
    {"value": 3, "x-note": [1]}, {2024: "texte"}, {"id": "A"}, {"id": "A", "x-note": None}, [{"id": "A"}],
    "must", "api", "one_way", "crm", "FR", "consent", "erasure",
]
WRONG_VALUES = st.sampled_from(CATALOGUE)
FREE_VALUES = st.sampled_from([None, 1, "libre", [1, {"zzz": 1}], {"zzz": None}])


def value_for(rules: dict, depth: int = 0):
    """A strategy mixing valid values for `rules` with arbitrary wrong ones."""
    if depth > 3:
        return WRONG_VALUES
    types = rules.get("type")
    types = types if isinstance(types, list) else [types]
    options = []
    if "allowed" in rules:
        options.append(st.sampled_from(list(rules["allowed"])))
    if "dict" in types and isinstance(rules.get("schema"), dict):
        fields = {name: value_for(sub, depth + 1) for name, sub in rules["schema"].items() if isinstance(sub, dict)}
        options.append(st.fixed_dictionaries({}, optional={**fields, "x-note": FREE_VALUES}))
    if "dict" in types and "valuesrules" in rules:   # keys are data: cerberus checks `x-` ones too
        options.append(st.dictionaries(st.sampled_from(["Compte", "prospects", "x-note"]),
                                       value_for(rules["valuesrules"], depth + 1), max_size=3))
    if "list" in types and isinstance(rules.get("schema"), dict):
        options.append(st.lists(value_for(rules["schema"], depth + 1), max_size=3))
    if "string" in types:
        options.append(st.text(max_size=5))
    if "integer" in types:
        options.append(st.integers(-2, 5))
    if rules.get("check_with") == "priority":
        options.append(st.sampled_from(["must", "indispensable", "Confort", "wont"]))
    # mostly valid values, so that one wrong value is often the only problem in a document
    return st.one_of(*(options * 6), WRONG_VALUES) if options else WRONG_VALUES


SECTION_NAMES = sorted(k for k, v in base_schema().items() if isinstance(v, dict))
SECTIONS = st.sampled_from(SECTION_NAMES)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_certainly_valid_never_disagrees_with_cerberus(data):
    """Whole sections, mostly valid, a few wrong values anywhere."""
    section = data.draw(SECTIONS)
    rules = base_schema()[section]
    value = data.draw(value_for(rules))
    if certainly_valid(value, rules):
        assert cerberus_problems({section: value}) == [], (section, value)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_validate_reports_what_cerberus_reports(data):
    """The fast path changes how long validation takes, never its findings."""
    document = {"crmreq": 1}
    for section in data.draw(st.lists(SECTIONS, max_size=3, unique=True)):
        document[section] = data.draw(value_for(base_schema()[section]))
    by_cerberus = copy.deepcopy(document)
    keep_written_text(by_cerberus, base_schema())
    assert validate(document) == cerberus_problems(by_cerberus)


def _rule_sets(rules: dict, place):
    """Every rule set under `rules`, with a function placing a value there in an otherwise valid section."""
    yield rules, place
    types = rules.get("type") if isinstance(rules.get("type"), list) else [rules.get("type")]
    sub = rules.get("schema")
    if isinstance(sub, dict) and "list" in types:
        yield from _rule_sets(sub, lambda value: place([value]))
    elif isinstance(sub, dict) and "dict" in types:
        required = {name: "ID" for name, field in sub.items() if field.get("required")}
        for name, field in sub.items():
            yield from _rule_sets(field, lambda value, name=name: place({**required, name: value}))
    if isinstance(rules.get("valuesrules"), dict):
        yield from _rule_sets(rules["valuesrules"], lambda value: place({"Compte": value, "x-note": value}))


@pytest.mark.parametrize(("pack", "section"), [(None, name) for name in SECTION_NAMES] + [
    ("crmreq_btp", name) for name in ("sites", "subcontractors", "equipment", "features", "project")])
def test_certainly_valid_agrees_with_cerberus_at_every_depth(pack, section):
    """Each value of the catalogue, and each allowed word, placed under each rule set of the
    section; also with the rules a plugin adds (the BTP pack)."""
    extensions = pytest.importorskip(f"{pack}.schema").EXTENSIONS if pack else None
    rules = extended_schema(extensions)[section]
    for inner, place in _rule_sets(rules, lambda value: value):
        for value in CATALOGUE + list(inner.get("allowed", [])):
            if certainly_valid(place(value), rules):
                assert cerberus_problems({section: place(value)}, extensions) == [], (section, place(value))


def test_examples_are_certainly_valid_section_by_section():
    """The fast path must be of use: it accepts every section of the examples."""
    from pathlib import Path

    from crmreq.loader import load_spec

    schema = base_schema()
    for name in ("fr-negoce", "en-services"):
        spec = load_spec(Path(__file__).resolve().parents[1] / "examples" / name).spec
        for key, value in spec.raw.items():
            if key in schema:
                assert certainly_valid(value, schema[key]), (name, key)
