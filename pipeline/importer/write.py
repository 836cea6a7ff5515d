"""Write the source folder: report.yaml, chapters/NN-slug.md, images/, glossary.yaml
and import-report.html, all or nothing.

Everything is written into a hidden folder beside the target and renamed into
place at the end, so an import that fails leaves no half-made folder, and an
existing folder is replaced (with --force) only by a complete one.

The chapters are Markdown in the syntax that both of the build's readers read
(pandoc's `markdown` and `commonmark_x`): ATX headings with explicit ids, pipe
tables, `{.decorative}`, `[^label]` footnotes. Tables that a pipe table cannot
hold (a list in a cell) are written as HTML, which the build reads as pasted
HTML. Each paragraph is one line, so that a line number names one paragraph.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import yaml

from pipeline.diagnostics import ReportError
from pipeline.importer.markers import lines_of
from pipeline.importer.structure import Chapter
from pipeline.pandoc import run_pandoc

WRITER = ("markdown-grid_tables-simple_tables-multiline_tables-line_blocks-smart-implicit_figures-citations"
          "-all_symbols_escapable-example_lists-raw_attribute"
          # without auto_identifiers pandoc writes every id, also those it would have made itself
          "-auto_identifiers")
NOTE_LABEL = re.compile(r"(?<!\\)\[\^(\d+)\]")


def chapter_markdown(chapter: Chapter, api_version: list) -> tuple[str, dict[str, int]]:
    """The chapter as Markdown, and the line each marker label landed on."""
    doc = {"pandoc-api-version": api_version, "meta": {}, "blocks": chapter.blocks}
    written = run_pandoc(["-f", "json", "-t", WRITER, "--wrap=none"], json.dumps(doc).encode(), Path.cwd(),
                         chapter.file).decode("utf-8")
    # Footnote labels must be unique across the whole report, and pandoc numbers them per chapter.
    written = NOTE_LABEL.sub(lambda m: f"[^{chapter.id}-{m.group(1)}]", written)
    return lines_of(written)


def render_chapters(chapters: list[Chapter], api_version: list) -> dict[str, tuple[str, dict[str, int]]]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip((c.file for c in chapters), pool.map(lambda c: chapter_markdown(c, api_version), chapters)))


def report_yaml(meta: dict, source_name: str) -> str:
    header = (f"# Imported from {source_name} by `python -m pipeline import`; import-report.html lists what was "
              "repaired\n# and what a person still has to do. Keys: README.md, 'Writing the source'.\n")
    return header + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)


@contextmanager
def staging(out: Path, force: bool):
    """Yield a hidden folder beside out to write into; it becomes out only if the block succeeds.
    An existing out is replaced only with force, and stays as it was if anything fails."""
    if out.exists() and not force:
        raise ReportError(f"{out} already exists; nothing was imported", out,
                          fix="choose another folder with --out, or pass --force to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.parent / f".{out.name}.importing-{os.getpid()}"
    old = out.parent / f".{out.name}.replaced-{os.getpid()}"
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir()
    try:
        yield temp
        if out.exists():
            os.replace(out, old)
        try:
            os.replace(temp, out)
        except OSError:
            if old.exists():
                os.replace(old, out)  # the folder that was there stays as it was
            raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
