"""V — vendor consultation rules."""

from __future__ import annotations

import pytest

from crmreq.model import Criterion
from crmreq.positions import Position
from crmreq.rules.consultation import is_price_criterion

HEAD = """\
crmreq: 1
project:
  name: Test
  date: 2026-03-02
"""

GOOD = HEAD + """\
features:
  - {id: F-DEVIS, title: Devis, priority: must}
  - {id: F-RELANCES, title: Relances, priority: should}
consultation:
  deliverables: [Licences 25 utilisateurs, Paramétrage, Reprise de données, Formation]
  documents: [Réponse à la matrice fonctionnelle, Devis détaillé, Planning]
  deadline: 2026-05-15
  criteria:
    - {id: C-FONC, name: Couverture fonctionnelle, weight: 40}
    - {id: C-COUT, name: Coût total sur 3 ans (TCO), weight: 25}
    - {id: C-TECH, name: Technique et sécurité, weight: 15}
    - {id: C-EDITEUR, name: Solidité financière de l'éditeur, weight: 10}
    - {id: C-METHODE, name: Méthode et accompagnement, weight: 10}
    - {id: C-HEBERGEMENT, name: Hébergement dans l'UE, eliminatory: true}
  demos:
    - id: DEMO-1
      title: Du premier appel au devis signé
      steps: [Créer le compte, Établir le devis, Programmer la relance]
      features: [F-DEVIS, F-RELANCES]
"""


def test_good_spec_has_no_finding_and_no_schema_error(lint_yaml):
    assert lint_yaml(GOOD, select=("V", "E")) == []


# -- no consultation at all ------------------------------------------------------------
def test_missing_section_reports_each_missing_thing_once(lint_yaml):
    findings = lint_yaml(HEAD, select=("V",), lang="en")
    assert [(f.code, f.line, f.object) for f in findings] == [("V001", 1, "consultation.criteria"), ("V004", 1, "consultation.demos"), ("V006", 1, "consultation")]
    v006 = findings[-1]
    assert "neither an offer deadline" in v006.message


# -- V001 ---------------------------------------------------------------------------
def test_v001_no_criteria(lint_yaml):
    [f] = lint_yaml(HEAD + """\
consultation:
  deadline: 2026-05-15
""", select=("V001",), lang="fr")
    assert (f.code, f.name, f.line, f.severity) == ("V001", "no-selection-criteria", 5, "warning")
    assert f.message.startswith("La consultation n'annonce aucun critère de choix")


def test_v001_empty_list_points_at_key(lint_yaml):
    [f] = lint_yaml(HEAD + """\
consultation:
  deadline: 2026-05-15
  criteria: []
""", select=("V001",))
    assert f.line == 7


def test_v001_near_miss(lint_yaml):
    assert lint_yaml(HEAD + """\
consultation:
  criteria:
    - {id: C-1, name: Couverture fonctionnelle}
""", select=("V001",)) == []


# -- V002 ---------------------------------------------------------------------------
def test_v002_weights_do_not_sum_to_100(lint_yaml):
    findings = lint_yaml(HEAD + """\
consultation:
  criteria:
    - {id: C-FONC, weight: 50}
    - {id: C-COUT, weight: 30}
    - {id: C-EDITEUR, weight: 10.5}
    - {id: C-REF}
    - {id: C-UE, eliminatory: true}
""", select=("V002",), lang="en")
    [f] = findings
    assert (f.code, f.line, f.severity) == ("V002", 6, "error")
    assert f.message == ("The selection criteria weights add up to 90.5 instead of 100 (no weight: C-REF): "
                         "fix the weighting")


def test_v002_french_message(lint_yaml):
    [f] = lint_yaml(HEAD + """\
consultation:
  criteria:
    - {id: C-FONC, weight: 60}
    - {id: C-COUT, weight: 30.25}
""", select=("V002",), lang="fr")
    assert f.message == "Les poids des critères de choix totalisent 90,25 au lieu de 100 : corrigez la pondération"


@pytest.mark.parametrize("weights", [
    [40, 25, 15, 10, 10],
    [33.33, 33.33, 33.34],
    [0.4, 0.35, 0.25],
    [100],
])
def test_v002_near_miss(lint_yaml, weights):
    lines = "\n".join(f"    - {{id: C-{i}, weight: {w}}}" for i, w in enumerate(weights))
    assert lint_yaml(HEAD + "consultation:\n  criteria:\n" + lines + "\n", select=("V002",)) == []


def test_v002_silent_when_no_criterion_is_weighted(lint_yaml):
    assert lint_yaml(HEAD + """\
consultation:
  criteria:
    - {id: C-1}
    - {id: C-2}
""", select=("V002",)) == []


# -- V003 ---------------------------------------------------------------------------
PRICEY = HEAD + """\
consultation:
  criteria:
    - {id: C-FONC, name: Couverture fonctionnelle, weight: 40}
    - id: C-LIC
      name: Prix des licences
      weight: 35
    - {id: C-PRESTA, name: Coût des prestations, weight: 25}
"""


def test_v003_price_weighs_too_much(lint_yaml):
    findings = lint_yaml(PRICEY, select=("V003",), lang="en")
    [f] = findings
    assert (f.code, f.name, f.object, f.line, f.severity) == ("V003", "price-weight-too-high", "C-LIC", 10, "warning")
    assert "Price (C-LIC, C-PRESTA) weighs 60 % of the final score, above 50 %" in f.message


def test_v003_french_message(lint_yaml):
    [f] = lint_yaml(PRICEY, select=("V003",), lang="fr")
    assert f.message.startswith("Le prix (C-LIC, C-PRESTA) pèse 60 % de la note finale, au-delà de 50 %")
    assert "devis le moins cher" in f.message


def test_v003_option_raises_the_threshold(lint_yaml):
    assert lint_yaml(PRICEY, select=("V003",), options={"price-weight-max": 60}) == []
    assert lint_yaml(PRICEY, select=("V003",), options={"price-weight-max": 0.6}) == []
    [f] = lint_yaml(PRICEY, select=("V003",), options={"price-weight-max": 30})
    assert "above 30 %" in f.message


def test_v003_near_miss_exactly_half_and_vendor_finances(lint_yaml):
    assert lint_yaml(HEAD + """\
consultation:
  criteria:
    - {id: C-PRIX, name: Prix, weight: 50}
    - {id: C-FONC, name: Fonctionnel, weight: 30}
    - {id: C-FIN, name: Solidité financière de l'éditeur, weight: 20}
""", select=("V003",)) == []


def test_v003_share_is_relative_to_the_actual_total(lint_yaml):
    # weights on a 10-point scale: 6 / 10 = 60 %
    [f] = lint_yaml(HEAD + """\
consultation:
  criteria:
    - {id: tco, weight: 6}
    - {id: fit, weight: 4}
""", select=("V003",))
    assert f.object == "tco"


def _criterion(id_, name=None):
    return Criterion(pos=Position("x"), id=id_, name=name)


@pytest.mark.parametrize("id_, name", [
    ("C-PRIX", None), ("crit_price", None), ("C1", "Coût total de possession"), ("C1", "TCO 3 ans"),
    ("C1", "Tarifs"), ("C1", "Total cost of ownership"), ("C1", "Respect du budget"), ("C1", "COÛT"),
    ("C1", "Offre financière"), ("C1", "Pricing"),
])
def test_price_lexicon_recognises(id_, name):
    assert is_price_criterion(_criterion(id_, name))


@pytest.mark.parametrize("id_, name", [
    ("C-FONC", "Couverture fonctionnelle"), ("C-EDIT", "Solidité financière de l'éditeur"),
    ("C-REP", "Reprise de données"), ("C-SUPP", "Support en français"), ("C-X", "Exprimé"), ("C-X", None),
])
def test_price_lexicon_rejects(id_, name):
    assert not is_price_criterion(_criterion(id_, name))


# -- V004 ---------------------------------------------------------------------------
def test_v004_no_demos(lint_yaml):
    [f] = lint_yaml(HEAD + """\
consultation:
  deadline: 2026-05-15
""", select=("V004",), lang="fr")
    assert (f.code, f.name, f.line, f.severity) == ("V004", "no-demo-scenarios", 5, "warning")
    assert "démonstration scénarisée" in f.message


def test_v004_near_miss(lint_yaml):
    assert lint_yaml(HEAD + """\
consultation:
  demos:
    - {id: D-1, title: Démo}
""", select=("V004",)) == []


# -- V005 ---------------------------------------------------------------------------
def test_v005_demo_without_features(lint_yaml):
    findings = lint_yaml(HEAD + """\
features:
  - {id: F-1, title: Devis}
consultation:
  demos:
    - id: D-OK
      features: [F-1]
    - id: D-1
      title: Traiter une demande
    - id: D-2
      features: []
""", select=("V005",), lang="en")
    assert [(f.code, f.object, f.line) for f in findings] == [("V005", "D-1", 11), ("V005", "D-2", 14)]
    assert findings[0].message.startswith("Demo scenario D-1 references no feature")


def test_v005_near_miss(lint_yaml):
    assert lint_yaml(GOOD, select=("V005",)) == []


# -- V006 ---------------------------------------------------------------------------
def test_v006_one_finding_per_missing_thing(lint_yaml):
    findings = lint_yaml(HEAD + """\
consultation:
  criteria:
    - {id: C-1, weight: 100}
""", select=("V006",), lang="fr")
    assert [(f.code, f.line) for f in findings] == [("V006", 5), ("V006", 5)]
    messages = sorted(f.message for f in findings)
    assert messages == [
        "La consultation ne précise pas de date limite de remise des offres (deadline) : "
        "les offres reçues ne seront pas comparables",
        "La consultation ne précise pas la liste des documents attendus dans chaque offre (documents) : "
        "les offres reçues ne seront pas comparables",
    ]


def test_v006_empty_documents_points_at_key(lint_yaml):
    [f] = lint_yaml(HEAD + """\
consultation:
  deadline: 2026-05-15
  documents: []
""", select=("V006",), lang="en")
    assert f.line == 7
    assert "no list of the documents" in f.message


def test_v006_near_miss(lint_yaml):
    assert lint_yaml(HEAD + """\
consultation:
  deadline: 2026-05-15
  documents: [Devis détaillé]
""", select=("V006",)) == []


@pytest.mark.parametrize("documents, reported", [
    ("{devis: oui}", "E002"),   # not a list: E002 says so, V006 does not repeat it
    ("3", "E002"),
    ("", "V006"),               # written with no value: missing, V006 says so (one cause, one finding)
])
def test_v006_documents_written_as_something_else(lint_yaml, documents, reported):
    findings = lint_yaml(HEAD + f"""\
consultation:
  deadline: 2026-05-15
  documents: {documents}
""", select=("V006", "E002"))
    assert [f.code for f in findings] == [reported]


# -- V007 ---------------------------------------------------------------------------

DATED = HEAD + """\
timeline:
  go_live: 2027-10-01
consultation:
  deadline: {deadline}
"""


@pytest.mark.parametrize("deadline, words", [
    ("2028-02-15", "after go-live (2027-10-01)"),    # seen in a real scaffold-based spec
    ("2027-10-01", "on the go-live day"),
])
def test_v007_offer_deadline_after_go_live(lint_yaml, deadline, words):
    findings = lint_yaml(DATED.format(deadline=deadline), select=("V007",), lang="en")
    assert [(f.code, f.object, f.severity) for f in findings] == [("V007", "consultation.deadline", "warning")]
    assert words in findings[0].message


def test_v007_a_deadline_on_the_go_live_day_says_so(lint_yaml):
    findings = lint_yaml(DATED.format(deadline="2027-10-01"), select=("V007",), lang="fr")
    assert "le CRM serait choisi le jour même de sa mise en service" in findings[0].message


def test_v007_offer_deadline_before_the_spec_date(lint_yaml):
    text = DATED.format(deadline="2025-12-01").replace("  date: 2026-03-02\n", "  date: 2026-01-10\n")
    findings = lint_yaml(text, select=("V007",), lang="fr")
    assert [f.code for f in findings] == ["V007"]
    assert "avant la date du document (2026-01-10)" in findings[0].message


def test_v007_silent_between_the_spec_date_and_go_live(lint_yaml):
    text = DATED.format(deadline="2026-10-15").replace("  date: 2026-03-02\n", "  date: 2026-09-01\n")
    assert lint_yaml(text, select=("V007", "E")) == []
