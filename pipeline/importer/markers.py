"""Where each paragraph came from, carried through pandoc as text.

pandoc's tree has no positions for Word, OpenDocument or HTML input. So before
pandoc reads the file, a marker — two private-use characters around a label
such as `p17` (Word paragraph 17) or `L42` (HTML line 42) — is put at the
start of every paragraph. pandoc keeps it as text. settle() then moves each
block's marker to the end of the block, where it can never change how the
block's text is written (a marker in front of "1. " would hide the number
from Markdown's escaping), and the repairs ask label_of(block) where a block
was. The Markdown is written with the markers still in it; lines_of() reads
on which line each label landed, which is where the block is now, and
removes them.
"""
from __future__ import annotations

import re

from pipeline.importer.tree import child_block_lists, inlines_of, notes_in, table_cells, walk_blocks, walk_inlines

OPEN, CLOSE = "\ue000", "\ue001"
MARK = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")


def marker(label: str) -> str:
    return f"{OPEN}{label}{CLOSE}"


def strip_markers(value: str) -> str:
    return MARK.sub("", value)


def label_of(block: dict) -> str | None:
    """The label of the place block came from, or None (settle() has put it last in its inlines)."""
    inlines = inlines_of(block)
    if inlines and inlines[-1]["t"] == "Str":
        found = MARK.fullmatch(inlines[-1]["c"])
        return found.group(1) if found else None
    return None


def first_label(blocks: list) -> str | None:
    """The first label found in blocks, at any depth."""
    for block in walk_blocks(blocks):
        label = label_of(block)
        if label:
            return label
    return None


def is_only_marker(inlines: list) -> bool:
    """Nothing but a marker and spaces: an empty paragraph."""
    return all(i["t"] in ("Space", "SoftBreak", "LineBreak") or i["t"] == "Str" and not strip_markers(i["c"]).strip()
               for i in inlines)


def settle(blocks: list) -> None:
    """Move each block's markers into one Str at its end (the first label wins); clean code blocks."""
    for block in blocks:
        for inner in child_block_lists(block):
            settle(inner)
        if block["t"] == "CodeBlock":
            block["c"][1] = strip_markers(block["c"][1])
        if block["t"] == "DefinitionList":
            for term, _definitions in block["c"]:
                _take_labels(term)
        inlines = inlines_of(block)
        if inlines is None:
            continue
        for note in notes_in(inlines):
            settle(note)
        labels = _take_labels(inlines)
        while inlines and inlines[-1]["t"] in ("Space", "SoftBreak", "LineBreak"):
            inlines.pop()  # a line break Word put at a paragraph's end only adds a stray backslash
        if labels:
            inlines.append({"t": "Str", "c": marker(labels[0])})


def _take_labels(inlines: list) -> list[str]:
    labels: list[str] = []
    for inline in walk_inlines(inlines):
        if inline["t"] == "Str" and OPEN in inline["c"]:
            labels += MARK.findall(inline["c"])
            inline["c"] = strip_markers(inline["c"])
    _drop_empty_strs(inlines)
    return labels


def _drop_empty_strs(inlines: list) -> None:
    inlines[:] = [i for i in inlines if not (i["t"] == "Str" and i["c"] == "")]
    for inline in inlines:
        c = inline.get("c")
        if inline["t"] in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            _drop_empty_strs(c)
        elif inline["t"] in ("Link", "Span", "Quoted"):
            _drop_empty_strs(c[1])


def quiet_tables(blocks: list, needed: set[str]) -> None:
    """Remove markers from table cells other than the first, unless a repair points at them: a marker
    taken out of a written pipe table leaves its column out of line, so only the ones that count stay."""
    for block in walk_blocks(blocks):
        if block["t"] != "Table":
            continue
        for cell in list(table_cells(block))[1:]:
            for inner in walk_blocks(cell[4]):
                label = label_of(inner)
                if label is not None and label not in needed:
                    inlines_of(inner).pop()


def lines_of(markdown: str) -> tuple[str, dict[str, int]]:
    """The Markdown without markers, and the line (from 1) on which each label was."""
    lines = markdown.split("\n")
    found: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        for label in MARK.findall(line):
            found.setdefault(label, number)
        if OPEN in line:
            lines[number - 1] = MARK.sub("", line).rstrip() if line.rstrip().endswith(CLOSE) else MARK.sub("", line)
    return "\n".join(lines), found
