"""L — timeline rules."""

from __future__ import annotations

HEAD = """\
crmreq: 1
project:
  name: Test
  date: 2026-03-02
"""

# 2026-03-02 → 2026-09-07: 27 weeks available; phases need 3+8+3+2+1 = 17 weeks minimum.
GOOD = HEAD + """\
objectives:
  - id: OBJ-1
    deadline: 2027-03-31
  - id: OBJ-2
    deadline: "6 mois après la mise en production"
  - id: OBJ-3
    deadline: 2026-09-07
timeline:
  go_live: 2026-09-07
  phases:
    - {id: cadrage, name: Cadrage, duration: "3-4 semaines"}
    - {id: parametrage, name: Paramétrage, duration: "8-10 weeks"}
    - {id: reprise, name: Reprise de données, start: 2026-06-01, end: 2026-06-22}
    - {id: recette, name: Recette, duration: "2 semaines"}
    - {id: mep, name: Mise en production, duration: "1 semaine"}
    - {id: hypercare, name: Accompagnement post-démarrage, duration: "3 mois"}
"""


def test_good_spec_has_no_finding_and_no_schema_error(lint_yaml):
    assert lint_yaml(GOOD, select=("L", "E")) == []


# -- L001 ---------------------------------------------------------------------------
def test_l001_no_timeline_at_all_points_at_entry_file(lint_yaml):
    findings = lint_yaml(HEAD, select=("L001",))
    [f] = findings
    assert (f.code, f.name, f.severity, f.line, f.object) == ("L001", "no-phases", "warning", 1, "timeline.phases")


def test_l001_timeline_without_phases_points_at_timeline(lint_yaml):
    findings = lint_yaml(HEAD + """\
timeline:
  go_live: 2026-09-07
""", select=("L001",), lang="fr")
    [f] = findings
    assert f.line == 5
    assert f.message.startswith("Le planning ne comporte aucune phase")


def test_l001_empty_phases_points_at_the_key(lint_yaml):
    [f] = lint_yaml(HEAD + """\
timeline:
  go_live: 2026-09-07
  phases: []
""", select=("L001",))
    assert f.line == 7


def test_l001_near_miss(lint_yaml):
    assert lint_yaml(HEAD + """\
timeline:
  phases:
    - {id: p1, duration: 2 weeks}
""", select=("L001",)) == []


# -- L002 ---------------------------------------------------------------------------
def test_l002_phase_without_duration(lint_yaml):
    findings = lint_yaml(HEAD + """\
timeline:
  phases:
    - id: cadrage
      duration: 3 semaines
    - id: recette
      name: Recette
    - id: formation
      start: 2026-06-01
""", select=("L002",), lang="en")
    assert [(f.code, f.object, f.line) for f in findings] == [("L002", "recette", 9), ("L002", "formation", 11)]
    assert findings[0].message == ("Phase recette has no duration: give one (\"4-6 weeks\") "
                                   "or its start and end dates")


def test_l002_unreadable_duration_points_at_duration(lint_yaml):
    [f] = lint_yaml(HEAD + """\
timeline:
  phases:
    - id: recette
      duration: quelques semaines
""", select=("L002",), lang="fr")
    assert (f.object, f.line) == ("recette", 8)
    assert "« quelques semaines »" in f.message


def test_l002_near_miss_dates_count_as_duration(lint_yaml):
    assert lint_yaml(HEAD + """\
timeline:
  phases:
    - {id: recette, start: 2026-06-01, end: 2026-06-19}
    - {id: formation, duration: 2 semaines}
""", select=("L002",)) == []


def test_l002_end_before_start_is_no_duration(lint_yaml):
    [f] = lint_yaml(HEAD + """\
timeline:
  phases:
    - {id: recette, start: 2026-06-19, end: 2026-06-01}
""", select=("L002",))
    assert f.object == "recette"


# -- L003 ---------------------------------------------------------------------------
L003_SPEC = HEAD + """\
objectives:
  - id: OBJ-1
    deadline: 2026-06-30
  - id: OBJ-2
    deadline: fin juin 2026
  - id: OBJ-3
    deadline: go-live + 3 months
  - id: OBJ-4
    deadline: 2026-12-31
timeline:
  go_live: 2026-09-07
"""


def test_l003_absolute_deadline_before_go_live(lint_yaml):
    findings = lint_yaml(L003_SPEC, select=("L003",), lang="en")
    assert [(f.code, f.object, f.line, f.severity) for f in findings] == [
        ("L003", "OBJ-1", 7, "error"), ("L003", "OBJ-2", 9, "error")]
    assert "2026-06-30" in findings[0].message and "2026-09-07" in findings[0].message


def test_l003_french_message(lint_yaml):
    findings = lint_yaml(L003_SPEC, select=("L003",), lang="fr")
    assert findings[0].message.startswith("L'échéance de l'objectif OBJ-1 (2026-06-30) tombe avant la mise en production (2026-09-07)")


def test_l003_near_miss_without_go_live(lint_yaml):
    assert lint_yaml(HEAD + """\
objectives:
  - id: OBJ-1
    deadline: 2026-06-30
""", select=("L003",)) == []


# -- L004 ---------------------------------------------------------------------------
def test_l004_phases_do_not_fit(lint_yaml):
    findings = lint_yaml(HEAD + """\
timeline:
  go_live: 2026-05-04
  phases:
    - {id: cadrage, duration: "3-4 semaines"}
    - {id: parametrage, duration: "8-10 semaines"}
    - {id: recette}
""", select=("L004",), lang="en")
    [f] = findings
    assert (f.code, f.line, f.severity, f.object) == ("L004", 6, "warning", "timeline.go_live")
    # 11 weeks needed, 9 weeks between 2026-03-02 and 2026-05-04
    assert f.message == ("The phases take at least 11 weeks, but only 9 weeks separate the document date "
                         "(2026-03-02) from go-live (2026-05-04): move go-live or shorten the phases")


def test_l004_french_message_uses_decimal_comma(lint_yaml):
    [f] = lint_yaml(HEAD + """\
timeline:
  go_live: 2026-04-01
  phases:
    - {id: parametrage, duration: "2 mois"}
""", select=("L004",), lang="fr")
    # 60 days = 8,6 weeks needed; 30 days = 4,3 weeks available
    assert f.message.startswith("Les phases durent au moins 8,6 semaines, mais 4,3 semaines seulement")


def test_l004_go_live_before_document_date(lint_yaml):
    [f] = lint_yaml(HEAD + """\
timeline:
  go_live: 2026-01-05
  phases:
    - {id: p1, duration: "1 semaine"}
""", select=("L004",))
    assert "does not fall after the document date" in f.message


def test_l004_near_miss_post_go_live_phases_are_not_counted(lint_yaml):
    # 9 weeks available; before go-live 3 + 5 = 8 weeks; the rest comes after go-live.
    assert lint_yaml(HEAD + """\
timeline:
  go_live: 2026-05-04
  phases:
    - {id: cadrage, duration: "3 semaines"}
    - {id: bascule, name: Paramétrage et bascule, duration: "5 semaines"}
    - {id: lot2, name: Lot 2 marketing, duration: "3 mois"}
    - {id: tma, name: TMA, duration: "12 mois"}
""", select=("L004",)) == []


def test_l004_near_miss_phase_starting_after_go_live(lint_yaml):
    assert lint_yaml(HEAD + """\
timeline:
  go_live: 2026-05-04
  phases:
    - {id: p1, duration: "8 semaines"}
    - {id: p2, start: 2026-05-04, duration: "6 mois"}
""", select=("L004",)) == []


def test_l004_needs_both_dates_and_a_duration(lint_yaml):
    no_date = """\
crmreq: 1
project: {name: Test}
timeline:
  go_live: 2026-04-01
  phases:
    - {id: p1, duration: "6 mois"}
"""
    assert lint_yaml(no_date, select=("L004",)) == []
    assert lint_yaml(HEAD + """\
timeline:
  go_live: 2026-04-01
  phases:
    - {id: p1, duration: "un certain temps"}
""", select=("L004",)) == []


# -- L005 ---------------------------------------------------------------------------
def test_l005_no_go_live(lint_yaml):
    [f] = lint_yaml(HEAD + """\
timeline:
  phases:
    - {id: p1, duration: 2 weeks}
""", select=("L005",), lang="fr")
    assert (f.code, f.name, f.line, f.severity) == ("L005", "no-go-live-date", 5, "warning")
    assert "timeline.go_live" in f.message


def test_l005_no_timeline_reports_once_at_entry(lint_yaml):
    findings = lint_yaml(HEAD, select=("L",))
    assert [(f.code, f.line) for f in findings] == [("L001", 1), ("L005", 1)]


def test_l005_near_miss(lint_yaml):
    assert lint_yaml(HEAD + """\
timeline:
  go_live: 2026-09-07
""", select=("L005",)) == []


def test_l005_invalid_date_left_to_schema(lint_yaml):
    findings = lint_yaml(HEAD + """\
timeline:
  go_live: bientôt
""", select=("L005", "E002"))
    assert [f.code for f in findings] == ["E002"]


def test_l003_leaves_past_deadlines_to_s006(lint_yaml):
    findings = lint_yaml(HEAD + """\
objectives:
  - id: OBJ-1
    deadline: 2026-01-31
timeline:
  go_live: 2026-09-07
""", select=("L003", "S006"))
    assert [(f.code, f.object) for f in findings] == [("S006", "OBJ-1")]
