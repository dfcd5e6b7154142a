"""A file of the spec deleted on disk while the editor has it open: the spec is linted again at the
next change or close, the entry says the include is gone, the file's old diagnostics go."""

from __future__ import annotations

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from lsp_helpers import SERVER, SPEC, codes, initialize, open_file, until, uri, write_spec  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    return write_spec(tmp_path_factory.mktemp("lsp") / "spec", SPEC)


@pytest_lsp.fixture(scope="module", config=pytest_lsp.ClientServerConfig(server_command=SERVER))
async def client(lsp_client: pytest_lsp.LanguageClient):
    await initialize(lsp_client)
    yield
    await lsp_client.shutdown_session()


async def test_a_deleted_file_is_followed_to_its_spec(client, spec):
    features = spec / "features.yaml"
    text = features.read_text(encoding="utf-8").replace("teams: [sales]", "teams: [salez]")
    open_file(client, features, text)
    await until(client, lambda found: "E006" in codes(client, features))
    features.unlink()
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri(features))))
    await until(client, lambda found: "E004" in codes(client, spec / "crmreq.yaml") and not found.get(uri(features)))
