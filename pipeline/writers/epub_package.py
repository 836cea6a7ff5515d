"""Finish the EPUB that pandoc wrote: what pandoc's EPUB writer cannot be
told to do, done on the zip, then the zip rewritten deterministically.

* Verify, in the content documents as written, what the accessibility
  metadata will claim: informative images with alt text, decorative images
  hidden, long descriptions linked, tables with header cells, notes, page
  markers, a stylesheet without fixed text sizes or justified text, nothing
  that moves or plays. The accessibilitySummary is generated from these
  counts, and a claim that does not hold is not made.
* Package document: pandoc asserts a fixed set of schema.org accessibility
  properties without looking at the content (accessMode textual only, no
  summary); they are replaced by the verified set, with dcterms:conformsTo,
  a11y:certifiedBy (report.yaml `certified_by`) and dc:source naming the
  print edition the page numbers come from. dcterms:modified is the build's
  fixed time (pipeline/reproducible.py), not the clock.
* Cover: pandoc's cover.xhtml is an <svg> with no text alternative; it
  becomes an <img> with the cover's alt text from report.yaml.
* Navigation: landmarks (cover, toc, bodymatter, glossary, endnotes) and a
  page-list of the page-break markers (filters/epub_page_markers.py). A
  chapter's page marker comes after its heading from pandoc and is moved
  back before it; each chapter file gets its heading as <title>.
* The zip: mimetype first and stored, every entry with the same fixed time
  and mode, in pandoc's order, so the same source gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from pipeline.reproducible import source_date_epoch
from pipeline.source import Report
from pipeline.writers import display_date

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
XLINK = "http://www.w3.org/1999/xlink"
EPUB_TYPE = f"{{{EPUB}}}type"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
PRINT_EDITION = "report.pdf"
HEADER_SCOPES = {"col", "row", "colgroup", "rowgroup"}
# Sections this edition adds around the source's chapters: not counted as the report's content.
ADDED_TYPES = {"cover", "titlepage", "abstract", "endnotes"}
FIXED_TEXT_SIZE = re.compile(r"font(?:-size)?\s*:[^;}]*\d(?:px|pt|pc|cm|mm|in)\b", re.I)
JUSTIFIED = re.compile(r"text-align\s*:\s*justify", re.I)
FORCED_COLOUR = re.compile(r"(?<![-\w])(?:color|background(?:-color)?)\s*:(?!\s*(?:currentColor|inherit|transparent))",
                           re.I)
ANIMATION = re.compile(rb"<(?:\w+:)?(?:animate\w*|set)\b|@keyframes|animation\s*:", re.I)


@dataclass
class Verified:
    """What the build found in the EPUB it made."""
    images: int = 0  # informative images (non-empty alt) in the report's chapters
    images_without_alt: int = 0
    long_descriptions: int = 0  # images whose aria-describedby points at a description in the same file
    decorative: int = 0  # alt="" and not in a <figure>
    decorative_exposed: int = 0  # alt="" inside a <figure>: announced as a figure with no description
    tables: int = 0
    tables_with_headers: int = 0  # at least one <th>, and every <th> has a scope
    notes: int = 0
    cover_alt: str | None = None
    pages: list[tuple[str, str]] = field(default_factory=list)  # (href from the package root, label)
    brief: bool = False
    transformable: bool = False  # stylesheet: no fixed text sizes, no justified text, no forced colours
    hazards: list[str] = field(default_factory=list)  # sound, video, animation found

    @property
    def conforms(self) -> bool:
        return (not self.images_without_alt and not self.decorative_exposed
                and self.tables_with_headers == self.tables and self.transformable)

    def as_dict(self) -> dict:
        return {"images": self.images, "decorative": self.decorative, "long_descriptions": self.long_descriptions,
                "tables": self.tables, "tables_with_headers": self.tables_with_headers, "notes": self.notes,
                "page_list": [label for _, label in self.pages], "conforms": self.conforms}


# ------------------------------------------------------------------ the zip

def build_time(report: Report) -> dt.datetime:
    """The fixed time of this edition (pipeline/reproducible.py: SOURCE_DATE_EPOCH, else the source's date)."""
    return dt.datetime.fromtimestamp(source_date_epoch(report), dt.timezone.utc)


def _read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def _write_zip(path: Path, files: dict[str, bytes], when: dt.datetime) -> None:
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    names = ["mimetype", *[name for name in files if name != "mimetype"]]
    with zipfile.ZipFile(path, "w") as z:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            z.writestr(info, files[name], compresslevel=9 if name != "mimetype" else None)


def _xml(data: bytes):
    return etree.fromstring(data, PARSER).getroottree()


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


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


def _types(element) -> set[str]:
    return set((element.get(EPUB_TYPE) or "").split())


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _q(name: str) -> str:
    return f"{{{XHTML}}}{name}"


# ------------------------------------------------------------------ content documents

@dataclass
class _Doc:
    href: str  # path inside the zip
    tree: etree._ElementTree
    kind: set[str]  # epub:type of its top section (or "cover")
    changed: bool = False

    @property
    def body(self):
        return self.tree.getroot().find(_q("body"))


def _kind(tree) -> set[str]:
    body = tree.getroot().find(_q("body"))
    if body is None:
        return set()
    if body.get("id") == "cover":
        return {"cover"}
    for child in body:
        if isinstance(child.tag, str) and _types(child):
            return _types(child)
    return _types(body)


def _is_pagebreak(element) -> bool:
    return isinstance(element.tag, str) and "pagebreak" in _types(element)


def _move_chapter_markers(doc: _Doc) -> None:
    """Page markers that follow a chapter's heading go back before it: the page begins with the heading."""
    for section in doc.body.iter(_q("section")):
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
            doc.changed = True


def _finish_document(doc: _Doc, lang: str) -> None:
    _move_chapter_markers(doc)
    body = doc.body
    if doc.kind & {"glossary", "endnotes"} and body.get(EPUB_TYPE) != "backmatter":
        body.set(EPUB_TYPE, "backmatter")
        doc.changed = True
    if "glossary" in doc.kind:
        for tag, kind in (("dt", "glossterm"), ("dd", "glossdef")):
            for element in body.iter(_q(tag)):
                element.set(EPUB_TYPE, kind)
        doc.changed = True
    title = doc.tree.getroot().find(f"{_q('head')}/{_q('title')}")
    h1 = next(body.iter(_q("h1")), None)
    if title is not None and h1 is not None and title.text != _text(h1):
        title.text = _text(h1)  # pandoc titles chapter files "ch001.xhtml"
        doc.changed = True
    root = doc.tree.getroot()
    for attribute in ("lang", "{http://www.w3.org/XML/1998/namespace}lang"):
        if root.get(attribute) is None:
            root.set(attribute, lang)
            doc.changed = True


def _count(doc: _Doc, found: Verified) -> None:
    ids = {e.get("id") for e in doc.body.iter() if isinstance(e.tag, str) and e.get("id")}
    for img in doc.body.iter(_q("img")):
        alt = img.get("alt")
        in_figure = any(a.tag == _q("figure") for a in img.iterancestors())
        if alt is None:
            found.images_without_alt += 1
        elif alt.strip():
            found.images += 1
            described = (img.get("aria-describedby") or "").split()
            if described and all(target in ids for target in described):
                found.long_descriptions += 1
        elif in_figure:
            found.decorative_exposed += 1
        else:
            found.decorative += 1
    for table in doc.body.iter(_q("table")):
        found.tables += 1
        headers = list(table.iter(_q("th")))
        if headers and all(th.get("scope") in HEADER_SCOPES for th in headers):
            found.tables_with_headers += 1


def _rewrite_cover(doc: _Doc, alt: str) -> None:
    """pandoc's <svg><image/></svg> cover becomes an <img> with alt text."""
    image = next(doc.body.iter("{http://www.w3.org/2000/svg}image"), None)
    if image is None:
        return
    src = image.get(f"{{{XLINK}}}href") or image.get("href")
    body = doc.body
    for child in list(body):
        body.remove(child)
    body.text = "\n"
    body.set(EPUB_TYPE, "frontmatter")
    section = etree.SubElement(body, _q("section"), {EPUB_TYPE: "cover", "class": "cover"})
    etree.SubElement(section, _q("img"), {"src": src, "alt": alt})
    section.tail = "\n"
    title = doc.tree.getroot().find(f"{_q('head')}/{_q('title')}")
    if title is not None:
        title.text = f"Cover: {title.text}" if title.text else "Cover"
    doc.changed = True


def _date_on_title_page(doc: _Doc, report: Report) -> None:
    for p in doc.body.iter(_q("p")):
        if p.get("class") == "date" and report.meta.get("date"):
            p.text = display_date(str(report.meta["date"]))
            doc.changed = True


# ------------------------------------------------------------------ navigation

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


def _finish_nav(tree, nav_href: str, docs: list[_Doc], found: Verified) -> None:
    here = posixpath.dirname(nav_href)
    body = tree.getroot().find(_q("body"))
    landmarks = next((n for n in body.iter(_q("nav")) if "landmarks" in _types(n)), None)
    if landmarks is None:
        landmarks = etree.SubElement(body, _q("nav"), {EPUB_TYPE: "landmarks", "id": "landmarks", "hidden": "hidden"})
        landmarks.tail = "\n"
    items: list[tuple[str | None, str, str]] = []

    def first(kind: str) -> _Doc | None:
        return next((d for d in docs if kind in d.kind), None)

    def target(doc: _Doc, kind: str) -> str:
        section = next((s for s in doc.body.iter() if isinstance(s.tag, str) and kind in _types(s)), None)
        anchor = f"#{section.get('id')}" if section is not None and section.get("id") else ""
        return _relative(doc.href, here) + anchor

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

    for old in [n for n in body.iter(_q("nav")) if "page-list" in _types(n)]:
        body.remove(old)
    if found.pages:
        pages = etree.SubElement(body, _q("nav"), {EPUB_TYPE: "page-list", "role": "doc-pagelist",
                                                  "id": "page-list", "hidden": "hidden"})
        pages.tail = "\n"
        _nav_list(pages, [(None, _relative(href, here), label) for href, label in found.pages])
        heading = etree.Element(_q("h2"))
        heading.text = f"Pages of the print edition ({PRINT_EDITION})"
        heading.tail = "\n"
        pages.insert(0, heading)


# ------------------------------------------------------------------ package document

def accessibility_summary(found: Verified, report: Report) -> str:
    """What a reader needs to know before opening the book, from what the build verified."""
    def every(count: int, of: int, thing: str) -> str:
        """'the table', 'all 6 tables', '3 of 4 tables'."""
        if count == of:
            return f"the {thing}" if of == 1 else f"all {of} {thing}s"
        return f"{count} of {of} {thing}{'s' * (of != 1)}"

    def verb(count: int, one: str, many: str) -> str:
        return one if count == 1 else many

    checked = []
    total = found.images + found.images_without_alt
    if total:
        described = found.long_descriptions
        checked.append(f"{every(found.images, total, 'informative image')} {verb(found.images, 'has', 'have')} "
                       "a text alternative taken from the report's source"
                       + (f", and {described} {verb(described, 'has', 'have')} a long description in the text "
                          "next to the image" if described else ""))
    if found.decorative:
        checked.append(f"{found.decorative} decorative image{'s' * (found.decorative != 1)} "
                       f"{verb(found.decorative, 'is', 'are')} hidden from screen readers")
    if found.cover_alt:
        checked.append("the cover picture is described")
    if found.tables:
        checked.append(f"{every(found.tables_with_headers, found.tables, 'table')} "
                       f"{verb(found.tables_with_headers, 'has', 'have')} header cells marked up for screen readers")
    if found.pages:
        first, last = found.pages[0][1], found.pages[-1][1]
        checked.append(f"{len(found.pages)} page-break marker{'s' * (len(found.pages) != 1)} and a page list give "
                       f"the page numbers of the print edition ({PRINT_EDITION}, "
                       + (f"page {first})" if first == last else f"pages {first} to {last})"))
    if found.notes:
        checked.append(f"{every(found.notes, found.notes, 'note')} {verb(found.notes, 'is', 'are')} gathered at "
                       f"the end, with {verb(found.notes, 'a link', 'links')} back to the text")
    if found.transformable:
        checked.append("text size, fonts and colours are left to the reader: no fixed text sizes and no "
                       "justified text")
    if not found.hazards:
        checked.append("there is no sound, video or animation")
    title = report.meta.get("title", "this report")
    standard = "EPUB Accessibility 1.1 and WCAG 2.2 Level AA"
    opening = (f"This EPUB edition of “{title}” conforms to {standard}." if found.conforms else
               f"This EPUB edition of “{title}” does not yet meet {standard}: see below.")
    text = [opening]
    if checked:
        text.append("The build that made it checked that " + "; ".join(checked) + ".")
    text.append("Headings, a table of contents to three levels and landmarks help you move around.")
    if found.brief:
        text.append("The book opens with “The report in brief”, a plain-language summary of each chapter.")
    return " ".join(text)


def _meta(parent, prop: str, value: str, **attrs) -> None:
    element = etree.SubElement(parent, f"{{{OPF}}}meta", {"property": prop, **attrs})
    element.text = value
    element.tail = "\n    "


def _finish_package(tree, found: Verified, report: Report, when: dt.datetime) -> None:
    old = tree.getroot().find(f"{{{OPF}}}metadata")
    # pandoc declares xmlns:opf on <metadata> as well as the default namespace, so lxml would
    # write new elements as <opf:meta>: rebuild the element with only the dc: prefix.
    metadata = etree.Element(f"{{{OPF}}}metadata", nsmap={"dc": DC})
    metadata.text, metadata.tail = old.text, old.tail
    metadata.extend(list(old))
    old.getparent().replace(old, metadata)
    for element in list(metadata):
        prop = element.get("property") or ""
        if prop.startswith(("schema:", "a11y:")) or prop in ("dcterms:conformsTo", "dcterms:modified") \
                or element.tag == f"{{{DC}}}source":
            metadata.remove(element)
    last = metadata[-1] if len(metadata) else None
    if last is not None:
        last.tail = "\n    "
    source = etree.SubElement(metadata, f"{{{DC}}}source", {"id": "print-edition"})
    source.text = (f"{report.meta.get('title', '')}, print edition ({PRINT_EDITION}, tagged PDF)"
                   + (f", {report.meta['organisation']}" if report.meta.get("organisation") else "")
                   + (f", {display_date(str(report.meta['date']))}" if report.meta.get("date") else ""))
    source.tail = "\n    "
    if found.pages:  # EPUB 3.3 `source-of`: the page numbers are this edition's
        _meta(metadata, "source-of", "pagination", refines="#print-edition")
    _meta(metadata, "dcterms:modified", when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    modes = ["textual"] + (["visual"] if found.images or found.cover_alt else [])
    for mode in modes:
        _meta(metadata, "schema:accessMode", mode)
    _meta(metadata, "schema:accessModeSufficient", "textual")
    features = ["structuralNavigation", "tableOfContents"]
    if found.images and not found.images_without_alt:
        features.append("alternativeText")
    if found.long_descriptions:
        features.append("longDescription")
    features.append("readingOrder")
    if found.transformable:
        features.append("displayTransformability")
    if found.pages:
        features += ["printPageNumbers", "pageNavigation"]
    for feature in features:
        _meta(metadata, "schema:accessibilityFeature", feature)
    _meta(metadata, "schema:accessibilityHazard", "unknown" if found.hazards else "none")
    _meta(metadata, "schema:accessibilitySummary", accessibility_summary(found, report))
    if found.conforms:
        _meta(metadata, "dcterms:conformsTo", CONFORMS_TO)
        if report.meta.get("certified_by"):
            _meta(metadata, "a11y:certifiedBy", str(report.meta["certified_by"]))
    metadata[-1].tail = "\n  "
    # The cover page is no longer an <svg>: EPUBCheck rejects a property the document does not use.
    for item in tree.getroot().iterfind(f"{{{OPF}}}manifest/{{{OPF}}}item"):
        props = (item.get("properties") or "").split()
        if "svg" in props and item.get("id") == "cover_xhtml":
            props.remove("svg")
            if props:
                item.set("properties", " ".join(props))
            else:
                del item.attrib["properties"]


def _hazards(files: dict[str, bytes], docs: list[_Doc]) -> list[str]:
    found = []
    for doc in docs:
        for tag in ("audio", "video"):
            if next(doc.body.iter(_q(tag)), None) is not None:
                found.append(f"{tag} in {doc.href}")
    for name, data in files.items():
        if name.lower().endswith(".gif") or (name.lower().endswith((".svg", ".css")) and ANIMATION.search(data)):
            found.append(f"possible animation in {name}")
    return found


def _transformable(files: dict[str, bytes]) -> bool:
    styles = [data.decode("utf-8", "replace") for name, data in files.items() if name.endswith(".css")]
    return bool(styles) and not any(FIXED_TEXT_SIZE.search(css) or JUSTIFIED.search(css) or FORCED_COLOUR.search(css)
                                    for css in styles)


# ------------------------------------------------------------------ entry point

def finish(path: Path, report: Report, cover_alt: str | None) -> Verified:
    """Post-process the EPUB at path in place (path is the writer's temporary file)."""
    files = _read_zip(path)
    container = _xml(files["META-INF/container.xml"])
    opf_href = container.getroot().find(f".//{{{CONTAINER}}}rootfile").get("full-path")
    package = _xml(files[opf_href])
    base = posixpath.dirname(opf_href)
    items = {}
    for item in package.getroot().iterfind(f"{{{OPF}}}manifest/{{{OPF}}}item"):
        href = posixpath.normpath(posixpath.join(base, unquote(item.get("href"))))
        items[item.get("id")] = (href, set((item.get("properties") or "").split()))
    nav_href = next(href for href, props in items.values() if "nav" in props)
    docs = []
    for ref in package.getroot().iterfind(f"{{{OPF}}}spine/{{{OPF}}}itemref"):
        href = items[ref.get("idref")][0]
        if href != nav_href:
            tree = _xml(files[href])
            docs.append(_Doc(href, tree, _kind(tree)))

    lang = report.meta.get("lang", "")
    found = Verified(transformable=_transformable(files), hazards=_hazards(files, docs))
    for doc in docs:
        if "cover" in doc.kind:
            if cover_alt:
                _rewrite_cover(doc, cover_alt)
                found.cover_alt = cover_alt
            continue
        if "titlepage" in doc.kind:
            _date_on_title_page(doc, report)
            continue
        _finish_document(doc, lang)
        found.brief |= "abstract" in doc.kind
        found.notes += sum(1 for e in doc.body.iter() if isinstance(e.tag, str) and "endnote" in _types(e))
        if not doc.kind & ADDED_TYPES:
            _count(doc, found)
        found.pages += [(f"{doc.href}#{e.get('id')}", e.get("aria-label") or e.get("id"))
                        for e in doc.body.iter() if _is_pagebreak(e)]

    nav = _xml(files[nav_href])
    _finish_nav(nav, nav_href, docs, found)
    files[nav_href] = _serialise(nav)
    when = build_time(report)
    _finish_package(package, found, report, when)
    files[opf_href] = _serialise(package)
    for doc in docs:
        if doc.changed:
            files[doc.href] = _serialise(doc.tree)
    _write_zip(path, files, when)
    return found
