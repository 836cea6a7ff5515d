"""Heading rules: screen-reader users move through a document by its
headings, so the outline must be real (no fake or empty headings), complete
(no skipped levels) and have one title per chapter."""
from __future__ import annotations

from pipeline.check.model import Node, SourceFile
from pipeline.check.rules import CheckContext, hit, rule

LONG_HEADING = 120
FAKE_HEADING_MAX_WORDS = 12
EMPHASIS = ("Strong", "Emph", "Underline")
# Fake headings only make sense as blocks of their own, not inside lists, tables or quotes.
NOT_A_HEADING_PLACE = {"BulletList", "OrderedList", "DefinitionList", "Table", "BlockQuote",
                       "Note", "Figure", "LineBlock"}


def _headings(source: SourceFile) -> list[Node]:
    return [n for n in source.nodes() if n.t == "Header"]


def _has_title(source: SourceFile) -> bool:
    return bool(source.front_matter("title").strip())


@rule("heading-skip", "error", "A heading level is skipped going down (e.g. ## then ####).",
      "use the next level down, or change the level above it", ("headings",))
def heading_skip(ctx: CheckContext):
    for source in ctx.files:
        previous = 1 if _has_title(source) else 0
        for node in _headings(source):
            level = node.c[0]
            if level > previous + 1:
                above = f"after a level-{previous} heading" if previous else "as the first heading"
                yield hit(f"level-{level} heading \"{node.text()}\" {above} skips level {previous + 1}", source, node,
                          fix=f"make it a level-{previous + 1} heading ({'#' * (previous + 1)})")
            previous = level


@rule("heading-multiple-h1", "error", "A chapter has more than one level-1 heading.",
      "keep one # heading per chapter file (its title); make the others ## or split the file", ("headings",))
def heading_multiple_h1(ctx: CheckContext):
    for source in ctx.files:
        seen = 1 if _has_title(source) else 0
        for node in _headings(source):
            if node.c[0] == 1:
                seen += 1
                if seen > 1:
                    yield hit(f"level-1 heading \"{node.text()}\" is number {seen} in this file", source, node)


@rule("heading-empty", "error", "A heading has no text.",
      "write the heading's text or delete the line", ("headings",))
def heading_empty(ctx: CheckContext):
    for source in ctx.files:
        for node in _headings(source):
            if not node.text():
                yield hit("empty heading", source, node)


@rule("heading-fake", "error",
      "A short paragraph in bold or italics stands where a heading should be.",
      "make it a real heading (## …) so screen readers can find it", ("headings",))
def heading_fake(ctx: CheckContext):
    for source in ctx.files:
        for node in source.nodes():
            if node.t != "Para" or NOT_A_HEADING_PLACE.intersection(node.ancestors):
                continue
            content = [i for i in node.c if i["t"] not in ("Space", "SoftBreak")]
            content = [i["c"][1][0] if i["t"] == "Span" and len(i["c"][1]) == 1 else i for i in content]
            if len(content) != 1 or content[0]["t"] not in EMPHASIS:
                continue
            text = node.text()
            ending = text.rstrip("\"'”’»)]")
            if ending and len(text.split()) <= FAKE_HEADING_MAX_WORDS and ending[-1] not in ".!?;,":
                style = "bold" if content[0]["t"] == "Strong" else "italic" if content[0]["t"] == "Emph" else "underlined"
                yield hit(f"\"{text}\" looks like a heading but is a {style} paragraph", source, node)


@rule("heading-duplicate-id", "error",
      "Two headings have the same id, so links and the contents go to the wrong one.",
      "give each heading its own {#id}", ("headings", "links"))
def heading_duplicate_id(ctx: CheckContext):
    first: dict[str, tuple[SourceFile, Node]] = {}
    for source in ctx.files:
        lines = source.path.read_text(encoding="utf-8").splitlines()
        for node in _headings(source):
            ident = node.c[1][0]
            line = lines[node.line - 1] if 0 < node.line <= len(lines) else ""
            if not ident or f"#{ident}" not in line:  # only ids the author wrote; automatic ones are made unique
                continue
            if ident in first:
                where, other = first[ident]
                yield hit(f"id '#{ident}' is also used by \"{other.text()}\" at {where.path.name}:{other.line}",
                          source, node)
            else:
                first[ident] = (source, node)


@rule("heading-too-long", "warning", f"A heading is longer than {LONG_HEADING} characters.",
      "shorten the heading and move the detail into the text below it", ("headings",))
def heading_too_long(ctx: CheckContext):
    for source in ctx.files:
        for node in _headings(source):
            if len(node.text()) > LONG_HEADING:
                yield hit(f"heading is {len(node.text())} characters long", source, node)
