"""Header cells say what they head: `scope="col"` / `scope="row"`.

Pandoc's HTML writer emits bare `<th>`; screen readers then guess which cells
a header belongs to, and guess wrong for row headers. Cells carry attributes
in pandoc's AST, and the HTML and EPUB writers print them.

A pipe table must have a header row, so a table typed without headings gets
an empty one (`|  |  |`): empty `<th>` cells head nothing and are announced
as blanks, so such a row is dropped (the table-no-header rule asks for real
headings).
"""
from __future__ import annotations


from filters import attr_set, node_filter, run_as_pandoc_filter, stringify


def _scope_rows(rows, scope: str, row_head_columns: int = 0) -> None:
    for row in rows:
        for index, cell in enumerate(row[1]):
            if scope == "col":
                attr_set(cell[0], "scope", "col")
            elif index < row_head_columns:
                attr_set(cell[0], "scope", "row")


def _action(key, value, fmt, meta):
    if key != "Table":
        return None
    _attr, _caption, _colspecs, head, bodies, _foot = value
    head[1] = [row for row in head[1] if any(stringify(cell[4]) or _has_picture(cell[4]) for cell in row[1])]
    _scope_rows(head[1], "col")
    for body in bodies:
        _attr_b, row_head_columns, intermediate_head, rows = body
        _scope_rows(intermediate_head, "col")
        _scope_rows(rows, "row", row_head_columns)
    return None


def _has_picture(value) -> bool:
    if isinstance(value, list):
        return any(_has_picture(item) for item in value)
    return isinstance(value, dict) and (value.get("t") == "Image" or _has_picture(value.get("c")))


apply = node_filter(_action)


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
