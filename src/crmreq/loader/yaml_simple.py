"""A line reader for the plain block YAML that specs are written in, without libyaml.

libyaml's composer makes a Python node per scalar (with a Python-level `__init__` and a
call back into ruamel's resolver), and `_TreeBuilder` then walks those nodes again: about
two thirds of the time crmreq spent reading a large spec. Most spec files use a small part
of YAML: block mappings and lists, one-line scalars (plain, 'single', "double"), one-line
flow lists and mappings of scalars (`[a, "b"]`, `{value: 12, unit: h}`), `|`/`>` block
scalars, comments. This module reads exactly that part, line by line, straight into the
PosDict/PosList tree, with the positions libyaml would give.

It never guesses: anything outside that part (anchors, tags, nested flow collections,
multi-line plain or quoted scalars, a duplicate key, a tab, an odd character, a
suppression comment, an error of any kind) makes `read_simple` return None, and the caller
reads the file with the composer, which also gives the exact error message. Differential
tests (tests/test_yaml_simple.py) hold both paths to the same tree, positions included, on
the YAML test suite, the examples, mutated and generated documents.
"""

from __future__ import annotations

import re

from ..positions import PosDict, PosList, Position
from ._characters import RefusedBytes
from ._escapes import unescape
from .yaml_loader import MAX_DEPTH, IntegerTooLong, ParseResult, resolve_plain

_new_position = tuple.__new__

MAX_BACKSLASHES = 10_000   # beyond, the composer reads the file


class _Decline(Exception):
    """The text is outside the simple subset: read it with the composer."""


# characters the simple reader refuses anywhere: control characters (tab, CR and NEL
# included, line feed excepted), LS, PS, surrogates, a BOM, U+FFFE and U+FFFF. (Written
# as what is refused: the complement, up to U+10FFFF, took 9 ms to compile at every start.)
_UNSAFE_CHARACTERS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# the same in UTF-8 bytes (a valid UTF-8 text holds no surrogate): C0 controls but the line
# feed, DEL; then C1 controls, LS and PS, the BOM, U+FFFE and U+FFFF
_UNSAFE_BYTES = RefusedBytes(bytes([*range(0x0a), *range(0x0b, 0x20), 0x7f]),
                             (rb"\xc2[\x80-\x9f]", rb"\xe2\x80[\xa8\xa9]", rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])"))

# a mapping key at the start of the content: plain, 'single' or "double", then `:` + space/end
_KEY_BODY = r"""(?:[^\s:\#]|:(?=\S)|(?<=\S)\#|[ ]+(?=[^\s\#]))*"""   # greedy: linear on long lines
_KEY = re.compile(
    r"""(?:
        (?P<plain>[^\s\-?:,\[\]{}\#&*!|>'"%@`]""" + _KEY_BODY + r"""
         |[-?:](?=[^\s\-?:,\[\]{}\#&*!|>'"%@`])""" + _KEY_BODY + r""")
        |'(?P<single>[^']*(?:''[^']*)*)'
        |"(?P<double>[^"\\]*(?:\\.[^"\\]*)*)"
       )[ ]*:(?:[ ]+|$)""",
    re.VERBOSE,
)
# a plain scalar in block context: no leading indicator, no `: ` or ` #` inside
_PLAIN_START = re.compile(r"""[^\s\-?:,\[\]{}\#&*!|>'"%@`]|[-?:](?=[^\s,\[\]{}])""")
# the usual line: a bare key, then a one-line plain value without `#` (checked for `: ` after)
_KEY_PLAIN_VALUE = re.compile(r"""([A-Za-z0-9_][\w.\-]*):[ ]+([^\s\-?:,\[\]{}\#&*!|>'"%@`][^#:]*(?::(?![ ]|$)[^#:]*)*)$""")
# a bare key and what follows it, for the other values (block scalars, flow lists…)
_BARE_KEY = re.compile(r"([A-Za-z0-9_][\w.\-]*):(?:[ ]+|$)")
# the first characters of a plain scalar that may resolve to something else than text
_MAYBE_TYPED = frozenset("~nNtTfF0123456789+-.")
# a flow list of plain items only, then nothing: `[OBJ-0001, OBJ-0002]`
_SIMPLE_FLOW = re.compile(r"""\[([^\[\]{}\#"',:&*!|>%@`]*)\][ ]*$""")
_DOUBLE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_SINGLE = re.compile(r"'([^']*(?:''[^']*)*)'")
_AFTER_SCALAR = re.compile(r"[ ]*(?:$|[ ]\#.*$|(?<=[ ])\#.*$)")
_BLOCK_HEADER = re.compile(r"([|>])([-+]?)[ ]*(?:$|(?<=[ ])\#.*$)")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_FLOW_ITEM = re.compile(r"""[ ]*(?:"(?P<double>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<single>[^']*(?:''[^']*)*)'|(?P<plain>[^\s,\[\]{}\#&*!|>'"%@`:?\-][^,\[\]{}:\#]*|-(?=[^\s,\[\]{}])[^,\[\]{}:\#]*))[ ]*(?P<end>[,\]])""")


# libyaml reads `?` as the complex-key indicator in flow context even before a letter
_FLOW_PLAIN = r"""[^\s,\[\]{}\#&*!|>'"%@`:?\-][^,\[\]{}:\#]*|-(?=[^\s,\[\]{}])[^,\[\]{}:\#]*"""
# one `key: value` pair of a one-line flow mapping, then `,` or `}`
_FLOW_PAIR = re.compile(
    r"""[ ]*(?P<k>(?P<key>""" + _FLOW_PLAIN + r""")|'(?P<skey>[^']*(?:''[^']*)*)'|"(?P<dkey>[^"\\]*(?:\\.[^"\\]*)*)")[ ]*:[ ]+"""
    r"""(?:"(?P<double>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<single>[^']*(?:''[^']*)*)'|(?P<plain>""" + _FLOW_PLAIN + r"""))[ ]*(?P<end>[,}])""")


def _unescape(body: str) -> str:
    return unescape(body, _ESCAPE, _ESCAPES)


def read_simple(text: str, display: str, lines=None, raw: bytes | None = None) -> ParseResult | None:
    """The tree of `text` if it is plain block YAML (see the module docstring), else None.
    `lines`: `text.split("\n")`, and `raw`: `text.encode()`, when the caller has them."""
    unsafe = _UNSAFE_BYTES(raw) if raw is not None else _UNSAFE_CHARACTERS.search(text) is not None
    if unsafe or text.count("\\") > MAX_BACKSLASHES:
        return None   # (escapes by the thousand: libyaml reads them in C, 20 times faster)
    try:
        return _Reader(text, display, lines).document()
    except (_Decline, IntegerTooLong, RecursionError, ValueError):
        return None   # ValueError: an escape YAML does not have


class _Reader:
    """One pass over the lines; each block method starts at `self.i` and leaves it on the
    first line it did not take."""

    __slots__ = ("lines", "contents", "indents", "count", "i", "display")

    def __init__(self, text: str, display: str, lines=None):
        lines = text.split("\n") if lines is None else list(lines)
        if lines[-1] == "":
            lines.pop()   # the text's final line break
        elif "|" in text or ">" in text:
            raise _Decline     # a block scalar could end at the end of the text without a break
        self.lines = lines
        self.contents = contents = [line.lstrip(" ") for line in lines]
        self.indents = [len(line) - len(content) for line, content in zip(lines, contents)]
        self.count = len(lines)
        self.display = display
        self.i = 0

    def document(self) -> ParseResult:
        self._skip_blank()
        if self.i < self.count and self.contents[self.i].startswith("---"):
            if self.lines[self.i] != "---":
                raise _Decline
            self.i += 1
            self._skip_blank()
        if self.i >= self.count:
            raise _Decline   # empty document: the composer says what it is
        content = self.contents[self.i]
        if content[:2] == "- " or content == "-" or content.startswith(("---", "...")):
            raise _Decline   # a list at the top, or a second document: the loader reports it
        data = self._mapping(self.indents[self.i], 1)
        self._skip_blank()
        if self.i < self.count:
            raise _Decline   # something the mapping did not take: an error or a second document
        return ParseResult(data, [], [], may_suppress=False)   # only read when no suppression comment

    def _skip_blank(self) -> None:
        contents, i, count = self.contents, self.i, self.count
        while i < count:
            content = contents[i]
            if content and content[0] != "#":
                break
            i += 1
        self.i = i

    def _at(self, line_index: int, column: int) -> Position:
        return _new_position(Position, (self.display, line_index + 1, column + 1))

    # -- block nodes --------------------------------------------------------------------
    def _mapping(self, indent: int, depth: int) -> PosDict:
        """The block mapping whose keys start at column `indent` (0-based)."""
        if depth > MAX_DEPTH:
            raise _Decline
        contents, indents, count, display = self.contents, self.indents, self.count, self.display
        key_value = _KEY_PLAIN_VALUE.match
        i = self.i
        result = key_pos = val_pos = None
        while True:
            while i < count:
                content = contents[i]
                if content and content[0] != "#":
                    break
                i += 1
            else:
                break
            here = indents[i]
            if here != indent:
                if here < indent:
                    break
                raise _Decline   # deeper than its mapping: a continuation line or an error
            match = key_value(content)
            if match is not None:   # the usual line, `key: plain text`, read in one match
                key, text = match.groups()
                text = text.rstrip(" ")
                at_key = _new_position(Position, (display, i + 1, indent + 1))
                if result is None:
                    result = PosDict(at_key)
                    key_pos, val_pos = result.key_pos, result.val_pos
                elif key in result:
                    raise _Decline   # the composer reports duplicates with their message
                if len(key) > 1000:
                    raise _Decline   # libyaml's 1024-character key limit
                if text[0] in _MAYBE_TYPED:
                    value = resolve_plain(text)
                    if value.__class__ is not str:
                        result.plain[key] = text
                else:
                    value = text
                result[key] = value
                key_pos[key] = at_key
                val_pos[key] = _new_position(Position, (display, i + 1, indent + match.start(2) + 1))
                i += 1
                continue
            match = _BARE_KEY.match(content)
            if match is not None:
                key = match.group(1)
                if len(key) > 1000:
                    raise _Decline
            else:
                match = _KEY.match(content)
                if match is None:
                    break    # e.g. `- item` after a key's indentless list; the caller decides
                if match.end() > 1000:
                    raise _Decline   # libyaml refuses implicit keys over 1024 characters
                key = _key_text(match.group("plain"), match.group("single"), match.group("double"))
            at_key = _new_position(Position, (display, i + 1, indent + 1))
            if result is None:
                result = PosDict(at_key)
                key_pos, val_pos = result.key_pos, result.val_pos
            elif key in result:
                raise _Decline   # the composer reports duplicates with their message
            self.i = i
            value, value_at, written = self._value(content[match.end():], indent + match.end(), indent, depth, True)
            i = self.i
            result[key] = value
            key_pos[key] = at_key
            val_pos[key] = value_at
            if written is not None:
                result.plain[key] = written
        self.i = i
        if result is None:
            raise _Decline
        return result

    def _sequence(self, indent: int, depth: int, indentless: bool) -> PosList:
        """The block list whose `-` are at column `indent`."""
        if depth > MAX_DEPTH:
            raise _Decline
        contents, indents, count = self.contents, self.indents, self.count
        result = None
        while True:
            self._skip_blank()
            i = self.i
            if i >= count:
                break
            here = indents[i]
            if here != indent:
                if here < indent:
                    break
                raise _Decline
            content = contents[i]
            if content[:2] != "- " and content != "-":
                if indentless:
                    break
                raise _Decline
            if result is None:
                result = PosList(self._at(i, indent))
            rest = content[1:]
            stripped = rest.lstrip(" ")
            offset = indent + 1 + len(rest) - len(stripped)
            if stripped and stripped[0] != "#" and (_BARE_KEY.match(stripped) or _KEY.match(stripped)):
                # `- key: value`: a mapping that starts on the item's line, indented to its key
                contents[i] = stripped
                indents[i] = offset
                item_at = self._at(i, offset)
                item = self._mapping(offset, depth + 1)
                result.append(item)
                result.item_pos.append(item_at)
                continue
            if stripped[:1] == "-" and (stripped[1:2] in (" ", "")):
                raise _Decline   # `- - x`: a list in a list on one line
            item, item_at, written = self._value(stripped, offset, indent, depth, False)
            if written is not None:
                result.plain[len(result)] = written
            result.append(item)
            result.item_pos.append(item_at)
        if result is None:
            raise _Decline
        return result

    def _value(self, rest: str, column: int, indent: int, depth: int, in_mapping: bool):
        """(value, its position, text written for a plain non-string) of what follows a key
        or a `- ` on line `self.i`, at `column`; moves past the lines it takes. A line
        deeper than `indent` after a one-line value is refused by the caller's loop."""
        line_index = self.i
        if not rest or rest[0] == "#":
            self.i += 1
            self._skip_blank()
            if self.i < self.count:
                below = self.indents[self.i]
                content = self.contents[self.i]
                is_item = content[:2] == "- " or content == "-"
                if below > indent:
                    return self._block_child(is_item, below, depth)
                if in_mapping and below == indent and is_item:
                    return self._block_child(True, indent, depth, indentless=True)
            raise _Decline   # an empty value: null, positioned by libyaml's own rules
        first = rest[0]
        if first == "|" or first == ">":
            return self._block_scalar(rest, column, indent)
        if first == "[":
            return self._flow_list(rest, column)
        if first == "{":
            return self._flow_mapping(rest, column)
        if first == '"':
            match = _DOUBLE.match(rest)
            if match is None:
                raise _Decline
            value = _unescape(match.group(1))
        elif first == "'":
            match = _SINGLE.match(rest)
            if match is None:
                raise _Decline
            value = match.group(1).replace("''", "'")
        else:
            if _PLAIN_START.match(rest) is None:
                raise _Decline
            cut = rest.find(" #")
            text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
            if ": " in text or text.endswith(":"):
                raise _Decline
            self.i += 1
            value = resolve_plain(text)
            return value, self._at(line_index, column), (text if value.__class__ is not str else None)
        if _AFTER_SCALAR.fullmatch(rest, match.end()) is None:
            raise _Decline
        self.i += 1
        return value, self._at(line_index, column), None

    def _block_child(self, is_item: bool, indent: int, depth: int, indentless: bool = False):
        line_index = self.i
        if is_item:
            node = self._sequence(indent, depth + 1, indentless)
        else:
            node = self._mapping(indent, depth + 1)
        return node, self._at(line_index, indent), None

    def _flow_list(self, rest: str, column: int):
        """A one-line flow list of scalars: `[a, "b", 'c']`."""
        line_index = self.i
        at = self._at
        result = PosList(at(line_index, column))
        simple = _SIMPLE_FLOW.match(rest)
        if simple is not None:   # plain items only, no comment: split on commas
            inner = simple.group(1)
            if inner.strip(" "):
                offset = column + 2   # 1-based column of the first item
                display, line = self.display, line_index + 1
                item_pos = result.item_pos
                for part in inner.split(","):
                    text = part.strip(" ")
                    if not text or text[0] in "-?":
                        raise _Decline
                    if text[0] in _MAYBE_TYPED:
                        value = resolve_plain(text)
                        if value.__class__ is not str:
                            result.plain[len(result)] = text
                    else:
                        value = text
                    result.append(value)
                    item_pos.append(_new_position(Position, (display, line, offset + len(part) - len(part.lstrip(" ")))))
                    offset += len(part) + 1
            self.i += 1
            return result, result.pos, None
        matches = _flow_matches(rest, _FLOW_ITEM, "]")
        for match in matches:
            value, start, written = _flow_scalar(match)
            if written is not None:
                result.plain[len(result)] = written
            result.append(value)
            result.item_pos.append(at(line_index, column + start))
        self.i += 1
        return result, result.pos, None

    def _flow_mapping(self, rest: str, column: int):
        """A one-line flow mapping of scalars: `{value: 12, unit: "h par semaine"}`."""
        line_index = self.i
        at = self._at
        result = PosDict(at(line_index, column))
        matches = _flow_matches(rest, _FLOW_PAIR, "}")
        for match in matches:
            key = _key_text(match.group("key"), match.group("skey"), match.group("dkey"))
            if key in result:
                raise _Decline
            value, start, written = _flow_scalar(match)
            if written is not None:
                result.plain[key] = written
            result[key] = value
            result.key_pos[key] = at(line_index, column + match.start("k"))
            result.val_pos[key] = at(line_index, column + start)
        self.i += 1
        return result, result.pos, None

    def _block_scalar(self, rest: str, column: int, indent: int):
        """A `|` or `>` block scalar, with its chomping indicator."""
        header = _BLOCK_HEADER.match(rest)
        if header is None:
            raise _Decline   # an indentation digit, or text after the indicator
        style, chomping = header.group(1), header.group(2)
        line_index = self.i
        lines, contents, indents, count = self.lines, self.contents, self.indents, self.count
        i = line_index + 1
        if i >= count or not contents[i] or indents[i] <= indent:
            raise _Decline   # empty, or leading blank lines: rare, the composer knows the rules
        content_indent = indents[i]
        body: list[str] = []
        trailing = 0
        plain_lines = True   # no empty line inside, none indented deeper
        while i < count:
            content = contents[i]
            if not content:
                if len(lines[i]) > content_indent:
                    raise _Decline   # spaces that would be content
                trailing += 1
                i += 1
                continue
            here = indents[i]
            if here < content_indent:
                break
            if trailing:
                body.extend([""] * trailing)
                trailing = 0
                plain_lines = False
            if here == content_indent:
                body.append(content)
            else:
                body.append(lines[i][content_indent:])
                plain_lines = False
            i += 1
        if style == "|":
            text = "\n".join(body)
        else:
            text = " ".join(body) if plain_lines else _fold(body)
        if chomping == "-":
            value = text
        elif chomping == "+":
            value = text + "\n" * (1 + trailing)
        else:
            value = text + "\n"
        self.i = i - trailing
        return value, self._at(line_index, column), None


def _flow_matches(rest: str, pattern: re.Pattern, closer: str) -> list:
    """The item or pair matches of the one-line flow collection opening `rest`; declines
    unless they chain up to the closer and nothing but a comment follows."""
    matches, position = [], 1
    if rest[1:].lstrip(" ")[:1] == closer:
        position = rest.index(closer) + 1
    else:
        while True:
            match = pattern.match(rest, position)
            if match is None:
                raise _Decline
            matches.append(match)
            position = match.end()
            if match.group("end") == closer:
                break
    if _AFTER_SCALAR.fullmatch(rest, position) is None:
        raise _Decline
    return matches


def _key_text(plain: str | None, single: str | None, double: str | None) -> str:
    """A mapping key as written, from the group that matched. A plain `<<` is YAML's merge
    key and a key over 1,000 characters is refused by libyaml: both go to the composer."""
    if plain is not None:
        key = plain.rstrip(" ")
        if key == "<<":
            raise _Decline
    elif single is not None:
        key = single.replace("''", "'")
    else:
        key = _unescape(double)
    if len(key) > 1000:
        raise _Decline
    return key


def _flow_scalar(match) -> tuple:
    """(value, where it starts in the line's rest, text written for a plain non-string) of
    the `plain`, `single` or `double` group of a flow item or value."""
    plain_text = match.group("plain")
    if plain_text is not None:
        plain_text = plain_text.rstrip(" ")
        if " #" in plain_text:
            raise _Decline
        value = resolve_plain(plain_text)
        return value, match.start("plain"), (plain_text if value.__class__ is not str else None)
    single = match.group("single")
    if single is not None:
        return single.replace("''", "'"), match.start("single") - 1, None
    return _unescape(match.group("double")), match.start("double") - 1, None


def _fold(body: list[str]) -> str:
    """Folded (`>`) content: a line break between two text lines becomes a space, and n
    empty lines between them n line breaks. More-indented lines keep their breaks in YAML:
    declined."""
    parts: list[str] = []
    breaks = 0
    for line in body:
        if not line:
            breaks += 1
            continue
        if line[0] == " ":
            raise _Decline
        if parts:
            parts.append("\n" * breaks if breaks else " ")
        breaks = 0
        parts.append(line)
    return "".join(parts)
