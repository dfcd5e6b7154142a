"""G — RGPD / GDPR."""

from __future__ import annotations

import pytest

from crmreq.rules.rgpd import allowed_codes, classify_location

GOOD = """
crmreq: 1
project:
  name: Nouveau CRM
  lang: fr
systems:
  - id: crm
    kind: crm
    location: FR
  - id: mailchimp
    name: Mailchimp
    kind: marketing
    location: US
  - id: sage
    kind: erp
    location: France
objects:
  - id: contact
    name: Contacts
    personal_data: true
  - id: prospect
    personal_data: true
  - id: compte
    name: Compte client
    personal_data: true
  - id: commande
    personal_data: false
flows:
  - id: FL-1
    from: crm
    to: mailchimp
    direction: one_way
    objects: [contact, commande]
  - id: FL-2
    from: sage
    to: crm
    direction: two_way
    objects: [compte]
rgpd:
  data_location: FR
  purposes:
    - id: PUR-1
      name: Prospection
      legal_basis: legitimate_interest
      objects: [prospect, contact, compte]
      retention: 3 ans après le dernier contact émanant du prospect
    - id: PUR-2
      name: Gestion des commandes
      legal_basis: contract
  consent:
    collection: case non cochée par canal
    proof: horodatage et version du formulaire
    withdrawal: lien de désinscription
  rights: [access, rectification, erasure, portability, objection, restriction]
  retention:
    contacts: 3 ans après le dernier contact
    clients: durée de la relation + 3 ans
  processor_agreement: true
  security_measures: [chiffrement au repos, double authentification]
  breach_notification: sous 24 h
  transfers_outside_eu:
    - system: mailchimp
      country: US
      safeguard: dpf
"""


def only(findings, code):
    return [f for f in findings if f.code == code]


def lines(findings):
    return [(f.code, f.object, f.line) for f in findings]


def test_good_spec_is_clean_and_schema_valid(lint_yaml):
    assert lint_yaml(GOOD, select=("G", "E")) == []


# --- G001 ---------------------------------------------------------------------------

def test_g001_missing_section_once_and_no_flood(lint_yaml):
    spec = GOOD.split("rgpd:")[0]
    findings = lint_yaml(spec, select=("G",))
    assert lines(findings) == [("G001", "rgpd", 1)]
    assert "contact, prospect, compte" in findings[0].message
    fr = lint_yaml(spec, select=("G",), lang="fr")
    assert fr[0].message.startswith("Aucune section rgpd alors que des objets contiennent des données personnelles")


def test_g001_no_personal_data_no_finding(lint_yaml):
    spec = GOOD.split("rgpd:")[0].replace("personal_data: true", "personal_data: false")
    assert lint_yaml(spec, select=("G",)) == []


# --- G002 ---------------------------------------------------------------------------

def test_g002_missing_location_points_at_rgpd_section(lint_yaml):
    spec = GOOD.replace("  data_location: FR\n", "")
    findings = only(lint_yaml(spec, select=("G",)), "G002")
    assert lines(findings) == [("G002", "rgpd.data_location", 38)]
    assert "not given" in findings[0].message


def test_g002_outside_eu_points_at_the_key(lint_yaml):
    spec = GOOD.replace("  data_location: FR\n", "  data_location: États-Unis (Virginie)\n")
    spec = spec.split("  transfers_outside_eu:")[0]
    findings = only(lint_yaml(spec, select=("G",), lang="fr"), "G002")
    assert lines(findings) == [("G002", "rgpd.data_location", 39)]
    assert "hors de l'UE/EEE (US)" in findings[0].message


def test_g002_unrecognised_location(lint_yaml):
    spec = GOOD.replace("  data_location: FR\n", "  data_location: cloud de l'éditeur\n")
    findings = only(lint_yaml(spec, select=("G",)), "G002")
    assert lines(findings) == [("G002", "rgpd.data_location", 39)]
    assert "no recognised country" in findings[0].message


def test_g002_outside_eu_with_documented_transfer_is_accepted(lint_yaml):
    spec = GOOD.replace("  data_location: FR\n", "  data_location: US\n")
    assert only(lint_yaml(spec, select=("G",)), "G002") == []


@pytest.mark.parametrize("text, reported", [
    ("aucun transfert prévu", True),            # says "none": documents nothing
    ("   ", True),
    ("CCT signées avec l'hébergeur, analyse d'impact jointe", False),
])
def test_g002_outside_eu_with_a_transfer_text(lint_yaml, text, reported):
    spec = GOOD.replace("  data_location: FR\n", "  data_location: US\n").split("  transfers_outside_eu:")[0]
    spec += f"  transfers_outside_eu: \"{text}\"\n"
    assert len(only(lint_yaml(spec, select=("G002",)), "G002")) == (1 if reported else 0)


def test_g002_option_extends_accepted_countries(lint_yaml):
    spec = GOOD.replace("  data_location: FR\n", "  data_location: Suisse\n").split("  transfers_outside_eu:")[0]
    assert len(only(lint_yaml(spec, select=("G002",)), "G002")) == 1
    options = {"eu-countries": ["FR", "EU", "CH"]}
    assert only(lint_yaml(spec, select=("G002",), options=options), "G002") == []


@pytest.mark.parametrize("text", [
    "FR", "fr", "eu", "UE", "EEE", "FR, DE", "fr/de", "France", "Europe (France)", "Union européenne",
    "Hébergement en France et en Allemagne", "OVHcloud, Roubaix et Gravelines", "AWS eu-west-3 (Paris)",
    "Azure francecentral", "Hosted in the EU (Frankfurt)", "Irlande", "Pays-Bas", "Norvège",
])
def test_locations_inside(text):
    assert classify_location(text, allowed_codes(None))[0] == "inside"


@pytest.mark.parametrize("text", ["US", "USA", "États-Unis", "United States", "FR et US (sauvegardes)", "UK",
                                  "Royaume-Uni", "Suisse", "Maroc (support)"])
def test_locations_outside(text):
    assert classify_location(text, allowed_codes(None))[0] == "outside"


@pytest.mark.parametrize("text", ["", None, "cloud de l'éditeur", "en", "à préciser"])
def test_locations_unknown(text):
    assert classify_location(text, allowed_codes(None))[0] == "unknown"


# --- G003 ---------------------------------------------------------------------------

@pytest.mark.parametrize("consent", ["", "  consent: false\n", "  consent: \"\"\n", "  consent: {}\n"])
def test_g003_consent_not_stated(lint_yaml, consent):
    spec = GOOD.replace("""  consent:
    collection: case non cochée par canal
    proof: horodatage et version du formulaire
    withdrawal: lien de désinscription
""", consent)
    findings = only(lint_yaml(spec, select=("G",)), "G003")
    assert lines(findings) == [("G003", "rgpd.consent", 49 if consent else 38)]


def test_g003_consent_as_text_is_enough(lint_yaml):
    spec = GOOD.replace("""  consent:
    collection: case non cochée par canal
""", """  consent: recueilli par case à cocher, preuve horodatée, retrait par lien
  x-consent:
    collection: case non cochée par canal
""")
    assert only(lint_yaml(spec, select=("G",)), "G003") == []


def test_g003_silent_when_no_object_is_personal(lint_yaml):
    spec = GOOD.replace("personal_data: true", "personal_data: false").replace("""  consent:
    collection: case non cochée par canal
    proof: horodatage et version du formulaire
    withdrawal: lien de désinscription
""", "")
    assert lint_yaml(spec, select=("G",)) == []


# --- G004 / G005 --------------------------------------------------------------------

def test_g004_erasure_missing(lint_yaml):
    spec = GOOD.replace("rectification, erasure, portability", "rectification, portability")
    findings = only(lint_yaml(spec, select=("G",), lang="fr"), "G004")
    assert lines(findings) == [("G004", "erasure", 53)]
    assert "droit à l'oubli" in findings[0].message


def test_g004_g005_missing_rights_key_point_at_section(lint_yaml):
    spec = GOOD.replace("  rights: [access, rectification, erasure, portability, objection, restriction]\n", "")
    findings = lint_yaml(spec, select=("G004", "G005"))
    assert lines(findings) == [("G004", "erasure", 38), ("G005", "access", 38), ("G005", "objection", 38),
                               ("G005", "portability", 38), ("G005", "rectification", 38)]


def test_g005_one_finding_per_missing_right(lint_yaml):
    spec = GOOD.replace("[access, rectification, erasure, portability, objection, restriction]", "[erasure, access]")
    findings = only(lint_yaml(spec, select=("G",)), "G005")
    assert lines(findings) == [("G005", "objection", 53), ("G005", "portability", 53),
                               ("G005", "rectification", 53)]
    assert findings[0].severity == "warning"
    assert "right to object (GDPR art. 21)" in findings[0].message


def test_g005_portability_not_expected_without_consent_or_contract_basis(lint_yaml):
    spec = GOOD.replace("      legal_basis: contract\n", "      legal_basis: legitimate_interest\n")
    spec = spec.replace("[access, rectification, erasure, portability, objection, restriction]",
                        "[access, rectification, erasure, objection]")
    assert only(lint_yaml(spec, select=("G",)), "G005") == []


def test_g005_restriction_is_not_required(lint_yaml):
    spec = GOOD.replace(", restriction]", "]")
    assert lint_yaml(spec, select=("G",)) == []


# --- G006 ---------------------------------------------------------------------------

def test_g006_one_finding_per_uncovered_object(lint_yaml):
    spec = GOOD.replace("      retention: 3 ans après le dernier contact émanant du prospect\n", "")
    spec = spec.replace("    clients: durée de la relation + 3 ans\n", "")
    findings = only(lint_yaml(spec, select=("G",)), "G006")
    assert lines(findings) == [("G006", "prospect", 20), ("G006", "compte", 22)]
    # the hint fits the kind of data: prospects, then customers (« Compte client »)
    assert "3 years from collection or from the prospect's last contact" in findings[0].message
    assert "délibération n° 2021-131" in findings[0].message
    assert "the length of the contractual relationship" in findings[1].message


def test_g006_matching_is_fold_and_plural_insensitive(lint_yaml):
    spec = GOOD.replace("      retention: 3 ans après le dernier contact émanant du prospect\n", "")
    spec = spec.replace("    contacts: 3 ans après le dernier contact\n    clients: durée de la relation + 3 ans\n",
                        "    Contacts et PROSPECTS: 3 ans après le dernier contact\n"
                        "    comptes_clients: durée de la relation + 3 ans\n")
    assert only(lint_yaml(spec, select=("G",)), "G006") == []


def test_g006_catch_all_key(lint_yaml):
    spec = GOOD.replace("    contacts: 3 ans après le dernier contact\n    clients: durée de la relation + 3 ans\n",
                        "    par défaut: 3 ans après le dernier contact\n")
    assert only(lint_yaml(spec, select=("G",)), "G006") == []


# --- G007 ---------------------------------------------------------------------------

def test_g007_processor_agreement_false(lint_yaml):
    spec = GOOD.replace("processor_agreement: true", "processor_agreement: false")
    findings = only(lint_yaml(spec, select=("G",), lang="fr"), "G007")
    assert lines(findings) == [("G007", "rgpd.processor_agreement", 57)]
    assert "art. 28" in findings[0].message


def test_g007_missing_points_at_section(lint_yaml):
    spec = GOOD.replace("  processor_agreement: true\n", "")
    assert lines(only(lint_yaml(spec, select=("G",)), "G007")) == [("G007", "rgpd.processor_agreement", 38)]


# --- G008 ---------------------------------------------------------------------------

def test_g008_personal_data_to_us_without_safeguard(lint_yaml):
    spec = GOOD.split("  transfers_outside_eu:")[0]
    findings = only(lint_yaml(spec, select=("G",), lang="fr"), "G008")
    assert lines(findings) == [("G008", "mailchimp", 28)]
    assert "(contact)" in findings[0].message and "hors UE/EEE (US)" in findings[0].message


def test_g008_entry_without_safeguard(lint_yaml):
    spec = GOOD.replace("      safeguard: dpf\n", "")
    findings = only(lint_yaml(spec, select=("G",)), "G008")
    assert lines(findings) == [("G008", "mailchimp", 28)]
    assert "gives no safeguard" in findings[0].message


def test_g008_false_contradicts_the_flow(lint_yaml):
    spec = GOOD.split("  transfers_outside_eu:")[0] + "  transfers_outside_eu: false\n"
    findings = only(lint_yaml(spec, select=("G",)), "G008")
    assert lines(findings) == [("G008", "mailchimp", 28)]
    assert "says there is no transfer" in findings[0].message


def test_g008_text_naming_the_system_covers_it(lint_yaml):
    spec = GOOD.split("  transfers_outside_eu:")[0] + (
        "  transfers_outside_eu: \"MailChimp (États-Unis) : certifié Data Privacy Framework, CCT en complément\"\n")
    assert only(lint_yaml(spec, select=("G",)), "G008") == []


def test_g008_entry_by_country_covers_it(lint_yaml):
    spec = GOOD.replace("    - system: mailchimp\n      country: US\n", "    - country: États-Unis\n")
    assert only(lint_yaml(spec, select=("G",)), "G008") == []


def test_g008_only_receivers_of_personal_data(lint_yaml):
    # Non-personal data to the US, and personal data *from* a US system by a one-way flow: not a transfer here.
    spec = GOOD.split("  transfers_outside_eu:")[0].replace(
        "    to: mailchimp\n    direction: one_way\n    objects: [contact, commande]\n",
        "    to: mailchimp\n    direction: one_way\n    objects: [commande]\n")
    spec = spec.replace("    from: sage\n    to: crm\n    direction: two_way\n",
                        "    from: mailchimp\n    to: crm\n    direction: one_way\n")
    assert only(lint_yaml(spec, select=("G",)), "G008") == []


def test_g008_two_way_flow_reaches_both_ends_once_per_system(lint_yaml):
    spec = GOOD.split("  transfers_outside_eu:")[0].replace("    location: France\n", "    location: UK\n")
    spec = spec.replace("  - id: FL-2\n", "  - id: FL-3\n    from: crm\n    to: sage\n    objects: [contact]\n"
                                          "  - id: FL-2\n")
    findings = only(lint_yaml(spec, select=("G008",)), "G008")
    assert lines(findings) == [("G008", "mailchimp", 28), ("G008", "sage", 33)]


# --- G009 ---------------------------------------------------------------------------

def test_g009_one_finding_per_missing_field(lint_yaml):
    spec = GOOD.replace("  security_measures: [chiffrement au repos, double authentification]\n", "")
    spec = spec.replace("  breach_notification: sous 24 h\n", "  breach_notification: false\n")
    findings = only(lint_yaml(spec, select=("G",)), "G009")
    assert lines(findings) == [("G009", "rgpd.security_measures", 38), ("G009", "rgpd.breach_notification", 58)]
    messages = " ".join(f.message for f in findings)
    assert "security measures" in messages and "breach notification" in messages


def test_g009_keys_written_with_no_value_are_missing_and_g010_leaves_a_misspelt_key_to_the_schema(lint_yaml):
    """An empty value counts as missing (one cause: the missing-value rule says it, not E002); a
    misspelt key is E002's, and G010 does not also say the purposes are missing."""
    spec = GOOD.replace("  security_measures: [chiffrement au repos, double authentification]\n",
                        "  security_measures:\n").replace("  breach_notification: sous 24 h\n",
                                                          "  breach_notification:\n")
    spec = spec.replace("  purposes:\n    - id: PUR-1", "  purposes:\n  old_purposes:\n    - id: PUR-1")
    findings = lint_yaml(spec, select=("G009", "G010", "E002"))
    assert sorted(f.code for f in findings) == ["E002", "G009", "G009"]
    assert {f.line for f in findings} == {41, 59, 60}   # old_purposes, security_measures, breach_notification


def test_g009_near_miss_text_security(lint_yaml):
    spec = GOOD.replace("[chiffrement au repos, double authentification]", "chiffrement et journalisation")
    assert only(lint_yaml(spec, select=("G",)), "G009") == []


# --- G010 ---------------------------------------------------------------------------

def test_g010_no_purposes(lint_yaml):
    spec = GOOD.replace("""  purposes:
    - id: PUR-1
      name: Prospection
      legal_basis: legitimate_interest
      objects: [prospect, contact, compte]
      retention: 3 ans après le dernier contact émanant du prospect
    - id: PUR-2
      name: Gestion des commandes
      legal_basis: contract
""", "").replace("    contacts:", "    prospects: 3 ans\n    contacts:")
    findings = lint_yaml(spec, select=("G",), lang="fr")
    assert lines(findings) == [("G010", "rgpd.purposes", 38)]
    assert findings[0].message.startswith("Aucune finalité de traitement n'est déclarée")


def test_g010_purpose_without_legal_basis(lint_yaml):
    spec = GOOD.replace("      legal_basis: contract\n", "")
    findings = only(lint_yaml(spec, select=("G",)), "G010")
    assert lines(findings) == [("G010", "PUR-2", 46)]
    assert "GDPR art. 6" in findings[0].message


def test_g010_invalid_basis_left_to_schema(lint_yaml):
    spec = GOOD.replace("legal_basis: contract", "legal_basis: habitude")
    findings = lint_yaml(spec, select=("G", "E"))
    assert [f.code for f in findings] == ["E002"]


def test_rules_never_raise_on_sparse_rgpd(lint_yaml):
    spec = """
crmreq: 1
project:
  name: X
systems:
  - id: s1
    location: US
objects:
  - id: o1
    personal_data: true
flows:
  - id: f1
    to: s1
    objects: [o1]
  - id: f2
rgpd:
  purposes:
    - id: P1
  transfers_outside_eu:
    - details: ""
"""
    findings = lint_yaml(spec, select=("G", "X002"))
    assert "X002" not in {f.code for f in findings}
    assert "G008" in {f.code for f in findings}


def test_toml_spec_positions(lint_yaml):
    spec = """
crmreq = 1

[project]
name = "X"

[[objects]]
id = "contact"
personal_data = true

[rgpd]
data_location = "Union européenne"
rights = ["access", "rectification", "portability", "objection"]
"""
    findings = lint_yaml(spec, name="crmreq.toml", select=("G", "E"))
    assert ("G004", "erasure", 12) in lines(findings)
    assert ("G006", "contact", 6) in lines(findings)
    assert not [f for f in findings if f.code.startswith("E") or f.code == "G002"]


# --- G002 "Europe" -------------------------------------------------------------------

def test_g002_europe_alone_asks_which_europe_is_meant(lint_yaml):
    spec = GOOD.replace("  data_location: FR\n", "  data_location: Europe\n")
    findings = only(lint_yaml(spec, select=("G",), lang="fr"), "G002")
    assert lines(findings) == [("G002", "rgpd.data_location", 39)]
    assert "« Europe » est ambigu" in findings[0].message and "Royaume-Uni et la Suisse" in findings[0].message
    assert "United Kingdom and Switzerland" in lint_yaml(spec, select=("G002",), lang="en")[0].message
    assert classify_location("Europe", allowed_codes(None))[0] == "ambiguous"
    assert classify_location("Europe", allowed_codes(["EUROPE", "FR"]))[0] == "inside"


@pytest.mark.parametrize("location, verdict", [
    ("Hébergement européen", "ambiguous"),        # European: the EU, or the UK and Switzerland too?
    ("Datacenters européens en France", "inside"),
    ("Espace économique européen", "inside"),
    ("Microsoft Azure West Europe", "inside"),    # Azure's region in the Netherlands
    ("Azure North Europe (Dublin)", "inside"),
])
def test_g002_european_is_as_ambiguous_as_europe_and_azure_regions_are_places(location, verdict):
    assert classify_location(location, allowed_codes(None))[0] == verdict


# --- G005 objection for prospection ----------------------------------------------------

def test_g005_objection_is_asked_for_prospection_whatever_its_basis(lint_yaml):
    spec = GOOD.replace("      legal_basis: legitimate_interest\n", "      legal_basis: consent\n")
    spec = spec.replace("[access, rectification, erasure, portability, objection, restriction]",
                        "[access, rectification, erasure, portability]")
    findings = only(lint_yaml(spec, select=("G005",)), "G005")
    assert [(f.object, f.line) for f in findings] == [("objection", 53)]
    # without a prospection or marketing purpose, consent and contract need no objection right
    spec = spec.replace("      name: Prospection\n", "      name: Gestion des demandes\n")
    assert only(lint_yaml(spec, select=("G005",)), "G005") == []


# --- G011 ------------------------------------------------------------------------------

def test_g011_retention_longer_than_the_cnil_reference(lint_yaml):
    spec = GOOD.replace("    contacts: 3 ans après le dernier contact\n",
                        "    prospects: 10 ans après le dernier contact\n    cookies: 25 mois\n")
    findings = only(lint_yaml(spec, select=("G",), lang="fr"), "G011")
    assert [(f.object, f.line) for f in findings] == [
        ("rgpd.retention.prospects", 55), ("rgpd.retention.cookies", 56)]
    assert "« 10 ans après le dernier contact » dépasse le repère" in findings[0].message
    assert findings[0].message.count(" : ") == 1     # one colon per sentence
    assert "3 ans à compter de la collecte" in findings[0].message and "2021-131" in findings[0].message
    assert "13 mois" in findings[1].message and "2020-091" in findings[1].message
    english = only(lint_yaml(spec, select=("G011",), lang="en"), "G011")
    assert "exceeds the reference" in english[0].message


def test_g011_reads_a_purpose_by_its_name_and_objects(lint_yaml):
    spec = GOOD.replace("      retention: 3 ans après le dernier contact émanant du prospect\n",
                        "      retention: 5 ans après le dernier contact\n")
    findings = only(lint_yaml(spec, select=("G011",)), "G011")
    assert [(f.object, f.line) for f in findings] == [("PUR-1", 45)]


def test_g011_silent_within_the_reference_or_without_a_fixed_ceiling(lint_yaml):
    spec = GOOD.replace("    clients: durée de la relation + 3 ans\n",
                        "    clients: durée de la relation + 5 ans\n    prospects: 36 mois, puis archivage 5 ans\n"
                        "    cookies: 13 mois\n")
    assert only(lint_yaml(spec, select=("G", "E")), "G011") == []


def test_g011_a_combined_key_is_judged_on_the_clause_naming_the_kind(lint_yaml):
    """« Clients : … + 5 ans ; prospects : 3 ans » is within the prospects' reference; an IBAN is not
    card data."""
    spec = GOOD.replace("    clients: durée de la relation + 3 ans\n",
                        "    clients et prospects: \"Clients : durée de la relation + 5 ans ; prospects : 3 ans après "
                        "le dernier contact\"\n    données bancaires (RIB): 5 ans après la fin du contrat\n")
    assert only(lint_yaml(spec, select=("G", "E")), "G011") == []
    longer = spec.replace("prospects : 3 ans après", "prospects : 5 ans après")
    assert [f.object for f in only(lint_yaml(longer, select=("G011",)), "G011")] == [
        "rgpd.retention.clients et prospects"]


# --- G012 ------------------------------------------------------------------------------

def test_g012_personal_object_no_purpose_covers(lint_yaml):
    spec = GOOD.replace("objects: [prospect, contact, compte]", "objects: [prospect, contact]")
    findings = only(lint_yaml(spec, select=("G",), lang="fr"), "G012")
    assert lines(findings) == [("G012", "compte", 22)]
    assert findings[0].message.startswith("L'objet compte contient des données personnelles mais aucune finalité")


def test_g012_purposes_without_objects_are_reported_once(lint_yaml):
    spec = GOOD.replace("      objects: [prospect, contact, compte]\n", "")
    findings = only(lint_yaml(spec, select=("G012",), lang="en"), "G012")
    assert lines(findings) == [("G012", "rgpd.purposes", 40)]


# --- G013 ------------------------------------------------------------------------------

NEWSLETTER = GOOD.replace("""    - id: PUR-2
      name: Gestion des commandes
""", """    - id: PUR-3
      name: {name}
      legal_basis: legitimate_interest
      objects: [contact]
      retention: 3 ans après le dernier contact émanant du prospect
    - id: PUR-2
      name: Gestion des commandes
""")


def test_g013_email_prospection_of_consumers_on_legitimate_interest(lint_yaml):
    spec = NEWSLETTER.replace("{name}", "Newsletter e-mail aux particuliers")
    findings = only(lint_yaml(spec, select=("G", "E"), lang="fr"), "G013")
    assert lines(findings) == [("G013", "PUR-3", 48)]
    assert "CPCE art. L34-5" in findings[0].message and "legal_basis: consent" in findings[0].message


def test_g013_a_consumer_market_in_the_context_is_enough(lint_yaml):
    spec = NEWSLETTER.replace("{name}", "Prospection par e-mail").replace(
        "rgpd:\n", "context:\n  situation:\n    market: Particuliers (vente en ligne de vins)\nrgpd:\n", 1)
    assert [f.code for f in lint_yaml(spec, select=("G013",))] == ["G013"]


def test_g013_consumers_named_in_the_history_or_challenges_count(lint_yaml):
    """A B2C company often says so in its history, not in `situation.market`."""
    spec = NEWSLETTER.replace("{name}", "Weekly e-mail newsletter").replace(
        "rgpd:\n", "context:\n  history: Outdoor gear sold online to consumers since 2012\nrgpd:\n", 1)
    assert [(f.code, f.object) for f in lint_yaml(spec, select=("G013",))] == [("G013", "PUR-3")]
    spec = NEWSLETTER.replace("{name}", "Newsletter e-mail").replace(
        "rgpd:\n", "context:\n  challenges: [La moitié de nos clientes sont des particulières]\nrgpd:\n", 1)
    assert [f.code for f in lint_yaml(spec, select=("G013",))] == ["G013"]


@pytest.mark.parametrize("history", [
    "We sell to consumers and to businesses",                           # both: not consumers only
    "Les particuliers achètent nos produits chez nos revendeurs",        # the company sells to resellers
])
def test_g013_silent_when_the_context_also_names_professionals(lint_yaml, history):
    spec = NEWSLETTER.replace("{name}", "Newsletter e-mail").replace(
        "rgpd:\n", f"context:\n  history: {history}\nrgpd:\n", 1)
    assert lint_yaml(spec, select=("G013",)) == []


@pytest.mark.parametrize("name", [
    "Prospection B2B par e-mail",                     # B2B: legitimate interest is allowed
    "Newsletter e-mail aux clients",                  # existing customers: soft opt-in
    "Newsletter e-mail aux clientes",                 # likewise, in the feminine
    "Prospection téléphonique des particuliers",      # not an electronic channel
    "Newsletter e-mail",                              # nothing says consumers
])
def test_g013_silent_when_not_clearly_consumers_by_email(lint_yaml, name):
    assert lint_yaml(NEWSLETTER.replace("{name}", name), select=("G013",)) == []


# --- G014 ------------------------------------------------------------------------------

SCORING = GOOD + """features:
  - id: LEAD-05
    title: Lead scoring automatique des prospects
    scenario: Le score est calculé par un modèle d'IA à partir des visites du site.
  - id: SAT-01
    title: Score de satisfaction après chaque ticket
"""


def test_g014_profiling_or_ai_feature_without_dpia(lint_yaml):
    findings = only(lint_yaml(SCORING, select=("G",), lang="fr"), "G014")
    assert lines(findings) == [("G014", "rgpd.dpia", 38)]
    assert findings[0].message.startswith("La fonctionnalité LEAD-05 fait du profilage")
    assert "« Lead scoring »" in findings[0].message and "« IA »" in findings[0].message
    assert "SAT-01" not in findings[0].message


@pytest.mark.parametrize("title", ["Score de potentiel de chaque contact", "Churn score per customer",
                                   "Propensity score for upsell"])
def test_g014_potential_churn_and_propensity_scores_are_scoring(lint_yaml, title):
    spec = GOOD + f"features:\n  - id: SC-1\n    title: {title}\n"
    assert [(f.code, f.object) for f in lint_yaml(spec, select=("G014",))] == [("G014", "rgpd.dpia")]


def test_g014_a_dpia_statement_answers_it(lint_yaml):
    spec = SCORING.replace("  processor_agreement: true\n", "  processor_agreement: true\n"
                           "  dpia: Analyse d'impact prévue avant la mise en production (lead scoring)\n")
    assert lint_yaml(spec, select=("G", "E")) == []


def test_g006_hint_fits_the_kind_of_data(lint_yaml):
    """Support tickets are not prospects: no 3-year prospect rule for them, a period and its start event."""
    spec = GOOD.replace("  - id: commande\n    personal_data: false\n",
                        "  - id: ticket\n    name: Tickets SAV\n    personal_data: true\n")
    findings = only(lint_yaml(spec, select=("G006",), lang="fr"), "G006")
    assert lines(findings) == [("G006", "ticket", 25)]
    assert "prospect" not in findings[0].message and "l'événement qui la fait courir" in findings[0].message
