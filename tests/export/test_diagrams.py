"""Diagrams (matplotlib, no system binary): scheduling, the shared systems graph, PNG output, determinism,
lazy imports."""

from __future__ import annotations

import datetime as dt
import io
import struct
import subprocess
import sys
import textwrap
import zlib

import pytest

from fixtures_docs import load_doc_spec

from crmreq.export.chart_style import DPI, WIDTH_IN
from crmreq.export.gantt_chart import gantt_png
from crmreq.export.schedule import schedule
from crmreq.export.systems_chart import systems_png
from crmreq.loader import load_spec

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_chunks(data: bytes):
    """(type, payload) of every chunk of a PNG."""
    assert data.startswith(PNG_SIGNATURE)
    pos = len(PNG_SIGNATURE)
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        payload = data[pos + 8:pos + 8 + length]
        crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        assert crc == zlib.crc32(kind + payload) & 0xFFFFFFFF
        yield kind.decode("ascii"), payload
        pos += 12 + length


def png_size(data: bytes) -> tuple[int, int]:
    kind, payload = next(png_chunks(data))
    assert kind == "IHDR"
    return struct.unpack(">II", payload[:8])


def spec_from(tmp_path, text):
    (tmp_path / "crmreq.yaml").write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    result = load_spec(tmp_path)
    assert result.spec is not None
    return result.spec


# ----------------------------------------------------------------------------------
# schedule()
# ----------------------------------------------------------------------------------

def test_schedule_is_a_retroplanning_from_go_live(tmp_path):
    spec = load_doc_spec(tmp_path, "fr")             # go-live 1 September 2027
    bars = schedule(spec)
    assert [b.id for b in bars] == ["PH-1", "PH-2", "PH-3", "PH-4", "PH-5"]
    first, second, third, fourth, fifth = bars
    # no dates, no duration, last before go-live: ends on go-live, a default length, flagged
    assert fifth.unknown and fifth.end == dt.date(2027, 9, 1) and fifth.estimated
    # written start and end win
    assert (fourth.start, fourth.end) == (dt.date(2027, 7, 1), dt.date(2027, 8, 20))
    assert not fourth.estimated
    # laid backwards: each undated phase ends when the next one starts
    assert third.end == fourth.start and (third.end - third.start).days == 28       # 4 semaines
    assert second.end_max == third.start and second.estimated
    # "3 à 4 mois": the longest duration is laid backwards, the range is kept
    assert (second.end_max - second.start).days == 120
    assert (second.end_min - second.start).days == 90
    assert second.duration_text == "3 à 4 mois"
    # a written start keeps its place, its end follows from its duration
    assert first.start == dt.date(2026, 12, 1) and not first.estimated
    assert first.end == dt.date(2027, 1, 12)                    # 6 semaines


def test_schedule_phases_after_go_live_follow_it(tmp_path):
    spec = spec_from(tmp_path, """
        crmreq: 1
        project: {name: P, company: C, lang: fr, date: 2026-01-05}
        timeline:
          go_live: 2026-06-01
          phases:
            - {id: A, name: Cadrage, duration: 2 semaines}
            - {id: B, name: Formation et mise en production, duration: 4-6 semaines}
            - {id: C, name: Bascule, duration: 1 semaine, start: 2026-06-01}
            - {id: D, name: Lot 2, duration: 1 mois}
    """)
    a, b, c, d = schedule(spec)
    # the last phase before go-live ends on it, on the longest duration of its range
    assert b.end == dt.date(2026, 6, 1) and b.start == dt.date(2026, 4, 20)
    assert a.end == b.start and a.start == dt.date(2026, 4, 6)
    # from the phase written to start on go-live, the phases follow it
    assert (c.start, c.end) == (dt.date(2026, 6, 1), dt.date(2026, 6, 8)) and not c.estimated
    assert d.start == c.end and d.end == dt.date(2026, 7, 8) and d.estimated


def test_schedule_without_go_live_chains_forwards(tmp_path):
    # no start at all: the spec's date
    spec = spec_from(tmp_path, """
        crmreq: 1
        project: {name: P, company: C, lang: fr, date: 2026-01-05}
        timeline:
          phases:
            - {id: A, name: Cadrage, duration: 2 semaines}
            - {id: B, name: Build, duration: 1 mois}
    """)
    bars = schedule(spec)
    assert bars[0].start == dt.date(2026, 1, 5)
    assert bars[1].start == dt.date(2026, 1, 19)
    assert bars[1].end == dt.date(2026, 2, 18)


def test_schedule_names_take_french_apostrophes(tmp_path):
    spec = spec_from(tmp_path, """
        crmreq: 1
        project: {name: P, company: C, lang: fr}
        timeline:
          go_live: 2026-06-01
          phases:
            - {id: ph-choix, name: Choix de l'éditeur, duration: 2 semaines}
    """)
    assert schedule(spec, "fr")[0].name == "Choix de l’éditeur"
    assert schedule(spec, "en")[0].name == schedule(spec)[0].name == "Choix de l'éditeur"


def test_schedule_backwards_from_go_live_without_a_date(tmp_path):
    spec = spec_from(tmp_path, """
        crmreq: 1
        project: {name: P, company: C, lang: en}
        timeline:
          go_live: 2026-06-01
          phases:
            - {id: A, name: Design, duration: 2 weeks}
            - {id: B, name: Build, duration: 4 weeks}
    """)
    bars = schedule(spec)
    assert bars[-1].end == dt.date(2026, 6, 1)
    assert bars[0].start == dt.date(2026, 4, 20)


def test_schedule_empty_without_phases(tmp_path):
    assert schedule(load_doc_spec(tmp_path, "bare")) == []


# ----------------------------------------------------------------------------------
# PNGs
# ----------------------------------------------------------------------------------

@pytest.mark.parametrize("draw", [systems_png, gantt_png])
def test_png_is_deterministic_and_carries_no_software_or_date(tmp_path, draw):
    spec = load_doc_spec(tmp_path, "fr")
    first = draw(spec, "fr")
    second = draw(spec, "fr")
    assert first == second
    kinds = [k for k, _ in png_chunks(first)]
    assert kinds[0] == "IHDR" and kinds[-1] == "IEND"
    texts = [p for k, p in png_chunks(first) if k in ("tEXt", "iTXt", "zTXt")]
    assert not any(b"Software" in t or b"matplotlib" in t for t in texts)
    assert "tIME" not in kinds
    width, height = png_size(first)
    assert width == int(WIDTH_IN * DPI)           # drawn for the A4 text width
    assert 400 < height < 9.5 * DPI
    assert len(first) < 400_000


def test_language_changes_the_pictures(tmp_path):
    spec = load_doc_spec(tmp_path, "fr")
    assert gantt_png(spec, "fr") != gantt_png(spec, "en")
    assert systems_png(spec, "fr") != systems_png(spec, "en")


def test_nothing_to_draw(tmp_path):
    spec = load_doc_spec(tmp_path, "bare")
    assert systems_png(spec, "fr") is None
    assert gantt_png(spec, "fr") is None


def test_flows_to_undeclared_systems_and_many_systems(tmp_path):
    systems = "".join(f"  - {{id: s{i}, name: Système numéro {i} au nom assez long, kind: other}}\n"
                      for i in range(14))
    text = ("crmreq: 1\n"
            "project: {name: P, company: C, lang: fr, date: 2026-01-05}\n"
            "systems:\n  - {id: crm, name: CRM, kind: crm}\n" + systems +
            "flows:\n"
            "  - {id: F1, from: crm, to: fantome, direction: two_way, frequency: daily, mechanism: api}\n"
            "  - {id: F2, from: s1, to: crm, direction: one_way}\n"
            "  - {id: F3, from: s1, to: crm, direction: two_way}\n"
            "  - {id: F4, from: crm, to: s1, direction: one_way}\n")
    spec = spec_from(tmp_path, text)
    assert len(spec.systems) == 15
    data = systems_png(spec, "fr")
    width, height = png_size(data)
    assert width == int(WIDTH_IN * DPI) and height <= 9 * DPI + 1


def test_dollar_signs_in_names_are_text_not_tex(tmp_path):
    """Found by tests/test_fuzz_exports.py: two `$` in a label made matplotlib parse TeX
    (ValueError on « 8 $tî, 8 $tî »)."""
    text = ("crmreq: 1\n"
            "project: {name: P, company: C, lang: fr, date: 2026-01-05}\n"
            "systems:\n  - {id: crm, name: 'CRM à 5 $ et 10 $ par mois', kind: crm}\n"
            "  - {id: erp, name: 'ERP $\\frac{1}{0 $', kind: erp}\n"
            "flows:\n  - {id: F1, from: crm, to: erp, direction: one_way, frequency: daily, mechanism: api,"
            " objects: ['$a$ et $b']}\n"
            "timeline:\n  go_live: 2026-09-01\n"
            "  phases:\n    - {id: P1, name: 'Cadrage $ $', duration: 4 semaines}\n")
    spec = spec_from(tmp_path, text)
    assert png_size(systems_png(spec, "fr"))[0] == int(WIDTH_IN * DPI)
    assert png_size(gantt_png(spec, "fr"))[0] == int(WIDTH_IN * DPI)


def test_characters_the_font_lacks_draw_without_a_warning(tmp_path):
    """Found by tests/test_fuzz_exports.py: a C1 control character in a name made
    matplotlib warn "Glyph 142 missing from font(s)" on the console of `crmreq export`."""
    import warnings

    text = ("crmreq: 1\n"
            "project: {name: P, company: C, lang: fr, date: 2026-01-05}\n"
            "systems:\n  - {id: crm, name: \"CRM \\x8e\\x91 Nord\", kind: crm}\n"
            "  - {id: erp, name: ERP, kind: erp}\n"
            "flows:\n  - {id: F1, from: crm, to: erp, direction: one_way, frequency: daily, mechanism: api}\n"
            "timeline:\n  go_live: 2026-09-01\n"
            "  phases:\n    - {id: P1, name: \"Cadrage \\x81\", duration: 4 semaines}\n")
    spec = spec_from(tmp_path, text)
    assert "\x8e" in spec.systems[0].name
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert png_size(systems_png(spec, "fr"))[0] == int(WIDTH_IN * DPI)
        assert png_size(gantt_png(spec, "fr"))[0] == int(WIDTH_IN * DPI)


def test_picture_is_a_valid_image(tmp_path):
    from PIL import Image

    spec = load_doc_spec(tmp_path, "en")
    for draw in (systems_png, gantt_png):
        image = Image.open(io.BytesIO(draw(spec, "en")))
        image.verify()


def test_heavy_libraries_are_imported_lazily():
    """python-docx, openpyxl and matplotlib load with the Word and Excel writers (which builtin.py
    imports only when they write): never for lint, the Markdown, CSV or JSON exports."""
    code = ("import sys; import crmreq.cli, crmreq.export.builtin, crmreq.export.engine, crmreq.export.markdown, "
            "crmreq.export.schedule, crmreq.export.systems_graph, crmreq.export.document, crmreq.export.typography, "
            "crmreq.export.labels, crmreq.export.csv_matrix, crmreq.export.json_model; "
            "heavy = [m for m in ('docx', 'matplotlib', 'openpyxl', 'numpy', 'PIL') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_long_timeline_stays_on_a_page(tmp_path):
    phases = "".join(f"    - {{id: P{i}, name: Phase numéro {i} avec un nom long, duration: {i % 5 + 1} semaines}}\n"
                     for i in range(30))
    spec = spec_from(tmp_path, "crmreq: 1\nproject: {name: P, company: C, lang: fr, date: 2026-01-05}\n"
                               "timeline:\n  go_live: 2027-01-01\n  phases:\n" + phases)
    assert len(schedule(spec)) == 30
    width, height = png_size(gantt_png(spec, "fr"))
    assert width == int(WIDTH_IN * DPI) and height <= 9.5 * DPI


def test_short_names_and_direction_glyphs():
    from types import SimpleNamespace

    from crmreq.export.systems_chart import direction_glyph
    from crmreq.export.systems_graph import short_name

    assert short_name("Futur CRM (solution retenue à l'issue de la consultation)") == "Futur CRM"
    assert short_name("Microsoft 365 — Exchange Online (messagerie)") == "Microsoft 365"
    assert short_name("E-shop B2B") == "E-shop B2B"
    assert short_name("(tout entre parenthèses)") == "(tout entre parenthèses)"
    positions = {"a": (0.0, 0.0), "b": (0.0, 3.0), "c": (3.0, 0.0), "d": (-3.0, -3.0)}
    flow = lambda s, t, d="one_way": SimpleNamespace(source=s, target=t, direction=d)   # noqa: E731
    assert direction_glyph(flow("a", "b"), positions) == "↑"
    assert direction_glyph(flow("b", "a"), positions) == "↓"
    assert direction_glyph(flow("a", "c"), positions) == "→"
    assert direction_glyph(flow("a", "d"), positions) == "↙"
    assert direction_glyph(flow("a", "b", "two_way"), positions) == "↕"
    assert direction_glyph(flow("c", "a", "two_way"), positions) == "↔"


def test_the_crm_that_stays_is_in_the_middle(tmp_path):
    from crmreq.export.systems_graph import hub_id

    spec = spec_from(tmp_path, """
        crmreq: 1
        project: {name: P, company: C, lang: fr}
        systems:
          - {id: old, name: Ancien CRM, kind: crm, keep: false}
          - {id: erp, name: ERP, kind: erp}
          - {id: new, name: Nouveau CRM, kind: crm}
        flows:
          - {id: F1, from: erp, to: new, direction: one_way}
          - {id: F2, from: old, to: new, direction: one_way}
    """)
    assert hub_id(spec) == "new"
    assert hub_id(load_doc_spec(tmp_path / "fr", "fr")) == "crm"
    assert hub_id(load_doc_spec(tmp_path / "bare", "bare")) is None


def test_both_maps_draw_the_one_systems_graph(tmp_path):
    """The PNG map and the Mermaid flowchart show the same boxes, the same hub, the same dashed boxes."""
    from crmreq.export.markdown import mermaid_flowchart
    from crmreq.export.systems_graph import systems_graph

    spec = spec_from(tmp_path, """
        crmreq: 1
        project: {name: P, company: C, lang: fr}
        systems:
          - {id: old, name: Ancien outil (2009), kind: spreadsheet, keep: false}
        flows:
          - {id: F1, from: old, to: erp, direction: one_way}
          - {id: F2, from: shop, to: erp, direction: two_way}
          - {id: F3, from: erp, to: erp, direction: one_way}
    """)
    graph = systems_graph(spec, "fr")
    assert [(n.id, n.name, n.declared) for n in graph.nodes] == [
        ("old", "Ancien outil", True), ("erp", "erp", False), ("shop", "shop", False)]
    assert graph.hub == "erp"                       # the most connected, though undeclared
    assert [n.id for n in graph.nodes if n.replaced] == ["old"]
    assert [f.id for f in graph.flows] == ["F1", "F2", "F3"]
    chart = mermaid_flowchart(spec, "fr")
    assert '    n_erp[["erp"]]' in chart and "class n_erp crm" in chart
    assert "class n_old replaced" in chart
    assert png_size(systems_png(spec, "fr"))[0] == int(WIDTH_IN * DPI)


def test_extreme_timelines_export_quickly_without_overflow(tmp_path, monkeypatch):
    """Phases from year 2000 to 9999 (found by fuzzing): no date overflow, no 96,000 ticks."""
    
    monkeypatch.chdir(tmp_path)
    (tmp_path / "crmreq.yaml").write_text(
        "crmreq: 1\nproject: {name: T, lang: fr, date: 2000-01-01}\n"
        "timeline:\n  go_live: 9999-12-31\n  phases:\n"
        "    - {id: a, name: A, start: 2000-01-01, end: 9999-12-31}\n"
        "    - {id: b, name: B, duration: 6 semaines}\n", encoding="utf-8")
    spec = load_spec(tmp_path).spec
    png = gantt_png(spec, "fr")
    assert png and png.startswith(b"\x89PNG")
