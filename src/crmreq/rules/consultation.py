"""V — vendor consultation: how offers are compared, and how vendors prove what they claim.

A consultation without announced criteria is decided on the demo's charm or on the lowest
quote; vendors asked to fill a matrix score themselves 4 out of 5 everywhere. Weighted
criteria, a bounded price weight and scripted demo scenarios tied to the features are what
make offers comparable.
"""

from __future__ import annotations

import re

from ..findings import RuleOption
from ..values import fold
from ..authoring import RuleSet, label, make_doc as _doc
from ..lexicons import lexicon
from .hints import snippets

rules = RuleSet("consultation")
crmreq_register_rules = rules.hook

_NON_WORD = re.compile(r"[^0-9a-z]+")

# Words that make a criterion a price criterion, matched as whole words in its id or name,
# whatever the accents, case and punctuation ("C-PRIX", "Coût total (TCO 3 ans)", "price_weight").
PRICE_TERMS = tuple(lexicon("price-terms")["terms"])

def _words(text: str) -> str:
    return " " + _NON_WORD.sub(" ", fold(text)).strip() + " "


_PRICE = re.compile("|".join(r"(?<= )" + re.escape(t) + r"(?= )" for t in sorted(PRICE_TERMS, key=len, reverse=True)))


def is_price_criterion(criterion) -> bool:
    return bool(_PRICE.search(_words(f"{criterion.id or ''} {criterion.name or ''}")))


def _number(value: float, lang: str, digits: int = 2) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "fr" else text


def _localised_number(value: float, digits: int = 2) -> dict:
    return {"fr": _number(value, "fr", digits), "en": _number(value, "en", digits)}


def _weighted(consultation):
    return [c for c in consultation.criteria
            if isinstance(c.weight, (int, float)) and not isinstance(c.weight, bool) and c.weight >= 0]


def _missing_at(spec, consultation, key):
    """Where a missing consultation key is reported: the key if written empty, else the section."""
    if consultation is not None and consultation.has(key):
        return consultation.where(key)
    return spec.where("consultation")


@rules.rule(
    "V001", "no-selection-criteria", "warning",
    message={"fr": "La consultation n'annonce aucun critère de choix (consultation.criteria) : dites comment les offres seront comparées, avec leur pondération",
             "en": "The consultation announces no selection criteria (consultation.criteria): say how offers will be compared, with weights"},
    fix={"fr": "Par exemple : couverture fonctionnelle 40, coût total sur 3 ans 25, technique et sécurité 15, éditeur et intégrateur 10, méthode et accompagnement 10",
         "en": "For example: functional fit 40, 3-year total cost 25, technical and security 15, vendor and integrator 10, method and support 10"},
    doc=_doc(
        "La section `consultation` liste les critères de choix (`criteria`), chacun avec un poids. La règle "
        "se déclenche une fois, sur `consultation` ou, si la section manque, en tête du fichier d'entrée "
        "(avec V004 et V006 : chacune nomme une pièce distincte de la consultation).",
        "Des critères annoncés à l'avance obligent à comparer les offres sur ce qui compte, et les éditeurs "
        "à répondre sur ces points. Sans eux, le choix se fait sur la démonstration la plus séduisante ou "
        "le devis le plus bas. Pour un acheteur public, l'annonce et la pondération des critères sont une "
        "obligation (Code de la commande publique, art. R2152-7 et suivants).",
        "consultation:\n  deadline: 2026-10-15\n  documents: [Réponse à la matrice fonctionnelle, Devis détaillé]",
        "Ajouter `criteria:` : `- {id: C-FONC, name: Couverture fonctionnelle, weight: 40}`, "
        "`- {id: C-COUT, name: Coût total sur 3 ans, weight: 25}`… pour un total de 100.",
        "The `consultation` section lists the selection criteria (`criteria`), each with a weight. The rule "
        "fires once, at `consultation` or, when the section is missing, at the top of the entry file "
        "(together with V004 and V006: each names a distinct part of the consultation).",
        "Criteria announced up front force offers to be compared on what matters, and vendors to answer on "
        "those points. Without them the choice goes to the most charming demo or the lowest quote. Public "
        "buyers in France must announce and weight their criteria (Code de la commande publique, "
        "art. R2152-7 ff.).",
        "consultation:\n  deadline: 2026-10-15\n  documents: [Functional matrix answers, Detailed quote]",
        "Add `criteria:`: `- {id: C-FIT, name: Functional fit, weight: 40}`, `- {id: C-COST, name: 3-year "
        "total cost, weight: 25}`… adding up to 100.",
    ),
)
def no_selection_criteria(spec, emit):
    consultation = spec.consultation
    if consultation is not None and consultation.criteria:
        return
    emit(_missing_at(spec, consultation, "criteria"), object="consultation.criteria")


@rules.rule(
    "V002", "criteria-weights-not-100", "error",
    message={"fr": "Les poids des critères de choix totalisent {total} au lieu de 100{unweighted} : corrigez la pondération",
             "en": "The selection criteria weights add up to {total} instead of 100{unweighted}: fix the weighting"},
    doc=_doc(
        "Quand les critères de choix ont des poids (`criteria[].weight`), ils totalisent 100 (à 0,01 près). "
        "Des poids écrits en fractions qui totalisent 1 (0,4 + 0,35 + 0,25) sont acceptés aussi. Les "
        "critères sans poids ne comptent pas dans le total ; le message nomme ceux qui ne sont pas "
        "éliminatoires, car un critère ni pondéré ni éliminatoire ne pèse rien dans le choix.",
        "Une grille qui ne totalise pas 100 se lit de deux façons : chaque éditeur recalcule à sa manière "
        "la part réelle du prix ou de la couverture fonctionnelle, et la note finale devient contestable "
        "(pour un acheteur public, motif de recours).",
        "consultation:\n  criteria:\n    - {id: C-FONC, weight: 50}\n    - {id: C-COUT, weight: 30}\n"
        "    - {id: C-EDITEUR, weight: 10}",
        "Ajuster les poids pour totaliser 100, par exemple `C-EDITEUR` à 20.",
        "When the selection criteria have weights (`criteria[].weight`), they add up to 100 (within 0.01). "
        "Weights written as fractions adding up to 1 (0.4 + 0.35 + 0.25) are accepted too. Criteria "
        "without a weight are left out of the total; the message names those that are not eliminatory, "
        "since a criterion neither weighted nor eliminatory weighs nothing in the choice.",
        "A grid that does not add up to 100 can be read two ways: each vendor recomputes the real share of "
        "price or functional fit their own way, and the final score becomes disputable (for a public buyer, "
        "grounds for appeal).",
        "consultation:\n  criteria:\n    - {id: C-FIT, weight: 50}\n    - {id: C-COST, weight: 30}\n"
        "    - {id: C-VENDOR, weight: 10}",
        "Adjust the weights to add up to 100, for example `C-VENDOR` at 20.",
    ),
)
def criteria_weights_not_100(spec, emit):
    consultation = spec.consultation
    if consultation is None:
        return
    weighted = _weighted(consultation)
    if not weighted:
        return
    total = sum(c.weight for c in weighted)
    if abs(total - 100) <= 0.01:
        return
    if all(c.weight <= 1 for c in weighted) and abs(total - 1) <= 0.0001:
        return
    loose = [label(c) for c in consultation.criteria
             if c.weight is None and not c.eliminatory and not c.has("weight")]
    unweighted = ""
    if loose:
        names = ", ".join(loose)
        unweighted = {"fr": f" (sans poids : {names})", "en": f" (no weight: {names})"}
    emit(consultation.where("criteria"), object="consultation.criteria", total=_localised_number(total),
         unweighted=unweighted)


def _price_weight_max(emit) -> float:
    value = emit.option("price-weight-max")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return 50.0
    return value * 100 if value <= 1 else float(value)


@rules.rule(
    "V003", "price-weight-too-high", "warning",
    message={"fr": "Le prix ({ids}) pèse {share} % de la note finale, au-delà de {max} % : c'est le piège du devis le moins cher, qui fait choisir la solution la moins adaptée",
             "en": "Price ({ids}) weighs {share} % of the final score, above {max} %: the cheapest-quote trap, which picks the least suitable solution"},
    fix={"fr": "Ramenez le critère prix (de préférence le coût total sur 3 ans) entre 25 et 30 % et renforcez la couverture fonctionnelle",
         "en": "Bring the price criterion (ideally the 3-year total cost) down to 25-30 % and weigh functional fit more"},
    options=(
        RuleOption("price-weight-max", 50,
                   help={"fr": "Part maximale (en %) du prix dans la note finale ; 50 par défaut (0,5 est lu comme 50 %).",
                         "en": "Largest share (in %) of price in the final score; 50 by default (0.5 reads as 50 %)."},
                   kind=(int, float)),
    ),
    doc=_doc(
        "Les critères de prix pèsent au plus `price-weight-max` % (50 par défaut) du total des poids. Un "
        "critère est un critère de prix si son id ou son nom contient, sans tenir compte des accents ni de "
        "la casse : prix, price, pricing, coût, cost, tarif, tarification, budget, TCO, total cost of "
        "ownership, coût total de possession, coût global, offre financière, proposition financière, critère "
        "financier, financial offer, montant (mais pas « financier » seul : la solidité financière de "
        "l'éditeur n'est pas un prix). Plusieurs critères de prix s'additionnent ; l'alerte porte sur le premier.\n\n"
        "Option : `price-weight-max` (nombre, 50 par défaut ; une valeur ≤ 1 est lue comme une fraction).",
        "Un logiciel CRM coûte surtout par ce qu'il fait mal : ressaisies, contournements, abandon par les "
        "commerciaux. Quand le prix l'emporte, l'offre la moins chère gagne, souvent en sous-estimant le "
        "paramétrage ou la reprise, qui reviennent ensuite en avenants. Les grilles de PME placent le coût "
        "total (sur 3 ans, licences et prestations comprises) autour de 25 à 30 %.",
        "consultation:\n  criteria:\n    - {id: C-PRIX, name: Prix, weight: 60}\n"
        "    - {id: C-FONC, name: Couverture fonctionnelle, weight: 40}",
        "Remplacer « Prix » par « Coût total sur 3 ans » pondéré 25 à 30, et donner le reste à la couverture "
        "fonctionnelle, à la technique et à l'accompagnement.",
        "Price criteria weigh at most `price-weight-max` % (50 by default) of the total weight. A criterion is "
        "a price criterion when its id or name holds, whatever the accents and case: prix, price, pricing, "
        "coût, cost, tarif, budget, TCO, total cost of ownership, coût total de possession, offre financière, "
        "critère financier, financial offer, financial proposal, montant (but not \"financial\" alone: the "
        "vendor's financial strength is not a price). Several price criteria add up; the finding points at the first.\n\n"
        "Option: `price-weight-max` (number, default 50; a value ≤ 1 reads as a fraction).",
        "A CRM costs most through what it does badly: double entry, workarounds, sales reps giving up on it. "
        "When price dominates, the cheapest offer wins, often by under-estimating configuration or migration, "
        "which come back later as change requests. SME grids put the total cost (3 years, licences and "
        "services) around 25-30 %.",
        "consultation:\n  criteria:\n    - {id: C-PRICE, name: Price, weight: 60}\n"
        "    - {id: C-FIT, name: Functional fit, weight: 40}",
        "Replace \"Price\" with \"3-year total cost\" weighted 25-30, and give the rest to functional fit, "
        "technical fit and support.",
    ),
)
def price_weight_too_high(spec, emit):
    consultation = spec.consultation
    if consultation is None:
        return
    weighted = _weighted(consultation)
    total = sum(c.weight for c in weighted)
    if total <= 0:
        return
    price = [c for c in weighted if is_price_criterion(c)]
    if not price:
        return
    share = sum(c.weight for c in price) * 100 / total
    limit = _price_weight_max(emit)
    if share <= limit + 1e-9:
        return
    first = price[0]
    emit(first.where("weight"), object=first.id or None, ids=", ".join(label(c) for c in price),
         share=_localised_number(share, 1), max=_localised_number(limit, 1))


@rules.rule(
    "V004", "no-demo-scenarios", "warning",
    message={"fr": "La consultation ne prévoit aucune démonstration scénarisée (consultation.demos) : écrivez les scénarios que les éditeurs devront dérouler",
             "en": "The consultation plans no scripted demos (consultation.demos): write the scenarios vendors will have to run"},
    doc=_doc(
        "La section `consultation` contient au moins un scénario de démonstration (`demos`), avec ses étapes "
        "et les fonctionnalités qu'il prouve. La règle se déclenche une fois, sur `consultation` ou, si la "
        "section manque, en tête du fichier d'entrée.",
        "Dans une matrice de réponse, les éditeurs s'attribuent « standard » presque partout ; seule une "
        "démonstration sur un scénario imposé, avec les données et le vocabulaire de l'entreprise, montre "
        "ce que l'outil fait vraiment et combien de clics il faut. Sans scénario, chaque éditeur montre ce "
        "qu'il fait de mieux, et les démonstrations ne se comparent pas.",
        "consultation:\n  criteria: [...]\n  deadline: 2026-10-15",
        "Ajouter `demos:` : `- {id: DEMO-DEVIS, title: Du premier appel au devis signé, steps: [...], "
        "features: [F-OPPORTUNITES, F-DEVIS]}`.",
        "The `consultation` section holds at least one demo scenario (`demos`), with its steps and the "
        "features it proves. The rule fires once, at `consultation` or, when the section is missing, at the "
        "top of the entry file.",
        "In a response matrix vendors mark nearly everything \"out of the box\"; only a demo on an imposed "
        "scenario, with the company's data and words, shows what the tool really does and how many clicks it "
        "takes. Without scenarios each vendor shows its best side and demos cannot be compared.",
        "consultation:\n  criteria: [...]\n  deadline: 2026-10-15",
        "Add `demos:`: `- {id: DEMO-QUOTE, title: From first call to signed quote, steps: [...], "
        "features: [F-OPPORTUNITIES, F-QUOTES]}`.",
    ),
)
def no_demo_scenarios(spec, emit):
    consultation = spec.consultation
    if consultation is not None and consultation.demos:
        return
    emit(_missing_at(spec, consultation, "demos"), object="consultation.demos")


@rules.rule(
    "V005", "demo-without-features", "warning",
    message={"fr": "Le scénario de démonstration {id} ne renvoie à aucune fonctionnalité (features) : indiquez lesquelles il doit prouver",
             "en": "Demo scenario {id} references no feature (features): say which ones it must prove"},
    fix={"fr": "Ajoutez par exemple {features}", "en": "Add e.g. {features}"},
    doc=_doc(
        "Chaque scénario de démonstration (`consultation.demos`) cite les fonctionnalités qu'il démontre "
        "(`features`, ids de la section `features`).",
        "Le lien entre démonstration et fonctionnalités permet de noter la démonstration ligne à ligne dans "
        "la matrice, et de vérifier que chaque fonctionnalité indispensable est montrée au moins une fois "
        "(règle T005). Un scénario sans lien se note à l'impression générale.",
        "consultation:\n  demos:\n    - id: DEMO-1\n      title: Traiter une demande entrante",
        "Ajouter `features: [F-LEADS, F-AFFECTATION]` au scénario.",
        "Every demo scenario (`consultation.demos`) names the features it demonstrates (`features`, ids from "
        "the `features` section).",
        "Linking demos to features lets the demo be scored line by line in the matrix, and checks that every "
        "must-have feature is shown at least once (rule T005). A scenario with no link is scored on overall "
        "impression.",
        "consultation:\n  demos:\n    - id: DEMO-1\n      title: Handle an inbound request",
        "Add `features: [F-LEADS, F-ASSIGNMENT]` to the scenario.",
    ),
)
def demo_without_features(spec, emit):
    if spec.consultation is None:
        return
    for demo in spec.consultation.demos:
        if demo.features:
            continue
        at = demo.where("features") if demo.has("features") else demo
        emit(at, object=demo.id or None, id=label(demo),
             features=snippets(spec, at, "features", ["F-DEVIS", "F-RELANCES"], ["F-QUOTES", "F-REMINDERS"]))


_DEADLINE = {"fr": "ne précise pas de date limite de remise des offres (deadline)", "en": "no offer deadline (deadline)"}
_DOCUMENTS = {"fr": "ne précise pas la liste des documents attendus dans chaque offre (documents)",
              "en": "no list of the documents each offer must contain (documents)"}
_BOTH = {"fr": "ne précise ni date limite de remise des offres (deadline) ni liste des documents attendus (documents)",
         "en": "neither an offer deadline (deadline) nor the documents each offer must contain (documents)"}


@rules.rule(
    "V006", "no-offer-deadline-or-documents", "warning",
    message={"fr": "La consultation {what} : les offres reçues ne seront pas comparables",
             "en": "The consultation gives {what}: the offers received will not be comparable"},
    doc=_doc(
        "La section `consultation` donne la date limite de remise des offres (`deadline`, date ISO) et la "
        "liste des documents attendus dans chaque offre (`documents` : réponse à la matrice, devis détaillé, "
        "planning, références, conditions de réversibilité…). Une alerte par élément manquant ; une seule "
        "quand toute la section manque.",
        "Sans date limite, les offres arrivent au fil de l'eau et les premiers éditeurs ont un avantage ; "
        "sans liste de documents, chacun répond à sa façon (une plaquette ici, un devis sans détail là) et "
        "rien ne se compare. La liste dit aussi ce que l'éditeur doit chiffrer : licences, paramétrage, "
        "reprise de données, formation, support.",
        "consultation:\n  criteria: [...]",
        "Ajouter `deadline: 2026-10-15` et `documents: [Réponse à la matrice fonctionnelle, Devis détaillé "
        "par poste, Planning de mise en œuvre, Trois références clients comparables]`.",
        "The `consultation` section gives the offer deadline (`deadline`, ISO date) and the documents each "
        "offer must contain (`documents`: matrix answers, detailed quote, plan, references, reversibility "
        "terms…). One finding per missing item; a single one when the whole section is missing.",
        "Without a deadline offers trickle in and the first vendors have an edge; without a list of documents "
        "each vendor answers its own way (a brochure here, a quote with no breakdown there) and nothing "
        "compares. The list also says what vendors must price: licences, configuration, migration, "
        "training, support.",
        "consultation:\n  criteria: [...]",
        "Add `deadline: 2026-10-15` and `documents: [Functional matrix answers, Quote broken down by item, "
        "Implementation plan, Three comparable customer references]`.",
    ),
)
def no_offer_deadline_or_documents(spec, emit):
    consultation = spec.consultation
    if consultation is None:
        emit(spec.where("consultation"), object="consultation", what=_BOTH)
        return
    if consultation.deadline is None and not consultation.has("deadline"):
        emit(spec.where("consultation"), object="consultation.deadline", what=_DEADLINE)
    if not consultation.documents:
        if consultation.documents_unreadable:
            return  # not a list: E002 already says so
        emit(_missing_at(spec, consultation, "documents"), object="consultation.documents", what=_DOCUMENTS)


@rules.rule(
    "V007", "offer-deadline-out-of-range", "warning",
    message={"fr": "La date limite de remise des offres ({deadline}) tombe {problem} : {advice}",
             "en": "The offer deadline ({deadline}) falls {problem}: {advice}"},
    doc=_doc(
        "La date limite de remise des offres (`consultation.deadline`) tombe après la date du document "
        "(`project.date`) et avant la mise en production (`timeline.go_live`), quand ces dates sont données.",
        "Une date limite déjà passée, ou postérieure au lancement, est presque toujours une coquille ou une date "
        "d'une version précédente : la consultation, le choix, le paramétrage et la recette doivent tenir "
        "avant la mise en production. Vue dans un cahier des charges réel : remise des offres le 15 février "
        "2028 pour une mise en production en octobre 2027.",
        "project:\n  date: 2026-09-01\ntimeline:\n  go_live: 2027-10-01\nconsultation:\n  deadline: 2028-02-15",
        "Corriger la date : `deadline: 2026-10-15`, en laissant le temps du choix, du paramétrage et de la "
        "recette avant la mise en production (voir L004).",
        "The offer deadline (`consultation.deadline`) falls after the document date (`project.date`) and before "
        "go-live (`timeline.go_live`), when those dates are given.",
        "A deadline already past, or after launch, is almost always a typo or a date from an older version: "
        "the tender, the choice, configuration and acceptance testing must all fit before go-live. Seen in a "
        "real specification: offers due on 15 February 2028 for a go-live in October 2027.",
        "project:\n  date: 2026-09-01\ntimeline:\n  go_live: 2027-10-01\nconsultation:\n  deadline: 2028-02-15",
        "Fix the date: `deadline: 2026-10-15`, leaving time for the choice, configuration and acceptance "
        "testing before go-live (see L004).",
    ),
)
def offer_deadline_out_of_range(spec, emit):
    consultation = spec.consultation
    deadline = consultation.deadline if consultation is not None else None
    if deadline is None:
        return
    today = spec.project.date if spec.project else None
    go_live = spec.timeline.go_live if spec.timeline else None
    if today is not None and deadline < today:
        problem = {"fr": f"avant la date du document ({today.isoformat()})",
                   "en": f"before the document date ({today.isoformat()})"}
        advice = {"fr": "les éditeurs ne peuvent plus répondre, corrigez la date",
                  "en": "vendors can no longer answer, fix the date"}
    elif go_live is not None and deadline >= go_live:
        problem = {"fr": f"après la mise en production ({go_live.isoformat()})" if deadline > go_live else
                         f"le jour de la mise en production ({go_live.isoformat()})",
                   "en": f"after go-live ({go_live.isoformat()})" if deadline > go_live else
                         f"on the go-live day ({go_live.isoformat()})"}
        when = {"fr": "après sa mise en service" if deadline > go_live else "le jour même de sa mise en service",
                "en": "after it goes live" if deadline > go_live else "on the very day it goes live"}
        advice = {"fr": f"le CRM serait choisi {when['fr']} ; avancez la date, en laissant le temps du "
                        "paramétrage et de la recette",
                  "en": f"the CRM would be chosen {when['en']}; bring the date forward, leaving time for "
                        "configuration and acceptance testing"}
    else:
        return
    emit(consultation.where("deadline"), object="consultation.deadline", deadline=deadline.isoformat(),
         problem=problem, advice=advice)
