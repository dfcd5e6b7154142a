"""crmreq-btp — a crmreq rule pack for construction and field-service companies (BTP).

Installing the package is enough: crmreq finds it through the `crmreq` entry point declared
in its pyproject.toml (`btp = "crmreq_btp"`) and calls the hooks below.

- `crmreq_schema_extensions`: adds the `sites`, `subcontractors` and `equipment` sections, a
  `btp` field on features and `project.works_as_subcontractor` (see `crmreq_btp.schema`);
- `crmreq_register_rules`: adds the rules BTP001…BTP011 (see `crmreq_btp.rules`); they are
  silent on specs that use none of those;
- `crmreq_config_options`: declares `btp-feature-tags-only`, which every BTP rule reads.

Disable it for one run with `crmreq lint --disable-plugin btp`.
"""

from __future__ import annotations

from crmreq import hookimpl

from .rules import TAGS_ONLY, rules
from .schema import EXTENSIONS

__version__ = "0.1.0"

crmreq_register_rules = rules.hook


@hookimpl
def crmreq_schema_extensions():
    return dict(EXTENSIONS)


@hookimpl
def crmreq_config_options():
    # Options attached to a rule (`btp-vigilance-threshold` on BTP005) are declared with the rule;
    # this hook declares the plugin-wide ones.
    return [TAGS_ONLY]
