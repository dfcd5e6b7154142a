"""`loader._characters.RefusedBytes`: the line readers look for the characters they refuse
in the file's bytes; each byte check must answer what the reader's pattern answers on the
decoded text, for every code point (alone, and between others where UTF-8 sequences could
run together) and for random texts."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmreq.loader.toml_simple import _CONTROL, _CONTROL_BYTES
from crmreq.loader.yaml_simple import _UNSAFE_BYTES, _UNSAFE_CHARACTERS

CHECKS = [pytest.param(_UNSAFE_BYTES, _UNSAFE_CHARACTERS, id="yaml"), pytest.param(_CONTROL_BYTES, _CONTROL, id="toml")]


@pytest.mark.parametrize(("in_bytes", "in_text"), CHECKS)
def test_the_refused_bytes_are_the_refused_characters(in_bytes, in_text):
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue   # not in a UTF-8 file (the loader refuses such bytes)
        char = chr(code)
        texts = (char, f"a{char}é") if code < 0x3000 or 0xFE00 <= code <= 0xFFFF else (char,)   # the multi-byte neighbours
        for text in texts:
            assert in_bytes(text.encode()) == (in_text.search(text) is not None), hex(code)


@pytest.mark.parametrize(("in_bytes", "in_text"), CHECKS)
@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
       | st.lists(st.sampled_from(["\x85", "\u2028", "\ufeff", "\uffff", "\ufffe", "\x7f", "\x9f", "\xa0",
                                   "\u2027", "\u202a", "é", "’", "…", "\t", "\r", "\n", "a", "\U0001f600"]),
                  max_size=12).map("".join))
def test_the_byte_check_agrees_with_the_pattern(in_bytes, in_text, text):
    assert in_bytes(text.encode()) == (in_text.search(text) is not None)
