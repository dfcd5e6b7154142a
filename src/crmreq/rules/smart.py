"""S — SMART objectives: each objective is measurable, has a target, a deadline and an owner.

An objective nobody can measure cannot be reached, and a vendor cannot be held to it: most
failed CRM projects had "improve sales follow-up" as their only goal.
"""

from __future__ import annotations

from ..values import has_number
from ..authoring import RuleSet, make_doc as _doc

rules = RuleSet("smart")
crmreq_register_rules = rules.hook


@rules.rule(
    "S001", "objective-without-metric", "error",
    message={"fr": "L'objectif {id} n'a pas d'indicateur (metric) : dites ce qui sera mesuré",
             "en": "Objective {id} has no metric: say what will be measured"},
    fix={"fr": "Ajoutez par exemple metric: \"taux de transformation des devis\"",
         "en": "Add e.g. metric: \"quote conversion rate\""},
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
            emit(objective, object=objective.id, id=objective.id)


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
        "« 6 mois après la mise en production ») et ne tombe pas avant la date du document (`project.date`).",
        "Une échéance illisible ou déjà passée ne pilote rien, et signale souvent un copier-coller d'une "
        "version précédente du cahier des charges.",
        "objectives:\n  - id: OBJ-1\n    deadline: bientôt",
        "Écrire une date ou un délai après la mise en production.",
        "The deadline can be read (ISO `2027-06-30`, \"June 30, 2027\", \"Q2 2027\", \"go-live + 3 months\", "
        "\"6 months after go-live\") and does not fall before the document date (`project.date`).",
        "An unreadable or past deadline steers nothing, and often betrays a copy-paste from an older version.",
        "objectives:\n  - id: OBJ-1\n    deadline: soon",
        "Write a date or a delay after go-live.",
    ),
)
def bad_deadline(spec, emit):
    today = spec.project.date if spec.project else None
    go_live = spec.timeline.go_live if spec.timeline else None
    for objective in spec.objectives:
        deadline = objective.deadline
        if deadline is None:
            continue
        at = objective.where("deadline")
        if deadline.kind == "invalid":
            emit(at, object=objective.id, id=objective.id, problem={
                "fr": f"« {deadline.text} » ne se lit pas comme une date ni comme un délai après la mise en production",
                "en": f"\"{deadline.text}\" reads neither as a date nor as a delay after go-live"})
            continue
        when = deadline.resolve(go_live)
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
        emit(spec.where("objectives"))


@rules.rule(
    "S009", "unanchored-deadline", "warning",
    message={"fr": "Échéance de l'objectif {id} relative à rien (« {text} ») : après quoi ? Écrivez « 6 mois après la mise en production » ou une date",
             "en": "Deadline of objective {id} is relative to nothing (\"{text}\"): after what? Write \"6 months after go-live\" or a date"},
    doc=_doc(
        "Une échéance relative (« dans 6 mois », « d'ici 6 mois ») dit après quel événement elle court.",
        "« Dans 6 mois » à compter de la rédaction, de la signature ou du lancement ? Selon la lecture, "
        "l'échéance varie de près d'un an.",
        "objectives:\n  - id: OBJ-1\n    deadline: dans 6 mois",
        "Écrire `deadline: \"6 mois après la mise en production\"` (ou `go-live + 6 mois`), ou une date.",
        "A relative deadline (\"within 6 months\", \"in 6 months\") says after which event it runs.",
        "\"In 6 months\" from drafting, signature or launch? Depending on the reading, the deadline moves by almost a year.",
        "objectives:\n  - id: OBJ-1\n    deadline: within 6 months",
        "Write `deadline: \"6 months after go-live\"` (or `go-live + 6 months`), or a date.",
    ),
)
def unanchored_deadline(spec, emit):
    for objective in spec.objectives:
        if objective.deadline is not None and objective.deadline.kind == "unanchored":
            emit(objective.where("deadline"), object=objective.id, id=objective.id, text=objective.deadline.text)
