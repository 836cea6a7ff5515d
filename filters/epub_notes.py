"""Footnotes become endnotes for the EPUB: one "Notes" section before the
glossary, numbered through the whole report as in the PDF, each note with a
link back to where it is used.

Pandoc's EPUB writer puts each chapter's notes in `<aside epub:type="footnote">`
at the end of that chapter, without a way back. Here each note reference is a
link `epub:type="noteref"` (role doc-noteref) to `#note-N`, and the note is an
`epub:type="endnote"` item in a section `epub:type="endnotes"` (role
doc-endnotes) ending with a `role="doc-backlink"` link to `#note-N-ref`.
Pandoc resolves both links across the chapter files.
"""
from __future__ import annotations


from filters import run_as_pandoc_filter, text_inlines, walk
from filters.glossary import GLOSSARY_ID

NOTES_ID = "notes"
NOTES_TITLE = "Notes"


def _ref(number: int) -> dict:
    attr = [f"note-{number}-ref", ["footnote-ref"], [["epub:type", "noteref"], ["role", "doc-noteref"]]]
    return {"t": "Link", "c": [attr, [{"t": "Superscript", "c": [{"t": "Str", "c": str(number)}]}],
                               [f"#note-{number}", ""]]}


def _backlink(number: int) -> dict:
    attr = ["", ["footnote-back"], [["role", "doc-backlink"]]]
    return {"t": "Link", "c": [attr, text_inlines(f"Back to the text (note {number})"),
                               [f"#note-{number}-ref", ""]]}


def _note(number: int, blocks: list) -> list:
    blocks = list(blocks)
    back = _backlink(number)
    if blocks and blocks[-1]["t"] in ("Para", "Plain"):
        last = blocks[-1]
        blocks[-1] = {"t": last["t"], "c": [*last["c"], {"t": "Space"}, back]}
    else:
        blocks.append({"t": "Para", "c": [back]})
    return [{"t": "Div", "c": [[f"note-{number}", ["endnote"], [["epub:type", "endnote"]]], blocks]}]


def apply(doc: dict, fmt: str = "epub3") -> dict:
    notes: list[list] = []

    def action(key, value, _fmt, _meta):
        if key == "Note":
            notes.append(value)
            return _ref(len(notes))
        return None

    doc["blocks"] = walk(doc["blocks"], action, fmt, doc.get("meta", {}))
    if not notes:
        return doc
    section = [
        {"t": "Header", "c": [1, [NOTES_ID, [NOTES_ID], [["epub:type", "endnotes"], ["role", "doc-endnotes"]]],
                              text_inlines(NOTES_TITLE)]},
        {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}],
                                   [_note(n, blocks) for n, blocks in enumerate(notes, 1)]]},
    ]
    blocks = doc["blocks"]
    at = next((i for i, b in enumerate(blocks) if b["t"] == "Header" and b["c"][0] == 1
               and b["c"][1][0] == GLOSSARY_ID), len(blocks))
    doc["blocks"] = blocks[:at] + section + blocks[at:]
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
