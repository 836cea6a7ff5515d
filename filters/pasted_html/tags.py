"""Pasted HTML as it is written: which tags a piece opens and closes (the standard library's
tokenizer reads them; nothing here parses HTML by hand), and the Markdown text fixed up where a
<script>, <style> or comment is never closed."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})


@dataclass(frozen=True)
class Tag:
    kind: str  # "start", "end", or "void" (a void element or a self-closed <x/>)
    name: str
    start: int  # where the tag's text begins and ends in the fragment
    end: int
    attrs: tuple[tuple[str, str | None], ...]
    line: int  # 1-based line and 0-based column of the tag in the fragment
    column: int


@dataclass(frozen=True)
class Fragment:
    text: str  # as read: safe to glue to other HTML
    tags: tuple[Tag, ...]


class _Reader(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.tags: list[Tag] = []

    def _here(self) -> tuple[int, int, int]:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column, line, column

    def handle_starttag(self, tag, attrs):
        offset, line, column = self._here()
        end = offset + len(self.get_starttag_text() or "")
        self.tags.append(Tag("void" if tag in VOID else "start", tag, offset, end, tuple(attrs), line, column))

    def handle_startendtag(self, tag, attrs):
        offset, line, column = self._here()
        end = offset + len(self.get_starttag_text() or "")
        self.tags.append(Tag("void", tag, offset, end, tuple(attrs), line, column))

    def handle_endtag(self, tag):
        offset, line, column = self._here()
        close = self.text.find(">", offset)
        self.tags.append(Tag("end", tag, offset, close + 1 if close >= 0 else len(self.text), (), line, column))


@lru_cache(maxsize=4096)
def scan(text: str) -> Fragment:
    """The fragment's tags in order. What never finishes is read as pandoc's Markdown reader (the
    build's) reads it, not as a browser would: the `<` of `<a href="x` or `<!-- note` is text and
    a `<style>` or `<script>` never closed is a lone tag; what follows is read on (an `<img>`
    after them is still an image)."""
    while True:
        reader = _Reader(text)
        reader.feed(text)
        if not reader.rawdata:
            return Fragment(text, tuple(reader.tags))
        if reader.cdata_elem:
            opening = next(t for t in reversed(reader.tags) if t.kind == "start" and t.name == reader.cdata_elem)
            text = text[:opening.start] + text[opening.end:]
        else:
            unfinished = len(text) - len(reader.rawdata)
            text = text[:unfinished] + html.escape(text[unfinished]) + text[unfinished + 1:]


def close(stack: list[str], name: str) -> bool:
    """Close the innermost open element called name and all opened inside it, as browsers do;
    False for a stray end tag, which does nothing."""
    if name not in stack:
        return False
    del stack[len(stack) - 1 - stack[::-1].index(name):]
    return True


def still_open(stack: list[str], tags: tuple[Tag, ...]) -> list[str]:
    """The elements open after tags, given those open before."""
    stack = list(stack)
    for tag in tags:
        if tag.kind == "start":
            stack.append(tag.name)
        elif tag.kind == "end":
            close(stack, tag.name)
    return stack


TEXT_BLOCK_START = re.compile(r" {0,3}<(script|pre|style|textarea)(?=[\s>]|$)", re.IGNORECASE)


COMMENT_START = re.compile(r" {0,3}<!--")


def end_unfinished_html_blocks(markdown: str) -> str:
    """Markdown for the validator's CommonMark reader, so that it reads what the build reads.

    In CommonMark, a line starting with `<!--`, `<style>`, `<script>`, `<pre>` or `<textarea>`
    opens an HTML block that runs to its closing `-->` or end tag: if there is none, to the end
    of the file, hiding every heading and image below from the rules. Pandoc's Markdown reader
    (the build's) reads such a `<!--` as text and such a tag as a lone tag. Here the comment
    becomes text too, and the tag is closed on its own line; no line moves.
    """
    lines = markdown.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        start, offset = offset, offset + len(line) + 1
        tag = TEXT_BLOCK_START.match(line)
        if tag and not re.compile(rf"</{tag.group(1)}\s*>", re.IGNORECASE).search(markdown, start):
            lines[index] = f"{line}</{tag.group(1)}>"
        elif COMMENT_START.match(line) and markdown.find("-->", start) < 0:
            lines[index] = line.replace("<!--", "&lt;!--", 1)
    return "\n".join(lines)
