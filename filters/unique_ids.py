"""Unique identifiers across the whole report.

Chapters are parsed one by one, so pandoc's automatic identifiers are only
unique within a chapter: two chapters with a "Background" section would both
get `#background`, and links, the table of contents and the EPUB nav would
jump to the wrong one. Later duplicates get `-1`, `-2` … like pandoc does
within one file. (Duplicated ids the author wrote are reported by the
validator's heading-duplicate-id rule.)
"""
from __future__ import annotations


from filters import ATTR_INDEX, run_as_pandoc_filter, walk

# The kinds whose ids this filter, and the EPUB filters after it, keep unique.
ID_KINDS = frozenset({"Header", "Div", "Span", "Figure", "Table", "CodeBlock"})


def apply(doc: dict, fmt: str = "") -> dict:
    seen: set[str] = set()

    def action(key, value, _fmt, _meta):
        if key not in ID_KINDS:
            return None
        attr = value[ATTR_INDEX[key]]
        ident = attr[0]
        if not ident:
            return None
        if ident in seen:
            n = 1
            while f"{ident}-{n}" in seen:
                n += 1
            attr[0] = f"{ident}-{n}"
        seen.add(attr[0])
        return None

    walk(doc["blocks"], action, fmt, doc.get("meta", {}))
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
