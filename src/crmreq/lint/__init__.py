"""Linting as a library: `Session` prepares settings and plugins, then lints specs.

    from crmreq.lint import Session
    report = Session.create(["examples/fr-negoce"]).lint_all()
    print(report.exit_code, [f.code for f in report.findings])
"""

from __future__ import annotations

from .engine import Linter
from .report import Report
from .session import Session, lint_section, plugins_for

__all__ = ["Linter", "Report", "Session", "lint_section", "plugins_for"]
