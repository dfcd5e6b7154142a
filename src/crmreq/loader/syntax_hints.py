"""Parser complaints in the words of someone writing a spec, from the text around the mistake.

The parsers say where they stopped; the mistake is often elsewhere (a quote opened 200 lines
up) or means something else than what they say ("mapping values are not allowed here" for a
line indented one space too far). These helpers look at the text to say what is wrong and where
it is: for YAML, over the parser's usual message (yaml_loader._PLAIN_WORDS); for TOML, from
tomllib's message. Messages are in English here; messages.py has their French.
"""

from __future__ import annotations

import re

_KEY_LINE = re.compile(r"^(\s*)(?:- +)?[^\s#:][^:#]*:(\s|$)")
_TOML_KEY = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")
_TOML_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")
_TOML_WORDS = {"true", "false", "inf", "nan"}


# -- YAML ---------------------------------------------------------------------------------

def yaml_hint(message: str, line: int, column: int, lines: list[str]) -> tuple[str, int]:
    """(message, column): a better message than the parser's usual one, when the text shows what
    happened, and the column it is about."""
    if not 0 < line <= len(lines):
        return message, column
    here = lines[line - 1]
    above = _line_above(lines, line)
    if message.startswith("unexpected colon") and above is not None and _KEY_LINE.match(here):
        if _indent(here) > _indent(above) and ":" in above and not above.rstrip().endswith(":"):
            return "indentation: this line is indented more than the key above it; line them up", _indent(here) + 1
        if ":" not in above and _indent(here) == _indent(above):
            return "the line above has no colon: a key is written `key: value`", column
    if message.startswith("indentation:") and column > 1:
        before = here[:column - 1].rstrip()
        if before.endswith(('"', "'")) and _KEY_LINE.match(here):
            return "text after the closing quote: put the whole value in quotes", column
    return message, column


def _line_above(lines: list[str], line: int) -> str | None:
    for previous in reversed(lines[:line - 1]):
        if previous.strip() and not previous.lstrip().startswith("#"):
            return previous
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


# -- TOML ---------------------------------------------------------------------------------

def toml_hint(message: str, line: int, column: int, text: str) -> tuple[str, int, int]:
    """(message in plain words, line, column) for one of tomllib's errors; a message we do not
    know becomes a plain "syntax error here" (the parser's own words show with --debug)."""
    lines = text.split("\n")
    if message.endswith("(at end of document)"):   # tomllib gives no line then
        message = message[:-len("(at end of document)")].strip()
        line, column = _line_column(text, len(text))
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    offset = sum(len(previous) + 1 for previous in lines[:line - 1]) + column - 1
    if message.startswith(("Unterminated string", "Illegal character '\\n'")):
        opened = _unclosed(text, offset)[0]
        if opened is not None:
            return ("quote opened here and never closed",) + _line_column(text, opened)
    if message.startswith(("Unclosed array", "Unclosed inline table")):
        brackets = _unclosed(text, offset)[1]
        if brackets:
            return ("bracket opened here and never closed, or a comma missing between two items",) + \
                _line_column(text, brackets[-1])
    if message == "Invalid value":
        written = here[column - 1:].split("#")[0].strip()
        key = _TOML_KEY.match(here)
        if written and written[0].isalpha() and written.lower() not in _TOML_WORDS and key:
            return f'a text is written in quotes: {key.group(1).strip()} = "{written}"', line, column
    if message == "Cannot overwrite a value":
        key = _TOML_KEY.match(here)
        if key:
            name = key.group(1).strip()
            first = next((number for number in range(line - 1, 0, -1)
                          if (found := _TOML_KEY.match(lines[number - 1])) and found.group(1).strip() == name), None)
            where = f" (first defined on line {first})" if first else ""
            return f"duplicate key `{name}`{where}: keep one of them", line, len(here) - len(here.lstrip()) + 1
    found = re.match(r"Cannot declare \((.*)\) twice", message)
    if found:
        name = ".".join(re.findall(r"'([^']*)'", found.group(1)))
        first = next((number for number in range(1, line) if (table := _TOML_TABLE.match(lines[number - 1]))
                      and table.group(1).replace(" ", "") == name), None)
        where = f" (first on line {first})" if first else ""
        return f"table [{name}] declared twice{where}: put its keys under one header", line, 1
    if message == "Expected '=' after a key in a key/value pair":
        if ":" in here and "=" not in here:
            return "TOML writes `key = value`: replace the colon with =", line, column
        return 'a key needs = and a value: key = "value"', line, column
    if message == "Expected newline or end of document after a statement":
        return "one `key = value` per line: something follows the value here (a text goes in quotes as a whole)", \
            line, column
    if message == "Invalid date or datetime":
        return "a date is written YYYY-MM-DD (2027-06-30)", line, column
    if message in ("Invalid statement", "Invalid initial character for a key part"):
        return 'this line is neither `key = value` nor a [table] header', line, column
    if message.startswith("Unescaped '\\'"):
        return "in double quotes, \\ starts an escape: write \\\\, or use single quotes", line, column
    return "TOML syntax error here", line, column


def _unclosed(text: str, upto: int) -> tuple[int | None, list[int]]:
    """(offset of a string still open at `upto`, offsets of the brackets still open there)."""
    brackets: list[int] = []
    index = 0
    while index < upto:
        char = text[index]
        if char == "#":
            end = text.find("\n", index)
            index = upto if end < 0 else end
            continue
        if char in "\"'":
            delimiter = char * 3 if text.startswith(char * 3, index) else char
            end = _string_end(text, index + len(delimiter), delimiter)
            if end is None or end > upto:
                return index, brackets
            index = end
            continue
        if char in "[{":
            brackets.append(index)
        elif char in "]}" and brackets:
            brackets.pop()
        index += 1
    return None, brackets


def _string_end(text: str, start: int, delimiter: str) -> int | None:
    """Offset just after the string that starts at `start` (after its opening `delimiter`)."""
    index = start
    while index < len(text):
        if delimiter[0] == '"' and text[index] == "\\":
            index += 2
            continue
        if len(delimiter) == 1 and text[index] == "\n":
            return None
        if text.startswith(delimiter, index):
            return index + len(delimiter)
        index += 1
    return None


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
