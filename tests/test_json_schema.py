"""The JSON Schema as an editor reads it: yaml-language-server, the server of the VS Code YAML
extension, Neovim and Helix, flags `priority: urgent` and accepts what cerberus accepts.

Runs when `yaml-language-server` is on PATH (`npm install -g yaml-language-server`), else skips;
tests/test_schema.py checks the same schema with the `jsonschema` library everywhere.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from crmreq.json_schema import json_schema_text

SERVER = shutil.which("yaml-language-server")
pytestmark = pytest.mark.skipif(SERVER is None, reason="yaml-language-server is not installed (npm)")
SETTINGS = {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}


class LanguageServer:
    """A minimal LSP client over stdio: enough to open one document and read what the server says."""

    def __init__(self):
        self.process = subprocess.Popen([SERVER, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.messages: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is None:
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, **message):
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def wait_for(self, wanted, timeout: float = 30.0) -> dict:
        """The first message `wanted` accepts, answering the server's own requests meanwhile."""
        while True:
            message = self.messages.get(timeout=timeout)
            if message.get("method") == "workspace/configuration":
                self.send(id=message["id"], result=[SETTINGS] * len(message["params"]["items"]))
            elif "method" in message and "id" in message:
                self.send(id=message["id"], result=None)
            if wanted(message):
                return message

    def close(self):
        self.process.kill()
        self.process.wait()


@pytest.fixture
def server():
    client = LanguageServer()
    client.send(id=1, method="initialize",
                params={"processId": None, "rootUri": None, "capabilities": {"workspace": {"configuration": True}}})
    client.wait_for(lambda m: m.get("id") == 1)
    client.send(method="initialized", params={})
    client.send(method="workspace/didChangeConfiguration", params={"settings": {"yaml": SETTINGS}})
    yield client
    client.close()


def _open(server, tmp_path: Path, body: str) -> str:
    """Write the schema and a spec whose modeline points at it, open the spec; its URI."""
    (tmp_path / "crmreq.schema.json").write_text(json_schema_text(), encoding="utf-8")
    spec = tmp_path / "crmreq.yaml"
    spec.write_text("# yaml-language-server: $schema=crmreq.schema.json\n" + body, encoding="utf-8")
    uri = spec.as_uri()
    server.send(method="textDocument/didOpen",
                params={"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": spec.read_text()}})
    return uri


def test_the_editor_flags_an_unknown_priority_and_nothing_else(server, tmp_path):
    """A placeholder is missing, not wrong: crmreq says so in its own rule, the editor says nothing."""
    uri = _open(server, tmp_path, """\
crmreq: 1
features:
  - {id: F1, title: Devis, priority: urgent}
  - {id: F2, title: Devis, priority: indispensable}
  - {id: F3, title: Devis, priority: Must-have}
  - {id: F4, title: Devis, priority: MUST}
  - {id: F5, title: Devis, priority: won't}
  - {id: F6, title: Devis, priority: TBD}
  - {id: F7, title: Devis, priority: À définir}
""")
    published = server.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri and m["params"]["diagnostics"])
    (diagnostic,) = published["params"]["diagnostics"]
    assert diagnostic["range"]["start"]["line"] == 3
    assert '"must", "should", "could", "wont", "indispensable", "important", "confort"' in diagnostic["message"]


def test_hover_shows_the_description_and_completion_the_priorities(server, tmp_path):
    line = "  - {id: F1, priority: }"
    uri = _open(server, tmp_path, f"crmreq: 1\nfeatures:\n{line}\n")
    server.send(id=2, method="textDocument/hover",
                params={"textDocument": {"uri": uri}, "position": {"line": 3, "character": line.index("priority")}})
    hover = server.wait_for(lambda m: m.get("id") == 2)["result"]["contents"]["value"]
    assert "Priority of the feature." in hover
    server.send(id=3, method="textDocument/completion",
                params={"textDocument": {"uri": uri}, "position": {"line": 3, "character": line.index("}")}})
    items = server.wait_for(lambda m: m.get("id") == 3)["result"]["items"]
    assert [item["label"] for item in items] == ["must", "should", "could", "wont", "indispensable", "important",
                                                 "confort"]
