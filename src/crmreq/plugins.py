"""Builds the plugin manager: built-ins, entry points, configured and local plugins.

Built-in rule families and exporters are plugins like any other; they register through the
hooks in `crmreq.hookspecs`. Hooks are called through pluggy, one implementation at a time
(`get_hookimpls()`, keyword arguments), so a plugin that fails to import, raises in a hook or
contributes something invalid is described by name in `Plugins.errors` (one line, exit 2)
while every other plugin still contributes.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass, field, replace
from importlib.metadata import entry_points
from pathlib import Path

import pluggy

from . import hookspecs
from .errors import PluginError
from .findings import BUILTIN_CODE, PLUGIN_CODE, RULE_NAME, SEVERITIES, Exporter, Rule, RuleOption

ENTRY_POINT_GROUP = "crmreq"

BUILTIN_MODULES = (
    "crmreq.rules.loading",
    "crmreq.rules.smart",
    "crmreq.rules.flows",
    "crmreq.rules.rgpd",
    "crmreq.rules.nfr",
    "crmreq.rules.priorities",
    "crmreq.rules.traceability",
    "crmreq.rules.budget",
    "crmreq.rules.migration",
    "crmreq.rules.timeline",
    "crmreq.rules.consultation",
    "crmreq.rules.wording",
    "crmreq.rules.responses",
    "crmreq.rules.meta",
    "crmreq.export.builtin",
)


@dataclass
class PluginInfo:
    name: str
    version: str
    source: str                 # "built-in", "entry point", "config", "local"
    location: str = ""
    rules: list = field(default_factory=list)
    exporters: list = field(default_factory=list)
    schema: list = field(default_factory=list)
    options: list = field(default_factory=list)


@dataclass
class Plugins:
    """What the run knows about: rules by code, exporters by name, schema extensions."""

    manager: pluggy.PluginManager
    infos: dict[str, PluginInfo]
    rules: dict[str, Rule]
    exporters: dict[str, Exporter]
    schema_extensions: dict[str, dict]
    options: list
    errors: list = field(default_factory=list)   # one line per broken plugin: the run goes on, exit 2

    def rule(self, code_or_name: str) -> Rule | None:
        wanted = code_or_name.strip()
        if wanted.upper() in self.rules:
            return self.rules[wanted.upper()]
        for rule in self.rules.values():
            if rule.name == wanted.lower():
                return rule
        return None


def load_plugins(extra: list | tuple = (), local_dirs: list[Path] | tuple = (),
                 disabled: set[str] | frozenset = frozenset()) -> Plugins:
    """Discover, register and collect every plugin.

    `extra` holds configured plugins: module names, paths to .py files, or plugin objects
    (modules, or anything with `@hookimpl` methods). A broken plugin is skipped and described
    in `Plugins.errors`; the caller reports it and exits 2 after the run.
    """
    loader = _Loader(disabled)
    loader.register_builtins()
    loader.register_entry_points()
    candidates = [(spec, "config") for spec in extra]
    for directory in local_dirs:
        candidates += [(str(p), "local") for p in sorted(Path(directory).glob("*.py")) if not p.name.startswith("_")]
    for spec, source in candidates:
        loader.register_configured(spec, source)
    loader.check_hooks()
    return loader.collect()


class _Loader:
    """One plugin discovery: the pluggy manager, who owns which plugin, and what they contributed."""

    def __init__(self, disabled):
        self.disabled = disabled
        self.pm = pluggy.PluginManager("crmreq")
        self.pm.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self.owner_of: dict[int, str] = {}      # id(plugin object) -> plugin name
        self.errors: list[PluginError] = []   # said in both languages (`.texts`); str() is the English
        self.rules: dict[str, Rule] = {}
        self.exporters: dict[str, Exporter] = {}
        self.schema: dict[str, dict] = {}
        self.schema_owner: dict[str, str] = {}
        self.options: list[RuleOption] = []

    # -- discovery -------------------------------------------------------------------------

    def register_builtins(self) -> None:
        from . import __version__

        self.infos["crmreq"] = PluginInfo("crmreq", __version__, "built-in")
        for module_name in BUILTIN_MODULES:
            module = importlib.import_module(module_name)
            self.pm.register(module, name=module_name)
            self.owner_of[id(module)] = "crmreq"

    def register_entry_points(self) -> None:
        try:
            found = entry_points(group=ENTRY_POINT_GROUP)
        except Exception as exc:  # unreadable metadata: say so, and lint with what remains
            self.errors.append(PluginError(
                f"les points d'entrée des plugins sont illisibles : {type(exc).__name__}: {exc}",
                f"plugin entry points could not be read: {type(exc).__name__}: {exc}"))
            return
        for ep in sorted(found, key=lambda e: e.name):
            if ep.name in self.disabled:
                continue
            try:
                obj = ep.load()
                version = (ep.dist.version if ep.dist is not None else None) or _version_of(obj)
                self.register(obj, f"ep:{ep.name}", PluginInfo(ep.name, version, "entry point", ep.value))
            except Exception as exc:
                self.errors.append(_describe(exc, ep.name))

    def register_configured(self, spec, source: str) -> None:
        """A `plugins` configuration entry or a file of a local `plugins/` folder."""
        if _plugin_name(spec) in self.disabled:   # never import a disabled plugin: it may be the broken one
            return
        try:
            obj, name = _import_plugin(spec)
            if name in self.disabled:
                return
            location = spec if isinstance(spec, (str, Path)) else name
            self.register(obj, f"{source}:{location}", PluginInfo(name, _version_of(obj), source, str(location)))
        except Exception as exc:
            self.errors.append(_describe(exc, _plugin_name(spec)))

    def register(self, obj, name: str, info: PluginInfo) -> None:
        if self.pm.has_plugin(name) or self.pm.is_registered(obj):
            return
        try:
            self.pm.register(obj, name=name)
        except Exception as exc:
            raise PluginError(f"le plugin « {info.name} » n'a pas pu être enregistré : {_one_line(exc)}",
                              f"plugin {info.name!r} could not be registered: {_one_line(exc)}") from None
        self.infos.setdefault(info.name, info)
        self.owner_of[id(obj)] = info.name
        undecorated = [hook for hook in _HOOKS if callable(getattr(obj, hook, None))
                       and self.pm.parse_hookimpl_opts(obj, hook) is None]
        if undecorated:
            hooks = ", ".join(undecorated)
            self.errors.append(PluginError(
                f"plugin « {info.name} » : {hooks} doit être décoré de @crmreq.hookimpl, sinon crmreq ne l'appelle pas",
                f"plugin {info.name!r}: {hooks} must be decorated with @crmreq.hookimpl, or crmreq never calls it"))

    def check_hooks(self) -> None:
        """An implementation of a hook that does not exist (a typo) unregisters its plugin."""
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            bad = exc.plugin
            unknown = ", ".join(self.unknown_hooks(bad)) or _one_line(exc)
            self.errors.append(PluginError(
                f"le plugin « {self.owner(bad)} » implémente un hook inconnu : {unknown} "
                f"(hooks de crmreq : {', '.join(_HOOKS)})",
                f"plugin {self.owner(bad)!r} implements an unknown hook: {unknown} "
                f"(crmreq's hooks: {', '.join(_HOOKS)})"))
            self.pm.unregister(bad)
            self.check_hooks()

    def unknown_hooks(self, plugin_obj) -> list[str]:
        """The plugin's implementations (by function name) of hooks crmreq does not have."""
        unknown = []
        for name in dir(plugin_obj):
            opts = self.pm.parse_hookimpl_opts(plugin_obj, name)
            if opts is not None and (opts.get("specname") or name) not in _HOOKS:
                unknown.append(name)
        return unknown

    def owner(self, plugin_obj) -> str:
        return self.owner_of.get(id(plugin_obj)) or self.pm.get_name(plugin_obj) or "?"

    # -- collection ------------------------------------------------------------------------

    def collect(self) -> Plugins:
        """Call each plugin's hooks, plugin after plugin in registration order."""
        steps = (("crmreq_register_rules", self.add_rules), ("crmreq_register_exporters", self.add_exporters),
                 ("crmreq_schema_extensions", self.add_schema), ("crmreq_config_options", self.add_options))
        for _name, plugin_obj in self.pm.list_name_plugin():
            owner = self.owner(plugin_obj)
            for hook_name, add in steps:
                for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
                    if impl.plugin is not plugin_obj:
                        continue
                    try:
                        add(owner, _call(impl, hook_name, owner))
                    except Exception as exc:
                        if owner == "crmreq":
                            raise
                        self.errors.append(_describe(exc, owner))
        return Plugins(self.pm, self.infos, dict(sorted(self.rules.items())), self.exporters, self.schema,
                       self.options, self.errors)

    def add_rules(self, owner: str, rules) -> None:
        pattern = BUILTIN_CODE if owner == "crmreq" else PLUGIN_CODE
        names = {r.name: r for r in self.rules.values()}
        for rule in _contributed(rules, Rule, owner, "crmreq_register_rules"):
            if not pattern.match(rule.code):
                expected = (("une majuscule et trois chiffres", "one capital and three digits") if owner == "crmreq"
                            else ("au moins deux majuscules et trois chiffres (par exemple BTP001)",
                                  "two or more capitals and three digits (e.g. BTP001)"))
                raise PluginError(f"plugin « {owner} » : le code de règle « {rule.code} » doit être {expected[0]}",
                                  f"plugin {owner!r}: rule code {rule.code!r} must be {expected[1]}")
            if not RULE_NAME.match(rule.name):
                raise PluginError(f"plugin « {owner} » : le nom de règle « {rule.name} » s'écrit en minuscules "
                                  "reliées par des tirets (kebab-case)",
                                  f"plugin {owner!r}: rule name {rule.name!r} must be kebab-case")
            if rule.severity not in SEVERITIES:
                raise PluginError(f"plugin « {owner} » : la règle {rule.code} a la sévérité « {rule.severity} » "
                                  "(error, warning ou info attendu)",
                                  f"plugin {owner!r}: rule {rule.code} has severity {rule.severity!r} "
                                  "(error, warning or info expected)")
            if rule.code in self.rules:
                first = self.rules[rule.code].plugin
                raise PluginError(f"plugin « {owner} » : le code de règle {rule.code} est déjà enregistré par « {first} »",
                                  f"plugin {owner!r}: rule code {rule.code} is already registered by {first!r}")
            if rule.name in names:
                raise PluginError(f"plugin « {owner} » : le nom de règle « {rule.name} » est déjà pris par "
                                  f"{names[rule.name].code}",
                                  f"plugin {owner!r}: rule name {rule.name!r} is already used by {names[rule.name].code}")
            if not rule.message:
                raise PluginError(f"plugin « {owner} » : la règle {rule.code} n'a pas de message",
                                  f"plugin {owner!r}: rule {rule.code} has no message")
            self.rules[rule.code] = names[rule.name] = replace(rule, plugin=owner)
            self.infos[owner].rules.append(rule.code)

    def add_exporters(self, owner: str, exporters) -> None:
        for exporter in _contributed(exporters, Exporter, owner, "crmreq_register_exporters"):
            if exporter.name in self.exporters or exporter.name == "pack":
                raise PluginError(f"plugin « {owner} » : le format d'export « {exporter.name} » est déjà enregistré",
                                  f"plugin {owner!r}: export format {exporter.name!r} is already registered")
            self.exporters[exporter.name] = replace(exporter, plugin=owner)
            self.infos[owner].exporters.append(exporter.name)

    def add_schema(self, owner: str, extension) -> None:
        if extension is None:
            return
        if not isinstance(extension, dict) or not all(isinstance(k, str) and isinstance(v, dict)
                                                      for k, v in extension.items()):
            raise PluginError(f"plugin « {owner} » : crmreq_schema_extensions doit renvoyer un dictionnaire de "
                              "règles cerberus",
                              f"plugin {owner!r}: crmreq_schema_extensions must return a dict of cerberus rules")
        from .schema import base_schema, check_extension

        base = base_schema()
        for key, rules in extension.items():
            section, _, fieldname = key.partition(".")
            if key in self.schema:
                first = self.schema_owner[key]
                raise PluginError(f"plugin « {owner} » : la clé de schéma « {key} » est déjà étendue par le plugin "
                                  f"« {first} »",
                                  f"plugin {owner!r}: schema key {key!r} is already extended by plugin {first!r}")
            if not fieldname and section in base:
                raise PluginError(f"plugin « {owner} » : la clé de schéma « {key} » est une section de crmreq ; "
                                  f"ajoutez une section à vous, ou une clé à celle-ci (« {key}.ma_cle »)",
                                  f"plugin {owner!r}: schema key {key!r} is a built-in section; add a section "
                                  f"of your own or a key to it (\"{key}.my_key\")")
            if fieldname:
                if section not in base and section not in self.schema:
                    raise PluginError(f"plugin « {owner} » : la clé de schéma « {key} » étend une section inconnue "
                                      f"« {section} »",
                                      f"plugin {owner!r}: schema key {key!r} extends an unknown section {section!r}")
                target = base.get(section) or {}
                target = target.get("schema", {}) if target.get("type") != "list" \
                    else target.get("schema", {}).get("schema", {})
                if fieldname in target:
                    raise PluginError(f"plugin « {owner} » : la clé de schéma « {key} » est une clé de crmreq",
                                      f"plugin {owner!r}: schema key {key!r} is a built-in key")
            try:
                check_extension({key: rules})
            except Exception as exc:
                raise PluginError(f"plugin « {owner} » : la clé de schéma « {key} » n'est pas du cerberus valide : "
                                  f"{_one_line(exc)}",
                                  f"plugin {owner!r}: schema key {key!r} is not valid cerberus: "
                                  f"{_one_line(exc)}") from None
            self.schema[key] = rules
            self.schema_owner[key] = owner
            self.infos[owner].schema.append(key)

    def add_options(self, owner: str, declared) -> None:
        if declared is None:
            return
        if not isinstance(declared, (list, tuple)):
            raise PluginError(f"plugin « {owner} » : crmreq_config_options doit renvoyer une liste",
                              f"plugin {owner!r}: crmreq_config_options must return a list")
        for option in declared:
            if not isinstance(option, RuleOption):
                raise PluginError(f"plugin « {owner} » : crmreq_config_options doit renvoyer des RuleOption, "
                                  f"pas {type(option).__name__}",
                                  f"plugin {owner!r}: crmreq_config_options must return RuleOption objects, "
                                  f"not {type(option).__name__}")
            self.options.append(option)
            self.infos[owner].options.append(option.name)


_HOOKS = ("crmreq_register_rules", "crmreq_register_exporters", "crmreq_schema_extensions", "crmreq_config_options")


def _call(impl, hook_name: str, owner: str):
    """Call one implementation; a failure is the plugin's, named (crmreq's hooks take no arguments)."""
    if impl.hookwrapper or impl.wrapper:
        raise PluginError(f"plugin « {owner} » : {impl.function.__name__} est un hook wrapper ; "
                          "les hooks de crmreq attendent des implémentations simples",
                          f"plugin {owner!r}: {impl.function.__name__} is a hook wrapper; "
                          "crmreq's hooks take plain implementations")
    try:
        return impl.function()
    except PluginError:
        raise
    except Exception as exc:
        raise PluginError(f"le plugin « {owner} » a échoué dans {hook_name} : {type(exc).__name__}: {exc}",
                          f"plugin {owner!r} failed in {hook_name}: {type(exc).__name__}: {exc}") from None


def _contributed(result, kind: type, owner: str, hook_name: str) -> list:
    """What a registration hook returned: None, or a list or tuple of `kind`."""
    if result is None:
        return []
    if not isinstance(result, (list, tuple)):
        raise PluginError(f"plugin « {owner} » : {hook_name} doit renvoyer une liste de {kind.__name__}, "
                          f"pas {type(result).__name__}",
                          f"plugin {owner!r}: {hook_name} must return a list of {kind.__name__}, "
                          f"not {type(result).__name__}")
    for thing in result:
        if not isinstance(thing, kind):
            raise PluginError(f"le plugin « {owner} » a enregistré un {type(thing).__name__}, "
                              f"un {kind.__name__} était attendu",
                              f"plugin {owner!r} registered {type(thing).__name__}, expected {kind.__name__}")
    return list(result)


def _version_of(module) -> str:
    version = getattr(module, "__version__", None)
    if version:
        return str(version)
    top = getattr(module, "__name__", "").split(".")[0]
    try:
        from importlib.metadata import version as dist_version

        return dist_version(top)
    except Exception:
        return "0"


def _describe(exc: Exception, name: str) -> PluginError:
    if isinstance(exc, PluginError):
        return exc
    return PluginError(f"le plugin « {name} » a échoué : {type(exc).__name__}: {exc}",
                       f"plugin {name!r} failed: {type(exc).__name__}: {exc}")


def _one_line(exc: Exception) -> str:
    """pluggy and cerberus write messages over several lines: one line per problem is the rule."""
    return " ".join(str(exc).split())


def _plugin_name(spec) -> str:
    """The name a configured or local plugin will have, known before importing it."""
    if not isinstance(spec, (str, Path)):
        return getattr(spec, "__name__", None) or type(spec).__name__
    spec = str(spec)
    if spec.endswith(".py") or "/" in spec or "\\" in spec:
        return Path(spec).stem
    return spec


def _import_plugin(spec):
    """A plugin given as a module name, a path to a .py file, or an object: (object, name)."""
    if not isinstance(spec, (str, Path)):
        return spec, _plugin_name(spec)
    spec = str(spec)
    if spec.endswith(".py") or "/" in spec or "\\" in spec:
        path = Path(spec)
        if not path.is_file():
            raise PluginError(f"fichier de plugin introuvable : {spec}", f"plugin file not found: {spec}")
        name = f"crmreq_local_{path.stem}"
        try:
            module_spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(module_spec)
            sys.modules[name] = module
            module_spec.loader.exec_module(module)
        except Exception as exc:
            sys.modules.pop(name, None)
            raise PluginError(f"le plugin « {path.name} » n'a pas pu être importé : {type(exc).__name__}: {exc}",
                              f"plugin {path.name!r} failed to import: {type(exc).__name__}: {exc}") from None
        return module, path.stem
    try:
        module = importlib.import_module(spec)
    except Exception as exc:
        raise PluginError(f"le plugin « {spec} » n'a pas pu être importé : {type(exc).__name__}: {exc}",
                          f"plugin {spec!r} failed to import: {type(exc).__name__}: {exc}") from None
    return module, spec
