"""Ctrl-C (SIGINT) and SIGTERM (a service manager, `kill`, an IDE's stop button) stop the preview
the same way: once, in the main thread, as KeyboardInterrupt, so that one `except` shuts everything
down. A second signal while it shuts down is ignored, so the shutdown is never cut short halfway."""
from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _StopOnce:
    def __init__(self) -> None:
        self.pid = os.getpid()
        self.stopping = False

    def __call__(self, signum: int, _frame) -> None:
        if os.getpid() != self.pid:
            # A validator process forked by a rebuild inherits this handler; it must die as asked
            # (Pool.terminate() sends it SIGTERM), not raise into its task loop.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if not self.stopping:
            self.stopping = True
            raise KeyboardInterrupt


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """While inside, SIGINT and SIGTERM raise KeyboardInterrupt in the main thread, once."""
    handler = _StopOnce()
    previous = {signum: signal.signal(signum, handler) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
