"""report.epub: the package's language and title, every content document's
language, images' alt text in reading order, and the outline twice (the nav's
table of contents and the chapters' headings). The book is read by
pipeline/epub_book.py, which also says which pages the edition adds."""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from pipeline.check.expected import Expected
from pipeline.check.outputs.compare import (TOC_DEPTH, Outline, decorative_findings, described, finding, norm,
                                            outline_finding, quote, same_lang, same_text)
from pipeline.check.outputs.markup import classes, element_text, headings_in, inside, local_name
from pipeline.diagnostics import Diagnostic
from pipeline.epub_book import DC, XHTML, XML_LANG, Book, Page, epub_types, open_book


def check_epub(path: Path, expected: Expected) -> list[Diagnostic]:
    book = open_book(path)
    spine = [book.page(href) for href in book.spine]
    nav = book.page(book.nav_path) if book.nav_path else None
    content = [page for page in spine if page.href != book.nav_path and not page.edition_matter]
    return (_epub_lang(path, book, spine, nav, expected) + _epub_title(path, book, expected)
            + _epub_images(path, content, expected) + _epub_outline(path, spine, nav, content, expected))


def _dc(book: Book, name: str) -> str | None:
    element = book.package.getroot().find(f".//{{{DC}}}{name}")
    return None if element is None else norm("".join(element.itertext()))


def _epub_lang(path: Path, book: Book, spine: list[Page], nav: Page | None,
               expected: Expected) -> list[Diagnostic]:
    found = []
    language = _dc(book, "language")
    if not same_lang(language, expected.lang):
        found.append(finding(path, "output-lang",
                              f'the package dc:language should be "{expected.lang}" but is {quote(language)}'))
    docs = {page.href: page.root for page in spine}
    if nav:
        docs.setdefault(nav.href, nav.root)
    for href, doc in docs.items():
        # Reading systems use either attribute; EPUB 3 recommends both, one is enough to be heard right.
        langs = [v for v in (doc.get("lang"), doc.get(XML_LANG)) if v is not None]
        if not langs:
            found.append(finding(path, "output-lang", f"{href} in report.epub has no lang or xml:lang"))
        elif not all(same_lang(v, expected.lang) for v in langs):
            found.append(finding(path, "output-lang",
                                  f'{href} in report.epub has lang "{langs[0]}", not "{expected.lang}"'))
    return found


def _epub_title(path: Path, book: Book, expected: Expected) -> list[Diagnostic]:
    title = _dc(book, "title")
    if same_text(title, expected.title):
        return []
    return [finding(path, "output-title", f'the package dc:title should be "{expected.title}" but is {quote(title)}')]


def _epub_images(path: Path, content: list[Page], expected: Expected) -> list[Diagnostic]:
    """Pair the content documents' <img> elements with the source images by position."""
    imgs = [img for page in content for img in page.root.iter(f"{{{XHTML}}}img")]
    if len(imgs) == len(expected.images):
        found = []
        for n, (image, img) in enumerate(zip(expected.images, imgs), 1):
            alt = img.get("alt")
            if image.decorative:
                found += decorative_findings(path, "report.epub", image.src, alt, inside(img, "figure"))
            elif image.alt.strip() and not same_text(alt, image.alt):  # none in the source: alt-missing
                found.append(finding(path, "output-alt-lost",
                                      f'image {n} in report.epub ({image.src} in the source) should have alt '
                                      f'"{image.alt}" but has {quote(alt)}'))
        return found
    # Counts differ, so positions mean nothing: say so, then match what we can by alt text.
    found = [finding(path, "output-alt-lost",
                      f"report.epub has {len(imgs)} images but the source has {len(expected.images)}")]
    alts = [img.get("alt") for img in imgs if img.get("alt") is not None]
    for image in described(expected):
        match = next((alt for alt in alts if same_text(alt, image.alt)), None)
        if match is not None:
            alts.remove(match)
        else:
            found.append(finding(path, "output-alt-lost",
                                  f'no image in report.epub has the alt text of {image.src}: "{image.alt}"'))
    for img in imgs:
        if "decorative" in classes(img):
            found += decorative_findings(path, "report.epub", img.get("src", ""), img.get("alt"),
                                          inside(img, "figure"))
    return found


def _nav_entries(ol, depth: int = 1, leave_out: Callable[[str], bool] = lambda href: False) -> Outline:
    """(depth, text) of a nav <ol>'s entries, depth first, as readers list them; entries whose
    link leave_out(href) names are skipped with everything under them."""
    entries: Outline = []
    for li in ol.iterfind(f"{{{XHTML}}}li"):
        label = next((c for c in li if local_name(c.tag) in ("a", "span")), None)
        if label is not None and leave_out(label.get("href") or ""):
            continue
        entries.append((depth, element_text(label) if label is not None else ""))
        for sub in li.iterfind(f"{{{XHTML}}}ol"):
            entries += _nav_entries(sub, depth + 1, leave_out)
    return entries


def _epub_outline(path: Path, spine: list[Page], nav: Page | None, content: list[Page],
                  expected: Expected) -> list[Diagnostic]:
    found = []
    toc = None
    if nav:
        toc = next((n for n in nav.root.iter(f"{{{XHTML}}}nav") if "toc" in epub_types(n)), None)
    if toc is None:
        found.append(finding(path, "output-outline", "report.epub has no nav[epub:type=toc] table of contents"))
    else:
        top = toc.find(f"{{{XHTML}}}ol")
        added = {page.href for page in spine if page.edition_matter}
        base = posixpath.dirname(nav.href)

        def leave_out(href: str) -> bool:
            return posixpath.normpath(posixpath.join(base, unquote(urlsplit(href).path))) in added

        entries = _nav_entries(top, leave_out=leave_out) if top is not None else []
        wanted = [(level, text) for level, text in expected.outline if level <= TOC_DEPTH]
        found += outline_finding(path, "the table-of-contents entries (nav.xhtml) of report.epub", wanted, entries)
    # One XHTML per chapter, headings unshifted: h1 is a chapter.
    chapter_headings = [h for page in content for h in headings_in(page.root)]
    found += outline_finding(path, "the headings of report.epub's chapters", expected.outline, chapter_headings)
    return found
