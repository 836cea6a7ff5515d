"""Watch the source folder with watchfiles (Rust `notify`: inotify on Linux, FSEvents on macOS) and
call back once per burst of changes: an editor's save is often several events (a temporary file, a
rename), and watchfiles groups them and ignores editors' swap and backup files."""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import DefaultFilter, watch

# A burst has ended when nothing changed for this long: an editor's save (a temporary file, then a
# rename) takes a few milliseconds; watchfiles waits two such spells (40 ms) before it reports.
QUIET_MS = 20


def watch_source(source: Path, ignore: list[Path], on_change: Callable[[], None], stop: threading.Event) -> None:
    """Block until `stop` is set, calling on_change after each burst of changes under source
    (but not under `ignore`: the preview's own folder and cache, when they are inside the source)."""
    ignored = [p.resolve() for p in ignore]
    default = DefaultFilter()

    def wanted(change, path: str) -> bool:
        resolved = Path(path).resolve()
        return default(change, path) and not any(resolved == p or p in resolved.parents for p in ignored)

    for _ in watch(source, watch_filter=wanted, stop_event=stop, step=QUIET_MS, raise_interrupt=False,
                   ignore_permission_denied=True):
        on_change()
