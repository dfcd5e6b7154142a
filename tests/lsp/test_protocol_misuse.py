"""A malformed message from an editor is logged on one line of stderr, never a traceback, and the
server goes on (its traceback only with `crmreq --debug lsp`)."""

from __future__ import annotations

import json
import subprocess
import sys


def _frame(body) -> bytes:
    data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def test_malformed_messages_are_one_line_each_and_the_server_answers_after_them(tmp_path):
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        "{bad}",
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": (tmp_path / "x.yaml").as_uri()}, "position": {"line": -1, "character": 0}}},
        {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = subprocess.run([sys.executable, "-m", "crmreq", "lsp"], input=b"".join(map(_frame, messages)),
                          capture_output=True, timeout=60)
    err = done.stderr.decode()
    assert done.returncode == 0 and b'"id": 3' in done.stdout.replace(b'"id":3', b'"id": 3')
    assert "Traceback" not in err
    assert err.strip() and all(line.startswith("crmreq lsp: ") for line in err.strip().splitlines()), err
