"""The Braille editions (report.brf, summary.brf): Braille Ready Files in North
American ASCII braille, for braille displays and embossers.

The code follows the report's `lang`: English is Unified English Braille,
grade 2 (contracted) unless report.yaml says `braille: {grade: 1}`; another
language gets liblouis's standard literary table for it (pipeline/writers/
louis.py). A language liblouis has no table for, or a machine without
liblouis, gets a message and no Braille edition.

The file has a title page, a contents page with braille page numbers, then
the text (braille_blocks.py says how each kind of block is set, braille_pages.py
how lines and pages are filled), 40 cells by 25 lines unless `braille: {cells,
lines}` says otherwise, with a form feed between pages. The print page
numbers are those of the PDF of the same text (the page map the EPUB uses
too), so "page 12" at a meeting is page 12 in braille as well.
"""
from __future__ import annotations

from pathlib import Path

from filters import meta_text
from pipeline import atomic
from pipeline.diagnostics import ReportError
from pipeline import louis
from pipeline.writers import BuildContext, Written, display_date, not_made
from pipeline.writers.braille_blocks import NOTE, Text, layout_items
from pipeline.writers.braille_pages import Pager, Setup
from pipeline.writers.pdf import SCREEN, SUMMARY, Layout, page_starts

SETTINGS = {"cells": (40, range(20, 101)), "lines": (25, range(10, 101)), "grade": (2, (1, 2))}
CONTENTS = "Contents"
UEB_NOTE_MARKS = ("@.<", "@.>")  # UEB transcriber's note indicators (dots 4, 46, 126 and 4, 46, 345)


def settings(ctx: BuildContext) -> dict[str, int]:
    """report.yaml's `braille:` with its defaults, checked."""
    config = ctx.report.root / "report.yaml"
    given = ctx.report.meta.get("braille") or {}
    if not isinstance(given, dict):
        raise ReportError("'braille' should be settings such as 'grade: 2'", config,
                          fix="write e.g. 'braille:' and under it '  cells: 40', '  lines: 25', '  grade: 2'")
    unknown = sorted(set(given) - set(SETTINGS))
    if unknown:
        raise ReportError(f"unknown setting 'braille: {unknown[0]}'", config,
                          fix=f"the braille settings are {', '.join(SETTINGS)}")
    chosen = {}
    for key, (default, allowed) in SETTINGS.items():
        value = given.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            shown = f"{allowed[0]} to {allowed[-1]}" if isinstance(allowed, range) else " or ".join(map(str, allowed))
            raise ReportError(f"'braille: {key}: {value}' is not a setting we can make", config,
                              fix=f"use a whole number, {shown}, for '{key}' under 'braille:' (default {default})")
        chosen[key] = value
    return chosen


def code_name(table: str, grade: int) -> str:
    if table in louis.ENGLISH.values():
        return f"Unified English Braille, grade {grade} ({'contracted' if grade == 2 else 'uncontracted'})"
    return f"liblouis braille table {table}"


def _title_page(pager: Pager, meta: dict, about: str) -> None:
    title = meta_text(meta.get("title"))
    pager.add([Text(title, heading=1)])
    for line in (meta_text(meta.get("subtitle")), meta_text(meta.get("organisation")),
                 display_date(meta_text(meta.get("date")))):
        if line:
            pager.add([Text(line, heading=2)])
    pager.add([Text(about, *NOTE, note=True)])


class Codes:
    """The table for each language the text is in; a passage in a language liblouis has no
    table for is written in the report's code, and listed in `missing`."""

    def __init__(self, table: str, grade: int) -> None:
        self.table, self.grade = table, grade
        self.used: dict[str, str] = {}  # language tag -> table, other than the report's
        self.missing: list[str] = []

    def __call__(self, text: str, lang: str = "") -> str:
        return louis.translate(self.for_language(lang), text)

    def for_language(self, lang: str) -> str:
        if not lang:
            return self.table
        if lang not in self.used and lang not in self.missing:
            found = louis.table_for(lang, self.grade)
            if found is None:
                self.missing.append(lang)
            elif found != self.table:
                self.used[lang] = found
        return self.used.get(lang, self.table)

    def about(self) -> str:
        others = "; ".join(f"'{lang}' in {code_name(table, self.grade)}" for lang, table in self.used.items())
        return f" Passages in other languages: {others}." if others else ""


def render(ctx: BuildContext, doc: dict, codes: Codes, setup: Setup, starts: dict[int, int]) -> list[str]:
    """The pages of the BRF, each its lines ending in a newline."""
    braille = codes
    table, grade = codes.table, codes.grade
    marks = UEB_NOTE_MARKS if table in louis.ENGLISH.values() else (braille("["), braille("]"))
    body = Pager(setup, braille, lambda n: braille(str(n)), marks)
    body.add(layout_items(doc, starts))

    title = Pager(setup, braille, lambda n: "", marks)
    about = (f"Braille edition: {code_name(table, grade)}, {setup.cells} cells by {setup.lines} lines, "
             f"{len(body.pages)} braille pages of text. Print page numbers are at the top right of each page."
             + codes.about())
    _title_page(title, {**ctx.report.meta, **doc.get("meta", {})}, about)

    first_contents = len(title.pages) + 1
    contents = Pager(setup, braille, lambda n: braille(f"p{n + first_contents - 1}"), marks)
    contents.add([Text(CONTENTS, heading=1)])
    for heading, number in body.chapters:
        contents.entry(heading, number)
    return title.render() + contents.render() + body.render()


def _write(ctx: BuildContext, doc: dict, target: Path, layout: Layout, edition_note: str) -> Written:
    chosen = settings(ctx)
    lang = str(ctx.report.meta.get("lang", "en"))
    try:
        table = louis.table_for(lang, chosen["grade"])
    except louis.LouisUnavailable as error:
        table, reason = None, str(error)
    else:
        reason = f"liblouis has no braille table for the language '{lang}' (report.yaml 'lang')"
    if table is None:
        return not_made(target, f"no Braille edition: {reason}")
    codes = Codes(table, chosen["grade"])
    starts = page_starts(ctx, doc, layout, edition_note)
    pages = render(ctx, doc, codes, Setup(chosen["cells"], chosen["lines"]), starts)
    atomic.write_bytes(target, "\f".join(pages).encode("ascii"))
    warnings = [f"liblouis has no braille table for the language '{lang}' of a passage ({{lang={lang}}}): "
                f"it is written in {code_name(table, chosen['grade'])}" for lang in codes.missing]
    return Written(target, pages=len(pages), detail={"table": table, "liblouis": louis.version(),
                                                     **({"warnings": warnings} if warnings else {})})


def write_report_brf(ctx: BuildContext, doc: dict, target: Path) -> Written:
    return _write(ctx, doc, target, SCREEN, "")


def write_summary_brf(ctx: BuildContext, doc: dict, target: Path, edition_note: str = "") -> Written:
    return _write(ctx, doc, target, SUMMARY, edition_note)
