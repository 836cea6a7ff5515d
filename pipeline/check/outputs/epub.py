"""report.epub: the package's language and title, every content document's
language, images' alt text in reading order, and the outline twice (the nav's
table of contents and the chapters' headings)."""
from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from lxml import etree

from pipeline.check.expected import Expected
from pipeline.check.outputs.compare import (TOC_DEPTH, Outline, decorative_findings, described, finding, norm,
                                            outline_finding, quote, same_lang, same_text)
from pipeline.check.outputs.markup import classes, element_text, headings_in, inside, local_name
from pipeline.diagnostics import Diagnostic


XHTML_NS = "http://www.w3.org/1999/xhtml"


EPUB_NS = "http://www.idpf.org/2007/ops"


OPF_NS = "http://www.idpf.org/2007/opf"


DC_NS = "http://purl.org/dc/elements/1.1/"


CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class Epub:
    opf: etree._Element
    spine: list[tuple[str, etree._Element]]  # (path in zip, parsed XHTML) in reading order
    nav: tuple[str, etree._Element] | None


XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def read_epub(path: Path) -> Epub:
    with zipfile.ZipFile(path) as z:
        container = etree.fromstring(z.read("META-INF/container.xml"), XML_PARSER)
        opf_path = container.find(f".//{{{CONTAINER_NS}}}rootfile").get("full-path")
        opf = etree.fromstring(z.read(opf_path), XML_PARSER)
        base = posixpath.dirname(opf_path)
        items = {}
        for item in opf.iterfind(f"{{{OPF_NS}}}manifest/{{{OPF_NS}}}item"):
            href = posixpath.normpath(posixpath.join(base, unquote(item.get("href"))))
            items[item.get("id")] = (href, set((item.get("properties") or "").split()))

        def load(href: str):
            return href, etree.fromstring(z.read(href), XML_PARSER)

        spine = [load(items[ref.get("idref")][0])
                 for ref in opf.iterfind(f"{{{OPF_NS}}}spine/{{{OPF_NS}}}itemref")]
        nav_href = next((href for href, props in items.values() if "nav" in props), None)
        nav = load(nav_href) if nav_href else None
    return Epub(opf, spine, nav)


def epub_types(element) -> set[str]:
    return set((element.get(f"{{{EPUB_NS}}}type") or "").split())


# What the EPUB edition adds around the chapters (pipeline/writers/epub.py): the cover and title
# pages, "The report in brief" (the plain-language summary, epub:type abstract) and the notes
# gathered from the chapters (endnotes). They are not the source's chapters.
EDITION_MATTER = {"cover", "titlepage", "abstract", "endnotes"}


def is_front_page(doc) -> bool:
    """A page the EPUB edition adds (EDITION_MATTER): not one of the report's chapters."""
    body = doc.find(f"{{{XHTML_NS}}}body")
    if body is None:
        return False
    if body.get("id") == "cover":  # pandoc's cover.xhtml: an <svg> with the image, no epub:type
        return True
    return any(epub_types(e) & EDITION_MATTER for e in [body, *body])


def check_epub(path: Path, expected: Expected) -> list[Diagnostic]:
    epub = read_epub(path)
    nav_href = epub.nav[0] if epub.nav else None
    content = [(href, doc) for href, doc in epub.spine if href != nav_href and not is_front_page(doc)]
    return (_epub_lang(path, epub, expected) + _epub_title(path, epub, expected)
            + _epub_images(path, content, expected) + _epub_outline(path, epub, content, expected))


def _dc(opf, name: str) -> str | None:
    element = opf.find(f".//{{{DC_NS}}}{name}")
    return None if element is None else norm("".join(element.itertext()))


def _epub_lang(path: Path, epub: Epub, expected: Expected) -> list[Diagnostic]:
    found = []
    language = _dc(epub.opf, "language")
    if not same_lang(language, expected.lang):
        found.append(finding(path, "output-lang",
                              f'the package dc:language should be "{expected.lang}" but is {quote(language)}'))
    docs = dict(epub.spine)
    if epub.nav:
        docs.setdefault(*epub.nav)
    for href, doc in docs.items():
        # Reading systems use either attribute; EPUB 3 recommends both, one is enough to be heard right.
        langs = [v for v in (doc.get("lang"), doc.get(XML_LANG)) if v is not None]
        if not langs:
            found.append(finding(path, "output-lang", f"{href} in report.epub has no lang or xml:lang"))
        elif not all(same_lang(v, expected.lang) for v in langs):
            found.append(finding(path, "output-lang",
                                  f'{href} in report.epub has lang "{langs[0]}", not "{expected.lang}"'))
    return found


def _epub_title(path: Path, epub: Epub, expected: Expected) -> list[Diagnostic]:
    title = _dc(epub.opf, "title")
    if same_text(title, expected.title):
        return []
    return [finding(path, "output-title", f'the package dc:title should be "{expected.title}" but is {quote(title)}')]


def _epub_images(path: Path, content, expected: Expected) -> list[Diagnostic]:
    """Pair the content documents' <img> elements with the source images by position."""
    imgs = [img for _, doc in content for img in doc.iter(f"{{{XHTML_NS}}}img")]
    if len(imgs) == len(expected.images):
        found = []
        for n, (image, img) in enumerate(zip(expected.images, imgs), 1):
            alt = img.get("alt")
            if image.decorative:
                found += decorative_findings(path, "report.epub", image.src, alt, inside(img, "figure"))
            elif not same_text(alt, image.alt):
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
    for li in ol.iterfind(f"{{{XHTML_NS}}}li"):
        label = next((c for c in li if local_name(c.tag) in ("a", "span")), None)
        if label is not None and leave_out(label.get("href") or ""):
            continue
        entries.append((depth, element_text(label) if label is not None else ""))
        for sub in li.iterfind(f"{{{XHTML_NS}}}ol"):
            entries += _nav_entries(sub, depth + 1, leave_out)
    return entries


def _epub_outline(path: Path, epub: Epub, content, expected: Expected) -> list[Diagnostic]:
    found = []
    toc = None
    if epub.nav:
        toc = next((n for n in epub.nav[1].iter(f"{{{XHTML_NS}}}nav") if "toc" in epub_types(n)), None)
    if toc is None:
        found.append(finding(path, "output-outline", "report.epub has no nav[epub:type=toc] table of contents"))
    else:
        top = toc.find(f"{{{XHTML_NS}}}ol")
        added = {href for href, doc in epub.spine if is_front_page(doc)}
        base = posixpath.dirname(epub.nav[0])

        def leave_out(href: str) -> bool:
            return posixpath.normpath(posixpath.join(base, unquote(urlsplit(href).path))) in added

        entries = _nav_entries(top, leave_out=leave_out) if top is not None else []
        wanted = [(level, text) for level, text in expected.outline if level <= TOC_DEPTH]
        found += outline_finding(path, "the table-of-contents entries (nav.xhtml) of report.epub", wanted, entries)
    # One XHTML per chapter, headings unshifted: h1 is a chapter.
    chapter_headings = [h for _, doc in content for h in headings_in(doc)]
    found += outline_finding(path, "the headings of report.epub's chapters", expected.outline, chapter_headings)
    return found
