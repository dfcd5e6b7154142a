"""Backslash escapes of quoted strings, for the line readers (YAML and TOML each have
their own table; both refuse what they do not know, and the reader then declines)."""

from __future__ import annotations

import re


def unescape(body: str, pattern: re.Pattern, table: dict) -> str:
    """`body` with each escape `pattern` finds replaced: `\\xHH`, `\\uHHHH`, `\\UHHHHHHHH`
    by their character, the others by `table`. ValueError for an escape the table lacks
    or a code point that is not a character."""
    if "\\" not in body:
        return body

    def replace(match):
        code = match.group(1)
        if len(code) > 1:
            value = int(code[1:], 16)
            if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
                raise ValueError(code)
            return chr(value)
        if code not in table:
            raise ValueError(code)
        return table[code]

    return pattern.sub(replace, body)
