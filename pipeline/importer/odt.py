"""Read an OpenDocument text (.odt, LibreOffice, Google Docs' ODT export): pandoc's odt
reader for the text, content.xml for what it loses (measured on pandoc 3.9): alt
text (`svg:title`/`svg:desc` of a frame) and "decorative" (`loext:decorative`),
header rows, text boxes, the Title paragraph, bold or large type set by a
paragraph style, and the title and language in meta.xml.

The page of a paragraph comes from `text:soft-page-break`, which LibreOffice
writes where its last layout broke the pages.
"""
from __future__ import annotations

import json
import re
import tempfile
import zipfile
from pathlib import Path

from pipeline.check.rules.headings import FAKE_HEADING_MAX_WORDS
from pipeline.check.rules.headings import _looks_like_prose as looks_like_prose
from pipeline.diagnostics import ReportError
from pipeline.importer.markers import marker
from pipeline.importer.original import Original, PictureFacts, TableFacts
from pipeline.importer.repairs import Repairs
from pipeline.importer.safety import parse_xml, read_zip, serialize
from pipeline.pandoc import run_pandoc

NS = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
      "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
      "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
      "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
      "xlink": "http://www.w3.org/1999/xlink",
      "dc": "http://purl.org/dc/elements/1.1/"}
LARGE = 1.15
PROGRAM = "LibreOffice"


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def read_odt(path: Path) -> Original:
    entries = read_zip(path, PROGRAM)
    parts = {name: parse_xml(data, name, path, PROGRAM) for name, data in entries.items() if name.endswith(".xml")}
    content = parts.get("content.xml")
    body = content.find(f"{q('office:body')}/{q('office:text')}") if content is not None else None
    if body is None:
        raise ReportError("the file has no text (content.xml), so it is not an OpenDocument text", path,
                          fix="open it in LibreOffice and save it as ODF Text Document (.odt)")
    if body.find(f".//{q('text:changed-region')}") is not None:
        raise ReportError("the document has tracked changes that nobody has accepted or rejected yet; the importer "
                          "will not decide which version of the text is published", path,
                          fix="accept or reject the changes first: in LibreOffice, Edit > Track Changes > Manage, "
                              "Accept All (or Reject All), then save and import it again")
    repairs = Repairs()
    numbers, pages = _number(body)
    original = Original(path, "OpenDocument", {}, lambda label: _describe(label, pages), repairs=repairs)
    _drop_annotations(body, numbers, repairs)
    _title_paragraph(body, parts, original)
    _flatten_text_boxes(body, numbers, repairs)
    _pictures(body, numbers, original)
    _tables(body, numbers, original)
    _styled_headings(body, numbers, parts, original)
    for element, number in numbers.items():
        element.text = marker(f"p{number}") + (element.text or "")
    _properties(parts, original)
    for name, root in parts.items():
        entries[name] = serialize(root)
    original.tree = _pandoc(entries, path)
    original.media = entries.get
    return original


def _describe(label: str, pages: dict[int, int]) -> str:
    number = int(label[1:])
    return f"paragraph {number}" + (f", page {pages[number]}" if pages else "")


def _paragraphs(body) -> list:
    return [p for p in body.iter(q("text:p"), q("text:h"))
            if not any(a.tag in (q("office:annotation"), q("text:note-body")) for a in p.iterancestors())]


def _number(body) -> tuple[dict, dict[int, int]]:
    numbers, pages, page, soft = {}, {}, 1, False
    for element in body.iter():
        if element.tag == q("text:soft-page-break"):
            page, soft = page + 1, True
        elif element.tag in (q("text:p"), q("text:h")) and not any(
                a.tag in (q("office:annotation"), q("text:note-body")) for a in element.iterancestors()):
            numbers[element] = len(numbers) + 1
            pages[numbers[element]] = page
    return numbers, pages if soft else {}


def _label(numbers: dict, element) -> str | None:
    paragraph = element if element in numbers else next((a for a in element.iterancestors() if a in numbers), None)
    return f"p{numbers[paragraph]}" if paragraph is not None else None


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _drop_annotations(body, numbers: dict, repairs: Repairs) -> None:
    for note in list(body.iter(q("office:annotation"))):
        author = note.findtext(q("dc:creator")) or "someone"
        said = " ".join(_text(p) for p in note.iter(q("text:p")))
        said = f': "{said[:80]}{"…" if len(said) > 80 else ""}"' if said else ""
        repairs.add("notes", f"a comment by {author}{said} was left out (comments are never published; check it "
                             "asked for nothing still to do)", _label(numbers, note), now="left out")
        note.getparent().remove(note)
    for end in list(body.iter(q("office:annotation-end"))):
        end.getparent().remove(end)


def _title_paragraph(body, parts: dict, original: Original) -> None:
    """A paragraph in the Title style is the report's title, not its first paragraph."""
    title = next((p for p in body.iter(q("text:p")) if p.get(q("text:style-name")) == "Title"), None)
    if title is not None and _text(title):
        original.title, original.title_from = _text(title), "the paragraph in the Title style"
        title.getparent().remove(title)


def _flatten_text_boxes(body, numbers: dict, repairs: Repairs) -> None:
    for frame in list(body.iter(q("draw:frame"))):
        box = frame.find(q("draw:text-box"))
        if box is None or frame.getparent() is None:
            continue
        anchor = next((a for a in frame.iterancestors() if a.tag in (q("text:p"), q("text:h"))), None)
        if anchor is None:
            continue
        blocks = list(box)
        for block in reversed(blocks):
            anchor.addnext(block)
        frame.getparent().remove(frame)
        first = next((p for b in blocks for p in b.iter(q("text:p"), q("text:h")) if p in numbers), None)
        repairs.add("flattened", "a text box was flattened: its text now follows the paragraph it was anchored to; "
                                 "check it reads in the right place", _label(numbers, first if first is not None
                                                                              else anchor))


def _pictures(body, numbers: dict, original: Original) -> None:
    for paragraph in _paragraphs(body):
        frames = [f for f in paragraph.iter(q("draw:frame")) if f.find(q("draw:image")) is not None
                  and next((a for a in f.iterancestors() if a.tag in (q("text:p"), q("text:h"))), None) is paragraph]
        for index, frame in enumerate(frames):
            alt = frame.findtext(q("svg:title"))
            if alt is None:
                alt = frame.findtext(q("svg:desc"))
            decorative = any(name.rsplit("}", 1)[-1] == "decorative" and value == "true"
                             for name, value in frame.attrib.items())
            original.pictures[(_label(numbers, paragraph), index)] = PictureFacts(alt, decorative)


def _tables(body, numbers: dict, original: Original) -> None:
    for table in body.iter(q("table:table")):
        first = next(table.iter(q("text:p"), q("text:h")), None)
        if first is None or first not in numbers:
            continue
        rows = list(table.iter(q("table:table-row")))
        cells = [c for c in table.iter(q("table:table-cell"))]
        layout = ""
        if len(cells) == 1:
            layout = "a one-cell box"
        elif len(rows) <= 2 and table.find(f".//{q('draw:image')}") is not None:
            layout = "it places pictures beside text"
        header = table.find(q("table:table-header-rows")) is not None
        original.tables[_label(numbers, first)] = TableFacts(
            layout, header, 'its first row is marked "Repeat heading"' if header else "no row is marked as a heading")


def _style_looks(parts: dict) -> dict[str, tuple[bool | None, float | None, str | None]]:
    """style name -> (bold, size in pt or None, parent) for paragraph styles in styles.xml and content.xml."""
    looks = {}
    for name in ("styles.xml", "content.xml"):
        root = parts.get(name)
        for style in (root.iter(q("style:style")) if root is not None else []):
            props = style.find(q("style:text-properties"))
            weight = props.get(q("fo:font-weight")) if props is not None else None
            size = props.get(q("fo:font-size")) if props is not None else None
            points = float(size[:-2]) if size and size.endswith("pt") else None
            looks[style.get(q("style:name"))] = (None if weight is None else weight in ("bold", "600", "700", "800",
                                                                                         "900"),
                                                 points, style.get(q("style:parent-style-name")))
    return looks


def _resolved(looks: dict, name: str | None) -> tuple[bool, float | None]:
    bold, size, seen = None, None, set()
    while name and name in looks and name not in seen:
        seen.add(name)
        own_bold, own_size, name = looks[name]
        bold = own_bold if bold is None else bold
        size = own_size if size is None else size
    return bool(bold), size


def _styled_headings(body, numbers: dict, parts: dict, original: Original) -> None:
    looks = _style_looks(parts)
    body_size = _resolved(looks, "Standard")[1] or _resolved(looks, "Text_20_body")[1] or 12.0
    found = []
    paragraphs = [p for p in _paragraphs(body) if p.tag == q("text:p") and _text(p)]
    for position, paragraph in enumerate(paragraphs[:-1]):
        text = _text(paragraph)
        if any(a.tag in (q("table:table"), q("text:list")) for a in paragraph.iterancestors()) or \
                len(text.split()) > FAKE_HEADING_MAX_WORDS or text[-1] in ".!?;,:" or looks_like_prose(text):
            continue
        bold, size = _resolved(looks, paragraph.get(q("text:style-name")))
        if bold or (size or body_size) >= body_size * LARGE:
            look = " ".join(filter(None, (f"{size:g} pt" if (size or body_size) >= body_size * LARGE else "",
                                          "bold" if bold else "")))
            found.append((_label(numbers, paragraph), size or body_size,
                          f'set in {look} by its paragraph style "{paragraph.get(q("text:style-name"))}"'))
    sizes = sorted({size for _l, size, _why in found}, reverse=True)  # larger type: a higher level
    original.fake_headings = {label: (sizes.index(size) + 1, why) for label, size, why in found}
    original.fake_heading_rule = (f"a paragraph of at most {FAKE_HEADING_MAX_WORDS} words, not ending like a "
                                  f"sentence, with text after it, set all in bold or at least {LARGE:.2f} times the "
                                  "body text's size, by its paragraph style or by the text itself")


def _properties(parts: dict, original: Original) -> None:
    meta = parts.get("meta.xml")
    if meta is not None:
        title = " ".join((meta.findtext(f".//{q('dc:title')}") or "").split())
        if title:
            original.title, original.title_from = title, "the document's properties"
        language = (meta.findtext(f".//{q('dc:language')}") or "").strip()
        if language:
            original.lang, original.lang_from = language, "the document's properties"
        original.description = " ".join((meta.findtext(f".//{q('dc:description')}") or "").split())
    styles = parts.get("styles.xml")
    if not original.lang and styles is not None:
        for props in styles.iter(q("style:text-properties")):
            language, country = props.get(q("fo:language")), props.get(q("fo:country"))
            if language and re.fullmatch(r"[a-z]{2,3}", language):
                original.lang = f"{language}-{country}" if country and country.isalpha() else language
                original.lang_from = "the document's default language"
                break


def _pandoc(entries: dict[str, bytes], path: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="import-") as work:
        prepared = Path(work) / "prepared.odt"
        with zipfile.ZipFile(prepared, "w") as archive:
            for name, data in entries.items():
                method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
        return json.loads(run_pandoc(["-f", "odt", "-t", "json", "--sandbox", prepared.name], b"", Path(work), path))
