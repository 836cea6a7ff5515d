"""Finish the EPUB that pandoc wrote: what pandoc's EPUB writer cannot be
told to do, done on the book (read and written back by pipeline/epub_book.py).

* Content documents: each chapter file gets its heading as <title> and the
  report's language; a chapter's page marker comes after its heading from
  pandoc and is moved back before it; the glossary and the notes are back
  matter, the glossary's terms glossterm/glossdef; the title page shows the
  date as people write it.
* Cover: pandoc's cover.xhtml is an <svg> with no text alternative; it
  becomes an <img> with the cover's alt text from report.yaml.
* Accessibility metadata from what was verified in the documents as written
  (pipeline/writers/epub_accessibility.py), landmarks and the page list
  (pipeline/writers/epub_navigation.py).
* The zip: mimetype first and stored, every entry with the same fixed time
  and mode, in pandoc's order, so the same source gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import etree

from pipeline.epub_book import EPUB_TYPE, XHTML, XML_LANG, Page, epub_types, open_book, write_book
from pipeline.reproducible import source_date_epoch
from pipeline.source import Report
from pipeline.writers import display_date
from pipeline.writers.epub_accessibility import (Verified, count_images_and_tables, finish_package, hazards,
                                                 transformable)
from pipeline.writers.epub_brand import logo_on_title_page
from pipeline.writers.epub_navigation import finish_nav

XLINK = "http://www.w3.org/1999/xlink"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def build_time(report: Report) -> dt.datetime:
    """The fixed time of this edition (pipeline/reproducible.py: SOURCE_DATE_EPOCH, else the source's date)."""
    return dt.datetime.fromtimestamp(source_date_epoch(report), dt.timezone.utc)


def _serialise(tree) -> bytes:
    """XML spelt as pandoc spells it (`<?xml version="1.0" …?>`, `<img … />`), with an end tag
    for every empty non-void XHTML element: `<span/>` read as HTML (as some reading systems
    do) would swallow what follows it."""
    for element in tree.getroot().iter(f"{{{XHTML}}}*"):
        if element.text is None and len(element) == 0 and etree.QName(element).localname not in VOID:
            element.text = ""
    body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
    # lxml escapes ">" in text and attribute values, so "/>" only ends an empty element's tag.
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + re.sub(rb"(?<! )/>", b" />", body) + b"\n"


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _q(name: str) -> str:
    return f"{{{XHTML}}}{name}"


# ------------------------------------------------------------------ content documents

def _is_pagebreak(element) -> bool:
    return isinstance(element.tag, str) and "pagebreak" in epub_types(element)


def _move_chapter_markers(page: Page) -> None:
    """Page markers that follow a chapter's heading go back before it: the page begins with the heading."""
    for section in page.body.iter(_q("section")):
        first = next((c for c in section if isinstance(c.tag, str)), None)
        if first is None or first.tag != _q("h1"):
            continue
        markers = []
        for sibling in first.itersiblings():
            if not _is_pagebreak(sibling):
                break
            markers.append(sibling)
        for marker in markers:
            first.addprevious(marker)
            page.changed = True


def _finish_document(page: Page, lang: str) -> None:
    _move_chapter_markers(page)
    body = page.body
    if page.types & {"glossary", "endnotes"} and body.get(EPUB_TYPE) != "backmatter":
        body.set(EPUB_TYPE, "backmatter")
        page.changed = True
    if "glossary" in page.types:
        for tag, kind in (("dt", "glossterm"), ("dd", "glossdef")):
            for element in body.iter(_q(tag)):
                element.set(EPUB_TYPE, kind)
        page.changed = True
    title = page.root.find(f"{_q('head')}/{_q('title')}")
    h1 = next(body.iter(_q("h1")), None)
    if title is not None and h1 is not None and title.text != _text(h1):
        title.text = _text(h1)  # pandoc titles chapter files "ch001.xhtml"
        page.changed = True
    root = page.root
    for attribute in ("lang", XML_LANG):
        if root.get(attribute) is None:
            root.set(attribute, lang)
            page.changed = True


def _rewrite_cover(page: Page, alt: str) -> None:
    """pandoc's <svg><image/></svg> cover becomes an <img> with alt text."""
    image = next(page.body.iter("{http://www.w3.org/2000/svg}image"), None)
    if image is None:
        return
    src = image.get(f"{{{XLINK}}}href") or image.get("href")
    body = page.body
    for child in list(body):
        body.remove(child)
    body.text = "\n"
    body.set(EPUB_TYPE, "frontmatter")
    section = etree.SubElement(body, _q("section"), {EPUB_TYPE: "cover", "class": "cover"})
    etree.SubElement(section, _q("img"), {"src": src, "alt": alt})
    section.tail = "\n"
    title = page.root.find(f"{_q('head')}/{_q('title')}")
    if title is not None:
        title.text = f"Cover: {title.text}" if title.text else "Cover"
    page.changed = True


def _date_on_title_page(page: Page, report: Report) -> None:
    for p in page.body.iter(_q("p")):
        if p.get("class") == "date" and report.meta.get("date"):
            p.text = display_date(str(report.meta["date"]))
            page.changed = True


# ------------------------------------------------------------------ entry point

def finish(path: Path, report: Report, cover_alt: str | None) -> Verified:
    """Post-process the EPUB at path in place (path is the writer's temporary file)."""
    book = open_book(path)
    pages = [book.page(href) for href in book.spine if href != book.nav_path]

    lang = report.meta.get("lang", "")
    found = Verified(transformable=transformable(book.files), hazards=hazards(book.files, pages))
    for page in pages:
        if "cover" in page.types:
            if cover_alt:
                _rewrite_cover(page, cover_alt)
                found.cover_alt = cover_alt
            continue
        if "titlepage" in page.types:
            _date_on_title_page(page, report)
            logo_on_title_page(book, page, report.brand, report.root)
            continue
        _finish_document(page, lang)
        found.brief |= "abstract" in page.types
        found.notes += sum(1 for e in page.body.iter() if isinstance(e.tag, str) and "endnote" in epub_types(e))
        if not page.edition_matter:
            count_images_and_tables(page, found)
        found.pages += [(f"{page.href}#{e.get('id')}", e.get("aria-label") or e.get("id"))
                        for e in page.body.iter() if _is_pagebreak(e)]

    nav = book.tree(book.nav_path)
    finish_nav(nav, book.nav_path, pages, found)
    book.files[book.nav_path] = _serialise(nav)
    when = build_time(report)
    finish_package(book.package, found, report, when)
    book.files[book.package_path] = _serialise(book.package)
    for page in pages:
        if page.changed:
            book.files[page.href] = _serialise(page.tree)
    write_book(path, book.files, when)
    return found
