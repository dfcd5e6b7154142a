"""`crmreq lint --format sarif` against the official OASIS SARIF 2.1.0 schema (vendored in
tests/data/sarif/ with its notice), and what the schema cannot check: fingerprints unique per
result, URIs percent-encoded and relative to a declared %SRCROOT%, also for a spec elsewhere."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urljoin, urlsplit
from urllib.request import url2pathname

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator, FormatChecker

from crmreq.cli import main
from crmreq.findings import Finding
from crmreq.lint.reporters import fingerprint

from conftest import EXAMPLES, REPO, write_spec

SCHEMA_FILE = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
# RFC 3986 path characters: unreserved, sub-delims, ":", "@", "/" and percent-encoded octets.
URI_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*")

SPEC = """\
crmreq: 1
project:
  name: Test
  lang: en
include:
  - "compléments sécurité.yaml"
systems:
  - {id: crm, name: CRM, kind: crm}
  - {id: erp, name: ERP, kind: erp, interfaces: [api]}
objects:
  - {id: orders, name: Orders}
flows:
  - id: erp-orders
    from: erp
    to: crm
    objects: [orders]
    frequency: daily
"""
ACCENTED = """\
features:
  - id: F-1
    module: sales
    title: An intuitive screen
    scenario: A fast and intuitive quote
"""


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def sarif(*args) -> dict:
    result = CliRunner().invoke(main, ["lint", *args, "--format", "sarif"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def assert_valid(log: dict) -> None:
    """Valid against the official schema, with fingerprints and URIs as code scanning needs them."""
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in Draft4Validator(SCHEMA, format_checker=FormatChecker()).iter_errors(log)]
    assert errors == []
    (run,) = log["runs"]
    root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root.startswith("file:///") and root.endswith("/")
    fingerprints = [json.dumps(r["partialFingerprints"], sort_keys=True) for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        uri = location["uri"]
        assert location["uriBaseId"] == "%SRCROOT%"
        assert URI_PATH.fullmatch(uri) and uri.isascii(), uri
        assert not urlsplit(uri).scheme and not uri.startswith("/") and not uri.startswith("../"), uri
        assert local_path(urljoin(root, uri)).is_file(), (root, uri)


def local_path(file_uri: str) -> Path:
    """The file a file:// URI names; on POSIX its bytes as written, UTF-8 or not."""
    path = urlsplit(file_uri).path
    return Path(url2pathname(path)) if os.name == "nt" else Path(os.fsdecode(unquote_to_bytes(path)))


def uris(log: dict) -> set[str]:
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}


def test_the_schema_is_the_official_one_as_published():
    """Byte for byte the file NOTICE.md names (OASIS SARIF 2.1.0, errata 01), a valid draft-04 schema."""
    notice = (SCHEMA_FILE.parent / "NOTICE.md").read_text(encoding="utf-8")
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() in notice
    assert SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    Draft4Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("example", [
    EXAMPLES / "fr-negoce", EXAMPLES / "en-services", EXAMPLES / "weak",
    REPO / "plugins" / "crmreq-btp" / "examples" / "good", REPO / "plugins" / "crmreq-btp" / "examples" / "weak",
], ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_example_is_valid_sarif(example, monkeypatch):
    monkeypatch.chdir(REPO)
    log = sarif(str(example.relative_to(REPO)))
    assert_valid(log)
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == REPO.as_uri() + "/"


def test_plugin_rule_tags_are_unique(workdir):
    write_spec(workdir, SPEC)
    write_spec(workdir, ACCENTED, "compléments sécurité.yaml")
    rules = {r["id"]: r for r in sarif()["runs"][0]["tool"]["driver"]["rules"]}
    assert "BTP001" in rules, "the crmreq-btp plugin is installed for the tests"
    assert rules["BTP001"]["properties"]["tags"] == ["btp"]   # family and plugin are both "btp"
    assert rules["S001"]["properties"]["tags"] == ["smart", "crmreq"]
    assert all(len(set(r["properties"]["tags"])) == len(r["properties"]["tags"]) for r in rules.values())


def test_two_findings_of_one_rule_on_one_object_have_their_own_fingerprints(workdir):
    write_spec(workdir, SPEC)
    write_spec(workdir, ACCENTED, "compléments sécurité.yaml")
    log = sarif("--select", "F001,W001")
    assert_valid(log)
    results = log["runs"][0]["results"]
    by_rule = {code: [r for r in results if r["ruleId"] == code] for code in ("F001", "W001")}
    assert len(by_rule["F001"]) == 2   # no direction, no mechanism: one finding per missing field
    assert len(by_rule["W001"]) == 2   # vague terms in the title and in the scenario
    for pair in by_rule.values():
        assert pair[0]["properties"]["object"] == pair[1]["properties"]["object"]
        assert pair[0]["partialFingerprints"] != pair[1]["partialFingerprints"]

    write_spec(workdir, "# two new lines\n\n" + SPEC)
    shifted = sarif("--select", "F001,W001")["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in shifted] == [r["partialFingerprints"] for r in results]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in shifted if r["ruleId"] == "F001"] \
        == [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in by_rule["F001"]]


def test_identical_findings_differ_and_a_quoted_line_number_does_not_count(workdir):
    """E005 quotes where the id was first used (`crmreq.yaml:6`): a line shift changes the message."""
    spec = "crmreq: 1\nproject: {name: T, lang: en}\nobjectives:\n" + "  - id: OBJ-1\n    title: a\n" * 3
    write_spec(workdir, spec)
    before = sarif("--select", "E005")["runs"][0]["results"]
    assert len(before) == 2 and before[0]["message"] == before[1]["message"]
    assert before[0]["partialFingerprints"] != before[1]["partialFingerprints"]
    write_spec(workdir, "# a comment\n" + spec)
    after = sarif("--select", "E005")["runs"][0]["results"]
    assert after[0]["message"] != before[0]["message"]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]


def test_a_file_name_with_a_space_and_accents_is_percent_encoded(workdir):
    write_spec(workdir, SPEC)
    write_spec(workdir, ACCENTED, "compléments sécurité.yaml")
    log = sarif("--select", "W001")
    assert_valid(log)
    assert uris(log) == {"compl%C3%A9ments%20s%C3%A9curit%C3%A9.yaml"}
    assert unquote(uris(log).pop()) == "compléments sécurité.yaml"
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == workdir.as_uri() + "/"


def test_a_spec_outside_the_working_directory_is_relative_to_its_root(tmp_path, monkeypatch):
    spec = tmp_path / "the spec"
    write_spec(spec, SPEC)
    write_spec(spec, ACCENTED, "compléments sécurité.yaml")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    log = sarif(str(spec), "--select", "F001,W001")
    assert_valid(log)
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == spec.as_uri() + "/"
    assert uris(log) == {"crmreq.yaml", "compl%C3%A9ments%20s%C3%A9curit%C3%A9.yaml"}


def test_a_spec_in_a_repository_is_relative_to_the_repository_root(tmp_path, monkeypatch):
    """GitHub code scanning reads a relative uri against the repository root, wherever crmreq ran."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    spec = tmp_path / "repo" / "docs" / "crm"
    write_spec(spec, SPEC)
    write_spec(spec, ACCENTED, "compléments sécurité.yaml")
    for cwd, target in ((spec, "."), (tmp_path, str(spec))):
        monkeypatch.chdir(cwd)
        log = sarif(target, "--select", "F001")
        assert_valid(log)
        assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (tmp_path / "repo").as_uri() + "/"
        assert uris(log) == {"docs/crm/crmreq.yaml"}


def test_a_file_name_that_is_not_utf8_keeps_its_bytes(workdir):
    """Such a name (possible on Linux) used to stop the SARIF and GitLab reports with a traceback."""
    write_spec(workdir, SPEC.replace('"compléments sécurité.yaml"', '"parts/*.yaml"'))
    (workdir / "parts").mkdir()
    try:
        Path(workdir / "parts" / "bad\udcff name.yaml").write_text(ACCENTED, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system only takes UTF-8 names")
    log = sarif("--select", "W001")
    assert_valid(log)
    assert uris(log) == {"parts/bad%FF%20name.yaml"}
    finding = Finding("W001", "vague-term", "warning", "vague", "parts/bad\udcff name.yaml", 3, 5, "F-1")
    assert re.fullmatch(r"[0-9a-f]{32}", fingerprint(finding))   # the GitLab report's fingerprint
