"""G012, G013: the purposes cover the personal data the CRM holds, each on a legal basis that
fits how people are reached (electronic prospection of consumers needs their consent)."""

from __future__ import annotations

from ...authoring import make_doc as _doc
from ...lexicons import lexicon
from ..hints import snippet
from .common import concerned, field_at, lexicon_phrases, names_any, personal_objects, rules
from .rights import is_marketing

_WORDS = lexicon("rgpd")
_CHANNELS = lexicon_phrases("electronic-channels", _WORDS)
_CONSUMERS = lexicon_phrases("consumers", _WORDS)
_PROFESSIONALS = lexicon_phrases("professionals", _WORDS)
_SOFT_OPT_IN = lexicon_phrases("soft-opt-in", _WORDS)


# --- G012 -----------------------------------------------------------------------------

@rules.rule(
    "G012", "personal-data-without-purpose", "warning",
    message={"fr": "{subject} : {hint}", "en": "{subject}: {hint}"},
    doc=_doc(
        "Chaque objet qui porte `personal_data: true` est cité dans le champ `objects` d'au moins une finalité "
        "(`rgpd.purposes`). Une alerte par objet non couvert, sur l'objet ; une seule, sur `purposes`, quand "
        "aucune finalité ne dit quels objets elle traite. La règle se tait quand la spec n'a pas de finalité "
        "(G010 le signale).",
        "Une donnée personnelle n'est collectée que pour une finalité déterminée (RGPD art. 5(1)(b)) et le "
        "registre des traitements relie chaque catégorie de données à sa finalité (art. 30(1)(b)-(c)). Un objet "
        "que rien ne justifie est soit à supprimer du CRM (minimisation), soit le signe d'une finalité oubliée "
        "(support, statistiques) : sa base légale et sa durée de conservation restent alors à décider.",
        "objects:\n  - {id: ticket, name: Tickets SAV, personal_data: true}\nrgpd:\n  purposes:\n"
        "    - {id: fin-prospection, legal_basis: legitimate_interest, objects: [contact]}",
        "Ajouter l'objet à la finalité qui le justifie (`objects: [contact, ticket]`), ou déclarer la finalité "
        "manquante : `{id: fin-sav, name: Service après-vente, legal_basis: contract, objects: [ticket]}`.",
        "Every object with `personal_data: true` is listed in the `objects` field of at least one purpose "
        "(`rgpd.purposes`). One finding per object not covered, on the object; a single one, on `purposes`, when "
        "no purpose says which objects it processes. The rule is silent when the spec has no purpose (G010 "
        "reports it).",
        "Personal data is collected only for a specified purpose (GDPR art. 5(1)(b)) and the record of "
        "processing links each category of data to its purpose (art. 30(1)(b)-(c)). An object nothing justifies "
        "should either leave the CRM (minimisation) or reveals a forgotten purpose (support, statistics), whose "
        "legal basis and retention are then still to decide.",
        "objects:\n  - {id: ticket, name: Support tickets, personal_data: true}\nrgpd:\n  purposes:\n"
        "    - {id: prospecting, legal_basis: legitimate_interest, objects: [contact]}",
        "Add the object to the purpose that justifies it (`objects: [contact, ticket]`), or declare the missing "
        "purpose: `{id: support, name: After-sales support, legal_basis: contract, objects: [ticket]}`.",
    ),
)
def personal_data_without_purpose(spec, emit):
    if not concerned(spec) or not spec.rgpd.purposes:
        return  # G001 / G010
    covered = {o for purpose in spec.rgpd.purposes for o in purpose.objects if o}
    personal = personal_objects(spec)
    if not personal:
        return
    if not covered:
        emit(field_at(spec, "purposes"), object="rgpd.purposes", subject={
            "fr": "Aucune finalité ne dit quels objets elle traite (objects)",
            "en": "No purpose says which objects it processes (objects)"}, hint={
            "fr": "listez dans chaque finalité les objets qui contiennent des données personnelles",
            "en": "list in each purpose the objects holding personal data"})
        return
    for obj in personal:
        if obj.id and obj.id not in covered:
            emit(obj, object=obj.id, subject={
                "fr": f"L'objet {obj.id} contient des données personnelles mais aucune finalité ne le couvre",
                "en": f"Object {obj.id} holds personal data but no purpose covers it"}, hint={
                "fr": "citez-le dans les objects de la finalité qui le justifie, ou déclarez cette finalité",
                "en": "list it in the objects of the purpose that justifies it, or declare that purpose"})


# --- G013 -----------------------------------------------------------------------------

def _consumer_market(spec) -> bool:
    """The company sells to consumers only, as its context says (history, market, offer, notes,
    challenges): some text names consumers and none names professionals."""
    context = spec.context
    if context is None:
        return False
    situation = context.situation
    texts = [context.history, *(context.challenges or ())]
    if situation is not None:
        texts += [situation.market, situation.offer, situation.notes]
    return any(names_any(t, _CONSUMERS) for t in texts) and not any(names_any(t, _PROFESSIONALS) for t in texts)


def _aims_at_consumers(purpose, consumer_market: bool) -> bool:
    """An e-mail or SMS marketing purpose aimed at consumers, and not at existing customers (the
    CPCE's "soft opt-in" exception for similar products)."""
    texts = (purpose.name, purpose.id)
    if not any(names_any(t, _CHANNELS) for t in texts) or not is_marketing(purpose):
        return False
    if any(names_any(t, _SOFT_OPT_IN) for t in texts):
        return False
    if any(names_any(t, _PROFESSIONALS) for t in texts):
        return False
    return consumer_market or any(names_any(t, _CONSUMERS) for t in texts)


@rules.rule(
    "G013", "legal-basis-unfit-for-channel", "warning",
    message={"fr": "La finalité {id} (« {name} ») prospecte des particuliers par courrier électronique sur "
                   "l'intérêt légitime : la prospection par e-mail ou SMS des consommateurs exige leur "
                   "consentement préalable (CPCE art. L34-5) ; écrivez {basis}, ou limitez-la aux "
                   "clients existants pour des produits analogues",
             "en": "Purpose {id} (\"{name}\") markets to consumers by e-mail or SMS on legitimate interest: "
                   "electronic marketing to consumers requires their prior consent (ePrivacy Directive art. 13; in "
                   "France, CPCE art. L34-5); "
                   "write {basis}, or limit it to existing customers for similar products"},
    doc=_doc(
        "Une finalité de prospection ou de marketing par courrier électronique (e-mail, SMS, newsletter) "
        "adressée à des particuliers ne repose pas sur l'intérêt légitime (`legal_basis: legitimate_interest`). "
        "La cible se lit dans le nom ou l'id de la finalité (« particuliers », « grand public », « B2C », "
        "\"consumers\"), ou dans le contexte de l'entreprise quand il ne parle que de particuliers "
        "(`context.history`, `challenges`, `situation.market`, `offer`, `notes`). La règle se tait pour la "
        "prospection B2B (permise sur "
        "l'intérêt légitime quand le message concerne la profession de la personne), pour une finalité qui "
        "vise des clients existants (l'exception « soft opt-in » pour des produits analogues), et pour les "
        "autres canaux (courrier, téléphone).",
        "Le code des postes et des communications électroniques (art. L34-5) interdit la prospection directe "
        "par courrier électronique d'une personne physique qui n'y a pas consenti, sauf si ses coordonnées ont "
        "été recueillies lors d'une vente et que la prospection porte sur des produits ou services analogues. "
        "La CNIL sanctionne régulièrement des newsletters B2C envoyées sans consentement. Le CRM doit alors "
        "recueillir et prouver le consentement par canal, ce qui se chiffre.",
        "rgpd:\n  purposes:\n    - id: fin-newsletter\n      name: Newsletter e-mail aux particuliers\n"
        "      legal_basis: legitimate_interest",
        "Écrire `legal_basis: consent` et décrire le recueil par canal dans `rgpd.consent` ; ou, si la "
        "newsletter ne vise que des clients pour des produits analogues, le dire dans le nom de la finalité.",
        "A prospection or marketing purpose by electronic mail (e-mail, SMS, newsletter) aimed at consumers does "
        "not rest on legitimate interest (`legal_basis: legitimate_interest`). The target is read from the "
        "purpose's name or id (\"consumers\", \"B2C\", « particuliers »), or from the company's context when it "
        "speaks of consumers only (`context.history`, `challenges`, `situation.market`, `offer`, `notes`). The "
        "rule is silent for B2B prospection "
        "(allowed on legitimate interest when the message relates to the person's profession), for a purpose "
        "aimed at existing customers (the \"soft opt-in\" exception for similar products), and for other "
        "channels (post, phone).",
        "The French electronic communications code (CPCE art. L34-5) forbids direct marketing by electronic mail "
        "to a natural person who has not consented, unless their details were collected during a sale and the "
        "marketing is about similar products or services. The CNIL regularly fines B2C newsletters sent without "
        "consent. The CRM must then collect and prove consent per channel, which has a cost.",
        "rgpd:\n  purposes:\n    - id: newsletter\n      name: E-mail newsletter to consumers\n"
        "      legal_basis: legitimate_interest",
        "Write `legal_basis: consent` and describe the collection per channel under `rgpd.consent`; or, if the "
        "newsletter only targets customers for similar products, say so in the purpose's name.",
    ),
)
def legal_basis_unfit_for_channel(spec, emit):
    if not concerned(spec):
        return
    consumer_market = _consumer_market(spec)
    for purpose in spec.rgpd.purposes:
        if purpose.legal_basis != "legitimate_interest" or not _aims_at_consumers(purpose, consumer_market):
            continue
        at = purpose.where("legal_basis")
        emit(at, object=purpose.id or None, id=purpose.id or purpose.label, name=purpose.name or purpose.id,
             basis=snippet(spec, at, "legal_basis", "consent"))
