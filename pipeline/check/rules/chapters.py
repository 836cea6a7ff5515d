"""Chapter rules: each chapter file of a report starts with its title.

The editions cut the report into chapters at the `#` headings (the PDF starts
a page there, the site a page, the EPUB a file). A chapter without one runs
on from the previous chapter, and text above it is printed at the end of the
previous chapter: neither is what the writer meant, so both are errors.
A lone Markdown file is not cut, so these rules look at reports only.
"""
from __future__ import annotations

from pipeline.check.model import Node, SourceFile
from pipeline.check.rules import CheckContext, hit, rule
from pipeline.check.rules.characters import HTML_NOT_PRINTED


def _prints(node: Node) -> bool:
    """False for a block that prints nothing: an HTML comment, a <style> or <script>."""
    if node.t == "RawBlock":
        return bool(HTML_NOT_PRINTED.sub("", node.c[1]).strip()) if node.c[0] == "html" else True
    return True


def _report_chapters(ctx: CheckContext) -> list[SourceFile]:
    return ctx.files if ctx.config is not None else []


def _first_heading(source: SourceFile) -> Node | None:
    return next((n for n in source.nodes() if n.t == "Header"), None)


@rule("chapter-title-missing", "error", "A chapter file of a report has no heading, so no title of its own.",
      "start the file with its title: `# Title {#an-id}`", ("document", "headings"),
      clauses=("WCAG 2.4.2", "WCAG 1.3.1"), impact="serious")  # once per file
def chapter_title_missing(ctx: CheckContext):
    # A chapter whose first heading is ## is heading-skip's (it says: make it #).
    for source in _report_chapters(ctx):
        if _first_heading(source) is None:
            title = source.front_matter("title").strip()
            printed = f' (the title "{title}" in its front matter is not printed)' if title else ""
            yield hit(f"the chapter has no heading, so the editions run it on from the previous chapter{printed}",
                      source, fix=f"add `# {title or 'Its title'}` as the first line of its text")


@rule("chapter-text-before-title", "error",
      "Text comes before a chapter's first heading, so the editions print it at the end of the chapter before.",
      "move it below the chapter's # heading, or give it a heading of its own",
      ("document", "headings"),
      clauses=("WCAG 1.3.2",), impact="moderate")  # once per file
def chapter_text_before_title(ctx: CheckContext):
    for source in _report_chapters(ctx):
        first = _first_heading(source)
        if first is None:
            continue
        lead = next((n for n in source.nodes() if not n.ancestors and _prints(n)), None)
        if lead is not None and lead is not first:
            where = "before the first chapter, outside any chapter" if source is ctx.files[0] \
                else "at the end of the previous chapter"
            yield hit(f"text before the chapter's first heading \"{first.text()}\" (line {first.line}) "
                      f"would be printed {where}", source, lead)
