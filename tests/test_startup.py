"""What a cold `crmreq lint` imports and does before any work (docs/performance.md, cold start).

No timings here (the machine is shared): these tests pin what start-up must not do, such as
importing the exporters' libraries or leaving the garbage collector changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "fr-negoce"


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


HEAVY = ("rich", "docx", "openpyxl", "matplotlib", "cerberus")


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_importing_the_cli_imports_nothing_heavy():
    assert _heavy(_modules_after("import crmreq.cli")) == []


def test_a_clean_lint_imports_no_exporter_library():
    """python-docx, openpyxl and matplotlib are imported by the exporters that need them only."""
    code = ("import sys\nfrom crmreq.cli import main\n"
            "try:\n"
            f"    main(['lint', {str(EXAMPLE)!r}])\n"
            "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n")
    loaded = {name.split(".")[0] for name in _modules_after(code)}
    assert loaded.isdisjoint({"docx", "openpyxl", "matplotlib"})


def test_model_classes_are_frozen_dataclasses():
    import dataclasses

    from crmreq import model

    feature = model.Feature(pos=model.Position("a.yaml", 1, 1), id="F1")
    assert dataclasses.is_dataclass(model.Spec) and dataclasses.is_dataclass(feature)
    with pytest.raises(dataclasses.FrozenInstanceError):
        feature.id = "F2"
    assert "Feature(pos=" in repr(feature)


# -- the garbage collector: a lint leaves it as it was ----------------------------------

def test_lint_from_a_caller_leaves_the_collector_as_it_was():
    import gc

    from click.testing import CliRunner

    from crmreq.cli import main

    frozen = gc.get_freeze_count()
    result = CliRunner().invoke(main, ["lint", "--no-cache", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert gc.isenabled() and gc.get_freeze_count() == frozen
