"""Tables: data tables keep (or lose) a header row as the original says, and layout
tables are unwrapped into the text.

pandoc's docx reader gives a table a header row whenever Word's "Header Row"
option is on, which it is by default, so one-cell boxes and side-by-side
layouts arrive as data tables with a header. The original's facts
(docx.py: TableFacts) decide; for a web page or a Markdown page, which have
no such facts, a one-cell table or a picture beside text is a layout table.
"""
from __future__ import annotations

from pipeline.importer.markers import first_label, marker
from pipeline.importer.original import Original, TableFacts
from pipeline.importer.pictures import has_picture
from pipeline.importer.repairs import Repairs
from pipeline.importer.tree import child_block_lists, table_rows, text


def repair_tables(blocks: list, original: Original, repairs: Repairs) -> None:
    """Unwrap layout tables and settle header rows, in blocks and every list of blocks inside them."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        for inner in child_block_lists(block):
            repair_tables(inner, original, repairs)
        if block["t"] != "Table":
            index += 1
            continue
        label = first_label([block])
        facts = original.tables.get(label) if label else None
        facts = facts or TableFacts(layout=_layout_in_tree(block))
        if facts.layout:
            unwrapped = _unwrap(block)
            repairs.add("table", f"a layout table ({facts.layout}) was unwrapped into the text, cell by cell in "
                                 "reading order; it is not a data table", label or first_label(unwrapped))
            blocks[index:index + 1] = unwrapped
            index += len(unwrapped)
            continue
        _settle_header(block, facts, label, repairs)
        index += 1


def _layout_in_tree(table: dict) -> str:
    rows = table_rows(table)
    if sum(len(row) for row in rows) == 1:
        return "a one-cell box"
    if any(has_picture(cell) for row in rows for cell in row) and len(rows) <= 2:
        return "it places pictures beside text"
    return ""


def _unwrap(table: dict) -> list:
    out = []
    for row in table_rows(table):
        for cell in row:
            for block in cell:
                out.append({"t": "Para", "c": block["c"]} if block["t"] == "Plain" else block)
    caption = table["c"][1][1]
    return caption + out


def _settle_header(table: dict, facts: TableFacts, label: str | None, repairs: Repairs) -> None:
    _attr, _caption, _specs, head, bodies, _foot = table["c"]
    has_head = any(text(cell[4]) for row in head[1] for cell in row[1])
    if facts.header is True and not has_head and bodies and bodies[0][3]:
        head[1] = [bodies[0][3].pop(0)]
        repairs.add("table", f"the first row is the header row now, since {facts.header_why}", label)
    elif facts.header is False and has_head:
        bodies[0][3][:0] = head[1] if bodies else []
        head[1] = [_empty_row(table, label)]
        repairs.add("table", f"a data table has no header row ({facts.header_why}): write one that names each "
                             "column, in the empty first row of the table", label, to_do=True)
    elif not has_head:
        head[1] = [_empty_row(table, label)]
        repairs.add("table", "a data table has no header row: write one that names each column, in the empty "
                             "first row of the table", label, to_do=True)


def _empty_row(table: dict, label: str | None) -> list:
    """An empty header row, written as the pipe table's first line, which check reports until a person fills it;
    it holds the table's marker, so that the repair points at that line."""
    cells = [[["", [], []], {"t": "AlignDefault"}, 1, 1, []] for _spec in table["c"][2]]
    if cells and label:
        cells[0][4] = [{"t": "Plain", "c": [{"t": "Str", "c": marker(label)}]}]
    return [["", [], []], cells]
