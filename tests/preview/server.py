"""Run `python -m pipeline preview` as a person would, in a subprocess on a free port, for the tests."""
from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.tools import ROOT

STARTUP_SECONDS = 120  # the first build of the web pages, on a busy two-core machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """A running preview of a copy of a source folder; `stop()` sends Ctrl-C (or another signal) and
    returns the exit status."""

    def __init__(self, source: Path, work: Path, *extra: str):
        self.source, self.port, self.lines = source, free_port(), []
        # Its own working folder, so its .cache/preview/ is the test's; PYTHONPATH, so it runs this tree.
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "preview", "--source", str(source), "--port", str(self.port),
             "--cache", str(work / "cache"), *extra],
            cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(lambda: any(line.startswith("serving http://127.0.0.1:") for line in self.lines),
                      STARTUP_SECONDS, "the preview to start")

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, condition, seconds: float, what: str):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            assert self.process.poll() is None, f"the preview ended while waiting for {what}:\n" + self.log()
            time.sleep(0.1)
        raise AssertionError(f"waited {seconds} s for {what}:\n" + self.log())

    def log(self) -> str:
        return "\n".join(self.lines[-40:])

    def get(self, path: str) -> tuple[int, str]:
        """GET the path exactly as written (no client-side clean-up of `..`)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self, signum: int = signal.SIGINT) -> int:
        """Ctrl-C by default; SIGTERM as a service manager or `kill` sends it."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        return self.process.wait(timeout=90)


def copy_source(fixture: Path, into: Path) -> Path:
    shutil.copytree(fixture, into)
    return into
