"""Deterministic synthetic reports in the source format, for benchmarks.

    python bench/generate.py medium /tmp/bench-medium

Sizes: small (~4k words, 3 figures, 2 tables), medium (~40k words, 30
figures, 20 tables), large (~200k words, 150 figures, 100 tables). The same
size always gives the same bytes (seeded), so timings compare like with like.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

SIZES = {  # chapters, words per chapter, figures, tables
    "small": (3, 1_330, 3, 2),
    "medium": (10, 4_000, 30, 20),
    "large": (50, 4_000, 150, 100),
}
WORDS = ("residents community grant volunteers garden youth club money spent council hall river park "
         "project people group year local families older young centre survey food bank meeting plans "
         "partnership support open weekly sessions trust fund share places safe walking cycling art "
         "heritage library school children parents carers neighbours street homes warm space").split()
SUMMARY_WORDS = "we gave money to groups people met in the hall the club was open more days this year".split()
GLOSSARY = {f"Term {n}": f"A plain explanation of term {n} in a few short words." for n in range(1, 13)}


def sentence(rng: random.Random, words: list[str], low: int = 8, high: int = 18) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(low, high))]
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random, target: int) -> tuple[str, int]:
    sentences, count = [], 0
    while count < target:
        s = sentence(rng, WORDS)
        sentences.append(s)
        count += len(s.split())
    return " ".join(sentences), count


def chapter(rng: random.Random, number: int, words: int, figures: list[int], tables: list[int]) -> str:
    lines = [f"# Chapter {number}: {rng.choice(WORDS)} and {rng.choice(WORDS)} {{#chapter-{number}}}", "",
             "::: summary", " ".join(sentence(rng, SUMMARY_WORDS, 5, 9) for _ in range(4)), ":::", ""]
    written, section, note = 0, 0, 0
    per_section = max(words // 6, 120)
    while written < words:
        section += 1
        lines += [f"## Section {number}.{section} {{#s-{number}-{section}}}", ""]
        for level3 in range(2):
            lines += [f"### Part {number}.{section}.{level3 + 1}", ""]
            text, count = paragraph(rng, per_section // 2)
            if note < 2:
                note += 1
                text += f"[^c{number}-{note}]"
                lines += [text, "", f"[^c{number}-{note}]: {sentence(rng, WORDS)}", ""]
            else:
                lines += [text, ""]
            written += count
            if figures:
                index = figures.pop()
                lines += [f"![A drawing of {rng.choice(WORDS)} and {rng.choice(WORDS)} for figure {index}]"
                          f"(images/figure-{index}.png \"Figure {index}: {rng.choice(WORDS)}\")", ""]
            if tables:
                index = tables.pop()
                rows = "\n".join(f"| {rng.choice(WORDS).title()} | {rng.randint(1, 9000)} | {rng.randint(1, 99)} |"
                                 for _ in range(8))
                lines += ["| Theme | Amount | Groups |", "|---|---:|---:|", rows, "",
                          f": Table {index}: amounts by theme (£)", ""]
        if number > 1 and section == 1:
            lines += ["See [the first chapter](#chapter-1) for how the year began.", ""]
    return "\n".join(lines) + "\n"


def image(path: Path, index: int) -> None:
    rng = random.Random(index)
    picture = Image.new("RGB", (480, 300), (235, 240, 232))
    draw = ImageDraw.Draw(picture)
    for _ in range(6):
        x, y = rng.randint(0, 400), rng.randint(0, 220)
        draw.rectangle([x, y, x + rng.randint(30, 80), y + rng.randint(30, 80)],
                       fill=(rng.randint(20, 200), rng.randint(60, 160), rng.randint(40, 120)))
    picture.quantize(16).save(path, optimize=True)


def generate(size: str, root: Path) -> Path:
    chapters, words, figures, tables = SIZES[size]
    rng = random.Random(f"bench-{size}")
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    figure_ids = list(range(figures, 0, -1))
    table_ids = list(range(tables, 0, -1))
    names = []
    for number in range(1, chapters + 1):
        share_f = [figure_ids.pop() for _ in range(len(figure_ids) // (chapters - number + 1))]
        share_t = [table_ids.pop() for _ in range(len(table_ids) // (chapters - number + 1))]
        name = f"chapters/{number:02d}-chapter.md"
        (root / name).write_text(chapter(rng, number, words, share_f[::-1], share_t[::-1]), encoding="utf-8")
        names.append(name)
    for index in range(1, figures + 1):
        if not (root / f"images/figure-{index}.png").exists():
            image(root / f"images/figure-{index}.png", index)
    (root / "glossary.yaml").write_text(yaml.safe_dump(GLOSSARY, sort_keys=True), encoding="utf-8")
    meta = {"title": f"Synthetic report ({size})", "organisation": "Benchmark Partnership", "date": "2026-06-30",
            "lang": "en-GB", "description": "A generated report for timing the pipeline.",
            "rights": "CC BY 4.0", "chapters": names, "glossary": "glossary.yaml"}
    (root / "report.yaml").write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=SIZES)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    generate(args.size, args.folder)
    words = sum(len(p.read_text().split()) for p in (args.folder / "chapters").glob("*.md"))
    print(f"{args.size}: {words} words in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
