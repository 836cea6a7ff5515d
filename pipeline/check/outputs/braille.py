"""report.brf read back: liblouis back-translates the braille, and the title,
every heading (in order) and every informative image's alt text must be
there, word for word.

Words are compared, not strings: back-translation gives back the words, but
not always the print punctuation ("2025–26" may come back as "2025—26"), and
where liblouis reads a sign back another way, the text must be in the braille
as liblouis writes it. The
page numbers at the ends of the first and last lines of each page and the
print page change lines are left out first, so a number never splits a
heading. The code is the report language's table at grade 2 or grade 1,
whichever reads the title back from the title page; a passage in another
language is read back with the code the title page's note names for it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.check.expected import Expected
from pipeline.check.outputs.compare import described, finding
from pipeline.diagnostics import Diagnostic
from pipeline import louis

RUNNING_NUMBER = re.compile(r" {3,}\S+$")
PAGE_CHANGE_LINE = re.compile(r"^-{3,}\S*$")
# How the title page names the codes of passages in other languages (pipeline/writers/braille.py).
OTHER_TABLE = re.compile(r"[\w-]+\.(?:ctb|utb|tbl)")
UEB = re.compile(r"Unified English Braille, grade (\d)")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def readable_text(brf: str, cells: int | None = None) -> list[str]:
    """The BRF's lines without page numbers and print page change lines. A page number ends in the
    last cell (`cells`: the longest line) of the first or last line; the text on those lines stops
    three cells short of it."""
    kept = []
    cells = cells or max((len(line) for line in brf.replace("\f", "\n").split("\n")), default=0)
    for page in brf.split("\f"):
        lines = page.rstrip("\n").split("\n")
        for index, line in enumerate(lines):
            if PAGE_CHANGE_LINE.match(line):
                continue
            if index in (0, len(lines) - 1) and len(line) == cells:
                line = RUNNING_NUMBER.sub("", line)
            kept.append(line)
    return kept


def contains(haystack: list[str], needle: list[str], start: int = 0) -> int | None:
    """Where needle ends in haystack (searching from start), or None."""
    for at in range(start, len(haystack) - len(needle) + 1):
        if haystack[at:at + len(needle)] == needle:
            return at + len(needle)
    return None


@dataclass
class ReadBack:
    table: str  # the report's code
    said: list[str]  # the words, read back with it
    others: dict[str, list[str]]  # table -> the words read back with it, for each other code named
    cells: str  # the braille, one space between words

    def find(self, wanted: str, at: int) -> int | None:
        """Where `wanted` ends in the report's words, searching from `at`; else `at` when it is
        anywhere in another code's words, or in the braille as liblouis writes it (some signs read
        back another way: in UEB "5" is both "enough" and "en", and liblouis reads back "en")."""
        end = contains(self.said, words(wanted), at)
        if end is not None:
            return end
        if any(contains(other, words(wanted)) is not None for other in self.others.values()):
            return at
        brailled = (" ".join(louis.translate(table, wanted).split()) for table in (self.table, *self.others))
        return at if any(cells in self.cells for cells in brailled) else None


def read_back(brf: str, lang: str, title: str) -> ReadBack | None:
    """The BRF read back with the table that reads the title back from the title page; None when none does."""
    lines = readable_text(brf)
    first_page = " ".join(readable_text(brf.split("\f")[0], max(map(len, brf.replace("\f", "\n").split("\n")))))
    cells = " " + " ".join(" ".join(lines).split()) + " "
    for grade in (2, 1):
        table = louis.table_for(lang, grade)
        if not table:
            continue
        title_page = louis.back_translate(table, first_page)
        brailled_title = " ".join(louis.translate(table, title).split())
        if contains(words(title_page), words(title)) is not None or f" {brailled_title} " in cells:
            text = louis.back_translate(table, " ".join(lines))
            named = set(OTHER_TABLE.findall(text)) | {louis.ENGLISH[int(g)] for g in UEB.findall(text)}
            others = {}
            for other in sorted(named - {table}):
                try:
                    others[other] = words(louis.back_translate(other, " ".join(lines)))
                except louis.LouisUnavailable:  # a name the report's code did not read back exactly
                    continue
            return ReadBack(table, words(text), others, cells)
    return None


def check_braille(path: Path, expected: Expected) -> list[Diagnostic]:
    try:
        brf = path.read_bytes().decode("ascii")
    except UnicodeDecodeError as exc:
        return [finding(path, "output-missing", f"{path.name} is not ASCII braille: {exc}")]
    found = read_back(brf, expected.lang, expected.title)
    if found is None:
        return [finding(path, "output-title", f'{path.name} does not read back as the title "{expected.title}" '
                                              f"with any braille table for '{expected.lang}'")]
    table = found.table
    problems: list[Diagnostic] = []
    at: int | None = 0
    for level, heading in expected.outline:
        at = found.find(heading, at)
        if at is None:
            problems.append(finding(path, "output-outline", f'{path.name} ({table}): the heading "{heading}" '
                                                            f"(level {level}) is not there, or not in its place"))
            break
    at = 0
    for image in described(expected):
        at = found.find(image.alt, at)
        if at is None:
            problems.append(finding(path, "output-alt-lost", f'{path.name} ({table}): the alt text of {image.src} '
                                                             f'("{image.alt}") is not there, or not in its place'))
            break
    return problems
