"""`make bench`: time the pipeline on synthetic reports against the bare pandoc chain.

For each size (bench/generate.py): the bare chain that re-parses Markdown per
format (pandoc → HTML, pandoc → EPUB, pandoc → Typst then a Typst compile),
the pipeline's three main editions (HTML, EPUB, tagged PDF), the full build
(every edition, validation and output checks), a no-change rebuild and a
one-chapter edit. Medians of --runs runs; wall time and peak RSS of each run
as a separate process. Writes a Markdown table to bench/results.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import SIZES, generate  # noqa: E402

PROGRESS = re.compile(r"^(\S+)\s+.*?(\d+\.\d) s$")


def timed(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MB of the process and its children, stdout) of one run."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb // 1024, result.stdout


BARE_CHAIN = r"""
import sys, subprocess, time, typst, pypandoc, yaml
from pathlib import Path
src, out = Path(sys.argv[1]), Path(sys.argv[2])
pandoc = pypandoc.get_pandoc_path()
chapters = [str(src / c) for c in yaml.safe_load((src / "report.yaml").read_text())["chapters"]]
def run(*args):
    subprocess.run([pandoc, "-f", "commonmark_x+implicit_figures", *chapters, *args], cwd=src, check=True)
run("-s", "-o", str(out / "report.html"))
run("-o", str(out / "report.epub"))
run("-s", "-t", "typst", "-o", str(src / "bare.typ"))
(out / "report.pdf").write_bytes(typst.compile(str(src / "bare.typ"), root=str(src)))
"""


def bare_chain(source: Path, out: Path) -> tuple[float, int]:
    out.mkdir(parents=True, exist_ok=True)
    seconds, peak, _ = timed([sys.executable, "-c", BARE_CHAIN, str(source), str(out)])
    return seconds, peak


def pipeline(source: Path, out: Path, *extra: str) -> tuple[float, int, dict[str, float]]:
    seconds, peak, stdout = timed([sys.executable, "-m", "pipeline", "build", "--source", str(source),
                                   "--out", str(out), *extra])
    stages = {}
    for line in stdout.splitlines():
        match = PROGRESS.match(line)
        if match:
            stages[match.group(1)] = float(match.group(2))
    return seconds, peak, stages


def median(values: list[float]) -> float:
    return statistics.median(values)


def measure(size: str, runs: int, work: Path) -> dict:
    source = work / f"{size}-source"
    if not source.exists():
        generate(size, source)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in (source / "chapters").glob("*.md"))
    cache = work / f"{size}-cache"
    result: dict = {"size": size, "words": words, "figures": SIZES[size][2], "tables": SIZES[size][3]}
    bare, main, full, nochange, edit, peaks, stage_runs = [], [], [], [], [], [], []
    for run in range(runs):
        out = work / f"{size}-out-{run}"
        for folder in (out, cache):
            shutil.rmtree(folder, ignore_errors=True)
        seconds, peak = bare_chain(source, work / f"{size}-bare-{run}")
        bare.append(seconds)
        seconds, _, _ = pipeline(source, work / f"{size}-main-{run}", "--editions", "html,epub,pdf", "--no-cache")
        main.append(seconds)
        seconds, peak, stages = pipeline(source, out, "--cache", str(cache))
        full.append(seconds)
        peaks.append(peak)
        stage_runs.append(stages)
        seconds, _, _ = pipeline(source, out, "--cache", str(cache))
        nochange.append(seconds)
        chapter = sorted((source / "chapters").glob("*.md"))[0]
        original = chapter.read_text(encoding="utf-8")
        chapter.write_text(original + f"\nAn edited sentence, run {run}.\n", encoding="utf-8")
        try:
            seconds, _, _ = pipeline(source, out, "--cache", str(cache))
            edit.append(seconds)
        finally:
            chapter.write_text(original, encoding="utf-8")
    result.update(bare=median(bare), main=median(main), full=median(full), nochange=median(nochange),
                  edit=median(edit), peak_mb=max(peaks),
                  stages={k: median([s.get(k, 0.0) for s in stage_runs]) for k in stage_runs[0]})
    return result


def table(results: list[dict], runs: int) -> str:
    cores = os.cpu_count()
    lines = [
        "# Benchmark results", "",
        f"Machine: {cores} cores, {platform.machine()}, Python {platform.python_version()}; "
        f"median of {runs} runs; written by `make bench` (bench/run.py) on {time.strftime('%Y-%m-%d')}.", "",
        "Bare chain = pandoc re-reading the Markdown for HTML, EPUB and Typst, then a Typst compile without "
        "PDF/UA (what a naive Makefile does). Main = our HTML, EPUB and tagged PDF. Full = every edition, "
        "validation and output checks.", "",
        "| size | words | bare chain s | main s | main / bare | full s | full / bare | no-change s | "
        "one-chapter edit s | edit / full | peak RSS MB | full s per 10k words |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        lines.append(
            f"| {r['size']} | {r['words']:,} | {r['bare']:.2f} | {r['main']:.2f} | {r['main'] / r['bare']:.2f} | "
            f"{r['full']:.2f} | {r['full'] / r['bare']:.2f} | {r['nochange']:.2f} | {r['edit']:.2f} | "
            f"{r['edit'] / r['full']:.2f} | {r['peak_mb']} | {r['full'] / r['words'] * 10_000:.2f} |")
    lines += ["", "Stages of the full build (median seconds, from the build's progress lines):", "",
              "| size | " + " | ".join(results[0]["stages"]) + " |",
              "|---|" + "--:|" * len(results[0]["stages"])]
    for r in results:
        lines.append(f"| {r['size']} | " + " | ".join(f"{r['stages'].get(k, 0):.1f}" for k in results[0]["stages"])
                     + " |")
    return "\n".join(lines) + "\n"


def _other_sections(results: Path) -> str:
    """The `## …` sections other benchmarks (bench/preview.py) added below this one's tables."""
    try:
        text = results.read_text(encoding="utf-8")
    except OSError:
        return ""
    start = text.find("\n## ")
    return "" if start < 0 else text[start:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "pipeline-bench")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes.split(","):
        print(f"measuring {size} …", flush=True)
        results.append(measure(size, args.runs, args.work))
        print(json.dumps({k: v for k, v in results[-1].items() if k != "stages"}), flush=True)
    args.out.write_text(table(results, args.runs) + _other_sections(args.out), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
