"""Reading elements of built HTML and XHTML (lxml trees of either parser)."""
from __future__ import annotations

from lxml import etree

from pipeline.check.outputs.compare import norm


HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}


def local_name(tag) -> str:
    """Element name without namespace; '' for comments and processing instructions."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def element_text(element) -> str:
    """Text of a heading without footnote markers (they are not part of the heading)."""
    parts = [element.text or ""]
    for child in element:
        if local_name(child.tag) and "footnote-ref" not in classes(child):
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return norm("".join(parts))


def inside(element, name: str) -> bool:
    return any(local_name(a.tag) == name for a in element.iterancestors())


def headings_in(root) -> list[tuple[int, str]]:
    """(h level, text) of every h1–h6 under root, in document order."""
    return [(HEADING_TAGS[local_name(e.tag)], element_text(e))
            for e in root.iter() if local_name(e.tag) in HEADING_TAGS]
