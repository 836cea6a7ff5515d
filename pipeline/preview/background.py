"""PDF and EPUB, rebuilt after each save in a process of their own, so they never hold up the web
pages (a PDF of the medium report takes seconds). One build at a time; saves made while it runs are
picked up by the next one. `status()` says whether the files are current."""
from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

EDITIONS = ("pdf", "epub")
FILES = frozenset({"report.pdf", "report.epub"})


class Background:
    def __init__(self, source: Path, out: Path, cache: Path | None):
        self.source, self.out, self.cache = source, out, cache
        self.wanted = 0  # the source generation the files should match
        self.built: int | None = None  # the generation they do match
        self.running: int | None = None
        self.failure = ""
        self._changed = threading.Condition()
        self._stopping = False
        self._process: subprocess.Popen | None = None
        self._thread = threading.Thread(target=self._loop, name="preview-background", daemon=True)
        self.on_change = lambda: None  # the panel shows the status

    def start(self) -> None:
        self._thread.start()

    def request(self, generation: int) -> None:
        with self._changed:
            self.wanted = generation
            self._changed.notify()

    def stop(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify()
            if self._process and self._process.poll() is None:
                self._process.send_signal(signal.SIGINT)  # as Ctrl-C: the build removes its staging folder
        if self._thread.ident is not None:  # not started when the preview stopped before serving
            self._thread.join(timeout=10)
        if self._process and self._process.poll() is None:
            self._process.kill()  # its staging folder is removed by the next build

    def status(self, generation: int, source_has_errors: bool) -> str:
        """One sentence for the landing page, about the source as of `generation`."""
        if self.running is not None:
            return "PDF and EPUB are being rebuilt in the background; until then their links give the previous ones."
        if self.failure:
            return f"PDF and EPUB are out of date: their last rebuild failed ({self.failure})."
        if self.built == generation:
            return "PDF and EPUB are current: built from the source as it is now."
        if source_has_errors:
            return ("PDF and EPUB are out of date: the source has errors, so they were not rebuilt."
                    if self.built else "PDF and EPUB are not built yet: the source has errors.")
        return "PDF and EPUB are out of date: they will be rebuilt when the web pages are done."

    def _loop(self) -> None:
        while True:
            with self._changed:
                while not self._stopping and self.wanted in (self.built, 0):
                    self._changed.wait()
                if self._stopping:
                    return
                generation = self.running = self.wanted
            self.on_change()
            failure = self._build()
            with self._changed:
                self.running = None
                self.failure = failure
                if not failure:
                    self.built = generation
            self.on_change()

    def _build(self) -> str:
        command = [sys.executable, "-m", "pipeline", "build", "--source", str(self.source), "--out", str(self.out),
                   "--editions", ",".join(EDITIONS), "--allow-drafts"]
        if self.cache:
            command += ["--cache", str(self.cache)]
        with self._changed:
            if self._stopping:
                return "stopped"
            self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        _, errors = self._process.communicate()
        if self._process.returncode == 0:
            return ""
        lines = [line for line in errors.splitlines() if line.strip()]
        return lines[-1] if lines else f"exit status {self._process.returncode}"
