#!/usr/bin/env python3
"""Benchmark `crmreq score`: 5 vendors answering a matrix of about 300 requirements.

    python benchmarks/score.py             # 7 runs of each format
    python benchmarks/score.py --runs 3

Setup (not timed): generate.py writes a spec of 275 features (with its NFR and RGPD rows, about
300 matrix rows); the XLSX and CSV matrices are exported once, then filled by five vendors
(three XLSX, one CSV excel-fr, one CSV rfc4180) with answers drawn from a fixed seed, some rows
blank, typed or costless so that the checks have something to say; an evaluation file gives
prices, marks and demo marks.

Measured: a cold `crmreq score SPEC R1…R5 --evaluation E --format text|json`, a fresh process
each run, wall time and the child's CPU time (`os.wait4`, POSIX only). Target of issue 18:
under 2 s for text and json. A script, not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FEATURES = 275
TARGET = 2.0
LEVELS = ["Standard"] * 5 + ["Paramétrage"] * 3 + ["Module tiers", "Développement spécifique", "Feuille de route T2 2027",
                                                   "Non couvert", "", "parametrage"]


def crmreq_command() -> list[str]:
    beside = Path(sys.executable).with_name("crmreq")
    return [str(beside)] if beside.is_file() else [sys.executable, "-m", "crmreq"]


def prepare(folder: Path) -> list[str]:
    """The spec, five responses and the evaluation file; answers the arguments of `crmreq score`."""
    spec = folder / "spec"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "-n", str(FEATURES), "-o", str(spec)], check=True,
                   capture_output=True)
    command = crmreq_command()
    for fmt, name, extra in (("xlsx", "matrix.xlsx", []), ("csv", "fr.csv", ["--dialect", "excel-fr"]),
                             ("csv", "rfc.csv", ["--dialect", "rfc4180"])):
        subprocess.run(command + ["export", fmt, str(spec), "-o", str(folder / name), "--allow-errors", *extra],
                       check=True, capture_output=True)
    rng = random.Random(18)
    responses = []
    for index, (vendor, source) in enumerate((("alpha", "matrix.xlsx"), ("beta", "matrix.xlsx"),
                                              ("gamma", "matrix.xlsx"), ("delta", "fr.csv"), ("epsilon", "rfc.csv"))):
        target = folder / "reponses" / f"{vendor}{Path(source).suffix}"
        target.parent.mkdir(exist_ok=True)
        if source.endswith(".xlsx"):
            fill_xlsx(folder / source, target, rng)
        else:
            fill_csv(folder / source, target, rng, ";" if source == "fr.csv" else ",")
        responses.append(str(target))
    evaluation = folder / "evaluation.yaml"
    lines = ["vendors:"]
    for index, vendor in enumerate(("alpha", "beta", "gamma", "delta", "epsilon")):
        lines += [f"  - id: {vendor}", f"    price: {{amount: {80000 + 7000 * index}, currency: EUR}}",
                  f"    marks: {{crit-tech: {6 + index % 4}, crit-methode: 7, crit-ref: {5 + index}, crit-elim: 10}}",
                  "    demos: {demo-0001: 3, demo-0002: 4, demo-0003: 2}"]
    evaluation.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(spec), *responses, "--evaluation", str(evaluation)]


def _answer(rng: random.Random) -> tuple[str, str, str]:
    level = rng.choice(LEVELS)
    cost = str(rng.randrange(500, 20000, 100)) if level in ("Module tiers", "Développement spécifique") and rng.random() < .8 else ""
    return level, rng.choice(["", "Natif.", "Paramétrage des écrans et des règles.", "Voir le mémoire technique."]), cost


def fill_xlsx(source: Path, target: Path, rng: random.Random) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(source)
    for row in workbook.worksheets[0].iter_rows(min_row=2):
        level, comment, cost = _answer(rng)
        row[8].value, row[9].value, row[10].value = level or None, comment or None, float(cost) if cost else None
    workbook.save(target)


def fill_csv(source: Path, target: Path, rng: random.Random, delimiter: str) -> None:
    encoding = "utf-8-sig" if delimiter == ";" else "utf-8"
    with open(source, encoding=encoding, newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter=delimiter))
    for row in rows:
        row[8], row[9], row[10] = _answer(rng)
    with open(target, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Wall time and the child's own CPU time (user + system), in seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"`{' '.join(cmd[:4])} …` failed:\n{proc.stderr.read().decode(errors='replace')[-2000:]}")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        arguments = prepare(Path(tmp))
        command = crmreq_command() + ["score", *arguments]
        rows = subprocess.run(command + ["--format", "json"], capture_output=True, text=True).stdout.count('"vendor"')
        print(f"crmreq score: 5 vendors ({rows} offers read), {FEATURES} features (≈ 300 matrix rows), "
              f"{args.runs} runs, {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
        print("| format | wall min | wall median | CPU median | target |")
        print("|---|---|---|---|---|")
        failed = False
        for fmt in ("text", "json"):
            run_once(command + ["--format", fmt])                      # warm-up: bytecode, disk cache
            results = [run_once(command + ["--format", fmt]) for _ in range(args.runs)]
            walls, cpus = [r[0] for r in results], [r[1] for r in results]
            ok = statistics.median(walls) < TARGET
            failed |= not ok
            print(f"| {fmt} | {min(walls):.2f} s | {statistics.median(walls):.2f} s | {statistics.median(cpus):.2f} s "
                  f"| < {TARGET:.0f} s {'✓' if ok else '✗'} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
