"""`python -m pipeline preview`: a live preview of the web editions, with the findings in the page.

Builds the web editions (single page, site, easy-read page, landing page) into a preview folder under
.cache/preview/ (never outputs/), serves them at http://127.0.0.1:PORT/, rebuilds on every save under
the source folder, and reloads the open page. PDF and EPUB follow in the background. Ctrl-C stops it.
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


def preview_folder(source: Path, port: int) -> Path:
    """One folder per report and port, so two previews side by side never share files."""
    key = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:12]
    return PREVIEW_ROOT / f"{source.resolve().name}-{key}-{port}"


def run(source: Path, port: int, store: Cache, background: bool = True, folder: Path | None = None) -> int:
    from pipeline.preview.server import PreviewServer
    from pipeline.preview.session import Session
    from pipeline.preview.watcher import watch_source

    if not (source / REPORT_FILE).is_file():
        raise ReportError(f"{source} has no {REPORT_FILE}", source,
                          fix="give the folder of a report with --source (e.g. --source source)")
    if not 0 <= port <= 65535:
        raise ReportError(f"--port {port} is not a port number", fix="give a number from 1024 to 65535, e.g. 8001")
    folder = folder or preview_folder(source, port)
    try:
        session = Session(source, folder, store, background=background, say=lambda line: print(line, flush=True))
        server = PreviewServer(port, session)
    except OSError as error:
        raise ReportError(f"cannot serve on 127.0.0.1:{port} ({error.strerror})",
                          fix="choose another port with --port (make preview PORT=8001)") from error
    stop = threading.Event()
    try:
        # Watching starts first, so a save during the first build is not missed.
        threading.Thread(target=watch_source, name="preview-watcher", daemon=True,
                         args=(source, [folder, store.folder or folder], session.rebuild, stop)).start()
        if session.background:
            session.background.start()
        print(f"preview of {source}: building the web pages…", flush=True)
        session.rebuild()
        print(f"serving {server.address} (files in {folder}); Ctrl-C stops", flush=True)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("\npreview stopped", file=sys.stderr, flush=True)
    finally:
        stop.set()
        server.server_close()
        if session.background:
            session.background.stop()
    return 0
