"""What the source rules look at: each Markdown file parsed with exact
positions, and a walk over it that yields every element with its line:column.

Positions come from pandoc's `commonmark_x+sourcepos` reader, run on each
file for checking only (the build's tree comes from pandoc's Markdown reader,
which has no positions). sourcepos wraps inlines in Spans and blocks in Divs
marked `wrapper`; the walk looks through them, so rules see the same shapes
as in an ordinary pandoc tree.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from filters import attr_get, attr_of, stringify
from filters.raw_html import convert as convert_raw_html
from filters.pasted_html.tags import end_unfinished_html_blocks
from pipeline.cache import NO_CACHE, Cache, key
from pipeline.front_matter import split_front_matter
from pipeline.pandoc import run_pandoc

POSITIONS_READER = "commonmark_x+sourcepos"
def is_wrapper(node: dict) -> bool:
    attr = attr_of(node)
    return node["t"] in ("Span", "Div") and attr is not None and attr_get(attr, "wrapper") == "1"


def position(attr) -> tuple[int, int] | None:
    """Start (line, column) of a data-pos value like 'f@8:1-9:1;7:1-10:1'.

    An element first in a list item carries the item's data-pos and then its
    own: the last one is the element's.
    """
    values = [v for k, v in attr[2] if k == "data-pos"] if attr else []
    if not values:
        return None
    value = values[-1]
    starts = []
    for segment in value.split(";"):
        start = segment.rsplit("@", 1)[-1].split("-")[0]
        line, _, column = start.partition(":")
        if line.isdigit() and column.isdigit():
            starts.append((int(line), int(column)))
    return min(starts) if starts else None


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


def unwrap(block: dict) -> dict:
    while is_wrapper(block) and len(block["c"][1]) == 1:
        block = block["c"][1][0]
    return block


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
        _attr, caption, _specs, head, bodies, foot = c
        lists = [caption[1]]
        rows = list(head[1]) + list(foot[1])
        for body in bodies:
            rows += list(body[2]) + list(body[3])
        for row in rows:
            for cell in row[1]:
                lists.append(cell[4])
        return lists
    return []


TEXT = frozenset({"Str", "Space", "SoftBreak", "LineBreak"})


def _walk_blocks(items: list, here: tuple[int, int], ancestors: tuple[str, ...],
                 after: dict | None = None) -> Iterator[Node]:
    """Every element below items except plain words and spaces (no rule needs those, and
    sourcepos wraps each one: skipping them is most of the walk's speed).
    `after` is what follows the list (seen through wrappers)."""
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
        wrapper = is_wrapper(item)
        if wrapper and kind == "Span" and all(x.get("t") in TEXT for x in item["c"][1]):
            continue
        start = position(attr_of(item)) or here
        following = followers[index]
        if following is not None and following is not after:
            following = unwrap(following)
        if wrapper:
            yield from _walk_blocks(item["c"][1], start, ancestors, following)
            continue
        yield Node(kind, item.get("c"), start[0], start[1], ancestors, following)
        for child in _children(item):
            yield from _walk_blocks(child, start, ancestors + (kind,))


def parse_for_check(path: Path, cwd: Path, store: Cache = NO_CACHE) -> SourceFile:
    # A UnicodeDecodeError here is the caller's to report; front matter is split off as the build does.
    front = split_front_matter(path.read_bytes().decode("utf-8"), path)
    text = front.body.encode()
    name = key("check-parse", POSITIONS_READER, text)
    tree = store.get(name)
    if tree is None:
        readable = end_unfinished_html_blocks(text.decode("utf-8")).encode("utf-8")
        parsed = json.loads(run_pandoc(["-f", POSITIONS_READER, "-t", "json"], readable, cwd, path))
        # Pasted HTML read as the build reads it (filters/raw_html.py), each element at its line:column.
        parsed["blocks"] = convert_raw_html(parsed["blocks"], for_check=True)
        tree = json.dumps(parsed).encode()
        store.put(name, tree)
    doc = json.loads(tree)
    return SourceFile(path=path, blocks=doc["blocks"], meta=front.data)
