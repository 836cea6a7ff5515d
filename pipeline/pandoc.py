"""Run the pandoc that ships with pypandoc-binary (3.9; Debian's 2.17 is too old)."""
from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

from pipeline.diagnostics import ReportError

# pandoc's reader errors say "(line 3, column 1)"; its YAML errors say "at line 3, column 0".
POSITION = re.compile(r"line (\d+), column (\d+)")
READING_FIX = "check the Markdown at the place pandoc names"
# Writers get our own tree as JSON, never the person's text: when one fails, the pipeline made the tree.
WRITING_FIX = ("pandoc could not write an edition from the tree the pipeline made: this is a bug in the pipeline, "
               "not in your source; please report it with this message")


@cache
def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def run_pandoc(args: list[str], stdin: bytes, cwd: Path, about: Path | str | None = None) -> bytes:
    """Run pandoc; a failure becomes a ReportError naming the file (and line) it was working on."""
    proc = subprocess.run([pandoc_path(), *args], input=stdin, cwd=cwd, capture_output=True)
    if proc.returncode != 0:
        # pandoc's own message comes first; a Haskell call-stack dump may follow it.
        message = " ".join(proc.stderr.decode("utf-8", "replace").split("HasCallStack")[0].split())
        reading = "-f" not in args or args[args.index("-f") + 1] != "json"
        # The last position is the innermost: the YAML error inside "Error parsing YAML metadata at …".
        position = (POSITION.findall(message) or [None])[-1] if reading else None
        raise ReportError(
            f"pandoc could not {'read' if reading else 'convert'} this: {message or 'no message'}",
            about,
            int(position[0]) if position else None,
            (int(position[1]) or 1) if position else None,
            fix=READING_FIX if reading else WRITING_FIX,
        )
    return proc.stdout
