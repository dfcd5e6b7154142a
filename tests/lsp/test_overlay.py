"""The loader's overlay: an editor's unsaved text is read instead of the file on disk."""

from __future__ import annotations

from crmreq.loader import load_spec

ENTRY = "crmreq: 1\nproject: {name: P, company: C, lang: en}\ninclude: [people.yaml]\n"


def test_an_overlay_text_replaces_the_file_on_disk(tmp_path):
    (tmp_path / "crmreq.yaml").write_text(ENTRY, encoding="utf-8")
    people = tmp_path / "people.yaml"
    people.write_text("stakeholders:\n  - {id: ann, name: Ann}\n", encoding="utf-8")

    on_disk = load_spec(tmp_path)
    edited = load_spec(tmp_path, overlay={people: "stakeholders:\n  - {id: bob, name: Bob}\n"})

    assert [s.id for s in on_disk.spec.stakeholders] == ["ann"]
    assert [s.id for s in edited.spec.stakeholders] == ["bob"]
    assert people.read_text(encoding="utf-8").endswith("Ann}\n")   # the file itself is untouched


def test_a_broken_overlay_text_is_a_finding_like_a_broken_file(tmp_path):
    (tmp_path / "crmreq.yaml").write_text(ENTRY, encoding="utf-8")
    people = tmp_path / "people.yaml"
    people.write_text("stakeholders: []\n", encoding="utf-8")

    result = load_spec(tmp_path, overlay={people: "stakeholders:\n  - id: [\n"})

    assert [(p.code, p.pos.file.endswith("people.yaml")) for p in result.problems] == [("E001", True)]


def test_an_overlay_text_over_the_size_limit_is_refused(tmp_path):
    entry = tmp_path / "crmreq.yaml"
    entry.write_text(ENTRY, encoding="utf-8")
    (tmp_path / "people.yaml").write_text("stakeholders: []\n", encoding="utf-8")

    result = load_spec(tmp_path, max_file_size=200, overlay={entry: ENTRY + "#" * 300 + "\n"})

    assert [p.code for p in result.problems] == ["E001"]
    assert "too large" in result.problems[0].args["detail"]["en"]


def test_the_server_keeps_the_parses_of_the_current_texts_only(tmp_path):
    """The files not being edited are not parsed again; what an edit replaced is forgotten."""
    from crmreq.lsp.specs import Specs

    entry = tmp_path / "crmreq.yaml"
    entry.write_text(ENTRY, encoding="utf-8")
    people = tmp_path / "people.yaml"
    people.write_text("stakeholders:\n  - {id: ann, name: Ann}\n", encoding="utf-8")
    specs = Specs()
    first = specs.lint(entry.resolve(), {})
    for name in ("bob", "cid", "dan"):
        run = specs.lint(entry.resolve(), {people: f"stakeholders:\n  - {{id: {name}, name: X}}\n"})
    assert [s.id for s in first.result.spec.stakeholders] == ["ann"]
    assert [s.id for s in run.result.spec.stakeholders] == ["dan"]
    assert sorted(text for _, text in specs.parses[entry.resolve()]) == sorted(
        [ENTRY, "stakeholders:\n  - {id: dan, name: X}\n"])
