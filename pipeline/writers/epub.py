"""The EPUB 3 edition: pandoc's EPUB writer on the filtered tree, one XHTML
file per chapter, then finished by pipeline/writers/epub_package.py.

What goes into pandoc (the epub-* stages in pipeline/stages.py do the rest):

* the screen PDF's page map (`page_starts`: where each top-level block starts
  in report.pdf), for the page-break markers and the page list;
* the plain-language summary tree (the one the easy-read editions are made
  from, `ctx.summary`), to open the book as "The report in brief";
* "Contents" as the title of the table of contents (to level 3), our EPUB stylesheet, and
  the cover image.

After pandoc: accessibility metadata generated from what the build verified,
the cover with its alt text, landmarks, the page list, a deterministic zip.
"""
from __future__ import annotations

import copy
import tempfile
import os
from pathlib import Path

from lxml import etree

from filters import epub_brief, epub_page_markers, summary
from pipeline import atomic
from pipeline.writers import TEMPLATES, BuildContext, Written, pandoc_convert
from pipeline.writers.epub_brand import epub_args
from pipeline.writers.epub_package import finish
from pipeline.writers.pdf import page_starts
from pipeline.writers.xhtml_errors import xhtml_failed

STYLESHEET = TEMPLATES / "epub.css"
TOC_TITLE = "Contents"


def write_epub(ctx: BuildContext, doc: dict, target: Path) -> Written:
    meta = dict(doc["meta"])  # the caller's tree stays as it was
    meta["toc-title"] = {"t": "MetaString", "c": TOC_TITLE}
    if "epub-page-markers" not in ctx.skip:
        meta[epub_page_markers.META_KEY] = epub_page_markers.page_map_meta(page_starts(ctx, doc))
    brief = ctx.summary if ctx.summary is not None else summary.apply(copy.deepcopy(doc))
    if brief["blocks"]:
        meta[epub_brief.META_KEY] = epub_brief.brief_meta(brief["blocks"])

    # --toc puts the contents (nav.xhtml) in the reading order after the title page, as in the PDF;
    # the landmarks link to it, and EPUBCheck requires links to go to spine items.
    # Pictures from the output folder first: there, a photo too big for a reading app is a
    # smaller copy (pipeline/assets.py publish_images); the source folder for anything else.
    args = ["--toc", "--split-level=1", "--toc-depth=3", f"--css={STYLESHEET}",
            f"--resource-path={ctx.out.resolve()}{os.pathsep}{ctx.report.root.resolve()}"]
    picture = ctx.report.cover
    if picture is not None:
        published = ctx.out / picture["image"]
        cover = published if published.is_file() else ctx.report.root / picture["image"]
        args.append(f"--epub-cover-image={cover.resolve()}")
    with atomic.replacing(target) as temp, tempfile.TemporaryDirectory() as work:
        args += epub_args(ctx.report.brand, ctx.report.root, Path(work))  # the brand's fonts
        pandoc_convert(ctx, {**doc, "meta": meta}, "epub3", [*args, "-o", str(temp.resolve())])
        try:
            verified = finish(temp, ctx.report, picture["alt"] if picture else None)
        except etree.XMLSyntaxError as exc:
            raise xhtml_failed(ctx.report, doc, temp, exc) from exc
    return Written(target, detail=verified.as_dict())
