"""Byte-identical outputs from the same source.

Dates inside files (EPUB timestamps, zip entry times) come from
SOURCE_DATE_EPOCH (the reproducible-builds.org convention that pandoc
honours); when it is not set, from the git commit date of the source, or
else the newest source file's modification time. Identifiers (the EPUB's
UUID) are derived from the report itself, not drawn at random.
"""
from __future__ import annotations

import os
import subprocess
import uuid

from pipeline.source import Report


def source_date_epoch(report: Report) -> int:
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        committed = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=report.root,
                                   capture_output=True, text=True, timeout=10)
        status = subprocess.run(["git", "status", "--porcelain", "--", "."], cwd=report.root,
                                capture_output=True, text=True, timeout=10)
        if committed.returncode == 0 and committed.stdout.strip() and not status.stdout.strip():
            return int(committed.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    files = [p for p in report.root.rglob("*") if p.is_file()]
    return int(max(p.stat().st_mtime for p in files)) if files else 0


def fix_build_date(report: Report) -> int:
    """Set SOURCE_DATE_EPOCH for this process and the pandoc runs it starts."""
    epoch = source_date_epoch(report)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    return epoch


def report_identifier(report: Report) -> str:
    """A stable UUID for the edition: the same report gives the same identifier."""
    key = "|".join(str(report.meta.get(k, "")) for k in ("title", "organisation", "date", "lang"))
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"
