"""Mark where each top-level block starts, for the page map.

Beside every top-level block this puts an invisible `#metadata(i) <block-start>`
into the Typst output; the template then records the page each one falls on
(see `page_starts` in pipeline/writers/pdf.py). The EPUB uses that map to put
its page-break markers where the PDF's pages begin, so "page 12" at a
community meeting is page 12 in every edition. Metadata is not content: it
changes neither the layout nor the tagged structure.
"""
from __future__ import annotations

from filters import run_as_pandoc_filter


def apply(doc: dict, fmt: str = "typst") -> dict:
    marked = []
    for index, block in enumerate(doc["blocks"]):
        marker = {"t": "RawBlock", "c": ["typst", f"#metadata({index}) <block-start>"]}
        # A chapter heading breaks the page itself, so a marker before it would
        # land on the previous page; headings are sticky, so just after is exact.
        marked += [block, marker] if block["t"] == "Header" else [marker, block]
    doc["blocks"] = marked
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
