"""Write outputs so that a failed or interrupted build never leaves a
half-written file: write beside the target under a hidden temporary name,
then rename (atomic on one filesystem). The last good output stays until the
new one is complete.
"""
from __future__ import annotations

import os
import shutil
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX = ".tmp-"


@contextmanager
def replacing(target: Path):
    """Yield a temporary path next to target; rename it over target on success.

    The name holds the process (for remove_stale_temporaries) and the thread: two writer lanes
    may write the same file (a stylesheet, a trace) at once, and must not share a temporary."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{threading.get_native_id()}-{target.name}")
    try:
        yield temp
        os.replace(temp, target)
    finally:
        if temp.is_dir():
            shutil.rmtree(temp, ignore_errors=True)
        else:
            temp.unlink(missing_ok=True)


@contextmanager
def too_late_to_interrupt():
    """Inside, Ctrl-C is ignored: moving the new outputs into place takes milliseconds, and stopping
    halfway would leave some outputs new and some old. Python handles signals in the main thread
    only, so elsewhere (the live preview's builds) there is nothing to hold."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if previous is not None:  # None: a handler Python did not install, which it cannot put back
            signal.signal(signal.SIGINT, previous)


def write_bytes(target: Path, data: bytes) -> None:
    with replacing(target) as temp:
        temp.write_bytes(data)


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary files left by a build that was killed (its process is gone)."""
    if not folder.is_dir():
        return
    for temp in folder.rglob(f"{TEMP_PREFIX}*"):
        pid = temp.name[len(TEMP_PREFIX):].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            if temp.is_dir():
                shutil.rmtree(temp, ignore_errors=True)
            else:
                temp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
