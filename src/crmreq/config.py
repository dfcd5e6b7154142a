"""Configuration: discovery (first found wins) and one `Settings` object.

Order, as in PRODUCT.md §2: `--config FILE`, `.crmreq.toml`, `[tool.crmreq]` in
`pyproject.toml` (only when that table exists), then a `lint:` section in the spec's entry
file. Files are searched from the spec's directory upwards, as ruff and black do.
Command-line options override whatever the file says.
"""

from __future__ import annotations

import fnmatch
import locale
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError, os_reason
from .findings import SEVERITIES
from .loader.files import is_project_root, not_utf8

KNOWN_KEYS = {"select", "ignore", "severity", "per-file-ignores", "lang", "plugins", "max-file-size",
              "disable-plugins", "extend-select", "extend-ignore", "local-plugins", "score"}


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict = field(default_factory=dict)           # code or name -> error|warning|info|off
    per_file_ignores: dict = field(default_factory=dict)   # glob -> (codes…)
    lang: str | None = None
    plugins: tuple[str, ...] = ()
    disable_plugins: tuple[str, ...] = ()
    max_file_size: int | None = None
    local_plugins: bool = False                            # load the plugins/ folder next to the entry file
    options: dict = field(default_factory=dict)            # per-rule options, e.g. must-share-max
    score: dict = field(default_factory=dict)              # the [score] table, read by crmreq.score.settings
    source: str | None = None                              # where the settings came from
    base_dir: str | None = None                            # plugins paths are relative to it

    def merged_with(self, **overrides) -> "Settings":
        clean = {k: v for k, v in overrides.items() if v not in (None, (), [])}
        return replace(self, **clean)


def _read_toml(path: Path) -> dict:
    """A configuration file's values; what is wrong with it is said where, as for a spec's TOML."""
    from .loader.messages import fr_toml
    from .loader.toml_loader import TomlProblem, toml_values

    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = os_reason(exc)
        raise ConfigError(f"{path} : lecture de la configuration impossible : {reason['fr']}",
                          f"{path}: cannot read configuration: {reason['en']}") from None
    try:
        return toml_values(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        detail = not_utf8(data, exc)[2]
        raise ConfigError(f"{path} : {detail['fr']}", f"{path}: {detail['en']}") from None
    except TomlProblem as problem:
        where = f"{path}:{problem.line}:{problem.column}"
        raise ConfigError(f"{where} : TOML invalide : {fr_toml(problem.message)}",
                          f"{where}: invalid TOML: {problem.message}") from None


def discover(start: Path, explicit: str | None = None) -> tuple[dict, str | None, Path | None]:
    """Find the configuration mapping: (values, description of the source, its directory).

    The search goes up from `start` and stops at the project root (a folder holding `.git` or `.hg`)."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit} : fichier de configuration introuvable",
                              f"{explicit}: configuration file not found")
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("crmreq", {})
        elif "tool" in data and isinstance(data["tool"], dict) and "crmreq" in data["tool"]:
            data = data["tool"]["crmreq"]
        return data, str(path), path.parent
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / ".crmreq.toml"
        if candidate.is_file():
            return _read_toml(candidate), str(candidate), folder
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            data = _read_toml(pyproject)
            tool = data.get("tool", {})
            if isinstance(tool, dict) and isinstance(tool.get("crmreq"), dict):
                return tool["crmreq"], f"{pyproject} [tool.crmreq]", folder
        if is_project_root(folder):
            break
    return {}, None, None


def settings_from(data: dict, source: str | None, known_options: dict, base_dir: Path | None = None) -> Settings:
    """Check and convert a configuration mapping. Unknown keys are a ConfigError (exit 2)."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source} : la configuration doit être une table de clés",
                          f"{source}: configuration must be a table of keys")
    where = source or "configuration"
    values: dict = {}
    options: dict = {}
    for key, value in data.items():
        norm = key.replace("_", "-")
        if norm in KNOWN_KEYS:
            values[norm] = value
        elif norm in known_options:
            expected = known_options[norm].kind
            if expected is not object and (not isinstance(value, expected) or
                                           (isinstance(value, bool) and bool not in _kinds(expected))):
                wanted = _kind_words(expected)
                raise ConfigError(f"{where} : l'option « {key} » attend {wanted['fr']}",
                                  f"{where}: option {key!r} expects {wanted['en']}")
            _check_option(known_options[norm], key, value, where)
            options[norm] = value
        elif norm == "options" and isinstance(value, dict):
            for sub, subval in value.items():
                sub_norm = sub.replace("_", "-")
                if sub_norm not in known_options:
                    raise ConfigError(f"{where} : option « {sub} » inconnue", f"{where}: unknown option {sub!r}")
                _check_option(known_options[sub_norm], sub, subval, where)
                options[sub_norm] = subval
        else:
            raise ConfigError(f"{where} : clé de configuration « {key} » inconnue",
                              f"{where}: unknown configuration key {key!r}")

    def codes(name):
        value = values.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            value = [v for v in value.replace(" ", "").split(",") if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where} : « {name} » doit être une liste de codes ou de noms de règles",
                              f"{where}: {name!r} must be a list of rule codes or names")
        return tuple(value)

    severity = values.get("severity", {})
    if not isinstance(severity, dict) or not all(v in SEVERITIES + ("off",) for v in severity.values()):
        raise ConfigError(f"{where} : « severity » associe des codes à error, warning, info ou off",
                          f"{where}: 'severity' maps codes to error, warning, info or off")
    per_file = values.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{where} : « per-file-ignores » associe des motifs de fichiers à des listes de codes",
                          f"{where}: 'per-file-ignores' maps file globs to lists of codes")
    per_file = {glob: tuple(v if isinstance(v, list) else [v]) for glob, v in per_file.items()}
    if not all(isinstance(code, str) for codes_ in per_file.values() for code in codes_):
        raise ConfigError(f"{where} : « per-file-ignores » associe des motifs de fichiers à des listes de codes "
                          "(des textes, par exemple [\"W001\"])",
                          f"{where}: 'per-file-ignores' maps file globs to lists of codes (texts, e.g. [\"W001\"])")
    lang = values.get("lang")
    if lang is not None and lang not in ("fr", "en"):
        raise ConfigError(f"{where} : lang vaut « fr » ou « en »", f"{where}: lang must be 'fr' or 'en'")
    plugins = values.get("plugins", [])
    if isinstance(plugins, str):
        plugins = [plugins]
    if not isinstance(plugins, list) or not all(isinstance(p, str) and p.strip() for p in plugins):
        raise ConfigError(f"{where} : « plugins » doit être une liste de noms de modules ou de chemins .py",
                          f"{where}: 'plugins' must be a list of module names or .py paths")
    if base_dir is not None:
        plugins = [str((base_dir / p).resolve()) if p.endswith(".py") and not os.path.isabs(p) else p for p in plugins]
    local_plugins = values.get("local-plugins", False)
    if not isinstance(local_plugins, bool):
        raise ConfigError(f"{where} : « local-plugins » vaut true ou false",
                          f"{where}: 'local-plugins' must be true or false")
    score = values.get("score", {})
    if not isinstance(score, dict):
        raise ConfigError(f"{where} : « score » doit être une table ([score] : answers, weights, unanswered)",
                          f"{where}: 'score' must be a table ([score]: answers, weights, unanswered)")
    size = values.get("max-file-size")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size <= 0):
        raise ConfigError(f"{where} : « max-file-size » doit être un nombre d'octets positif",
                          f"{where}: 'max-file-size' must be a positive number of bytes")
    select = codes("select") or ("ALL",)
    select = select + (codes("extend-select") or ())
    ignore = (codes("ignore") or ()) + (codes("extend-ignore") or ())
    disabled = codes("disable-plugins") or ()
    return Settings(
        select=select, ignore=ignore, severity=dict(severity), per_file_ignores=per_file, lang=lang,
        plugins=tuple(plugins), disable_plugins=disabled, max_file_size=size, local_plugins=local_plugins,
        options=options, score=dict(score),
        source=source, base_dir=str(base_dir) if base_dir else None,
    )


def _check_option(option, key: str, value, where: str) -> None:
    """A value the option cannot use is a configuration error, not a silent return to the default."""
    if option.check is not None and not option.check(value):
        shown = {"fr": f"« {value} »", "en": f'"{value}"'} if isinstance(value, str) else {"fr": value, "en": value}
        raise ConfigError(f"{where} : l'option « {key} » ne peut pas valoir {shown['fr']} — {option.help.get('fr', '')}",
                          f"{where}: option {key!r} cannot be {shown['en']} — {option.help.get('en', '')}")


def _kinds(kind) -> tuple:
    return kind if isinstance(kind, tuple) else (kind,)


_KIND_WORDS = {bool: ("true ou false", "true or false"), int: ("un nombre", "a number"),
               float: ("un nombre", "a number"), str: ("un texte", "a text"), list: ("une liste", "a list"),
               tuple: ("une liste", "a list"), dict: ("une table", "a table")}


def _kind_words(kind) -> dict:
    """What a rule option expects, in the user's words: « un nombre ou un texte », not (int, float, str)."""
    words = {lang: list(dict.fromkeys(_KIND_WORDS.get(k, ("une valeur", "a value"))[index] for k in _kinds(kind)))
             for index, lang in enumerate(("fr", "en"))}
    return {"fr": " ou ".join(words["fr"]), "en": " or ".join(words["en"])}


def locale_lang() -> str:
    """fr when the user's locale is French, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "fr" if code.lower().startswith("fr") else "en"


def matches(code: str, name: str, patterns) -> int:
    """Length of the most specific pattern matching a rule (0: none). ALL matches everything."""
    best = 0
    for pattern in patterns:
        p = pattern.strip()
        if p.upper() == "ALL":
            best = max(best, 1)
        elif p.lower() == name:
            best = max(best, 100)
        elif code.startswith(p.upper()):
            best = max(best, 1 + len(p))
    return best


def file_ignored(code: str, name: str, file: str, per_file: dict) -> bool:
    for glob, codes in per_file.items():
        if fnmatch.fnmatch(file, glob) or fnmatch.fnmatch(Path(file).name, glob) or fnmatch.fnmatch(file, f"*/{glob}"):
            if matches(code, name, codes):
                return True
    return False
