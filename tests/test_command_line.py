"""The command line behaves like a good Unix tool: cut short by `| head`, it
stops quietly, with no traceback."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_a_reader_that_stops_early_gets_no_traceback():
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "rules"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, bufsize=0)
    first = process.stdout.read(20)
    process.stdout.close()  # what `| head -1` does once it has its line
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0 and first, errors
    assert "Traceback" not in errors
