"""The single-page HTML edition (report.html, summary.html): pandoc's HTML5
writer with our template (templates/page.html), which adds what pandoc's
default page lacks for screen-reader users: a skip link, header/nav/main/
footer landmarks, a labelled table of contents, and the report title as the
page's only h1 (chapters are shifted to h2).

The HTML-only filter stages (pipeline/stages.py: glossary links, endnotes,
long descriptions, table regions) run inside `pandoc_convert`. The chunked
site (writers/site.py) uses the same template and the helpers below.
"""
from __future__ import annotations

import re
from pathlib import Path

from fontpkg_atkinson_hyperlegible import ROOT as FONT_PACKAGE

from pipeline import atomic
from pipeline.writers import TEMPLATES, BuildContext, Written, display_date, pandoc_convert

# Every web page links it: report.html, summary.html, the site's pages, index.html.
STYLESHEET = "assets/report.css"
# report.css loads these with @font-face (url "fonts/…" is relative to assets/report.css).
FONT_FOLDER = "assets/fonts"


def publish_stylesheet(out: Path) -> None:
    """Copy report.css, and Atkinson Hyperlegible (from its PyPI package) with its licence beside it.

    The same typeface as the PDF editions, designed for low-vision readers; the
    OFL licence must travel with the font files."""
    fonts = sorted((FONT_PACKAGE / "files").glob("*.ttf")) + [FONT_PACKAGE / "LICENSE"]
    copies = [(TEMPLATES / "report.css", out / STYLESHEET)]
    copies += [(font, out / FONT_FOLDER / ("OFL.txt" if font.name == "LICENSE" else font.name)) for font in fonts]
    for source, target in copies:
        data = source.read_bytes()
        if not target.exists() or target.read_bytes() != data:
            atomic.write_bytes(target, data)


def phone_uri(number: str) -> str:
    """'01632 960123' as a tel: URI (no spaces or punctuation, which make the href invalid)."""
    return re.sub(r"[^0-9+]", "", number)


def page_args(ctx: BuildContext, target: Path) -> list[str]:
    """pandoc options that every HTML page shares: template, stylesheet path, date, phone link."""
    depth = len(target.relative_to(ctx.out).parents) - 1
    args = [
        "--standalone", f"--template={TEMPLATES / 'page.html'}", "--section-divs",
        "-V", f"css={'../' * depth}{Path(STYLESHEET).as_posix()}",
        "-M", f"date-display={display_date(ctx.report.meta.get('date'))}",
    ]
    phone = (ctx.report.meta.get("contact") or {}).get("phone")
    if phone:
        args += ["-M", f"contact-tel={phone_uri(str(phone))}"]
    return args


def write_html(ctx: BuildContext, doc: dict, target: Path, edition_note: str = "") -> Written:
    args = page_args(ctx, target) + ["--toc", "--toc-depth=4", "--shift-heading-level-by=1"]
    if edition_note:
        args += ["-M", f"edition-note={edition_note}"]
    publish_stylesheet(ctx.out)
    atomic.write_bytes(target, pandoc_convert(ctx, doc, "html5", args))
    return Written(target)
