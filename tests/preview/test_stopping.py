"""Stopping `python -m pipeline preview` in the middle of its work (a save being rebuilt, PDF and
EPUB being built in the background): Ctrl-C, and SIGTERM as a service manager, `kill` or an
editor's stop button sends it, each end it with exit status 0, a one-line goodbye and no traceback,
no process of it left running, no half-written folder, and its port free for the next preview."""
from __future__ import annotations

import signal
import socket
from pathlib import Path

import pytest

from tests.preview.server import Preview, copy_source
from tests.tools import ROOT

TINY = ROOT / "tests" / "fixtures" / "tiny"


def processes_mentioning(folder: Path) -> list[str]:
    """Command lines of running processes that name folder (the preview's, its background build's)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:  # ended while we looked
            continue
        if any(str(folder).encode() in word for word in words):
            found.append(" ".join(w.decode(errors="replace") for w in words))
    return found


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        # As the next preview's server binds (SO_REUSEADDR): closed connections may linger in TIME_WAIT.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
            probe.listen()
        except OSError:
            return False
    return True


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stop_in_the_middle_of_work_ends_the_preview_cleanly(tmp_path, signum):
    source = copy_source(TINY, tmp_path / "report")
    preview = Preview(source, tmp_path)
    try:
        preview.wait_for(lambda: any("--editions" in line for line in processes_mentioning(source)), 60,
                         "the background PDF and EPUB build to start")
        chapter = source / "chapters" / "01-one.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more sentence, saved just now.\n",
                           encoding="utf-8")
        assert preview.get("/")[0] == 200
    finally:
        status = preview.stop(signum)
    assert status == 0, preview.log()
    assert "Traceback" not in preview.log() and preview.lines[-1] == "preview stopped", preview.log()
    assert processes_mentioning(source) == []
    assert not list(tmp_path.rglob(".tmp-*")), "a half-written build folder was left behind"
    assert port_is_free(preview.port)
