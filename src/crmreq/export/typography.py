"""Typography for the documents crmreq writes: French rules, English conventions.

Pure functions, no locale (containers rarely have `fr_FR`), no third-party import:

- `apostrophes(text)`: in French, `l’éditeur` for `l'éditeur` (not in URLs nor `code`).
- `numbers_together(text)`: in French, no line break inside `1 500 €` nor in `22 h`.
- `quantity(q, lang)`: a quantity as written, amounts grouped (never a year), a percentile in words.
- `punctuate(text, lang)`: in French, a no-break space before « : » and a narrow no-break
  space before « ; ! ? % » and inside « guillemets », so a colon never starts a line.
  URLs, times (`10:30`), ratios and ids are left alone; nothing is done in English.
- `number(value, lang)`: `12 000` / `12,000`; decimals `1,5` / `1.5`.
- `money(amount, currency, lang)`: `12 000 €` / `€12,000`.
- `date(d, lang)`: `15 novembre 2026`, `1er mars 2027` / `15 November 2026`.

French thousands are separated by a narrow no-break space (U+202F, what the Imprimerie
nationale and Word's French autoformat use); every space produced here is unbreakable.
"""

from __future__ import annotations

import datetime as _dt
import math
import re

from ..values import normalise_percentile
from .sanitize import clean_text

NBSP = "\u00a0"
NNBSP = "\u202f"

MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}
MONTHS_SHORT = {
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

_CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "€": "€", "$": "$", "£": "£"}

# A space (ordinary or not) before the punctuation is replaced by the right no-break space.
_SPACE_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f\u2009]+([;!?])")
_SPACE_BEFORE_COLON = re.compile(r"[ \u00a0\u202f\u2009]+:(?=\s|$)")
_SPACE_BEFORE_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009]*%")
# No space at all: "Attention!" "Pourquoi?" "Note: …" — only after a letter or a closing
# bracket/quote, and only when followed by a space or the end (not "http://", "10:30", "a?b").
_GLUED_HIGH = re.compile(r"(?<=[^\W\d_])([;!?]+)(?=\s|$)|(?<=[)\]»\"'])([;!?]+)(?=\s|$)")
_GLUED_COLON = re.compile(r"(?<=[^\W\d_]):(?=\s|$)|(?<=[)\]»])\s?:(?=\s|$)")
_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f\u2009]*")
_CLOSE_GUILLEMET = re.compile(r"[ \u00a0\u202f\u2009]*»")
_URL = re.compile(r"(?:(?:https?|ftp|file)://|mailto:|www\.)\S*[^\s!?;:,.)»]|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                  re.IGNORECASE)


def punctuate(text: str | None, lang: str = "fr") -> str:
    """French no-break spaces around high punctuation; English text is returned unchanged."""
    if not text:
        return text or ""
    if lang != "fr":
        return text
    for pattern, repl in _RULES:
        text = _sub_outside_urls(pattern, repl, text)
    return text


def _sub_outside_urls(pattern, repl, text: str) -> str:
    """`pattern.sub(repl, text)`, leaving URLs and e-mail addresses exactly as written."""
    spans = [m.span() for m in _URL.finditer(text)]
    if not spans:
        return pattern.sub(repl, text)

    def guarded(m):
        start, end = m.span()
        if any(a <= start < b or a < end <= b for a, b in spans):
            return m.group(0)
        return repl(m) if callable(repl) else m.expand(repl)

    return pattern.sub(guarded, text)


_RULES = (
    (_SPACE_BEFORE_HIGH, lambda m: NNBSP + m.group(1)),
    (_SPACE_BEFORE_COLON, NBSP + ":"),
    (_GLUED_HIGH, lambda m: NNBSP + (m.group(1) or m.group(2))),
    (_GLUED_COLON, NBSP + ":"),
    (_SPACE_BEFORE_PERCENT, NNBSP + "%"),
    (_OPEN_GUILLEMET, "«" + NNBSP),
    (_CLOSE_GUILLEMET, NNBSP + "»"),
)


def label(text: str, lang: str) -> str:
    """A label followed by a colon, the French way: `Échéance :` / `Deadline:`."""
    return f"{text}{NBSP}:" if lang == "fr" else f"{text}:"


def number(value, lang: str = "fr", decimals: int | None = None) -> str:
    """A number with thousands separators: `12 000`, `1 234,5` / `12,000`, `1,234.5`.

    `decimals=None` shows up to two decimals and drops trailing zeros; integers stay integers.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    sep, point = (NNBSP, ",") if lang == "fr" else (",", ".")
    if isinstance(value, int):   # exact, however large: a float would round 10**35 to 99…996 863…
        digits = f"{abs(value):,}".replace(",", sep) + (point + "0" * decimals if decimals else "")
        return ("−" if lang == "fr" else "-") + digits if value < 0 else digits
    try:
        v = float(value)
    except (TypeError, ValueError, OverflowError):   # OverflowError: an integer beyond 1e308
        return str(value)
    if not math.isfinite(v):
        return str(value)
    negative = v < 0
    v = abs(v)
    if decimals is None:
        text = f"{v:.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{v:.{decimals}f}"
    whole, _, frac = text.partition(".")
    result = f"{int(whole):,}".replace(",", sep) + (point + frac if frac else "")
    if negative and result.strip("0,. " + NNBSP):
        result = "−" + result if lang == "fr" else "-" + result
    return result


def money(amount, currency: str | None = "EUR", lang: str = "fr") -> str:
    """An amount of money: `12 000 €` in French, `€12,000` in English; other currencies by code."""
    if amount is None:
        return ""
    code = (currency or "EUR").strip().upper() if currency else "EUR"
    symbol = _CURRENCY_SYMBOLS.get(code) or _CURRENCY_SYMBOLS.get(currency or "")
    try:
        value = float(amount)
    except (TypeError, ValueError, OverflowError):
        value = (math.inf if amount > 0 else -math.inf) if isinstance(amount, int) else math.nan
    # a sum of absurd amounts can overflow to infinity: shown as written by `number`, never a crash
    decimals = 0 if not math.isfinite(value) or value.is_integer() else 2
    digits = number(abs(amount) if isinstance(amount, int) else abs(value), lang, decimals)
    sign = ("−" if lang == "fr" else "-") if value < 0 else ""
    if lang == "fr":
        return f"{sign}{digits}{NBSP}{symbol or code}"
    if symbol:
        return f"{sign}{symbol}{digits}"
    return f"{sign}{code}{NBSP}{digits}"


def money_range(low, high, currency: str | None = "EUR", lang: str = "fr") -> str:
    """`10 000 à 15 000 €` / `€10,000 to €15,000`."""
    if low is None and high is None:
        return ""
    if low is None or high is None:
        value = money(low if high is None else high, currency, lang)
        if lang == "fr":
            return ("à partir de " if high is None else "jusqu'à ") + value
        return ("from " if high is None else "up to ") + value
    if lang == "fr":
        left = money(low, currency, lang)
        symbol_suffix = left.rsplit(NBSP, 1)
        return f"{symbol_suffix[0]} à {money(high, currency, lang)}"
    return f"{money(low, currency, lang)} to {money(high, currency, lang)}"


def date(value, lang: str = "fr") -> str:
    """`15 novembre 2026` (`1er` on the first of the month) / `15 November 2026`."""
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if not isinstance(value, _dt.date):
        return str(value)
    months = MONTHS["fr" if lang == "fr" else "en"]
    if lang == "fr":
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day}{NBSP}{months[value.month - 1]} {value.year}"
    return f"{value.day}{NBSP}{months[value.month - 1]} {value.year}"


def month(value: _dt.date, lang: str = "fr", short: bool = True) -> str:
    """`sept. 2027` / `Sep 2027` (axis labels)."""
    table = (MONTHS_SHORT if short else MONTHS)["fr" if lang == "fr" else "en"]
    return f"{table[value.month - 1]} {value.year}"


def percent(value, lang: str = "fr") -> str:
    """`25 %` / `25%`."""
    if value is None:
        return ""
    return f"{number(value, lang)}{NNBSP}%" if lang == "fr" else f"{number(value, lang)}%"


def quote(text: str, lang: str = "fr") -> str:
    """« text » / “text”."""
    return f"«{NNBSP}{text}{NNBSP}»" if lang == "fr" else f"\u201c{text}\u201d"


def days(count: float, lang: str = "fr") -> str:
    """A length in days, shown in weeks when it is a whole number of weeks."""
    n = int(round(count))
    if n and n % 7 == 0:
        w = n // 7
        if lang == "fr":
            return f"{w}{NBSP}semaine" + ("s" if w > 1 else "")
        return f"{w}{NBSP}week" + ("s" if w > 1 else "")
    if lang == "fr":
        return f"{n}{NBSP}jour" + ("s" if n > 1 else "")
    return f"{n}{NBSP}day" + ("s" if n != 1 else "")


_BIG_INT = re.compile(r"(?<![\d.,\w])(\d{4,})(?![\d\w])")
_DECIMAL_POINT = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?![\d.])")
_CURRENCY_AFTER = re.compile(r"\s?(?:k|M)?(?:€|\$|£|EUR\b|USD\b|GBP\b)")
_CODE_BEFORE = re.compile(r"(?:\b[A-Z]{2,}[\s/-]?|n°\s?|\b[Nn]o\.?\s|#)$")


def quantity(q, lang: str = "fr") -> str:
    """A quantity as the user wrote it; in French, decimal commas and grouped thousands
    (`99.5 %` → `99,5 %`, `12000 contacts` → `12 000 contacts`).

    Only amounts are grouped: a four-digit number that may be a year (1900 to 2199: "en 2025")
    stays as written unless a currency follows it, and neither is a reference number ("ISO 27001",
    "n° 10450") grouped.
    """
    if q is None:
        return ""
    text = clean_text(q.text).strip()
    if lang == "fr" and text:
        if not re.search(r"\d[.,]\d{3}", text):
            text = _BIG_INT.sub(lambda m: _grouped(m, text), text)
        text = _DECIMAL_POINT.sub(r"\1,\2", text)
    return _percentile_in_words(text, q.percentile, lang)


_TRAILING_BRACKET = re.compile(r"\s*\(([^()]*)\)$")


def _percentile_in_words(text: str, label: str | None, lang: str) -> str:
    """`2 s (95)`, as rebuilt from `{value: 2, unit: s, percentile: 95}`, → `2 s au 95e centile`."""
    m = _TRAILING_BRACKET.search(text)
    if not label or not m or normalise_percentile(m.group(1)) != label:
        return text
    return f"{text[:m.start()]} {percentile(label, lang)}"


def _grouped(match, text: str) -> str:
    digits = match.group(1)
    if _CODE_BEFORE.search(text[:match.start()]):
        return digits
    if len(digits) == 4 and 1900 <= int(digits) <= 2199 and not _CURRENCY_AFTER.match(text, match.end()):
        return digits
    return number(int(digits), "fr")


_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])(?![\w.'+-]*@)")
_CODE_SPAN = re.compile(r"`[^`]*`")


def apostrophes(text: str) -> str:
    """French text: the typographic apostrophe (`l’éditeur`) for a straight one between two
    letters; URLs, e-mail addresses and `code` keep theirs."""
    if not text or "'" not in text:
        return text
    spans = [m.span() for m in _URL.finditer(text)] + [m.span() for m in _CODE_SPAN.finditer(text)]
    return _APOSTROPHE.sub(lambda m: m.group(0) if any(a <= m.start() < b for a, b in spans) else "\u2019",
                           text)


_DIGIT_GROUP = re.compile(r"(?<![\d.,])(\d{1,3})((?: \d{3})+)(?![\d,.]\d)")
_UNIT_AFTER = re.compile(r"(?<=\d) (?=(?:€|k€|M€|\$|£|h|min|ms|s|j|Go|Mo|To|Ko|km|m²|m2)(?!\w))")


def numbers_together(text: str) -> str:
    """French text: a number never split at a line end, `1 500 € HT` → `1 500 € HT` with a narrow
    no-break space between the groups and a no-break space before a unit symbol (`22 h`, `500 €`)."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    text = _DIGIT_GROUP.sub(lambda m: m.group(1) + m.group(2).replace(" ", NNBSP), text)
    return _UNIT_AFTER.sub(NBSP, text)


_ORDINAL_EN = {1: "st", 2: "nd", 3: "rd"}


def percentile(label: str | None, lang: str = "fr") -> str:
    """`p95` → `au 95e centile` / `at the 95th percentile`; `p50` → `en médiane` / `at the median`."""
    if not label or not label.startswith("p"):
        return ""
    value = label[1:]
    if value == "50":
        return "en médiane" if lang == "fr" else "at the median"
    if lang == "fr":
        return "au 1er centile" if value == "1" else f"au {value.replace('.', ',')}e centile"
    whole = value.split(".")[0]
    suffix = "th" if "." in value or 10 <= int(whole or 0) % 100 <= 20 else \
        _ORDINAL_EN.get(int(whole or 0) % 10, "th")
    return f"at the {value}{suffix} percentile"
