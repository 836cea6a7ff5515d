"""Messages a person reads: where, what, and how to fix it.

A Diagnostic is one finding (from loading the source, a filter or a rule);
a ReportError is a Diagnostic that stops the build. Both print as one line
in the form editors and CI understand:

    source/chapters/02-money.md:14:3: error alt-missing: image "x.png" has no alt text — describe it
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path


def display_path(path: Path | str) -> str:
    """A path relative to the working directory when it is below it, as people typed it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class Diagnostic:
    message: str
    file: Path | str | None = None
    line: int | None = None
    column: int | None = None
    fix: str = ""
    severity: str = "error"  # "error" or "warning"
    rule: str = ""

    def location(self) -> str:
        if self.file is None:
            return ""
        where = display_path(self.file)
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        where = self.location()
        kind = f"{self.severity} {self.rule}" if self.rule else self.severity
        fix = f" — {self.fix}" if self.fix else ""
        return f"{where + ': ' if where else ''}{kind}: {self.message}{fix}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["file"] = display_path(self.file) if self.file is not None else None
        return data


class ReportError(Exception):
    """A problem in the source that stops the build; printed without a traceback."""

    def __init__(self, message: str, file=None, line=None, column=None, fix: str = "", rule: str = ""):
        self.diagnostic = Diagnostic(message, file, line, column, fix, "error", rule)
        super().__init__(str(self.diagnostic))

    def __reduce__(self):  # raised in the validator's process, re-raised in the build's
        d = self.diagnostic
        return ReportError, (d.message, d.file, d.line, d.column, d.fix, d.rule)


class BuildStopped(Exception):
    """The validator found errors: nothing was written. The message lists them."""
