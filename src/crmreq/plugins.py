"""Builds the plugin manager: built-ins, entry points, configured and local plugins.

Built-in rule families and exporters are plugins like any other; they register through the
hooks in `crmreq.hookspecs`. Loading is isolated per plugin: a plugin that fails to import
or registers something invalid raises `PluginError` naming it (one line, exit 2).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pluggy

from . import hookspecs
from .errors import PluginError
from .findings import BUILTIN_CODE, PLUGIN_CODE, RULE_NAME, SEVERITIES, Exporter, Rule

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


class _Collector:
    """The `registry` object handed to registration hooks; remembers who added what."""

    def __init__(self, kind, owner: str):
        self.kind, self.owner, self.added = kind, owner, []

    def add(self, thing) -> None:
        if not isinstance(thing, self.kind):
            raise PluginError(
                f"plugin {self.owner!r} registered {type(thing).__name__}, expected {self.kind.__name__}"
            )
        self.added.append(thing)


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


def _version_of(module) -> str:
    version = getattr(module, "__version__", None)
    if version:
        return str(version)
    top = module.__name__.split(".")[0]
    try:
        from importlib.metadata import version as dist_version

        return dist_version(top)
    except Exception:
        return "0"


def load_plugins(extra: list[str] | tuple = (), local_dirs: list[Path] | tuple = (),
                 disabled: set[str] | frozenset = frozenset()) -> Plugins:
    """Discover and register every plugin.

    A broken plugin (import error, invalid registration, clash of codes) is skipped and
    described in `Plugins.errors`; the caller reports it and exits 2 after the run.
    """
    from . import __version__

    errors: list[str] = []
    pm = pluggy.PluginManager("crmreq")
    pm.add_hookspecs(hookspecs)
    infos: dict[str, PluginInfo] = {}
    owner_of: dict[int, str] = {}

    crmreq_info = PluginInfo("crmreq", __version__, "built-in")
    infos["crmreq"] = crmreq_info
    for module_name in BUILTIN_MODULES:
        module = importlib.import_module(module_name)
        pm.register(module, name=module_name)
        owner_of[id(module)] = "crmreq"

    def register(obj, name, info):
        if name in disabled or info.name in disabled:
            return
        if pm.has_plugin(name) or pm.is_registered(obj):
            return
        try:
            pm.register(obj, name=name)
        except Exception as exc:
            raise PluginError(f"plugin {info.name!r} could not be registered: {_one_line(exc)}") from None
        infos.setdefault(info.name, info)
        owner_of[id(obj)] = info.name

    # entry points
    try:
        eps = entry_points(ENTRY_POINT_GROUP)
    except Exception:  # a broken environment must not stop linting
        eps = ()
    for ep in sorted(eps, key=lambda e: e.name):
        if ep.name in disabled:
            continue
        try:
            obj = ep.load()
            dist = getattr(ep, "dist", None)
            version = getattr(dist, "version", None) or _version_of(obj)
            register(obj, f"ep:{ep.name}", PluginInfo(ep.name, version, "entry point", ep.value))
        except Exception as exc:
            errors.append(_describe(exc, ep.name))

    # configured modules or .py paths, then local plugins/ directories
    candidates = [(spec, "config") for spec in extra]
    for directory in local_dirs:
        candidates += [(str(p), "local") for p in sorted(Path(directory).glob("*.py")) if not p.name.startswith("_")]
    for spec, source in candidates:
        if _plugin_name(spec) in disabled:   # never import a disabled plugin: it may be the broken one
            continue
        try:
            obj, name = _import_plugin(spec)
            if name in disabled:
                continue
            register(obj, f"{source}:{spec}", PluginInfo(name, _version_of(obj), source, str(spec)))
        except Exception as exc:
            errors.append(_describe(exc, spec))

    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        bad = exc.plugin
        errors.append(f"plugin {owner_of.get(id(bad), pm.get_name(bad))!r} implements an unknown hook: {_one_line(exc)}")
        pm.unregister(bad)

    rules: dict[str, Rule] = {}
    exporters: dict[str, Exporter] = {}
    schema_ext: dict[str, dict] = {}
    schema_owner: dict[str, str] = {}
    options: list = []
    for _name, plugin_obj in pm.list_name_plugin():  # registration order
        owner = owner_of.get(id(plugin_obj), pm.get_name(plugin_obj) or "?")
        info = infos[owner]
        builtin = owner == "crmreq"
        for collect in (
            lambda: _collect_rules(pm, plugin_obj, owner, builtin, rules, info),
            lambda: _collect_exporters(pm, plugin_obj, owner, exporters, info),
            lambda: _collect_schema(pm, plugin_obj, owner, schema_ext, info, schema_owner),
            lambda: _collect_options(pm, plugin_obj, owner, options, info),
        ):
            try:
                collect()
            except Exception as exc:
                if builtin:
                    raise
                errors.append(_describe(exc, owner))
    return Plugins(pm, infos, dict(sorted(rules.items())), exporters, schema_ext, options, errors)


def entry_points(group: str):
    """The entry points of `group`, as `importlib.metadata.entry_points(group=group)` finds them.

    Importing `importlib.metadata` (email, zipfile, csv…) costs more than the rest of the
    plugin discovery, at every start. In the ordinary case (distributions in directories of
    `sys.path`, found by the standard path finder) the `*.dist-info`/`*.egg-info` folders are
    read here directly, the way importlib.metadata reads them: first distribution of each
    normalised name in `sys.path` order, `entry_points.txt` sections, `module:attr` values.
    Anything else (zip files, eggs, custom finders) goes to importlib.metadata.
    """
    found = _scan_entry_points(group)
    if found is None:
        from importlib.metadata import entry_points as metadata_entry_points

        found = metadata_entry_points(group=group)
    return found


class _DistInfo:
    """The `dist` of an entry point found by `_scan_entry_points`: its version, read on demand."""

    def __init__(self, path: str):
        self.path = path

    @property
    def version(self) -> str | None:
        for name in ("METADATA", "PKG-INFO"):
            try:
                with open(os.path.join(self.path, name), encoding="utf-8") as handle:
                    for line in handle:
                        if not line.strip():
                            break
                        key, sep, value = line.partition(":")
                        if sep and key.strip().lower() == "version":
                            return value.strip()
                return None
            except (OSError, UnicodeDecodeError):
                continue
        return None


class _EntryPoint:
    """An entry point found by `_scan_entry_points` (what `importlib.metadata.EntryPoint` offers here)."""

    _VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")

    def __init__(self, name: str, value: str, group: str, dist: _DistInfo):
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self):
        match = self._VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point {self.value!r}")
        obj = importlib.import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            obj = getattr(obj, attr)
        return obj

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def _scan_entry_points(group: str) -> list | None:
    """Entry points of `group` read from the distributions' folders, or None when unsure."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return None
    seen: set[str] = set()
    found = []
    for entry in sys.path:
        if not isinstance(entry, str):
            return None
        root = entry or "."
        try:
            children = os.listdir(root)
        except OSError:
            if os.path.exists(root):    # a zip file: importlib.metadata reads those
                return None
            continue
        if os.path.basename(root).lower().endswith(".egg"):
            return None
        by_name: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if not low.endswith((".dist-info", ".egg-info")):
                continue
            if not child.endswith((".dist-info", ".egg-info")):
                return None             # "X.DIST-INFO": importlib.metadata names it from its metadata
            name = re.sub(r"[-_.]+", "-", low.rpartition(".")[0].partition("-")[0]).replace("-", "_")
            by_name.setdefault(name, []).append(child)
        for name, folders in by_name.items():
            for folder in folders:
                if name in seen:
                    continue
                seen.add(name)
                path = os.path.join(root, folder)
                try:
                    with open(os.path.join(path, "entry_points.txt"), encoding="utf-8") as handle:
                        text = handle.read()
                except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
                    continue
                found += _entry_points_in(text, group, _DistInfo(path))
    return found


def _entry_points_in(text: str, group: str, dist: _DistInfo) -> list:
    section = None
    found = []
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section == group:
            name, _, value = line.partition("=")
            found.append(_EntryPoint(name.strip(), value.strip(), group, dist))
    return found


def _describe(exc: Exception, name: str) -> str:
    if isinstance(exc, PluginError):
        return str(exc)
    return f"plugin {name!r} failed: {type(exc).__name__}: {exc}"


def _call_one(pm, plugin_obj, hook_name, owner, *args):
    impl = getattr(plugin_obj, hook_name, None)
    if impl is None:
        return None
    try:
        return impl(*args)
    except PluginError:
        raise
    except Exception as exc:
        raise PluginError(f"plugin {owner!r} failed in {hook_name}: {type(exc).__name__}: {exc}") from None


def _collect_rules(pm, plugin_obj, owner, builtin, rules, info):
    collector = _Collector(Rule, owner)
    _call_one(pm, plugin_obj, "crmreq_register_rules", owner, collector)
    names = {r.name: r for r in rules.values()}
    for rule in collector.added:
        pattern = BUILTIN_CODE if builtin else PLUGIN_CODE
        if not pattern.match(rule.code):
            expected = "one capital and three digits" if builtin else "two or more capitals and three digits (e.g. BTP001)"
            raise PluginError(f"plugin {owner!r}: rule code {rule.code!r} must be {expected}")
        if not RULE_NAME.match(rule.name):
            raise PluginError(f"plugin {owner!r}: rule name {rule.name!r} must be kebab-case")
        if rule.severity not in SEVERITIES:
            raise PluginError(f"plugin {owner!r}: rule {rule.code} has severity {rule.severity!r}")
        if rule.code in rules:
            raise PluginError(
                f"plugin {owner!r}: rule code {rule.code} is already registered by {rules[rule.code].plugin!r}"
            )
        if rule.name in names:
            raise PluginError(
                f"plugin {owner!r}: rule name {rule.name!r} is already used by {names[rule.name].code}"
            )
        if not rule.message:
            raise PluginError(f"plugin {owner!r}: rule {rule.code} has no message")
        registered = _with_plugin(rule, owner)
        rules[rule.code] = registered
        names[rule.name] = registered
        info.rules.append(rule.code)


def _with_plugin(record, owner):
    from dataclasses import replace

    return replace(record, plugin=owner)


def _collect_exporters(pm, plugin_obj, owner, exporters, info):
    collector = _Collector(Exporter, owner)
    _call_one(pm, plugin_obj, "crmreq_register_exporters", owner, collector)
    for exporter in collector.added:
        if exporter.name in exporters or exporter.name == "pack":
            raise PluginError(f"plugin {owner!r}: export format {exporter.name!r} is already registered")
        exporters[exporter.name] = _with_plugin(exporter, owner)
        info.exporters.append(exporter.name)


def _collect_schema(pm, plugin_obj, owner, schema_ext, info, schema_owner=None):
    extension = _call_one(pm, plugin_obj, "crmreq_schema_extensions", owner)
    if extension is None:
        return
    if not isinstance(extension, dict) or not all(isinstance(k, str) and isinstance(v, dict) for k, v in extension.items()):
        raise PluginError(f"plugin {owner!r}: crmreq_schema_extensions must return a dict of cerberus rules")
    from .schema import base_schema, check_extension

    schema_owner = {} if schema_owner is None else schema_owner
    base = base_schema()
    for key, rules in extension.items():
        section, _, fieldname = key.partition(".")
        if key in schema_ext:
            raise PluginError(f"plugin {owner!r}: schema key {key!r} is already extended by plugin "
                              f"{schema_owner.get(key, '?')!r}")
        if not fieldname and section in base:
            raise PluginError(f"plugin {owner!r}: schema key {key!r} is a built-in section; add a section "
                              f"of your own or a key to it (\"{key}.my_key\")")
        if fieldname:
            if section not in base and section not in schema_ext:
                raise PluginError(f"plugin {owner!r}: schema key {key!r} extends an unknown section {section!r}")
            target = base.get(section) or {}
            target = target.get("schema", {}) if target.get("type") != "list" else target.get("schema", {}).get("schema", {})
            if fieldname in target:
                raise PluginError(f"plugin {owner!r}: schema key {key!r} is a built-in key")
        try:
            if not certainly_valid_rules(rules):
                check_extension({key: rules})
        except Exception as exc:
            raise PluginError(f"plugin {owner!r}: schema key {key!r} is not valid cerberus: {_one_line(exc)}") from None
        schema_ext[key] = rules
        schema_owner[key] = owner
        info.schema.append(key)


# Rule sets whose validity is plain to see: then cerberus (30 ms to import, most of it
# reading installed packages' metadata for its own version) need not be asked. Anything
# else is checked by cerberus itself; tests/test_startup.py checks this never accepts
# what cerberus refuses.
_CERBERUS_TYPES = frozenset({"string", "integer", "float", "number", "boolean", "dict", "list", "date",
                             "datetime"})
_FLAG_RULES = frozenset({"required", "nullable", "empty", "readonly"})
_CHECKS = frozenset({"priority", "date", "quantity"})   # crmreq's own check_with names


def certainly_valid_rules(rules) -> bool:
    """True only when cerberus would accept `rules` as one field's rule set."""
    if not isinstance(rules, dict):
        return False
    types = rules.get("type")
    if "type" in rules:
        names = types if isinstance(types, list) else [types]
        if not names or not all(isinstance(t, str) and t in _CERBERUS_TYPES for t in names):
            return False
    for rule, value in rules.items():
        if rule == "type":
            continue
        if rule == "meta":
            ok = isinstance(value, (dict, str))
        elif rule in _FLAG_RULES:
            ok = isinstance(value, bool)
        elif rule == "allowed":
            ok = isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value)
        elif rule in ("min", "max"):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif rule in ("minlength", "maxlength"):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif rule == "check_with":
            ok = isinstance(value, str) and value in _CHECKS
        elif rule in ("keysrules", "valuesrules"):
            ok = certainly_valid_rules(value)
        elif rule == "schema" and types == "list":
            ok = certainly_valid_rules(value)
        elif rule == "schema" and types == "dict":
            ok = isinstance(value, dict) and all(isinstance(k, str) and certainly_valid_rules(v)
                                                 for k, v in value.items())
        else:
            ok = False
        if not ok:
            return False
    return True


def _collect_options(pm, plugin_obj, owner, options, info):
    declared = _call_one(pm, plugin_obj, "crmreq_config_options", owner)
    if declared is None:
        return
    if not isinstance(declared, (list, tuple)):
        raise PluginError(f"plugin {owner!r}: crmreq_config_options must return a list")
    from .findings import RuleOption

    for option in declared:
        if not isinstance(option, RuleOption):
            raise PluginError(f"plugin {owner!r}: crmreq_config_options must return RuleOption objects, "
                              f"not {type(option).__name__}")
        options.append(option)
        info.options.append(option.name)


def _one_line(exc: Exception) -> str:
    """pluggy and cerberus write messages over several lines: one line per problem is the rule."""
    return " ".join(str(exc).split())


def _plugin_name(spec) -> str:
    """The name a configured or local plugin will have, known before importing it."""
    spec = str(spec)
    if spec.endswith(".py") or "/" in spec or "\\" in spec:
        return Path(spec).stem
    return spec


def _import_plugin(spec: str):
    """Import a plugin given as a module name or a path to a .py file."""
    spec = str(spec)
    if spec.endswith(".py") or "/" in spec or "\\" in spec:
        path = Path(spec)
        if not path.is_file():
            raise PluginError(f"plugin file not found: {spec}")
        name = f"crmreq_local_{path.stem}"
        try:
            module_spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(module_spec)
            sys.modules[name] = module
            module_spec.loader.exec_module(module)
        except Exception as exc:
            sys.modules.pop(name, None)
            raise PluginError(f"plugin {path.name!r} failed to import: {type(exc).__name__}: {exc}") from None
        return module, path.stem
    try:
        module = importlib.import_module(spec)
    except Exception as exc:
        raise PluginError(f"plugin {spec!r} failed to import: {type(exc).__name__}: {exc}") from None
    return module, spec
