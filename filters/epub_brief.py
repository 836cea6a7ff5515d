"""Open the EPUB with "The report in brief": the plain-language summary
(the same tree as summary.html, made by filters/summary.py) as the book's
first section, before the first chapter.

The writer hands the summary's blocks over in the metadata field `in-brief`.
The section is `epub:type="abstract"` (role doc-abstract); its headings move
down one level under "The report in brief" and are left out of the table of
contents (`unlisted`), which would otherwise list every chapter twice.
Footnotes are dropped here: they are in the chapters the summary points to.
"""
from __future__ import annotations

import copy


from filters import ATTR_INDEX, element_ids, run_as_pandoc_filter, text_inlines, walk
from filters.unique_ids import ID_KINDS

META_KEY = "in-brief"
BRIEF_ID = "in-brief"
BRIEF_TITLE = "The report in brief"


def brief_meta(blocks: list) -> dict:
    """The summary's blocks as pandoc metadata (what the writer hands this filter)."""
    return {"t": "MetaBlocks", "c": blocks}


def apply(doc: dict, fmt: str = "epub3") -> dict:
    value = doc.get("meta", {}).pop(META_KEY, None)
    if not value or value.get("t") != "MetaBlocks" or not value["c"]:
        return doc
    taken = element_ids(doc["blocks"], ID_KINDS) | {BRIEF_ID}

    def action(key, value, _fmt, _meta):
        if key == "Note":
            return []
        if key == "Header":
            value[0] = min(value[0] + 1, 6)
            if "unlisted" not in value[1][1]:
                value[1][1].append("unlisted")
        if key in ID_KINDS:
            attr = value[ATTR_INDEX[key]]
            if attr[0] in taken:  # ids must stay unique across the book
                attr[0] = f"{BRIEF_ID}-{attr[0]}"
            if attr[0]:
                taken.add(attr[0])
        return None

    brief = walk(copy.deepcopy(value["c"]), action, fmt, doc.get("meta", {}))
    heading = {"t": "Header", "c": [1, [BRIEF_ID, [BRIEF_ID], [["epub:type", "abstract"], ["role", "doc-abstract"]]],
                                    text_inlines(BRIEF_TITLE)]}
    doc["blocks"] = [heading, *brief, *doc["blocks"]]
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
