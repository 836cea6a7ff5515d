"""Every filter also works the way pandoc users expect: `pandoc --filter filters/NAME.py`."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypandoc
import pytest

from tests.conftest import ROOT

# A filter is a module that ends by running as one (filters/__init__.py); positions.py is a helper.
FILTERS = sorted(p for p in (ROOT / "filters").glob("*.py")
           if p.name != "__init__.py" and "run_as_pandoc_filter(apply)" in p.read_text())
SAMPLE = """# Money {#money}

::: summary
We spent less than we got.
:::

![Bar chart of spending](images/chart.png "Spending"){longdesc="#d"}

::: {.longdesc #d}
Grants were the biggest cost.
:::

![](images/line.png){.decorative}

Text with a note[^1] and [bore da]{lang=cy}. <span onclick="x()">Hi</span>

| Item | £ |
|---|--:|
| Grants | 100 |

: Spending (£)

[^1]: The note.
"""


@pytest.mark.parametrize("path", FILTERS, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["html5", "typst"])
def test_filter_runs_under_pandoc(path: Path, fmt: str, tmp_path):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=str(ROOT))
    result = subprocess.run([pypandoc.get_pandoc_path(), "-f", "commonmark_x+implicit_figures", "-t", fmt, "--filter", str(path)],
                            input=SAMPLE, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
