"""E006 says which id the user most likely meant: the same once folded (case, accents), or a
close spelling; otherwise how to fix it."""

from __future__ import annotations

import shutil

import pytest

from conftest import EXAMPLES, lint_path
from crmreq.values.text import closest


@pytest.mark.parametrize("written, meant", [
    ("Marc", "marc"), ("equipe-ventes", "équipe-ventes"), ("dir-coo", "dir-co"), ("ERP", "erp"),
])
def test_closest_finds_what_was_meant(written, meant):
    assert closest(written, {"marc", "équipe-ventes", "dir-co", "erp", "crm"}) == meant


def test_closest_takes_two_swapped_letters_for_a_typo():
    assert closest("rgdp", {"rgpd", "budget", "nfr"}) == "rgpd"
    assert closest("OBJ-12", {"OBJ-21"}) is None   # other numbers: another item


def test_closest_offers_the_words_people_type():
    assert closest("Quotidienne", {"daily", "weekly"}, {"daily": ["quotidien", "quotidienne"]}) == "daily"
    assert closest("quotidiene", {"daily", "weekly"}, {"daily": ["quotidienne"]}) == "daily"


def test_closest_says_nothing_when_nothing_is_close():
    assert closest("logistique", {"marc", "dir-co"}) is None


def test_another_number_is_another_item_not_a_typo():
    assert closest("OBJ-9", {"OBJ-1", "OBJ-4"}) is None
    assert closest("OBJ-4", {"obj-4", "OBJ-1"}) == "obj-4"


@pytest.fixture
def spec(tmp_path):
    target = tmp_path / "spec"
    shutil.copytree(EXAMPLES / "fr-negoce", target)
    return target


def test_an_unknown_owner_gets_the_id_it_resembles(spec):
    objectives = spec / "objectifs.yaml"
    objectives.write_text(objectives.read_text(encoding="utf-8").replace("owner: dir-co", "owner: Dir-Co", 1),
                          encoding="utf-8")
    [fr] = [f for f in lint_path(spec, select=("E006",), lang="fr")]
    [en] = [f for f in lint_path(spec, select=("E006",), lang="en")]
    assert fr.fix == "remplacez par `dir-co`" and en.fix == "replace with `dir-co`"


def test_an_unknown_id_resembling_nothing_gets_the_general_fix(spec):
    objectives = spec / "objectifs.yaml"
    objectives.write_text(objectives.read_text(encoding="utf-8").replace("owner: dir-co", "owner: logistique", 1),
                          encoding="utf-8")
    [en] = lint_path(spec, select=("E006",), lang="en")
    assert en.fix == "Correct the id, or declare the item in its section"
