"""`python -m pipeline build`: load → check → parse once → filter → write each edition → verify.

Prints one progress line per stage on stdout, e.g.

    pdf           outputs/report.pdf        42 pages   1.3 s

and findings on stderr. Editions are written into a hidden staging folder
inside the output folder and moved into place only when every edition has
been written and verified: a build that fails or is interrupted leaves the
previous outputs exactly as they were.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

from filters import summary
from pipeline import assets, atomic
from pipeline.check import report_context, run_rules
from pipeline.check.rules.readability import chapter_stats
from pipeline.check.expected import expected_from_doc
from pipeline.check.outputs import FILES as OUTPUT_FILES
from pipeline.check.outputs import check_outputs
from pipeline.diagnostics import BuildStopped, Diagnostic, display_path
from pipeline.editions import EDITIONS, GROUPS
from pipeline.parse import parse_report
from pipeline.reproducible import fix_build_date
from pipeline.source import load_report
from pipeline.stages import run_common
from pipeline.writers import BuildContext, Written
from pipeline.writers.index import write_index
from pipeline.writers.readability import write_readability


def _progress(log: Callable[[str], None], stage: str, what: str, detail: str, started: float) -> None:
    log(f"{stage:<13} {what:<28} {detail:<10} {time.perf_counter() - started:5.1f} s")


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr)


def _publish(stage: Path, out: Path) -> None:
    """Move every staged file over its published counterpart (each rename is atomic).

    A staged folder (site/, images/) replaces the published one whole, so a
    page of a chapter that was renamed or removed does not linger.
    """
    for staged in sorted(stage.iterdir()):
        target = out / staged.name
        if staged.is_dir() and target.is_dir():
            old = out / f"{atomic.TEMP_PREFIX}{os.getpid()}-old-{staged.name}"
            os.replace(target, old)
            os.replace(staged, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staged, target)


def build(source: Path, out: Path, only: Iterable[str] | None = None,
          skip: frozenset[str] = frozenset(), log: Callable[[str], None] = print,
          warn: Callable[[str], None] = _to_stderr, allow_drafts: bool = False) -> list[Written]:
    """Build the selected editions of the report in `source` into `out`; returns what was written."""
    started = time.perf_counter()
    report = load_report(source)
    fix_build_date(report)
    _progress(log, "load", display_path(source / "report.yaml"), f"{len(report.chapters)} chapters", started)

    step = time.perf_counter()
    check_ctx = report_context(report)
    findings = list(report.warnings) + run_rules(check_ctx)
    for finding in findings:
        warn(str(finding))
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise BuildStopped(f"{len(errors)} error{'s' * (len(errors) != 1)} in the source: nothing was built; "
                           "fix the lines above and run make again")
    _progress(log, "check", f"{len(findings)} warnings", "", step)

    step = time.perf_counter()
    doc = parse_report(report)
    _progress(log, "parse", f"{len(doc['blocks'])} blocks", "", step)

    expected = expected_from_doc(report, doc)  # before the filters, which change the tree in place

    step = time.perf_counter()
    doc = run_common(doc, skip)
    assets.check_images(report, doc)
    trees = {"report": doc, "summary": summary.apply(doc)}
    _progress(log, "filter", f"{len(trees['summary']['blocks'])} summary blocks", "", step)
    drafts = summary.draft_chapters(trees["summary"])
    if drafts and not allow_drafts:
        raise BuildStopped(f"{len(drafts)} chapter{'s' * (len(drafts) != 1)} ha{'ve' if len(drafts) != 1 else 's'} "
                           f"only a generated DRAFT summary ({', '.join(drafts)}): nothing was built; write their "
                           "::: summary blocks, or build with --allow-drafts (make ALLOW_DRAFTS=1) to preview them")
    for title in drafts:
        warn(f"warning summary-draft: the easy-read editions carry a DRAFT summary of \"{title}\" "
             "— a person must rewrite it before the report is published")

    out.mkdir(parents=True, exist_ok=True)
    atomic.remove_stale_temporaries(out)
    stage = out / f"{atomic.TEMP_PREFIX}{os.getpid()}-build"
    try:
        written = _write_editions(report, trees, expected, stage, out, only, skip, log, warn)
        step = time.perf_counter()
        written.append(write_readability(report, chapter_stats(check_ctx), stage / "readability.html"))
        _progress(log, "readability", display_path(out / "readability.html"), "", step)
        _publish(stage, out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    log(f"built {len(written)} files in {time.perf_counter() - started:.1f} s")
    return [Written(out / w.path.relative_to(stage), w.pages, w.detail) for w in written]


def _write_editions(report, trees, expected, stage: Path, out: Path, only, skip, log, warn) -> list[Written]:
    ctx = BuildContext(report=report, out=stage, skip=skip, published=out, summary=trees["summary"])
    selected = [e for e in EDITIONS if only is None or e.group in set(only)]
    source = report.root
    if not trees["summary"]["blocks"]:
        warn(str(Diagnostic("no chapter has a '::: summary' block, so there is no easy-read edition",
                           source / "report.yaml", severity="warning", rule="summary-missing",
                           fix="add a ::: summary block to each chapter")))
        selected = [e for e in selected if e.content != "summary"]
    assets.publish(report, trees["report"], stage)

    written, skipped = [], set()
    for edition in selected:
        step = time.perf_counter()
        result = edition.write(ctx, trees[edition.content], stage / edition.output)
        if result.detail.get("skipped"):  # e.g. the audio, without espeak-ng
            warn(f"{edition.name}: {result.detail['skipped']}")
            skipped.add(edition.name)
            continue
        pages = f"{result.pages} pages" if result.pages else ""
        _progress(log, edition.name, display_path(out / edition.output), pages, step)
        written.append(result)

    step = time.perf_counter()
    written.append(write_index(ctx, [e for e in EDITIONS if e.name not in skipped]))
    _progress(log, "index", display_path(out / "index.html"), "", step)

    step = time.perf_counter()
    checked = tuple(e.name for e in selected if e.name in OUTPUT_FILES)
    lost = check_outputs(stage, expected, formats=checked) if checked else []
    for finding in lost:
        warn(str(finding).replace(str(stage), str(out)))
    if any(f.severity == "error" for f in lost):
        raise BuildStopped("an edition lost something on the way (see above): this is a bug in the pipeline, "
                           "not in your source; the previous outputs are unchanged")
    _progress(log, "verify", f"{', '.join(checked) or 'nothing'} match the source", "", step)
    return written


__all__ = ["build", "GROUPS"]
