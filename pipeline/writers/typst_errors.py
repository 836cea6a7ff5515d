"""A Typst error as a message about the source: the chapter file and line, and a fix for its cause.

Typst names a line of the document it was given (our template with pandoc's
body inside). A line in the body is mapped back to the chapter through the
nearest heading above it (pipeline/source_map.py). A line in the template is
the title page, made from report.yaml; an error there that report.yaml does
not explain is a bug in the pipeline.
"""
from __future__ import annotations

import re

from pipeline.diagnostics import ReportError
from pipeline.source import REPORT_FILE, Report, locate
from pipeline.source_map import place

# "error: MESSAGE" then "┌─ FILE:LINE:COLUMN" (typst-py's `diagnostic`, one block per error).
ERROR = re.compile(r"^error: (?P<message>.*)\n\s*┌─ [^\n]*?:(?P<line>\d+):(?P<column>\d+)", re.M)
LABEL = re.compile(r"^<([^>\s]+)>$")
# A message of Typst's → what to do about it, in the words of someone writing Markdown.
CAUSES = (
    (re.compile(r"label `<(?P<id>[^>]+)>` does not exist"),
     'a link points at "#{id}", but no heading or element has the id "{id}": correct the link, '
     "or add {{#{id}}} to the heading it means"),
    (re.compile(r"the text `\"(?P<text>.+?)\"` could not be displayed"),
     'no font of the PDF has "{text}": replace it or describe it in words'),
    (re.compile(r"missing alt text"),
     "describe the image in its [alt text], or mark it {{.decorative}} if it carries no information"),
    (re.compile(r"file not found|failed to (load|decode)|unknown image format"),
     "check the image's path and that the file opens in an image viewer"),
)
MARKUP = ("Typst could not read the markup here: look for raw Typst (```{=typst} blocks, "
          "`{=typst}` spans) or unusual characters in this part, and write it as plain Markdown")


def _heading_id(lines: list[str], index: int) -> str | None:
    """pandoc writes a heading as `== Title` with its id as `<id>` on the next line."""
    if lines[index].startswith("=") and index + 1 < len(lines):
        found = LABEL.match(lines[index + 1].strip())
        return found.group(1) if found else None
    return None


def _fix(message: str, otherwise: str = MARKUP) -> str:
    for pattern, fix in CAUSES:
        found = pattern.search(message)
        if found:
            return fix.format(**found.groupdict())
    return otherwise


def _yaml_line(report: Report, message: str) -> int | None:
    """The line of report.yaml with the character Typst could not print, if that is the error."""
    glyph = CAUSES[1][0].search(message)
    lines = (report.root / REPORT_FILE).read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines, 1) if glyph and glyph.group("text") in line), None)


def typst_failed(report: Report, doc: dict, source: bytes, body: range, exc: Exception) -> ReportError:
    """The ReportError for Typst's failure to compile `source`, whose lines in `body` came from `doc`."""
    diagnostic = getattr(exc, "diagnostic", "") or ""
    errors = list(ERROR.finditer(diagnostic))
    if not errors:
        first = (str(exc).strip().splitlines() or ["no message"])[0]
        glyph = CAUSES[1][0].search(first)
        file, line, column = locate(report, glyph.group("text")) if glyph else (None, None, None)
        return ReportError(f"Typst could not make the PDF: {first}", file or report.root / REPORT_FILE,
                           line, column, fix=_fix(first))
    found = errors[0]  # the others are mostly what it leads to: one unclosed bracket makes twenty
    message, number = found.group("message"), int(found.group("line"))
    if number not in body:
        return ReportError(f"Typst could not make the PDF's title page: {message}", report.root / REPORT_FILE,
                           _yaml_line(report, message),
                           fix=_fix(message, "check the cover image and the other values in report.yaml; if they "
                                             "are right, this is a bug in the pipeline: please report it with "
                                             "this message"))
    where = place(report, doc, source.decode("utf-8", "replace").splitlines(), number, _heading_id)
    return ReportError(f"Typst could not make the PDF{where.described()}: {message}", where.file, where.line,
                       fix=_fix(message))
