"""crmreq — requirements-as-code for CRM projects.

Write the cahier des charges as YAML/TOML files, lint it (`crmreq lint`) and export the
vendor pack (`crmreq export`). The library is usable without the CLI:

    from crmreq.lint import Session
    report = Session.create(["examples/fr-negoce"]).lint_all()

Plugin authors import what they need from here: see docs/plugins.md, `crmreq.authoring`
and, for exporters, `crmreq.exporting`.
"""

from .authoring import Entry, Position, RuleSet, entries, fold, make_doc, mapping
from .findings import Exporter, Rule, RuleOption
from .hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = [
    "__version__", "hookimpl", "Rule", "RuleOption", "Exporter",
    "RuleSet", "make_doc", "fold", "Entry", "entries", "mapping", "Position",
]
