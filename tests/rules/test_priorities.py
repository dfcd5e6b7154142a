"""P — priorities: P001 feature without priority, P002 too many musts, P003 must after phase 1,
P004 no features, P005 process without priority."""

from __future__ import annotations

import pytest

from conftest import codes
from crmreq.rules.priorities import share_limit

HEAD = """\
crmreq: 1
project:
  name: Nouveau CRM
  lang: fr
"""


def features(*priorities, phases=None):
    lines = ["features:"]
    for index, priority in enumerate(priorities, start=1):
        lines.append(f"  - id: F-{index}")
        lines.append(f"    title: Fonction {index}")
        if priority:
            lines.append(f"    priority: {priority}")
        if phases and phases[index - 1] is not None:
            lines.append(f"    phase: {phases[index - 1]}")
    return "\n".join(lines) + "\n"


GOOD = HEAD + features("indispensable", "indispensable", "important", "confort", "should",
                       phases=[1, "1", 1, 2, "lot 2"]) + """\
processes:
  - id: PR-DEVIS
    name: Du devis à la commande
    priority: indispensable
    phase: 1
"""


def test_good_spec_has_no_finding_and_is_schema_valid(lint_yaml):
    assert lint_yaml(GOOD, select=("P", "E")) == []


# -- P001 -------------------------------------------------------------------------------

def test_p001_feature_without_priority(lint_yaml):
    text = HEAD + features("must", None, "should")
    findings = lint_yaml(text, select=("P001",), lang="en")
    assert [(f.code, f.object, f.line, f.severity) for f in findings] == [("P001", "F-2", 9, "error")]
    assert findings[0].message.startswith("Feature F-2 has no priority")


def test_p001_french_message(lint_yaml):
    findings = lint_yaml(HEAD + features(None), select=("P001",), lang="fr")
    assert findings[0].message.startswith("La fonctionnalité F-1 n'a pas de priorité")


def test_p001_not_fired_for_misspelt_priority_e002_covers_it(lint_yaml):
    findings = lint_yaml(HEAD + features("urgent"), select=("P001", "E"))
    assert codes(findings) == ["E002"]


# -- P002 -------------------------------------------------------------------------------

def test_p002_too_many_musts(lint_yaml):
    text = HEAD + features("must", "must", "must", "must", "should")
    findings = lint_yaml(text, select=("P002",), lang="en")
    assert [(f.code, f.line, f.object) for f in findings] == [("P002", 5, "features")]
    assert findings[0].message.startswith("4 of 5 features are must-haves (80 %), above the 60 % ceiling")


def test_p002_french_message(lint_yaml):
    text = HEAD + features("indispensable", "indispensable", "indispensable", "important", "confort", "indispensable")
    findings = lint_yaml(text, select=("P002",), lang="fr")
    assert findings[0].message.startswith(
        "4 fonctionnalités sur 6 sont indispensables (66,7 %), au-delà du plafond de 60 %")


def test_p002_exactly_at_the_limit_is_fine(lint_yaml):
    text = HEAD + features("must", "must", "must", "should", "could")
    assert lint_yaml(text, select=("P002",)) == []


def test_p002_wont_and_unprioritised_features_are_left_out(lint_yaml):
    # 3 musts of 5 in scope (60 %): the two `wont` and the unprioritised one do not count
    text = HEAD + features("must", "must", "must", "should", "could", "wont", "wont", None)
    assert lint_yaml(text, select=("P002",)) == []


def test_p002_too_few_features(lint_yaml):
    text = HEAD + features("must", "must", "must", "should")
    assert lint_yaml(text, select=("P002",)) == []
    findings = lint_yaml(text, select=("P002",), options={"must-share-min-features": 3})
    assert codes(findings) == ["P002"]


@pytest.mark.parametrize("value", [0.8, 80, "80 %", "0,8"])
def test_p002_option_as_fraction_or_percentage(lint_yaml, value):
    text = HEAD + features("must", "must", "must", "must", "should")
    assert lint_yaml(text, select=("P002",), options={"must-share-max": value}) == []


def test_share_limit_parsing():
    assert share_limit(0.6) == pytest.approx(0.6)
    assert share_limit(60) == pytest.approx(0.6)
    assert share_limit("60 %") == pytest.approx(0.6)
    assert share_limit("n'importe quoi") == pytest.approx(0.6)
    assert share_limit(True) == pytest.approx(0.6)
    assert share_limit(-3) == pytest.approx(0.6)
    assert share_limit(1) == pytest.approx(1.0)


# -- P003 -------------------------------------------------------------------------------

def test_p003_must_in_phase_2(lint_yaml):
    text = HEAD + features("must", "must", "should", phases=[1, 2, 2])
    findings = lint_yaml(text, select=("P003",), lang="en")
    assert [(f.code, f.object, f.line, f.severity) for f in findings] == [("P003", "F-2", 13, "info")]
    assert "phase \"2\"" in findings[0].message


def test_p003_french_message(lint_yaml):
    text = HEAD + features("indispensable", phases=["lot 2"])
    findings = lint_yaml(text, select=("P003",), lang="fr")
    assert findings[0].message.startswith("La fonctionnalité F-1 est indispensable mais prévue en phase « lot 2 »")


@pytest.mark.parametrize("phase", ["1", "P1", "lot 1", "Lot-1", "'Phase 1 – socle'", "MVP", "phase un"])
def test_p003_many_spellings_of_phase_1(lint_yaml, phase):
    text = HEAD + features("must", "should", phases=[phase, 2])
    assert lint_yaml(text, select=("P003", "E")) == []


def test_p003_feature_without_phase_is_in_phase_1(lint_yaml):
    text = HEAD + features("must", "should", phases=[None, 2])
    assert lint_yaml(text, select=("P003",)) == []


def test_p003_named_phases_follow_the_timeline_order(lint_yaml):
    text = HEAD + features("must", "must", phases=["socle", "extension"]) + """\
timeline:
  phases:
    - {id: cadrage, name: Cadrage, duration: 4 semaines}
    - {id: socle, name: Socle commercial, duration: 8 semaines}
    - {id: extension, name: Extension SAV, duration: 6 semaines}
"""
    findings = lint_yaml(text, select=("P003", "E"))
    assert [(f.code, f.object) for f in findings] == [("P003", "F-2")]


def test_p003_named_phases_without_order_are_given_the_benefit_of_the_doubt(lint_yaml):
    text = HEAD + features("must", "must", phases=["socle", "extension"])
    assert lint_yaml(text, select=("P003",)) == []


# -- P004 -------------------------------------------------------------------------------

def test_p004_no_features(lint_yaml):
    findings = lint_yaml(HEAD, select=("P",), lang="en")
    assert [(f.code, f.line, f.severity) for f in findings] == [("P004", 1, "error")]
    assert findings[0].message.startswith("The spec has no features")


def test_p004_empty_section(lint_yaml):
    findings = lint_yaml(HEAD + "features: []\n", select=("P",), lang="fr")
    assert [(f.code, f.line) for f in findings] == [("P004", 5)]
    assert findings[0].message.startswith("La spec ne contient aucune fonctionnalité")


def test_p004_not_fired_with_one_feature(lint_yaml):
    assert "P004" not in codes(lint_yaml(HEAD + features("must"), select=("P",)))


# -- P005 -------------------------------------------------------------------------------

def test_p005_process_without_priority(lint_yaml):
    text = HEAD + """\
processes:
  - id: PR-DEVIS
    name: Du devis à la commande
    priority: important
  - id: PR-SAV
    name: Traitement des demandes SAV
"""
    findings = lint_yaml(text, select=("P005",), lang="fr")
    assert [(f.code, f.object, f.line, f.severity) for f in findings] == [("P005", "PR-SAV", 9, "warning")]
    assert findings[0].message.startswith("Le processus PR-SAV n'a pas de priorité")
    findings = lint_yaml(text, select=("P005",), lang="en")
    assert findings[0].message.startswith("Process PR-SAV has no priority")
