#!/usr/bin/env python3
"""Benchmark `crmreq lint` against the parser's floor and against yamllint.

    python benchmarks/run.py            # 1k, 10k, 50k features, 3 runs each (≈ 6–8 min on 2 cores)
    python benchmarks/run.py --quick    # 1k and 10k, 1 run (≈ 1 min)

Needs `crmreq` (this repository, installed) and, for the comparisons, PyYAML with libyaml
and yamllint: `pip install pyyaml yamllint` (in the same venv or another one; see
benchmarks/README.md). Every measured command runs in its own process; wall time comes
from the parent, peak memory from `os.wait4` (the child's own `ru_maxrss`). Medians of
`--runs` runs are reported. Prints a Markdown table and the targets:

- lint(10k) ≤ 1.5 × the parse floor of the same files (libyaml `compose` of the YAML files
  + `tomllib.loads` of the TOML files, summed in one process, start-up excluded);
- `crmreq lint` of examples/fr-negoce ≤ 1.0 × `yamllint` of the same YAML files, both as
  fresh processes (what a pre-commit hook pays at every commit), crmreq without its result
  cache (`--no-cache`); a cache hit is shown on a row of its own;
- peak memory ≤ 300 MB at 10k features;
- linear: the per-feature cost (time above a 10-feature spec, divided by N) grows by at most
  25 % from one size to the next.

Bytecode: subprocesses get `PYTHONPYCACHEPREFIX` in the work directory and run once before
measuring, so every tool starts from compiled bytecode as it does after `pip install`, even
where `PYTHONDONTWRITEBYTECODE` is set; crmreq keeps its compiled regular expressions there
too (as it does in the user's cache folder from the second run on). This is a script, not a
test.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EXAMPLE = REPO / "examples" / "fr-negoce"



def generate(n: int, out: Path, seed: int) -> dict:
    """benchmarks/generate.py in a child process: the runner stays small. (Linux counts the
    parent's resident size at fork in a child's peak RSS until it execs, so a runner holding
    50,000 generated features would inflate every later measurement.) Feature files hold
    n/8 features (50 to 500), so every size has the same share of TOML files."""
    per_file = max(50, min(500, n // 8))
    done = subprocess.run([sys.executable, str(HERE / "generate.py"), "-n", str(n), "-o", str(out), "--seed", str(seed),
                           "--per-file", str(per_file), "--json"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)

PARSE_SCRIPT = r"""
import json, sys, time
import yaml
try:
    import tomllib
except ImportError:
    import tomli as tomllib
loader = yaml.CSafeLoader
y = t = cpu = 0.0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    start, cpu_start = time.perf_counter(), time.process_time()
    if path.endswith((".yaml", ".yml")):
        yaml.compose(text, Loader=loader)
        y += time.perf_counter() - start
    else:
        tomllib.loads(text)
        t += time.perf_counter() - start
    cpu += time.process_time() - cpu_start
print(json.dumps({"yaml": y, "toml": t, "cpu": cpu}))
"""

TARGETS = {"floor_ratio": 1.5, "cold_ratio": 1.0, "memory_mb": 300, "linear": 1.25}


# -- measuring ------------------------------------------------------------------------

def measure(cmd: list[str], env: dict, cwd: Path | None = None) -> dict:
    """Run `cmd`; wall and CPU (user + system) seconds, peak RSS (MB) of that very process,
    exit code, stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "rc": proc.returncode, "out": out}


WARNINGS: list[str] = []


def median_of(runs: int, cmd: list[str], env: dict, cwd: Path | None = None, ok=(0, 1)) -> dict:
    results = []
    for _ in range(runs):
        result = measure(cmd, env, cwd)
        if result["rc"] not in ok:
            message = f"`{' '.join(Path(c).name if '/' in c else c for c in cmd)}` exited with {result['rc']}"
            if result["rc"] == 2 and Path(cmd[0]).name == "crmreq":
                message += " (a plugin failed to load? its rules are then not in the timing)"
            else:
                raise SystemExit(message)
            if message not in WARNINGS:
                WARNINGS.append(message)
        results.append(result)
    return {
        "wall": statistics.median(r["wall"] for r in results),
        "cpu": statistics.median(r["cpu"] for r in results),
        "rss_mb": statistics.median(r["rss_mb"] for r in results),
        "runs": [round(r["wall"], 3) for r in results],
        "out": results[-1]["out"],
    }


def spec_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml", ".toml") and p.is_file())


# -- tools --------------------------------------------------------------------------------

def find_tool(name: str, explicit: str | None) -> str | None:
    if explicit:
        return explicit
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def python_with_libyaml(explicit: str | None, yamllint: str | None) -> str | None:
    """A Python whose PyYAML has libyaml: --yaml-python, this one, or yamllint's."""
    candidates = [explicit] if explicit else [sys.executable]
    if not explicit and yamllint:
        try:
            first = Path(yamllint).read_text(encoding="utf-8", errors="replace").splitlines()[0]
            if first.startswith("#!"):
                candidates.append(first[2:].strip().split()[0])
        except (OSError, IndexError):
            pass
    for python in candidates:
        check = subprocess.run([python, "-c", "import yaml; assert yaml.__with_libyaml__"], capture_output=True)
        if check.returncode == 0:
            return python
    return None


def environment(work: Path) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["NO_COLOR"] = "1"
    env.pop("GITHUB_ACTIONS", None)
    return env


# -- the benchmark ------------------------------------------------------------------------

def run(args) -> dict:
    crmreq = find_tool("crmreq", args.crmreq)
    if crmreq is None:
        raise SystemExit("crmreq not found: install this repository (pip install -e .) or pass --crmreq")
    yamllint = find_tool("yamllint", args.yamllint)
    yaml_python = python_with_libyaml(args.yaml_python, yamllint)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="crmreq-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = environment(work)
    sizes = [1000, 10000] if args.quick else args.sizes
    runs = 1 if args.quick else args.runs
    slow_runs = 1 if args.quick else args.slow_tool_runs
    log = (lambda *a: print(*a, file=sys.stderr, flush=True)) if not args.silent else (lambda *a: None)
    results = {"sizes": {}, "example": {}, "runs": runs, "load_before": os.getloadavg()}
    started = time.perf_counter()

    # warm-up: compile bytecode into the prefix, fill the page cache
    log("warm-up …")
    lint = [crmreq, "lint", "--no-cache"]     # every measured run does the whole work
    measure([*lint, str(EXAMPLE)], env, cwd=work)
    if yamllint:
        measure([yamllint, "-d", "relaxed", str(EXAMPLE)], env, cwd=work)
    if yaml_python:
        measure([yaml_python, "-c", PARSE_SCRIPT, *map(str, spec_files(EXAMPLE))], env, cwd=work)

    # fixed cost: a 10-feature spec, to take the start-up out of the per-feature cost
    tiny = work / "spec-10"
    generate(10, tiny, args.seed)
    fixed = median_of(max(runs, 3), [*lint, str(tiny)], env, cwd=work)
    results["fixed"], results["fixed_cpu"] = fixed["wall"], fixed["cpu"]

    for n in sizes:
        spec = work / f"spec-{n}"
        info = generate(n, spec, args.seed)
        files = spec_files(spec)
        yaml_files = [str(p) for p in files if p.suffix in (".yaml", ".yml")]
        row = {"info": info}
        # crmreq lint and the parse floor in turns, so that both see the same machine (on a
        # shared machine, measuring one after the other moved the ratio by 20 %)
        log(f"{n:>6} features: crmreq lint and libyaml compose + tomllib, in turns × {runs} …")
        lint_runs, parses = [], []
        for _ in range(runs):
            lint_runs.append(median_of(1, [*lint, str(spec)], env, cwd=work))
            if yaml_python:
                result = measure([yaml_python, "-c", PARSE_SCRIPT, *map(str, files)], env, cwd=work)
                data = json.loads(result["out"])
                parses.append({"yaml": data["yaml"], "toml": data["toml"], "cpu": data["cpu"], "wall": result["wall"],
                               "rss_mb": result["rss_mb"]})
        row["lint"] = {k: statistics.median(r[k] for r in lint_runs) for k in ("wall", "cpu", "rss_mb")}
        row["lint"]["runs"] = [value for r in lint_runs for value in r["runs"]]
        if yaml_python:
            row["parse"] = {k: statistics.median(p[k] for p in parses)
                            for k in ("yaml", "toml", "cpu", "wall", "rss_mb")}
            row["parse"]["floor"] = statistics.median(p["yaml"] + p["toml"] for p in parses)
        if yamllint:
            k = runs if n < 50_000 else slow_runs
            log(f"{n:>6} features: yamllint × {k} …")
            yl = median_of(k, [yamllint, "-d", "relaxed", *yaml_files], env, cwd=work)
            row["yamllint"] = {k: yl[k] for k in ("wall", "cpu", "rss_mb", "runs")}
        results["sizes"][n] = row

    log(f"example: cold starts × {args.cold_runs} …")
    example_yaml = [str(p) for p in spec_files(EXAMPLE) if p.suffix in (".yaml", ".yml")]
    cold = median_of(args.cold_runs, [*lint, str(EXAMPLE)], env, cwd=work)
    results["example"]["lint"] = {k: cold[k] for k in ("wall", "cpu", "rss_mb", "runs")}
    # the same with crmreq's result cache (.crmreq_cache/ in the working directory): what a
    # pre-commit hook pays when the spec did not change since the last run
    cached = [crmreq, "lint", str(EXAMPLE)]
    if measure(cached, env, cwd=work)["rc"] in (0, 1):
        warm = median_of(args.cold_runs, cached, env, cwd=work)
        results["example"]["lint_cached"] = {k: warm[k] for k in ("wall", "cpu", "rss_mb", "runs")}
    if yamllint:
        yl = median_of(args.cold_runs, [yamllint, "-d", "relaxed", *example_yaml], env, cwd=work)
        results["example"]["yamllint"] = {k: yl[k] for k in ("wall", "cpu", "rss_mb", "runs")}
    if yaml_python:
        parsed = median_of(args.cold_runs, [yaml_python, "-c", PARSE_SCRIPT, *map(str, spec_files(EXAMPLE))], env,
                           cwd=work)
        results["example"]["parse"] = {k: parsed[k] for k in ("wall", "cpu", "rss_mb")}
    results["example"]["files"] = len(spec_files(EXAMPLE))
    results["example"]["bytes"] = sum(p.stat().st_size for p in spec_files(EXAMPLE))
    results["elapsed"] = time.perf_counter() - started
    results["load_after"] = os.getloadavg()
    results["tools"] = {"crmreq": crmreq, "yamllint": yamllint, "yaml_python": yaml_python}
    results["warnings"] = list(WARNINGS)
    if not args.work and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    elif args.keep or args.work:
        results["work"] = str(work)
    return results


# -- reporting ------------------------------------------------------------------------------

def _ratio(a, b):
    return a / b if a is not None and b else None


def _fmt(value, spec="{:.2f}", missing="–"):
    return spec.format(value) if value is not None else missing


def _version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except Exception:
        return "?"


def report(results: dict) -> str:
    tools = results["tools"]
    out = []
    commit = "?"
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10).stdout.strip() or "?"
    except Exception:
        pass
    out.append(f"{_version([tools['crmreq'], '--version'])} (commit {commit}), Python "
               f"{platform.python_version()}, {os.cpu_count()} CPU, {platform.machine()}; "
               f"{_version([tools['yamllint'], '--version']) if tools['yamllint'] else 'yamllint not installed'}; "
               f"medians of {results['runs']} run(s); load average {results['load_before'][0]:.2f} before, "
               f"{results['load_after'][0]:.2f} after; whole run {results['elapsed']:.0f} s.")
    for warning in results.get("warnings", []):
        out.append(f"\n**Warning**: {warning}.")
    out.append("")
    out.append("Each cell: wall time · CPU time (user + system), in seconds; ratios likewise. "
               "CPU time is the steadier figure when the machine is shared.")
    out.append("")
    out.append("| spec | files (YAML+TOML) | MB | `crmreq lint` s | peak MB | parse floor s | lint / floor "
               "| `yamllint` s | yamllint MB | lint / yamllint | lint ms per feature* |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

    def pair(a, b, spec="{:.2f}"):
        return f"{_fmt(a, spec)} · {_fmt(b, spec)}"

    fixed, fixed_cpu = results["fixed"], results["fixed_cpu"]
    per_feature = {}
    for n, row in results["sizes"].items():
        info, lint = row["info"], row["lint"]
        parse, yl = row.get("parse") or {}, row.get("yamllint") or {}
        floor = parse.get("floor")
        per_feature[n] = ((lint["wall"] - fixed) / n * 1000, (lint["cpu"] - fixed_cpu) / n * 1000)
        yl_note = " (1 run)" if yl and len(yl["runs"]) == 1 and results["runs"] > 1 else ""
        out.append(
            f"| {n:,} features | {info['files']} ({info['yaml_files']}+{info['toml_files']}) "
            f"| {info['bytes'] / 1e6:.1f} | {pair(lint['wall'], lint['cpu'])} | {lint['rss_mb']:.0f} "
            f"| {pair(floor, parse.get('cpu'))} "
            f"| {pair(_ratio(lint['wall'], floor), _ratio(lint['cpu'], parse.get('cpu')), '{:.1f}×')} "
            f"| {pair(yl.get('wall'), yl.get('cpu'))}{yl_note} | {_fmt(yl.get('rss_mb'), '{:.0f}')} "
            f"| {pair(_ratio(lint['wall'], yl.get('wall')), _ratio(lint['cpu'], yl.get('cpu')), '{:.2f}×')} "
            f"| {pair(*per_feature[n], spec='{:.3f}')} |")
    ex = results["example"]
    parse, yl = ex.get("parse") or {}, ex.get("yamllint") or {}
    out.append(
        f"| examples/fr-negoce, fresh process | {ex['files']} | {ex['bytes'] / 1e6:.2f} "
        f"| {pair(ex['lint']['wall'], ex['lint']['cpu'])} | {ex['lint']['rss_mb']:.0f} "
        f"| {pair(parse.get('wall'), parse.get('cpu'))} (whole process) "
        f"| {pair(_ratio(ex['lint']['wall'], parse.get('wall')), _ratio(ex['lint']['cpu'], parse.get('cpu')), '{:.1f}×')} "
        f"| {pair(yl.get('wall'), yl.get('cpu'))} | {_fmt(yl.get('rss_mb'), '{:.0f}')} "
        f"| {pair(_ratio(ex['lint']['wall'], yl.get('wall')), _ratio(ex['lint']['cpu'], yl.get('cpu')), '{:.2f}×')} | – |")
    if ex.get("lint_cached"):
        c = ex["lint_cached"]
        out.append(f"| examples/fr-negoce, result cache hit (unchanged spec) | {ex['files']} | {ex['bytes'] / 1e6:.2f} "
                   f"| {pair(c['wall'], c['cpu'])} | {c['rss_mb']:.0f} | – | – "
                   f"| {pair(yl.get('wall'), yl.get('cpu'))} | {_fmt(yl.get('rss_mb'), '{:.0f}')} "
                   f"| {pair(_ratio(c['wall'], yl.get('wall')), _ratio(c['cpu'], yl.get('cpu')), '{:.2f}×')} | – |")
    out.append("")
    out.append(f"\\* (lint time − lint time of a 10-feature spec, {fixed:.2f} s · {fixed_cpu:.2f} s) / features. "
               "Parse floor: libyaml `compose` (PyYAML `CSafeLoader`) of every YAML file + `tomllib.loads` of every "
               "TOML file, summed in one process, interpreter start-up and file reading excluded (for the example: "
               "the whole process). yamllint (`-d relaxed`) reads the YAML files only.")
    out.append("")
    out.append("| target | measured (wall · CPU) | verdict (wall · CPU) |")
    out.append("|---|---|---|")

    def verdict(ok):
        return "–" if ok is None else ("✅" if ok else "❌")

    ten = results["sizes"].get(10000)
    if ten and ten.get("parse"):
        w = ten["lint"]["wall"] / ten["parse"]["floor"]
        c = ten["lint"]["cpu"] / ten["parse"]["cpu"]
        limit = TARGETS["floor_ratio"]
        out.append(f"| lint(10k) ≤ {limit} × parse floor | {w:.2f}× · {c:.2f}× ({ten['lint']['wall']:.2f} s vs "
                   f"{ten['parse']['floor']:.2f} s) | {verdict(w <= limit)} · {verdict(c <= limit)} |")
    if yl:
        w = ex["lint"]["wall"] / yl["wall"]
        c = ex["lint"]["cpu"] / yl["cpu"]
        limit = TARGETS["cold_ratio"]
        out.append(f"| cold lint of the example ≤ {limit} × yamllint | {w:.2f}× · {c:.2f}× ({ex['lint']['wall']:.2f} s "
                   f"vs {yl['wall']:.2f} s) | {verdict(w <= limit)} · {verdict(c <= limit)} |")
    if ten:
        mb = ten["lint"]["rss_mb"]
        out.append(f"| memory ≤ {TARGETS['memory_mb']} MB at 10k | {mb:.0f} MB | {verdict(mb <= TARGETS['memory_mb'])} |")
    sizes = sorted(per_feature)
    if len(sizes) >= 2:
        limit = TARGETS["linear"]
        steps = [(a, b, per_feature[b][0] / per_feature[a][0], per_feature[b][1] / per_feature[a][1])
                 for a, b in zip(sizes, sizes[1:])]
        text = ", ".join(f"{a // 1000}k→{b // 1000}k ×{w:.2f} · ×{c:.2f}" for a, b, w, c in steps)
        out.append(f"| linear: per-feature cost grows ≤ {round((limit - 1) * 100)} % per step | {text} "
                   f"| {verdict(max(s[2] for s in steps) <= limit)} · {verdict(max(s[3] for s in steps) <= limit)} |")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k features, 1 run.")
    parser.add_argument("--runs", type=int, default=3, help="Runs per measurement (median; default 3).")
    parser.add_argument("--cold-runs", type=int, default=5, help="Runs for the example's cold start (default 5).")
    parser.add_argument("--slow-tool-runs", type=int, default=1,
                        help="Runs of yamllint at 50k features and more (≈ 100 s each; default 1).")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 10000, 50000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", help="Directory for generated specs (kept). Default: a temporary one.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary directory.")
    parser.add_argument("--crmreq", help="crmreq executable (default: beside this Python, or on PATH).")
    parser.add_argument("--yamllint", help="yamllint executable (default: beside this Python, or on PATH).")
    parser.add_argument("--yaml-python", help="A Python with PyYAML + libyaml for the parse floor "
                                              "(default: this one, else yamllint's).")
    parser.add_argument("--json", help="Also write the raw results here.")
    parser.add_argument("--silent", action="store_true", help="No progress on stderr.")
    parser.add_argument("--from-json", help="Print the report of results saved earlier with --json; run nothing.")
    args = parser.parse_args(argv)
    if args.from_json:
        results = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
        results["sizes"] = {int(k): v for k, v in results["sizes"].items()}
        print(report(results))
        return 0
    results = run(args)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
