"""An XHTML file of the EPUB that lxml cannot read, as a message about the source.

pandoc copies raw HTML from the Markdown into the EPUB's XHTML as it was
written, so XHTML that is not well-formed almost always comes from a piece of
raw HTML in the source. lxml names a line of one XHTML file; the nearest
section above it names the chapter and the line (pipeline/source_map.py).
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from pipeline.diagnostics import ReportError
from pipeline.epub_book import PARSER, read_entries
from pipeline.source import REPORT_FILE, Report
from pipeline.source_map import place

GENERATED_LINE = re.compile(r",? line \d+(, column \d+)?")  # lines of the XHTML, which the reader never sees
SECTION_ID = re.compile(r'<(?:section|h[1-6])\b[^>]*\bid="([^"]+)"')
FIX = ("the raw HTML here is not well-formed: close every element (<p>…</p>), write empty ones as <br/> "
       "and <img …/>, quote every attribute value, and write & as &amp; — or write it in Markdown")


def _section_id(lines: list[str], index: int) -> str | None:
    found = SECTION_ID.search(lines[index])
    return found.group(1) if found else None


def xhtml_failed(report: Report, doc: dict, epub: Path, exc: etree.XMLSyntaxError) -> ReportError:
    """The ReportError for the first XHTML file in the EPUB at `epub` that lxml cannot read."""
    for name, data in read_entries(epub).items():
        if not name.endswith(".xhtml"):
            continue
        try:
            etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError as error:
            where = place(report, doc, data.decode("utf-8", "replace").splitlines(), error.lineno or 1,
                          _section_id)
            return ReportError(f"the EPUB's XHTML is not well-formed{where.described()}: "
                               f"{GENERATED_LINE.sub('', error.msg)}",
                               where.file, where.line, fix=FIX)
    return ReportError(f"the EPUB could not be finished: {exc}", report.root / REPORT_FILE,
                       fix="this is a bug in the pipeline: please report it with this message")
