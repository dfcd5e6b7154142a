"""Raw tree (validated, with positions) → the typed `Spec`.

Values that failed the schema are already reported (E002); here they have no reading (None,
or no item), so a spec with errors still yields a model and every other rule can run; the lint
engine keeps rules from reporting them as missing (lint/causes.py). Blank values (`TBD`, empty)
were taken out before validation (blanks.py): they are missing.
Normalisation (priorities, quantities, durations, deadlines) happens here, once.
"""

from __future__ import annotations

import datetime as _dt
from types import MappingProxyType

from .. import model as m
from ..positions import PosDict, PosList, Position
from ..values import parse_deadline, parse_duration, parse_priority, parse_quantity


def _text(d: dict, key: str) -> str | None:
    value = d.get(key)
    if isinstance(value, str):
        return value
    return None


def _texts(d: dict, key: str) -> tuple[str, ...]:
    value = d.get(key)
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):     # an empty item (`[""]`, `[~]`) is no value: no E006 for « »
        return tuple(v for v in value if isinstance(v, str) and v.strip())
    return ()


def _int(d: dict, key: str) -> int | None:
    value = d.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(d: dict, key: str) -> float | None:
    value = d.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return None


def _bool(d: dict, key: str) -> bool | None:
    value = d.get(key)
    return value if isinstance(value, bool) else None


def _date(d: dict, key: str) -> _dt.date | None:
    value = d.get(key)
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _phase(d: dict) -> str | None:
    value = d.get("phase")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, str)):
        return str(value).strip() or None
    return None


def _priority(d: dict) -> str | None:
    """Normalised priority (must/should/could/wont), or None."""
    return parse_priority(d.get("priority"))


def _quantity(d: dict, key: str):
    value = d.get(key)
    if value is None or isinstance(value, (bool, list)):
        return None
    try:
        return parse_quantity(value)
    except Exception:  # parsers never raise, but a model must be built whatever happens
        return None


def _keys(d) -> MappingProxyType:
    """A read-only view of the key positions the reader recorded (the model is immutable)."""
    return MappingProxyType(d.key_pos) if isinstance(d, PosDict) else _NO_KEYS


_NO_KEYS = MappingProxyType({})


def _pos(d, fallback: Position) -> Position:
    return d.pos if isinstance(d, (PosDict, PosList)) else fallback


def _items(raw: dict, key: str, fallback: Position):
    """(item dict, item position) for each mapping in a list section."""
    value = raw.get(key)
    if not isinstance(value, PosList):
        return
    for index, item in enumerate(value):
        if isinstance(item, PosDict):
            yield item, value.item_pos[index]


def _id(d: dict) -> str:
    value = d.get("id")
    return value if isinstance(value, str) else ""


def _part(d: PosDict, pos: Position | None = None) -> dict:
    """What every part has: where it was written, its keys' positions, the keys written blank
    (empty or a placeholder: taken out by the loader, their position kept)."""
    return {"pos": d.pos if pos is None else pos, "keys": _keys(d),
            "blank": frozenset(key for key in d.key_pos if key not in d)}


def _common(d: PosDict, pos: Position) -> dict:
    return {**_part(d, pos), "id": _id(d)}


def build_spec(raw: PosDict, *, root: str, entry: m.SourceFile, files: tuple, extension_keys=()) -> m.Spec:
    pos = Position(entry.path, 1, 1)
    section_pos = dict(raw.key_pos)   # a section written blank (`rgpd:`) is missing, but at its key
    for name in ("project", "context", "rgpd", "budget", "timeline", "consultation"):
        value = raw.get(name)
        if isinstance(value, PosDict) and name in section_pos:
            value.pos = section_pos[name]  # a section "is" its key line, as a list item is its `-`

    def lst(name, make):
        return tuple(make(d, p) for d, p in _items(raw, name, pos))

    version = raw.get("crmreq")
    spec = m.Spec(
        root=root,
        entry=entry,
        files=files,
        pos=pos,
        version=version if isinstance(version, int) and not isinstance(version, bool) else None,
        project=_project(raw.get("project")),
        context=_context(raw.get("context")),
        stakeholders=lst("stakeholders", lambda d, p: m.Stakeholder(
            **_common(d, p), name=_text(d, "name"), role=_text(d, "role"), team=_text(d, "team"),
            email=_text(d, "email"))),
        teams=lst("teams", lambda d, p: m.Team(
            **_common(d, p), name=_text(d, "name"), size=_int(d, "size"), mobile=_bool(d, "mobile"),
            responsibilities=_texts(d, "responsibilities"), current_tools=_texts(d, "current_tools"),
            strengths=_texts(d, "strengths"), weaknesses=_texts(d, "weaknesses"), phase=_phase(d))),
        objectives=lst("objectives", lambda d, p: m.Objective(
            **_common(d, p), title=_text(d, "title"), pain=_text(d, "pain"),
            metric=_quantity(d, "metric"), baseline=_quantity(d, "baseline"), target=_quantity(d, "target"),
            deadline=_deadline(d), owner=_text(d, "owner"), priority=_priority(d))),
        systems=lst("systems", lambda d, p: m.System(
            **_common(d, p), name=_text(d, "name"), kind=_text(d, "kind"), hosting=_text(d, "hosting"),
            location=_text(d, "location"), interfaces=_texts(d, "interfaces"), keep=_bool(d, "keep"),
            owner=_text(d, "owner"))),
        objects=lst("objects", lambda d, p: m.DataObject(
            **_common(d, p), name=_text(d, "name"), personal_data=_bool(d, "personal_data"),
            fields=_texts(d, "fields"))),
        flows=lst("flows", _flow),
        processes=lst("processes", lambda d, p: m.Process(
            **_common(d, p), name=_text(d, "name"), teams=_texts(d, "teams"), priority=_priority(d),
            phase=_phase(d))),
        features=lst("features", lambda d, p: m.Feature(
            **_common(d, p), module=_text(d, "module"), title=_text(d, "title"), scenario=_text(d, "scenario"),
            teams=_texts(d, "teams"), priority=_priority(d), phase=_phase(d),
            objectives=_texts(d, "objectives"), acceptance=_text(d, "acceptance"))),
        nfr=lst("nfr", lambda d, p: m.Nfr(
            **_common(d, p), category=_text(d, "category"), statement=_text(d, "statement"),
            metric=_quantity(d, "metric"), priority=_priority(d))),
        rgpd=_rgpd(raw.get("rgpd")),
        migration=lst("migration", lambda d, p: m.MigrationSource(
            **_common(d, p), name=_text(d, "name"), system=_text(d, "system"), format=_text(d, "format"),
            tables=_texts(d, "tables"), volume=_quantity(d, "volume"), cleaning=_text(d, "cleaning"),
            objects=_texts(d, "objects"))),
        budget=_budget(raw.get("budget")),
        timeline=_timeline(raw.get("timeline")),
        consultation=_consultation(raw.get("consultation")),
        section_pos=MappingProxyType(section_pos),
        extensions=MappingProxyType({k: raw[k] for k in raw if k.startswith("x-") or k in extension_keys}),
        raw=raw,
    )
    return spec


def _deadline(d: dict):
    value = d.get("deadline")
    if value is None:
        return None
    try:
        return parse_deadline(value)
    except Exception:
        return None


def _project(d):
    if not isinstance(d, PosDict):
        return None
    return m.Project(
        **_part(d), name=_text(d, "name"), company=_text(d, "company"), lang=_text(d, "lang"),
        version=_text(d, "version"), date=_date(d, "date"), confidentiality=_text(d, "confidentiality"),
        authors=_texts(d, "authors"),
    )


def _context(d):
    if not isinstance(d, PosDict):
        return None
    situation = d.get("situation")
    sit = None
    if isinstance(situation, PosDict):
        sit = m.Situation(
            **_part(situation), headcount=_int(situation, "headcount"),
            sites=_texts(situation, "sites"), growth=_text(situation, "growth"), offer=_text(situation, "offer"),
            market=_text(situation, "market"), notes=_text(situation, "notes"),
        )
    return m.Context(**_part(d), history=_text(d, "history"), situation=sit,
                     challenges=_texts(d, "challenges"))


def _flow(d: PosDict, p: Position) -> m.Flow:
    fields = d.get("fields")
    flow_fields = {}
    if isinstance(fields, dict):
        for key, value in fields.items():
            if isinstance(value, list):
                flow_fields[str(key)] = tuple(v for v in value if isinstance(v, str))
    return m.Flow(
        **_common(d, p), source=_text(d, "from"), target=_text(d, "to"), direction=_text(d, "direction"),
        objects=_texts(d, "objects"), fields=MappingProxyType(flow_fields), frequency=_text(d, "frequency"),
        mechanism=_text(d, "mechanism"), trigger=_text(d, "trigger"), master=_text(d, "master"),
    )


def _rgpd(d):
    if not isinstance(d, PosDict):
        return None
    consent_raw = d.get("consent")
    consent = None
    if isinstance(consent_raw, PosDict):
        consent = m.Consent(
            **_part(consent_raw), stated=bool(consent_raw),
            collection=_text(consent_raw, "collection"), proof=_text(consent_raw, "proof"),
            withdrawal=_text(consent_raw, "withdrawal"),
        )
    elif isinstance(consent_raw, str):
        consent = m.Consent(pos=d.value_where("consent"), text=consent_raw, stated=bool(consent_raw.strip()))
    elif isinstance(consent_raw, bool):
        consent = m.Consent(pos=d.value_where("consent"), stated=consent_raw)
    purposes = tuple(
        m.Purpose(**_common(p, pos), name=_text(p, "name"), legal_basis=_text(p, "legal_basis"),
                  objects=_texts(p, "objects"), retention=_text(p, "retention"))
        for p, pos in _items(d, "purposes", d.pos)
    )
    retention_raw = d.get("retention")
    retention, retention_keys = {}, {}
    if isinstance(retention_raw, PosDict):
        for key, value in retention_raw.items():
            if isinstance(value, str):
                retention[str(key)] = value
                retention_keys[str(key)] = retention_raw.key_pos.get(key, retention_raw.pos)
    transfers_raw = d.get("transfers_outside_eu")
    transfers, stated = (), None
    transfers_text = transfers_raw if isinstance(transfers_raw, str) else None
    if isinstance(transfers_raw, PosList):
        transfers = tuple(
            m.Transfer(**_part(t, pos), system=_text(t, "system"), country=_text(t, "country"),
                       safeguard=_text(t, "safeguard"), details=_text(t, "details"))
            for t, pos in _items(d, "transfers_outside_eu", d.pos)
        )
        stated = bool(transfers)
    elif isinstance(transfers_raw, bool):
        stated = transfers_raw
    elif isinstance(transfers_raw, str):
        stated = bool(transfers_raw.strip())
    dpo = d.get("dpo")
    breach = d.get("breach_notification")
    return m.Rgpd(
        **_part(d), data_location=_text(d, "data_location"), purposes=purposes, consent=consent,
        rights=_texts(d, "rights"), retention=MappingProxyType(retention),
        retention_keys=MappingProxyType(retention_keys), processor_agreement=_bool(d, "processor_agreement"),
        dpo=dpo if isinstance(dpo, str) else ("yes" if dpo is True else None),
        security_measures=_texts(d, "security_measures"),
        breach_notification=breach if isinstance(breach, str) else ("yes" if breach is True else None),
        transfers_outside_eu=transfers, transfers_stated=stated, transfers_text=transfers_text,
        dpia=_text(d, "dpia"),
    )


def _budget(d):
    if not isinstance(d, PosDict):
        return None
    lines = tuple(
        m.BudgetLine(**_part(line, pos), category=_text(line, "category"), label=_text(line, "label"),
                     amount=_number(line, "amount"), min=_number(line, "min"), max=_number(line, "max"),
                     recurrence=_text(line, "recurrence"))
        for line, pos in _items(d, "lines", d.pos)
    )
    return m.Budget(**_part(d), currency=_text(d, "currency") or "EUR", lines=lines)


def _timeline(d):
    if not isinstance(d, PosDict):
        return None
    phases = []
    for p, pos in _items(d, "phases", d.pos):
        raw_duration = p.get("duration")
        duration_text = str(raw_duration) if isinstance(raw_duration, (str, int)) and not isinstance(raw_duration, bool) else None
        try:
            duration = parse_duration(raw_duration) if duration_text else None
        except Exception:
            duration = None
        phases.append(m.Phase(
            **_common(p, pos), name=_text(p, "name"), duration=duration, duration_text=duration_text,
            start=_date(p, "start"), end=_date(p, "end"), actions=_texts(p, "actions"),
        ))
    return m.Timeline(**_part(d), go_live=_date(d, "go_live"), phases=tuple(phases))


def _consultation(d):
    if not isinstance(d, PosDict):
        return None
    criteria = tuple(
        m.Criterion(**_common(c, pos), name=_text(c, "name"), weight=_number(c, "weight"),
                    eliminatory=_bool(c, "eliminatory"), measure=_text(c, "measure"))
        for c, pos in _items(d, "criteria", d.pos)
    )
    demos = tuple(
        m.Demo(**_common(x, pos), title=_text(x, "title"), steps=_texts(x, "steps"), features=_texts(x, "features"))
        for x, pos in _items(d, "demos", d.pos)
    )
    documents = d.get("documents")
    return m.Consultation(
        **_part(d), deliverables=_texts(d, "deliverables"), documents=_texts(d, "documents"),
        documents_unreadable=documents is not None and not isinstance(documents, (list, str)),
        deadline=_date(d, "deadline"), criteria=criteria, demos=demos,
    )
