"""The tagged PDFs (report.pdf, report-large-print.pdf): language, title,
tagging, /Figure alt texts, heading tags and bookmarks. Messages name the
file that was checked."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pikepdf

from pipeline.check.expected import Expected
from pipeline.check.outputs.compare import (TOC_DEPTH, Outline, alts_in_order, describe, described, finding, norm,
                                            outline_finding, quote, same_heading, same_lang, same_text)
from pipeline.check.outputs.pdf_structure import PdfStructure, read_structure
from pipeline.check.outputs.pdf_text import MarkedText
from pipeline.diagnostics import Diagnostic


def check_pdf(path: Path, expected: Expected) -> list[Diagnostic]:
    with pikepdf.open(path) as pdf, MarkedText(path) as text:
        found = _pdf_lang(path, pdf, expected) + _pdf_title(path, pdf, expected)
        marked = pdf.Root.get("/MarkInfo", {}).get("/Marked")
        if marked is not True:
            found.append(finding(path, "output-pdf-untagged",
                                  f"/MarkInfo /Marked is {marked!r}, not true: readers may ignore the tags"))
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            found.append(finding(path, "output-pdf-untagged",
                                  f"{path.name} has no structure tree: no headings, figures or alt text"))
        else:
            structure = read_structure(pdf, tree, text)
            found += _pdf_title_heading(path, structure, expected)
            found += _pdf_images(path, structure, expected)
            found += _pdf_outline(path, structure, expected)
        found += _pdf_bookmarks(path, pdf, expected)
    return found


def _pdf_lang(path: Path, pdf: pikepdf.Pdf, expected: Expected) -> list[Diagnostic]:
    lang = pdf.Root.get("/Lang")
    lang = None if lang is None else str(lang)
    if same_lang(lang, expected.lang):
        return []
    return [finding(path, "output-lang", f'the document /Lang should be "{expected.lang}" but is {quote(lang)}')]


def _pdf_title(path: Path, pdf: pikepdf.Pdf, expected: Expected) -> list[Diagnostic]:
    found = []
    # Read-only: update_docinfo=False so reading the XMP does not rewrite the docinfo.
    xmp = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False).get("dc:title")
    if not same_text(xmp, expected.title):
        found.append(finding(path, "output-title",
                              f'the XMP dc:title should be "{expected.title}" but is {quote(xmp)}'))
    info = pdf.docinfo.get("/Title") if "/Info" in pdf.trailer else None
    info = None if info is None else str(info)
    if not same_text(info, expected.title):
        found.append(finding(path, "output-title", f'the document info /Title should be "{expected.title}" '
                                                    f"but is {quote(info)}"))
    display = pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")
    if display is not True:
        found.append(finding(path, "output-title", f"/ViewerPreferences /DisplayDocTitle is {display!r}, not true: "
                                                    "viewers will show the file name instead of the title"))
    return found


def _pdf_title_heading(path: Path, structure: PdfStructure, expected: Expected) -> list[Diagnostic]:
    first = structure.headings[0] if structure.headings else None
    if same_heading(first, (1, expected.title)):
        return []
    return [finding(path, "output-title", f'the first heading should be the /H1 "{expected.title}" '
                                           f"(the title page) but is {describe(first)}")]


def _chapter_headings(structure: PdfStructure) -> Outline:
    """The outline part of the headings: after the title /H1, shifted so /H2 is level 1."""
    headings = structure.headings
    if headings and headings[0][0] == 1:
        headings = headings[1:]
    return [(level - 1, text) for level, text in headings]


def _pdf_images(path: Path, structure: PdfStructure, expected: Expected) -> list[Diagnostic]:
    # The template puts the brand's logo and the cover on the title page, before the first chapter.
    wanted = [alt for alt in (expected.logo_alt, expected.cover_alt) if alt] + [i.alt for i in described(expected)]
    alts = structure.figure_alts
    found = alts_in_order(path, f"the /Figure elements of {path.name}", wanted, alts)
    if len(alts) > len(wanted):
        decorative = sum(image.decorative for image in expected.images)
        found.append(finding(path, "output-decorative-exposed",
                              f"{path.name} has {len(alts)} /Figure elements but the source has {len(wanted)} "
                              f"described images{' with the cover' if expected.cover_alt else ''} "
                              f"({decorative} decorative, which must be artifacts)"))
    return found


def _pdf_outline(path: Path, structure: PdfStructure, expected: Expected) -> list[Diagnostic]:
    return outline_finding(path, f"the heading tags (/H2 = chapter) of {path.name}", expected.outline,
                            _chapter_headings(structure))


def _bookmarks(items: Iterable, depth: int = 1) -> Outline:
    entries: Outline = []
    for item in items:
        if depth <= TOC_DEPTH:
            entries.append((depth, norm(item.title)))
            entries += _bookmarks(item.children, depth + 1)
    return entries


def _pdf_bookmarks(path: Path, pdf: pikepdf.Pdf, expected: Expected) -> list[Diagnostic]:
    wanted = [(level, text) for level, text in expected.outline if level <= TOC_DEPTH]
    # Outline is only read here and the Pdf is never saved, so opening it cannot change the file.
    found = _bookmarks(pdf.open_outline().root)
    return outline_finding(path, f"the bookmarks of {path.name}", wanted, found)
