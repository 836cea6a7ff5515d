"""The preview's web server: the standard library's ThreadingHTTPServer, bound to 127.0.0.1.

It serves the preview folder read-only (GET and HEAD), adds the panel and the reload script to HTML
on the way out, answers `/__preview/version` for the open pages to poll, and refuses any path that
tries to leave the folder (pipeline/preview/paths.py) and any request whose Host is not this server
(a web page elsewhere cannot reach it by renaming itself, "DNS rebinding").
"""
from __future__ import annotations

import json
import mimetypes
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from pipeline.preview import background, panel
from pipeline.preview.paths import Refused, resolve
from pipeline.preview.session import Session

HOST = "127.0.0.1"
VERSION_PATH = "/__preview/version"


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open request never keeps Ctrl-C waiting

    def __init__(self, port: int, session: Session):
        super().__init__((HOST, port), Handler)
        self.session = session
        self._findings: tuple[tuple[int, int], str] = ((-1, -1), "")

    def findings_html(self, state: dict) -> str:
        """The panel's list, made once per rebuild rather than once per poll of every open page."""
        made_for, made = self._findings
        if made_for != (state["page"], state["panel"]):
            try:
                page = (self.session.web / "report.html").read_text(encoding="utf-8")
            except OSError:
                page = ""  # not built yet: the findings are listed without links
            made = panel.findings_html(state["findings"], page, self.session.store)
            self._findings = ((state["page"], state["panel"]), made)
        return made

    @property
    def address(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "pipeline-preview"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args) -> None:
        """Quiet: the terminal shows the rebuilds and the findings, not every request."""

    def _respond(self, send_body: bool) -> None:
        port = self.server.server_address[1]
        if self.headers.get("Host", "") not in {f"{HOST}:{port}", f"localhost:{port}"}:
            return self._send(HTTPStatus.FORBIDDEN, b"this preview answers only at its own address\n",
                              "text/plain; charset=utf-8", send_body)
        session = self.server.session
        state = session.snapshot()
        if self.path.split("?")[0] == VERSION_PATH:
            body = json.dumps(panel.version_json(state, self.server.findings_html(state))).encode()
            return self._send(HTTPStatus.OK, body, "application/json", send_body)
        try:
            file = resolve(session.web, self.path)
            if file is None and self.path.split("?")[0].lstrip("/") in background.FILES and session.background:
                file = resolve(session.background.out, self.path)
        except Refused:
            return self._send(HTTPStatus.FORBIDDEN, b"refused: that path is outside the preview\n",
                              "text/plain; charset=utf-8", send_body)
        if file is None and state["page"] == 0 and self.path.split("?")[0].endswith(("/", ".html")):
            body = panel.inject(panel.NO_PAGE_YET, state, self.server.findings_html(state), landing=False)
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, body.encode(), "text/html; charset=utf-8", send_body)
        if file is None:
            return self._send(HTTPStatus.NOT_FOUND, b"not in the preview (yet)\n", "text/plain; charset=utf-8",
                              send_body)
        if file.name == "index.html" and not self.path.split("?")[0].endswith(("/", "index.html")):
            # /site is the folder: its pages link to each other relatively, so they need /site/
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", f"/{file.parent.relative_to(session.web.resolve()).as_posix()}/")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        body = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if file.suffix == ".html":
            landing = file == session.web.resolve() / "index.html"
            body = panel.inject(body.decode("utf-8"), state, self.server.findings_html(state), landing).encode()
            kind = "text/html; charset=utf-8"
        self._send(HTTPStatus.OK, body, kind, send_body)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)
