"""How bold and how big a Word paragraph's text really is, styles included.

pandoc keeps bold set on the text itself but drops bold and font size that come
from a paragraph style, so a "heading" made with a style such as "Big bold"
arrives as a plain paragraph. Word decides a run's look from, weakest first:
the document defaults, the paragraph style (and the styles it is based on),
the character style, and the run's own settings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADING_NAME = re.compile(r"^(heading \d|title|subtitle)$", re.I)
OFF = {"0", "false", "off"}
DEFAULT_SIZE = 22  # half-points: Word's 11 pt when a document sets none


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class Look:
    bold: bool | None = None
    size: int | None = None  # half-points

    def over(self, weaker: Look) -> Look:
        return Look(self.bold if self.bold is not None else weaker.bold,
                    self.size if self.size is not None else weaker.size)


def look_of(rpr) -> Look:
    """The bold and size set in one w:rPr (None where it sets nothing)."""
    if rpr is None:
        return Look()
    bold = rpr.find(w("b"))
    size = rpr.find(w("sz"))
    return Look(None if bold is None else bold.get(w("val"), "1").lower() not in OFF,
                int(size.get(w("val"))) if size is not None and (size.get(w("val")) or "").isdigit() else None)


class Styles:
    """The styles of one document, read from word/styles.xml (or none)."""

    def __init__(self, root: etree._Element | None):
        self.by_id: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self.defaults = Look(False, DEFAULT_SIZE)
        if root is None:
            return
        rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.defaults = look_of(rpr).over(self.defaults)
        for style in root.iter(w("style")):
            style_id = style.get(w("styleId"))
            if style_id:
                self.by_id[style_id] = style
                if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                    self.default_paragraph = style_id

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        chain, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return chain

    def style_look(self, style_id: str | None) -> Look:
        look = Look()
        for style in self._chain(style_id):
            look = look.over(look_of(style.find(w("rPr"))))
        return look

    def is_heading_style(self, style_id: str | None) -> bool:
        """A style pandoc reads as a heading or title: by name, or with an outline level."""
        for style in self._chain(style_id):
            name = style.find(w("name"))
            if name is not None and HEADING_NAME.match(name.get(w("val"), "")):
                return True
            if style.find(f"{w('pPr')}/{w('outlineLvl')}") is not None:
                return True
        return False

    def name(self, style_id: str | None) -> str:
        """The style's name as Word shows it ("Section title"; its id is "Sectiontitle")."""
        found = self.by_id[style_id].find(w("name")) if style_id in self.by_id else None
        return found.get(w("val"), style_id) if found is not None else str(style_id)

    def paragraph_style(self, paragraph) -> str | None:
        found = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        return found.get(w("val")) if found is not None else self.default_paragraph

    def body_size(self) -> int:
        return self.style_look(self.default_paragraph).over(self.defaults).size or DEFAULT_SIZE

    def run_looks(self, paragraph, runs) -> list[Look]:
        """The effective look of each run of paragraph, strongest setting first."""
        base = self.style_look(self.paragraph_style(paragraph)).over(self.defaults)
        looks = []
        for run in runs:
            rpr = run.find(w("rPr"))
            character = rpr.find(w("rStyle")) if rpr is not None else None
            look = look_of(rpr).over(self.style_look(character.get(w("val")) if character is not None else None))
            looks.append(look.over(base))
        return looks
