"""T — traceability and adoption: features serve objectives, teams see their needs, demos prove the musts.

A CRM is adopted when each team recognises its daily work in it, and it pays off when each
feature serves a stated objective. These rules follow the threads objective → feature →
team → demo and report the loose ends.

Features prioritised `wont` ("won't this time", out of scope) are left out of T001, T002,
T004 and T006: they are recorded for later, not requirements of this project.
"""

from __future__ import annotations

import re

from ..authoring import RuleSet, make_doc as _doc
from ..lexicons import lexicon
from ..values import fold
from .hints import snippets

rules = RuleSet("traceability")
crmreq_register_rules = rules.hook


def _in_scope(spec):
    return [f for f in spec.features if f.priority != "wont"]


def _pattern(terms) -> re.Pattern:
    words = sorted({" ".join(fold(t).split()) for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9])")


_COMPLIANCE = lexicon("compliance")
_RGPD_WORDS = _pattern(_COMPLIANCE["rgpd"])
_NFR_WORDS = {category: _pattern(terms) for category, terms in _COMPLIANCE["nfr"].items()}
_SECURITY = {"security", "access_control", "audit"}


def _feature_text(feature) -> str:
    return " ".join(fold(t) for t in (feature.title, feature.scenario, feature.acceptance) if isinstance(t, str))


def _id_pattern(ids) -> re.Pattern | None:
    """Any of `ids` cited as a whole id in a folded text; None when there are none."""
    folded = sorted({fold(i) for i in ids if i}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, folded)) + r")(?![\w-])")


def serves_compliance(spec, feature, nfr_ids: re.Pattern | None = None) -> bool:
    """The feature answers the rgpd section (its text names a right, consent, retention…) or an NFR
    of the spec (its text cites the NFR's id; or, in module `admin`, names the topic of one of the
    spec's NFR categories): traced to them rather than to an objective. `nfr_ids` is
    `_id_pattern` of the spec's NFR ids, built once by a caller that asks for many features."""
    text = _feature_text(feature)
    if not text:
        return False
    if spec.rgpd is not None and _RGPD_WORDS.search(text):
        return True
    if nfr_ids is None:
        nfr_ids = _id_pattern(n.id for n in spec.nfr)
    if nfr_ids is not None and nfr_ids.search(text):
        return True
    if (feature.module or "").strip().lower() != "admin":
        return False
    categories = {n.category for n in spec.nfr if n.category}
    if categories & _SECURITY:
        categories |= _SECURITY
    return any(_NFR_WORDS[c].search(text) for c in categories if c in _NFR_WORDS)


@rules.rule(
    "T001", "feature-without-objective", "warning",
    message={"fr": "La fonctionnalité {id} ne sert aucun objectif (objectives) : rattachez-la à l'objectif "
                   "qu'elle fait avancer, ou demandez-vous si elle est utile",
             "en": "Feature {id} serves no objective (objectives): link it to the objective it moves forward, "
                   "or ask whether it is needed"},
    fix={"fr": "Ajoutez {objectives}", "en": "Add {objectives}"},
    doc=_doc(
        "Quand la spec a des objectifs, chaque fonctionnalité (hors `wont`) cite dans `objectives` l'id d'au "
        "moins un objectif qu'elle sert. Sans objectifs dans la spec, la règle se tait (S008 le signale).\n\n"
        "Une fonctionnalité qui répond à une obligation plutôt qu'à un objectif est rattachée à cette "
        "obligation et n'est pas signalée : elle sert la section `rgpd` quand son texte nomme un droit des "
        "personnes, le consentement, la purge ou la durée de conservation (« registre des consentements », "
        "« effacement », « RGPD »…), ou une exigence non fonctionnelle quand il cite son id (`NFR-SEC`) ou, "
        "pour le module `admin`, le sujet d'une catégorie d'exigences de la spec (droits d'accès, "
        "authentification, journal d'audit, sauvegarde, réversibilité).",
        "Une fonctionnalité qui ne sert aucun objectif coûte du paramétrage, de la formation et de la "
        "maintenance sans rien rapporter de mesurable ; c'est aussi la première à couper quand le budget serre. "
        "La traçabilité objectif → fonctionnalité permet d'arbitrer sur des faits.",
        "objectives:\n  - id: OBJ-DEVIS\n    ...\nfeatures:\n  - id: F-ANNIV\n    title: Rappel des anniversaires "
        "clients\n    priority: confort",
        "Ajouter `objectives: [OBJ-FIDELISATION]` si la fonction sert cet objectif ; sinon, la passer en "
        "`wont` ou la retirer.",
        "When the spec has objectives, every feature (except `wont` ones) lists in `objectives` the id of at "
        "least one objective it serves. Without objectives in the spec the rule stays silent (S008 reports it).\n\n"
        "A feature that answers an obligation rather than an objective is traced to that obligation and not "
        "reported: it serves the `rgpd` section when its text names a data subject's right, consent, purge or "
        "retention (\"consent register\", \"erasure\", \"GDPR\"…), or a non-functional requirement when it "
        "cites its id (`NFR-SEC`) or, for module `admin`, names the topic of one of the spec's NFR categories "
        "(access rights, authentication, audit trail, backup, reversibility).",
        "A feature serving no objective costs configuration, training and maintenance and returns nothing "
        "measurable; it is also the first to cut when the budget tightens. Objective → feature traceability lets "
        "you decide on facts.",
        "objectives:\n  - id: OBJ-QUOTES\n    ...\nfeatures:\n  - id: F-BDAY\n    title: Customer birthday "
        "reminders\n    priority: could",
        "Add `objectives: [OBJ-LOYALTY]` if the feature serves it; otherwise make it `wont` or remove it.",
    ),
)
def feature_without_objective(spec, emit):
    if not spec.objectives:
        return  # S008
    nfr_ids = _id_pattern(n.id for n in spec.nfr)
    for feature in _in_scope(spec):
        if feature.objectives or serves_compliance(spec, feature, nfr_ids):
            continue
        at = feature.where("objectives")
        emit(at, object=feature.id or None, id=feature.id or "?",
             objectives=snippets(spec, at, "objectives", ["<id de l'objectif>"], ["<objective id>"]))


@rules.rule(
    "T002", "objective-without-feature", "warning",
    message={"fr": "L'objectif {id} n'est servi par aucune fonctionnalité : quelles fonctions du CRM le feront "
                   "avancer ? Citez-le dans leur champ objectives",
             "en": "Objective {id} is served by no feature: which CRM features will move it forward? List it in "
                   "their objectives field"},
    doc=_doc(
        "Quand la spec a des fonctionnalités, chaque objectif est cité dans le champ `objectives` d'au moins une "
        "fonctionnalité dans le périmètre (hors `wont`). Sans fonctionnalités, la règle se tait (P004 le "
        "signale).",
        "Un objectif qu'aucune fonctionnalité ne sert ne sera pas atteint par le CRM : soit il manque un besoin "
        "dans la spec, soit l'objectif relève d'autre chose (organisation, recrutement) et n'a pas sa place dans "
        "le cahier des charges. Les éditeurs ne peuvent pas montrer comment leur outil y contribue.",
        "objectives:\n  - id: OBJ-SAV\n    title: Répondre aux demandes SAV sous 24 h\nfeatures:\n"
        "  - id: F-DEVIS\n    objectives: [OBJ-DEVIS]",
        "Ajouter la fonctionnalité qui sert l'objectif (ici, la gestion des tickets SAV avec "
        "`objectives: [OBJ-SAV]`), ou citer l'objectif dans une fonctionnalité existante.",
        "When the spec has features, every objective is listed in the `objectives` field of at least one feature "
        "in scope (not `wont`). Without features the rule stays silent (P004 reports it).",
        "An objective no feature serves will not be reached through the CRM: either a need is missing from the "
        "spec, or the objective is about something else (organisation, hiring) and does not belong in the "
        "specification. Vendors cannot show how their tool contributes to it.",
        "objectives:\n  - id: OBJ-SUPPORT\n    title: Answer support requests within 24 h\nfeatures:\n"
        "  - id: F-QUOTE\n    objectives: [OBJ-QUOTES]",
        "Add the feature that serves the objective (here, support tickets with `objectives: [OBJ-SUPPORT]`), or "
        "list the objective in an existing feature.",
    ),
)
def objective_without_feature(spec, emit):
    if not spec.features:
        return  # P004
    served = {oid for feature in _in_scope(spec) for oid in feature.objectives}
    for objective in spec.objectives:
        if objective.id and objective.id not in served:
            emit(objective, object=objective.id, id=objective.id)


@rules.rule(
    "T003", "team-without-feature", "warning",
    message={"fr": "L'équipe {id} est dans le périmètre mais aucune fonctionnalité ne la cite (teams) : "
                   "écrivez ses besoins avec elle, sinon elle risque de ne pas adopter l'outil",
             "en": "Team {id} is in scope but no feature lists it (teams): write its needs down with it, or it "
                   "may never adopt the tool"},
    doc=_doc(
        "Chaque équipe déclarée dans `teams` est citée dans le champ `teams` d'au moins une fonctionnalité. "
        "La règle se tait quand la spec n'a pas de fonctionnalités (P004), ou quand aucune fonctionnalité ne "
        "cite d'équipe (T004 le signale alors pour chacune).",
        "Une équipe « dans le périmètre » dont aucun besoin n'est écrit recevra un outil pensé pour les autres : "
        "c'est la première cause de non-adoption d'un CRM. Les commerciaux terrain, le support ou l'ADV qui "
        "n'ont pas été interrogés retournent vite à leurs tableurs.",
        "teams:\n  - id: adv\n    name: Administration des ventes\nfeatures:\n  - id: F-DEVIS\n"
        "    teams: [commerciaux]",
        "Organiser un atelier avec l'équipe et écrire ses besoins (`teams: [adv]` sur les fonctionnalités "
        "concernées) ; si l'équipe n'utilisera pas le CRM, la retirer de `teams`.",
        "Every team declared under `teams` is listed in the `teams` field of at least one feature. The rule stays "
        "silent when the spec has no features (P004), or when no feature lists any team (T004 then reports each "
        "one).",
        "A team \"in scope\" whose needs nobody wrote down gets a tool designed for others: the first cause of "
        "CRM non-adoption. Field sales, support or sales administration who were never asked soon go back to "
        "their spreadsheets.",
        "teams:\n  - id: sales-admin\n    name: Sales administration\nfeatures:\n  - id: F-QUOTE\n"
        "    teams: [sales]",
        "Run a workshop with the team and write its needs down (`teams: [sales-admin]` on the features "
        "concerned); if the team will not use the CRM, remove it from `teams`.",
    ),
)
def team_without_feature(spec, emit):
    if not spec.features or not spec.teams:
        return
    named = {team for feature in spec.features for team in feature.teams}
    if not named:
        return  # T004 reports every feature
    for team in spec.teams:
        if team.id and team.id not in named:
            emit(team, object=team.id, id=team.id)


@rules.rule(
    "T004", "feature-without-team", "warning",
    message={"fr": "{subject} : aucune équipe utilisatrice (teams) ; {advice}",
             "en": "{subject}: no user team (teams); {advice}"},
    doc=_doc(
        "Chaque fonctionnalité (hors `wont`) cite dans `teams` l'id d'au moins une équipe qui s'en servira. "
        "Quand la spec ne déclare aucune équipe et qu'aucune fonctionnalité n'en cite, une seule alerte est "
        "émise, sur la section `teams`, plutôt qu'une par fonctionnalité.",
        "Une fonctionnalité sans utilisateur nommé n'a personne pour la décrire en atelier, la recetter ni la "
        "défendre quand il faut arbitrer ; l'éditeur ne sait pas pour qui la paramétrer (droits, écrans, "
        "mobilité).",
        "features:\n  - id: F-TOURNEE\n    title: Préparation des tournées\n    priority: important",
        "Ajouter `teams: [commerciaux-terrain]` (ids déclarés dans `teams`).",
        "Every feature (except `wont` ones) lists in `teams` the id of at least one team that will use it. When "
        "the spec declares no team and no feature names one, a single finding is reported, on the `teams` "
        "section, rather than one per feature.",
        "A feature with no named user has nobody to describe it in workshops, test it at acceptance or defend it "
        "when trade-offs are made; the vendor does not know whom to configure it for (permissions, screens, "
        "mobile).",
        "features:\n  - id: F-ROUTES\n    title: Visit route planning\n    priority: should",
        "Add `teams: [field-sales]` (ids declared under `teams`).",
    ),
)
def feature_without_team(spec, emit):
    features = _in_scope(spec)
    missing = [f for f in features if not f.teams]
    if not missing:
        return
    if not spec.teams and len(missing) == len(features):
        emit(spec.where("teams"), object="teams",
             subject={"fr": "Fonctionnalités", "en": "Features"},
             advice={"fr": "la spec ne déclare aucune équipe : décrivez les équipes concernées dans teams, puis "
                           "citez-les dans chaque fonctionnalité",
                     "en": "the spec declares no team: describe the teams concerned under teams, then list them "
                           "in each feature"})
        return
    for feature in missing:
        emit(feature.where("teams"), object=feature.id or None,
             subject={"fr": f"Fonctionnalité {feature.id or '?'}", "en": f"Feature {feature.id or '?'}"},
             advice={"fr": "dites quelles équipes s'en serviront au quotidien",
                     "en": "say which teams will use it day to day"})


@rules.rule(
    "T005", "must-have-without-demo", "info",
    message={"fr": "La fonctionnalité indispensable {id} n'est montrée dans aucun scénario de démonstration : "
                   "ajoutez-la à une démo pour la voir fonctionner avant de choisir",
             "en": "Must-have feature {id} is shown by no demo scenario: add it to a demo to see it working "
                   "before you choose"},
    doc=_doc(
        "Quand la consultation prévoit des démonstrations (`consultation.demos`), chaque fonctionnalité "
        "indispensable figure dans le champ `features` d'au moins une démo. Sans démos, la règle se tait "
        "(V004 le signale).",
        "Sur une matrice de conformité, les éditeurs répondent « standard » à presque tout ; seule une "
        "démonstration scénarisée, sur vos cas d'usage et vos données, montre ce que l'outil fait vraiment. "
        "Les fonctions indispensables sont celles qu'il faut voir.",
        "features:\n  - id: F-DEVIS\n    priority: indispensable\nconsultation:\n  demos:\n"
        "    - id: DEMO-1\n      features: [F-FICHE]",
        "Ajouter `F-DEVIS` aux `features` d'une démo existante, ou écrire une démo qui le montre.",
        "When the consultation plans demos (`consultation.demos`), every must-have feature appears in the "
        "`features` field of at least one demo. Without demos the rule stays silent (V004 reports it).",
        "On a compliance matrix vendors answer \"out of the box\" to almost everything; only a scripted demo, on "
        "your use cases and data, shows what the tool really does. Must-haves are the features to see.",
        "features:\n  - id: F-QUOTE\n    priority: must\nconsultation:\n  demos:\n"
        "    - id: DEMO-1\n      features: [F-RECORD]",
        "Add `F-QUOTE` to the `features` of an existing demo, or write a demo that shows it.",
    ),
)
def must_have_without_demo(spec, emit):
    demos = spec.consultation.demos if spec.consultation else ()
    if not demos:
        return  # V004
    shown = {fid for demo in demos for fid in demo.features}
    for feature in spec.features:
        if feature.priority == "must" and feature.id and feature.id not in shown:
            emit(feature, object=feature.id, id=feature.id)


@rules.rule(
    "T006", "feature-without-scenario", "warning",
    message={"fr": "La fonctionnalité {id} n'a pas de scénario (scenario) : décrivez la situation d'usage dans "
                   "les mots de l'utilisateur (qui, quand, pour obtenir quoi)",
             "en": "Feature {id} has no scenario: describe the use case in the user's words (who, when, to get "
                   "what)"},
    doc=_doc(
        "Chaque fonctionnalité (hors `wont`) a un champ `scenario` non vide.",
        "Un titre (« gestion des devis ») ne dit rien de ce que l'utilisateur doit pouvoir faire ; chaque éditeur "
        "y répondra « standard ». Le scénario (« le commercial, en rendez-vous, crée un devis depuis la fiche "
        "client et l'envoie signé électroniquement ») permet de chiffrer, de démontrer et de recetter.",
        "features:\n  - id: F-DEVIS\n    title: Gestion des devis\n    priority: indispensable",
        "Ajouter `scenario: \"En rendez-vous, le commercial crée un devis depuis la fiche client, applique la "
        "remise de sa délégation et l'envoie au client en PDF à la charte\"`.",
        "Every feature (except `wont` ones) has a non-empty `scenario`.",
        "A title (\"quote management\") says nothing about what the user must be able to do; every vendor will "
        "answer \"out of the box\". The scenario (\"in a meeting, the sales rep creates a quote from the account "
        "and sends it for e-signature\") lets vendors price it, demo it and you test it.",
        "features:\n  - id: F-QUOTE\n    title: Quote management\n    priority: must",
        "Add `scenario: \"During a meeting, the sales rep creates a quote from the account, applies a discount "
        "within their authority and sends the branded PDF to the customer\"`.",
    ),
)
def feature_without_scenario(spec, emit):
    for feature in _in_scope(spec):
        scenario = feature.scenario
        if isinstance(scenario, str) and scenario.strip():
            continue
        if scenario is None and feature.has("scenario"):
            continue  # written but rejected by the schema (wrong type, null): E002 says so
        emit(feature.where("scenario"), object=feature.id or None, id=feature.id or "?")
