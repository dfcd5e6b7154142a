"""Every hook crmreq calls, documented where it is declared.

Plugins implement these with `@crmreq.hookimpl` and are found through the `crmreq`
entry-point group, the `plugins` configuration key (a module name or a path to a .py file),
or a `plugins/` directory next to the spec's entry file. crmreq's own rules and exporters
are registered through these very hooks (see `crmreq.plugins.BUILTIN_MODULES`).

Each hook is called once per run for each plugin on its own, through pluggy: an
implementation takes any subset of the arguments (pluggy passes only those it names), and
`@hookimpl(specname="crmreq_register_rules")` lets a function of another name implement one.
A hook returns what the plugin contributes.

Compatibility promise: hooks are only ever added. A hook's arguments are only ever added
too, so a plugin written against this version keeps working until a major version of crmreq.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("crmreq")
hookimpl = pluggy.HookimplMarker("crmreq")


@hookspec
def crmreq_register_rules():
    """Add lint rules: return a list of `crmreq.Rule` (`RuleSet.hook` does it for you).

    Called once per run, before any spec is loaded. Built-in codes are one capital letter
    and three digits (`S001`); a plugin's codes use a prefix of two or more capitals
    (`BTP001`). A code or name already taken is refused with an error naming both plugins.
    """


@hookspec
def crmreq_register_exporters():
    """Add export formats: return a list of `crmreq.Exporter`.

    `Exporter.write(spec, path, options)` must write one file at `path` (a temporary path:
    crmreq renames it into place atomically). `options` is a dict (`lang`, `dialect`…).
    """


@hookspec
def crmreq_schema_extensions():
    """Extend the spec schema. Return a dict of cerberus rules, keyed by where they apply:

    - `"sites"`: a new top-level section (e.g. `{"type": "list", "schema": {...}}`);
    - `"features.site"`: a new field on every item of a list section (or a key of a
      mapping section such as `"project.sector"`).

    Rules read them through `crmreq.entries(spec, "sites")` and `crmreq.entry(spec, "project")`
    (typed items, with positions), or raw as `spec.extension("sites")`.
    """


@hookspec
def crmreq_config_options():
    """Declare configuration keys your plugin reads (beyond per-rule options).

    Return a list of `crmreq.RuleOption`. Users set them in `.crmreq.toml` or
    `[tool.crmreq]`; read them in a rule through `emit.option(name)`.
    """
