"""The rules' word lists are data (crmreq/lexicons/*.toml): shipped with the package, and free of
the typos a data file allows (a name under two categories, a term its own rule does not find)."""

from __future__ import annotations

from importlib import resources

import pytest

from crmreq.model import Criterion
from crmreq.positions import Position
from crmreq.rules.consultation import is_price_criterion
from crmreq.lexicons import lexicon
from crmreq.rules.migration import spreadsheet_tool
from crmreq.rules.rgpd import location_codes

RULE_LEXICONS = ["budget-categories", "nfr-categories", "price-terms", "spreadsheets", "go-live",
                 "phase-one", "locations", "rgpd"]


@pytest.mark.parametrize("name", RULE_LEXICONS)
def test_rule_lexicons_are_package_data_and_listed_in_the_readme(name):
    folder = resources.files("crmreq.lexicons")
    assert folder.joinpath(f"{name}.toml").is_file()
    assert f"`{name}.toml`" in folder.joinpath("README.md").read_text(encoding="utf-8")
    assert lexicon(name)


@pytest.mark.parametrize("name", ["budget-categories", "nfr-categories"])
def test_no_name_means_two_categories(name):
    seen: dict[str, str] = {}
    for category, names in lexicon(name)["categories"].items():
        for spelling in names:
            assert seen.setdefault(spelling, category) == category, (spelling, seen[spelling], category)


@pytest.mark.parametrize("term", lexicon("price-terms")["terms"])
def test_every_price_term_makes_a_price_criterion(term):
    assert is_price_criterion(Criterion(pos=Position("x"), id="C1", name=term.upper()))


@pytest.mark.parametrize("term", lexicon("spreadsheets")["terms"])
def test_every_spreadsheet_term_names_a_spreadsheet(term):
    assert spreadsheet_tool([f"Fichier {term.title()} partagé"]) == f"Fichier {term.title()} partagé"


def test_every_location_name_gives_its_code():
    data = lexicon("locations")
    known = set(data["eu-eea"]) | set(data["other-codes"]) | set(data["ambiguous"])
    aliases = data["code-aliases"]
    for name, code in data["names"].items():
        assert code in known, name
        assert location_codes(name.title()) == {aliases.get(code, code)}, name
    for alias, code in aliases.items():
        assert alias in known and code in known, alias
