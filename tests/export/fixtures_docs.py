"""Specs for the document-shaped exports (DOCX, Markdown, diagrams).

Plain helpers, no conftest (the directory is shared with the matrix exports):
`write_doc_spec(dir, which)` writes one of `DOC_SPECS` ("fr" complete, "en" complete, "bare"
with only the project, "sparse" with items barely filled in) and answers the directory; `load_doc_spec(dir, which)` answers the Spec.
The French spec carries text that trips document writers: Mermaid and Markdown syntax
(`|`, `"`, `:` in names, `end` as an id, `<script>`), a formula-looking title and a control
character.
"""

from __future__ import annotations

from pathlib import Path

from crmreq.loader import load_spec

FR_DOC_SPEC = r"""
crmreq: 1
project:
  name: CAP CLIENT 2027
  company: Rhôdis Équipements SAS
  lang: fr
  version: "1.3"
  date: 2026-11-15
  confidentiality: Diffusion restreinte
  authors: [Élodie Martin (cheffe de projet), Cabinet Arpège Conseil]
context:
  history: Négoce d'équipements de cuisine professionnelle depuis 1987. Le CRM de 2014 a été abandonné!
  situation:
    headcount: 1250
    sites: [Saint-Priest (69), Montpellier (34)]
    growth: "CA 2025 : 31,4 M€ HT, +6% par an."
    offer: 8 200 références actives.
    market: 4 300 clients actifs et 9 500 prospects.
  challenges:
    - Aucune vision partagée du client; historique dans des fichiers Excel.
    - "Les devis ne sont pas relancés : 65 % sans relance tracée."
stakeholders:
  - {id: elodie, name: Élodie Martin, role: Cheffe de projet CRM, team: ventes, email: elodie.martin@example.fr}
  - {id: karim, name: Karim Haddad, role: Responsable informatique, email: karim@example.fr}
teams:
  - id: ventes
    name: Commerciaux terrain
    size: 14
    mobile: true
    responsibilities: [Prospection, Suivi des comptes]
    current_tools: [Excel, Outlook]
    strengths: [Connaissance du terrain]
    weaknesses: [Pas d'historique partagé]
    phase: "1"
  - id: adv
    name: Administration des ventes
    size: 5
    mobile: false
    current_tools: [Sage 100]
  - id: sav
    name: Service après-vente
    size: 9
objectives:
  - id: OBJ-1
    title: Réduire le délai de réponse aux devis
    pain: Les devis partent en 5 jours ouvrés
    metric: délai moyen de réponse
    baseline: 5 jours
    target: 2 jours
    deadline: go-live + 6 mois
    owner: elodie
    priority: must
  - id: OBJ-2
    title: Relancer tous les devis de plus de 1 500 € HT
    metric: taux de devis relancés
    baseline: 35 %
    target: 95 %
    deadline: 2028-03-31
    owner: elodie
    priority: should
systems:
  - {id: crm, name: Nouveau CRM, kind: crm, hosting: saas, location: FR, interfaces: [api, file, webhook], keep: true}
  - {id: erp, name: Sage 100 Gestion commerciale, kind: erp, hosting: on_premise, location: FR, interfaces: [api, file], keep: true}
  - {id: end, name: "E-shop \"B2B\" | Magento", kind: ecommerce, hosting: saas, location: FR, interfaces: [api, webhook], keep: true}
  - {id: brevo, name: Brevo, kind: marketing, hosting: saas, location: EU, interfaces: [api], keep: true}
  - {id: mail, name: Microsoft 365, kind: email, hosting: saas, location: EU, interfaces: [api], keep: true}
  - {id: xls, name: Fichiers Excel, kind: spreadsheet, hosting: on_premise, location: FR, interfaces: [file], keep: false}
objects:
  - {id: comptes, name: Comptes clients, personal_data: true, fields: [raison sociale, SIRET, adresse]}
  - {id: contacts, name: Contacts, personal_data: true, fields: [nom, e-mail, téléphone]}
  - {id: commandes, name: Commandes, personal_data: false}
  - {id: devis, name: Devis, personal_data: false}
flows:
  - {id: FLX-1, from: erp, to: crm, direction: two_way, objects: [comptes, contacts], fields: {comptes: [raison sociale, SIRET]}, frequency: hourly, mechanism: api, master: erp}
  - {id: FLX-2, from: erp, to: crm, direction: one_way, objects: [commandes], frequency: daily, mechanism: file}
  - {id: FLX-3, from: end, to: crm, direction: one_way, objects: [commandes, contacts], frequency: realtime, mechanism: webhook, trigger: "Commande validée : création immédiate"}
  - {id: FLX-4, from: crm, to: brevo, direction: two_way, objects: [contacts], frequency: daily, mechanism: api, master: crm}
  - {id: FLX-5, from: mail, to: crm, direction: one_way, objects: [contacts], frequency: realtime, mechanism: api}
  - {id: FLX-6, from: end, to: erp, direction: one_way, objects: [commandes], frequency: hourly, mechanism: api}
processes:
  - {id: PR-1, name: "Devis : de la demande à la commande", teams: [ventes, adv], priority: must, phase: "1"}
  - {id: PR-2, name: Traitement des demandes SAV, teams: [sav], priority: should, phase: "2"}
features:
  - id: F-001
    module: sales
    title: Créer un devis depuis la fiche compte
    scenario: Le commercial crée un devis en 3 clics depuis la fiche compte; le devis reprend les prix Sage.
    teams: [ventes, adv]
    priority: must
    phase: "1"
    objectives: [OBJ-1]
    acceptance: Démonstration sur un compte réel.
  - id: F-002
    module: sales
    title: Relance automatique des devis
    scenario: "Relance J+7 : une tâche est créée pour le commercial | et un e-mail préparé."
    teams: [ventes]
    priority: must
    phase: "1"
    objectives: [OBJ-2]
  - id: F-003
    module: crm
    title: "=HYPERLINK(\"http://example.invalid\",\"clic\")"
    scenario: "Fiche compte unique <script>alert(1)</script> avec historique\nsur deux lignes."
    teams: [ventes, sav]
    priority: should
    phase: "1"
    objectives: [OBJ-1]
  - id: F-004
    module: support
    title: Ticket SAV depuis un e-mail
    scenario: "Un e-mail reçu sur sav@ crée un ticket \x01 rattaché au compte."
    teams: [sav]
    priority: could
    phase: "2"
    objectives: [OBJ-1]
  - id: F-005
    module: mobility
    title: Application mobile hors connexion
    scenario: Le commercial consulte ses comptes en zone blanche.
    teams: [ventes]
    priority: should
    phase: "2"
    objectives: [OBJ-1]
  - id: F-006
    module: x-btp
    title: Suivi de chantier
    scenario: Module d'un plugin.
    teams: [sav]
    priority: wont
    objectives: [OBJ-1]
nfr:
  - {id: NFR-1, category: performance, statement: La fiche client s'affiche en moins de 2 s., metric: {value: 2, unit: s, percentile: p95}, priority: must}
  - {id: NFR-2, category: availability, statement: "Disponibilité : 99,5 % en heures ouvrées.", metric: "99.5 %", priority: must}
  - {id: NFR-3, category: hosting, statement: Données hébergées dans l'Union européenne., metric: "1 région", priority: must}
rgpd:
  data_location: EU
  dpo: Karim Haddad
  purposes:
    - {id: PUR-1, name: Gestion de la relation client, legal_basis: contract, objects: [comptes, contacts], retention: durée du contrat + 3 ans}
    - {id: PUR-2, name: Prospection, legal_basis: legitimate_interest, objects: [contacts], retention: 3 ans après le dernier contact}
  consent:
    collection: Case à cocher non pré-cochée
    proof: Horodatage et source du consentement
    withdrawal: Lien de désinscription dans chaque e-mail
  rights: [access, rectification, erasure, portability, objection]
  retention: {prospects: 3 ans après le dernier contact, clients: durée du contrat + 3 ans}
  processor_agreement: true
  security_measures: [Chiffrement au repos, Authentification à deux facteurs]
  breach_notification: Notification sous 24 h au responsable de traitement.
  transfers_outside_eu: false
migration:
  - {id: MIG-1, name: Fichiers Excel des commerciaux, system: xls, format: xlsx, tables: [comptes.xlsx, visites.xlsx], volume: 12000 lignes, cleaning: Dédoublonnage par SIRET, objects: [comptes, contacts]}
budget:
  currency: EUR
  lines:
    - {category: licences, label: Licences (30 utilisateurs), amount: 24000, recurrence: yearly}
    - {category: setup, label: Paramétrage, min: 15000, max: 25000, recurrence: one_off}
    - {category: integration, label: Connecteur Sage 100, amount: 8000, recurrence: one_off}
    - {category: support, label: Support, amount: 200, recurrence: monthly}
timeline:
  go_live: 2027-09-01
  phases:
    - {id: PH-1, name: Consultation des éditeurs, duration: 6 semaines, start: 2026-12-01, actions: [Envoi du cahier des charges, Soutenances]}
    - {id: PH-2, name: "Paramétrage : lot 1", duration: 3 à 4 mois}
    - {id: PH-3, name: Reprise des données, duration: 4 semaines}
    - {id: PH-4, name: Recette et formation, start: 2027-07-01, end: 2027-08-20}
    - {id: PH-5, name: Accompagnement}
consultation:
  deliverables: [Licences pour 30 utilisateurs, Paramétrage, Reprise des données, Formation des utilisateurs clés]
  documents: [Réponse à la matrice fonctionnelle, Proposition financière détaillée]
  deadline: 2027-01-15
  criteria:
    - {id: C-1, name: Couverture fonctionnelle, weight: 40}
    - {id: C-2, name: Prix sur 3 ans, weight: 30}
    - {id: C-3, name: Hébergement dans l'UE, weight: 30, eliminatory: true}
  demos:
    - {id: D-1, title: Du devis à la commande, steps: [Créer un devis, Le relancer, Le transformer en commande], features: [F-001, F-002]}
"""

EN_DOC_SPEC = r"""
crmreq: 1
project:
  name: Services CRM
  company: Acme Consulting Ltd
  lang: en
  version: "2.1"
  date: 2026-03-01
  confidentiality: Confidential
context:
  history: Consulting firm founded in 2005.
  situation: {headcount: 120, sites: [London, Leeds]}
  challenges: [No shared view of clients]
stakeholders:
  - {id: ann, name: Ann Smith, role: Sales director}
teams:
  - {id: sales, name: Sales, size: 12, mobile: true}
objectives:
  - {id: OBJ-1, title: Faster proposals, metric: proposal lead time, baseline: 10 days, target: 4 days, deadline: go-live + 6 months, owner: ann, priority: must}
systems:
  - {id: crm, name: CRM, kind: crm, hosting: saas, location: EU, interfaces: [api]}
  - {id: erp, name: Finance, kind: erp, hosting: saas, location: EU, interfaces: [api]}
objects:
  - {id: clients, name: Clients, personal_data: true}
flows:
  - {id: FL-1, from: erp, to: crm, direction: two_way, objects: [clients], frequency: daily, mechanism: api, master: erp}
features:
  - {id: FEAT-1, module: support, title: Log a ticket from an email, scenario: An agent turns an email into a ticket., teams: [sales], priority: must, objectives: [OBJ-1]}
  - {id: FEAT-2, module: analytics, title: Weekly pipeline report, scenario: The manager receives the report on Monday., teams: [sales], priority: should, objectives: [OBJ-1]}
nfr:
  - {id: NFR-1, category: performance, statement: A customer record opens in under 2 s., metric: "2 s", priority: must}
rgpd:
  data_location: EU
  rights: [access, erasure]
budget:
  currency: EUR
  lines:
    - {category: licences, label: Licences, amount: 12000, recurrence: yearly}
timeline:
  go_live: 2026-10-01
  phases:
    - {id: P1, name: Selection, duration: 6 weeks, start: 2026-04-01}
    - {id: P2, name: Build, duration: 3 months}
consultation:
  deadline: 2026-04-30
  criteria:
    - {id: CR-1, name: Fit, weight: 60}
    - {id: CR-2, name: Price, weight: 40}
"""

BARE_DOC_SPEC = r"""
crmreq: 1
project:
  name: Projet minimal
  company: PME
  lang: fr
  date: 2026-01-10
"""

# Items with almost nothing filled in, and odd values: the writers must not stumble.
SPARSE_DOC_SPEC = r"""
crmreq: 1
project: {name: "Projet : « test »", company: "A&B <SAS>"}
context: {situation: {headcount: 5}}
stakeholders: [{id: s1}]
teams: [{id: t1}, {id: t2, name: Équipe, responsibilities: []}]
objectives: [{id: o1}, {id: o2, deadline: "dans 6 mois", target: "10 %"}]
systems: [{id: a}, {id: b, kind: crm, keep: false}]
objects: [{id: x}]
flows: [{id: f1, from: a}, {id: f2, from: a, to: b}, {id: f3, from: b, to: a, direction: two_way}, {id: f4, from: a, to: a}]
processes: [{id: p1}]
features: [{id: F1}, {id: F2, title: "| pipe", module: crm}]
nfr: [{id: N1}]
rgpd: {consent: true, rights: [erasure], transfers_outside_eu: [{system: a}]}
migration: [{id: m1}]
budget: {currency: USD, lines: [{label: L1, min: 100}, {label: L2, max: 200, recurrence: monthly}, {label: L3}]}
timeline: {phases: [{id: ph1, start: 2026-05-01, end: 2026-04-01}, {id: ph2, duration: "up to 3 weeks"}]}
consultation: {deadline: 2026-06-01, criteria: [{id: c1}], demos: [{id: d1}]}
"""

DOC_SPECS = {"fr": FR_DOC_SPEC, "en": EN_DOC_SPEC, "bare": BARE_DOC_SPEC, "sparse": SPARSE_DOC_SPEC}
FR_FEATURE_IDS = ("F-001", "F-002", "F-003", "F-004", "F-005", "F-006")


def write_doc_spec(directory: Path, which: str = "fr") -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "crmreq.yaml").write_text(DOC_SPECS[which].lstrip("\n"), encoding="utf-8")
    return directory


def load_doc_spec(directory: Path, which: str = "fr"):
    result = load_spec(write_doc_spec(directory, which))
    assert result.spec is not None
    return result.spec


def big_spec_text(n: int = 2000) -> str:
    """A French spec with `n` features spread over the modules (performance tests)."""
    modules = ("crm", "sales", "marketing", "support", "analytics", "mobility", "integration", "admin")
    lines = [FR_DOC_SPEC.split("features:\n")[0].lstrip("\n"), "features:\n"]
    for i in range(n):
        lines.append(
            f"  - {{id: G-{i:05d}, module: {modules[i % len(modules)]}, title: Besoin numéro {i}, "
            f"scenario: \"Le commercial fait l'action {i} depuis la fiche compte ; résultat attendu.\", "
            f"teams: [ventes], priority: {('must', 'should', 'could')[i % 3]}, phase: \"1\", objectives: [OBJ-1]}}\n")
    lines.append("nfr:\n" + FR_DOC_SPEC.split("nfr:\n")[1])
    return "".join(lines)
