"""`crmreq init`: write a new, commented, multi-file spec to fill in.

Everything the user reads — files, keys, example values, comments, the feature catalogue —
is data (`template.yaml`, `catalogue.yaml` beside this module), in French and English. This
module turns it into a tree of nodes for one language (substituting the company, the
project, the date and the teams) and `render` writes that tree as commented YAML or TOML.

The scaffold is a template, not a finished spec: it loads with no E-code (tested), and the
other findings of `crmreq lint` (P001 for priorities nobody decided, F003 for systems with no
flow yet, M001…) are the to-do list it hands over.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import CrmreqError, SaidError
from ..values import fold
from .render import Item, Node, comment_lines, data_of, render_toml, render_yaml

SCHEMA_FILE = "crmreq.schema.json"
FORMATS = {"yaml": "yaml", "toml": "toml"}
LANGS = ("fr", "en")
_DROP = object()
_IGNORED_ENTRIES = {".git"}   # a fresh `git init` directory still counts as empty


@dataclass
class Answers:
    """What the user chose (interactively or by options)."""

    lang: str
    company: str | None = None
    project: str | None = None
    teams: list[str] | None = None      # team names as typed; None: the default teams


@dataclass
class Document:
    path: str
    nodes: list[Node]
    header: str


@dataclass
class _Team:
    id: str
    name: str
    role: str | None


@dataclass
class _Context:
    lang: str
    ext: str
    vars: dict
    teams: list[_Team]
    roles: dict = field(default_factory=dict)   # role -> [team ids]


# =====================================================================================
# Data
# =====================================================================================

@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    from ruamel.yaml import YAML

    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return YAML(typ="safe", pure=True).load(text)


def template() -> dict:
    return _load("template.yaml")


def catalogue() -> dict:
    return _load("catalogue.yaml")


def _tr(value, lang: str):
    """Pick the language in {fr: …, en: …} pairs, at any depth."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGS):
            return _tr(value[lang], lang)
        return {_tr(k, lang): _tr(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_tr(v, lang) for v in value]
    return value


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("ß", "ss")).strip("-")   # fold keeps ß one letter


# =====================================================================================
# Teams
# =====================================================================================

def role_of(name: str) -> str | None:
    """The role a team name suggests (sales, marketing, adv, support, management) or None."""
    data = template()
    folded = " ".join(re.findall(r"[a-z0-9]+", fold(name)))
    for role in data["match_order"]:
        for keyword in data["roles"][role]["keywords"]:
            if re.search(r"(?<![a-z0-9])" + re.escape(fold(keyword)), folded):
                return role
    return None


def _teams(lang: str, names: list[str] | None, reserved: set[str]) -> list[_Team]:
    data = template()
    if names is None:
        return [_Team(_tr(spec["id"], lang), _tr(spec["name"], lang), role)
                for role, spec in data["roles"].items()]
    prefix = {"fr": "equipe", "en": "team"}[lang]
    known = {fold(_tr(spec["name"], lang)): (_tr(spec["id"], lang), role) for role, spec in data["roles"].items()}
    teams, used = [], set(reserved)
    for number, name in enumerate(names, 1):
        if fold(name) in known and known[fold(name)][0] not in used:   # a default team, kept as offered
            ident, role = known[fold(name)]
            used.add(ident)
            teams.append(_Team(ident, name, role))
            continue
        ident = slug(name) or f"{prefix}-{number}"
        if ident in used:
            ident = f"{prefix}-{ident}"
        base, suffix = ident, 2
        while ident in used:
            ident, suffix = f"{base}-{suffix}", suffix + 1
        used.add(ident)
        teams.append(_Team(ident, name, role_of(name)))
    return teams


def _team_items(ctx: _Context) -> list[Item]:
    data = template()
    notes = {k: _tr(v, ctx.lang) for k, v in data["team_notes"].items()}
    examples = {k: _tr(v, ctx.lang) for k, v in data["team_examples"].items()}
    items = []
    for number, team in enumerate(ctx.teams):
        def note(key):
            return notes.get(key) if number == 0 else None

        role = data["roles"].get(team.role) if team.role else None
        fields = [
            Node("id", value=team.id, note=note("id")),
            Node("name", value=team.name, note=note("name")),
            Node("size", example=examples["size"], note=note("size")),
            Node("mobile", example=bool(role and role.get("mobile")), note=note("mobile")),
        ]
        if role:
            fields.append(Node("responsibilities", value=_tr(role["responsibilities"], ctx.lang),
                               note=note("responsibilities")))
        else:
            fields.append(Node("responsibilities", example=examples["responsibilities"],
                               note=note("responsibilities")))
        fields += [
            Node("current_tools", example=examples["current_tools"], note=note("current_tools")),
            Node("strengths", example=examples["strengths"], note=note("strengths")),
            Node("weaknesses", example=examples["weaknesses"]),
            Node("phase", example=1, note=note("phase")),
        ]
        items.append(Item(fields=fields))
    return items


# =====================================================================================
# Features
# =====================================================================================

def _feature_items(ctx: _Context) -> list[Item]:
    data, cat = template()["features"], catalogue()
    labels = {m["id"]: _tr({"fr": m["fr"], "en": m["en"]}, ctx.lang) for m in cat["modules"]}
    heading = _tr(data["module_heading"], ctx.lang)
    suggested = _tr(data["suggested"], ctx.lang)
    tail = _tr(data["priority_tail"], ctx.lang)
    items, module = [], None
    for entry in cat["features"]:
        text = entry[ctx.lang]
        fields = [
            Node("id", value=entry["id"]),
            Node("module", value=entry["module"]),
            Node("title", value=text["title"]),
            Node("scenario", value=text["scenario"]),
        ]
        teams = _expand(["@" + role for role in entry["roles"]], ctx)
        if teams is not _DROP:
            fields.append(Node("teams", value=teams))
        if entry.get("objective"):
            fields.append(Node("objectives", value=[ctx.vars["objective"]]))
        if text.get("acceptance"):
            fields.append(Node("acceptance", value=text["acceptance"]))
        fields.append(Node("priority", example=suggested[entry["suggested"]], tail=tail))
        note = None
        if entry["module"] != module:
            module = entry["module"]
            note = heading.format(module=module, label=labels.get(module, module))
        items.append(Item(fields=fields, note=note))
    return items


# =====================================================================================
# Building the documents
# =====================================================================================

def _text(value, ctx: _Context) -> str | None:
    if value is None:
        return None
    text = _tr(value, ctx.lang)
    for name in ("ext", "company", "project", "count"):
        text = text.replace("{" + name + "}", str(ctx.vars.get(name, "")))
    return text


def _expand(value, ctx: _Context):
    """Substitute $variables and @roles; _DROP when a role reference names no team."""
    if isinstance(value, str):
        if value.startswith("$") and value[1:] in ctx.vars:
            return ctx.vars[value[1:]]
        if value.startswith("@"):
            teams = ctx.roles.get(value[1:], [])
            return teams[0] if teams else _DROP
        return value
    if isinstance(value, list):
        result = []
        for element in value:
            if isinstance(element, str) and element.startswith("@"):
                result.extend(t for t in ctx.roles.get(element[1:], []) if t not in result)
            else:
                expanded = _expand(element, ctx)
                if expanded is not _DROP:
                    result.append(expanded)
        if not result and value:
            return _DROP
        return result
    if isinstance(value, dict):
        return {k: _expand(v, ctx) for k, v in value.items()}
    return value


def _node(spec: dict, ctx: _Context) -> Node | None:
    key = _tr(spec["key"], ctx.lang)
    note, tail = _text(spec.get("note"), ctx), _text(spec.get("tail"), ctx)
    if "value" in spec or "example" in spec:
        kind = "value" if "value" in spec else "example"
        value = _expand(_tr(spec[kind], ctx.lang), ctx)
        if value is _DROP:
            return None
        return Node(key, note=note, tail=tail, **{kind: value})
    if "fields" in spec:
        return Node(key, note=note, fields=[n for n in (_node(f, ctx) for f in spec["fields"]) if n])
    items = spec["items"]
    if items == "$teams":
        built = _team_items(ctx)
    elif items == "$features":
        built = _feature_items(ctx)
    else:
        built = [Item(fields=[n for n in (_node(f, ctx) for f in item["fields"]) if n],
                      note=_text(item.get("note"), ctx)) for item in items]
    return Node(key, note=note, items=built)


def _static_ids(lang: str) -> set[str]:
    """Every `id` written by the template itself (team ids must not collide with them)."""
    ids: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            if value.get("key") == "id" and "value" in value:
                ident = _tr(value["value"], lang)
                if isinstance(ident, str) and not ident.startswith("$"):
                    ids.add(ident)
            for sub in value.values():
                walk(sub)
        elif isinstance(value, list):
            for sub in value:
                walk(sub)

    walk(template()["files"])
    ids.add(_tr(template()["vars"]["objective"], lang))
    ids.update(entry["id"] for entry in catalogue()["features"])
    return ids


def build_documents(answers: Answers, fmt: str = "yaml", today: _dt.date | None = None) -> list[Document]:
    """The scaffold for one language and format, as node trees (entry file first)."""
    if fmt not in FORMATS:
        raise SaidError(f"format de squelette « {fmt} » inconnu (yaml ou toml)",
                        f"unknown scaffold format {fmt!r} (yaml or toml)")
    lang = answers.lang if answers.lang in LANGS else "en"
    data = template()
    today = today or _dt.date.today()
    ext = FORMATS[fmt]
    names = [_tr(f["name"], lang) for f in data["files"]]
    teams = _teams(lang, answers.teams, _static_ids(lang))
    roles: dict[str, list[str]] = {}
    for team in teams:
        if team.role:
            roles.setdefault(team.role, []).append(team.id)
    defaults = {k: _tr(v, lang) for k, v in data["vars"].items()}
    ctx = _Context(lang=lang, ext=ext, teams=teams, roles=roles, vars={
        **defaults,
        "company": answers.company or defaults["company"],
        "project": answers.project or defaults["project"],
        "lang": lang,
        "date": today,
        "include": [f"{name}.{ext}" for name in names[1:]],
        "go_live_example": _dt.date(today.year + 1, 9, 1),
        "deadline_example": today + _dt.timedelta(days=60),
        "ext": ext,
        "count": len(catalogue()["features"]),
    })
    documents = []
    for spec, name in zip(data["files"], names):
        header = spec["header"]
        if header == "$features_header":
            header = data["features"]["header"]
        nodes = [n for n in (_node(s, ctx) for s in spec["nodes"]) if n]
        documents.append(Document(path=f"{name}.{ext}", nodes=nodes, header=_text(header, ctx)))
    return documents


def render_document(document: Document, fmt: str) -> str:
    if fmt == "toml":
        header = [f"#:schema ./{SCHEMA_FILE}", "#"] + comment_lines(document.header, 0)
        return render_toml(document.nodes, header)
    header = [f"# yaml-language-server: $schema=./{SCHEMA_FILE}", "#"] + comment_lines(document.header, 0)
    return render_yaml(document.nodes, header)


def _schema_text() -> str:
    from ..json_schema import json_schema_text

    try:   # the same schema as `crmreq schema`: plugins may add sections
        from ..plugins import load_plugins

        extensions = load_plugins().schema_extensions or None
    except Exception:   # a broken plugin must not prevent scaffolding
        extensions = None
    try:
        return json_schema_text(extensions)
    except Exception:
        return json_schema_text()


def scaffold_files(answers: Answers, fmt: str = "yaml", today: _dt.date | None = None) -> dict[str, str]:
    """Relative path → text of every file to write, the JSON Schema included."""
    files = {d.path: render_document(d, fmt) for d in build_documents(answers, fmt, today)}
    files[SCHEMA_FILE] = _schema_text()
    return files


def expected_data(answers: Answers, fmt: str = "yaml", today: _dt.date | None = None) -> dict[str, dict]:
    """Path → the data each file holds once loaded (for tests and for checking renderers)."""
    return {d.path: data_of(d.nodes) for d in build_documents(answers, fmt, today)}


# =====================================================================================
# The command
# =====================================================================================

def _message(key: str, lang: str, **values) -> str:
    return _tr(template()["messages"][key], lang).format(**values)


def _check_target(directory: Path, lang: str) -> None:
    if directory.exists() and not directory.is_dir():
        raise CrmreqError(_message("not_a_dir", lang, dir=directory))
    if directory.is_dir():
        try:
            entries = {entry.name for entry in directory.iterdir()}
        except OSError as exc:
            raise CrmreqError(_message("cannot_write", lang, dir=directory, error=exc.strerror or exc)) from None
        if entries - _IGNORED_ENTRIES:
            raise CrmreqError(_message("not_empty", lang, dir=directory))


def _clean(text: str) -> str:
    """One line of text, whitespace collapsed (answers end up in values and comments)."""
    return " ".join(str(text).split())


def _ask(lang: str) -> Answers:
    import click

    prompts = template()["prompts"]
    defaults = template()["vars"]
    company = _clean(click.prompt(_tr(prompts["company"], lang), default=_tr(defaults["company"], lang)))
    project = _clean(click.prompt(_tr(prompts["project"], lang), default=_tr(defaults["project"], lang)))
    chosen = click.prompt(_tr(prompts["lang"], lang), type=click.Choice(LANGS), default=lang)
    default_teams = ", ".join(_tr(spec["name"], chosen) for spec in template()["roles"].values())
    while True:
        typed = click.prompt(_tr(prompts["teams"], chosen), default=default_teams)
        teams = [_clean(name) for name in typed.split(",") if _clean(name)]
        if teams:
            break
        click.echo(_message("no_team", chosen), err=True)
    return Answers(lang=chosen, company=company or None, project=project or None, teams=teams)


def _write_all(directory: Path, files: dict[str, str], lang: str) -> None:
    from ..io import write_text_atomic

    created_dir = not directory.exists()
    written: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for relative, text in files.items():
            target = directory / relative
            if target.exists():   # the directory was checked empty: something else is writing here
                raise CrmreqError(_message("not_empty", lang, dir=directory))
            write_text_atomic(target, text)
            written.append(target)
    except (OSError, CrmreqError) as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if created_dir:
            try:
                directory.rmdir()
            except OSError:
                pass
        if isinstance(exc, CrmreqError):
            raise
        raise CrmreqError(_message("cannot_write", lang, dir=directory, error=exc.strerror or exc)) from None


def run_init(directory, *, lang: str | None = None, fmt: str = "yaml", interactive: bool = False,
             today: _dt.date | None = None) -> list[Path]:
    """Scaffold a spec in `directory` (created if absent, refused unless empty).

    Answers the paths written. Raises CrmreqError (exit 2, one line) when the directory is
    not empty or cannot be written; nothing is left behind in that case.
    """
    import click

    from ..config import locale_lang

    directory = Path(directory)
    lang = lang if lang in LANGS else locale_lang()
    _check_target(directory, lang)            # before asking anything
    answers = _ask(lang) if interactive else Answers(lang=lang)
    files = scaffold_files(answers, fmt, today)
    _check_target(directory, answers.lang)
    _write_all(directory, files, answers.lang)
    listing = "\n".join(f"  {directory / name}" for name in files)
    click.echo(_message("done", answers.lang, dir=directory, count=len(files), files=listing))
    return [directory / name for name in files]
