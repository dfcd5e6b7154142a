"""G004, G005, G010: the data subjects' rights the CRM must serve, and the legal bases of the
purposes, which decide some of those rights."""

from __future__ import annotations

from ...authoring import make_doc as _doc
from ...lexicons import lexicon
from .common import concerned, field_at, lexicon_phrases, names_any, rules

MARKETING = lexicon_phrases("marketing", lexicon("rgpd"))


def is_marketing(purpose) -> bool:
    """A purpose of prospection or marketing, by its name or id (« Prospection », "Newsletter")."""
    return names_any(purpose.name, MARKETING) or names_any(purpose.id, MARKETING)


# --- G004 / G005 ----------------------------------------------------------------------

_RIGHT_ARTICLES = {"access": "15", "rectification": "16", "erasure": "17", "restriction": "18",
                   "portability": "20", "objection": "21"}
_RIGHT_NAMES = {
    "access": {"fr": "droit d'accès", "en": "right of access"},
    "rectification": {"fr": "droit de rectification", "en": "right to rectification"},
    "portability": {"fr": "droit à la portabilité", "en": "right to data portability"},
    "objection": {"fr": "droit d'opposition", "en": "right to object"},
}


@rules.rule(
    "G004", "right-to-erasure-missing", "error",
    message={"fr": "Le droit à l'effacement (« droit à l'oubli ») n'est pas exigé : ajoutez erasure à "
                   "rgpd.rights",
             "en": "The right to erasure (\"right to be forgotten\") is not required: add erasure to rgpd.rights"},
    doc=_doc(
        "`rgpd.rights` contient `erasure` : le CRM sait effacer ou anonymiser une personne sur demande.",
        "Le droit à l'effacement (RGPD art. 17) doit être exécuté dans le mois (art. 12(3)) et propagé aux "
        "systèmes connectés (art. 19). Dans un CRM, une personne est dispersée entre contacts, pistes, "
        "activités, e-mails et pièces jointes : sans fonction dédiée, l'effacement se fait à la main, "
        "incomplètement. C'est aussi le « droit à l'oubli » que les cahiers des charges citent le plus souvent.",
        "rgpd:\n  rights: [access, rectification]",
        "Ajouter `erasure` à `rights`, et décrire dans une fonctionnalité comment l'effacement est propagé "
        "aux outils reliés (ERP, outil de campagnes) et traité dans les sauvegardes.",
        "`rgpd.rights` contains `erasure`: the CRM can erase or anonymise a person on request.",
        "The right to erasure (GDPR art. 17) must be honoured within a month (art. 12(3)) and passed on to "
        "connected systems (art. 19). In a CRM a person is spread over contacts, leads, activities, e-mails "
        "and attachments: without a dedicated function, erasure is manual and incomplete.",
        "rgpd:\n  rights: [access, rectification]",
        "Add `erasure` to `rights`, and describe in a feature how erasure reaches connected tools (ERP, "
        "e-mailing) and backups.",
    ),
)
def right_to_erasure_missing(spec, emit):
    if not concerned(spec):
        return
    if "erasure" in spec.rgpd.rights:
        return
    emit(field_at(spec, "rights"), object="erasure")


def _bases(spec) -> set[str] | None:
    """Legal bases of the purposes, or None when some purpose does not state one (unknown)."""
    purposes = spec.rgpd.purposes
    if not purposes or any(not p.legal_basis for p in purposes):
        return None
    return {p.legal_basis for p in purposes}


@rules.rule(
    "G005", "data-subject-right-missing", "warning",
    message={"fr": "Le {right} (RGPD art. {article}) n'est pas exigé : ajoutez {code} à rgpd.rights",
             "en": "The {right} (GDPR art. {article}) is not required: add {code} to rgpd.rights"},
    doc=_doc(
        "`rgpd.rights` contient aussi `access` (art. 15), `rectification` (art. 16), `portability` (art. 20) et "
        "`objection` (art. 21). Une alerte par droit manquant (le champ `object` de l'alerte est le droit). "
        "La portabilité n'est demandée que si une finalité repose sur le consentement ou le contrat "
        "(art. 20(1)(a)), et l'opposition que si une finalité repose sur l'intérêt légitime ou une mission "
        "d'intérêt public (art. 21(1)) — quand toutes les finalités déclarent leur base légale ; sinon les "
        "quatre droits sont attendus. L'opposition est toujours attendue dès qu'une finalité est de la "
        "prospection ou du marketing (son nom ou son id : « prospection », « newsletter », « campagnes », "
        "« marketing »…), quelle que soit sa base légale : le droit de s'opposer à la prospection est "
        "inconditionnel (art. 21(2)).",
        "Chaque droit suppose une fonction du CRM : retrouver et exporter tout ce qui concerne une personne "
        "(accès, portabilité en CSV ou JSON), corriger et propager (rectification), marquer « ne plus "
        "contacter » par canal et le faire respecter par toutes les campagnes (opposition, inconditionnelle "
        "en prospection, art. 21(2)-(3)). Non demandées, ces fonctions manquent dans les offres.",
        "rgpd:\n  rights: [erasure]",
        "Écrire `rights: [access, rectification, erasure, portability, objection, restriction]`.",
        "`rgpd.rights` also contains `access` (art. 15), `rectification` (art. 16), `portability` (art. 20) and "
        "`objection` (art. 21). One finding per missing right (the finding's `object` is the right). "
        "Portability is only expected when some purpose relies on consent or contract (art. 20(1)(a)), and "
        "objection when some purpose relies on legitimate interest or a public task (art. 21(1)) — when every "
        "purpose states its legal basis; otherwise all four rights are expected. Objection is always expected "
        "as soon as a purpose is prospection or marketing (its name or id: \"prospection\", \"newsletter\", "
        "\"campaigns\", \"marketing\"…), whatever its legal basis: the right to object to direct marketing is "
        "unconditional (art. 21(2)).",
        "Each right needs a CRM function: find and export everything about a person (access, portability as "
        "CSV or JSON), correct and propagate (rectification), flag \"do not contact\" per channel and have "
        "every campaign honour it (objection, unconditional for direct marketing, art. 21(2)-(3)). Not asked "
        "for, these functions are missing from the offers.",
        "rgpd:\n  rights: [erasure]",
        "Write `rights: [access, rectification, erasure, portability, objection, restriction]`.",
    ),
)
def data_subject_right_missing(spec, emit):
    if not concerned(spec):
        return
    rights = set(spec.rgpd.rights)
    bases = _bases(spec)
    marketing = any(is_marketing(p) for p in spec.rgpd.purposes)
    at = field_at(spec, "rights")
    for right in ("access", "rectification", "portability", "objection"):
        if right in rights:
            continue
        if bases is not None:
            if right == "portability" and not bases & {"consent", "contract"}:
                continue
            if right == "objection" and not bases & {"legitimate_interest", "public_task"} and not marketing:
                continue
        emit(at, object=right, right=_RIGHT_NAMES[right], article=_RIGHT_ARTICLES[right], code=right)



# --- G010 -----------------------------------------------------------------------------

@rules.rule(
    "G010", "missing-legal-basis", "warning",
    message={"fr": "{subject} : {hint} (RGPD art. 6 ; legal_basis : consent, contract, legal_obligation ou "
                   "legitimate_interest)",
             "en": "{subject}: {hint} (GDPR art. 6; legal_basis: consent, contract, legal_obligation or "
                   "legitimate_interest)"},
    doc=_doc(
        "`rgpd.purposes` liste les finalités du traitement, chacune avec sa base légale (`legal_basis`). La "
        "règle signale l'absence de toute finalité (une alerte), puis chaque finalité sans base légale "
        "(une alerte par finalité).",
        "Un traitement n'est licite que sur l'une des bases de l'article 6 du RGPD : consentement (6(1)(a)), "
        "contrat (b), obligation légale (c), intérêt légitime (f, après mise en balance). La base décide de "
        "tout le reste : preuve du consentement, droit d'opposition ou de portabilité, durée de conservation "
        "(CNIL, référentiel gestion des activités commerciales, 2021). Les finalités sont aussi la première "
        "colonne du registre des traitements (art. 30).",
        "rgpd:\n  purposes:\n    - id: PUR-1\n      name: Prospection commerciale",
        "Ajouter `legal_basis: legitimate_interest` (prospection B2B) ; pour la gestion des commandes, "
        "`contract` ; pour la prospection par courriel des particuliers, `consent`.",
        "`rgpd.purposes` lists the purposes of processing, each with its legal basis (`legal_basis`). The rule "
        "reports the absence of any purpose (one finding), then each purpose without a legal basis (one "
        "finding per purpose).",
        "Processing is lawful only on one of the bases of GDPR art. 6: consent (6(1)(a)), contract (b), legal "
        "obligation (c), legitimate interest (f, after a balancing test). The basis drives everything else: "
        "proof of consent, right to object or to portability, retention. Purposes are also the first column "
        "of the record of processing activities (art. 30).",
        "rgpd:\n  purposes:\n    - id: PUR-1\n      name: Direct marketing",
        "Add `legal_basis: legitimate_interest` (B2B prospection); `contract` for order management; `consent` "
        "for e-mail marketing to consumers.",
    ),
)
def missing_legal_basis(spec, emit):
    if not concerned(spec):
        return
    rgpd = spec.rgpd
    if not rgpd.purposes:
        emit(field_at(spec, "purposes"), object="rgpd.purposes",
             subject={"fr": "Aucune finalité de traitement n'est déclarée (rgpd.purposes)",
                      "en": "No processing purpose is declared (rgpd.purposes)"},
             hint={"fr": "listez-les (prospection, gestion des commandes, support…), chacune avec sa base légale",
                   "en": "list them (prospection, order management, support…), each with its legal basis"})
        return
    for purpose in rgpd.purposes:
        if purpose.legal_basis or purpose.has("legal_basis"):
            continue  # a written but invalid basis is reported by the schema
        emit(purpose, object=purpose.id or None,
             subject={"fr": f"La finalité {purpose.id or purpose.label} n'a pas de base légale",
                      "en": f"Purpose {purpose.id or purpose.label} has no legal basis"},
             hint={"fr": "indiquez sur quoi repose ce traitement", "en": "state what makes this processing lawful"})
