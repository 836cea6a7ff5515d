"""The EPUB's accessibility metadata, from what the build verified in the
content documents as written (pipeline/writers/epub_package.py finds it).

* Verify what the metadata will claim: informative images with alt text,
  decorative images hidden, long descriptions linked, tables with header
  cells, notes, page markers, a stylesheet without fixed text sizes or
  justified text, nothing that moves or plays. The accessibilitySummary is
  generated from these counts, and a claim that does not hold is not made.
* Package document: pandoc asserts a fixed set of schema.org accessibility
  properties without looking at the content (accessMode textual only, no
  summary); they are replaced by the verified set, with dcterms:conformsTo,
  a11y:certifiedBy (report.yaml `certified_by`) and dc:source naming the
  print edition the page numbers come from. dcterms:modified is the build's
  fixed time (pipeline/reproducible.py), not the clock.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lxml import etree

from pipeline.epub_book import DC, OPF, XHTML, Page
from pipeline.source import Report
from pipeline.writers import display_date

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
PRINT_EDITION = "report.pdf"
HEADER_SCOPES = {"col", "row", "colgroup", "rowgroup"}
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


def _q(name: str) -> str:
    return f"{{{XHTML}}}{name}"


# ------------------------------------------------------------------ what the content documents hold

def count_images_and_tables(page: Page, found: Verified) -> None:
    ids = {e.get("id") for e in page.body.iter() if isinstance(e.tag, str) and e.get("id")}
    for img in page.body.iter(_q("img")):
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
    for table in page.body.iter(_q("table")):
        found.tables += 1
        headers = list(table.iter(_q("th")))
        if headers and all(th.get("scope") in HEADER_SCOPES for th in headers):
            found.tables_with_headers += 1


def hazards(files: dict[str, bytes], pages: list[Page]) -> list[str]:
    found = []
    for page in pages:
        for tag in ("audio", "video"):
            if next(page.body.iter(_q(tag)), None) is not None:
                found.append(f"{tag} in {page.href}")
    for name, data in files.items():
        if name.lower().endswith(".gif") or (name.lower().endswith((".svg", ".css")) and ANIMATION.search(data)):
            found.append(f"possible animation in {name}")
    return found


def transformable(files: dict[str, bytes]) -> bool:
    styles = [data.decode("utf-8", "replace") for name, data in files.items() if name.endswith(".css")]
    return bool(styles) and not any(FIXED_TEXT_SIZE.search(css) or JUSTIFIED.search(css) or FORCED_COLOUR.search(css)
                                    for css in styles)


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


def finish_package(tree, found: Verified, report: Report, when: dt.datetime) -> None:
    """Replace pandoc's accessibility metadata in the package document by what was verified."""
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
