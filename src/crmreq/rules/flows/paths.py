"""F006: an integration feature that names a system relies on flows that exist — followed in
their direction, for the objects the feature names."""

from __future__ import annotations

import re

from ...values import fold
from ...authoring import make_doc as _doc
from .common import carries, crm_ids, downstream, rules

_MAX_TERM_WORDS = 8


def _words(text: str) -> tuple[str, ...]:
    """Folded words with a simple singular (accents, case and punctuation ignored):
    « les Commandes de l'E-shop » → ("le", "commande", "de", "l", "e", "shop")."""
    words = []
    for word in re.findall(r"[^\W_]+", fold(text)):
        words.append(word[:-1] if len(word) > 3 and word[-1] in "sx" else word)
    return tuple(words)


class _Terms:
    """Names (word tuples) → what they name, found in a text as whole words in one pass."""

    def __init__(self):
        self.terms: dict[tuple, str] = {}
        self.sizes: dict[str, list[int]] = {}   # first word → the word counts of its names, longest first

    def add(self, name, value: str) -> None:
        words = _words(name) if isinstance(name, str) else ()
        if words and len("".join(words)) >= 2 and len(words) <= _MAX_TERM_WORDS:
            self.terms.setdefault(words, value)
            sizes = self.sizes.setdefault(words[0], [])
            if len(words) not in sizes:
                sizes.append(len(words))
                sizes.sort(reverse=True)

    def found_in(self, text: str) -> list[str]:
        """The values whose names occur in `text`, in text order, each once."""
        words = _words(text)
        found: list[str] = []
        for start, word in enumerate(words):
            for size in self.sizes.get(word, ()):
                value = self.terms.get(words[start:start + size])
                if value is not None:
                    if value not in found:
                        found.append(value)
                    break
        return found


def _objects(spec) -> _Terms:
    terms = _Terms()
    for obj in spec.objects:
        if obj.id:
            terms.add(obj.id, obj.id)
            terms.add(obj.name, obj.id)
    for flow in spec.flows:
        for obj in flow.objects:
            if obj:
                terms.add(obj, obj)
    return terms


def _linked(spec, system: str, crms: set[str], obj: str | None) -> bool:
    """A chain of flows, in their direction, from the system to a CRM or from a CRM to the system,
    every flow of it carrying `obj` (None: any object)."""
    return bool(crms & downstream(spec, {system}, obj)) or system in downstream(spec, crms, obj)


def _exchanged_with_crm(spec, obj: str, crms: set[str]) -> bool:
    """Some flow with a CRM at one end carries the object: the CRM has it, whatever the feature's system."""
    return any(crms & {flow.source, flow.target} and carries(flow, obj) for flow in spec.flows)


def _missing_objects(spec, system: str, crms: set[str], objects: list[str]) -> list[str] | None:
    """None when the system is linked to the CRM by no chain of flows at all; else the named objects
    that neither travel along such a chain nor reach the CRM by another flow (« la fiche client »
    names the CRM's own record, not data the system brings)."""
    if not _linked(spec, system, crms, None):
        return None
    return [o for o in objects if not _linked(spec, system, crms, o) and not _exchanged_with_crm(spec, o, crms)]


@rules.rule(
    "F006", "integration-system-not-connected", "warning",
    message={"fr": "La fonctionnalité d'intégration {id} cite le système {system}, {reason} : décrivez ce flux "
                   "dans flows (objets, sens, fréquence, mécanisme)",
             "en": "Integration feature {id} names system {system}, {reason}: describe that flow under flows "
                   "(objects, direction, frequency, mechanism)"},
    doc=_doc(
        "Une fonctionnalité du module `integration` qui cite un système (par son id ou son nom, dans `title`, "
        "`scenario` ou `acceptance`, sans tenir compte des accents, de la casse ni du pluriel) s'appuie sur des "
        "flux décrits : une chaîne de flux, suivis dans leur sens (`direction: one_way` de `from` vers `to`, "
        "`two_way` dans les deux), va de ce système à un système de type `crm` ou du CRM à ce système "
        "(boutique en ligne → ERP → CRM). Quand la fonctionnalité nomme des objets du catalogue (`objects`, "
        "par leur id ou leur nom : « les tickets », « les commandes »), chacun de ces objets voyage le long "
        "d'une telle chaîne, ou le CRM le reçoit déjà d'un autre flux (« la fiche client » désigne la fiche du "
        "CRM, pas une donnée que le système apporte) ; un flux sans `objects` compte pour tous (F002 le "
        "signale). Ne sont pas concernés : "
        "les systèmes de type `crm`, ceux qui sont remplacés (`keep: false`, leurs données relèvent de la "
        "migration) et, quand la spec a des flux, ceux qui n'en ont aucun (F003 les signale déjà). La règle "
        "se tait quand la spec a des flux mais aucun CRM déclaré (voir F007).",
        "Le besoin « commandes web visibles dans le CRM » est chiffré par l'éditeur comme une fonctionnalité, "
        "mais c'est un flux qui le réalise : s'il n'est pas décrit (objets, sens, fréquence, mécanisme), "
        "personne ne le chiffre. Un flux qui existe mais va dans l'autre sens, ou transporte d'autres données "
        "(la boutique envoie les commandes à l'outil de support, pas au CRM), ne réalise pas ce besoin non plus.",
        "features:\n  - id: INT-01\n    module: integration\n    title: Voir les tickets Zendesk dans la fiche "
        "client\nflows:\n  - {id: FL-1, from: shopify, to: zendesk, direction: one_way, objects: [commande]}\n"
        "  - {id: FL-2, from: shopify, to: crm, direction: one_way, objects: [commande]}",
        "Ajouter le flux `zendesk` → `crm` (objets `ticket`, `direction`, `frequency`, `mechanism`).",
        "A feature of module `integration` that names a system (by id or name, in `title`, `scenario` or "
        "`acceptance`, ignoring accents, case and plural) relies on described flows: a chain of flows, followed "
        "in their direction (`direction: one_way` from `from` to `to`, `two_way` both ways), goes from that "
        "system to a system of kind `crm`, or from the CRM to that system (e-shop → ERP → CRM). When the "
        "feature names objects of the catalogue (`objects`, by id or name: \"tickets\", \"orders\"), each of them "
        "travels along such a chain, or the CRM already gets it from another flow (\"the customer record\" is the "
        "CRM's record, not data the system brings); a flow without `objects` counts for all (F002 reports it). Not "
        "checked: systems of kind `crm`, systems being replaced (`keep: false`, their data is a migration "
        "matter) and, when the spec has flows, systems with no flow at all (F003 already reports them). The "
        "rule is silent when the spec has flows but no CRM system (see F007).",
        "\"Web orders visible in the CRM\" is priced by the vendor as a feature, but a flow delivers it: if the "
        "flow is not described (objects, direction, frequency, mechanism), nobody prices it. A flow that exists "
        "but runs the other way, or carries other data (the shop sends orders to the help desk, not to the "
        "CRM), does not deliver it either.",
        "features:\n  - id: INT-01\n    module: integration\n    title: Show Zendesk tickets on the account\n"
        "flows:\n  - {id: FL-1, from: shopify, to: zendesk, direction: one_way, objects: [order]}\n"
        "  - {id: FL-2, from: shopify, to: crm, direction: one_way, objects: [order]}",
        "Add the flow `zendesk` → `crm` (objects `ticket`, `direction`, `frequency`, `mechanism`).",
    ),
)
def integration_system_not_connected(spec, emit):
    features = [f for f in spec.features if f.module and fold(f.module).strip() == "integration"]
    if not features:
        return
    crms = crm_ids(spec)
    if not crms and spec.flows:
        return  # F007 says it once
    in_flows = {end for flow in spec.flows for end in (flow.source, flow.target) if end}
    systems = _Terms()
    for system in spec.systems:
        if not system.id or system.kind == "crm" or system.keep is False:
            continue
        if spec.flows and system.id not in in_flows:
            continue  # no flow at all: F003 reports the system once
        systems.add(system.id, system.id)
        systems.add(system.name, system.id)
    if not systems.terms:
        return
    objects = _objects(spec)
    for feature in features:
        reported: set[str] = set()
        texts = [(name, getattr(feature, name)) for name in ("title", "scenario", "acceptance")]
        named_objects = [o for _, text in texts if isinstance(text, str) for o in objects.found_in(text)]
        for field_name, text in texts:
            if not isinstance(text, str) or not text:
                continue
            for system_id in systems.found_in(text):
                if system_id in reported:
                    continue
                missing = _missing_objects(spec, system_id, crms, named_objects) if crms else None
                if missing == []:
                    continue
                reported.add(system_id)
                emit(feature.where(field_name), object=feature.id or None, id=feature.id or feature.label,
                     system=system_id, reason=_reason(system_id, missing))


def _reason(system: str, missing: list[str] | None) -> dict:
    if missing:
        shown = ", ".join(dict.fromkeys(missing))
        return {"fr": f"mais aucun flux n'échange {shown} entre {system} et le CRM",
                "en": f"but no flow carries {shown} between {system} and the CRM"}
    return {"fr": "qu'aucun flux ne relie au CRM dans le sens des flux",
            "en": "which no flow connects to the CRM, following the flows' direction"}
