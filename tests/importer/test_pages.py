"""A saved web page, a Hugo page and an OpenDocument file import as source folders:
only the page's main content, pictures with honest alt text, a consecutive outline,
and each repair at its line in the original and in the chapter now. Pictures on the
web are never fetched: a server on this machine counts every request. The Hugo and
OpenDocument folders, once a person has done the repair report's to-dos, build, and
axe-core and the Nu checker find nothing on their web pages (test_judges.py judges
the Word and web-page folders with every checker)."""
from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree
from PIL import Image

from pipeline.importer.run import import_file
from pipeline.pandoc import pandoc_path
from tests.conftest import ROOT
from tests.importer.helpers import line_of, outline, pictures, repair
from tests.importer.test_judges import do_the_to_dos
from tests.importer.web import write_web_page
from tests.judges import axe, nu, web_pages


def built_and_judged(folder: Path, result, out: Path) -> None:
    """Do the to-dos as a person would, build the web pages, and judge them."""
    do_the_to_dos(folder, result)
    build = subprocess.run([sys.executable, "-m", "pipeline", "build", "--source", str(folder), "--out", str(out),
                            "--only", "html", "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})
    assert build.returncode == 0, build.stdout + build.stderr
    pages = [page for page in web_pages(out) if page.is_file()]
    assert axe(pages) == [] and nu(pages) == []


@pytest.fixture
def server():
    """An HTTP server on 127.0.0.1 that records every path asked of it."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def web_page(tmp_path, server):
    address, asked = server
    return write_web_page(tmp_path, address), asked, address


def test_a_web_page_imports_only_its_main_content(web_page, tmp_path):
    page, asked, _address = web_page
    result = import_file(page, tmp_path / "out")
    folder = tmp_path / "out"
    assert outline(folder) == ["# Introduction {#introduction}", "# Repairs we won {#repairs-we-won}",
                               "# Money {#money}"]
    everything = "\n".join(p.read_text(encoding="utf-8") for p in (folder / "chapters").iterdir())
    for site_part in ("Join us", "Follow us", "Privacy", "© 2025"):
        assert site_part not in everything
    meta = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    assert (meta["title"], meta["lang"]) == ("Annual review 2025", "en-GB")  # <title> less the site's name
    left_out = repair(result, "only the page's main content")
    assert "<header>" in left_out.message and "<nav>" in left_out.message and "<footer>" in left_out.message
    assert asked == []  # not the stylesheet, the script, nor the banner


def test_web_page_pictures_tables_and_the_bold_line_to_confirm(web_page, tmp_path):
    page, asked, address = web_page
    result = import_file(page, tmp_path / "out")
    folder = tmp_path / "out"
    assert pictures(folder) == [
        ("Two tenants pressing the button of the new lift", "images/picture-01.png", ""),
        ("", "images/picture-02.png", "{.decorative}"),  # alt=""
        ("", "images/picture-03.png", ""),  # no alt
        ("Millbrook Tenants banner", f"{address}/banner.png", ""),  # still its web address: never fetched
    ]
    assert asked == []
    assert repair(result, "is on the web and was not fetched").was == "line 23"
    missing = repair(result, "a picture has no alt text")
    chapter = folder / "chapters" / "02-repairs-we-won.md"
    assert (missing.was, missing.now) == ("line 22", f"chapters/02-repairs-we-won.md:{line_of(chapter, 'picture-03')}")
    confirm = repair(result, '"Still waiting" is in bold but not marked up as a heading')
    assert confirm.to_do and confirm.was == "line 19"
    assert confirm.now == f"chapters/02-repairs-we-won.md:{line_of(chapter, 'Still waiting')}"
    money = (folder / "chapters" / "03-money.md").read_text(encoding="utf-8")
    assert "| Item" in money and "\nMembership is free for every tenant.\n" in money
    assert "1.  Pay for room hire\n2.  Print newsletters" in money
    skipped = repair(result, '"Repairs we won" moved from level 3 to level 1')
    assert (skipped.was, skipped.now) == ("line 16", "chapters/02-repairs-we-won.md:1")


HUGO_PAGE = """+++
title = "Spring at Ashgrove allotments"
date = 2026-04-02
languageCode = "en-gb"
description = "News from the allotment society."
+++

Plots are nearly all taken this year.

## New members

Twelve families joined in March. <img src="/images/members.jpg" alt="New members with their first harvest">

<img src="divider.png" alt="">

<img src="shed.png">

#### Tools

The society shed now lends spades and forks.
"""


def test_a_hugo_page_with_toml_front_matter_and_raw_img_tags(tmp_path):
    site = tmp_path / "site"
    (site / "static" / "images").mkdir(parents=True)
    (site / "content" / "news").mkdir(parents=True)
    Image.new("RGB", (4000, 3000), "olive").save(site / "static" / "images" / "members.jpg", quality=60)
    for name, colour in (("divider", "white"), ("shed", "brown")):
        Image.new("RGB", (300, 100), colour).save(site / "content" / "news" / f"{name}.png")
    page = site / "content" / "news" / "spring.md"
    page.write_text(HUGO_PAGE, encoding="utf-8")
    result = import_file(page, tmp_path / "out")
    folder = tmp_path / "out"
    meta = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    assert (meta["title"], meta["lang"], meta["description"]) == (
        "Spring at Ashgrove allotments", "en-gb", "News from the allotment society.")
    assert outline(folder) == ["# Introduction {#introduction}", "# New members {#new-members}", "## Tools {#tools}"]
    assert pictures(folder) == [("New members with their first harvest", "images/picture-01.jpg", ""),
                                ("", "images/picture-02.png", "{.decorative}"), ("", "images/picture-03.png", "")]
    with Image.open(folder / "images" / "picture-01.jpg") as scaled:
        assert scaled.size == (2008, 1506)  # 300 dpi across the printed page's 170 mm
    assert repair(result, "a 4000×3000 pixel picture was scaled down to 2008×1506").was == "line 12"
    assert repair(result, "a picture has no alt text").was == "line 16"
    assert repair(result, '"Tools" moved from level 4 to level 2').now == \
        f"chapters/02-new-members.md:{line_of(folder / 'chapters' / '02-new-members.md', '## Tools')}"
    built_and_judged(folder, result, tmp_path / "built")


ODT_TEXT = """---
title: Riverside Choir Yearbook
lang: en-GB
---

We sang at nine concerts this year.[^1]

# Concerts

We gave nine concerts, four of them on tour.

**Summer tour**

We visited four towns.

![](a.png)

![](b.png)

### Who sang

| Voice | Singers |
|-------|--------:|
| Alto  | 14      |

[^1]: Two more than last year.
"""


def test_an_opendocument_file_keeps_alt_text_decorative_pictures_and_pages(tmp_path):
    for name, colour in (("a", "purple"), ("b", "white")):
        Image.new("RGB", (100, 60), colour).save(tmp_path / f"{name}.png")
    (tmp_path / "yearbook.md").write_text(ODT_TEXT, encoding="utf-8")
    made = tmp_path / "made.odt"
    subprocess.run([pandoc_path(), "yearbook.md", "-o", made.name], cwd=tmp_path, check=True)
    odt = _as_libreoffice_saves_it(made, tmp_path / "yearbook.odt")
    result = import_file(odt, tmp_path / "out")
    folder = tmp_path / "out"
    assert outline(folder) == ["# Introduction {#introduction}", "# Concerts {#concerts}",
                               "## Summer tour {#summer-tour}", "### Who sang {#who-sang}"]
    assert pictures(folder) == [("Choir members singing on a bandstand", "images/picture-01.png", ""),
                                ("", "images/picture-02.png", "{.decorative}")]
    meta = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    assert (meta["title"], meta["lang"]) == ("Riverside Choir Yearbook", "en-GB")
    concerts = (folder / "chapters" / "02-concerts.md").read_text(encoding="utf-8")
    assert "| Voice" in concerts and "[^concerts-1]" not in concerts
    assert "[^introduction-1]: Two more than last year." in \
        (folder / "chapters" / "01-introduction.md").read_text(encoding="utf-8")
    assert repair(result, '"Summer tour" was a paragraph set in bold').was == "paragraph 5, page 2"  # the Title paragraph is 1
    built_and_judged(folder, result, tmp_path / "built")


def _as_libreoffice_saves_it(made: Path, target: Path) -> Path:
    """pandoc writes no alt text: add it as LibreOffice does (svg:title), mark the second picture
    decorative (loext:decorative), and record a page break where LibreOffice's layout put one."""
    with zipfile.ZipFile(made) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    content = etree.fromstring(entries["content.xml"])
    ns = {"draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
          "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    first, second = content.findall(".//draw:frame", ns)
    title = etree.SubElement(first, f"{{{ns['svg']}}}title")
    title.text = "Choir members singing on a bandstand"
    second.set("{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}decorative", "true")
    heading = content.find(".//text:h", ns)
    heading.insert(0, etree.Element(f"{{{ns['text']}}}soft-page-break"))
    entries["content.xml"] = etree.tostring(content, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else
                             zipfile.ZIP_DEFLATED)
    return target
