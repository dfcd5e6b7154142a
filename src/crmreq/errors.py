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
