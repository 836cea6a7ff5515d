"""Glossary terms link to their definition the first time each chapter uses
them, and the definition in the glossary is marked as the defining instance
(`<dfn>`).

Why: a reader who meets "match funding" can jump to its plain-language
definition and back, without hunting for the glossary. First use *per
chapter*, not per report, because people open one chapter (in the chunked
site, one page) and read from there; linking every use would fill paragraphs
with links that screen readers announce one by one.

Matching is case-insensitive, on whole words, allows a plural ("trustees",
"outcomes") and any spacing or line break inside a multi-word term. Text that
must not become a link is left alone: headings (a link in a heading confuses
the outline and the table of contents), existing links, images, code,
footnotes (they are read at the end of the chapter, not where they are
referenced), tables, passages in another language (`lang=`) and the glossary
itself.

Needs the ids that filters/glossary.py gives each definition (`#term-…`), so
it runs after that stage. Uses raw HTML for `<dfn>` (pandoc has no element
for it), so it is for HTML writers only.
"""
from __future__ import annotations

import re

from filters import attr_get, run_as_pandoc_filter
from filters.glossary import GLOSSARY_ID, glossary_terms, term_id

LINK_CLASS = "glossary-link"
TERM_CLASS = "glossary-term"  # the Span filters/glossary.py puts around each defined term
# Inlines whose text is not running prose, or already a link: never linked inside.
OPAQUE_INLINES = {"Link", "Image", "Code", "Math", "RawInline", "Note", "Cite"}
# Inlines that hold a plain list of inlines.
CONTAINER_INLINES = {"Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"}
TEXT_INLINES = {"Str", "Space", "SoftBreak"}


class _Chapter:
    """The terms still to link in the chapter being walked."""

    def __init__(self, terms: list[str]):
        self.pending = set(terms)
        # One named group per term, longest first, so "Unrestricted funds" wins over a shorter
        # term inside it; spaces inside a term match any run of spaces (line breaks are spaces here).
        self.names = {f"t{index}": term for index, term in enumerate(sorted(terms, key=len, reverse=True))}
        alternatives = []
        for name, term in self.names.items():
            words = r"[ \u00a0]+".join(re.escape(word) for word in term.split())
            alternatives.append(f"(?P<{name}>{words}(?:e?s)?)")
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def _tokens(text: str) -> list:
    """Pandoc inlines for text whose words are separated by single spaces."""
    out: list = []
    for i, word in enumerate(text.split(" ")):
        if i:
            out.append({"t": "Space"})
        if word:
            out.append({"t": "Str", "c": word})
    return out


def _link_run(run: list, chapter: _Chapter) -> list:
    """Link the first use of each pending term inside a run of Str/Space/SoftBreak."""
    text = "".join(node["c"] if node["t"] == "Str" else " " for node in run)
    pieces, start = [], 0
    for match in chapter.pattern.finditer(text):
        term = chapter.names[match.lastgroup]
        if term not in chapter.pending:
            continue
        chapter.pending.discard(term)
        pieces += _tokens(text[start:match.start()])
        pieces.append({"t": "Link", "c": [["", [LINK_CLASS], []], _tokens(match.group()),
                                          ["#" + term_id(term), ""]]})
        start = match.end()
    if not start:
        return run  # nothing linked: keep the original tokens (and their line breaks)
    return pieces + _tokens(text[start:])


def _inlines(inlines: list, chapter: _Chapter) -> list:
    out, run = [], []
    for inline in inlines:
        kind = inline["t"]
        if kind in TEXT_INLINES:
            run.append(inline)
            continue
        out += _link_run(run, chapter) if run else []
        run = []
        if kind in CONTAINER_INLINES:
            inline["c"] = _inlines(inline["c"], chapter)
        elif kind == "Quoted":
            inline["c"][1] = _inlines(inline["c"][1], chapter)
        elif kind == "Span" and not attr_get(inline["c"][0], "lang"):
            inline["c"][1] = _inlines(inline["c"][1], chapter)
        out.append(inline)
    return out + (_link_run(run, chapter) if run else [])


def _blocks(blocks: list, chapter: _Chapter) -> None:
    """Link terms in reading order, in place.

    Headers, code, raw blocks and tables are skipped: a table is data read cell by cell, and a
    link in its caption would sit inside the name of its scrolling region (filters/table_regions.py)."""
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            block["c"] = _inlines(content, chapter)
        elif kind == "LineBlock":
            block["c"] = [_inlines(line, chapter) for line in content]
        elif kind == "BlockQuote":
            _blocks(content, chapter)
        elif kind == "Div" and not attr_get(content[0], "lang"):
            _blocks(content[1], chapter)
        elif kind == "BulletList":
            for item in content:
                _blocks(item, chapter)
        elif kind == "OrderedList":
            for item in content[1]:
                _blocks(item, chapter)
        elif kind == "DefinitionList":
            for index, (term, definitions) in enumerate(content):
                content[index][0] = _inlines(term, chapter)
                for definition in definitions:
                    _blocks(definition, chapter)
        elif kind == "Figure":
            _blocks(content[1][1], chapter)  # the caption
            _blocks(content[2], chapter)


def _mark_definitions(blocks: list) -> None:
    """Wrap the text of each glossary term (`<span id="term-…">`) in `<dfn>`."""
    for block in blocks:
        if block["t"] != "DefinitionList":
            continue
        for term, _definitions in block["c"]:
            for inline in term:
                if inline["t"] == "Span" and TERM_CLASS in inline["c"][0][1]:
                    inline["c"][1] = ([{"t": "RawInline", "c": ["html", "<dfn>"]}] + inline["c"][1]
                                      + [{"t": "RawInline", "c": ["html", "</dfn>"]}])


def apply(doc: dict, fmt: str = "") -> dict:
    terms = list(glossary_terms(doc))
    if not terms:
        return doc
    chapter = None
    for index, block in enumerate(doc["blocks"]):
        if block["t"] == "Header" and block["c"][0] == 1:
            if block["c"][1][0] == GLOSSARY_ID:
                _mark_definitions(doc["blocks"][index:])
                break
            chapter = _Chapter(terms)
        elif chapter is not None:
            _blocks([block], chapter)
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
