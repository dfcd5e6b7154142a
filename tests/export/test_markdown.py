"""The Markdown cahier des charges: structure, tables, escaping and Mermaid syntax."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fixtures_docs import FR_FEATURE_IDS, load_doc_spec

from crmreq.export.markdown import (escape_md, mermaid_id, mermaid_label, render_markdown, slug,
                                    write_markdown)
from crmreq.export.matrix import matrix_rows

FR_CHAPTERS = ["1 Contexte", "2 Objectifs du projet", "3 Système d’information cible", "4 Périmètre fonctionnel",
               "5 Besoins fonctionnels", "6 Déroulé projet", "Annexe A – Matrice fonctionnelle"]
EN_CHAPTERS = ["1 Context", "2 Project objectives", "3 Target information system", "4 Functional scope",
               "5 Functional requirements", "6 Project plan", "Annex A – Functional matrix"]


@pytest.fixture(scope="module")
def fr(tmp_path_factory):
    directory = tmp_path_factory.mktemp("md")
    spec = load_doc_spec(directory / "spec", "fr")
    path = directory / "out.md"
    write_markdown(spec, path, {"lang": "fr"})
    return spec, path.read_text(encoding="utf-8")


def chapters(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ") and line not in ("## Sommaire",
                                                                                          "## Contents")]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)\n```", text, flags=re.S)


# ----------------------------------------------------------------------------------
# A Mermaid sanity check (no Node here): the subset of the grammar crmreq writes
# ----------------------------------------------------------------------------------

_ID = r"[A-Za-z_][A-Za-z0-9_]*"
_QUOTED = r'"[^"\n]*"'
FLOWCHART_LINES = [
    re.compile(r"^flowchart (LR|TB|TD|RL|BT)$"),
    re.compile(rf"^    {_ID}(\[{_QUOTED}\]|\[\[{_QUOTED}\]\]|\({_QUOTED}\))$"),
    re.compile(rf"^    {_ID} (-->|<-->)\|{_QUOTED}\| {_ID}$"),
    re.compile(rf"^    classDef {_ID} [a-z-]+:[^;\n]+(,[a-z-]+:[^;\n]+)*$"),
    re.compile(rf"^    class {_ID}(,{_ID})* {_ID}$"),
]
RESERVED = {"end", "graph", "subgraph", "flowchart", "style", "class", "classdef", "click", "linkstyle"}


def check_flowchart(code: str) -> dict:
    """Raise AssertionError on anything outside the expected syntax; answer {id: label}."""
    nodes = {}
    for line in code.splitlines():
        assert any(p.match(line) for p in FLOWCHART_LINES), f"unexpected flowchart line: {line!r}"
        m = re.match(rf"^    ({_ID})\[+\(?(\"[^\"]*\")", line)
        if m and "|" not in line.split('"')[0]:
            node_id = m.group(1)
            assert node_id.lower() not in RESERVED
            assert not re.match(r"^[ox]", node_id), "an id starting with o/x reads as an edge end"
            nodes[node_id] = m.group(2)
    for line in code.splitlines():
        m = re.match(rf"^    ({_ID}) (?:-->|<-->)\|{_QUOTED}\| ({_ID})$", line)
        if m:
            assert m.group(1) in nodes and m.group(2) in nodes, f"edge to an undeclared node: {line!r}"
    for label in nodes.values():
        assert "<" not in label.replace("<br/>", ""), label
    return nodes


GANTT_TASK = re.compile(r"^    (?P<name>[^:#;\n]+?) :(?:(?P<flag>milestone|crit|active|done), )?"
                        r"(?P<id>[a-z][a-z0-9_]*), "
                        r"(?P<start>\d{4}-\d{2}-\d{2}), (?P<end>\d{4}-\d{2}-\d{2}|\d+d)$")


def check_gantt(code: str) -> list[dict]:
    lines = code.splitlines()
    assert lines[0] == "gantt"
    assert "    dateFormat YYYY-MM-DD" in lines
    tasks = []
    ids = set()
    for line in lines[1:]:
        if re.match(r"^    (title|section) [^:#;\n]+$", line) or line in (
                "    dateFormat YYYY-MM-DD", "    axisFormat %m/%Y", "    todayMarker off"):
            continue
        m = GANTT_TASK.match(line)
        assert m, f"unexpected gantt line: {line!r}"
        start = dt.date.fromisoformat(m["start"])
        if m["end"].endswith("d"):
            end = start + dt.timedelta(days=int(m["end"][:-1]))
        else:
            end = dt.date.fromisoformat(m["end"])
        assert end >= start
        assert m["id"] not in ids
        ids.add(m["id"])
        tasks.append({"name": m["name"], "start": start, "end": end, "flag": m["flag"]})
    return tasks


# ----------------------------------------------------------------------------------
# Structure and content
# ----------------------------------------------------------------------------------

def test_same_structure_as_the_word_document(fr):
    _, text = fr
    assert text.startswith("# Cahier des charges – CAP CLIENT 2027\n")
    assert chapters(text) == FR_CHAPTERS
    h3 = [line[4:] for line in text.splitlines() if line.startswith("### ")]
    assert h3[:4] == ["1.1 Objet du document", "1.2 Historique", "1.3 Situation actuelle",
                      "1.4 Enjeux et difficultés actuelles"]
    assert "5.4 Conformité RGPD" in h3 and "6.5 Critères de choix et pondération" in h3
    h4 = [line[5:] for line in text.splitlines() if line.startswith("#### ")]
    assert "5.2.2 Ventes" in h4


def test_table_of_contents_links_resolve(fr):
    _, text = fr
    anchors = set()
    seen: dict = {}
    for line in text.splitlines():
        m = re.match(r"^#{2,4} (.*)$", line)
        if m:
            anchors.add(slug(m.group(1).replace("\\", ""), seen))
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(links) >= 30
    assert set(links) <= anchors


def test_every_requirement_is_present(fr):
    spec, text = fr
    for fid in FR_FEATURE_IDS:
        assert f"**{fid}**" in text
    matrix = text.split("## Annexe A")[1]
    ids = re.findall(r"^\| \*\*([A-Z0-9-]+)\*\* \|", matrix, flags=re.M)
    assert ids == [r.id for r in matrix_rows(spec, "fr")]


def test_tables_have_consistent_columns(fr):
    _, text = fr
    in_table = None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = len(re.findall(r"(?<!\\)\|", line)) - 1
            if in_table is None:
                in_table = cells
            assert cells == in_table, line
        else:
            in_table = None


def test_user_text_is_escaped(fr):
    _, text = fr
    assert "<script>" not in text
    assert "\\<script\\>alert(1)\\</script\\>" in text
    assert 'E-shop "B2B" \\| Magento' in text              # a pipe cannot break a table
    assert "\x01" not in text
    assert "Relance J+7\u00a0: une tâche est créée pour le commercial \\| et un e-mail" in text


def test_missing_sections_say_so(tmp_path):
    spec = load_doc_spec(tmp_path, "bare")
    text = render_markdown(spec, "fr")
    assert chapters(text) == FR_CHAPTERS
    assert text.count("*Non renseigné.*") >= 20
    assert "```mermaid" not in text


def test_english(tmp_path):
    spec = load_doc_spec(tmp_path, "en")
    text = render_markdown(spec)
    assert chapters(text) == EN_CHAPTERS
    assert "| **Licences** | Licences | €12,000 | Yearly |" in text
    assert "\u202f" not in text


def test_deterministic(fr, tmp_path):
    spec, text = fr
    path = tmp_path / "again.md"
    write_markdown(spec, path, {"lang": "fr"})
    assert path.read_text(encoding="utf-8") == text
    assert path.read_bytes().endswith(b"\n") and b"\r" not in path.read_bytes()


# ----------------------------------------------------------------------------------
# Mermaid
# ----------------------------------------------------------------------------------

def test_mermaid_flowchart_of_systems_and_flows(fr):
    spec, text = fr
    diagrams = blocks(text, "mermaid")
    assert len(diagrams) == 2
    flowchart = diagrams[0]
    nodes = check_flowchart(flowchart)
    assert len(nodes) == len(spec.systems)
    # `end` is a keyword: the system with that id gets a safe one; quotes and pipes are entities
    assert "n_end" in nodes
    assert nodes["n_end"] == '"E-shop #quot;B2B#quot; #124; Magento<br/>E-commerce · SaaS · France"'
    edges = [line for line in flowchart.splitlines() if "-->" in line]
    assert len(edges) == len(spec.flows)
    assert '    n_erp <-->|"Comptes clients, Contacts<br/>horaire · API"| n_crm' in edges
    assert '    n_end -->|"Commandes, Contacts<br/>temps réel · Webhook"| n_crm' in edges
    assert "class n_xls replaced" in flowchart


def test_mermaid_gantt_of_the_timeline(fr):
    _, text = fr
    tasks = check_gantt(blocks(text, "mermaid")[1])
    names = [t["name"] for t in tasks]
    assert names[0] == "Consultation des éditeurs"
    assert names[1] == "Paramétrage – lot 1 (3 à 4 mois)"       # ':' would end the task name
    assert names[-1] == "Mise en production visée" and tasks[-1]["flag"] == "milestone"
    assert tasks[-1]["start"] == dt.date(2027, 9, 1)
    assert tasks[0]["start"] == dt.date(2026, 12, 1) and tasks[0]["end"] == dt.date(2027, 1, 12)


def test_mermaid_helpers():
    used: dict = {}
    assert mermaid_id("end", used) == "n_end"
    assert mermaid_id("end", used) == "n_end_2"
    assert mermaid_id("Système ERP", used) == "n_Systeme_ERP"
    assert mermaid_id("", used) == "n_node"
    assert mermaid_label('a "b" <c> | #d') == "a #quot;b#quot; #lt;c#gt; #124; #35;d"
    assert mermaid_label("deux\nlignes") == "deux<br/>lignes"
    assert escape_md("a*b_c [x](y) <i>") == "a\\*b\\_c \\[x\\](y) \\<i\\>"


def test_mermaid_checker_rejects_bad_syntax():
    with pytest.raises(AssertionError):
        check_flowchart('flowchart LR\n    end["x"]\n    a --> end')
    with pytest.raises(AssertionError):
        check_gantt("gantt\n    dateFormat YYYY-MM-DD\n    Phase : un :p1, 2026-01-01, 2026-02-01")
