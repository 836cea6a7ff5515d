"""Header cells say what they head: `scope="col"` / `scope="row"`.

Pandoc's HTML writer emits bare `<th>`; screen readers then guess which cells
a header belongs to, and guess wrong for row headers. Cells carry attributes
in pandoc's AST, and the HTML and EPUB writers print them.
"""
from __future__ import annotations


from filters import attr_set, node_filter, run_as_pandoc_filter


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
    _scope_rows(head[1], "col")
    for body in bodies:
        _attr_b, row_head_columns, intermediate_head, rows = body
        _scope_rows(intermediate_head, "col")
        _scope_rows(rows, "row", row_head_columns)
    return None


apply = node_filter(_action)


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
