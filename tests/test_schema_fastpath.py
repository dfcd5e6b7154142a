"""`schema.certainly_valid` may only say "valid" where cerberus agrees.

It lets cerberus skip sections that are valid (the common case in a big spec); a wrong
"valid" would hide an E002. Hypothesis builds documents from the real schema, with values
drawn from both the right and the wrong types, and compares with cerberus.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmreq.schema import _validator_for, base_schema, certainly_valid

WRONG_VALUES = st.sampled_from([
    None, "", "texte", "indispensable", "urgent", "2026-02-30", "2027-06-30", "30 %", 0, -3, 7, 2.5, True, False,
    dt.date(2027, 1, 1), [], ["a"], [1], {}, {"value": 3}, {"value": "x"}, {"x-note": 1}, {"zzz": 1},
    "must", "api", "one_way", "crm", "FR", "consent", "erasure",
])


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
        fields = rules["schema"]
        options.append(st.fixed_dictionaries(
            {}, optional={name: value_for(sub, depth + 1) for name, sub in fields.items() if isinstance(sub, dict)}
        ))
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


SECTIONS = st.sampled_from(sorted(k for k, v in base_schema().items() if isinstance(v, dict)))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_certainly_valid_never_disagrees_with_cerberus(data):
    section = data.draw(SECTIONS)
    rules = base_schema()[section]
    value = data.draw(value_for(rules))
    if value is None:
        return
    if certainly_valid(value, rules):
        validator = _validator_for("")
        assert validator.validate({section: value}, normalize=False), (section, value, validator.errors)


def test_examples_are_certainly_valid_section_by_section():
    from pathlib import Path

    from crmreq.loader import load_spec

    schema = base_schema()
    for name in ("fr-negoce", "en-services"):
        spec = load_spec(Path(__file__).resolve().parents[1] / "examples" / name).spec
        for key, value in spec.raw.items():
            if key in schema:
                assert certainly_valid(value, schema[key]), (name, key)


def _positioned(value, written):
    """`value` as the loaders build it: PosDict/PosList, with a written text for every typed
    scalar (as a plain YAML scalar has), so that putting text back is visible."""
    from crmreq.positions import Position, PosDict, PosList

    here = Position("spec.yaml", 1, 1)
    if isinstance(value, dict):
        node = PosDict(here)
        for key, item in value.items():
            node.set(key, _positioned(item, written), here, here)
            if written and item is not None and not isinstance(item, (str, dict, list)):
                node.plain[key] = f"écrit {item!r}"
        return node
    if isinstance(value, list):
        node = PosList(here)
        for index, item in enumerate(value):
            node.add(_positioned(item, written), here)
            if written and item is not None and not isinstance(item, (str, dict, list)):
                node.plain[index] = f"écrit {item!r}"
        return node
    return value


def _typed(tree):
    """The tree with the type of every scalar, to compare `1` and `"1"` apart."""
    if isinstance(tree, dict):
        return {key: _typed(item) for key, item in tree.items()}
    if isinstance(tree, list):
        return [_typed(item) for item in tree]
    return (type(tree).__name__, tree)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), written=st.booleans())
def test_settling_in_the_check_is_keep_written_text_then_the_check(data, written):
    """`validate` walks a section once (`settle_and_check`), then settles the whole section
    only if the check failed; the tree and the verdict must be those of the two walks."""
    from crmreq.schema import _settle_key, keep_written_text, settle_and_check

    section = data.draw(SECTIONS)
    schema = base_schema()
    value = data.draw(value_for(schema[section]))
    if value is None:
        return
    before = _positioned({section: value}, written)
    keep_written_text(before, schema)
    expected = certainly_valid(before[section], schema[section])

    after = _positioned({section: value}, written)
    verdict = settle_and_check(after[section], schema[section])
    if not verdict:
        _settle_key(after, section, schema[section])
    assert verdict == expected
    assert _typed(after) == _typed(before)
