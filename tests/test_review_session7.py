"""Review of session 7: what a black-box attack on the commands found, each with the test that shows it fixed."""

from __future__ import annotations

import pytest

from conftest import lint_path, write_spec


@pytest.mark.parametrize("text", ["~\n", "null\n", "# notes\nnull\n"])
def test_an_entry_file_holding_only_null_is_not_a_spec_that_passes(tmp_path, text):
    write_spec(tmp_path, text)
    findings = lint_path(tmp_path)
    assert [(f.code, f.line) for f in findings] == [("E001", 1)]
    assert "null" in findings[0].message
