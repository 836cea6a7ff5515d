"""Remove what could run code from raw HTML and links, for HTML and EPUB.

Markdown lets authors paste raw HTML. A pasted `<script>`, `<iframe>`,
`<style>`, an `onclick=` attribute or a `javascript:` link would run in a
reader's browser or e-reader (and EPUB reading systems may refuse the book).
Pasted HTML has already become the tree's own elements (filters/raw_html.py),
which keep their attributes: `on…=` and `style=` are removed here. Raw HTML still in
the tree goes through nh3 (the ammonia sanitizer) with an allow-list that
keeps harmless markup such as `<abbr title>`, `<kbd>`, `<details>`; links
with a script URL keep their text and lose the link. The validator's
raw-html-unsafe rule tells the author, with the line, what was removed.
"""
from __future__ import annotations

import re

import nh3

from filters import ATTR_INDEX, node_filter, run_as_pandoc_filter

HTML_FORMATS = {"html", "html5", "html4", "epub", "epub3"}
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.I)
# Keep the attributes that carry meaning for readers and styling hooks; nh3 drops the rest.
ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = ATTRIBUTES.get("*", set()) | {"class", "id", "lang", "dir", "title", "role"}


LONE_OPENING_TAG = re.compile(r"^\s*<([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*(?<!/)>\s*$")
LONE_CLOSING_TAG = re.compile(r"^\s*</([a-zA-Z][a-zA-Z0-9-]*)\s*>\s*$")


def clean(html: str) -> str:
    return nh3.clean(html, attributes=ATTRIBUTES, link_rel=None)


def clean_fragment(html: str) -> str:
    """Clean raw HTML, which pandoc splits into lone tags: `<abbr title="…">`, text, `</abbr>`.

    A sanitizer closes a lone opening tag at once, which would empty the
    element; so a lone tag is cleaned as a whole element and then re-opened.
    """
    opening = LONE_OPENING_TAG.match(html)
    if opening:
        name = opening.group(1).lower()
        cleaned = clean(f"{html}</{name}>")
        return cleaned[: -len(f"</{name}>")] if cleaned.endswith(f"</{name}>") else cleaned
    closing = LONE_CLOSING_TAG.match(html)
    if closing:
        return html if closing.group(1).lower() in nh3.ALLOWED_TAGS else ""
    return clean(html)


EVENT_HANDLER = re.compile(r"^on[a-z]", re.IGNORECASE)


def _action(key, value, fmt, meta):
    if key in ("RawBlock", "RawInline") and value[0].lower() in HTML_FORMATS:
        return {"t": key, "c": [value[0], clean_fragment(value[1])]}
    if key == "Link" and SCRIPT_URL.match(value[2][0]):
        return {"t": "Span", "c": [["", [], []], value[1]]}
    if key in ATTR_INDEX:
        # Pasted HTML in the tree (pandoc reads <span>/<div> itself; filters/raw_html.py the rest)
        # keeps its attributes: onclick= too, and style=, whose colours (color:red) fail the
        # contrast the report's own stylesheet keeps in light and dark mode.
        attr = value[ATTR_INDEX[key]]
        attr[2] = [[k, v] for k, v in attr[2] if not EVENT_HANDLER.match(k) and k != "style"]
    return None


apply = node_filter(_action)


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
