"""Where in the source a writer stopped: the chapter file and line.

A writer is given the whole report as one generated document (Typst markup,
XHTML), so Typst and lxml name a line of that document. The nearest heading
above it names the section; the first heading of each chapter carries the
chapter's file (parse.SOURCE_ATTR), so the section's file and the heading's
line in it are known. Within the section, the line is the first that has the
longest word of the generated line, or else the heading's own line.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filters import attr_get, stringify
from pipeline.parse import SOURCE_ATTR
from pipeline.source import Report

WORD = re.compile(r"[^\W\d_]{4,}")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


@dataclass
class Place:
    file: Path
    line: int | None
    section: str  # the heading of the section it is in ("" before the first heading)

    def described(self) -> str:
        return f' in the section "{self.section}"' if self.section else ""


def sections(report: Report, doc: dict) -> dict[str, tuple[Path, str]]:
    """Heading id -> (chapter file, heading text) for every heading of the tree."""
    found: dict[str, tuple[Path, str]] = {}
    chapter = report.chapters[0]

    def visit(blocks: list) -> None:
        nonlocal chapter
        for block in blocks:
            if block["t"] == "Header":
                attr = block["c"][1]
                if attr_get(attr, SOURCE_ATTR):
                    chapter = report.root / attr_get(attr, SOURCE_ATTR)
                if attr[0]:
                    found.setdefault(attr[0], (chapter, stringify(block["c"][2])))
            elif block["t"] == "Div":
                visit(block["c"][1])

    visit(doc["blocks"])
    return found


def _heading_line(lines: list[str], ident: str, text: str) -> int | None:
    for number, line in enumerate(lines, 1):
        if f"#{ident}" in line and MARKDOWN_HEADING.match(line):
            return number
    for number, line in enumerate(lines, 1):
        if MARKDOWN_HEADING.match(line) and text and text.split()[0] in line:
            return number
    return None


def _line_with_words(lines: list[str], start: int, generated_line: str, whole_file: bool = False) -> int | None:
    """The first line from `start` to the next heading (or the end) that has generated_line (raw
    markup passes through as it was written), or else its longest word."""
    words = sorted(set(WORD.findall(generated_line)), key=len, reverse=True)
    for word in [text for text in (generated_line.strip(), *words[:3]) if text]:
        for number in range(start, len(lines) + 1):
            if number > start and not whole_file and MARKDOWN_HEADING.match(lines[number - 1]):
                break
            if word in lines[number - 1]:
                return number
    return None


def place(report: Report, doc: dict, generated: list[str], number: int,
          heading_id: Callable[[list[str], int], str | None]) -> Place:
    """The source place of line `number` (1-based) of a generated document; heading_id(lines, i)
    gives the id of a heading that starts at index i of the generated lines, or None."""
    known = sections(report, doc)
    text = generated[number - 1] if 0 < number <= len(generated) else ""
    for index in range(min(number, len(generated)) - 1, -1, -1):
        ident = heading_id(generated, index)
        if ident in known:
            chapter, title = known[ident]
            lines = chapter.read_text(encoding="utf-8").splitlines()
            start = _heading_line(lines, ident, title) or 1
            return Place(chapter, _line_with_words(lines, start, text) or start, title)
    # No heading of the source above it (e.g. the easy-read tree, made of summaries): any chapter's line.
    for chapter in report.chapters:
        line = _line_with_words(chapter.read_text(encoding="utf-8").splitlines(), 1, text, whole_file=True)
        if line:
            return Place(chapter, line, "")
    return Place(report.chapters[0], None, "")
