"""Read a Word .docx: pandoc's docx reader for the text, and the original XML for
what that reader loses (measured on pandoc 3.9):

- "mark as decorative" (`adec:decorative` in the picture's `wp:docPr`);
- bold and font size that come from a paragraph style (fake headings made with a style);
- "repeat as header row" (`w:tblHeader`), and which tables only lay things out;
- text boxes (flattened into the text before pandoc reads it), charts and SmartArt;
- the title, language and organisation in the document's properties.
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
from pipeline.importer import docx_prepare
from pipeline.importer.docx_styles import Styles, w
from pipeline.importer.markers import strip_markers
from pipeline.importer.original import Original, PictureFacts, TableFacts
from pipeline.importer.repairs import Repairs
from pipeline.importer.safety import parse_xml, read_zip, serialize
from pipeline.pandoc import run_pandoc

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DC = "http://purl.org/dc/elements/1.1/"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
LARGE = 1.15  # type this much bigger than the body text reads as a heading
JUNK_TITLE = re.compile(r"^(document\s*\d*|untitled( document)?|microsoft word - .*|title)$", re.I)
FIRST_ROW_BIT = 0x0020  # w:tblLook's w:val bit for the "Header Row" option


def read_docx(path: Path) -> Original:
    entries = read_zip(path, "Word")
    parts = {name: parse_xml(data, name, path, "Word") for name, data in entries.items()
             if name.endswith((".xml", ".rels"))}
    document = parts.get("word/document.xml")
    if document is None:
        raise ReportError("the file has no word/document.xml, so it is not a Word document", path,
                          fix="open it in Word and save it as Word Document (.docx)")
    numbers, pages = docx_prepare.number_paragraphs(document)

    def describe(label: str) -> str:
        number = int(label[1:])
        page = pages.of(number)
        return f"Word paragraph {number}" + (f", {page}" if page else "")

    notes = {"footnotes": parts.get("word/footnotes.xml"), "endnotes": parts.get("word/endnotes.xml")}
    docx_prepare.refuse_tracked_changes({"document": document, **{k: v for k, v in notes.items() if v is not None}},
                                        numbers, path, describe)
    repairs = Repairs()
    docx_prepare.drop_comments(document, parts.get("word/comments.xml"), numbers, repairs)
    docx_prepare.flatten_text_boxes(document, numbers, repairs)
    styles = Styles(parts.get("word/styles.xml"))
    original = Original(path, "Word", {}, describe, repairs=repairs)
    _pictures(document, numbers, parts.get("word/_rels/document.xml.rels"), original)
    _tables(document, numbers, original)
    _fake_headings(document, numbers, styles, original)
    _page_breaks(document, numbers, repairs)
    _properties(parts, original)
    for name, root in parts.items():
        entries[name] = serialize(root)
    original.tree = _pandoc(entries, path)
    original.media = lambda src: entries.get(f"word/{src}")
    return original


def _pandoc(entries: dict[str, bytes], path: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="import-") as work:
        prepared = Path(work) / "prepared.docx"
        with zipfile.ZipFile(prepared, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
        # --sandbox: pandoc reads only the file named here, and fetches nothing linked from it
        return json.loads(run_pandoc(["-f", "docx", "-t", "json", "--sandbox", prepared.name], b"", Path(work), path))


def _label(numbers: dict, paragraph) -> str | None:
    return f"p{numbers[paragraph]}" if paragraph in numbers else None


def _pictures(document, numbers: dict, rels_root, original: Original) -> None:
    external = set()
    if rels_root is not None:
        external = {rel.get("Id") for rel in rels_root if rel.get("TargetMode") == "External"}
    for paragraph in docx_prepare.paragraphs(document):
        index = 0
        for drawing in paragraph.iter(w("drawing")):
            if docx_prepare.in_fallback(drawing):
                continue
            data = drawing.find(f".//{{{A}}}graphicData")
            uri = data.get("uri", "") if data is not None else ""
            label = _label(numbers, paragraph)
            if uri in (CHART, DIAGRAM):
                what = "a chart" if uri == CHART else "a SmartArt diagram"
                original.repairs.add("refused", f"{what} was left out: pandoc cannot read it. In Word, right-click "
                                                "it, Save as Picture, insert the picture with alt text (and the "
                                                "chart's figures in a table or in words), and import again", label,
                                     now="left out")
                continue
            blip = drawing.find(f".//{{{A}}}blip")
            if blip is None:
                continue
            if blip.get(f"{{{R}}}embed") is None and blip.get(f"{{{R}}}link") in external:
                original.repairs.add("refused", "a picture linked from outside the file was not fetched (the "
                                                "importer never goes online): insert the picture itself in Word "
                                                "and import again", label, now="left out")
                continue
            properties = drawing.find(f".//{{{WP}}}docPr")
            alt = properties.get("descr") if properties is not None else None
            decorative = properties is not None and any(
                etree_local(e) == "decorative" and (e.get("val") or "").lower() in ("1", "true")
                for e in properties.iter())
            floating = drawing.find(f"{{{WP}}}anchor") is not None
            original.pictures[(label, index)] = PictureFacts(alt, decorative, floating)
            index += 1


def etree_local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(paragraph) -> str:
    return strip_markers("".join(t.text or "" for t in paragraph.iter(w("t")))).strip()


def _tables(document, numbers: dict, original: Original) -> None:
    for table in document.iter(w("tbl")):
        if docx_prepare.in_fallback(table):
            continue
        first = next(table.iter(w("p")), None)
        label = _label(numbers, first)
        if label is None:
            continue
        rows = table.findall(w("tr"))
        cells = [row.findall(w("tc")) for row in rows]
        original.tables[label] = TableFacts(layout=_layout_reason(rows, cells), **_header(table, rows, cells))


def _layout_reason(rows, cells) -> str:
    count = sum(len(row) for row in cells)
    if count == 1:
        return "a one-cell box"
    pictures = any(cell.find(f".//{w('drawing')}") is not None or cell.find(f".//{w('pict')}") is not None
                   for row in cells for cell in row)
    if pictures and len(rows) <= 2:
        return "it places pictures beside text"
    if len(rows) == 1 and any(len(cell.findall(w("p"))) > 1 or len(_cell_text(cell)) > 200 for cell in cells[0]):
        return "it sets text in columns"
    return ""


def _cell_text(cell) -> str:
    return " ".join(_text(p) for p in cell.iter(w("p")) if _text(p))


def _header(table, rows, cells) -> dict:
    if not rows:
        return {}
    repeat = rows[0].find(f"{w('trPr')}/{w('tblHeader')}")
    if repeat is not None and repeat.get(w("val"), "1").lower() not in ("0", "false", "off"):
        return {"header": True, "header_why": 'its first row is marked "Repeat as header row"'}
    look = table.find(f"{w('tblPr')}/{w('tblLook')}")
    option = False
    if look is not None:
        value = look.get(w("firstRow"))
        option = value in ("1", "true", "on") if value is not None else \
            bool(int(look.get(w("val"), "0") or "0", 16) & FIRST_ROW_BIT)
    texts = [_cell_text(cell) for cell in cells[0]]
    looks_like_header = len(rows) > 1 and all(texts) and all(len(t) <= 60 for t in texts) and \
        not all(re.fullmatch(r"[\d.,%£$€\s-]+", t) for t in texts)
    if option and looks_like_header:
        return {"header": True, "header_why": 'the table has Word\'s "Header Row" option on and its first row '
                                              "names the columns"}
    return {"header": False, "header_why": "Word marks no header row" if not option else
            'the "Header Row" option is on, but the first row holds data, not column names'}


def _fake_headings(document, numbers: dict, styles: Styles, original: Original) -> None:
    body_size = styles.body_size()
    found: list[tuple[str, int, str]] = []
    previous_heading = False
    blocks = [p for p in docx_prepare.paragraphs(document) if _text(p)]
    for position, paragraph in enumerate(blocks):
        style = styles.paragraph_style(paragraph)
        if styles.is_heading_style(style):
            previous_heading = True
            continue
        text, after = _text(paragraph), blocks[position + 1] if position + 1 < len(blocks) else None
        candidate = (not any(a.tag == w("tbl") for a in paragraph.iterancestors())
                     and paragraph.find(f"{w('pPr')}/{w('numPr')}") is None
                     and len(text.split()) <= FAKE_HEADING_MAX_WORDS and text[-1] not in ".!?;,:"
                     and not looks_like_prose(text) and after is not None and not previous_heading)
        previous_heading = False
        if not candidate:
            continue
        runs = [r for r in paragraph.iter(w("r")) if strip_markers("".join(t.text or "" for t in r.iter(w("t")))).strip()]
        looks = styles.run_looks(paragraph, runs)
        bold = bool(looks) and all(look.bold for look in looks)
        size = max((look.size or body_size) for look in looks) if looks else body_size
        if bold or size >= body_size * LARGE:
            by_style = styles.style_look(style).bold or styles.style_look(style).size
            look = " ".join(filter(None, (f"{size / 2:g} pt" if size >= body_size * LARGE else "", "bold" if bold else "")))
            name = f' by its paragraph style "{styles.name(style)}"' if by_style else ""
            found.append((_label(numbers, paragraph), size, f"set in {look}{name}"))
    # Larger type is a higher level; bold alone does not make a level (18 pt and 18 pt bold are one level).
    sizes = sorted({size for _label_, size, _why in found}, reverse=True)
    for label, size, why in found:
        original.fake_headings[label] = (sizes.index(size) + 1, why)
    original.fake_heading_rule = (
        f"a paragraph of at most {FAKE_HEADING_MAX_WORDS} words, not ending like a sentence, with text after it, "
        f"set all in bold or at least {LARGE:.2f} times the body text's size ({body_size / 2:g} pt) — by the "
        "text itself or by its paragraph style — and not in a table or list; larger type makes a higher level")


def _page_breaks(document, numbers: dict, repairs: Repairs) -> None:
    labels = []
    for paragraph in docx_prepare.paragraphs(document):
        if any(br.get(w("type")) == "page" for br in paragraph.iter(w("br"))) or \
                paragraph.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None:
            labels.append(_label(numbers, paragraph))
    repairs.removed("tidy", ("manual page break (the editions break pages themselves)",
                             "manual page breaks (the editions break pages themselves)"), labels)


def _properties(parts: dict, original: Original) -> None:
    core = parts.get("docProps/core.xml")
    if core is not None:
        title = " ".join("".join(core.findtext(f"{{{DC}}}title") or "").split())
        if title and not JUNK_TITLE.match(title):
            original.title, original.title_from = title, "the document's properties (File > Info > Title)"
        language = (core.findtext(f"{{{DC}}}language") or "").strip()
        if language:
            original.lang, original.lang_from = language, "the document's properties"
        original.description = " ".join((core.findtext(f"{{{DC}}}description") or "").split())
    app = parts.get("docProps/app.xml")
    if app is not None:
        company = next((e.text for e in app.iter() if etree_local(e) == "Company" and e.text), "")
        original.organisation = company.strip()
    if not original.lang:
        styles = parts.get("word/styles.xml")
        lang = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}") if styles is not None \
            else None
        if lang is None and parts.get("word/settings.xml") is not None:
            lang = parts["word/settings.xml"].find(w("themeFontLang"))
        if lang is not None and lang.get(w("val")):
            original.lang, original.lang_from = lang.get(w("val")), "Word's language setting"
