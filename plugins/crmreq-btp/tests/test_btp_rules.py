"""The BTP rules, one by one: each fires where it should, and only there.

Written with the `crmreq_lint` fixture that crmreq's pytest plugin provides: no import,
no conftest. The plugin is passed explicitly (`plugins=["crmreq_btp"]`) so the tests also
run when the package is importable but not installed with its entry point.
"""

from __future__ import annotations

import pytest

pytest.importorskip("crmreq_btp", reason="install the pack: pip install -e plugins/crmreq-btp")

PLUGIN = ["crmreq_btp"]

# A small BTP spec that satisfies every BTP rule: tests break it one piece at a time.
GOOD = """\
crmreq: 1
project: {name: Chantiers, company: Arbelet Construction, lang: fr, date: 2026-09-14}
teams:
  - {id: conduite, name: Conducteurs de travaux, mobile: true}
  - {id: compagnons, name: Compagnons}
sites:
  - id: CH-1
    kind: worksite
    address: 12 rue des Tilleuls, 38100 Grenoble
    teams: [compagnons]
    subcontractors: [ST-ELEC]
    offline: true
  - id: DEPOT
    kind: depot
    coordinates: {lat: 45.2761, lon: 5.8842}
subcontractors:
  - {id: ST-ELEC, name: Électricité Grésivaudan, amount: 186000}
equipment:
  - {id: NACELLE-1, kind: aerial_platform}
features:
  - id: F-CHANTIER
    title: Fiche chantier avec avancement et équipes
  - id: F-PLANNING
    title: Planning hebdomadaire des équipes et du matériel
  - id: F-ST
    title: Relance de l'attestation de vigilance URSSAF tous les 6 mois
  - id: F-SECU
    title: PPSPS reçus par entreprise sur chaque chantier
  - id: F-CACES
    title: CACES des compagnons avec alerte d'échéance
nfr:
  - id: NFR-MOB
    category: mobility
    statement: Saisie des rapports hors ligne, synchronisée au retour du réseau.
"""


def lint(crmreq_lint, text=GOOD, **kwargs):
    kwargs.setdefault("select", ["BTP"])
    return crmreq_lint(text, plugins=PLUGIN, **kwargs)


def test_the_good_spec_is_clean(crmreq_lint):
    outcome = lint(crmreq_lint)
    assert outcome.codes == [] and outcome.exit_code == 0 and outcome.plugin_errors == []


def test_every_rule_is_silent_when_no_btp_section_is_used(crmreq_lint):
    # a mobile team, a geolocation feature, a subcontracting word: still not a BTP spec
    outcome = lint(crmreq_lint, """\
        crmreq: 1
        project: {name: CRM, lang: en}
        teams: [{id: sales, mobile: true}]
        features:
          - id: F1
            title: GPS tracking of the sales reps' cars
            scenario: Subcontractors and their documents are out of scope.
    """)
    assert outcome.codes == []


# --- BTP001 ------------------------------------------------------------------------------------

def test_btp001_site_without_address_nor_coordinates(crmreq_lint):
    outcome = lint(crmreq_lint, GOOD.replace("    address: 12 rue des Tilleuls, 38100 Grenoble\n", ""),
                   select=["BTP001"])
    assert outcome.at("BTP001") == [("CH-1", 7)]
    assert "CH-1" in outcome.messages("BTP001")[0]


def test_btp001_incomplete_coordinates_do_not_count(crmreq_lint):
    outcome = lint(crmreq_lint, GOOD.replace("{lat: 45.2761, lon: 5.8842}", "{lat: 45.2761}"), select=["BTP001"])
    assert outcome.at("BTP001") == [("DEPOT", 13)]


def test_btp001_in_french(crmreq_lint):
    outcome = lint(crmreq_lint, GOOD.replace("    address: 12 rue des Tilleuls, 38100 Grenoble\n", ""),
                   select=["BTP001"], lang="fr")
    assert outcome.messages("BTP001") == [
        "Le site CH-1 n'a ni adresse ni coordonnées GPS : indiquez où il se trouve"]


# --- BTP002 ------------------------------------------------------------------------------------

NO_TRACKING = GOOD.replace("Fiche chantier avec avancement et équipes", "Fiche affaire").replace(
    "PPSPS reçus par entreprise sur chaque chantier", "PPSPS reçus par entreprise")


def test_btp002_worksites_without_tracking_feature(crmreq_lint):
    outcome = lint(crmreq_lint, NO_TRACKING, select=["BTP002"])
    assert outcome.at("BTP002") == [(None, 6)]     # on the `sites:` key
    assert "1 worksite" in outcome.messages("BTP002")[0]


def test_btp002_only_depots_need_no_tracking_feature(crmreq_lint):
    text = NO_TRACKING.replace("kind: worksite", "kind: workshop")
    assert lint(crmreq_lint, text, select=["BTP002"]).codes == []


def test_btp002_satisfied_by_a_tag_or_english_text(crmreq_lint):
    tagged = NO_TRACKING.replace("    title: Fiche affaire\n", "    title: Fiche affaire\n    btp: [site-tracking]\n")
    assert lint(crmreq_lint, tagged, select=["BTP002"]).codes == []
    english = NO_TRACKING.replace("Fiche affaire", "Job site progress and crews")
    assert lint(crmreq_lint, english, select=["BTP002"]).codes == []


# --- BTP003 ------------------------------------------------------------------------------------

NO_OFFLINE = GOOD.replace("Saisie des rapports hors ligne, synchronisée au retour du réseau.",
                          "Saisie des rapports sur Android et iOS.")


def test_btp003_every_field_team_without_offline_requirement(crmreq_lint):
    outcome = lint(crmreq_lint, NO_OFFLINE, select=["BTP003"])
    # conduite is mobile, compagnons works on CH-1
    assert outcome.at("BTP003") == [("conduite", 4), ("compagnons", 5)]
    assert outcome.messages("BTP003")[0].startswith("Team conduite works in the field")


@pytest.mark.parametrize("wording", [
    "Consultation et saisie en mode hors-ligne.", "Fonctionne sans réseau au sous-sol.",
    "Works OFFLINE for 3 days.", "Usable without network coverage.", "Mode déconnecté complet.",
])
def test_btp003_offline_wordings(crmreq_lint, wording):
    text = NO_OFFLINE.replace("Saisie des rapports sur Android et iOS.", wording)
    assert lint(crmreq_lint, text, select=["BTP003"]).codes == []


def test_btp003_offline_site_without_field_team(crmreq_lint):
    text = NO_OFFLINE.replace("mobile: true", "mobile: false").replace("    teams: [compagnons]\n", "")
    outcome = lint(crmreq_lint, text, select=["BTP003"])
    assert outcome.at("BTP003") == [("CH-1", 11)]
    assert "offline: true" in outcome.messages("BTP003")[0]


def test_btp003_online_spec_without_field_team_is_fine(crmreq_lint):
    text = NO_OFFLINE.replace("mobile: true", "mobile: false").replace("    teams: [compagnons]\n", "").replace(
        "    offline: true\n", "")
    assert lint(crmreq_lint, text, select=["BTP003"]).codes == []


# --- BTP004 ------------------------------------------------------------------------------------

def test_btp004_field_teams_without_planning(crmreq_lint):
    text = GOOD.replace("Planning hebdomadaire des équipes et du matériel", "Parc matériel par dépôt")
    outcome = lint(crmreq_lint, text, select=["BTP004"])
    assert outcome.at("BTP004") == [(None, 6)]
    assert "conduite, compagnons" in outcome.messages("BTP004")[0]


def test_btp004_planning_in_an_nfr_does_not_count(crmreq_lint):
    # scheduling is a feature, not a quality: an NFR mentioning "planning" is not enough
    text = GOOD.replace("Planning hebdomadaire des équipes et du matériel", "Parc matériel par dépôt").replace(
        "Saisie des rapports hors ligne", "Planning et saisie des rapports hors ligne")
    assert lint(crmreq_lint, text, select=["BTP004"]).at("BTP004") == [(None, 6)]


def test_btp004_english_scheduling(crmreq_lint):
    text = GOOD.replace("Planning hebdomadaire des équipes et du matériel", "Assign crews to sites each week")
    assert lint(crmreq_lint, text, select=["BTP004"]).codes == []


# --- BTP005 ------------------------------------------------------------------------------------

NO_DOCUMENTS = GOOD.replace("Relance de l'attestation de vigilance URSSAF tous les 6 mois", "Annuaire des partenaires")


def test_btp005_subcontractors_without_document_collection(crmreq_lint):
    outcome = lint(crmreq_lint, NO_DOCUMENTS, select=["BTP005"])
    assert outcome.at("BTP005") == [(None, 16)]
    assert "ST-ELEC" in outcome.messages("BTP005")[0] and "6 months" in outcome.messages("BTP005")[0]


def test_btp005_below_the_vigilance_threshold(crmreq_lint):
    small = NO_DOCUMENTS.replace("amount: 186000", "amount: 4000")
    assert lint(crmreq_lint, small, select=["BTP005"]).codes == []
    # the threshold is an option
    outcome = lint(crmreq_lint, small, select=["BTP005"], options={"btp-vigilance-threshold": 3000})
    assert outcome.codes == ["BTP005"]


def test_btp005_unknown_amount_is_assumed_above_threshold(crmreq_lint):
    text = NO_DOCUMENTS.replace(", amount: 186000", "")
    assert lint(crmreq_lint, text, select=["BTP005"]).codes == ["BTP005"]


def test_btp005_subcontractors_named_on_sites_only(crmreq_lint):
    text = NO_DOCUMENTS.replace("subcontractors:\n  - {id: ST-ELEC, name: Électricité Grésivaudan, amount: 186000}\n", "")
    outcome = lint(crmreq_lint, text, select=["BTP005"])
    assert outcome.at("BTP005") == [(None, 6)]


@pytest.mark.parametrize("title", [
    "Kbis et attestation décennale des sous-traitants",
    "Documents des sous-traitants avec date de validité",
    "Subcontractor insurance certificates and compliance",
])
def test_btp005_document_wordings(crmreq_lint, title):
    text = NO_DOCUMENTS.replace("Annuaire des partenaires", title)
    assert lint(crmreq_lint, text, select=["BTP005"]).codes == []


def test_btp005_mentioning_subcontractors_without_documents_is_not_enough(crmreq_lint):
    text = NO_DOCUMENTS.replace("Annuaire des partenaires", "Planning des sous-traitants")
    assert lint(crmreq_lint, text, select=["BTP005"]).codes == ["BTP005"]


# --- BTP006 ------------------------------------------------------------------------------------

def test_btp006_coactivity_without_safety_documents(crmreq_lint):
    text = GOOD.replace("PPSPS reçus par entreprise sur chaque chantier", "Photos de chantier")
    outcome = lint(crmreq_lint, text, select=["BTP006"])
    assert outcome.at("BTP006") == [("CH-1", 11)]
    assert "ST-ELEC" in outcome.messages("BTP006")[0]


def test_btp006_safety_plan_in_an_nfr_counts(crmreq_lint):
    text = GOOD.replace("PPSPS reçus par entreprise sur chaque chantier", "Photos de chantier").replace(
        "Saisie des rapports hors ligne", "Plans de prévention et saisie des rapports hors ligne")
    assert lint(crmreq_lint, text, select=["BTP006"]).codes == []


# --- BTP007 / BTP008 ---------------------------------------------------------------------------

def test_btp007_equipment_not_tracked(crmreq_lint):
    text = GOOD.replace("Planning hebdomadaire des équipes et du matériel", "Planning hebdomadaire des équipes")
    outcome = lint(crmreq_lint, text, select=["BTP007"])
    assert outcome.at("BTP007") == [(None, 18)]


def test_btp008_licensed_machines_without_licence_tracking(crmreq_lint):
    text = GOOD.replace("CACES des compagnons avec alerte d'échéance", "Annuaire des compagnons")
    outcome = lint(crmreq_lint, text, select=["BTP008"])
    assert outcome.at("BTP008") == [(None, 18)]
    assert "NACELLE-1" in outcome.messages("BTP008")[0]
    # hand tools need no licence
    tools = text.replace("kind: aerial_platform", "kind: tool")
    assert lint(crmreq_lint, tools, select=["BTP008"]).codes == []


def test_btp008_it_access_rights_are_not_operator_licences(crmreq_lint):
    # « gestion des habilitations » means user permissions in French IT: it must not satisfy BTP008
    text = GOOD.replace("CACES des compagnons avec alerte d'échéance", "Gestion des habilitations des utilisateurs")
    assert lint(crmreq_lint, text, select=["BTP008"]).codes == ["BTP008"]


# --- BTP009 ------------------------------------------------------------------------------------

def _with_feature(text: str, feature: str) -> str:
    return text.replace("nfr:\n", feature + "nfr:\n")


GEO_FEATURE = "  - id: F-GEO\n    title: Géolocalisation des fourgons des équipes en temps réel\n"


def test_btp009_geolocating_crews_needs_an_rgpd_mention(crmreq_lint):
    outcome = lint(crmreq_lint, _with_feature(GOOD, GEO_FEATURE), select=["BTP009"])
    assert outcome.at("BTP009") == [("F-GEO", 31)]


def test_btp009_satisfied_by_an_rgpd_purpose(crmreq_lint):
    text = _with_feature(GOOD, GEO_FEATURE) + """\
rgpd:
  purposes:
    - {id: P-GEO, name: Géolocalisation des véhicules d'intervention, legal_basis: legitimate_interest, retention: 2 mois}
"""
    assert lint(crmreq_lint, text, select=["BTP009"]).codes == []


def test_btp009_locating_customers_on_a_map_is_not_employee_tracking(crmreq_lint):
    feature = "  - id: F-MAP\n    title: Géolocalisation des clients sur une carte\n"
    assert lint(crmreq_lint, _with_feature(GOOD, feature), select=["BTP009"]).codes == []


def test_btp009_data_location_is_not_a_geolocation_mention(crmreq_lint):
    text = _with_feature(GOOD, GEO_FEATURE) + "rgpd:\n  data_location: FR\n  dpo: Localisation des données en France\n"
    assert lint(crmreq_lint, text, select=["BTP009"]).codes == ["BTP009"]


# --- BTP010 ------------------------------------------------------------------------------------

def test_btp010_unknown_team_and_subcontractor_and_duplicate_id(crmreq_lint):
    text = GOOD.replace("teams: [compagnons]", "teams: [compagnon]").replace(
        "subcontractors: [ST-ELEC]", "subcontractors: [ST-ELEK]").replace("id: NACELLE-1", "id: DEPOT")
    outcome = lint(crmreq_lint, text, select=["BTP010"])
    assert outcome.at("BTP010") == [("CH-1", 10), ("CH-1", 11), ("DEPOT", 19)]
    assert outcome.exit_code == 1  # BTP010 is an error
    messages = outcome.messages("BTP010")
    assert "`compagnon` matches no id in teams" in messages[0]
    assert "duplicate id `DEPOT`" in messages[2]


def test_btp010_free_subcontractor_names_without_a_subcontractors_section(crmreq_lint):
    text = GOOD.replace("subcontractors:\n  - {id: ST-ELEC, name: Électricité Grésivaudan, amount: 186000}\n", "")
    assert lint(crmreq_lint, text, select=["BTP010"]).codes == []


# --- tags, options, robustness ------------------------------------------------------------------

def test_tags_only_option_ignores_the_text(crmreq_lint):
    outcome = lint(crmreq_lint, options={"btp-feature-tags-only": True})
    assert set(outcome.codes) == {"BTP002", "BTP003", "BTP004", "BTP005", "BTP006", "BTP007", "BTP008"}
    # (BTP011 does not apply: GOOD does not work as a subcontractor)
    tagged = GOOD.replace("    title: Fiche chantier avec avancement et équipes\n",
                          "    title: Fiche chantier\n    btp: [site-tracking, planning, offline, equipment]\n")
    outcome = lint(crmreq_lint, tagged, options={"btp-feature-tags-only": True})
    assert set(outcome.codes) == {"BTP005", "BTP006", "BTP008"}


def test_unknown_tag_is_a_schema_error(crmreq_lint):
    text = GOOD.replace("    title: Fiche chantier avec avancement et équipes\n",
                        "    title: Fiche chantier\n    btp: [chantier]\n")
    outcome = lint(crmreq_lint, text, select=["E002"])
    assert outcome.at("E002") == [(None, 23)]


@pytest.mark.parametrize("section", [
    "sites: a string",
    "sites: [1, two, [3]]",
    "sites:\n  - id: S1\n    teams: not-a-list\n    coordinates: [45, 5]\n    kind: 7",
    "subcontractors: {id: S}\nequipment: [{kind: [lifting]}]",
    "sites: []\nsubcontractors: []\nequipment: []",
])
def test_malformed_sections_are_schema_errors_never_crashes(crmreq_lint, section):
    text = "crmreq: 1\nproject: {name: T, lang: en}\nteams: [{id: t, mobile: true}]\n" + section + "\n"
    outcome = lint(crmreq_lint, text, select=["ALL"])
    assert "X002" not in outcome.codes, outcome
    assert outcome.exit_code in (0, 1)


def test_toml_spec(crmreq_lint):
    outcome = lint(crmreq_lint, """\
        crmreq = 1
        [project]
        name = "Chantiers"
        lang = "en"

        [[sites]]
        id = "CH-1"
        name = "Les Tilleuls"

        [[features]]
        id = "F1"
        title = "Worksite record"
        btp = ["site-tracking"]
    """, fmt="toml")
    assert outcome.at("BTP001") == [("CH-1", 6)]
    assert "BTP002" not in outcome.codes


def test_suppression_comment_works_for_plugin_codes(crmreq_lint):
    text = GOOD.replace("    address: 12 rue des Tilleuls, 38100 Grenoble\n", "").replace(
        "  - id: CH-1\n", "  - id: CH-1  # crmreq: ignore[BTP001]\n")
    assert lint(crmreq_lint, text, select=["BTP001", "X001"]).codes == []


def test_severity_can_be_overridden(crmreq_lint):
    text = GOOD.replace("    address: 12 rue des Tilleuls, 38100 Grenoble\n", "")
    outcome = lint(crmreq_lint, text, select=["BTP001"], severity={"site-without-location": "error"})
    assert [f.severity for f in outcome.findings] == ["error"] and outcome.exit_code == 1


# --- BTP011 ------------------------------------------------------------------------------------

SUBCONTRACTING = GOOD.replace("date: 2026-09-14}", "date: 2026-09-14, works_as_subcontractor: true}").replace(
    "nfr:\n", "  - id: F-DEVIS\n    title: Devis depuis la bibliothèque d'ouvrages\nnfr:\n")


def test_btp011_subcontractor_issuing_quotes_without_reverse_charge(crmreq_lint):
    outcome = lint(crmreq_lint, SUBCONTRACTING, select=["BTP011"])
    assert outcome.at("BTP011") == [(None, 2)]
    assert "F-DEVIS" in outcome.messages("BTP011")[0]


@pytest.mark.parametrize("wording", [
    "Devis en autoliquidation pour les entreprises générales",
    "Devis HT, mention auto-liquidation",
    "Quotes with VAT reverse charge for main contractors",
])
def test_btp011_reverse_charge_wordings(crmreq_lint, wording):
    text = SUBCONTRACTING.replace("Devis depuis la bibliothèque d'ouvrages", wording)
    assert lint(crmreq_lint, text, select=["BTP011"]).codes == []


def test_btp011_needs_the_declared_role_and_a_billing_feature(crmreq_lint):
    not_subcontractor = SUBCONTRACTING.replace("works_as_subcontractor: true", "works_as_subcontractor: false")
    assert lint(crmreq_lint, not_subcontractor, select=["BTP011"]).codes == []
    no_quotes = SUBCONTRACTING.replace("Devis depuis la bibliothèque d'ouvrages", "Annuaire des clients")
    assert lint(crmreq_lint, no_quotes, select=["BTP011"]).codes == []


def test_btp011_alone_makes_a_spec_a_btp_one(crmreq_lint):
    outcome = lint(crmreq_lint, """\
        crmreq: 1
        project: {name: T, lang: en, works_as_subcontractor: true}
        features:
          - {id: F1, title: Invoices from progress bills}
    """)
    assert outcome.codes == ["BTP011"]
