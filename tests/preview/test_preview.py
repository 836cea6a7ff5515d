"""`python -m pipeline preview` proves, on copies of the tiny report served on free ports:
a saved edit to a chapter, the glossary or report.yaml is served within a bounded wait and the open
page is told to reload; a warning appears in the page's findings panel with its file:line, its fix
and a link to its section; a source error keeps the last good page and shows the error (before
any good page, a placeholder shows it); a DRAFT summary is a note in the panel; PDF and EPUB follow
in the background and the landing page says so; the reload script exists only in served pages, never
in the files; paths out of the folder (also encoded) and other host names are refused; the page passes
axe with the panel open and closed (closed by keyboard); a bad start is one message and exit status 2;
two previews run side by side and Ctrl-C stops each with exit status 0."""
from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.preview.paths import Refused, resolve
from tests.judges import axe_urls
from tests.preview.server import Preview, copy_source
from tests.tools import ROOT

TINY = ROOT / "tests" / "fixtures" / "tiny"
REBUILD_SECONDS = 60  # bounded, with room for a machine busy with other builds


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    work = tmp_path_factory.mktemp("preview")
    running = Preview(copy_source(TINY, work / "report"), work)
    yield running
    assert running.stop() == 0, running.log()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def served(preview: Preview, path: str, contains: str, seconds: float = REBUILD_SECONDS) -> str:
    def page():
        status, body = preview.get(path)
        return body if status == 200 and contains in body else None
    return preview.wait_for(page, seconds, f"{path} to contain {contains!r}")


def test_serves_every_web_edition_with_the_panel_and_only_then_a_script(preview):
    for path in ("/", "/report.html", "/summary.html", "/site/", "/site/index.html"):
        status, body = preview.get(path)
        assert status == 200, f"{path}\n{preview.log()}"
        assert 'class="preview-panel" aria-labelledby="preview-heading"' in body, path
        assert body.count("<script>") == 1 and "/__preview/version" in body, path
    files = sorted((preview.source.parent / ".cache" / "preview").rglob("*.html"))
    assert len(files) >= 5
    for file in files:  # what `make` publishes is written by the same writers: no script, no panel
        text = file.read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "preview-panel" not in text, file


def test_a_saved_edit_is_served_and_the_open_page_is_told_to_reload(preview):
    _, before = preview.get("/__preview/version")
    page = int(re.search(r'"page": (\d+)', before).group(1))
    chapter = preview.source / "chapters" / "01-one.md"
    # Pasted from a Word draft: curly quotes, a non-breaking space and an emoji.
    started = time.monotonic()
    edit(chapter, "Some body text that is not in the summary.",
         "We \u201creally\u201d mean it:\u00a0the sunflower-garden opened in May \U0001F33B.")
    served(preview, "/report.html", "sunflower-garden")
    print(f"edit to served: {time.monotonic() - started:.2f} s")
    preview.wait_for(lambda: int(re.search(r'"page": (\d+)', preview.get("/__preview/version")[1]).group(1)) > page,
                     5, "the version the open page polls to change")


def test_a_change_to_the_glossary_or_report_yaml_is_served_too(preview):
    edit(preview.source / "glossary.yaml", "given to a group", "handed to a Zebrafinch group")
    served(preview, "/site/glossary.html", "Zebrafinch")
    edit(preview.source / "report.yaml", "organisation: Test Group", "organisation: Quokka Allotment Society")
    served(preview, "/", "Quokka Allotment Society")


def test_a_warning_is_in_the_panel_with_its_place_and_fix(preview):
    chapter = preview.source / "chapters" / "02-two.md"
    edit(chapter, "See [the first chapter](#one).",
         "See [the first chapter](#one).\n\n## Photos from the day \U0001F4F8\n\n"
         "![Image of volunteers planting a tree](images/photo.png)\n")
    body = served(preview, "/summary.html", "alt-redundant-prefix")
    item = next(li for li in re.findall(r"<li>.*?</li>", body, re.DOTALL) if "alt-redundant-prefix" in li)
    line = chapter.read_text(encoding="utf-8").splitlines().index(
        "![Image of volunteers planting a tree](images/photo.png)") + 1
    assert f"02-two.md:{line}" in item
    anchor = re.search(r'href="/report.html#([^"]+)"', item).group(1)
    assert anchor == "photos-from-the-day-camera_flash"  # CommonMark's id: the emoji by its name, as on GitHub
    assert re.search(rf'id="{anchor}".{{0,200}}Photos from the day', preview.get("/report.html")[1], re.DOTALL)
    assert "fix:" in item


def test_a_source_error_keeps_the_last_good_page_and_shows_the_error(preview):
    chapter = preview.source / "chapters" / "01-one.md"
    good = served(preview, "/report.html", "Planting day in March")
    # Pasted from a GitHub README: an image with no alt text, which stops a build. (One-word markers:
    # pandoc wraps the HTML's lines, so a phrase may be split.)
    edit(chapter, "## A section", "## A section\n\n![](images/photo.png)\nUnpublishable-draft words.")
    body = served(preview, "/report.html", "alt-missing")
    assert "preview-error" in body and "01-one.md:" in body and "the last good one" in body
    assert "Unpublishable-draft" not in body
    assert body.count("Planting day in March") == good.count("Planting day in March")
    edit(chapter, "![](images/photo.png)\n", "![A rake leaning on a bench](images/photo.png)\n")
    served(preview, "/report.html", "Unpublishable-draft")


def test_pdf_and_epub_follow_in_the_background_and_the_landing_page_says_so(preview):
    body = served(preview, "/", "PDF and EPUB are current", seconds=180)
    assert 'id="preview-background"' in body
    for path in ("/report.pdf", "/report.epub"):
        assert preview.get(path)[0] == 200, path


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc/passwd",
                                  "/site/..%2f..%2f..%2fetc/passwd", "/..\\..\\etc\\passwd", "/%5c..%5cetc",
                                  "/site/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/report.html%00.png"])
def test_paths_out_of_the_preview_are_refused(preview, path):
    status, body = preview.get(path)
    assert status == 403 and "root:" not in body


def test_each_guard_of_the_path_check_refuses_on_its_own(tmp_path):
    """Decoding tricks are refused before the file system is asked; a symbolic link out is refused after."""
    (tmp_path / "site").mkdir()
    (tmp_path / "report.html").write_text("<p>inside</p>")
    (tmp_path / "site" / "escape.html").symlink_to("/etc/passwd")
    assert resolve(tmp_path, "/site/") is None  # a folder without index.html: not found, not refused
    assert resolve(tmp_path, "/report.html?v=2#top") == (tmp_path / "report.html").resolve()
    for path in ("/site/../report.html", "/site/%2e%2e/report.html", "/./report.html", "/site%2freport.html",
                 "/site/escape.html"):
        with pytest.raises(Refused):
            resolve(tmp_path, path)


def test_a_folder_without_its_slash_is_redirected_to_itself_only(preview):
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    connection.request("GET", "/site")
    response = connection.getresponse()
    assert (response.status, response.getheader("Location")) == (301, "/site/")
    assert preview.get("//evil.example/site")[0] == 404  # never a redirect to another host


def test_a_request_for_another_host_is_refused(preview):
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    connection.request("GET", "/", headers={"Host": "attacker.example:80"})
    assert connection.getresponse().status == 403


def test_the_preview_page_passes_axe_with_the_panel_open_and_closed(preview):
    # A finding with a link in the panel, so its colours and its link are judged too.
    chapter = preview.source / "chapters" / "02-two.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n## Our café\n\n"
                       "![Picture of the café counter](images/photo.png)\n", encoding="utf-8")
    served(preview, "/", 'href="/report.html#our-caf')
    pages = [preview.url("/"), preview.url("/report.html"), preview.url("/site/index.html")]
    assert axe_urls(pages) == []

    closed_by_keyboard = []

    def close_by_keyboard(page):
        # The first page opens with the panel open; the next ones remember it was closed (sessionStorage).
        if page.eval_on_selector("#preview-details", "d => d.open"):
            page.focus("#preview-count")  # the toggle is a <summary>: in the tab order, Enter opens and closes it
            page.keyboard.press("Enter")
            closed_by_keyboard.append(page.url)
        assert page.eval_on_selector("#preview-details", "d => d.open") is False
    assert axe_urls(pages, prepare=close_by_keyboard) == []
    assert closed_by_keyboard == [pages[0]]


def test_two_previews_side_by_side_and_ctrl_c_stops_each(tmp_path):
    first = Preview(copy_source(TINY, tmp_path / "first"), tmp_path, "--no-background")
    second_source = copy_source(TINY, tmp_path / "second")
    edit(second_source / "report.yaml", "title: Tiny Report", "title: Another Tiny Report\nsummary: {draft: true}")
    edit(second_source / "chapters" / "02-two.md", "::: summary\nPeople gave their time for free.\n:::\n", "")
    second = Preview(second_source, tmp_path, "--no-background")
    try:
        assert first.port != second.port
        assert "Another Tiny Report" not in first.get("/report.html")[1]
        assert "Another Tiny Report" in second.get("/report.html")[1]
        # A preview builds a DRAFT summary (a build would stop), and the panel says it needs rewriting.
        assert "carry a DRAFT summary of" in second.get("/summary.html")[1]
        assert "carry a DRAFT summary of" not in first.get("/summary.html")[1]
    finally:
        codes = first.stop(), second.stop()
    assert codes == (0, 0), first.log() + second.log()
    assert "preview stopped" in first.log()


@pytest.mark.parametrize("problem", ["no report.yaml", "port taken", "port out of range"])
def test_bad_start_is_a_message_and_exit_status_2(tmp_path, problem):
    source = tmp_path / "empty" if problem == "no report.yaml" else copy_source(TINY, tmp_path / "report")
    source.mkdir(exist_ok=True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = {"port taken": taken.getsockname()[1], "port out of range": 99999}.get(problem, 0)
        result = subprocess.run([sys.executable, "-m", "pipeline", "preview", "--source", str(source),
                                 "--port", str(port)], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and " — " in result.stderr  # what is wrong — how to fix it
    assert not (tmp_path / ".cache" / "preview").exists()


def test_a_source_with_an_error_from_the_start_shows_it_until_fixed(tmp_path):
    source = copy_source(TINY, tmp_path / "report")
    chapter = source / "chapters" / "01-one.md"
    # Exported from WordPress: the image kept its file name as its only description.
    edit(chapter, "![Three people planting a tree in a park]", "![IMG_20240312_101500.png]")
    preview = Preview(source, tmp_path, "--no-background")
    try:
        status, body = preview.get("/report.html")
        assert status == 503 and "No page yet" in body and "alt-filename" in body and "01-one.md:" in body
        assert axe_urls([preview.url("/report.html")]) == []
        edit(chapter, "![IMG_20240312_101500.png]", "![Three people planting an oak]")
        assert "planting an oak" in served(preview, "/report.html", "Three people planting an oak")
    finally:
        assert preview.stop() == 0, preview.log()
