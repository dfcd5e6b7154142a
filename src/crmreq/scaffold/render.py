"""Render a scaffold document (nodes with comments) as commented YAML or TOML.

The scaffold is described once, as a tree of `Node`s; this module writes it in either
format with the same comments, so nothing is duplicated per format. Only what the scaffold
needs is supported: scalars (str, int, float, bool, date), lists of scalars, small
mappings, mappings and lists of mappings, each with comment lines above it (`note`), an
optional end-of-line comment (`tail`), and "examples": keys written commented out for the
user to fill in. A mapping whose content is only examples is written entirely commented out.

Strings are written plain when that is safe (checked by loading them back), quoted
otherwise; long strings are folded (`>-` in YAML, line-continued `\"\"\"` in TOML). The
tests load every rendered file back and compare it with the tree.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

WIDTH = 88
_MISSING = object()


@dataclass
class Node:
    key: str
    value: Any = _MISSING          # written as is
    example: Any = _MISSING        # written commented out
    fields: list["Node"] | None = None   # a mapping
    items: list["Item"] | None = None    # a list of mappings
    note: str | None = None
    tail: str | None = None

    @property
    def is_example(self) -> bool:
        return self.example is not _MISSING

    @property
    def is_value(self) -> bool:
        return self.value is not _MISSING

    def active(self) -> bool:
        """Does the node write any data (rather than only comments)?"""
        if self.is_value:
            return True
        if self.fields is not None:
            return any(f.active() for f in self.fields)
        if self.items is not None:
            return any(any(f.active() for f in item.fields) for item in self.items)
        return False


@dataclass
class Item:
    fields: list[Node] = field(default_factory=list)
    note: str | None = None


def data_of(nodes: list[Node]) -> dict:
    """The data the rendered file holds once loaded (examples left out): for the tests."""
    result = {}
    for node in nodes:
        if not node.active():
            continue
        if node.is_value:
            result[node.key] = node.value
        elif node.fields is not None:
            result[node.key] = data_of(node.fields)
        else:
            result[node.key] = [data_of(item.fields) for item in node.items if any(f.active() for f in item.fields)]
    return result


# =====================================================================================
# Comments
# =====================================================================================

# Characters YAML does not allow raw (outside the printable set), plus the ones some YAML
# 1.1 readers take for line breaks; TOML forbids raw control characters as well.
_UNSAFE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue001-\ufffd\U00010000-\U0010ffff]")


def _escape_unsafe(quoted: str) -> str:
    """Escape, inside a JSON-style quoted string, what YAML or TOML would not take raw."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) <= 0xFFFF
                       else f"\\U{ord(m.group()):08x}", quoted)


def _quoted(text: str) -> str:
    return _escape_unsafe(json.dumps(text, ensure_ascii=False))


_GLUE = "\ue000"   # a private-use character: a space that wrapping must not break
_GLUED = re.compile(r" (?=[:;!?»])|(?<=«) |(?<=\d) (?=[^\s\d(«])|(?<=VS) (?=Code)|(?<=n°) ")


def _wrap(text: str, width: int) -> list[str]:
    """textwrap.wrap that keeps French typography together: « a », b :, 20 %, 3 ans."""
    if _GLUE in text:
        return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    glued = _GLUED.sub(_GLUE, text)
    return [line.replace(_GLUE, " ") for line in
            textwrap.wrap(glued, width, break_long_words=False, break_on_hyphens=False)]


def comment_lines(text: str | None, indent: int) -> list[str]:
    """`# ` lines at `indent`: paragraphs are wrapped, `- ` lines kept as written."""
    if not text:
        return []
    pad = " " * indent
    width = max(40, WIDTH - indent - 2)
    lines: list[str] = []
    paragraph: list[str] = []

    def flush():
        if paragraph:
            for line in _wrap(" ".join(paragraph), width):
                lines.append(f"{pad}# {line}")
            paragraph.clear()

    text = _UNSAFE.sub("\ufffd", text.replace("\t", " ").replace(_GLUE, "\ufffd"))
    for raw in text.strip("\n").splitlines():
        stripped = raw.strip()
        if not stripped:
            flush()
            lines.append(f"{pad}#")
        elif raw.startswith(("- ", "  ")):
            flush()
            lines.append(f"{pad}# {raw.rstrip()}")
        else:
            paragraph.append(stripped)
    flush()
    return lines


def comment_out(lines: list[str], indent: int) -> list[str]:
    """Turn rendered lines into comments, keeping the block's indentation."""
    pad = " " * indent
    result = []
    for line in lines:
        if not line.strip():
            result.append(f"{pad}#")
        else:
            result.append(f"{line[:indent]}# {line[indent:]}")
    return result


def _fold(text: str, width: int) -> list[str] | None:
    """Split at single spaces into lines of at most `width` (None: do not fold this text)."""
    if "\t" in text or "  " in text or text != text.strip() or len(text) <= width or _UNSAFE.search(text) \
            or len(text.splitlines()) > 1:
        return None
    if _GLUE in text:
        words = text.split(" ")
    else:
        words = [word.replace(_GLUE, " ") for word in _GLUED.sub(_GLUE, text).split(" ")]
    lines, current = [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and len(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines if len(lines) > 1 else None


# =====================================================================================
# YAML
# =====================================================================================

_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


@lru_cache(maxsize=None)
def _yaml_loader():
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True)


@lru_cache(maxsize=4096)
def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or _UNSAFE.search(text) or _GLUE in text or len(text.splitlines()) > 1:
        return False
    if text[0] in "!&*-?:,[]{}#|>@`\"'%" or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    if text.lower() in _YAML11_WORDS:
        return False
    source = f"k: [{text}]\n" if flow else f"k: {text}\n"
    try:
        loaded = _yaml_loader().load(source)["k"]
    except Exception:
        return False
    if flow:
        return isinstance(loaded, list) and len(loaded) == 1 and loaded[0] == text and isinstance(loaded[0], str)
    return loaded == text and isinstance(loaded, str)


@lru_cache(maxsize=4096)
def _plain_key_ok(text: str) -> bool:
    if not _plain_ok(text, False):
        return False
    try:
        return _yaml_loader().load(f"{text}: 0\n") == {text: 0}
    except Exception:
        return False


def yaml_key(key: str) -> str:
    return key if _plain_key_ok(key) and not any(c in key for c in ",[]{}") else _quoted(key)


def yaml_scalar(value, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value if _plain_ok(value, flow) else _quoted(value)
    raise TypeError(f"cannot render {type(value).__name__} as a YAML scalar")


def _is_scalar(value) -> bool:
    return isinstance(value, (str, int, float, bool, _dt.date))


def _yaml_flow(value) -> str | None:
    if isinstance(value, list) and all(_is_scalar(v) for v in value):
        return "[" + ", ".join(yaml_scalar(v, flow=True) for v in value) + "]"
    if isinstance(value, dict) and all(_is_scalar(v) for v in value.values()):
        return "{" + ", ".join(f"{yaml_key(k)}: {yaml_scalar(v, flow=True)}"
                               for k, v in value.items()) + "}"
    return None


def _one_line(text: str | None) -> str:
    return _UNSAFE.sub("\ufffd", " ".join(text.split())) if text else ""


def _with_tail(line: str, tail: str | None) -> str:
    tail = _one_line(tail)
    return f"{line}  # {tail}" if tail else line


def _attach_tail(lines: list[str], tail: str | None, indent: int) -> list[str]:
    """The end-of-line comment on a one-line value, or on its own line above."""
    if not _one_line(tail):
        return lines
    if len(lines) == 1 and len(_with_tail(lines[0], tail)) <= WIDTH:
        return [_with_tail(lines[0], tail)]
    return comment_lines(_one_line(tail), indent) + lines


def _yaml_value(key: str, value, indent: int) -> list[str]:
    pad = " " * indent
    head = f"{pad}{yaml_key(key)}:"
    if _is_scalar(value):
        line = f"{head} {yaml_scalar(value)}"
        if len(line) <= WIDTH or not isinstance(value, str):
            return [line]
        chunks = _fold(value, WIDTH - indent - 2)
        if chunks is None:
            return [line]
        return [f"{head} >-"] + [f"{pad}  {chunk}" for chunk in chunks]
    flow = _yaml_flow(value)
    if flow is not None and len(f"{head} {flow}") <= WIDTH:
        return [f"{head} {flow}"]
    lines = [head]
    if isinstance(value, dict):
        for sub_key, sub_value in value.items():
            lines += _yaml_value(sub_key, sub_value, indent + 2)
    else:
        for element in value:
            if not _is_scalar(element):
                raise TypeError("lists of mappings are written with `items`")
            lines.append(f"{pad}  - {yaml_scalar(element)}")
    return lines


def _yaml_node(node: Node, indent: int, reveal: bool) -> list[str]:
    """Lines for one node; `reveal`: write examples as values (inside a commented-out block)."""
    pad = " " * indent
    lines = comment_lines(node.note, indent)
    if node.is_value or node.is_example:
        body = _yaml_value(node.key, node.value if node.is_value else node.example, indent)
        if node.is_example and not reveal:
            body = comment_out(body, indent)
        return lines + _attach_tail(body, node.tail, indent)
    hidden = not reveal and not node.active()
    body = [f"{pad}{yaml_key(node.key)}:"]
    if node.fields is not None:
        for child in node.fields:
            body += _yaml_node(child, indent + 2, reveal or hidden)
    else:
        for number, item in enumerate(node.items):
            if number:
                body.append("")
            body += comment_lines(item.note, indent + 2)
            item_lines: list[str] = []
            for child in item.fields:
                item_lines += _yaml_node(child, indent + 4, reveal or hidden)
            for index, line in enumerate(item_lines):
                if line.strip() and not line.lstrip().startswith("#"):
                    item_lines[index] = f"{pad}  - {line[indent + 4:]}"
                    break
                item_lines[index] = line[2:]   # a comment above the dash: align it with the dash
            else:
                raise ValueError(f"an item of {node.key!r} has no active first key")
            body += item_lines
    return lines + (comment_out(body, indent) if hidden else body)


def render_yaml(nodes: list[Node], header: list[str]) -> str:
    lines = list(header)
    for node in nodes:
        if lines:
            lines.append("")
        lines += _yaml_node(node, 0, False)
    return "\n".join(lines).rstrip() + "\n"


# =====================================================================================
# TOML
# =====================================================================================

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _quoted(key)


def toml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return _quoted(value)   # a valid TOML basic string
    raise TypeError(f"cannot render {type(value).__name__} as a TOML scalar")


def toml_inline(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(toml_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_inline(v)}" for k, v in value.items()) + " }"
    return toml_scalar(value)


def _toml_value(key: str, value, indent: int = 0) -> list[str]:
    pad = " " * indent
    head = f"{pad}{toml_key(key)} ="
    line = f"{head} {toml_inline(value)}"
    if len(line) <= WIDTH:
        return [line]
    lines: list[str] = []
    if isinstance(value, str):
        chunks = _fold(value, WIDTH - indent - 4)
        if chunks is None:
            return lines + [line]
        body = [f"{pad}  {_quoted(chunk)[1:-1]} \\" for chunk in chunks[:-1]]
        body.append(f"{pad}  {_quoted(chunks[-1])[1:-1]}\"\"\"")
        return lines + [f'{head} """\\'] + body
    if isinstance(value, list):
        return lines + [f"{head} ["] + [f"{pad}  {toml_inline(v)}," for v in value] + [f"{pad}]"]
    return lines + [line]   # an inline table cannot span lines: callers turn long ones into tables


def _as_table(node: Node, reveal: bool) -> Node | None:
    """A mapping value too long for an inline table, as a mapping node."""
    value = node.value if node.is_value else (node.example if node.is_example and reveal else _MISSING)
    if not isinstance(value, dict):
        return None
    if len(f"{toml_key(node.key)} = {toml_inline(value)}") <= WIDTH:
        return None
    return Node(node.key, note=node.note, fields=[Node(k, value=v) for k, v in value.items()])


def _toml_table(nodes: list[Node], path: list[str], reveal: bool) -> list[str]:
    simple, tables = [], []
    for node in nodes:
        table = _as_table(node, reveal) if (node.is_value or node.is_example) else node
        (tables if table is not None else simple).append(table if table is not None else node)
    lines: list[str] = []
    for node in simple:
        if not path and node.note and lines:
            lines.append("")
        lines += comment_lines(node.note, 0)
        body = _toml_value(node.key, node.value if node.is_value else node.example, 0)
        lines += _attach_tail(comment_out(body, 0) if node.is_example and not reveal else body, node.tail, 0)
    for node in tables:
        dotted = ".".join(toml_key(k) for k in path + [node.key])
        hidden = not reveal and not node.active()
        note = comment_lines(node.note, 0)
        block = []
        if node.fields is not None:
            block.append(f"[{dotted}]")
            block += _toml_table(node.fields, path + [node.key], reveal or hidden)
        else:
            for number, item in enumerate(node.items):
                if number:
                    block.append("")
                block += comment_lines(item.note, 0)
                block.append(f"[[{dotted}]]")
                block += _toml_table(item.fields, path + [node.key], reveal or hidden)
        lines += [""] + note + (comment_out(block, 0) if hidden else block)
    return lines


def render_toml(nodes: list[Node], header: list[str]) -> str:
    lines = list(header)
    if lines:
        lines.append("")
    body = _toml_table(nodes, [], False)
    # Top-level simple keys must come before the first table; _toml_table does that.
    lines += body[1:] if body and body[0] == "" and lines and lines[-1] == "" else body
    return "\n".join(lines).rstrip() + "\n"
