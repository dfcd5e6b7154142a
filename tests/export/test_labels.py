"""The export's words are data (src/crmreq/export/labels.toml): both languages say the same things."""

from __future__ import annotations

import pytest

from crmreq.export import labels as L

TABLES = {
    "text": L.TEXT, "sections": L.SECTIONS, "matrix headers": L.MATRIX_HEADERS,
    "matrix sections": L.MATRIX_SECTIONS, "workbook": L.WORKBOOK,
    **{f"enum {kind}": table for kind, table in L.ENUMS.items()},
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_french_and_english_have_the_same_keys(name):
    table = TABLES[name]
    assert set(table) == {"fr", "en"}
    assert set(table["fr"]) == set(table["en"]), set(table["fr"]) ^ set(table["en"])


def test_the_response_scale_has_six_levels_each_with_its_meaning():
    for lang in ("fr", "en"):
        assert len(L.RESPONSE_SCALE[lang]) == len(L.SCALE_MEANINGS[lang]) == 6
        assert all(level and meaning for level, meaning in zip(L.RESPONSE_SCALE[lang], L.SCALE_MEANINGS[lang]))


def test_every_ordered_value_has_a_label():
    for lang in ("fr", "en"):
        assert set(L.MODULE_ORDER) <= set(L.ENUMS["module"][lang])
        assert set(L.PRIORITY_ORDER) == set(L.ENUMS["priority"][lang])
        assert set(L.SECTIONS[lang]) == {"context", "objectives", "is", "scope", "needs", "project"}


def test_lookups():
    assert L.text("en")["toc"] == "Contents" and L.text("de")["toc"] == "Sommaire"    # French unless English
    assert L.enum("frequency", "daily", "fr") == "Quotidien"
    assert L.enum("module", "field_service", "en") == "field_service"               # a plugin's value, as written
    assert L.enum("module", None, "en") == ""
    assert L.yes_no(True, "fr") == "Oui" and L.yes_no(None, "fr") == ""
