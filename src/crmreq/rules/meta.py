"""X — meta: findings about crmreq itself (suppressions, plugins).

Both are produced by the engine (`crmreq.lint.engine`), not by a check over the spec;
they are declared here so they can be selected, ignored and explained like any rule.
"""

from __future__ import annotations

from ..authoring import RuleSet

rules = RuleSet("meta")
crmreq_register_rules = rules.hook

rules.declare(
    "X001", "unused-suppression", "info",
    message={
        "fr": "Suppression inutile « {code} » : {reason} ; retirez-la du commentaire",
        "en": "Unused suppression `{code}`: {reason}; remove it from the comment",
    },
    doc={
        "fr": """
### Ce que la règle signale
Un commentaire `# crmreq: ignore[CODE]` qui ne masque aucune alerte : le problème a été
corrigé depuis, le code est mal écrit, ou le commentaire n'est pas sur la bonne ligne.

### Pourquoi
Une suppression périmée masquera demain un vrai problème sur cet élément sans que personne
ne le voie.

### Exemple
```yaml
features:
  - id: F01   # crmreq: ignore[P001]
    priority: must
```

### Correction
Retirer le code du commentaire (ou le commentaire entier). Une suppression s'écrit sur la
ligne de l'élément ou sur la ligne juste au-dessus, et couvre l'élément et ses enfants.
""",
        "en": """
### What it flags
A `# crmreq: ignore[CODE]` comment that hides no finding: the problem was fixed since,
the code is mistyped, or the comment is not on the right line.

### Why it matters
A stale suppression will hide a real problem on that item tomorrow, unseen.

### Example
```yaml
features:
  - id: F01   # crmreq: ignore[P001]
    priority: must
```

### How to fix
Remove the code from the comment (or the whole comment). A suppression goes on the item's
line or the line just above it, and covers the item and its children.
""",
    },
)

rules.declare(
    "X002", "plugin-rule-crashed", "error",
    message={
        "fr": "Le plugin « {plugin} » a planté dans la règle {rule} ({detail}) ; les autres règles ont tourné. Signalez-le à l'auteur du plugin",
        "en": "Plugin `{plugin}` crashed in rule {rule} ({detail}); the other rules ran. Report it to the plugin's author",
    },
    doc={
        "fr": """
### Ce que la règle signale
Une règle d'un plugin a levé une exception. Les autres règles ont tourné normalement, mais
le résultat est incomplet : crmreq sort avec le code 2.

### Pourquoi
Un plugin défaillant ne doit ni faire tomber l'analyse, ni passer inaperçu en CI.

### Correction
Relancer avec `--debug` pour voir la trace, mettre à jour ou signaler le plugin, ou le
désactiver (`--disable-plugin NOM`, ou `disable-plugins` dans la configuration).
""",
        "en": """
### What it flags
A plugin's rule raised an exception. The other rules ran normally, but the result is
incomplete: crmreq exits with code 2.

### Why it matters
A broken plugin must neither take the run down nor go unnoticed in CI.

### How to fix
Run again with `--debug` to see the traceback, update or report the plugin, or disable it
(`--disable-plugin NAME`, or `disable-plugins` in the configuration).
""",
    },
)

rules.declare(
    "X003", "local-plugins-not-loaded", "info",
    message={
        "fr": "Plugin livré avec la spec non chargé (« {folder} ») : le code qui accompagne une spec ne s'exécute que si votre configuration l'autorise",
        "en": "A plugin that comes with the spec was not loaded (`{folder}`): code that comes with a spec only runs when your configuration allows it",
    },
    fix={
        "fr": "Si vous faites confiance à ce code, autorisez-le dans .crmreq.toml ou [tool.crmreq] de pyproject.toml : « local-plugins = true » pour le dossier plugins/, « plugins = [\"…\"] » pour un fichier",
        "en": "If you trust this code, allow it in .crmreq.toml or [tool.crmreq] of pyproject.toml: `local-plugins = true` for the plugins/ folder, `plugins = [\"…\"]` for a file",
    },
    doc={
        "fr": """
### Ce que la règle signale
Du code livré avec la spec n'a pas été exécuté : un dossier `plugins/` à côté du fichier
d'entrée alors que la configuration n'autorise pas les plugins locaux, ou des plugins nommés
par la section `lint:` du fichier d'entrée (qui fait partie de la spec).

### Pourquoi
On analyse souvent une spec reçue d'un collègue, d'un client ou d'une pull request. Lancer
`crmreq lint` dessus ne doit jamais exécuter le code qu'elle apporte avec elle.

### Exemple
```text
ma-spec/
  crmreq.yaml
  plugins/regles_maison.py
```

### Correction
Si ce code est le vôtre ou si vous lui faites confiance, activez-le dans la configuration :
`local-plugins = true` dans `.crmreq.toml`, dans `[tool.crmreq]` de `pyproject.toml` ou dans
le fichier passé par `--config`. La section `lint:` du fichier d'entrée ne suffit pas : elle
fait partie de la spec, et une spec ne peut pas se porter garante de son propre code. Sinon,
ignorez ce message ou désactivez la règle.
""",
        "en": """
### What it flags
Code that came with the spec was not run: a `plugins/` folder next to the entry file while
the configuration does not enable local plugins, or plugins named by the entry file's
`lint:` section (which is part of the spec).

### Why it matters
Specs are often linted as received from a colleague, a client or a pull request. Running
`crmreq lint` on one must never run the code it brought along.

### Example
```text
my-spec/
  crmreq.yaml
  plugins/house_rules.py
```

### How to fix
If the code is yours or you trust it, enable it in the configuration: `local-plugins = true`
in `.crmreq.toml`, in `[tool.crmreq]` of `pyproject.toml` or in the file given to `--config`.
The entry file's `lint:` section is not enough: it is part of the spec, and a spec cannot
vouch for its own code. Otherwise ignore this message or turn the rule off.
""",
    },
)
