"""Measurability (rule S005): does a text state a quantity, not just a date or a deadline?"""

from __future__ import annotations

import math
import re

from .deadlines import ANCHOR_NAME, MONTH
from .durations import LONG_TIME_UNIT, TIME_UNIT
from .numbers import COUNT, DAY_SUFFIX, NUMBER_RE, ORDINAL
from .quantities import UNIT_RE
from .text import fold, spelled_out

_NOT_A_MEASURE_RES = tuple(pattern for pattern in (
    # dates and calendar periods
    r"\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}/\d{4}",
    rf"(?<![\w'])(?:\d{{1,2}}{DAY_SUFFIX} )?{MONTH}\.?(?: \d{{1,2}}(?![\d,.]){DAY_SUFFIX},?)?"
        rf"(?: \d{{4}})?",
    r"(?<![\w'])[qtsh][1-4](?: ?(?:fy ?)?\d{4})?(?![\w])|(?<![\w'])\d{4}[ -]?[qtsh][1-4](?![\w])",
    rf"(?<![\w']){ORDINAL} (?:trimestre|semestre|quarter|half)(?: of| de)?(?: \d{{4}})?",
    # offsets and delays: "J+90", "dans 6 mois", "6 months after go-live"
    r"(?<![\w'])[tjdmsw]0? ?[+-] ?\d+",
    rf"(?<![\w'])(?:dans|d'ici|sous|en|within|in|by|apres|after|au bout de|au cours des"
        rf"|over|during|pendant|sur)(?: les| the| un delai de| a delay of| next| the next"
        rf"| the first| les premiers)? {COUNT} (?:prochains |prochaines |next )?{LONG_TIME_UNIT}",
    rf"(?<![\w.,]){COUNT} ?{TIME_UNIT}\.?(?: \w+)? (?:apres|suivant|qui suivent|after|following"
        rf"|post|from|of|a compter de|a partir de|avant|before)(?: le| la| l'| du| de la| the)?"
        rf" ?{ANCHOR_NAME}",
    rf"(?<![\w.,]){COUNT} ?{LONG_TIME_UNIT} (?:apres|after|later|plus tard)(?![\w])",
))
_YEAR_RE = (r"(?<![\w.,])(?:19|20)\d{2}(?![\w.,])")
_MULTIPLIER_RE = (r"(?<![\w])x ?\d")


def has_number(text) -> bool:
    """Whether `text` states a measurable quantity: a number that is not a date, a year or a deadline.

    "Porter le taux de 18 % à 25 %" → True; "Mieux vendre d'ici fin 2026" → False;
    "Améliorer la satisfaction dans 6 mois" → False. Number words do not count.
    """
    if isinstance(text, bool):
        return False
    if isinstance(text, (int, float)):
        return math.isfinite(float(text))
    if not isinstance(text, str):
        return False
    work = fold(spelled_out(text))
    for pattern in _NOT_A_MEASURE_RES:
        work = re.compile(pattern).sub(" ", work)
    work = re.compile(_YEAR_RE).sub(lambda m: m.group() if re.compile(UNIT_RE).match(work, m.end()) else " ", work)
    return bool(re.compile(NUMBER_RE).search(work) or re.compile(_MULTIPLIER_RE).search(work))
