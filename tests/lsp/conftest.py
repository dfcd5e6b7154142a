"""The server under test: one real `python -m crmreq lsp` process per test module, driven by
pytest-lsp's client over stdio (each module brings the `spec` folder it works on)."""

from __future__ import annotations

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsp_helpers import SERVER, initialize  # noqa: E402


@pytest_lsp.fixture(scope="module", config=pytest_lsp.ClientServerConfig(server_command=SERVER))
async def client(lsp_client: pytest_lsp.LanguageClient):
    await initialize(lsp_client)
    yield
    await lsp_client.shutdown_session()
