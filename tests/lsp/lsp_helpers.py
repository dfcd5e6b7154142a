"""Helpers for the language server tests: a small spec of four files (YAML and TOML) that refer
to each other by id, and the client side of a session driven by pytest-lsp."""

from __future__ import annotations

import asyncio
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pygls import uris  # noqa: E402

SPEC = {
    "crmreq.yaml": """\
        crmreq: 1
        project: {name: Nouveau CRM, company: ACME, lang: en}
        include: [people.yaml, systems.toml, features.yaml]
        objectives:
          - id: O1
            title: Cut the time to quote
            owner: marc
            priority: must
        """,
    "people.yaml": """\
        stakeholders:
          - id: marc
            name: Marc Dupont
            team: sales
        teams:
          - id: sales
            name: Sales team
        """,
    "systems.toml": """\
        [[systems]]
        id = "erp"
        name = "Sage ERP"
        kind = "erp"

        [[systems]]
        id = "crm"
        name = "New CRM"
        kind = "crm"

        [[objects]]
        id = "accounts"
        name = "Accounts"

        [[flows]]
        id = "FL1"
        from = "erp"
        to = "crm"
        objects = ["accounts"]
        """,
    "features.yaml": """\
        features:
          - id: F1
            title: Quote from the mobile app
            teams: [sales]
            objectives: [O1]
            priority: must
        """,
}


def write_spec(folder: Path, files: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".git").mkdir(exist_ok=True)   # the configuration search stops here
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def uri(path: Path) -> str:
    return uris.from_fs_path(str(path))


SERVER = [sys.executable, "-m", "crmreq", "lsp"]


async def initialize(client) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                    data_support=True, code_description_support=True)))))


def open_file(client, path: Path, text: str | None = None) -> None:
    language = "toml" if path.suffix == ".toml" else "yaml"
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri(path), language_id=language, version=1,
        text=path.read_text(encoding="utf-8") if text is None else text)))


_versions: dict[str, int] = {}


def change_file(client, path: Path, text: str) -> None:
    """Replace the whole buffer (not saved)."""
    key = uri(path)
    _versions[key] = _versions.get(key, 1) + 1
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=key, version=_versions[key]),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def until(client, check, timeout: float = 8.0):
    """Wait for diagnostics for which `check(client.diagnostics)` is true; answer them."""
    async def wait():
        while not check(client.diagnostics):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics

    return await asyncio.wait_for(wait(), timeout)


def codes(client, path: Path) -> list[str]:
    return [d.code for d in client.diagnostics.get(uri(path), [])]
