"""Regenerate examples/fr-negoce/consultation/: the matrices three fictional vendors returned, and the
buyer's evaluation file, for `crmreq score`.

    python tools/consultation_example.py

Run it again whenever the fr-negoce spec changes: the matrices are exported from the spec as it is
(`crmreq export xlsx` / `csv`), then filled in as each vendor did. The files are deterministic (same
spec, same bytes). The folder is not one of the spec's includes: `crmreq lint examples/fr-negoce`
never reads it.

The consultation: Kerlys (XLSX) covers most needs, some through paid add-ons; Opale (XLSX) is the
cheapest but only promises the Sage 100 connector for 2028, after go-live: eliminated; Vertigo (CSV,
excel-fr, saved again by Excel) answers by configuration, leaves two rows blank, types some answers
instead of picking them and forgets a cost and a date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from crmreq.export.csv_matrix import write_csv  # noqa: E402
from crmreq.export.matrix import RESPONSE_COLUMNS  # noqa: E402
from crmreq.export.spreadsheet import fixed_zip, write_xlsx  # noqa: E402
from crmreq.loader import load_spec  # noqa: E402

SPEC = REPO / "examples" / "fr-negoce"
OUT = SPEC / "consultation"
COLUMN = {key: index for index, key in enumerate(RESPONSE_COLUMNS)}

# id → (answer, comment, cost); the rest of a vendor's rows take its default answer.
KERLYS = {
    "CRM-03": ("Paramétrage", "Règles de dédoublonnage paramétrables : SIRET, e-mail, téléphone normalisé.", None),
    "CRM-05": ("Paramétrage", "Objet « Équipement » personnalisé ; alerte de fin de garantie par workflow.", None),
    "VEN-02": ("Paramétrage", "Tarifs client synchronisés depuis Sage 100 par le connecteur (voir INT-01).", None),
    "VEN-04": ("Paramétrage", "Circuit de validation à deux niveaux, seuils par commercial.", None),
    "VEN-06": ("Module tiers", "Intégration Yousign, 150 € HT par mois.", 5400),
    "MOB-04": ("Feuille de route", "Dictée vocale prévue dans la version 2027.2 (juin 2027).", None),
    "MKT-03": ("Module tiers", "Kerlys Campaigns, licence marketing pour 3 utilisateurs.", 7200),
    "SAV-03": ("Développement spécifique", "Portail sur mesure : 12 jours de développement.", 8400),
    "ANA-03": ("Paramétrage", None, None),
    "INT-01": ("Module tiers", "Connecteur Sage 100 certifié, installé et paramétré par nos soins.", 9600),
    "INT-03": ("Module tiers", "Application Ringover de notre place de marché.", 1200),
    "INT-04": ("Paramétrage", "Connecteur PrestaShop standard, mapping des commandes à paramétrer.", None),
    "ENF-SECU-02": ("Paramétrage", "SSO Microsoft Entra ID (SAML 2.0), inclus dans l'offre.", None),
    "ENF-SECU-03": ("Standard", "Hébergement OVHcloud (Roubaix, Strasbourg), certifié ISO/IEC 27001.", None),
    "RGPD-LOC": ("Standard", "Données et sauvegardes en France (OVHcloud).", None),
    "RGPD-DPA": ("Standard", "Accord de sous-traitance art. 28 joint à l'offre (annexe 4).", None),
}
OPALE = {
    "CRM-03": ("Paramétrage", "Doublons détectés sur le nom et l'e-mail ; fusion manuelle.", None),
    "VEN-04": ("Paramétrage", None, None),
    "VEN-06": ("Non couvert", None, None),
    "MOB-02": ("Non couvert", "L'application mobile nécessite une connexion.", None),
    "MOB-03": ("Module tiers", "Opale Maps, 4 € par utilisateur et par mois.", 2592),
    "MOB-04": ("Non couvert", None, None),
    "MKT-03": ("Module tiers", "Intégration Brevo (votre abonnement actuel).", 0),
    "SAV-02": ("Paramétrage", None, None),
    "SAV-03": ("Feuille de route", "Portail client prévu fin 2027.", None),
    "INT-01": ("Feuille de route", "Connecteur Sage 100 natif prévu dans la version 2028.1 (T1 2028) ; d'ici là, "
                                   "échanges de fichiers CSV quotidiens.", None),
    "INT-03": ("Non couvert", None, None),
    "ENF-SECU-03": ("Paramétrage", "Hébergement Scaleway (Paris), certification ISO 27001 en cours.", None),
    "ENF-API": ("Paramétrage", "API REST ; webhooks limités aux comptes et contacts.", None),
}
VERTIGO = {
    "CRM-01": ("Standard", "Vue 360° native.", None),
    "VEN-01": ("standard", None, None),                    # typed rather than picked
    "VEN-03": ("parametrage", "Workflow de relance à J+7.", None),
    "VEN-06": ("Module tiers", "Docusign, licence existante chez vous ?", ""),
    "MOB-02": ("Feuille de route", "Mode hors connexion complet prévu prochainement.", None),
    "MOB-04": ("", None, None),
    "MKT-03": ("Module tiers", "Vertigo Mailing : 3 000 € HT par an.", 9000),
    "SAV-03": ("Développement spécifique", "Sur devis après atelier.", None),
    "ANA-03": ("", None, None),
    "INT-01": ("Module tiers", "Connecteur Sage 100 de notre partenaire Sygma.", 11500),
    "INT-03": ("Standard", "Connecteur Ringover natif.", None),
    "INT-04": ("Développement spécifique", "Flux PrestaShop à développer : 6 jours.", 4200),
    "ENF-SECU-03": ("Standard", "Hébergement Microsoft Azure France Centre, ISO 27001.", None),
    "ENF-USAGE": ("Paramétrage", "Écrans de saisie simplifiés pour les commerciaux.", None),
}
VENDORS = (
    ("kerlys", "Kerlys CRM", "xlsx", dt.date(2027, 1, 6), "Standard", KERLYS),
    ("opale", "Opale Logiciels", "xlsx", dt.date(2027, 1, 7), "Standard", OPALE),
    ("vertigo", "Vertigo Solutions", "csv", None, "Paramétrage", VERTIGO),
)

EVALUATION = """\
# Évaluation des offres — Projet CAP CLIENT (Rhôdis Équipements)
#
# Rempli par le comité de sélection après les soutenances du 18 et du 19 janvier 2027.
#   crmreq score examples/fr-negoce --evaluation examples/fr-negoce/consultation/evaluation.yaml
#
# Chaque critère est noté sur 10 (voir consultation.criteria dans projet.yaml) :
#   crit-fonctionnel (25) : couverture de la matrice, calculée par crmreq score ;
#   crit-demos (10)       : moyenne des démonstrations notées sur 4 ci-dessous ;
#   crit-prix (30)        : 10 pour le prix le plus bas, les autres en proportion ;
#   crit-technique, crit-methode, crit-references : notes du comité (marks) ;
#   crit-eliminatoire     : hébergement UE et accord art. 28 ; 0 élimine l'offre.
# Démonstrations, notées sur 4 : 0 absent, 1 insuffisant, 2 partiel, 3 conforme, 4 au-delà.

vendors:
  - id: kerlys
    name: Kerlys CRM
    response: reponses/kerlys.xlsx
    price: {amount: 96400, currency: EUR}     # 3 ans : licences 52 200, mise en œuvre 31 000, support 13 200
    marks: {crit-technique: 8, crit-methode: 8, crit-references: 9, crit-eliminatoire: 10}
    demos: {demo-tournee: 4, demo-devis: 3, demo-lead: 3, demo-sav: 3, demo-pilotage: 4, demo-rgpd: 3}

  - id: opale
    name: Opale Logiciels
    response: reponses/opale.xlsx
    price: {amount: 71800, currency: EUR}
    marks: {crit-technique: 6, crit-methode: 6, crit-references: 5, crit-eliminatoire: 10}
    demos: {demo-tournee: 2, demo-devis: 2, demo-lead: 3, demo-sav: 3, demo-pilotage: 3, demo-rgpd: 2}

  - id: vertigo
    name: Vertigo Solutions
    response: reponses/vertigo.csv
    price: {amount: 84500, currency: EUR}
    marks: {crit-technique: 7, crit-methode: 9, crit-references: 7, crit-eliminatoire: 10}
    demos: {demo-tournee: 3, demo-devis: 4, demo-lead: 3, demo-sav: 4, demo-pilotage: 3, demo-rgpd: 3}
"""


def _fill(rows: list[list], default: str, answers: dict) -> None:
    for row in rows:
        answer, comment, cost = answers.get(row[COLUMN["id"]], (default, None, None))
        row[COLUMN["vendor_response"]] = answer
        row[COLUMN["vendor_comment"]] = comment
        row[COLUMN["vendor_cost"]] = cost


def write_xlsx_response(spec, target: Path, name: str, day: dt.date, default: str, answers: dict) -> None:
    import openpyxl

    exported = target.with_suffix(".export.xlsx")
    write_xlsx(spec, exported, {"lang": "fr"})
    workbook = openpyxl.load_workbook(exported)
    exported.unlink()
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        answer, comment, cost = answers.get(row[COLUMN["id"]].value, (default, None, None))
        row[COLUMN["vendor_response"]].value = answer or None
        row[COLUMN["vendor_comment"]].value = comment
        row[COLUMN["vendor_cost"]].value = cost
    workbook.worksheets[1]["B1"] = name
    workbook.worksheets[1]["B2"] = dt.datetime(day.year, day.month, day.day)
    workbook.properties.lastModifiedBy = name
    out = io.BytesIO()
    workbook.save(out)
    target.write_bytes(fixed_zip(out.getvalue(), dt.datetime(day.year, day.month, day.day)))   # same bytes every run


def write_csv_response(spec, target: Path, default: str, answers: dict) -> None:
    """The excel-fr CSV as Excel saves it again: `;`, Windows-1252, fields quoted only when needed."""
    exported = target.with_suffix(".export.csv")
    write_csv(spec, exported, {"lang": "fr", "dialect": "excel-fr"})
    with open(exported, encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter=";"))
    exported.unlink()
    _fill(rows, default, answers)
    with open(target, "w", encoding="cp1252", errors="replace", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(
            [header] + [["" if cell is None else cell for cell in row] for row in rows])


def main() -> None:
    spec = load_spec(SPEC).spec
    (OUT / "reponses").mkdir(parents=True, exist_ok=True)
    for vendor, name, kind, day, default, answers in VENDORS:
        target = OUT / "reponses" / f"{vendor}.{kind}"
        if kind == "xlsx":
            write_xlsx_response(spec, target, name, day, default, answers)
        else:
            write_csv_response(spec, target, default, answers)
        print(target.relative_to(REPO))
    (OUT / "evaluation.yaml").write_text(EVALUATION, encoding="utf-8")
    print((OUT / "evaluation.yaml").relative_to(REPO))


if __name__ == "__main__":
    main()
