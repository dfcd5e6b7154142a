"""B — budget: the spec states a budget, broken down beyond the licences, with sane amounts.

Licences are often less than half of what a CRM costs over three years: configuration,
integration, data migration, training and support make up the rest. A budget that names
only the licences sets the project up for overruns and makes vendor quotes impossible to
compare.
"""

from __future__ import annotations

import re

from ..findings import RuleOption
from ..values import fold
from ..authoring import RuleSet, make_doc as _doc
from ..lexicons import lexicon
from .hints import HOLE, syntax_at, value_text

rules = RuleSet("budget")
crmreq_register_rules = rules.hook

DEFAULT_REQUIRED = ("licences", "setup", "integration", "migration", "training", "support")

_LEXICON = lexicon("budget-categories")
# folded name → category: "abonnement" → "licences", "reprise de donnees" → "migration"…
_ALIASES = {name: category for category, names in _LEXICON["categories"].items() for name in names}

# A line also counts for the categories its label names, in French or English (folded, word
# starts): `category: other` lines, and bundles such as "Paramétrage, reprise et formation".
_LABEL_WORDS = {category: re.compile(r"\b(" + "|".join(words) + ")")
                for category, words in _LEXICON["label-words"].items()}

_CATEGORY_NAMES = {
    "licences": ("licences ou abonnements", "licences or subscriptions"),
    "setup": ("paramétrage et mise en place", "setup and configuration"),
    "integration": ("intégration avec les autres logiciels (flux déclarés)", "integration with other systems (declared flows)"),
    "migration": ("reprise des données (sources déclarées)", "data migration (declared sources)"),
    "training": ("formation des utilisateurs", "user training"),
    "support": ("support et maintenance", "support and maintenance"),
    "other": ("autres frais", "other costs"),
}


def _category_key(name) -> str | None:
    if not isinstance(name, str):
        return None
    folded = " ".join(fold(name).replace("-", " ").replace("_", " ").split())
    if not folded:
        return None
    return _ALIASES.get(folded, folded.replace(" ", "_"))


def _categories(value) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple, set, frozenset)):
        value = DEFAULT_REQUIRED
    seen: list[str] = []
    for name in value:
        key = _category_key(name)
        if key and key not in seen:
            seen.append(key)
    return seen


def _covered(budget) -> set[str]:
    covered: set[str] = set()
    for line in budget.lines:
        category = _category_key(line.category)
        if category and category != "other":
            covered.add(category)
        if isinstance(line.label, str):
            label = fold(line.label)
            for name, pattern in _LABEL_WORDS.items():
                if pattern.search(label):
                    covered.add(name)
    return covered


def _no_budget(spec) -> bool:
    return spec.budget is None or not spec.budget.lines


@rules.rule(
    "B001", "missing-budget-category", "warning",
    message={"fr": "Le budget n'a pas de poste « {category} » ({name}) : {advice}",
             "en": "The budget has no \"{category}\" line ({name}): {advice}"},
    fix={"fr": "Ajoutez une ligne {line}", "en": "Add a line {line}"},
    options=(
        RuleOption(
            "required-budget", list(DEFAULT_REQUIRED),
            help={"fr": "Postes que le budget doit chiffrer (integration seulement si la spec a des flux, "
                        "migration seulement si elle a des sources de reprise).",
                  "en": "Cost categories the budget must show (integration only when the spec has flows, "
                        "migration only when it has migration sources)."},
            kind=(list, tuple, str),
        ),
    ),
    doc=_doc(
        "Le budget (`budget.lines`) contient au moins une ligne pour chaque poste de l'option `required-budget` : "
        "par défaut `licences`, `setup`, `integration`, `migration`, `training`, `support`. Le poste "
        "`integration` n'est exigé que si la spec déclare des flux (`flows`), le poste `migration` que si elle "
        "déclare des sources de reprise (`migration`). Une ligne compte aussi pour les postes que son libellé "
        "nomme (`category: other` « Formation des administrateurs », ou un forfait « Paramétrage, reprise et "
        "formation »). Une alerte par "
        "poste manquant, sur la section `budget` ; rien quand la spec n'a pas de budget du tout (B002).\n\n"
        "Option `required-budget` (liste, ou texte séparé par des virgules) : les postes exigés ; les noms "
        "français (« formation », « paramétrage », « reprise ») sont acceptés.",
        "Les licences ne représentent souvent qu'une partie du coût d'un CRM sur trois ans : paramétrage, "
        "connecteurs, reprise des données, formation et support font le reste. Un budget limité aux licences "
        "conduit au dépassement, et empêche de comparer des offres dont les unes incluent ces postes et les "
        "autres non.",
        "budget:\n  currency: EUR\n  lines:\n    - {category: licences, amount: 9600, recurrence: yearly}",
        "Ajouter une ligne par poste manquant, même approximative : "
        "`{category: training, label: \"Formation de 30 utilisateurs\", min: 3000, max: 6000}`. Si un poste est "
        "vraiment hors sujet, le retirer de l'option `required-budget`.",
        "The budget (`budget.lines`) has at least one line for each category of the `required-budget` option: "
        "by default `licences`, `setup`, `integration`, `migration`, `training`, `support`. `integration` is "
        "required only when the spec declares flows (`flows`), `migration` only when it declares migration "
        "sources (`migration`). A line also counts for the categories its label names "
        "(a `category: other` line \"Admin training\", or a bundle \"Setup, data migration and training\"). One finding per missing category, on the `budget` "
        "section; nothing when the spec has no budget at all (B002).\n\n"
        "Option `required-budget` (a list, or a comma-separated string): the required categories; French names "
        "(\"formation\", \"paramétrage\", \"reprise\") are accepted.",
        "Licences are often only part of what a CRM costs over three years: configuration, connectors, data "
        "migration, training and support make up the rest. A licence-only budget leads to overruns and makes it "
        "impossible to compare offers where some include these costs and others do not.",
        "budget:\n  currency: EUR\n  lines:\n    - {category: licences, amount: 9600, recurrence: yearly}",
        "Add one line per missing category, even a rough one: "
        "`{category: training, label: \"Training for 30 users\", min: 3000, max: 6000}`. If a category really "
        "does not apply, remove it from the `required-budget` option.",
    ),
)
def missing_budget_category(spec, emit):
    if _no_budget(spec):
        return  # B002
    covered = _covered(spec.budget)
    at = spec.where("budget")
    for category in _categories(emit.option("required-budget")):
        if category in covered:
            continue
        if category == "integration" and not spec.flows:
            continue
        if category == "migration" and not spec.migration:
            continue
        fr, en = _CATEGORY_NAMES.get(category, (category, category))
        if category == "integration":
            advice = {"fr": f"la spec déclare {len(spec.flows)} flux, chiffrez les connecteurs et leur maintenance",
                      "en": f"the spec declares {len(spec.flows)} flow(s), budget the connectors and their upkeep"}
        elif category == "migration":
            advice = {"fr": f"la spec déclare {len(spec.migration)} source(s) de reprise, chiffrez la reprise "
                            f"et le nettoyage des données",
                      "en": f"the spec declares {len(spec.migration)} migration source(s), budget the migration "
                            f"and the data cleaning"}
        else:
            advice = {"fr": "chiffrez-le, même sous forme de fourchette (min, max)",
                      "en": "put a figure on it, even as a range (min, max)"}
        line = value_text({"category": category, "label": HOLE, "min": HOLE, "max": HOLE}, syntax_at(spec, at))
        emit(at, object=f"budget:{category}", category=category, name={"fr": fr, "en": en}, advice=advice,
             line=line)


@rules.rule(
    "B002", "no-budget", "warning",
    message={"fr": "La spec ne contient pas de budget : donnez au moins une enveloppe par poste (licences, "
                   "paramétrage, formation, support…), même en fourchette",
             "en": "The spec has no budget: give at least an envelope per category (licences, setup, training, "
                   "support…), even as a range"},
    doc=_doc(
        "La spec contient une section `budget` avec au moins une ligne (`lines`).",
        "Sans budget annoncé, les éditeurs proposent des offres impossibles à comparer (l'un chiffre un "
        "déploiement complet, l'autre trois licences), et la direction découvre le coût réel après la "
        "signature. Une fourchette suffit : elle cadre les réponses sans fixer le prix.",
        "project:\n  name: Nouveau CRM\n# pas de section budget",
        "Ajouter `budget:` avec une ligne par poste : "
        "`lines: [{category: licences, min: 8000, max: 12000, recurrence: yearly}, ...]`.",
        "The spec has a `budget` section with at least one line (`lines`).",
        "Without a stated budget, vendors send offers that cannot be compared (one prices a full roll-out, "
        "another three licences), and management discovers the real cost after signing. A range is enough: it "
        "frames the answers without setting the price.",
        "project:\n  name: New CRM\n# no budget section",
        "Add `budget:` with one line per category: "
        "`lines: [{category: licences, min: 8000, max: 12000, recurrence: yearly}, ...]`.",
    ),
)
def no_budget(spec, emit):
    if _no_budget(spec):
        emit(spec.where("budget"), object="budget")


def _money(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


@rules.rule(
    "B003", "bad-budget-amount", "error",
    message={"fr": "Ligne de budget « {line} » : {problem}",
             "en": "Budget line \"{line}\": {problem}"},
    doc=_doc(
        "Dans chaque ligne de budget, aucun montant (`amount`, `min`, `max`) n'est négatif, et `min` ne dépasse "
        "pas `max`. Une alerte par ligne fautive, sur la ligne.",
        "Un minimum supérieur au maximum ou un montant négatif est presque toujours une inversion ou une faute "
        "de frappe ; repris dans le dossier de consultation, il fausse l'enveloppe annoncée aux éditeurs et "
        "les totaux de l'export.",
        "budget:\n  lines:\n    - {category: training, min: 6000, max: 3000}",
        "Corriger la ligne : `min: 3000, max: 6000`. Une remise s'écrit dans le libellé, pas en montant négatif.",
        "In each budget line, no amount (`amount`, `min`, `max`) is negative, and `min` does not exceed `max`. "
        "One finding per faulty line, on the line.",
        "A minimum above the maximum or a negative amount is almost always a swap or a typo; copied into the "
        "vendor pack, it distorts the envelope announced to vendors and the totals of the export.",
        "budget:\n  lines:\n    - {category: training, min: 6000, max: 3000}",
        "Fix the line: `min: 3000, max: 6000`. A discount goes in the label, not as a negative amount.",
    ),
)
def bad_budget_amount(spec, emit):
    if spec.budget is None:
        return
    for index, line in enumerate(spec.budget.lines, start=1):
        fr: list[str] = []
        en: list[str] = []
        negative = [name for name in ("amount", "min", "max")
                    if isinstance(getattr(line, name), (int, float)) and getattr(line, name) < 0]
        if negative:
            fields = ", ".join(negative)
            fr.append(f"montant négatif ({fields})")
            en.append(f"negative amount ({fields})")
        low, high = line.min, line.max
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            fr.append(f"le minimum ({_money(low)}) dépasse le maximum ({_money(high)})")
            en.append(f"the minimum ({_money(low)}) exceeds the maximum ({_money(high)})")
        if not fr:
            continue
        name = line.label or line.category or f"#{index}"
        emit(line, object=line_object(index), line=name, problem={"fr": " ; ".join(fr), "en": "; ".join(en)})


def line_object(index: int) -> str:
    """A budget line's stable `object` (lines have no id): its path, `budget.lines[0]` for the first."""
    return f"budget.lines[{index - 1}]"


@rules.rule(
    "B004", "budget-line-without-amount", "warning",
    message={"fr": "Ligne de budget « {line} » sans montant ni fourchette : donnez amount, ou min et max, "
                   "même approximatifs",
             "en": "Budget line \"{line}\" has neither an amount nor a range: give amount, or min and max, even "
                   "rough ones"},
    fix={"fr": "Ajoutez par exemple {range}", "en": "Add e.g. {range}"},
    doc=_doc(
        "Chaque ligne de budget (`budget.lines`) donne un montant (`amount`) ou une fourchette (`min`, `max` ; "
        "l'un des deux suffit pour un plancher ou un plafond). Une alerte par ligne sans aucun montant, sur la "
        "ligne.",
        "Une ligne sans montant annonce un poste sans rien en dire : l'enveloppe reste inconnue des éditeurs, "
        "et le dossier de consultation ne peut ni additionner les postes ni dire « non communiqué » à bon "
        "escient. C'est l'état d'un budget tout juste créé par `crmreq init` : chaque ligne attend son chiffre.",
        "budget:\n  lines:\n    - {category: training, label: Formation des utilisateurs, recurrence: one_off}",
        "Ajouter une fourchette, même large : `min: 3000, max: 6000`. Si le poste n'a vraiment pas de budget "
        "annoncé, le dire dans le libellé et ignorer l'alerte sur la ligne (`# crmreq: ignore[B004]`).",
        "Every budget line (`budget.lines`) gives an amount (`amount`) or a range (`min`, `max`; one of them is "
        "enough for a floor or a ceiling). One finding per line with no amount at all, on the line.",
        "A line without an amount names a cost and says nothing about it: vendors do not know the envelope, and "
        "the vendor pack can neither add the lines up nor say \"not disclosed\" on purpose. It is the state of a "
        "budget just created by `crmreq init`: every line waits for its figure.",
        "budget:\n  lines:\n    - {category: training, label: User training, recurrence: one_off}",
        "Add a range, even a wide one: `min: 3000, max: 6000`. If the cost really has no announced budget, say "
        "so in the label and ignore the finding on the line (`# crmreq: ignore[B004]`).",
    ),
)
def budget_line_without_amount(spec, emit):
    if spec.budget is None:
        return
    for index, line in enumerate(spec.budget.lines, start=1):
        fields = ("amount", "min", "max")
        if any(getattr(line, name) is not None for name in fields):
            continue
        if any(line.has(name) for name in fields):
            continue  # written but unusable: the schema (E002) reports it
        syntax = syntax_at(spec, line)
        example = value_text({"min": HOLE, "max": HOLE}, syntax)[1:-1]
        emit(line, object=line_object(index), line=line.label or line.category or f"#{index}", range=example)
