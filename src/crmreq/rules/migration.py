"""M — migration: each data source to take over says how much, in what format, and into what.

Data migration ("reprise de données") is the part of a CRM project that vendors quote
blind most often: without volumes and formats they either pad the quote or discover the
work after signature. And the spreadsheets the teams live in today are data to migrate,
whether the spec says so or not.
"""

from __future__ import annotations

import re

from ..values import fold
from .hints import snippets, syntax_at
from ..authoring import RuleSet, label, make_doc as _doc
from ..lexicons import lexicon

rules = RuleSet("migration")
crmreq_register_rules = rules.hook


# Spreadsheet tools, matched as whole words on accent- and case-folded text where every
# run of non-alphanumeric characters counts as a space ("Fichier Excel partagé",
# "clients.xlsx", "Google Sheets", "tableur"…).
SPREADSHEET_TERMS = tuple(lexicon("spreadsheets")["terms"])

_NON_WORD = re.compile(r"[^0-9a-z]+")


def _words(text: str) -> str:
    """' word word … ' : folded, punctuation turned into single spaces, padded for whole-word search."""
    return " " + _NON_WORD.sub(" ", fold(text)).strip() + " "


_SPREADSHEET = re.compile(
    "|".join(r"(?<= )" + re.escape(term) + r"(?= )" for term in sorted(SPREADSHEET_TERMS, key=len, reverse=True))
)


def spreadsheet_tool(tools) -> str | None:
    """The first tool (as written) that names a spreadsheet, or None."""
    for tool in tools or ():
        if isinstance(tool, str) and _SPREADSHEET.search(_words(tool)):
            return tool
    return None


@rules.rule(
    "M001", "migration-source-without-volume", "warning",
    message={"fr": "La source de reprise {id} n'indique pas de volume{detail} : donnez le nombre d'enregistrements à reprendre",
             "en": "Migration source {id} states no volume{detail}: give the number of records to migrate"},
    fix={"fr": "Ajoutez par exemple {hint}", "en": "Add e.g. {hint}"},
    doc=_doc(
        "Chaque source de reprise de données (`migration`) indique un volume chiffré (`volume`) : "
        "`\"12 000 contacts\"`, `{value: 35000, unit: lignes}`.",
        "Le volume conditionne le chiffrage de la reprise (outil d'import, nombre d'itérations, temps de "
        "dédoublonnage) et parfois la licence (stockage, nombre d'enregistrements). Sans lui, l'éditeur ou "
        "l'intégrateur chiffre à l'aveugle : il gonfle son devis ou découvre le travail après la signature.",
        "migration:\n  - id: SRC-FICHIER-CLIENTS\n    name: Fichier clients Excel\n    format: xlsx",
        "Compter les lignes de chaque fichier ou table et écrire `volume: \"8 500 comptes\"`. "
        "Un ordre de grandeur suffit (« environ 10 000 »).",
        "Every data source to migrate (`migration`) states a volume with a number (`volume`): "
        "`\"12000 contacts\"`, `{value: 35000, unit: rows}`.",
        "The volume drives the cost of migration (import tooling, number of dry runs, de-duplication time) "
        "and sometimes the licence (storage, record limits). Without it the vendor or integrator quotes "
        "blind: they pad the quote or discover the work after signature.",
        "migration:\n  - id: SRC-CUSTOMER-FILE\n    name: Customer spreadsheet\n    format: xlsx",
        "Count the rows of each file or table and write `volume: \"8500 accounts\"`. An order of magnitude "
        "is enough (\"about 10000\").",
    ),
)
def migration_source_without_volume(spec, emit):
    for source in spec.migration:
        volume = source.volume
        if volume is not None and getattr(volume, "value", None) is not None:
            continue
        if source.has("volume") and volume is not None and getattr(volume, "text", None):
            text = volume.text
            at = source.where("volume")
            emit(at, object=source.id or None, id=label(source),
                 detail={"fr": f" chiffré (« {text} »)", "en": f" with a number (\"{text}\")"},
                 hint=snippets(spec, at, "volume", "12 000 contacts", "12000 contacts"))
        elif source.has("volume") and volume is None:
            continue  # present but rejected by the schema: E002 already says so
        else:
            emit(source, object=source.id or None, id=label(source), detail="",
                 hint=snippets(spec, source, "volume", "12 000 contacts", "12000 contacts"))


@rules.rule(
    "M002", "migration-source-without-format", "warning",
    message={"fr": "La source de reprise {id} n'indique pas son format : précisez sous quelle forme les données seront fournies (export CSV, fichier Excel, base SQL, API…)",
             "en": "Migration source {id} states no format: say in what form the data will be supplied (CSV export, Excel file, SQL database, API…)"},
    fix={"fr": "Ajoutez par exemple {hint}", "en": "Add e.g. {hint}"},
    doc=_doc(
        "Chaque source de reprise indique son format (`format`) : fichier Excel, export CSV, sauvegarde "
        "de base de données, API de l'ancien outil…",
        "Un export CSV propre se reprend en quelques heures ; une base Access ou un outil fermé sans export "
        "demande un développement. Le format change le chiffrage et le planning de la reprise, et dit qui "
        "doit produire l'extraction (l'entreprise, l'ancien éditeur, l'intégrateur).",
        "migration:\n  - id: SRC-ERP\n    name: Clients de l'ERP\n    volume: \"4 000 comptes\"",
        "Ajouter `format: \"export CSV mensuel de l'ERP\"` (ou `xlsx`, `dump SQL`, `API REST`).",
        "Every migration source states its `format`: Excel file, CSV export, database dump, the old tool's API…",
        "A clean CSV export is loaded in hours; an Access database or a closed tool with no export needs "
        "development. The format changes the cost and the schedule of the migration, and says who must "
        "produce the extract (the company, the old vendor, the integrator).",
        "migration:\n  - id: SRC-ERP\n    name: ERP customers\n    volume: \"4000 accounts\"",
        "Add `format: \"monthly CSV export from the ERP\"` (or `xlsx`, `SQL dump`, `REST API`).",
    ),
)
def migration_source_without_format(spec, emit):
    for source in spec.migration:
        if source.format and source.format.strip():
            continue
        if source.has("format") and source.format is None:
            continue  # wrong type: E002 already says so
        at = source.where("format") if source.has("format") else source
        emit(at, object=source.id or None, id=label(source),
             hint=snippets(spec, at, "format", "export CSV de l'ERP", "CSV export from the ERP"))


@rules.rule(
    "M003", "migration-source-without-target", "warning",
    message={"fr": "La source de reprise {id} ne dit pas vers quels objets du CRM ses données vont (objects) : indiquez les objets cibles",
             "en": "Migration source {id} does not say which CRM objects its data goes to (objects): list the target objects"},
    fix={"fr": "Ajoutez par exemple {hint}", "en": "Add e.g. {hint}"},
    doc=_doc(
        "Chaque source de reprise indique les objets cibles (`objects`, ids du catalogue `objects`) : "
        "comptes, contacts, opportunités, historique d'actions…",
        "Sans correspondance entre la source et les objets du CRM, personne ne sait ce que devient une "
        "colonne « Remarques » ou un onglet « Anciens clients » : c'est là que naissent les doublons et "
        "les pertes d'historique. La reprise est aussi le moment de ne pas réimporter ce qui devrait être "
        "purgé (CNIL : données de prospects conservées 3 ans après le dernier contact).",
        "migration:\n  - id: SRC-FICHIER-CLIENTS\n    format: xlsx\n    volume: \"8 500 lignes\"",
        "Ajouter `objects: [comptes, contacts]` et, au besoin, décrire le nettoyage dans `cleaning`.",
        "Every migration source names its target objects (`objects`, ids from the `objects` catalogue): "
        "accounts, contacts, opportunities, activity history…",
        "Without a mapping from source to CRM objects, nobody knows what becomes of a \"Notes\" column or an "
        "\"Old customers\" tab: that is where duplicates and lost history come from. Migration is also the "
        "moment not to re-import what should be purged (CNIL: prospect data kept 3 years after last contact).",
        "migration:\n  - id: SRC-CUSTOMER-FILE\n    format: xlsx\n    volume: \"8500 rows\"",
        "Add `objects: [accounts, contacts]` and, if needed, describe the clean-up under `cleaning`.",
    ),
)
def migration_source_without_target(spec, emit):
    for source in spec.migration:
        if source.objects:
            continue
        at = source.where("objects") if source.has("objects") else source
        emit(at, object=source.id or None, id=label(source),
             hint=snippets(spec, at, "objects", ["comptes", "contacts"], ["accounts", "contacts"]))


@rules.rule(
    "M004", "spreadsheets-without-migration", "warning",
    message={"fr": "L'équipe {id} travaille aujourd'hui avec « {tool} »{others}, mais aucune source de reprise de données n'est déclarée (migration) : dites ce qui sera repris de ces fichiers",
             "en": "Team {id} works with \"{tool}\" today{others}, but no data migration source is declared (migration): say what will be taken over from these files"},
    fix={"fr": "Ajoutez une section {section} avec une source par fichier (format, volume, objets cibles)",
         "en": "Add a {section} section with one source per file (format, volume, target objects)"},
    doc=_doc(
        "Si une équipe cite un tableur parmi ses outils actuels (`teams[].current_tools`), la spec déclare "
        "au moins une source de reprise (`migration`). Sont reconnus, sans tenir compte des accents ni de la "
        "casse : tableur, feuille de calcul, spreadsheet, Excel, Google Sheets, LibreOffice Calc, "
        "OpenOffice Calc, Apple Numbers, et les formats xlsx, xls, xlsm, ods, csv (« Fichier Excel partagé », "
        "« clients.xlsx », « export CSV »). Une seule alerte, sur la première équipe concernée.",
        "Dans une PME, le fichier Excel des commerciaux est souvent la vraie base clients : historique, "
        "contacts, remarques. Oublier de le reprendre, c'est démarrer le CRM vide, et des utilisateurs qui "
        "retournent à leur tableur au bout d'un mois. La reprise doit être chiffrée et planifiée comme le reste.",
        "teams:\n  - id: commerciaux\n    current_tools: [Excel, Outlook]\n# aucune section migration",
        "Déclarer une source par fichier : `migration: [{id: SRC-EXCEL-COMMERCIAUX, format: xlsx, "
        "volume: \"3 000 lignes\", objects: [comptes, contacts]}]`. Si rien n'est à reprendre, le dire par "
        "une suppression commentée : `# crmreq: ignore[M004]`.",
        "When a team lists a spreadsheet among its current tools (`teams[].current_tools`), the spec declares "
        "at least one data migration source (`migration`). Recognised, whatever the accents and case: "
        "tableur, feuille de calcul, spreadsheet, Excel, Google Sheets, LibreOffice Calc, "
        "OpenOffice Calc, Apple Numbers, and the xlsx, xls, xlsm, ods, csv formats (\"Shared Excel file\", "
        "\"customers.xlsx\", \"CSV export\"). One finding, on the first team concerned.",
        "In an SME the sales team's Excel file is often the real customer database: history, contacts, notes. "
        "Forgetting to migrate it means starting the CRM empty, and users back on their spreadsheet within a "
        "month. Migration must be costed and planned like the rest.",
        "teams:\n  - id: sales\n    current_tools: [Excel, Outlook]\n# no migration section",
        "Declare one source per file: `migration: [{id: SRC-SALES-EXCEL, format: xlsx, volume: \"3000 rows\", "
        "objects: [accounts, contacts]}]`. If nothing is to be migrated, say so with a commented suppression: "
        "`# crmreq: ignore[M004]`.",
    ),
)
def spreadsheets_without_migration(spec, emit):
    if spec.migration:
        return
    first = None
    tool = None
    count = 0
    for team in spec.teams:
        found = spreadsheet_tool(team.current_tools)
        if found is None:
            continue
        count += 1
        if first is None:
            first, tool = team, found
    if first is None:
        return
    others = ""
    if count > 1:
        n = count - 1
        others = {"fr": f" (comme {n} autre{'s' if n > 1 else ''} équipe{'s' if n > 1 else ''})",
                  "en": f" (as do {n} other team{'s' if n > 1 else ''})"}
    at = first.where("current_tools")
    emit(at, object=first.id or None, id=label(first), tool=tool, others=others,
         section="[[migration]]" if syntax_at(spec, at) == "toml" else "migration:")
