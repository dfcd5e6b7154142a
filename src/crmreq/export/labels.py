"""Every heading and label of the DOCX and Markdown documents, in French and English, as data.

`text(lang)` answers the flat mapping of document labels; `enum(kind, value, lang)` the label of
an enumerated value of the spec (system kind, frequency, legal basis…), falling back to the
value itself so that a plugin's value (a new module, say) still shows. Headings are keys of
`SECTIONS`, in document order; the Word and Markdown writers number them the same way.
"""

from __future__ import annotations

from typing import Mapping

# ---------------------------------------------------------------------------------------
# Document text
# ---------------------------------------------------------------------------------------

TEXT: dict[str, dict[str, str]] = {
    "fr": {
        # cover
        "doc_title": "Cahier des charges",
        "doc_subtitle": "Projet CRM — consultation des éditeurs et intégrateurs",
        "version": "Version",
        "date": "Date",
        "authors": "Rédaction",
        "confidentiality": "Confidentialité",
        "company": "Société",
        "project": "Projet",
        "generated": "Document généré par crmreq à partir de la spécification versionnée.",
        "toc": "Sommaire",
        "page": "Page",
        "page_of": "sur",
        "not_specified": "Non renseigné.",
        "none": "—",
        "yes": "Oui",
        "no": "Non",
        "total": "Total",
        "figure": "Figure",
        # 1 context
        "purpose": "Objet du document",
        "purpose_text": (
            "Le présent cahier des charges décrit le contexte, les objectifs et les besoins de {company} "
            "pour son projet CRM. Il est adressé aux éditeurs et intégrateurs consultés, qui sont invités "
            "à y répondre selon les modalités du chapitre « Déroulé projet » et à compléter la matrice "
            "fonctionnelle fournie en annexe (fichier tableur joint)."
        ),
        "history": "Historique",
        "situation": "Situation actuelle",
        "headcount": "Effectif",
        "sites": "Implantations",
        "growth": "Activité et croissance",
        "offer": "Offre",
        "market": "Marché et clientèle",
        "notes": "Remarques",
        "challenges": "Enjeux et difficultés actuelles",
        # 2 objectives
        "smart": "Objectifs SMART",
        "smart_intro": "Chaque objectif est mesurable : indicateur, valeur actuelle, cible, échéance et responsable.",
        "objective": "Objectif",
        "metric": "Indicateur",
        "baseline": "Valeur actuelle",
        "target": "Cible",
        "deadline": "Échéance",
        "owner": "Responsable",
        "priority": "Priorité",
        "pain": "Constat",
        "teams_concerned": "Équipes concernées",
        "team": "Équipe",
        "size": "Effectif",
        "mobile": "Mobile",
        "current_tools": "Outils actuels",
        "phase": "Phase",
        "stakeholders": "Intervenants et interlocuteurs",
        "name": "Nom",
        "role": "Rôle",
        "email": "E-mail",
        "go_live_relative": "après la mise en production",
        # 3 IS
        "map": "Cartographie cible",
        "map_caption": "Systèmes et flux d'information",
        "map_legend": ("Flèche simple : flux à sens unique ; double flèche : flux bidirectionnel. "
                       "Les étiquettes indiquent les objets échangés et la fréquence."),
        "systems": "Systèmes",
        "system": "Système",
        "kind": "Type",
        "hosting": "Hébergement",
        "location": "Localisation",
        "interfaces": "Interfaces",
        "future": "Après projet",
        "kept": "Conservé",
        "replaced": "Remplacé",
        "objects": "Objets de données",
        "object": "Objet",
        "personal_data": "Données personnelles",
        "fields": "Champs",
        "flows": "Flux à intégrer",
        "flow": "Flux",
        "from_to": "Origine → destination",
        "direction": "Sens",
        "frequency": "Fréquence",
        "mechanism": "Mécanisme",
        "master": "Référentiel maître",
        "master_short": "Maître",
        "trigger": "Déclencheur",
        "rules": "Maître / déclencheur",
        "objects_fields": "Objets (champs)",
        "terms": "Sens, fréquence, mécanisme",
        # 4 scope
        "scope_teams": "Équipes et utilisateurs",
        "responsibilities": "Missions",
        "strengths": "Points forts",
        "weaknesses": "Points faibles",
        "users": "utilisateurs",
        "processes": "Processus métier",
        "process": "Processus",
        # 5 needs
        "priorities_summary": "Synthèse des priorités",
        "priorities_intro": ("Priorités : Indispensable (must), Important (should), Confort (could), "
                             "Hors périmètre (won't)."),
        "module": "Module",
        "features_by_module": "Besoins par module",
        "scenario": "Scénario",
        "acceptance": "Critère de recette",
        "serves": "Objectifs servis",
        "teams": "Équipes",
        "nfr": "Exigences non fonctionnelles",
        "category": "Catégorie",
        "requirement": "Exigence",
        "measure": "Mesure",
        "rgpd": "Conformité RGPD",
        "data_location": "Localisation des données",
        "dpo": "Délégué à la protection des données (DPO)",
        "processor_agreement": "Contrat de sous-traitance (art. 28 RGPD)",
        "processor_required": "Exigé : le titulaire signe un contrat de sous-traitance conforme à l'article 28.",
        "consent": "Consentement",
        "consent_collection": "Recueil",
        "consent_proof": "Preuve",
        "consent_withdrawal": "Retrait",
        "consent_stated": "Le CRM gère le recueil, la preuve et le retrait du consentement.",
        "rights": "Droits des personnes à outiller",
        "purposes": "Finalités des traitements",
        "purpose_col": "Finalité",
        "legal_basis": "Base légale",
        "retention": "Durée de conservation",
        "retention_title": "Durées de conservation",
        "data_category": "Catégorie de données",
        "security_measures": "Mesures de sécurité",
        "breach": "Notification des violations",
        "breach_stated": "Le titulaire notifie toute violation de données sans délai (art. 33).",
        "transfers": "Transferts hors UE",
        "transfers_none": "Aucun transfert de données personnelles hors de l'UE/EEE n'est accepté.",
        "country": "Pays",
        "safeguard": "Garantie",
        "migration": "Données à reprendre",
        "source": "Source",
        "format": "Format",
        "tables": "Tables / fichiers",
        "volume": "Volume",
        "target_objects": "Objets cibles",
        "cleaning": "Nettoyage attendu",
        # 6 project
        "deliverables": "Prestations attendues",
        "budget": "Budget",
        "budget_intro": "Enveloppe indicative hors taxes, décomposée par poste.",
        "budget_item": "Poste",
        "amount": "Montant HT",
        "recurrence": "Récurrence",
        "total_one_off": "Total ponctuel",
        "total_yearly": "Total annuel récurrent",
        "timeline": "Planning",
        "go_live": "Mise en production visée",
        "gantt_caption": "Planning prévisionnel des phases",
        "duration": "Durée",
        "start": "Début",
        "end": "Fin",
        "actions": "Actions",
        "estimated": "dates estimées à partir des durées",
        "offer_rules": "Remise des offres",
        "offer_deadline": "Date limite de remise des offres",
        "documents": "Chaque offre comprend",
        "criteria": "Critères de choix et pondération",
        "criterion": "Critère",
        "weight": "Pondération",
        "eliminatory": "Éliminatoire",
        "demos": "Démonstrations scénarisées",
        "demos_intro": ("Les éditeurs retenus présentent les scénarios suivants sur leur solution, "
                        "avec des données proches des nôtres."),
        "steps": "Déroulé",
        "features_shown": "Besoins démontrés",
        # annex
        "annex": "Annexe A",
        "matrix": "Matrice fonctionnelle",
        "matrix_intro": ("Les éditeurs répondent dans la matrice au format tableur jointe (une ligne par exigence), "
                         "en choisissant pour chaque ligne une réponse sur l'échelle ci-dessous et en précisant, "
                         "le cas échéant, le coût du module tiers ou du développement."),
        "scale": "Échelle de réponse",
        "scale_label": "Réponse",
        "scale_meaning": "Signification",
        "matrix_empty": "Aucune exigence à chiffrer.",
        # markdown only
        "md_diagram_note": "Diagramme Mermaid (rendu par GitHub, GitLab et la plupart des éditeurs Markdown).",
    },
    "en": {
        "doc_title": "Requirements specification",
        "doc_subtitle": "CRM project — request for proposal to vendors and integrators",
        "version": "Version",
        "date": "Date",
        "authors": "Authors",
        "confidentiality": "Confidentiality",
        "company": "Company",
        "project": "Project",
        "generated": "Generated by crmreq from the version-controlled specification.",
        "toc": "Contents",
        "page": "Page",
        "page_of": "of",
        "not_specified": "Not specified.",
        "none": "—",
        "yes": "Yes",
        "no": "No",
        "total": "Total",
        "figure": "Figure",
        "purpose": "Purpose of this document",
        "purpose_text": (
            "This document describes the context, objectives and requirements of {company} for its CRM "
            "project. It is sent to the vendors and integrators consulted, who are asked to answer as set "
            "out in the “Project plan” chapter and to fill in the functional matrix given in the annex "
            "(spreadsheet file attached)."
        ),
        "history": "Background",
        "situation": "Current situation",
        "headcount": "Headcount",
        "sites": "Sites",
        "growth": "Business and growth",
        "offer": "Offering",
        "market": "Market and customers",
        "notes": "Notes",
        "challenges": "Challenges and current pain points",
        "smart": "SMART objectives",
        "smart_intro": "Each objective is measurable: metric, baseline, target, deadline and owner.",
        "objective": "Objective",
        "metric": "Metric",
        "baseline": "Baseline",
        "target": "Target",
        "deadline": "Deadline",
        "owner": "Owner",
        "priority": "Priority",
        "pain": "Pain point",
        "teams_concerned": "Teams involved",
        "team": "Team",
        "size": "Size",
        "mobile": "Mobile",
        "current_tools": "Current tools",
        "phase": "Phase",
        "stakeholders": "Stakeholders and contacts",
        "name": "Name",
        "role": "Role",
        "email": "Email",
        "go_live_relative": "after go-live",
        "map": "Target landscape",
        "map_caption": "Systems and data flows",
        "map_legend": ("Single arrow: one-way flow; double arrow: two-way flow. "
                       "Labels give the objects exchanged and the frequency."),
        "systems": "Systems",
        "system": "System",
        "kind": "Kind",
        "hosting": "Hosting",
        "location": "Location",
        "interfaces": "Interfaces",
        "future": "After the project",
        "kept": "Kept",
        "replaced": "Replaced",
        "objects": "Data objects",
        "object": "Object",
        "personal_data": "Personal data",
        "fields": "Fields",
        "flows": "Data flows to integrate",
        "flow": "Flow",
        "from_to": "From → to",
        "direction": "Direction",
        "frequency": "Frequency",
        "mechanism": "Mechanism",
        "master": "Master system",
        "master_short": "Master",
        "trigger": "Trigger",
        "rules": "Master / trigger",
        "objects_fields": "Objects (fields)",
        "terms": "Direction, frequency, mechanism",
        "scope_teams": "Teams and users",
        "responsibilities": "Responsibilities",
        "strengths": "Strengths",
        "weaknesses": "Weaknesses",
        "users": "users",
        "processes": "Business processes",
        "process": "Process",
        "priorities_summary": "Priorities at a glance",
        "priorities_intro": "Priorities: Must have, Should have, Could have, Won't have (MoSCoW).",
        "module": "Module",
        "features_by_module": "Requirements by module",
        "scenario": "Scenario",
        "acceptance": "Acceptance criterion",
        "serves": "Objectives served",
        "teams": "Teams",
        "nfr": "Non-functional requirements",
        "category": "Category",
        "requirement": "Requirement",
        "measure": "Metric",
        "rgpd": "GDPR compliance",
        "data_location": "Data location",
        "dpo": "Data protection officer (DPO)",
        "processor_agreement": "Data processing agreement (GDPR art. 28)",
        "processor_required": "Required: the vendor signs a data processing agreement under article 28.",
        "consent": "Consent",
        "consent_collection": "Collection",
        "consent_proof": "Proof",
        "consent_withdrawal": "Withdrawal",
        "consent_stated": "The CRM manages the collection, proof and withdrawal of consent.",
        "rights": "Data subject rights to support",
        "purposes": "Processing purposes",
        "purpose_col": "Purpose",
        "legal_basis": "Legal basis",
        "retention": "Retention",
        "retention_title": "Retention periods",
        "data_category": "Data category",
        "security_measures": "Security measures",
        "breach": "Breach notification",
        "breach_stated": "The vendor notifies any personal data breach without undue delay (art. 33).",
        "transfers": "Transfers outside the EU",
        "transfers_none": "No transfer of personal data outside the EU/EEA is accepted.",
        "country": "Country",
        "safeguard": "Safeguard",
        "migration": "Data to migrate",
        "source": "Source",
        "format": "Format",
        "tables": "Tables / files",
        "volume": "Volume",
        "target_objects": "Target objects",
        "cleaning": "Cleaning expected",
        "deliverables": "Expected services",
        "budget": "Budget",
        "budget_intro": "Indicative budget, excluding VAT, broken down by cost item.",
        "budget_item": "Item",
        "amount": "Amount (excl. VAT)",
        "recurrence": "Recurrence",
        "total_one_off": "One-off total",
        "total_yearly": "Yearly recurring total",
        "timeline": "Timeline",
        "go_live": "Target go-live",
        "gantt_caption": "Provisional timeline of the phases",
        "duration": "Duration",
        "start": "Start",
        "end": "End",
        "actions": "Actions",
        "estimated": "dates estimated from the durations",
        "offer_rules": "Submitting a proposal",
        "offer_deadline": "Proposal deadline",
        "documents": "Each proposal includes",
        "criteria": "Selection criteria and weights",
        "criterion": "Criterion",
        "weight": "Weight",
        "eliminatory": "Eliminatory",
        "demos": "Scripted demonstrations",
        "demos_intro": ("Shortlisted vendors demonstrate the following scenarios on their product, "
                        "with data close to ours."),
        "steps": "Steps",
        "features_shown": "Requirements shown",
        "annex": "Annex A",
        "matrix": "Functional matrix",
        "matrix_intro": ("Vendors answer in the attached spreadsheet matrix (one row per requirement), choosing "
                         "for each row a response from the scale below and, where relevant, the cost of the "
                         "add-on or custom development."),
        "scale": "Response scale",
        "scale_label": "Response",
        "scale_meaning": "Meaning",
        "matrix_empty": "No requirement to price.",
        "md_diagram_note": "Mermaid diagram (rendered by GitHub, GitLab and most Markdown editors).",
    },
}

# The numbered chapters, in document order (key → heading).
SECTIONS: dict[str, dict[str, str]] = {
    "fr": {
        "context": "Contexte",
        "objectives": "Objectifs du projet",
        "is": "Système d'information cible",
        "scope": "Périmètre fonctionnel",
        "needs": "Besoins fonctionnels",
        "project": "Déroulé projet",
    },
    "en": {
        "context": "Context",
        "objectives": "Project objectives",
        "is": "Target information system",
        "scope": "Functional scope",
        "needs": "Functional requirements",
        "project": "Project plan",
    },
}

# Meaning of each level of the six-level response scale (same order as matrix.RESPONSE_SCALE).
SCALE_MEANINGS: dict[str, tuple[str, ...]] = {
    "fr": (
        "Couvert nativement, sans paramétrage.",
        "Couvert par paramétrage, sans code (champs, règles, écrans).",
        "Couvert par un module ou une application tierce (préciser lequel et son coût).",
        "Nécessite un développement spécifique (préciser la charge et le coût).",
        "Prévu dans la feuille de route de l'éditeur (préciser la date).",
        "Non couvert.",
    ),
    "en": (
        "Supported out of the box, no configuration.",
        "Supported through configuration, no code (fields, rules, screens).",
        "Supported through a third-party add-on (say which, and its cost).",
        "Needs custom development (give the effort and cost).",
        "On the vendor's roadmap (give the date).",
        "Not supported.",
    ),
}

# ---------------------------------------------------------------------------------------
# Enumerated values of the spec
# ---------------------------------------------------------------------------------------

ENUMS: dict[str, dict[str, dict[str, str]]] = {
    "module": {
        "fr": {"crm": "Comptes et contacts", "sales": "Ventes", "marketing": "Marketing",
               "support": "Service client et SAV", "analytics": "Pilotage et reporting",
               "mobility": "Mobilité", "integration": "Intégrations", "admin": "Administration"},
        "en": {"crm": "Accounts and contacts", "sales": "Sales", "marketing": "Marketing",
               "support": "Customer service", "analytics": "Reporting and analytics",
               "mobility": "Mobility", "integration": "Integrations", "admin": "Administration"},
    },
    "kind": {
        "fr": {"crm": "CRM", "erp": "ERP / gestion commerciale", "ecommerce": "E-commerce", "billing": "Facturation",
               "email": "Messagerie", "calendar": "Agenda", "telephony": "Téléphonie", "marketing": "Marketing",
               "support": "Support / SAV", "website": "Site web", "spreadsheet": "Tableur", "other": "Autre"},
        "en": {"crm": "CRM", "erp": "ERP", "ecommerce": "E-commerce", "billing": "Billing", "email": "Email",
               "calendar": "Calendar", "telephony": "Telephony", "marketing": "Marketing",
               "support": "Support", "website": "Website", "spreadsheet": "Spreadsheet", "other": "Other"},
    },
    "hosting": {
        "fr": {"saas": "SaaS", "on_premise": "Sur site"},
        "en": {"saas": "SaaS", "on_premise": "On premise"},
    },
    "interface": {
        "fr": {"api": "API", "file": "Fichier", "webhook": "Webhook", "none": "Aucune"},
        "en": {"api": "API", "file": "File", "webhook": "Webhook", "none": "None"},
    },
    "direction": {
        "fr": {"one_way": "Sens unique", "two_way": "Bidirectionnel"},
        "en": {"one_way": "One-way", "two_way": "Two-way"},
    },
    "frequency": {
        "fr": {"realtime": "Temps réel", "hourly": "Horaire", "daily": "Quotidien", "weekly": "Hebdomadaire",
               "monthly": "Mensuel", "on_event": "Sur événement", "manual": "Manuel"},
        "en": {"realtime": "Real time", "hourly": "Hourly", "daily": "Daily", "weekly": "Weekly",
               "monthly": "Monthly", "on_event": "On event", "manual": "Manual"},
    },
    "mechanism": {
        "fr": {"api": "API", "file": "Fichier à plat", "webhook": "Webhook", "manual": "Saisie manuelle"},
        "en": {"api": "API", "file": "Flat file", "webhook": "Webhook", "manual": "Manual entry"},
    },
    "nfr": {
        "fr": {"performance": "Performance", "availability": "Disponibilité", "security": "Sécurité",
               "access_control": "Habilitations", "audit": "Traçabilité", "backup": "Sauvegarde",
               "reversibility": "Réversibilité", "scalability": "Montée en charge", "usability": "Ergonomie",
               "accessibility": "Accessibilité", "localisation": "Langues et localisation",
               "mobility": "Mobilité", "hosting": "Hébergement", "support": "Support et maintenance",
               "interoperability": "Interopérabilité"},
        "en": {"performance": "Performance", "availability": "Availability", "security": "Security",
               "access_control": "Access control", "audit": "Audit trail", "backup": "Backup",
               "reversibility": "Reversibility", "scalability": "Scalability", "usability": "Usability",
               "accessibility": "Accessibility", "localisation": "Localisation", "mobility": "Mobility",
               "hosting": "Hosting", "support": "Support and maintenance",
               "interoperability": "Interoperability"},
    },
    "legal_basis": {
        "fr": {"consent": "Consentement (art. 6.1.a)", "contract": "Exécution du contrat (art. 6.1.b)",
               "legal_obligation": "Obligation légale (art. 6.1.c)",
               "legitimate_interest": "Intérêt légitime (art. 6.1.f)"},
        "en": {"consent": "Consent (art. 6(1)(a))", "contract": "Contract (art. 6(1)(b))",
               "legal_obligation": "Legal obligation (art. 6(1)(c))",
               "legitimate_interest": "Legitimate interest (art. 6(1)(f))"},
    },
    "right": {
        "fr": {"access": "Droit d'accès (art. 15)", "rectification": "Droit de rectification (art. 16)",
               "erasure": "Droit à l'effacement (art. 17)", "restriction": "Droit à la limitation (art. 18)",
               "portability": "Droit à la portabilité (art. 20)", "objection": "Droit d'opposition (art. 21)"},
        "en": {"access": "Right of access (art. 15)", "rectification": "Right to rectification (art. 16)",
               "erasure": "Right to erasure (art. 17)", "restriction": "Right to restriction (art. 18)",
               "portability": "Right to data portability (art. 20)", "objection": "Right to object (art. 21)"},
    },
    "budget": {
        "fr": {"licences": "Licences", "setup": "Paramétrage et mise en place", "integration": "Intégrations",
               "migration": "Reprise de données", "training": "Formation", "support": "Support et maintenance",
               "other": "Autre"},
        "en": {"licences": "Licences", "setup": "Set-up and configuration", "integration": "Integrations",
               "migration": "Data migration", "training": "Training", "support": "Support and maintenance",
               "other": "Other"},
    },
    "recurrence": {
        "fr": {"one_off": "Ponctuel", "monthly": "Mensuel", "yearly": "Annuel"},
        "en": {"one_off": "One-off", "monthly": "Monthly", "yearly": "Yearly"},
    },
    "priority": {
        "fr": {"must": "Indispensable", "should": "Important", "could": "Confort", "wont": "Hors périmètre"},
        "en": {"must": "Must have", "should": "Should have", "could": "Could have", "wont": "Won't have"},
    },
    # short labels for the diagrams
    "kind_short": {
        "fr": {"crm": "CRM", "erp": "ERP", "ecommerce": "E-commerce", "billing": "Facturation",
               "email": "Messagerie", "calendar": "Agenda", "telephony": "Téléphonie", "marketing": "Marketing",
               "support": "SAV", "website": "Site web", "spreadsheet": "Tableur", "other": "Autre"},
        "en": {"crm": "CRM", "erp": "ERP", "ecommerce": "E-commerce", "billing": "Billing", "email": "Email",
               "calendar": "Calendar", "telephony": "Telephony", "marketing": "Marketing",
               "support": "Support", "website": "Website", "spreadsheet": "Spreadsheet", "other": "Other"},
    },
    "frequency_short": {
        "fr": {"realtime": "temps réel", "hourly": "horaire", "daily": "quotidien", "weekly": "hebdomadaire",
               "monthly": "mensuel", "on_event": "sur événement", "manual": "manuel"},
        "en": {"realtime": "real time", "hourly": "hourly", "daily": "daily", "weekly": "weekly",
               "monthly": "monthly", "on_event": "on event", "manual": "manual"},
    },
}

MODULE_ORDER = ("crm", "sales", "marketing", "support", "analytics", "mobility", "integration", "admin")
PRIORITY_ORDER = ("must", "should", "could", "wont")


def _lang(lang: str | None) -> str:
    return "en" if lang == "en" else "fr"


def text(lang: str | None) -> Mapping[str, str]:
    """All document labels in `lang` (French unless `en`)."""
    return TEXT[_lang(lang)]


def sections(lang: str | None) -> Mapping[str, str]:
    return SECTIONS[_lang(lang)]


def enum(kind: str, value, lang: str | None) -> str:
    """Label of an enumerated value; the value itself when unknown (or "" for None)."""
    if value is None:
        return ""
    return ENUMS.get(kind, {}).get(_lang(lang), {}).get(str(value), str(value))


def yes_no(value, lang: str | None) -> str:
    if value is None:
        return ""
    t = text(lang)
    return t["yes"] if value else t["no"]
