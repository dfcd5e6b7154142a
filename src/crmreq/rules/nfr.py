"""N — non-functional requirements: the categories a CRM contract cannot do without, each measurable.

A CRM chosen on features alone fails on what nobody wrote down: the record that takes eight
seconds to open, the weekend outage, the data the vendor will not hand back at the end of
the contract. These rules check that the spec says something about each of those topics,
and says it with a number a vendor can be held to.
"""

from __future__ import annotations

from ..findings import RuleOption
from ..values import fold, has_number
from ..authoring import RuleSet, make_doc as _doc
from ..lexicons import lexicon
from ..values.magnitudes import figures, magnitude, same_measure_units, same_size
from .hints import snippet, snippets

rules = RuleSet("nfr")
crmreq_register_rules = rules.hook

DEFAULT_REQUIRED = ("performance", "availability", "security", "backup", "reversibility", "hosting",
                    "scalability", "support")

# Categories whose fit criterion is a number (a time, a percentage, a volume): the ones N002 checks.
DEFAULT_MEASURABLE = ("performance", "availability", "backup", "scalability", "support")

# Names a user may write (options, an NFR's category), French or English, folded → the schema's category.
_ALIASES = {name: category for category, names in lexicon("nfr-categories")["categories"].items() for name in names}

# A required category is also satisfied by these narrower categories (ISO/IEC 25010 puts access
# control and audit trails under security).
_COVERED_BY = {
    "security": ("security", "access_control", "audit"),
}

_CATEGORY_NAMES = {
    "performance": ("les temps de réponse", "response times"),
    "availability": ("la disponibilité du service (SLA)", "service availability (SLA)"),
    "security": ("la sécurité (authentification, droits, chiffrement)",
                 "security (authentication, permissions, encryption)"),
    "access_control": ("les droits d'accès", "access control"),
    "audit": ("le journal d'audit", "the audit trail"),
    "backup": ("la sauvegarde et la restauration des données (RPO, RTO)", "backup and restore (RPO, RTO)"),
    "reversibility": ("la restitution des données en fin de contrat", "handing data back at the end of the contract"),
    "hosting": ("le lieu d'hébergement et les sous-traitants", "hosting location and sub-processors"),
    "scalability": ("les volumes et la montée en charge", "volumes and scalability"),
    "support": ("le support (horaires, langue, délais d'intervention)", "support (hours, language, response times)"),
    "usability": ("l'ergonomie", "usability"),
    "accessibility": ("l'accessibilité (RGAA)", "accessibility (WCAG)"),
    "localisation": ("la langue et les formats", "language and formats"),
    "mobility": ("l'usage en mobilité", "mobile use"),
    "interoperability": ("l'interopérabilité (API)", "interoperability (API)"),
}

_EXAMPLES = {
    "performance": ("95 % des ouvertures de fiche client en moins de 2 s avec 50 utilisateurs connectés",
                    "95 % of customer record opens under 2 s with 50 concurrent users"),
    "availability": ("disponibilité mensuelle ≥ 99,5 % hors maintenance annoncée 72 h à l'avance",
                     "monthly availability ≥ 99.5 % excluding maintenance announced 72 h ahead"),
    "security": ("authentification unique (SSO) avec l'annuaire de l'entreprise, double authentification pour les administrateurs",
                 "single sign-on with the company directory, MFA mandatory for administrators"),
    "backup": ("sauvegarde quotidienne conservée 30 jours, RPO ≤ 24 h, RTO ≤ 8 h",
               "daily backup kept 30 days, RPO ≤ 24 h, RTO ≤ 8 h"),
    "reversibility": ("export complet (données, pièces jointes, historique) en CSV sous 30 jours, sans frais",
                      "full export (data, attachments, history) as CSV within 30 days, at no charge"),
    "hosting": ("hébergement dans l'Union européenne, liste des sous-traitants et de leurs pays",
                "hosting in the European Union, list of sub-processors and their countries"),
    "scalability": ("40 utilisateurs au lancement, 80 dans 3 ans ; 50 000 contacts",
                    "40 users at launch, 80 within 3 years; 50,000 contacts"),
    "support": ("support en français les jours ouvrés de 9 h à 18 h, prise en charge d'un incident bloquant en moins de 1 h",
                "support in French on business days 9 am–6 pm, blocking incidents handled within 1 h"),
}


# The metric N002 suggests, fitting the category: (French, English) values of `metric`.
_METRICS = {
    "performance": ("2 s", "2 s"),
    "availability": ("99,5 %", "99.5 %"),
    "backup": ("24 h", "24 h"),
    "scalability": ("80 utilisateurs", "80 users"),
    "support": ("1 h", "1 h"),
    "reversibility": ("30 jours", "30 days"),
    "usability": ("3 clics", "3 clicks"),
    "mobility": ("3 s", "3 s"),
    "audit": ("12 mois", "12 months"),
}
_METRIC_MEANING = {
    "performance": ("le temps de réponse au 95e centile", "the response time at the 95th percentile"),
    "availability": ("la disponibilité mensuelle", "the monthly availability"),
    "backup": ("la perte de données maximale (RPO)", "the maximum data loss (RPO)"),
    "scalability": ("le nombre d'utilisateurs à 3 ans", "the number of users in 3 years"),
    "support": ("le délai de prise en charge d'un incident bloquant", "the time to handle a blocking incident"),
    "reversibility": ("le délai de restitution des données", "the time to hand the data back"),
    "usability": ("le nombre de clics pour l'action courante", "the clicks for the everyday action"),
    "mobility": ("l'affichage d'une fiche sur mobile", "a record's display time on mobile"),
    "audit": ("la durée de conservation du journal", "how long the log is kept"),
}


def _category_key(name) -> str | None:
    if not isinstance(name, str):
        return None
    folded = " ".join(fold(name).replace("-", " ").replace("_", " ").split())
    if not folded:
        return None
    return _ALIASES.get(folded, _ALIASES.get(folded.replace(" ", "_"), folded.replace(" ", "_")))


def _categories(value, default) -> list[str]:
    """The option's list of categories, normalised; a comma-separated string is accepted."""
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, (list, tuple, set, frozenset)):
        value = default
    seen: list[str] = []
    for name in value:
        key = _category_key(name)
        if key and key not in seen:
            seen.append(key)
    return seen


def _name(category: str) -> dict:
    fr, en = _CATEGORY_NAMES.get(category, (f"« {category} »", f"\"{category}\""))
    return {"fr": fr, "en": en}


@rules.rule(
    "N001", "missing-nfr-category", "warning",
    message={"fr": "Aucune exigence non fonctionnelle « {category} » : rien n'est dit sur {name} ; {advice}",
             "en": "No \"{category}\" non-functional requirement: nothing is said about {name}; {advice}"},
    fix={"fr": "Ajoutez dans nfr une exigence « {category_line} » que l'éditeur puisse prouver",
         "en": "Add an nfr item with \"{category_line}\" that the vendor can prove"},
    options=(
        RuleOption(
            "required-nfr", list(DEFAULT_REQUIRED),
            help={"fr": "Catégories d'exigences non fonctionnelles qu'une spec doit couvrir (noms du schéma ; "
                        "les noms français usuels sont acceptés).",
                  "en": "Non-functional categories a spec must cover (schema names; usual French names are accepted)."},
            kind=(list, tuple, str),
        ),
    ),
    doc=_doc(
        "Pour chaque catégorie de l'option `required-nfr`, la section `nfr` contient au moins une exigence de cette "
        "catégorie. Par défaut : `performance`, `availability`, `security`, `backup`, `reversibility`, `hosting`, "
        "`scalability`, `support`. La catégorie `security` est aussi couverte par une exigence `access_control` "
        "ou `audit`. Une alerte par catégorie manquante, sur la section `nfr`. La règle se tait quand la spec n'a "
        "aucune exigence non fonctionnelle (N003 le signale déjà).\n\n"
        "Option `required-nfr` (liste, ou texte séparé par des virgules) : les catégories exigées. Les noms français "
        "usuels (« hébergement », « sauvegarde », « réversibilité »…) sont acceptés ; une catégorie ajoutée au "
        "schéma par un plugin peut aussi être exigée.",
        "Ces exigences sont celles qui fondent le contrat : sans SLA de disponibilité, pas de pénalité possible ; "
        "sans RPO/RTO, une perte de données n'engage personne ; sans clause de réversibilité, les données restent "
        "chez l'éditeur en fin de contrat (le règlement européen sur les données, Data Act, facilite le changement "
        "de fournisseur à condition de l'avoir prévu) ; sans lieu d'hébergement, impossible de vérifier les "
        "transferts hors UE (RGPD, chapitre V). Les volumes (utilisateurs, contacts à 3 ans) font le prix.",
        "nfr:\n  - id: NFR-1\n    category: performance\n    statement: Fiche client affichée en moins de 2 s\n"
        "  # ni disponibilité, ni sauvegarde, ni réversibilité, ni hébergement…",
        "Ajouter une exigence chiffrée par catégorie manquante, par exemple :\n"
        "`{id: NFR-2, category: availability, statement: \"Disponibilité mensuelle ≥ 99,5 % hors maintenance "
        "annoncée 72 h à l'avance\"}`. Si une catégorie ne s'applique vraiment pas à votre projet, retirez-la de "
        "l'option `required-nfr`.",
        "For each category of the `required-nfr` option, the `nfr` section holds at least one requirement of that "
        "category. Default: `performance`, `availability`, `security`, `backup`, `reversibility`, `hosting`, "
        "`scalability`, `support`. `security` is also covered by an `access_control` or `audit` requirement. One "
        "finding per missing category, on the `nfr` section. The rule stays silent when the spec has no "
        "non-functional requirement at all (N003 says so).\n\n"
        "Option `required-nfr` (a list, or a comma-separated string): the required categories. Usual French names "
        "(\"hébergement\", \"sauvegarde\"…) are accepted; a category a plugin adds to the schema can be required too.",
        "These are the requirements the contract rests on: without an availability SLA there is no penalty; without "
        "RPO/RTO a data loss binds nobody; without a reversibility clause your data stays with the vendor at the "
        "end of the contract (the EU Data Act eases switching providers, provided you planned for it); without a "
        "hosting location, transfers outside the EU cannot be checked (GDPR chapter V). Volumes (users, contacts "
        "in 3 years) drive the price.",
        "nfr:\n  - id: NFR-1\n    category: performance\n    statement: Customer record opens in under 2 s\n"
        "  # no availability, backup, reversibility, hosting…",
        "Add one measurable requirement per missing category, e.g. `{id: NFR-2, category: availability, statement: "
        "\"Monthly availability ≥ 99.5 % excluding maintenance announced 72 h ahead\"}`. If a category really does "
        "not apply to your project, remove it from the `required-nfr` option.",
    ),
)
def missing_nfr_category(spec, emit):
    if not spec.nfr:
        return  # N003
    present = {_category_key(item.category) for item in spec.nfr if item.category}
    required = _categories(emit.option("required-nfr"), DEFAULT_REQUIRED)
    at = spec.where("nfr")
    for category in required:
        if any(c in present for c in _COVERED_BY.get(category, (category,))):
            continue
        fr_example, en_example = _EXAMPLES.get(category, (None, None))
        advice = ({"fr": f"par exemple « {fr_example} »", "en": f"e.g. \"{en_example}\""}
                  if fr_example else
                  {"fr": "ajoutez une exigence vérifiable", "en": "add a verifiable requirement"})
        emit(at, object=f"nfr:{category}", category=category, name=_name(category), advice=advice,
             category_line=snippet(spec, at, "category", category))


@rules.rule(
    "N002", "nfr-without-metric", "warning",
    message={"fr": "L'exigence {id} ({category}) n'est pas mesurable : ni metric, ni chiffre dans l'énoncé ; {advice}",
             "en": "Requirement {id} ({category}) cannot be measured: no metric and no number in the statement; {advice}"},
    fix={"fr": "Ajoutez par exemple {metric} ({meaning}), ou un seuil chiffré dans statement",
         "en": "Add e.g. {metric} ({meaning}), or a numeric threshold in the statement"},
    options=(
        RuleOption(
            "nfr-metric-categories", list(DEFAULT_MEASURABLE),
            help={"fr": "Catégories d'exigences non fonctionnelles qui doivent être chiffrées (« * » : toutes).",
                  "en": "Non-functional categories that must carry a number (\"*\": all of them)."},
            kind=(list, tuple, str),
        ),
    ),
    doc=_doc(
        "Une exigence non fonctionnelle d'une catégorie chiffrable (par défaut `performance`, `availability`, "
        "`backup`, `scalability`, `support`, et toute exigence sans catégorie) a un champ `metric` ou un nombre "
        "dans son énoncé (`statement`).\n\n"
        "Les catégories dont le critère est un oui/non vérifiable (`hosting` : « hébergement dans l'UE », "
        "`security` : « SSO et double authentification », `reversibility`, `localisation`…) ne sont pas "
        "concernées par défaut. Option `nfr-metric-categories` (liste, ou « * » pour toutes) : les catégories "
        "contrôlées.",
        "« Le CRM doit être rapide », « haute disponibilité » : aucun éditeur ne répondra « non », et personne "
        "ne pourra le vérifier en recette ni invoquer une pénalité. Une exigence de performance donne un seuil, "
        "une proportion et une charge (« 95 % des fiches en moins de 2 s à 50 utilisateurs ») ; une exigence "
        "de disponibilité, un pourcentage mensuel et ses exclusions (critère de mesurabilité de l'INCOSE, R34).",
        "nfr:\n  - id: NFR-1\n    category: performance\n    statement: Le CRM doit être rapide",
        "Chiffrer : `statement: \"95 % des ouvertures de fiche client en moins de 2 s avec 50 utilisateurs "
        "connectés\"`, ou ajouter `metric: {value: 2, unit: s, percentile: 95}`.",
        "A non-functional requirement of a measurable category (by default `performance`, `availability`, `backup`, "
        "`scalability`, `support`, and any requirement without a category) has a `metric` or a number in its "
        "`statement`.\n\n"
        "Categories whose fit criterion is a verifiable yes/no (`hosting`: \"hosted in the EU\", `security`: \"SSO "
        "and MFA\", `reversibility`, `localisation`…) are not checked by default. Option `nfr-metric-categories` "
        "(a list, or \"*\" for all): the categories checked.",
        "\"The CRM must be fast\", \"high availability\": no vendor will answer no, and nobody can test it at "
        "acceptance or claim a penalty. A performance requirement gives a threshold, a share and a load (\"95 % "
        "of records open in under 2 s with 50 users\"); an availability requirement a monthly percentage and its "
        "exclusions (INCOSE measurable performance, R34).",
        "nfr:\n  - id: NFR-1\n    category: performance\n    statement: The CRM must be fast",
        "Put a number on it: `statement: \"95 % of customer record opens under 2 s with 50 concurrent users\"`, "
        "or add `metric: {value: 2, unit: s, percentile: 95}`.",
    ),
)
def nfr_without_metric(spec, emit):
    option = emit.option("nfr-metric-categories")
    check_all = option == "*" or (isinstance(option, (list, tuple)) and "*" in option)
    checked = set() if check_all else set(_categories(option, DEFAULT_MEASURABLE))
    for item in spec.nfr:
        category = _category_key(item.category)
        if category is not None and not check_all and category not in checked:
            continue
        metric = item.metric
        if metric is not None and getattr(metric, "value", None) is not None:
            continue
        statement = item.statement if isinstance(item.statement, str) else ""
        if statement.strip() and has_number(statement):
            continue
        if item.has("metric") and metric is None:
            continue  # a metric was written but failed validation: E002 already says so
        example = _EXAMPLES.get(category or "", (None, None))
        advice = ({"fr": f"par exemple « {example[0]} »", "en": f"e.g. \"{example[1]}\""} if example[0] else
                  {"fr": "donnez un seuil chiffré et son unité", "en": "give a numeric threshold and its unit"})
        if metric is not None:
            at = item.where("metric")  # a metric with no number in it ("très vite")
        elif statement.strip():
            at = item.where("statement")
        else:
            at = item
        category_text = item.category or {"fr": "sans catégorie", "en": "no category"}
        fr_metric, en_metric = _METRICS.get(category or "", ("…", "…"))
        fr_meaning, en_meaning = _METRIC_MEANING.get(category or "", ("le seuil et son unité", "the threshold and its unit"))
        emit(at, object=item.id or None, id=item.id or "?", category=category_text, advice=advice,
             metric=snippets(spec, at, "metric", fr_metric, en_metric),
             meaning={"fr": fr_meaning, "en": en_meaning})


@rules.rule(
    "N003", "no-nfr", "error",
    message={"fr": "La spec ne contient aucune exigence non fonctionnelle (nfr) : performances, disponibilité, "
                   "sécurité, sauvegarde, réversibilité, hébergement, volumétrie et support restent à définir",
             "en": "The spec has no non-functional requirements (nfr): performance, availability, security, backup, "
                   "reversibility, hosting, volumes and support are left undefined"},
    doc=_doc(
        "La spec contient une section `nfr` avec au moins une exigence.",
        "Les exigences non fonctionnelles (temps de réponse, disponibilité, sauvegarde, réversibilité, hébergement, "
        "support) sont ce qui engage l'éditeur après la signature. Un cahier des charges qui n'en contient aucune "
        "laisse l'éditeur fixer seul ses niveaux de service, et rend impossible la vérification des transferts de "
        "données hors UE (RGPD, chapitre V).",
        "project:\n  name: Nouveau CRM\nfeatures: [...]\n# pas de section nfr",
        "Ajouter une section `nfr` avec au moins une exigence chiffrée par catégorie de l'option `required-nfr` "
        "(voir N001) ; `crmreq init` en propose un modèle.",
        "The spec has an `nfr` section with at least one requirement.",
        "Non-functional requirements (response times, availability, backup, reversibility, hosting, support) are "
        "what binds the vendor after signature. A specification without any lets the vendor set its own service "
        "levels, and makes transfers of data outside the EU impossible to check (GDPR chapter V).",
        "project:\n  name: New CRM\nfeatures: [...]\n# no nfr section",
        "Add an `nfr` section with at least one measurable requirement per category of the `required-nfr` option "
        "(see N001); `crmreq init` offers a template.",
    ),
)
def no_nfr(spec, emit):
    if not spec.nfr:
        emit(spec.where("nfr"), object="nfr")


def _shown(quantity, lang: str) -> str:
    """"2 s", "99,5 %", "2-3 s": the figure and its unit, without the words around it."""
    def number(value: float) -> str:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang == "fr" else text

    figure = number(quantity.value)
    if quantity.upper is not None and quantity.upper != quantity.value:
        figure += "-" + number(quantity.upper)
    return f"{figure}\u00a0{quantity.unit}" if quantity.unit else figure


def _quoted(quantities) -> dict:
    return {"fr": "« " + ", ".join(_shown(q, "fr") for q in quantities) + " »",
            "en": '"' + ", ".join(_shown(q, "en") for q in quantities) + '"'}


@rules.rule(
    "N004", "nfr-figure-contradicts-metric", "warning",
    message={"fr": "L'exigence {id} annonce {stated} dans son énoncé, mais {metric} dans metric : "
                   "dites lequel fait foi et alignez l'autre",
             "en": "Requirement {id} states {stated} in its statement but {metric} in its metric: "
                   "say which one holds and align the other"},
    doc=_doc(
        "Quand une exigence non fonctionnelle a un `metric` chiffré et que son énoncé (`statement`) donne des "
        "chiffres dans la même unité (à un préfixe près : « 2 s » = « 2000 ms », « 15 k€ » = « 15 000 € »), "
        "l'un de ces chiffres est celui du `metric`. Les chiffres d'une autre unité ne comptent pas : « 95 % "
        "des fiches en moins de 2 s » avec `metric: 2 s` est cohérent, et « sauvegarde conservée 30 jours » "
        "avec un RPO de 24 h parle de deux mesures. Une alerte par exigence, sur l'énoncé.",
        "L'éditeur s'engage sur un chiffre, la recette en mesure un : quand l'énoncé dit 2 s et la mesure 5 s, "
        "chacun retiendra celui qui l'arrange, et la pénalité prévue au contrat devient discutable. C'est "
        "souvent une mise à jour faite d'un seul côté.",
        "nfr:\n  - id: NFR-PERF\n    category: performance\n"
        "    statement: La fiche client s'ouvre en moins de 2 s\n    metric: {value: 5, unit: s}",
        "Corriger le chiffre qui n'est plus le bon : `metric: {value: 2, unit: s, percentile: 95}`.",
        "When a non-functional requirement has a numeric `metric` and its `statement` gives figures in the same "
        "unit (but for a prefix: \"2 s\" = \"2000 ms\", \"15 k€\" = \"15,000 €\"), one of those figures is the "
        "metric's. Figures in another unit do not count: \"95 % of records under 2 s\" with `metric: 2 s` is "
        "consistent, and \"backups kept 30 days\" with a 24 h RPO speaks of two measures. One finding per "
        "requirement, on the statement.",
        "The vendor commits to one figure, acceptance testing measures one: when the statement says 2 s and the "
        "metric 5 s, each side picks the one that suits it, and the contract's penalty becomes arguable. It is "
        "usually an update made on one side only.",
        "nfr:\n  - id: NFR-PERF\n    category: performance\n"
        "    statement: The customer record opens in under 2 s\n    metric: {value: 5, unit: s}",
        "Fix the figure that is out of date: `metric: {value: 2, unit: s, percentile: 95}`.",
    ),
)
def nfr_figure_contradicts_metric(spec, emit):
    for item in spec.nfr:
        metric = magnitude(item.metric)
        if metric is None or not isinstance(item.statement, str):
            continue
        stated = [(q, m) for q in figures(item.statement) for m in (magnitude(q),)
                  if m and m.kind == metric.kind and same_measure_units(q.unit, item.metric.unit)]
        if not stated or any(same_size(m, metric) for _, m in stated):
            continue
        emit(item.where("statement"), object=item.id or None, id=item.id or "?",
             stated=_quoted([q for q, _ in stated]), metric=_quoted([item.metric]))
