"""What the source's Markdown does not read as the writer meant: it is printed as typed.

The source is CommonMark (pandoc's `commonmark_x`, as on GitHub; see
pipeline/parse.py). People bring habits from pandoc's own Markdown, from
Word and from websites, and CommonMark quietly prints those as text:

- `[the team](#Our Volunteers)`: an address with a space is no link;
- `{width=50% alt='A'}`: attributes with single quotes, or after a space;
- `^[A note]`: pandoc's inline footnotes;
- grid tables (`+----+----+`) and simple tables (`-----  -----`), and a pipe
  table without its `|---|` line;
- line blocks (`| 12 High Street`), pandoc's way to keep an address's lines.

Each is reported at its line with the CommonMark way to write it.
"""
from __future__ import annotations

import re
from pathlib import Path

from filters.positions import position
from pipeline.check.model import Node
from pipeline.check.rules import CheckContext, Hit, rule

# [words](an address with a space in it), in the text as printed
UNREAD_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\n]*\s[^()\n]*)\)")
# {#id}, {.class}, {key=value …}, pandoc's {-} printed as text
UNREAD_ATTRIBUTES = re.compile(r"\{\s*(?:-\s*\}|[#.][\w:-]+|[\w-]+=)[^{}\n]*\}?")
# **bold**, [a link](…) or a # heading typed inside an HTML block, outside its tags
MARKDOWN_IN_HTML = re.compile(r"\*\*[^*<>\n]+\*\*|__[^_<>\n]+__|\[[^\]<>\n]+\]\([^)<>\s]+\)|^\s*#{1,6} \S", re.M)
TAG = re.compile(r"<[^>]*>")
UNREAD_NOTE = re.compile(r"\^\[([^\]]*)\]?")
GRID_TABLE_RULE = re.compile(r"^\s*\+[-=:]{2,}(?:\+[-=:]*)*\+\s*$")
SIMPLE_TABLE_RULE = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
EMPHASIS = ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript")


class Printed:
    """A block's text as the editions print it, and where in the source each word starts."""

    def __init__(self, node: Node):
        self.parts: list[str] = []
        self.length = 0
        self.places: list[tuple[int, int, int]] = []  # (offset, line, column)
        content = node.c[2] if node.t == "Header" else node.c
        self._add(content, (node.line, node.column))
        self.text = "".join(self.parts)

    def _put(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def _add(self, inlines: list, here: tuple[int, int]) -> None:
        for item in inlines:
            kind = item.get("t") if isinstance(item, dict) else None
            if kind == "Str":
                line, column = position(item) or here
                self.places.append((self.length, line, column))
                self._put(item["c"])
            elif kind in ("Space", "SoftBreak"):
                self._put(" ")
            elif kind in EMPHASIS:
                self._add(item["c"], position(item) or here)
            elif kind == "Quoted":  # as typed: the smart quotes of the editions say nothing here
                mark = '"' if item["c"][0]["t"] == "DoubleQuote" else "'"
                self._put(mark)
                self._add(item["c"][1], position(item) or here)
                self._put(mark)
            elif kind == "Span" and not _stray_attributes(item):
                self._add(item["c"][1], position(item) or here)
            else:  # a real link, a picture, code: not printed as typed
                self._put("\0")

    def place(self, offset: int) -> tuple[int, int]:
        start, line, column = max((p for p in self.places if p[0] <= offset), default=(0, 1, 1))
        return line, column + offset - start

    def has(self, *characters: str) -> bool:
        return any(c in self.text for c in characters)


def _stray_attributes(span: dict) -> bool:
    """`word {.class}`: CommonMark gives attributes after a space to the space (a Span marked
    wrapper around it), where they do nothing."""
    attr, content = span["c"]
    return ["wrapper", "1"] in attr[2] and all(x.get("t") in ("Space", "SoftBreak") for x in content)


def _attribute_text(attr) -> str:
    parts = ([f"#{attr[0]}"] if attr[0] else []) + [f".{c}" for c in attr[1]] + \
        [f'{k}="{v}"' for k, v in attr[2] if k != "wrapper"]
    return "{" + " ".join(parts) + "}"


def _printed_blocks(ctx: CheckContext, *needed: str):
    """Each paragraph, plain block and heading as printed (made once for the rules of this module);
    only those with one of the needed characters in their words are worth a regular expression."""
    if "printed" not in ctx.shared:
        ctx.shared["printed"] = [(source, Printed(node)) for source, node in ctx.nodes()
                                 if node.t in ("Para", "Plain", "Header")]
    for source, printed in ctx.shared["printed"]:
        if printed.has(*needed):
            yield source, printed


@rule("link-unread", "error",
      "Text written as a link whose address has a space, so it is not read as a link: "
      "the editions print its brackets and address.",
      "write a heading's id without spaces (## Our volunteers is #our-volunteers); put any other "
      "address in < >: [text](<address with spaces>)", ("links", "markdown"),
      clauses=("WCAG 2.4.4",), impact="serious", per_file=True)
def link_unread(ctx: CheckContext):
    for source, printed in _printed_blocks(ctx, "]("):
        for found in UNREAD_LINK.finditer(printed.text):
            words, address = found.group(1), found.group(2)
            if address.startswith("#"):
                fix = f"write the id without spaces or capitals: [{words}](#{'-'.join(address[1:].lower().split())})"
            else:
                fix = f"put the address in < >: [{words}](<{address}>)"
            yield Hit(f'"{found.group(0)}" is not a link: its address has a space, so readers see the brackets',
                      source.path, *printed.place(found.start()), fix)


@rule("attributes-unread", "error",
      "Attributes in { } that are printed as text: single quotes, or a space before the {.",
      'write them right after the element, with double quotes, and &quot; for a quote inside: '
      '![A chart](chart.png){width=50% alt="The &quot;big three&quot; costs"}', ("markdown",),
      clauses=("WCAG 1.3.1",), impact="moderate", per_file=True)
def attributes_unread(ctx: CheckContext):
    for source, node in ctx.nodes():
        if node.t == "Span" and _stray_attributes({"c": node.c}):
            yield Hit(f'"{_attribute_text(node.c[0])}" after a space belongs to nothing, so it does nothing',
                      source.path, node.line, node.column,
                      fix="write it right after the picture, link or [words] it is for, with no space: "
                          "![A logo](logo.png){.decorative}")
    for source, printed in _printed_blocks(ctx, "{"):
        for found in UNREAD_ATTRIBUTES.finditer(printed.text):
            text = found.group(0)
            after_space = found.start() > 0 and printed.text[found.start() - 1] == " "
            if text.startswith("{-"):
                yield Hit(f'"{text}" is printed as text: CommonMark has no {{-}}', source.path,
                          *printed.place(found.start()), fix="write {.unnumbered} for a heading left out of numbering")
                continue
            why = "it follows a space" if after_space else "CommonMark reads only double quotes" \
                if "'" in text else "CommonMark cannot read it"
            yield Hit(f'"{text}" is printed as text, not read as attributes: {why}',
                      source.path, *printed.place(found.start()))


@rule("note-unread", "error",
      "A footnote written ^[like this] (pandoc's Markdown): CommonMark prints it as text.",
      "write a footnote marker and the note below the paragraph: text[^1] … [^1]: The note.", ("markdown",),
      clauses=("WCAG 1.3.1",), impact="moderate", per_file=True)
def note_unread(ctx: CheckContext):
    for source, printed in _printed_blocks(ctx, "^["):
        for found in UNREAD_NOTE.finditer(printed.text):
            yield Hit(f'"{found.group(0)[:40]}" is printed as text, not read as a footnote', source.path,
                      *printed.place(found.start()),
                      fix=f"write a marker and the note below the paragraph: …[^1] and [^1]: {found.group(1)[:40]}")


@rule("markdown-in-html-unread", "warning",
      "Markdown typed inside a pasted HTML block (<div>**Note:**…</div>): CommonMark reads the block as "
      "HTML, so the stars, brackets or # are printed as typed.",
      "leave a blank line after the opening tag and before the closing one, so the Markdown between "
      "them is read: <div class=\"note\">, blank line, **Note:** …, blank line, </div>", ("markdown", "html"),
      clauses=("WCAG 1.3.1",), impact="minor", per_file=True)
def markdown_in_html_unread(ctx: CheckContext):
    for source in ctx.files:
        for piece in source.raw_html:
            text = TAG.sub(lambda tag: " " * len(tag.group()), piece["html"])
            found = MARKDOWN_IN_HTML.search(text)
            if found:
                line, column = piece["pos"] or (1, 1)
                before = text[:found.start()]
                line += before.count("\n")
                column = found.start() - before.rfind("\n") if "\n" in before else column + found.start()
                yield Hit(f'"{found.group().strip()[:40]}" inside HTML is printed as typed, not read as Markdown',
                          source.path, line, column)


def _lines(node: Node) -> list[list[dict]]:
    """A paragraph's inlines, one list a source line."""
    lines: list[list[dict]] = [[]]
    for item in node.c:
        if isinstance(item, dict) and item.get("t") == "SoftBreak":
            lines.append([])
        else:
            lines[-1].append(item)
    return lines


def _starts_with_bar(line: list[dict]) -> bool:
    return bool(line) and line[0].get("t") == "Str" and line[0]["c"] == "|"


def _ends_with_bar(line: list[dict]) -> bool:
    return bool(line) and line[-1].get("t") == "Str" and line[-1]["c"].endswith("|")


@rule("line-block-unread", "error",
      "Lines starting with | (pandoc's line blocks, or a pipe table without its |---| line): "
      "CommonMark prints them as one paragraph with the bars.",
      "for an address or a poem, end each line but the last with a backslash (\\) and drop the bars; "
      "for a table, add a line such as |---|---| under its first row", ("markdown", "tables"),
      clauses=("WCAG 1.3.1",), impact="moderate", per_file=True)
def line_block_unread(ctx: CheckContext):
    for source, node in ctx.nodes():
        if node.t != "Para" or "Table" in node.ancestors:
            continue
        lines = _lines(node)
        if len(lines) < 2 or not all(_starts_with_bar(line) for line in lines):
            continue
        if all(_ends_with_bar(line) for line in lines):
            yield Hit("these rows are not read as a table: a pipe table needs a |---| line under its first row",
                      source.path, node.line, node.column, fix="add |---|---| (one --- a column) under the first row")
        else:
            yield Hit("these lines starting with | are printed as one paragraph, bars and all",
                      source.path, node.line, node.column,
                      fix="drop the bars and end each line but the last with a backslash (\\) to keep the lines")


def _table_lines(path: Path) -> list[tuple[int, int, str]]:
    """(line, column, kind) where a grid or simple table starts, outside code blocks."""
    found: list[tuple[int, int, str]] = []
    fence = None
    previous_kind = None
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, text in enumerate(lines, 1):
        opened = FENCE.match(text)
        if opened and (fence is None or opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence)):
            fence = None if fence else opened.group(1)
            continue
        kind = None if fence else "grid" if GRID_TABLE_RULE.match(text) else \
            "simple" if SIMPLE_TABLE_RULE.match(text) else None
        if kind and kind != previous_kind:
            if kind == "simple" and number > 1 and lines[number - 2].strip():
                number, text = number - 1, lines[number - 2]  # the header line above the dashes
            found.append((number, len(text) - len(text.lstrip()) + 1, kind))
        if kind or not text.strip():
            previous_kind = kind if kind else previous_kind if text.strip() else None
    return found


@rule("table-unread", "error",
      "A grid table (+----+) or a simple table (-----  -----): CommonMark reads only pipe tables, "
      "so it is printed as lines of text.",
      "write it as a pipe table: | Region | Amount | on the first line, |---|---:| under it, "
      "then one | … | line a row", ("tables", "markdown"),
      clauses=("WCAG 1.3.1",), impact="serious", per_file=True)
def table_unread(ctx: CheckContext):
    for source in ctx.files:
        for line, column, kind in _table_lines(source.path):
            what = "grid table" if kind == "grid" else "simple table"
            yield Hit(f"this {what} is not read as a table: the editions print its lines as text",
                      source.path, line, column)
