"""The report's publication date (`date:` in report.yaml) as people write it.

A report is often dated by its year or month only, and YAML reads the same
line three ways: `2026` is an int, `2026-06` a string, `2026-06-30` a date.
Each is kept at the precision it was written (never padded to 1 January, which
would be a date nobody chose) as the W3C-DTF string that EPUB's dc:date, HTML's
<time datetime> and ISO 8601 all accept.
"""
from __future__ import annotations

import datetime as dt
import re

FORMS = "YYYY (2026), YYYY-MM (2026-06) or YYYY-MM-DD (2026-06-30)"
# A time after the day (`2026-06-30 09:30`, `2026-06-30T09:30:00Z`) is allowed and dropped: a report is dated by day.
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                  r"\s*(?:[Zz]|[+-]\d{1,2}(?::?\d{2})?)?)?)?)?")


def publication_date(value: object) -> str:
    """value as '2026', '2026-06' or '2026-06-30'; ValueError if it is none of the accepted forms."""
    if isinstance(value, dt.datetime):  # YAML reads `2026-06-30 09:00` as a timestamp: the day is the date
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    match = _ISO.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"{value!r} is not written in a form we read")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:  # the calendar's own rules for month 13 or 30 February
        dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from exc
    return "-".join(part for part in match.groups() if part)


def date_parts(iso: str) -> tuple[int, ...]:
    """'2026-06' -> (2026, 6): as many parts as the date was written with."""
    return tuple(int(part) for part in iso.split("-"))


def display_date(iso: str | None) -> str:
    """As people read it: '2026', 'June 2026', '30 June 2026'."""
    if not iso:
        return ""
    try:
        parts = date_parts(publication_date(iso))
    except ValueError:
        return str(iso)
    if len(parts) == 1:
        return str(parts[0])
    day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    return f"{day.day} {day:%B %Y}" if len(parts) == 3 else f"{day:%B %Y}"
