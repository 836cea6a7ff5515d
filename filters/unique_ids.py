"""Unique identifiers across the whole report.

Chapters are parsed one by one, so pandoc's automatic identifiers are only
unique within a chapter: two chapters with a "Background" section would both
get `#background`, and links, the table of contents and the EPUB nav would
jump to the wrong one. Later duplicates get `-1`, `-2` … like pandoc does
within one file. (Duplicated ids the author wrote are reported by the
validator's heading-duplicate-id rule.)
"""
from __future__ import annotations

from filters import ATTR_INDEX, part_of, run_as_pandoc_filter, walk

# The kinds whose ids this filter, and the EPUB filters after it, keep unique.
ID_KINDS = frozenset({"Header", "Div", "Span", "Figure", "Table", "CodeBlock"})


def ids_in_order(blocks: list) -> list[str]:
    """The ids this filter sees, in the order it sees them (empty ones left out)."""
    found: list[str] = []

    def collect(key, value, _fmt, _meta):
        if key in ID_KINDS and value[ATTR_INDEX[key]][0]:
            found.append(value[ATTR_INDEX[key]][0])

    walk(blocks, collect)
    return found


def deduplicated(ids: list[str], seen: set[str]) -> list[str]:
    """ids as this filter renames them after the ids in `seen` (which gains them)."""
    unique = []
    for ident in ids:
        if ident in seen:
            n = 1
            while f"{ident}-{n}" in seen:
                n += 1
            ident = f"{ident}-{n}"
        seen.add(ident)
        unique.append(ident)
    return unique


def apply(doc: dict, fmt: str = "") -> dict:
    part = part_of(doc)
    unique = iter(part["ids"] if part else deduplicated(ids_in_order(doc["blocks"]), set()))

    def action(key, value, _fmt, _meta):
        if key in ID_KINDS and value[ATTR_INDEX[key]][0]:
            value[ATTR_INDEX[key]][0] = next(unique)
        return None

    walk(doc["blocks"], action, fmt, doc.get("meta", {}))
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
