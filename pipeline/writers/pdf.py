"""The PDF editions, compiled in-process by Typst.

Pandoc writes the body as Typst markup (after the typst-* filters have put
back what its Typst writer drops: alt text and language); our template
(templates/report.typ) supplies the title page, metadata, running heads and
page numbers. Typst writes a PDF/UA-1 structure tree (H1–H6, L/LI,
Table/TH, Figure with /Alt), refuses images without alt text, and makes each
tagged PDF a PDF/A-2a file too (PDF_STANDARDS).

A Layout is the only thing that differs between the screen PDF, the
large-print edition and the Easy Read ones (16 pt); the A5 booklet is the
summary compiled at A5 and then imposed two-up for a printer (not tagged:
a printer's file, so neither PDF/UA nor PDF/A).
"""
from __future__ import annotations

import io
import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

import pikepdf
import typst

from filters import meta_text
from pipeline import atomic
from pipeline.diagnostics import ReportError
from pipeline.fonts import FAMILIES, typst_font_args
from pipeline.report_date import date_parts
from pipeline.writers import TEMPLATES, BuildContext, Written, display_date, pandoc_convert
from pipeline.writers.brand_assets import brand_font_folders, brand_for_typst
from pipeline.writers.typst_errors import typst_failed

BODY_MARKER = b"// @body"
# Tagged for screen readers (PDF/UA-1) and fit for archiving (PDF/A-2a: fonts embedded, colours
# defined, no encryption, tagged), in one file: Typst checks both as it writes.
PDF_STANDARDS = ["ua-1", "a-2a"]
A4_LANDSCAPE = (841.89, 595.28)  # points


@dataclass(frozen=True)
class Layout:
    body_size: float = 11  # points
    leading: float = 0.75  # extra space between lines, in em: about 1.5 line spacing at this font
    small: float = 0.8  # size of running heads, footnotes, superscripts, relative to the body
    spacing: float = 1.2  # space between paragraphs, in em
    paper: str | None = None  # None: report.yaml's print.paper, else A4
    margin_mm: float | None = None  # None: report.yaml's print.margin_mm, else 20
    contents: bool = True  # a table of contents after the title page
    chapter_breaks: str | None = None  # always, auto or never; None: report.yaml's print.chapter_breaks

    def for_typst(self) -> dict:
        return {key.replace("_", "-"): value for key, value in asdict(self).items()
                if key not in ("paper", "margin_mm", "chapter_breaks")}


SCREEN = Layout()
# Easy Read in print: 16 pt body text (UK guidance asks for 14 pt at least, 16 is better),
# nothing under 14 pt, 1.6 line spacing, a line's length kept to about 55 characters by the
# margins, and a clear gap between points.
SUMMARY = Layout(body_size=16, leading=0.9, small=0.875, spacing=1.6, margin_mm=30, contents=False,
                 chapter_breaks="never")
BOOKLET_PAGE = Layout(body_size=16, leading=0.9, small=0.875, spacing=1.6, margin_mm=15, contents=False,
                      chapter_breaks="never", paper="a5")
CHAPTER_BREAKS = ("auto", "always", "never")


def large_print(report_meta: dict) -> Layout:
    """At least 18 pt everywhere (the UK Association for Accessible Formats' large print minimum)."""
    size = float((report_meta.get("print") or {}).get("large_print_size", 18))
    return Layout(body_size=max(size, 18), leading=0.9, small=1.0)


PAPER_SIZES = {"a4": "a4", "a5": "a5", "letter": "us-letter", "us-letter": "us-letter", "a3": "a3"}


def paper_size(ctx: BuildContext) -> str:
    wanted = str((ctx.report.meta.get("print") or {}).get("paper", "a4")).lower()
    if wanted not in PAPER_SIZES:
        raise ReportError(f"paper size '{wanted}' is not one we print on", ctx.report.root / "report.yaml",
                          fix=f"use one of {', '.join(PAPER_SIZES)} under 'print: paper:'")
    return PAPER_SIZES[wanted]


def _cover(ctx: BuildContext, doc: dict | None) -> dict | None:
    """report.yaml's cover, with its natural size in points when the tree knows it (never enlarged)."""
    cover = ctx.report.cover
    sized = ((doc or {}).get("meta", {}).get("cover") or {}).get("c", {})
    if cover is None or "width" not in sized:
        return cover
    return {**cover, "width-pt": float(meta_text(sized["width"])) * 0.75,
            "height-pt": float(meta_text(sized["height"])) * 0.75}


def chapter_breaks(ctx: BuildContext) -> str:
    wanted = str((ctx.report.meta.get("print") or {}).get("chapter_breaks", "auto")).lower()
    if wanted not in CHAPTER_BREAKS:
        config = ctx.report.root / "report.yaml"
        line = next((number for number, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1)
                     if text.strip().startswith("chapter_breaks:")), None)
        raise ReportError(f"'print: chapter_breaks: {wanted}' is not a choice", config, line,
                          fix="use auto (a new page for a chapter that fills most of one), always or never")
    return wanted


def typst_meta(ctx: BuildContext, title: str, edition_note: str, layout: Layout, doc: dict | None = None) -> dict:
    """doc: the tree being set, whose metadata carries the cover's natural size (filters/image_sizes.py)."""
    meta = ctx.report.meta
    language, _, region = meta["lang"].partition("-")
    printing = meta.get("print") or {}
    date = str(meta.get("date") or "")  # load_report has made it '2026', '2026-06' or '2026-06-30'
    # Typst's datetime needs a day; a year or month alone is not padded to a day nobody chose:
    # the PDF's metadata then carries the build's date (the title page still prints the report's).
    parts = list(date_parts(date)) if date else []
    return {
        "title": title,
        "author": [meta["organisation"]] if meta.get("organisation") else [],
        "organisation": meta.get("organisation", ""),
        "subtitle": meta.get("subtitle", ""),
        "description": meta.get("description", ""),
        "keywords": [],
        "date": parts if len(parts) == 3 else None,
        "date-display": display_date(date),
        "language": language.lower(),
        "region": region.lower() if len(region) == 2 else None,
        "paper": layout.paper or paper_size(ctx),
        "margin-mm": layout.margin_mm or float(printing.get("margin_mm", 20)),
        "chapter-breaks": layout.chapter_breaks or chapter_breaks(ctx),
        "cover": _cover(ctx, doc),
        "brand": brand_for_typst(ctx.report.brand),
        "contents-depth": ctx.report.contents.depth + 1,  # the title is the level-1 heading
        "edition-note": edition_note,
        "fonts": list(FAMILIES),
        **layout.for_typst(),
    }


_memo_lock = threading.Lock()


def typst_source(ctx: BuildContext, doc: dict) -> bytes:
    """The Typst document for a tree: template + pandoc's body. The screen PDF, the large print and
    the EPUB's page map all use the same one, so it is made once per tree and build."""
    with _memo_lock:
        memo_key = ("typst-source", id(doc))
        if memo_key not in ctx.memo:
            body = pandoc_convert(ctx, doc, "typst", ["--shift-heading-level-by=1", "--wrap=preserve"])
            before, after = _template()
            ctx.memo[memo_key] = before + b"\n" + body + b"\n" + after
        return ctx.memo[memo_key]


def _template() -> tuple[bytes, bytes]:
    """The template's text before and after the body."""
    before, _, after = (TEMPLATES / "report.typ").read_bytes().partition(BODY_MARKER)
    return before, after.partition(b"\n")[2]  # after: the rest of the marker's comment line


def _body_lines(source: bytes) -> range:
    """The line numbers of pandoc's body in a Typst source made by typst_source."""
    before, after = _template()
    lines = source.count(b"\n") + 1
    return range(before.count(b"\n") + 2, lines - after.count(b"\n"))


def _typst_args(ctx: BuildContext, meta: dict) -> dict:
    fonts = typst_font_args()
    fonts["font_paths"] = fonts["font_paths"] + brand_font_folders(ctx.report.brand, ctx.report.root)
    return {"root": str(ctx.report.root.resolve()), "sys_inputs": {"meta": json.dumps(meta)}, **fonts}


def _build_date() -> dict:
    """The build's date (pipeline/reproducible.py) for a document dated `auto`: the same bytes
    every build. (typst.query takes no timestamp: the page map does not depend on it.)"""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return {"timestamp": int(epoch)} if epoch.isdigit() else {}


def _typst_failed(ctx: BuildContext, doc: dict, meta: dict, exc: Exception) -> ReportError:
    source = typst_source(ctx, doc)
    if not getattr(exc, "diagnostic", None):  # typst.query says what, but not where: compiling says both
        try:
            typst.compile(source, **_typst_args(ctx, meta))
        except typst.TypstError as located:
            exc = located
    return typst_failed(ctx.report, doc, source, _body_lines(source), exc)


def compile_pdf(ctx: BuildContext, doc: dict, meta: dict) -> bytes:
    try:
        return typst.compile(typst_source(ctx, doc), pdf_standards=PDF_STANDARDS, **_typst_args(ctx, meta),
                             **_build_date())
    except (typst.TypstError, RuntimeError) as exc:
        raise _typst_failed(ctx, doc, meta, exc) from exc


def page_starts(ctx: BuildContext, doc: dict, layout: Layout = SCREEN, edition_note: str = "") -> dict[int, int]:
    """Top-level block index → the page of the PDF (the screen PDF unless `layout` and
    `edition_note` say which other) on which that block starts.

    A Typst query lays the document out again (typst-py cannot query a
    compiled document given as bytes), so the result is kept for the build.
    """
    memo_key = ("page-starts", id(doc), layout, edition_note)
    if memo_key not in ctx.memo:
        meta = typst_meta(ctx, _title(ctx, doc), edition_note, layout, doc)
        try:
            found = typst.query(typst_source(ctx, doc), "<page-map>", field="value", one=True,
                                **_typst_args(ctx, meta))
        except (typst.TypstError, RuntimeError) as exc:
            raise _typst_failed(ctx, doc, meta, exc) from exc
        ctx.memo[memo_key] = {int(index): int(page) for index, page in json.loads(found)}
    return ctx.memo[memo_key]


def page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _title(ctx: BuildContext, doc: dict) -> str:
    return meta_text(doc["meta"].get("title")) or ctx.report.meta["title"]


def write_pdf(ctx: BuildContext, doc: dict, target: Path, edition_note: str = "",
              layout: Layout | None = None) -> Written:
    pdf = compile_pdf(ctx, doc, typst_meta(ctx, _title(ctx, doc), edition_note, layout or SCREEN, doc))
    atomic.write_bytes(target, pdf)
    return Written(target, pages=page_count(pdf))


def write_summary_pdf(ctx: BuildContext, doc: dict, target: Path, edition_note: str = "") -> Written:
    return write_pdf(ctx, doc, target, edition_note, SUMMARY)


def write_large_print(ctx: BuildContext, doc: dict, target: Path) -> Written:
    return write_pdf(ctx, doc, target, "Large print edition.", large_print(ctx.report.meta))


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page indices for each side of each sheet, front then back.

    `pages` is a multiple of 4. Folding the printed stack in half gives
    pages 1, 2, 3 … in order: the outer sheet's front carries the last and
    the first page.
    """
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 1 - 2 * sheet, 2 * sheet))
        sides.append((2 * sheet + 1, pages - 2 - 2 * sheet))
    return sides


def impose_booklet(a5: bytes, title: str, lang: str) -> bytes:
    """A5 pages two-up on A4 landscape, in saddle-stitch order, padded with blank pages."""
    source = pikepdf.open(io.BytesIO(a5))
    width, height = (float(v) for v in source.pages[0].mediabox[2:4])
    count = len(source.pages)
    padded = count + (-count % 4)
    booklet = pikepdf.new()
    for left, right in saddle_stitch_order(padded):
        sheet = booklet.add_blank_page(page_size=A4_LANDSCAPE)
        half = A4_LANDSCAPE[0] / 2
        for slot, index in enumerate((left, right)):
            if index < count:
                placed = booklet.copy_foreign(source.pages[index].as_form_xobject())
                name = sheet.add_resource(placed, pikepdf.Name.XObject, pikepdf.Name(f"/Page{slot}"))
                x = slot * half + (half - width) / 2  # centred in its half of the sheet
                y = (A4_LANDSCAPE[1] - height) / 2
                sheet.contents_add(booklet.make_stream(
                    f"q 1 0 0 1 {x:.3f} {y:.3f} cm {name} Do Q".encode()), prepend=False)
    booklet.Root.Lang = pikepdf.String(lang)
    with booklet.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:title"] = title
        xmp["dc:description"] = ("For printers, not screen readers: A5 pages imposed two-up on A4 landscape "
                                 "in saddle-stitch order. Print double-sided, flip on short edge, fold. "
                                 "The tagged, accessible version is summary.pdf.")
    booklet.docinfo["/Title"] = title
    out = io.BytesIO()
    booklet.save(out, deterministic_id=True)
    return out.getvalue()


def write_booklet(ctx: BuildContext, doc: dict, target: Path) -> Written:
    title = _title(ctx, doc)
    a5 = compile_pdf(ctx, doc, typst_meta(ctx, title, "Easy to read.", BOOKLET_PAGE, doc))
    pdf = impose_booklet(a5, f"{title} (booklet for printing)", ctx.report.meta["lang"])
    atomic.write_bytes(target, pdf)
    return Written(target, pages=page_count(pdf), detail={"a5_pages": page_count(a5)})

