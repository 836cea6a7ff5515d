"""Easy Read convention: a summary point may have a picture beside it.

In a `::: summary` block, a point (a paragraph, or a list item) that starts with a picture
and goes on in words is wrapped in a `picture-point` Div:

    ::: summary
    - ![A house with a red roof](images/house.png) We have 40 plots.
    :::

The web pages and the EPUB float the picture to the left of the words (report.css, epub.css);
the PDFs set it in a column beside them (filters/typst_images.py). Anywhere else a picture
inside a sentence stays inline, as written.
"""
from __future__ import annotations

from filters import run_as_pandoc_filter, stringify, walk
from filters.summary import SUMMARY_CLASS

POINT_CLASS = "picture-point"


def starts_with_picture(block) -> bool:
    if block["t"] not in ("Para", "Plain") or not block["c"] or block["c"][0]["t"] != "Image":
        return False
    return bool(stringify(block["c"][1:]).strip())


def _wrap(blocks: list) -> list:
    """The points of a summary: its paragraphs, and its list items' paragraphs, at any depth."""
    out = []
    for block in blocks:
        if starts_with_picture(block):
            block = {"t": "Div", "c": [["", [POINT_CLASS], []], [block]]}
        elif block["t"] in ("BulletList", "OrderedList"):
            items = block["c"] if block["t"] == "BulletList" else block["c"][1]
            items[:] = [_wrap(item) for item in items]
        elif block["t"] == "Div" and POINT_CLASS not in block["c"][0][1]:
            block["c"][1] = _wrap(block["c"][1])
        out.append(block)
    return out


def _action(key, value, fmt, meta):
    if key == "Div" and SUMMARY_CLASS in value[0][1]:
        value[1] = _wrap(value[1])
        return {"t": key, "c": value}
    return None


def apply(doc: dict, fmt: str = "") -> dict:
    doc["blocks"] = walk(doc["blocks"], _action, fmt, doc.get("meta", {}))
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
