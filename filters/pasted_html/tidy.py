"""The elements pandoc's HTML reader made of pasted HTML, tidied: nothing empty kept, a heading
one line of text and never inside a table cell, a list or a sentence, a first row of <th> as the
table's header row, block content flattened where only inlines may stand."""
from __future__ import annotations


from filters import walk

SLOT = "RawHtmlSlot"  # stands for a converted fragment until pandoc has read them all


INLINE_TYPES = frozenset({"Str", "Space", "SoftBreak", "LineBreak", "Emph", "Strong", "Underline", "Strikeout",
                          "Superscript", "Subscript", "SmallCaps", "Quoted", "Cite", "Code", "Math",
                          "RawInline", "Link", "Image", "Note", "Span", SLOT})


def is_inline(node: dict) -> bool:
    return node["t"] in INLINE_TYPES


def without_empty(nodes: list, created: set[int]) -> list:
    """Without the elements left empty: a paragraph that held only a <style>, a WordPress
    `<p>&nbsp;</p>` or `<h2></h2>`, an `<a>` never closed. They show nothing, and an empty heading
    or link would be announced as one (the PDF/UA-1 writer refuses an empty heading)."""
    result = []
    for node in nodes:
        if isinstance(node, list):
            node[:] = without_empty(node, created)
        elif isinstance(node, dict):
            for child in node.values():
                if isinstance(child, list):
                    child[:] = without_empty(child, created)
            if id(node.get("c")) in created and _blank(_content(node)) and not _is_anchor(node):
                continue
        result.append(node)
    return result


def heading_text(key, value, fmt, meta):
    """A heading is one line of text: the contents, the PDF's bookmarks and the EPUB's navigation
    hold nothing else. A picture in it (`<h1><img src="logo.png" alt="Our trust"></h1>`) is read
    as its alt text, a `<br>` as a space."""
    if key == "Image":
        return value[1] or []
    return {"t": "Space"} if key == "LineBreak" else None


def header_row_in_head(table) -> None:
    """A first row of <th> is the table's header row. The HTML5 parser puts every row of a table
    without <thead> into a <tbody>, where pandoc reads <th> rows as the body's own heading rows."""
    head, bodies = table[3], table[4]
    if not head[1] and bodies and bodies[0][2]:
        head[1], bodies[0][2] = bodies[0][2], []


def _content(node: dict) -> list:
    return node["c"][2] if node["t"] == "Header" else node["c"][1] if node["t"] in ("Div", "Span", "Link") else node["c"]


def _blank(nodes: list) -> bool:
    return all(n["t"] in ("Space", "SoftBreak", "LineBreak") or (n["t"] == "Str" and not n["c"].strip())
               for n in nodes)


def _is_anchor(node: dict) -> bool:
    """The target of a link: `<a name="top"></a>`."""
    return node["t"] in ("Span", "Div") and bool(node["c"][0][0])


def no_headings_in_cells_or_lists(key, value, fmt, meta):
    """A heading pasted into a table cell, list item or quotation is a label, not the start of a
    section: the EPUB's and the PDF's contents leave it out, so it becomes bold text."""
    if key in ("Table", "BulletList", "OrderedList", "DefinitionList", "BlockQuote"):
        def as_bold(k, v, f, m):
            return {"t": "Para", "c": [{"t": "Strong", "c": v[2]}]} if k == "Header" else None

        walk(value, as_bold)


def inlines_of(blocks: list) -> list:
    """Block content in a place that takes only inlines (an HTML block element inside a sentence)."""
    out: list = []
    for block in blocks:
        if block["t"] in ("Plain", "Para"):
            inlines = block["c"]
        elif block["t"] == "Header":
            inlines = block["c"][2]
        elif block["t"] == "CodeBlock":
            inlines = [{"t": "Code", "c": block["c"]}]
        else:
            inlines = inlines_of(_blocks_inside(block))
        if out and inlines:
            out.append({"t": "Space"})
        out.extend(inlines)
    return out


def _blocks_inside(node) -> list:
    """The outermost blocks inside a container block (list items, table cells, a Div), in order."""
    found: list = []
    for part in node["c"] if isinstance(node.get("c"), list) else []:
        if isinstance(part, dict) and "t" in part:
            if part["t"] not in INLINE_TYPES:
                found.append(part)
        elif isinstance(part, (list, dict)):
            found += _blocks_inside({"c": list(part.values()) if isinstance(part, dict) else part})
    return found


def no_headings_inside_sentences(node, made: set[int]) -> None:
    """`A sentence with <h4>grants</h4> inside it.`: pandoc's Markdown reader cuts the paragraph
    there (the text before becomes a Plain), CommonMark keeps the tags inside it, and a browser
    draws a heading nobody meant as a section. It stays words, as the validator reads it: a
    heading made from pasted HTML right after a cut paragraph becomes a paragraph."""
    if isinstance(node, dict):
        node = list(node.values())
    if not isinstance(node, list):
        return
    for index, item in enumerate(node):
        if (index and isinstance(item, dict) and item.get("t") == "Header" and id(item["c"]) in made
                and isinstance(node[index - 1], dict) and node[index - 1].get("t") == "Plain"):
            node[index] = {"t": "Para", "c": item["c"][2]}
        else:
            no_headings_inside_sentences(item, made)


def is_space(node) -> bool:
    return isinstance(node, dict) and node.get("t") in ("Space", "SoftBreak")
