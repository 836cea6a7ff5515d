"""The repair report's entries: what the importer changed or could not do, where it
was in the original and where it is now.

Each repair holds the label of the original place (`p17`, `L42`, see
markers.py); the format's reader turns it into words ("Word paragraph 17,
page 3", "line 42"), and the writer fills in the chapter file and line once
the Markdown is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# kind -> the heading it is listed under in the report, in this order
KINDS = {
    "refused": "Left out",
    "alt": "Pictures that need alt text written by a person",
    "heading": "Headings",
    "table": "Tables",
    "list": "Lists",
    "picture": "Pictures",
    "flattened": "Text boxes, shapes and charts",
    "notes": "Comments",
    "confirm": "Please confirm",
    "tidy": "Spacing and page breaks removed",
    "document": "The document as a whole",
}


@dataclass
class Repair:
    kind: str  # a key of KINDS
    message: str  # what was done, in words, e.g. '"Our year" was a bold paragraph; now a level-2 heading'
    label: str | None = None  # where it was in the original (a marker label)
    was: str = ""  # the original place in words, filled in from the label
    now: str = ""  # "chapters/02-our-year.md:5", or "removed"
    extra_labels: list[str] = field(default_factory=list)  # more places of a grouped repair
    to_do: bool = False  # a person has to act on it before the report builds or reads well

    def line(self) -> str:
        more = f" and {len(self.extra_labels)} more" if self.extra_labels else ""
        where = f"{self.was or 'the document'}{more} -> {self.now or 'the report'}"
        return f"{'TO DO' if self.to_do else 'fixed'}  {where}: {self.message}"


class Repairs(list):
    """The repairs of one import, in the order they were made."""

    def add(self, kind: str, message: str, label: str | None = None, now: str = "", to_do: bool = False) -> Repair:
        assert kind in KINDS, kind
        repair = Repair(kind, message, label, now=now, to_do=to_do or kind in ("alt", "confirm", "refused"))
        self.append(repair)
        return repair

    def removed(self, kind: str, what: tuple[str, str], labels: list[str]) -> None:
        """One entry for many removals of the same kind (empty paragraphs, page breaks);
        what is its name in the singular and the plural."""
        if labels:
            name = what[0] if len(labels) == 1 else what[1]
            repair = self.add(kind, f"{len(labels)} {name} removed", labels[0], now="removed")
            repair.extra_labels = labels[1:]

    def sorted(self) -> list[Repair]:
        order = list(KINDS)
        return sorted(self, key=lambda r: order.index(r.kind))
