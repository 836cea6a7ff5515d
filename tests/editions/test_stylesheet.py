"""Every build publishes assets/report.css, and the fonts it loads, where the
web pages link it: whichever editions were asked for, and also when an
edition comes from the cache instead of from its writer."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from pipeline.writers import TEMPLATES
from tests.conftest import TINY, run_pipeline

STYLESHEET = (TEMPLATES / "report.css").read_bytes()


def stylesheets(out: Path) -> dict[str, Path]:
    """Each web page in out (by its name) and the stylesheet file its <link> points at."""
    found = {}
    for page in sorted(out.rglob("*.html")):
        for link in lxml.html.parse(str(page)).getroot().iterfind(".//link[@rel='stylesheet']"):
            found[str(page.relative_to(out))] = (page.parent / link.get("href")).resolve()
    return found


def assert_every_page_has_the_stylesheet(out: Path) -> None:
    linked = stylesheets(out)
    assert "index.html" in linked, sorted(linked)
    for page, css in linked.items():
        assert css.is_file() and css.read_bytes() == STYLESHEET, f"{page} links {css}, which is not report.css"
    for font in re.findall(rb'url\("([^"]+)"\)', STYLESHEET):
        assert (out / "assets" / font.decode()).is_file(), f"report.css loads {font.decode()}, which is missing"


@pytest.mark.parametrize("edition", ["site", "summary-html", "pdf"])
def test_a_build_of_one_edition_publishes_the_stylesheet(edition, tmp_path):
    result = run_pipeline("build", "--source", str(TINY), "--out", str(tmp_path), "--editions", edition,
                          "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert_every_page_has_the_stylesheet(tmp_path)
    if edition != "pdf":
        assert any(page != "index.html" for page in stylesheets(tmp_path)), "the edition wrote no web page"


def test_an_edition_from_the_cache_still_has_the_stylesheet(tmp_path):
    cache = tmp_path / "cache"
    first = run_pipeline("build", "--source", str(TINY), "--out", str(tmp_path / "first"), "--editions", "html",
                         "--cache", str(cache))
    assert first.returncode == 0, first.stdout + first.stderr
    again = run_pipeline("build", "--source", str(TINY), "--out", str(tmp_path / "again"), "--editions", "html",
                         "--cache", str(cache))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "(unchanged)" in next(line for line in again.stdout.splitlines() if line.startswith("html ")), again.stdout
    assert_every_page_has_the_stylesheet(tmp_path / "again")
