"""R — vendor responses: the filled matrices `crmreq score` reads (PRODUCT.md §4, §7).

The checks run while the response files are read (`crmreq.score.responses`), not on the spec:
the rules are declared here, without a check function, like E001–E004, so that they have a
name, messages and documentation, and so that select/ignore, severity overrides and every
lint output format (text, json, sarif, github, gitlab) treat them like any other rule.

Message arguments: `detail`, `answer`, `level`, `counted` and `share` are filled by the reader;
`sheet` is " (feuille « Matrice »)" for a workbook and "" for a CSV file.
"""

from __future__ import annotations

from ..authoring import RuleSet, make_doc

rules = RuleSet("responses")
crmreq_register_rules = rules.hook

rules.declare(
    "R001", "response-does-not-match-spec", "error",
    message={"fr": "La réponse ne correspond pas à la spec{sheet}\u00a0: {detail}",
             "en": "The response does not match the spec{sheet}: {detail}"},
    doc=make_doc(
        "Un fichier de réponse d'éditeur ne correspond pas au cahier des charges : ce n'est pas une "
        "matrice crmreq, une exigence de la spec y manque, une ligne porte un identifiant inconnu, ou le "
        "texte d'une exigence a changé — modifié par l'éditeur (l'empreinte de la ligne ne correspond plus "
        "à son texte) ou par vous après l'envoi de la matrice (l'empreinte ne correspond plus à la spec). "
        "Une matrice exportée avant l'ajout des empreintes est lue par identifiant, et la règle signale une "
        "fois par fichier que les changements de texte ne peuvent pas être vérifiés.",
        "Un éditeur qui adoucit une exigence (« export Excel » au lieu de « export Excel planifié ») puis "
        "répond « Standard » obtient des points qu'il ne mérite pas ; une exigence oubliée dans la réponse "
        "fausse la comparaison des offres.",
        "Id;Exigence;Réponse éditeur;Empreinte (ne pas modifier)\n"
        "VEN-01;Créer un devis (modifié par l'éditeur);Standard;3f2a9c0d41b7",
        "Renvoyer à l'éditeur la matrice exportée par `crmreq export` et lui demander de ne remplir que les "
        "colonnes de réponse, de commentaire et de coût. Si la spec a changé depuis l'envoi, lui envoyer la "
        "nouvelle matrice.",
        "A vendor's response file does not match the specification: it is not a crmreq matrix, a "
        "requirement of the spec is missing from it, a row has an unknown id, or a requirement's text "
        "changed — edited by the vendor (the row's fingerprint no longer matches its text) or by you after "
        "the matrix was sent (the fingerprint no longer matches the spec). A matrix exported before "
        "fingerprints existed is read by id, and the rule says once per file that text changes cannot be "
        "checked.",
        "A vendor who softens a requirement (\"Excel export\" instead of \"scheduled Excel export\") and "
        "then answers \"Out of the box\" earns points it does not deserve; a requirement missing from a "
        "response skews the comparison of the offers.",
        "Id,Requirement,Vendor response,Fingerprint (do not edit)\n"
        "SAL-01,Create a quote (edited by the vendor),Out of the box,3f2a9c0d41b7",
        "Send the vendor the matrix `crmreq export` wrote and ask them to fill in only the response, "
        "comment and cost columns. If the spec changed since, send the new matrix.",
        example_lang="text",
    ),
)

rules.declare(
    "R002", "requirement-unanswered", "warning",
    message={"fr": "L'exigence «\u00a0{id}\u00a0» est sans réponse{sheet}\u00a0: elle compte comme «\u00a0{counted}\u00a0»",
             "en": "Requirement `{id}` has no answer{sheet}: it counts as \"{counted}\""},
    doc=make_doc(
        "Une ligne de la matrice est restée sans réponse. Elle compte comme « Non couvert » (0 point), ou "
        "comme « Standard » avec `unanswered = \"standard\"` dans la table `score` de la configuration "
        "(la clause des marchés publics : ce qui n'est pas répondu est réputé inclus).",
        "Une case vide n'est pas une réponse : selon la règle choisie, elle pénalise l'éditeur ou lui "
        "donne des points sans engagement. Mieux vaut obtenir la réponse que de deviner.",
        "Id;Exigence;Réponse éditeur\nVEN-04;Relance automatique des devis à J+7;",
        "Demander à l'éditeur de compléter la ligne, ou décider explicitement de la règle `unanswered`.",
        "A row of the matrix was left without an answer. It counts as \"Not supported\" (0 points), or as "
        "\"Out of the box\" with `unanswered = \"standard\"` in the configuration's `score` table (the "
        "public-tender clause: an unanswered item is deemed included).",
        "An empty cell is not an answer: depending on the rule chosen it penalises the vendor or gives "
        "points without commitment. Getting the answer beats guessing.",
        "Id,Requirement,Vendor response\nSAL-04,Automatic quote follow-up after 7 days,",
        "Ask the vendor to fill in the row, or decide the `unanswered` rule explicitly.",
        example_lang="text",
    ),
)

rules.declare(
    "R003", "answer-outside-scale", "error",
    message={"fr": "Réponse «\u00a0{answer}\u00a0» à «\u00a0{id}\u00a0» hors de l'échelle{sheet}\u00a0: {detail}",
             "en": "Answer \"{answer}\" to `{id}` is not on the scale{sheet}: {detail}"},
    fix={"fr": "choisir un niveau de la liste\u00a0: {levels}", "en": "pick a level from the list: {levels}"},
    doc=make_doc(
        "La réponse d'une ligne n'est pas l'un des six niveaux de l'échelle (Standard, Paramétrage, Module "
        "tiers, Développement spécifique, Feuille de route, Non couvert, ou leurs équivalents anglais). Une "
        "réponse tapée au lieu d'être choisie dans la liste est acceptée quand elle ne peut désigner qu'un "
        "niveau, sans tenir compte des majuscules ni des accents (« parametrage », « Feuille de route T3 "
        "2027 ») ; « Oui », « Partiel » ou « Standard ou paramétrage » ne le peuvent pas.",
        "Un « Oui » ne dit pas si la fonction est native ou s'il faut la développer : la note de l'offre en "
        "dépend. La ligne compte 0 tant que la réponse n'est pas sur l'échelle.",
        "Id;Exigence;Réponse éditeur\nMOB-01;Consultation des fiches hors connexion;Oui",
        "Demander à l'éditeur de choisir un niveau dans la liste déroulante de la colonne « Réponse éditeur ».",
        "A row's answer is not one of the six levels of the scale (Out of the box, Configuration, "
        "Third-party add-on, Custom development, Roadmap, Not supported, or their French equivalents). An "
        "answer typed instead of picked from the list is accepted when it can only mean one level, whatever "
        "the case and accents (\"configuration\", \"Roadmap Q3 2027\"); \"Yes\", \"Partly\" or \"Out of the "
        "box or configuration\" cannot.",
        "A \"Yes\" does not say whether the function is native or must be developed: the offer's mark "
        "depends on it. The row counts 0 until the answer is on the scale.",
        "Id,Requirement,Vendor response\nMOB-01,Offline access to records,Yes",
        "Ask the vendor to pick a level from the drop-down list of the \"Vendor response\" column.",
        example_lang="text",
    ),
)

rules.declare(
    "R004", "roadmap-without-date", "warning",
    message={"fr": "«\u00a0{id}\u00a0» est annoncé en feuille de route sans date{sheet}\u00a0: la ligne compte 0",
             "en": "`{id}` is announced on the roadmap without a date{sheet}: the row counts 0"},
    doc=make_doc(
        "Une réponse « Feuille de route » ne donne pas de date, ni dans la réponse ni dans le commentaire "
        "(« T3 2027 », « mars 2027 », « 2027-06-30 », « 6 mois après la mise en production »). Une feuille "
        "de route compte 1 point quand elle est datée au plus tard 12 mois après la mise en production, 0 "
        "sans date ou au-delà ; sur une exigence indispensable, une date après la mise en production "
        "élimine l'offre.",
        "« C'est dans notre feuille de route » sans date n'engage à rien : la fonction peut ne jamais "
        "arriver, ou arriver après votre démarrage.",
        "Id;Exigence;Réponse éditeur;Commentaire éditeur\nMAR-02;Segmentation RFM;Feuille de route;Bientôt disponible",
        "Demander à l'éditeur une date de disponibilité, écrite dans le commentaire.",
        "A \"Roadmap\" answer gives no date, neither in the answer nor in the comment (\"Q3 2027\", \"March "
        "2027\", \"2027-06-30\", \"6 months after go-live\"). A roadmap answer counts 1 point when dated at "
        "most 12 months after go-live, 0 without a date or later; on a must-have, a date after go-live "
        "eliminates the offer.",
        "\"It is on our roadmap\" without a date commits to nothing: the function may never come, or come "
        "after you go live.",
        "Id,Requirement,Vendor response,Vendor comment\nMKT-02,RFM segmentation,Roadmap,Coming soon",
        "Ask the vendor for an availability date, written in the comment.",
        example_lang="text",
    ),
)

rules.declare(
    "R005", "cost-missing", "warning",
    message={"fr": "«\u00a0{id}\u00a0» est répondu «\u00a0{level}\u00a0» sans coût{sheet}",
             "en": "`{id}` is answered \"{level}\" without a cost{sheet}"},
    doc=make_doc(
        "Une réponse « Module tiers » ou « Développement spécifique » ne donne pas de coût : la colonne de "
        "coût est vide ou ne contient pas de montant (« sur devis »). Dans un fichier CSV d'avant la "
        "colonne de coût, un montant écrit dans le commentaire (« 4 500 € ») compte.",
        "Les modules tiers et les développements sont la part cachée du prix : sans leur coût, le prix "
        "comparé n'est pas celui que vous paierez.",
        "Id;Exigence;Réponse éditeur;Coût module tiers / développement (€ HT)\n"
        "INT-01;Synchronisation avec Sage 100;Module tiers;",
        "Demander à l'éditeur le coût (licence et mise en œuvre) et l'ajouter au prix comparé dans le "
        "fichier d'évaluation.",
        "A \"Third-party add-on\" or \"Custom development\" answer gives no cost: the cost column is empty "
        "or holds no amount (\"on quotation\"). In a CSV file from before the cost column, an amount written "
        "in the comment (\"€4,500\") counts.",
        "Add-ons and custom development are the hidden part of the price: without their cost, the price "
        "compared is not the one you will pay.",
        "Id,Requirement,Vendor response,Add-on / development cost (excl. VAT)\n"
        "INT-01,Sync with the ERP,Third-party add-on,",
        "Ask the vendor for the cost (licence and implementation) and add it to the price compared in the "
        "evaluation file.",
        example_lang="text",
    ),
)

rules.declare(
    "R006", "standard-everywhere", "info",
    message={"fr": "{share} des réponses sont «\u00a0{level}\u00a0»{sheet}\u00a0: vérifiez les indispensables en démonstration",
             "en": "{share} of the answers are \"{level}\"{sheet}: check the must-haves in the demos"},
    doc=make_doc(
        "Presque toutes les réponses d'un éditeur (90 % ou plus, sur au moins cinq réponses) sont "
        "« Standard ».",
        "Aucun CRM ne couvre nativement tout un cahier des charges : une matrice « tout standard » est "
        "souvent remplie vite, par le commercial plutôt que par l'avant-vente. Les démonstrations "
        "scénarisées disent ce qu'il en est vraiment.",
        "Id;Exigence;Réponse éditeur\nCRM-01;Fiche compte unique;Standard\nVEN-01;Devis;Standard\n"
        "INT-01;Synchronisation Sage 100;Standard",
        "Faire montrer les exigences indispensables pendant les démonstrations, sur vos données, et noter "
        "ce qui a été vu dans le fichier d'évaluation.",
        "Almost every answer of a vendor (90 % or more, over at least five answers) is \"Out of the box\".",
        "No CRM covers a whole specification out of the box: an \"all standard\" matrix is often filled in "
        "quickly, by sales rather than presales. Scripted demos tell what is really there.",
        "Id,Requirement,Vendor response\nCRM-01,Single account record,Out of the box\n"
        "SAL-01,Quotes,Out of the box\nINT-01,ERP sync,Out of the box",
        "Have the must-haves shown during the demos, on your data, and record what you saw in the "
        "evaluation file.",
        example_lang="text",
    ),
)
