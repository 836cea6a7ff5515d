"""The PDF check's fallback for a heading without /ActualText or /T: the text of
its marked content, read the way other PDF makers draw headings, not only as
Typst does (Typst writes /T, so the sample never needs this)."""
from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from pipeline.check.outputs.pdf_text import MarkedText

# How an office suite, LaTeX or a print driver might draw four headings, one marked-content id each.
HEADINGS = {
    # A standard font with WinAnsi bytes and no /ToUnicode: 0x96 is an en dash, 0x93/0x94 curly quotes.
    0: (b"BT /F1 18 Tf 72 720 Td (Caf\\351 \\226 \\223Our year\\224) Tj ET", "Café – “Our year”"),
    # Drawn by a form XObject inside the marked content: the form's text belongs to the heading.
    1: (b"/Fm1 Do", "Money we raised"),
    # Word gaps made by TJ kerning, with no space characters.
    2: (b"BT /F1 18 Tf 72 640 Td [(Grants)-333(we)-333(gave)] TJ ET", "Grants we gave"),
    # A heading wrapped onto two lines, each its own text object.
    3: (b"BT /F1 18 Tf 72 600 Td (Plans for the) Tj ET BT /F1 18 Tf 72 578 Td (year ahead) Tj ET",
        "Plans for the year ahead"),
}


def messy_pdf(path: Path) -> Path:
    pdf = pikepdf.new()
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    form = pikepdf.Stream(pdf, b"BT /F1 18 Tf 72 680 Td (Money we raised) Tj ET", Type=Name.XObject,
                          Subtype=Name.Form, BBox=Array([0, 0, 612, 792]),
                          Resources=Dictionary(Font=Dictionary(F1=font)))
    page_number = b"/Artifact BMC BT /F1 10 Tf 300 40 Td (7) Tj ET EMC"  # belongs to no heading
    marked = [b"/H1 <</MCID %d>> BDC %s EMC" % (mcid, draw) for mcid, (draw, _) in HEADINGS.items()]
    pdf.pages.append(pikepdf.Page(Dictionary(
        Type=Name.Page, MediaBox=Array([0, 0, 612, 792]),
        Resources=Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Fm1=form)),
        Contents=pikepdf.Stream(pdf, b"\n".join([page_number, *marked])))))
    pdf.save(path)
    return path


def test_heading_text_as_other_pdf_makers_draw_it(tmp_path):
    with MarkedText(messy_pdf(tmp_path / "office.pdf")) as text:
        read = {mcid: " ".join(text.text(0, mcid).split()) for mcid in HEADINGS}
    assert read == {mcid: wanted for mcid, (_, wanted) in HEADINGS.items()}


def test_a_pdf_is_only_opened_when_a_heading_needs_its_text(tmp_path):
    with MarkedText(tmp_path / "never-written.pdf"):
        pass  # no error: nothing asked for text, so the missing file was never opened


def test_a_pdf_pdfium_cannot_read_is_an_os_error_the_output_check_reports(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\nnot a PDF after all\n")
    with MarkedText(damaged) as text:
        with pytest.raises(OSError, match="PDFium cannot read page 1"):
            text.text(0, 0)
