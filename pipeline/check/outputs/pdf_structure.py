"""A tagged PDF's structure tree as the output checks need it: headings
(level and text) and the /Alt of every /Figure, in reading order.

Heading text is the element's /ActualText, else its /T, else the text of its
marked content, read with PDFium (pdf_text.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

import pikepdf

from pipeline.check.outputs.compare import norm
from pipeline.check.outputs.pdf_text import MarkedText


STANDARD_HEADING = re.compile(r"^/H([1-6])$")


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _is_struct_element(kid) -> bool:
    # Marked-content and object references (/MCR, /OBJR) are dictionaries too, but have no /S.
    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


def _struct_elements(node, seen: set | None = None) -> Iterator[pikepdf.Dictionary]:
    """Structure elements under node, in tree (reading) order."""
    seen = set() if seen is None else seen
    for kid in _as_list(node.get("/K")):
        if not _is_struct_element(kid):
            continue
        if kid.is_indirect:
            if kid.objgen in seen:  # a malformed tree can loop; reading order never revisits
                continue
            seen.add(kid.objgen)
        yield kid
        yield from _struct_elements(kid, seen)


def _role(element, role_map) -> str:
    """The standard structure type: custom roles are mapped through /RoleMap."""
    role = str(element.get("/S"))
    for _ in range(10):  # role maps can chain; a cycle must not hang the validator
        if role_map is None or role not in role_map:
            break
        role = str(role_map[role])
    return role


PageText = Callable[[pikepdf.Dictionary | None, int], str]  # (the /Pg page, MCID) -> text


def _heading_text(element, marked: PageText) -> str:
    """What a heading says: /ActualText, else /T, else its marked content."""
    for key in ("/ActualText", "/T"):
        if key in element:
            return norm(str(element[key]))
    return norm(_content_text(element, element.get("/Pg"), marked))


def _content_text(element, page, marked: PageText) -> str:
    parts = []
    for kid in _as_list(element.get("/K")):
        if isinstance(kid, int) and not isinstance(kid, bool):
            parts.append(marked(page, kid))
        elif _is_struct_element(kid):
            parts.append(str(kid["/ActualText"]) if "/ActualText" in kid
                         else _content_text(kid, kid.get("/Pg", page), marked))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR" and "/Stm" not in kid:
            parts.append(marked(kid.get("/Pg", page), int(kid["/MCID"])))
    return "".join(parts)


def _page_text(pdf: pikepdf.Pdf, text: MarkedText) -> PageText:
    """Marked-content text looked up by the page dictionary a structure element names in /Pg."""
    numbers: dict[tuple[int, int], int] = {}

    def lookup(page, mcid: int) -> str:
        if not numbers:
            numbers.update((p.obj.objgen, i) for i, p in enumerate(pdf.pages))
        index = numbers.get(page.objgen) if isinstance(page, pikepdf.Dictionary) else None
        return "" if index is None else text.text(index, mcid)
    return lookup


@dataclass
class PdfStructure:
    headings: list[tuple[int, str]]  # (H level, text), in tree order, "Contents" left out
    figure_alts: list[str | None]


def read_structure(pdf: pikepdf.Pdf, tree, text: MarkedText) -> PdfStructure:
    role_map = tree.get("/RoleMap")
    elements = [(_role(e, role_map), e) for e in _struct_elements(tree)]
    marked = _page_text(pdf, text)
    headings, alts = [], []
    for i, (role, element) in enumerate(elements):
        if role == "/Figure":
            alts.append(str(element["/Alt"]) if "/Alt" in element else None)
        level = STANDARD_HEADING.match(role)
        if not level:
            continue
        # The template's own "Contents" heading introduces the /TOC; it is not a chapter.
        following = elements[i + 1][0] if i + 1 < len(elements) else None
        if following == "/TOC":
            continue
        headings.append((int(level.group(1)), _heading_text(element, marked)))
    return PdfStructure(headings, alts)
