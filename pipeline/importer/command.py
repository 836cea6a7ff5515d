"""What `python -m pipeline import` prints: the repair report as text, then what
`check` found in the new folder, then what to do next."""
from __future__ import annotations

from pathlib import Path

from pipeline.diagnostics import display_path
from pipeline.importer.report_page import text_lines
from pipeline.importer.run import REPORT_PAGE, import_file


def run_import(file: Path, out: Path | None, title: str | None, lang: str | None, force: bool) -> int:
    result = import_file(file, out, title, lang, force)
    folder = display_path(result.out)
    print(f"imported {file} into {folder}/")
    for note in result.notes:
        print(f"  {note}")
    to_do = sum(r.to_do for r in result.repairs)
    print(f"\nrepairs ({len(result.repairs)}, {to_do} for a person to do; also in {folder}/{REPORT_PAGE}):")
    for line in text_lines(result.repairs):
        print(f"  {line}")
    errors = sum(f.severity == "error" for f in result.findings)
    print(f"\ncheck found {errors} errors and {len(result.findings) - errors} warnings:")
    for finding in result.findings:
        print(f"  {finding}")
    next_step = ("fix the errors above, then build it" if errors else "build it")
    print(f"\nnext: {next_step}: python -m pipeline build --source {folder} --out {folder}-outputs")
    return 0
