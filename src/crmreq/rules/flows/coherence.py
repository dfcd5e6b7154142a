"""F008–F010: flows that contradict themselves or each other — a master that is neither end of
its flow, an object with two masters, a flow from a system to itself, a manual flow said to
run in real time."""

from __future__ import annotations

from ...authoring import make_doc as _doc
from .common import rules


@rules.rule(
    "F008", "master-not-an-end-of-the-flow", "error",
    message={"fr": "Le flux {id} désigne {master} comme système maître, mais ce flux va de {source} à {target} : "
                   "le maître est l'un des deux",
             "en": "Flow {id} names {master} as its master, but the flow runs from {source} to {target}: the "
                   "master is one of the two"},
    doc=_doc(
        "Le système maître d'un flux (`master`, celui dont la valeur l'emporte en cas de conflit) est l'une de "
        "ses deux extrémités : `from` ou `to`. Un `master` qui ne désigne aucun système déclaré relève de E006.",
        "Le maître tranche les conflits entre les deux systèmes que le flux synchronise ; un troisième système "
        "ne peut pas les arbitrer. C'est presque toujours un copier-coller d'un autre flux, qui laisse "
        "l'intégrateur deviner quelle base fait foi.",
        "flows:\n  - id: FL-2\n    from: crm\n    to: erp\n    direction: two_way\n    master: eshop",
        "Désigner l'extrémité qui fait foi : `master: erp`.",
        "A flow's master (`master`, the system whose value wins on conflict) is one of its two ends: `from` or "
        "`to`. A `master` naming no declared system is E006's finding.",
        "The master settles conflicts between the two systems the flow synchronises; a third system cannot "
        "arbitrate them. It is almost always a copy-paste from another flow, which leaves the integrator to "
        "guess which database is the reference.",
        "flows:\n  - id: FL-2\n    from: crm\n    to: erp\n    direction: two_way\n    master: eshop",
        "Name the end that is the reference: `master: erp`.",
    ),
)
def master_not_an_end(spec, emit):
    systems = {s.id for s in spec.systems if s.id}
    for flow in spec.flows:
        master = flow.master
        if not master or master not in systems or not (flow.source and flow.target):
            continue  # an unknown id is E006's
        if master not in (flow.source, flow.target):
            emit(flow.where("master"), object=flow.id or None, id=flow.id or flow.name, master=master,
                 source=flow.source, target=flow.target)


def _overrides(spec) -> dict[str, list]:
    """Object id → [(master, other end, flow)]: on each flow that names a master among its ends,
    the master's value of the object wins over the other end's."""
    found: dict[str, list] = {}
    for flow in spec.flows:
        if not flow.master or flow.master not in (flow.source, flow.target) or flow.source == flow.target:
            continue
        other = flow.target if flow.master == flow.source else flow.source
        for obj in dict.fromkeys(o for o in flow.objects if o):
            found.setdefault(obj, []).append((flow.master, other, flow))
    return found


def _split_by_fields(first, second, obj: str) -> bool:
    """Both flows list the object's fields and share none: each system masters its own fields."""
    a, b = first.fields.get(obj), second.fields.get(obj)
    return bool(a) and bool(b) and not set(a) & set(b)


def _conflict(edges: list, obj: str):
    """Two flows that make two masters of one object: one system overridden by two different
    masters, or masters overriding each other in a loop. A chain (ERP over CRM, CRM over the
    e-mailing tool) is consistent. None when there is none."""
    for index, (master, other, flow) in enumerate(edges):
        for earlier_master, earlier_other, earlier in edges[:index]:
            if earlier_other == other and earlier_master != master and not _split_by_fields(earlier, flow, obj):
                return earlier_master, earlier, master, flow
    for master, other, flow in edges:       # a loop: the other end reaches back to the master
        seen, todo = {other}, [other]
        while todo:
            current = todo.pop()
            for next_master, next_other, next_flow in edges:
                if next_master != current or next_flow is flow or next_other in seen:
                    continue
                if next_other == master and not _split_by_fields(flow, next_flow, obj):
                    return master, flow, next_master, next_flow
                seen.add(next_other)
                todo.append(next_other)
    return None


@rules.rule(
    "F009", "object-with-two-masters", "warning",
    message={"fr": "L'objet {data} a deux systèmes maîtres : {first} (flux {first_flow}) et {second} (flux "
                   "{second_flow}) ; dites lequel fait foi, ou partagez ses champs (fields) entre eux",
             "en": "Object {data} has two master systems: {first} (flow {first_flow}) and {second} (flow "
                   "{second_flow}); say which one is the reference, or split its fields (fields) between them"},
    doc=_doc(
        "Sur l'ensemble des flux, un même objet n'a qu'un système maître : un système ne reçoit pas l'objet "
        "de deux maîtres différents (l'ERP l'emporte sur le CRM pour les comptes, la boutique aussi), et les "
        "maîtres ne s'opposent pas en boucle (l'ERP l'emporte sur le CRM dans un flux, le CRM sur l'ERP dans "
        "un autre). Une chaîne où chacun fait foi pour le suivant (ERP → CRM → outil d'e-mailing) est "
        "cohérente. Deux flux ne se contredisent pas non plus quand ils listent les champs de l'objet "
        "(`fields`) sans champ commun : chaque système fait foi pour les siens (l'ERP pour les conditions de "
        "paiement, le CRM pour les contacts). Une alerte par objet, sur le second flux.",
        "Deux maîtres pour une même donnée, c'est une boucle de synchronisation : l'adresse corrigée dans le "
        "CRM est écrasée par l'ERP, puis renvoyée à la boutique, et personne ne sait plus quelle base croire. "
        "L'intégrateur ne peut pas chiffrer des règles qui se contredisent.",
        "flows:\n  - {id: FL-1, from: erp, to: crm, direction: two_way, master: erp, objects: [compte]}\n"
        "  - {id: FL-3, from: eshop, to: crm, direction: two_way, master: eshop, objects: [compte]}",
        "Choisir le système qui fait foi pour l'objet (`master: crm` sur FL-3 si le CRM relaie l'ERP), ou "
        "partager ses champs : `fields: {compte: [raison_sociale, siret]}` d'un côté, `fields: {compte: "
        "[conditions_paiement]}` de l'autre.",
        "Across all flows, one object has one master system: no system receives the object from two different "
        "masters (the ERP wins over the CRM for accounts, and so does the shop), and masters do not oppose each "
        "other in a loop (the ERP wins over the CRM in one flow, the CRM over the ERP in another). A chain where "
        "each is the reference for the next (ERP → CRM → e-mailing tool) is consistent. Two flows do not "
        "contradict each other either when they list the object's fields (`fields`) with none in common: each "
        "system is the reference for its own (the ERP for payment terms, the CRM for contacts). One finding per "
        "object, on the second flow.",
        "Two masters for the same data make a sync loop: the address fixed in the CRM is overwritten by the "
        "ERP, then sent back to the shop, and nobody knows which database to trust. The integrator cannot price "
        "rules that contradict each other.",
        "flows:\n  - {id: FL-1, from: erp, to: crm, direction: two_way, master: erp, objects: [account]}\n"
        "  - {id: FL-3, from: eshop, to: crm, direction: two_way, master: eshop, objects: [account]}",
        "Choose the system that is the reference for the object (`master: crm` on FL-3 if the CRM relays the "
        "ERP), or split its fields: `fields: {account: [name, vat_number]}` on one side, `fields: {account: "
        "[payment_terms]}` on the other.",
    ),
)
def object_with_two_masters(spec, emit):
    for obj, edges in _overrides(spec).items():
        found = _conflict(edges, obj)
        if found is None:
            continue
        first, first_flow, second, flow = found
        emit(flow.where("master"), object=obj, data=obj, first=first, first_flow=first_flow.id or first_flow.name,
             second=second, second_flow=flow.id or flow.name)


_MANUAL_TOO_OFTEN = {"realtime": ("« en temps réel »", "\"real time\""),
                     "hourly": ("« toutes les heures »", "\"hourly\"")}


@rules.rule(
    "F010", "incoherent-flow", "warning",
    message={"fr": "Le flux {id} {problem}", "en": "Flow {id} {problem}"},
    doc=_doc(
        "Un flux relie deux systèmes différents (`from` ≠ `to`), et un flux manuel (`mechanism: manual`) n'a "
        "pas une fréquence qu'aucune saisie à la main ne tient (`frequency: realtime` ou `hourly`). Une alerte "
        "par incohérence.",
        "Un flux d'un système vers lui-même est presque toujours une faute de frappe qui cache le vrai "
        "partenaire de l'échange. Un flux « manuel en temps réel » promet une ressaisie immédiate que personne "
        "ne fera : c'est une interface à automatiser (API, webhook), ou une fréquence à revoir (quotidienne, "
        "à la demande).",
        "flows:\n  - id: FL-4\n    from: crm\n    to: crm\n  - id: FL-5\n    from: salons\n    to: crm\n"
        "    mechanism: manual\n    frequency: realtime",
        "Corriger l'extrémité (`to: erp`) ; pour le flux manuel, choisir `frequency: on_event` ou `daily`, ou "
        "un mécanisme automatique (`mechanism: api`).",
        "A flow links two different systems (`from` ≠ `to`), and a manual flow (`mechanism: manual`) does not "
        "have a frequency no manual entry can keep up with (`frequency: realtime` or `hourly`). One finding per "
        "inconsistency.",
        "A flow from a system to itself is almost always a typo hiding the real partner of the exchange. A "
        "\"manual real-time\" flow promises an immediate re-keying nobody will do: it is an interface to "
        "automate (API, webhook), or a frequency to revise (daily, on event).",
        "flows:\n  - id: FL-4\n    from: crm\n    to: crm\n  - id: FL-5\n    from: trade-shows\n    to: crm\n"
        "    mechanism: manual\n    frequency: realtime",
        "Fix the end (`to: erp`); for the manual flow, choose `frequency: on_event` or `daily`, or an automatic "
        "mechanism (`mechanism: api`).",
    ),
)
def incoherent_flow(spec, emit):
    for flow in spec.flows:
        label = flow.id or flow.name
        if flow.source and flow.source == flow.target:
            emit(flow.where("to"), object=flow.id or None, id=label, problem={
                "fr": f"va de {flow.source} à {flow.target} : un flux relie deux systèmes différents",
                "en": f"runs from {flow.source} to {flow.target}: a flow links two different systems"})
        if flow.mechanism == "manual" and flow.frequency in _MANUAL_TOO_OFTEN:
            fr, en = _MANUAL_TOO_OFTEN[flow.frequency]
            emit(flow.where("frequency"), object=flow.id or None, id=label, problem={
                "fr": f"est manuel mais sa fréquence est {fr} : automatisez-le (api, webhook) ou choisissez une "
                      "fréquence tenable (on_event, daily)",
                "en": f"is manual but its frequency is {en}: automate it (api, webhook) or choose a frequency people "
                      "can keep (on_event, daily)"})
