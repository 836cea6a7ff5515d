"""Plain UTF-8 text (summary.txt): no markup, wrapped at 72 columns, for
reading aloud, screen readers on old phones, and pasting into emails.

The title is underlined with `=`, each chapter's heading with `-`; each
sentence starts on a new line (easy-read practice: a reader never has to find
where a sentence starts in the middle of a line); lists are indented with a
dash. Links keep their words, and a web or email address is written out once
after them in brackets, since a printout cannot be clicked. It is also the
transcript of the audio edition.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

from filters import meta_text, table_rows
from filters.summary import sentences
from pipeline import atomic
from pipeline.writers import BuildContext, Written, display_date

WIDTH = 72
UNDERLINE = {0: "=", 1: "-"}  # the title, then chapters; deeper headings use "~"


def inline_text(inlines: list) -> str:
    """What a reader reads: no emphasis marks, no footnotes, curly quotes, link addresses in brackets."""
    parts: list[str] = []
    for item in inlines:
        t, c = item["t"], item.get("c")
        if t == "Str":
            parts.append(c)
        elif t in ("Space", "SoftBreak"):
            parts.append(" ")
        elif t == "LineBreak":
            parts.append("\n")
        elif t in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript"):
            parts.append(inline_text(c))
        elif t in ("Span", "Cite"):
            parts.append(inline_text(c[1] if t == "Span" else c[1]))
        elif t == "Quoted":
            double = c[0]["t"] == "DoubleQuote"
            parts.append(("“" if double else "‘") + inline_text(c[1]) + ("”" if double else "’"))
        elif t == "Link":
            words, url = inline_text(c[1]), c[2][0]
            address = url.removeprefix("mailto:")
            if url.startswith(("http://", "https://", "mailto:")) and address not in words:
                words += f" ({address})"
            parts.append(words)
        elif t in ("Code", "Math"):
            parts.append(c[-1])
        # Note, Image, RawInline: nothing to read
    return "".join(parts)


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def paragraph(text: str, first: str = "", rest: str = "") -> list[str]:
    """One sentence per line, each wrapped at WIDTH; the first line gets the list marker."""
    lines: list[str] = []
    for line in text.split("\n"):
        for sentence in sentences(" ".join(line.split())) or [""]:
            lines += _wrap(sentence, first if not lines else rest, rest)
    return lines


def heading(text: str, level: int) -> list[str]:
    lines = _wrap(" ".join(text.split()))
    return lines + [UNDERLINE.get(level, "~") * max(len(line) for line in lines)]


def blocks_text(blocks: list, first: str = "", rest: str = "") -> list[list[str]]:
    """Each block as its lines; the caller puts a blank line between blocks."""
    out: list[list[str]] = []
    for block in blocks:
        t, c = block["t"], block.get("c")
        marker = first if not out else rest
        if t in ("Para", "Plain"):
            out.append(paragraph(inline_text(c), marker, rest))
        elif t == "Header":
            out.append(heading(inline_text(c[2]), c[0]))
        elif t == "LineBlock":
            out.append([line for inlines in c for line in _wrap(inline_text(inlines), rest, rest)])
        elif t in ("BulletList", "OrderedList"):
            items = c if t == "BulletList" else c[1]
            start = 1 if t == "BulletList" else c[0][0]
            lines: list[str] = []
            for number, item in enumerate(items, start):
                mark = "- " if t == "BulletList" else f"{number}. "
                for chunk in blocks_text(item, rest + mark, rest + " " * len(mark)):
                    lines += chunk
            out.append(lines)
        elif t == "BlockQuote":
            out += blocks_text(c, rest + "  ", rest + "  ")
        elif t == "Div":
            out += blocks_text(c[1], marker, rest)
        elif t == "DefinitionList":
            for term, definitions in c:
                lines = _wrap(inline_text(term), rest, rest)
                for definition in definitions:
                    for chunk in blocks_text(definition, rest + "  ", rest + "  "):
                        lines += chunk
                out.append(lines)
        elif t == "Table":
            lines = []
            for row in table_rows(c):
                cells = [" ".join(inline_text(b.get("c", [])) if b["t"] in ("Para", "Plain") else ""
                                  for b in cell[4]) for cell in row[1]]
                lines += _wrap(": ".join(x for x in cells[:1] if x) + (" – " + ", ".join(cells[1:]) if cells[1:] else ""),
                               rest, rest + "  ")
            out.append(lines)
    return out


def render(doc: dict) -> str:
    meta = doc.get("meta", {})
    lines = heading(meta_text(meta.get("title")), 0)
    byline = [meta_text(meta.get("organisation")) or meta_text(meta.get("author")),
              display_date(meta_text(meta.get("date")))]
    lines += [part for part in byline if part]
    for chunk in blocks_text(doc["blocks"]):
        lines += [""] + chunk
    return "\n".join(line.rstrip() for line in lines) + "\n"


def write_text(ctx: BuildContext, doc: dict, target: Path) -> Written:
    atomic.write_bytes(target, render(doc).encode("utf-8"))
    return Written(target)
