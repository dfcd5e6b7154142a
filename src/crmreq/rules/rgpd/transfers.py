"""G008: personal data sent to a system hosted outside the EU/EEA needs a described transfer
with its safeguards; what `rgpd.transfers_outside_eu` covers is also read by G002."""

from __future__ import annotations

import re

from ...values import fold
from ...authoring import make_doc as _doc
from ...lexicons import lexicon
from .common import blank, phrases, rules, words
from .locations import allowed_codes, classify_location, location_codes


# "aucun", "none", "pas de"…: a text that starts by saying there is no transfer
_NEGATIVE = re.compile(r"^\W*(" + "|".join(lexicon("rgpd")["no-transfer"]) + r")\b")


def transfers_documented(spec) -> bool:
    """`transfers_outside_eu` describes at least one transfer with a safeguard (an entry with `safeguard`
    or `details`, or a text that does not just say "none")."""
    text = spec.rgpd.transfers_text
    if text is not None:
        return bool(text.strip()) and not _NEGATIVE.match(fold(text))
    return any(t.safeguard or not blank(t.details) for t in spec.rgpd.transfers_outside_eu)


class _TransferCover:
    """What `rgpd.transfers_outside_eu` covers, indexed once: by system (id or name), by country, or
    as a free text naming systems."""

    def __init__(self, spec):
        rgpd = spec.rgpd
        self.stated = rgpd.transfers_stated
        text = rgpd.transfers_text
        self.text = phrases(words(text)) if text is not None and text.strip() else None
        self.by_system: dict[str, bool] = {}    # folded system id/name → some entry gives a safeguard
        self.by_country: dict[str, bool] = {}   # country code → some entry gives a safeguard
        for transfer in rgpd.transfers_outside_eu:
            safe = bool(transfer.safeguard) or not blank(transfer.details)
            if transfer.system and transfer.system.strip():
                key = fold(transfer.system).strip()
                self.by_system[key] = self.by_system.get(key, False) or safe
            else:
                for code in location_codes(transfer.country):
                    self.by_country[code] = self.by_country.get(code, False) or safe

    def problem(self, system):
        """None when the transfer to `system` is covered; else why not (localised)."""
        names = [n for n in (system.id, system.name) if n and n.strip()]
        if self.text is not None:
            if any(words(n) and words(n) in self.text for n in names):
                return None
            return {"fr": "le texte de rgpd.transfers_outside_eu ne le mentionne pas",
                    "en": "the text of rgpd.transfers_outside_eu does not mention it"}
        found = [self.by_system[k] for k in (fold(n).strip() for n in names) if k in self.by_system]
        found += [self.by_country[c] for c in location_codes(system.location) if c in self.by_country]
        if any(found):
            return None
        if found:
            return {"fr": "son entrée dans rgpd.transfers_outside_eu ne donne aucune garantie (safeguard : "
                          "adequacy, dpf, scc, bcr ou derogation)",
                    "en": "its rgpd.transfers_outside_eu entry gives no safeguard (safeguard: adequacy, dpf, scc, "
                          "bcr or derogation)"}
        if self.stated is False:
            return {"fr": "rgpd.transfers_outside_eu déclare pourtant qu'il n'y a aucun transfert",
                    "en": "yet rgpd.transfers_outside_eu says there is no transfer"}
        return {"fr": "décrivez-le dans rgpd.transfers_outside_eu (système, pays, garantie)",
                "en": "describe it under rgpd.transfers_outside_eu (system, country, safeguard)"}


@rules.rule(
    "G008", "transfer-without-safeguards", "error",
    message={"fr": "Le flux {flow} envoie des données personnelles ({objects}) vers {system}, hébergé hors UE/EEE "
                   "({location}), sans garantie de transfert : {problem}",
             "en": "Flow {flow} sends personal data ({objects}) to {system}, hosted outside the EU/EEA "
                   "({location}), without transfer safeguards: {problem}"},
    doc=_doc(
        "Quand un flux transporte un objet `personal_data: true` vers un système dont la `location` est hors "
        "UE/EEE (pour un flux `two_way`, vers l'une ou l'autre extrémité), `rgpd.transfers_outside_eu` décrit "
        "ce transfert : une entrée dont `system` est ce système (ou, sans `system`, dont `country` est son "
        "pays) avec une garantie (`safeguard` : `adequacy`, `dpf`, `scc`, `bcr`, `derogation`, ou des "
        "`details`). Si `transfers_outside_eu` est un texte, il doit citer le système (id ou nom). "
        "`transfers_outside_eu: false` (« aucun transfert ») contredit le flux et est signalé. Une alerte par "
        "système, sur le premier flux concerné. Les pays acceptés sont ceux de l'option `eu-countries` de G002.",
        "Envoyer les contacts du CRM vers un outil d'envoi de courriels hébergé aux États-Unis est un transfert "
        "hors UE (RGPD chapitre V, art. 44 à 49) : il faut une décision d'adéquation (par exemple le Data Privacy "
        "Framework UE–États-Unis du 10 juillet 2023, pour les entreprises certifiées), ou des clauses "
        "contractuelles types (décision 2021/914) avec une analyse d'impact du transfert. Ces flux passent "
        "souvent inaperçus parce que l'outil est « juste un connecteur ».",
        "systems:\n  - id: mailchimp\n    location: US\nflows:\n  - id: FL-3\n    from: crm\n    to: mailchimp\n"
        "    objects: [contact]   # contact: personal_data: true",
        "Ajouter :\n```yaml\nrgpd:\n  transfers_outside_eu:\n    - system: mailchimp\n      country: US\n"
        "      safeguard: dpf\n      details: certification DPF vérifiée, CCT en complément\n```\nou choisir un "
        "outil hébergé dans l'UE.",
        "When a flow carries an object with `personal_data: true` to a system whose `location` is outside the "
        "EU/EEA (for a `two_way` flow, to either end), `rgpd.transfers_outside_eu` describes that transfer: an "
        "entry whose `system` is that system (or, without `system`, whose `country` is its country) with a "
        "safeguard (`safeguard`: `adequacy`, `dpf`, `scc`, `bcr`, `derogation`, or `details`). When "
        "`transfers_outside_eu` is a text, it must name the system (id or name). `transfers_outside_eu: false` "
        "(\"no transfer\") contradicts the flow and is reported. One finding per system, on the first flow "
        "concerned. Accepted countries are those of G002's `eu-countries` option.",
        "Sending CRM contacts to an e-mailing tool hosted in the United States is a transfer outside the EU "
        "(GDPR chapter V, art. 44–49): it needs an adequacy decision (e.g. the EU–US Data Privacy Framework of "
        "10 July 2023, for certified companies), or standard contractual clauses (decision 2021/914) with a "
        "transfer impact assessment. Such flows go unnoticed because the tool is \"just a connector\".",
        "systems:\n  - id: mailchimp\n    location: US\nflows:\n  - id: FL-3\n    from: crm\n    to: mailchimp\n"
        "    objects: [contact]   # contact: personal_data: true",
        "Add:\n```yaml\nrgpd:\n  transfers_outside_eu:\n    - system: mailchimp\n      country: US\n"
        "      safeguard: dpf\n      details: DPF certification checked, SCCs as a fallback\n```\nor choose a "
        "tool hosted in the EU.",
    ),
)
def transfer_without_safeguards(spec, emit):
    if spec.rgpd is None:
        return  # G001 covers it
    personal = {o.id for o in spec.objects if o.id and o.personal_data is True}
    if not personal:
        return
    allowed = allowed_codes(emit.option("eu-countries"))
    systems = {s.id: s for s in spec.systems if s.id}
    cover = None
    checked: dict[str, object] = {}   # system id → None (fine) or the problem, computed once
    reported: set[str] = set()
    for flow in spec.flows:
        carried = [o for o in flow.objects if o in personal]
        if not carried:
            continue
        receivers = [flow.target]
        if flow.direction == "two_way":
            receivers.append(flow.source)
        for system_id in receivers:
            system = systems.get(system_id) if system_id else None
            if system is None or system.id in reported:
                continue
            if system.id not in checked:
                problem = None
                if classify_location(system.location, allowed)[0] == "outside":
                    cover = cover or _TransferCover(spec)
                    problem = cover.problem(system)
                checked[system.id] = problem
            problem = checked[system.id]
            if problem is None:
                continue
            reported.add(system.id)
            emit(flow, object=system.id, flow=flow.id or flow.name, system=system.id,
                 objects=", ".join(carried), location=system.location, problem=problem)
