"""docs/editors.md: each editor's configuration starts `crmreq lsp` for YAML and TOML files, and
the VS Code commands build the extension that editors/vscode describes."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "editors.md"


def snippets() -> dict[str, str]:
    """The fenced blocks of the page that carry `<!-- editor: NAME -->`, by name."""
    text = DOC.read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- editor: ([\w.-]+) -->\n```\w+\n(.*?)```", text, re.S))


def test_every_editor_has_its_configuration():
    assert set(snippets()) == {"neovim", "neovim-0.10", "helix", "emacs", "vscode"}


def test_helix_attaches_the_server_to_yaml_and_toml():
    config = tomllib.loads(snippets()["helix"])
    server = config["language-server"]["crmreq"]
    assert [server["command"], *server["args"]] == ["crmreq", "lsp"]
    attached = {language["name"] for language in config["language"] if "crmreq" in language["language-servers"]}
    assert attached == {"yaml", "toml"}


def test_neovim_and_emacs_start_crmreq_lsp_for_yaml_and_toml():
    found = snippets()
    for name in ("neovim", "neovim-0.10"):
        assert 'cmd = { "crmreq", "lsp" }' in found[name] and '"yaml", "toml"' in found[name]
        assert '"crmreq.yaml", "crmreq.yml", "crmreq.toml"' in found[name]
    assert '("crmreq" "lsp")' in found["emacs"] and "yaml-ts-mode" in found["emacs"] and "toml-ts-mode" in found["emacs"]
    assert found["emacs"].count("(") == found["emacs"].count(")")


def test_the_vscode_commands_build_the_extension_of_the_repository():
    manifest = json.loads((REPO / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))
    commands = snippets()["vscode"]
    assert "cd editors/vscode" in commands and "npm ci" in commands
    assert f"code --install-extension {manifest['name']}-{manifest['version']}.vsix" in commands


def test_links_point_at_files_that_exist():
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", DOC.read_text(encoding="utf-8")):
        assert (DOC.parent / target).exists(), target
