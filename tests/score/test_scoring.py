"""The method of PRODUCT.md §7 on small cases computed by hand: answer scores, coverage, marks,
totals, eliminations, shared ranks, and the robustness of the ranking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crmreq.errors import ConfigError
from crmreq.score.evaluation import VendorEntry
from crmreq.score.model import Answer, Criterion, Offer, Requirement
from crmreq.score.responses import Response
from crmreq.score.robustness import robustness, swapping_change
from crmreq.score.scoring import Candidate, score_offers
from crmreq.score.settings import ScoreSettings, score_settings

GO_LIVE = dt.date(2027, 3, 1)
REQUIREMENTS = [
    Requirement("R1", "feature", "crm", "Fiche client", "must", 3),
    Requirement("R2", "feature", "sales", "Devis", "should", 2),
    Requirement("R3", "feature", "sales", "Relances", "could", 1),
    Requirement("R4", "nfr", "performance", "2 s", "must", 3),
    Requirement("R5", "rgpd", "", "Effacement", "must", 3),
]
CRITERIA = [
    Criterion("MAT", "Couverture", 40, False, "matrix"),
    Criterion("PRIX", "Prix", 30, False, "price"),
    Criterion("DEMO", "Démos", 20, False, "demos"),
    Criterion("REF", "Références", 10, False, "manual"),
    Criterion("UE", "Hébergement UE", 0, True, "manual"),
]
DEMOS = ["D-1", "D-2"]
ALL_STANDARD = dict.fromkeys(["R1", "R2", "R3", "R4", "R5"], "standard")


def candidate(vendor, levels, price=None, demos=None, marks=None, *, dates=None, missing=(), invalid=(),
              readable=True):
    answers = {rid: Answer(rid, level, roadmap_date=(dates or {}).get(rid)) for rid, level in levels.items()}
    response = Response(Path(f"{vendor}.xlsx"), f"{vendor}.xlsx", readable=readable, answers=answers,
                        missing=set(missing), invalid=set(invalid))
    entry = VendorEntry(vendor, None, name=vendor.title(), price=price, demos=dict(demos or {}),
                        marks=dict({"UE": 10} | (marks or {})))
    return Candidate(vendor, response, entry)


def run(*candidates, settings=ScoreSettings(), lang="en"):
    return {o.vendor: o for o in score_offers(REQUIREMENTS, CRITERIA, DEMOS, list(candidates), settings, GO_LIVE, lang)}


def test_coverage_marks_and_total_computed_by_hand():
    alpha = candidate("alpha", {"R1": "standard", "R2": "configuration", "R3": "custom", "R4": "standard",
                                "R5": "third_party"}, 50000, {"D-1": 3, "D-2": 4}, {"REF": 8})
    beta = candidate("beta", ALL_STANDARD, 60000, {"D-1": 2, "D-2": 2}, {"REF": 6})
    offers = run(alpha, beta)
    a, b = offers["alpha"], offers["beta"]
    # (3×4 + 2×3 + 1×1 + 3×4 + 3×2) / (12 × 4) = 37/48
    assert a.coverage.overall == pytest.approx(100 * 37 / 48)
    assert a.coverage.sections == pytest.approx({"feature": 100 * 19 / 24, "nfr": 100.0, "rgpd": 50.0})
    assert a.coverage.modules == pytest.approx({"crm": 100.0, "sales": 100 * 7 / 12})    # feature modules only
    assert a.marks == pytest.approx({"MAT": 37 / 4.8, "PRIX": 10.0, "DEMO": 8.75, "REF": 8.0, "UE": 10.0})
    assert b.marks["PRIX"] == pytest.approx(10 * 50000 / 60000)
    assert a.total == pytest.approx((40 * 37 / 4.8 + 300 + 20 * 8.75 + 80) / 10)          # 86.33
    assert b.total == pytest.approx((400 + 30 * 50 / 6 + 100 + 60) / 10)                  # 81
    assert (a.rank, b.rank) == (1, 2)
    assert "10 × 50,000 / 60,000" == b.mark_notes["PRIX"] and "77.1%" in a.mark_notes["MAT"]


def test_a_must_have_not_supported_eliminates_with_its_reason():
    offers = run(candidate("alpha", ALL_STANDARD | {"R4": "not_supported"}, 50000),
                 candidate("beta", ALL_STANDARD, 50000))
    assert offers["alpha"].eliminated and offers["alpha"].rank is None
    assert offers["alpha"].reasons == ["R4 (must-have): Not supported"]
    assert not offers["beta"].eliminated and offers["beta"].rank == 1


def test_unanswered_counts_as_the_setting_says():
    blank = ALL_STANDARD | {"R1": None, "R2": None}
    default = run(candidate("alpha", blank))["alpha"]
    assert default.eliminated and default.answers["R2"].score == 0
    assert default.reasons == ["R1 (must-have): unanswered: counted Not supported"]
    tender = run(candidate("alpha", blank), settings=score_settings({"unanswered": "standard"}))["alpha"]
    assert not tender.eliminated and tender.coverage.overall == pytest.approx(100.0)
    assert tender.answers["R1"].note == "unanswered: counted Out of the box"


def test_rows_missing_or_outside_the_scale_count_zero_and_only_missing_must_haves_eliminate():
    offers = run(candidate("alpha", ALL_STANDARD | {"R1": None}, invalid={"R1"}),
                 candidate("beta", {k: v for k, v in ALL_STANDARD.items() if k != "R4"}, missing={"R4"}),
                 settings=score_settings({"unanswered": "standard"}))
    assert not offers["alpha"].eliminated and offers["alpha"].answers["R1"].score == 0
    assert offers["beta"].eliminated and offers["beta"].answers["R4"].score == 0


def test_roadmap_scores_by_date_and_eliminates_a_must_have_after_go_live():
    dates = {"R2": "2027-06-30", "R3": "2028-06-30", "R1": "2027-09-30"}
    offer = run(candidate("alpha", ALL_STANDARD | {"R1": "roadmap", "R2": "roadmap", "R3": "roadmap"},
                          dates=dates))["alpha"]
    assert [offer.answers[r].score for r in ("R1", "R2", "R3")] == [1, 1, 0]   # R3: after go-live + 12 months
    assert offer.answers["R3"].note.startswith("roadmap for 30\u00a0June 2028, more than 12 months")
    assert offer.eliminated and offer.reasons[0].startswith("R1 (must-have): on the roadmap for 30\u00a0September 2027")
    undated = run(candidate("beta", ALL_STANDARD | {"R2": "roadmap"}))["beta"]
    assert undated.answers["R2"].score == 0 and not undated.eliminated


def test_an_eliminatory_criterion_marked_zero_eliminates():
    offers = run(candidate("alpha", ALL_STANDARD, 40000, marks={"UE": 0}), candidate("beta", ALL_STANDARD, 50000))
    assert offers["alpha"].reasons == ["eliminatory criterion “Hébergement UE” marked 0"]
    # the eliminated offer's lower price does not set the 10 of the price criterion
    assert offers["beta"].marks["PRIX"] == 10


def test_an_eliminatory_criterion_left_unmarked_counts_0_and_eliminates():
    unmarked = candidate("gamma", ALL_STANDARD, 45000)
    unmarked.entry.marks.pop("UE")
    offers = run(unmarked, candidate("beta", ALL_STANDARD, 50000))
    assert offers["gamma"].eliminated and offers["gamma"].rank is None
    assert offers["gamma"].reasons == ["eliminatory criterion “Hébergement UE” not marked (counted 0)"]
    without_evaluation = Candidate("delta", candidate("delta", ALL_STANDARD).response, None)
    assert not run(without_evaluation)["delta"].eliminated          # no evaluation file: nothing is marked yet


def test_an_unreadable_response_is_eliminated_whatever_the_unanswered_rule():
    offer = run(candidate("alpha", {}, readable=False), settings=score_settings({"unanswered": "standard"}))["alpha"]
    assert offer.eliminated and offer.reasons == ["the response file could not be read"]
    assert offer.coverage.overall == 0


def test_missing_marks_count_zero_and_say_so():
    offer = run(candidate("alpha", ALL_STANDARD, None, {"D-1": 4}, {}))["alpha"]
    assert offer.marks["PRIX"] is None and offer.mark_notes["PRIX"].startswith("no price")
    assert offer.marks["REF"] is None and "counted 0" in offer.mark_notes["REF"]
    assert offer.marks["DEMO"] == pytest.approx(5.0)                    # (4 + 0) / 2 / 4 × 10
    assert "D-2 not marked" in offer.mark_notes["DEMO"]
    assert offer.total == pytest.approx((400 + 20 * 5) / 10)


def test_equal_totals_share_a_rank():
    offers = run(candidate("beta", ALL_STANDARD, 50000), candidate("alpha", ALL_STANDARD, 50000),
                 candidate("gamma", ALL_STANDARD | {"R2": "custom"}, 50000))
    assert [(o.vendor, o.rank) for o in sorted(offers.values(), key=lambda o: (o.rank, o.vendor))] == [
        ("alpha", 1), ("beta", 1), ("gamma", 3)]
    result = robustness(score_offers(REQUIREMENTS, CRITERIA, DEMOS, [candidate("a", ALL_STANDARD, 1),
                                                                      candidate("b", ALL_STANDARD, 1)],
                                     ScoreSettings(), GO_LIVE, "en"), CRITERIA, "en")
    assert result.gap == 0 and result.change == 0 and "tied" in result.note


def test_french_reasons_and_notes():
    offer = run(candidate("alpha", ALL_STANDARD | {"R5": "not_supported"}, 1), lang="fr")["alpha"]
    assert offer.reasons == ["R5 (indispensable)\u00a0: Non couvert"]


# -- robustness, computed by hand ---------------------------------------------------------
#
# Weights 50 / 30 / 20. A marks (8, 6, 10) → 78; B marks (6, 10, 8) → 76; gap 2.
# Raising criterion K2 from 30 to 33⅓ (K1 and K3 scaled by 66⅔/70 to 47.62 and 19.05) levels
# them at 77.14: δ = −10 G / (d₂ − r₂) = −20 / (−4 − 140/70) = +3⅓. Lowering K1 needs −5.56,
# lowering K3 −8.89: K2 is the smallest change.

THREE = [Criterion("K1", "Fonctions", 50, False, "manual"), Criterion("K2", "Prix", 30, False, "manual"),
         Criterion("K3", "Démos", 20, False, "manual")]


def offer(vendor, marks, rank):
    made = Offer(vendor, vendor.upper(), f"{vendor}.xlsx", marks=dict(zip(("K1", "K2", "K3"), marks)), rank=rank)
    made.total = sum(c.weight * made.marks[c.id] for c in THREE) / 10
    return made


def test_robustness_on_a_case_computed_by_hand():
    a, b = offer("a", (8, 6, 10), 1), offer("b", (6, 10, 8), 2)
    assert (a.total, b.total) == (78, 76)
    criterion, change = swapping_change(a, b, THREE)
    assert criterion.id == "K2" and change == pytest.approx(10 / 3)
    # check independently: with K2 at 33⅓ and the others rescaled, the totals are level
    scale = (100 - 30 - change) / (100 - 30)
    weights = {"K1": 50 * scale, "K2": 30 + change, "K3": 20 * scale}
    assert sum(weights.values()) == pytest.approx(100)
    totals = [sum(weights[k] * o.marks[k] for k in weights) / 10 for o in (a, b)]
    assert totals[0] == pytest.approx(totals[1]) == pytest.approx(77.142857)
    result = robustness([a, b], THREE, "en")
    assert (result.first, result.second, result.criterion) == ("a", "b", "K2")
    assert result.gap == pytest.approx(2) and result.change == pytest.approx(10 / 3)
    assert "went from 30 to more than 33.3 (+3.3\u00a0points, the other weights" in result.note
    assert "de 30 à plus de 33,3 (+3,3" in robustness([a, b], THREE, "fr").note


def test_robustness_when_no_single_weight_can_swap_and_with_one_offer():
    a, b = offer("a", (9, 9, 9), 1), offer("b", (5, 5, 5), 2)     # better everywhere: nothing swaps them
    assert swapping_change(a, b, THREE) is None
    assert "No change of a single criterion's weight" in robustness([a, b], THREE, "en").note
    assert robustness([a], THREE, "en").first is None
    # better or equal everywhere: all the weight on the criterion where they are equal only ties them
    a, b = offer("a", (10, 10, 5), 1), offer("b", (9, 8, 5), 2)
    assert swapping_change(a, b, THREE) is None
    a, b = offer("a", (10, 10, 10), 1), offer("b", (10, 9.99, 10), 2)    # a tie at a weight of 0 only
    assert swapping_change(a, b, THREE) is None


@pytest.mark.parametrize("table, words", [
    ({"unanswered": "maybe"}, "unanswered must be"),
    ({"answers": {"standard": 5}}, "between 0 and 4"),
    ({"answers": {"perfect": 4}}, "unknown key"),
    ({"weights": {"must": -1}}, "a number ≥ 0"),
    ({"colour": 1}, "unknown key 'colour'"),
])
def test_bad_score_settings_are_configuration_errors(table, words):
    with pytest.raises(ConfigError, match=words):
        score_settings(table, ".crmreq.toml")


def test_score_settings_accept_both_spellings_and_keep_defaults():
    settings = score_settings({"unanswered": "Standard", "answers": {"not-supported": 0.5}, "weights": {"could": 0}})
    assert settings.unanswered == "standard" and settings.answers["not_supported"] == 0.5
    assert settings.answers["standard"] == 4 and settings.weight("could") == 0 and settings.weight("must") == 3
