#!/usr/bin/env python3
"""Measure `crmreq lint` on hostile inputs: alias bombs, deep nesting, huge files and numbers.

    python benchmarks/bombs.py [--only NAME,…] [--timeout 120] [--json out.json]

Each bomb is written into a fresh spec directory (as the entry file, or as an included
file) and linted by a fresh `crmreq lint --format json` process, under an
address-space cap (4 GB) and a timeout. Reported: size of the input, exit code, the first
finding (code and message), wall time and the child's peak RSS. Prints a Markdown table
(docs/limits.md holds the one measured on the reference machine). Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

MEMORY_CAP = 4 * 1024 ** 3
HEADER = "crmreq: 1\nproject:\n  name: Bombe\n  lang: fr\n"


def laughs(levels: int = 9, width: int = 9) -> str:
    lines = [HEADER.rstrip("\n"), 'x-a: &a [' + ", ".join(['"lol"'] * width) + "]"]
    names = "abcdefghijklmnopqrstuvwxyz"
    for i in range(1, levels):
        lines.append(f"x-{names[i]}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * width) + "]")
    return "\n".join(lines) + "\n"


def many_aliases(count: int) -> str:
    return HEADER + "x-base: &b v\nx-list:\n" + "".join("  - *b\n" for _ in range(count))


def flow_seq(depth: int) -> str:
    return HEADER + "x-deep: " + "[" * depth + "]" * depth + "\n"


def flow_map(depth: int) -> str:
    return HEADER + "x-deep: " + "{a: " * depth + "1" + "}" * depth + "\n"


def block_seq(depth: int) -> str:
    """Compact nested block sequences: `- - - x`, one level per two characters."""
    return HEADER + "x-deep:\n  " + "- " * depth + "x\n"


def block_map(depth: int) -> str:
    return HEADER + "x-deep:\n" + "".join(" " * (2 * i + 2) + f"k{i}:\n" for i in range(depth))


def unclosed(depth: int) -> str:
    return HEADER + "x-deep: " + "[" * depth + "\n"


def toml_array(depth: int) -> str:
    return 'crmreq = 1\n[project]\nname = "Bombe"\n[x-t]\ndeep = ' + "[" * depth + "]" * depth + "\n"


def toml_inline(depth: int) -> str:
    return 'crmreq = 1\n[project]\nname = "Bombe"\n[x-t]\ndeep = ' + "{a = " * depth + "1" + "}" * depth + "\n"


def toml_dotted(parts: int) -> str:
    return 'crmreq = 1\n[project]\nname = "Bombe"\n[x-t]\n' + ".".join(["a"] * parts) + " = 1\n"


def toml_header(parts: int) -> str:
    return 'crmreq = 1\n[project]\nname = "Bombe"\n[x-t.' + ".".join(["a"] * parts) + "]\nk = 1\n"


def toml_headers(count: int, parts: int = 64) -> str:
    """Many short-enough headers: every dotted part is one more table inside tomllib."""
    deep = ".".join(["a"] * (parts - 2))
    return 'crmreq = 1\n[project]\nname = "Bombe"\n' + "".join(f"[x-t.t{i}.{deep}]\n" for i in range(count))


def toml_deep_keys(count: int, parts: int = 64) -> str:
    """Keys of 64 parts under a header of 64: tomllib's cost per key grows with header × key."""
    deep = ".".join(["a"] * (parts - 1))
    return ('crmreq = 1\n[project]\nname = "Bombe"\n[x-t.' + deep + "]\n"
            + "".join(f"k{i}.{deep} = 1\n" for i in range(count)))


def big_int(digits: int, toml: bool = False) -> str:
    if toml:
        return 'crmreq = 1\n[project]\nname = "Bombe"\n[context.situation]\nheadcount = ' + "9" * digits + "\n"
    return HEADER + "context:\n  situation:\n    headcount: " + "9" * digits + "\n"


def hex_int(digits: int) -> str:
    return HEADER + "x-hex: 0x" + "f" * digits + "\n"


def long_line(size: int) -> str:
    return HEADER + 'x-long: "' + "é" * (size // 2) + '"\n'


def many_keys(count: int) -> str:
    return HEADER + "x-keys:\n" + "".join(f"  k{i}: {i}\n" for i in range(count))


def duplicate_keys(count: int) -> str:
    return HEADER + "x-dup:\n" + "".join("  k: 1\n" for _ in range(count))


def many_files(count: int, directory: Path) -> str:
    (directory / "parts").mkdir(parents=True)
    for i in range(count):
        (directory / "parts" / f"p{i:05d}.yaml").write_text(f"x-part-{i}: {{n: {i}, text: partie {i}}}\n",
                                                             encoding="utf-8")
    return HEADER + "include:\n  - parts/*.yaml\n"


def include_loop(directory: Path) -> str:
    (directory / "a.yaml").write_text("x-a: 1\ninclude: [crmreq.yaml, b.yaml]\n", encoding="utf-8")
    (directory / "b.yaml").write_text("x-b: 1\ninclude: [a.yaml]\n", encoding="utf-8")
    return HEADER + "include:\n  - a.yaml\n  - '**/*.yaml'\n  - crmreq.yaml\n"


def sized_spec(target_bytes: int, directory: Path) -> None:
    """A valid spec whose one features file is just under `target_bytes` (benchmarks/generate.py)."""
    import generate as gen

    gen.MAX_FILE_BYTES = 5 * 1024 * 1024       # this bomb goes up to crmreq's own limit
    features = max(10, target_bytes // 700)
    for _ in range(4):
        gen.generate(features, directory, seed=1, per_file=features, toml_every=0)
        size = next((directory / "besoins").iterdir()).stat().st_size
        if abs(size - target_bytes) < target_bytes * 0.005 and size < gen.MAX_FILE_BYTES:
            break
        features = int(features * target_bytes / size * 0.999)


# name: (description, builder) — a builder returns the entry file's text, or fills the directory
BOMBS = {
    "laughs-9x9": ("billion laughs: 9 levels × 9 aliases (9⁹ = 387 M leaves)", lambda d: laughs(9, 9)),
    "aliases-10001": ("10,001 aliases of one scalar (the alias-count limit is 10,000)", lambda d: many_aliases(10_001)),
    "aliases-5000": ("5,000 aliases (under the limit)", lambda d: many_aliases(5_000)),
    "flow-seq-1k": ("flow sequences nested 1,000 deep `[[[…]]]`", lambda d: flow_seq(1_000)),
    "flow-seq-10k": ("flow sequences nested 10,000 deep", lambda d: flow_seq(10_000)),
    "flow-seq-100k": ("flow sequences nested 100,000 deep", lambda d: flow_seq(100_000)),
    "flow-map-10k": ("flow mappings nested 10,000 deep `{a: {a: …}}`", lambda d: flow_map(10_000)),
    "block-seq-1k": ("block sequences nested 1,000 deep `- - - … x`", lambda d: block_seq(1_000)),
    "block-seq-10k": ("block sequences nested 10,000 deep", lambda d: block_seq(10_000)),
    "block-seq-100k": ("block sequences nested 100,000 deep", lambda d: block_seq(100_000)),
    "block-map-1k": ("block mappings nested 1,000 deep (indentation; 1 MB)", lambda d: block_map(1_000)),
    "block-map-2k": ("block mappings nested 2,000 deep (4 MB)", lambda d: block_map(2_000)),
    "unclosed-100k": ("100,000 `[` never closed", lambda d: unclosed(100_000)),
    "toml-array-1k": ("TOML arrays nested 1,000 deep", lambda d: toml_array(1_000)),
    "toml-array-10k": ("TOML arrays nested 10,000 deep", lambda d: toml_array(10_000)),
    "toml-array-100k": ("TOML arrays nested 100,000 deep", lambda d: toml_array(100_000)),
    "toml-inline-10k": ("TOML inline tables nested 10,000 deep", lambda d: toml_inline(10_000)),
    "toml-dotted-5k": ("TOML dotted key of 5,000 parts `a.a.a… = 1`", lambda d: toml_dotted(5_000)),
    "toml-dotted-10k": ("TOML dotted key of 10,000 parts", lambda d: toml_dotted(10_000)),
    "toml-dotted-20k": ("TOML dotted key of 20,000 parts", lambda d: toml_dotted(20_000)),
    "toml-header-20k": ("TOML table header of 20,000 parts `[a.a.a…]`", lambda d: toml_header(20_000)),
    "toml-headers-1500": ("1,500 TOML headers of 64 parts (94,500 dotted parts, under the 100,000 budget)",
                          lambda d: toml_headers(1_500)),
    "toml-headers-35k": ("35,000 TOML headers of 64 parts (2.2 M dotted parts, 4.8 MB)", lambda d: toml_headers(35_000)),
    "toml-deep-keys-1500": ("1,500 TOML keys of 64 parts under a 64-part header (96,000 parts)",
                            lambda d: toml_deep_keys(1_500)),
    "toml-deep-keys-35k": ("35,000 TOML keys of 64 parts under a 64-part header", lambda d: toml_deep_keys(35_000)),
    "int-1000": ("1,000-digit integer (the limit)", lambda d: big_int(1_000)),
    "int-1001": ("1,001-digit integer", lambda d: big_int(1_001)),
    "int-5000": ("5,000-digit integer", lambda d: big_int(5_000)),
    "toml-int-5000": ("5,000-digit TOML integer", lambda d: big_int(5_000, toml=True)),
    "hex-5000": ("5,000-digit hexadecimal integer", lambda d: hex_int(5_000)),
    "long-line-4mb": ("one 4 MB double-quoted string", lambda d: long_line(4_000_000)),
    "keys-100k": ("100,000 keys in one mapping", lambda d: many_keys(100_000)),
    "dup-keys-100k": ("the same key 100,000 times", lambda d: duplicate_keys(100_000)),
    "files-2000": ("2,000 included files (one glob)", lambda d: many_files(2_000, d)),
    "include-loop": ("files that include each other and the entry file", include_loop),
    "spec-5mb": ("valid spec, one 5 MB features file (≈ 7,000 features)", lambda d: sized_spec(4_950_000, d)),
    "file-6mb": ("a 6 MB file (over the 5 MB default limit)", lambda d: long_line(6_000_000)),
}


def build(name: str, directory: Path) -> int:
    _, builder = BOMBS[name]
    directory.mkdir(parents=True, exist_ok=True)
    text = builder(directory)
    if text is not None and not (directory / "crmreq.yaml").exists():
        entry = directory / ("crmreq.toml" if name.startswith("toml") else "crmreq.yaml")
        entry.write_text(text, encoding="utf-8")
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def _limit():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def measure(crmreq: str, directory: Path, timeout: float) -> dict:
    env = dict(os.environ, NO_COLOR="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the warm-up run compiles crmreq's bytecode, as pip install does
    start = time.perf_counter()
    proc = subprocess.Popen([crmreq, "lint", "--format", "json", "--lang", "en", str(directory)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=directory,
                            preexec_fn=_limit)
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        timed_out = True
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # max over children so far: see below
    result = {"wall": wall, "rc": proc.returncode, "timed_out": timed_out, "stderr": err.decode("utf-8", "replace"),
              "rss_mb": usage.ru_maxrss / 1024}
    try:
        document = json.loads(out)
        diagnostics = document["diagnostics"]
        first = next((d for d in diagnostics if d["code"].startswith("E")), None)
        result["first"] = (f"{first['code']} {first['message']}" if first
                           else f"accepted: no loading error ({len(diagnostics)} other findings)")
    except (ValueError, KeyError):
        result["first"] = (err.decode("utf-8", "replace").strip().splitlines() or ["(no output)"])[-1]
    return result


def run_one(crmreq: str, name: str, timeout: float) -> dict:
    """In its own process, so that RUSAGE_CHILDREN's maximum is this bomb's alone."""
    with tempfile.TemporaryDirectory(prefix=f"crmreq-bomb-{name}-") as tmp:
        size = build(name, Path(tmp) / "spec")
        result = measure(crmreq, Path(tmp) / "spec", timeout)
        result["bytes"] = size
        return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="Comma-separated bomb names (default: all).")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--crmreq", default=None)
    parser.add_argument("--json", help="Also write raw results here.")
    parser.add_argument("--one", help=argparse.SUPPRESS)   # internal: measure one bomb, print JSON
    args = parser.parse_args(argv)
    crmreq = args.crmreq or (str(Path(sys.executable).with_name("crmreq"))
                             if Path(sys.executable).with_name("crmreq").exists() else shutil.which("crmreq"))
    if args.one:
        print(json.dumps(run_one(crmreq, args.one, args.timeout)))
        return 0
    names = args.only.split(",") if args.only else list(BOMBS)
    # warm-up: compile crmreq's bytecode once
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "crmreq.yaml").write_text(HEADER, encoding="utf-8")
        measure(crmreq, Path(tmp), args.timeout)
    results = {}
    for name in names:
        print(f"{name} …", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, __file__, "--one", name, "--timeout", str(args.timeout),
                               "--crmreq", crmreq], capture_output=True, text=True)
        results[name] = json.loads(done.stdout) if done.returncode == 0 else {"error": done.stderr[-500:]}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("| bomb | input | exit | what crmreq says | time s | peak MB |")
    print("|---|---:|---:|---|---:|---:|")
    for name, r in results.items():
        if "error" in r:
            print(f"| {BOMBS[name][0]} | – | – | measurement failed: {r['error'][-80:]!r} | – | – |")
            continue
        size = r["bytes"]
        shown = f"{size / 1e6:.1f} MB" if size >= 1e6 else (f"{size / 1e3:.0f} KB" if size >= 1e3 else f"{size} B")
        first = r["first"].replace("|", "\\|").replace("\n", " ")
        first = first if len(first) <= 110 else first[:107] + "…"
        rc = "timeout" if r["timed_out"] else r["rc"]
        print(f"| {BOMBS[name][0]} | {shown} | {rc} | {first} | {r['wall']:.2f} | {r['rss_mb']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
