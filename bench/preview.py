"""Time `python -m pipeline preview` from saving a one-chapter edit to the edit being served.

Generates a synthetic report (bench/generate.py), starts the preview on a free port, appends a
paragraph with a new word to one chapter, and polls /__preview/version as the open page does (every
20 ms here) until the page changes, then fetches /report.html until the word is in it; prints
the median of RUNS edits as a Markdown table row for bench/results.md. `--background` also rebuilds
PDF and EPUB after each save, as `make preview` does (they share the two cores with the web pages).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.preview.server import Preview  # (the tests' way to run a preview as a person would)


def page_version(preview: Preview) -> int:
    return json.loads(preview.get("/__preview/version")[1])["page"]


def wait_until_served(preview: Preview, word: str, before: int, seconds: float = 120) -> None:
    """Until the page with the word is served, asked as the open page asks: polling the version,
    then fetching the page once it changed. (Fetching the medium report's 350 kB page ten times a
    second, as this did before, took the GIL of the preview's process from the rebuild it was timing.)"""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = page_version(preview)
        if now != before:
            if word in preview.get("/report.html")[1]:
                return
            before = now  # a rebuild that started before the save ended
        time.sleep(0.02)
    raise AssertionError(f"waited {seconds} s for {word} to be served:\n" + preview.log())


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
                before = page_version(preview)
                saved = time.monotonic()
                with chapter.open("a", encoding="utf-8") as text:
                    text.write(f"\n\nOne more paragraph, with {word} in it.\n")
                wait_until_served(preview, word, before)
                times.append(time.monotonic() - saved)
        finally:
            preview.stop()
    print(f"| {args.size} | {'on' if args.background else 'off'} | {first:.1f} | "
          f"{statistics.median(times):.2f} | {min(times):.2f} | {max(times):.2f} |")


if __name__ == "__main__":
    main()
