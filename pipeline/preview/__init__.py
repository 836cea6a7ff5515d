"""`python -m pipeline preview`: a live preview of the web editions, with the findings in the page.

Builds the web editions (single page, site, easy-read page, landing page) into a preview folder under
.cache/preview/ (never outputs/), serves them at http://127.0.0.1:PORT/, rebuilds on every save under
the source folder, and reloads the open page. PDF and EPUB follow in the background. Ctrl-C or SIGTERM
stops it with exit status 0: the port is freed, and the background build and the watcher are stopped.
"""
from __future__ import annotations

import hashlib
import sys
import threading
from pathlib import Path

from pipeline.cache import Cache
from pipeline.diagnostics import ReportError
from pipeline.source import REPORT_FILE

PREVIEW_ROOT = Path(".cache") / "preview"
# How long stopping waits for a rebuild in progress (the medium report's takes about 2 s); after
# that the process ends anyway and the next build removes what the rebuild left.
REBUILD_GRACE_SECONDS = 60


def preview_folder(source: Path, port: int) -> Path:
    """One folder per report and port, so two previews side by side never share files."""
    key = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:12]
    return PREVIEW_ROOT / f"{source.resolve().name}-{key}-{port}"


def run(source: Path, port: int, store: Cache, background: bool = True, folder: Path | None = None) -> int:
    from pipeline.preview.server import PreviewServer
    from pipeline.preview.session import Session
    from pipeline.preview.signals import stop_on_signals
    from pipeline.preview.watcher import watch_source

    if not (source / REPORT_FILE).is_file():
        raise ReportError(f"{source} has no {REPORT_FILE}", source,
                          fix="give the folder of a report with --source (e.g. --source source)")
    if not 0 <= port <= 65535:
        raise ReportError(f"--port {port} is not a port number", fix="give a number from 1024 to 65535, e.g. 8001")
    folder = folder or preview_folder(source, port)
    stop, session, server, watcher, interrupted = threading.Event(), None, None, None, False
    with stop_on_signals():
        try:
            try:
                session = Session(source, folder, store, background=background,
                                  say=lambda line: print(line, flush=True))
                server = PreviewServer(port, session)
            except OSError as error:
                raise ReportError(f"cannot serve on 127.0.0.1:{port} ({error.strerror})",
                                  fix="choose another port with --port (make preview PORT=8001)") from error
            # Watching starts first, so a save during the first build is not missed.
            watcher = threading.Thread(target=watch_source, name="preview-watcher", daemon=True,
                                       args=(source, [folder, store.folder or folder], session.rebuild, stop))
            watcher.start()
            if session.background:
                session.background.start()
            print(f"preview of {source}: building the web pages…", flush=True)
            session.rebuild()
            print(f"serving {server.address} (files in {folder}); Ctrl-C stops", flush=True)
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM (pipeline/preview/signals.py)
            interrupted = True
        finally:
            _shut_down(stop, watcher, server, session)
    if interrupted:
        print("\npreview stopped", file=sys.stderr, flush=True)
    return 0


def _shut_down(stop: threading.Event, watcher, server, session) -> None:
    """Free the port, stop the PDF/EPUB build, stop watching and let a rebuild in progress end, so
    that it removes its staging folder instead of leaving it half-written."""
    stop.set()
    if server is not None:
        server.server_close()
    if session is not None and session.background:
        session.background.stop()
    if watcher is not None:
        watcher.join(timeout=REBUILD_GRACE_SECONDS)
