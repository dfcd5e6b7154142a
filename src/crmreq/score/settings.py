"""The figures `crmreq score` counts with (PRODUCT.md §7), from the configuration's `[score]` table.

    [score]
    unanswered = "not_supported"     # or "standard": an unanswered item is deemed included
    [score.answers]                  # points of each level of the scale, 0 to 4
    standard = 4
    configuration = 3
    third_party = 2
    custom = 1
    roadmap = 1                      # 0 anyway without a date, or dated after go-live + 12 months
    not_supported = 0
    [score.weights]                  # weight of a requirement by priority
    must = 3
    should = 2
    could = 1
    wont = 0

Keys may be written with `-` or `_` (`not-supported`). A mistake is a ConfigError (exit 2).
"""

from __future__ import annotations

import math

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from ..errors import ConfigError
from .model import LEVELS

DEFAULT_ANSWERS = MappingProxyType({"standard": 4, "configuration": 3, "third_party": 2, "custom": 1,
                                    "roadmap": 1, "not_supported": 0})
DEFAULT_WEIGHTS = MappingProxyType({"must": 3, "should": 2, "could": 1, "wont": 0})
UNANSWERED = ("not_supported", "standard")
MAX_POINTS = 4            # coverage is Σ w × score / Σ w × 4
ROADMAP_MONTHS = 12       # a roadmap answer dated later than go-live + 12 months counts 0


@dataclass(frozen=True)
class ScoreSettings:
    answers: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_ANSWERS))
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    unanswered: str = "not_supported"

    def weight(self, priority: str | None) -> float:
        """A requirement's weight; one without a priority weighs as a `could` (P001 reports it)."""
        return float(self.weights.get(priority or "could", self.weights["could"]))

    def as_dict(self) -> dict:
        return {"answers": dict(self.answers), "weights": dict(self.weights), "unanswered": self.unanswered}


def score_settings(table: Mapping | None, source: str | None = None) -> ScoreSettings:
    """Check the `[score]` table of the configuration and answer the settings it gives."""
    where = f"{source or 'configuration'} [score]"   # "x.toml [score]: ..." reads well in both languages
    table = dict(table or {})
    known = {"answers", "weights", "unanswered"}
    for key in table:
        if _key(key) not in known:
            raise ConfigError(f"{where} : clé « {key} » inconnue (connues : answers, weights, unanswered)",
                              f"{where}: unknown key {key!r} (known: answers, weights, unanswered)")
    values = {_key(k): v for k, v in table.items()}
    answers = _numbers(values.get("answers"), DEFAULT_ANSWERS, LEVELS, f"{where}.answers", MAX_POINTS)
    weights = _numbers(values.get("weights"), DEFAULT_WEIGHTS, tuple(DEFAULT_WEIGHTS), f"{where}.weights", None)
    unanswered = values.get("unanswered", "not_supported")
    if not isinstance(unanswered, str) or _key(unanswered) not in UNANSWERED:
        raise ConfigError(f"{where} : unanswered vaut « not_supported » ou « standard », pas {unanswered!r}",
                          f"{where}: unanswered must be \"not_supported\" or \"standard\", not {unanswered!r}")
    return ScoreSettings(answers, weights, _key(unanswered))


def _key(name) -> str:
    return str(name).strip().lower().replace("-", "_")


def _numbers(table, defaults: Mapping, names: tuple, where: str, maximum: float | None) -> dict:
    numbers = dict(defaults)
    if table is None:
        return numbers
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where} doit être une table", f"{where} must be a table")
    for key, value in table.items():
        name = _key(key)
        if name not in names:
            raise ConfigError(f"{where} : clé « {key} » inconnue (connues : {', '.join(names)})",
                              f"{where}: unknown key {key!r} (known: {', '.join(names)})")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0 \
                or (maximum is not None and value > maximum):
            if maximum is not None:
                raise ConfigError(f"{where} : {key} doit être compris entre 0 et {maximum}, pas {value!r}",
                                  f"{where}: {key} must be between 0 and {maximum}, not {value!r}")
            raise ConfigError(f"{where} : {key} doit être un nombre ≥ 0, pas {value!r}",
                              f"{where}: {key} must be a number ≥ 0, not {value!r}")
        numbers[name] = float(value)
    return numbers
