"""F — flows and systems: every application around the CRM is connected by a described flow.

"Undefined data flows" are the classic hidden cost of a CRM project: the vendor quotes a
CRM, the buyer discovers at go-live that orders still have to be typed twice because nobody
wrote down which object goes where, how often and by which mechanism.
"""

from __future__ import annotations

import re

from ..values import fold
from ..authoring import RuleSet, make_doc as _doc

rules = RuleSet("flows")
crmreq_register_rules = rules.hook

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


def _crm_ids(spec) -> set[str]:
    return {s.id for s in spec.systems if s.id and s.kind == "crm"}


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
                   "avec le CRM, ou indiquez keep: false s'il est remplacé",
             "en": "System {id} has no flow: describe how its data moves to and from the CRM, "
                   "or set keep: false if it is being replaced"},
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
        emit(system, object=system.id, id=system.id)


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


_MAX_TERM_WORDS = 8


def _words(text: str) -> tuple[str, ...]:
    """Folded words (accents, case and punctuation ignored): « l'E-shop » → ("l", "e", "shop")."""
    return tuple(re.findall(r"[^\W_]+", fold(text)))


def _term_sizes(terms: dict) -> dict[str, tuple[int, ...]]:
    """First word of each term → the lengths (in words) of the terms starting with it, longest first."""
    sizes: dict[str, set[int]] = {}
    for words in terms:
        sizes.setdefault(words[0], set()).add(len(words))
    return {first: tuple(sorted(lengths, reverse=True)) for first, lengths in sizes.items()}


def _mentions(text: str, terms: dict, sizes: dict) -> list:
    """Values of `terms` (word tuple → value) whose key occurs in `text` as whole words, in text order.
    Linear in the text: a word that starts no term costs one lookup (`sizes` from `_term_sizes`)."""
    words = _words(text)
    found = []
    for start, word in enumerate(words):
        for size in sizes.get(word, ()):
            value = terms.get(words[start:start + size])
            if value is not None:
                found.append(value)
                break
    return found


def _connected_to_crm(spec, crm_ids: set[str]) -> set[str]:
    """Systems linked to a CRM by a chain of flows, whatever their direction (e-shop → ERP → CRM)."""
    neighbours: dict[str, set[str]] = {}
    for flow in spec.flows:
        if flow.source and flow.target:
            neighbours.setdefault(flow.source, set()).add(flow.target)
            neighbours.setdefault(flow.target, set()).add(flow.source)
    seen = set(crm_ids)
    todo = list(crm_ids)
    while todo:
        current = todo.pop()
        for other in neighbours.get(current, ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


@rules.rule(
    "F006", "integration-system-not-connected", "warning",
    message={"fr": "La fonctionnalité d'intégration {id} cite le système {system}, qu'aucun flux ne relie "
                   "au CRM : décrivez ce flux dans flows",
             "en": "Integration feature {id} names system {system}, which no flow connects to the CRM: "
                   "describe that flow under flows"},
    doc=_doc(
        "Une fonctionnalité du module `integration` qui cite un système (par son id ou son nom, dans `title`, "
        "`scenario` ou `acceptance`, sans tenir compte des accents ni de la casse) a un flux correspondant : "
        "ce système est relié à un système de type `crm` par au moins un flux, directement ou par "
        "l'intermédiaire d'autres systèmes (boutique en ligne → ERP → CRM). Ne sont pas concernés : les "
        "systèmes de type `crm`, ceux qui sont remplacés (`keep: false`, leurs données relèvent de la "
        "migration) et, quand la spec a des flux, ceux qui n'en ont aucun (F003 les signale déjà). La règle "
        "se tait quand la spec a des flux mais aucun CRM déclaré (voir F007).",
        "Le besoin « commandes web visibles dans le CRM » est chiffré par l'éditeur comme une fonctionnalité, "
        "mais c'est un flux qui le réalise : s'il n'est pas décrit (objets, sens, fréquence, mécanisme), "
        "personne ne le chiffre.",
        "features:\n  - id: INT-01\n    module: integration\n    title: Voir les commandes de la boutique "
        "en ligne dans la fiche client\nflows: []   # aucun flux boutique → crm",
        "Ajouter le flux `boutique` → `crm` (objets `commande`, `direction`, `frequency`, `mechanism`).",
        "A feature of module `integration` that names a system (by id or name, in `title`, `scenario` or "
        "`acceptance`, ignoring accents and case) has a matching flow: that system is linked to a system of "
        "kind `crm` by at least one flow, directly or through other systems (e-shop → ERP → CRM). Not checked: "
        "systems of kind `crm`, systems being replaced (`keep: false`, their data is a migration matter) and, "
        "when the spec has flows, systems with no flow at all (F003 already reports them). The rule is silent "
        "when the spec has flows but no CRM system (see F007).",
        "\"Web orders visible in the CRM\" is priced by the vendor as a feature, but a flow delivers it: if the "
        "flow is not described (objects, direction, frequency, mechanism), nobody prices it.",
        "features:\n  - id: INT-01\n    module: integration\n    title: Show e-shop orders on the account page\n"
        "flows: []   # no eshop → crm flow",
        "Add the flow `eshop` → `crm` (objects `order`, `direction`, `frequency`, `mechanism`).",
    ),
)
def integration_system_not_connected(spec, emit):
    features = [f for f in spec.features if f.module and fold(f.module).strip() == "integration"]
    if not features:
        return
    crm_ids = _crm_ids(spec)
    if not crm_ids and spec.flows:
        return  # F007 says it once
    in_flows = {end for flow in spec.flows for end in (flow.source, flow.target) if end}
    term_to_system: dict[tuple, str] = {}
    for system in spec.systems:
        if not system.id or system.kind == "crm" or system.keep is False:
            continue
        if spec.flows and system.id not in in_flows:
            continue  # no flow at all: F003 reports the system once
        for term in (system.id, system.name):
            words = _words(term) if term else ()
            if words and len("".join(words)) >= 2 and len(words) <= _MAX_TERM_WORDS:
                term_to_system.setdefault(words, system.id)
    if not term_to_system:
        return
    connected = _connected_to_crm(spec, crm_ids)
    if all(system_id in connected for system_id in term_to_system.values()):
        return   # every system a feature could name is connected: no need to read the features
    sizes = _term_sizes(term_to_system)
    for feature in features:
        reported: set[str] = set()
        for field_name in ("title", "scenario", "acceptance"):
            text = getattr(feature, field_name)
            if not text:
                continue
            for system_id in _mentions(text, term_to_system, sizes):
                if system_id in connected or system_id in reported:
                    continue
                reported.add(system_id)
                emit(feature.where(field_name), object=feature.id or None, id=feature.id or feature.label,
                     system=system_id)


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
    if spec.flows and not _crm_ids(spec):
        emit(spec.where("systems"))
