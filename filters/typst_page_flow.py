"""Page flow in the PDF editions: which chapters start a new page, and room for wide tables.

* Before each chapter heading this puts `#chapter-start(N)`, N being about how many words
  of body text the chapter fills (a picture or a table row counts as the words its space
  would hold). The template (templates/report.typ) starts a new page there when report.yaml
  asks for it (`print: {chapter_breaks: always}`) or, by default (`auto`), when the chapter
  is long enough to fill most of a page at the edition's text size; a one-paragraph
  chapter follows the one before it instead of leaving a near-empty page.
* A table of many columns goes through filters/typst_wide_tables.py: a smaller font, a
  landscape page or two narrower tables, whichever keeps it whole. Only a table at the top
  level of the report may turn its page (Typst starts pages only there).

Runs after typst-page-markers, whose top-level block numbers the EPUB's page list shares,
and keeps each table's marker with it (with the whole table and with its first half, of which
only one is shown), so a table moved to a landscape page is listed there.
"""
from __future__ import annotations

from filters import run_as_pandoc_filter, table_rows, walk
from filters.typst_wide_tables import is_wide, wide_table

WORDS_PER_PICTURE = 150  # a picture at text width takes the space of about a third of a page
WORDS_PER_TABLE_ROW = 12


def _weight(blocks: list) -> int:
    counted = {"words": 0}

    def count(key, value, fmt, meta):
        if key == "Str":
            counted["words"] += 1
        elif key == "Image":
            counted["words"] += WORDS_PER_PICTURE
        elif key == "Table":
            counted["words"] += WORDS_PER_TABLE_ROW * len(table_rows(value))

    walk(blocks, count, "typst", {})
    return counted["words"]


def _is_marker(block) -> bool:
    return block["t"] == "RawBlock" and block["c"][1].endswith("<block-start>")


def _raw(text: str) -> dict:
    return {"t": "RawBlock", "c": ["typst", text]}


def _chapters(blocks: list) -> list[tuple[int, int]]:
    """(start, end) of each chapter: from its level-1 heading to the next one."""
    starts = [i for i, block in enumerate(blocks) if block["t"] == "Header" and block["c"][0] == 1]
    return list(zip(starts, starts[1:] + [len(blocks)]))


def _wide_tables_inside(key, value, fmt, meta):
    """A wide table inside another block: no page can start there, so it never turns."""
    if key == "Table" and is_wide(value):
        return [_raw(text) if isinstance(text, str) else text for text in wide_table(value, turn=False)]
    return None


def apply(doc: dict, fmt: str = "typst") -> dict:
    blocks = doc["blocks"]
    weights = {start: _weight(blocks[start:end]) for start, end in _chapters(blocks)}
    out: list = []
    for index, block in enumerate(blocks):
        if index in weights:
            out.append(_raw(f"#chapter-start({weights[index]})"))
        if block["t"] == "Table" and is_wide(block["c"]):
            marker = [out.pop()] if out and _is_marker(out[-1]) else []
            pieces = [_raw(text) if isinstance(text, str) else text for text in wide_table(block["c"], turn=True)]
            # the marker goes with the whole table and with its first half: only the one shown counts
            out += pieces[:1] + marker + pieces[1:3] + (marker + pieces[3:] if len(pieces) > 3 else pieces[3:])
            continue
        if block["t"] != "Table":
            block = walk(block, _wide_tables_inside, fmt, doc.get("meta", {}))
        out.append(block)
    doc["blocks"] = out
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
