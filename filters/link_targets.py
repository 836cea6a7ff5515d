"""In the EPUB and the PDF, every link has a target inside that file or on the web.

They are single files, read away from the web pages: a relative link to
another edition (`report.pdf`, `summary.html`) points at nothing there. It
becomes absolute against `base_url:` (report.yaml), or else just its words.
A link to an `#id` that this edition does not have (the validator's
link-anchor-missing rule reports the report's own; the easy-read tree keeps
only the summaries, and Typst labels only headings, blocks, spans, figures
and tables) also becomes its words: Typst stops the whole PDF on a missing
label, and EPUBCheck rejects the book.

For the EPUB and Typst writers only; filters/links.py has resolved the rest.
"""
from __future__ import annotations

from urllib.parse import unquote, urljoin, urlsplit

from filters import element_ids, meta_text, run_as_pandoc_filter, walk
from filters.links import as_text, base_address, escape

TYPST_LABELLED = frozenset({"Header", "Div", "Span", "Figure", "Table"})  # what pandoc's Typst writer labels


def targets(doc: dict, fmt: str) -> set[str]:
    """The ids a link can reach in this edition."""
    if fmt == "typst":
        return element_ids(doc["blocks"], TYPST_LABELLED)
    return element_ids(doc["blocks"], raw_html=True)


def apply(doc: dict, fmt: str = "epub3") -> dict:
    reachable = targets(doc, fmt)
    base = base_address(meta_text(doc.get("meta", {}).get("base_url")))

    def action(key, value, _fmt, _meta):
        if key != "Link":
            return None
        target = value[2]
        url = target[0]
        if url.startswith("#"):
            return None if unquote(url[1:]) in reachable else as_text({"t": "Link", "c": value})
        if urlsplit(url).scheme:
            return None
        if base is None:
            return as_text({"t": "Link", "c": value})
        target[0] = escape(urljoin(base, url))
        return None

    doc["blocks"] = walk(doc["blocks"], action, fmt, doc.get("meta", {}))
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
