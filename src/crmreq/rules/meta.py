"""X — meta: findings about crmreq itself (suppressions, plugins).

Both are produced by the engine (`crmreq.lint.engine`), not by a check over the spec;
they are declared here so they can be selected, ignored and explained like any rule.
"""

from __future__ import annotations

from ._base import RuleSet

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
