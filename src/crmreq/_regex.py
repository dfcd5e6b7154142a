"""Regular expressions compiled once per Python build, kept in the user's cache folder.

`re` parses and compiles a pattern in pure Python: crmreq's value grammars, lexicons and
line readers cost 30–40 ms of every `crmreq lint` start (a pre-commit run takes 0.2 s).
What that work produces, the SRE code, depends only on the pattern, the flags and the
Python build. `compile` keeps it in a file of the user's cache folder (`~/.cache/crmreq`,
`$XDG_CACHE_HOME`, `~/Library/Caches` or `%LOCALAPPDATA%`; under `sys.pycache_prefix`
when one is set) and builds the pattern from it with the C call that ends `re.compile`.
Like bytecode, the file is written only when Python may write bytecode
(`PYTHONDONTWRITEBYTECODE`), and it is only a copy: anything unexpected (another
interpreter, a changed internal API, a damaged or foreign file) means `re.compile`. (Not
in crmreq's own `__pycache__`: `pip uninstall` would leave it behind.)
"""

from __future__ import annotations

import os
import re
import sys

_MAX_ENTRIES = 2000          # beyond, only the patterns of the last run are kept
_FILE_NAME = "regex"  # + the cache tag: regex.cpython-311.marshal

_memo: dict[tuple, re.Pattern] = {}     # this process: (pattern, flags) → compiled
_stored: dict | None = None             # read from the file on first use
_new: dict = {}                         # compiled here, to write at exit
_used: set = set()
_enabled = sys.implementation.name == "cpython"


def compile(pattern: str, flags: int = 0) -> re.Pattern:   # noqa: A001 (same name as re.compile)
    """`re.compile(pattern, flags)`, from the stored SRE code when there is some."""
    if not isinstance(pattern, (str, bytes)):
        return re.compile(pattern, flags)   # a compiled pattern
    flags = int(flags)
    key = (pattern, flags)
    compiled = _memo.get(key)
    if compiled is not None:
        return compiled
    compiled = _from_store(key) if _enabled else None
    if compiled is None:
        compiled = _compile_and_keep(key) if _enabled else re.compile(pattern, flags)
    _memo[key] = compiled
    return compiled


def _from_store(key: tuple):
    entry = _read_store().get(key)
    if entry is None:
        return None
    try:
        import _sre

        compiled = _sre.compile(key[0], *entry)
    except Exception:   # a foreign or damaged entry: SRE validates the code it is given
        return None
    _used.add(key)
    return compiled


def _compile_and_keep(key: tuple):
    """What `re.compile` does (parse, generate code, build), keeping the code for the file."""
    global _enabled
    pattern, flags = key
    try:
        import _sre

        parser, compiler = _internals()
        parsed = parser.parse(pattern, flags)
        code = [int(op) for op in compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        compiled = _sre.compile(pattern, *entry)
    except re.error:
        raise                      # a wrong pattern: the error re.compile gives
    except Exception:              # the internals differ in this Python: plain re from now on
        _enabled = False
        return re.compile(pattern, flags)
    if not _new:
        import atexit

        atexit.register(_write_store)
    _new[key] = entry
    _used.add(key)
    return compiled


def _internals():
    try:
        from re import _compiler, _parser   # Python 3.11+
    except ImportError:
        import sre_compile as _compiler       # Python 3.10
        import sre_parse as _parser
    return _parser, _compiler


def _header() -> tuple:
    import _sre

    return ("crmreq-regex", 1, sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)


def store_path() -> str | None:
    """Where the SRE code is kept (see the module docstring); None when this Python keeps
    no bytecode (no cache tag) or no cache folder can be named."""
    tag = sys.implementation.cache_tag
    if not tag:
        return None
    if sys.pycache_prefix:
        folder = os.path.join(sys.pycache_prefix, "crmreq")
    elif sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        if not base:
            return None
        folder = os.path.join(base, "crmreq", "Cache")
    elif sys.platform == "darwin":
        folder = os.path.join(os.path.expanduser("~"), "Library", "Caches", "crmreq")
    else:
        base = os.environ.get("XDG_CACHE_HOME")
        if not base or not os.path.isabs(base):   # the XDG rule: a relative path is ignored
            base = os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "crmreq")
    if not os.path.isabs(folder):   # no home folder to expand `~` into
        return None
    return os.path.join(folder, f"{_FILE_NAME}.{tag}.marshal")


def _read_store() -> dict:
    global _stored
    if _stored is None:
        _stored = {}
        path = store_path()
        if path is not None:
            try:
                import marshal

                with open(path, "rb") as handle:
                    header, entries = marshal.loads(handle.read())
                if header == _header() and isinstance(entries, dict):
                    _stored = entries
            except Exception:   # missing, unreadable, damaged, foreign: compile as re does
                pass
    return _stored


def _write_store() -> None:
    """At exit, when this run compiled something new: the file, replaced in one step."""
    if not _new or sys.dont_write_bytecode:
        return
    path = store_path()
    if path is None:
        return
    entries = dict(_read_store())
    entries.update(_new)
    if len(entries) > _MAX_ENTRIES:   # user terms make patterns of their own: keep this run's
        entries = {key: entry for key, entry in entries.items() if key in _used}
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        import marshal

        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(marshal.dumps((_header(), entries)))
        os.replace(temporary, path)
    except Exception:   # read-only install, full disk: the next run compiles again
        try:
            os.remove(temporary)
        except (OSError, ValueError):
            pass
