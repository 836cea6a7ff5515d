"""Raw HTML pasted into Markdown becomes the tree's own elements.

People paste HTML from WordPress, GitHub READMEs and Word: `<img>`, `<br>`,
`<h2>`, `<table>`, `<p style=…>`. Left raw, a `<br>` breaks the EPUB (XHTML
must be well-formed), a raw `<img>` is missing from the PDF and never
checked for alt text, a raw `<h2>` is outside the outline. So every raw HTML
fragment is parsed as a browser would (nh3's HTML5 parser, which also drops
`<script>`, `<style>`, inline `<svg>`, comments, `on…=` and `style=`), then
read by pandoc's HTML reader and replaced by what it means: an Image, a
Header, a Table, a list, a Para, a Link. Nothing raw is left for the writers.

Pandoc's Markdown readers split HTML into lone tags with Markdown between
them (`<a href="x">`, `*text*`, `</a>`). A run from an opening tag to its
closing tag is read as one piece, with each Markdown node between held in a
placeholder element and put back afterwards, so `*text*` stays emphasis
inside the new Link. An opening tag never closed in its list (up to the next
chapter heading) is dropped, as is a stray closing tag; their content stays.

All fragments of a document go to ONE pandoc process (`--sandbox`: nothing
is fetched or read). The reader (pipeline/parse.py) runs this on each chapter
as it reads it, so the validator's rules, every filter and every writer see
the same elements; each new element keeps its line:column ("pos", see
pipeline/positions.py), and each raw piece is kept beside the tree, so that
the raw-html-unsafe rule still sees what was removed.

`<img alt="">` is decorative (the `.decorative` class of filters/figures.py);
an `<img>` with no alt attribute has no alt text, which the alt-missing rule
reports. Elements that say nothing (`<p>&nbsp;</p>`, `<h2></h2>`) go; a new
heading is one line of text, and one inside a table cell or list is bold text.
"""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache

import nh3

from filters import ATTR_INDEX, attr_get, automatic_id, run_as_pandoc_filter, walk
from filters.figures import DECORATIVE
from filters.positions import LINES, POS, SPACES, positions_from_attributes

from filters.pasted_html.tags import Fragment, close, scan, still_open
from filters.pasted_html.tidy import (SLOT, header_row_in_head, heading_text, inlines_of,
                                      is_inline, is_space, no_headings_in_cells_or_lists,
                                      no_headings_inside_sentences, without_empty)

HTML_FORMATS = {"html", "html4", "html5"}
UNIT_ATTR, KEEP_ATTR, DECORATIVE_ATTR = "raw-html-unit", "raw-html-keep", "raw-html-decorative"
POSITIONED = frozenset({"img", "a", "table", "h1", "h2", "h3", "h4", "h5", "h6"})
# Elements whose content is text: Markdown paragraphs inside them are written without <p>.
TEXT_ONLY = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "em", "strong", "b", "i", "u",
                       "s", "small", "sup", "sub", "abbr", "cite", "q", "code", "kbd", "mark", "font",
                       "label", "dt", "summary", "caption", "button", "del", "ins"})
CONTAINERS = frozenset({"Para", "Plain", "Header", "Div", "Span", "Emph", "Strong", "Underline", "Strikeout",
                        "Superscript", "Subscript", "SmallCaps", "Link"})
# What may reach pandoc's HTML reader: nh3 (ammonia, with the HTML5 parser of the html5ever project)
# parses each fragment as a browser would and writes it back well-formed, without <script>, <style>,
# <svg>, comments, on…= attributes, style= or javascript: and data: addresses; text inside an element
# it drops stays. The data- prefix carries this module's markers.
TAGS = nh3.ALLOWED_TAGS | {"tfoot", "section", "main"}
ATTRIBUTES = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = {"class", "id", "lang", "dir", "title", "role"}
ATTRIBUTES["a"] = ATTRIBUTES["a"] | {"name"}


def normalised(markup: str) -> str:
    """A fragment as well-formed, harmless HTML: every element it opens is closed in it."""
    return nh3.clean(markup, tags=TAGS, attributes=ATTRIBUTES, generic_attribute_prefixes={"data-"},
                     link_rel=None, strip_comments=True)


def _raw_html(node) -> str | None:
    """The HTML text when node is raw HTML."""
    if isinstance(node, dict) and node.get("t") in ("RawBlock", "RawInline") and node["c"][0].lower() in HTML_FORMATS:
        return node["c"][1]
    return None


def _line_starts(node: dict) -> list[tuple[int, int]]:
    """Where each line of a raw piece starts (an inline piece over several lines has one per line)."""
    starts = node.get(LINES) or ([node[POS]] if POS in node else [])
    return [(line, column) for line, column in starts]


def _is_chapter_start(node: dict) -> bool:
    return node.get("t") == "Header" and node["c"][0] == 1


@dataclass
class _Unit:
    html: str
    inline: bool
    kept: dict[str, list] = field(default_factory=dict)  # placeholder number -> the nodes it stands for
    where: list | None = None  # [line, column] of its first piece


class _Batch:
    def __init__(self):
        self.pieces: list[dict] = []  # every raw piece as written: {"pos": [line, column], "html": text}
        self.units: list[_Unit] = []
        self.lists: list[list] = []  # the lists that hold slots
        self.created: list[list] = []  # the content of each container pandoc's reading made
        self.headings: list[list] = []  # the content of each heading it made
        self.placeholders = 0

    # ------------------------------------------------------------ collecting

    def collect(self, node) -> None:
        """Replace each run of raw HTML below node by a slot, innermost lists first."""
        if isinstance(node, dict):
            if _raw_html(node) is not None:
                return  # a raw piece: the list holding it decides
            for value in node.values():
                if isinstance(value, list):
                    self.collect(value)
        elif isinstance(node, list):
            for item in node:
                if isinstance(item, (list, dict)):
                    self.collect(item)
            if any(_raw_html(item) is not None for item in node):
                node[:] = self._slots(node)
                self.lists.append(node)

    def _slots(self, items: list) -> list:
        out, index = [], 0
        while index < len(items):
            found = _raw_html(items[index])
            if found is None:
                out.append(items[index])
                index += 1
                continue
            last = self._run_end(items, index)
            unit = items[index: (last if last is not None else index) + 1]
            out.append(self._slot(unit))
            index += len(unit)
        return out

    def _run_end(self, items: list, first: int) -> int | None:
        """Index of the piece that closes what items[first] opens; None if nothing does."""
        stack: list[str] = []
        for index in range(first, len(items)):
            if index > first and _is_chapter_start(items[index]):
                return None
            found = _raw_html(items[index])
            if found is not None:
                stack = still_open(stack, scan(found).tags)
                if not stack:
                    return index
        return None

    def _slot(self, pieces: list) -> dict:
        unit = _Unit("", inline=pieces[0]["t"] == "RawInline", where=pieces[0].get(POS))
        parts: list[str] = []
        stack: list[str] = []
        natives: list = []
        for piece in pieces:
            found = _raw_html(piece)
            if found is None:
                natives.append(piece)
                continue
            if natives:
                parts.append(self._natives(unit, natives, stack))
                natives = []
            parts.append(self._marked(scan(found), stack, _line_starts(piece)))
            self.pieces.append({POS: piece.get(POS), "html": found})
        unit.html = normalised("".join(parts))
        self.units.append(unit)
        return {"t": SLOT, "c": len(self.units) - 1}

    def _keep(self, unit: _Unit, nodes: list, element: str) -> str:
        self.placeholders += 1
        unit.kept[str(self.placeholders)] = nodes
        return f'<{element} data-{KEEP_ATTR}="{self.placeholders}"></{element}>'

    def _natives(self, unit: _Unit, nodes: list, stack: list[str]) -> str:
        """Markdown nodes between two raw pieces, as placeholders the HTML reader puts in place."""
        if unit.inline:
            return self._keep(unit, nodes, "span")
        parts = []
        for node in nodes:
            inner = node
            if inner["t"] in ("Plain", "Para") and (inner["t"] == "Plain" or (stack and stack[-1] in TEXT_ONLY)):
                parts.append(self._keep(unit, inner["c"], "span"))
            elif inner["t"] == "Para":
                parts.append(f"<p>{self._keep(unit, inner['c'], 'span')}</p>")
            else:
                parts.append(self._keep(unit, [node], "div"))
        return "".join(parts)

    def _marked(self, fragment: Fragment, stack: list[str], starts: list[tuple[int, int]]) -> str:
        """The fragment, without stray end tags, with each <img alt=""> marked decorative and each
        start tag that becomes a positioned element marked with its line:col."""
        out, at = [], 0
        for tag in fragment.tags:
            out.append(fragment.text[at:tag.start])
            at = tag.end
            text = fragment.text[tag.start:tag.end]
            if tag.kind == "end":
                if close(stack, tag.name):
                    out.append(text)
                continue
            if tag.kind == "start":
                stack.append(tag.name)
            marks = ""
            if tag.name == "img" and any(k == "alt" and not (v or "").strip() for k, v in tag.attrs):
                marks += f' data-{DECORATIVE_ATTR}="1"'
            if starts and tag.name in POSITIONED:
                line = starts[0][0] + tag.line - 1
                column = next((c for n, c in starts if n == line), 1) + tag.column
                marks += f' data-pos="{line}:{column}"'
            cut = 1 + len(tag.name)
            out.append(text[:cut] + marks + text[cut:])
        out.append(fragment.text[at:])
        return "".join(out)

    # ------------------------------------------------------------ resolving

    def resolve(self) -> list[list]:
        """What each slot becomes, from one pandoc run over every unit."""
        markup = "".join(f'<div data-{UNIT_ATTR}="{n}">{unit.html}</div>\n' for n, unit in enumerate(self.units))
        read: list[list] = [[] for _ in self.units]
        current = read[0]
        for block in json.loads(_html_to_json(markup))["blocks"]:
            number = attr_get(block["c"][0], UNIT_ATTR) if block["t"] == "Div" else None
            if number is not None and number.isdigit() and int(number) < len(read):
                current = read[int(number)]
                current.extend(block["c"][1])
            else:  # pandoc closed a unit's element early: what follows still belongs to it
                current.append(block)
        return [self._finish(unit, blocks) for unit, blocks in zip(self.units, read)]

    def _finish(self, unit: _Unit, blocks: list) -> list:
        def own(key, value, fmt, meta):
            index = ATTR_INDEX.get(key)
            if index is not None and attr_get(value[index], KEEP_ATTR) is not None:
                return None
            if index is not None:
                _own_attributes(key, value[index])
            if key in ("RawBlock", "RawInline"):
                return []
            if key == "Image" and not value[2][0]:
                return []  # an <img> whose only address was data: or javascript:
            if key == "Table":
                header_row_in_head(value)
            if key == "Header":
                self.headings.append(value)
            if key in CONTAINERS:
                self.created.append(value)
            return None

        blocks = walk(blocks, own)
        placed: set[str] = set()

        def put_back(key, value, fmt, meta):
            index = ATTR_INDEX.get(key)
            keep = attr_get(value[index], KEEP_ATTR) if index is not None else None
            if key in ("Span", "Div") and keep in unit.kept:
                placed.add(keep)
                return [*unit.kept[keep]]
            return None

        blocks = walk(blocks, put_back)
        walk(blocks, no_headings_in_cells_or_lists)
        lost = [nodes for number, nodes in unit.kept.items() if number not in placed]
        if unit.inline:
            result = inlines_of(blocks) + [node for nodes in lost for node in nodes]
        else:
            result = [{"t": "Para", "c": b["c"]} if b["t"] == "Plain" else b for b in blocks]
            for nodes in lost:
                result += [{"t": "Plain", "c": nodes}] if nodes and is_inline(nodes[0]) else nodes
        result = positions_from_attributes(result)
        for node in result:  # what a piece became starts where the piece does, unless it knows better
            if unit.where and isinstance(node, dict) and node.get("t") not in SPACES and POS not in node:
                node[POS] = list(unit.where)
        return result


def _own_attributes(key: str, attr) -> None:
    """Pandoc's HTML reader drops the `data-` of attribute names: turn the markers into what they mean."""
    pairs = []
    for name, value in attr[2]:
        if name == DECORATIVE_ATTR and key == "Image":
            if DECORATIVE not in attr[1]:
                attr[1].append(DECORATIVE)
        else:
            pairs.append([name, value])
    attr[2] = pairs


@lru_cache(maxsize=8)
def _html_to_json(markup: str) -> str:
    """Pandoc's reading of HTML (cached: the build reads the same fragments for its expectations)."""
    import pypandoc  # here, not at the top: most builds have no raw HTML and need not load it

    proc = subprocess.run([pypandoc.get_pandoc_path(), "--sandbox", "-f", "html-auto_identifiers", "-t", "json"],
                          input=markup.encode("utf-8"), capture_output=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"pandoc could not read raw HTML: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout.decode("utf-8")


def convert(blocks: list) -> tuple[list, list[dict]]:
    """(blocks with every raw HTML fragment replaced by the elements it means (in place), the raw
    pieces as written with where each starts)."""
    batch = _Batch()
    batch.collect(blocks)
    if not batch.units:
        return blocks, batch.pieces
    results = batch.resolve()
    blocks = walk(blocks, lambda key, value, fmt, meta: results[value] if key == SLOT else None)
    # Now that the Markdown between the tags is back in place: what the new headings say, and
    # which new elements say nothing.
    for heading in batch.headings:
        heading[2] = walk(heading[2], heading_text)
        heading[1][0] = heading[1][0] or automatic_id(heading[2])
    blocks = without_empty(blocks, {id(content) for content in batch.created})
    no_headings_inside_sentences(blocks, {id(heading) for heading in batch.headings})
    for items in batch.lists:  # `a <b> c` without its tag: one space between a and c, not two, none at the end
        items[:] = [item for index, item in enumerate(items)
                    if not (index and is_space(item) and is_space(items[index - 1]))]
        while items and is_space(items[-1]):
            items.pop()
    return blocks, batch.pieces


def apply(doc: dict, fmt: str = "") -> dict:
    doc["blocks"], _pieces = convert(doc["blocks"])
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
