"""L — timeline: a go-live date, phases with durations, and the two agreeing with each other.

The rétroplanning is where an SME discovers that "live in September" and "eight weeks of
configuration, four of data migration, three of acceptance testing" do not fit; better
discover it in the spec than in the vendor's first steering committee.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..values import fold
from .hints import snippet
from ..authoring import RuleSet, label, make_doc as _doc
from ..lexicons import lexicon

rules = RuleSet("timeline")
crmreq_register_rules = rules.hook

_NON_WORD = re.compile(r"[^0-9a-z]+")

# A phase whose id or name says it comes after go-live is left out of L004's sum, and so is
# every phase listed after it (phases are read as running one after the other); a phase whose
# id or name says it IS the go-live counts, the phases listed after it do not.
POST_GO_LIVE_TERMS = tuple(lexicon("go-live")["after-go-live"])
GO_LIVE_TERMS = tuple(lexicon("go-live")["go-live"])

def _words(text: str) -> str:
    return " " + _NON_WORD.sub(" ", fold(text)).strip() + " "


def _lexicon(terms) -> re.Pattern:
    return re.compile("|".join(r"(?<= )" + re.escape(t) + r"(?= )" for t in sorted(terms, key=len, reverse=True)))


_POST = _lexicon(POST_GO_LIVE_TERMS)
_GO_LIVE = _lexicon(GO_LIVE_TERMS)


def _phase_text(phase) -> str:
    return _words(f"{phase.id or ''} {phase.name or ''}")


def _min_days(phase) -> int | None:
    """A phase's minimum length in days: its parsed `duration`, else its `start`–`end` span."""
    duration = phase.duration
    days = getattr(duration, "min_days", None) if duration is not None else None
    if isinstance(days, (int, float)) and not isinstance(days, bool) and days >= 0:
        return days
    if phase.start and phase.end and phase.end >= phase.start:
        return (phase.end - phase.start).days
    return None


def _weeks(days: float, lang: str) -> str:
    text = f"{days / 7:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "fr" else text


@rules.rule(
    "L001", "no-phases", "warning",
    message={"fr": "Le planning ne comporte aucune phase (timeline.phases) : découpez le projet en étapes avec leur durée",
             "en": "The timeline has no phases (timeline.phases): break the project into steps with their durations"},
    fix={"fr": "Par exemple : cadrage, paramétrage, reprise de données, recette, formation, mise en production",
         "en": "For example: scoping, configuration, data migration, acceptance testing, training, go-live"},
    doc=_doc(
        "La spec décrit les phases du projet (`timeline.phases`), chacune avec sa durée. La règle se "
        "déclenche une fois, sur la section `timeline` ou, si elle manque, en tête du fichier d'entrée.",
        "Un éditeur ne peut s'engager sur une date sans connaître les étapes attendues (cadrage, paramétrage, "
        "reprise, recette, formation) ; et l'entreprise doit savoir quand ses équipes seront mobilisées. "
        "Les guides de cahier des charges CRM (CRM Factory, Apogea, Appvizer) demandent tous un rétroplanning.",
        "timeline:\n  go_live: 2027-01-04",
        "Ajouter `phases:` : `- {id: cadrage, name: Cadrage, duration: \"2-3 semaines\"}`, puis paramétrage, "
        "reprise de données, recette, formation et mise en production.",
        "The spec lists the project's phases (`timeline.phases`), each with its duration. The rule fires once, "
        "at the `timeline` section or, when it is missing, at the top of the entry file.",
        "A vendor cannot commit to a date without knowing the expected steps (scoping, configuration, "
        "migration, acceptance, training), and the company must know when its teams will be needed. "
        "Every CRM specification guide asks for a backward schedule.",
        "timeline:\n  go_live: 2027-01-04",
        "Add `phases:`: `- {id: scoping, name: Scoping, duration: \"2-3 weeks\"}`, then configuration, data "
        "migration, acceptance testing, training and go-live.",
    ),
)
def no_phases(spec, emit):
    timeline = spec.timeline
    if timeline is not None and timeline.phases:
        return
    if timeline is not None and timeline.has("phases"):
        emit(timeline.where("phases"), object="timeline.phases")
    else:
        emit(spec.where("timeline"), object="timeline.phases")


@rules.rule(
    "L002", "phase-without-duration", "warning",
    message={"fr": "La phase {id} n'a pas de durée{detail} : indiquez-la (« 4-6 semaines ») ou donnez ses dates de début et de fin",
             "en": "Phase {id} has no duration{detail}: give one (\"4-6 weeks\") or its start and end dates"},
    doc=_doc(
        "Chaque phase du planning a une durée lisible (`duration` : « 6 semaines », « 4-6 weeks », "
        "« 2 mois »), ou à défaut des dates de début et de fin (`start`, `end`) dont l'écart tient lieu "
        "de durée. Une durée présente mais illisible (« quelques semaines ») est signalée aussi.",
        "Sans durée, la phase ne se planifie pas et le planning ne peut pas être confronté à la date de "
        "mise en production (règle L004). Les phases oubliées sont en général la reprise de données et la "
        "recette, précisément celles qui dérapent.",
        "timeline:\n  phases:\n    - id: recette\n      name: Recette",
        "Écrire `duration: \"2-3 semaines\"`, ou `start: 2026-11-02` et `end: 2026-11-20`.",
        "Every timeline phase has a readable duration (`duration`: \"6 weeks\", \"4-6 weeks\", \"2 months\"), "
        "or else start and end dates (`start`, `end`) whose span stands for the duration. A duration that "
        "is present but unreadable (\"a few weeks\") is reported too.",
        "A phase without a duration cannot be planned, and the timeline cannot be checked against the "
        "go-live date (rule L004). The phases people forget to size are usually data migration and "
        "acceptance testing, exactly the ones that slip.",
        "timeline:\n  phases:\n    - id: acceptance\n      name: Acceptance testing",
        "Write `duration: \"2-3 weeks\"`, or `start: 2026-11-02` and `end: 2026-11-20`.",
    ),
)
def phase_without_duration(spec, emit):
    if spec.timeline is None:
        return
    for phase in spec.timeline.phases:
        if _min_days(phase) is not None:
            continue
        if phase.duration_text and phase.duration_text.strip():
            text = phase.duration_text.strip()
            emit(phase.where("duration"), object=phase.id or None, id=label(phase),
                 detail={"fr": f" lisible (« {text} »)", "en": f" that can be read (\"{text}\")"})
        elif phase.has("duration") and not phase.duration_text:
            continue  # wrong type: E002 already says so
        else:
            emit(phase, object=phase.id or None, id=label(phase), detail="")


@rules.rule(
    "L003", "objective-deadline-before-go-live", "error",
    message={"fr": "L'échéance de l'objectif {id} ({date}) tombe avant la mise en production ({go_live}) : le CRM ne peut pas produire ce résultat avant d'être en service",
             "en": "The deadline of objective {id} ({date}) falls before go-live ({go_live}): the CRM cannot deliver this result before it is in use"},
    fix={"fr": "Reportez l'échéance ou écrivez-la par rapport au lancement (« 6 mois après la mise en production »)",
         "en": "Move the deadline, or write it relative to launch (\"6 months after go-live\")"},
    doc=_doc(
        "Quand un objectif a une échéance datée (« 2026-06-30 », « 30 juin 2026 ») et que le planning "
        "donne la date de mise en production (`timeline.go_live`), l'échéance ne tombe pas avant. Les "
        "échéances relatives au lancement (« go-live + 6 mois ») sont après par construction. Une échéance "
        "antérieure à la date du document est laissée à S006, pour ne pas signaler deux fois la même erreur.",
        "Un objectif du CRM se mesure une fois l'outil en service, et il faut le plus souvent plusieurs "
        "mois d'usage pour que l'indicateur bouge. Une échéance antérieure au lancement est une coquille, "
        "ou le signe que la date de mise en production a glissé sans que les objectifs suivent.",
        "timeline:\n  go_live: 2026-09-01\nobjectives:\n  - id: OBJ-1\n    deadline: 2026-06-30",
        "Reporter l'échéance après la mise en production, ou mieux : `deadline: \"6 mois après la mise en "
        "production\"`, qui suivra la date de lancement si elle bouge.",
        "When an objective has a dated deadline (\"2026-06-30\", \"June 30, 2026\") and the timeline gives "
        "the go-live date (`timeline.go_live`), the deadline does not fall before it. Deadlines relative "
        "to launch (\"go-live + 6 months\") come after it by construction. A deadline before the document "
        "date is left to S006, so one mistake is reported once.",
        "A CRM objective is measured once the tool is in use, and the indicator usually needs months of "
        "use to move. A deadline before launch is a typo, or a sign that go-live slipped and the "
        "objectives did not follow.",
        "timeline:\n  go_live: 2026-09-01\nobjectives:\n  - id: OBJ-1\n    deadline: 2026-06-30",
        "Move the deadline after go-live, or better: `deadline: \"6 months after go-live\"`, which follows the "
        "launch date when it moves.",
    ),
)
def objective_deadline_before_go_live(spec, emit):
    go_live = spec.timeline.go_live if spec.timeline else None
    if go_live is None:
        return
    today = spec.project.date if spec.project else None
    for objective in spec.objectives:
        deadline = objective.deadline
        if deadline is None or getattr(deadline, "kind", None) != "absolute":
            continue
        when = getattr(deadline, "date", None)
        if when is None:
            continue
        if today is not None and when < today:
            continue  # already in the past: S006 reports it, one finding for one cause
        if when < go_live:
            emit(objective.where("deadline"), object=objective.id or None, id=label(objective),
                 date=when.isoformat(), go_live=go_live.isoformat())


@rules.rule(
    "L004", "phases-do-not-fit", "warning",
    message={"fr": "Les phases durent au moins {need} semaines, mais {gap} : décalez la mise en production ou raccourcissez les phases",
             "en": "The phases take at least {need} weeks, but {gap}: move go-live or shorten the phases"},
    doc=_doc(
        "Quand la spec a une date (`project.date`) et une date de mise en production (`timeline.go_live`), "
        "la somme des durées minimales des phases (« 4-6 semaines » compte pour 4 ; une phase datée compte "
        "pour l'écart entre son début et sa fin) tient entre les deux. Les phases sont lues comme "
        "successives. Ne comptent pas : les phases qui commencent à la mise en production ou après, celles "
        "dont l'id ou le nom dit qu'elles suivent le lancement (hypercare, post-démarrage, « après la mise "
        "en production », VSR, TMA, maintenance, amélioration continue), et les phases listées après "
        "la phase de mise en production (« Mise en production », « Bascule », « Go-live », « cut-over »). "
        "La règle ne dit rien tant qu'aucune phase n'a de durée lisible.",
        "Un planning qui ne tient pas dès le cahier des charges se tiendra encore moins en cours de projet : "
        "l'éditeur compressera la recette ou la formation, et ce sont elles qui font l'adoption. Mieux vaut "
        "annoncer une date réaliste aux équipes dès le départ.",
        "project:\n  date: 2026-06-01\ntimeline:\n  go_live: 2026-08-03\n  phases:\n"
        "    - {id: parametrage, duration: \"8-10 semaines\"}\n    - {id: recette, duration: \"3 semaines\"}",
        "Décaler `go_live` (ici au moins 11 semaines après le 1er juin), ou revoir le découpage : phases "
        "menées en parallèle, périmètre de la première phase réduit.",
        "When the spec has a date (`project.date`) and a go-live date (`timeline.go_live`), the phases' summed "
        "minimum durations (\"4-6 weeks\" counts as 4; a dated phase counts as the span from its start to "
        "its end) fit between the two. Phases are read as running one after the other. Not counted: phases "
        "starting on or after go-live, phases whose id or name says they follow launch (hypercare, "
        "post-go-live, \"after go-live\", maintenance, continuous improvement), and phases listed after "
        "the go-live phase (\"Go-live\", \"Cut-over\", \"Mise en production\", \"Bascule\"). The rule says "
        "nothing while no phase has a readable duration.",
        "A timeline that does not fit in the specification will fit even less during the project: the vendor "
        "will squeeze acceptance testing or training, which are what drive adoption. Better announce a "
        "realistic date to the teams from the start.",
        "project:\n  date: 2026-06-01\ntimeline:\n  go_live: 2026-08-03\n  phases:\n"
        "    - {id: configuration, duration: \"8-10 weeks\"}\n    - {id: acceptance, duration: \"3 weeks\"}",
        "Move `go_live` (here at least 11 weeks after June 1st), or rework the plan: phases run in parallel, "
        "a smaller first phase.",
    ),
)
def phases_do_not_fit(spec, emit):
    timeline = spec.timeline
    start = spec.project.date if spec.project else None
    if timeline is None or timeline.go_live is None or start is None or not timeline.phases:
        return
    go_live = timeline.go_live
    need = 0
    counted = False
    for phase in timeline.phases:
        text = _phase_text(phase)
        if (phase.start and phase.start >= go_live) or _POST.search(text):
            break
        days = _min_days(phase)
        if days is not None:
            need += days
            counted = True
        if _GO_LIVE.search(text):
            break
    if not counted:
        return
    have = (go_live - start).days
    if need <= have:
        return
    if have > 0:
        gap = {"fr": f"{_weeks(have, 'fr')} semaines seulement séparent la date du document ({start.isoformat()}) "
                     f"de la mise en production ({go_live.isoformat()})",
               "en": f"only {_weeks(have, 'en')} weeks separate the document date ({start.isoformat()}) "
                     f"from go-live ({go_live.isoformat()})"}
    else:
        gap = {"fr": f"la mise en production ({go_live.isoformat()}) ne tombe pas après la date du document "
                     f"({start.isoformat()})",
               "en": f"go-live ({go_live.isoformat()}) does not fall after the document date ({start.isoformat()})"}
    emit(timeline.where("go_live"), object="timeline.go_live", need={"fr": _weeks(need, "fr"), "en": _weeks(need, "en")}, gap=gap)


@rules.rule(
    "L005", "no-go-live-date", "warning",
    message={"fr": "Aucune date de mise en production n'est indiquée (timeline.go_live) : donnez la date visée",
             "en": "No go-live date is given (timeline.go_live): state the target date"},
    fix={"fr": "Ajoutez par exemple {go_live}", "en": "Add e.g. {go_live}"},
    doc=_doc(
        "La spec donne la date de mise en production visée (`timeline.go_live`, date ISO). La règle se "
        "déclenche une fois, sur la section `timeline` ou, si elle manque, en tête du fichier d'entrée.",
        "La date de lancement fixe le calendrier des éditeurs (disponibilité des consultants), ancre les "
        "échéances des objectifs exprimées « après la mise en production » et permet de vérifier que les "
        "phases tiennent (L004). Une date à ne pas manquer (salon, début de saison, clôture d'exercice) "
        "doit être dite dès la consultation.",
        "timeline:\n  phases:\n    - {id: cadrage, duration: \"3 semaines\"}",
        "Ajouter `go_live: 2027-01-04` sous `timeline`, même provisoire : le planning se recalera.",
        "The spec gives the target go-live date (`timeline.go_live`, an ISO date). The rule fires once, at "
        "the `timeline` section or, when it is missing, at the top of the entry file.",
        "The launch date sets the vendors' calendar (consultant availability), anchors objective deadlines "
        "written \"after go-live\", and lets crmreq check the phases fit (L004). A date that must not be "
        "missed (trade fair, season start, fiscal year end) must be said at consultation time.",
        "timeline:\n  phases:\n    - {id: scoping, duration: \"3 weeks\"}",
        "Add `go_live: 2027-01-04` under `timeline`, even tentative: the plan will adjust.",
    ),
)
def no_go_live_date(spec, emit):
    timeline = spec.timeline
    if timeline is not None and timeline.go_live is not None:
        return
    if timeline is not None and timeline.has("go_live"):
        return  # present but not a date: E002 already says so
    at = spec.where("timeline")
    example = _dt.date(2027, 1, 4)
    hint = snippet(spec, at, "go_live", example) if timeline is not None else \
        snippet(spec, at, "timeline", {"go_live": example})
    emit(at, object="timeline.go_live", go_live=hint)
