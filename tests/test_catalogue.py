"""The rule catalogue: every rule is complete, documented in both languages, and the
generated docs/rules.*.md are up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmreq.lint.catalogue import catalogue_markdown
from crmreq.plugins import load_plugins

REPO = Path(__file__).resolve().parents[1]
BUILTIN = [r for r in load_plugins().rules.values() if r.plugin == "crmreq"]
CONTRACT_CODES = (
    [f"E00{i}" for i in range(1, 8)] + [f"S0{i:02d}" for i in range(1, 11)] + [f"F0{i:02d}" for i in range(1, 11)]
    + [f"G0{i:02d}" for i in range(1, 15)] + ["N001", "N002", "N003", "N004"] + [f"P00{i}" for i in range(1, 6)]
    + [f"T00{i}" for i in range(1, 7)] + ["B001", "B002", "B003", "B004"] + [f"M00{i}" for i in range(1, 5)]
    + [f"L00{i}" for i in range(1, 6)] + [f"V00{i}" for i in range(1, 8)] + [f"W00{i}" for i in range(1, 5)]
    + [f"R00{i}" for i in range(1, 7)] + ["X001", "X002", "X003"]
)
SEVERITY = {"S004": "warning", "S005": "warning", "S007": "warning", "S009": "warning", "F003": "warning",
            "F004": "warning", "F006": "warning", "G005": "warning", "G006": "warning", "G007": "warning",
            "G009": "warning", "G010": "warning", "N001": "warning", "N002": "warning", "P002": "warning",
            "P003": "info", "P005": "warning", "T005": "info", "X001": "info", "X003": "info", "W004": "info",
            "R002": "warning", "R004": "warning", "R005": "warning", "R006": "info",
            "S010": "warning", "F009": "warning", "F010": "warning", "G011": "warning", "G012": "warning",
            "G013": "warning", "G014": "warning", "N004": "warning"}


def test_every_contract_code_is_registered_with_its_default_severity():
    codes = {r.code: r for r in BUILTIN}
    assert sorted(codes) == sorted(CONTRACT_CODES)
    for code in CONTRACT_CODES:
        family = code[0]
        expected = SEVERITY.get(code)
        if expected is None:
            expected = "warning" if family in "TBMV" and code not in ("B003", "L003", "V002") else "error"
            if family in "LW" and code not in ("L003",):
                expected = "warning"
        assert codes[code].severity == expected, code


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.code)
def test_rule_is_documented_in_both_languages(rule):
    for lang in ("fr", "en"):
        assert rule.message.get(lang), (rule.code, lang)
        doc = rule.doc.get(lang, "")
        assert len(doc) > 150 and "```" in doc or rule.code in ("X002",), (rule.code, lang)
    assert rule.message["fr"] != rule.message["en"]


def test_generated_docs_are_up_to_date():
    for lang in ("fr", "en"):
        committed = (REPO / "docs" / f"rules.{lang}.md").read_text(encoding="utf-8")
        assert committed == catalogue_markdown(BUILTIN, lang), "run: python -m crmreq.lint.catalogue docs"


def test_rule_g004_explains_erasure_with_its_gdpr_article():
    from click.testing import CliRunner

    from crmreq.cli import main

    out = CliRunner().invoke(main, ["rule", "G004", "--lang", "fr"]).stdout
    assert "art. 17" in out and "effacement" in out
