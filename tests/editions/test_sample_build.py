"""The sample report, built once, read back with independent tools: lxml for
HTML, ebooklib for EPUB, pikepdf for the PDF's structure tree. Each test
compares an edition with what pandoc reads straight from source/."""
from __future__ import annotations


import ebooklib
import lxml.html
import pikepdf
import pytest
import yaml
from ebooklib import epub
from pandocfilters import walk

from filters import stringify
from tests.conftest import SAMPLE, pandoc_json, run_pipeline, struct_elements, TINY

REPORT = yaml.safe_load((SAMPLE / "report.yaml").read_text(encoding="utf-8"))
CHAPTERS = [pandoc_json(SAMPLE / name) for name in REPORT["chapters"]]


def source_outline() -> list[tuple[int, str]]:
    outline = []
    for doc in CHAPTERS:
        walk(doc["blocks"], lambda k, v, f, m: outline.append((v[0], stringify(v[2]))) if k == "Header" else None,
             "", {})
    return outline + [(1, "Glossary")]


def source_images() -> list[tuple[str, str, bool]]:
    """(src, alt, decorative) for every image in reading order."""
    images = []

    def collect(key, value, fmt, meta):
        if key == "Image":
            images.append((value[2][0], stringify(value[1]), "decorative" in value[0][1]))

    for doc in CHAPTERS:
        walk(doc["blocks"], collect, "", {})
    return images


def summary_texts() -> list[str]:
    texts = []

    def collect(key, value, fmt, meta):
        if key == "Div" and "summary" in value[0][1]:
            texts.extend(stringify(block) for block in value[1])

    for doc in CHAPTERS:
        walk(doc["blocks"], collect, "", {})
    return texts


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def html(sample_build):
    return lxml.html.parse(str(sample_build / "report.html")).getroot()


@pytest.fixture(scope="module")
def book(sample_build):
    return epub.read_epub(str(sample_build / "report.epub"), {"ignore_ncx": True})


@pytest.fixture(scope="module")
def pdf(sample_build):
    with pikepdf.open(sample_build / "report.pdf") as document:
        yield document


def test_sample_has_what_the_issue_asks_for():
    images = source_images()
    assert len(REPORT["chapters"]) >= 5
    assert len(images) >= 6 and any(decorative for _, _, decorative in images)
    assert len(summary_texts()) >= len(REPORT["chapters"])
    glossary = yaml.safe_load((SAMPLE / REPORT["glossary"]).read_text(encoding="utf-8"))
    assert len(glossary) >= 10


def test_every_edition_is_written(sample_build):
    for name in ("report.html", "report.epub", "report.pdf", "summary.html", "summary.pdf", "summary.txt",
                 "index.html", "assets/report.css"):
        assert (sample_build / name).stat().st_size > 0, name
    assert not list(sample_build.rglob(".tmp-*")), "a temporary file was left behind"


def test_html_outline_equals_source_outline(html):
    main = html.find(".//main")
    headings = [(int(h.tag[1]) - 1, words(h.text_content())) for h in main.iter("h2", "h3", "h4", "h5", "h6")]
    assert headings == source_outline()
    assert [words(h.text_content()) for h in html.iter("h1")] == [REPORT["title"]]


def test_html_has_landmarks_lang_and_title(html):
    assert html.get("lang") == REPORT["lang"]
    assert words(html.find(".//title").text_content()) == REPORT["title"]
    assert len(html.findall(".//main")) == 1
    assert html.find(".//header") is not None and html.find(".//footer") is not None
    first_link = html.find(".//a")
    assert first_link.get("href") == "#main" and "Skip" in first_link.text_content()


def test_html_images_keep_their_alt(html):
    imgs = {img.get("src"): img for img in html.find(".//main").iter("img")}
    for src, alt, decorative in source_images():
        img = imgs[src]
        assert img.get("alt") == ("" if decorative else alt), src
        inside_figure = any(a.tag == "figure" for a in img.iterancestors())
        assert inside_figure != decorative, f"{src}: decorative images must not be figures, others must"


def test_epub_images_keep_their_alt_in_reading_order(book):
    alts = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT or "nav" in item.get_name():
            continue
        tree = lxml.html.fromstring(item.get_content())
        if item.get_name().endswith(("title_page.xhtml", "cover.xhtml")):  # the cover: tests/editions/test_epub.py
            continue
        alts += [img.get("alt") for img in tree.iter("img")]
    assert alts == [("" if decorative else alt) for _, alt, decorative in source_images()]


def test_epub_nav_lists_every_chapter_and_lang(book):
    nav = next(i for i in book.get_items() if isinstance(i, epub.EpubNav) or "nav" in i.get_name())
    entries = [words(a.text_content()) for a in lxml.html.fromstring(nav.get_content()).iter("a")]
    for level, text in source_outline():
        if level == 1:
            assert text in entries
    assert book.get_metadata("DC", "language")[0][0] == REPORT["lang"]
    assert book.get_metadata("DC", "title")[0][0] == REPORT["title"]


def test_pdf_is_tagged_with_lang_and_title(pdf):
    assert str(pdf.Root.Lang) == REPORT["lang"]
    assert pdf.Root.MarkInfo.Marked is True
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo["/Title"]) == REPORT["title"]
    with pdf.open_metadata() as xmp:
        assert REPORT["title"] in str(xmp.get("dc:title"))


def test_pdf_figures_carry_the_source_alt_and_decorative_images_are_not_figures(pdf):
    figure_alts = [str(element.get("/Alt")) for role, element in struct_elements(pdf) if role == "Figure"]
    expected = [REPORT["cover"]["alt"]] + [alt for _, alt, decorative in source_images() if not decorative]
    assert figure_alts == expected


def test_pdf_headings_follow_the_outline(pdf):
    levels = [int(role[1]) for role, _ in struct_elements(pdf) if role in {f"H{n}" for n in range(1, 7)}]
    # The title is the only H1; then "Contents" (H2), then the chapters shifted down one level.
    assert levels[0] == 1 and levels.count(1) == 1
    assert levels[2:] == [level + 1 for level, _ in source_outline()]


def test_summary_has_every_summary_block_and_nothing_else(sample_build):
    page = lxml.html.parse(str(sample_build / "summary.html")).getroot().find(".//main")
    text = words(page.text_content())
    for block in summary_texts():
        assert words(block) in text
    paragraphs = [p for p in page.iter("p")]
    assert len(paragraphs) == sum(1 for _ in summary_texts()) or all(
        any(words(p.text_content()) in words(b) for b in summary_texts()) for p in paragraphs)
    plain = (sample_build / "summary.txt").read_text(encoding="utf-8")
    assert "::: " not in plain and "**" not in plain
    for block in summary_texts():
        assert words(block)[:40] in words(plain)


def test_index_links_every_edition(sample_build):
    index = lxml.html.parse(str(sample_build / "index.html")).getroot()
    links = {a.get("href") for a in index.iter("a")}
    assert {"report.html", "report.epub", "report.pdf", "summary.html", "summary.pdf", "summary.txt"} <= links
    assert "pages" in index.text_content() and "KB" in index.text_content()


def test_a_second_report_builds_with_source(tmp_path):
    result = run_pipeline("build", "--source", str(TINY), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "pdf" in result.stdout and "pages" in result.stdout
    assert (tmp_path / "report.pdf").exists() and (tmp_path / "index.html").exists()


def test_only_builds_the_named_editions(tmp_path):
    result = run_pipeline("build", "--source", str(TINY), "--out", str(tmp_path), "--only", "html")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.html").exists() and not (tmp_path / "report.pdf").exists()
