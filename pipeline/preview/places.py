"""Where in the served page a finding is: the id of the nearest heading above its line.

The single-page edition keeps every heading's id, so a finding at
`chapters/02-money.md:14` links to `/report.html#<id of the heading above line 14>`.
The ids and lines come from the chapter as the build read it (pipeline/parse.py,
from the preview's cache, so no second pandoc run), not from a guess at the Markdown. A link is offered only when that id is
really in the page (filters/unique_ids.py renames a repeated one).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.cache import NO_CACHE, Cache
from pipeline.check.model import parse_for_check
from pipeline.diagnostics import ReportError


@lru_cache(maxsize=64)
def _headings(file: str, text: bytes, store: Cache) -> tuple[tuple[int, str], ...]:
    """(line, id) of each heading of one version of a chapter (text: its bytes, the memo's key)."""
    path = Path(file)
    try:
        nodes = parse_for_check(path, path.parent, store).nodes()
    except (ReportError, UnicodeDecodeError):
        return ()
    return tuple((node.line, node.c[1][0]) for node in nodes if node.t == "Header" and node.c[1][0])


def heading_id_above(file: Path, line: int, store: Cache = NO_CACHE) -> str | None:
    try:
        text = file.read_bytes()
    except OSError:
        return None
    above = [ident for start, ident in _headings(str(file), text, store) if start <= line]
    return above[-1] if above else None


def anchor(file, line, page_html: str, store: Cache = NO_CACHE, page: str = "/report.html") -> str | None:
    """The link to the finding's place in the served page, or None when the page has no such place."""
    if file is None or not line:
        return None
    ident = heading_id_above(Path(file), line, store)
    if ident and f'id="{ident}"' in page_html:
        return f"{page}#{ident}"
    return None
