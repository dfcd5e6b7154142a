"""Review of session 6: defects the product side would hit, each with the test that shows it fixed."""

from __future__ import annotations

from conftest import builtin_plugins


def test_a_fix_whose_arguments_are_not_given_is_no_fix():
    """E002's fix is `{fix}`: a producer without a hint (the evaluation file) must not print "{fix}"."""
    rule = builtin_plugins().rules["E002"]
    assert rule.fix_text("fr", {"detail": "x"}) is None
    assert rule.fix_text("en", {"detail": "x", "fix": {"fr": "remplacez", "en": "replace"}}) == "replace"
