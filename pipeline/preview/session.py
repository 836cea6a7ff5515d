"""The state of one preview: the last good web pages, the findings, and a version the open page polls.

A save rebuilds the web editions in this process into the preview folder, never into outputs/.
Its imports stay warm, and it keeps what each build read, checked, filtered and wrote
(pipeline/memory.py), so that after an edit only the edited chapter is read, checked, filtered and
written again. A build with source errors publishes nothing, so the last good page stays served
while the panel shows the errors.
"""
from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

from pipeline.build import build
from pipeline.cache import Cache
from pipeline.memory import BuildMemory
from pipeline.diagnostics import BuildStopped, Diagnostic, ReportError
from pipeline.parse import no_garbage_collection
from pipeline.preview.background import Background

WEB_EDITIONS = ["html", "site", "summary-html"]


class Session:
    def __init__(self, source: Path, folder: Path, store: Cache, background: bool = True,
                 say=print):
        self.source, self.web, self.store, self.say = source, folder / "web", store, say
        self.background = Background(source, folder / "background", store.folder) if background else None
        if self.background:
            self.background.on_change = self._bump_panel
        self.page = 0  # bumped when the served pages change: open pages reload
        self.panel = 0  # bumped when the findings or the status change: the panel updates in place
        self.generation = 0  # bumped for every rebuild of the source
        self.findings: list[Diagnostic] = []
        self.stopped_by = ""  # why the last rebuild published nothing ("" when it published)
        self.summary = "Building the preview…"
        self._lock = threading.Lock()
        self._building = threading.Lock()
        self.memory = BuildMemory()  # what the last build read, filtered and wrote: an edit redoes its chapter

    def _bump_panel(self) -> None:
        with self._lock:
            self.panel += 1

    def rebuild(self) -> None:
        """Rebuild the web editions from the source as it is now (one rebuild at a time)."""
        with self._building:
            started = time.perf_counter()
            found: list[Diagnostic] = []
            warned: list[str] = []  # the validator's findings, and the build's own notes (e.g. a DRAFT summary)
            stopped_by = ""
            try:
                # Without the cyclic garbage collector (as pipeline/parse.py reads): it would walk the
                # report's trees again and again and find nothing; it runs again after the rebuild.
                with no_garbage_collection():
                    build(self.source, self.web, names=WEB_EDITIONS, allow_drafts=True, store=self.store,
                          log=lambda line: None, warn=warned.append, on_findings=found.extend, memory=self.memory)
            except ReportError as error:  # e.g. report.yaml unreadable, or a writer that names a source line
                stopped_by = str(error)
                found = found + [error.diagnostic] if error.diagnostic not in found else found
            except BuildStopped as stop:
                stopped_by = str(stop)
            except Exception as bug:  # noqa: BLE001 — a pipeline bug must not end the preview; the next save retries
                stopped_by = f"the preview could not be built ({type(bug).__name__}: {bug}): a bug in the pipeline"
            seconds = time.perf_counter() - started
            listed = {str(f) for f in found}
            found += [Diagnostic(line, severity="note") for line in warned if line not in listed]
            errors = sum(f.severity == "error" for f in found)
            clock = time.strftime("%H:%M:%S")
            if stopped_by and errors:
                summary = (f"{clock}: the source has {errors} error{'s' * (errors > 1)}, so this page is "
                           f"the last good one. Fix the findings below and save.")
            elif stopped_by:
                summary = f"{clock}: nothing was rebuilt, so this page is the last good one: {stopped_by}"
            else:
                summary = (f"Rebuilt at {clock} in {seconds:.1f} s: {len(found)} finding{'s' * (len(found) != 1)}"
                           ", no errors.")
            with self._lock:
                self.generation += 1
                self.findings, self.stopped_by, self.summary = found, stopped_by, summary
                self.panel += 1
                if not stopped_by:
                    self.page += 1
                generation = self.generation
            self.say(summary)
            for finding in found:
                self.say(f"  {finding}")
            if self.background and not stopped_by:
                self.background.request(generation)
            self._settle_memory()

    @staticmethod
    def _settle_memory() -> None:
        """What the build made is all in the collector's youngest generation (it was paused): collect
        the few cycles among it (thread pools, futures), then freeze what is left. The memory's
        trees live from build to build, and left to the collector their half a million objects
        cost a 0.2 s pause every build or two, often while the page is being fetched; frozen, the
        collector leaves them alone, and they are freed as usual once nothing refers to them."""
        gc.collect(0)
        gc.freeze()

    def background_status(self) -> str:
        if not self.background:
            return "PDF and EPUB are not built by this preview (it was started with --no-background): run make."
        return self.background.status(self.generation, bool(self.stopped_by))

    def snapshot(self) -> dict:
        with self._lock:
            return {"page": self.page, "panel": self.panel, "summary": self.summary,
                    "stopped_by": self.stopped_by, "findings": list(self.findings),
                    "background": self.background_status()}
