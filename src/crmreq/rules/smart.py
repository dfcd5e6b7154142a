"""S — SMART objectives: each objective is measurable, has a target, a deadline and an owner.

An objective nobody can measure cannot be reached, and a vendor cannot be held to it: most
failed CRM projects had "improve sales follow-up" as their only goal.
"""

from __future__ import annotations

import math
import re

from ..lexicons import lexicon
from ..values import fold, has_number
from ..values.numbers import NUMBER_RE, number_value
from ..values.magnitudes import KIND_NAMES, magnitude
from ..values.deadlines import PHASE
from ..authoring import RuleSet, make_doc as _doc
from .hints import snippets

rules = RuleSet("smart")
crmreq_register_rules = rules.hook


@rules.rule(
    "S001", "objective-without-metric", "error",
    message={"fr": "L'objectif {id} n'a pas d'indicateur (metric) : dites ce qui sera mesuré",
             "en": "Objective {id} has no metric: say what will be measured"},
    fix={"fr": "Ajoutez par exemple {metric}", "en": "Add e.g. {metric}"},
    doc=_doc(
        "Chaque objectif a un champ `metric` : l'indicateur qui permettra de dire s'il est atteint.",
        "Sans indicateur, personne ne peut dire après le déploiement si le CRM a tenu ses promesses ; "
        "le « M » de SMART (Spécifique, Mesurable, Atteignable, Réaliste, Temporellement défini).",
        "objectives:\n  - id: OBJ-1\n    title: Mieux suivre les devis",
        "Ajouter `metric: \"taux de transformation des devis à 90 jours\"`, avec `baseline`, `target` et `deadline`.",
        "Every objective has a `metric`: the indicator that tells whether it was reached.",
        "Without a metric, nobody can tell after go-live whether the CRM delivered; the M of SMART.",
        "objectives:\n  - id: OBJ-1\n    title: Better quote follow-up",
        "Add `metric: \"quote conversion rate at 90 days\"`, with `baseline`, `target` and `deadline`.",
    ),
)
def objective_without_metric(spec, emit):
    for objective in spec.objectives:
        if objective.metric is None:
            emit(objective, object=objective.id, id=objective.id,
                 metric=snippets(spec, objective, "metric", "taux de transformation des devis", "quote conversion rate"))


@rules.rule(
    "S002", "objective-without-target", "error",
    message={"fr": "L'objectif {id} n'a pas de valeur cible chiffrée (target) : indiquez le niveau à atteindre",
             "en": "Objective {id} has no numeric target: state the level to reach"},
    doc=_doc(
        "Chaque objectif a une cible (`target`) qui contient un nombre : `\"25 %\"`, `{value: 2, unit: j}`.",
        "Une cible non chiffrée (« beaucoup mieux ») ne permet ni de piloter le projet ni de recetter.",
        "objectives:\n  - id: OBJ-1\n    metric: délai de réponse aux demandes\n    target: plus court",
        "Écrire `target: \"24 h\"` (et `baseline: \"72 h\"` pour la situation de départ).",
        "Every objective has a `target` holding a number: `\"25 %\"`, `{value: 2, unit: d}`.",
        "A target without a number (\"much better\") can neither steer the project nor be tested.",
        "objectives:\n  - id: OBJ-1\n    metric: time to answer a request\n    target: shorter",
        "Write `target: \"24 h\"` (and `baseline: \"72 h\"` for the starting point).",
    ),
)
def objective_without_target(spec, emit):
    for objective in spec.objectives:
        if objective.target is None or objective.target.value is None:
            emit(objective.where("target"), object=objective.id, id=objective.id)


@rules.rule(
    "S003", "objective-without-deadline", "error",
    message={"fr": "L'objectif {id} n'a pas d'échéance (deadline) : donnez une date ou « go-live + 6 mois »",
             "en": "Objective {id} has no deadline: give a date or \"go-live + 6 months\""},
    doc=_doc(
        "Chaque objectif a une échéance (`deadline`) : une date ISO, ou une durée après la mise en production.",
        "Le « T » de SMART : sans échéance, l'objectif glisse indéfiniment et ne peut pas être vérifié.",
        "objectives:\n  - id: OBJ-1\n    metric: taux de transformation\n    target: \"30 %\"",
        "Ajouter `deadline: 2027-06-30` ou `deadline: \"6 mois après la mise en production\"`.",
        "Every objective has a `deadline`: an ISO date, or a delay after go-live.",
        "The T of SMART: without a deadline the objective drifts forever and cannot be checked.",
        "objectives:\n  - id: OBJ-1\n    metric: conversion rate\n    target: \"30 %\"",
        "Add `deadline: 2027-06-30` or `deadline: \"go-live + 6 months\"`.",
    ),
)
def objective_without_deadline(spec, emit):
    for objective in spec.objectives:
        if objective.deadline is None:
            emit(objective, object=objective.id, id=objective.id)


@rules.rule(
    "S004", "objective-without-baseline", "warning",
    message={"fr": "L'objectif {id} n'a pas de valeur de départ (baseline) : mesurez la situation actuelle",
             "en": "Objective {id} has no baseline: measure today's situation"},
    doc=_doc(
        "Chaque objectif indique sa valeur de départ (`baseline`), mesurée avant le projet.",
        "Sans point de départ, un gain ne peut pas être démontré : « +20 % » de quoi ?",
        "objectives:\n  - id: OBJ-1\n    metric: taux de transformation\n    target: \"30 %\"",
        "Ajouter `baseline: \"18 %\"` (mesure de l'année écoulée) ; si la mesure n'existe pas encore, "
        "prévoir de la faire avant le lancement.",
        "Every objective states its starting value (`baseline`), measured before the project.",
        "Without a starting point a gain cannot be shown: \"+20 %\" of what?",
        "objectives:\n  - id: OBJ-1\n    metric: conversion rate\n    target: \"30 %\"",
        "Add `baseline: \"18 %\"` (last year's figure); if it is not measured yet, plan to measure it before launch.",
    ),
)
def objective_without_baseline(spec, emit):
    for objective in spec.objectives:
        if objective.baseline is None:
            emit(objective, object=objective.id, id=objective.id)


@rules.rule(
    "S005", "objective-not-measurable", "warning",
    message={"fr": "L'objectif {id} ne contient aucune quantité mesurable (« {title} ») : chiffrez-le",
             "en": "Objective {id} holds no measurable quantity at all (\"{title}\"): put a number on it"},
    doc=_doc(
        "Un objectif contient au moins un nombre quelque part : dans son titre, son indicateur, sa valeur de "
        "départ ou sa cible.",
        "« Mieux vendre », « améliorer la relation client » : des intentions, pas des objectifs. "
        "Elles ne permettent ni de choisir entre deux éditeurs ni de dire si le projet a réussi.",
        "objectives:\n  - id: OBJ-1\n    title: Mieux vendre",
        "Reformuler : « Porter le taux de transformation des devis de 18 % à 25 % d'ici fin 2027 ».",
        "An objective holds at least one number somewhere: title, metric, baseline or target.",
        "\"Sell better\", \"improve customer relations\": intentions, not objectives. They help neither to "
        "choose a vendor nor to say whether the project succeeded.",
        "objectives:\n  - id: OBJ-1\n    title: Sell better",
        "Rephrase: \"Raise the quote conversion rate from 18 % to 25 % by end of 2027\".",
    ),
)
def objective_not_measurable(spec, emit):
    for objective in spec.objectives:
        quantities = (objective.metric, objective.baseline, objective.target)
        if any(q is not None and q.value is not None for q in quantities):
            continue
        if has_number(objective.title or ""):
            continue
        title = objective.title or objective.id
        emit(objective.where("title"), object=objective.id, id=objective.id, title=title)


@rules.rule(
    "S006", "bad-deadline", "error",
    message={"fr": "Échéance de l'objectif {id} : {problem}",
             "en": "Deadline of objective {id}: {problem}"},
    doc=_doc(
        "L'échéance se lit (date ISO `2027-06-30`, « 30 juin 2027 », « T2 2027 », « go-live + 3 mois », "
        "« 6 mois après la mise en production », « fin du premier trimestre qui suit la mise en production », "
        "« à l'issue de la phase 1 ») et ne tombe pas avant la date du document (`project.date`). Une échéance "
        "qui nomme une phase du planning se lit à la fin de cette phase, quand le planning la date (`end`, ou "
        "`start` et `duration`) ; une phase que le planning n'a pas relève de S009. Sans le mot « phase » "
        "(« à l'issue du déploiement », « fin de la recette »), l'échéance se lit ainsi quand elle donne l'id, "
        "le nom ou le début du nom d'une seule phase ; sinon elle reste illisible.",
        "Une échéance illisible ou déjà passée ne pilote rien, et signale souvent un copier-coller d'une "
        "version précédente du cahier des charges.",
        "objectives:\n  - id: OBJ-1\n    deadline: bientôt",
        "Écrire une date ou un délai après la mise en production.",
        "The deadline can be read (ISO `2027-06-30`, \"June 30, 2027\", \"Q2 2027\", \"go-live + 3 months\", "
        "\"6 months after go-live\", \"end of Q1 after go-live\", \"end of phase 1\") and does not fall before the "
        "document date (`project.date`). A deadline naming a phase of the timeline is read at that phase's end, "
        "when the timeline dates it (`end`, or `start` and `duration`); a phase the timeline lacks is S009's. "
        "Without the word \"phase\" (\"at the end of the pilot\", \"end of UAT\"), the deadline reads so when it "
        "gives the id, the name or the start of the name of exactly one phase; otherwise it stays unreadable.",
        "An unreadable or past deadline steers nothing, and often betrays a copy-paste from an older version.",
        "objectives:\n  - id: OBJ-1\n    deadline: soon",
        "Write a date or a delay after go-live.",
    ),
)
def bad_deadline(spec, emit):
    today = spec.project.date if spec.project else None
    go_live = spec.timeline.go_live if spec.timeline else None
    phases = spec.timeline.phases if spec.timeline else ()
    for objective in spec.objectives:
        deadline = objective.deadline
        if deadline is None:
            continue
        at = objective.where("deadline")
        if deadline.kind == "invalid" or (not deadline.phase_word and deadline.phase_in(phases) is None):
            emit(at, object=objective.id, id=objective.id, problem={
                "fr": f"« {deadline.text} » ne se lit pas comme une date ni comme un délai après la mise en production",
                "en": f"\"{deadline.text}\" reads neither as a date nor as a delay after go-live"})
            continue
        when = deadline.resolve(go_live, phases)
        if today and when and when < today:
            emit(at, object=objective.id, id=objective.id, problem={
                "fr": f"{when.isoformat()} tombe avant la date du document ({today.isoformat()})",
                "en": f"{when.isoformat()} falls before the document date ({today.isoformat()})"})


@rules.rule(
    "S007", "objective-without-owner", "warning",
    message={"fr": "L'objectif {id} n'a pas de responsable (owner) : nommez qui le porte",
             "en": "Objective {id} has no owner: name who is accountable"},
    doc=_doc(
        "Chaque objectif a un responsable (`owner`), id d'un intervenant ou d'une équipe.",
        "Un objectif sans porteur n'est suivi par personne après le lancement.",
        "objectives:\n  - id: OBJ-1\n    title: Réduire le délai de réponse à 24 h",
        "Ajouter `owner: dir-commerciale` (déclarée dans `stakeholders`).",
        "Every objective has an `owner`: the id of a stakeholder or a team.",
        "An objective nobody owns is followed by nobody after launch.",
        "objectives:\n  - id: OBJ-1\n    title: Answer requests within 24 h",
        "Add `owner: sales-director` (declared under `stakeholders`).",
    ),
)
def objective_without_owner(spec, emit):
    for objective in spec.objectives:
        if not objective.owner:
            emit(objective, object=objective.id, id=objective.id)


@rules.rule(
    "S008", "no-objectives", "error",
    message={"fr": "La spec ne contient aucun objectif : dites ce que le CRM doit changer, chiffres à l'appui",
             "en": "The spec has no objectives: say what the CRM must change, with numbers"},
    doc=_doc(
        "La spec contient une section `objectives` avec au moins un objectif.",
        "Sans objectifs, impossible de prioriser les fonctionnalités, de départager les éditeurs ou de dire "
        "si le projet a réussi : c'est la première cause d'échec des projets CRM.",
        "project:\n  name: Nouveau CRM\nfeatures: [...]",
        "Écrire deux à cinq objectifs SMART (`objectives:`), chacun avec indicateur, départ, cible, échéance et responsable.",
        "The spec has an `objectives` section with at least one objective.",
        "Without objectives you can neither prioritise features, choose between vendors nor tell whether "
        "the project succeeded: the first cause of failed CRM projects.",
        "project:\n  name: New CRM\nfeatures: [...]",
        "Write two to five SMART objectives (`objectives:`), each with metric, baseline, target, deadline and owner.",
    ),
)
def no_objectives(spec, emit):
    if not spec.objectives:
        emit(spec.where("objectives"), object="objectives")


@rules.rule(
    "S009", "unanchored-deadline", "warning",
    message={"fr": "Échéance de l'objectif {id} : {problem}",
             "en": "Deadline of objective {id}: {problem}"},
    doc=_doc(
        "Une échéance relative (« dans 6 mois », « d'ici 6 mois ») dit après quel événement elle court ; une "
        "échéance qui nomme une phase (« à l'issue de la phase 3 », « fin de la phase Déploiement ») nomme une "
        "phase du planning (`timeline.phases`, par son numéro d'ordre, son id ou son nom).",
        "« Dans 6 mois » à compter de la rédaction, de la signature ou du lancement ? Selon la lecture, "
        "l'échéance varie de près d'un an. Une phase absente du planning ne se date pas non plus.",
        "objectives:\n  - id: OBJ-1\n    deadline: dans 6 mois",
        "Écrire `deadline: \"6 mois après la mise en production\"` (ou `go-live + 6 mois`), ou une date ; pour une "
        "phase, la décrire dans `timeline.phases`.",
        "A relative deadline (\"within 6 months\", \"in 6 months\") says after which event it runs; a deadline "
        "naming a phase (\"end of phase 3\", \"end of phase Deployment\") names a phase of the timeline "
        "(`timeline.phases`, by its rank, id or name).",
        "\"In 6 months\" from drafting, signature or launch? Depending on the reading, the deadline moves by almost "
        "a year. A phase missing from the timeline cannot be dated either.",
        "objectives:\n  - id: OBJ-1\n    deadline: within 6 months",
        "Write `deadline: \"6 months after go-live\"` (or `go-live + 6 months`), or a date; for a phase, describe "
        "it under `timeline.phases`.",
    ),
)
def unanchored_deadline(spec, emit):
    phases = spec.timeline.phases if spec.timeline else ()
    for objective in spec.objectives:
        deadline = objective.deadline
        if deadline is None:
            continue
        text = deadline.text
        if deadline.kind == "unanchored":
            problem = {"fr": f"relative à rien (« {text} ») : après quoi ? Écrivez « 6 mois après la mise en "
                             "production » ou une date",
                       "en": f"relative to nothing (\"{text}\"): after what? Write \"6 months after go-live\" "
                             "or a date"}
        elif deadline.anchor == PHASE and deadline.phase_word and deadline.phase_in(phases) is None:
            problem = {"fr": f"« {text} » nomme une phase que le planning (timeline.phases) ne contient pas : "
                             "décrivez-la, ou écrivez une date ou un délai après la mise en production",
                       "en": f"\"{text}\" names a phase the timeline (timeline.phases) does not have: describe "
                             "it, or write a date or a delay after go-live"}
        else:
            continue
        emit(objective.where("deadline"), object=objective.id, id=objective.id, problem=problem)


_DIRECTION = {direction: re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9])")
              for direction, words in lexicon("objective-direction").items()}
# Kinds that may stand side by side: "+5 pts" on an 18 % rate, "5 jours ouvrés" against "10 jours".
_RELATED_KINDS = ({"percent", "points"}, {"time", "working time"})


_TITLE_CLAUSES = re.compile(r"[:;()\u2013\u2014]|,(?!\d)|\s-\s")


def _direction(title, target=None) -> str | None:
    """"decrease" or "increase" when the title says so with words of one direction only. When the
    title writes the target's figure, only the clause holding it counts: in « Limiter les oublis :
    porter le taux de relance de 40 % à 90 % », « limiter » is not about the rate."""
    folded = fold(title) if isinstance(title, str) else ""
    if isinstance(target, (int, float)):
        for clause in _TITLE_CLAUSES.split(folded):
            if any(math.isclose(number_value(m.group()), target) for m in re.finditer(NUMBER_RE, clause)):
                folded = clause
                break
    found = [direction for direction, pattern in _DIRECTION.items() if pattern.search(folded)]
    return found[0] if len(found) == 1 else None


def _figure(quantity) -> str:
    return " ".join(quantity.text.split())


def _kind_name(kind: str) -> dict:
    fr, en = KIND_NAMES.get(kind, (f"des {kind}", kind))
    return {"fr": fr, "en": en}


@rules.rule(
    "S010", "objective-inconsistent", "warning",
    message={"fr": "Objectif {id} : {problem}",
             "en": "Objective {id}: {problem}"},
    doc=_doc(
        "La cible (`target`) et la valeur de départ (`baseline`) d'un objectif se lisent ensemble :\n\n"
        "- elles sont de même nature (deux durées, deux pourcentages, deux montants… les unités d'une même "
        "nature se convertissent : jours et semaines, € et k€) ; une valeur de départ en jours et une cible en "
        "pourcentage ne se comparent pas ;\n"
        "- quand le titre dit le sens (« réduire », « diminuer », « baisser », « raccourcir », \"reduce\", "
        "\"decrease\", \"cut\" ; « augmenter », « accroître », \"increase\", \"raise\", \"grow\"), la cible va "
        "dans ce sens : plus basse que la valeur de départ pour une baisse, plus haute pour une hausse. Une "
        "cible écrite comme un écart signé (« -30 % », « +5 pts ») n'est pas comparée ; un titre qui contient "
        "les deux sens non plus (« augmenter les ventes en réduisant la saisie »). Quand le titre écrit le "
        "chiffre de la cible, seule sa proposition compte : dans « Limiter les oublis : porter le taux de "
        "relance de 40 % à 90 % », « limiter » ne porte pas sur le taux.\n\nUne alerte par objectif, sur la "
        "cible.",
        "La cible est le niveau à atteindre, pas l'écart : « réduire le délai de 30 % » avec `baseline: 10 j` "
        "et `target: 30 %` ne dit pas si l'on vise 7 jours ou 3. Un objectif qui se contredit ne se mesure "
        "pas, et les éditeurs ne sauront pas à quoi leur outil sera jugé.",
        "objectives:\n  - id: OBJ-DELAI\n    title: Réduire le délai de réponse aux devis\n"
        "    baseline: \"3 jours\"\n    target: \"30 %\"",
        "Écrire la cible dans l'unité de la valeur de départ, au niveau visé : `target: \"2 jours\"`.",
        "An objective's `target` and `baseline` are read together:\n\n"
        "- they are of the same kind (two durations, two percentages, two amounts… units of one kind convert: "
        "days and weeks, € and k€); a baseline in days and a target in per cent do not compare;\n"
        "- when the title gives the direction (\"reduce\", \"decrease\", \"cut\", \"lower\", « réduire », "
        "« diminuer »; \"increase\", \"raise\", \"grow\", « augmenter »), the target goes that way: below the "
        "baseline for a decrease, above it for an increase. A target written as a signed change (\"-30 %\", "
        "\"+5 pts\") is not compared; nor is a title holding both directions (\"grow sales by reducing "
        "re-keying\"). When the title writes the target's figure, only its clause counts: in \"Reduce re-keying: "
        "100 % of orders reach the ERP\", \"reduce\" is not about the share of orders.\n\n"
        "One finding per objective, on the target.",
        "The target is the level to reach, not the change: \"reduce the delay by 30 %\" with `baseline: 10 d` and "
        "`target: 30 %` does not say whether 7 days or 3 are meant. A self-contradicting objective cannot be "
        "measured, and vendors will not know what their tool will be judged on.",
        "objectives:\n  - id: OBJ-DELAY\n    title: Reduce the time to answer quote requests\n"
        "    baseline: \"3 days\"\n    target: \"30 %\"",
        "Write the target in the baseline's unit, at the level aimed for: `target: \"2 days\"`.",
    ),
)
def objective_inconsistent(spec, emit):
    for objective in spec.objectives:
        base, target = magnitude(objective.baseline), magnitude(objective.target)
        if base is None or target is None:
            continue
        at = objective.where("target")
        shown_base, shown_target = _figure(objective.baseline), _figure(objective.target)
        if base.kind != target.kind:
            if any({base.kind, target.kind} <= related for related in _RELATED_KINDS):
                continue
            if base.kind not in KIND_NAMES or target.kind not in KIND_NAMES:
                continue   # counted things ("1200 clients", "1500 comptes"): often two words for one
            base_kind, target_kind = _kind_name(base.kind), _kind_name(target.kind)
            emit(at, object=objective.id or None, id=objective.id or "?", problem={
                "fr": f"la valeur de départ est {base_kind['fr']} (« {shown_base} ») et la cible "
                      f"{target_kind['fr']} (« {shown_target} ») : écrivez-les dans la même unité, la cible "
                      "étant le niveau à atteindre",
                "en": f"the baseline is {base_kind['en']} (\"{shown_base}\") and the target {target_kind['en']} "
                      f"(\"{shown_target}\"): write both in the same unit, the target being the level to reach"})
            continue
        direction = _direction(objective.title, objective.target.value)
        if direction is None or objective.target.text.lstrip()[:1] in ("+", "-", "\u2212"):
            continue
        if direction == "decrease" and target.low >= base.high:
            fr_way, en_way = "n'est pas plus basse que", "is not below"
        elif direction == "increase" and target.high <= base.low:
            fr_way, en_way = "n'est pas plus haute que", "is not above"
        else:
            continue
        verb = {"fr": "une baisse", "en": "a decrease"} if direction == "decrease" else \
            {"fr": "une hausse", "en": "an increase"}
        emit(at, object=objective.id or None, id=objective.id or "?", problem={
            "fr": f"le titre annonce {verb['fr']}, mais la cible (« {shown_target} ») {fr_way} la valeur de départ "
                  f"(« {shown_base} ») : corrigez la cible (le niveau à atteindre) ou le titre",
            "en": f"the title announces {verb['en']}, but the target (\"{shown_target}\") {en_way} the baseline "
                  f"(\"{shown_base}\"): fix the target (the level to reach) or the title"})
