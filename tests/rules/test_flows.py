"""F — flows and systems (F001–F010)."""

from __future__ import annotations

GOOD = """
crmreq: 1
project:
  name: Nouveau CRM
  lang: fr
systems:
  - id: crm
    name: Futur CRM
    kind: crm
    interfaces: [api, webhook, file]
  - id: sage
    name: Sage 100
    kind: erp
    interfaces: [api, file]
  - id: eshop
    name: Boutique en ligne
    kind: ecommerce
    interfaces: [webhook]
  - id: ebp
    name: EBP CRM
    kind: crm
    keep: false
  - id: brevo
    name: Brevo
    kind: marketing
objects:
  - id: compte
  - id: commande
flows:
  - id: FL-1
    from: sage
    to: crm
    direction: two_way
    master: sage
    objects: [compte, commande]
    frequency: hourly
    mechanism: api
  - id: FL-2
    from: eshop
    to: sage
    direction: one_way
    objects: [commande]
    frequency: on_event
    mechanism: webhook
  - id: FL-3
    from: crm
    to: brevo
    direction: one_way
    objects: [compte]
    frequency: daily
    mechanism: file
features:
  - id: INT-01
    module: integration
    title: Voir les commandes de la boutique en ligne dans la fiche client
    scenario: Les commandes de l'ESHOP passent par Sage puis arrivent dans le CRM.
"""


def only(findings, code):
    return [f for f in findings if f.code == code]


def test_good_spec_has_no_flow_findings_and_is_schema_valid(lint_yaml):
    findings = lint_yaml(GOOD, select=("F", "E"))
    assert findings == []


# --- F001 ---------------------------------------------------------------------------

def test_f001_one_finding_per_missing_field(lint_yaml):
    spec = GOOD.replace("    frequency: daily\n    mechanism: file\n", "")
    findings = only(lint_yaml(spec, select=("F",)), "F001")
    assert [(f.object, f.line) for f in findings] == [("FL-3", 44), ("FL-3", 44)]
    messages = " | ".join(f.message for f in findings)
    assert "frequency" in messages and "mechanism" in messages
    assert all(f.severity == "error" for f in findings)


def test_f001_french_message(lint_yaml):
    spec = GOOD.replace("    direction: one_way\n    objects: [compte]\n", "    objects: [compte]\n")
    findings = only(lint_yaml(spec, select=("F",), lang="fr"), "F001")
    assert len(findings) == 1
    assert findings[0].message.startswith("Le flux FL-3 ne précise pas le sens (direction)")


def test_f001_invalid_value_is_left_to_the_schema(lint_yaml):
    spec = GOOD.replace("    frequency: daily\n", "    frequency: sometimes\n")
    findings = lint_yaml(spec, select=("F", "E"))
    assert [f.code for f in findings] == ["E002"]


# --- F002 ---------------------------------------------------------------------------

def test_f002_flow_without_objects(lint_yaml):
    spec = GOOD.replace("    objects: [commande]\n", "")
    findings = only(lint_yaml(spec, select=("F",)), "F002")
    assert [(f.object, f.line) for f in findings] == [("FL-2", 37)]


def test_f002_empty_list_points_at_the_key(lint_yaml):
    spec = GOOD.replace("    objects: [commande]\n", "    objects: []\n")
    findings = only(lint_yaml(spec, select=("F",)), "F002")
    assert [(f.object, f.line) for f in findings] == [("FL-2", 41)]


def test_f002_near_miss_objects_listed(lint_yaml):
    assert only(lint_yaml(GOOD, select=("F002",)), "F002") == []


# --- F003 ---------------------------------------------------------------------------

def test_f003_kept_system_without_flow(lint_yaml):
    spec = GOOD.replace("  - id: ebp\n    name: EBP CRM\n    kind: crm\n    keep: false\n",
                        "  - id: ebp\n    name: EBP CRM\n    kind: crm\n  - id: agenda\n    kind: calendar\n")
    findings = only(lint_yaml(spec, select=("F",)), "F003")
    assert [(f.object, f.line) for f in findings] == [("ebp", 18), ("agenda", 21)]
    assert findings[0].severity == "warning"


def test_f003_silent_without_any_flow(lint_yaml):
    spec = GOOD.split("flows:")[0]
    assert only(lint_yaml(spec, select=("F",)), "F003") == []


def test_f003_replaced_system_is_exempt(lint_yaml):
    # ebp has keep: false and no flow in GOOD
    assert only(lint_yaml(GOOD, select=("F003",)), "F003") == []


# --- F004 ---------------------------------------------------------------------------

def test_f004_two_way_without_master(lint_yaml):
    spec = GOOD.replace("    master: sage\n", "")
    findings = only(lint_yaml(spec, select=("F",), lang="fr"), "F004")
    assert [(f.object, f.line) for f in findings] == [("FL-1", 29)]
    assert "maître" in findings[0].message


def test_f004_one_way_needs_no_master(lint_yaml):
    spec = GOOD.replace("    direction: two_way\n    master: sage\n", "    direction: one_way\n")
    assert only(lint_yaml(spec, select=("F",)), "F004") == []


# --- F005 ---------------------------------------------------------------------------

def test_f005_api_to_a_file_only_system(lint_yaml):
    spec = GOOD.replace("    interfaces: [api, file]\n", "    interfaces: [file]\n")
    findings = only(lint_yaml(spec, select=("F",)), "F005")
    # FL-1 (api) from sage; FL-2 (webhook) to sage: sage offers neither webhook nor api
    assert [(f.object, f.line) for f in findings] == [("FL-1", 36), ("FL-2", 43)]
    assert "sage" in findings[0].message and "`api`" in findings[0].message


def test_f005_file_flow_checks_both_ends(lint_yaml):
    spec = GOOD.replace("    interfaces: [api, webhook, file]\n", "    interfaces: [api, webhook]\n")
    findings = only(lint_yaml(spec, select=("F",), lang="fr"), "F005")
    assert [(f.object, f.line) for f in findings] == [("FL-3", 50)]
    assert "« file »" in findings[0].message and "crm" in findings[0].message


def test_f005_webhook_receiver_may_offer_api_and_undeclared_interfaces_pass(lint_yaml):
    # GOOD: eshop (webhook) -> sage (api, file) by webhook; brevo has no interfaces declared.
    assert only(lint_yaml(GOOD, select=("F",)), "F005") == []


def test_f005_two_way_webhook_needs_webhook_on_both_ends(lint_yaml):
    spec = GOOD.replace("    direction: one_way\n    objects: [commande]\n",
                        "    direction: two_way\n    master: sage\n    objects: [commande]\n")
    findings = only(lint_yaml(spec, select=("F",)), "F005")
    assert [(f.object, f.line) for f in findings] == [("FL-2", 44)]
    assert "sage" in findings[0].message


# --- F006 ---------------------------------------------------------------------------

def test_f006_integration_feature_names_an_unconnected_system(lint_yaml):
    # agenda and tel exchange data with each other, but nothing links them to the CRM.
    spec = GOOD.replace("  - id: brevo\n", "  - id: agenda\n    kind: calendar\n  - id: tel\n"
                        "    name: Téléphonie IP\n    kind: telephony\n  - id: brevo\n")
    spec = spec.replace("features:\n", """  - id: FL-4
    from: tel
    to: agenda
    direction: one_way
    objects: [compte]
    frequency: realtime
    mechanism: api
features:
""") + """  - id: INT-02
    module: integration
    title: Synchroniser les contacts avec l'AGENDA partagé
    acceptance: "Un rendez-vous créé dans agenda apparaît dans le CRM ; pareil pour Telephonie IP"
"""
    findings = lint_yaml(spec, select=("F",))
    assert [f.code for f in findings] == ["F006", "F006"]
    assert [(f.object, f.line, f.message.split("names system ")[1].split(",")[0]) for f in findings] == [
        ("INT-02", 70, "agenda"), ("INT-02", 71, "tel")]


def test_f006_leaves_systems_without_any_flow_to_f003_and_ignores_replaced_ones(lint_yaml):
    spec = GOOD.replace("  - id: brevo\n", "  - id: agenda\n    kind: calendar\n  - id: brevo\n") + """  - id: INT-02
    module: integration
    title: Synchroniser l'agenda ; reprendre l'historique d'EBP CRM
"""
    findings = lint_yaml(spec, select=("F",))
    assert [(f.code, f.object) for f in findings] == [("F003", "agenda")]


def test_f006_connected_through_another_system_is_fine(lint_yaml):
    # INT-01 names eshop (→ sage → crm) and "Boutique en ligne": connected through the ERP.
    assert only(lint_yaml(GOOD, select=("F",)), "F006") == []


def test_f006_whole_words_only_and_other_modules_ignored(lint_yaml):
    spec = GOOD.replace("  - id: brevo\n", "  - id: tel\n    kind: telephony\n  - id: brevo\n") + """  - id: SAL-01
    module: sales
    title: Appeler depuis tel (telephony)
  - id: INT-03
    module: integration
    title: Les hôtels reçoivent leurs factures
"""
    assert only(lint_yaml(spec, select=("F006",)), "F006") == []


def test_f006_without_flows_still_reports(lint_yaml):
    spec = GOOD.split("flows:")[0] + "features:" + GOOD.split("features:")[1]
    findings = only(lint_yaml(spec, select=("F",), lang="fr"), "F006")
    assert {f.object for f in findings} == {"INT-01"}
    assert {f.message.split("le système ")[1].split(",")[0] for f in findings} == {"eshop", "sage"}


# --- F007 ---------------------------------------------------------------------------

def test_f007_flows_without_crm_system(lint_yaml):
    spec = GOOD.replace("    kind: crm\n", "    kind: other\n")
    findings = lint_yaml(spec, select=("F",))
    assert [(f.code, f.line) for f in only(findings, "F007")] == [("F007", 5)]
    assert only(findings, "F006") == []   # no flood: F007 says it once


def test_f007_no_flows_no_finding(lint_yaml):
    spec = GOOD.replace("    kind: crm\n", "    kind: other\n").split("flows:")[0]
    assert only(lint_yaml(spec, select=("F",)), "F007") == []


def test_f007_missing_systems_section_points_at_line_1(lint_yaml):
    spec = """
crmreq: 1
project:
  name: X
flows:
  - id: FL-1
    objects: [a]
    direction: one_way
    frequency: daily
    mechanism: manual
"""
    findings = lint_yaml(spec, select=("F",), lang="fr")
    assert [(f.code, f.line) for f in findings] == [("F007", 1)]
    assert "aucun système de type crm" in findings[0].message


def test_rules_never_raise_on_sparse_items(lint_yaml):
    spec = """
crmreq: 1
project:
  name: X
systems:
  - id: s1
  - id: s2
    kind: crm
    interfaces: []
flows:
  - id: FL-1
  - id: FL-2
    from: s1
    mechanism: api
features:
  - id: INT-1
    module: integration
"""
    findings = lint_yaml(spec, select=("F", "X002"))
    assert "X002" not in {f.code for f in findings}


def test_f006_follows_the_flows_direction(lint_yaml):
    """The issue's case: Zendesk only receives from Shopify, which feeds the CRM."""
    text = """
crmreq: 1
project: {name: X}
systems:
  - {id: crm, kind: crm}
  - {id: shopify, kind: ecommerce}
  - {id: zendesk, name: Zendesk, kind: support}
objects:
  - {id: commande}
  - {id: ticket, name: Tickets de support}
flows:
  - {id: FL-1, from: shopify, to: zendesk, direction: one_way, objects: [commande], frequency: daily, mechanism: api}
  - {id: FL-2, from: shopify, to: crm, direction: one_way, objects: [commande], frequency: daily, mechanism: api}
features:
  - id: INT-01
    module: integration
    title: Voir les tickets Zendesk dans la fiche client
"""
    findings = lint_yaml(text, select=("F",), lang="fr")
    assert [(f.code, f.object) for f in findings] == [("F006", "INT-01")]
    assert "zendesk" in findings[0].message and "dans le sens des flux" in findings[0].message
    # a flow from zendesk to the CRM that carries orders only does not bring the tickets
    with_orders = text + ""
    with_orders = with_orders.replace("features:", "  - {id: FL-3, from: zendesk, to: crm, direction: one_way, "
                                      "objects: [commande], frequency: daily, mechanism: api}\nfeatures:")
    findings = lint_yaml(with_orders, select=("F",), lang="en")
    assert [(f.code, f.object) for f in findings] == [("F006", "INT-01")]
    assert "no flow carries ticket between zendesk and the CRM" in findings[0].message
    # the flow that brings the tickets: clean
    with_tickets = with_orders.replace("objects: [commande], frequency: daily, mechanism: api}\nfeatures:",
                                       "objects: [ticket], frequency: daily, mechanism: api}\nfeatures:")
    assert lint_yaml(with_tickets, select=("F",)) == []


def test_f006_a_feature_sending_crm_data_to_a_system_is_served_by_a_flow_from_the_crm(lint_yaml):
    assert only(lint_yaml(GOOD + """  - id: INT-02
    module: integration
    title: Envoyer les comptes du CRM à Brevo pour les campagnes
""", select=("F006",)), "F006") == []


# --- F008 ---------------------------------------------------------------------------

def test_f008_master_neither_from_nor_to(lint_yaml):
    spec = GOOD.replace("    master: sage\n", "    master: eshop\n")
    findings = lint_yaml(spec, select=("F",), lang="fr")
    assert [(f.code, f.object, f.line, f.severity) for f in findings] == [("F008", "FL-1", 33, "error")]
    assert findings[0].message.startswith("Le flux FL-1 désigne eshop comme système maître")
    assert lint_yaml(spec, select=("F008",), lang="en")[0].message.startswith("Flow FL-1 names eshop as its master")


def test_f008_an_unknown_master_is_left_to_e006(lint_yaml):
    spec = GOOD.replace("    master: sage\n", "    master: odoo\n")
    assert [f.code for f in lint_yaml(spec, select=("F", "E"))] == ["E006"]


# --- F009 ---------------------------------------------------------------------------

TWO_MASTERS = GOOD.replace("""    to: brevo
    direction: one_way
""", """    to: brevo
    direction: two_way
    master: brevo
""")


def test_f009_one_object_mastered_by_two_systems(lint_yaml):
    findings = lint_yaml(TWO_MASTERS, select=("F",), lang="fr")
    assert [(f.code, f.object, f.line) for f in findings] == [("F009", "compte", 48)]
    assert findings[0].message.startswith("L'objet compte a deux systèmes maîtres : sage (flux FL-1) et brevo (flux FL-3)")
    assert "(flux FL-3) ; dites lequel fait foi" in findings[0].message    # one colon per sentence


def test_f009_masters_overriding_each_other_in_a_loop(lint_yaml):
    spec = GOOD.replace("  - id: FL-2\n", """  - id: FL-5
    from: sage
    to: crm
    direction: two_way
    master: crm
    objects: [compte]
    frequency: daily
    mechanism: file
  - id: FL-2
""")
    findings = only(lint_yaml(spec, select=("F",), lang="en"), "F009")
    assert [f.object for f in findings] == ["compte"]
    assert "sage (flow FL-1) and crm (flow FL-5)" in findings[0].message


def test_f009_a_chain_of_masters_is_consistent(lint_yaml):
    """The ERP wins over the CRM, the CRM over the e-mailing tool: one reference per hop."""
    spec = TWO_MASTERS.replace("    master: brevo\n", "    master: crm\n")
    assert only(lint_yaml(spec, select=("F",)), "F009") == []


def test_f009_silent_when_each_master_owns_its_own_fields(lint_yaml):
    spec = TWO_MASTERS.replace("    master: brevo\n", "    master: brevo\n    fields: {compte: [optin]}\n")
    spec = spec.replace("    objects: [compte, commande]\n", "    objects: [compte, commande]\n"
                        "    fields: {compte: [raison_sociale, siret]}\n")
    assert only(lint_yaml(spec, select=("F", "E")), "F009") == []
    assert only(lint_yaml(GOOD, select=("F009",)), "F009") == []


# --- F010 ---------------------------------------------------------------------------

def test_f010_a_flow_to_itself_and_a_manual_realtime_flow(lint_yaml):
    spec = GOOD.replace("    to: brevo\n", "    to: crm\n").replace("    frequency: on_event\n    mechanism: webhook\n",
                                                                  "    frequency: realtime\n    mechanism: manual\n")
    findings = only(lint_yaml(spec, select=("F",), lang="fr"), "F010")
    assert [(f.object, f.line, f.severity) for f in findings] == [("FL-2", 42, "warning"), ("FL-3", 46, "warning")]
    assert "est manuel mais sa fréquence est « en temps réel »" in findings[0].message
    assert "va de crm à crm" in findings[1].message


def test_f010_silent_on_a_manual_daily_flow(lint_yaml):
    spec = GOOD.replace("    frequency: on_event\n    mechanism: webhook\n", "    frequency: daily\n    mechanism: manual\n")
    assert only(lint_yaml(spec, select=("F",)), "F010") == []
