"""`pip install crmreq` lints without python-docx and matplotlib; an export that needs them says
which extra to install, in one line, exit 2. openpyxl is in the light install (score reads XLSX)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fr-negoce"

RUN_WITHOUT_EXTRA = textwrap.dedent("""
    import sys
    for name in ("docx", "matplotlib"):
        sys.modules[name] = None          # as if `crmreq[export]` were not installed
    from crmreq.cli import main
    main(sys.argv[1:], prog_name="crmreq")
""")


def _crmreq_without_extra(*args):
    return subprocess.run([sys.executable, "-c", RUN_WITHOUT_EXTRA, *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_lint_needs_no_export_library():
    done = _crmreq_without_extra("lint", EXAMPLE)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("fmt", ["docx", "pack"])
def test_an_export_that_needs_the_extra_names_it(tmp_path, fmt):
    out = tmp_path / ("pack" if fmt == "pack" else f"out.{fmt}")
    done = _crmreq_without_extra("export", fmt, EXAMPLE, "-o", out)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and 'pip install "crmreq[export]"' in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "xlsx"])
def test_text_exports_need_no_extra(tmp_path, fmt):
    done = _crmreq_without_extra("export", fmt, EXAMPLE, "-o", tmp_path / f"out.{fmt}")
    assert done.returncode == 0, done.stdout + done.stderr
