"""Linting as a library: `Session` prepares settings and plugins, then lints specs.

    from crmreq.lint import Session
    report = Session.create(["examples/fr-negoce"]).lint_all()
    print(report.exit_code, [f.code for f in report.findings])

Names are imported lazily so that `crmreq lint` answering from its cache imports nothing
heavy (PEP 562).
"""

from __future__ import annotations

_LAZY = {
    "Session": ".session", "plugins_for": ".session", "Linter": ".engine", "Report": ".report",
}
__all__ = list(_LAZY)


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    from importlib import import_module

    return getattr(import_module(module, __name__), name)
