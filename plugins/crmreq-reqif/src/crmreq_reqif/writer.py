"""Writes the functional matrix of a spec as one ReqIF 1.2 document.

ReqIF (OMG Requirements Interchange Format, formal/2016-07-01, XML namespace
`http://www.omg.org/spec/ReqIF/20110401/reqif.xsd`) is what DOORS, DOORS Next, Polarion,
Jama, Codebeamer and ReqIF Studio import. The document holds:

- DATATYPES: a string type, an XHTML type (rich text) and two enumerations, Priority
  (must/should/could/wont) and Section (feature/nfr/rgpd);
- SPEC-TYPES: the "crmreq requirement" object type with its attributes (ID, Title,
  Description, Priority, Section, Module, Teams, Phase), a "crmreq heading" object type whose
  only attribute is `ReqIF.ChapterName` (the name the ReqIF Implementation Guide gives to
  chapter titles, which tools show as headings), and a specification type;
- SPEC-OBJECTS: one per row of `crmreq.exporting.matrix_rows` (features, NFRs and the
  RGPD requirements derived from the `rgpd` section: the same ids and texts as the CSV and
  XLSX matrices), plus one per heading;
- one SPECIFICATION whose hierarchy is section → module (features) or category (NFRs) →
  requirement.

Identifiers are deterministic, so a tool that re-imports a new version of the spec updates
its objects instead of duplicating them: `crmreq-<project key>-<kind>-<id>`, where the
project key is a short hash of the company and project names and `<id>` is the requirement
id (made a valid XML name, with a hash suffix whenever that changed it). Every LAST-CHANGE
and the header's CREATION-TIME is `project.date` at midnight UTC: the same spec gives the
same bytes.

The XML is built with the standard library only; text goes through ElementTree, which
escapes `&`, `<`, `>` and quotes, and characters XML 1.0 forbids are dropped first.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET

from crmreq.exporting import PRIORITY_LABELS, SECTIONS, matrix_rows

REQIF_NS = "http://www.omg.org/spec/ReqIF/20110401/reqif.xsd"
XHTML_NS = "http://www.w3.org/1999/xhtml"
TOOL_ID = "crmreq-reqif"
EPOCH = "1970-01-01T00:00:00Z"
STRING_MAX = 65535

# (key, LONG-NAME fr, LONG-NAME en, kind): the attributes of a requirement, in display order.
# Every LONG-NAME starts with an ASCII letter: StrictDoc names its fields after them (non-ASCII letters
# become "_", and a field name must start with a letter), so "Équipes" could not be exported again.
ATTRIBUTES = (
    ("id", "ID", "ID", "string"),
    ("title", "Titre", "Title", "string"),
    ("description", "Description", "Description", "xhtml"),
    ("priority", "Priorité", "Priority", "priority"),
    ("section", "Section", "Section", "section"),
    ("module", "Module", "Module", "string"),
    ("teams", "Services concernés", "Teams", "string"),
    ("phase", "Phase", "Phase", "string"),
)
PRIORITIES = ("must", "should", "could", "wont")
SECTION_KEYS = ("feature", "nfr", "rgpd")
HEADING_ATTRIBUTE = "ReqIF.ChapterName"

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NOT_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def clean(text) -> str:
    """Text XML 1.0 can carry: control characters and lone surrogates removed."""
    return _FORBIDDEN.sub("", "" if text is None else str(text))


def _hash(text: str, size: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


class Identifiers:
    """Stable, unique XML identifiers (xsd:ID) derived from the spec's own ids."""

    def __init__(self, project_key: str):
        self.prefix = f"crmreq-{project_key}"
        self.used: set[str] = set()

    def __call__(self, kind: str, raw: str) -> str:
        safe = _NOT_NAME.sub("_", raw).strip("_") or "x"
        candidate = f"{self.prefix}-{kind}-{safe}"
        if safe != raw or candidate in self.used:
            candidate = f"{candidate}-{_hash(kind + ':' + raw)}"
        while candidate in self.used:  # a hash collision between sanitised ids: practically never
            candidate = f"{candidate}-{_hash(candidate)}"
        self.used.add(candidate)
        return candidate


def _sub(parent: ET.Element, tag: str, attrib: dict | None = None, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib or {})
    if text is not None:
        element.text = clean(text)
    return element


def _ref(parent: ET.Element, wrapper: str, tag: str, identifier: str) -> None:
    _sub(_sub(parent, wrapper), tag, text=identifier)


def _xhtml(parent: ET.Element, text: str) -> None:
    """Paragraphs (blank-line separated) as xhtml:p, line breaks as xhtml:br, in one xhtml:div."""
    div = _sub(parent, "xhtml:div")
    paragraphs = [p for p in re.split(r"\n\s*\n", clean(text)) if p.strip()] or [""]
    for paragraph in paragraphs:
        p = _sub(div, "xhtml:p")
        lines = paragraph.strip("\n").split("\n")
        p.text = lines[0]
        for line in lines[1:]:
            br = _sub(p, "xhtml:br")
            br.tail = line


def build(spec, lang: str) -> ET.Element:
    lang = lang if lang in ("fr", "en") else "en"
    fr = lang == "fr"
    project = spec.project
    name = (project.name if project and project.name else None) or "crmreq"
    company = (project.company if project and project.company else None) or ""
    when = f"{project.date.isoformat()}T00:00:00Z" if project and project.date else EPOCH
    ident = Identifiers(_hash(f"{company}\n{name}"))
    stamp = {"LAST-CHANGE": when}

    from crmreq import __version__ as crmreq_version

    from . import __version__

    root = ET.Element("REQ-IF", {"xmlns": REQIF_NS, "xmlns:xhtml": XHTML_NS, "xml:lang": lang})

    # -- header ------------------------------------------------------------------------------
    header = _sub(_sub(root, "THE-HEADER"), "REQ-IF-HEADER", {"IDENTIFIER": ident("header", "header")})
    comment = f"{company} – {name}" if company else name
    if project and project.version:
        comment += f" – version {project.version}"
    if project and project.confidentiality:
        comment += f" – {project.confidentiality}"
    _sub(header, "COMMENT", text=comment)
    _sub(header, "CREATION-TIME", text=when)
    _sub(header, "REPOSITORY-ID", text=ident.prefix)
    _sub(header, "REQ-IF-TOOL-ID", text=f"{TOOL_ID} {__version__}")
    _sub(header, "REQ-IF-VERSION", text="1.0")   # fixed by the schema for ReqIF 1.0.1, 1.1 and 1.2
    _sub(header, "SOURCE-TOOL-ID", text=f"crmreq {crmreq_version}")
    _sub(header, "TITLE", text=f"{company} – {name}" if company else name)

    content = _sub(_sub(root, "CORE-CONTENT"), "REQ-IF-CONTENT")

    # -- datatypes ---------------------------------------------------------------------------
    datatypes = _sub(content, "DATATYPES")
    dt_string = ident("datatype", "string")
    dt_xhtml = ident("datatype", "xhtml")
    dt_priority = ident("datatype", "priority")
    dt_section = ident("datatype", "section")
    _sub(datatypes, "DATATYPE-DEFINITION-STRING",
         {"IDENTIFIER": dt_string, **stamp, "LONG-NAME": "Texte" if fr else "Text", "MAX-LENGTH": str(STRING_MAX)})
    _sub(datatypes, "DATATYPE-DEFINITION-XHTML",
         {"IDENTIFIER": dt_xhtml, **stamp, "LONG-NAME": "Texte mis en forme" if fr else "Formatted text"})
    enum_values: dict[tuple[str, str], str] = {}
    for datatype, long_name, keys, labels in (
        (dt_priority, "Priorité" if fr else "Priority", PRIORITIES, PRIORITY_LABELS[lang]),
        (dt_section, "Section", SECTION_KEYS, SECTIONS[lang]),
    ):
        enum = _sub(datatypes, "DATATYPE-DEFINITION-ENUMERATION", {"IDENTIFIER": datatype, **stamp, "LONG-NAME": long_name})
        values = _sub(enum, "SPECIFIED-VALUES")
        for position, key in enumerate(keys):
            value_id = ident(f"{'priority' if datatype == dt_priority else 'section'}", key)
            enum_values[(datatype, key)] = value_id
            value = _sub(values, "ENUM-VALUE", {"IDENTIFIER": value_id, **stamp, "LONG-NAME": labels[key]})
            _sub(_sub(value, "PROPERTIES"), "EMBEDDED-VALUE", {"KEY": str(position), "OTHER-CONTENT": key})

    # -- spec types ----------------------------------------------------------------------------
    types = _sub(content, "SPEC-TYPES")
    requirement_type = ident("type", "requirement")
    heading_type = ident("type", "heading")
    specification_type = ident("type", "specification")
    definitions: dict[str, tuple[str, str]] = {}   # key -> (identifier, kind)
    req_type = _sub(types, "SPEC-OBJECT-TYPE", {"IDENTIFIER": requirement_type, **stamp,
                                                "LONG-NAME": "Exigence crmreq" if fr else "crmreq requirement"})
    attributes = _sub(req_type, "SPEC-ATTRIBUTES")
    for key, long_fr, long_en, kind in ATTRIBUTES:
        identifier = ident("attribute", key)
        definitions[key] = (identifier, kind)
        tag, datatype = {
            "string": ("ATTRIBUTE-DEFINITION-STRING", ("DATATYPE-DEFINITION-STRING-REF", dt_string)),
            "xhtml": ("ATTRIBUTE-DEFINITION-XHTML", ("DATATYPE-DEFINITION-XHTML-REF", dt_xhtml)),
            "priority": ("ATTRIBUTE-DEFINITION-ENUMERATION", ("DATATYPE-DEFINITION-ENUMERATION-REF", dt_priority)),
            "section": ("ATTRIBUTE-DEFINITION-ENUMERATION", ("DATATYPE-DEFINITION-ENUMERATION-REF", dt_section)),
        }[kind]
        attrib = {"IDENTIFIER": identifier, **stamp, "LONG-NAME": long_fr if fr else long_en, "IS-EDITABLE": "false"}
        if tag == "ATTRIBUTE-DEFINITION-ENUMERATION":
            attrib["MULTI-VALUED"] = "false"
        definition = _sub(attributes, tag, attrib)
        _ref(definition, "TYPE", *datatype)
    heading_attribute = ident("attribute", "chapter-name")
    head_type = _sub(types, "SPEC-OBJECT-TYPE", {"IDENTIFIER": heading_type, **stamp,
                                                 "LONG-NAME": "Titre de chapitre" if fr else "Heading"})
    definition = _sub(_sub(head_type, "SPEC-ATTRIBUTES"), "ATTRIBUTE-DEFINITION-STRING",
                      {"IDENTIFIER": heading_attribute, **stamp, "LONG-NAME": HEADING_ATTRIBUTE, "IS-EDITABLE": "false"})
    _ref(definition, "TYPE", "DATATYPE-DEFINITION-STRING-REF", dt_string)
    _sub(types, "SPECIFICATION-TYPE", {"IDENTIFIER": specification_type, **stamp,
                                       "LONG-NAME": "Cahier des charges" if fr else "Specification"})

    # -- objects -------------------------------------------------------------------------------
    objects = _sub(content, "SPEC-OBJECTS")

    def heading(key: str, title: str) -> str:
        identifier = ident("heading", key)
        obj = _sub(objects, "SPEC-OBJECT", {"IDENTIFIER": identifier, **stamp, "LONG-NAME": clean(title)})
        value = _sub(_sub(obj, "VALUES"), "ATTRIBUTE-VALUE-STRING", {"THE-VALUE": clean(title)})
        _ref(value, "DEFINITION", "ATTRIBUTE-DEFINITION-STRING-REF", heading_attribute)
        _ref(obj, "TYPE", "SPEC-OBJECT-TYPE-REF", heading_type)
        return identifier

    def requirement(row) -> str:
        identifier = ident("req", row.id)
        obj = _sub(objects, "SPEC-OBJECT", {"IDENTIFIER": identifier, **stamp, "LONG-NAME": clean(row.id)})
        values = _sub(obj, "VALUES")
        cells = {"id": row.id, "title": row.title, "description": row.description, "priority": row.priority,
                 "section": row.section, "module": row.module, "teams": row.teams, "phase": row.phase}
        for key, _fr, _en, _kind in ATTRIBUTES:
            definition_id, kind = definitions[key]
            text = cells[key]
            if kind == "string":
                if not text:
                    continue
                value = _sub(values, "ATTRIBUTE-VALUE-STRING", {"THE-VALUE": clean(text)})
                _ref(value, "DEFINITION", "ATTRIBUTE-DEFINITION-STRING-REF", definition_id)
            elif kind == "xhtml":
                if not text:
                    continue
                value = _sub(values, "ATTRIBUTE-VALUE-XHTML")
                _ref(value, "DEFINITION", "ATTRIBUTE-DEFINITION-XHTML-REF", definition_id)
                _xhtml(_sub(value, "THE-VALUE"), text)
            else:
                datatype = dt_priority if kind == "priority" else dt_section
                enum_id = enum_values.get((datatype, text))
                if enum_id is None:
                    continue   # no priority given: no value (P001 reports it)
                value = _sub(values, "ATTRIBUTE-VALUE-ENUMERATION")
                _ref(value, "DEFINITION", "ATTRIBUTE-DEFINITION-ENUMERATION-REF", definition_id)
                _ref(value, "VALUES", "ENUM-VALUE-REF", enum_id)
        _ref(obj, "TYPE", "SPEC-OBJECT-TYPE-REF", requirement_type)
        return identifier

    # The tree: section → group (module / NFR category) → requirement, in matrix order.
    tree: list[tuple[str, list[tuple[str | None, list[str]]]]] = []
    rows = matrix_rows(spec, lang)
    for section in SECTION_KEYS:
        section_rows = [r for r in rows if r.section == section]
        if not section_rows:
            continue
        section_id = heading(section, SECTIONS[lang][section])
        groups: dict[str | None, list[str]] = {}
        for row in section_rows:
            group = row.module if section != "rgpd" and row.module else None
            groups.setdefault(group, []).append(requirement(row))
        children: list[tuple[str | None, list[str]]] = []
        for group, members in groups.items():
            if group is None:
                children.append((None, members))
            else:
                children.append((heading(f"{section}-{group}", group), members))
        tree.append((section_id, children))

    _sub(content, "SPEC-RELATIONS")

    # -- the specification and its hierarchy --------------------------------------------------
    specifications = _sub(content, "SPECIFICATIONS")
    specification = _sub(specifications, "SPECIFICATION",
                         {"IDENTIFIER": ident("specification", "main"), **stamp, "LONG-NAME": clean(name)})
    _ref(specification, "TYPE", "SPECIFICATION-TYPE-REF", specification_type)

    def node(parent: ET.Element, object_id: str) -> ET.Element:
        hierarchy = _sub(parent, "SPEC-HIERARCHY", {"IDENTIFIER": ident("hierarchy", object_id), **stamp})
        _ref(hierarchy, "OBJECT", "SPEC-OBJECT-REF", object_id)
        return hierarchy

    if tree:
        top = _sub(specification, "CHILDREN")
        for section_id, groups in tree:
            section_node = node(top, section_id)
            section_children = _sub(section_node, "CHILDREN")
            for group_id, members in groups:
                if group_id is None:
                    for member in members:
                        node(section_children, member)
                    continue
                group_children = _sub(node(section_children, group_id), "CHILDREN")
                for member in members:
                    node(group_children, member)
    return root


def write_reqif(spec, path, options) -> None:
    """The exporter's `write`: one ReqIF file at `path` (a temporary path crmreq renames into place)."""
    lang = options.get("lang") or spec.lang
    root = build(spec, lang)
    ET.indent(root, space="  ")
    for value in root.iter("THE-VALUE"):   # rich text stays exactly as written: no indentation inside
        value.text = None
        for element in value.iter():
            if element is not value:
                element.tail = None if element.tag != "xhtml:br" else element.tail
            if element.tag == "xhtml:div":
                element.text = None
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
