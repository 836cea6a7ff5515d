"""The editions a build makes: a table, not a chain of if-branches.

Each row says which file, from which tree (the whole report or its
plain-language summary), by which writer, and how the landing page describes
it. `--only GROUP[,GROUP]` picks rows by group, `--editions NAME[,NAME]` by name.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

EASY_READ_NOTE = "Easy to read: the main points of each chapter in plain words."
BRAILLE_LABEL = "Braille Ready File (BRF), for braille displays and embossers"


def lazy(module: str, function: str, **options) -> Callable:
    """A writer imported when it is first used: reading this table (for --help, or to see that
    nothing changed since the last build) must not load Typst, pikepdf and lxml."""
    def write(ctx, doc, target):
        return getattr(importlib.import_module(module), function)(ctx, doc, target, **options)
    return write


@dataclass(frozen=True)
class Edition:
    name: str
    group: str  # what --only selects
    output: str  # file name inside the output folder
    content: str  # "report" or "summary"
    write: Callable
    label: str  # format, as the landing page names it
    purpose: str  # who it is for, one sentence
    cacheable: bool = True  # one file whose bytes depend only on the tree and the source files


EDITIONS: tuple[Edition, ...] = (
    Edition("summary-html", "summary", "summary.html", "summary", lazy("pipeline.writers.html", "write_html", edition_note=EASY_READ_NOTE),
            "Easy read web page (HTML)", "The main points in plain words, for reading on a phone or with a screen reader."),
    Edition("summary-pdf", "summary", "summary.pdf", "summary",
            lazy("pipeline.writers.pdf", "write_summary_pdf", edition_note=EASY_READ_NOTE),
            "Easy read PDF (tagged)", "The main points in plain words, to print or read with a screen reader."),
    Edition("booklet", "summary", "summary-booklet.pdf", "summary", lazy("pipeline.writers.pdf", "write_booklet"),
            "Easy read booklet for printing (A5)",
            "For printers, not screen readers: print double-sided, flip on short edge, fold. "
            "Use the tagged easy read PDF to read on screen."),
    Edition("summary-txt", "summary", "summary.txt", "summary", lazy("pipeline.writers.text", "write_text"),
            "Easy read plain text", "The main points as plain text, to read aloud or paste into a message."),
    Edition("audio", "audio", "summary.mp3", "summary", lazy("pipeline.writers.audio", "write_audio"),
            "Easy read audio (MP3)", "The main points read aloud by a computer voice, with a marker for each "
            "chapter; the plain text is its transcript."),
    Edition("summary-brf", "braille", "summary.brf", "summary",
            lazy("pipeline.writers.braille", "write_summary_brf", edition_note=EASY_READ_NOTE), BRAILLE_LABEL,
            "The main points in plain words, in contracted braille with the print page numbers."),
    Edition("html", "html", "report.html", "report", lazy("pipeline.writers.html", "write_html"),
            "Web page (HTML)", "The full report on one page: works with screen readers, zoom and phones."),
    Edition("site", "html", "site/index.html", "report", lazy("pipeline.writers.site", "write_site"),
            "Web pages, one per chapter (HTML)",
            "The full report in short pages, one for each chapter, with links to the next and previous ones.",
            cacheable=False),
    Edition("epub", "epub", "report.epub", "report", lazy("pipeline.writers.epub", "write_epub"),
            "E-book (EPUB 3)", "The full report for reading apps; text can be resized and read aloud."),
    Edition("pdf", "pdf", "report.pdf", "report", lazy("pipeline.writers.pdf", "write_pdf"),
            "Tagged PDF (PDF/UA-1, PDF/A-2a)",
            "The full report to print, email or archive; tagged for screen readers."),
    Edition("large-print", "pdf", "report-large-print.pdf", "report", lazy("pipeline.writers.pdf", "write_large_print"),
            "Large print PDF (18 point, tagged)", "The full report in large print, to print or read on screen."),
    Edition("braille", "braille", "report.brf", "report", lazy("pipeline.writers.braille", "write_report_brf"),
            BRAILLE_LABEL, "The full report in contracted braille (Unified English Braille for English), "
            "40 cells by 25 lines, with a contents page and the print page numbers."),
)
GROUPS = tuple(dict.fromkeys(edition.group for edition in EDITIONS))
NAMES = tuple(edition.name for edition in EDITIONS)


def select(only=None, names=None) -> list[Edition]:
    """The editions named by group (--only) and/or by name (--editions); all when neither is given."""
    if only is None and names is None:
        return list(EDITIONS)
    return [e for e in EDITIONS if (only and e.group in only) or (names and e.name in names)]
