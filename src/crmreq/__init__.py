"""crmreq — requirements-as-code for CRM projects.

Write the cahier des charges as YAML/TOML files, lint it (`crmreq lint`) and export the
vendor pack (`crmreq export`). The library is usable without the CLI:

    from crmreq.loader import load_spec
    from crmreq.lint import lint_paths
"""

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl", "Rule", "RuleOption", "Exporter"]


def __getattr__(name):  # lazy (PEP 562): `from crmreq import hookimpl` imports pluggy only then
    if name == "hookimpl":
        from .hookspecs import hookimpl

        return hookimpl
    if name in ("Rule", "RuleOption", "Exporter"):
        from . import findings

        return getattr(findings, name)
    raise AttributeError(name)
