"""E002 in the user's words: what was expected, where, and the nearest valid value or key.

A `SchemaError` (facts from cerberus, see schema.py) becomes a French and an English sentence,
never a program's word: no type names, no `None`, no list index (« le 2e droit », "the 2nd
right"). The fix is written in the syntax of the file the value is in (YAML or TOML).

A fix that replaces the value has one stable form, for editors ("did you mean" code actions):
« remplacez par `VALUE` » / "replace with `VALUE`", VALUE between the first two backticks.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..lexicons import lexicon
from ..values.text import closest, fold
from ..values.text import french_spaces

_WORDS = lexicon("schema-words")
_SUGGESTIONS = lexicon("suggestions")
_VALUE_WORDS = _SUGGESTIONS["values"]
_KEY_WORDS = _SUGGESTIONS["keys"]
_PRIORITIES = ("must", "should", "could", "wont", "indispensable", "important", "confort")
_MAX_LISTED = 16   # keys or values listed in a message; more would drown it
_NUMBER = re.compile(r"[-+]?\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?")
_FRENCH_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_YES = {"oui", "yes", "vrai", "true", "o", "y"}
_NO = {"non", "no", "faux", "false", "n"}


def describe(error, fmt: str = "yaml") -> tuple[dict, dict | None]:
    """(detail, fix) for one schema error in a file of format `fmt` ("yaml" or "toml").

    `detail` and `fix` are {"fr": …, "en": …}; `fix` is None when there is nothing to add."""
    what = _subject(error.path)
    shown = _shown(error.value)
    rule = error.rule
    if rule == "unknown":
        return _unknown_key(str(error.path[-1]) if error.path else "", error.fields)
    if rule == "required":
        return _say(f"la clé obligatoire « {_last_key(error.path)} » manque",
                    f"the required key `{_last_key(error.path)}` is missing"), None
    if rule == "type":
        return _wrong_type(error, what, fmt)
    if rule == "allowed":
        return _not_allowed(error, what, shown)
    if rule == "check":
        return _check(error, what, shown, fmt)
    if rule in ("empty", "minlength", "nullable"):
        return _say(f"{what['fr']} est vide : donnez une valeur", f"{what['en']} is empty: give a value"), None
    if rule == "min":
        return _say(f"{what['fr']} doit valoir au moins {error.constraint}",
                    f"{what['en']} must be at least {error.constraint}"), None
    return _say(f"{what['fr']} : la valeur {shown['fr']} n'est pas acceptée",
                f"{what['en']}: the value {shown['en']} is not accepted"), None


# -- the kinds of error --------------------------------------------------------------------

def meant_key(key: str, fields) -> str | None:
    """The key of `fields` an unknown key most likely stands for (`priorty`, `priorité`: `priority`)."""
    return closest(key, fields, _KEY_WORDS) if fields else None


def _unknown_key(key: str, fields: tuple) -> tuple[dict, dict | None]:
    meant = meant_key(key, fields)
    if meant:
        return (_say(f"clé inconnue « {key} » : vouliez-vous dire « {meant} » ?",
                     f"unknown key `{key}`: did you mean `{meant}`?"), _replace(meant))
    if fields and len(fields) <= _MAX_LISTED:
        allowed = ", ".join(fields)
        return _say(f"clé inconnue « {key} » ; clés possibles ici : {allowed} (une clé libre commence par « x- »)",
                    f"unknown key `{key}`; keys allowed here: {allowed} (free keys start with `x-`)"), None
    return _say(f"clé inconnue « {key} » (une clé libre commence par « x- »)",
                f"unknown key `{key}` (free keys start with `x-`)"), None


def _wrong_type(error, what: dict, fmt: str) -> tuple[dict, dict | None]:
    wanted = error.constraint if isinstance(error.constraint, list) else [error.constraint]
    if "integer" in wanted and ({"float", "number"} & set(wanted)):
        wanted = [t for t in wanted if t != "integer"]   # "a number" says it all
    value = error.value
    expects = {lang: " ou ".join(_type_word(t, "fr") for t in wanted) if lang == "fr"
               else " or ".join(_type_word(t, "en") for t in wanted) for lang in ("fr", "en")}
    key = _last_key(error.path)
    if "string" in wanted and isinstance(value, dict):
        return (_say(f"{what['fr']} attend un texte, pas des clés : un texte qui contient « : » s'écrit entre guillemets",
                     f"{what['en']} expects a text, not keys: a text that holds ': ' is written in quotes"),
                _say("mettez le texte entre guillemets", "put the text in quotes"))
    if "string" in wanted and not isinstance(value, (list, dict)):
        written = _scalar_text(value)
        quoted = f'"{written}"'
        return (_say(f"{what['fr']} attend un texte : mettez {_quoted_fr(written)} entre guillemets",
                     f"{what['en']} expects a text: put {_quoted_en(written)} in quotes"), _replace(quoted))
    if "list" in wanted and isinstance(value, str) and not value.strip():
        return _say(f"{what['fr']} attend une liste, pas un texte vide", f"{what['en']} expects a list, not an empty text"), None
    if "list" in wanted and isinstance(value, str):
        items = [item.strip() for item in value.split(",") if item.strip()] or [value.strip()]
        item_rules = (error.rules or {}).get("schema")
        allowed = item_rules.get("allowed") if isinstance(item_rules, dict) else None
        if allowed:
            items = [closest(item, allowed, _VALUE_WORDS) or item for item in items]
        written = _flow_list(items, fmt)
        also_fr = f", ou une ligne « - {items[0]} » par élément" if fmt == "yaml" else ""
        also_en = f", or one `- {items[0]}` line per item" if fmt == "yaml" else ""
        return (_say(f"{what['fr']} attend une liste : écrivez « {key}{_assign(fmt)}{written} »{also_fr}",
                     f"{what['en']} expects a list: write `{key}{_assign(fmt)}{written}`{also_en}"), _replace(written))
    if "list" in wanted and isinstance(value, dict):
        how_fr = "chaque élément commence par « - »" if fmt == "yaml" else f"chaque élément s'écrit sous [[{key}]]"
        how_en = "each item starts with `- `" if fmt == "yaml" else f"each item goes under [[{key}]]"
        return _say(f"{what['fr']} attend une liste : {how_fr}", f"{what['en']} expects a list: {how_en}"), None
    if wanted and set(wanted) <= {"integer", "float", "number"} and isinstance(value, str):
        number = _number_in(value, integer="integer" in wanted and len(wanted) == 1)
        if number is not None:
            return (_say(f"{what['fr']} attend {expects['fr']}, pas « {value} » : écrivez {number}, sans guillemets",
                         f"{what['en']} expects {expects['en']}, not `{value}`: write {number}, without quotes"),
                    _replace(number))
    if wanted == ["boolean"] and isinstance(value, str) and fold(value).strip() in _YES | _NO:
        answer = "true" if fold(value).strip() in _YES else "false"
        return (_say(f"{what['fr']} attend true ou false, pas « {value} » : écrivez {answer}",
                     f"{what['en']} expects true or false, not `{value}`: write {answer}"), _replace(answer))
    if "dict" in wanted and isinstance((error.rules or {}).get("schema"), dict):
        keys = list(error.rules["schema"])
        shown_keys = ", ".join(keys[:4]) + ("…" if len(keys) > 4 else "")
        return _say(f"{what['fr']} attend des clés en dessous ({shown_keys}), pas {_kind(value, 'fr')}",
                    f"{what['en']} expects keys below it ({shown_keys}), not {_kind(value, 'en')}"), None
    return _say(f"{what['fr']} attend {expects['fr']}, pas {_kind(value, 'fr')}",
                f"{what['en']} expects {expects['en']}, not {_kind(value, 'en')}"), None


def _not_allowed(error, what: dict, shown: dict) -> tuple[dict, dict | None]:
    allowed = [str(choice) for choice in error.constraint or ()]
    meant = closest(str(error.value), allowed, _VALUE_WORDS) if isinstance(error.value, str) else None
    listed = ", ".join(allowed) if len(allowed) <= _MAX_LISTED else ", ".join(allowed[:_MAX_LISTED]) + "…"
    if isinstance(error.path[-1] if error.path else None, int):
        head = {"fr": f"{what['fr']}, {shown['fr']}, n'est pas une valeur possible",
                "en": f"{what['en']}, {shown['en']}, is not an allowed value"}
    else:
        head = {"fr": f"{shown['fr']} n'est pas une valeur possible pour « {_last_key(error.path)} »",
                "en": f"{shown['en']} is not an allowed value of `{_last_key(error.path)}`"}
    if meant:
        return (_say(f"{head['fr']} : vouliez-vous dire « {meant} » ? Valeurs possibles : {listed}",
                     f"{head['en']}: did you mean `{meant}`? Allowed: {listed}"), _replace(meant))
    return _say(f"{head['fr']} ; valeurs possibles : {listed}", f"{head['en']}; allowed: {listed}"), None


def _check(error, what: dict, shown: dict, fmt: str) -> tuple[dict, dict | None]:
    kind = str(error.constraint)
    if kind == "priority":
        meant = closest(str(error.value), _PRIORITIES, _VALUE_WORDS)
        listed = "must, should, could, wont, indispensable, important, confort"
        if meant:
            return (_say(f"priorité {shown['fr']} inconnue : vouliez-vous dire « {meant} » ? Priorités possibles : {listed}",
                         f"unknown priority {shown['en']}: did you mean `{meant}`? Priorities: {listed}"), _replace(meant))
        return _say(f"priorité {shown['fr']} inconnue ; priorités possibles : {listed}",
                    f"unknown priority {shown['en']}; priorities: {listed}"), None
    if kind == "date":
        iso = _iso_date(error.value)
        if iso:
            return (_say(f"{what['fr']} : {shown['fr']} n'est pas une date AAAA-MM-JJ : écrivez {iso}",
                         f"{what['en']}: {shown['en']} is not a YYYY-MM-DD date: write {iso}"), _replace(iso))
        return _say(f"{what['fr']} : {shown['fr']} n'est pas une date AAAA-MM-JJ (par exemple 2027-06-30)",
                    f"{what['en']}: {shown['en']} is not a YYYY-MM-DD date (for example 2027-06-30)"), None
    if kind.startswith("quantity-key:"):
        key = kind.split(":", 1)[1]
        return _say(f"{what['fr']} : clé « {key} » inconnue (value, unit, percentile)",
                    f"{what['en']}: unknown key `{key}` (value, unit, percentile)"), None
    if kind == "quantity-unit":
        return _say(f"{what['fr']} : « unit » attend un texte", f"{what['en']}: `unit` expects a text"), None
    mapping = '{ value = 30, unit = "%" }' if fmt == "toml" else '{value: 30, unit: "%"}'
    return _say(f"{what['fr']} : une quantité s'écrit \"30 %\" ou {mapping}",
                f"{what['en']}: a quantity is written \"30 %\" or {mapping}"), None


# -- pieces ----------------------------------------------------------------------------------

def _subject(path: tuple) -> dict:
    """What the path names: « « weight » », or « le 2e droit » for an item of a list."""
    if path and isinstance(path[-1], int):
        index, key = path[-1], _last_key(path[:-1])
        noun = _WORDS["items"].get(key)
        if noun:
            return {"fr": f"{'la' if noun.get('feminine') else 'le'} {_ordinal_fr(index + 1, noun.get('feminine', False))} {noun['fr']}",
                    "en": f"the {_ordinal_en(index + 1)} {noun['en']}"}
        return {"fr": f"l'élément n° {index + 1} de « {key} »", "en": f"item {index + 1} of `{key}`"}
    key = _last_key(path) or "document"
    return {"fr": f"« {key} »", "en": f"`{key}`"}


def _last_key(path: tuple) -> str:
    for step in reversed(path):
        if not isinstance(step, int):
            return str(step)
    return ""


def _ordinal_fr(number: int, feminine: bool) -> str:
    return ("1re" if feminine else "1er") if number == 1 else f"{number}e"


def _ordinal_en(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _type_word(name, lang: str) -> str:
    return _WORDS["types"].get(str(name), {}).get(lang, "une autre valeur" if lang == "fr" else "another value")


def _kind(value, lang: str) -> str:
    """What the user wrote, in a message: a list, keys, or the value itself."""
    if isinstance(value, dict):
        return "des clés (clé: valeur)" if lang == "fr" else "keys (key: value)"
    if isinstance(value, list):
        return "une liste" if lang == "fr" else "a list"
    return _shown(value)[lang]


def _shown(value) -> dict:
    """A written value as a message quotes it: « text » / `text`, a number or date as is, cut at 60."""
    if isinstance(value, (dict, list)):
        return {lang: _kind(value, lang) for lang in ("fr", "en")}
    text = _scalar_text(value)
    text = text if len(text) <= 60 else text[:57] + "…"
    return {"fr": _quoted_fr(text), "en": _quoted_en(text)}


def _scalar_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return " ".join(str(value).split()) if value is not None else ""


def _quoted_fr(text: str) -> str:
    return f"« {text} »"


def _quoted_en(text: str) -> str:
    return f"`{text}`"


def _number_in(text: str, integer: bool) -> str | None:
    """The number a text holds ("40%" → 40, "1 200 €" → 1200, "2,5 j" → 2.5), when it holds one."""
    found = _NUMBER.findall(text)
    if len(found) != 1:
        return None
    digits = re.sub(r"[\s\u00a0\u202f]", "", found[0]).replace(",", ".")
    if integer and "." in digits:
        return None
    return digits


def _iso_date(value) -> str | None:
    """A French-order date (30/06/2027, 30.06.2027) as ISO, when it is one."""
    found = _FRENCH_DATE.match(value) if isinstance(value, str) else None
    if not found:
        return None
    day, month, year = (int(g) for g in found.groups())
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _flow_list(items: list, fmt: str) -> str:
    if fmt == "toml":
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"
    return "[" + ", ".join(items) + "]"


def _assign(fmt: str) -> str:
    return " = " if fmt == "toml" else ": "


def _replace(value: str) -> dict:
    """The fix that replaces the value, in its stable form (see the module docstring)."""
    return _say(f"remplacez par `{value}`", f"replace with `{value}`")


def _say(fr: str, en: str) -> dict:
    return {"fr": french_spaces(fr), "en": en}
