"""The French of the readers' messages: our duplicate-key message, our guards' messages
(yaml_loader, toml_guards) and the parser's usual complaints reworded by yaml_loader; a rarer
parser message stays English in both languages.
"""

from __future__ import annotations

import re

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
    """The parser speaks English; the duplicate-key message and the guards' we write ourselves."""
    found = _DUPLICATE_KEY.match(message)
    if found:
        return f"clé « {found.group(1)} » en double (première définition ligne {found.group(2)}) ; la première valeur est gardée"
    return _fr_guard(message) or message


def fr_toml(message: str) -> str:
    """The TOML parser speaks English; only our guards' messages have a French version."""
    return _fr_guard(message) or message
