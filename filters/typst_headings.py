"""A heading is one line in the PDF: its line breaks become spaces.

In Typst's markup a heading ends at the end of its line, and pandoc's Typst writer keeps a
heading's line breaks. A heading written on two lines (a setext heading, `Grants we` and `gave
this year` over a line of dashes; a pasted `<h2>` whose words run over two lines) lost its second
line in the PDF, its tags and its bookmarks, and one that began with a line break made Typst
stop ("heading title is empty"). The web pages and the EPUB show such a heading on one line anyway.
"""
from __future__ import annotations

from filters import node_filter, run_as_pandoc_filter, walk

BREAKS = ("SoftBreak", "LineBreak")


def _one_line(key, value, fmt, meta):
    return {"t": "Space"} if key in BREAKS else None


def _action(key, value, fmt, meta):
    if key == "Header":
        inlines = walk(value[2], _one_line)
        while inlines and inlines[0]["t"] == "Space":
            inlines = inlines[1:]
        while inlines and inlines[-1]["t"] == "Space":
            inlines = inlines[:-1]
        value[2] = inlines
    return None


apply = node_filter(_action, "typst")


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
