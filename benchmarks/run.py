#!/usr/bin/env python3
"""Benchmark a cold `crmreq lint` against yamllint and the libyaml-compose floor, side by side.

    python benchmarks/run.py              # 300, 1,000 and 10,000 features, 7 runs each (≈ 4 min on 2 cores)
    python benchmarks/run.py --quick      # 300 and 1,000 features, 3 runs (≈ 40 s): for development only

Every measured command is a fresh process; its CPU time (user + system) and peak memory
(`ru_maxrss`) are that very child's, from `os.wait4` (POSIX only). In each run the three
commands go in turns, so that they see the same machine. Prints a Markdown table, ready to
paste into docs/performance.md, with the targets of issue 13:

- `crmreq lint` of 300 features: at most 0.25 s of CPU, and no more than yamllint;
- yamllint takes at least 2× as long at 1,000 features, and at least 5× at 10,000.

The ratio to the floor (ruamel.yaml's libyaml composer on the YAML files + `tomllib.loads`
on the TOML files, in one process, start-up excluded) is reported with no target.

yamllint is not a dependency of crmreq: `pip install yamllint` (found beside this Python, on
PATH, or given with --yamllint). The runner never imports crmreq. A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MIN_RUNS = 7

# Run in a child with this Python: composes every YAML file with libyaml and parses every TOML
# file, after reading them all; prints the CPU time of that loop only.
FLOOR_SCRIPT = r"""
import json, sys, time
try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
try:
    import ruamel.yaml
    from ruamel.yaml.cyaml import CSafeLoader

    def compose(text):
        loader = CSafeLoader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()

    reader = f"ruamel.yaml {ruamel.yaml.__version__} CSafeLoader"
except ImportError:
    try:
        import yaml
    except ImportError:
        yaml = None
    if not getattr(yaml, "__with_libyaml__", False):
        print(json.dumps({"cpu": None, "reader": None}))
        sys.exit(0)

    def compose(text):
        return yaml.compose(text, Loader=yaml.CSafeLoader)

    reader = f"PyYAML {yaml.__version__} CSafeLoader"
texts = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        texts.append((path.endswith(".toml"), handle.read()))
start = time.process_time()
for is_toml, text in texts:
    tomllib.loads(text) if is_toml else compose(text)
print(json.dumps({"cpu": time.process_time() - start, "reader": reader}))
"""


@dataclass
class Sample:
    """CPU seconds and peak resident MB of each run of one command."""
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.cpu)

    @property
    def median(self) -> float:
        return statistics.median(self.cpu)


def run_once(cmd: list[str], cwd: Path, env: dict, keep_stdout: bool = False) -> tuple[float, float, bytes]:
    """Run `cmd` as a fresh process; its own CPU time (s), peak RSS (MB) and stdout if kept (the
    linters write theirs to /dev/null). Exit codes 0 and 1 (findings) are fine; others stop the
    benchmark with the child's stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=out if keep_stdout else subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            raise SystemExit(f"`{' '.join(cmd[:3])} …` exited with {proc.returncode}:\n"
                             + err.read().decode(errors="replace")[-2000:])
        out.seek(0)
        stdout = out.read()
    kib = 1024 if sys.platform != "darwin" else 1024 * 1024   # ru_maxrss is in KiB on Linux, bytes on macOS
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / kib, stdout


def first_line(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (done.stdout or done.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


def crmreq_command(explicit: str | None) -> list[str]:
    if explicit:
        return [explicit]
    beside = Path(sys.executable).with_name("crmreq")
    return [str(beside)] if beside.is_file() else [sys.executable, "-m", "crmreq"]


def yamllint_command(explicit: str | None) -> list[str] | None:
    if explicit:
        return [explicit]
    beside = Path(sys.executable).with_name("yamllint")
    found = str(beside) if beside.is_file() else shutil.which("yamllint")
    return [found] if found else None


def child_environment() -> dict:
    """Bytecode may be written (the warm-up run compiles it, as `pip install` does), and no CI
    variable switches a tool to another output format."""
    env = dict(os.environ)
    for name in ("PYTHONDONTWRITEBYTECODE", "GITHUB_ACTIONS"):
        env.pop(name, None)
    return env


def generate(n: int, out: Path, seed: int) -> dict:
    """A spec of `n` features by generate.py, features n/8 to a file (50 to 500): every size has
    about the same share of TOML."""
    per_file = max(50, min(500, n // 8))
    done = subprocess.run([sys.executable, str(HERE / "generate.py"), "-n", str(n), "-o", str(out),
                           "--seed", str(seed), "--per-file", str(per_file), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def measure(args) -> dict:
    crmreq = crmreq_command(args.crmreq)
    yamllint = yamllint_command(args.yamllint)
    sizes = args.sizes or ([300, 1000] if args.quick else [300, 1000, 10_000])
    runs = args.runs or (3 if args.quick else MIN_RUNS)
    env = child_environment()
    work = Path(tempfile.mkdtemp(prefix="crmreq-bench-"))
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    results = {"sizes": {}, "runs": runs, "load": [os.getloadavg()[0]], "floor_reader": None,
               "crmreq": first_line([*crmreq, "--version"]),
               "yamllint": first_line([*yamllint, "--version"]) if yamllint else None}
    if yamllint is None:
        log("yamllint not found: `pip install yamllint` (or --yamllint PATH) to compare with it; "
            "measuring crmreq alone.")
    started = time.perf_counter()
    try:
        for n in sizes:
            spec = work / f"spec-{n}"
            info = generate(n, spec, args.seed)
            files = sorted(str(p) for p in spec.rglob("*") if p.suffix in (".yaml", ".toml"))
            yaml_files = [f for f in files if f.endswith(".yaml")]
            commands = {"lint": [*crmreq, "lint", str(spec)], "floor": [sys.executable, "-c", FLOOR_SCRIPT, *files]}
            if yamllint:
                commands["yamllint"] = [*yamllint, "-d", "default", *yaml_files]
            log(f"{n:>6,} features: warm-up, then {plural(runs, 'run')} of {', '.join(commands)} in turns …")
            samples = {name: Sample() for name in commands}
            for attempt in range(runs + 1):               # the first one compiles bytecode, fills the page cache
                for name, cmd in commands.items():
                    cpu, rss, out = run_once(cmd, work, env, keep_stdout=name == "floor")
                    if attempt == 0:
                        continue
                    if name == "floor":                   # its own timing: start-up excluded
                        floor = json.loads(out)
                        results["floor_reader"] = floor["reader"]
                        cpu = floor["cpu"]
                    if cpu is not None:
                        samples[name].cpu.append(cpu)
                        samples[name].rss_mb.append(rss)
            results["sizes"][n] = {"info": info, **{name: sample for name, sample in samples.items() if sample.cpu}}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["load"].append(os.getloadavg()[0])
    results["elapsed"] = time.perf_counter() - started
    return results


# -- the report --------------------------------------------------------------------------------

def both(a: float | None, b: float | None, spec: str) -> str:
    return "–" if a is None or b is None else f"{spec.format(a)} · {spec.format(b)}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def verdict(ok: bool) -> str:
    return "✅" if ok else "❌"


def report(results: dict) -> str:
    rows = results["sizes"]
    commit = first_line(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    runs = results["runs"]
    out = [f"{results['crmreq']} (commit {commit}); {results['yamllint'] or 'yamllint not installed (`pip install yamllint`)'}; "
           f"floor: {results['floor_reader'] or 'no libyaml loader available'}; Python {platform.python_version()}, "
           f"{os.cpu_count()} CPU, {platform.machine()} {platform.system()}. "
           f"CPU time (user + system) of each fresh process, **min · median of {plural(runs, 'run')}**, in seconds; "
           f"load average {results['load'][0]:.2f} before, {results['load'][1]:.2f} after; "
           f"whole run {results['elapsed']:.0f} s.", ""]
    if runs < MIN_RUNS:
        out += [f"**Only {plural(runs, 'run')}: not for docs/performance.md (issue 13 asks for at least {MIN_RUNS}).**", ""]
    out += ["| spec | files (YAML + TOML) | MB | `crmreq lint` | peak MB | `yamllint` | yamllint ÷ crmreq "
            "| floor | crmreq ÷ floor |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for n, row in rows.items():
        info, lint, yl, floor = row["info"], row["lint"], row.get("yamllint"), row.get("floor")
        out.append(
            f"| {n:,} features | {info['files']} ({info['yaml_files']} + {info['toml_files']}) "
            f"| {info['bytes'] / 1e6:.2f} | {both(lint.min, lint.median, '{:.3f}')} | {max(lint.rss_mb):.0f} "
            f"| {both(yl and yl.min, yl and yl.median, '{:.3f}')} "
            f"| {both(yl and yl.min / lint.min, yl and yl.median / lint.median, '{:.1f}×')} "
            f"| {both(floor and floor.min, floor and floor.median, '{:.3f}')} "
            f"| {both(floor and lint.min / floor.min, floor and lint.median / floor.median, '{:.1f}×')} |")
    out += ["",
            "`crmreq lint SPEC`: default options, text report to /dev/null; peak MB: the largest `ru_maxrss` of its "
            "runs. `yamllint -d default` (yamllint's default configuration, what it uses without a configuration "
            "file) on the YAML files of the same spec: yamllint reads YAML only, the TOML files are not fed to it. "
            "Floor: every YAML file composed by libyaml (ruamel.yaml's `CSafeLoader(text).get_single_node()`, or "
            "PyYAML's `yaml.compose(text, Loader=yaml.CSafeLoader)` without ruamel.yaml.clib) and every TOML file "
            "parsed by `tomllib.loads`, in one process, start-up and file reading excluded; reported, no target.",
            "", "| target | measured (min · median) | met (min · median) |", "|---|---|---|"]

    def target(label: str, n: int, measured, check) -> None:
        row = rows.get(n)
        values = [measured(row, stat) for stat in ("min", "median")] if row else [None]
        if None in values:
            out.append(f"| {label} | not measured | – |")
            return
        text, oks = zip(*(check(v) for v in values))
        out.append(f"| {label} | {' · '.join(text)} | {' · '.join(verdict(ok) for ok in oks)} |")

    def lint_cpu(row, stat):
        return getattr(row["lint"], stat)

    def ratio(row, stat):
        yl = row.get("yamllint")
        return getattr(yl, stat) / getattr(row["lint"], stat) if yl else None

    target("`crmreq lint` (300) ≤ 0.25 s CPU", 300, lint_cpu, lambda v: (f"{v:.3f} s", v <= 0.25))
    target("`crmreq lint` (300) ≤ `yamllint` (300)", 300, ratio, lambda v: (f"yamllint {v:.2f}×", v >= 1))
    target("`yamllint` (1k) ≥ 2 × `crmreq lint` (1k)", 1000, ratio, lambda v: (f"{v:.2f}×", v >= 2))
    target("`yamllint` (10k) ≥ 5 × `crmreq lint` (10k)", 10_000, ratio, lambda v: (f"{v:.2f}×", v >= 5))
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help=f"Measured runs of each command (default {MIN_RUNS}; --quick: 3).")
    parser.add_argument("--quick", action="store_true", help="300 and 1,000 features, 3 runs: for development.")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                        help="Feature counts, comma-separated (default 300,1000,10000).")
    parser.add_argument("--seed", type=int, default=1, help="generate.py's seed (default 1).")
    parser.add_argument("--crmreq", help="crmreq executable (default: beside this Python, else `python -m crmreq`).")
    parser.add_argument("--yamllint", help="yamllint executable (default: beside this Python, else on PATH).")
    parser.add_argument("--json", type=Path, help="Also write the raw figures to this file.")
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    results = measure(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=vars) + "\n", encoding="utf-8")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
