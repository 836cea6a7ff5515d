"""Plain UTF-8 text (summary.txt): no markup, wrapped at 72 columns, for
reading aloud, screen readers on old phones, and pasting into emails."""
from __future__ import annotations

from pathlib import Path

from pipeline import atomic
from pipeline.writers import BuildContext, Written, pandoc_convert


def write_text(ctx: BuildContext, doc: dict, target: Path) -> Written:
    body = pandoc_convert(ctx, doc, "plain", ["--standalone", "--columns=72", "--wrap=auto"])
    atomic.write_bytes(target, body)
    return Written(target)
