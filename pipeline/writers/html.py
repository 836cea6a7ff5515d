"""The single-page HTML edition (report.html, summary.html): pandoc's HTML5
writer with our template (templates/page.html), which adds what pandoc's
default page lacks for screen-reader users: a skip link, header/nav/main/
footer landmarks, a labelled table of contents, and the report title as the
page's only h1 (chapters are shifted to h2).

The HTML-only filter stages (pipeline/stages.py: glossary links, endnotes,
long descriptions, table regions) run once per build for this page and the
chunked site (`for_html`); pandoc writes the page chapter by chapter, each
chapter cached (writers/html_parts.py). The site (writers/site.py) uses the
same template and the helpers below.
"""
from __future__ import annotations

import json
import re
import threading
from pathlib import Path

from fontpkg_atkinson_hyperlegible import ROOT as FONT_PACKAGE

from pipeline import atomic
from pipeline.stages import run_for_format
from pipeline.writers import TEMPLATES, BuildContext, Written, display_date
from pipeline.writers.brand_assets import BRAND_STYLESHEET, logo_html, publish_brand
from pipeline.writers.html_parts import write_page

# Every web page links it: report.html, summary.html, the site's pages, index.html.
STYLESHEET = "assets/report.css"
# report.css loads these with @font-face (url "fonts/…" is relative to assets/report.css).
FONT_FOLDER = "assets/fonts"


def publish_stylesheet(ctx: BuildContext) -> None:
    """Copy report.css, and Atkinson Hyperlegible (from its PyPI package) with its licence beside it;
    with a brand, also brand.css and the brand's fonts (writers/brand_assets.py).

    The same typeface as the PDF editions, designed for low-vision readers; the
    OFL licence must travel with the font files."""
    out = ctx.out
    publish_brand(ctx.report.brand, ctx.report.root, out)
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
    up = "../" * (len(target.relative_to(ctx.out).parents) - 1)
    args = [
        "--standalone", f"--template={TEMPLATES / 'page.html'}", "--section-divs",
        "-V", f"css={up}{Path(STYLESHEET).as_posix()}",
        "-M", f"date-display={display_date(ctx.report.meta.get('date'))}",
    ]
    if ctx.report.brand is not None:  # -V: inserted as written; logo_html has escaped what it took from the brand
        args += ["-V", f"brand-css={up}{BRAND_STYLESHEET}", "-V", f"logo={logo_html(ctx.report.brand, up)}"]
    phone = (ctx.report.meta.get("contact") or {}).get("phone")
    if phone:
        args += ["-M", f"contact-tel={phone_uri(str(phone))}"]
    return args


def contents_entries(blocks: list, depth: int) -> int:
    """How many entries the contents list of these blocks has, `depth` levels deep."""
    return sum(1 for block in blocks if block["t"] == "Header" and block["c"][0] <= depth)


def single_page_args(ctx: BuildContext, doc: dict, target: Path, edition_note: str = "") -> list[str]:
    """pandoc options for report.html or summary.html: the shared ones, and the contents list."""
    contents = ctx.report.contents
    # The report's title is the page's h1, so chapters are h2: `depth` levels below it.
    args = page_args(ctx, target) + ["--toc", f"--toc-depth={contents.depth + 1}", "--shift-heading-level-by=1"]
    entries = contents_entries(doc["blocks"], contents.depth)
    if contents.folded(entries):
        args += ["-M", "toc-fold=true", "-M", f"toc-entries={entries}"]
    if edition_note:
        args += ["-M", f"edition-note={edition_note}"]
    return args


_formatting = threading.Lock()


def for_html(ctx: BuildContext, doc: dict, copy: bool = False) -> dict:
    """doc through the HTML filter stages (pipeline/stages.py), once per build for report.html and the
    site (0.2 s on the medium report). Read it only; copy=True gives a copy of one's own to change."""
    with _formatting:
        memo_key = ("html5", id(doc))
        if memo_key not in ctx.memo:
            ctx.memo[memo_key] = run_for_format(doc, "html5", ctx.skip, ctx.trace)
    formatted = ctx.memo[memo_key]
    return json.loads(json.dumps(formatted)) if copy else formatted  # json: 30x faster than copy.deepcopy


def remember_formatted(ctx: BuildContext, doc: dict, formatted: dict, parts: list[tuple[str, str]]) -> None:
    """doc through the HTML filter stages, made chapter by chapter (pipeline/chapterwise.py), and its
    parts: (a key that names the part, its blocks as JSON), one per level-1 heading."""
    ctx.memo[("html5", id(doc))] = formatted
    ctx.memo[("html5-parts", id(formatted))] = parts


def formatted_parts(ctx: BuildContext, formatted: dict) -> list[tuple[str, str]] | None:
    """The parts of a tree for_html gave, if it was made chapter by chapter."""
    return ctx.memo.get(("html5-parts", id(formatted)))


def write_html(ctx: BuildContext, doc: dict, target: Path, edition_note: str = "") -> Written:
    args = single_page_args(ctx, doc, target, edition_note)
    publish_stylesheet(ctx)
    formatted = for_html(ctx, doc)
    atomic.write_bytes(target, write_page(ctx, formatted, args, formatted_parts(ctx, formatted)))
    return Written(target)
