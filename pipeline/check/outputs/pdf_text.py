"""The text of a tagged PDF's marked content, by page and MCID, read with
PDFium (pypdfium2): the fallback for a heading with neither /ActualText nor /T.

PDFium decodes the text as a PDF viewer does (ToUnicode CMaps, simple-font
encodings, ligatures, text inside form XObjects). A marked-content sequence
drawn as several text objects, one per line of a wrapped heading, is joined
with a space where an object's baseline lies outside the height of the one
before it: a new line (a superscript stays on its line). Chosen over a
hand-written pikepdf extractor and pdfminer.six by bench/pdf_text.py (numbers
in bench/results.md).
"""
from __future__ import annotations

import ctypes
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


class _Place(NamedTuple):
    baseline: float
    bottom: float
    top: float


# Text inside form XObjects is read down to this depth (a malformed PDF can nest them without end).
FORM_DEPTH = 15


class MarkedText:
    """Opens the PDF on first use: a PDF whose headings all have /T never needs its text."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._document: pdfium.PdfDocument | None = None
        self._pages: dict[int, dict[int, str]] = {}

    def text(self, page_index: int, mcid: int) -> str:
        if page_index not in self._pages:
            try:
                if self._document is None:
                    self._document = pdfium.PdfDocument(self._path)
                self._pages[page_index] = _page_marked_text(self._document[page_index])
            except pdfium.PdfiumError as exc:  # the output check reports an unreadable file as such
                raise OSError(f"PDFium cannot read page {page_index + 1}: {exc}") from exc
        return self._pages[page_index].get(mcid, "")

    def close(self) -> None:
        if self._document is not None:
            self._document.close()

    def __enter__(self) -> MarkedText:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def _page_marked_text(page: pdfium.PdfPage) -> dict[int, str]:
    textpage = page.get_textpage()
    pieces: dict[int, list[tuple[_Place, str]]] = {}
    try:
        for mcid, obj in _marked_text_objects(page):
            _left, bottom, _right, top = obj.get_bounds()
            # The text object's matrix starts at its first glyph's origin, on the baseline.
            place = _Place(obj.get_matrix().f, bottom, top)
            pieces.setdefault(mcid, []).append((place, _object_text(obj, textpage)))
    finally:
        textpage.close()
        page.close()
    return {mcid: _join_lines(parts) for mcid, parts in pieces.items()}


def _marked_text_objects(page: pdfium.PdfPage, form=None, owner: int = -1, depth: int = 0):
    """(MCID, text object) in drawing order. A form XObject drawn inside a marked-content sequence
    belongs to it as a whole, so its text takes the sequence's MCID (PDFium marks only the form)."""
    for obj in page.get_objects(max_depth=0, form=form, level=depth):
        # -1 for text outside any MCID, artifacts (page numbers, running heads) included.
        mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
        mcid = owner if mcid < 0 else mcid
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM and depth < FORM_DEPTH:
            yield from _marked_text_objects(page, obj, mcid, depth + 1)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT and mcid >= 0:
            yield mcid, obj


def _object_text(obj, textpage) -> str:
    size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)  # in bytes, with the final NUL
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)),
                                 size)
    return buffer.raw[:max(size - 2, 0)].decode("utf-16-le", errors="replace")


def _join_lines(parts: list[tuple[_Place, str]]) -> str:
    text, last = "", None
    for place, piece in parts:
        new_line = last is not None and not last.bottom <= place.baseline <= last.top
        if new_line and text and not text[-1].isspace():
            text += " "
        text += piece
        last = place
    return text
