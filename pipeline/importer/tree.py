"""Small helpers over pandoc's JSON tree that the importer's repairs share."""
from __future__ import annotations

from collections.abc import Iterator

from filters import stringify
from filters import table_rows as rows_of

LIST_ITEMS = ("BulletList", "OrderedList")


def table_cells(table: dict) -> Iterator[list]:
    """Every cell of a Table as [attr, align, rowspan, colspan, blocks], head first, in reading order."""
    for row in rows_of(table["c"]):
        yield from row[1]


def table_rows(table: dict) -> list[list]:
    """The rows of a Table (head, bodies, foot), each a list of cells' blocks."""
    return [[cell[4] for cell in row[1]] for row in rows_of(table["c"])]


def child_block_lists(block: dict) -> list[list]:
    """The lists of blocks directly inside block, each the list object itself (so it can be edited)."""
    t, c = block["t"], block.get("c")
    if t in ("BlockQuote",):
        return [c]
    if t == "Div":
        return [c[1]]
    if t == "Figure":
        return [c[2], c[1][1]]
    if t == "BulletList":
        return list(c)
    if t == "OrderedList":
        return list(c[1])
    if t == "DefinitionList":
        return [blocks for _term, definitions in c for blocks in definitions]
    if t == "Table":
        return [c[1][1]] + [cell[4] for cell in table_cells(block)]
    return []


def inlines_of(block: dict) -> list | None:
    """The inline list of a block that holds text directly (the list object itself), else None."""
    if block["t"] in ("Para", "Plain"):
        return block["c"]
    if block["t"] == "Header":
        return block["c"][2]
    return None


def walk_blocks(blocks: list) -> Iterator[dict]:
    """Every block in blocks and inside them, in reading order (notes' blocks included)."""
    for block in blocks:
        yield block
        for inner in child_block_lists(block):
            yield from walk_blocks(inner)
        inlines = inlines_of(block)
        if inlines is not None:
            for note in notes_in(inlines):
                yield from walk_blocks(note)


def notes_in(inlines: list) -> Iterator[list]:
    """The blocks of each footnote in inlines, at any depth."""
    for inline in inlines:
        if inline["t"] == "Note":
            yield inline["c"]
        elif isinstance(inline.get("c"), list):
            nested = inline["c"][-1] if inline["t"] in ("Link", "Image", "Span", "Quoted", "Cite") else inline["c"]
            if isinstance(nested, list) and nested and isinstance(nested[0], dict):
                yield from notes_in(nested)


def walk_inlines(inlines: list) -> Iterator[dict]:
    """Every inline in inlines and inside them (not inside notes), in reading order."""
    for inline in inlines:
        yield inline
        t, c = inline["t"], inline.get("c")
        if t in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            yield from walk_inlines(c)
        elif t in ("Link", "Image", "Span") or t == "Quoted":
            yield from walk_inlines(c[1])


def text(node) -> str:
    """The plain text of a node or list of nodes, with the importer's markers left out."""
    from pipeline.importer.markers import strip_markers

    return " ".join(strip_markers(stringify(node)).split())


def para(inlines: list) -> dict:
    return {"t": "Para", "c": inlines}


def words(value: str) -> list[dict]:
    """Inlines for plain text: Str and Space."""
    out: list[dict] = []
    for word in value.split():
        if out:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out
