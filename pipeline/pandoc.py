"""Run the pandoc that ships with pypandoc-binary (3.9; Debian's 2.17 is too old)."""
from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

from pipeline.diagnostics import ReportError


@cache
def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def run_pandoc(args: list[str], stdin: bytes, cwd: Path, about: Path | str | None = None) -> bytes:
    """Run pandoc; a failure becomes a ReportError naming the file it was working on."""
    proc = subprocess.run([pandoc_path(), *args], input=stdin, cwd=cwd, capture_output=True)
    if proc.returncode != 0:
        # pandoc's own message comes first; a Haskell call-stack dump may follow it.
        message = proc.stderr.decode("utf-8", "replace").split("HasCallStack")[0].strip()
        raise ReportError(
            f"pandoc could not convert this: {' '.join(message.split()) or 'no message'}",
            about,
            fix="check the Markdown near the place pandoc names",
        )
    return proc.stdout
