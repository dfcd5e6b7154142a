"""S — SMART objectives: deadlines naming a phase (S006, S009), the consistency of an
objective's baseline and target (S010), hints in the file's syntax (S001), stable objects (S008)."""

from __future__ import annotations

HEAD = """\
crmreq: 1
project:
  name: Nouveau CRM
  lang: fr
  date: 2026-01-15
stakeholders:
  - {id: dir-co, name: Directrice commerciale}
timeline:
  go_live: 2026-09-01
  phases:
    - {id: ph-cadrage, name: Cadrage, start: 2026-02-01, duration: 6 semaines}
    - {id: ph-deploiement, name: Déploiement et formation, start: 2026-03-15, end: 2026-08-31}
"""

OBJECTIVE = """\
objectives:
  - id: OBJ-1
    title: {title}
    metric: délai moyen de réponse aux demandes de devis
    baseline: "{baseline}"
    target: "{target}"
    deadline: "{deadline}"
    owner: dir-co
"""


def spec(title="Répondre aux demandes de devis", baseline="72 h", target="24 h",
         deadline="6 mois après la mise en production"):
    return HEAD + OBJECTIVE.format(title=title, baseline=baseline, target=target, deadline=deadline)


def found(findings, code):
    return [f for f in findings if f.code == code]


# -- S006 / S009: deadlines naming a phase -------------------------------------------------

def test_good_objective_gives_no_smart_finding_and_is_schema_valid(lint_yaml):
    assert lint_yaml(spec(), select=("S", "E")) == []


def test_a_deadline_naming_a_phase_of_the_timeline_is_no_error(lint_yaml):
    for deadline in ("à l'issue de la phase 1", "fin de la phase Déploiement", "end of phase ph-cadrage",
                     "3 mois après la fin de la phase 2"):
        assert lint_yaml(spec(deadline=deadline), select=("S006", "S009")) == [], deadline


def test_a_phase_deadline_resolves_against_the_phase_end(lint_yaml):
    """The first phase ends on 15 March 2026 (start + 6 weeks): 6 months before it is before the document."""
    findings = lint_yaml(spec(deadline="6 mois avant la fin de la phase 1"), select=("S006",))
    assert [(f.code, f.object) for f in findings] == [("S006", "OBJ-1")]
    assert "2025-09-15" in findings[0].message


def test_a_phase_the_timeline_does_not_have_gives_s009_not_s006(lint_yaml):
    findings = lint_yaml(spec(deadline="à l'issue de la phase 3"), select=("S006", "S009"), lang="fr")
    assert [(f.code, f.severity) for f in findings] == [("S009", "warning")]
    assert "« à l'issue de la phase 3 » nomme une phase" in findings[0].message
    english = lint_yaml(spec(deadline="end of phase Recette"), select=("S009",), lang="en")
    assert "names a phase the timeline" in english[0].message


def test_a_deadline_naming_a_phase_without_the_word_phase_reads_as_that_phase(lint_yaml):
    """« à l'issue du déploiement » names the phase « Déploiement et formation »: no S006 error;
    6 months before the end of « Cadrage » (15 March 2026) falls before the document date."""
    for deadline in ("à l'issue du déploiement", "fin du Cadrage", "at the end of ph-cadrage"):
        assert lint_yaml(spec(deadline=deadline), select=("S006", "S009")) == [], deadline
    findings = lint_yaml(spec(deadline="6 mois avant la fin du cadrage"), select=("S006",))
    assert "2025-09-15" in findings[0].message


def test_the_end_of_something_that_is_no_phase_stays_unreadable(lint_yaml):
    """Without the word « phase », only a phase's id, name or the start of its name counts:
    « fin de la formation » is not « Déploiement et formation »."""
    for deadline in ("à la fin de la formation", "à la fin du projet"):
        findings = lint_yaml(spec(deadline=deadline), select=("S006", "S009"), lang="fr")
        assert [(f.code, f.object) for f in findings] == [("S006", "OBJ-1")], deadline
        assert "ne se lit pas" in findings[0].message


def test_an_unanchored_deadline_still_gives_s009(lint_yaml):
    findings = lint_yaml(spec(deadline="dans 6 mois"), select=("S009",), lang="fr")
    assert [f.code for f in findings] == ["S009"] and "relative à rien" in findings[0].message


# -- S010 ---------------------------------------------------------------------------------

def test_s010_a_decrease_with_a_target_above_the_baseline(lint_yaml):
    text = spec(title="Réduire le délai de réponse aux devis", baseline="24 h", target="72 h")
    findings = found(lint_yaml(text, select=("S010",), lang="fr"), "S010")
    assert [(f.object, f.line, f.severity) for f in findings] == [("OBJ-1", 18, "warning")]
    assert "annonce une baisse" in findings[0].message and "« 72 h »" in findings[0].message
    english = lint_yaml(text, select=("S010",), lang="en")[0]
    assert english.message.startswith("Objective OBJ-1: the title announces a decrease")


def test_s010_an_increase_with_a_target_below_the_baseline_across_units(lint_yaml):
    text = spec(title="Increase the monthly revenue per rep", baseline="15 k€", target="12000 €")
    assert [f.code for f in lint_yaml(text, select=("S010",))] == ["S010"]


def test_s010_baseline_in_days_and_target_in_per_cent(lint_yaml):
    text = spec(title="Réduire le délai de réponse", baseline="3 jours", target="30 %")
    findings = lint_yaml(text, select=("S010",), lang="fr")
    assert [f.code for f in findings] == ["S010"]
    assert "une durée" in findings[0].message and "un pourcentage" in findings[0].message


def test_s010_is_silent_on_consistent_or_undirected_objectives(lint_yaml):
    consistent = [
        ("Réduire le délai de réponse aux devis", "72 h", "24 h"),
        ("Augmenter le taux de transformation", "18 %", "25 %"),
        ("Raise the conversion rate", "18 %", "+5 pts"),          # a signed change is not compared
        ("Réduire le délai pour augmenter le taux de réponse", "72 h", "96 h"),   # both directions
        ("Répondre aux demandes de devis", "24 h", "72 h"),        # no direction word
        ("Réduire le délai de traitement", "2 semaines", "10 jours"),
    ]
    for title, baseline, target in consistent:
        assert lint_yaml(spec(title=title, baseline=baseline, target=target), select=("S010",)) == [], title


def test_s010_reads_the_clause_of_the_title_that_writes_the_target(lint_yaml):
    """The verb of another clause is not about the figures: « Limiter les oublis : porter le taux de
    40 % à 90 % » is consistent; a gerund of the other direction leaves the title undirected."""
    consistent = [
        ('"Limiter les oublis de relance : porter le taux de devis relancés de 40 % à 90 %"', "40 %", "90 %"),
        ('"Reduce re-keying: 100 % of orders reach the ERP automatically"', "40 %", "100 %"),
        ("Augmenter les ventes en réduisant le temps de saisie", "2 h", "30 min"),
    ]
    for title, baseline, target in consistent:
        assert lint_yaml(spec(title=title, baseline=baseline, target=target), select=("S010",)) == [], title
    # the title's figures are not the target's: the title's direction is judged
    text = spec(title="Réduire le délai de traitement de 9 à 4 jours", baseline="9 jours", target="12 jours")
    assert [f.code for f in lint_yaml(text, select=("S010",))] == ["S010"]


# -- S001 hint syntax, S008 object ----------------------------------------------------------

def test_s001_hint_is_written_in_the_syntax_of_the_file(lint_yaml):
    toml = """\
crmreq = 1

[project]
name = "CRM"

[[objectives]]
id = "OBJ-1"
title = "Mieux vendre"
"""
    finding = next(f for f in lint_yaml(toml, name="crmreq.toml", select=("S001",), lang="fr"))
    assert finding.fix == 'Ajoutez par exemple metric = "taux de transformation des devis"'
    yaml = "crmreq: 1\nproject: {name: CRM}\nobjectives:\n  - {id: OBJ-1, title: Mieux vendre}\n"
    finding = lint_yaml(yaml, select=("S001",), lang="en")[0]
    assert finding.fix == 'Add e.g. metric: "quote conversion rate"'


def test_s008_has_a_stable_object(lint_yaml):
    findings = lint_yaml("crmreq: 1\nproject: {name: CRM}\n", select=("S008",))
    assert [(f.code, f.object) for f in findings] == [("S008", "objectives")]
