"""Each table sits in a region that scrolls sideways on its own, can take
keyboard focus, and is named by the table's caption.

Why: a table wider than a phone screen would otherwise make the whole page
scroll sideways (WCAG 1.4.10 Reflow asks for none at 320 CSS px). Scrolling
only the table fixes that, but a keyboard user can scroll a box only when it
can take focus (`tabindex="0"`, WCAG 2.1.1), and a focusable box needs a name
so that a screen reader says what was focused (`role="region"` named by the
caption through `aria-labelledby`). No JavaScript is involved; report.css
gives `.table-scroll` its `overflow-x: auto` and a visible focus ring.

    <div class="table-scroll" role="region" tabindex="0" aria-labelledby="table-2-caption">
      <table><caption><span id="table-2-caption">Grants by theme …</span></caption> …

A table without a caption is named "Table N" (the validator asks authors for
captions, so that is a fallback). Pandoc's HTML writer prints the Div's
attributes as they are, so the stage is for HTML writers only.
"""
from __future__ import annotations

from filters import element_ids, part_of, run_as_pandoc_filter, stringify

REGION_CLASS = "table-scroll"


class _Wrapper:
    def __init__(self, doc: dict, taken_elsewhere: set[str], count: int):
        # so that the caption ids made here are new (made ids such as note-1 never start with "table-")
        self.taken = element_ids(doc["blocks"]) | taken_elsewhere
        self.count = count  # the tables before

    def region(self, table: dict) -> dict:
        self.count += 1
        caption_blocks = table["c"][1][1]
        if caption_blocks and caption_blocks[0]["t"] in ("Plain", "Para") and stringify(caption_blocks[0]):
            ident = f"table-{self.count}-caption"
            while ident in self.taken:
                ident += "-x"
            self.taken.add(ident)
            first = caption_blocks[0]
            first["c"] = [{"t": "Span", "c": [[ident, [], []], first["c"]]}]
            naming = ["aria-labelledby", ident]
        else:
            naming = ["aria-label", f"Table {self.count}"]
        return {"t": "Div", "c": [["", [REGION_CLASS], [["role", "region"], ["tabindex", "0"], naming]], [table]]}

    def wrap_all(self, node) -> None:
        """Replace every Table, wherever it is, by its region (tables inside tables included)."""
        if isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, dict) and not isinstance(item.get("c"), (list, dict)):
                    continue  # a word or a space: nothing inside (most of the elements)
                self.wrap_all(item)
                if isinstance(item, dict) and item.get("t") == "Table":
                    node[index] = self.region(item)
        elif isinstance(node, dict):
            for value in node.values():
                if isinstance(value, (list, dict)):
                    self.wrap_all(value)


def apply(doc: dict, fmt: str = "") -> dict:
    part = part_of(doc)
    if part:  # one chapter: the other chapters' ids that could be a caption's, and their tables' count
        wrapper = _Wrapper(doc, {i for i in part["ids-elsewhere"] if i.startswith("table-")},
                           part["carry"].get("table-regions", 0))
    else:
        wrapper = _Wrapper(doc, set(), 0)
    wrapper.wrap_all(doc["blocks"])
    if part:
        part["carry"]["table-regions"] = wrapper.count
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
