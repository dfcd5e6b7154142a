"""`crmreq export evaluation -o FILE`: the evaluation file ready to fill, in the spec's language.

YAML or TOML by the extension of FILE (.yaml, .yml, .toml), written with the scaffold's renderer
(comments, examples written commented out). It lists three vendor slots, and for each one the
price, a mark for every criterion marked by hand and a mark for every demo, as commented
examples; the header says how each mark is used. Loaded as written, the file is valid: the
buyer fills it in. A file that exists is never overwritten: it holds the buyer's marks.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SaidError
from ..scaffold.render import Item, Node, comment_lines, render_toml, render_yaml
from .run import criteria_of

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}
SLOTS = ("a", "b", "c")

_WORDS = {
    "fr": {
        "title": "Évaluation des offres — {project}",
        "intro": "À remplir par l'acheteur, puis\u00a0: crmreq score <spec> --evaluation <ce fichier>. Chaque "
                 "critère est noté sur 10\u00a0; le total sur 100 est la somme des poids × note / 10. Un critère "
                 "sans note compte 0.",
        "criteria": "Les critères de la spec et comment chacun est noté\u00a0:",
        "criterion": "- {id} (poids {weight})\u00a0: {name}",
        "matrix": "calculé depuis la matrice de l'éditeur (couverture × 10)\u00a0: rien à saisir",
        "price": "10 × prix le plus bas / prix de l'offre\u00a0: saisir «\u00a0price\u00a0»",
        "demos": "moyenne des notes de démonstration / 4 × 10\u00a0: saisir «\u00a0demos\u00a0»",
        "manual": "votre note sur 10\u00a0: saisir «\u00a0marks\u00a0»",
        "eliminatory": " — éliminatoire\u00a0: une note de 0 élimine l'offre",
        "no_criteria": "La spec ne définit pas de critères (consultation.criteria)\u00a0: seules les réponses sont vérifiées.",
        "demo": "- {id}\u00a0: {title}",
        "demo_list": "Démonstrations, notées sur 4 (0 absent, 1 insuffisant, 2 partiel, 3 conforme, 4 au-delà)\u00a0:",
        "vendors": "Un éditeur par entrée. Par défaut, sa réponse est le fichier nommé comme son id (editeur-a.xlsx "
                   "ou editeur-a.csv) donné à crmreq score\u00a0; «\u00a0response\u00a0» le désigne, relatif à ce fichier.",
        "vendor": "editeur-{slot}", "name": "Éditeur {slot}", "folder": "reponses",
        "id": "identifiant de l'éditeur, unique", "name_note": "le nom affiché dans les rapports",
        "response": "la matrice retournée par l'éditeur (XLSX ou CSV)",
        "price_note": "coût total de l'offre sur la période comparée",
        "marks_note": "critères notés à la main\u00a0: note sur 10",
        "demos_note": "démonstrations scénarisées\u00a0: note sur 4",
    },
    "en": {
        "title": "Offer evaluation — {project}",
        "intro": "Filled in by the buyer, then: crmreq score <spec> --evaluation <this file>. Every criterion is "
                 "marked out of 10; the total out of 100 is the sum of weight × mark / 10. A criterion without a "
                 "mark counts 0.",
        "criteria": "The spec's criteria and how each one is marked:",
        "criterion": "- {id} (weight {weight}): {name}",
        "matrix": "computed from the vendor's matrix (coverage × 10): nothing to enter",
        "price": "10 × lowest price / this offer's price: enter `price`",
        "demos": "mean demo mark / 4 × 10: enter `demos`",
        "manual": "your mark out of 10: enter `marks`",
        "eliminatory": " — eliminatory: a mark of 0 eliminates the offer",
        "no_criteria": "The spec defines no criteria (consultation.criteria): only the answers are checked.",
        "demo": "- {id}: {title}",
        "demo_list": "Demos, marked out of 4 (0 absent, 1 poor, 2 partial, 3 as asked, 4 beyond):",
        "vendors": "One entry per vendor. By default its response is the file named after its id (vendor-a.xlsx "
                   "or vendor-a.csv) given to crmreq score; `response` names it, relative to this file.",
        "vendor": "vendor-{slot}", "name": "Vendor {slot}", "folder": "responses",
        "id": "the vendor's id, unique", "name_note": "the name the reports show",
        "response": "the matrix the vendor returned (XLSX or CSV)",
        "price_note": "the offer's total cost over the period compared",
        "marks_note": "criteria marked by hand: mark out of 10",
        "demos_note": "scripted demos: mark out of 4",
    },
}


def write_evaluation(spec, path, options=None) -> None:
    """The exporter's write function; `options["target"]` is the file asked for (its extension picks the format)."""
    options = options or {}
    target = Path(options.get("target") or path)
    fmt = SUFFIXES.get(target.suffix.lower())
    if fmt is None:
        raise SaidError(f"{target} : un fichier d'évaluation se termine par .yaml, .yml ou .toml",
                        f"{target}: an evaluation file ends with .yaml, .yml or .toml")
    if target.exists():
        raise SaidError(f"{target} existe déjà ; le fichier d'évaluation porte les notes de l'acheteur et n'est "
                        "jamais écrasé (choisissez un autre nom, ou supprimez-le d'abord)",
                        f"{target}: exists; the evaluation file holds the buyer's marks and is never overwritten "
                        "(choose another name, or remove it first)")
    lang = options.get("lang") or spec.lang
    Path(path).write_text(evaluation_text(spec, "en" if lang == "en" else "fr", fmt), encoding="utf-8")


def evaluation_text(spec, lang: str, fmt: str) -> str:
    words = _WORDS[lang]
    criteria = criteria_of(spec)
    demos = list(spec.consultation.demos) if spec.consultation else []
    header = "\n".join(_header(spec, criteria, demos, words))
    nodes = [Node("vendors", note=words["vendors"], items=[_slot(slot, criteria, demos, words) for slot in SLOTS])]
    lines = comment_lines(header, 0)
    return render_toml(nodes, lines) if fmt == "toml" else render_yaml(nodes, lines)


def _header(spec, criteria, demos, words) -> list[str]:
    project = spec.project.name if spec.project and spec.project.name else spec.root
    lines = [words["title"].format(project=project), "", words["intro"], ""]
    if criteria:
        lines.append(words["criteria"])
        for criterion in criteria:
            lines.append(words["criterion"].format(id=criterion.id, weight=f"{criterion.weight:g}", name=criterion.name))
            lines.append(f"  → {words[criterion.measure]}" + (words["eliminatory"] if criterion.eliminatory else ""))
    else:
        lines.append(words["no_criteria"])
    if demos:
        lines += ["", words["demo_list"]]
        lines += [words["demo"].format(id=demo.id, title=demo.title) if demo.title else f"- {demo.id}" for demo in demos]
    return lines


def _slot(slot: str, criteria, demos, words) -> Item:
    vendor = words["vendor"].format(slot=slot)
    fields = [
        Node("id", value=vendor, tail=words["id"]),
        Node("name", value=words["name"].format(slot=slot.upper()), tail=words["name_note"]),
        Node("response", value=f"{words['folder']}/{vendor}.xlsx", tail=words["response"]),
        Node("price", example={"amount": 50000, "currency": "EUR"}, tail=words["price_note"]),
    ]
    manual = [c for c in criteria if c.measure == "manual"]
    if manual:
        fields.append(Node("marks", note=words["marks_note"],
                           fields=[Node(c.id, example=5, tail=c.name) for c in manual]))
    if demos:
        fields.append(Node("demos", note=words["demos_note"],
                           fields=[Node(d.id, example=2, tail=d.title) for d in demos]))
    return Item(fields)
