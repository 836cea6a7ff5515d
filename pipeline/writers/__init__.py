"""Writers: each turns the filtered AST into one edition's file.

A writer is `write(ctx, doc, target) -> Written`; it writes atomically and
returns what the progress line and the landing page say about the file.
The table of which writer makes which file is pipeline/editions.py.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.cache import NO_CACHE, Cache
from pipeline.pandoc import run_pandoc
from pipeline.report_date import display_date  # noqa: F401  (the writers' one way to print the date)
from pipeline.source import Report
from pipeline.stages import run_for_format

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class BuildContext:
    report: Report
    out: Path  # where this build writes (a staging folder, moved into place at the end)
    skip: frozenset[str] = frozenset()
    published: Path | None = None  # the output folder readers get; None: same as out
    summary: dict | None = None  # the plain-language summary tree (the EPUB opens with it)
    memo: dict = field(default_factory=dict)  # work one writer does that another can reuse
    trace: Path | None = None  # --trace: where this edition's per-format stages write their trees
    store: Cache = NO_CACHE  # for what a writer can reuse from one build to the next (e.g. HTML parts)
    kept: dict | None = None  # what a writer keeps in the live preview's process for its next build

    def existing(self, name: str) -> Path:
        """A file of this build, or else the one already published (e.g. with --only)."""
        staged = self.out / name
        if staged.exists() or self.published is None:
            return staged
        return self.published / name


@dataclass
class Written:
    path: Path
    pages: int | None = None
    detail: dict = field(default_factory=dict)


def not_made(target: Path, why: str) -> Written:
    """An edition this report cannot have (e.g. no voice for its language): the build says why,
    and a file left by an earlier build is removed, since it would no longer match the source."""
    target.unlink(missing_ok=True)
    return Written(target, detail={"skipped": why})


def pandoc_convert(ctx: BuildContext, doc: dict, fmt: str, args: list[str]) -> bytes:
    """Filter for fmt, then hand the tree to pandoc's writer (never its reader)."""
    doc = run_for_format(doc, fmt, ctx.skip, ctx.trace)
    return run_pandoc(["-f", "json", "-t", fmt, *args], json.dumps(doc).encode(), ctx.report.root,
                      ctx.report.root / "report.yaml")


