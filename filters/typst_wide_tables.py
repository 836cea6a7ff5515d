"""Wide tables in the PDF editions: never clipped, never spilling one cell into the next.

Pandoc lets Typst size a table's columns to their content (`columns: 10`), and Typst then
squeezes the widest ones until long words run into the next cell, or off the page. For a
table of WIDE_COLUMNS or more columns this filter

* gives each column a share of the line from its text, as a browser lays out a table: room
  for its longest word, plus a part of what its longest cell would need on one line;
* wraps it in `#wide-table(…)[table][first half][second half]` with each column's longest
  word, and the same table cut in two narrower ones that both repeat the first column
  (the one that names each row); only the first half keeps the caption and the number.

The template (templates/report.typ) measures the longest words at the edition's size and
uses the first that holds every one: the table as it is; in a smaller font (never below the
edition's `small`, so large print stays 18 pt); on a landscape page; smaller on a landscape
page; else the two halves, each as the first of those choices that fits it.
"""
from __future__ import annotations

import copy

from filters import attr_of, stringify, table_rows, walk
from filters.typst_images import typst_string

WIDE_COLUMNS = 7  # at 11 pt on A4, seven columns leave about 9 characters each
CELL_PADDING = 2  # characters: a cell's inset on both sides is about two characters wide
SPARE_SHARE = 0.3  # of the room a column's longest cell would need beyond its longest word


def is_wide(table) -> bool:
    return len(table[2]) >= WIDE_COLUMNS


def _column_texts(table) -> list[list[str]] | None:
    """Each column's cell texts (header, body, foot), or None when a cell spans columns or rows."""
    columns: list[list[str]] = [[] for _ in table[2]]
    for row in table_rows(table):
        if len(row[1]) != len(columns) or any(cell[2] != 1 or cell[3] != 1 for cell in row[1]):
            return None
        for column, cell in zip(columns, row[1]):
            column.append(" ".join(stringify(cell[4]).split()))
    return columns


def _shares(table, columns: list[list[str]]) -> str:
    """Set the columns' shares of the line on the table; the template's arguments for it."""
    longest = [max((word for text in column for word in text.split()), key=len, default="") for column in columns]
    least = [len(word) + CELL_PADDING for word in longest]
    most = [max((len(text) for text in column), default=0) + CELL_PADDING for column in columns]
    wanted = [low + SPARE_SHARE * max(high - low, 0) for low, high in zip(least, most)]
    shares = [round(w / sum(wanted), 4) for w in wanted]
    table[2] = [[spec[0], {"t": "ColWidth", "c": share}] for spec, share in zip(table[2], shares)]
    return (f"(({', '.join(typst_string(word) for word in longest)},), "
            f"({', '.join(f'{share:g}' for share in shares)},))")


def _keep_columns(table, keep: list[int], first: bool) -> dict:
    part = copy.deepcopy(table)
    part[2] = [part[2][i] for i in keep]
    for row in table_rows(part):
        row[1][:] = [row[1][i] for i in keep]
    if not first:  # one caption, one number, one id: the second half carries on the first
        part[0] = ["", part[0][1], part[0][2]]
        part[1] = [None, []]
        for row in table_rows(part):  # its repeated first column: no second footnote, no second id
            row[1][0][0][0] = ""
            row[1][0] = walk(row[1][0], _without_notes_or_ids, "typst", {})
    return {"t": "Table", "c": part}


def _without_notes_or_ids(key, value, fmt, meta):
    if key == "Note":
        return []
    attr = attr_of({"t": key, "c": value})
    if attr is not None and attr[0]:
        attr[0] = ""
    return None


def wide_table(table, turn: bool) -> list:
    """What replaces a wide table: Typst source strings and Table blocks, in order."""
    columns = _column_texts(table)
    flag = f"turn: {str(turn).lower()}"
    if columns is None:  # merged cells: no halves; the template measures the whole table instead
        return [f"#wide-table({flag})[", {"t": "Table", "c": table}, "]"]
    middle = 1 + len(columns) // 2  # the first column, then half of the others in each
    halves = [[0, *range(1, middle)], [0, *range(middle, len(columns))]]
    parts = [_keep_columns(table, keep, first=n == 0) for n, keep in enumerate(halves)]
    fits = [_shares(part["c"], [columns[i] for i in keep]) for part, keep in zip(parts, halves)]
    whole = _shares(table, columns)
    return [f"#wide-table({flag}, fits: {whole}, parts: ({', '.join(fits)},))[", {"t": "Table", "c": table},
            "][", parts[0], "][", parts[1], "]"]
