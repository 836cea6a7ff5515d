"""Footnotes become endnotes at the end of their chapter: a labelled
`doc-endnotes` region, one numbered note per reference, each note with a
link back to where it was referenced.

Why: pandoc's HTML writer gathers every note of the report at the very end
of the page in an unlabelled section, and its back-links read "↩︎", which
screen readers announce as an arrow or not at all. At the end of each
chapter the notes stay near their text, and the chunked site (one page per
chapter, pipeline/writers/site.py) keeps each chapter's notes on its page.
Numbers run through the whole report, so "note 4" is the same note in the
single page and on the chapter's page.

What a reader gets, per note:

    …about £50,300.<a href="#note-4" id="note-4-ref" role="doc-noteref"><sup>Note 4</sup></a>
    <div class="endnotes" role="doc-endnotes" aria-labelledby="…-title">  (end of the chapter)
      <p id="…-title">Notes on “Our volunteers”</p>
      <ol start="4"><li id="note-4"><p>We worked this out… <a href="#note-4-ref"
        role="doc-backlink">Back to the text (note 4)</a></p></li></ol>

("Note " and "(note 4)" are visually hidden: sighted readers see a small
"4" and "Back to the text".) The region has a visible label, not a heading,
because the report's outline is the author's headings and nothing else (the
output checks compare it with the source). Each chapter's label names the
chapter, so every endnotes region on the single page has a distinct name.
With pandoc's --section-divs the region lands inside the `<section>` of the
chapter's last subsection (a section ends only at a heading); unnamed
sections are not announced, so readers do not notice.

For HTML writers only: it writes the list as raw HTML because pandoc's lists
cannot carry an id per item.
"""
from __future__ import annotations

from filters import part_of, run_as_pandoc_filter, stringify, text_inlines

NOTES_CLASS = "endnotes"
HIDDEN = "visually-hidden"  # report.css hides it on screen but not from screen readers


def note_id(number: int) -> str:
    return f"note-{number}"


def ref_id(number: int) -> str:
    return f"note-{number}-ref"


def _hidden(text: str) -> dict:
    """Text for screen readers only; leading and trailing spaces are kept (they separate words)."""
    space = [{"t": "Space"}]
    inlines = space * text.startswith(" ") + text_inlines(text) + space * text.endswith(" ")
    return {"t": "Span", "c": [["", [HIDDEN], []], inlines]}


def _reference(number: int) -> dict:
    return {"t": "Link", "c": [[ref_id(number), ["endnote-ref"], [["role", "doc-noteref"]]],
                               [{"t": "Superscript", "c": [_hidden("Note "), {"t": "Str", "c": str(number)}]}],
                               ["#" + note_id(number), ""]]}


def _back_link(number: int) -> dict:
    return {"t": "Link", "c": [["", ["endnote-back"], [["role", "doc-backlink"]]],
                               text_inlines("Back to the text") + [_hidden(f" (note {number})")],
                               ["#" + ref_id(number), ""]]}


def _note_item(number: int, blocks: list) -> list:
    blocks = list(blocks)
    back = [{"t": "Space"}, _back_link(number)]
    if blocks and blocks[-1]["t"] in ("Para", "Plain"):
        blocks[-1] = {"t": blocks[-1]["t"], "c": blocks[-1]["c"] + back}
    else:
        blocks.append({"t": "Para", "c": back[1:]})
    return [{"t": "RawBlock", "c": ["html", f'<li id="{note_id(number)}">']}, *blocks,
            {"t": "RawBlock", "c": ["html", "</li>"]}]


def _endnotes(chapter_id: str, chapter_title: str, notes: list[tuple[int, list]]) -> dict:
    region = f"notes-{chapter_id}"
    label = f"Notes on “{chapter_title}”" if chapter_title else "Notes"
    items = [block for number, blocks in notes for block in _note_item(number, blocks)]
    return {"t": "Div", "c": [[region, [NOTES_CLASS], [["role", "doc-endnotes"],
                                                       ["aria-labelledby", f"{region}-title"]]],
                              [{"t": "Para", "c": [{"t": "Span", "c": [[f"{region}-title", ["endnotes-title"], []],
                                                                       text_inlines(label)]}]},
                               {"t": "RawBlock", "c": ["html", f'<ol class="endnotes-list" start="{notes[0][0]}">']},
                               *items,
                               {"t": "RawBlock", "c": ["html", "</ol>"]}]]}


class _Numbering:
    def __init__(self, count: int = 0):
        self.count = count  # the notes of the chapters before
        self.pending: list[tuple[int, list]] = []  # notes of the current chapter, in order

    def take_notes(self, node):
        """Replace every Note under node (in document order) with a numbered reference."""
        if isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, dict) and not isinstance(item.get("c"), (list, dict)):
                    continue  # a word or a space: nothing inside (most of the elements)
                if isinstance(item, dict) and item.get("t") == "Note":
                    self.count += 1
                    number = self.count
                    self.take_notes(item["c"])  # a note inside a note gets the next number
                    self.pending.append((number, item["c"]))
                    node[index] = _reference(number)
                else:
                    self.take_notes(item)
        elif isinstance(node, dict):
            for value in node.values():
                if isinstance(value, (list, dict)):
                    self.take_notes(value)


def apply(doc: dict, fmt: str = "") -> dict:
    part = part_of(doc)
    # One chapter at a time: numbers go on from the chapters before.
    before = part["carry"].setdefault("endnotes", {"notes": 0, "chapters": 0}) if part else {"notes": 0, "chapters": 0}
    numbering = _Numbering(before["notes"])
    blocks: list = []
    chapter_id, chapter_title, chapter_number = "", "", before["chapters"]

    def close_chapter():
        if numbering.pending:
            numbering.pending.sort(key=lambda note: note[0])
            blocks.append(_endnotes(chapter_id or f"chapter-{chapter_number}", chapter_title, numbering.pending))
            numbering.pending = []

    for block in doc["blocks"]:
        if block["t"] == "Header" and block["c"][0] == 1:
            close_chapter()
            chapter_number += 1
            chapter_id, chapter_title = block["c"][1][0], stringify(block["c"][2])
        numbering.take_notes([block])
        blocks.append(block)
    close_chapter()
    before.update(notes=numbering.count, chapters=chapter_number)
    doc["blocks"] = blocks
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
