"""`build --trace DIR`: the tree after each stage, one JSON file per stage, to
see what a filter does (the complement of `--skip`, which switches one off).

    DIR/00-parsed.json           the report as pandoc read it
    DIR/01-raw-html.json …       after each stage every edition runs
    DIR/html5/11-….json …        after each stage for one pandoc format (html5, epub3, typst)
    DIR/summary/00-summary.json  the easy-read tree, and its formats' stages beside it

A file's number is its stage's place in pipeline/stages.py, so a stage that is
skipped leaves a gap and two traces compare file by file. The trace is for
people debugging: it is written straight to DIR, never cached, and nothing a
build publishes reads it.
"""
from __future__ import annotations

import json
from pathlib import Path

from pipeline import atomic

STAGE_FILE = "[0-9][0-9]-*.json"


def write_tree(folder: Path, number: int, name: str, doc: dict) -> None:
    """One stage's tree (the HTML page and the chunked site may write the same one at once:
    atomic.write_bytes gives each thread its own temporary file)."""
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    atomic.write_bytes(folder / f"{number:02d}-{name}.json", text.encode("utf-8"))


def for_content(folder: Path, content: str) -> Path:
    """Where an edition's per-format stages go: the report's at the top, the summary's in summary/."""
    return folder if content == "report" else folder / content


def clear(folder: Path) -> None:
    """Remove the stage files of an earlier trace, so none is left from a stage skipped this time.
    Only files named as stages are: DIR may be a folder that holds other things too."""
    for old in [*folder.glob(STAGE_FILE), *folder.glob(f"*/{STAGE_FILE}"), *folder.glob(f"*/*/{STAGE_FILE}")]:
        old.unlink()
