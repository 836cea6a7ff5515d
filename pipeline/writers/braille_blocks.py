"""The report as print text arranged for braille: what each paragraph says and
where its lines start, before liblouis translates it (braille_pages.py then
sets it in cells and pages).

Indents follow the BANA/UKAAF formats, counted from the first cell: a
paragraph starts in cell 3 and runs over to cell 1 ("3-1"); a list item
starts in cell 1 and runs over to cell 3 ("1-3", two cells deeper for each
nested list); a transcriber's note is set 7-5. Tables are read row by row,
each cell after its column header; pictures become a transcriber's note
("Picture: alt") followed by their long description; decorative pictures are
left out. Footnotes are numbered in the text ("[1]") and collected under
"Notes" at the end of their chapter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from filters import attr_get, table_rows
from filters.figures import is_decorative
from filters.longdesc import LONGDESC_CLASS
from pipeline.writers.text import inline_text

PARAGRAPH = (2, 0)
NOTE = (6, 4)
LIST_STEP = 2
NOTES_HEADING = "Notes"
PICTURE = "Picture: "
DESCRIPTION = "Description: "
TABLE_NOTE = "Table read row by row, each cell after its column heading"


@dataclass(frozen=True)
class Text:
    """Print text set as one braille paragraph."""
    text: str
    first: int = 0  # cells before the first line
    rest: int = 0  # cells before every other line
    heading: int = 0  # heading level (1: chapter), 0: not a heading
    note: bool = False  # a transcriber's note (gets the code's note indicators)
    parts: tuple[tuple[str, str], ...] = ()  # (language tag, text) where a passage is in another language

    def passages(self) -> tuple[tuple[str, str], ...]:
        """(language tag or "" for the report's, print text), in reading order."""
        return self.parts or (("", self.text),)


@dataclass(frozen=True)
class PrintPage:
    """The print edition's page `label` starts here."""
    label: str


def _text(inlines: list) -> str:
    return " ".join(inline_text(inlines).split())


def _parts(inlines: list, lang: str) -> tuple[tuple[str, str], ...]:
    """The inlines as (language, text) runs, `[bore da]{lang=cy}` a run of its own; () when all of
    it is in the report's language."""
    runs: list[list] = []
    for item in inlines:
        tag = attr_get(item["c"][0], "lang") if item["t"] == "Span" else None
        content = item["c"][1] if tag else [item]
        tag = tag or lang
        if runs and runs[-1][0] == tag:
            runs[-1][1].extend(content)
        else:
            runs.append([tag, list(content)])
    if all(tag == "" for tag, _run in runs):
        return ()
    return tuple((tag, re.sub(r"\s+", " ", inline_text(run))) for tag, run in runs)


def _said(inlines: list, lang: str, first: int, rest: int, **more) -> Text:
    return Text(_text(inlines), first, rest, parts=_parts(inlines, lang), **more)


class _Chapter:
    """The footnotes of the chapter being read, numbered as they come."""

    def __init__(self) -> None:
        self.notes: list[list] = []

    def inlines(self, inlines: list, pictures: list) -> list:
        """The inlines with each footnote as its number in brackets; pictures collected, not read."""
        out = []
        for item in inlines:
            t, c = item["t"], item.get("c")
            if t == "Note":
                self.notes.append(c)
                out.append({"t": "Str", "c": f"[{len(self.notes)}]"})
            elif t == "Image":
                pictures.append(item)
                out.append(item)
            elif t in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript"):
                out.append({"t": t, "c": self.inlines(c, pictures)})
            elif t in ("Span", "Link", "Quoted", "Cite"):
                out.append({"t": t, "c": [*c[:1], self.inlines(c[1], pictures), *c[2:]]})
            else:
                out.append(item)
        return out

    def closing(self) -> list:
        if not self.notes:
            return []
        out: list = [Text(NOTES_HEADING, heading=2)]
        for number, blocks in enumerate(self.notes, 1):
            out += _led(f"{number}. ", _blocks(blocks, self, (0, LIST_STEP), False, ""), 0, LIST_STEP)
        self.notes = []
        return out


def _led(lead: str, items: list, first: int, rest: int, note: bool | None = None) -> list:
    """The items with `lead` (a list mark, a note number) before the first one's text."""
    if not items or not isinstance(items[0], Text) or items[0].heading:
        return items
    item = items[0]
    parts = (("", lead), *item.parts) if item.parts else ()
    return [Text(lead + item.text, first, rest, note=item.note if note is None else note, parts=parts), *items[1:]]


def _pictures(images: list, lang: str) -> list[Text]:
    return _concat([_led(PICTURE, [_said(image["c"][1], lang, *NOTE)], *NOTE, note=True) for image in images
                    if not is_decorative(image) and _text(image["c"][1])])


def _concat(lists: list[list]) -> list:
    return [item for items in lists for item in items]


def _cell(cell, lang: str) -> Text:
    inlines = _concat([b["c"] + [{"t": "Space"}] for b in cell[4] if b["t"] in ("Para", "Plain")])
    return _said(inlines, lang, 0, 0)


def _table(c, chapter: _Chapter, note: bool, lang: str) -> list:
    """Row by row, each cell after its column heading, with a note saying so."""
    caption, head = c[1], c[3]
    out = _blocks(caption[1], chapter, PARAGRAPH, note, lang)
    out.append(Text(TABLE_NOTE, *NOTE, note=True))
    headers = [_cell(cell, lang) for cell in head[1][-1][1]] if head[1] else []
    for row in table_rows(c)[len(head[1]):]:  # each cell is said after its heading, not the heading row again
        parts: list[tuple[str, str]] = []
        for index, cell in enumerate(row[1]):
            value = _cell(cell, lang)
            if not value.text:
                continue
            said = (*(headers[index].passages() if index < len(headers) and headers[index].text else ()),)
            parts += [("", "; ")] * bool(parts) + [*said, ("", ": ")] * bool(said) + [*value.passages()]
        if parts:
            out.append(Text("".join(text for _tag, text in parts), 0, LIST_STEP, note=note, parts=tuple(parts)))
    return out


def _blocks(blocks: list, chapter: _Chapter, indent: tuple[int, int], note: bool, lang: str) -> list:
    out: list = []
    for block in blocks:
        t, c = block["t"], block.get("c")
        if t in ("Para", "Plain"):
            pictures: list = []
            said = _said(chapter.inlines(c, pictures), lang, *indent, note=note)
            out += [said] * bool(said.text) + _pictures(pictures, lang)
        elif t == "Header":
            out.append(_said(chapter.inlines(c[2], []), attr_get(c[1], "lang") or lang, 0, 0, heading=c[0]))
        elif t == "LineBlock":
            out += [_said(chapter.inlines(line, []), lang, indent[1], indent[1] + LIST_STEP, note=note) for line in c]
        elif t in ("BulletList", "OrderedList"):
            items, start = (c, 1) if t == "BulletList" else (c[1], c[0][0])
            depth = indent[1] if indent != PARAGRAPH else 0
            for number, item in enumerate(items, start):
                inner = _blocks(item, chapter, (depth, depth + LIST_STEP), note, lang)
                out += _led("• " if t == "BulletList" else f"{number}. ", inner, depth, depth + LIST_STEP)
        elif t == "Figure":
            pictures: list = []
            for inner in c[2]:
                if inner["t"] in ("Para", "Plain"):
                    chapter.inlines(inner["c"], pictures)
            out += _pictures(pictures, lang)
            out += _blocks(c[1][1], chapter, PARAGRAPH, note, lang)
            out += _blocks([b for b in c[2] if b["t"] not in ("Para", "Plain")], chapter, indent, note, lang)
        elif t == "Div" and LONGDESC_CLASS in c[0][1]:
            out += _led(DESCRIPTION, _blocks(c[1], chapter, NOTE, True, lang), *NOTE, note=True)
        elif t in ("Div", "BlockQuote"):
            inner_lang = (attr_get(c[0], "lang") or lang) if t == "Div" else lang
            out += _blocks(c[1] if t == "Div" else c, chapter, indent, note, inner_lang)
        elif t == "DefinitionList":
            for term, definitions in c:
                meaning = _concat([b["c"] + [{"t": "Space"}] for d in definitions for b in d
                                   if b["t"] in ("Para", "Plain")])
                colon = [{"t": "Str", "c": ":"}, {"t": "Space"}]
                out.append(_said(chapter.inlines(term, []) + colon + meaning, lang, 0, LIST_STEP, note=note))
        elif t == "Table":
            out += _table(c, chapter, note, lang)
        elif t == "CodeBlock":
            out += [Text(line, 0, LIST_STEP, note=note) for line in c[1].splitlines() if line.strip()]
    return out


def layout_items(doc: dict, page_starts: dict[int, int]) -> list:
    """Text and PrintPage items for the whole tree, footnotes at the end of each chapter."""
    chapter = _Chapter()
    items: list = []
    last = 0
    for index, block in enumerate(doc["blocks"]):
        if block["t"] == "Header" and block["c"][0] == 1:
            items += chapter.closing()
        page = page_starts.get(index)
        if page is not None and page > last:
            items.append(PrintPage(str(page) if page == last + 1 or not last else f"{last + 1}–{page}"))
            last = page
        items += _blocks([block], chapter, PARAGRAPH, False, "")
    return items + chapter.closing()
