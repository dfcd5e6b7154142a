"""Tests for crmreq.values: the value forms users write, French and English."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmreq.values import (
    PRIORITIES,
    Deadline,
    Duration,
    Quantity,
    fold,
    has_number,
    normalise_comparator,
    normalise_percentile,
    normalise_unit,
    parse_deadline,
    parse_duration,
    parse_priority,
    parse_quantity,
)
from crmreq.values.text import spelled_out

NBSP, NNBSP = "\u00a0", "\u202f"
D = dt.date


# ------------------------------------------------------------------------- fold

@pytest.mark.parametrize("raw, folded", [
    ("Mise en Production", "mise en production"),
    ("Échéance  fixée", "echeance  fixee"),
    ("e\u0301che\u0301ance", "echeance"),          # accents typed as combining marks
    ("won’t", "won't"),
    ("won`t", "won't"),
    ("4–6 semaines", "4-6 semaines"),
    ("4—6", "4-6"),
    ("−20 %", "-20 %"),
    (f"12{NBSP}000{NNBSP}€", "12 000 €"),
    ("Ａ１ m²", "a1 m2"),
    ("İstanbul", "istanbul"),
    ("STRAẞE Straße", "straße straße"),               # ß would be "ss": two characters
    ("ﬁn…", "ﬁn…"),                                   # so would a ligature or an ellipsis
    ("≤ 2 s", "≤ 2 s"),                               # signs are the value grammars' business
    ("  a \t b\n", "  a \t b\n"),                      # whitespace too
])
def test_fold(raw, folded):
    assert fold(raw) == folded


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_fold_gives_one_character_for_each_nfc_character(text):
    assert len(fold(text)) == len(unicodedata.normalize("NFC", text))


def test_fold_of_anything_but_text_is_empty():
    assert fold(None) == fold(3) == fold(b"abc") == ""


def test_there_is_one_fold():
    """Rules, the scaffold and plugins import `crmreq.values.fold`; none keeps a copy."""
    import re
    from pathlib import Path

    from crmreq import scaffold

    root = Path(__file__).resolve().parents[1]
    defined = [path.relative_to(root).as_posix() for folder in ("src", "plugins")
               for path in (root / folder).rglob("*.py")
               if re.search(r"^\s*def (fold|fold_text)\(", path.read_text(encoding="utf-8"), re.M)]
    assert defined == ["src/crmreq/values/text.py"]
    assert scaffold.fold is fold


@pytest.mark.parametrize("raw, read", [
    ("≤ 2 s", "<= 2 s"),
    ("≥99 %", ">=99 %"),
    ("3×", "3x"),
    ("  a \t b\n", "a b"),
    (f"12{NBSP}000", "12 000"),
    ("ﬁn 2026…", "fin 2026..."),
    ("m²", "m²"),                                     # one character: `fold` reads it
])
def test_spelled_out(raw, read):
    assert spelled_out(raw) == read


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_spelled_out_text_folds_to_the_same_length(text):
    read = spelled_out(text)
    assert len(fold(read)) == len(read)


@pytest.mark.parametrize("raw, expected", [
    ("ﬁn 2026…", D(2026, 12, 31)),
    ("T3\u00a02026", D(2026, 9, 30)),
])
def test_deadlines_read_through_typography(raw, expected):
    assert parse_deadline(raw).date == expected


def test_quantities_read_through_typography():
    assert parse_quantity("≥ 99,5 %") == Quantity(99.5, "%", "≥ 99,5 %", comparator=">=")
    assert parse_quantity("40 Socie\u0301te\u0301s").unit == "Sociétés"   # as written, in NFC
    assert parse_priority("must\thave") == "must"


# --------------------------------------------------------------------- priority

@pytest.mark.parametrize("raw, expected", [
    ("must", "must"), ("should", "should"), ("could", "could"), ("wont", "wont"),
    ("MUST", "must"), ("  Should  ", "should"), ("won't", "wont"), ("won’t", "wont"),
    ("Won't", "wont"), ("must have", "must"), ("Must-Have", "must"), ("must_have", "must"),
    ("should have", "should"), ("could have", "could"), ("won't have", "wont"),
    ("wont have", "wont"), ("Won’t-have", "wont"), ("MustHave", "must"),
    ("indispensable", "must"), ("Indispensable", "must"), ("important", "should"),
    ("IMPORTANT", "should"), ("confort", "could"), ("Confort", "could"),
])
def test_parse_priority_accepts(raw, expected):
    assert parse_priority(raw) == expected
    assert expected in PRIORITIES


@pytest.mark.parametrize("raw", [
    None, "", "   ", "souhaitable", "obligatoire", "high", "low", "P1", "M", "mustt",
    "must should", "hors périmètre", 1, True, ["must"], {"must": 1},
])
def test_parse_priority_rejects(raw):
    assert parse_priority(raw) is None


# --------------------------------------------------------------------- quantity

@pytest.mark.parametrize("raw, value, unit", [
    ("30 %", 30, "%"),
    ("30%", 30, "%"),
    ("2 s", 2, "s"),
    ("2s", 2, "s"),
    ("12000 rows", 12000, "rows"),
    ("12 000 contacts", 12000, "contacts"),
    (f"12{NBSP}000 contacts", 12000, "contacts"),
    (f"12{NNBSP}000 contacts", 12000, "contacts"),
    (f"1{NNBSP}200{NNBSP}000 €", 1_200_000, "€"),
    ("12,000 rows", 12000, "rows"),
    ("1,5 s", 1.5, "s"),
    ("0,250 s", 0.25, "s"),
    ("99.9 %", 99.9, "%"),
    ("99,9 %", 99.9, "%"),
    ("1.500.000 contacts", 1_500_000, "contacts"),
    ("12 000,5 €", 12000.5, "€"),
    ("+15 %", 15, "%"),
    ("-20 %", -20, "%"),
    ("−20 %", -20, "%"),
    ("48 h", 48, "h"),
    ("15 k€", 15, "k€"),
    ("15k€", 15, "k€"),
    ("2 M€", 2, "M€"),
    ("3 jours", 3, "days"),
    ("3 days", 3, "days"),
    ("15 jours ouvrés", 15, "working days"),
    ("200 ms", 200, "ms"),
    ("5 minutes", 5, "min"),
    ("6 semaines", 6, "weeks"),
    ("25 utilisateurs", 25, "users"),
    ("25 users", 25, "users"),
    ("3 clics", 3, "clicks"),
    ("40 devis", 40, "quotes"),
    ("10 pts", 10, "pts"),
    ("5 points", 5, "pts"),
    ("20 pour cent", 20, "%"),
    ("100 Go", 100, "GB"),
    ("10 Mo", 10, "MB"),
    ("2 To", 2, "TB"),
    ("10k contacts", 10_000, "contacts"),
    ("1.5M users", 1_500_000, "users"),
    ("€15", 15, "€"),
    ("$ 200", 200, "$"),
    ("500 leads par mois", 500, "leads/month"),
    ("500 leads/month", 500, "leads/month"),
    ("100 requêtes par seconde", 100, "requests/s"),
    ("12 000 factures", 12000, "invoices"),
    ("12 000 fiches clients", 12000, "records"),
    ("40 entreprises", 40, "entreprises"),   # unknown unit: as written
    ("40 Sociétés", 40, "Sociétés"),
    ("7", 7, ""),
    ("fiche client < 2 s", 2, "s"),
])
def test_parse_quantity_text(raw, value, unit):
    q = parse_quantity(raw)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.text == raw


@pytest.mark.parametrize("raw, comparator, value, unit", [
    ("< 2 s", "<", 2, "s"),
    ("<2s", "<", 2, "s"),
    ("≤ 2 s", "<=", 2, "s"),
    ("<= 2 s", "<=", 2, "s"),
    ("> 99 %", ">", 99, "%"),
    ("≥ 99,5 %", ">=", 99.5, "%"),
    ("moins de 2 s", "<", 2, "s"),
    ("en moins de 3 s", "<", 3, "s"),
    ("less than 2 s", "<", 2, "s"),
    ("at least 99.5 %", ">=", 99.5, "%"),
    ("au moins 95 %", ">=", 95, "%"),
    ("au minimum 95 %", ">=", 95, "%"),
    ("max 3 clics", "<=", 3, "clicks"),
    ("maximum 3 clics", "<=", 3, "clicks"),
    ("3 clics max", "<=", 3, "clicks"),
    ("3 clics maximum", "<=", 3, "clicks"),
    ("3 clics au plus", "<=", 3, "clicks"),
    ("10 users or more", ">=", 10, "users"),
    ("jusqu'à 50 utilisateurs", "<=", 50, "users"),
    ("up to 50 users", "<=", 50, "users"),
    ("plus de 1000 contacts", ">", 1000, "contacts"),
    ("more than 1000 contacts", ">", 1000, "contacts"),
    ("inférieur à 2 s", "<", 2, "s"),
    ("within 2 s", "<=", 2, "s"),
])
def test_parse_quantity_comparators(raw, comparator, value, unit):
    q = parse_quantity(raw)
    assert (q.comparator, q.value, q.unit) == (comparator, value, unit)


@pytest.mark.parametrize("raw, percentile, value, comparator", [
    ("p95 < 2 s", "p95", 2, "<"),
    ("P95 < 2 s", "p95", 2, "<"),
    ("2 s (p95)", "p95", 2, None),
    ("2 s p99", "p99", 2, None),
    ("p99.9 < 500 ms", "p99.9", 500, "<"),
    ("95e percentile < 2 s", "p95", 2, "<"),
    ("95th percentile: 2 s", "p95", 2, None),
    ("2 s au 95e centile", "p95", 2, None),
    ("médiane 1 s", "p50", 1, None),
    ("pour 95 % des requêtes en moins de 2 s", "p95", 2, "<"),
    ("< 2 s for 95% of requests", None, 2, "<"),   # the percentile comes after: not read
])
def test_parse_quantity_percentiles(raw, percentile, value, comparator):
    q = parse_quantity(raw)
    assert (q.percentile, q.value, q.comparator) == (percentile, value, comparator)


@pytest.mark.parametrize("raw, value, upper, unit", [
    ("2-3 s", 2, 3, "s"),
    ("2 - 3 s", 2, 3, "s"),
    ("2–3 s", 2, 3, "s"),
    ("2—3 s", 2, 3, "s"),
    ("2 à 3 s", 2, 3, "s"),
    ("2 to 3 s", 2, 3, "s"),
    ("2 s - 3 s", 2, 3, "s"),
    ("18 % à 25 %", 18, 25, "%"),
    ("entre 2 et 3 s", 2, 3, "s"),
    ("between 2 and 3 s", 2, 3, "s"),
    ("10 000-20 000 contacts", 10_000, 20_000, "contacts"),
    ("10-20k contacts", 10_000, 20_000, "contacts"),
    ("15-20 k€", 15, 20, "k€"),
])
def test_parse_quantity_ranges(raw, value, upper, unit):
    q = parse_quantity(raw)
    assert (q.value, q.upper, q.unit) == (value, upper, unit)


@pytest.mark.parametrize("raw", ["2 et 3 s", "3 jours à 5 semaines"])
def test_parse_quantity_not_ranges(raw):
    assert parse_quantity(raw).upper is None


@pytest.mark.parametrize("raw", ["beaucoup", "rapide", "a lot", "N/A", "", "   ", "—"])
def test_parse_quantity_without_number(raw):
    q = parse_quantity(raw)
    assert q == Quantity(value=None, unit="", text=raw.strip())


@pytest.mark.parametrize("raw, expected", [
    (30, Quantity(30.0, "", "30")),
    (99.9, Quantity(99.9, "", "99.9")),
    (0, Quantity(0.0, "", "0")),
    (-5, Quantity(-5.0, "", "-5")),
    (float("nan"), Quantity(None, "", "nan")),
    (float("inf"), Quantity(None, "", "inf")),
])
def test_parse_quantity_numbers(raw, expected):
    assert parse_quantity(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ({"value": 30, "unit": "%"}, Quantity(30.0, "%", "30 %")),
    ({"value": 2, "unit": "s", "percentile": "p95"}, Quantity(2.0, "s", "2 s (p95)", "p95")),
    ({"value": 2, "unit": "secondes", "percentile": 95}, Quantity(2.0, "s", "2 secondes (95)", "p95")),
    ({"value": 2.5, "unit": "s", "percentile": "P99"}, Quantity(2.5, "s", "2.5 s (P99)", "p99")),
    ({"value": 12000, "unit": "rows"}, Quantity(12000.0, "rows", "12000 rows")),
    ({"value": 30}, Quantity(30.0, "", "30")),
    ({"value": "30 %"}, Quantity(30.0, "%", "30 %")),
    ({"value": "1,5", "unit": "s"}, Quantity(1.5, "s", "1,5 s")),
    ({"value": "< 2", "unit": "s"}, Quantity(2.0, "s", "< 2 s", comparator="<")),
    ({"value": "2-3", "unit": "s"}, Quantity(2.0, "s", "2-3 s", upper=3.0)),
    ({"value": 15, "unit": "Go"}, Quantity(15.0, "GB", "15 Go")),
    ({"value": 4, "unit": "entreprises"}, Quantity(4.0, "entreprises", "4 entreprises")),
    ({"value": 2, "unit": "s", "percentile": "top"}, Quantity(2.0, "s", "2 s (top)")),
    ({"unit": "%"}, Quantity(None, "%", "%")),
    ({}, Quantity(None, "", "")),
    ({"value": None, "unit": "s"}, Quantity(None, "s", "s")),
    ({"value": True, "unit": "s"}, Quantity(None, "s", "True s")),
    ({"value": [1], "unit": "s"}, Quantity(None, "s", "[1] s")),
    ({"value": 1, "unit": 5}, Quantity(1.0, "5", "1 5")),
])
def test_parse_quantity_mapping(raw, expected):
    assert parse_quantity(raw) == expected


@pytest.mark.parametrize("raw", [None, True, False, [30, "%"], ("30", "%"), dt.date(2026, 1, 1), object()])
def test_parse_quantity_not_a_quantity(raw):
    assert parse_quantity(raw) is None


def test_parse_quantity_is_idempotent():
    q = parse_quantity("p95 < 2 s")
    assert parse_quantity(q) is q


def test_quantity_is_frozen():
    q = parse_quantity("30 %")
    with pytest.raises(AttributeError):
        q.value = 40  # type: ignore[misc]


@pytest.mark.parametrize("raw, expected", [
    ("secondes", "s"), ("Secondes", "s"), ("%", "%"), ("pour cent", "%"), ("jours ouvrés", "working days"),
    ("Go", "GB"), ("mo", "months"), ("Mo", "MB"), ("KEUR", "k€"), ("factures clients", "factures clients"),
    ("  sociétés ", "sociétés"), (None, ""), (3, "3"),
])
def test_normalise_unit(raw, expected):
    assert normalise_unit(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("p95", "p95"), ("P99", "p99"), (95, "p95"), ("95", "p95"), (99.9, "p99.9"), ("p99,9", "p99.9"),
    ("95e percentile", "p95"), ("95th percentile", "p95"), ("médiane", "p50"), ("median", "p50"),
    ("top", None), (None, None), (True, None), (150, None), (-1, None), ([95], None),
])
def test_normalise_percentile(raw, expected):
    assert normalise_percentile(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("<", "<"), ("≤", "<="), ("<=", "<="), ("≥", ">="), ("au moins", ">="), ("At most", "<="),
    ("moins de", "<"), ("=", None), (None, None), (3, None),
])
def test_normalise_comparator(raw, expected):
    assert normalise_comparator(raw) == expected


# ------------------------------------------------------------------- has_number

@pytest.mark.parametrize("text", [
    "Porter le taux de transformation de 18 % à 25 %",
    "Réduire le délai de réponse à 24 h",
    "Traiter les tickets en 2 heures",
    "Atteindre 2000 clients",
    "Atteindre 500 clients actifs en 2026",
    "Réduire de 30 % le cycle de vente en 6 mois",
    "Increase conversion rate by 20% within 6 months",
    "Reach 12 000 contacts",
    "Fiche client affichée en moins de 2 s",
    "Diviser par 2 les doublons",
    "CA x2",
    "+15 % de CA",
])
def test_has_number_true(text):
    assert has_number(text) is True


@pytest.mark.parametrize("text", [
    "Mieux vendre",
    "Improve customer relationship",
    "Améliorer la satisfaction d'ici fin 2026",
    "Améliorer la satisfaction dans 6 mois",
    "Sell better within 6 months",
    "Mieux vendre 6 mois après la mise en production",
    "Objectif T3 2026",
    "Improve by Q3 2026",
    "Mieux vendre avant le 30/06/2026",
    "Mieux vendre avant le 2026-06-30",
    "Mieux vendre avant le 30 juin 2026",
    "Mieux vendre à J+90",
    "Doubler le chiffre d'affaires",   # number words do not count
    "",
    "Phase 1er trimestre 2027",
])
def test_has_number_false(text):
    assert has_number(text) is False


@pytest.mark.parametrize("raw, expected", [(None, False), (True, False), (3, True), (2.5, True),
                                           (float("nan"), False), (["30 %"], False)])
def test_has_number_other_types(raw, expected):
    assert has_number(raw) is expected


# --------------------------------------------------------------------- duration

@pytest.mark.parametrize("raw, low, high", [
    ("4-6 weeks", 28, 42),
    ("4 - 6 weeks", 28, 42),
    ("4 à 6 semaines", 28, 42),
    ("4 a 6 semaines", 28, 42),
    ("4–6 semaines", 28, 42),
    ("4—6 semaines", 28, 42),
    ("4 to 6 weeks", 28, 42),
    ("entre 4 et 6 semaines", 28, 42),
    ("between 4 and 6 weeks", 28, 42),
    ("4 ou 5 semaines", 28, 35),
    ("4 semaines à 2 mois", 28, 60),
    ("6 semaines", 42, 42),
    ("6 Semaines", 42, 42),
    ("6 weeks", 42, 42),
    ("6 sem.", 42, 42),
    ("2 wk", 14, 14),
    ("3 mois", 90, 90),
    ("3 months", 90, 90),
    ("1 an", 365, 365),
    ("2 ans", 730, 730),
    ("1 year", 365, 365),
    ("1 trimestre", 90, 90),
    ("10 jours", 10, 10),
    ("10 days", 10, 10),
    ("10 j", 10, 10),
    ("1.5 months", 45, 45),
    ("1,5 mois", 45, 45),
    ("15 jours ouvrés", 21, 21),
    ("15 jours ouvrables", 21, 21),
    ("10 business days", 14, 14),
    ("10 working days", 14, 14),
    ("48 h", 2, 2),
    ("un mois", 30, 30),
    ("deux semaines", 14, 14),
    ("two weeks", 14, 14),
    ("a month", 30, 30),
    ("3 sprints de 2 semaines", 42, 42),
    ("3 sprints of 2 weeks", 42, 42),
    ("environ 6 semaines", 42, 42),
    ("~6 weeks", 42, 42),
    ("6 semaines environ", 42, 42),
    ("about 6 weeks", 42, 42),
    ("jusqu'à 6 semaines", 0, 42),
    ("up to 6 weeks", 0, 42),
    ("6 semaines max", 0, 42),
    ("au moins 4 semaines", 28, 28),
    ("6 semaines (dont 1 de recette)", 42, 42),
    ("  6 weeks. ", 42, 42),
    ("0 jours", 0, 0),
    ("10", 10, 10),
])
def test_parse_duration(raw, low, high):
    d = parse_duration(raw)
    assert d == Duration(pytest.approx(low), pytest.approx(high), raw.strip())


@pytest.mark.parametrize("raw, days", [(10, 10.0), (0, 0.0), (2.5, 2.5)])
def test_parse_duration_numbers_are_days(raw, days):
    assert parse_duration(raw) == Duration(days, days, str(raw))


@pytest.mark.parametrize("raw", [
    None, "", "  ", "beaucoup", "longtemps", "4-6", "6-4 weeks", "-3 weeks", "3 sprints",
    "6 semaines 2 mois", "T+6 mois", -1, float("nan"), float("inf"), True, [6, "weeks"],
    {"min": 4, "max": 6}, dt.date(2026, 1, 1),
])
def test_parse_duration_unreadable(raw):
    assert parse_duration(raw) is None


# --------------------------------------------------------------------- deadline

@pytest.mark.parametrize("raw, date", [
    ("2026-06-30", D(2026, 6, 30)),
    ("2026-6-3", D(2026, 6, 3)),
    ("2026/06/30", D(2026, 6, 30)),
    ("2026-06-30T12:00:00", D(2026, 6, 30)),
    ("2026-06", D(2026, 6, 30)),
    ("2026-02", D(2026, 2, 28)),
    ("2028-02", D(2028, 2, 29)),
    ("30/06/2026", D(2026, 6, 30)),
    ("1/7/2026", D(2026, 7, 1)),
    ("30-06-2026", D(2026, 6, 30)),
    ("30.06.2026", D(2026, 6, 30)),
    ("30/06/26", D(2026, 6, 30)),
    ("06/30/2026", D(2026, 6, 30)),   # only readable the American way
    ("06/2026", D(2026, 6, 30)),
    ("30 juin 2026", D(2026, 6, 30)),
    ("30 Juin 2026", D(2026, 6, 30)),
    ("1er juillet 2026", D(2026, 7, 1)),
    ("le 15 août 2026", D(2026, 8, 15)),
    ("15 aout 2026", D(2026, 8, 15)),
    ("3 févr. 2026", D(2026, 2, 3)),
    ("juin 2026", D(2026, 6, 30)),
    ("février 2026", D(2026, 2, 28)),
    ("June 30, 2026", D(2026, 6, 30)),
    ("June 30 2026", D(2026, 6, 30)),
    ("July 1st, 2026", D(2026, 7, 1)),
    ("30 June 2026", D(2026, 6, 30)),
    ("Sept. 30, 2026", D(2026, 9, 30)),
    ("June 2026", D(2026, 6, 30)),
    ("end of June 2026", D(2026, 6, 30)),
    ("End June 2026", D(2026, 6, 30)),
    ("fin juin 2026", D(2026, 6, 30)),
    ("Fin Juin 2026", D(2026, 6, 30)),
    ("fin de juin 2026", D(2026, 6, 30)),
    ("fin d'août 2026", D(2026, 8, 31)),
    ("début juin 2026", D(2026, 6, 1)),
    ("mi-juin 2026", D(2026, 6, 15)),
    ("Q3 2026", D(2026, 9, 30)),
    ("q1 2026", D(2026, 3, 31)),
    ("T3 2026", D(2026, 9, 30)),
    ("T4 2026", D(2026, 12, 31)),
    ("Q3-2026", D(2026, 9, 30)),
    ("2026-Q3", D(2026, 9, 30)),
    ("2026 T2", D(2026, 6, 30)),
    ("Q3 FY2026", D(2026, 9, 30)),
    ("fin du T3 2026", D(2026, 9, 30)),
    ("end of Q3 2026", D(2026, 9, 30)),
    ("1er trimestre 2026", D(2026, 3, 31)),
    ("3e trimestre 2026", D(2026, 9, 30)),
    ("third quarter of 2026", D(2026, 9, 30)),
    ("S1 2027", D(2027, 6, 30)),
    ("S2 2027", D(2027, 12, 31)),
    ("H1 2027", D(2027, 6, 30)),
    ("H2 2027", D(2027, 12, 31)),
    ("1er semestre 2027", D(2027, 6, 30)),
    ("second semestre 2027", D(2027, 12, 31)),
    ("first half of 2027", D(2027, 6, 30)),
    ("fin 2026", D(2026, 12, 31)),
    ("Fin 2026", D(2026, 12, 31)),
    ("end of 2026", D(2026, 12, 31)),
    ("end 2026", D(2026, 12, 31)),
    ("fin de l'année 2026", D(2026, 12, 31)),
    ("fin d'année 2026", D(2026, 12, 31)),
    ("courant 2026", D(2026, 12, 31)),
    ("en 2027", D(2027, 12, 31)),
    ("in 2027", D(2027, 12, 31)),
    ("2026", D(2026, 12, 31)),
    ("début 2027", D(2027, 1, 1)),
    ("mid-2026", D(2026, 6, 30)),
    ("d'ici fin 2026", D(2026, 12, 31)),
    ("d’ici fin juin 2027", D(2027, 6, 30)),
    ("by end of 2026", D(2026, 12, 31)),
    ("by the end of 2026", D(2026, 12, 31)),
    ("by Q3 2026", D(2026, 9, 30)),
    ("avant le 30 septembre 2026", D(2026, 9, 30)),
    ("au plus tard le 30/06/2026", D(2026, 6, 30)),
    ("no later than June 30, 2026", D(2026, 6, 30)),
    ("30/06/2026 (fin S1)", D(2026, 6, 30)),
    ("  2026-06-30  ", D(2026, 6, 30)),
])
def test_parse_deadline_absolute(raw, date):
    d = parse_deadline(raw)
    assert d == Deadline("absolute", raw.strip(), date)
    assert d.resolve(None) == date
    assert d.resolve(D(2030, 1, 1)) == date


@pytest.mark.parametrize("raw, text", [
    (D(2026, 6, 30), "2026-06-30"),
    (dt.datetime(2026, 6, 30, 14, 5), "2026-06-30T14:05:00"),
])
def test_parse_deadline_date_objects(raw, text):
    assert parse_deadline(raw) == Deadline("absolute", text, D(2026, 6, 30))


def test_parse_deadline_year_integer():
    assert parse_deadline(2026) == Deadline("absolute", "2026", D(2026, 12, 31))


@pytest.mark.parametrize("raw", [
    "2026-02-30", "2026-13-01", "2026-00-10", "31/04/2026", "30/13/2026", "2026-13",
    "31 juin 2026", "February 30, 2026", "S3 2026", "T5 2026", "0000",
])
def test_parse_deadline_impossible_dates(raw):
    d = parse_deadline(raw)
    assert d.kind == "invalid" and d.date is None and d.text == raw


@pytest.mark.parametrize("raw, months, days, anchor", [
    ("go-live + 3 months", 3, 0, "go_live"),
    ("go-live+3 months", 3, 0, "go_live"),
    ("Go-Live + 3 mois", 3, 0, "go_live"),
    ("golive+90d", 0, 90, "go_live"),
    ("go live + 6 weeks", 0, 42, "go_live"),
    ("go–live + 6 semaines", 0, 42, "go_live"),
    ("MEP + 1 an", 12, 0, "go_live"),
    ("mise en production + 2 trimestres", 6, 0, "go_live"),
    ("go-live + 1,5 mois", 1, 15, "go_live"),
    ("go-live - 2 weeks", 0, -14, "go_live"),
    ("T0 + 6 mois", 6, 0, "go_live"),
    ("J0+90", 0, 90, "go_live"),
    ("T+6 mois", 6, 0, "go_live"),
    ("t + 6 months", 6, 0, "go_live"),
    ("J+90", 0, 90, "go_live"),
    ("D+90", 0, 90, "go_live"),
    ("J-30", 0, -30, "go_live"),
    ("M+3", 3, 0, "go_live"),
    ("M+6 après mise en service", 6, 0, "go_live"),
    ("à M+6", 6, 0, "go_live"),
    ("S+4", 0, 28, "go_live"),
    ("3 mois après le lancement", 3, 0, "go_live"),
    ("3 mois après la mise en production", 3, 0, "go_live"),
    ("3 mois apres la mise en prod", 3, 0, "go_live"),
    ("6 mois après la mise en service", 6, 0, "go_live"),
    ("6 mois après la MEP", 6, 0, "go_live"),
    ("12 mois après le déploiement", 12, 0, "go_live"),
    ("3 semaines après la bascule", 0, 21, "go_live"),
    ("2 mois après le démarrage", 2, 0, "go_live"),
    ("6 months after go-live", 6, 0, "go_live"),
    ("6 months after launch", 6, 0, "go_live"),
    ("6 months after rollout", 6, 0, "go_live"),
    ("6 months after deployment", 6, 0, "go_live"),
    ("6 months after the go-live date", 6, 0, "go_live"),
    ("6 months post go-live", 6, 0, "go_live"),
    ("within 3 months of go-live", 3, 0, "go_live"),
    ("within 90 days of launch", 0, 90, "go_live"),
    ("the first 90 days after go-live", 0, 90, "go_live"),
    ("dans les 3 mois suivant le go-live", 3, 0, "go_live"),
    ("dans les 6 mois qui suivent la mise en production", 6, 0, "go_live"),
    ("dans un délai de 90 jours à compter de la MEP", 0, 90, "go_live"),
    ("sous 3 mois après la mise en production", 3, 0, "go_live"),
    ("six mois après le lancement", 6, 0, "go_live"),
    ("un an après la mise en production", 12, 0, "go_live"),
    ("a month after go-live", 1, 0, "go_live"),
    ("15 jours ouvrés après la bascule", 0, 21, "go_live"),
    ("2 weeks before go-live", 0, -14, "go_live"),
    ("1 mois avant la mise en production", -1, 0, "go_live"),
    ("end of the first year after go-live", 12, 0, "go_live"),
    ("au terme de la première année d'exploitation", 12, 0, "go_live"),
    ("by month 6 after go-live", 6, 0, "go_live"),
    ("au lancement", 0, 0, "go_live"),
    ("à la mise en production", 0, 0, "go_live"),
    ("at go-live", 0, 0, "go_live"),
    ("at launch", 0, 0, "go_live"),
    ("avant la MEP", 0, 0, "go_live"),
    ("dès la mise en service", 0, 0, "go_live"),
    ("go-live", 0, 0, "go_live"),
    ("T0", 0, 0, "go_live"),
    ("J0", 0, 0, "go_live"),
    ("6 mois après la signature du contrat", 6, 0, "contract_signature"),
    ("90 days after contract signature", 0, 90, "contract_signature"),
    ("1 mois après la recette", 1, 0, "acceptance"),
    ("6 mois après le lancement du projet", 6, 0, "kickoff"),
    ("2 months after kick-off", 2, 0, "kickoff"),
])
def test_parse_deadline_relative(raw, months, days, anchor):
    assert parse_deadline(raw) == Deadline("relative", raw, None, days, months, anchor)


@pytest.mark.parametrize("raw, months, period", [
    ("end of Q1 after go-live", 3, 3),
    ("end of Q2 after go-live", 6, 3),
    ("fin du T1 après le lancement", 3, 3),
    ("first quarter after go-live", 3, 3),
    ("premier trimestre suivant la MEP", 3, 3),
    ("fin du premier trimestre qui suit la mise en production", 3, 3),
    ("fin du 1er semestre après la mise en production", 6, 6),
])
def test_parse_deadline_in_calendar_periods_after_go_live(raw, months, period):
    """Quarters and half-years after go-live are whole calendar periods, as a consultant reads them."""
    assert parse_deadline(raw) == Deadline("relative", raw, None, 0, months, "go_live", period)


@pytest.mark.parametrize("raw, go_live, expected", [
    ("fin du premier trimestre qui suit la mise en production", D(2026, 3, 1), D(2026, 6, 30)),
    ("fin du premier trimestre qui suit la mise en production", D(2026, 4, 1), D(2026, 6, 30)),
    ("fin du premier trimestre qui suit la mise en production", D(2026, 12, 15), D(2027, 3, 31)),
    ("end of Q2 after go-live", D(2026, 3, 1), D(2026, 9, 30)),
    ("fin du 1er semestre après la mise en production", D(2026, 3, 1), D(2026, 12, 31)),
])
def test_calendar_periods_resolve_to_their_last_day(raw, go_live, expected):
    assert parse_deadline(raw).resolve(go_live) == expected


@pytest.mark.parametrize("raw, phase, months, days", [
    ("à l'issue de la phase 1", "1", 0, 0),
    ("fin de la phase de recette", "recette", 0, 0),
    ("end of phase Déploiement", "deploiement", 0, 0),
    ("after the deployment phase", "deployment", 0, 0),
    ("3 mois après la fin du lot 2", "2", 3, 0),
    ("2 semaines avant la fin de la phase 3", "3", 0, -14),
])
def test_parse_deadline_relative_to_a_phase(raw, phase, months, days):
    assert parse_deadline(raw) == Deadline("relative", raw, None, days, months, "phase", 0, phase)


@pytest.mark.parametrize("raw, go_live, expected", [
    ("go-live + 1 month", D(2026, 1, 31), D(2026, 2, 28)),     # clamped to the month's end
    ("go-live + 1 month", D(2028, 1, 31), D(2028, 2, 29)),     # leap year
    ("M+1", D(2026, 3, 31), D(2026, 4, 30)),
    ("go-live + 3 months", D(2026, 11, 30), D(2027, 2, 28)),   # year change
    ("go-live + 12 months", D(2026, 2, 28), D(2027, 2, 28)),
    ("1 mois avant la MEP", D(2026, 3, 31), D(2026, 2, 28)),
    ("go-live + 1,5 mois", D(2026, 1, 31), D(2026, 3, 15)),   # months first, then days
    ("J+90", D(2026, 1, 1), D(2026, 4, 1)),
    ("J-1", D(2026, 1, 1), D(2025, 12, 31)),
    ("go-live + 6 weeks", D(2026, 1, 1), D(2026, 2, 12)),
    ("end of Q1 after go-live", D(2026, 2, 15), D(2026, 6, 30)),
    ("au lancement", D(2026, 9, 1), D(2026, 9, 1)),
    ("au lancement", dt.datetime(2026, 9, 1, 10, 0), D(2026, 9, 1)),
])
def test_deadline_resolve(raw, go_live, expected):
    assert parse_deadline(raw).resolve(go_live) == expected


@pytest.mark.parametrize("go_live", [None, "2026-01-01", 20260101, [], D.max, D.min])
def test_deadline_resolve_never_raises(go_live):
    for raw in ("go-live + 3 months", "J-30", "go-live + 1000 years"):
        result = parse_deadline(raw).resolve(go_live)
        assert result is None or isinstance(result, dt.date)
    assert parse_deadline("go-live + 3 months").resolve(None) is None


def test_deadline_resolve_other_kinds():
    assert parse_deadline("6 mois après la signature du contrat").resolve(D(2026, 1, 1)) is None
    assert parse_deadline("dans 6 mois").resolve(D(2026, 1, 1)) is None
    assert parse_deadline("n'importe quoi").resolve(D(2026, 1, 1)) is None


@pytest.mark.parametrize("raw, months, days", [
    ("dans 6 mois", 6, 0),
    ("Dans 6 mois", 6, 0),
    ("in 6 months", 6, 0),
    ("within 6 months", 6, 0),
    ("sous 3 mois", 3, 0),
    ("d'ici 6 mois", 6, 0),
    ("d’ici 12 mois", 12, 0),
    ("à 6 mois", 6, 0),
    ("en 18 mois", 18, 0),
    ("6 months", 6, 0),
    ("6 mois", 6, 0),
    ("90 jours", 0, 90),
    ("in 6 months' time", 6, 0),
    ("6 months from now", 6, 0),
    ("dans les 6 prochains mois", 6, 0),
    ("in the next 6 months", 6, 0),
    ("6 mois plus tard", 6, 0),
    ("6 months after", 6, 0),
])
def test_parse_deadline_unanchored_delay(raw, months, days):
    assert parse_deadline(raw) == Deadline("unanchored", raw, None, days, months, None)


@pytest.mark.parametrize("raw", [
    "ASAP", "asap", "au plus vite", "Au plus vite !", "dès que possible", "as soon as possible",
    "rapidement", "court terme", "à court terme", "moyen terme", "long terme", "short term",
    "short-term", "next year", "l'année prochaine", "l’année prochaine", "l'an prochain",
    "fin d'année", "d'ici la fin de l'année", "end of year", "by the end of the year",
    "fin juin", "30 juin", "June 30", "Q3", "fin T3", "S1", "1er trimestre",
])
def test_parse_deadline_unanchored_vague(raw):
    d = parse_deadline(raw)
    assert (d.kind, d.text, d.anchor, d.date) == ("unanchored", raw, None, None)
    assert d.resolve(D(2026, 1, 1)) is None


@pytest.mark.parametrize("raw", [
    "bientôt", "soon", "TBD", "à définir", "n'importe quoi", "after go-live", "T+6",
    "go-live + 3", "+3 mois", "lundi", "2026-2027", "12", "3.5", "go-live + beaucoup",
])
def test_parse_deadline_invalid(raw):
    assert parse_deadline(raw) == Deadline("invalid", raw)


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0"])
def test_parse_deadline_absent(raw):
    assert parse_deadline(raw) is None


@pytest.mark.parametrize("raw", [True, False, 3.5, [2026], {"date": "2026-06-30"}, dt.time(12, 0), object()])
def test_parse_deadline_weird_types_are_invalid(raw):
    d = parse_deadline(raw)
    assert d.kind == "invalid" and d.resolve(D(2026, 1, 1)) is None


def test_parse_deadline_is_idempotent():
    d = parse_deadline("J+90")
    assert parse_deadline(d) is d


# ----------------------------------------------------------- never raise (fuzz)

_TOKENS = [
    "go-live", "golive", "+", "-", "–", "3", "12", "000", "1,5", "99.9", "mois", "months", "semaines",
    "jours ouvrés", "après", "after", "la", "mise en production", "MEP", "T", "J", "M", "0", "Q3", "T3",
    "S1", "H2", "2026", "/", "06", "30", "juin", "June", "fin", "end of", "of", "dans", "within", "d'ici",
    "ASAP", "%", "p95", "<", "≤", "≥", "k€", "Mo", "s", "ms", "h", "(", ")", "entre", "et", "à", "au",
    " ", "\u00a0", "\u202f", "'", "’", "e", "er", "premier", "first", "quarter", "trimestre", "x", "sprints",
    "de", "max", "au moins", "9" * 40, "1e308", "inf", "nan", "@go_live", "@", ".", ",",
]
_token_text = st.lists(st.sampled_from(_TOKENS), max_size=12).map("".join)
_token_text_spaced = st.lists(st.sampled_from(_TOKENS), max_size=12).map(" ".join)
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(), _token_text, _token_text_spaced, st.dates(), st.datetimes(), st.binary(max_size=8),
    st.times(),
)
_anything = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.sampled_from(["value", "unit", "percentile", "min", "max",
                                                                "upper", "comparator", "x"]),
                                               children, max_size=4)),
    max_leaves=6,
)


@settings(max_examples=400, deadline=None)
@given(_anything)
def test_parsers_never_raise(raw):
    assert parse_priority(raw) in (None, *PRIORITIES)
    q = parse_quantity(raw)
    assert q is None or isinstance(q, Quantity)
    d = parse_duration(raw)
    assert d is None or (isinstance(d, Duration) and 0 <= d.min_days <= d.max_days)
    deadline = parse_deadline(raw)
    assert deadline is None or deadline.kind in ("absolute", "relative", "unanchored", "invalid")
    assert has_number(raw) in (True, False)
    normalise_unit(raw)
    normalise_percentile(raw)
    normalise_comparator(raw)
    fold(raw)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _token_text, _token_text_spaced), st.one_of(st.none(), st.dates()))
def test_deadline_text_never_raises(text, go_live):
    deadline = parse_deadline(text)
    if deadline is None:
        assert not text.strip()
        return
    assert deadline.text == text.strip()
    resolved = deadline.resolve(go_live)
    assert resolved is None or isinstance(resolved, dt.date)
    if deadline.kind == "absolute":
        assert resolved == deadline.date
    if deadline.kind == "relative":
        assert isinstance(deadline.offset_days, int) and isinstance(deadline.offset_months, int)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _token_text, _token_text_spaced))
def test_quantity_text_keeps_what_was_written(text):
    q = parse_quantity(text)
    assert q.text == text.strip()
    assert q.value is None or q.value == q.value  # never NaN
    assert q.comparator in (None, "<", "<=", ">", ">=")
