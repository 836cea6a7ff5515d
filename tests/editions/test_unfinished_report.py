"""A report as a volunteer group first writes it (tests/fixtures/unfinished/): the editions must
still look finished. Pictures at their natural size, never enlarged, a decorative drawing kept
small; no "Figure N" under a picture nobody captioned; short chapters running on; a ten-column
table kept whole; the Easy Read PDFs in 16 pt; every tagged PDF also PDF/A-2a."""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import lxml.html
import pikepdf
import pytest

from pipeline.image_facts import WEB_MAX_WIDTH
from tests.conftest import run_pipeline
from tests.editions.test_pdf_editions import font_sizes
from tests.editions.unfinished import PHOTO, images_shown, page_texts, unfinished_source, words
from tests.judges import axe, epubcheck, nu, pdf_a, pdf_ua, verapdf

TAGGED_PDFS = ["report.pdf", "report-large-print.pdf", "summary.pdf"]


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    return unfinished_source(tmp_path_factory.mktemp("unfinished-source"))


@pytest.fixture(scope="module")
def built(source, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("unfinished-outputs")
    result = run_pipeline("build", "--source", str(source), "--out", str(out), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stdout


@pytest.fixture(scope="module")
def out(built) -> Path:
    return built[0]


# --- pictures ----------------------------------------------------------------------------------

def test_no_picture_is_printed_larger_than_its_natural_size(out):
    # pdfimages gives the pixels per inch each picture is printed at: below the file's own DPI
    # (96 when it states none or a nonsense one) would mean enlarged.
    natural_dpi = {(240, 80): 96, (24, 24): 96, (4000, 3000): 72, (2400, 1600): 96, (640, 400): 96,
                   (300, 300): 150}
    for name in TAGGED_PDFS:
        shown = images_shown(out / name)
        assert shown, name
        for image in shown:
            assert image.ppi >= natural_dpi[image.pixels] - 1, (name, image)


def test_a_logo_and_an_icon_stay_small(out):
    shown = images_shown(out / "report.pdf")
    icon = next(image for image in shown if image.pixels == (24, 24))
    assert icon.printed_width_pt == pytest.approx(18, abs=0.5)  # 24 CSS pixels: 18 pt, one line high
    # 240 × 80 pixels at 96 DPI: 2.5 inches, 180 pt, whatever the text width, on the title page
    # (as the cover) and in the first chapter; the last logo's {width=120px} is honoured: 90 pt
    logos = [image for image in shown if image.pixels == (240, 80)]
    assert [round(image.printed_width_pt) for image in logos] == [180, 180, 90] and logos[0].page == 1


def test_a_decorative_drawing_does_not_take_over_the_page(out):
    # 2400 × 1600 pixels would fill two thirds of an A4 page at text width; it is kept to one inch high
    banner = next(image for image in images_shown(out / "report.pdf") if image.pixels == (2400, 1600))
    assert 1600 / banner.ppi * 72 <= 72.5


def test_a_big_photo_fits_the_text_width_in_print_at_full_resolution(out):
    photo = next(image for image in images_shown(out / "report.pdf") if image.pixels == (4000, 3000))
    assert photo.printed_width_pt <= 595.28 - 2 * 56.69 + 1  # A4 less 20 mm margins
    assert photo.ppi > 500  # the PDF keeps all 4000 pixels for print


def test_web_pages_give_each_picture_its_natural_size_and_a_smaller_copy_of_the_photo(out, built):
    page = lxml.html.parse(str(out / "report.html")).getroot()
    sizes = {img.get("src"): (img.get("width"), img.get("height")) for img in page.iter("img")}
    assert sizes["images/logo.png"] in {("240", "80"), ("120", None)}
    assert sizes["images/phone-icon.png"] == ("24", "24")
    assert sizes["images/booking-form.png"] == ("640", "400")  # a DPI of 1 is nonsense: 96 it is
    assert sizes[PHOTO] == ("5333", "4000")  # 4000 pixels at 72 DPI are 5333 CSS pixels; CSS caps it
    assert sizes["images/leaves-banner.png"] == ("144", "96")  # decorative: one inch high at most
    from PIL import Image

    with Image.open(out / PHOTO) as web:
        assert web.width == WEB_MAX_WIDTH
    with zipfile.ZipFile(out / "report.epub") as book:
        photo = next(n for n in book.namelist() if n.endswith(".jpg"))
        assert book.getinfo(photo).file_size == (out / PHOTO).stat().st_size
    assert re.search(r"images\s+1 made smaller for the web\s+saved 0\.\d MB", built[1]), built[1]


def test_the_pdf_keeps_the_original_photo(out, source):
    with pikepdf.open(out / "report.pdf") as pdf:
        widths = [int(image.Width) for page in pdf.pages for image in page.get_images().values()]
    assert 4000 in widths
    assert (source / PHOTO).stat().st_size > 2 * (out / PHOTO).stat().st_size


# --- captions and numbers ----------------------------------------------------------------------

def test_only_captioned_figures_and_tables_get_a_number(out):
    for name in TAGGED_PDFS[:2]:
        text = "\n".join(page_texts(out / name))
        labels = re.findall(r"\b(Figure|Table) (\d+):?(.*)", text)
        assert [(kind, number) for kind, number, _ in labels] == [("Figure", "1"), ("Table", "1")], labels
        assert all(caption.strip() for _, _, caption in labels), labels
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<figcaption") == 1 and "Figure 1" not in html


def test_links_to_a_captioned_and_an_uncaptioned_picture_go_to_their_pages(out):
    found, _ = words(out / "report.pdf")
    with pikepdf.open(out / "report.pdf") as pdf:
        page_of = {page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)}
        targets = {}
        for number, page in enumerate(pdf.pages, 1):
            height = float(page.mediabox[3])
            for annot in page.get("/Annots", []):
                if annot.get("/Subtype") != "/Link" or "/Dest" not in annot and "/A" not in annot:
                    continue
                destination = annot.get("/Dest") or annot.A.get("/D")
                if isinstance(destination, (pikepdf.String, pikepdf.Name)):  # Typst names its destinations
                    destination = pikepdf.NameTree(pdf.Root.Names.Dests)[str(destination).lstrip("/")]
                if destination is None:
                    continue
                x0, y0, x1, y1 = (float(v) for v in annot.Rect)
                text = " ".join(w.text for w in found if w.page == number and w.x_min >= x0 - 1
                                and w.x_max <= x1 + 1 and height - y1 - 1 <= w.y_min and w.y_max <= height - y0 + 1)
                targets[text] = page_of[destination[0].objgen]
    pages = page_texts(out / "report.pdf")
    photo_page = next(n for n, text in enumerate(pages, 1) if "Figure 1: The north end" in text)
    # a link that runs over two lines is two rectangles: its first line is enough here
    assert [page for text, page in targets.items() if text.startswith("the photo of the")] == [photo_page]
    form_page = targets["the form"]
    assert form_page in (photo_page, photo_page + 1, photo_page + 2, photo_page + 3)
    assert any(image.pixels == (640, 400) and image.page == form_page for image in images_shown(out / "report.pdf"))


# --- page flow ---------------------------------------------------------------------------------

def test_short_chapters_run_on_and_a_long_one_starts_a_page(out):
    pages = page_texts(out / "report.pdf")
    starts = {title: n for title in ("Hello from the committee", "The plots", "What plots cost",
                                     "How to reach us", "Thank you")
              for n, text in enumerate(pages, 1) if re.search(rf"^\s*{title}\s*$", text, re.M)}
    # "What plots cost" and "How to reach us" are a paragraph each: they follow on
    assert starts["What plots cost"] == starts["How to reach us"]
    body_lines = [line.strip() for line in pages[starts["The plots"] - 1].splitlines() if line.strip()]
    assert body_lines[1] == "The plots"  # straight under the running head: a long chapter starts a page
    assert len(pages) <= 7


def test_a_heading_never_ends_a_page(out):
    headings = {"Hello from the committee", "The plots", "What members told us", "What plots cost",
                "How to reach us", "Thank you"}
    for name in TAGGED_PDFS[:2]:
        for number, text in enumerate(page_texts(out / name), 1):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            last = lines[-2] if lines and lines[-1].isdigit() else (lines[-1] if lines else "")
            assert last not in headings, (name, number, last)


def test_chapter_breaks_always_starts_every_chapter_on_a_page(source, tmp_path):
    always = tmp_path / "always"
    shutil.copytree(source, always)
    config = always / "report.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("chapter_breaks: auto", "chapter_breaks: always"),
                      encoding="utf-8")
    result = run_pipeline("build", "--source", str(always), "--out", str(tmp_path / "out"), "--editions", "pdf",
                          "--no-cache")
    assert result.returncode == 0, result.stderr
    pages = page_texts(tmp_path / "out" / "report.pdf")
    under_running_head = [[line.strip() for line in text.splitlines() if line.strip()][1:2] for text in pages]
    for title in ("Hello from the committee", "The plots", "What plots cost", "How to reach us", "Thank you"):
        assert under_running_head.count([title]) == 1, title


def test_an_unknown_chapter_breaks_value_is_refused_with_its_choices(source, tmp_path):
    wrong = tmp_path / "wrong"
    shutil.copytree(source, wrong)
    config = wrong / "report.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("chapter_breaks: auto", "chapter_breaks: sometimes"),
                      encoding="utf-8")
    result = run_pipeline("build", "--source", str(wrong), "--out", str(tmp_path / "out"), "--editions", "pdf")
    assert result.returncode != 0
    assert "report.yaml:21:" in result.stderr and "chapter_breaks: sometimes" in result.stderr
    assert "auto" in result.stderr and "always" in result.stderr and "Traceback" not in result.stderr


def _table_words(out: Path, name: str) -> tuple[list, tuple[float, float]]:
    found, sizes = words(out / name)
    header = next(w for w in found if w.text == "Concession")
    return [w for w in found if w.page == header.page], sizes[header.page - 1]


@pytest.mark.parametrize("name", ["report.pdf", "report-large-print.pdf"])
def test_the_ten_column_table_fits_its_page(out, name):
    on_page, (width, height) = _table_words(out, name)
    for heading in ("Plot", "Size", "Fee", "Water", "Deposit", "Key", "Concession", "Members", "Waiting", "Vacant"):
        assert any(w.text == heading for w in on_page), heading  # a word of its own: not run into the next
    margin = 20 / 25.4 * 72
    assert all(margin - 1 <= w.x_min and w.x_max <= width - margin + 1 for w in on_page), \
        [(w.text, w.x_min, w.x_max) for w in on_page if w.x_max > width - margin + 1]
    overlapping = [(a.text, b.text) for i, a in enumerate(on_page) for b in on_page[i + 1:]
                   if a.x_min < b.x_max - 0.5 and b.x_min < a.x_max - 0.5
                   and a.y_min < b.y_max - 0.5 and b.y_min < a.y_max - 0.5]
    assert overlapping == []


def test_large_print_turns_the_page_and_halves_the_table_rather_than_shrink_it(out):
    # 18 pt is the least large print may use, and ten columns of it do not fit even across
    # A4: the table is cut in two on a landscape page, each half naming its rows again
    on_page, (width, height) = _table_words(out, "report-large-print.pdf")
    assert width > height
    assert sum(1 for w in on_page if w.text == "Community") == 2
    text = "\n".join(page_texts(out / "report-large-print.pdf"))
    assert len(re.findall(r"Table \d+:", text)) == 1
    with pikepdf.open(out / "report-large-print.pdf") as pdf:
        assert min(font_sizes(pdf)) >= 18


def test_the_screen_pdf_keeps_the_table_whole_on_a_portrait_page(out):
    on_page, (width, height) = _table_words(out, "report.pdf")
    assert width < height
    assert sum(1 for w in on_page if w.text == "Community") == 1


# --- Easy Read ---------------------------------------------------------------------------------

def _booklet_sizes(path: Path) -> list[float]:
    """Text sizes inside the booklet's imposed A5 pages (each one a form XObject on the A4 sheet)."""
    sizes = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for form in page.Resources.XObject.values():
                sizes += [float(ops[1]) for ops, op in pikepdf.parse_content_stream(form) if str(op) == "Tf"]
    return sizes


def test_easy_read_print_is_16_point_with_short_lines_and_nothing_under_14(out):
    with pikepdf.open(out / "summary.pdf") as pdf:
        sizes = font_sizes(pdf)
    for found in (sizes, _booklet_sizes(out / "summary-booklet.pdf")):
        assert found and min(found) >= 14, sorted(set(found))
        assert max(set(found), key=found.count) >= 16  # the body text: the size used most
    # short lines: about 55 characters (wide margins), never over 64
    lines = [line.strip() for text in page_texts(out / "summary.pdf") for line in text.splitlines() if line.strip()]
    assert max(len(line) for line in lines) <= 64, max(lines, key=len)


def test_an_easy_read_point_has_its_picture_beside_it(out):
    found, _ = words(out / "summary.pdf")
    point = next(w for w in found if w.text == "40")
    house = next(image for image in images_shown(out / "summary.pdf") if image.pixels == (300, 300))
    assert house.page == point.page
    # every line of the point's words starts right of the picture's column, none under the picture
    page_words = [w.text for w in found if w.page == point.page]
    start = page_words.index("We", page_words.index("committee"))
    point_words = [w for w in found if w.page == point.page][start:start + 12]
    assert " ".join(w.text for w in point_words) == "We have 40 plots. Each home in Westbrook can ask for one."
    assert len({round(w.y_min) for w in point_words}) > 1  # more than one line
    assert all(w.x_min > 30 / 25.4 * 72 + house.printed_width_pt for w in point_words)
    html = lxml.html.parse(str(out / "summary.html")).getroot()
    assert html.xpath("//div[@class='picture-point']/img[@src='images/house.png']")


# --- archive -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", TAGGED_PDFS)
def test_tagged_pdfs_say_they_are_pdf_ua_1_and_pdf_a_2a(out, name):
    with pikepdf.open(out / name) as pdf:
        xmp = pdf.open_metadata()
        assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance"), xmp.get("pdfuaid:part")) == ("2", "A", "1")


@pytest.mark.parametrize("name", TAGGED_PDFS)
def test_tagged_pdfs_pass_the_pdf_ua_1_and_pdf_a_2a_validators(out, name):
    assert pdf_ua(out / name) == []
    assert pdf_a(out / name) == []


def test_verapdf_passes_them_as_pdf_a_2a(out):
    assert verapdf([out / name for name in TAGGED_PDFS], "2a") == []


def test_its_web_pages_and_epub_pass_their_judges(out, tmp_path):
    # width and height attributes, a picture floated beside an Easy Read point, a smaller photo
    pages = [out / "report.html", out / "summary.html", *sorted((out / "site").glob("*.html"))]
    assert nu(pages) == []
    assert axe([out / "report.html", out / "summary.html"]) == []
    assert [(m["severity"], m["ID"], m["message"]) for m in epubcheck(out / "report.epub", tmp_path)] == []
