"""F001–F005, F007: what each flow and the systems around the CRM must say — direction,
frequency, mechanism, objects, a master for two-way flows, mechanisms the systems offer, and
the CRM itself among the systems."""

from __future__ import annotations

from ...authoring import make_doc as _doc
from ..hints import snippet
from .common import crm_ids, rules

_FIELD_NAMES = {
    "direction": ({"fr": "le sens (direction)", "en": "direction"}, "one_way, two_way"),
    "frequency": ({"fr": "la fréquence (frequency)", "en": "frequency"},
                  "realtime, hourly, daily, weekly, monthly, on_event, manual"),
    "mechanism": ({"fr": "le mécanisme (mechanism)", "en": "mechanism"}, "api, file, webhook, manual"),
}


def _missing(part, name: str, value) -> bool:
    """True when a field is absent. A key written with an invalid value is None in the model
    but was already reported by the schema (E002): not reported twice."""
    return value is None and not part.has(name)


@rules.rule(
    "F001", "flow-incomplete", "error",
    message={"fr": "Le flux {id} ne précise pas {field} : valeurs possibles {choices}",
             "en": "Flow {id} does not state its {field}: one of {choices}"},
    doc=_doc(
        "Chaque flux (`flows`) indique son sens (`direction`), sa fréquence (`frequency`) et son mécanisme "
        "(`mechanism`). Une alerte par champ manquant.",
        "Ce sont les trois informations qu'un intégrateur doit connaître pour chiffrer une interface : un flux "
        "bidirectionnel en temps réel par API n'a ni le même coût ni le même délai qu'un export CSV "
        "hebdomadaire. Un flux sans ces précisions est chiffré « au forfait » puis renégocié en cours de projet.",
        "flows:\n  - id: FL-1\n    from: eshop\n    to: crm\n    objects: [commande]",
        "Compléter : `direction: one_way`, `frequency: hourly`, `mechanism: api`.",
        "Every flow states its `direction`, `frequency` and `mechanism`. One finding per missing field.",
        "These are the three facts an integrator needs to price an interface: a real-time two-way API sync "
        "costs nothing like a weekly CSV export. A flow without them is quoted as a lump sum, then renegotiated "
        "mid-project.",
        "flows:\n  - id: FL-1\n    from: eshop\n    to: crm\n    objects: [order]",
        "Add `direction: one_way`, `frequency: hourly`, `mechanism: api`.",
    ),
)
def flow_incomplete(spec, emit):
    for flow in spec.flows:
        for name in ("direction", "frequency", "mechanism"):
            if _missing(flow, name, getattr(flow, name)):
                label, choices = _FIELD_NAMES[name]
                emit(flow, object=flow.id or None, id=flow.id or flow.name, field=label, choices=choices)


@rules.rule(
    "F002", "flow-without-objects", "error",
    message={"fr": "Le flux {id} ne dit pas quelles données il transporte (objects) : listez les objets échangés",
             "en": "Flow {id} does not say which data it carries (objects): list the objects exchanged"},
    doc=_doc(
        "Chaque flux liste les objets de données qu'il transporte (`objects`, ids du catalogue `objects`).",
        "« Interface avec l'ERP » ne dit rien : clients ? commandes ? factures ? stocks ? Chaque objet est une "
        "table de correspondance des champs à écrire et à tester ; c'est la liste des objets qui fait le coût "
        "de l'interface.",
        "flows:\n  - id: FL-1\n    from: erp\n    to: crm\n    direction: one_way",
        "Ajouter `objects: [compte, commande, facture]` (et si possible `fields` pour chaque objet).",
        "Every flow lists the data objects it carries (`objects`, ids from the `objects` catalogue).",
        "\"Interface with the ERP\" says nothing: customers? orders? invoices? stock? Each object is a field "
        "mapping to build and test; the list of objects is what makes the cost of an interface.",
        "flows:\n  - id: FL-1\n    from: erp\n    to: crm\n    direction: one_way",
        "Add `objects: [account, order, invoice]` (and `fields` per object where you can).",
    ),
)
def flow_without_objects(spec, emit):
    for flow in spec.flows:
        if not any(o and o.strip() for o in flow.objects):
            emit(flow.where("objects"), object=flow.id or None, id=flow.id or flow.name)


@rules.rule(
    "F003", "system-without-flow", "warning",
    message={"fr": "Le système {id} n'est relié à aucun flux : décrivez comment ses données circulent "
                   "avec le CRM, ou indiquez {keep} s'il est remplacé",
             "en": "System {id} has no flow: describe how its data moves to and from the CRM, "
                   "or set {keep} if it is being replaced"},
    doc=_doc(
        "Quand la spec décrit des flux, chaque système conservé (`systems`) apparaît dans au moins un flux "
        "(`from` ou `to`). Les systèmes marqués `keep: false` (remplacés par le CRM, repris par la migration) "
        "ne sont pas concernés.",
        "Un système conservé mais relié à rien, c'est un CRM « en autarcie » : les commerciaux ressaisissent "
        "les données à la main, ou l'interface oubliée est découverte (et facturée) en cours de projet.",
        "systems:\n  - id: crm\n    kind: crm\n  - id: erp\n    kind: erp\n  - id: brevo\n    kind: marketing\n"
        "flows:\n  - id: FL-1\n    from: erp\n    to: crm",
        "Ajouter le flux manquant (par exemple `crm` → `brevo` pour les contacts et désinscriptions), ou "
        "`keep: false` sur un système que le CRM remplace.",
        "When the spec describes flows, every system that is kept (`systems`) appears in at least one flow "
        "(`from` or `to`). Systems with `keep: false` (replaced by the CRM, handled by the migration) are exempt.",
        "A kept system connected to nothing is a CRM working \"in isolation\": sales staff retype data by hand, "
        "or the forgotten interface is discovered (and billed) mid-project.",
        "systems:\n  - id: crm\n    kind: crm\n  - id: erp\n    kind: erp\n  - id: mailchimp\n    kind: marketing\n"
        "flows:\n  - id: FL-1\n    from: erp\n    to: crm",
        "Add the missing flow (e.g. `crm` → `mailchimp` for contacts and unsubscribes), or `keep: false` on a "
        "system the CRM replaces.",
    ),
)
def system_without_flow(spec, emit):
    if not spec.flows:
        return
    connected = set()
    for flow in spec.flows:
        connected.add(flow.source)
        connected.add(flow.target)
    for system in spec.systems:
        if not system.id or system.id in connected or system.keep is False:
            continue
        emit(system, object=system.id, id=system.id, keep=snippet(spec, system, "keep", False))


@rules.rule(
    "F004", "two-way-flow-without-master", "warning",
    message={"fr": "Le flux bidirectionnel {id} ne désigne pas de système maître (master) : "
                   "dites lequel l'emporte en cas de conflit",
             "en": "Two-way flow {id} names no master system: say which one wins on conflict"},
    doc=_doc(
        "Un flux `direction: two_way` désigne le système maître (`master`, id d'un système) dont la valeur "
        "l'emporte quand la même donnée a été modifiée des deux côtés.",
        "Sans maître, une synchronisation bidirectionnelle écrase tôt ou tard une adresse ou un tarif corrigé "
        "d'un côté par l'ancienne valeur de l'autre, et personne ne sait quelle base fait foi.",
        "flows:\n  - id: FL-2\n    from: crm\n    to: erp\n    direction: two_way\n    objects: [compte]",
        "Ajouter `master: erp` (par exemple : l'ERP fait foi pour les comptes et les conditions tarifaires).",
        "A `direction: two_way` flow names the master system (`master`, a system id) whose value wins when "
        "the same data was changed on both sides.",
        "Without a master, a two-way sync sooner or later overwrites an address or price fixed on one side with "
        "the stale value from the other, and nobody knows which database is the reference.",
        "flows:\n  - id: FL-2\n    from: crm\n    to: erp\n    direction: two_way\n    objects: [account]",
        "Add `master: erp` (e.g. the ERP is the reference for accounts and price conditions).",
    ),
)
def two_way_flow_without_master(spec, emit):
    for flow in spec.flows:
        if flow.direction == "two_way" and not (flow.master and flow.master.strip()):
            if flow.has("master") and flow.master is None:
                continue  # invalid value: reported by the schema
            emit(flow.where("master"), object=flow.id or None, id=flow.id or flow.name)


@rules.rule(
    "F005", "flow-mechanism-unsupported", "error",
    message={"fr": "Le flux {id} passe par « {mechanism} », que le système {system} ne propose pas "
                   "(interfaces : {interfaces}) : changez de mécanisme ou prévoyez un connecteur",
             "en": "Flow {id} uses `{mechanism}`, which system {system} does not offer "
                   "(interfaces: {interfaces}): change the mechanism or plan a connector"},
    doc=_doc(
        "Un flux `mechanism: api`, `file` ou `webhook` relie des systèmes qui proposent ce mécanisme, quand "
        "leurs `interfaces` sont déclarées. Les deux extrémités sont vérifiées ; pour un webhook, l'émetteur "
        "(`from`, et aussi `to` si le flux est bidirectionnel) doit proposer `webhook`, le destinataire "
        "`webhook` ou `api` (il reçoit l'appel sur son API). Un système sans `interfaces` n'est pas vérifié.",
        "Demander une synchronisation par API avec un logiciel qui ne sait échanger que des fichiers, c'est "
        "commander un développement spécifique sans le savoir : l'éditeur répondra « Standard » au CRM et "
        "l'intégrateur chiffrera plus tard le connecteur manquant.",
        "systems:\n  - id: sage\n    kind: erp\n    interfaces: [file]\n"
        "flows:\n  - id: FL-1\n    from: sage\n    to: crm\n    mechanism: api",
        "Aligner le mécanisme sur ce que le système sait faire (`mechanism: file`), ou compléter ses "
        "`interfaces` si la documentation de l'éditeur confirme l'API, ou prévoir un connecteur tiers.",
        "A flow with `mechanism: api`, `file` or `webhook` connects systems that offer that mechanism, when "
        "their `interfaces` are declared. Both ends are checked; for a webhook, the sender (`from`, and `to` "
        "too when the flow is two-way) must offer `webhook`, the receiver `webhook` or `api` (the call lands on "
        "its API). A system without `interfaces` is not checked.",
        "Asking for an API sync with software that can only exchange files is ordering custom development "
        "without knowing it: the vendor answers \"Out of the box\" for the CRM and the integrator prices the "
        "missing connector later.",
        "systems:\n  - id: sage\n    kind: erp\n    interfaces: [file]\n"
        "flows:\n  - id: FL-1\n    from: sage\n    to: crm\n    mechanism: api",
        "Match the mechanism to what the system can do (`mechanism: file`), or complete its `interfaces` if the "
        "vendor's documentation confirms the API, or plan a third-party connector.",
    ),
)
def flow_mechanism_unsupported(spec, emit):
    systems = {s.id: s for s in spec.systems if s.id}
    for flow in spec.flows:
        mechanism = flow.mechanism
        if mechanism not in ("api", "file", "webhook"):
            continue
        ends = []
        if flow.source:
            ends.append((flow.source, "sender"))
        if flow.target and flow.target != flow.source:
            ends.append((flow.target, "sender" if flow.direction == "two_way" else "receiver"))
        for system_id, role in ends:
            system = systems.get(system_id)
            if system is None:
                continue  # unknown id: E006
            offered = {i for i in system.interfaces if i}
            if not offered:
                continue  # interfaces not declared: nothing to check
            accepted = {mechanism}
            if mechanism == "webhook" and role == "receiver":
                accepted.add("api")
            if offered & accepted:
                continue
            emit(flow.where("mechanism"), object=flow.id or None, id=flow.id or flow.name,
                 mechanism=mechanism, system=system.id, interfaces=", ".join(system.interfaces))


@rules.rule(
    "F007", "no-crm-system", "error",
    message={"fr": "La spec décrit des flux mais aucun système de type crm : déclarez le futur CRM dans "
                   "systems (kind: crm)",
             "en": "The spec describes flows but no system of kind crm: declare the future CRM under "
                   "systems (kind: crm)"},
    doc=_doc(
        "Dès que la spec contient des flux, un système au moins est déclaré avec `kind: crm` : le CRM cible, "
        "au centre du système d'information.",
        "Les flux se lisent par rapport au CRM : sans lui, impossible de vérifier que chaque application est "
        "reliée au CRM (F003, F006), et le schéma du système d'information cible remis aux éditeurs est "
        "incomplet.",
        "systems:\n  - id: erp\n    kind: erp\nflows:\n  - id: FL-1\n    from: erp\n    to: nouveau-crm",
        "Ajouter `- id: crm`, `name: Futur CRM`, `kind: crm` dans `systems` (l'hébergement et la localisation "
        "peuvent rester à préciser par l'éditeur).",
        "As soon as the spec has flows, at least one system is declared with `kind: crm`: the target CRM, at "
        "the centre of the information system.",
        "Flows are read relative to the CRM: without it, nobody can check that each application is connected "
        "to it (F003, F006), and the target-architecture diagram sent to vendors is incomplete.",
        "systems:\n  - id: erp\n    kind: erp\nflows:\n  - id: FL-1\n    from: erp\n    to: new-crm",
        "Add `- id: crm`, `name: Future CRM`, `kind: crm` under `systems` (hosting and location may be left "
        "for the vendor to state).",
    ),
)
def no_crm_system(spec, emit):
    if spec.flows and not crm_ids(spec):
        emit(spec.where("systems"), object="systems")
