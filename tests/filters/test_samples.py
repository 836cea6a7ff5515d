"""One filter, one sample, one expected output (as pandoc's lua-filters repository does).

Each `samples/NAME.md` is read with pandoc's `markdown` reader (as the build reads chapters),
run through `filters/NAME.py`'s `apply`, and written by the pandoc writer that
`samples/NAME.expected.WRITER` names; the result must equal that file. The expected files
were read and checked by hand: they are what the filter should do, not what it happened to do.

After changing a filter on purpose, rewrite the expected files and read the diff before
committing it:  UPDATE_SAMPLES=1 .venv/bin/python -m pytest tests/filters/test_samples.py
"""
from __future__ import annotations

import importlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from pipeline.pandoc import pandoc_path
from tests.filters.pandoc_helpers import ast

SAMPLES = Path(__file__).parent / "samples"
# The target format each filter is given, where it is not the writer's own name.
FILTER_FORMAT = {name: "epub3" for name in ("link_targets", "epub_brief", "epub_notes", "epub_page_markers", "epub_semantics")}
EXPECTED = sorted(SAMPLES.glob("*.expected.*"))


def _write(doc: dict, writer: str) -> str:
    out = subprocess.run([pandoc_path(), "-f", "json", "-t", writer, "--wrap=none"],
                         input=json.dumps(doc).encode(), capture_output=True, check=True)
    return out.stdout.decode()


@pytest.mark.parametrize("expected", EXPECTED, ids=[path.name.split(".")[0] for path in EXPECTED])
def test_filter_turns_its_sample_into_the_expected_output(expected: Path):
    name, _, writer = expected.name.split(".", 2)
    filter_module = importlib.import_module(f"filters.{name}")
    doc = ast((SAMPLES / f"{name}.md").read_text(encoding="utf-8"))
    result = _write(filter_module.apply(doc, FILTER_FORMAT.get(name, writer)), writer)
    if os.environ.get("UPDATE_SAMPLES"):
        expected.write_text(result, encoding="utf-8")
    assert result == expected.read_text(encoding="utf-8")


def test_every_sample_has_an_expected_output():
    inputs = {path.name.removesuffix(".md") for path in SAMPLES.glob("*.md")}
    assert inputs == {path.name.split(".")[0] for path in EXPECTED}
