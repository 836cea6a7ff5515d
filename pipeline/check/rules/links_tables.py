"""Links and tables: link text must make sense out of context (screen
readers list links on their own), and data tables need header rows."""
from __future__ import annotations

import re

from pipeline.check.rules import CheckContext, Hit, hit, rule
from pipeline.check.rules.headings import has_no_words

GENERIC_LINK_TEXT = {"click here", "here", "click", "read more", "more", "link", "this link", "this",
                     "learn more", "find out more", "more info", "more information", "go", "details",
                     "see here", "page", "website"}
URL = re.compile(r"^(https?://|www\.)\S+$", re.I)


@rule("link-text-generic", "warning", "Link text like 'click here' or a bare web address.",
      "use words that say where the link goes, e.g. [our grants policy](…)", ("links",),
      clauses=("WCAG 2.4.4",), impact="moderate")
def link_text_generic(ctx: CheckContext):
    for source, node in ctx.nodes():
        if node.t != "Link":
            continue
        text = " ".join(node.text().split())
        if not text and not any(i["t"] == "Image" for i in node.c[1]):
            yield hit(f"link to \"{node.c[2][0]}\" has no text", source, node)
        elif link_words(text) in GENERIC_LINK_TEXT:
            yield hit(f"link text \"{text}\" does not say where it goes", source, node)
        elif URL.match(text):
            yield hit(f"link text is a bare web address \"{text}\"", source, node,
                      fix="name the page, and give the address in the text only if people will type it")


def link_words(text: str) -> str:
    """Link text as words alone: `Click-here!!!`, ` Read more… »` and `CLICK_HERE` are "click here", "read more"."""
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


@rule("table-no-header", "error", "A table has no header row.",
      "give the table a header row naming each column", ("tables",),
      clauses=("WCAG 1.3.1", "ISO 14289-1 7.5"), impact="serious")
def table_no_header(ctx: CheckContext):
    for source, node in ctx.nodes():
        if node.t != "Table":
            continue
        head_rows = node.c[3][1]  # a header row of blanks, no-break spaces or `** **` names nothing
        if all(has_no_words(cell[4]) for row in head_rows for cell in row[1]):
            yield hit("table has no header row", source, node)


UNSAFE_HTML = re.compile(
    r"<\s*(script|iframe|style|object|embed|frame|frameset|applet|base|meta|link|form)\b"
    r"|\son[a-z]+\s*=|(javascript|vbscript)\s*:", re.I)


@rule("raw-html-unsafe", "warning",
      "Raw HTML that could run code (script, iframe, style, onclick=, javascript: links); the build removes it.",
      "delete it: the report must work without scripts, and reading systems refuse books with them",
      ("security", "html"),
      clauses=("EPUB 3.3 6.3.2",), impact="minor")
def raw_html_unsafe(ctx: CheckContext):
    warned = set()  # a pasted <a href="javascript:…"> is both raw HTML and, read (filters/raw_html.py), a Link
    for source in ctx.files:
        for piece in source.raw_html:  # as pasted, before the reader made elements of it
            found = UNSAFE_HTML.search(piece["html"])
            if found:
                line, column = piece["pos"] or (1, 1)
                warned.add((source.path, line))
                yield Hit(f"raw HTML \"{found.group(0).strip()}\" is removed from the HTML and EPUB",
                          source.path, line, column)
    for source, node in ctx.nodes():
        if node.t == "Link" and re.match(r"\s*(javascript|vbscript):", node.c[2][0], re.I) \
                and (source.path, node.line) not in warned:
            yield hit(f"link to \"{node.c[2][0][:40]}\" runs a script; the link is removed", source, node)
