"""E — loading: the spec can be read, matches the schema, and its references hold.

E001–E004 and E007 are found by the loader while it reads and merges files; they are
declared here so they have a name, messages and documentation like every other rule.
E005 and E006 check the model: ids must be unique and every reference must name an item.

E002 and E006 suggest the nearest valid key, value or id ("did you mean"). When the fix is to
replace what was written, it has one stable form that editors can act on: « remplacez par
`VALUE` » / "replace with `VALUE`", VALUE between the first two backticks
(loader/schema_words.py).
"""

from __future__ import annotations

from ..authoring import RuleSet
from ..model import REFERENCES
from ..values.text import closest

rules = RuleSet("loading")
crmreq_register_rules = rules.hook

rules.declare(
    "E001", "unparseable-file", "error",
    message={"fr": "Fichier illisible : {detail}", "en": "File cannot be read: {detail}"},
    doc={
        "fr": """
### Ce que la règle signale
Un fichier de la spec ne peut pas être lu : syntaxe YAML ou TOML invalide, encodage autre
que l'UTF-8, fichier vide, fichier qui n'est pas une table de sections, fichier trop gros,
alias YAML démesurés (« billion laughs ») ou imbrication trop profonde.

### Pourquoi
Tant qu'un fichier ne se lit pas, ni le linter ni l'export ne peuvent travailler dessus :
une partie du cahier des charges disparaît silencieusement du dossier envoyé aux éditeurs.

### Exemple
```yaml
features:
  - id: F01
    title: "Fiche client   # guillemet jamais fermé
```

### Correction
Corriger la ligne indiquée (le message reprend celui de l'analyseur) ; enregistrer le fichier
en UTF-8 ; découper un fichier trop gros avec `include`.
""",
        "en": """
### What it flags
A file of the spec cannot be read: invalid YAML or TOML syntax, an encoding other than
UTF-8, an empty file, a file that is not a mapping of sections, a file over the size limit,
runaway YAML aliases ("billion laughs") or nesting too deep.

### Why it matters
Until a file can be read, neither lint nor export can use it: part of the specification
silently disappears from the pack sent to vendors.

### Example
```yaml
features:
  - id: F01
    title: "Customer record   # quote never closed
```

### How to fix
Fix the line shown (the message quotes the parser); save the file as UTF-8; split a very
large file with `include`.
""",
    },
)

rules.declare(
    "E002", "schema-violation", "error",
    message={"fr": "Schéma : {detail}", "en": "Schema: {detail}"},
    fix={"fr": "{fix}", "en": "{fix}"},
    doc={
        "fr": """
### Ce que la règle signale
Une clé inconnue, une valeur du mauvais type (du texte là où un nombre est attendu) ou une
valeur hors liste (`priority: urgent`, `frequency: sometimes`), une clé obligatoire manquante
(`id` d'un élément, section `project`).

### Pourquoi
Une faute de frappe dans une clé (`priorty:`) fait disparaître l'information sans bruit :
la fonctionnalité paraît non priorisée. Le schéma (`schemas/crmreq.cerberus.yaml`) est aussi
celui que votre éditeur utilise pour compléter et vérifier en direct.

### Exemple
```yaml
features:
  - id: F01
    priorty: indispensable
```

### Correction
Corriger la clé ou la valeur : le message propose la plus proche (« vouliez-vous dire
« priority » ? »), y compris pour les mots français courants (`quotidien` → `daily`,
`bidirectionnel` → `two_way`, `accès` → `access`). Les clés libres commencent par `x-`
(`x-notes:`). Une valeur vide ou un « à définir » n'est pas une erreur de schéma : c'est une
valeur manquante, que la règle concernée signale.
""",
        "en": """
### What it flags
An unknown key, a value of the wrong type (text where a number is expected), a value
outside the allowed list (`priority: urgent`, `frequency: sometimes`), or a missing required
key (an item's `id`, the `project` section).

### Why it matters
A typo in a key (`priorty:`) silently drops the information: the feature looks
unprioritised. The schema (`schemas/crmreq.cerberus.yaml`) is also the one your editor uses
for completion and live checks.

### Example
```yaml
features:
  - id: F01
    priorty: must
```

### How to fix
Fix the key or the value: the message offers the nearest valid one ("did you mean
`priority`?"), French words people type included (`quotidien` → `daily`, `bidirectionnel` →
`two_way`, `accès` → `access`). Free keys start with `x-` (`x-notes:`). An empty value or a
`TBD` is not a schema error: it is a missing value, which the rule concerned reports.
""",
    },
)

rules.declare(
    "E003", "unsupported-format-version", "error",
    message={"fr": "Version du format : {detail}", "en": "Format version: {detail}"},
    doc={
        "fr": """
### Ce que la règle signale
La clé `crmreq:` manque dans le fichier d'entrée, ou annonce une version de format que cette
version de crmreq ne connaît pas (seule la version `1` existe).

### Pourquoi
La version du format permet de faire évoluer les clés sans casser les specs existantes.

### Exemple
```yaml
project:
  name: CRM 2027
```

### Correction
Ajouter `crmreq: 1` en tête du fichier d'entrée.
""",
        "en": """
### What it flags
The entry file lacks `crmreq:`, or declares a format version this crmreq does not know
(only version `1` exists).

### Why it matters
The format version lets keys evolve without breaking existing specs.

### Example
```yaml
project:
  name: CRM 2027
```

### How to fix
Add `crmreq: 1` at the top of the entry file.
""",
    },
)

rules.declare(
    "E004", "bad-include", "error",
    message={"fr": "Include : {detail}", "en": "Include: {detail}"},
    doc={
        "fr": """
### Ce que la règle signale
Un `include` désigne un fichier absent, un motif qui ne trouve aucun fichier YAML ou TOML,
ou un chemin hors du dossier de la spec (chemin absolu, `../`, lien symbolique sortant).
Un fichier hors du dossier n'est jamais lu.

### Pourquoi
Un fichier oublié, c'est une partie du cahier des charges qui manque au dossier éditeurs ;
un fichier lu hors du dépôt rendrait le résultat dépendant de la machine.

### Exemple
```yaml
include:
  - ../commun/rgpd.yaml
```

### Correction
Placer les fichiers dans le dossier de la spec et les inclure par un chemin relatif
(`include: [sections/*.yaml]`).
""",
        "en": """
### What it flags
An `include` names a missing file, a glob that matches no YAML or TOML file, or a path
outside the spec directory (absolute path, `../`, a symlink leading out). A file outside the
directory is never read.

### Why it matters
A forgotten file is a part of the specification missing from the vendor pack; reading a file
outside the repository would make results depend on the machine.

### Example
```yaml
include:
  - ../shared/gdpr.yaml
```

### How to fix
Keep the files inside the spec directory and include them by relative path
(`include: [sections/*.yaml]`).
""",
    },
)

rules.declare(
    "E007", "section-defined-twice", "error",
    message={
        "fr": "La section « {section} » est déjà définie ({first}) : une section de type table ne peut être écrite que dans un seul fichier",
        "en": "Section `{section}` is already defined ({first}): a mapping section can only be written in one file",
    },
    doc={
        "fr": """
### Ce que la règle signale
Une section de type table (`project`, `rgpd`, `budget`, `timeline`, `consultation`…) est
définie dans deux fichiers. Les sections de type liste (`features`, `flows`…) se cumulent,
elles, d'un fichier à l'autre.

### Pourquoi
Deux versions d'une même section se contredisent ; choisir l'une en silence ferait perdre
l'autre.

### Exemple
```yaml
# crmreq.yaml
include: [rgpd.yaml]
rgpd:
  data_location: FR
# rgpd.yaml
rgpd:
  rights: [access, erasure]
```

### Correction
Regrouper la section dans un seul fichier.
""",
        "en": """
### What it flags
A mapping section (`project`, `rgpd`, `budget`, `timeline`, `consultation`…) is defined in
two files. List sections (`features`, `flows`…) are concatenated across files.

### Why it matters
Two versions of one section contradict each other; silently picking one would lose the other.

### Example
```yaml
# crmreq.yaml
include: [gdpr.yaml]
rgpd:
  data_location: IE
# gdpr.yaml
rgpd:
  rights: [access, erasure]
```

### How to fix
Keep the section in a single file.
""",
    },
)


@rules.rule(
    "E005", "duplicate-id", "error",
    message={
        "fr": "Identifiant « {id} » en double (déjà utilisé {first}) : les identifiants sont uniques dans toute la spec",
        "en": "Duplicate id `{id}` (already used {first}): ids are unique across the whole spec",
    },
    doc={
        "fr": """
### Ce que la règle signale
Deux éléments (fonctionnalités, objectifs, équipes, systèmes, flux…) portent le même `id`,
même dans des sections ou des fichiers différents.

### Pourquoi
Les références (`teams`, `objectives`, `from`/`to`…) et la matrice de réponse des éditeurs
reposent sur les identifiants : un doublon rend une réponse ou une référence ambiguë.

### Exemple
```yaml
teams:
  - id: ventes
features:
  - id: ventes
```

### Correction
Renommer l'un des deux ; une convention par préfixe aide (`EQ-`, `F-`, `OBJ-`).
""",
        "en": """
### What it flags
Two items (features, objectives, teams, systems, flows…) share an `id`, even across
sections or files.

### Why it matters
References (`teams`, `objectives`, `from`/`to`…) and the vendor response matrix rely on
ids: a duplicate makes a reference or a vendor's answer ambiguous.

### Example
```yaml
teams:
  - id: sales
features:
  - id: sales
```

### How to fix
Rename one of them; a prefix convention helps (`T-`, `F-`, `OBJ-`).
""",
    },
)
def duplicate_id(spec, emit):
    first_seen = {}
    for item in spec.items():
        if not item.id:
            continue
        first = first_seen.get(item.id)
        if first is None:
            first_seen[item.id] = item
            continue
        where = item.where("id")
        at = first.where("id")
        emit(where, object=item.id, id=item.id, first=f"{at.file}:{at.line}")


_LIST_REFERENCES = tuple(ref for ref in REFERENCES if "." not in ref[0])   # the others: _other_references
_ATTRIBUTE = {"from": "source", "to": "target"}   # the model's name of a key, where it differs
# Sections whose emptiness a rule reports once (P004 no features, S008 no objectives): a reference
# into them while they hold nothing (absent, empty, `features: TBD`) is not one E006 per reference.
_SAID_WHEN_EMPTY = frozenset({"features", "objectives"})
_KIND_WORDS = {
    "teams": ("équipe", "team"), "stakeholders": ("intervenant", "stakeholder"), "systems": ("système", "system"),
    "objects": ("objet de données", "data object"), "objectives": ("objectif", "objective"),
    "features": ("fonctionnalité", "feature"),
}


@rules.rule(
    "E006", "unknown-reference", "error",
    message={
        "fr": "« {field} » de {owner} désigne « {ref} », qui n'existe pas (type attendu : {kind})",
        "en": "`{field}` of {owner} names `{ref}`, which does not exist (expected: {kind})",
    },
    fix={"fr": "{suggestion_fr}", "en": "{suggestion_en}"},
    doc={
        "fr": """
### Ce que la règle signale
Un champ qui désigne un autre élément par son id (`owner`, `team`, `teams`, `from`, `to`,
`master`, `system`, `objects`, `objectives`, `features`) nomme un id qui n'existe pas, ou un
élément de la mauvaise sorte (un flux `from` qui désigne une équipe).

### Pourquoi
Une référence cassée, c'est un lien perdu entre le besoin et ce qui doit le satisfaire :
un flux vers un système non décrit, une fonctionnalité rattachée à un objectif supprimé.

### Exemple
```yaml
flows:
  - id: FL1
    from: erp
    to: crm-cible   # aucun système n'a cet id
```

### Correction
Corriger l'id, ou déclarer l'élément manquant dans sa section.
Quand un id existant s'écrit presque pareil (casse, accents, une lettre), la correction
proposée le nomme : « remplacez par `dir-co` ».
""",
        "en": """
### What it flags
A field that names another item by id (`owner`, `team`, `teams`, `from`, `to`, `master`,
`system`, `objects`, `objectives`, `features`) names an id that does not exist, or an item
of the wrong kind (a flow `from` naming a team).

### Why it matters
A broken reference is a lost link between a need and what must satisfy it: a flow to an
undescribed system, a feature attached to a deleted objective.

### Example
```yaml
flows:
  - id: FL1
    from: erp
    to: target-crm   # no system has this id
```

### How to fix
Fix the id, or declare the missing item in its section.
When an existing id is spelt almost the same (case, accents, one letter), the proposed fix
names it: "replace with `dir-co`".
""",
    },
)
def unknown_reference(spec, emit):
    ids = {section: {item.id for item in getattr(spec, section)} for section in
           ("teams", "stakeholders", "systems", "objects", "objectives", "features")}
    for section, key, kinds, many in _LIST_REFERENCES:
        allowed = set().union(*(ids[k] for k in kinds))
        if not allowed and set(kinds) <= _SAID_WHEN_EMPTY:
            continue
        kind = {"fr": " ou ".join(_KIND_WORDS[k][0] for k in kinds), "en": " or ".join(_KIND_WORDS[k][1] for k in kinds)}
        attr = _ATTRIBUTE.get(key, key)
        for item in getattr(spec, section):
            values = getattr(item, attr) if many else ((getattr(item, attr),) if getattr(item, attr) else ())
            for value in values:
                if value not in allowed:
                    _unknown(emit, item.where(key), allowed, object=item.id, field=key, owner=item.id or section,
                             ref=value, kind=kind)
    _other_references(spec, emit, ids)


def _unknown(emit, at, allowed, **args) -> None:
    """E006, with the id the user most likely meant when one is close ("did you mean")."""
    meant = closest(str(args["ref"]), allowed)
    if meant is not None:
        args.update(suggestion_fr=f"remplacez par `{meant}`", suggestion_en=f"replace with `{meant}`")
    else:
        args.update(suggestion_fr="Corrigez l'id ou déclarez l'élément dans sa section",
                    suggestion_en="Correct the id, or declare the item in its section")
    emit(at, **args)


def _other_references(spec, emit, ids):
    """References held outside the list sections: RGPD purposes and transfers, demos."""
    obj_kind = {"fr": "objet de données", "en": "data object"}
    if spec.rgpd:
        for purpose in spec.rgpd.purposes:
            for ref in purpose.objects:
                if ref not in ids["objects"]:
                    _unknown(emit, purpose.where("objects"), ids["objects"], object=purpose.id, field="objects",
                             owner=purpose.id, ref=ref, kind=obj_kind)
        for transfer in spec.rgpd.transfers_outside_eu:
            if transfer.system and transfer.system not in ids["systems"]:
                _unknown(emit, transfer.where("system"), ids["systems"], object=transfer.system, field="system",
                         owner="transfers_outside_eu", ref=transfer.system, kind={"fr": "système", "en": "system"})
    if spec.consultation and ids["features"]:      # no feature at all: P004 says it (_SAID_WHEN_EMPTY)
        for demo in spec.consultation.demos:
            for ref in demo.features:
                if ref not in ids["features"]:
                    _unknown(emit, demo.where("features"), ids["features"], object=demo.id, field="features",
                             owner=demo.id, ref=ref, kind={"fr": "fonctionnalité", "en": "feature"})
