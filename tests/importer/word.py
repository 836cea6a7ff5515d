"""Word documents for the importer's tests, made with python-docx the way people make
them in Word: headings typed as bold or big paragraphs, a paragraph style that makes
text big and bold, pictures with Word's own junk alt text, a one-cell box, text boxes,
typed numbering. What python-docx cannot make (footnotes, text boxes, the decorative
flag, tracked changes, Word's saved page layout) is added as the XML Word writes."""
from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Inches, Pt
from PIL import Image

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DECORATIVE_EXT = ('<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                  '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
                  '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
                  '</a:ext></a:extLst>')
AUTOMATIC_ALT = "A group of people standing in a field\n\nDescription automatically generated"


def picture(colour: str, size=(320, 200)) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", size, colour).save(data, "PNG")
    data.seek(0)
    return data


def add_picture(paragraph, colour: str, alt: str | None = None, decorative: bool = False, size=(320, 200)):
    run = paragraph.add_run()
    inline = run.add_picture(picture(colour, size), width=Inches(2))
    properties = inline._inline.docPr
    if alt is not None:
        properties.set("descr", alt)
    if decorative:
        properties.append(parse_xml(DECORATIVE_EXT))
    return run


def add_footnotes(document, notes: list[str]) -> None:
    """A footnotes part with the two separators Word always writes and one footnote per text."""
    body = "".join(f'<w:footnote w:id="{n}"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote>'
                   for n, text in enumerate(notes, 1))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W_NS}>'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
           f"</w:footnote>{body}</w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def footnote_reference(paragraph, number: int) -> None:
    paragraph._p.append(parse_xml(f'<w:r {W_NS}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  f'<w:footnoteReference w:id="{number}"/></w:r>'))


def text_box(paragraph, lines: list[str]) -> None:
    """A text box as Word 2010+ saves it: the shape for new Word, and a VML copy for old readers."""
    inner = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    paragraph._p.append(parse_xml(
        f'<w:r {W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" '
        'distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1828800" cy="914400"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="90" name="Text Box 90"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr/><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape '
        f'style="width:144pt;height:72pt"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox>'
        "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"))


def rendered_page_break(paragraph) -> None:
    """Where Word's last layout started a new page, as Word records it when it saves."""
    paragraph._p.insert(1, parse_xml(f"<w:r {W_NS}><w:lastRenderedPageBreak/></w:r>"))


def tracked_insertion(paragraph, words: str) -> None:
    paragraph._p.append(parse_xml(f'<w:ins {W_NS} w:id="7" w:author="Sam Patel" w:date="2026-03-01T10:00:00Z">'
                                  f"<w:r><w:t xml:space=\"preserve\"> {words}</w:t></w:r></w:ins>"))


def header_row_option(table, on: bool) -> None:
    look = table._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLook")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    look.set(f"{w}firstRow", "1" if on else "0")
    look.set(f"{w}val", "04A0" if on else "0480")


def repeat_as_header_row(row) -> None:
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W_NS}/>"))


def fill(table, rows: list[list[str]]) -> None:
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value


def annual_report(path: Path) -> Path:
    """A community report typed in Word by someone who never used heading styles."""
    document = docx.Document()
    document.core_properties.title = "Hollins Community Garden Annual Report 2025"
    document.core_properties.comments = ""
    document.core_properties.language = "en-GB"
    big_bold = document.styles.add_style("Section title", WD_STYLE_TYPE.PARAGRAPH)
    big_bold.base_style = document.styles["Normal"]
    big_bold.font.bold, big_bold.font.size = True, Pt(18)

    document.add_paragraph("This report covers April 2025 to March 2026. It was written by the garden's volunteers "
                           "for everyone who lives near Hollins Park.")
    document.add_paragraph("")
    document.add_paragraph("A year of growing", style="Section title")           # paragraph 3: fake, by its style
    document.add_paragraph("We opened two new raised beds and ran twelve open days.")
    p = document.add_paragraph()
    p.add_run("Who came").bold = True                                               # paragraph 5: fake, bold
    document.add_paragraph("About 400 people visited the garden on open days.")
    p = document.add_paragraph()
    add_picture(p, "green", alt="Children planting seedlings in a raised bed")
    p = document.add_paragraph()
    add_picture(p, "grey", alt=AUTOMATIC_ALT)
    p = document.add_paragraph()
    add_picture(p, "olive", alt="IMG_2043.JPG")
    p = document.add_paragraph()
    add_picture(p, "navy")
    p = document.add_paragraph()
    add_picture(p, "white", decorative=True, size=(600, 20))
    document.add_paragraph("")
    p = document.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    rendered_page_break(document.add_paragraph())
    big = document.add_paragraph()
    run = big.add_run("Money")
    run.font.size = Pt(18)                                                          # fake, by its size
    p = document.add_paragraph("Our income came from grants and plant sales.")
    footnote_reference(p, 1)
    table = document.add_table(rows=3, cols=2)
    fill(table, [["Source", "Amount (£)"], ["Grants", "3,200"], ["Plant sales", "850"]])
    box = document.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "Every pound we raise stays in the garden."
    p = document.add_paragraph("Spending is set out below.")
    text_box(p, ["Did you know?", "Compost from the garden saved us £200 this year."])
    p = document.add_paragraph()
    p.add_run("What we will do next").bold = True
    for line in ("1. Build a shed for tools", "a) ask the council for a site", "b) raise £1,500",
                 "2. Start a seed library"):
        document.add_paragraph(line)
    document.add_paragraph("")
    p = document.add_paragraph()
    p.add_run("Glossary").bold = True
    document.add_paragraph("Raised bed: a planting box built above the ground")
    document.add_paragraph("Seed library: a place to borrow seeds and return new ones after harvest")
    add_footnotes(document, ["Figures are rounded to the nearest £50."])
    document.save(path)
    return path


def with_comment(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "Comment test"
    document.add_heading("Our plans", 1)
    p = document.add_paragraph("We will open on Saturdays from May.")
    document.add_comment(p.runs, text="Check this date with Priya", author="Jo Smith")
    document.save(path)
    return path


def with_tracked_change(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Our plans", 1)
    tracked_insertion(document.add_paragraph("We will open on Saturdays"), "and Sundays")
    document.save(path)
    return path


def tables_only(path: Path) -> Path:
    """Three data tables: one Word marks with "Repeat as header row" only, one without any header row,
    one whose "Header Row" option is on but whose first row is data."""
    document = docx.Document()
    document.core_properties.title = "Tables"
    document.add_heading("Visitors", 1)
    repeat = document.add_table(rows=3, cols=2)
    fill(repeat, [["Month", "Visitors"], ["May", "120"], ["June", "180"]])
    header_row_option(repeat, False)
    repeat_as_header_row(repeat.rows[0])
    document.add_paragraph("Between the tables.")
    plain = document.add_table(rows=2, cols=2)
    fill(plain, [["May", "120"], ["June", "180"]])
    header_row_option(plain, False)
    document.add_paragraph("And another.")
    numbers = document.add_table(rows=2, cols=3)
    fill(numbers, [["12", "40", "7"], ["15", "38", "9"]])
    document.save(path)
    return path
