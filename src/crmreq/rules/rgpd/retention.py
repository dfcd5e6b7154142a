"""G006: a retention period for every object that holds personal data; G011: no period longer
than the CNIL's reference for that kind of data (`lexicons/cnil-retention.toml`, sources cited)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ...authoring import make_doc as _doc
from ...lexicons import lexicon
from ...values import fold
from ...values.durations import TIME_UNIT, TIME_UNITS
from ...values.numbers import COUNT, number_value
from .common import blank, concerned, field_at, personal_objects, phrases, rules, words


class Reference(NamedTuple):
    """A reference retention period for a kind of personal data (`lexicons/cnil-retention.toml`)."""

    kind: str
    names: tuple[tuple, ...]       # the kind's words, as words()
    max_months: float | None
    text: dict                     # {"fr": …, "en": …}
    source: str


REFERENCES = tuple(
    Reference(kind, tuple(w for w in (words(name) for name in entry["words"]) if w), entry.get("max-months"),
              {"fr": entry["fr"], "en": entry["en"]}, entry["source"])
    for kind, entry in lexicon("cnil-retention").items())


def reference_for(*texts) -> Reference | None:
    """The first reference whose words occur in one of the texts (a retention key, an object's id
    or name, a purpose's name), as whole words whatever the accents, case and plural."""
    runs = set()
    for text in texts:
        if isinstance(text, str):
            runs |= phrases(words(text))
    for reference in REFERENCES:
        if any(name in runs for name in reference.names):
            return reference
    return None


_PERIOD = re.compile(rf"(?<![\w.,])(?P<n>{COUNT}) ?(?P<unit>{TIME_UNIT})(?![\w])")


def first_period_months(text) -> float | None:
    """The first period a retention text gives, in months (« 5 ans après… » → 60), or None."""
    if not isinstance(text, str):
        return None
    match = _PERIOD.search(fold(text))
    if match is None:
        return None
    count = number_value(match["n"])
    days, months = TIME_UNITS[match["unit"]]
    return count * months if months else count * days / 30.44


_CLAUSE_END = re.compile(r"[;\n]|\.(?!\d)")


def period_for(reference: Reference, text) -> float | None:
    """The period a retention text gives for the reference's kind of data, in months: the first period
    of the clause that names that kind (« Clients : durée du contrat + 5 ans ; prospects : 3 ans » → 36
    for prospects), else the text's first period."""
    if not isinstance(text, str):
        return None
    for clause in _CLAUSE_END.split(text):
        if phrases(words(clause)) & set(reference.names):
            months = first_period_months(clause)
            if months is not None:
                return months
    return first_period_months(text)


# General keys, compared after words() (folded, simple singular): "Toutes les données" → "toute les donnee".
_CATCH_ALL = set(lexicon("rgpd")["catch-all-keys"])


@rules.rule(
    "G006", "retention-period-missing", "warning",
    message={"fr": "Aucune durée de conservation pour l'objet {id}, qui contient des données personnelles : "
                   "ajoutez-la dans rgpd.retention ({hint})",
             "en": "No retention period for object {id}, which holds personal data: add it under rgpd.retention "
                   "({hint})"},
    doc=_doc(
        "Chaque objet qui porte `personal_data: true` a une durée de conservation : une entrée de "
        "`rgpd.retention` dont la clé désigne l'objet (son id ou son nom, sans tenir compte des accents, de la "
        "casse ni du pluriel : `prospects` couvre l'objet `prospect`, `contacts et prospects` couvre les deux), "
        "ou une finalité (`rgpd.purposes`) qui liste l'objet dans `objects` et donne une `retention`. Une clé "
        "générale (`default`, `par défaut`, `toutes`, `données personnelles`, `*`) couvre tous les objets. "
        "Une alerte par objet, placée sur l'objet. Le message cite le repère qui correspond au type de données "
        "de l'objet (prospects, clients, traceurs, cartes bancaires, candidats…), ou demande une durée et son "
        "point de départ.",
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
        "covers every object. One finding per object, on the object. The message quotes the reference that fits "
        "the object's kind of data (prospects, customers, cookies, payment cards, candidates…), or asks for a "
        "period and the event it runs from.",
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
        reference = reference_for(obj.id, obj.name)
        if reference is not None:
            hint = {"fr": f"repère : {reference.text['fr']} — {reference.source}",
                    "en": f"reference: {reference.text['en']} — {reference.source}"}
        else:
            hint = {"fr": "une durée et l'événement qui la fait courir, justifiés par la finalité, par exemple "
                          "« 2 ans après la clôture du dossier »",
                    "en": "a period and the event it runs from, justified by the purpose, e.g. \"2 years after the "
                          "case is closed\""}
        emit(obj, object=obj.id or None, id=obj.id or obj.label, hint=hint)


@rules.rule(
    "G011", "retention-beyond-reference", "warning",
    message={"fr": "{subject} : « {period} » dépasse le repère pour ces données ({reference} — {source}) ; "
                   "raccourcissez la durée, ou justifiez l'écart dans le texte",
             "en": "{subject}: \"{period}\" exceeds the reference for this data ({reference} — {source}); "
                   "shorten it, or justify the difference in the text"},
    doc=_doc(
        "Une durée de conservation (`rgpd.retention`, ou `retention` d'une finalité) ne dépasse pas la durée de "
        "référence du type de données qu'elle vise. Le type se lit dans la clé de `rgpd.retention` (« prospects », "
        "« cookies »), ou dans le nom de la finalité (« Prospection »). Repères (fichier "
        "`lexicons/cnil-retention.toml`, sources citées) : prospects, 3 ans à compter de la collecte ou du "
        "dernier contact émanant du prospect (CNIL, référentiel gestion des activités commerciales, 2021) ; "
        "cookies et traceurs, 13 mois (CNIL, 2020) ; cartes bancaires, 13 mois en archive après le débit (15 "
        "pour un débit différé ; CNIL, 2018) ; candidats non retenus, 2 ans (CNIL, référentiel gestion du "
        "personnel, 2019) ; images de vidéoprotection, 1 mois (CSI art. L252-5) ; enregistrements d'appels, 6 "
        "mois (CNIL). La première durée du texte est comparée (« 3 ans, puis archivage intermédiaire 5 ans » "
        "compte pour 3 ans), ou celle de la proposition qui nomme ce type de données (« Clients : durée du "
        "contrat + 5 ans ; prospects : 3 ans » compte pour 3 ans sous la clé « clients et prospects ») ; une "
        "durée liée à la relation client (« durée du contrat + 3 ans ») n'a pas de plafond fixe et n'est pas "
        "comparée. Une alerte par durée, sur sa clé.",
        "Le RGPD interdit de garder des données plus longtemps que nécessaire (art. 5(1)(e)), et la CNIL a "
        "fixé des repères qu'elle applique dans ses contrôles et ses sanctions. S'en écarter reste possible, à "
        "condition de le justifier : une durée plus longue sans justification expose à une mise en demeure, et "
        "oblige l'éditeur à paramétrer une purge qui ne sera jamais conforme.",
        "rgpd:\n  retention:\n    prospects: 10 ans après le dernier contact",
        "Écrire `prospects: \"3 ans à compter du dernier contact émanant du prospect\"` ; si une durée plus "
        "longue se justifie, la motiver dans le texte et ignorer l'alerte sur cette ligne (`# crmreq: "
        "ignore[G011]`).",
        "A retention period (`rgpd.retention`, or a purpose's `retention`) does not exceed the reference period "
        "of the kind of data it covers. The kind is read from the `rgpd.retention` key (\"prospects\", "
        "\"cookies\"), or from the purpose's name (\"Prospecting\"). References (file `lexicons/cnil-retention.toml`, "
        "sources cited): prospects, 3 years from collection or the prospect's last contact (CNIL reference "
        "framework for commercial management, 2021); cookies and trackers, 13 months (CNIL, 2020); payment "
        "cards, 13 months archived after the debit (15 for deferred debit; CNIL, 2018); unsuccessful "
        "candidates, 2 years (CNIL HR framework, 2019); video-surveillance footage, 1 month (French Internal "
        "Security Code art. L252-5); call recordings, 6 months (CNIL). The first period of the text is compared "
        "(\"3 years, then 5 years in an intermediate archive\" counts as 3 years), or that of the clause naming "
        "that kind of data (\"Customers: contract + 5 years; prospects: 3 years\" counts as 3 years under the key "
        "\"customers and prospects\"); a period tied to the customer relationship (\"contract + 3 years\") has no "
        "fixed ceiling and is not compared. One finding per period, "
        "on its key.",
        "The GDPR forbids keeping data longer than necessary (art. 5(1)(e)), and the CNIL has set benchmarks it "
        "applies in its audits and sanctions. Departing from them is allowed when justified: a longer period "
        "without a reason invites a formal notice, and makes the vendor configure a purge that will never comply.",
        "rgpd:\n  retention:\n    prospects: 10 years after the last contact",
        "Write `prospects: \"3 years from the prospect's last contact\"`; if a longer period is justified, give "
        "the reason in the text and ignore the finding on that line (`# crmreq: ignore[G011]`).",
    ),
)
def retention_beyond_reference(spec, emit):
    if not concerned(spec):
        return
    rgpd = spec.rgpd
    names = {o.id: o.name for o in spec.objects if o.id}
    checks = []
    for key, value in rgpd.retention.items():
        key_text = str(key)
        reference = reference_for(key_text) or reference_for(names.get(key_text.strip()))
        at = rgpd.retention_keys.get(key)
        subject = {"fr": f"Durée de conservation « {key_text} »", "en": f"Retention period \"{key_text}\""}
        checks.append((reference, value, at or field_at(spec, "retention"), subject, f"rgpd.retention.{key_text}"))
    for purpose in rgpd.purposes:
        # by the purpose's own words: its objects (« contact ») often serve several purposes
        reference = reference_for(purpose.name, purpose.id)
        subject = {"fr": f"Durée de conservation de la finalité {purpose.id or purpose.label}",
                   "en": f"Retention period of purpose {purpose.id or purpose.label}"}
        checks.append((reference, purpose.retention, purpose.where("retention"), subject, purpose.id or None))
    for reference, text, at, subject, obj in checks:
        if reference is None or reference.max_months is None or blank(text):
            continue
        months = period_for(reference, text)
        if months is None or months <= reference.max_months + 1e-9:
            continue
        emit(at, object=obj, subject=subject, period=" ".join(text.split()), reference=reference.text,
             source=reference.source)
