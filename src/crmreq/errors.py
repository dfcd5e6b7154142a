"""Errors that end a run with exit code 2 and one line on stderr, never a traceback."""


class CrmreqError(Exception):
    """A usage, configuration or input problem: one clear line for the user (exit 2)."""


class SaidError(CrmreqError):
    """A CrmreqError said in French and in English (`texts`): the CLI prints the run's language."""

    def __init__(self, fr: str, en: str):
        from .values.text import french_spaces

        super().__init__(en)
        self.texts = {"fr": french_spaces(fr), "en": en}


class ConfigError(SaidError):
    """The configuration (.crmreq.toml, [tool.crmreq], [score]) is wrong: said in both languages."""


class PluginError(SaidError):
    """A plugin could not be loaded or registered something invalid: said in both languages."""


_OS_REASONS_FR = {
    "ENOSPC": "plus de place sur le disque", "EACCES": "permission refusée", "EPERM": "opération non permise",
    "EROFS": "système de fichiers en lecture seule", "ENOENT": "fichier ou dossier introuvable",
    "EISDIR": "c'est un dossier", "ENOTDIR": "un élément du chemin n'est pas un dossier",
    "ENAMETOOLONG": "nom de fichier trop long", "ELOOP": "trop de liens symboliques", "EBUSY": "ressource occupée",
    "EDQUOT": "quota de disque dépassé", "EIO": "erreur d'entrée-sortie", "EMFILE": "trop de fichiers ouverts",
    "EEXIST": "le fichier existe déjà", "EXDEV": "déplacement impossible entre deux disques",
}


def os_reason(exc: OSError) -> dict:
    """Why the system refused, in French and in English (`strerror` is the C library's English)."""
    import errno

    english = exc.strerror or str(exc)
    name = errno.errorcode.get(exc.errno or -1, "")
    return {"fr": _OS_REASONS_FR.get(name, english), "en": english}
