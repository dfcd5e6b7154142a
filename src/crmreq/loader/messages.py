"""The French of the readers' messages: our duplicate-key message, our guards' messages
(yaml_loader, toml_guards) and the parsers' complaints reworded by yaml_loader and
syntax_hints. A parser's own words show only with --debug.
"""

from __future__ import annotations

import re

from ..values.text import french_spaces

_DUPLICATE_KEY = re.compile(r"duplicate key `(.*)` \(first defined on line (\d+)\); the first value is kept", re.DOTALL)
_NNBSP = "\u202f"


def _fr_number(text: str) -> str:
    """`100,000` → `100 000` with narrow no-break spaces (French typography)."""
    return re.sub(r"(?<=\d),(?=\d{3})", _NNBSP, text)


def more_duplicates(more: int) -> dict:
    """The finding that counts the duplicate keys of a file past the first ones reported."""
    if more == 1:
        return {"fr": "… et 1 autre clé en double dans ce fichier", "en": "… and 1 more duplicate key in this file"}
    return {"fr": f"… et {_fr_number(f'{more:,}')} autres clés en double dans ce fichier",
            "en": f"… and {more:,} more duplicate keys in this file"}


# messages of our own guards (yaml_loader, toml_guards); the parsers' own messages stay English
_FR_GUARDS = (
    (re.compile(r"too many aliases \(more than ([\d,]+)\)$"), "trop d'alias (plus de {0})"),
    (re.compile(r"alias expansion limit exceeded \(([\d,]+) nodes\)$"),
     "limite d'expansion des alias dépassée ({0} nœuds)"),
    (re.compile(r"document nested too deeply \(more than (\d+) levels\)$"),
     "document trop profondément imbriqué (plus de {0} niveaux)"),
    (re.compile(r"document nested too deeply$"), "document trop profondément imbriqué"),
    (re.compile(r"character (U\+[0-9A-F]{4,6}) is not allowed in YAML: .*$"),
     "le caractère {0} n'est pas permis en YAML : supprimez-le ou écrivez-le en séquence d'échappement entre guillemets doubles"),
    (re.compile(r"lone surrogate (\\u[0-9a-f]{4}): .*$"),
     "demi-caractère {0} isolé (substitut UTF-16 sans sa paire) : écrivez le caractère lui-même, ou les deux moitiés de la paire"),
    (re.compile(r"unexpected colon: .*$"),
     "deux-points inattendu : une valeur qui contient « : » s'écrit entre guillemets "
     "(title: \"Tâches: rappels\")"),
    (re.compile(r"tab character: .*$"), "tabulation : YAML s'indente avec des espaces, pas des tabulations"),
    (re.compile(r"quote opened here and never closed$"), "guillemet ouvert ici et jamais refermé"),
    (re.compile(r"bracket opened here and never closed, .*$"),
     "crochet ou accolade ouvert ici et jamais refermé, ou virgule manquante entre deux éléments"),
    (re.compile(r"indentation: this line does not line up .*$"),
     "indentation : cette ligne n'est pas alignée sur les lignes au-dessus"),
    (re.compile(r"a line with neither ': ' nor '- ': .*$"),
     "ligne sans « : » ni « - » : une clé demande deux-points, un texte sur plusieurs lignes doit être indenté"),
    # syntax_hints.py and yaml_loader._PLAIN_WORDS: the parsers' complaints in plain words
    (re.compile(r"indentation: this line is indented more than the key above it; line them up$"),
     "indentation : cette ligne est plus en retrait que la clé au-dessus ; alignez-les"),
    (re.compile(r"the line above has no colon: .*$"),
     "la ligne au-dessus n'a pas de deux-points : une clé s'écrit « clé: valeur »"),
    (re.compile(r"text after the closing quote: .*$"),
     "du texte suit le guillemet fermant : mettez toute la valeur entre guillemets"),
    (re.compile(r"a lone `\?` is not a value in YAML: .*$"),
     "« ? » seul n'est pas une valeur en YAML : écrivez-le entre guillemets (\"?\") ou laissez la valeur vide"),
    (re.compile(r"a `-` here starts a list item: .*$"),
     "un « - » à cet endroit commence un élément de liste : chaque élément se place sur sa ligne, sous la clé ; "
     "un tiret comme valeur s'écrit entre guillemets (\"-\")"),
    (re.compile(r"`\*` starts a YAML alias: .*$"),
     "« * » commence un alias YAML : une valeur qui commence par * s'écrit entre guillemets"),
    (re.compile(r"a value cannot start with `(.)`: .*$"),
     "une valeur ne peut pas commencer par « {0} » : écrivez-la entre guillemets"),
    (re.compile(r"in double quotes, \\ starts an escape: .*$"),
     "entre guillemets doubles, \\ commence une séquence d'échappement : écrivez \\\\, ou utilisez des guillemets simples"),
    (re.compile(r"a text on several lines: .*$"), "texte sur plusieurs lignes : indentez chacune de ses lignes sous sa clé"),
    (re.compile(r"YAML syntax error here$"), "erreur de syntaxe YAML à cet endroit"),
    (re.compile(r"TOML syntax error here$"), "erreur de syntaxe TOML à cet endroit"),
    (re.compile(r"a text is written in quotes: (.*)$"), "un texte s'écrit entre guillemets : {0}"),
    (re.compile(r"duplicate key `(.*)` \(first defined on line (\d+)\): keep one of them$"),
     "clé « {0} » en double (première définition ligne {1}) : n'en gardez qu'une"),
    (re.compile(r"duplicate key `(.*)`: keep one of them$"), "clé « {0} » en double : n'en gardez qu'une"),
    (re.compile(r"table \[(.*)\] declared twice \(first on line (\d+)\): .*$"),
     "table [{0}] déclarée deux fois (la première ligne {1}) : regroupez ses clés sous un seul en-tête"),
    (re.compile(r"table \[(.*)\] declared twice: .*$"),
     "table [{0}] déclarée deux fois : regroupez ses clés sous un seul en-tête"),
    (re.compile(r"TOML writes `key = value`: .*$"), "en TOML, on écrit « clé = valeur » : remplacez les deux-points par ="),
    (re.compile(r"a key needs = and a value: .*$"), "une clé demande = et une valeur : clé = \"valeur\""),
    (re.compile(r"one `key = value` per line: .*$"),
     "une seule paire « clé = valeur » par ligne : quelque chose suit la valeur (un texte s'écrit en entier entre guillemets)"),
    (re.compile(r"a date is written YYYY-MM-DD .*$"), "une date s'écrit AAAA-MM-JJ (2027-06-30)"),
    (re.compile(r"this line is neither `key = value` nor a \[table\] header$"),
     "cette ligne n'est ni « clé = valeur » ni un en-tête de table [table]"),
    (re.compile(r"value cannot be read: (.*)$"), "valeur illisible : {0}"),
    # yaml_tree.py and yaml_loader.py: what we refuse in a YAML file
    (re.compile(r"recursive alias: .*$"), "alias récursif : une ancre se désigne elle-même"),
    (re.compile(r"unsupported YAML tag (.*): write plain mappings and lists$"),
     "étiquette YAML {0} non prise en charge : écrivez des tables et des listes simples"),
    (re.compile(r"unsupported YAML tag (.*): write plain values$"),
     "étiquette YAML {0} non prise en charge : écrivez des valeurs simples"),
    (re.compile(r"mapping keys must be plain text, .*$"), "une clé s'écrit en texte simple, pas en liste ni en table"),
    (re.compile(r"a merge key \(<<\) needs .*$"), "une clé de fusion (<<) demande une table ou une liste de tables"),
    (re.compile(r"integer too long \(([\d,]+) digits\)$"), "nombre entier trop long ({0} chiffres)"),
    (re.compile(r"%YAML 1\.1 is not supported.*$"),
     "%YAML 1.1 n'est pas pris en charge : crmreq lit le YAML 1.2 (où « no » reste du texte et « 007 » reste 007)"),
    (re.compile(r"only one YAML document per file: .*$"),
     "un seul document YAML par fichier : retirez le séparateur « --- » ou découpez le fichier avec include"),
    (re.compile(r"document too large to parse$"), "document trop gros pour être lu"),
    (re.compile(r"key with too many dotted parts \(([\d,]+), limit (\d+)\)$"),
     "clé à trop de parties pointées ({0}, limite {1})"),
    (re.compile(r"table header with too many dotted parts \(([\d,]+), limit (\d+)\)$"),
     "en-tête de table à trop de parties pointées ({0}, limite {1})"),
    (re.compile(r"too many dotted keys in this file \(more than ([\d,]+) dotted parts\)$"),
     "trop de clés pointées dans ce fichier (plus de {0} parties pointées)"),
)


def _fr_guard(message: str) -> str | None:
    """The French of one of our guards' messages, or None when it is not one."""
    for pattern, french in _FR_GUARDS:
        found = pattern.match(message)
        if found:
            return french.format(*(_fr_number(g) for g in found.groups()))
    return None


def fr_yaml(message: str) -> str:
    """The French of a YAML reading problem (messages written in English by the readers)."""
    found = _DUPLICATE_KEY.match(message)
    if found:
        return french_spaces(f"clé « {found.group(1)} » en double (première définition ligne {found.group(2)}) ; "
                             "la première valeur est gardée")
    return french_spaces(_fr_guard(message) or message)


def fr_toml(message: str) -> str:
    """The French of a TOML reading problem."""
    return french_spaces(_fr_guard(message) or message)


