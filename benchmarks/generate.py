#!/usr/bin/env python3
"""Generate a large, valid crmreq spec for benchmarks: N features over many files.

    python benchmarks/generate.py --features 10000 --out /tmp/spec-10k [--seed 1]

Layout (like examples/fr-negoce, scaled up):

    crmreq.yaml            project, context, include globs
    equipes.yaml           stakeholders, teams, processes
    objectifs.yaml         SMART objectives
    si.toml                systems, data objects, flows            (TOML)
    besoins/0001-crm.yaml  features, --per-file per file (default 500);
    besoins/0004-….toml    every --toml-every-th file is TOML (default 4th)
    exigences.toml         non-functional requirements, RGPD       (TOML)
    projet.yaml            migration, budget, timeline, consultation (criteria, demos)

Every section grows with N in a realistic proportion (one objective per 40 features, one
NFR per 20, one process per 100, one demo per 40 must-have features…). The text is
French, written from templates and word lists, with accents and typographic apostrophes.
The spec is schema-valid (no E finding) and nearly clean; `--defects RATE` (default 0.01)
leaves a small share of features with a vague word or no objective, so the reporters
have something to print, as in real life. Same seed, same bytes.

Every file stays far below the default 5 MB per-file limit (a 500-feature file is about
400 KB); the script refuses to write a file over 4.5 MB.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import textwrap
from pathlib import Path

MAX_FILE_BYTES = int(4.5 * 1024 * 1024)

MODULES = {
    "crm": "CLI", "sales": "VEN", "marketing": "MKT", "support": "SAV",
    "analytics": "PIL", "mobility": "MOB", "integration": "INT", "admin": "ADM",
}
MODULE_WEIGHTS = {"crm": 20, "sales": 22, "marketing": 14, "support": 14, "analytics": 8,
                  "mobility": 8, "integration": 6, "admin": 8}

TEAMS = [
    ("commerciaux-terrain", "Commerciaux terrain (attachés technico-commerciaux)", True),
    ("televente", "Télévente et prise de commandes par téléphone", False),
    ("adv", "Administration des ventes (ADV)", False),
    ("marketing", "Marketing et e-commerce", False),
    ("sav", "Service client et SAV", False),
    ("techniciens", "Techniciens d'intervention", True),
    ("direction", "Direction générale et direction commerciale", True),
    ("controle-gestion", "Contrôle de gestion", False),
    ("achats", "Achats et approvisionnement", False),
    ("grands-comptes", "Responsables grands comptes", True),
    ("export", "Service export (Belgique, Suisse, Espagne)", False),
    ("formation", "Formation et animation du réseau", False),
]
PEOPLE = [
    ("Claire", "Vasseur"), ("Marc", "Delorme"), ("Sophie", "Lambert"), ("Élodie", "Martin"),
    ("Karim", "Haddad"), ("Nadia", "Benali"), ("Julie", "Moreau"), ("Thomas", "Girard"),
    ("Julien", "Perrin"), ("Inès", "Carvalho"), ("François", "Lefèvre"), ("Hélène", "Roché"),
    ("Loïc", "Le Goff"), ("Maëlle", "Kerjean"), ("Benoît", "Dufresne"), ("Chloé", "N'Diaye"),
    ("Grégoire", "Aubry"), ("Zoé", "Marchand"), ("Noël", "Besançon"), ("Anaïs", "Cœur"),
    ("Jérôme", "Pécresse"), ("Léa", "Müller"), ("Raphaël", "Ortiz"), ("Agnès", "Dupré"),
]
SITES = ["Saint-Priest (69)", "Montpellier (34)", "Clermont-Ferrand (63)", "Grenoble (38)", "Dijon (21)",
         "Annecy (74)", "Nîmes (30)", "Valence (26)", "Besançon (25)", "Perpignan (66)"]

OBJECTS = [
    ("compte", "Compte client ou prospect (établissement)", True,
     ["code client", "raison sociale", "enseigne", "SIRET", "adresse de facturation", "segment"]),
    ("contact", "Contact (interlocuteur chez un compte)", True,
     ["civilité", "nom", "prénom", "fonction", "e-mail professionnel", "téléphone mobile"]),
    ("prospect", "Lead (demande entrante non qualifiée)", True,
     ["nom", "prénom", "établissement", "e-mail", "téléphone", "origine"]),
    ("opportunite", "Opportunité (projet d'équipement)", False,
     ["compte", "montant estimé HT", "étape", "probabilité", "motif de perte"]),
    ("devis", "Devis", False, ["numéro", "compte", "lignes", "montant HT", "date d'envoi", "statut"]),
    ("commande", "Commande", False, ["numéro", "devis d'origine", "canal", "lignes", "montant HT"]),
    ("facture", "Facture (consultation seule)", False, ["numéro", "date", "montant TTC", "échéance"]),
    ("article", "Article et tarif", False, ["référence", "désignation", "famille", "prix de vente"]),
    ("activite", "Activité (visite, appel, e-mail, note)", True,
     ["type", "date", "auteur", "compte", "contact", "compte-rendu"]),
    ("ticket", "Ticket SAV ou réclamation", True, ["numéro", "compte", "demandeur", "priorité", "statut"]),
    ("equipement", "Équipement installé (parc client)", False,
     ["compte", "article", "numéro de série", "fin de garantie"]),
    ("consentement", "Consentement et opposition par canal", True,
     ["contact", "canal", "statut", "date", "source"]),
    ("contrat", "Contrat de maintenance", False, ["numéro", "compte", "date de début", "date de fin"]),
    ("campagne", "Campagne marketing", False, ["nom", "canal", "cible", "date d'envoi", "coût"]),
]
PERSONAL_OBJECTS = [o[0] for o in OBJECTS if o[2]]

# (kind, hosting, location, interfaces, mechanism, frequency, names)
SYSTEM_KINDS = [
    ("erp", "on_premise", "FR", ["api", "file"], "api", "on_event", ["Sage 100", "Cegid XRP", "Divalto", "EBP Gestion"]),
    ("ecommerce", "on_premise", "FR", ["api", "webhook"], "webhook", "on_event", ["PrestaShop", "Magento", "WooCommerce"]),
    ("email", "saas", "EU", ["api"], "api", "realtime", ["Microsoft 365", "Google Workspace"]),
    ("telephony", "saas", "FR", ["api", "webhook"], "webhook", "on_event", ["Ringover", "Aircall", "Diabolocom"]),
    ("marketing", "saas", "EU", ["api", "webhook", "file"], "api", "hourly", ["Brevo", "Sarbacane", "Mailjet"]),
    ("billing", "saas", "FR", ["api", "file"], "file", "daily", ["Pennylane", "Sellsy Facturation"]),
    ("support", "saas", "EU", ["api", "webhook"], "api", "realtime", ["Zendesk", "Freshdesk"]),
    ("website", "on_premise", "FR", ["api", "webhook"], "webhook", "on_event", ["Site vitrine WordPress", "Portail client"]),
    ("calendar", "saas", "EU", ["api"], "api", "realtime", ["Agendas Outlook", "Calendly"]),
    ("spreadsheet", "on_premise", "FR", ["file"], "file", "manual", ["Fichiers Excel des commerciaux", "Classeurs de l'ADV"]),
]

ACTORS = ["le commercial terrain", "la télévendeuse", "l'assistante ADV", "le responsable SAV",
          "la cheffe de marché", "le directeur commercial", "le technicien", "la responsable grands comptes",
          "le contrôleur de gestion", "l'administratrice du CRM"]
THINGS = ["la fiche compte", "le devis", "l'opportunité", "la commande", "le ticket SAV", "le contrat de maintenance",
          "la campagne e-mail", "le lead web", "le compte-rendu de visite", "la relance", "le tableau de bord",
          "la tournée", "l'équipement installé", "la demande de prix", "la réclamation"]
CONTEXTS = ["chez le client, depuis mon téléphone", "au bureau, entre deux appels", "le lundi matin en réunion d'équipe",
            "dans la voiture, entre deux visites", "pendant la permanence téléphonique", "en fin de mois, pour la clôture",
            "lors du salon Sirha", "à l'agence de Montpellier", "en visioconférence avec le client",
            "pendant l'inventaire du parc installé"]
ACTIONS = [
    ("Consulter", "je consulte {thing} avec l'historique des {n} dernières interactions, les commandes et les tickets ouverts"),
    ("Créer", "je crée {thing} en {n} clics à partir du compte, les champs connus étant repris de Sage 100"),
    ("Relancer", "je relance {thing} à J+{n} ; sans réponse à J+{m}, mon responsable reçoit une alerte"),
    ("Affecter", "j'affecte {thing} à un collègue du secteur ; il reçoit une notification en moins de {n} minutes"),
    ("Valider", "je valide {thing} au-delà de {n} % de remise, depuis l'application mobile, avec un motif obligatoire"),
    ("Suivre", "je suis {thing} dans une vue en colonnes par étape ; le montant pondéré se recalcule à chaque déplacement"),
    ("Exporter", "j'exporte {thing} au format XLSX avec les {n} colonnes choisies, dans le respect de mes droits"),
    ("Planifier", "je planifie {thing} sur la carte du secteur pour les {n} prochains jours, en tenant compte des créneaux"),
    ("Qualifier", "je qualifie {thing} avec {n} critères (segment, potentiel, équipement en place) et un score calculé"),
    ("Fusionner", "je fusionne {thing} en double (même SIRET) en gardant l'historique des {n} sources"),
    ("Mesurer", "je mesure {thing} chaque semaine : {n} indicateurs par commercial, comparés au même mois de l'an passé"),
    ("Signer", "je fais signer {thing} électroniquement ; le statut passe à « accepté » et l'ADV est prévenue en {n} min"),
]
CLOSINGS = [
    "Aujourd'hui cette information est dans un fichier Excel personnel et se perd au départ d'un collaborateur.",
    "Sans cela, l'ADV ressaisit chaque semaine plusieurs dizaines de documents dans Sage 100.",
    "C'est la première question posée par le client au téléphone ; il faut y répondre sans le rappeler.",
    "Le directeur commercial s'appuie sur ces chiffres pour la revue de pipeline du lundi.",
    "La même information doit être visible par le SAV quand le client appelle pour une panne.",
    "Les règles de conservation RGPD s'appliquent : les données expirées sont anonymisées.",
    "Le client reçoit un accusé de réception avec le nom de son interlocuteur.",
    "Les droits d'accès suivent le secteur géographique du collaborateur.",
]
ACCEPTANCES = [
    "L'éditeur montre, sur le jeu de données fourni ({n} comptes), {thing} créé(e) puis retrouvé(e) en moins de {m} s.",
    "Pendant la démonstration, l'éditeur réalise le scénario de bout en bout sur un smartphone, hors connexion puis après resynchronisation.",
    "L'éditeur paramètre la règle devant nous en moins de {m} minutes, sans développement, puis la déclenche sur {n} enregistrements.",
    "L'éditeur importe le fichier d'exemple de {n} lignes et montre {thing} mis(e) à jour, avec l'historique de la modification.",
    "Le scénario est rejoué avec un profil « commercial » : les enregistrements d'un autre secteur ne sont pas visibles.",
]
VAGUE = ["intuitive", "rapide", "conviviale", "simple", "flexible"]

NFR_TEMPLATES = {
    "performance": ("95 % des ouvertures de fiche compte s'affichent en moins de {v} s avec {n} utilisateurs connectés.", "s"),
    "availability": ("Le service est disponible {v} % du temps chaque mois, hors maintenances annoncées {n} h à l'avance.", "%"),
    "security": ("Les données sont chiffrées en transit (TLS 1.2 ou ultérieur) et au repos avec des clés de {v} bits.", "bits"),
    "access_control": ("Le modèle de droits distingue au moins {v} rôles et restreint l'accès par secteur et par champ.", "rôles"),
    "audit": ("Le journal des modifications et des connexions est conservé {v} mois et exportable en CSV.", "mois"),
    "backup": ("Les données sont sauvegardées chaque jour ; la perte maximale admissible (RPO) est de {v} h.", "h"),
    "reversibility": ("En fin de contrat, l'intégralité des données est remise aux formats CSV et JSON sous {v} jours.", "jours"),
    "scalability": ("La solution accepte {v} utilisateurs et {n} 000 contacts sans changement d'édition.", "utilisateurs"),
    "usability": ("Un commercial formé saisit un compte-rendu de visite et la prochaine action en moins de {v} s.", "s"),
    "accessibility": ("Les écrans de saisie respectent le niveau AA du RGAA 4.1 sur au moins {v} % des pages.", "%"),
    "localisation": ("{v} % des écrans, messages et aides en ligne sont en français, dates au format JJ/MM/AAAA.", "%"),
    "mobility": ("L'application mobile garde hors connexion les {v} comptes du portefeuille et synchronise en moins de {n} s.", "comptes"),
    "hosting": ("Les données et leurs sauvegardes sont hébergées à {v} % dans l'Union européenne.", "%"),
    "support": ("Un incident bloquant reçoit une première intervention en {v} h ouvrées, en français.", "h"),
    "interoperability": ("L'API REST documentée accepte au moins {v} appels par jour inclus dans l'abonnement.", "appels par jour"),
}
NFR_VALUES = {"performance": [1, 2, 3], "availability": [99.5, 99.9], "security": [128, 256],
              "access_control": [4, 5, 6], "audit": [12, 24], "backup": [4, 12, 24], "reversibility": [15, 30],
              "scalability": [70, 120, 250], "usability": [60, 90], "accessibility": [80, 100],
              "localisation": [100], "mobility": [300, 500], "hosting": [100], "support": [1, 2, 4],
              "interoperability": [10000, 50000]}

PRIORITIES = ["indispensable"] * 35 + ["important"] * 40 + ["confort"] * 20 + ["wont"] * 5


class Writer:
    """Tiny YAML and TOML emitters for the shapes we produce (deterministic, no dependency)."""

    @staticmethod
    def yq(text: str) -> str:
        """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
        return json.dumps(text, ensure_ascii=False)

    @staticmethod
    def yplain(text: str) -> str:
        """Plain scalar when safe, quoted otherwise."""
        risky = (not text or text[0] in "-?:,[]{}#&*!|>'\"%@`0123456789+. " or ": " in text or " #" in text
                 or text.endswith(":") or text.lower() in ("yes", "no", "true", "false", "null", "on", "off", "~"))
        return Writer.yq(text) if risky else text

    @staticmethod
    def yfolded(text: str, indent: int) -> str:
        pad = " " * indent
        lines = textwrap.wrap(text, 78 - indent, break_long_words=False, break_on_hyphens=False)
        return ">-\n" + "\n".join(pad + line for line in lines)

    @staticmethod
    def yflow(items) -> str:
        return "[" + ", ".join(Writer.yplain(i) for i in items) + "]"

    @staticmethod
    def tq(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # JSON strings are TOML basic strings for our text

    @staticmethod
    def tarr(items) -> str:
        return "[" + ", ".join(Writer.tq(i) if isinstance(i, str) else str(i) for i in items) + "]"


W = Writer


class Generator:
    def __init__(self, features: int, seed: int, per_file: int, toml_every: int, defects: float):
        self.n = features
        self.rng = random.Random(seed)
        self.per_file = per_file
        self.toml_every = toml_every
        self.defects = defects
        self.go_live = "2027-09-06"
        self.spec_date = "2026-11-15"

    # -- model ------------------------------------------------------------------
    def build(self) -> None:
        r, n = self.rng, self.n
        self.teams = TEAMS[: min(len(TEAMS), 6 + n // 2000)]
        self.team_ids = [t[0] for t in self.teams]
        n_stake = 4 + 2 * len(self.teams)
        self.stakeholders = []
        for i in range(n_stake):
            first, last = PEOPLE[i % len(PEOPLE)]
            team = self.team_ids[i % len(self.team_ids)]
            sid = f"pers-{i + 1:03d}"
            self.stakeholders.append((sid, f"{first} {last}", team))
        self.owner_ids = [s[0] for s in self.stakeholders]
        self.objects = OBJECTS
        self.n_objectives = max(6, n // 40)
        self.objective_ids = [f"OBJ-{i + 1:04d}" for i in range(self.n_objectives)]
        # systems: the CRM, then every kind cycling, more names as the spec grows
        self.systems = [("crm", "Futur CRM (solution retenue à l'issue de la consultation)", "crm", "saas", "EU",
                         ["api", "webhook", "file"], None, None)]
        n_sys = 8 + n // 1000
        for i in range(n_sys - 1):
            kind, hosting, loc, itf, mech, freq, names = SYSTEM_KINDS[i % len(SYSTEM_KINDS)]
            name = names[(i // len(SYSTEM_KINDS)) % len(names)]
            suffix = f" — instance {i // len(SYSTEM_KINDS) + 1}" if i >= len(SYSTEM_KINDS) else ""
            self.systems.append((f"sys-{kind}-{i + 1:03d}", name + suffix, kind, hosting, loc, itf, mech, freq))
        self.n_processes = max(5, n // 100)
        self.n_nfr = max(len(NFR_TEMPLATES), n // 20)
        self.n_sources = 4 + n // 5000
        # features: module, priority, phase, objectives
        modules = list(MODULE_WEIGHTS)
        weights = [MODULE_WEIGHTS[m] for m in modules]
        self.features = []
        counters = {m: 0 for m in modules}
        for i in range(n):
            module = r.choices(modules, weights)[0]
            counters[module] += 1
            fid = f"{MODULES[module]}-{counters[module]:05d}"
            priority = PRIORITIES[r.randrange(len(PRIORITIES))]
            phase = 1 if priority == "indispensable" else r.choice([1, 1, 2, 2, 3])
            self.features.append((fid, module, priority, phase))
        # every objective is served by at least one feature: round-robin first, random after
        in_scope = [i for i, f in enumerate(self.features) if f[2] != "wont"]
        self.feature_objectives = {}
        for k, index in enumerate(in_scope):
            objs = {self.objective_ids[k % self.n_objectives]}
            if r.random() < 0.4:
                objs.add(r.choice(self.objective_ids))
            self.feature_objectives[index] = sorted(objs)
        self.must_ids = [f[0] for f in self.features if f[2] == "indispensable"]

    # -- text -------------------------------------------------------------------
    def feature_text(self, fid: str, module: str):
        r = self.rng
        verb, template = r.choice(ACTIONS)
        thing = r.choice(THINGS)
        a, b = r.randint(2, 30), r.randint(31, 60)
        title = f"{verb} {thing} ({module}, {fid.lower()})"
        scenario = (f"{r.choice(CONTEXTS).capitalize()}, {template.format(thing=thing, n=a, m=b)}. "
                    f"{r.choice(CLOSINGS)}")
        if r.random() < 0.15:
            scenario += " " + r.choice(CLOSINGS)
        acceptance = r.choice(ACCEPTANCES).format(thing=thing, n=r.choice([50, 200, 1200, 8200]), m=r.randint(2, 10))
        return title, scenario, acceptance

    # -- files ------------------------------------------------------------------
    def entry(self, feature_globs) -> str:
        r = self.rng
        out = [
            "# yaml-language-server: $schema=../../schemas/crmreq.schema.json",
            "#",
            f"# Cahier des charges CRM généré pour les mesures de performance ({self.n} besoins).",
            "# Fichier d'entrée : identité du document et contexte ; le reste est inclus.",
            "",
            "crmreq: 1",
            "",
            "include:",
            "  - equipes.yaml",
            "  - objectifs.yaml",
            "  - si.toml",
            *[f"  - {g}" for g in feature_globs],
            "  - exigences.toml",
            "  - projet.yaml",
            "",
            "project:",
            f"  name: Projet CAP CLIENT {self.n} — nouveau CRM",
            "  company: Rhôdis Équipements SAS",
            "  lang: fr",
            '  version: "1.3"',
            f"  date: {self.spec_date}",
            "  confidentiality: Document à diffusion restreinte",
            "  authors:",
            "    - Élodie Martin (cheffe de projet CRM)",
            "    - Cabinet Arpège Conseil (assistance à maîtrise d'ouvrage)",
            "",
            "context:",
            "  history: " + W.yfolded(
                "Rhôdis Équipements a été créée en 1987 à Saint-Priest pour distribuer du matériel de cuisine aux "
                "restaurateurs lyonnais. Un CRM installé en 2014 a été abandonné en 2017 faute d'application mobile ; "
                "les commerciaux sont revenus à des fichiers Excel personnels.", 4),
            "  situation:",
            f"    headcount: {80 + self.n // 100}",
            "    sites:",
            *[f"      - {W.yplain(s)}" for s in SITES[: 3 + self.n // 20000]],
            "    growth: Chiffre d'affaires 2025 de 31,4 M€ HT, en hausse de 6 % par an depuis 2022.",
            "    offer: 8 200 références actives, installation, maintenance et dépannage.",
            "    market: Environ 4 300 clients actifs et 9 500 prospects en Auvergne-Rhône-Alpes et Occitanie.",
            "  challenges:",
        ]
        for text in CLOSINGS[:5]:
            out.append("    - " + W.yplain(text))
        return "\n".join(out) + "\n"

    def equipes(self) -> str:
        r = self.rng
        out = ["# Intervenants, équipes concernées et processus métier.", "", "stakeholders:"]
        for sid, name, team in self.stakeholders:
            first = name.split()[0].lower().replace("é", "e").replace("ë", "e").replace("ï", "i")
            out += [f"  - id: {sid}", f"    name: {W.yplain(name)}",
                    f"    role: {W.yplain('Utilisateur clé — ' + dict((t[0], t[1]) for t in self.teams)[team])}",
                    f"    team: {team}", f"    email: {first}.{sid}@rhodis-equipements.example"]
        out += ["", "teams:"]
        for tid, name, mobile in self.teams:
            out += [f"  - id: {tid}", f"    name: {W.yplain(name)}", f"    size: {r.randint(2, 40)}",
                    f"    mobile: {'true' if mobile else 'false'}", "    phase: 1",
                    "    responsibilities:",
                    f"      - {W.yplain('Traiter les demandes clients du secteur dans la journée')}",
                    f"      - {W.yplain('Tenir à jour les comptes et contacts du portefeuille')}",
                    "    current_tools:",
                    "      - Outlook",
                    "      - Sage 100 consulté par VPN",
                    "    strengths: Connaissance fine des clients et des produits.",
                    "    weaknesses: Informations dispersées dans des fichiers personnels."]
        out += ["", "processes:"]
        for i in range(self.n_processes):
            teams = sorted(r.sample(self.team_ids, 2))
            out += [f"  - id: proc-{i + 1:04d}",
                    f"    name: {W.yplain(r.choice(ACTIONS)[0] + ' ' + r.choice(THINGS) + f' (processus {i + 1})')}",
                    f"    teams: {W.yflow(teams)}",
                    f"    priority: {r.choice(['indispensable', 'important', 'confort'])}",
                    f"    phase: {r.choice([1, 1, 2])}"]
        return "\n".join(out) + "\n"

    def objectifs(self) -> str:
        r = self.rng
        out = ["# Objectifs SMART du projet.", "", "objectives:"]
        relative = ["12 mois après la mise en production", "T+6 mois", "go-live + 3 months",
                    "3 mois après le lancement", "6 mois après la mise en production"]
        for oid in self.objective_ids:
            base = r.randint(10, 40)
            target = base + r.randint(10, 50)
            verb, _ = r.choice(ACTIONS)
            title = f"Porter le taux de {r.choice(THINGS)[3:] if r.random() < 0.5 else 'devis transformés'} de {base} % à {target} %"
            deadline = r.choice(relative) if r.random() < 0.7 else f"2028-0{r.randint(1, 9)}-{r.randint(10, 28)}"
            out += [f"  - id: {oid}", f"    title: {W.yplain(title)}",
                    "    pain: " + W.yfolded(f"« {r.choice(CLOSINGS)} » — {r.choice(ACTORS)}, atelier de cadrage.", 6),
                    f"    metric: {W.yplain('part des ' + r.choice(['devis', 'visites', 'tickets', 'leads']) + ' traités dans le délai, sur 12 mois glissants')}",
                    f"    baseline: \"{base} %\"", f"    target: \"{target} %\"",
                    f"    deadline: {W.yplain(deadline)}",
                    f"    owner: {r.choice(self.owner_ids)}",
                    f"    priority: {r.choice(['indispensable', 'important'])}"]
        return "\n".join(out) + "\n"

    def si(self) -> str:
        r = self.rng
        out = ["#:schema ../../schemas/crmreq.schema.json", "# Système d'information cible.", ""]
        for sid, name, kind, hosting, loc, itf, _m, _f in self.systems:
            out += ["[[systems]]", f"id = {W.tq(sid)}", f"name = {W.tq(name)}", f"kind = {W.tq(kind)}",
                    f"hosting = {W.tq(hosting)}", f"location = {W.tq(loc)}", f"interfaces = {W.tarr(itf)}",
                    "keep = true", f"owner = {W.tq(r.choice(self.owner_ids))}", ""]
        for oid, name, personal, fields in self.objects:
            out += ["[[objects]]", f"id = {W.tq(oid)}", f"name = {W.tq(name)}",
                    f"personal_data = {'true' if personal else 'false'}", f"fields = {W.tarr(fields)}", ""]
        obj_ids = [o[0] for o in self.objects]
        flow = 0
        for sid, name, kind, hosting, loc, itf, mech, freq in self.systems[1:]:
            for k in range(1 + (flow % 2)):
                flow += 1
                objs = sorted(r.sample(obj_ids, 2))
                two_way = kind in ("erp", "calendar") and k == 0
                out += ["[[flows]]", f"id = {W.tq(f'flux-{flow:04d}')}",
                        f"from = {W.tq(sid if k == 0 else 'crm')}", f"to = {W.tq('crm' if k == 0 else sid)}",
                        f"direction = {W.tq('two_way' if two_way else 'one_way')}", f"objects = {W.tarr(objs)}",
                        f"frequency = {W.tq(freq)}", f"mechanism = {W.tq(mech)}",
                        f"trigger = {W.tq('Création ou modification dans ' + name + ' (flux ' + str(flow) + ')')}"]
                if two_way:
                    out.append(f"master = {W.tq(sid)}")
                out.append("[flows.fields]")
                for o in objs:
                    fields = dict((x[0], x[3]) for x in self.objects)[o]
                    out.append(f"{o} = {W.tarr(fields[:3])}")
                out.append("")
        return "\n".join(out)

    def features_file(self, chunk, fmt: str) -> str:
        r = self.rng
        if fmt == "toml":
            out = ["#:schema ../../../schemas/crmreq.schema.json", "# Besoins fonctionnels (TOML).", ""]
        else:
            out = ["# yaml-language-server: $schema=../../../schemas/crmreq.schema.json",
                   "# Besoins fonctionnels.", "", "features:"]
        for index in chunk:
            fid, module, priority, phase = self.features[index]
            title, scenario, acceptance = self.feature_text(fid, module)
            objectives = self.feature_objectives.get(index, [])
            if self.defects and r.random() < self.defects:
                if r.random() < 0.5:
                    scenario = f"L'écran doit être {r.choice(VAGUE)}. " + scenario  # W001
                else:
                    objectives = []                                                 # T001
            teams = sorted(r.sample(self.team_ids, r.randint(1, 3)))
            if index < len(self.team_ids):  # every team has at least one feature (T003)
                teams = sorted(set(teams) | {self.team_ids[index]})
            if fmt == "toml":
                out += ["[[features]]", f"id = {W.tq(fid)}", f"module = {W.tq(module)}", f"title = {W.tq(title)}",
                        f"scenario = {W.tq(scenario)}", f"teams = {W.tarr(teams)}",
                        f"priority = {W.tq(priority)}", f"phase = {phase}"]
                if objectives:
                    out.append(f"objectives = {W.tarr(objectives)}")
                out += [f"acceptance = {W.tq(acceptance)}", ""]
            else:
                out += [f"  - id: {fid}", f"    module: {module}", f"    title: {W.yplain(title)}",
                        "    scenario: " + W.yfolded(scenario, 6), f"    teams: {W.yflow(teams)}",
                        f"    priority: {priority}", f"    phase: {phase}"]
                if objectives:
                    out.append(f"    objectives: {W.yflow(objectives)}")
                out += ["    acceptance: " + W.yfolded(acceptance, 6), ""]
        return "\n".join(out) + "\n"

    def exigences(self) -> str:
        r = self.rng
        out = ["#:schema ../../schemas/crmreq.schema.json", "# Exigences non fonctionnelles et RGPD.", ""]
        categories = list(NFR_TEMPLATES)
        for i in range(self.n_nfr):
            category = categories[i % len(categories)]
            template, unit = NFR_TEMPLATES[category]
            value = r.choice(NFR_VALUES[category])
            statement = template.format(v=str(value).replace(".", ","), n=r.randint(20, 90))
            out += ["[[nfr]]", f"id = {W.tq(f'ENF-{i + 1:05d}')}", f"category = {W.tq(category)}",
                    f"statement = {W.tq(statement)}",
                    f"metric = {{ value = {value}, unit = {W.tq(unit)} }}",
                    f"priority = {W.tq(r.choice(['indispensable', 'important']))}", ""]
        out += ["[rgpd]", 'data_location = "EU"',
                'rights = ["access", "rectification", "erasure", "portability", "objection", "restriction"]',
                "processor_agreement = true",
                'dpo = "Référente RGPD : Sophie Lambert, DAF"',
                'security_measures = ["Chiffrement TLS 1.2 et AES-256", "Authentification multifacteur", '
                '"Journalisation conservée 12 mois"]',
                'breach_notification = "Notification à la référente RGPD sous 24 h, pour une notification CNIL sous 72 h (art. 33)."',
                ""]
        bases = ["contract", "legitimate_interest", "consent", "legal_obligation"]
        for i in range(max(4, self.n // 2000)):
            objs = sorted(r.sample(PERSONAL_OBJECTS, 2))
            out += ["[[rgpd.purposes]]", f"id = {W.tq(f'fin-{i + 1:03d}')}",
                    f"name = {W.tq('Finalité de traitement n° ' + str(i + 1) + ' : gestion de la relation client')}",
                    f"legal_basis = {W.tq(bases[i % len(bases)])}", f"objects = {W.tarr(objs)}",
                    'retention = "3 ans à compter du dernier contact émanant de la personne"', ""]
        out += ["[rgpd.consent]",
                'collection = "Case à cocher non pré-cochée, une par canal, texte d\'information versionné."',
                'proof = "Objet consentement : canal, statut, date, source, version du texte."',
                'withdrawal = "Lien de désinscription dans chaque e-mail ; prise en compte sous 24 h."', "",
                "[rgpd.retention]"]
        for o in PERSONAL_OBJECTS:
            out.append(f'{o} = "3 ans après le dernier contact émanant de la personne"')
        return "\n".join(out) + "\n"

    def projet(self) -> str:
        r = self.rng
        out = ["# Déroulé du projet : reprise de données, budget, planning, consultation.", "", "migration:"]
        erp = [s for s in self.systems if s[2] in ("erp", "spreadsheet", "marketing")]
        for i in range(self.n_sources):
            system = erp[i % len(erp)]
            out += [f"  - id: mig-{i + 1:03d}", f"    name: {W.yplain('Reprise depuis ' + system[1])}",
                    f"    system: {system[0]}", "    format: CSV (séparateur point-virgule, UTF-8)",
                    f"    tables: {W.yflow(['Sociétés', 'Contacts', 'Actions'])}",
                    f"    volume: {{value: {r.randint(1000, 90000)}, unit: enregistrements}}",
                    "    cleaning: " + W.yfolded("Dédoublonnage sur le SIRET puis sur le couple nom + code postal ; "
                                                 "les prospects inactifs depuis plus de 3 ans ne sont pas repris.", 6),
                    f"    objects: {W.yflow(sorted(r.sample(PERSONAL_OBJECTS, 2)))}"]
        out += ["", "budget:", "  currency: EUR", "  lines:"]
        categories = ["licences", "setup", "integration", "migration", "training", "support", "other"]
        for i in range(9 + self.n // 2000):
            category = categories[i % len(categories)]
            low = r.randint(3, 30) * 1000
            out += [f"    - category: {category}", f"      label: {W.yplain(f'Poste {i + 1} : {category} (estimation)')}",
                    f"      min: {low}", f"      max: {low + r.randint(1, 20) * 1000}",
                    f"      recurrence: {'yearly' if category in ('licences', 'support') else 'one_off'}"]
        out += ["", "timeline:", f"  go_live: {self.go_live}", "  phases:"]
        phases = [("ph-consultation", "Consultation des éditeurs et choix", "8-10 semaines", "2026-11-16", "2027-01-29"),
                  ("ph-contrat", "Contractualisation", "3 semaines", "2027-02-01", "2027-02-19"),
                  ("ph-cadrage", "Cadrage détaillé", "4-6 semaines", "2027-02-22", "2027-03-26"),
                  ("ph-realisation", "Paramétrage et intégrations", "10-12 semaines", "2027-03-29", "2027-06-18"),
                  ("ph-recette", "Recette et pilote", "4 semaines", "2027-06-21", "2027-07-16"),
                  ("ph-formation", "Formation des utilisateurs", "2 semaines", "2027-08-23", "2027-09-03"),
                  ("ph-bascule", "Bascule et démarrage", "1 semaine", "2027-09-06", "2027-09-10")]
        for pid, name, duration, start, end in phases:
            out += [f"  - id: {pid}", f"    name: {W.yplain(name)}", f"    duration: {duration}",
                    f"    start: {start}", f"    end: {end}", "    actions:",
                    f"      - {W.yplain('Atelier de lancement avec les utilisateurs clés')}"]
        out += ["", "consultation:", "  deliverables:",
                "    - Abonnement pour 36 utilisateurs nommés", "    - Paramétrage et intégrations",
                "    - Reprise des données et formation", "  documents:",
                "    - Mémoire technique", "    - Matrice de couverture complétée",
                "    - Proposition financière détaillée sur 3 ans", "  deadline: 2027-01-08", "  criteria:"]
        for cid, name, weight, measure in [
                ("crit-fonc", "Couverture fonctionnelle", 25, "matrix"), ("crit-demos", "Démonstrations", 10, "demos"),
                ("crit-prix", "Coût total sur 3 ans", 30, "price"), ("crit-tech", "Sécurité et hébergement", 15, "manual"),
                ("crit-methode", "Méthodologie", 10, "manual"), ("crit-ref", "Références", 10, "manual")]:
            out += [f"    - id: {cid}", f"      name: {W.yplain(name)}", f"      weight: {weight}", f"      measure: {measure}"]
        out += ["    - id: crit-elim", "      name: Hébergement dans l'UE", "      weight: 0", "      eliminatory: true",
                "      measure: manual", "  demos:"]
        per_demo = 40
        for d in range(max(1, math.ceil(len(self.must_ids) / per_demo))):
            ids = self.must_ids[d * per_demo:(d + 1) * per_demo]
            out += [f"    - id: demo-{d + 1:04d}", f"      title: {W.yplain(f'Scénario de démonstration n° {d + 1}')}",
                    "      steps:", f"        - {W.yplain('Ouvrir la fiche du compte « Brasserie du Parc »')}",
                    f"        - {W.yplain('Créer un devis de 5 lignes et le relancer')}",
                    f"      features: {W.yflow(ids)}"]
        return "\n".join(out) + "\n"

    # -- the whole spec ------------------------------------------------------------
    def write(self, out: Path) -> dict:
        self.build()
        if out.exists():
            shutil.rmtree(out)
        (out / "besoins").mkdir(parents=True)
        files: dict[str, str] = {}
        chunks = [range(i, min(i + self.per_file, self.n)) for i in range(0, self.n, self.per_file)]
        has_toml = False
        for k, chunk in enumerate(chunks, start=1):
            fmt = "toml" if self.toml_every and k % self.toml_every == 0 else "yaml"
            has_toml |= fmt == "toml"
            module = self.features[chunk.start][1] if len(chunk) else "crm"
            files[f"besoins/{k:04d}-{module}.{fmt}"] = self.features_file(chunk, fmt)
        globs = ["besoins/*.yaml"] + (["besoins/*.toml"] if has_toml else [])
        files["crmreq.yaml"] = self.entry(globs)
        files["equipes.yaml"] = self.equipes()
        files["objectifs.yaml"] = self.objectifs()
        files["si.toml"] = self.si()
        files["exigences.toml"] = self.exigences()
        files["projet.yaml"] = self.projet()
        total = 0
        for name, text in sorted(files.items()):
            data = text.encode("utf-8")
            if len(data) > MAX_FILE_BYTES:
                raise SystemExit(f"{name}: {len(data):,} bytes, over the {MAX_FILE_BYTES:,} byte budget: lower --per-file")
            (out / name).write_bytes(data)
            total += len(data)
        return {"features": self.n, "files": len(files), "bytes": total,
                "yaml_files": sum(1 for f in files if f.endswith(".yaml")),
                "toml_files": sum(1 for f in files if f.endswith(".toml"))}


def generate(features: int, out: Path, seed: int = 1, per_file: int = 500, toml_every: int = 4,
             defects: float = 0.01) -> dict:
    return Generator(features, seed, per_file, toml_every, defects).write(Path(out))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--features", "-n", type=int, default=10_000)
    parser.add_argument("--out", "-o", type=Path, required=True, help="Directory to (re)create.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-file", type=int, default=500, help="Features per file (default 500).")
    parser.add_argument("--toml-every", type=int, default=4, help="Every k-th feature file is TOML (0: none).")
    parser.add_argument("--defects", type=float, default=0.01, help="Share of features with a lint warning.")
    parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
    args = parser.parse_args(argv)
    info = generate(args.features, args.out, args.seed, args.per_file, args.toml_every, args.defects)
    if args.json:
        print(json.dumps(info))
        return 0
    print(f"{args.out}: {info['features']} features, {info['files']} files "
          f"({info['yaml_files']} YAML, {info['toml_files']} TOML), {info['bytes'] / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
