"""Output rules: read the built report.html, report.epub and report.pdf and
check that nothing the source said was lost on the way.

The source rules check what the author wrote; these check what the writers
made of it. A filter that stops running, a pandoc or Typst upgrade that drops
alt text, a template that forgets `lang` — each leaves a valid-looking file
that a screen-reader user can no longer use, and none of them shows up in the
Markdown. So the caller says what the source promised (`Expected`: title,
language, heading outline, images with their alt text, cover alt) and each
edition is compared against it:

    output-missing             report.html / .epub / .pdf absent or unreadable
    output-lang                <html lang>, EPUB dc:language + each XHTML's lang, PDF /Lang
    output-title               <title> and the page <h1>, EPUB dc:title, PDF XMP/docinfo
                               title, /DisplayDocTitle, and the title as the first /H1
    output-pdf-untagged        /MarkInfo /Marked not true, or no structure tree
    output-alt-lost            a described image missing, or its alt text changed
    output-decorative-exposed  a decorative image announced (alt, <figure>, /Figure)
    output-outline             headings (text, level, order) differ from the source
                               (report.brf: a heading's words are missing when read back)

Where each edition keeps things:

* HTML: one page; the report title is the `<h1>` outside `<main>`, chapters
  are shifted down one level (`<h2>` in `<main>` is a chapter). Images are
  matched to the source by their `src`, which the build keeps as written.
* EPUB: pandoc renames images (`media/file0.png`), so the `<img>` elements of
  the content documents, in spine order, are paired with the source images
  in reading order. The cover page, title page and nav document are not
  content; the nav's table of contents (to depth 3) and the content headings
  (unshifted, `<h1>` = chapter) are both compared with the outline.
* PDF: the structure tree is walked with pikepdf (role names resolved through
  /RoleMap). /Figure elements in tree order carry /Alt (the cover first when
  there is one); decorative images must be artifacts, so they have no
  /Figure. Headings are /H1–/H6: the first /H1 is the report title, the
  heading directly followed by the /TOC is "Contents"; the rest are the
  outline shifted by one (/H2 = chapter). The bookmarks are compared too,
  to depth 3.

  Heading text in the PDF is, in this order: the element's /ActualText (what
  assistive technology reads instead of the content), its /T (Typst writes
  the heading's plain text there), or else the text of its marked content:
  the MCIDs under its /K, read on their /Pg page by PDFium (pdf_text.py),
  which decodes fonts as a viewer does. That last path is a fallback for
  PDFs without /T; on the sample, the medium and the large benchmark
  reports it equals /T for every heading (bench/pdf_text.py).

Texts (titles, alt text, headings) are compared after NFC normalisation and
whitespace collapsing, with typographic quotes folded to straight ones:
Typst draws "Men’s" but writes "Men's" into /T and the bookmarks. Anything
else — a changed word, a lost heading, a level off by one — is a finding.

Every finding is an error: the source was right, so the fix is in the
pipeline, and the hint says how to narrow it down with `--skip`.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable

import pikepdf
from lxml import etree

from pipeline.check.expected import Expected, expected_from_source
from pipeline.check.outputs.braille import check_braille
from pipeline.check.outputs.compare import finding
from pipeline.check.outputs.epub import check_epub
from pipeline.check.outputs.html import check_html
from pipeline.check.outputs.pdf import check_pdf
from pipeline.diagnostics import Diagnostic


FILES = {"html": "report.html", "epub": "report.epub", "pdf": "report.pdf",
         "large-print": "report-large-print.pdf", "braille": "report.brf"}


def check_outputs(out: Path, expected: Expected,
                  formats: tuple[str, ...] = ("html", "epub", "pdf")) -> list[Diagnostic]:
    """Findings for each of the given editions in `out`; [] when nothing was lost."""
    found: list[Diagnostic] = []
    for fmt in formats:
        if fmt not in FILES:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FILES)}")
        path = Path(out) / FILES[fmt]
        if not path.is_file():
            found.append(finding(path, "output-missing", f"{FILES[fmt]} was not built"))
            continue
        try:
            found += CHECKS[fmt](path, expected)
        except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, etree.ParserError,
                pikepdf.PdfError) as exc:
            # A file the checks cannot open is as good as absent for a reader.
            found.append(finding(path, "output-missing", f"{FILES[fmt]} cannot be read: {exc}"))
    return found


CHECKS: dict[str, Callable[[Path, Expected], list[Diagnostic]]] = {
    "html": check_html,
    "epub": check_epub,
    "pdf": check_pdf,
    "large-print": check_pdf,
    "braille": check_braille,
}


def check_built(source: Path, out: Path) -> list[Diagnostic]:
    """`python -m pipeline check SOURCE --outputs OUT`: the built editions against a fresh read of the source."""
    return check_outputs(out, expected_from_source(source))
