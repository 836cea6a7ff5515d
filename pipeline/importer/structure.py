"""The outline: heading levels made consecutive, chapters cut at the top level the
document really uses, every heading given an explicit id, and a glossary
section taken out into glossary.yaml.

A document whose top level holds one heading, first, (a web page's `<h1>`,
a Word document typed with its title as "Heading 1") has its title there:
that heading becomes the report's title and the chapters are cut one level
below. Text before the first chapter heading becomes an introduction.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.importer.markers import first_label, label_of
from pipeline.importer.repairs import Repairs
from pipeline.importer.tree import inlines_of, table_rows, text, walk_blocks, walk_inlines, words

GLOSSARY_HEADING = re.compile(r"^(glossary|jargon buster|key terms|words we use|terms we use|definitions)\b", re.I)
TERM_SPLIT = re.compile(r"^(?P<term>[^:–—]{1,60}?)\s*(?::|\s[–—-]\s)\s*(?P<definition>.+)$")
INTRODUCTION = "Introduction"


@dataclass
class Chapter:
    title: str
    id: str
    blocks: list = field(default_factory=list)
    file: str = ""


def slug(value: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    words_ = re.findall(r"[a-z0-9]+", ascii_text)
    out = ""
    for word in words_:
        if len(out) + len(word) + 1 > limit and out:
            break
        out = f"{out}-{word}" if out else word
    return out or "section"


def title_heading(blocks: list, known_title: str) -> tuple[str, str | None]:
    """The text of a lone top-level heading that opens the document (then removed), else "".
    When the document names its title elsewhere (known_title), the heading must be that title."""
    headers = [b for b in blocks if b["t"] == "Header"]
    if len(headers) < 2:
        return "", None
    top = min(h["c"][0] for h in headers)
    at_top = [h for h in headers if h["c"][0] == top]
    if len(at_top) != 1 or at_top[0] is not headers[0]:
        return "", None
    heading = text(at_top[0])
    if known_title and heading.casefold() not in known_title.casefold() \
            and known_title.casefold() not in heading.casefold():
        return "", None
    blocks.remove(at_top[0])
    return heading, label_of(at_top[0])


def relevel(blocks: list, repairs: Repairs) -> None:
    """Levels from 1 without skips: each heading one below the nearest higher-level heading above it."""
    stack: list[int] = []
    for block in blocks:
        if block["t"] != "Header":
            continue
        level = block["c"][0]
        while stack and stack[-1] >= level:
            stack.pop()
        new = len(stack) + 1
        stack.append(level)
        if new != level:
            block["c"][0] = new
            repairs.add("heading", f'"{text(block)}" moved from level {level} to level {new}, so that no level is '
                                   "skipped and chapters start at level 1", label_of(block))


def split_chapters(blocks: list, repairs: Repairs) -> list[Chapter]:
    chapters: list[Chapter] = []
    for block in blocks:
        if block["t"] == "Header" and block["c"][0] == 1:
            chapters.append(Chapter(text(block), "", [block]))
            continue
        if not chapters:
            heading = {"t": "Header", "c": [1, ["", [], []], words(INTRODUCTION)]}
            chapters.append(Chapter(INTRODUCTION, "", [heading]))
            repairs.add("heading", f'the text before the first heading is a chapter of its own now, headed '
                                   f'"{INTRODUCTION}" (change the heading if another fits better)',
                        first_label([block]))
        chapters[-1].blocks.append(block)
    return chapters


def assign_ids(chapters: list[Chapter]) -> None:
    """An explicit, report-wide unique id on every heading; links to the old ids follow, and
    Word's and LibreOffice's bookmarks (empty Spans with an id) go, their links to the heading above."""
    used: set[str] = set()
    renamed: dict[str, str] = {}
    current = ""
    for chapter in chapters:
        for block in walk_blocks(chapter.blocks):
            if block["t"] == "Header":
                base = slug(text(block))
                new, n = base, 2
                while new in used:
                    new, n = f"{base}-{n}", n + 1
                used.add(new)
                if block["c"][1][0]:
                    renamed[block["c"][1][0]] = new
                block["c"][1] = [new, [], []]
                current = new
            for bookmark in _take_bookmarks(inlines_of(block) or []):
                renamed.setdefault(bookmark, current)
        chapter.id = chapter.blocks[0]["c"][1][0]
    for chapter in chapters:
        for block in walk_blocks(chapter.blocks):
            for inline in walk_inlines(inlines_of(block) or []):
                if inline["t"] == "Link" and inline["c"][2][0].startswith("#"):
                    target = inline["c"][2][0][1:]
                    inline["c"][2][0] = f"#{renamed.get(target, target)}"


def _take_bookmarks(inlines: list) -> list[str]:
    """Remove empty Spans that only carry an id (bookmarks) from inlines, at any depth; their ids."""
    found = [i["c"][0][0] for i in inlines if i["t"] == "Span" and not i["c"][1] and i["c"][0][0]]
    inlines[:] = [i for i in inlines if not (i["t"] == "Span" and not i["c"][1] and i["c"][0][0])]
    for inline in inlines:
        if inline["t"] in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            found += _take_bookmarks(inline["c"])
        elif inline["t"] in ("Link", "Span", "Quoted"):
            found += _take_bookmarks(inline["c"][1])
    return found


def take_glossary(chapters: list[Chapter], repairs: Repairs) -> dict[str, str]:
    """A section headed "Glossary" (or "Key terms", …) whose every entry reads as a term and its meaning."""
    for chapter in chapters:
        for start, block in enumerate(chapter.blocks):
            if block["t"] != "Header" or not GLOSSARY_HEADING.match(text(block)):
                continue
            level = block["c"][0]
            end = next((i for i in range(start + 1, len(chapter.blocks)) if chapter.blocks[i]["t"] == "Header"
                        and chapter.blocks[i]["c"][0] <= level), len(chapter.blocks))
            terms = _terms(chapter.blocks[start + 1:end])
            if len(terms) < 2:
                continue
            label = label_of(block)
            for repair in repairs:  # e.g. the heading was a bold paragraph: it is in glossary.yaml now
                if repair.label == label and not repair.now:
                    repair.now = "glossary.yaml"
            del chapter.blocks[start:end]
            if not chapter.blocks:
                chapters.remove(chapter)
            repairs.add("document", f'the section "{text(block)}" became glossary.yaml ({len(terms)} terms): the '
                                    "editions print it as the report's glossary", label, now="glossary.yaml")
            return terms
    return {}


def _terms(blocks: list) -> dict[str, str]:
    terms: dict[str, str] = {}
    for block in blocks:
        if block["t"] == "DefinitionList":
            for term, definitions in block["c"]:
                terms[text(term)] = " ".join(text(d) for d in definitions)
        elif block["t"] == "Table" and all(len(row) == 2 for row in table_rows(block)):
            for term, definition in table_rows(block)[1:]:
                terms[text(term)] = text(definition)
        elif block["t"] == "BulletList":
            for item in block["c"]:
                if not _term_line(item, terms):
                    return {}
        elif block["t"] in ("Para", "Plain"):
            if not _term_line([block], terms):
                return {}
        else:
            return {}
    return {term: definition for term, definition in terms.items() if term and definition}


def _term_line(blocks: list, terms: dict[str, str]) -> bool:
    if len(blocks) != 1 or blocks[0]["t"] not in ("Para", "Plain"):
        return False
    inlines = blocks[0]["c"]
    if inlines and inlines[0]["t"] == "Strong":  # **Term** meaning, or **Term:** meaning
        term = text(inlines[0]).rstrip(":–—- ")
        definition = text(inlines[1:]).lstrip(":–—- ")
        if term and definition:
            terms[term] = definition
            return True
    found = TERM_SPLIT.match(text(blocks))
    if found:
        terms[found["term"].strip()] = found["definition"].strip()
        return True
    return False


def name_files(chapters: list[Chapter]) -> None:
    for number, chapter in enumerate(chapters, 1):
        chapter.file = f"chapters/{number:02d}-{slug(chapter.title, 30)}.md"
