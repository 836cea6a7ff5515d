"""The single HTML page written part by part, so that after a one-chapter edit pandoc runs on
that chapter only: for the live preview, 0.08 s of pandoc instead of 0.6 s for the medium report.

The parts are the blocks before the first level-1 heading, then each level-1 heading with what
follows it. Once the filters have run on the whole tree they are independent: ids, endnote
numbers and glossary links are settled, and with --section-divs a level-1 heading closes every
open section. Each part's HTML is pandoc's, cached by the part's tree; the page around them
(head, header, the contents list, footer) is pandoc's page for the report's outline: the same
metadata and the same headings, so the same contents list. The result is byte for byte what
one pandoc run over the whole tree writes (tests/editions/test_html_parts.py).

Where pandoc's writer numbers something across the page, the page is written in one run:
footnotes still left as notes (--skip endnotes; pandoc gathers them at the end of the page) and
highlighted code blocks (pandoc numbers their ids cb1, cb2, … through the page). So is it with
--no-cache, where there is nothing to reuse.
"""
from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pipeline.cache import key
from pipeline.pandoc import run_pandoc
from pipeline.writers import BuildContext

# The outline's body starts with this comment, so the page's body can be found and replaced.
BODY_START = "<!-- pipeline: the parts of the page go here -->"
# The template's line after $body$ (templates/page.html); what follows it there is the pager and
# the footer, whose text pandoc escapes, so this is the last "</main>" of the page.
BODY_END = b"\n</main>"
# In the JSON of a part: a footnote, or a code block with a class (a language pandoc may highlight).
NUMBERED_BY_PANDOC = re.compile(r'"t": "Note"|"t": "CodeBlock", "c": \[\["(?:[^"\\]|\\.)*", \["')


def split_parts(blocks: list) -> list[list]:
    parts: list[list] = []
    for block in blocks:
        if not parts or block["t"] == "Header" and block["c"][0] == 1:
            parts.append([])
        parts[-1].append(block)
    return parts


def outline(blocks: list) -> list:
    """The headings, in the divs they are in: all that pandoc's contents list is made from (it
    looks into divs, not into quotes, lists or tables)."""
    kept = []
    for block in blocks:
        if block["t"] == "Header":
            kept.append(block)
        elif block["t"] == "Div":
            kept.append({"t": "Div", "c": [block["c"][0], outline(block["c"][1])]})
    return kept


def cached_html(ctx: BuildContext, args: list[str], data: bytes, about: Path) -> bytes:
    """pandoc's HTML5 for a JSON tree; from the build's cache when it wrote the same tree with the
    same options before (the site's pages use it too)."""
    name = key("html", json.dumps(args), data)
    found = ctx.store.get(name)
    if found is None:
        found = run_pandoc(["-f", "json", "-t", "html5", *args], data, ctx.report.root, about)
        ctx.store.put(name, found)
    return found


def with_blocks(doc: dict, blocks_json: str) -> bytes:
    """doc's JSON with these blocks (given as JSON) in place of its own."""
    return (json.dumps({k: v for k, v in doc.items() if k != "blocks"})[:-1] + ', "blocks": ' + blocks_json + "}").encode()


def write_page(ctx: BuildContext, doc: dict, args: list[str], serialised: list[tuple[str, str]] | None = None) -> bytes:
    """pandoc's HTML5 page for doc (filtered for html5) with args, from cached parts where it can.
    serialised: doc's parts as JSON already (pipeline/chapterwise.py), (key, blocks) each."""
    convert = ["-f", "json", "-t", "html5", *args]
    root, about = ctx.report.root, ctx.report.root / "report.yaml"
    if ctx.store.folder is None:  # --no-cache: nothing to reuse, and a pandoc process per part costs more
        return run_pandoc(convert, json.dumps(doc).encode(), root, about)
    parts = split_parts(doc["blocks"])
    if serialised is not None and len(serialised) == len(parts):
        inputs = [with_blocks(doc, blocks) for _key, blocks in serialised]
    else:
        inputs = [json.dumps({**doc, "blocks": part}).encode() for part in parts]
    if len(inputs) < 2 or any(NUMBERED_BY_PANDOC.search(data.decode()) for data in inputs):
        return run_pandoc(convert, json.dumps(doc).encode(), root, about)

    # Without --standalone and the template, pandoc writes just the body, with every other option the same.
    body_args = [arg for arg in args if arg != "--standalone" and not arg.startswith("--template=")]
    start = {"t": "RawBlock", "c": ["html", BODY_START]}
    frame = json.dumps({**doc, "blocks": [start, *outline(doc["blocks"])]}).encode()
    with ThreadPoolExecutor() as pool:
        page = pool.submit(cached_html, ctx, args, frame, about)
        bodies = list(pool.map(lambda data: cached_html(ctx, body_args, data, about), inputs))
        page = page.result()
    marker = BODY_START.encode()
    if page.count(marker) != 1:  # the words of the marker in a heading: rare enough to write in one run
        return run_pandoc(convert, json.dumps(doc).encode(), root, about)
    # pandoc ends a body with one newline, and puts one between blocks.
    body = b"\n".join(part.removesuffix(b"\n") for part in bodies)
    return page[:page.index(marker)] + body + page[page.rindex(BODY_END):]
