"""G001–G003, G007, G009: what the rgpd section itself must say — that it exists, where the
data is hosted, how consent is handled, that a processor agreement is required, the security
measures and how a breach is notified."""

from __future__ import annotations

from ...authoring import make_doc as _doc
from ..hints import snippet
from .common import blank, concerned, field_at, invalid, personal_objects, rules
from .locations import EU_OPTION, LOCATION_DOC_EN, LOCATION_DOC_FR, allowed_codes, classify_location
from .transfers import transfers_documented


# --- G001 -----------------------------------------------------------------------------

@rules.rule(
    "G001", "rgpd-section-missing", "error",
    message={"fr": "Aucune section rgpd alors que des objets contiennent des données personnelles ({objects}) : "
                   "décrivez hébergement, finalités, consentement, droits et durées de conservation",
             "en": "No rgpd section while some objects hold personal data ({objects}): describe hosting, "
                   "purposes, consent, rights and retention periods"},
    doc=_doc(
        "Dès qu'un objet du catalogue porte `personal_data: true`, la spec contient une section `rgpd`.",
        "Un CRM est avant tout un fichier de personnes : l'acheteur est responsable de traitement, l'éditeur "
        "sous-traitant (RGPD art. 4, 24 et 28). C'est dans le cahier des charges qu'on exige l'hébergement, "
        "les droits des personnes et les durées de conservation ; ajoutés après la signature, ils deviennent "
        "des avenants.",
        "objects:\n  - id: contact\n    personal_data: true\n# pas de section rgpd",
        "Ajouter une section `rgpd` : `data_location`, `purposes` (avec `legal_basis`), `consent`, `rights`, "
        "`retention`, `processor_agreement`, `security_measures`, `breach_notification` (`crmreq init` en "
        "donne un modèle commenté).",
        "As soon as an object of the catalogue has `personal_data: true`, the spec has an `rgpd` section.",
        "A CRM is first of all a file of people: the buyer is the controller, the vendor a processor (GDPR "
        "art. 4, 24 and 28). The specification is where hosting, data subjects' rights and retention periods "
        "are required; added after signature, they become change requests.",
        "objects:\n  - id: contact\n    personal_data: true\n# no rgpd section",
        "Add an `rgpd` section: `data_location`, `purposes` (with `legal_basis`), `consent`, `rights`, "
        "`retention`, `processor_agreement`, `security_measures`, `breach_notification` (`crmreq init` gives a "
        "commented template).",
    ),
)
def rgpd_section_missing(spec, emit):
    if spec.rgpd is not None:
        return
    personal = personal_objects(spec)
    if not personal:
        return
    names = [o.id or o.name or "?" for o in personal]
    shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    emit(spec.where("rgpd"), object="rgpd", objects=shown)


# --- G002 -----------------------------------------------------------------------------

@rules.rule(
    "G002", "data-location-outside-eu", "error",
    message={"fr": "Localisation des données personnelles : {problem}",
             "en": "Personal data location: {problem}"},
    options=(EU_OPTION,),
    doc=_doc(
        "`rgpd.data_location` dit où les données personnelles sont hébergées, et ce lieu est dans l'Union "
        "européenne ou l'Espace économique européen. La règle signale une localisation absente, illisible, "
        "ambiguë (« Europe ») ou hors UE/EEE ; dans ce dernier cas elle se tait si `rgpd.transfers_outside_eu` décrit les garanties "
        "du transfert. " + LOCATION_DOC_FR,
        "Un hébergement hors UE/EEE est un transfert au sens du RGPD (chapitre V, art. 44 à 49) : il exige une "
        "décision d'adéquation ou des garanties (clauses contractuelles types, analyse d'impact du transfert). "
        "« Serveurs en Europe » est une exigence courante des PME françaises ; écrite dans le cahier des "
        "charges, elle élimine d'emblée les offres qui ne la tiennent pas.",
        "rgpd:\n  data_location: cloud de l'éditeur",
        "Écrire `data_location: FR` (ou `EU`), et exiger des éditeurs la liste des pays de leurs "
        "centres de données et de leurs sous-traitants ultérieurs.",
        "`rgpd.data_location` says where personal data is hosted, and that place is in the European Union or "
        "the European Economic Area. The rule reports a location that is missing, unreadable, ambiguous (\"Europe\") "
        "or outside the EU/EEA; in the last case it is silent when `rgpd.transfers_outside_eu` describes the transfer's "
        "safeguards. " + LOCATION_DOC_EN,
        "Hosting outside the EU/EEA is a transfer under the GDPR (chapter V, art. 44–49): it needs an adequacy "
        "decision or safeguards (standard contractual clauses, transfer impact assessment). \"Servers in "
        "Europe\" is a common requirement of French SMEs; written in the specification, it rules out at once "
        "the offers that cannot meet it.",
        "rgpd:\n  data_location: vendor cloud",
        "Write `data_location: FR` (or `EU`), and require vendors to list the countries of their data centres "
        "and sub-processors.",
    ),
)
def data_location_outside_eu(spec, emit):
    if not concerned(spec):
        return
    rgpd = spec.rgpd
    location = rgpd.data_location
    if invalid(rgpd, "data_location", location):
        return
    if blank(location):
        emit(field_at(spec, "data_location"), object="rgpd.data_location", problem={
            "fr": "rgpd.data_location n'est pas renseigné : indiquez le pays ou la région d'hébergement (FR, EU…)",
            "en": "rgpd.data_location is not given: state the hosting country or region (FR, EU…)"})
        return
    verdict, outside = classify_location(location, allowed_codes(emit.option("eu-countries")))
    at = rgpd.where("data_location")
    if verdict == "ambiguous":
        emit(at, object="rgpd.data_location", problem={
            "fr": f"« {location} » est ambigu : l'Union européenne et l'EEE (UE/EEE, sans transfert), ou aussi le "
                  "Royaume-Uni et la Suisse (hors UE, avec une décision d'adéquation) ? Écrivez EU, ou la liste "
                  "des pays acceptés (FR, DE…)",
            "en": f"\"{location}\" is ambiguous: the European Union and the EEA (EU/EEA, no transfer), or also the "
                  "United Kingdom and Switzerland (outside the EU, under an adequacy decision)? Write EU, or the "
                  "accepted countries (FR, DE…)"})
    elif verdict == "unknown":
        emit(at, object="rgpd.data_location", problem={
            "fr": f"« {location} » ne désigne aucun pays ni aucune région reconnus : écrivez un code pays (FR) "
                  "ou une région (EU)",
            "en": f"\"{location}\" names no recognised country or region: write a country code (FR) or a region (EU)"})
    elif verdict == "outside" and not transfers_documented(spec):
        codes = ", ".join(outside)
        emit(at, object="rgpd.data_location", problem={
            "fr": f"« {location} » est hors de l'UE/EEE ({codes}) : exigez un hébergement dans l'UE, ou décrivez "
                  "les garanties du transfert dans rgpd.transfers_outside_eu",
            "en": f"\"{location}\" is outside the EU/EEA ({codes}): require hosting in the EU, or describe the "
                  "transfer's safeguards under rgpd.transfers_outside_eu"})


# --- G003 -----------------------------------------------------------------------------

@rules.rule(
    "G003", "consent-not-stated", "error",
    message={"fr": "La gestion du consentement n'est pas décrite (rgpd.consent) : dites comment il est recueilli, "
                   "prouvé et retiré",
             "en": "Consent management is not described (rgpd.consent): say how consent is collected, proven "
                   "and withdrawn"},
    doc=_doc(
        "`rgpd.consent` décrit la gestion du consentement : un texte, ou `collection` (recueil), `proof` "
        "(preuve) et `withdrawal` (retrait). Une valeur absente, vide ou `false` est signalée.",
        "Le consentement doit pouvoir être prouvé (qui, quand, sur quel texte) et retiré aussi facilement "
        "qu'il a été donné (RGPD art. 7 et 4(11)). La prospection par courriel des particuliers l'exige "
        "(CPCE art. L34-5), et à partir du 11 août 2026 le démarchage téléphonique des consommateurs aussi "
        "(C. consom. art. L223-1 modifié par la loi n° 2025-594). Le CRM doit stocker ces preuves par canal.",
        "rgpd:\n  data_location: FR\n  # consent absent",
        "Écrire par exemple :\n```yaml\nconsent:\n  collection: case non pré-cochée par canal (e-mail, SMS, "
        "téléphone) sur les formulaires\n  proof: date, source, texte et version du formulaire horodatés dans "
        "la fiche contact\n  withdrawal: lien de désinscription dans chaque message, synchronisé avec l'outil "
        "d'envoi de courriels\n```",
        "`rgpd.consent` describes consent management: a text, or `collection`, `proof` and `withdrawal`. A "
        "missing, empty or `false` value is reported.",
        "Consent must be provable (who, when, which wording) and as easy to withdraw as to give (GDPR art. 7 "
        "and 4(11)). E-mail prospection of consumers requires it (French CPCE art. L34-5), and from 11 August "
        "2026 so does telephone prospection of consumers in France (Consumer Code art. L223-1 as amended by "
        "law 2025-594). The CRM must store that proof per channel.",
        "rgpd:\n  data_location: FR\n  # no consent",
        "Write for instance:\n```yaml\nconsent:\n  collection: unticked box per channel (e-mail, SMS, phone) on "
        "forms\n  proof: date, source, wording and form version stored on the contact\n  withdrawal: unsubscribe "
        "link in every message, synced with the e-mailing tool\n```",
    ),
)
def consent_not_stated(spec, emit):
    if not concerned(spec):
        return
    rgpd = spec.rgpd
    consent = rgpd.consent
    if consent is None and rgpd.has("consent"):
        return  # invalid value: E002
    if consent is not None and consent.stated:
        return
    emit(field_at(spec, "consent"), object="rgpd.consent")



# --- G007 -----------------------------------------------------------------------------

@rules.rule(
    "G007", "processor-agreement-not-required", "warning",
    message={"fr": "Le contrat de sous-traitance (RGPD art. 28) n'est pas exigé de l'éditeur : "
                   "indiquez {setting}",
             "en": "The processor agreement (GDPR art. 28) is not required from the vendor: "
                   "set {setting}"},
    doc=_doc(
        "`rgpd.processor_agreement` vaut `true` : l'offre comprend un contrat de sous-traitance conforme à "
        "l'article 28 du RGPD.",
        "L'éditeur d'un CRM en ligne, l'hébergeur et l'intégrateur qui accède aux données sont des "
        "sous-traitants : le contrat doit contenir les clauses de l'article 28(3) (instructions, "
        "confidentialité, sécurité, sous-traitants ultérieurs, assistance, restitution et suppression en fin "
        "de contrat, audits). Le demander dès la consultation évite de découvrir un accord non négociable "
        "après le choix de l'éditeur.",
        "rgpd:\n  processor_agreement: false",
        "Écrire `processor_agreement: true` et demander dans les documents de l'offre le modèle de contrat et "
        "la liste des sous-traitants ultérieurs avec leurs pays.",
        "`rgpd.processor_agreement` is `true`: the offer includes a processing agreement under GDPR art. 28.",
        "The vendor of a hosted CRM, the hosting provider and an integrator with access to the data are "
        "processors: the contract must contain the art. 28(3) clauses (instructions, confidentiality, "
        "security, sub-processors, assistance, return and deletion at the end, audits). Asking for it in the "
        "tender avoids discovering a take-it-or-leave-it agreement after the vendor is chosen.",
        "rgpd:\n  processor_agreement: false",
        "Write `processor_agreement: true` and ask, among the offer's documents, for the draft agreement and "
        "the list of sub-processors with their countries.",
    ),
)
def processor_agreement_not_required(spec, emit):
    if not concerned(spec):
        return
    rgpd = spec.rgpd
    if rgpd.processor_agreement is True or invalid(rgpd, "processor_agreement", rgpd.processor_agreement):
        return
    at = field_at(spec, "processor_agreement")
    emit(at, object="rgpd.processor_agreement", setting=snippet(spec, at, "processor_agreement", True))



# --- G009 -----------------------------------------------------------------------------

@rules.rule(
    "G009", "security-or-breach-missing", "warning",
    message={"fr": "La section rgpd ne dit rien {what} : {hint}",
             "en": "The rgpd section says nothing about {what}: {hint}"},
    doc=_doc(
        "`rgpd.security_measures` liste les mesures de sécurité exigées et `rgpd.breach_notification` dit "
        "comment et dans quel délai le prestataire signale une violation de données. Une alerte par champ "
        "absent, vide ou `false`.",
        "Le responsable de traitement doit notifier la CNIL dans les 72 heures (RGPD art. 33(1)) : il faut donc "
        "que l'éditeur l'alerte bien avant (24 ou 48 h), ce qui s'écrit dans le contrat (art. 28(3)(f) et "
        "33(2)). Les mesures de sécurité (art. 32 ; CNIL, *Guide de la sécurité des données personnelles*, "
        "édition 2024) — chiffrement, authentification multifacteur, droits par rôle, journalisation, "
        "sauvegardes — ne se négocient plus après la signature.",
        "rgpd:\n  data_location: FR\n  # ni security_measures ni breach_notification",
        "Écrire par exemple `security_measures: [chiffrement en transit et au repos, authentification à deux "
        "facteurs, droits par rôle, journal des accès]` et `breach_notification: \"notification au client sous "
        "24 h, avec la nature de la violation, les données et personnes concernées et les mesures prises\"`.",
        "`rgpd.security_measures` lists the security measures required and `rgpd.breach_notification` says how "
        "and how fast the provider reports a data breach. One finding per field that is missing, empty or `false`.",
        "The controller must notify the supervisory authority within 72 hours (GDPR art. 33(1)): the vendor "
        "has to warn it well before (24 or 48 h), which belongs in the contract (art. 28(3)(f) and 33(2)). "
        "Security measures (art. 32; CNIL security guide, 2024 edition) — encryption, multi-factor "
        "authentication, role-based access, logging, backups — are not negotiable after signature.",
        "rgpd:\n  data_location: FR\n  # neither security_measures nor breach_notification",
        "Write e.g. `security_measures: [encryption in transit and at rest, two-factor authentication, "
        "role-based access, access log]` and `breach_notification: \"customer notified within 24 h with the "
        "nature of the breach, data and people concerned and measures taken\"`.",
    ),
)
def security_or_breach_missing(spec, emit):
    if not concerned(spec):
        return
    rgpd = spec.rgpd
    if not any(not blank(m) for m in rgpd.security_measures):
        emit(field_at(spec, "security_measures"), object="rgpd.security_measures",
             what={"fr": "des mesures de sécurité (security_measures)",
                   "en": "security measures (security_measures)"},
             hint={"fr": "exigez chiffrement, double authentification, droits par rôle, journalisation, "
                         "sauvegardes (RGPD art. 32)",
                   "en": "require encryption, two-factor authentication, role-based access, logging, "
                         "backups (GDPR art. 32)"})
    if blank(rgpd.breach_notification):
        emit(field_at(spec, "breach_notification"), object="rgpd.breach_notification",
             what={"fr": "de la notification des violations de données (breach_notification)",
                   "en": "data breach notification (breach_notification)"},
             hint={"fr": "exigez une alerte du prestataire sous 24 à 48 h, pour notifier la CNIL dans les 72 h "
                         "(RGPD art. 33)",
                   "en": "require the provider to alert you within 24–48 h, so you can notify the authority "
                         "within 72 h (GDPR art. 33)"})
