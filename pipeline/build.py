"""`python -m pipeline build`: load → check → parse once → filter → write each edition → verify.

Prints one progress line per stage on stdout, e.g.

    pdf           outputs/report.pdf        42 pages   1.3 s

and findings on stderr. Editions are written into a hidden staging folder
inside the output folder and moved into place only when every edition has
been written and verified: a build that fails or is interrupted leaves the
previous outputs exactly as they were.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from multiprocessing.pool import AsyncResult
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from filters import summary
from pipeline import assets, atomic, chapterwise
from pipeline.check import check_for_build
from pipeline.check.expected import Expected, expected_from_doc
from pipeline.check.outputs import FILES as OUTPUT_FILES
from pipeline.check.outputs import check_outputs
from pipeline.cache import NO_CACHE, Cache, key
from pipeline.diagnostics import BuildStopped, Diagnostic, ReportError, display_path
from pipeline.editions import EDITIONS, Edition, select
from pipeline.memory import BuildMemory
from pipeline.parse import Chapter, read_chapters, report_tree
from pipeline.reproducible import fix_build_date
from pipeline.source import Report, load_report
from pipeline.stages import run_common
from pipeline.trace import clear as clear_trace
from pipeline.trace import for_content, write_tree
from pipeline.writers import BuildContext, Written
from pipeline.writers.html import remember_formatted
from pipeline.writers.index import write_index


WRITER_LANES = 2


@dataclass(frozen=True)
class _Build:
    """One build's inputs, settings and channels, handed from step to step."""
    report: Report
    out: Path  # the folder readers get
    stage: Path  # the hidden folder inside out that this build writes, moved over out at the end
    selected: tuple[Edition, ...]  # the editions asked for (--only, --editions)
    skip: frozenset[str]  # stages left out (--skip)
    allow_drafts: bool
    store: Cache
    log: Callable[[str], None]  # progress lines
    warn: Callable[[str], None]  # findings
    trace: Path | None  # --trace: where the tree is written after each stage
    memory: BuildMemory | None  # what the builds before kept (the live preview's): pipeline/memory.py


@dataclass(frozen=True)
class _Filtered:
    """What the filters made of the source, settled once for every edition."""
    trees: dict  # "report" and its easy-read "summary"
    expected: Expected  # what the outputs must contain, read before the filters
    images: dict[str, assets.Picture]  # each image the report uses, checked -> its sha256 and natural size
    chapterwise: chapterwise.Filtered | None = None  # how the report was filtered chapter by chapter, if it was


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
          warn: Callable[[str], None] = _to_stderr, allow_drafts: bool = False,
          names: Iterable[str] | None = None, store: Cache = NO_CACHE,
          on_findings: Callable[[list[Diagnostic]], None] | None = None,
          trace: Path | None = None, memory: BuildMemory | None = None) -> list[Written]:
    """Build the selected editions of the report in `source` into `out`; returns what was written.
    on_findings is given the validator's findings as soon as they are known (the live preview shows them).
    trace: a folder for the tree after each stage (pipeline/trace.py); the outputs are the same without it.
    memory: what is kept from one build to the next (the live preview's: pipeline/memory.py)."""
    started = time.perf_counter()
    report = load_report(source)
    fix_build_date(report)
    _progress(log, "load", display_path(source / "report.yaml"), f"{len(report.chapters)} chapters", started)

    step = time.perf_counter()
    chapters = read_chapters(report, store, memory.read if memory else None)
    _progress(log, "parse", f"{sum(len(c.blocks) for c in chapters)} blocks", "", step)

    # The validator walks the same chapters in a process of its own, beside the filters and
    # writers (Python threads would take turns). Nothing is published until it has passed, so a
    # source error still means nothing was built. The live preview checks in a thread: with what it
    # found in the chapters that did not change, that takes less than forking (and it runs while
    # pandoc writes).
    out.mkdir(parents=True, exist_ok=True)
    atomic.remove_stale_temporaries(out)
    stage = out / f"{atomic.TEMP_PREFIX}{os.getpid()}-build"
    run = _Build(report=report, out=out, stage=stage, selected=tuple(select(only, names)), skip=skip,
                 allow_drafts=allow_drafts, store=store, log=log, warn=warn, trace=trace, memory=memory)
    if memory is not None:  # the live preview: with what it found in the unchanged chapters, a thread will do
        validator = ThreadPoolExecutor(1)
        checking = _InThread(lambda: validator.submit(check_for_build, report, chapters, store, memory))
    else:
        validator = _validator_process()
        checking = _InProcess(validator.apply_async(check_for_build, (report, chapters, store)))
    try:
        try:
            try:
                written = _build_into(run, chapters, checking)
            except (ReportError, BuildStopped):
                # a source error explains a failed writer better than its own message
                _validated(checking, log, warn, on_findings)
                raise
            findings, readability, seconds = _validated(checking, log, warn, on_findings)
            atomic.write_bytes(stage / "readability.html", readability.encode("utf-8"))
            written.append(Written(stage / "readability.html"))
        finally:
            if isinstance(validator, ThreadPoolExecutor):
                validator.shutdown()  # the next build's check starts from what this one kept
            else:
                validator.terminate()  # at once, also on Ctrl-C: its result is not needed any more
        with atomic.too_late_to_interrupt():
            _publish(stage, out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    log(f"built {len(written)} files in {time.perf_counter() - started:.1f} s")
    return [Written(out / w.path.relative_to(stage), w.pages, w.detail) for w in written]


@dataclass(frozen=True)
class _InProcess:
    """The validator's result to come from its process (started at once)."""
    result: AsyncResult

    def start(self) -> None:
        pass

    def ready(self) -> bool:
        return self.result.ready()

    def get(self) -> tuple:
        return self.result.get()


@dataclass
class _InThread:
    """The validator's result to come from a thread, started once the chapters are filtered: the
    link rules then find the edited chapter through the stages before `links`, as the build left it
    (pipeline/chapterwise.py), and the check runs while pandoc writes."""
    submit: Callable[[], Future]
    future: Future | None = None

    def start(self) -> None:
        if self.future is None:
            self.future = self.submit()

    def ready(self) -> bool:
        return self.future is not None and self.future.done()

    def get(self) -> tuple:
        self.start()
        return self.future.result()


def _validator_process():
    """A process for the validator, forked with Ctrl-C held back: a Ctrl-C during the fork landed in
    logging's after-fork hook, which printed a traceback and swallowed it. Held, it arrives here
    once the fork is done, as the KeyboardInterrupt the command line reports ("interrupted")."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = multiprocessing.get_context("fork").Pool(1, initializer=_leave_ctrl_c_to_the_build)
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # raises the KeyboardInterrupt held back
    except KeyboardInterrupt:
        pool.terminate()
        raise
    return pool


def _leave_ctrl_c_to_the_build() -> None:
    """In the validator's process: Ctrl-C is the build's to handle (it stops this process)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _validated(checking, log, warn, on_findings=None) -> tuple[list, str, float]:
    """Wait for the validator; print its findings; stop if any is an error."""
    findings, readability, seconds = checking.get()
    if on_findings:
        on_findings(findings)
    for finding in findings:
        warn(str(finding))
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise BuildStopped(f"{len(errors)} error{'s' * (len(errors) != 1)} in the source: nothing was built; "
                           "fix the lines above and run make again")
    log(f"{'check':<13} {f'{len(findings)} findings, no errors':<28} {'':<10} {seconds:5.1f} s")
    return findings, readability, seconds


def _build_into(run: _Build, chapters: list[Chapter], checking) -> list[Written]:
    step = time.perf_counter()
    web = any(edition.group == "html" and edition.content == "report" for edition in run.selected)
    parts = None if run.trace else chapterwise.filter_report(
        run.report, chapters, run.skip, web, run.memory,
        lambda paths: assets.check_paths(run.report, paths, run.memory.pictures if run.memory else None))
    checking.start()  # (the preview's, in a thread): the link rules take on the parts filtered above
    if parts is not None:
        doc, images = parts.report, parts.images
        expected = expected_from_doc(run.report, doc, run.memory.expected if run.memory else None,
                                     [(chapter.key, chapter.blocks) for chapter in chapters])  # as read
    else:  # the whole report at once (pipeline/chapterwise.py says when)
        doc = report_tree(run.report, chapters)
        expected = expected_from_doc(run.report, doc)  # before the filters, which change the tree in place
        if run.trace:
            clear_trace(run.trace)
        doc = run_common(doc, run.skip, run.trace)
        doc, images = assets.sized(run.report, doc)
    trees = {"report": doc, "summary": summary.apply(doc)}
    if run.trace:
        write_tree(for_content(run.trace, "summary"), 0, "summary", trees["summary"])
    _progress(run.log, "filter", f"{len(trees['summary']['blocks'])} summary blocks", "", step)
    drafts = summary.draft_chapters(trees["summary"])
    if drafts and not run.allow_drafts:
        raise BuildStopped(f"{len(drafts)} chapter{'s' * (len(drafts) != 1)} ha{'ve' if len(drafts) != 1 else 's'} "
                           f"only a generated DRAFT summary ({', '.join(drafts)}): nothing was built; write their "
                           "::: summary blocks, or build with --allow-drafts (make ALLOW_DRAFTS=1) to preview them")
    for title in drafts:
        run.warn(f"warning summary-draft: the easy-read editions carry a DRAFT summary of \"{title}\" "
                 "— a person must rewrite it before the report is published")
    if checking.ready():
        _validated(checking, lambda line: None, lambda line: None)  # stop early on source errors
    return _write_editions(run, _Filtered(trees, expected, images, parts))


def _edition_key(edition: Edition, ctx: BuildContext, filtered: _Filtered) -> str:
    """Everything an edition's bytes depend on: its tree(s), the report's settings and the images
    (the versions of the libraries that write it are in every key: cache.code_version)."""
    trees = filtered.trees
    images = b"".join(filtered.images[p].digest for p in sorted(filtered.images))
    summary = json.dumps(trees["summary"], sort_keys=True)
    if edition.content == "summary":
        content = summary
    elif filtered.chapterwise:  # names the report tree, which the summary is made from, without reading it
        content = filtered.chapterwise.fingerprint
    else:
        content = json.dumps(trees["report"], sort_keys=True) + summary
    return key("edition", edition.name, content,
               json.dumps(ctx.report.meta, sort_keys=True, default=str), json.dumps(sorted(ctx.skip)), images,
               ctx.report.brand.fingerprint if ctx.report.brand else "")  # a brand file, its fonts and logo


def _write_edition(edition: Edition, ctx: BuildContext, filtered: _Filtered, store: Cache) -> tuple[Written, bool]:
    """Write one edition, from the cache when nothing it depends on has changed."""
    target = ctx.out / edition.output
    if ctx.trace:  # every writer runs, so that its formats' stages write their trees
        ctx = replace(ctx, trace=for_content(ctx.trace, edition.content))
    name = _edition_key(edition, ctx, filtered) if edition.cacheable and store.folder and not ctx.trace else None
    if name:
        cached, facts = store.get(name), store.get(name + ".json")
        if cached is not None and facts is not None:
            atomic.write_bytes(target, cached)
            return Written(target, **json.loads(facts)), True
    result = edition.write(ctx, filtered.trees[edition.content], target)
    if name and not result.detail.get("skipped") and target.is_file():
        store.put(name, target.read_bytes())
        store.put(name + ".json", json.dumps({"pages": result.pages, "detail": result.detail}).encode())
    return result, False


def _write_editions(run: _Build, filtered: _Filtered) -> list[Written]:
    report, stage, out, log, warn = run.report, run.stage, run.out, run.log, run.warn
    trees = filtered.trees
    ctx = BuildContext(report=report, out=stage, skip=run.skip, published=out, summary=trees["summary"],
                       trace=run.trace, store=run.store,
                       kept=run.memory.writers if run.memory else None)
    if filtered.chapterwise and filtered.chapterwise.html is not None:
        remember_formatted(ctx, trees["report"], filtered.chapterwise.html, filtered.chapterwise.html_parts)
    selected = run.selected
    source = report.root
    if not trees["summary"]["blocks"]:
        warn(str(Diagnostic("no chapter has a '::: summary' block, so there is no easy-read edition",
                           source / "report.yaml", severity="warning", rule="summary-missing",
                           fix="add a ::: summary block to each chapter")))
        selected = [e for e in selected if e.content != "summary"]
    step = time.perf_counter()
    web = assets.publish_images(report, trees["report"], stage, filtered.images, run.store,
                                out, run.memory.copies if run.memory else None)
    if web.resized:
        _progress(log, "images", f"{web.resized} made smaller for the web", f"saved {web.bytes_saved / 1e6:.1f} MB", step)

    def write(edition):
        step = time.perf_counter()
        result, reused = _write_edition(edition, ctx, filtered, run.store)
        return edition, result, reused, time.perf_counter() - step

    written, skipped = [], set()
    # Two at a time: most writers wait on pandoc, Typst or eSpeak NG, outside the GIL,
    # so a second lane keeps both cores busy (the machine this was tuned on has two).
    with ThreadPoolExecutor(max_workers=WRITER_LANES) as lanes:
        for edition, result, reused, seconds in lanes.map(write, selected):
            if result.detail.get("skipped"):  # e.g. the audio, in a language with no voice
                warn(f"{edition.name}: {result.detail['skipped']}")
                skipped.add(edition.name)
                continue
            pages = f"{result.pages} pages" if result.pages else ""
            _progress(log, edition.name, display_path(out / edition.output),
                      pages + (" (unchanged)" if reused else ""), time.perf_counter() - seconds)
            for message in result.detail.get("warnings", []):  # e.g. a passage braille has no table for
                warn(f"{edition.name}: {message}")
            written.append(result)

    step = time.perf_counter()
    written.append(write_index(ctx, [e for e in EDITIONS if e.name not in skipped]))
    _progress(log, "index", display_path(out / "index.html"), "", step)

    step = time.perf_counter()
    checked = tuple(e.name for e in selected if e.name in OUTPUT_FILES and e.name not in skipped)
    lost = check_outputs(stage, filtered.expected, formats=checked) if checked else []
    for finding in lost:
        warn(str(finding).replace(str(stage), str(out)))
    if any(f.severity == "error" for f in lost):
        raise BuildStopped("an edition lost something on the way (see above): this is a bug in the pipeline, "
                           "not in your source; the previous outputs are unchanged")
    _progress(log, "verify", f"{', '.join(checked) or 'nothing'} match the source", "", step)
    return written

