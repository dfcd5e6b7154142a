"""Refused characters found in a file's UTF-8 bytes, for the line readers.

Each reader refuses some characters (control characters, line separators…) and leaves
such a file to the full parser. Searching a decoded French text for a character class
costs about 5 ns a character (30 ms for a 10,000-feature spec); in the bytes the loader
read, the single-byte characters are one `bytes.translate` and the others a few
searches for a literal prefix: a third of the time. `RefusedBytes(…)(raw)` must answer
what the reader's pattern answers on the decoded text (tests/test_yaml_simple.py and
tests/test_toml_simple.py check every code point and random texts).
"""

from __future__ import annotations

import re



class RefusedBytes:
    """Whether UTF-8 bytes hold one of the `single` bytes (ASCII characters) or match one
    of the `sequences` (regular expressions over bytes, for characters of 2–4 bytes)."""

    __slots__ = ("others", "sequences")

    def __init__(self, single: bytes, sequences: tuple[bytes, ...] = ()):
        if any(byte >= 0x80 for byte in single):
            raise ValueError("single bytes are ASCII characters; write the others as sequences")
        self.others = bytes(byte for byte in range(256) if byte not in single)
        self.sequences = tuple(re.compile(sequence) for sequence in sequences)

    def __call__(self, raw: bytes) -> bool:
        if raw.translate(None, self.others):   # only the refused single bytes are left
            return True
        return any(sequence.search(raw) is not None for sequence in self.sequences)
