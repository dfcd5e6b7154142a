"""The spec's files as the editor and the disk have them: a folder whose name has an accent and a
space (the server answers under the URI the editor sent, percent-encoded, never a second
spelling), and a file deleted on disk while open (followed to its spec)."""

from __future__ import annotations

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from lsp_helpers import SERVER, SPEC, codes, initialize, open_file, until, uri, write_spec  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    return write_spec(tmp_path_factory.mktemp("lsp") / "Cahier des charges spé", SPEC)


@pytest_lsp.fixture(scope="module", config=pytest_lsp.ClientServerConfig(server_command=SERVER))
async def client(lsp_client: pytest_lsp.LanguageClient):
    await initialize(lsp_client)
    yield
    await lsp_client.shutdown_session()


async def test_diagnostics_come_under_the_uri_the_editor_sent(client, spec):
    people = spec / "people.yaml"
    assert "%20" in uri(people) and "%C3%A9" in uri(people)
    open_file(client, people, people.read_text(encoding="utf-8").replace("id: sales", "id: salez"))
    await until(client, lambda found: any(d.code for d in found.get(uri(people), [])))
    assert all(" " not in key and "é" not in key for key in client.diagnostics), list(client.diagnostics)


async def test_a_file_deleted_on_disk_while_open_is_followed_to_its_spec(client, spec):
    features = spec / "features.yaml"
    text = features.read_text(encoding="utf-8").replace("teams: [sales]", "teams: [salez]")
    open_file(client, features, text)
    await until(client, lambda found: "E006" in codes(client, features))
    features.unlink()
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri(features))))
    await until(client, lambda found: "E004" in codes(client, spec / "crmreq.yaml") and not found.get(uri(features)))
