"""The tagged PDF/UA-1 edition, compiled in-process by Typst.

Pandoc writes the body as Typst markup (after the typst-images and typst-lang
filters have put back what its Typst writer drops: alt text and language);
our template (templates/report.typ) supplies the title page, metadata,
running heads and page numbers. Typst writes the structure tree (H1–H6, L/LI,
Table/TH, Figure with /Alt) and refuses images without alt text.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import typst
from fontpkg_atkinson_hyperlegible import ROOT as FONT_ROOT

from filters import meta_text
from pipeline import atomic
from pipeline.assets import cover
from pipeline.diagnostics import ReportError
from pipeline.writers import TEMPLATES, BuildContext, Written, display_date, pandoc_convert

FONT_DIR = FONT_ROOT / "files"

# Screen edition defaults; report.yaml's `print:` can override paper and margins.
SCREEN = {"body-size": 11, "leading": 0.8, "hyphenate": False, "contents": True}


def typst_meta(ctx: BuildContext, title: str, edition_note: str, layout: dict) -> dict:
    meta = ctx.report.meta
    language, _, region = meta["lang"].partition("-")
    printing = meta.get("print") or {}
    date = str(meta.get("date") or "")
    try:
        date_parts = [int(part) for part in date.split("-")][:3] if date else None
    except ValueError:
        date_parts = None
    return {
        "title": title,
        "author": [meta["organisation"]] if meta.get("organisation") else [],
        "organisation": meta.get("organisation", ""),
        "subtitle": meta.get("subtitle", ""),
        "description": meta.get("description", ""),
        "keywords": [],
        "date": date_parts if date_parts and len(date_parts) == 3 else None,
        "date-display": display_date(date),
        "language": language.lower(),
        "region": region.lower() if len(region) == 2 else None,
        "paper": str(printing.get("paper", "a4")).lower(),
        "margin-mm": float(printing.get("margin_mm", 20)),
        "cover": cover(ctx.report),
        "edition-note": edition_note,
        **layout,
    }


def compile_pdf(ctx: BuildContext, doc: dict, meta: dict) -> bytes:
    body = pandoc_convert(ctx, doc, "typst", ["--shift-heading-level-by=1", "--wrap=preserve"])
    main = (TEMPLATES / "report.typ").read_bytes() + b"\n" + body
    try:
        return typst.compile(
            main,
            root=str(ctx.report.root.resolve()),
            font_paths=[str(FONT_DIR)],
            sys_inputs={"meta": json.dumps(meta)},
            pdf_standards=["ua-1"],
        )
    except typst.TypstError as exc:
        raise ReportError(f"Typst could not make the PDF: {str(exc).strip().splitlines()[0]}",
                          ctx.report.root / "report.yaml",
                          fix="look for unusual characters or markup near the text Typst names") from exc


def page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def write_pdf(ctx: BuildContext, doc: dict, target: Path, edition_note: str = "") -> Written:
    title = meta_text(doc["meta"].get("title")) or ctx.report.meta["title"]
    pdf = compile_pdf(ctx, doc, typst_meta(ctx, title, edition_note, SCREEN))
    atomic.write_bytes(target, pdf)
    return Written(target, pages=page_count(pdf))
