"""Reading an imported source folder back, for the importer's tests."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(?: \"[^\"]*\")?\)(\{[^}]*\})?")


def run_import(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "import", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def chapters(folder: Path) -> list[Path]:
    meta = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    return [folder / name for name in meta["chapters"]]


def outline(folder: Path) -> list[str]:
    """Every heading of the report as '## Text {#id}' lines, in reading order."""
    return [line for path in chapters(folder) for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")]


def pictures(folder: Path) -> list[tuple[str, str, str]]:
    """(alt, path, attributes) of every picture, in reading order."""
    return [m.groups("") for path in chapters(folder) for m in IMAGE.finditer(path.read_text(encoding="utf-8"))]


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def repair(result, words: str):
    """The one repair whose message contains words."""
    found = [r for r in result.repairs if words in r.message]
    assert len(found) == 1, f"{len(found)} repairs say {words!r}: " + "\n".join(r.line() for r in result.repairs)
    return found[0]
