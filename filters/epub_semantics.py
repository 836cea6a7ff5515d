"""Say what each part of the EPUB is, for reading systems and screen readers.

* Each chapter's section: `epub:type="chapter"` with its ARIA role
  `doc-chapter`; the glossary's: `glossary` / `doc-glossary`. Pandoc moves a
  level-1 heading's attributes to the section it opens. Sections that already
  say what they are (the notes, the report in brief) are left alone.
* A chart or map with a long description (`{longdesc="#grants-desc"}` in the
  source) gets `aria-describedby` pointing at the description, so a screen
  reader offers it with the image; pandoc would write `data-longdesc`, which
  nothing reads.
"""
from __future__ import annotations


from filters import attr_drop, attr_get, attr_set, element_ids, run_as_pandoc_filter, walk
from filters.glossary import GLOSSARY_ID
from filters.unique_ids import ID_KINDS

ROLES = {"chapter": "doc-chapter", "glossary": "doc-glossary"}


def apply(doc: dict, fmt: str = "epub3") -> dict:
    ids = element_ids(doc["blocks"], ID_KINDS)
    for block in doc["blocks"]:
        if block["t"] != "Header" or block["c"][0] != 1:
            continue
        attr = block["c"][1]
        if attr_get(attr, "epub:type"):
            continue
        kind = "glossary" if attr[0] == GLOSSARY_ID or "glossary" in attr[1] else "chapter"
        attr_set(attr, "epub:type", kind)
        attr_set(attr, "role", ROLES[kind])

    def action(key, value, _fmt, _meta):
        if key == "Image":
            attr = value[0]
            target = (attr_get(attr, "longdesc") or "").lstrip("#")
            if target:
                attr_drop(attr, "longdesc")
                if target in ids:
                    attr_set(attr, "aria-describedby", target)
        return None

    walk(doc["blocks"], action, fmt, doc.get("meta", {}))
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
