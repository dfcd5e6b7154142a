"""The sections and fields this pack adds to the spec format (cerberus rules).

    sites:            # chantiers, dépôts, agences, ateliers
      - id: CH-LYON-01
        name: Résidence Les Tilleuls (42 logements)
        kind: worksite            # worksite | depot | office | workshop
        address: 12 rue des Tilleuls, 69008 Lyon
        coordinates: {lat: 45.7356, lon: 4.8701}
        teams: [gros-oeuvre]      # team ids working there
        subcontractors: [ST-ELEC] # subcontractor ids present on the site (co-activité)
        offline: true             # poor or no mobile coverage (sous-sol, zone blanche)
        start: 2027-03-01
        end: 2028-06-30

    subcontractors:
      - id: ST-ELEC
        name: Électricité Rhône SARL
        trade: électricité        # lot / corps d'état
        amount: 85000             # contract amount, € HT (vigilance duty from 5 000 € HT)

    equipment:
      - id: PELLE-01
        name: Pelle sur chenilles 20 t
        kind: earthmoving         # earthmoving | lifting | aerial_platform | vehicle | tool | other
        count: 2

    features:
      - id: BTP-01
        btp: [site-tracking, offline]   # topics this feature covers, see TOPICS

    project:
      works_as_subcontractor: true      # the company is itself a subcontractor of other builders

Every key is optional except the `id` of each item; rules only speak when a section is used.
"""

from __future__ import annotations

SITE_KINDS = ("worksite", "depot", "office", "workshop")
EQUIPMENT_KINDS = ("earthmoving", "lifting", "aerial_platform", "vehicle", "tool", "other")

# Topics a feature can declare with `btp: [...]`; the rules also recognise them from the text.
TOPICS = (
    "site-tracking",            # suivi de chantier
    "planning",                 # planning des équipes, affectation, ordonnancement
    "offline",                  # saisie et consultation sans réseau
    "subcontractor-documents",  # attestation de vigilance URSSAF, Kbis, décennale…
    "safety-documents",         # PPSPS, plan de prévention, DUER…
    "equipment",                # parc matériel et engins
    "operator-licences",        # CACES, habilitations, autorisations de conduite
    "geolocation",              # géolocalisation des équipes ou des véhicules
    "reverse-charge-vat",       # autoliquidation de la TVA en sous-traitance
)


def _text(description: str) -> dict:
    return {"type": "string", "meta": {"description": description}}


def _id(description: str) -> dict:
    return {"type": "string", "required": True, "empty": False, "meta": {"description": description}}


def _ids(description: str) -> dict:
    return {"type": "list", "schema": {"type": "string"}, "meta": {"description": description}}


SITE = {
    "type": "dict",
    "schema": {
        "id": _id("Unique id of the site, referenced by features and rules (CH-LYON-01)."),
        "name": _text("Name of the site (chantier, dépôt, agence)."),
        "kind": {"type": "string", "allowed": list(SITE_KINDS),
                 "meta": {"description": "worksite (chantier), depot (dépôt), office (agence), workshop (atelier)."}},
        "address": _text("Postal address: routing, DT-DICT, site documents."),
        "coordinates": {
            "type": "dict",
            "schema": {"lat": {"type": "number", "min": -90, "max": 90, "required": True,
                               "meta": {"description": "Latitude in decimal degrees (-90 to 90)."}},
                       "lon": {"type": "number", "min": -180, "max": 180, "required": True,
                               "meta": {"description": "Longitude in decimal degrees (-180 to 180)."}}},
            "meta": {"description": "GPS position, {lat: 45.75, lon: 4.85} (WGS 84)."},
        },
        "teams": _ids("Ids of the teams working on this site."),
        "subcontractors": _ids("Ids of the subcontractors present on this site (co-activité)."),
        "offline": {"type": "boolean",
                    "meta": {"description": "true when the site has poor or no mobile coverage (sous-sol, zone blanche)."}},
        "start": {"type": ["date", "string"], "check_with": "date",
                  "meta": {"description": "Start of works on the site, an ISO date (2027-03-01)."}},
        "end": {"type": ["date", "string"], "check_with": "date",
                "meta": {"description": "Planned end of works (réception), an ISO date."}},
        "notes": _text("Free notes on the site."),
    },
}

SUBCONTRACTOR = {
    "type": "dict",
    "schema": {
        "id": _id("Unique id of the subcontractor, referenced by sites (ST-ELEC)."),
        "name": _text("Company name."),
        "trade": _text("Trade or lot (corps d'état): électricité, plomberie, étanchéité…"),
        "amount": {"type": "number", "min": 0,
                   "meta": {"description": "Contract amount in euros excl. VAT (vigilance duty from 5 000 € HT)."}},
        "notes": _text("Free notes on the subcontractor."),
    },
}

EQUIPMENT = {
    "type": "dict",
    "schema": {
        "id": _id("Unique id of the equipment item or group (PELLE-01)."),
        "name": _text("What it is: pelle 20 t, nacelle ciseaux 12 m, fourgon…"),
        "kind": {"type": "string", "allowed": list(EQUIPMENT_KINDS),
                 "meta": {"description": "earthmoving (engins de chantier), lifting (levage), aerial_platform "
                                         "(nacelle/PEMP), vehicle, tool, other."}},
        "count": {"type": "integer", "min": 0, "meta": {"description": "How many of them the company runs."}},
        "notes": _text("Free notes on the equipment."),
    },
}


def _section(item: dict, description: str) -> dict:
    return {"type": "list", "schema": item, "meta": {"description": description}}


EXTENSIONS = {
    "sites": _section(SITE, "BTP (crmreq-btp): sites — chantiers, dépôts, agences — with their teams and subcontractors."),
    "subcontractors": _section(SUBCONTRACTOR, "BTP (crmreq-btp): subcontractors (sous-traitants)."),
    "equipment": _section(EQUIPMENT, "BTP (crmreq-btp): equipment fleet (matériel, engins)."),
    "project.works_as_subcontractor": {
        "type": "boolean",
        "meta": {"description": "BTP (crmreq-btp): true when the company also works as a subcontractor of other "
                                "builders (its quotes and invoices then fall under the VAT reverse charge)."},
    },
    "features.btp": {"type": "list", "schema": {"type": "string", "allowed": list(TOPICS)},
                     "meta": {"description": "BTP (crmreq-btp): topics this feature covers: " + ", ".join(TOPICS) + "."}},
}
