"""JSON export: the normalised model, stable key order, positions relative to the spec."""

from __future__ import annotations

import json
import os

import pytest

from crmreq.export.json_model import model_dict, render_json, write_json

from fixtures_matrix import FEATURE_IDS, INJECTION, load, write_fr_spec, write_spec_text

TOP_KEYS = ["version", "crmreq", "lang", "sources", "project", "context", "stakeholders", "teams", "objectives",
            "systems", "objects", "flows", "processes", "features", "nfr", "rgpd", "migration", "budget",
            "timeline", "consultation", "extensions"]


@pytest.fixture(scope="module")
def spec_dir(tmp_path_factory):
    return write_fr_spec(tmp_path_factory.mktemp("fr"))


@pytest.fixture(scope="module")
def data(spec_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "model.json"
    write_json(load(spec_dir), out, {"lang": "fr"})
    text = out.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    return json.loads(text)


def test_top_level_shape(data):
    assert list(data) == TOP_KEYS
    assert data["version"] == 1
    assert data["crmreq"] == 1
    assert data["lang"] == "fr"
    assert data["sources"] == ["crmreq.yaml"]
    assert data["project"]["date"] == "2026-11-15"
    assert data["project"]["company"] == "Dupont & Fils SAS"


def test_items_keep_their_ids_and_order(data):
    assert [f["id"] for f in data["features"]] == list(FEATURE_IDS)
    feature = data["features"][0]
    assert list(feature) == ["id", "module", "title", "scenario", "teams", "priority", "phase", "objectives",
                             "acceptance", "source"]
    assert "pos" not in feature and "keys" not in feature
    assert feature["priority"] == "must"
    assert feature["teams"] == ["ventes", "adv"]
    assert data["features"][1]["title"] == INJECTION          # JSON is not a spreadsheet: text as written
    assert data["features"][2]["priority"] == "could"


def test_values_are_normalised(data):
    objective = data["objectives"][0]
    assert objective["baseline"] == {"value": 5, "unit": "days", "text": "5 jours", "percentile": None,
                                     "upper": None, "comparator": None}
    deadline = objective["deadline"]
    assert deadline["text"] == "go-live + 6 mois"
    assert deadline["kind"] == "relative" and deadline["offset_months"] == 6
    assert deadline["resolved"] == "2028-03-01"                # go-live 2027-09-01 + 6 months
    nfr = data["nfr"][0]
    assert nfr["metric"]["value"] == 2 and nfr["metric"]["unit"] == "s" and nfr["metric"]["text"]
    phase = data["timeline"]["phases"][0]
    assert phase["duration"]["text"] == "6 semaines"
    assert phase["duration"]["min_days"] == phase["duration"]["max_days"] == 42
    assert phase["start"] == "2026-12-01"
    assert data["timeline"]["go_live"] == "2027-09-01"
    assert data["consultation"]["deadline"] == "2027-01-15"
    assert data["budget"]["lines"][1]["min"] == 15000 and data["budget"]["lines"][1]["max"] == 25000


def test_flow_uses_the_file_keys(data):
    flow = data["flows"][0]
    assert flow["from"] == "erp" and flow["to"] == "crm"
    assert "source" in flow and isinstance(flow["source"], dict)   # the position, not the origin system
    assert flow["direction"] == "two_way"


def test_rgpd(data):
    rgpd = data["rgpd"]
    assert rgpd["data_location"] == "EU"
    assert rgpd["rights"] == ["access", "rectification", "erasure", "portability", "objection"]
    assert rgpd["retention"] == {"prospects": "3 ans après le dernier contact"}
    assert rgpd["consent"]["stated"] is True
    assert rgpd["purposes"][0]["legal_basis"] == "contract"
    assert "retention_keys" not in rgpd


def test_how_the_spec_was_read_is_not_exported(data):
    """Key positions, keys written without a value, reading flags: the model's, not the spec's."""
    assert not {"keys", "null_keys"} & set(data["project"])
    assert not {"keys", "null_keys", "documents_unreadable"} & set(data["consultation"])


def test_source_positions(data):
    source = data["features"][0]["source"]
    assert source["file"] == "crmreq.yaml"
    assert isinstance(source["line"], int) and source["line"] > 1
    assert data["stakeholders"][0]["source"]["line"] < source["line"]


def test_same_bytes_whatever_the_working_directory(spec_dir, tmp_path, monkeypatch):
    first = render_json(load(spec_dir))
    monkeypatch.chdir(spec_dir)
    second = render_json(load("."))
    monkeypatch.chdir(tmp_path)
    third = render_json(load(os.path.relpath(spec_dir, tmp_path)))
    assert first == second == third


def test_multi_file_sources(tmp_path):
    root = write_spec_text(tmp_path / "multi", """
        crmreq: 1
        include: [besoins/*.yaml]
        project: {name: Multi, lang: en, date: 2026-01-01}
        x-notes: {owner: me, due: 2026-02-01}
    """)
    (root / "besoins").mkdir()
    (root / "besoins" / "ventes.yaml").write_text(
        "features:\n  - {id: F-1, title: Quote, priority: must}\n", encoding="utf-8")
    data = model_dict(load(root))
    assert data["sources"] == ["crmreq.yaml", "besoins/ventes.yaml"]
    assert data["features"][0]["source"] == {"file": "besoins/ventes.yaml", "line": 2, "column": 5}
    assert data["extensions"] == {"x-notes": {"owner": "me", "due": "2026-02-01"}}


def test_deterministic(spec_dir, tmp_path):
    spec = load(spec_dir)
    write_json(spec, tmp_path / "a.json")
    write_json(load(spec_dir), tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
