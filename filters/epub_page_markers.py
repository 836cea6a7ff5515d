"""Page-break markers for the EPUB where the printed edition's pages begin.

The EPUB writer puts the screen PDF's page map (top-level block index → the
page that block starts on, from `page_starts` in pipeline/writers/pdf.py)
into the metadata field `page-starts`; this filter turns it into
`<span epub:type="pagebreak" role="doc-pagebreak" id="page-12" aria-label="12">`
before the first block of each page, so that "page 12" at a community meeting
is page 12 in a reading app too. The writer then lists the markers in the
navigation document's page-list.

A page that begins inside a block (a long table, the glossary's list) has no
block of its own; its marker goes with the next page's, before the next block
that starts on a later page: the nearest place a reading system can go to.
A chapter heading starts a new page in print, so its marker goes after the
heading here (pandoc would otherwise put it at the end of the previous
chapter's file); the writer moves it back before the heading.

As a pandoc filter: `pandoc --filter filters/epub_page_markers.py -M page-starts=…`
with a map of block index → page.
"""
from __future__ import annotations

from filters import meta_text, run_as_pandoc_filter

META_KEY = "page-starts"
ID_PREFIX = "page-"


def marker(label: str) -> dict:
    html = (f'<span epub:type="pagebreak" role="doc-pagebreak" id="{ID_PREFIX}{label}" '
            f'aria-label="{label}"></span>')
    return {"t": "RawBlock", "c": ["html", html]}


def page_map_meta(starts: dict[int, int]) -> dict:
    """The page map as pandoc metadata (what the writer hands this filter)."""
    return {"t": "MetaMap", "c": {str(index): {"t": "MetaString", "c": str(page)}
                                   for index, page in sorted(starts.items())}}


def _starts(value) -> dict[int, int]:
    if not value or value.get("t") != "MetaMap":
        return {}
    return {int(index): int(meta_text(page)) for index, page in value["c"].items()}


def apply(doc: dict, fmt: str = "epub3") -> dict:
    starts = _starts(doc.get("meta", {}).pop(META_KEY, None))
    if not starts:
        return doc
    marked: list = []
    last: int | None = None
    for index, block in enumerate(doc["blocks"]):
        page = starts.get(index)
        markers = []
        if page is not None and (last is None or page > last):
            first = page if last is None else last + 1
            markers = [marker(str(number)) for number in range(first, page + 1)]
            last = page
        if block["t"] == "Header" and block["c"][0] == 1:
            marked += [block, *markers]
        else:
            marked += [*markers, block]
    doc["blocks"] = marked
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
