"""What the source rules look at: each Markdown file as the build reads it
(pipeline/parse.py), and a walk over it that yields every element with its
line:column (the "pos" the reader keeps on each element).
"""
from __future__ import annotations

import functools
import json

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from filters import stringify, table_rows
from filters.positions import position
from pipeline.cache import NO_CACHE, Cache
from pipeline.parse import Chapter, read_chapter


@dataclass
class Node:
    """One element of the tree, with where it starts and what it is inside."""
    t: str
    c: object
    line: int
    column: int
    ancestors: tuple[str, ...]
    next_block: dict | None = None  # the following block in the same list (for figures' long descriptions)

    def text(self) -> str:
        return stringify({"t": self.t, "c": self.c})


@dataclass
class SourceFile:
    """One Markdown file as the checker sees it."""
    path: Path
    blocks: list
    meta: dict = field(default_factory=dict)  # its front matter (pipeline/front_matter.py), as plain values
    raw_html: list[dict] = field(default_factory=list)  # pasted HTML as written (pipeline/parse.py)
    key: str = ""  # names what was read (pipeline/parse.py: its Markdown); "" for a lone file

    @functools.cached_property
    def identity(self) -> str:
        """The file and everything in it ("" if it has no key): what was found in it holds while this does."""
        return json.dumps([str(self.path), self.key, self.meta], sort_keys=True, default=str) if self.key else ""
    _nodes: list[Node] | None = field(default=None, repr=False)

    def front_matter(self, key: str) -> str:
        """A setting of the file's front matter as text ('' if absent or not a single value)."""
        value = self.meta.get(key)
        return "" if value is None or isinstance(value, (dict, list)) else str(value)

    def nodes(self) -> list[Node]:
        """Every element in reading order (computed once: each rule walks the file)."""
        if self._nodes is None:
            self._nodes = list(_walk_blocks(self.blocks, (1, 1), ()))
        return self._nodes


def _children(node: dict) -> list[list]:
    """The lists of blocks or inlines directly inside node."""
    t, c = node["t"], node.get("c")
    if t in ("Para", "Plain", "Emph", "Strong", "Strikeout", "Underline", "SmallCaps",
             "Superscript", "Subscript", "BlockQuote", "Note", "LineBlock"):
        return [c] if t != "LineBlock" else list(c)
    if t in ("Span", "Div", "Quoted", "Cite", "Link", "Image"):
        return [c[1]]
    if t == "Header":
        return [c[2]]
    if t == "BulletList":
        return list(c)
    if t == "OrderedList":
        return list(c[1])
    if t == "DefinitionList":
        lists = []
        for term, definitions in c:
            lists.append(term)
            lists.extend(definitions)
        return lists
    if t == "Figure":
        return [c[1][1], c[2]]
    if t == "Table":
        return [c[1][1]] + [cell[4] for row in table_rows(c) for cell in row[1]]
    return []


TEXT = frozenset({"Str", "Space", "SoftBreak", "LineBreak"})


def _walk_blocks(items: list, here: tuple[int, int], ancestors: tuple[str, ...],
                 after: dict | None = None) -> Iterator[Node]:
    """Every element below items except plain words and spaces (no rule needs those).
    `after` is what follows the list."""
    # What follows each item, found in one pass from the end (not a scan per item: inline lists are long).
    followers: list[dict | None] = [None] * len(items)
    following = after
    for index in range(len(items) - 1, -1, -1):
        followers[index] = following
        item = items[index]
        if isinstance(item, dict) and item.get("t") not in ("Space", "SoftBreak"):
            following = item
    for index, item in enumerate(items):
        kind = item.get("t") if isinstance(item, dict) else None
        if kind is None or kind in TEXT:
            continue
        start = position(item) or here
        yield Node(kind, item.get("c"), start[0], start[1], ancestors, followers[index])
        for child in _children(item):
            yield from _walk_blocks(child, start, ancestors + (kind,))


def parse_for_check(path: Path, cwd: Path, store: Cache = NO_CACHE) -> SourceFile:
    """A Markdown file, read as the build reads it. A UnicodeDecodeError is the caller's to report."""
    return as_checked(read_chapter(path, cwd, store))


def as_checked(chapter: Chapter) -> SourceFile:
    """A chapter as read (pipeline/parse.py), as the rules see it."""
    return SourceFile(path=chapter.path, blocks=chapter.blocks, meta=chapter.front_matter, raw_html=chapter.raw_html,
                      key=chapter.key)
