#!/usr/bin/env python3
"""How long `crmreq lsp` takes from a change in the editor to its diagnostics (issue 19: at most
200 ms at the median on a 400-feature spec split over 12 files).

    python benchmarks/lsp_bench.py [--features 400] [--runs 21] [--json]

A real LSP session over stdio with pygls's client: the server (`python -m crmreq lsp`, the
Python running this script) is started once, the spec's files are opened, then each run sends
one `textDocument/didChange` (the whole buffer, unsaved) and waits for the
`textDocument/publishDiagnostics` that shows it. The time includes everything the user waits
for: the server's debounce pause, loading and linting the whole spec with the buffer in place
of the file, and publishing the diagnostics of all its files. Runs are 0.4 s apart, so that
each change is linted on its own.

Two edits alternate with their undo, so that every run changes the diagnostics:
- *same file*: a feature's `objectives` names an unknown id (E006 there) in a features file;
- *across files*: a team is renamed in the teams file; E006 then appears in a features file.

Prints a Markdown table (min, median, max in ms) with, for the single changes, the server's CPU
time per change (from /proc, Linux): on a busy machine, what the work costs apart from the wait
for a core. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls import uris
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

TARGET_MS = 200
BURST, BURST_GAP = 5, 0.05


class Session:
    """A client that remembers when each file's diagnostics last arrived."""

    def __init__(self):
        self.client = LanguageClient("crmreq-lsp-bench", "1")
        self.arrived: dict[str, tuple[float, list]] = {}
        self.changed = asyncio.Event()
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams):
            self.arrived[params.uri] = (time.perf_counter(), params.diagnostics)
            self.changed.set()

    async def start(self) -> None:
        await self.client.start_io(sys.executable, "-m", "crmreq", "lsp")
        await self.client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
        self.client.initialized(types.InitializedParams())

    def open(self, path: Path) -> None:
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uris.from_fs_path(str(path)), language_id="toml" if path.suffix == ".toml" else "yaml",
            version=1, text=path.read_text(encoding="utf-8"))))

    def change(self, path: Path, text: str) -> float:
        uri = uris.from_fs_path(str(path))
        self.versions[uri] = self.versions.get(uri, 1) + 1
        sent = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return sent

    async def until(self, path: Path, shows, after: float, timeout: float = 10.0) -> float:
        """When diagnostics for `path` for which `shows(diagnostics)` is true arrived after `after`."""
        uri = uris.from_fs_path(str(path))

        async def wait():
            while True:
                when, found = self.arrived.get(uri, (0.0, []))
                if when > after and shows(found):
                    return when
                self.changed.clear()
                await self.changed.wait()

        return await asyncio.wait_for(wait(), timeout)

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


async def measure(spec: Path, runs: int) -> dict:
    session = Session()
    await session.start()
    files = sorted(p for p in spec.rglob("*") if p.suffix in (".yaml", ".toml"))
    for path in files:
        session.open(path)
    features = sorted((spec / "besoins").glob("*.yaml"))[0]
    teams = spec / "equipes.yaml"
    await session.until(features, lambda found: True, 0.0)
    await asyncio.sleep(1.0)   # the opening lints are over

    feature_text = features.read_text(encoding="utf-8")
    broken_feature = feature_text.replace("    objectives: [", "    objectives: [NO-SUCH-OBJECTIVE, ", 1)
    team_text = teams.read_text(encoding="utf-8")
    team = _first_team_used(feature_text, team_text)
    broken_teams = team_text.replace(f"id: {team}\n", f"id: {team}-renamed\n", 1)

    timings: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for label, path, broken, original in (("one change, same file", features, broken_feature, feature_text),
                                          ("one change, across files", teams, broken_teams, team_text)):
        timings[label], cpu[label] = [], []
        for run in range(runs + runs % 2):          # an even number: the file ends as it was
            before = server_cpu()
            sent = session.change(path, broken if run % 2 == 0 else original)
            arrived = await session.until(features, lambda found, broken=run % 2 == 0: _e006(found) == broken, sent)
            timings[label].append((arrived - sent) * 1000)
            after = server_cpu()
            if before is not None and after is not None:
                cpu[label].append((after - before) * 1000)
            await asyncio.sleep(0.4)

    label = f"end of a burst of {BURST} keystrokes {BURST_GAP * 1000:.0f} ms apart"
    timings[label] = []
    for run in range(runs):
        word = f"TYPED{run}"
        for length in range(len(word) - BURST + 1, len(word) + 1):   # the id typed letter by letter
            last = session.change(features, feature_text.replace("    objectives: [", f"    objectives: [{word[:length]}, ", 1))
            await asyncio.sleep(BURST_GAP)
        typed = re.compile(rf"{word}(?![\w-])")
        arrived = await session.until(features, lambda found: any(typed.search(d.message) for d in found), last)
        timings[label].append((arrived - last) * 1000)
        sent = session.change(features, feature_text)
        await session.until(features, lambda found: not _e006(found), sent)
        await asyncio.sleep(0.4)
    await session.stop()
    return {label: {"min": min(v), "median": statistics.median(v), "max": max(v), "runs": len(v),
                    "server_cpu_median": statistics.median(cpu[label]) if cpu.get(label) else None}
            for label, v in timings.items()}


def server_cpu() -> float | None:
    """CPU seconds (user + system) used so far by the server, this script's one child process:
    read from Linux's /proc; None elsewhere."""
    try:
        children = [pid for task in Path("/proc/self/task").iterdir() for pid in (task / "children").read_text().split()]
        fields = Path(f"/proc/{children[0]}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _e006(diagnostics) -> bool:
    return any(d.code == "E006" for d in diagnostics)


def _first_team_used(feature_text: str, team_text: str) -> str:
    """A team id that the features file names and the teams file declares on a line of its own."""
    for line in feature_text.splitlines():
        if line.strip().startswith("teams: ["):
            for team in line.split("[", 1)[1].rstrip("]").split(","):
                if f"id: {team.strip()}\n" in team_text:
                    return team.strip()
    raise SystemExit("no team of the features file is declared in equipes.yaml")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--features", type=int, default=400)
    parser.add_argument("--files", type=int, default=12, help="Files of the spec (6 hold the other sections).")
    parser.add_argument("--runs", type=int, default=20, help="Changes per edit, half of them undoing the other half.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        spec = Path(folder) / "spec"
        per_file = -(-args.features // max(args.files - 6, 1))
        info = generate(args.features, spec, per_file=per_file)
        (spec / ".git").mkdir()   # the configuration search stops at the spec
        results = asyncio.run(measure(spec, args.runs))
    if args.json:
        print(json.dumps({"spec": info, "results": results}))
        return 0
    print(f"Spec: {info['features']} features, {info['files']} files ({info['yaml_files']} YAML, "
          f"{info['toml_files']} TOML). From didChange to publishDiagnostics, debounce included, "
          f"{args.runs + args.runs % 2} changes each:\n")
    print("| edit | min (ms) | median (ms) | max (ms) | server CPU, median (ms) | target |")
    print("|---|---|---|---|---|---|")
    for label, r in results.items():
        verdict = "✅" if r["median"] <= TARGET_MS else "❌"
        used = f"{r['server_cpu_median']:.0f}" if r["server_cpu_median"] is not None else "–"
        print(f"| {label} | {r['min']:.0f} | {r['median']:.0f} | {r['max']:.0f} | {used} | median ≤ {TARGET_MS} ms {verdict} |")
    print(f"\nLoad average before and after: {load[0]:.2f}, {os.getloadavg()[0]:.2f} "
          f"({os.cpu_count()} CPUs); Python {sys.version.split()[0]}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
