"""The single-page HTML edition (report.html, summary.html): pandoc's HTML5
writer with our template, which adds what pandoc's default page lacks for
screen-reader users: a skip link, header/nav/main/footer landmarks, a
labelled table of contents, and the report title as the page's only h1
(chapters are shifted to h2)."""
from __future__ import annotations

from pathlib import Path

from pipeline import atomic
from pipeline.assets import STYLESHEET
from pipeline.writers import TEMPLATES, BuildContext, Written, display_date, pandoc_convert


def write_html(ctx: BuildContext, doc: dict, target: Path, edition_note: str = "") -> Written:
    css = Path(STYLESHEET)
    depth = len(target.relative_to(ctx.out).parents) - 1
    args = [
        "--standalone", f"--template={TEMPLATES / 'page.html'}",
        "--toc", "--toc-depth=4", "--shift-heading-level-by=1", "--section-divs",
        "-V", f"css={'../' * depth}{css.as_posix()}",
        "-M", f"date-display={display_date(ctx.report.meta.get('date'))}",
    ]
    if edition_note:
        args += ["-M", f"edition-note={edition_note}"]
    atomic.write_bytes(target, pandoc_convert(ctx, doc, "html5", args))
    return Written(target)
