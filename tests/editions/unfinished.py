"""The messy report of tests/fixtures/unfinished/, ready to build, and what its PDFs show.

Its camera photo (4000 × 3000 pixels, 72 DPI, a quarter of a megabyte as JPEG) is drawn here
rather than kept in the repository; `make screenshots` draws it the same way (so this module
needs no pytest until a test reads a PDF back)."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf

UNFINISHED = Path(__file__).resolve().parent.parent / "fixtures" / "unfinished"
PHOTO = "images/allotment-photo.jpg"


def draw_photo(target: Path) -> None:
    """Sky in bands, a sun, a green hill and a row of sheds, saved as a phone camera would."""
    from PIL import Image, ImageDraw

    photo = Image.new("RGB", (4000, 3000))
    draw = ImageDraw.Draw(photo)
    for band in range(6):
        draw.rectangle([0, band * 500, 4000, band * 500 + 500], fill=(120 + band * 15, 170 + band * 8, 230 - band * 20))
    draw.ellipse([2900, 400, 3500, 1000], fill=(250, 220, 120))
    draw.polygon([(0, 2200), (1200, 1500), (2600, 2100), (4000, 1700), (4000, 3000), (0, 3000)], fill=(70, 130, 60))
    for shed in range(40):
        x = 100 + shed * 97
        draw.rectangle([x, 2500 - (shed % 5) * 40, x + 50, 2600], fill=(110, 80, 50))
    target.parent.mkdir(parents=True, exist_ok=True)
    photo.save(target, quality=90, dpi=(72, 72))


def unfinished_source(folder: Path) -> Path:
    """A copy of the fixture in folder, with its photo drawn."""
    source = folder / "unfinished"
    shutil.copytree(UNFINISHED, source, ignore=shutil.ignore_patterns(Path(PHOTO).name))
    draw_photo(source / PHOTO)
    return source


@dataclass(frozen=True)
class Shown:
    """One raster image as a PDF page shows it (read by poppler's pdfimages)."""
    page: int
    pixels: tuple[int, int]
    ppi: float  # pixels per inch as printed: lower than the file's DPI means enlarged

    @property
    def printed_width_pt(self) -> float:
        return self.pixels[0] / self.ppi * 72


def images_shown(pdf: Path) -> list[Shown]:
    from tests.tools import program

    listing = subprocess.run([program("pdfimages"), "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    shown = []
    for row in listing:
        cells = row.split()
        if cells[2] == "image":  # not an smask (the transparency of the image before it)
            shown.append(Shown(int(cells[0]), (int(cells[3]), int(cells[4])), float(cells[12])))
    return shown


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in layout order."""
    from tests.tools import program

    with pikepdf.open(pdf) as document:
        count = len(document.pages)
    return [subprocess.run([program("pdftotext"), "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for n in range(1, count + 1)]


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    x_max: float
    y_min: float
    y_max: float


def words(pdf: Path) -> tuple[list[Word], list[tuple[float, float]]]:
    """Every word with its box (points from the page's top left), and each page's size."""
    from lxml import etree

    from tests.tools import program

    xhtml = subprocess.run([program("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xhtml)
    found, sizes = [], []
    for number, page in enumerate(root.iter("{*}page"), 1):
        sizes.append((float(page.get("width")), float(page.get("height"))))
        for word in page.iter("{*}word"):
            found.append(Word(number, word.text or "", *(float(word.get(k)) for k in ("xMin", "xMax", "yMin", "yMax"))))
    return found, sizes
