"""Raw HTML pasted into a chapter is content: filters/raw_html.py turns it into
the tree's own images, headings, tables, lists and links, for the build and
(with line:column) for the validator, and every edition stays well-formed.

The chapters below imitate what people paste: a WordPress block (`<p style>`,
`<br />`, `<strong>`), a GitHub README (`<div align="center">`, `<img width>`),
an HTML table with `<th>` and `<br>` in cells, raw `<h2>`/`<h4>`, a `<style>`
block and an HTML comment at a line end.
"""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pikepdf
import pytest

from filters import raw_html, stringify, walk
from pipeline.check import check_file
from pipeline.stages import run_common
from tests.conftest import TINY, run_pipeline, struct_elements
from tests.filters.pandoc_helpers import ast, to_html

WORDPRESS = """<p style="margin:0 0 1em; font-family: Calibri">Thanks to everyone who came,<br />
and <strong>especially</strong> the kitchen team.</p>
"""

README = """<div align="center">
<img src="images/raw-only.png" width="300" alt="Volunteers clearing the riverbank">
</div>
"""

HTML_TABLE = """<table>
<tr><th>Theme</th><th>Amount<br>(£)</th></tr>
<tr><td>Food &amp; drink</td><td>1,200</td></tr>
</table>
"""


def nodes(blocks: list, kind: str) -> list:
    found = []
    walk(blocks, lambda k, v, f, m: found.append({"t": k, "c": v}) if k == kind else None)
    return found


def raw_left(blocks: list) -> list:
    return [n for t in ("RawBlock", "RawInline") for n in nodes(blocks, t) if n["c"][0] == "html"]


def converted(markdown: str) -> list:
    """markdown read as a chapter is: the reader (pipeline/parse.py) runs filters/raw_html.py."""
    return ast(markdown)["blocks"]


def findings(tmp_path: Path, markdown: str) -> list[str]:
    path = tmp_path / "chapter.md"
    path.write_text(markdown, encoding="utf-8")
    return [f"{d.rule} {d.line}:{d.column}" for d in check_file(path)]


# ---------------------------------------------------------------- what each shape becomes

def test_wordpress_paragraph_becomes_a_paragraph_with_a_line_break_and_strong_text():
    blocks = converted(WORDPRESS)
    assert not raw_left(blocks)
    assert [b["t"] for b in blocks] == ["Para"]
    assert nodes(blocks, "LineBreak") and stringify(nodes(blocks, "Strong")) == "especially"
    assert "style" not in str(blocks)  # presentation from the paste does not reach the editions


def test_readme_image_becomes_an_image_with_its_alt_and_width():
    blocks = converted(README)
    [image] = nodes(blocks, "Image")
    attr, alt, (src, _title) = image["c"]
    assert (src, stringify(alt), dict(attr[2]).get("width")) == ("images/raw-only.png",
                                                                  "Volunteers clearing the riverbank", "300")
    assert not raw_left(blocks)


def test_img_with_empty_alt_is_decorative_and_img_without_alt_has_no_alt():
    blocks = converted('<img src="a.png" alt="">\n\n<img src="b.png">\n')
    decorative, plain = nodes(blocks, "Image")
    assert "decorative" in decorative["c"][0][1]
    assert "decorative" not in plain["c"][0][1] and plain["c"][1] == []


def test_html_table_becomes_a_table_with_a_header_row_and_a_line_break_in_a_cell():
    blocks = converted(HTML_TABLE)
    [table] = nodes(blocks, "Table")
    head = table["c"][3][1]
    assert [stringify(cell[4]) for cell in head[0][1]] == ["Theme", "Amount (£)"]
    assert nodes(blocks, "LineBreak") and not raw_left(blocks)


def test_lone_tags_keep_the_markdown_between_them():
    """Pandoc's Markdown reader splits `<a href>`, `*text*`, `</a>`: the link gets its emphasis back."""
    blocks = converted('Visit <a href="https://example.org/">our *new* site</a> and H<sub>2</sub>O.\n')
    [link] = nodes(blocks, "Link")
    assert link["c"][2][0] == "https://example.org/"
    assert stringify(link) == "our new site" and nodes(link["c"][1], "Emph")
    assert stringify(nodes(blocks, "Subscript")) == "2"


def test_headings_lists_and_paragraphs_become_the_trees_own():
    blocks = converted("<h2>Where the money went</h2>\n\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
    [heading] = nodes(blocks, "Header")
    assert (heading["c"][0], heading["c"][1][0], stringify(heading)) == (2, "where-the-money-went",
                                                                        "Where the money went")
    assert len(nodes(blocks, "BulletList")[0]["c"]) == 2


def test_unclosed_and_stray_tags_are_dropped_and_their_text_stays():
    blocks = converted('Text </span> then <a href="https://x.example">never closed\n\n<b>also open\n\n</div>\n')
    assert [stringify(b) for b in blocks] == ["Text then never closed", "also open"]
    assert not nodes(blocks, "Link") and not raw_left(blocks)


def test_style_script_comments_and_inline_svg_leave_nothing_raw():
    blocks = converted("<style>\n.wp-block { color: red }\n</style>\n\nA line <!-- TODO check -->\n\n"
                       "<script>alert(1)</script>\n\n<svg width=\"9\"><circle r=\"3\"/></svg> icon\n")
    assert stringify(blocks) == "A line icon"
    assert not raw_left(blocks) and not nodes(blocks, "Image")


def test_event_handlers_and_pasted_colours_do_not_reach_the_html():
    """`color:red` fails the contrast the report's stylesheet keeps (axe and Ace said so)."""
    doc = run_common(ast('<p onclick="steal()">Hi <a href="#x" onmouseover="x()">there</a></p>\n\n'
                         '<span style="color:red">Red *text*</span>\n'))
    html = to_html(doc)
    assert not [a for e in html.iter() for a in e.attrib if a.startswith("on") or a == "style"]
    assert " ".join(html.xpath("string(.)").split()) == "Hi there Red text"


def test_wordpress_noise_goes_and_headings_stay_one_line_of_text():
    """Empty paragraphs and headings show nothing (the PDF refuses an empty heading); a heading
    is one line of text in the contents and bookmarks; a heading in a table cell is a label."""
    blocks = converted("<p>&nbsp;</p>\n\n<h2></h2>\n\n<h2>Our year<br>in numbers</h2>\n\n"
                       '<h3><img src="logo.png" alt="Riverside Trust"></h3>\n\n'
                       "<table><tr><th>Area</th></tr><tr><td><h4>North</h4></td></tr></table>\n")
    headings = [(h["c"][0], stringify(h)) for h in nodes(blocks, "Header")]
    assert headings == [(2, "Our year in numbers"), (3, "Riverside Trust")]
    assert not nodes(blocks, "LineBreak") and not nodes(blocks, "Image")
    assert stringify(nodes(blocks, "Table")[0]["c"][4]) == "North" and nodes(blocks, "Strong")


def test_all_fragments_of_a_document_go_to_one_pandoc_run(monkeypatch):
    calls = []
    real = raw_html._html_to_json.__wrapped__
    monkeypatch.setattr(raw_html, "_html_to_json", lambda markup: calls.append(markup) or real(markup))
    blocks = converted(WORDPRESS + "\n" + README + "\n" + HTML_TABLE + "\nA<br>B <b>c</b>\n")
    assert len(calls) == 1
    assert len(nodes(blocks, "Image")) == 1 and len(nodes(blocks, "Table")) == 1


# ---------------------------------------------------------------- the validator sees them, at their lines

def test_raw_img_without_alt_is_alt_missing_at_its_own_line(tmp_path):
    found = findings(tmp_path, "# Title\n\n<div align=\"center\">\n  <img src=\"images/x.png\" width=\"300\">\n"
                               "</div>\n\nText <img src=\"images/y.png\" alt=\"\"> here.\n")
    assert [f for f in found if f.startswith("alt-")] == ["alt-missing 4:3"]


def test_raw_headings_are_in_the_outline_that_heading_skip_checks(tmp_path):
    found = findings(tmp_path, "# Title\n\n<h2>Where the money went</h2>\n\nText.\n\n<h4>A deep heading</h4>\n")
    assert "heading-skip 7:1" in found


def test_an_unfinished_comment_or_style_hides_nothing_from_the_validator(tmp_path):
    """CommonMark would read to the end of the file as HTML; the build reads on as Markdown."""
    found = findings(tmp_path, "# Title\n\nText.\n\n<!-- draft: check figures\n\n## Money\n\n"
                               "<style>\n\n#### Detail\n\n![](images/chart.png)\n")
    assert "heading-skip 11:1" in found and "alt-missing 13:1" in found


def test_unsafe_html_is_still_reported_once_at_its_line(tmp_path):
    found = findings(tmp_path, "# Title\n\nText.\n\n<script>alert(1)</script>\n\n"
                               "A <a href=\"javascript:alert(1)\">link</a>.\n")
    assert [f for f in found if f.startswith("raw-html-unsafe")] == ["raw-html-unsafe 5:1", "raw-html-unsafe 7:3"]


# ---------------------------------------------------------------- every edition, end to end

@pytest.fixture(scope="module")
def pasted_build(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pasted")
    source = work / "src"
    shutil.copytree(TINY, source)
    shutil.copy(source / "images" / "photo.png", source / "images" / "raw-only.png")
    chapter = source / "chapters" / "02-two.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n" + WORDPRESS + "\n" + README + "\n" + HTML_TABLE
                       + "\n<h2>Where the money went</h2>\n\n<style>\np { color: red }\n</style>\n\n"
                       "A line with a comment at the end <!-- TODO check -->\n\n"
                       "| Group | Note |\n|---|---|\n| Garden | first<br>second |\n\n: Notes by group\n",
                       encoding="utf-8")
    out = work / "out"
    result = run_pipeline("build", "--source", str(source), "--out", str(out), "--no-cache",
                          "--editions", "html,epub,pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_every_epub_xhtml_file_is_well_formed_xml(pasted_build):
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(pasted_build / "report.epub") as book:
        pages = [name for name in book.namelist() if name.endswith(".xhtml")]
        for name in pages:
            lxml.etree.fromstring(book.read(name), parser)  # raises on a <br> left unclosed
        text = b"".join(book.read(name) for name in pages)
        media = [name for name in book.namelist() if name.endswith(".png")]
    assert b"Volunteers clearing the riverbank" in text and b"Where the money went" in text
    assert len(media) == 3  # photo, line and the image only a raw <img> uses


def test_raw_only_image_is_copied_for_the_html_and_placed_in_the_pdf(pasted_build):
    assert (pasted_build / "images" / "raw-only.png").is_file()
    html = lxml.html.parse(str(pasted_build / "report.html")).getroot()
    assert html.xpath('//img[@src="images/raw-only.png"]/@alt') == ["Volunteers clearing the riverbank"]
    with pikepdf.open(pasted_build / "report.pdf") as pdf:
        alts = [str(e.get("/Alt")) for _role, e in struct_elements(pdf) if e.get("/Alt") is not None]
    assert "Volunteers clearing the riverbank" in alts

