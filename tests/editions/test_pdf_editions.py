"""The PDF editions: large print really is large, the booklet really folds
into the right order, and the page map the EPUB uses matches the PDF."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from filters import stringify
from pipeline import assets
from pipeline.parse import parse_report
from pipeline.source import load_report
from pipeline.stages import run_common
from pipeline.writers import BuildContext
from pipeline.writers.pdf import page_starts, saddle_stitch_order
from tests.conftest import SAMPLE, struct_elements
from tests.tools import program

A4_LANDSCAPE = (842, 595)


def figure_content(pdf: pikepdf.Pdf) -> set[tuple[tuple[int, int], int]]:
    """(page object id, MCID) of all marked content that belongs to a /Figure in the structure tree."""
    found = set()

    def collect(node, page):
        if isinstance(node, pikepdf.Array):
            for child in node:
                collect(child, page)
        elif isinstance(node, int):
            found.add((page, int(node)))
        elif isinstance(node, pikepdf.Dictionary):
            here = node.Pg.objgen if "/Pg" in node else page
            if "/MCID" in node:
                found.add((here, int(node.MCID)))
            if "/K" in node:
                collect(node.K, here)

    for role, element in struct_elements(pdf):
        if role == "Figure":
            collect(element.get("/K"), element.Pg.objgen if "/Pg" in element else None)
    return found


def font_sizes(pdf: pikepdf.Pdf) -> list[float]:
    """Every text size set on every page outside figures (Typst sets sizes with Tf and an
    unscaled text matrix). Labels drawn inside a chart are part of the picture; its long
    description carries the same words at body size."""
    in_figures = figure_content(pdf)
    sizes = []
    for page in pdf.pages:
        marked: list[int | None] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name == "BDC":
                properties = operands[1]
                marked.append(int(properties.MCID) if isinstance(properties, pikepdf.Dictionary)
                              and "/MCID" in properties else None)
            elif name == "BMC":
                marked.append(None)
            elif name == "EMC" and marked:
                marked.pop()
            elif name == "Tf":
                if not any((page.obj.objgen, mcid) in in_figures for mcid in marked if mcid is not None):
                    sizes.append(float(operands[1]))
    return sizes


def test_large_print_has_no_text_under_18_point(sample_build):
    with pikepdf.open(sample_build / "report-large-print.pdf") as pdf:
        sizes = font_sizes(pdf)
    assert sizes and min(sizes) >= 18, sorted(set(sizes))[:5]


def test_screen_pdf_is_not_large_print(sample_build):
    # The measurement must be able to fail: the screen edition has 11 pt text.
    with pikepdf.open(sample_build / "report.pdf") as pdf:
        assert min(font_sizes(pdf)) < 18


def test_every_pdf_embeds_its_fonts(sample_build):
    for name in ("report.pdf", "report-large-print.pdf", "summary.pdf", "summary-booklet.pdf"):
        with pikepdf.open(sample_build / name) as pdf:
            for page in pdf.pages:
                for font in _fonts(page):
                    descriptor = font.get("/FontDescriptor")
                    if descriptor is None and "/DescendantFonts" in font:
                        descriptor = font.DescendantFonts[0].FontDescriptor
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
                    assert "Atkinson" in str(descriptor.FontName) or "DejaVu" in str(descriptor.FontName)


def _fonts(page):
    resources = page.get("/Resources", {})
    for font in resources.get("/Font", {}).values():
        yield font
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form":
            yield from _fonts(xobject)


def test_saddle_stitch_order_for_eight_pages():
    # Sheet 1 front: 8 | 1, back: 2 | 7; sheet 2 front: 6 | 3, back: 4 | 5 (1-based).
    assert [(a + 1, b + 1) for a, b in saddle_stitch_order(8)] == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_booklet_is_a4_landscape_in_saddle_stitch_order(sample_build):
    booklet = sample_build / "summary-booklet.pdf"
    with pikepdf.open(booklet) as pdf:
        sides = len(pdf.pages)
        assert (sides * 2) % 4 == 0
        for page in pdf.pages:
            assert tuple(round(float(v)) for v in page.mediabox[2:4]) == A4_LANDSCAPE
        description = str(pdf.open_metadata().get("dc:description"))
    assert "not screen readers" in description
    order = saddle_stitch_order(sides * 2)
    for side, (left, right) in enumerate(order):
        for half, expected in ((0, left), (1, right)):
            text = _half_page_text(booklet, side, half)
            numbers = [int(w) for w in text.split() if w.isdigit()]
            if expected == 0:
                continue  # the title page has no page number in its footer
            if not text.strip():
                continue  # a blank padding page
            assert numbers and numbers[-1] == expected + 1, (side, half, text[-80:])


def _half_page_text(path: Path, side: int, half: int) -> str:
    x = half * A4_LANDSCAPE[0] // 2
    result = subprocess.run([program("pdftotext"), "-f", str(side + 1), "-l", str(side + 1), "-x", str(x), "-y", "0",
                             "-W", str(A4_LANDSCAPE[0] // 2), "-H", str(A4_LANDSCAPE[1]), "-r", "72",
                             str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture(scope="module")
def sample_tree():
    report = load_report(SAMPLE)
    return report, assets.sized(report, run_common(parse_report(report)))[0]  # as the build makes it


def test_page_map_matches_the_pdf_pages_of_the_headings(sample_build, sample_tree):
    report, doc = sample_tree
    starts = page_starts(BuildContext(report, sample_build), doc)
    with pikepdf.open(sample_build / "report.pdf") as pdf:
        pages = {str(page.obj.objgen): number for number, page in enumerate(pdf.pages, 1)}
        with pdf.open_outline() as outline:
            bookmarked = {}
            stack = list(outline.root)
            while stack:
                item = stack.pop(0)
                destination = item.destination if item.destination is not None else item.action.D
                bookmarked.setdefault(item.title.replace("'", "’"), pages[str(destination[0].objgen)])
                stack += list(item.children)
    headings = [(i, stringify(b["c"][2])) for i, b in enumerate(doc["blocks"]) if b["t"] == "Header"]
    assert len(headings) > 20
    for index, text in headings:
        assert starts[index] == bookmarked[text.replace("'", "’")], text
