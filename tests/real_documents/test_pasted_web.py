"""A report pasted together from the web, the way a comms team brings it
(tests/fixtures/pasted-web): a Hugo page with TOML front matter, a Jekyll
post, a GitHub README's raw `<img>` and `<div align="center">`, a WordPress
paste with `<p style>`, `<br>` in paragraphs and table cells, an HTML table,
raw `<h2>`, a `<style>` block, emoji and flags, Arabic, Chinese and Cyrillic,
a scheme-less address, site-relative links, a link to "the PDF", a
`target="_blank"` link, mailto: and tel:, and an outline five levels deep.

1. As it is, it builds, and every real judge reports 0: axe-core and the Nu
   checker on every web page, EPUBCheck and DAISY Ace on the EPUB, PDF/UA-1
   on every tagged PDF.
2. A copy with the defects people really make shows each one's message at
   its file:line, exits non-zero and publishes nothing.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import judges
from tests.conftest import ROOT

PASTED = ROOT / "tests" / "fixtures" / "pasted-web"

# (file, what the fixed report says, what a careless paste says instead, the rule that must say so)
DEFECTS = [
    ("chapters/01-about.md", '<img src="images/logo.svg" alt="Riverside Food Bank logo" width="120">',
     '<img src="images/logo.svg" width="120">', "alt-missing"),
    ("chapters/01-about.md", "[what comes next](#plans)", "[what comes next](#plan)", "link-anchor-missing"),
    ("chapters/03-stories.md", "# Stories from our volunteers {#stories}",
     "Shared from our Facebook page.\n\n# Stories from our volunteers {#stories}", "chapter-text-before-title"),
    ("chapters/04-plans.md", "## Our plans", "**Our plans**", "heading-fake"),
    ("chapters/02-numbers.md", "<h2>Where the food came from</h2>", "<h4>Where the food came from</h4>",
     "heading-skip"),
    ("chapters/04-plans.md", "[GitHub](https://github.com/example/riverside#readme)", "[GitHub]()", "link-empty"),
]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def pasted_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pasted-web") / "out"
    result = run("build", "--source", str(PASTED), "--out", str(out), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out


def test_the_pasted_report_builds_every_edition(pasted_build):
    for name in ("report.html", "report.epub", "report.pdf", "report-large-print.pdf", "summary.html",
                 "summary.pdf", "summary-booklet.pdf", "summary.txt", "summary.mp3", "site/index.html"):
        assert (pasted_build / name).is_file(), name


def test_axe_and_nu_find_nothing_on_any_web_page(pasted_build):
    pages = judges.web_pages(pasted_build)
    assert judges.axe(pages) == []
    assert judges.nu(pages) == []


def test_epubcheck_and_ace_find_nothing(pasted_build, tmp_path):
    book = pasted_build / "report.epub"
    messages = judges.epubcheck(book, tmp_path)
    assert [f"{m['severity']} {m['ID']}: {m['message']}" for m in messages] == []
    assert judges.ace_violations(judges.run_ace(book, tmp_path / "ace")) == []


@pytest.mark.parametrize("name", ["report.pdf", "report-large-print.pdf", "summary.pdf"])
def test_every_tagged_pdf_passes_pdf_ua_1(pasted_build, name):
    assert judges.pdf_ua(pasted_build / name) == []


@pytest.fixture(scope="module")
def with_defects(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    source = tmp_path_factory.mktemp("defects") / "source"
    shutil.copytree(PASTED, source)
    for name, good, bad, _rule in DEFECTS:
        path = source / name
        text = path.read_text(encoding="utf-8")
        assert text.count(good) == 1, f"{good!r} is not once in {name}"
        path.write_text(text.replace(good, bad), encoding="utf-8")
    out = source.parent / "out"
    return source, out, run("build", "--source", str(source), "--out", str(out))


def _line_of(path: Path, snippet: str) -> int:
    first = snippet.splitlines()[0]
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if first in line)


@pytest.mark.parametrize("name, good, bad, rule", DEFECTS, ids=[d[3] for d in DEFECTS])
def test_each_defect_is_reported_at_its_line(with_defects, name, good, bad, rule):
    source, _out, result = with_defects
    line = _line_of(source / name, bad)
    where = f"{Path(name).as_posix()}:{line}:"
    mentioned = [m for m in result.stderr.splitlines() if f" {rule}:" in m]
    assert any(where in m for m in mentioned), f"no {rule} at {where}:\n" + result.stderr


def test_a_report_with_defects_publishes_nothing(with_defects):
    _source, out, result = with_defects
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not out.exists() or not any(p for p in out.iterdir() if not p.name.startswith("."))


def test_each_finding_is_printed_once_even_when_the_writers_finish_first(tmp_path):
    # With every edition cached, the writers are done before the validator, which then stops the build.
    source, cache = tmp_path / "source", tmp_path / "cache"
    shutil.copytree(PASTED, source)
    assert run("build", "--source", str(source), "--out", str(tmp_path / "good"), "--cache", str(cache)).returncode == 0
    path = source / "chapters" / "03-stories.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Our helpers can speak to you in your own tongue.", "Our volunteers communicate in numerous languages."),
        encoding="utf-8")
    result = run("build", "--source", str(source), "--out", str(tmp_path / "out"), "--cache", str(cache))
    assert result.returncode == 1
    findings = [line for line in result.stderr.splitlines() if ": error " in line or ": warning " in line]
    assert findings and len(findings) == len(set(findings)), result.stderr

