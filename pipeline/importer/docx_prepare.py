"""Word's document.xml made ready for pandoc: every paragraph marked with its number,
text boxes flattened into the text, and what must not be imported found first.

Paragraphs are numbered in document order, those in tables and text boxes
included, as Word's own "Go To" and a person scrolling would meet them. The
page is told from Word's last layout (`w:lastRenderedPageBreak`, written by
Word when it saves) and, without one, from manual page breaks and section
breaks, which give the earliest page a paragraph can be on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.diagnostics import ReportError
from pipeline.importer.docx_styles import w
from pipeline.importer.markers import marker
from pipeline.importer.repairs import Repairs

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FALLBACK = f"{{{MC}}}Fallback"
ALTERNATE = f"{{{MC}}}AlternateContent"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TEXT_CHANGES = ("ins", "del", "moveFrom", "moveTo")
SHAPES = (w("drawing"), w("pict"), ALTERNATE)


@dataclass
class Pages:
    """Where each numbered paragraph starts: Word's own page, or the earliest possible one."""
    rendered: dict[int, int] = field(default_factory=dict)
    manual: dict[int, int] = field(default_factory=dict)
    exact: bool = False  # Word saved its layout (lastRenderedPageBreak)

    def of(self, number: int) -> str:
        if self.exact:
            return f"page {self.rendered.get(number, 1)}"
        page = self.manual.get(number, 1)
        return f"page {page} or later" if page > 1 else ""


def in_fallback(element) -> bool:
    """Inside the copy Word keeps for old readers (mc:Fallback): seen once, in mc:Choice."""
    return any(a.tag == FALLBACK for a in element.iterancestors())


def paragraphs(root) -> list:
    return [p for p in root.iter(w("p")) if not in_fallback(p)]


def number_paragraphs(root) -> tuple[dict, Pages]:
    """Each paragraph's number (element -> n, from 1) and the page it starts on; marks each with its label."""
    numbers: dict = {}
    pages = Pages()
    rendered = manual = 0
    section_break_pending = False
    for element in root.iter():
        if element.tag == w("p") and not in_fallback(element):
            if section_break_pending:
                manual, section_break_pending = manual + 1, False
            if element.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None:
                manual += 1
            number = len(numbers) + 1
            numbers[element] = number
            pages.rendered[number], pages.manual[number] = rendered + 1, manual + 1
        elif element.tag == w("lastRenderedPageBreak"):
            rendered += 1
            pages.exact = True
        elif element.tag == w("br") and element.get(w("type")) == "page":
            manual += 1
        elif element.tag == w("sectPr") and element.getparent().tag == w("pPr"):
            kind = element.find(w("type"))
            section_break_pending = kind is None or kind.get(w("val")) != "continuous"
    for element, number in numbers.items():
        _mark(element, f"p{number}")
    _bookmarks_into_paragraphs(root)
    return numbers, pages


def _bookmarks_into_paragraphs(root) -> None:
    """A bookmark between paragraphs (pandoc's own docx writer puts one round each section) moves into
    the paragraph after it: pandoc reads only bookmarks inside a paragraph, and one opening a heading
    becomes the heading's id, which links in the document point at."""
    for bookmark in list(root.iter(w("bookmarkStart"))):
        if bookmark.getparent().tag not in (w("body"), w("tc"), w("txbxContent")):
            continue
        following = bookmark.getnext()
        while following is not None and following.tag in (w("bookmarkStart"), w("bookmarkEnd")):
            following = following.getnext()
        if following is not None and following.tag == w("p"):
            properties = following.find(w("pPr"))
            following.insert(0 if properties is None else following.index(properties) + 1, bookmark)


def _mark(paragraph, label: str) -> None:
    run = etree.Element(w("r"))
    text = etree.SubElement(run, w("t"))
    text.set(XML_SPACE, "preserve")
    text.text = marker(label)
    # Last: pandoc takes a bookmark that opens a heading as its id, and would not see one behind a marker.
    paragraph.append(run)


def refuse_tracked_changes(parts: dict, numbers: dict, path: Path, describe) -> None:
    """Tracked insertions, deletions and moves stop the import, with where the first ones are."""
    places = []
    for name, root in parts.items():
        for change in root.iter(*(w(t) for t in TEXT_CHANGES)):
            paragraph = next((a for a in change.iterancestors(w("p"))), None)
            where = describe(f"p{numbers[paragraph]}") if name == "document" and paragraph in numbers \
                else f"the {name}"
            if where not in places:
                places.append(where)
    if places:
        shown = "; ".join(places[:3]) + (f" and {len(places) - 3} more places" if len(places) > 3 else "")
        raise ReportError(
            f"the document has tracked changes that nobody has accepted or rejected yet ({shown}); the importer "
            "will not decide which version of the text is published", path,
            fix="accept or reject the changes first: in Word, Review > Accept > Accept All Changes (or Reject), "
                "then save and import it again")


def drop_comments(root, comments_root, numbers: dict, repairs: Repairs) -> None:
    """Comments are never published: each one is left out, with a warning at its paragraph."""
    texts = {}
    authors = {}
    if comments_root is not None:
        for comment in comments_root.iter(w("comment")):
            texts[comment.get(w("id"))] = " ".join("".join(t.text or "" for t in comment.iter(w("t"))).split())
            authors[comment.get(w("id"))] = comment.get(w("author")) or "someone"
    for reference in root.iter(w("commentReference")):
        paragraph = next((a for a in reference.iterancestors(w("p"))), None)
        cid = reference.get(w("id"))
        said = texts.get(cid, "")
        said = f': "{said[:80]}{"…" if len(said) > 80 else ""}"' if said else ""
        repairs.add("notes", f"a comment by {authors.get(cid, 'someone')}{said} was left out (comments are "
                             "never published; check it asked for nothing still to do)",
                    f"p{numbers[paragraph]}" if paragraph in numbers else None, now="left out")


def flatten_text_boxes(root, numbers: dict, repairs: Repairs) -> None:
    """Move each text box's paragraphs out of its shape, after the paragraph it is anchored to."""
    while True:
        box = next((b for b in root.iter(w("txbxContent")) if not in_fallback(b)), None)
        if box is None:
            return
        anchor = next(box.iterancestors(w("p")))
        shape = _outermost_shape(box, anchor)
        blocks = [child for child in box if child.tag in (w("p"), w("tbl"))]
        for block in reversed(blocks):
            anchor.addnext(block)
        shape.getparent().remove(shape)
        first = next((p for b in blocks for p in ([b] if b.tag == w("p") else b.iter(w("p"))) if p in numbers), None)
        repairs.add("flattened", "a text box was flattened: its text now follows the paragraph it was anchored "
                                 "to; check it reads in the right place",
                    f"p{numbers[first]}" if first is not None else f"p{numbers.get(anchor, 1)}")


def _outermost_shape(box, anchor):
    shape = box
    for ancestor in box.iterancestors():
        if ancestor is anchor:
            break
        if ancestor.tag in SHAPES:
            shape = ancestor
    return shape
