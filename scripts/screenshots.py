"""Screenshots of the web editions, for a person to look at before publishing.

    .venv/bin/python scripts/screenshots.py [--out outputs]      (or: make screenshots)

Writes outputs/screenshots/NAME-WIDTH.png: the first screen of the landing
page, the single-page report, the easy-read page and the first chapter of the
site, at desktop width (1280 × 800) and phone width (360 × 740), and the
report at phone width in dark mode; a branded report (tests/fixtures/branded:
its colours in light and dark mode, a chapter page with the small logo and the
chapter's own contents) and the contents of a long report, folded and opened
(branded-*.png, long-report-contents*.png); and NAME-page1.png, the first page of
every PDF edition, rendered by pdftoppm (Debian's poppler-utils), and from
tests/fixtures/unfinished the page with a ten-column table in the screen and large-print PDFs
(wide-table-*.png) and a page with a small logo (small-logo-report.png). What a
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


BRANDED = ROOT / "tests" / "fixtures" / "branded"  # a report with a brand.yml: logo, colours, fonts


def build_web(source: Path, out: Path) -> None:
    """The web editions of another report, for the shots the sample cannot show."""
    run = subprocess.run([sys.executable, "-m", "pipeline", "build", "--source", str(source), "--out", str(out),
                          "--only", "html", "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"could not build {source} for its screenshots:\n{run.stdout}{run.stderr}")


def other_reports(work: Path) -> list[tuple[str, Path, str, str, str]]:
    """(name, page, width, colour scheme, action) of the shots of other reports: a branded report
    (light and dark, and a site chapter page with the small logo and the chapter's own contents),
    and the contents of a long report (bench/generate.py medium: 10 chapters), folded and opened."""
    branded, long_source, long_out = work / "branded", work / "long-source", work / "long"
    build_web(BRANDED, branded)
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "medium", str(long_source)],
                   cwd=ROOT, check=True, capture_output=True)
    build_web(long_source, long_out)
    chapter = first_chapter(branded)
    return [("branded-report", branded / "report.html", "desktop", "light", ""),
            ("branded-report", branded / "report.html", "desktop", "dark", ""),
            ("branded-chapter", branded / chapter, "phone", "light", ""),
            ("long-report-contents", long_out / "report.html", "desktop", "light", ""),
            ("long-report-contents-open", long_out / "report.html", "desktop", "light", "open-contents")]


PDFS = ("report.pdf", "report-large-print.pdf", "summary.pdf", "summary-booklet.pdf")


def render_page(pdf: Path, number: int, target: Path) -> None:
    with tempfile.TemporaryDirectory() as temp:
        prefix = Path(temp) / "page"
        subprocess.run(["pdftoppm", "-f", str(number), "-l", str(number), "-r", "60", "-png", "-singlefile",
                        str(pdf), str(prefix)], check=True)
        atomic.write_bytes(target, prefix.with_suffix(".png").read_bytes())
    print(display_path(target))


def unfinished_pages(work: Path, folder: Path) -> None:
    """PDF pages the sample cannot show, from tests/fixtures/unfinished (a report as a volunteer
    group first writes it): its ten-column table in the screen PDF (smaller type, upright) and in
    large print (a landscape page, the table in two halves), and the page with its small logo."""
    from tests.editions.unfinished import unfinished_source

    source, out = unfinished_source(work), work / "unfinished-out"
    run = subprocess.run([sys.executable, "-m", "pipeline", "build", "--source", str(source), "--out", str(out),
                          "--editions", "pdf,large-print", "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"could not build {source} for its screenshots:\n{run.stdout}{run.stderr}")

    def page_with(pdf: Path, words: str) -> int:
        for number in range(1, 100):
            text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                                  capture_output=True, text=True)
            if text.returncode != 0:
                break
            if words in text.stdout:
                return number
        raise SystemExit(f"{pdf.name}: no page says '{words}'")

    for name in ("report.pdf", "report-large-print.pdf"):
        render_page(out / name, page_with(out / name, "Table 1:"), folder / f"wide-table-{Path(name).stem}.png")
    render_page(out / "report.pdf", page_with(out / "report.pdf", "busiest year"), folder / "small-logo-report.png")


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
    if shutil.which("pdftoppm"):
        with tempfile.TemporaryDirectory() as work:
            unfinished_pages(Path(work), folder)
    plan = shots(out)
    if not plan:
        print(f"{out}: no web pages to photograph; build them first with `make`", file=sys.stderr)
        return 1
    reason = unavailable()
    if reason:
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work, chromium() as browser:
        plan = [(name, out / path, width, scheme, "") for name, path, width, scheme in plan]
        for name, page_path, width, scheme, action in plan + other_reports(Path(work)):
            w, h = WIDTHS[width]
            page = browser.new_page(viewport={"width": w, "height": h}, color_scheme=scheme)
            page.goto(page_path.as_uri())
            page.evaluate("document.fonts.ready")
            target = folder / f"{name}-{width}{'-dark' if scheme == 'dark' else ''}.png"
            if action == "open-contents":  # the folded contents, opened: the whole list, as a reader sees it
                page.click("nav.toc details summary")
                atomic.write_bytes(target, page.locator("nav.toc").screenshot())
            else:
                atomic.write_bytes(target, page.screenshot())
            page.close()
            print(display_path(target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
