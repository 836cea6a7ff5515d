"""Screenshots of the web editions, for a person to look at before publishing.

    .venv/bin/python scripts/screenshots.py [--out outputs]      (or: make screenshots)

Writes outputs/screenshots/NAME-WIDTH.png: the first screen of the landing
page, the single-page report, the easy-read page and the first chapter of the
site, at desktop width (1280 × 800) and phone width (360 × 740), and the
report at phone width in dark mode; and NAME-page1.png, the first page of
every PDF edition, rendered by pdftoppm (Debian's poppler-utils). What a
reader sees first, not the whole document: the checks of the whole are the
tests' job (axe-core, reflow, veraPDF rules). Needs a build (make) and
Debian's Chromium (see pipeline/browser.py).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import atomic  # noqa: E402
from pipeline.browser import chromium, unavailable  # noqa: E402
from pipeline.diagnostics import display_path  # noqa: E402

PAGES = {"index": "index.html", "report": "report.html", "summary": "summary.html"}
WIDTHS = {"desktop": (1280, 800), "phone": (360, 740)}


def first_chapter(out: Path) -> str | None:
    """The site's first chapter page, read from the contents page's first chapter link."""
    import lxml.html

    contents = out / "site" / "index.html"
    if not contents.exists():
        return None
    links = lxml.html.parse(str(contents)).getroot().xpath("//main//ol/li/a/@href")
    return f"site/{links[0]}" if links else None


def shots(out: Path) -> list[tuple[str, str, str, str]]:
    """(page name, path under out, width name, colour scheme) for every screenshot to take."""
    pages = dict(PAGES)
    chapter = first_chapter(out)
    if chapter:
        pages["site-chapter"] = chapter
    plan = [(name, path, width, "light") for name, path in pages.items() if (out / path).exists()
            for width in WIDTHS]
    if (out / "report.html").exists():
        plan.append(("report", "report.html", "phone", "dark"))
    return plan


PDFS = ("report.pdf", "report-large-print.pdf", "summary.pdf", "summary-booklet.pdf")


def pdf_first_pages(out: Path, folder: Path) -> int:
    """Render page 1 of each PDF edition; returns how many were rendered."""
    if shutil.which("pdftoppm") is None:
        print("cannot render PDF pages: pdftoppm is missing (Debian: apt-get install poppler-utils)",
              file=sys.stderr)
        return 0
    done = 0
    for name in PDFS:
        if not (out / name).exists():
            continue
        with tempfile.TemporaryDirectory() as temp:
            prefix = Path(temp) / "page"
            subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", "-singlefile",
                            str(out / name), str(prefix)], check=True)
            target = folder / f"{Path(name).stem}-page1.png"
            atomic.write_bytes(target, prefix.with_suffix(".png").read_bytes())
        print(display_path(target))
        done += 1
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "outputs", help="the built output folder")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    folder = out / "screenshots"
    pdf_first_pages(out, folder)
    plan = shots(out)
    if not plan:
        print(f"{out}: no web pages to photograph; build them first with `make`", file=sys.stderr)
        return 1
    reason = unavailable()
    if reason:
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 1
    with chromium() as browser:
        for name, path, width, scheme in plan:
            w, h = WIDTHS[width]
            page = browser.new_page(viewport={"width": w, "height": h}, color_scheme=scheme)
            page.goto((out / path).as_uri())
            page.evaluate("document.fonts.ready")
            target = folder / f"{name}-{width}{'-dark' if scheme == 'dark' else ''}.png"
            atomic.write_bytes(target, page.screenshot())
            page.close()
            print(display_path(target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
