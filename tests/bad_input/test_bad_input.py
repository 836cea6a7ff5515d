"""Bad input never breaks a build or a reader.

Each case starts from a good build of a copy of tests/fixtures/tiny, breaks
the source in one way, builds again and asserts: one clear message that
says where (file:line), what and how to fix it; a non-zero exit status; no
Python traceback; and the previous outputs exactly as they were.
"""
from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import re
import sys
import tempfile
import time
from pathlib import Path

import pytest

from pipeline.atomic import TEMP_PREFIX
from tests.conftest import ROOT, TINY


# The staging folder inside the outputs, or a folder of Python's tempfile: never the user's concern.
TEMPORARY_PATH = re.compile(re.escape(TEMP_PREFIX) + r"|" + re.escape(tempfile.gettempdir()) + r"/tmp\w{8}")


def build(source: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "build", "--source", str(source), "--out", str(out),
                           *extra], cwd=ROOT, capture_output=True, text=True, timeout=300)


def hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("good-outputs")
    result = build(TINY, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def report(tmp_path, good_build):
    """A copy of the tiny report and of its good outputs, ready to be broken."""
    source = tmp_path / "source"
    shutil.copytree(TINY, source)
    out = tmp_path / "outputs"
    shutil.copytree(good_build, out)
    return source, out, hashes(out)


def fails_cleanly(report, expected: str, status: int = 2) -> str:
    """Build the broken report; assert the failure is clean and return the message."""
    source, out, before = report
    result = build(source, out)
    assert result.returncode == status, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not TEMPORARY_PATH.search(result.stderr + result.stdout), "a message names a temporary file"
    assert expected in result.stderr, result.stderr
    assert hashes(out) == before, "a failed build changed the previous outputs"
    assert not list(out.rglob(f"{TEMP_PREFIX}*"))
    return result.stderr


def chapter(source: Path, name: str = "01-one.md") -> Path:
    return source / "chapters" / name


# --- report.yaml and glossary.yaml -------------------------------------------------------------

def test_yaml_syntax_error_gives_its_line(report):
    config = report[0] / "report.yaml"
    config.write_text(config.read_text().replace("lang: en-GB", "lang: [en-GB"), encoding="utf-8")
    message = fails_cleanly(report, "report.yaml:")
    assert "is not valid YAML" in message and "quote values" in message


def test_unknown_key_warns_with_did_you_mean(report):
    source, out, _ = report
    config = source / "report.yaml"
    config.write_text(config.read_text() + "subtitel: A typo\n", encoding="utf-8")
    result = build(source, out)
    assert result.returncode == 0, result.stderr
    assert "report.yaml:13: warning config-unknown-key: unknown key 'subtitel' is ignored — did you mean 'subtitle'?" \
        in result.stderr


def test_wrong_type_is_named(report):
    config = report[0] / "report.yaml"
    config.write_text(config.read_text().replace("glossary: glossary.yaml", "glossary: [a, b]"), encoding="utf-8")
    fails_cleanly(report, "report.yaml:12: error: 'glossary' should be a YAML file of term: plain definition")


def test_malformed_glossary(report):
    (report[0] / "glossary.yaml").write_text("Grant: [unclosed\n", encoding="utf-8")
    fails_cleanly(report, "glossary.yaml:2:1: error: this is not valid YAML")


# --- chapters ----------------------------------------------------------------------------------

def test_missing_chapter(report):
    chapter(report[0], "02-two.md").unlink()
    fails_cleanly(report, "report.yaml:11: error: chapter 'chapters/02-two.md' does not exist")


def test_unlisted_chapter_warns(report):
    source, out, _ = report
    (source / "chapters" / "03-draft.md").write_text("# Draft\n", encoding="utf-8")
    result = build(source, out)
    assert result.returncode == 0
    assert "03-draft.md: warning chapter-not-listed: 03-draft.md is not listed under 'chapters:'" in result.stderr


def test_empty_chapter(report):
    chapter(report[0]).write_text("\n\n", encoding="utf-8")
    fails_cleanly(report, "01-one.md:1: error: the chapter is empty")


def test_chapter_not_utf8(report):
    chapter(report[0]).write_bytes("# One\n\nCaf\xe9 opening times\n".encode("latin-1"))
    fails_cleanly(report, "01-one.md:3: error: the file is not UTF-8 text — save it as UTF-8")


def test_ten_megabyte_chapter_is_refused_at_once(report):
    chapter(report[0]).write_text("# One\n\n" + "Words words words.\n" * 560_000, encoding="utf-8")
    started = time.monotonic()
    fails_cleanly(report, "01-one.md: error: the chapter is 10 MB of text")
    assert time.monotonic() - started < 10


def test_source_errors_stop_the_build_before_writing(report):
    path = chapter(report[0])
    path.write_text(path.read_text().replace("## A section", "#### A section"), encoding="utf-8")
    fails_cleanly(report, "01-one.md:9:1: error heading-skip", status=1)


# --- images ------------------------------------------------------------------------------------

def _use_image(source: Path, target: str) -> None:
    path = chapter(source)
    path.write_text(path.read_text().replace("images/photo.png", target), encoding="utf-8")


def test_missing_image_points_at_its_line(report):
    _use_image(report[0], "images/nothere.png")
    fails_cleanly(report, "01-one.md:11:43: error: image 'images/nothere.png' does not exist")


def test_corrupt_image(report):
    (report[0] / "images" / "photo.png").write_text("this is not a picture", encoding="utf-8")
    fails_cleanly(report, "error: image 'images/photo.png' is not a PNG, JPEG, GIF, WebP or SVG file")


def test_truncated_png(report):
    photo = report[0] / "images" / "photo.png"
    photo.write_bytes(photo.read_bytes()[:40])
    fails_cleanly(report, "error: image 'images/photo.png' is damaged")


def test_huge_image_is_refused_without_reading_it(report):
    huge = report[0] / "images" / "huge.png"
    with huge.open("wb") as f:
        f.truncate(40 * 1024 * 1024)  # sparse: the size is what matters
    _use_image(report[0], "images/huge.png")
    fails_cleanly(report, "image 'images/huge.png' is 40 MB, too big to send to readers — resize it")


@pytest.mark.parametrize("target", ["../../etc/passwd", "/etc/passwd", "images/outside.png"])
def test_image_outside_the_source_is_never_read(report, target, tmp_path):
    if target == "images/outside.png":
        (tmp_path / "secret.png").write_bytes((TINY / "images" / "photo.png").read_bytes())
        (report[0] / "images" / "outside.png").symlink_to(tmp_path / "secret.png")
    _use_image(report[0], target)
    fails_cleanly(report, f"image '{target}' is outside the source folder")


def test_remote_image_is_not_fetched(report):
    _use_image(report[0], "https://example.org/photo.png")
    fails_cleanly(report, "image 'https://example.org/photo.png' is on the web; the build works offline")


def test_svg_with_script_is_refused(report):
    (report[0] / "images" / "photo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="5" height="5"/></svg>')
    _use_image(report[0], "images/photo.svg")
    fails_cleanly(report, "image 'images/photo.svg' contains script")


# --- raw HTML ----------------------------------------------------------------------------------

def test_raw_html_scripts_are_removed_with_a_warning(report):
    source, out, _ = report
    path = chapter(source)
    path.write_text(path.read_text() + '\n<script>steal()</script>\n\n<p onclick="x()">Hi <iframe src="x"></iframe>'
                    '<abbr title="Community Interest Company">CIC</abbr></p>\n\n[give](javascript:pay())\n',
                    encoding="utf-8")
    result = build(source, out)
    assert result.returncode == 0, result.stderr
    assert "01-one.md:17:1: warning raw-html-unsafe: raw HTML \"<script\"" in result.stderr
    for name in ("report.html", "summary.html"):
        html = (out / name).read_text(encoding="utf-8")
        for bad in ("<script", "onclick", "<iframe", "javascript:"):
            assert bad not in html, (name, bad)
    assert '<abbr title="Community Interest Company">CIC</abbr>' in (out / "report.html").read_text()


# --- tools failing -----------------------------------------------------------------------------

def test_typst_error_is_a_message_not_a_traceback(report):
    path = chapter(report[0])
    path.write_text(path.read_text() + "\n```{=typst}\n#let x = (\n```\n", encoding="utf-8")
    fails_cleanly(report, "error: Typst could not make the PDF")


# --- interrupted builds ------------------------------------------------------------------------

@pytest.mark.parametrize("after", ["parse", "epub", "check"])
def test_interrupted_build_leaves_no_temp_files_and_keeps_good_outputs(report, after):
    """Ctrl-C once the build has printed its `after` line: as the validator starts, while the writers
    write, and as the outputs are about to be moved into place (no fixed delay: machines differ)."""
    source, out, before = report
    path = chapter(source)
    path.write_text(path.read_text() + "\nA new paragraph.\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "build", "--source", str(source), "--out", str(out)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    for line in process.stdout:
        if line.startswith(f"{after} "):
            process.send_signal(signal.SIGINT)
            break
    else:
        pytest.fail(f"the build printed no {after!r} line")
    _stdout, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr
    assert not list(out.rglob(f"{TEMP_PREFIX}*"))
    after = hashes(out)
    for name, digest in after.items():
        # Every file is either the old good one or a complete new one (it opens).
        if digest != before.get(name) and name.endswith(".pdf"):
            import pikepdf
            pikepdf.open(out / name).close()
    if after == "parse":  # the writers and the check are yet to run: it must have stopped
        assert process.returncode != 0
    if process.returncode != 0:
        # -SIGINT: CPython's own exit when a Ctrl-C broke into an extension module's start-up code,
        # which it remembers even though we caught it (the message came, and nothing was written).
        assert process.returncode in (130, -signal.SIGINT) and "interrupted" in stderr, \
            (process.returncode, stderr[-800:])


def test_ctrl_c_while_the_outputs_are_moved_into_place_is_too_late_to_stop_them(report, tmp_path):
    """A Ctrl-C after the first output is in place: every output is the new one, none is left behind."""
    source, out, before = report
    path = chapter(source)
    path.write_text(path.read_text() + "\nA new paragraph.\n", encoding="utf-8")
    script = ("import os, signal, sys, types\n"
              "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
              "from pathlib import Path\n"
              "from pipeline import build\n"
              "def replace_then_ctrl_c(staged, target):\n"
              "    os.replace(staged, target)\n"
              "    os.kill(os.getpid(), signal.SIGINT)\n"
              "build.os = types.SimpleNamespace(**{**vars(os), 'replace': replace_then_ctrl_c})\n"
              "build.build(Path(sys.argv[1]), Path(sys.argv[2]), log=lambda line: None)\n"
              "print('finished')\n")
    result = subprocess.run([sys.executable, "-c", script, str(source), str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "finished", "")
    fresh = tmp_path / "fresh"
    assert build(source, fresh).returncode == 0
    changed = {name for name, digest in hashes(out).items() if digest != before.get(name)}
    # (.build-stamp.json is the command line's, written after build() returns)
    assert changed == {name for name, digest in hashes(fresh).items()
                       if digest != before.get(name) and name != ".build-stamp.json"}
    assert "report.html" in changed


def test_ctrl_c_as_python_exits_after_a_finished_command_is_ignored():
    """Found in CI: a Ctrl-C that came as a finished build exited killed it (by SIGINT, with no
    message) or printed a traceback from Python's exit. The command is done: its status stands."""
    script = ("import os, runpy, signal, sys, threading, time\n"
              "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
              "def ctrl_c_as_python_exits():\n"
              "    while threading.main_thread().is_alive():\n"
              "        time.sleep(0.001)\n"
              "    os.kill(os.getpid(), signal.SIGINT)\n"
              "threading.Thread(target=ctrl_c_as_python_exits).start()\n"
              "sys.argv = ['pipeline', 'editions']\n"
              "runpy.run_module('pipeline', run_name='__main__', alter_sys=True)\n")
    for _ in range(3):
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert (result.returncode, result.stderr) == (0, "")


def test_ctrl_c_while_the_validator_process_is_forked_stops_the_build_without_a_traceback():
    """The Ctrl-C of the test above, sent at the moment of the fork (found when the machine was busy):
    here an after-fork hook sends it, in a process of its own (the hook cannot be taken back)."""
    script = ("import os, signal\n"
              # as at a terminal (a shell's background job, as CI may be, starts with Ctrl-C ignored)
              "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
              "os.register_at_fork(after_in_parent=lambda: os.kill(os.getpid(), signal.SIGINT))\n"
              "from pipeline.build import _validator_process\n"
              "try:\n"
              "    _validator_process().terminate()\n"
              "except KeyboardInterrupt:\n"
              "    print('interrupted')\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (result.stdout.strip(), result.stderr) == ("interrupted", "")


def test_killed_build_temp_files_are_cleared_next_time(report):
    source, out, _ = report
    (out / ".tmp-999999-report.pdf").write_bytes(b"half a PDF")
    assert build(source, out).returncode == 0
    assert not list(out.rglob(f"{TEMP_PREFIX}*"))


# --- size --------------------------------------------------------------------------------------

def test_a_table_of_5000_rows_builds_in_bounded_memory(report):
    source, out, _ = report
    rows = "\n".join(f"| Group {i} | {i * 3} |" for i in range(5000))
    path = chapter(source, "02-two.md")
    path.write_text(path.read_text() + f"\n\n| Name | Hours |\n|---|---:|\n{rows}\n\n: Big table (hours)\n",
                    encoding="utf-8")
    result = build(source, out)
    assert result.returncode == 0, result.stderr
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert peak_kb < 1.5 * 1024 * 1024, f"peak memory {peak_kb / 1024:.0f} MB"
