"""Table captions as pandoc's Markdown writes them, in a CommonMark source.

`commonmark_x` has pipe tables but no syntax for their captions. People (and
pandoc itself, writing Markdown) put the caption in a paragraph right before
or after the table, starting `: ` or `Table: `:

    | Theme | Amount |
    |-------|-------:|
    | Youth | 12,000 |

    : Grants by theme, 2025–26 {#grants-table}

Such a paragraph next to a table without a caption becomes its caption, as
pandoc's Markdown reader would make it (the paragraph after wins); a trailing
`{#id .class}` goes to the table.
"""
from __future__ import annotations

import unicodedata

from filters.positions import POS


def _caption_words(block: dict) -> list | None:
    """The caption's inlines if block is a caption paragraph, else None."""
    if block.get("t") != "Para" or not block["c"] or block["c"][0].get("t") != "Str":
        return None
    first, rest = block["c"][0]["c"], block["c"][1:]
    for marker in (":", "Table:", "table:"):
        if first == marker:
            return _without_leading_space(rest)
        if marker == ":" and first.startswith(":") and not unicodedata.category(first[1])[0] == "P":
            return [{"t": "Str", "c": first[1:]}, *rest]
    return None


def _without_leading_space(inlines: list) -> list:
    while inlines and inlines[0].get("t") in ("Space", "SoftBreak"):
        inlines = inlines[1:]
    return inlines


def _attributes_at_end(inlines: list) -> tuple[list, list | None]:
    """(caption, attr) when the caption ends in `{#id .class}`, which commonmark_x reads as an
    attributed Span around the space before it."""
    last = inlines[-1] if inlines else None
    if (last and last.get("t") == "Span" and ["wrapper", "1"] in last["c"][0][2]
            and all(x.get("t") in ("Space", "SoftBreak") for x in last["c"][1])):
        attr = last["c"][0]
        return inlines[:-1], [attr[0], attr[1], [p for p in attr[2] if p[0] != "wrapper"]]
    return inlines, None


def _set_caption(table: dict, inlines: list) -> None:
    inlines, attr = _attributes_at_end(inlines)
    table["c"][1] = [None, [{"t": "Plain", "c": inlines}]]
    if attr:
        own = table["c"][0]
        own[0] = attr[0] or own[0]
        own[1] = own[1] + [c for c in attr[1] if c not in own[1]]
        own[2] = own[2] + attr[2]


def _has_caption(table: dict) -> bool:
    return bool(table["c"][1][1])


def in_blocks(blocks: list) -> list:
    """blocks with each caption paragraph moved into its table (in place, nested lists too)."""
    for block in blocks:
        _nested(block.get("c"))
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.get("t") == "Table" and not _has_caption(block):
            for neighbour in (index + 1, index - 1):
                words = _caption_words(blocks[neighbour]) if 0 <= neighbour < len(blocks) else None
                if words:
                    _set_caption(block, words)
                    if POS in blocks[neighbour] and neighbour < index:
                        block[POS] = blocks[neighbour][POS]
                    del blocks[neighbour]
                    index -= neighbour < index
                    break
        index += 1
    return blocks


def _nested(value) -> None:
    """Look for tables in the lists inside a block (a Div, a list item, a block quote)."""
    if not isinstance(value, list):
        return
    if any(isinstance(item, dict) and item.get("t") == "Table" for item in value):
        in_blocks(value)
        return
    for item in value:
        _nested(item.get("c") if isinstance(item, dict) else item)
