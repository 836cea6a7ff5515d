"""A branded report (tests/fixtures/branded: a food bank whose comms team keeps
a brand.yml) built into every edition and judged: its colours, fonts and small
logo reach the web pages, the EPUB and the PDFs, and the real checkers still
find nothing (axe-core in light and dark mode, the Nu HTML Checker, EPUBCheck,
the PDF/UA-1 rules).

The fixture names two bundled families; the build here adds a font file of
its own (`source: file`), as a team with a licensed typeface would."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import lxml.html
import pikepdf
import pytest
from PIL import Image

from pipeline.contrast import ratio
from tests.conftest import ROOT, run_pipeline, struct_elements
from tests.judges import axe, epubcheck, nu, pdf_ua, web_pages
from tests.tools import program

BRANDED = ROOT / "tests" / "fixtures" / "branded"
LOGO_ALT = "Northgate Food Share logo"
FONT_FILE = """typography:
  fonts:
    - family: Noto Sans
      source: file
      files:
        - path: fonts/NotoSans.ttf
          weight: 400
"""


@pytest.fixture(scope="module")
def branded(tmp_path_factory) -> Path:
    """The fixture with a font file in its own folder, built into every edition."""
    from pipeline.fonts import FONT_DIRS

    work = tmp_path_factory.mktemp("branded")
    source = work / "source"
    shutil.copytree(BRANDED, source)
    (source / "fonts").mkdir()
    shutil.copy(FONT_DIRS[1] / "NotoSans[wght].ttf", source / "fonts" / "NotoSans.ttf")
    brand_file = source / "_brand.yml"
    brand_file.write_text(brand_file.read_text(encoding="utf-8").replace("typography:\n", FONT_FILE), encoding="utf-8")
    out = work / "out"
    result = run_pipeline("build", "--source", str(source), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def page(path: Path):
    return lxml.html.parse(str(path)).getroot()


# ------------------------------------------------------------------ web pages


def test_every_web_page_carries_the_brand_stylesheet_and_the_logo_with_its_alt(branded):
    for path in web_pages(branded):
        root = page(path)
        sheets = [link.get("href").rsplit("/", 1)[-1] for link in root.iter("link") if link.get("rel") == "stylesheet"]
        assert sheets == ["report.css", "brand.css"], f"{path.name}: {sheets}"
        logos = root.xpath("//header//p[@class='logo']//img")
        assert [img.get("alt") for img in logos] == [LOGO_ALT], path.name
        dark = root.xpath("//header//p[@class='logo']//source/@media")
        assert dark == ["(prefers-color-scheme: dark)"], f"{path.name}: the dark logo is chosen without script"
        assert not root.xpath("//script"), path.name
    css = (branded / "assets" / "brand.css").read_text(encoding="utf-8")
    assert "--link: #1d5c4a;" in css and "--background: #f6fbf8;" in css  # light: forest on mist
    assert "--link: #7fd4b5;" in css and "--background: #101a17;" in css  # dark: leaf on night
    assert 'src: url("fonts/brand/NotoSans.ttf")' in css
    assert (branded / "assets" / "fonts" / "brand" / "NotoSans.ttf").is_file()


def test_the_nu_checker_finds_the_branded_pages_valid(branded):
    assert nu(web_pages(branded)) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_branded_page(branded, scheme):
    assert axe(web_pages(branded), color_scheme=scheme) == []


def test_the_logo_is_shown_small_whatever_its_file_size(branded):
    from pipeline.browser import chromium

    with chromium() as browser:
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        for name in ("report.html", "index.html", "site/year.html"):
            tab.goto((branded / name).as_uri())
            box = tab.locator("header .logo img").bounding_box()
            assert 0 < box["height"] <= 48 and box["width"] <= 192, f"{name}: logo drawn at {box}"


def test_the_colours_the_browser_draws_are_the_checked_ones(branded):
    """Read back from the rendered page: the brand's text, link and heading colours on its background."""
    from pipeline.browser import chromium

    script = """() => { const css = e => getComputedStyle(document.querySelector(e));
        return [css('body').color, css('body').backgroundColor, css('nav.toc a').color, css('main h2').color]; }"""
    with chromium() as browser:
        for scheme in ("light", "dark"):
            tab = browser.new_page(color_scheme=scheme)
            tab.goto((branded / "report.html").as_uri())
            text, background, link, heading = (_hex(value) for value in tab.evaluate(script))
            assert (text, background) == (("#1a2421", "#f6fbf8") if scheme == "light" else ("#e6f2ed", "#101a17"))
            for colour in (text, link, heading):
                assert ratio(colour, background) >= 4.5, f"{scheme}: {colour} on {background}"


def _hex(css: str) -> str:
    red, green, blue = (int(part) for part in css[css.index("(") + 1:css.index(")")].split(",")[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


# ------------------------------------------------------------------ EPUB


def test_the_epub_passes_epubcheck_with_the_logo_and_the_font_embedded(branded, tmp_path):
    book = branded / "report.epub"
    assert [m for m in epubcheck(book, tmp_path) if m["severity"] in ("ERROR", "FATAL", "WARNING")] == []
    with zipfile.ZipFile(book) as epub:
        names = epub.namelist()
        title = next(epub.read(n) for n in names if n.endswith("title_page.xhtml"))
    assert "EPUB/fonts/NotoSans.ttf" in names and "EPUB/media/brand-logo.svg" in names
    img = lxml.html.fromstring(title).xpath("//p[@class='logo']/img")
    assert [i.get("alt") for i in img] == [LOGO_ALT]


# ------------------------------------------------------------------ PDF


def test_the_pdf_is_pdf_ua_with_the_brand_font_page_colour_and_logo_figure(branded, tmp_path):
    pdf = branded / "report.pdf"
    assert pdf_ua(pdf) == []
    with pikepdf.open(pdf) as document:
        fonts = {str(font.get("/BaseFont", "")) for p in document.pages
                 for font in (p.Resources.get("/Font") or {}).values()}
    assert any("NotoSans" in font for font in fonts), fonts  # the headings' face
    subprocess.run([program("pdftoppm"), "-f", "1", "-l", "1", "-r", "20", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as image:
        assert image.convert("RGB").getpixel((2, 2)) == (0xf6, 0xfb, 0xf8)  # the brand's background, "mist"
    with pikepdf.open(pdf) as document:
        figures = [str(element.get("/Alt", "")) for role, element in struct_elements(document) if role == "Figure"]
    assert figures[:1] == [LOGO_ALT], "the logo is a tagged figure with its alt text, first on the title page"


# ------------------------------------------------------------------ contents


def test_the_contents_go_two_levels_deep_and_a_short_report_is_not_folded(branded):
    root = page(branded / "report.html")
    toc = root.xpath("//nav[@class='toc']")[0]
    entries = [" ".join(a.text_content().split()) for a in toc.iter("a")]
    assert "Food we shared" in entries and "Where it came from" not in entries and "Training" not in entries
    assert len(entries) == 9 and not toc.xpath(".//details")
    assert not toc.xpath(".//ul//ul//ul"), "depth 2: chapters and their sections only"
    contents_page = [a.text_content() for a in page(branded / "site" / "index.html").xpath("//main//a")]
    assert "Drivers" in contents_page and "Training" not in contents_page


def test_each_site_chapter_page_has_its_own_named_short_contents(branded):
    chapters = {"year.html": ["Food we shared", "Saturday opening"], "people.html": ["Drivers", "In the hall"],
                "next.html": ["A bigger fridge", "Money advice"]}
    for name, sections in chapters.items():
        root = page(branded / "site" / name)
        navs = root.xpath("//main//nav[@class='chapter-toc']")
        assert len(navs) == 1, name
        label = root.get_element_by_id(navs[0].get("aria-labelledby"))
        assert label.text_content() == "In this chapter"
        links = navs[0].xpath(".//a")
        assert [a.text_content() for a in links] == sections
        for a in links:
            assert root.get_element_by_id(a.get("href")[1:]).tag in ("section", "h2"), f"{name}: {a.get('href')}"
        heading = root.xpath("//main//h1")[0]
        assert heading.getnext() is navs[0], f"{name}: the chapter's contents come right under its heading"


def build_html(source: Path, out: Path) -> Path:
    result = run_pipeline("build", "--source", str(source), "--out", str(out), "--only", "html")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_a_deeper_setting_and_folding_are_honoured(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(BRANDED, source)
    config = source / "report.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("  depth: 2", "  depth: 3\n  fold: true"),
                      encoding="utf-8")
    out = build_html(source, tmp_path / "out")
    toc = page(out / "report.html").xpath("//nav[@class='toc']")[0]
    folded = toc.xpath("./details[@class='toc-fold']")
    assert len(folded) == 1 and folded[0].get("open") is None
    assert " ".join(folded[0].findtext("summary").split()) == "Show the contents (11 entries)"
    assert "Where it came from" in [" ".join(a.text_content().split()) for a in folded[0].iter("a")]
    nav = page(out / "site" / "year.html").xpath("//nav[@class='chapter-toc']")[0]
    assert [a.text_content() for a in nav.xpath("./ul/li/ul/li/a")] == ["Where it came from"]


def test_a_long_report_folds_its_contents_without_script_and_axe_agrees(tmp_path):
    """bench/generate.py's medium report: 10 chapters, 71 entries two levels deep."""
    source = tmp_path / "long"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "medium", str(source)],
                   check=True, cwd=ROOT, capture_output=True)
    out = build_html(source, tmp_path / "out")
    root = page(out / "report.html")
    folded = root.xpath("//nav[@class='toc']/details[@class='toc-fold']")
    assert len(folded) == 1 and folded[0].get("open") is None and not root.xpath("//script")
    assert " ".join(folded[0].findtext("summary").split()) == "Show the contents (71 entries)"
    assert axe([out / "report.html"]) == []


def _logo_heights_pt(pdf: Path) -> list[float]:
    """The height each picture on the title page is drawn at, in points (read back with PDFium)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [round(obj.get_bounds()[3] - obj.get_bounds()[1], 1)
                for obj in document[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])]
    finally:
        document.close()


def test_a_small_logo_file_is_never_enlarged_on_the_title_page(tmp_path):
    """A 160 x 40 pixel PNG at 96 dpi is 30 pt high: the title page shows it so, not stretched to
    the 15 mm (42.5 pt) a large logo is brought down to."""
    source = tmp_path / "source"
    shutil.copytree(BRANDED, source)
    Image.new("RGB", (160, 40), "#1d5e4a").save(source / "images" / "small.png", dpi=(96, 96))
    brand = source / "_brand.yml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("path: images/logo.svg", "path: images/small.png"),
                     encoding="utf-8")
    out = tmp_path / "out"
    result = run_pipeline("build", "--source", str(source), "--out", str(out), "--only", "pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _logo_heights_pt(out / "report.pdf") == [30.0]  # 40 px at 96 dpi
