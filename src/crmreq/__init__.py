"""crmreq — requirements-as-code for CRM projects.

Write the cahier des charges as YAML/TOML files, lint it (`crmreq lint`) and export the
vendor pack (`crmreq export`). The library is usable without the CLI:

    from crmreq.loader import load_spec
    from crmreq.lint import lint_paths

Plugin authors import what they need from here: see docs/plugins.md and `crmreq.authoring`.
"""

from .authoring import Entry, MatrixRow, Position, RuleSet, entries, fold, make_doc, mapping, matrix_rows
from .findings import Exporter, Rule, RuleOption
from .hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = [
    "__version__", "hookimpl", "Rule", "RuleOption", "Exporter",
    "RuleSet", "make_doc", "fold", "Entry", "entries", "mapping", "Position", "matrix_rows", "MatrixRow",
]
