#!/usr/bin/env python3
"""Where does `crmreq lint` spend its time? Phase timers, cProfile, import times.

    python benchmarks/profile_lint.py SPEC_DIR [--cprofile 25] [--importtime]

Run it with the Python that has crmreq installed (e.g. /work/venv/bin/python).

1. **Phases** — the real `crmreq lint` command runs in this process with light wall-clock
   timers wrapped around the main stages (reading files, libyaml compose, tree building,
   TOML parse and position scan, merge, schema validation, model building, each rule,
   suppressions, report). Timers cost well under 1 %; these are the numbers to trust.
2. **cProfile** (`--cprofile N`) — the top N functions by own time and by cumulative time,
   with their share of the profiled run. cProfile slows call-heavy pure-Python code 2–3×
   more than C code, so shares are indicative; read them next to the phase timers.
3. **Imports** (`--importtime`) — a fresh `python -X importtime -m crmreq lint SPEC`,
   import time grouped by top-level package (what a cold start pays before any work).

Prints Markdown. Not a test.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import cProfile
import io
import os
import pstats
import re
import subprocess
import sys
import time
from pathlib import Path

T0 = time.perf_counter()


class Timers:
    def __init__(self):
        self.total = collections.defaultdict(float)
        self.calls = collections.Counter()
        self.active: set[str] = set()

    def wrap(self, owner, attr: str, label: str):
        """Time every call of `owner.attr` under `label`; a stage crmreq no longer has stays at 0."""
        original = getattr(owner, attr, None)
        if original is None:
            return
        timers = self

        def wrapper(*args, **kwargs):
            if label in timers.active:       # recursive call: counted once, at the outer level
                return original(*args, **kwargs)
            timers.active.add(label)
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timers.total[label] += time.perf_counter() - start
                timers.calls[label] += 1
                timers.active.discard(label)

        wrapper.__wrapped__ = original
        setattr(owner, attr, wrapper)


class _TomlProxy:
    """Stands in for the tomllib module inside crmreq.loader.toml_loader, to time `loads`."""

    def __init__(self, module, timers):
        self._module, self._timers = module, timers

    def __getattr__(self, name):
        return getattr(self._module, name)

    def loads(self, text, **kwargs):
        start = time.perf_counter()
        try:
            return self._module.loads(text, **kwargs)
        finally:
            self._timers.total["tomllib.loads"] += time.perf_counter() - start
            self._timers.calls["tomllib.loads"] += 1


# (label, parent) — the tree printed; the label is also the timer's name
PHASES = [
    ("start-up (interpreter + crmreq imports)", None),
    ("Session.create (config, plugins)", None),
    ("load_spec", None),
    ("SpecLoader.read (all files)", "load_spec"),
    ("parse_yaml", "SpecLoader.read (all files)"),
    ("yaml compose (libyaml / guarded ruamel)", "parse_yaml"),
    ("_yaml_comments (suppression scan)", "SpecLoader.read (all files)"),
    ("parse_toml", "SpecLoader.read (all files)"),
    ("tomllib.loads", "parse_toml"),
    ("scan_toml (positions)", "parse_toml"),
    ("SpecLoader.merge", "load_spec"),
    ("schema.validate", "load_spec"),
    ("build_spec (model)", "load_spec"),
    ("_suppressions", "load_spec"),
    ("rules (all)", None),
    ("Linter._finish (filter, suppress)", None),
    ("report rendering", None),
]


def install(timers: Timers) -> None:
    import crmreq.lint as lint_pkg
    import crmreq.lint.engine as engine
    import crmreq.lint.reporters as reporters
    import crmreq.loader.build as build
    import crmreq.loader.spec as spec
    import crmreq.loader.toml_loader as toml_loader
    import crmreq.loader.toml_positions as toml_positions
    import crmreq.loader.yaml_loader as yaml_loader

    original_create = lint_pkg.Session.create.__func__

    def create(cls, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original_create(cls, *args, **kwargs)
        finally:
            timers.total["Session.create (config, plugins)"] += time.perf_counter() - start

    lint_pkg.Session.create = classmethod(create)
    import crmreq.loader as loader_pkg

    # Linter.load imports load_spec from the package when it runs: wrap it there (and in
    # engine's namespace too, for versions that import it at module level)
    loader_pkg.load_spec = spec.load_spec
    timers.wrap(loader_pkg, "load_spec", "load_spec")
    if hasattr(engine, "load_spec"):
        timers.wrap(engine, "load_spec", "load_spec")
    timers.wrap(spec.SpecLoader, "read", "SpecLoader.read (all files)")
    timers.wrap(yaml_loader, "parse_yaml", "parse_yaml")
    timers.wrap(yaml_loader, "compose", "yaml compose (libyaml / guarded ruamel)")
    timers.wrap(spec, "yaml_directive_comments", "_yaml_comments (suppression scan)")
    timers.wrap(toml_loader, "parse_toml", "parse_toml")
    toml_loader.tomllib = _TomlProxy(toml_loader.tomllib, timers)
    timers.wrap(toml_positions, "scan_toml", "scan_toml (positions)")
    timers.wrap(spec.SpecLoader, "merge", "SpecLoader.merge")
    timers.wrap(spec.SpecLoader, "validate", "schema.validate")
    timers.wrap(build, "build_spec", "build_spec (model)")
    timers.wrap(spec, "suppressions_in", "_suppressions")
    timers.wrap(engine.Linter, "_finish", "Linter._finish (filter, suppress)")
    for name in ("render_text", "render_json", "render_sarif", "render_github", "render_gitlab"):
        timers.wrap(reporters, name, "report rendering")
    if isinstance(getattr(reporters, "RENDERERS", None), dict):
        reporters.RENDERERS = {k: getattr(reporters, v.__name__, v) for k, v in reporters.RENDERERS.items()}

    original_run = engine.Linter._run

    def run(self, rule, result, lang):
        start = time.perf_counter()
        try:
            return original_run(self, rule, result, lang)
        finally:
            elapsed = time.perf_counter() - start
            timers.total["rules (all)"] += elapsed
            timers.total[f"rule {rule.code}"] += elapsed

    engine.Linter._run = run


def run_cli(spec: Path, extra: list[str]) -> int:
    from crmreq.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(["lint", "--no-color", str(spec), *extra], standalone_mode=False)
        except SystemExit as exc:
            return int(exc.code or 0)
    return 0


def phases(spec: Path, extra: list[str]) -> str:
    timers = Timers()
    import crmreq.cli  # noqa: F401  (part of the start-up cost)

    timers.total["start-up (interpreter + crmreq imports)"] = time.perf_counter() - T0
    install(timers)
    start = time.perf_counter()
    run_cli(spec, extra)
    wall = time.perf_counter() - start + timers.total["start-up (interpreter + crmreq imports)"]
    lines = [f"Wall time in this process: **{wall:.3f} s** (interpreter start-up before `T0` excluded).", "",
             "| phase | s | share |", "|---|---:|---:|"]
    depth = {}
    for label, parent in PHASES:
        depth[label] = 0 if parent is None else depth[parent] + 1
        value = timers.total.get(label, 0.0)
        indent = "&nbsp;&nbsp;" * 2 * depth[label] + ("↳ " if depth[label] else "")
        lines.append(f"| {indent}{label} | {value:.3f} | {100 * value / wall:.1f} % |")
    accounted = sum(timers.total.get(l, 0.0) for l, p in PHASES if p is None)
    lines.append(f"| (other: CLI, sorting, exit) | {wall - accounted:.3f} | {100 * (wall - accounted) / wall:.1f} % |")
    rules = sorted(((k[5:], v) for k, v in timers.total.items() if k.startswith("rule ")), key=lambda kv: -kv[1])
    if rules:
        lines += ["", "Slowest rules: " + ", ".join(f"{code} {v * 1000:.0f} ms" for code, v in rules[:10])
                  + f" (of {len(rules)} rules, {sum(v for _, v in rules):.3f} s in all)."]
    return "\n".join(lines)


def cprofile(spec: Path, extra: list[str], top: int) -> str:
    import crmreq.cli  # noqa: F401

    profiler = cProfile.Profile()
    profiler.enable()
    run_cli(spec, extra)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    root = str(Path(__file__).resolve().parents[1])

    def name(func):
        file, line, fn = func
        file = file.replace(root + "/", "").replace(sys.prefix + "/", "")
        file = re.sub(r".*/site-packages/", "", file)
        file = re.sub(r".*/lib/python3\.\d+/", "stdlib/", file)
        return f"`{fn}` ({file}:{line})" if line else f"`{fn}`"

    rows = [(func, *stat) for func, stat in stats.stats.items()]  # func, cc, nc, tt, ct, callers
    out = [f"Profiled run: {total:.2f} s under cProfile.", "",
           f"Top {top} by own time:", "", "| function | calls | own s | own % | cum s |", "|---|---:|---:|---:|---:|"]
    for func, cc, nc, tt, ct, _ in sorted(rows, key=lambda r: -r[3])[:top]:
        out.append(f"| {name(func)} | {nc} | {tt:.3f} | {100 * tt / total:.1f} % | {ct:.3f} |")
    out += ["", f"Top {top} by cumulative time (crmreq functions only):", "",
            "| function | calls | cum s | cum % |", "|---|---:|---:|---:|"]
    mine = [r for r in rows if "crmreq" in r[0][0] and "/click/" not in r[0][0]]
    for func, cc, nc, tt, ct, _ in sorted(mine, key=lambda r: -r[4])[:top]:
        out.append(f"| {name(func)} | {nc} | {ct:.3f} | {100 * ct / total:.1f} % |")
    return "\n".join(out)


def importtime(spec: Path, extra: list[str], top: int = 12) -> str:
    """Import times of a fresh process, from compiled bytecode: a first run may write it (even
    where PYTHONDONTWRITEBYTECODE is set), so that this does not measure compile times."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-X", "importtime", "-m", "crmreq", "lint", "--no-color", str(spec), *extra]
    subprocess.run(cmd, capture_output=True, env=env)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    per_package = collections.Counter()
    per_module = collections.Counter()
    total = 0
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if not m:
            continue
        self_us, module = int(m.group(1)), m.group(4)
        per_package[module.split(".")[0]] += self_us
        per_module[module] += self_us
        total += self_us
    lines = [f"Imports in a fresh `python -X importtime -m crmreq lint` (bytecode compiled): **{total / 1e6:.3f} s** "
             "in all (self times).", "", "| package | s | share of imports |", "|---|---:|---:|"]
    for package, us in per_package.most_common(top):
        lines.append(f"| {package} | {us / 1e6:.3f} | {100 * us / total:.1f} % |")
    lines += ["", "Slowest modules (self time): " + ", ".join(
        f"`{name}` {us / 1000:.0f} ms" for name, us in per_module.most_common(top)) + "."]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N", help="Also profile; show the top N.")
    parser.add_argument("--importtime", action="store_true", help="Also time imports in a fresh process.")
    parser.add_argument("lint_args", nargs="*", help="Extra `crmreq lint` options (after --).")
    args = parser.parse_args(argv)
    print(f"## `crmreq lint {args.spec}`\n")
    print("### Phases\n")
    print(phases(args.spec, args.lint_args))
    if args.cprofile:
        print("\n### cProfile\n")
        print(cprofile(args.spec, args.lint_args, args.cprofile))
    if args.importtime:
        print("\n### Imports\n")
        print(importtime(args.spec, args.lint_args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
