"""Nightly-scale fuzzing: the property tests of test_fuzz.py and test_fuzz_exports.py with
thousands of examples instead of the default run's few hundred.

    pytest -m nightly                                  # both, about an hour on 2 cores
    CRMREQ_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py   # the same, one file, any scale

Each runs in a fresh pytest process (hypothesis reads the scale when the tests are
defined), with examples drawn anew each night (no CI derandomisation).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.nightly

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize("module, examples", [("test_fuzz.py", 3000), ("test_fuzz_exports.py", 1000)])
def test_property_tests_at_nightly_scale(module, examples):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["CRMREQ_FUZZ_EXAMPLES"] = str(examples)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", str(TESTS / module)],
                          cwd=TESTS.parent, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
