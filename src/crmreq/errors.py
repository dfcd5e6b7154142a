"""Errors that end a run with exit code 2 and one line on stderr, never a traceback."""


class CrmreqError(Exception):
    """A usage, configuration or input problem: one clear line for the user (exit 2)."""


class ConfigError(CrmreqError):
    pass


class PluginError(CrmreqError):
    """A plugin could not be loaded or registered something invalid."""
