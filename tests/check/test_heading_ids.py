"""heading-duplicate-id and the ids nobody wrote.

A heading without `{#id}` gets one from its words (commonmark_x's GitHub-style
automatic ids). An id the author writes that equals another heading's
automatic id makes the reader rename the automatic one (`#results-1`), or,
between chapters, filters/unique_ids.py rename whichever comes later: either
way a link to `#results` can reach the wrong heading. The rule knows the
automatic id a heading was meant to have by making it from the words again,
so that copy must agree with the reader.
"""
from __future__ import annotations

from pathlib import Path

from filters.unique_ids import apply as unique_ids
from pipeline.check import check_report
from filters import automatic_id
from pipeline.parse import parse_report, read_markdown
from pipeline.source import load_report

# Headings as people paste them: punctuation, other scripts, emoji, code, maths, links, notes. (An emoji typed
# as a character becomes its name in pandoc's id, 🇬🇧 "uk", from a table Python lacks: there the rule trusts
# the id in the tree, and can miss a clash.)
HEADINGS = ["Our Volunteers", "Café & Co. — 2024/25", "2025 plans", "¿Qué hicimos?", "Überblick",
            "What's next?", "C++ & “smart” quotes", "1, 2, 3: go", "Tea :tea: and cake", "The `report.yaml` file",
            "Costs in $£$ and *italics*", "[Our partners](https://example.org) in 2025", "Money[^1] in",
            "snake_case and kebab-case", "Ünïcödé  double  spaces", "नमस्ते दुनिया", "Grants — part 2"]


def test_the_automatic_ids_are_made_as_the_reader_makes_them():
    body = "\n\n".join(f"## {heading}" for heading in HEADINGS) + "\n\n[^1]: A note.\n"
    headers = [b for b in read_markdown(body, Path("."))["blocks"] if b["t"] == "Header"]
    assert len(headers) == len(HEADINGS)
    assert [automatic_id(h["c"][2]) for h in headers] == [h["c"][1][0] for h in headers]


def _report(tmp_path: Path, chapters: dict[str, str]) -> Path:
    source = tmp_path / "source"
    (source / "chapters").mkdir(parents=True)
    names = [f"chapters/{name}" for name in chapters]
    (source / "report.yaml").write_text(f"title: Annual report\nlang: en-GB\nchapters: [{', '.join(names)}]\n",
                                        encoding="utf-8")
    for name, text in chapters.items():
        (source / "chapters" / name).write_text(text, encoding="utf-8")
    return source


def test_an_id_written_in_one_chapter_that_another_chapter_makes_automatically(tmp_path):
    source = _report(tmp_path, {
        "01-survey.md": "# The members' survey\n\n## Results\n\nMost members want longer opening hours.\n",
        "02-summary.md": "# Summary\n\nSee [the results](#results).\n\n## What the survey found {#results}\n\n"
                         "Longer hours, and a second hub.\n",
    })
    report = load_report(source)
    # The premise: the build keeps the first #results (the automatic one) and renames the written one.
    built = unique_ids(parse_report(report))
    assert [b["c"][1][0] for b in built["blocks"] if b["t"] == "Header" and b["c"][0] == 2] == \
        ["results", "results-1"]
    findings = [f"{d.file.name}:{d.line}:{d.column} {d.message}" for d in check_report(report)
                if d.rule == "heading-duplicate-id"]
    assert findings == ["02-summary.md:5:1 id '#results' is also the automatic id of the heading \"Results\" at "
                        "01-survey.md:3; one of the two is renamed, so a link to #results can reach the wrong heading"]


def test_two_automatic_ids_alike_are_no_finding(tmp_path):
    """The reader and filters/unique_ids.py number them (#notes, #notes-1), and nobody wrote either."""
    source = _report(tmp_path, {
        "01-garden.md": "# Garden\n\n## Notes\n\nBring gloves.\n\n## Notes\n\nAnd a flask.\n",
        "02-youth.md": "# Youth club\n\n## Notes\n\nBring trainers.\n",
    })
    assert [d for d in check_report(load_report(source)) if d.rule == "heading-duplicate-id"] == []
