"""Braille text set in cells, lines and pages (BANA/UKAAF page layout).

Each page has `lines` lines of `cells` cells. The braille page number is at
the right of the last line and the print page number at the right of the
first, each at least three blank cells from the text. Where a print page
begins in the middle of a braille page, a line of dots 3-6 ends in the new
print page number (the print page change indicator). A chapter starts a new
page with its heading centred; other headings have a blank line before and
after (level 2 centred, deeper ones from cell 5), and a heading never ends a
page: it moves to the next one with the text that follows it. Lines break
only between words; a word longer than a line is cut.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.writers.braille_blocks import PrintPage, Text

GAP = 3  # blank cells between the text and a page number on the same line
PAGE_CHANGE = "-"  # dots 3-6 in BRF
GUIDE_DOT = '"'  # dots 5 in BRF: the guide dots of a contents entry
DEEP_HEADING = 4  # level 3+ headings start in cell 5


@dataclass(frozen=True)
class Setup:
    cells: int = 40
    lines: int = 25


@dataclass
class Page:
    number: str  # braille page number as BRF, "" for none
    print_label: str  # print page number as BRF, "" for none
    lines: list[str] = field(default_factory=list)


class Pager:
    """Fills pages with braille; `braille(text, lang)` translates print text into BRF (lang "" is the
    report's language)."""

    def __init__(self, setup: Setup, braille: Callable[..., str], numbers: Callable[[int], str],
                 note_marks: tuple[str, str] = ("", "")) -> None:
        self.setup, self.braille, self.numbers, self.note_marks = setup, braille, numbers, note_marks
        self.pages: list[Page] = []
        self.print_label = ""  # the print page the text is on, as BRF
        self.pending = ""  # a print page that has begun, not yet shown
        self.chapters: list[tuple[str, str]] = []  # (heading as BRF, braille page number as BRF)

    # --- pages and lines -------------------------------------------------------------------------

    def new_page(self) -> None:
        self.pages.append(Page(self.numbers(len(self.pages) + 1), self.print_label))

    @property
    def page(self) -> Page:
        if not self.pages:
            self.new_page()
        return self.pages[-1]

    def width(self, position: int) -> int:
        """Cells free for text on a line: `position` counts from the current page's first line
        on, into the pages that will follow it."""
        ahead, index = divmod(position, self.setup.lines)
        label = self.page.print_label if not ahead else self.print_label
        number = self.page.number if not ahead else self.numbers(len(self.pages) + ahead)
        width = self.setup.cells
        if index == 0 and label:
            width -= len(label) + GAP
        if index == self.setup.lines - 1 and number:
            width -= len(number) + GAP
        return width

    def room(self) -> int:
        return self.setup.lines - len(self.page.lines)

    def put(self, line: str) -> None:
        if self.room() <= 0:
            self.new_page()
        self.page.lines.append(line)

    def blank(self) -> None:
        """One blank line, never at the top of a page nor twice."""
        if self.page.lines and self.page.lines[-1] and self.room() > 1:
            self.put("")

    def wrap(self, brf: str, first: int, rest: int, centred: bool = False) -> list[str]:
        """The lines of a paragraph, each fitted to the line it will land on."""
        index = len(self.page.lines)
        lines: list[str] = []
        words = brf.split()
        while words:
            width = self.width(index)
            indent = first if not lines else rest
            line = words.pop(0)
            while len(line) + indent > width:  # a word longer than the line: cut it
                words.insert(0, line[width - indent:])
                line = line[:width - indent]
            while words and indent + len(line) + 1 + len(words[0]) <= width:
                line += " " + words.pop(0)
            lines.append(" " * ((width - len(line)) // 2 if centred else indent) + line)
            index += 1
        return lines

    # --- items -----------------------------------------------------------------------------------

    def turn_print_page(self) -> None:
        """Show a print page that began since the last text: at the top right of a fresh braille
        page, or else as a print page change line (never on the last line, which has the number)."""
        if not self.pending:
            return
        self.print_label, self.pending = self.pending, ""
        if self.page.lines and self.room() > 1:
            self.put(PAGE_CHANGE * (self.setup.cells - len(self.print_label)) + self.print_label)
        elif self.page.lines:
            self.new_page()
        else:
            self.page.print_label = self.print_label

    def heading(self, item: Text, brf: str) -> None:
        if item.heading == 1 and self.page.lines:
            self.new_page()  # a chapter starts a page, and the print page it starts on shows at its top
        self.turn_print_page()
        self.blank()
        indent = DEEP_HEADING if item.heading > 2 else 0
        lines = self.wrap(brf, indent, indent, centred=item.heading <= 2)
        if self.room() < len(lines) + 2:  # the heading, a blank line and a line of what follows
            self.new_page()
            lines = self.wrap(brf, indent, indent, centred=item.heading <= 2)
        for line in lines:
            self.put(line)
        if item.heading == 1:
            self.chapters.append((brf, self.page.number))
        self.put("")

    def text(self, item: Text) -> None:
        brf = "".join(self.braille(text, lang) for lang, text in item.passages())
        if item.note:
            brf = self.note_marks[0] + brf + self.note_marks[1]
        if item.heading:
            return self.heading(item, brf)
        self.turn_print_page()
        for line in self.wrap(brf, item.first, item.rest):
            self.put(line)

    def add(self, items: list) -> None:
        for item in items:
            if isinstance(item, PrintPage):
                self.pending = self.braille(item.label)
            else:
                self.text(item)

    def entry(self, title: str, number: str) -> None:
        """A contents entry: the title (runovers in cell 3), guide dots, the braille page number."""
        room = self.setup.cells - len(number) - GAP
        lines = self.wrap(title, 0, 2)
        last = lines.pop()
        if len(last) > room:
            lines.append(last)
            last = ""
        for line in lines:
            self.put(line)
        if self.room() <= 1:  # the last line holds this page's own number
            self.new_page()
        dots = self.setup.cells - len(last) - len(number) - 2
        self.put(f"{last} {GUIDE_DOT * dots} {number}".lstrip() if dots > 0 else last.ljust(room + GAP) + number)

    # --- output ----------------------------------------------------------------------------------

    def render(self) -> list[str]:
        """Each page as text: running numbers in place, `lines` lines long."""
        out = []
        for page in self.pages:
            lines = page.lines + [""] * (self.setup.lines - len(page.lines))
            if page.print_label:
                lines[0] = lines[0].ljust(self.setup.cells - len(page.print_label)) + page.print_label
            if page.number:
                lines[-1] = lines[-1].ljust(self.setup.cells - len(page.number)) + page.number
            while lines and not lines[-1]:
                lines.pop()
            out.append("".join(line.rstrip() + "\n" for line in lines))
        return out
