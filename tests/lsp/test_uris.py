"""A spec in a folder whose name has an accent and a space (« Cahier des charges », « spé »): the
server answers under the URI the editor sent, percent-encoded, never under a second spelling."""

from __future__ import annotations

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

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
    await until(client, lambda found: "E006" in codes(client, people) or "T003" in codes(client, people)
                or any(d.code for d in found.get(uri(people), [])))
    assert all(" " not in key and "é" not in key for key in client.diagnostics), list(client.diagnostics)
