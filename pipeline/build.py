"""`python -m pipeline build`: load → parse once → filter → write each edition.

Prints one progress line per stage, e.g.

    pdf           outputs/report.pdf        42 pages   1.3 s
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable

from filters import summary
from pipeline import assets, atomic
from pipeline.check import check_report
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


def _progress(log: Callable[[str], None], stage: str, what: str, detail: str, started: float) -> None:
    log(f"{stage:<13} {what:<28} {detail:<10} {time.perf_counter() - started:5.1f} s")


def build(source: Path, out: Path, only: Iterable[str] | None = None,
          skip: frozenset[str] = frozenset(), log: Callable[[str], None] = print) -> list[Written]:
    """Build the selected editions of the report in `source` into `out`; returns what was written."""
    started = time.perf_counter()
    report = load_report(source)
    fix_build_date(report)
    _progress(log, "load", display_path(source / "report.yaml"), f"{len(report.chapters)} chapters", started)

    step = time.perf_counter()
    findings = check_report(report)
    for finding in findings:
        log(str(finding))
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

    out.mkdir(parents=True, exist_ok=True)
    atomic.remove_stale_temporaries(out)
    ctx = BuildContext(report=report, out=out, skip=skip)
    selected = [e for e in EDITIONS if only is None or e.group in set(only)]
    if not trees["summary"]["blocks"]:
        log(str(Diagnostic("no chapter has a '::: summary' block, so there is no easy-read edition",
                           source / "report.yaml", severity="warning", rule="summary-missing",
                           fix="add a ::: summary block to each chapter")))
        selected = [e for e in selected if e.content != "summary"]
    assets.publish(report, doc, out)

    written = []
    for edition in selected:
        step = time.perf_counter()
        result = edition.write(ctx, trees[edition.content], out / edition.output)
        pages = f"{result.pages} pages" if result.pages else ""
        _progress(log, edition.name, display_path(result.path), pages, step)
        written.append(result)

    step = time.perf_counter()
    written.append(write_index(ctx, EDITIONS))
    _progress(log, "index", display_path(out / "index.html"), "", step)

    step = time.perf_counter()
    checked = tuple(e.name for e in selected if e.name in OUTPUT_FILES)
    lost = check_outputs(out, expected, formats=checked) if checked else []
    for finding in lost:
        log(str(finding))
    if any(f.severity == "error" for f in lost):
        raise BuildStopped("an edition lost something on the way (see above): this is a bug in the pipeline, "
                           "not in your source; the other editions were written")
    _progress(log, "verify", f"{', '.join(checked) or 'nothing'} match the source", "", step)
    log(f"built {len(written)} files in {time.perf_counter() - started:.1f} s")
    return written


__all__ = ["build", "GROUPS"]
