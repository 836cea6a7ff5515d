"""The EPUB 3 edition: pandoc's EPUB writer, one XHTML file per chapter,
our stylesheet, the cover with its alt text, and the report's language."""
from __future__ import annotations

from pathlib import Path

from pipeline import atomic
from pipeline.assets import cover
from pipeline.writers import TEMPLATES, BuildContext, Written, pandoc_convert


def write_epub(ctx: BuildContext, doc: dict, target: Path) -> Written:
    args = ["--split-level=1", "--toc-depth=3", f"--css={TEMPLATES / 'report.css'}",
            f"--resource-path={ctx.report.root.resolve()}"]
    if (c := cover(ctx.report)) is not None:
        args.append(f"--epub-cover-image={(ctx.report.root / c['image']).resolve()}")
    with atomic.replacing(target) as temp:
        pandoc_convert(ctx, doc, "epub3", [*args, "-o", str(temp.resolve())])
    return Written(target)
