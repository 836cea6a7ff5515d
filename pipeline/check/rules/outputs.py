"""The output rules: what pipeline/check/outputs/ looks for in report.html,
report.epub, the PDFs and report.brf, catalogued like the source rules so that
`python -m pipeline rules` and the SARIF output describe them too.

Every one is an error whose fix is in the pipeline, not the source: each hint
says how to narrow the cause down with `--skip`.
"""
from __future__ import annotations

from pipeline.check.rules import output_rule

REBUILD = "rebuild with `python -m pipeline build`"
BUG = "if it persists, report this as a bug in the pipeline (the source is fine)"

MISSING = output_rule(
    "output-missing", "An edition the build was asked for is absent or cannot be opened.",
    f"{REBUILD} (without --only, or with this edition in it); if the build said it wrote the file, "
    "report this as a bug", ("outputs",), impact="critical")
LANG = output_rule(
    "output-lang", "An edition lost the report's language: <html lang>, the EPUB's dc:language or a page's "
    "lang, the PDF's /Lang.",
    f"a writer lost the report's `lang` (report.yaml); {REBUILD}, and for the PDF compare with "
    f"`--skip typst-lang`; {BUG}", ("outputs", "language"),
    clauses=("WCAG 3.1.1", "ISO 14289-1 7.2"), impact="serious")
TITLE = output_rule(
    "output-title", "An edition lost the report's title: <title> or the page's h1, the EPUB's dc:title, "
    "the PDF's metadata title, /DisplayDocTitle, or the title as its first heading.",
    f"a writer or template lost the report title (report.yaml `title`); {REBUILD}; {BUG}",
    ("outputs", "document"), clauses=("WCAG 2.4.2", "ISO 14289-1 7.1"), impact="serious")
PDF_UNTAGGED = output_rule(
    "output-pdf-untagged", "A PDF is not tagged: /MarkInfo /Marked is not true, or it has no structure tree.",
    f"the PDF must be compiled as PDF/UA-1 (pdf_standards in pipeline/writers/pdf.py); {BUG}",
    ("outputs", "pdf"), clauses=("ISO 14289-1 7.1",), impact="critical")
ALT_LOST = output_rule(
    "output-alt-lost", "A described picture is missing from an edition, or its alt text changed on the way.",
    "a filter or writer lost the alt text: run `python -m pipeline build --skip figures` "
    f"(or `--skip typst-images` for the PDF) to see which stage is involved; {BUG}",
    ("outputs", "images"), clauses=("WCAG 1.1.1", "ISO 14289-1 7.3"), impact="critical")
DECORATIVE_EXPOSED = output_rule(
    "output-decorative-exposed", "A decorative picture is announced: it has alt text, sits in a <figure>, "
    "or is a /Figure in the PDF instead of an artifact.",
    'decorative images must have alt="" outside any <figure>, and be artifacts in the PDF: run '
    f"`python -m pipeline build --skip figures` (or `--skip typst-images`) to see which stage is involved; {BUG}",
    ("outputs", "images"), clauses=("WCAG 1.1.1", "ISO 14289-1 7.3"), impact="minor")
OUTLINE = output_rule(
    "output-outline", "An edition's headings (text, level, order), contents or bookmarks differ from the "
    "source's; in report.brf, a heading's words are missing.",
    "a filter or writer lost, renamed or re-levelled a heading: rebuild with `python -m pipeline build "
    f"--skip STAGE` for one filter stage at a time to see whether a filter is involved; {BUG}",
    ("outputs", "headings"), clauses=("WCAG 1.3.1", "WCAG 2.4.6", "ISO 14289-1 7.4.2"), impact="serious")
