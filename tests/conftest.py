"""Shared fixtures: the sample report is built once per test session into a
temporary folder, and every edition test reads that build."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from hypothesis import settings

# Property tests explore new random inputs on every local run (and keep what fails in
# .hypothesis/); in CI they replay a fixed set, so a landing never depends on luck.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "source"
TINY = ROOT / "tests" / "fixtures" / "tiny"


def run_pipeline(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample-outputs")
    result = run_pipeline("build", "--source", str(SAMPLE), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def pandoc_json(path: Path) -> dict:
    """A chapter read straight from the source by pandoc, without our pipeline."""
    import pypandoc

    out = subprocess.run([pypandoc.get_pandoc_path(), "-f", "commonmark_x+implicit_figures", "-t", "json", str(path)],
                         capture_output=True, check=True)
    return json.loads(out.stdout)


def struct_elements(pdf: pikepdf.Pdf):
    """(role, element) for every element of the PDF's structure tree, in reading order."""
    def walk(node):
        if isinstance(node, pikepdf.Array):
            for child in node:
                yield from walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield str(node.S)[1:], node
            if "/K" in node:
                yield from walk(node.K)

    yield from walk(pdf.Root.StructTreeRoot.K)
