"""The vendor document states the facts as the spec gives them (issue 16), read back from the DOCX
(python-docx), the Markdown text and the JSON model: the rétroplanning, years, KPI names, codes in the
document's language, missing amounts, ids, apostrophes, the quarter reading of a deadline."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import textwrap

import numpy as np
import pytest
from docx import Document
from docx.oxml.ns import qn
from matplotlib.image import imread

from crmreq.export import typography as T
from crmreq.export.document import ID_COLUMN_MAX_CM, ID_PADDING_CM
from crmreq.export.document_blocks import text_width_cm
from crmreq.export.gantt_chart import GO_LIVE_COLOUR, PHASE_COLOURS, gantt_png
from crmreq.export.json_model import render_json
from crmreq.export.markdown import render_markdown
from crmreq.export.word import build_docx
from crmreq.loader import load_spec

NBSP, NNBSP = T.NBSP, T.NNBSP
LONG_ID = "ENF-DISPONIBILITE"                       # fits a widened column: never cut
TOO_LONG_ID = "ENF-DISPONIBILITE-PLATEFORME-ANNUELLE"  # wider than any id column: wraps at a hyphen

FACTS_SPEC = f"""
crmreq: 1
project: {{name: Projet Atelier, company: "L'Atelier d'Anna", lang: fr, date: 2026-11-02}}
context:
  history: "L'équipe est née en 1987. Voir https://example.fr/l'atelier et `l'identifiant`."
objectives:
  - id: obj-relance
    title: Relancer les devis
    metric: part des devis de plus de 50000 € HT relancés
    baseline: 12 jours en 2025
    target: 50000 €
    deadline: fin du premier trimestre qui suit la mise en production
    priority: must
  - id: obj-choix
    title: Choisir l'éditeur
    metric: éditeur retenu
    baseline: 0
    target: 1
    deadline: à l'issue de la phase 1
    priority: must
systems:
  - {{id: crm, name: Futur CRM, kind: crm, hosting: saas, location: EU}}
  - {{id: zendesk, name: Zendesk, kind: support, hosting: saas, location: US}}
objects:
  - {{id: activite, name: Activité, personal_data: true}}
features:
  - {{id: VEN-01, module: sales, title: Devis, teams: [], priority: must}}
nfr:
  - id: {LONG_ID}
    category: performance
    statement: Temps d'affichage d'une fiche
    metric: {{value: 2, unit: s, percentile: 95}}
    priority: must
  - {{id: {TOO_LONG_ID}, category: availability, statement: Disponible, priority: must}}
rgpd:
  data_location: EU
  retention:
    activite: 3 ans après le dernier contact
  transfers_outside_eu:
    - {{system: zendesk, country: US, safeguard: scc}}
    - {{system: crm, country: US, safeguard: dpf}}
budget:
  currency: EUR
  lines:
    - {{category: licences, label: Abonnement, amount: 12000, recurrence: yearly}}
    - {{category: support, label: Support, recurrence: yearly}}
    - {{category: setup, label: Paramétrage, recurrence: one_off}}
    - {{category: training, label: Formation, recurrence: one_off}}
timeline:
  go_live: 2027-03-01
  phases:
    - {{id: ph-choix, name: "Choix de l'éditeur", duration: 4-6 semaines}}
    - {{id: ph-formation, name: Formation et mise en production, duration: 2 semaines}}
    - {{id: ph-lot2, name: Lot 2, duration: 4 semaines, start: 2027-03-01}}
"""


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    directory = tmp_path_factory.mktemp("facts")
    (directory / "crmreq.yaml").write_text(textwrap.dedent(FACTS_SPEC).lstrip(), encoding="utf-8")
    result = load_spec(directory)
    assert result.spec is not None
    return result.spec


@pytest.fixture(scope="module")
def docx_bytes(spec):
    return build_docx(spec, "fr")


@pytest.fixture(scope="module")
def doc(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


@pytest.fixture(scope="module")
def md(spec):
    return render_markdown(spec, "fr")


def table(doc, *headers):
    return next(t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) == headers)


def rows(t) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in t.rows[1:]]


def docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    parts += [p.text for s in doc.sections for part in (s.header, s.footer) for p in part.paragraphs]
    return "\n".join(parts)


def gantt_tasks(md: str) -> dict:
    block = md.split("```mermaid\ngantt\n", 1)[1].split("```", 1)[0]
    tasks = {}
    for line in block.splitlines():
        m = re.match(r"^    (.+?) :(?:milestone, )?(\w+), (\d{4}-\d\d-\d\d), (\d{4}-\d\d-\d\d|\d+d)$", line)
        if m:
            start = dt.date.fromisoformat(m[3])
            end = start if m[4].endswith("d") else dt.date.fromisoformat(m[4])
            tasks[m[2]] = (m[1], start, end)
    return tasks


# ----------------------------------------------------------------------------------
# The rétroplanning: the table, the Mermaid gantt, the Gantt picture and the go-live agree
# ----------------------------------------------------------------------------------

def test_phases_table_is_a_retroplanning_ending_on_go_live(doc):
    text = docx_text(doc)
    assert f"Mise en production visée{NBSP}: 1er{NBSP}mars 2027" in text
    phases = {r[0]: r for r in rows(table(doc, "Phase", "Durée", "Début", "Fin", "Actions"))}
    # the last phase before go-live ends on it; the one before ends when it starts, on 6 weeks
    assert phases["Formation et mise en production"][2:4] == [f"≈ 15{NBSP}février 2027", f"≈ 1er{NBSP}mars 2027"]
    assert phases["Choix de l’éditeur"][2:4] == [f"≈ 4{NBSP}janvier 2027", f"≈ 15{NBSP}février 2027"]
    # the phase written to start on go-live follows it
    assert phases["Lot 2"][2:4] == [f"1er{NBSP}mars 2027", f"≈ 29{NBSP}mars 2027"]
    # the note says how the dates were laid, and which end of a range counts
    assert "rétroplanning" in text and "durée la plus longue" in text


def test_mermaid_gantt_agrees_with_the_table(md):
    tasks = gantt_tasks(md)
    golive = tasks["golive"][1]
    assert golive == dt.date(2027, 3, 1)
    assert tasks["n_ph_formation"][1:] == (dt.date(2027, 2, 15), golive)
    assert tasks["n_ph_choix"][1:] == (dt.date(2027, 1, 4), dt.date(2027, 2, 15))
    assert tasks["n_ph_lot2"][1] == golive
    assert tasks["n_ph_choix"][0] == "Choix de l’éditeur (4-6 semaines)"


def test_gantt_picture_ends_the_last_phase_on_the_go_live_line(spec):
    picture = imread(io.BytesIO(gantt_png(spec, "fr")))[:, :, :3]

    def columns(colour: str, plot_rows=None):
        rgb = np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
        mask = (np.abs(picture - rgb) < 0.03).all(axis=2)
        if plot_rows is not None:
            return np.nonzero(mask.sum(axis=0) > plot_rows)[0]
        return np.nonzero(mask.any(axis=0))[0]

    line = columns(GO_LIVE_COLOUR, plot_rows=picture.shape[0] * 0.2)   # the dashed line, not the legend
    assert len(line)
    before, after = columns(PHASE_COLOURS[1]), columns(PHASE_COLOURS[2])   # formation, lot 2
    assert abs(before.max() - line.mean()) <= 3
    assert abs(after.min() - line.mean()) <= 3


# ----------------------------------------------------------------------------------
# Facts as written
# ----------------------------------------------------------------------------------

def test_years_are_never_grouped_and_amounts_are(doc, md):
    smart = rows(table(doc, "Objectif", "Indicateur", "Valeur actuelle", "Cible", "Échéance", "Responsable",
                       "Priorité"))[0]
    assert smart[2] == "12 jours en 2025"
    assert smart[3] == f"50{NNBSP}000{NBSP}€"
    for text in (docx_text(doc), md):
        assert "en 2025" in text and "1987" in text
        assert not re.search(r"\b(19|20)[\s\u00a0\u202f]\d{3}\b", text)


def test_objective_metric_stays_text(spec, doc, md):
    written = "part des devis de plus de 50000 € HT relancés"
    assert json.loads(render_json(spec))["objectives"][0]["metric"] == written
    smart = rows(table(doc, "Objectif", "Indicateur", "Valeur actuelle", "Cible", "Échéance", "Responsable",
                       "Priorité"))[0]
    shown = written.replace(" €", f"{NBSP}€")             # the number stays as written, kept whole
    assert smart[1] == shown
    assert f"| {shown} |" in md


def test_deadline_reads_the_quarter_after_go_live(spec, doc):
    smart = rows(table(doc, "Objectif", "Indicateur", "Valeur actuelle", "Cible", "Échéance", "Responsable",
                       "Priorité"))[0]
    # the end of the first full quarter after a go-live on 1 March, as the deadlines module reads it
    assert smart[4].endswith(f"(soit le 30{NBSP}juin 2027)")
    deadline = json.loads(render_json(spec))["objectives"][0]["deadline"]
    assert deadline["resolved"] == "2027-06-30"
    # a deadline naming an undated phase: that phase's end in the rétroplanning, an estimate
    smart = rows(table(doc, "Objectif", "Indicateur", "Valeur actuelle", "Cible", "Échéance", "Responsable",
                       "Priorité"))[1]
    assert smart[4] == f"à l’issue de la phase 1 (soit vers le 15{NBSP}février 2027)"


def test_codes_are_named_in_the_document_language(spec, doc, md):
    for text in (docx_text(doc), md):
        assert "Union européenne" in text
        assert "clauses contractuelles types" in text and "Data Privacy Framework" in text
        assert "États-Unis" in text
        assert f"2{NBSP}s au 95e centile" in text
        assert "Activité" in text
        assert not re.search(r"\b(EU|US|scc|dpf|adequacy|activite)\b", text.replace("Data Privacy", ""))
    english = render_markdown(spec, "en")
    assert "European Union" in english and "standard contractual clauses" in english
    assert "2 s at the 95th percentile" in english and "United States" in english
    assert "| *not disclosed* |" in english and "***not disclosed***" in english


def test_missing_amounts_are_not_disclosed_never_zero(doc, md):
    budget = {r[0]: r[2] for r in rows(table(doc, "Poste", "Catégorie", "Montant HT", "Récurrence"))}
    assert budget["Paramétrage"] == budget["Support"] == "non communiqué"
    assert budget["Total ponctuel"] == "non communiqué"
    assert budget["Total annuel récurrent"] == f"12{NNBSP}000{NBSP}€\nhors 1 poste non communiqué"
    for text in (docx_text(doc), md):
        assert not re.search(r"(?<![\d\u202f])0[\u00a0 ]€", text)
    assert "***non communiqué***" in md


def test_ids_are_never_cut_mid_word(doc, md):
    nfr = table(doc, "Id", "Catégorie", "Exigence", "Mesure", "Priorité")
    widths = [int(c.get(qn("w:w"))) / 566.929 for c in nfr._tbl.tblGrid.findall(qn("w:gridCol"))]
    # the id column holds the longest id that fits, whole, with unbreakable hyphens
    assert widths[0] >= text_width_cm(LONG_ID) + ID_PADDING_CM - 0.01
    assert widths[0] <= ID_COLUMN_MAX_CM + 0.01 and abs(sum(widths) - 17.0) < 0.05
    cells = {r.cells[0].text: r.cells[0]._tc for r in nfr.rows[1:]}
    assert len(list(cells[LONG_ID].iter(qn("w:noBreakHyphen")))) == 1
    # an id wider than any column keeps ordinary hyphens: it wraps there, never inside a word
    assert not list(cells[TOO_LONG_ID].iter(qn("w:noBreakHyphen")))
    assert max(text_width_cm(part) for part in TOO_LONG_ID.split("-")) < widths[0] - ID_PADDING_CM
    # the Markdown keeps plain hyphens
    assert f"**{LONG_ID}**" in md


def test_numbers_are_never_split_at_a_line_end():
    assert T.numbers_together("plus de 1 500 € HT, 22 h par semaine") == \
        f"plus de 1{NNBSP}500{NBSP}€ HT, 22{NBSP}h par semaine"
    assert T.numbers_together("en 2025 120 clients, les 3 sociétés") == "en 2025 120 clients, les 3 sociétés"


def test_french_apostrophes_but_not_in_urls_code_or_ids(spec, doc, md):
    text = docx_text(doc)
    for found in (text, md):
        assert "Système d’information cible" in found            # a heading
        assert "L’équipe est née en 1987" in found                 # the user's text
        assert "Temps d’affichage d’une fiche" in found
        assert "https://example.fr/l'atelier" in found             # a URL as written
        assert "'" not in found.replace("https://example.fr/l'atelier", "").replace("l'identifiant", "")
    assert "L’Atelier d’Anna" in doc.sections[0].header.paragraphs[0].text
    assert "`l'identifiant`" in text and "\\`l'identifiant\\`" in md   # code as written
    # English documents keep the writer's apostrophes
    assert "Temps d'affichage d'une fiche" in render_markdown(spec, "en")
