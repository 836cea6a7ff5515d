"""Time `python -m pipeline preview` from saving a one-chapter edit to the edit being served.

Generates a synthetic report (bench/generate.py), starts the preview on a free port, appends a
paragraph with a new word to one chapter, and polls /report.html until the word is there; prints
the median of RUNS edits as a Markdown table row for bench/results.md. `--background` also rebuilds
PDF and EPUB after each save, as `make preview` does (they share the two cores with the web pages).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.preview.server import Preview  # (the tests' way to run a preview as a person would)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--size", default="medium", choices=("small", "medium", "large"))
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--background", action="store_true")
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as folder:
        work = Path(folder)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), args.size, str(work / "report")],
                       check=True, capture_output=True)
        started = time.monotonic()
        preview = Preview(work / "report", work, *([] if args.background else ["--no-background"]))
        first = time.monotonic() - started
        chapter = sorted((work / "report" / "chapters").glob("*.md"))[2]
        times = []
        try:
            for run in range(args.runs):
                time.sleep(8 if args.background else 1)  # let the previous rebuild settle
                word = f"Benchmarkword{run}x"
                saved = time.monotonic()
                with chapter.open("a", encoding="utf-8") as text:
                    text.write(f"\n\nOne more paragraph, with {word} in it.\n")
                preview.wait_for(lambda word=word: word in preview.get("/report.html")[1], 120, f"{word} to be served")
                times.append(time.monotonic() - saved)
        finally:
            preview.stop()
    print(f"| {args.size} | {'on' if args.background else 'off'} | {first:.1f} | "
          f"{statistics.median(times):.2f} | {min(times):.2f} | {max(times):.2f} |")


if __name__ == "__main__":
    main()
