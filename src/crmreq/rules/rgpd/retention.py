"""G006: a retention period for every object that holds personal data."""

from __future__ import annotations

from ...authoring import make_doc as _doc
from ...lexicons import lexicon
from .common import blank, concerned, personal_objects, phrases, rules, words


# General keys, compared after words() (folded, simple singular): "Toutes les données" → "toute les donnee".
_CATCH_ALL = set(lexicon("rgpd")["catch-all-keys"])


@rules.rule(
    "G006", "retention-period-missing", "warning",
    message={"fr": "Aucune durée de conservation pour l'objet {id}, qui contient des données personnelles : "
                   "ajoutez-la dans rgpd.retention (prospects : 3 ans après le dernier contact, selon la CNIL)",
             "en": "No retention period for object {id}, which holds personal data: add it under rgpd.retention "
                   "(prospects: 3 years after the last contact, per the CNIL)"},
    doc=_doc(
        "Chaque objet qui porte `personal_data: true` a une durée de conservation : une entrée de "
        "`rgpd.retention` dont la clé désigne l'objet (son id ou son nom, sans tenir compte des accents, de la "
        "casse ni du pluriel : `prospects` couvre l'objet `prospect`, `contacts et prospects` couvre les deux), "
        "ou une finalité (`rgpd.purposes`) qui liste l'objet dans `objects` et donne une `retention`. Une clé "
        "générale (`default`, `par défaut`, `toutes`, `données personnelles`, `*`) couvre tous les objets. "
        "Une alerte par objet, placée sur l'objet.",
        "Conserver des données sans limite est interdit (RGPD art. 5(1)(e)) et la durée doit être annoncée "
        "aux personnes (art. 13(2)(a)). Le référentiel de la CNIL sur la gestion des activités commerciales "
        "(délibération n° 2021-131) fixe les repères : prospects, 3 ans à compter de la collecte ou du dernier "
        "contact émanant du prospect ; clients, la durée de la relation puis 3 ans pour la prospection ; "
        "factures, 10 ans (C. com. art. L123-22). Le CRM doit savoir purger ou anonymiser à l'échéance : "
        "c'est une fonction à exiger, pas un réglage.",
        "objects:\n  - id: prospect\n    personal_data: true\nrgpd:\n  retention:\n"
        "    clients: durée du contrat + 3 ans",
        "Ajouter `prospects: \"3 ans après le dernier contact émanant du prospect\"` dans `rgpd.retention`.",
        "Every object with `personal_data: true` has a retention period: an `rgpd.retention` entry whose key "
        "names the object (its id or name, ignoring accents, case and plural: `prospects` covers object "
        "`prospect`, `contacts and prospects` covers both), or a purpose (`rgpd.purposes`) that lists the "
        "object in `objects` and gives a `retention`. A general key (`default`, `all`, `personal data`, `*`) "
        "covers every object. One finding per object, on the object.",
        "Keeping data without limit is forbidden (GDPR art. 5(1)(e)) and the period must be told to people "
        "(art. 13(2)(a)). The CNIL's reference framework for commercial activities (délibération 2021-131) sets "
        "the benchmarks: prospects, 3 years from collection or the prospect's last contact; customers, the "
        "length of the relationship then 3 years for prospection; invoices, 10 years (French Commercial Code "
        "art. L123-22). The CRM must purge or anonymise on time: a function to require, not a setting.",
        "objects:\n  - id: prospect\n    personal_data: true\nrgpd:\n  retention:\n    customers: contract + 3 years",
        "Add `prospects: \"3 years after the prospect's last contact\"` under `rgpd.retention`.",
    ),
)
def retention_period_missing(spec, emit):
    if not concerned(spec):
        return
    rgpd = spec.rgpd
    keys: set[tuple] = set()          # every key, as words
    inside_keys: set[tuple] = set()   # every run of words inside a key
    for key, value in rgpd.retention.items():
        if blank(value):
            continue
        if " ".join(words(str(key))) in _CATCH_ALL or str(key).strip() == "*":
            return
        key_words = words(str(key))
        if key_words:
            keys.add(key_words)
            inside_keys |= phrases(key_words)
    by_purpose = set()
    for purpose in rgpd.purposes:
        if not blank(purpose.retention):
            by_purpose.update(o for o in purpose.objects if o)
    for obj in personal_objects(spec):
        if obj.id in by_purpose:
            continue
        names = [w for w in (words(n) for n in (obj.id, obj.name) if n) if w]
        # the key names the object ("contacts et prospects" ⊇ prospect), or the object's name
        # contains the key ("Compte client" ⊇ clients)
        if any(name in inside_keys or phrases(name) & keys for name in names):
            continue
        emit(obj, object=obj.id or None, id=obj.id or obj.label)
