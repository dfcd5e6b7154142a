"""`crmreq lsp` end to end: one real server process (python -m crmreq lsp) for the module, driven
by pytest-lsp's client over stdio, on a spec of four files in a temporary folder."""

from __future__ import annotations

import asyncio
import textwrap

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from crmreq.json_schema import json_schema  # noqa: E402
from lsprotocol import types  # noqa: E402
from lsp_helpers import SERVER, SPEC, change_file, codes, initialize, open_file, until, uri, write_spec  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    return write_spec(tmp_path_factory.mktemp("lsp") / "spec", SPEC)


@pytest_lsp.fixture(scope="module", config=pytest_lsp.ClientServerConfig(server_command=SERVER))
async def client(lsp_client: pytest_lsp.LanguageClient):
    await initialize(lsp_client)
    yield
    await lsp_client.shutdown_session()


def text_of(spec, name: str) -> str:
    return (spec / name).read_text(encoding="utf-8")


async def test_diagnostics_cover_every_file_and_follow_a_reference_across_files(client, spec):
    open_file(client, spec / "people.yaml")
    files = [spec / name for name in SPEC]
    await until(client, lambda found: all(uri(path) in found for path in files))
    assert all("E006" not in codes(client, path) for path in files)

    try:
        change_file(client, spec / "people.yaml", text_of(spec, "people.yaml").replace("id: marc", "id: marcel"))
        found = await until(client, lambda found: "E006" in codes(client, spec / "crmreq.yaml"))
        broken = next(d for d in found[uri(spec / "crmreq.yaml")] if d.code == "E006")
        assert broken.severity == types.DiagnosticSeverity.Error
        assert broken.source == "crmreq"
        assert broken.code_description.href.endswith("#e006-unknown-reference")
        message, fix = broken.message.splitlines()                   # the finding's fix on a line of its own
        assert "`marc`" in message and "`marcel`" in fix
        assert (broken.range.start.line, broken.range.start.character, broken.range.end.character) == (6, 11, 15)
    finally:
        change_file(client, spec / "people.yaml", text_of(spec, "people.yaml"))
    await until(client, lambda found: "E006" not in codes(client, spec / "crmreq.yaml"))
    assert "E006" not in codes(client, spec / "people.yaml")


async def test_hover_on_a_key_a_rule_code_and_an_id(client, spec):
    entry = spec / "crmreq.yaml"
    text = text_of(spec, "crmreq.yaml").replace("    priority: must", "    priority: must  # crmreq: ignore[S004]")
    open_file(client, entry, text)

    async def hover(line, character):
        answer = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(entry)), position=types.Position(line=line, character=character)))
        return answer.contents.value if answer else None

    owner = json_schema()["properties"]["objectives"]["items"]["properties"]["owner"]["description"]
    assert owner in await hover(6, 5)                                                # owner:
    rule = await hover(7, text.splitlines()[7].index("S004") + 1)
    assert rule.startswith("### S004 ") and "How to fix" in rule
    person = await hover(6, 13)                                                      # marc
    assert "**marc** (stakeholder) — Marc Dupont" in person and "people.yaml:2" in person
    assert await hover(3, 0) is not None and await hover(1, 40) is None


async def test_definition_and_references_across_files(client, spec):
    entry, people, features = spec / "crmreq.yaml", spec / "people.yaml", spec / "features.yaml"
    open_file(client, entry)
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(entry)), position=types.Position(line=6, character=12)))
    assert found.uri == uri(people)
    assert (found.range.start.line, found.range.start.character, found.range.end.character) == (1, 8, 12)

    open_file(client, features)
    places = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri(features)), position=types.Position(line=3, character=13),
        context=types.ReferenceContext(include_declaration=True)))
    assert sorted((p.uri, p.range.start.line, p.range.start.character) for p in places) == sorted([
        (uri(people), 5, 8), (uri(people), 3, 10), (uri(features), 3, 12)])


async def complete(client, path, text, line, character):
    change_file(client, path, text)
    answer = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), position=types.Position(line=line, character=character)))
    return {item.label: item for item in answer.items}


async def test_completion_of_keys_enum_values_and_ids_in_yaml(client, spec):
    features, entry = spec / "features.yaml", spec / "crmreq.yaml"
    open_file(client, features)
    open_file(client, entry)
    base = text_of(spec, "features.yaml")
    try:
        keys = await complete(client, features, base + "    acc", 6, 7)
        assert "acceptance" in keys and "scenario" in keys and "stakeholders" not in keys

        priorities = await complete(client, features, base.replace("priority: must", "priority: "), 5, 14)
        assert set(priorities) == {"must", "should", "could", "wont", "indispensable", "important", "confort"}
        assert priorities["indispensable"].detail == "must"

        teams = await complete(client, features, base.replace("teams: [sales]", "teams: [sa"), 3, 14)
        assert list(teams) == ["sales"] and teams["sales"].text_edit.new_text == "sales"
        assert await complete(client, features, base, 3, 18) == {}     # past `]`: nothing to replace

        half_typed_item = base + "  - id: F2\n    objectives:\n      - "
        objectives = await complete(client, features, half_typed_item, 8, 8)
        assert list(objectives) == ["O1"]

        owners = await complete(client, entry, text_of(spec, "crmreq.yaml").replace("owner: marc", "owner: "), 6, 11)
        assert set(owners) == {"marc", "sales"} and owners["marc"].detail == "Marc Dupont"   # stakeholders and teams
    finally:
        change_file(client, features, base)
        change_file(client, entry, text_of(spec, "crmreq.yaml"))


async def test_completion_of_ids_and_keys_in_toml(client, spec):
    systems = spec / "systems.toml"
    open_file(client, systems)
    toml = text_of(spec, "systems.toml")
    try:
        sources = await complete(client, systems, toml.replace('from = "erp"', "from = "), 16, 7)
        assert set(sources) == {"erp", "crm"} and sources["erp"].text_edit.new_text == '"erp"'
        quoted = await complete(client, systems, toml.replace('to = "crm"', 'to = "c'), 17, 7)
        assert quoted["crm"].text_edit.new_text == "crm"
        assert await complete(client, systems, toml, 18, 22) == {}     # past `"accounts"]`
        half_typed = toml + '\n[[flows]]\nid = "FL2"\nfrom = '         # the file does not parse yet
        change_file(client, systems, half_typed)
        await until(client, lambda found: "E001" in codes(client, systems))
        sources = await complete(client, systems, half_typed, 22, 7)
        assert set(sources) == {"erp", "crm"}                           # the ids of the last complete lint
        arrays = await complete(client, systems, toml + "[[", 19, 2)
        assert "features" in arrays and "flows" in arrays and "project" not in arrays and "crmreq" not in arrays
        tables = await complete(client, systems, toml + "[", 19, 1)
        assert "project" in tables and "rgpd" in tables and "features" not in tables
        flow_keys = await complete(client, systems, toml + "mas", 19, 3)
        assert "master" in flow_keys and "kind" not in flow_keys
    finally:
        change_file(client, systems, toml)


async def test_code_actions_correct_an_id_and_add_a_suppression(client, spec):
    systems = spec / "systems.toml"
    open_file(client, systems)
    toml = text_of(spec, "systems.toml").replace('to = "crm"', 'to = "CRM"')
    try:
        change_file(client, systems, toml)
        found = await until(client, lambda found: "E006" in codes(client, systems))
        broken = next(d for d in found[uri(systems)] if d.code == "E006")
        by_title = await actions(client, systems, broken)
        correction = by_title["Replace `CRM` with `crm`"]
        assert (correction.range.start.line, correction.range.start.character, correction.new_text) == (17, 6, "crm")
        suppression = by_title["Ignore E006 for this item (# crmreq: ignore[E006])"]
        assert suppression.range.start.line == 14 and suppression.new_text == "  # crmreq: ignore[E006]"  # [[flows]]

        lines = toml.split("\n")
        lines[14] += suppression.new_text
        change_file(client, systems, "\n".join(lines))                # the suppression works as written
        await until(client, lambda found: "E006" not in codes(client, systems))
    finally:
        change_file(client, systems, text_of(spec, "systems.toml"))


async def test_code_actions_correct_a_key_and_extend_a_suppression(client, spec):
    features = spec / "features.yaml"
    open_file(client, features)
    text = text_of(spec, "features.yaml").replace("    priority: must", "    prority: must")
    text = text.replace("  - id: F1", "  - id: F1  # crmreq: ignore[S004]")
    try:
        change_file(client, features, text)
        found = await until(client, lambda found: "E002" in codes(client, features))
        broken = next(d for d in found[uri(features)] if d.code == "E002")
        by_title = await actions(client, features, broken)
        correction = by_title["Replace `prority` with `priority`"]
        assert (correction.range.start.line, correction.range.start.character, correction.range.end.character) == (5, 4, 11)
        suppression = by_title["Ignore E002 for this item (# crmreq: ignore[E002])"]
        assert suppression.range.start == suppression.range.end == types.Position(line=1, character=33)
        assert suppression.new_text == ",E002"                         # into the comment already there
    finally:
        change_file(client, features, text_of(spec, "features.yaml"))


async def test_the_correction_of_a_key_in_a_flow_mapping_replaces_the_key(client, spec):
    features = spec / "features.yaml"
    open_file(client, features)
    text = text_of(spec, "features.yaml") + "  - {id: F2, titel: T, teams: [sales], objectives: [O1], priority: must}\n"
    try:
        change_file(client, features, text)
        found = await until(client, lambda found: any("titel" in d.message for d in found.get(uri(features), [])))
        broken = next(d for d in found[uri(features)] if "titel" in d.message)
        by_title = await actions(client, features, broken)
        correction = by_title["Replace `titel` with `title`"]
        line = text.split("\n")[correction.range.start.line]
        assert line[correction.range.start.character:correction.range.end.character] == "titel"
    finally:
        change_file(client, features, text_of(spec, "features.yaml"))


async def actions(client, path, diagnostic) -> dict:
    """The code actions offered for `diagnostic`, by title: each one's single edit."""
    offered = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    return {action.title: action.edit.changes[uri(path)][0] for action in offered}


async def test_a_broken_half_typed_buffer_keeps_the_server_alive(client, spec):
    features = spec / "features.yaml"
    open_file(client, features)
    broken = text_of(spec, "features.yaml") + "  - id: F2\n    title: [unclosed\n    tea"
    try:
        change_file(client, features, broken)
        await until(client, lambda found: "E001" in codes(client, features))
        answer = await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(features)), position=types.Position(line=8, character=7)))
        assert "teams" in {item.label for item in answer.items}
    finally:
        change_file(client, features, text_of(spec, "features.yaml"))
    await until(client, lambda found: "E001" not in codes(client, features))
    assert not [m for m in client.messages if m.type == types.MessageType.Error]


async def test_a_file_outside_any_spec_gets_nothing(client, spec, tmp_path_factory):
    elsewhere = write_spec(tmp_path_factory.mktemp("other"), {"notes.yaml": "title: [unclosed\n"})
    open_file(client, elsewhere / "notes.yaml")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(elsewhere / "notes.yaml")), position=types.Position(line=0, character=1)))
    client.diagnostics.pop(uri(spec / "features.yaml"), None)
    open_file(client, spec / "features.yaml")
    await until(client, lambda found: uri(spec / "features.yaml") in found)   # the server went on
    assert hover is None and uri(elsewhere / "notes.yaml") not in client.diagnostics
    assert not [m for m in client.log_messages if m.type == types.MessageType.Error]


BOOM = '''
from crmreq import RuleSet, make_doc

rules = RuleSet("boom")
crmreq_register_rules = rules.hook


@rules.rule("BOOM001", "always-crashes", "warning", message={"fr": "jamais", "en": "never"},
            doc=make_doc("a", "b", "c", "d", "a", "b", "c", "d"))
def always_crashes(spec, emit):
    raise ZeroDivisionError("the plugin's bug")
'''


async def test_a_crashing_rule_is_logged_and_the_other_findings_still_come(client, tmp_path_factory):
    folder = write_spec(tmp_path_factory.mktemp("boom") / "spec", {
        **SPEC, ".crmreq.toml": 'plugins = ["boom.py"]\n', "boom.py": textwrap.dedent(BOOM)})
    open_file(client, folder / "crmreq.yaml")
    found = await until(client, lambda found: "X002" in codes(client, folder / "crmreq.yaml"))
    assert set(codes(client, folder / "crmreq.yaml")) - {"X002"}   # the other rules ran
    assert len(found[uri(folder / "crmreq.yaml")]) > 1
    assert any("ZeroDivisionError" in m.message for m in client.log_messages)


class Recorded(dict):
    """client.diagnostics, remembering every publication for each file."""

    def __init__(self, current):
        super().__init__(current)
        self.history: dict[str, list] = {}

    def __setitem__(self, key, value):
        self.history.setdefault(key, []).append(value)
        super().__setitem__(key, value)


async def test_a_burst_of_changes_is_linted_once_typing_pauses(client, spec):
    features = spec / "features.yaml"
    open_file(client, features)
    base = text_of(spec, "features.yaml")
    await asyncio.sleep(0.3)                                        # a pause: the burst starts afresh
    client.diagnostics = recorded = Recorded(client.diagnostics)
    typed = "OBJ-Z9"
    try:
        for length in range(1, len(typed) + 1):                     # the id typed letter by letter
            change_file(client, features, base.replace("[O1]", f"[{typed[:length]}]"))
        await until(client, lambda found: any(f"`{typed}`" in d.message for d in found.get(uri(features), ())))
        await asyncio.sleep(0.3)                                    # nothing more comes
        published = recorded.history[uri(features)]
        assert 1 <= len(published) <= 2                             # at most the first keystroke, then the last
        assert any(f"`{typed}`" in d.message for d in published[-1])
    finally:
        client.diagnostics = dict(client.diagnostics)
        change_file(client, features, base)


async def test_a_wrong_configuration_is_said_once_and_read_again_when_saved(client, tmp_path_factory):
    folder = write_spec(tmp_path_factory.mktemp("config") / "spec", {**SPEC, ".crmreq.toml": "select = 12\n"})
    open_file(client, folder / "crmreq.yaml")
    change_file(client, folder / "crmreq.yaml", text_of(folder, "crmreq.yaml") + "\n")
    await asyncio.wait_for(client.wait_for_notification(types.WINDOW_SHOW_MESSAGE), 8)
    change_file(client, folder / "crmreq.yaml", text_of(folder, "crmreq.yaml") + "\n\n")
    await asyncio.sleep(0.4)                                        # the same error is not said again
    said = [m for m in client.messages if "select" in m.message]
    assert len(said) == 1 and said[0].type == types.MessageType.Error and ".crmreq.toml" in said[0].message
    assert uri(folder / "crmreq.yaml") not in client.diagnostics

    (folder / ".crmreq.toml").write_text('select = ["E"]\n', encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri(folder / ".crmreq.toml"))))
    await until(client, lambda found: uri(folder / "crmreq.yaml") in found)
    assert set(codes(client, folder / "crmreq.yaml")) <= {"E001", "E002", "E003", "E004", "E005", "E006", "E007"}


async def test_a_file_left_out_of_the_spec_has_its_diagnostics_cleared(client, spec):
    entry, features = spec / "crmreq.yaml", spec / "features.yaml"
    open_file(client, entry)
    await until(client, lambda found: codes(client, features))             # T006: F1 has no scenario
    try:
        change_file(client, entry, text_of(spec, "crmreq.yaml").replace(", features.yaml]", "]"))
        await until(client, lambda found: uri(features) in found and list(found[uri(features)]) == [])
    finally:
        change_file(client, entry, text_of(spec, "crmreq.yaml"))
    await until(client, lambda found: codes(client, features))


async def test_a_half_typed_line_does_not_empty_the_other_files_diagnostics(client, spec):
    features, entry = spec / "features.yaml", spec / "crmreq.yaml"
    open_file(client, features)
    base = text_of(spec, "features.yaml")
    change_file(client, features, base + "  - id: F9\n")
    await until(client, lambda found: codes(client, entry))          # the spec's findings on the entry file
    before = codes(client, entry)
    try:
        change_file(client, features, base.replace("teams: [sales]", "teams: [sales"))
        await until(client, lambda found: "E001" in codes(client, features))
        assert codes(client, entry) == before                           # kept, not blinked away
    finally:
        change_file(client, features, base)
    await until(client, lambda found: "E001" not in codes(client, features))
