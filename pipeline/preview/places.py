"""Where in the served page a finding is: the id of the nearest heading above its line.

The single-page edition keeps every heading's id (an explicit `{#id}`, or the
one pandoc derives from the heading's text), so a finding at
`chapters/02-money.md:14` links to `/report.html#<id of the heading above line 14>`.
A link is offered only when that id is really in the page.
"""
from __future__ import annotations

import re
from pathlib import Path

HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
EXPLICIT_ID = re.compile(r"#([^\s}]+)")


def derived_id(text: str) -> str:
    """Pandoc's auto_identifiers: keep letters, digits, `_-.`; spaces become hyphens; lower case;
    drop everything before the first letter."""
    text = re.sub(r"[*`\[\]]", "", re.sub(r"\]\([^)]*\)", "]", text))  # a link keeps only its words
    kept = "".join(c for c in text if c.isalnum() or c in "_-. ").strip()
    kept = re.sub(r"\s+", "-", kept).lower()
    return re.sub(r"^[^a-z]+", "", kept)


def heading_id_above(file: Path, line: int) -> str | None:
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for text in reversed(lines[:line]):
        match = HEADING.match(text)
        if match:
            explicit = EXPLICIT_ID.search(match.group("attrs") or "")
            return explicit.group(1) if explicit else derived_id(match.group("text")) or None
    return None


def anchor(file, line, page_html: str, page: str = "/report.html") -> str | None:
    """The link to the finding's place in the served page, or None when the page has no such place."""
    if file is None or not line:
        return None
    ident = heading_id_above(Path(file), line)
    if ident and f'id="{ident}"' in page_html:
        return f"{page}#{ident}"
    return None
