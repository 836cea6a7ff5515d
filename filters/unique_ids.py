"""Unique identifiers across the whole report.

Chapters are parsed one by one, so pandoc's automatic identifiers are only
unique within a chapter: two chapters with a "Background" section would both
get `#background`, and links, the table of contents and the EPUB nav would
jump to the wrong one. Later duplicates get `-1`, `-2` … like pandoc does
within one file. (Duplicated ids the author wrote are reported by the
validator's heading-duplicate-id rule.)
"""
from __future__ import annotations


from filters import run_as_pandoc_filter, walk

HAS_ATTR_FIRST = {"Header": 1, "Div": 0, "Span": 0, "Figure": 0, "Table": 0, "CodeBlock": 0}


def apply(doc: dict, fmt: str = "") -> dict:
    seen: set[str] = set()

    def action(key, value, _fmt, _meta):
        if key not in HAS_ATTR_FIRST:
            return None
        attr = value[HAS_ATTR_FIRST[key]]
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
