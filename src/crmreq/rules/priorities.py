"""P — priorities: every feature and process is prioritised, and the must-haves stay a minority.

A vendor prices and a project team plans by priority. A list where nothing is prioritised,
or where everything is "indispensable", is a wish list: the budget explodes or the first
phase never ends.
"""

from __future__ import annotations

import math

import re

from ..findings import RuleOption
from ..values import fold
from .hints import snippets
from ..authoring import RuleSet, make_doc as _doc
from ..lexicons import lexicon

rules = RuleSet("priorities")
crmreq_register_rules = rules.hook

IN_SCOPE = ("must", "should", "could")


def _pct(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text


def share_limit(value, default: float | None = 0.6) -> float | None:
    """`must-share-max` as a fraction: 0.6, 60, "60 %" and "0,6" all mean 60 %.

    Numbers above 1 are read as percentages, up to 100; anything else gives the default (the
    configuration refuses it first: `_usable_share`)."""
    if isinstance(value, bool) or value is None:
        return default
    if isinstance(value, str):
        text = value.strip().rstrip("%").strip().replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            return default
    if not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0 or value > 100:
        return default
    if value > 1:
        value = value / 100
    return float(value)


def _usable_share(value) -> bool:
    return share_limit(value, None) is not None


def _min_features(value, default: int = 5) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 1:
        return default
    return int(value)


def _usable_count(value) -> bool:
    return _min_features(value, 0) >= 1


@rules.rule(
    "P001", "feature-without-priority", "error",
    message={"fr": "La fonctionnalité {id} n'a pas de priorité : indiquez indispensable, important ou confort "
                   "(must, should, could, wont)",
             "en": "Feature {id} has no priority: state must, should, could or wont "
                   "(or indispensable, important, confort)"},
    fix={"fr": "Ajoutez {priority} (ou indispensable, confort)",
         "en": "Add {priority} (or must, could, wont)"},
    doc=_doc(
        "Chaque fonctionnalité a une priorité (`priority`) : `indispensable`, `important`, `confort`, ou en MoSCoW "
        "`must`, `should`, `could`, `wont`. Une priorité mal orthographiée est signalée par E002, pas ici.",
        "La priorité dit à l'éditeur ce qui est éliminatoire, ce qui pèse dans la note et ce qui peut attendre ; "
        "elle fixe aussi le contenu de la première phase. Sans elle, toutes les lignes de la matrice se valent et "
        "chaque éditeur répondra « standard » partout.",
        "features:\n  - id: F-DEVIS\n    title: Génération des devis à la charte",
        "Ajouter `priority: indispensable` (ou `important`, `confort`).",
        "Every feature has a `priority`: MoSCoW `must`, `should`, `could`, `wont`, or the French `indispensable`, "
        "`important`, `confort`. A misspelt priority is reported by E002, not here.",
        "The priority tells the vendor what is eliminatory, what weighs in the score and what can wait; it also "
        "sets the scope of the first phase. Without it every line of the matrix weighs the same and every vendor "
        "answers \"out of the box\" everywhere.",
        "features:\n  - id: F-QUOTE\n    title: Branded quote generation",
        "Add `priority: must` (or `should`, `could`, `wont`).",
    ),
)
def feature_without_priority(spec, emit):
    for feature in spec.features:
        if feature.priority is None and not feature.has("priority"):
            emit(feature, object=feature.id or None, id=feature.id or "?",
                 priority=snippets(spec, feature, "priority", "important", "should"))


@rules.rule(
    "P002", "too-many-must-haves", "warning",
    message={"fr": "{must} fonctionnalités sur {total} sont indispensables ({share} %), au-delà du plafond de "
                   "{limit} % : tout ne peut pas être indispensable, repassez les moins critiques en important "
                   "ou confort",
             "en": "{must} of {total} features are must-haves ({share} %), above the {limit} % ceiling: not "
                   "everything can be a must, move the least critical ones to should or could"},
    options=(
        RuleOption(
            "must-share-max", 0.6,
            help={"fr": "Part maximale de fonctionnalités indispensables (0.6 ou 60 : 60 %).",
                  "en": "Largest share of must-have features (0.6 or 60: 60 %)."},
            kind=(int, float, str), check=_usable_share,
        ),
        RuleOption(
            "must-share-min-features", 5,
            help={"fr": "Nombre minimal de fonctionnalités priorisées pour que la règle s'applique.",
                  "en": "Smallest number of prioritised features for the rule to apply."},
            kind=int, check=_usable_count,
        ),
    ),
    doc=_doc(
        "La part des fonctionnalités indispensables (`must`) parmi les fonctionnalités priorisées dans le "
        "périmètre (`must`, `should`, `could` ; les `wont` et celles sans priorité ne comptent pas) ne dépasse "
        "pas l'option `must-share-max` (60 % par défaut). Une seule alerte, sur la section `features`.\n\n"
        "Options : `must-share-max` accepte une fraction (`0.6`) ou un pourcentage (`60`, `\"60 %\"`) : toute "
        "valeur supérieure à 1 est lue comme un pourcentage. `must-share-min-features` (5 par défaut) : en dessous "
        "de ce nombre de fonctionnalités priorisées, une proportion n'a pas de sens et la règle se tait.",
        "Le « syndrome de l'objet brillant » : quand tout est indispensable, rien ne l'est. La méthode MoSCoW "
        "(DSDM) recommande de garder les « must » autour de 60 % de l'effort au plus, pour garder une marge quand "
        "le projet dérape. Au-delà, l'éditeur chiffre tout au prix fort, la première phase s'allonge et les "
        "critères éliminatoires ne départagent plus personne.",
        "features:  # 9 indispensables sur 10\n  - {id: F-1, priority: indispensable}\n  - ...",
        "Reprendre la liste avec les utilisateurs clés : « sans cette fonction, peut-on démarrer ? ». Si oui, "
        "elle est `important` ou `confort`. Ajuster l'option `must-share-max` seulement si le périmètre est "
        "volontairement minimal.",
        "The share of must-have features among the prioritised features in scope (`must`, `should`, `could`; "
        "`wont` and unprioritised features are left out) does not exceed the `must-share-max` option (60 % by "
        "default). One finding, on the `features` section.\n\n"
        "Options: `must-share-max` takes a fraction (`0.6`) or a percentage (`60`, `\"60 %\"`): any value above 1 "
        "is read as a percentage. `must-share-min-features` (default 5): below that many prioritised features a "
        "share means nothing and the rule stays silent.",
        "The \"shiny object syndrome\": when everything is a must, nothing is. MoSCoW (DSDM) advises keeping musts "
        "at about 60 % of the effort at most, to keep contingency when the project slips. Beyond that, vendors "
        "price everything at full rate, the first phase drags on and eliminatory criteria no longer separate "
        "anyone.",
        "features:  # 9 musts out of 10\n  - {id: F-1, priority: must}\n  - ...",
        "Review the list with key users: \"can we start without it?\" If yes, it is `should` or `could`. Raise "
        "`must-share-max` only if the scope is deliberately minimal.",
    ),
)
def too_many_must_haves(spec, emit):
    in_scope = [f for f in spec.features if f.priority in IN_SCOPE]
    total = len(in_scope)
    if total == 0 or total < _min_features(emit.option("must-share-min-features")):
        return
    must = sum(1 for f in in_scope if f.priority == "must")
    limit = share_limit(emit.option("must-share-max"))
    share = must / total
    if share <= limit + 1e-9:
        return
    shown, shown_limit = _pct(share * 100), _pct(limit * 100)
    if shown == shown_limit:
        shown = f"{share * 100:.2f}".rstrip("0").rstrip(".")
    emit(spec.where("features"), object="features", must=must, total=total,
         share={"fr": shown.replace(".", ","), "en": shown},
         limit={"fr": shown_limit.replace(".", ","), "en": shown_limit})


_PHASE_ONE = lexicon("phase-one")
# "phase 1", "lot-1", "P1", "1.0"…; "phase un", "stage one"…
_FIRST = re.compile("^(?:" + "|".join(_PHASE_ONE["numbered"]) + ")?" + r"\s*[-_#.:]?\s*0*1(?![\d])")
_WORD_ONE = re.compile(
    "^(?:" + "|".join(_PHASE_ONE["spelled"]) + r")\s+(?:" + "|".join(_PHASE_ONE["one"]) + r")\b")
_NUMBER = re.compile(r"\d+")


def _norm(text) -> str:
    return " ".join(fold(str(text)).split())


def first_phase_test(spec):
    """A function phase → bool answering "is this phase 1?", tolerant of the ways people write it.

    Phase 1 is what the model says (`1`, `P1`, `lot 1`, the first timeline phase's id…), the
    first timeline phase's name, or any label whose leading number is 1 ("Phase 1 – socle",
    "lot-1", "1.0"). When phases are named without numbers ("socle", "extension"), the first
    one is the earliest of them in `timeline.phases`; when that order is unknown, every phase
    is given the benefit of the doubt (no finding rather than a guess)."""
    timeline = [p for p in (spec.timeline.phases if spec.timeline else ()) if p is not None]
    names = set()
    if timeline:
        for text in (timeline[0].id, timeline[0].name):
            if isinstance(text, str) and text.strip():
                names.add(_norm(text))

    def base(phase) -> bool:
        if phase is None:
            return True
        try:
            if spec.is_first_phase(phase):
                return True
        except Exception:
            pass
        text = _norm(phase)
        return not text or text in names or bool(_FIRST.match(text)) or bool(_WORD_ONE.match(text))

    used = {f.phase for f in spec.features if f.phase is not None}
    if not used or any(base(p) for p in used) or any(f.phase is None for f in spec.features):
        return base
    if any(_NUMBER.search(str(p)) for p in used):
        return base  # numbered phases (2, 3…) with none numbered 1: trust the numbers
    order = {}
    for index, phase in enumerate(timeline):
        for text in (phase.id, phase.name):
            if isinstance(text, str) and text.strip():
                order.setdefault(_norm(text), index)
    ranks = [order[_norm(p)] for p in used if _norm(p) in order]
    if not ranks:
        return lambda phase: True
    earliest = min(ranks)
    return lambda phase: base(phase) or order.get(_norm(phase)) == earliest or _norm(phase) not in order


@rules.rule(
    "P003", "must-have-after-phase-1", "info",
    message={"fr": "La fonctionnalité {id} est indispensable mais prévue en phase « {phase} » : si elle peut "
                   "attendre, elle est « important » ; si elle ne peut pas, avancez-la en phase 1",
             "en": "Feature {id} is a must-have but planned for phase \"{phase}\": if it can wait, it is a "
                   "\"should\"; if it cannot, move it to phase 1"},
    doc=_doc(
        "Quand la spec utilise des phases (champ `phase` des fonctionnalités ou `timeline.phases`), une "
        "fonctionnalité indispensable est prévue en phase 1. Phase 1 se lit `1`, `P1`, `lot 1`, « Phase 1 – "
        "socle », l'id ou le nom de la première phase du planning. Quand les phases portent des noms sans "
        "numéro (« socle », « extension »), la première est celle qui vient en premier dans `timeline.phases` ; "
        "si cet ordre est inconnu, la règle se tait plutôt que de deviner. Une fonctionnalité sans phase est "
        "réputée en phase 1.",
        "« Indispensable » veut dire qu'on ne peut pas démarrer sans. Une fonction indispensable repoussée au "
        "lot 2 est soit mal priorisée (elle est en réalité « important »), soit un risque de lancement : les "
        "utilisateurs recevront un outil incomplet et retourneront à leurs tableurs. Simple information : "
        "certaines équipes priorisent par phase, à dessein.",
        "features:\n  - id: F-PORTAIL\n    priority: indispensable\n    phase: 2",
        "Passer la fonctionnalité en `important`, ou l'avancer en `phase: 1`. Si la priorité est voulue par "
        "phase, ignorer l'alerte sur la ligne (`# crmreq: ignore[P003]`).",
        "When the spec uses phases (the features' `phase` field or `timeline.phases`), a must-have feature is "
        "planned for phase 1. Phase 1 reads as `1`, `P1`, `lot 1`, \"Phase 1 – core\", the id or name of the first "
        "timeline phase. When phases have names without numbers (\"core\", \"extension\"), the first is the one that "
        "comes first in `timeline.phases`; when that order is unknown the rule stays silent rather than guess. "
        "A feature without a phase is deemed in phase 1.",
        "\"Must\" means the project cannot start without it. A must pushed to phase 2 is either mis-prioritised "
        "(it is really a \"should\") or a launch risk: users get an incomplete tool and go back to their "
        "spreadsheets. Information only: some teams prioritise per phase on purpose.",
        "features:\n  - id: F-PORTAL\n    priority: must\n    phase: 2",
        "Make the feature a `should`, or move it to `phase: 1`. If priorities are meant per phase, suppress the "
        "finding on that line (`# crmreq: ignore[P003]`).",
    ),
)
def must_have_after_phase_1(spec, emit):
    if not spec.features or not spec.phases_used:
        return
    is_first = first_phase_test(spec)
    for feature in spec.features:
        if feature.priority == "must" and feature.phase is not None and not is_first(feature.phase):
            emit(feature.where("phase"), object=feature.id or None, id=feature.id or "?", phase=feature.phase)


@rules.rule(
    "P004", "no-features", "error",
    message={"fr": "La spec ne contient aucune fonctionnalité (features) : décrivez les besoins fonctionnels, "
                   "chacun avec son scénario d'usage et sa priorité",
             "en": "The spec has no features: describe the functional needs, each with its use case and priority"},
    doc=_doc(
        "La spec contient une section `features` avec au moins une fonctionnalité.",
        "Les besoins fonctionnels sont le cœur de la consultation : c'est sur eux que les éditeurs répondent "
        "(matrice de conformité) et font leurs démonstrations. Sans eux, chaque éditeur présentera son produit "
        "standard, et vous comparerez des plaquettes.",
        "project:\n  name: Nouveau CRM\nobjectives: [...]\n# pas de section features",
        "Ajouter une section `features` : partir du catalogue proposé par `crmreq init`, garder ce qui sert les "
        "objectifs, et décrire chaque besoin par un scénario dans les mots des utilisateurs.",
        "The spec has a `features` section with at least one feature.",
        "Functional needs are the heart of the consultation: vendors answer on them (compliance matrix) and build "
        "their demos on them. Without them every vendor shows its standard product and you compare brochures.",
        "project:\n  name: New CRM\nobjectives: [...]\n# no features section",
        "Add a `features` section: start from the catalogue `crmreq init` offers, keep what serves the objectives, "
        "and describe each need with a use case in the users' words.",
    ),
)
def no_features(spec, emit):
    if not spec.features:
        emit(spec.where("features"), object="features")


@rules.rule(
    "P005", "process-without-priority", "warning",
    message={"fr": "Le processus {id} n'a pas de priorité : indiquez indispensable, important ou confort",
             "en": "Process {id} has no priority: state must, should or could"},
    fix={"fr": "Ajoutez {priority} (ou important, confort)",
         "en": "Add {priority} (or should, could)"},
    doc=_doc(
        "Chaque processus métier (`processes`) a une priorité (`priority`). Une priorité mal orthographiée est "
        "signalée par E002, pas ici.",
        "Les processus prioritaires fixent le périmètre de la première phase et l'ordre des ateliers de "
        "paramétrage ; un processus sans priorité sera traité au hasard du planning de l'intégrateur.",
        "processes:\n  - id: PR-DEVIS\n    name: Du devis à la commande",
        "Ajouter `priority: indispensable` (ou `important`, `confort`), et `phase` si le projet est découpé en lots.",
        "Every business process (`processes`) has a `priority`. A misspelt priority is reported by E002, not here.",
        "Priority processes set the scope of the first phase and the order of configuration workshops; a process "
        "without priority will be handled whenever the integrator's plan happens to reach it.",
        "processes:\n  - id: PR-QUOTE\n    name: Quote to order",
        "Add `priority: must` (or `should`, `could`), and `phase` if the project is split into phases.",
    ),
)
def process_without_priority(spec, emit):
    for process in spec.processes:
        if process.priority is None and not process.has("priority"):
            emit(process, object=process.id or None, id=process.id or "?",
                 priority=snippets(spec, process, "priority", "indispensable", "must"))
