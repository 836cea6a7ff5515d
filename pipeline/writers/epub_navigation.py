"""The EPUB's navigation document, finished: landmarks (cover, title page,
contents, start of the report, notes, glossary) and a page list of the
page-break markers (filters/epub_page_markers.py), whose numbers are the
pages of the print edition."""
from __future__ import annotations

import posixpath

from lxml import etree

from pipeline.epub_book import EPUB_TYPE, XHTML, Page, epub_types
from pipeline.writers.epub_accessibility import PRINT_EDITION, Verified


def _q(name: str) -> str:
    return f"{{{XHTML}}}{name}"


def _relative(href: str, start_dir: str) -> str:
    return posixpath.relpath(href, start_dir or ".")


def _nav_list(nav, items: list[tuple[str | None, str, str]]) -> None:
    """Replace the nav's list by items of (epub:type, href, label)."""
    for child in list(nav):
        nav.remove(child)
    nav.text = "\n"
    ol = etree.SubElement(nav, _q("ol"))
    ol.text = "\n"
    ol.tail = "\n"
    for kind, href, label in items:
        li = etree.SubElement(ol, _q("li"))
        a = etree.SubElement(li, _q("a"), {"href": href})
        if kind:
            a.set(EPUB_TYPE, kind)
        a.text = label
        li.tail = "\n"


def finish_nav(tree, nav_href: str, pages: list[Page], found: Verified) -> None:
    here = posixpath.dirname(nav_href)
    body = tree.getroot().find(_q("body"))
    landmarks = next((n for n in body.iter(_q("nav")) if "landmarks" in epub_types(n)), None)
    if landmarks is None:
        landmarks = etree.SubElement(body, _q("nav"), {EPUB_TYPE: "landmarks", "id": "landmarks", "hidden": "hidden"})
        landmarks.tail = "\n"
    items: list[tuple[str | None, str, str]] = []

    def first(kind: str) -> Page | None:
        return next((p for p in pages if kind in p.types), None)

    def target(page: Page, kind: str) -> str:
        section = next((s for s in page.body.iter() if isinstance(s.tag, str) and kind in epub_types(s)), None)
        anchor = f"#{section.get('id')}" if section is not None and section.get("id") else ""
        return _relative(page.href, here) + anchor

    if (cover := first("cover")) is not None:
        items.append(("cover", _relative(cover.href, here), "Cover"))
    if (title := first("titlepage")) is not None:
        items.append(("titlepage", _relative(title.href, here), "Title page"))
    items.append(("toc", "#toc", "Contents"))
    if (start := first("chapter")) is not None:
        items.append(("bodymatter", target(start, "chapter"), "Start of the report"))
    if (notes := first("endnotes")) is not None:
        items.append(("endnotes", target(notes, "endnotes"), "Notes"))
    if (glossary := first("glossary")) is not None:
        items.append(("glossary", target(glossary, "glossary"), "Glossary"))
    _nav_list(landmarks, items)

    for old in [n for n in body.iter(_q("nav")) if "page-list" in epub_types(n)]:
        body.remove(old)
    if found.pages:
        page_list = etree.SubElement(body, _q("nav"), {EPUB_TYPE: "page-list", "role": "doc-pagelist",
                                                      "id": "page-list", "hidden": "hidden"})
        page_list.tail = "\n"
        _nav_list(page_list, [(None, _relative(href, here), label) for href, label in found.pages])
        heading = etree.Element(_q("h2"))
        heading.text = f"Pages of the print edition ({PRINT_EDITION})"
        heading.tail = "\n"
        page_list.insert(0, heading)
