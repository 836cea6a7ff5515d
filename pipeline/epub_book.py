"""The inside of a built EPUB, known here and nowhere else: the one module
that opens an EPUB and writes one back.

An EPUB is a zip. META-INF/container.xml names the package document (the
OPF); its manifest lists every file with its properties ("nav", "svg",
"cover-image"), its spine gives the reading order. The EPUB writer
(pipeline/writers/epub_package.py) reads pandoc's book here, edits it and
writes it back; the output check (pipeline/check/outputs/epub.py) reads the
finished book here, and the tests take the names below from here.

XML is parsed without resolving entities, loading DTDs or touching the
network: the XHTML holds raw HTML pasted into the source.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
EPUB_TYPE = f"{{{EPUB}}}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

# What the EPUB edition adds around the source's chapters (pipeline/writers/epub.py): pandoc's cover
# and title pages, "The report in brief" (the plain-language summary, filters/epub_brief.py) and the
# notes gathered from the chapters (filters/epub_notes.py). They are not the report's content.
EDITION_MATTER = frozenset({"cover", "titlepage", "abstract", "endnotes"})

# A zip cannot hold an earlier time; every entry carries the build's fixed time (pipeline/reproducible.py).
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def epub_types(element) -> set[str]:
    return set((element.get(EPUB_TYPE) or "").split())


def page_types(root) -> set[str]:
    """The epub:type of a content document's body and of its top elements, so the section a
    page holds ("chapter", "glossary", "endnotes"…); pandoc's cover page has none but is "cover"."""
    body = root.find(f"{{{XHTML}}}body")
    if body is None:
        return set()
    found = set().union(*(epub_types(e) for e in [body, *body] if isinstance(e.tag, str)))
    if body.get("id") == "cover":  # pandoc's cover.xhtml: an <svg> with the image, no epub:type
        found.add("cover")
    return found


@dataclass
class Page:
    """A content document, parsed. `changed` is set by whoever edits the tree, so that only
    edited documents are written back."""
    href: str  # path inside the zip
    tree: etree._ElementTree
    types: set[str]
    changed: bool = False

    @property
    def root(self):
        return self.tree.getroot()

    @property
    def body(self):
        return self.root.find(f"{{{XHTML}}}body")

    @property
    def edition_matter(self) -> bool:
        """A page the edition adds (EDITION_MATTER), not one of the report's chapters."""
        return bool(self.types & EDITION_MATTER)


@dataclass
class Book:
    files: dict[str, bytes]  # every entry of the zip, in its order
    package_path: str  # the OPF, from the container
    package: etree._ElementTree
    manifest: dict[str, tuple[str, set[str]]]  # id: (path inside the zip, properties)
    spine: list[str]  # paths inside the zip in reading order (the nav too, when it is in the spine)
    nav_path: str | None  # the navigation document (toc, landmarks, page list)

    def tree(self, href: str) -> etree._ElementTree:
        return parse(self.files[href])

    def page(self, href: str) -> Page:
        tree = self.tree(href)
        return Page(href, tree, page_types(tree.getroot()))


def parse(data: bytes) -> etree._ElementTree:
    return etree.fromstring(data, PARSER).getroottree()


def read_entries(path: Path) -> dict[str, bytes]:
    """Every file in the EPUB at path, by its name inside the zip, in the zip's order."""
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def open_book(path: Path) -> Book:
    files = read_entries(path)
    container = parse(files["META-INF/container.xml"])
    package_path = container.getroot().find(f".//{{{CONTAINER}}}rootfile").get("full-path")
    package = parse(files[package_path])
    base = posixpath.dirname(package_path)
    manifest = {}
    for item in package.getroot().iterfind(f"{{{OPF}}}manifest/{{{OPF}}}item"):
        href = posixpath.normpath(posixpath.join(base, unquote(item.get("href"))))
        manifest[item.get("id")] = (href, set((item.get("properties") or "").split()))
    spine = [manifest[ref.get("idref")][0] for ref in package.getroot().iterfind(f"{{{OPF}}}spine/{{{OPF}}}itemref")]
    nav_path = next((href for href, properties in manifest.values() if "nav" in properties), None)
    return Book(files, package_path, package, manifest, spine, nav_path)


def write_book(path: Path, files: dict[str, bytes], when: dt.datetime) -> None:
    """The zip the same files always give: mimetype first and stored (as EPUB requires), the rest
    deflated in the order given, every entry with the same time and mode."""
    stamp = max(when, ZIP_EPOCH).timetuple()[:6]
    names = ["mimetype", *[name for name in files if name != "mimetype"]]
    with zipfile.ZipFile(path, "w") as z:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            z.writestr(info, files[name], compresslevel=9 if name != "mimetype" else None)
