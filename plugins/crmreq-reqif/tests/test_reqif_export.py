"""The ReqIF exporter, checked by an independent reader: strictdoc's `reqif` library parses
the file back, and the OMG XML schema it ships validates it.

Exports go through the `crmreq_export` fixture of `crmreq.testing`.
"""

from __future__ import annotations

import csv
import os
import re
from importlib.metadata import entry_points
from pathlib import Path

import pytest

pytest.importorskip("crmreq_reqif", reason="install the plugin: pip install -e 'plugins/crmreq-reqif[test]'")
reqif = pytest.importorskip("reqif", reason="install the test extra: pip install -e 'plugins/crmreq-reqif[test]'")
from reqif.parser import ReqIFParser  # noqa: E402


PLUGIN = ["crmreq_reqif"]
CRMREQ_EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
REQIF_NS = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd"

SPEC = """\
crmreq: 1
project:
  name: "CRM <pilote> & co"
  company: ACME "Négoce"
  lang: en
  version: "2.1"
  date: 2026-09-14
teams:
  - {id: sales, name: Sales & marketing}
features:
  - id: F-01
    module: sales
    title: Quotes < 2 minutes & "one click"
    scenario: "I build a quote.\\nThen I send it.\\n\\nThe PDF uses our template \\u0007(bell dropped)."
    acceptance: The vendor shows it.
    teams: [sales]
    priority: must
    phase: 1
  - id: F 02/é
    module: crm
    title: Contact record
    priority: could
  - id: F-03
    module: sales
    title: Pipeline
nfr:
  - id: NFR-PERF
    category: performance
    statement: Record pages open in under 2 s.
    metric: {value: 2, unit: s}
    priority: should
rgpd:
  data_location: EU
  rights: [access, erasure]
"""


def _schema():
    import xmlschema

    root = reqif.PATH_TO_REQIF_ROOT
    old = os.getcwd()
    os.chdir(root)  # the schema's imports are relative to the package root
    try:
        return xmlschema.XMLSchema(os.path.join(root, "reqif", "reqif_schema", "reqif.xsd"))
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def schema():
    return _schema()


def read(path: Path):
    bundle = ReqIFParser.parse(str(path))
    assert bundle.exceptions == []
    content = bundle.core_content.req_if_content
    return bundle, content


def attributes_by_name(content):
    """{attribute identifier: LONG-NAME} over every spec object type."""
    names = {}
    for spec_type in content.spec_types:
        for attribute in getattr(spec_type, "attribute_definitions", None) or []:
            names[attribute.identifier] = attribute.long_name
    return names


def values(spec_object, names) -> dict:
    return {names[a.definition_ref]: a.value for a in spec_object.attributes}


def enum_labels(content) -> dict:
    labels = {}
    for datatype in content.data_types:
        for value in getattr(datatype, "values", None) or []:
            labels[value.identifier] = value.long_name
    return labels


def requirement_objects(content):
    return [o for o in content.spec_objects if "-req-" in o.identifier]


def test_registered_as_an_export_format_outside_the_pack(crmreq_plugins):
    plugins = crmreq_plugins(PLUGIN)
    assert plugins.errors == []
    exporter = plugins.exporters["reqif"]
    assert exporter.extension == "reqif" and exporter.in_pack is False
    assert set(exporter.description) == {"fr", "en"}


def matrix_ids(crmreq_export, spec) -> list[str]:
    """The requirement ids of crmreq's own CSV matrix, in its order: what the ReqIF file must hold."""
    path = crmreq_export(spec, "csv", options={"dialect": "rfc4180"})
    with open(path, encoding="utf-8", newline="") as handle:
        return [row[0] for row in list(csv.reader(handle))[1:]]


def test_valid_against_the_omg_schema(crmreq_export, schema):
    path = crmreq_export(SPEC, "reqif", plugins=PLUGIN)
    errors = list(schema.iter_errors(str(path)))
    assert errors == []
    head = path.read_text(encoding="utf-8")[:300]
    assert head.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<REQ-IF ')
    assert f'xmlns="{REQIF_NS}"' in head and 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in head


def test_one_spec_object_per_matrix_row_with_its_attributes(crmreq_export):
    path = crmreq_export(SPEC, "reqif", plugins=PLUGIN)
    _bundle, content = read(path)
    names = attributes_by_name(content)
    labels = enum_labels(content)
    objects = requirement_objects(content)
    ids = matrix_ids(crmreq_export, SPEC)
    assert [values(o, names)["ID"] for o in objects] == ids
    assert len(ids) == 3 + 1 + 3        # features, NFR, GDPR (location, access, erasure)

    first = values(objects[0], names)
    assert first["Title"] == 'Quotes < 2 minutes & "one click"'      # escaped on write, intact on read
    assert first["Module"] == "sales" and first["Teams"] == "Sales & marketing" and first["Phase"] == "1"
    assert [labels[v] for v in first["Priority"]] == ["Must have"]
    assert [labels[v] for v in first["Section"]] == ["Functional"]
    description = first["Description"]
    assert re.search(r"<xhtml:p>I build a quote\.<xhtml:br ?/>Then I send it\.</xhtml:p>", description)
    assert "\u0007" not in description and "(bell dropped)" in description
    assert "<xhtml:p>Acceptance: The vendor shows it.</xhtml:p>" in description

    unprioritised = values(objects[2], names)
    assert unprioritised["ID"] == "F-03" and "Priority" not in unprioritised

    nfr = values(objects[3], names)
    assert [labels[v] for v in nfr["Section"]] == ["Non-functional"] and nfr["Module"] == "performance"
    gdpr = [values(o, names) for o in objects[4:]]
    assert [g["ID"] for g in gdpr] == ["GDPR-LOC", "GDPR-ACCES", "GDPR-ERASU"]
    assert all([labels[v] for v in g["Section"]] == ["GDPR"] for g in gdpr)


def test_header_and_deterministic_timestamps(crmreq_export):
    path = crmreq_export(SPEC, "reqif", plugins=PLUGIN)
    bundle, content = read(path)
    header = bundle.req_if_header
    assert header.title == 'ACME "Négoce" – CRM <pilote> & co'
    assert header.creation_time == "2026-09-14T00:00:00Z"
    assert header.req_if_version == "1.0"
    assert header.source_tool_id.startswith("crmreq ")
    assert {o.last_change for o in content.spec_objects} == {"2026-09-14T00:00:00Z"}


def test_same_spec_same_bytes_and_stable_identifiers(crmreq_export):
    first = crmreq_export(SPEC, "reqif", plugins=PLUGIN).read_bytes()
    again = crmreq_export(SPEC, "reqif", plugins=PLUGIN).read_bytes()
    assert first == again
    # a new feature does not change the identifiers of the others
    grown = SPEC.replace("nfr:\n", "  - {id: F-00, module: crm, title: New}\nnfr:\n")
    later = crmreq_export(grown, "reqif", plugins=PLUGIN).read_text(encoding="utf-8")
    before = set(re.findall(r'IDENTIFIER="([^"]+)"', first.decode("utf-8")))
    after = set(re.findall(r'IDENTIFIER="([^"]+)"', later))
    assert before <= after and len(after - before) == 2      # the new object and its hierarchy node


def test_identifiers_are_valid_unique_and_derived_from_ids(crmreq_export):
    text = crmreq_export(SPEC, "reqif", plugins=PLUGIN).read_text(encoding="utf-8")
    identifiers = re.findall(r'IDENTIFIER="([^"]+)"', text)
    assert len(identifiers) == len(set(identifiers))
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9._-]*", i) for i in identifiers)   # xsd:ID (NCName)
    assert any(i.endswith("-req-F-01") for i in identifiers)
    # an id that is not an XML name is made one, with a hash so that it stays unique
    assert any(re.search(r"-req-F_02-[0-9a-f]{8}$", i) for i in identifiers)
    assert "uuid" not in text.lower()


def test_hierarchy_section_then_module_then_requirement(crmreq_export):
    bundle, content = read(crmreq_export(SPEC, "reqif", plugins=PLUGIN))
    specification = content.specifications[0]
    assert specification.long_name == "CRM <pilote> & co"
    outline = [(node.level, node.spec_object.split("-", 2)[2]) for node in bundle.iterate_specification_hierarchy(specification)]
    assert outline == [
        (1, "heading-feature"),
        (2, "heading-feature-sales"), (3, "req-F-01"), (3, "req-F-03"),
        (2, "heading-feature-crm"), (3, outline[5][1]),
        (1, "heading-nfr"), (2, "heading-nfr-performance"), (3, "req-NFR-PERF"),
        (1, "heading-rgpd"), (2, "req-GDPR-LOC"), (2, "req-GDPR-ACCES"), (2, "req-GDPR-ERASU"),
    ]
    assert re.fullmatch(r"req-F_02-[0-9a-f]{8}", outline[5][1])
    names = attributes_by_name(content)
    headings = {o.identifier.split("-", 2)[2]: values(o, names) for o in content.spec_objects if "-heading-" in o.identifier}
    assert headings["heading-feature"] == {"ReqIF.ChapterName": "Functional"}
    assert headings["heading-nfr-performance"] == {"ReqIF.ChapterName": "performance"}


def test_french_labels(crmreq_export):
    _bundle, content = read(crmreq_export(SPEC.replace("lang: en", "lang: fr"), "reqif", plugins=PLUGIN))
    names = attributes_by_name(content)
    labels = enum_labels(content)
    first = values(requirement_objects(content)[0], names)
    assert {"ID", "Titre", "Description", "Priorité", "Section", "Services concernés"} <= set(first)
    assert [labels[v] for v in first["Priorité"]] == ["Indispensable"]
    assert "Recette&#xA0;: The vendor shows it." in first["Description"]  # French typography: NBSP before ":"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_attribute_names_become_valid_strictdoc_fields(crmreq_export, lang):
    """StrictDoc's ReqIF import names each field after the attribute's LONG-NAME, every character
    outside A-Z, a-z, 0-9 made "_", upper-cased; its SDoc grammar then wants a field name that
    starts with a letter, or the imported document can never be exported again ("Équipes" → "_QUIPES")."""
    _bundle, content = read(crmreq_export(SPEC.replace("lang: en", f"lang: {lang}"), "reqif", plugins=PLUGIN))
    long_names = [name for name in attributes_by_name(content).values() if not name.startswith("ReqIF.")]
    fields = [re.sub(r"[^A-Za-z0-9]", "_", name).upper() for name in long_names]
    assert all(re.fullmatch(r"[A-Z][A-Za-z0-9_\-]*", field) for field in fields), fields
    assert len(set(fields)) == len(fields)


def test_minimal_spec_without_date_nor_requirements(crmreq_export, schema):
    path = crmreq_export("crmreq: 1\nproject: {name: Vide, lang: en}\n", "reqif", plugins=PLUGIN)
    assert list(schema.iter_errors(str(path))) == []
    bundle, content = read(path)
    assert bundle.req_if_header.creation_time == "1970-01-01T00:00:00Z"
    assert requirement_objects(content) == []


@pytest.mark.skipif(not CRMREQ_EXAMPLES.is_dir(), reason="not run from a crmreq checkout")
@pytest.mark.parametrize("example", ["fr-negoce", "en-services"])
def test_the_repository_examples(crmreq_export, schema, example):
    path = crmreq_export(CRMREQ_EXAMPLES / example, "reqif", plugins=PLUGIN)
    assert list(schema.iter_errors(str(path))) == []
    _bundle, content = read(path)
    names = attributes_by_name(content)
    assert [values(o, names)["ID"] for o in requirement_objects(content)] == \
        matrix_ids(crmreq_export, CRMREQ_EXAMPLES / example)


@pytest.mark.skipif(not any(ep.value == "crmreq_reqif" for ep in entry_points(group="crmreq")),
                    reason="crmreq-reqif is not installed with its entry point")
def test_cli_export_and_pack(crmreq_cli, schema):
    result = crmreq_cli("export", "reqif", ".", "-o", "out.reqif", "--allow-errors", spec=SPEC)
    assert result.exit_code == 0, result.stderr
    assert list(schema.iter_errors("out.reqif")) == []
    listing = crmreq_cli("plugins", "--format", "json").json()
    info = next(p for p in listing if p["name"] == "reqif")
    assert info["source"] == "entry point" and info["exporters"] == ["reqif"]
    pack = crmreq_cli("export", "pack", ".", "-o", "pack", "--allow-errors", spec=SPEC)
    assert pack.exit_code == 0, pack.stderr
    assert not list(Path("pack").glob("*.reqif"))
