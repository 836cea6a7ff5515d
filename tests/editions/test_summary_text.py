"""summary.txt: plain UTF-8, wrapped at 72 columns, headings underlined, one
sentence per line, and no Markdown or HTML markup left in it."""
from __future__ import annotations

import re

import pytest
import yaml
from pandocfilters import walk

from filters import stringify
from filters.summary import sentences
from pipeline.writers.text import render
from tests.conftest import SAMPLE, pandoc_json

REPORT = yaml.safe_load((SAMPLE / "report.yaml").read_text(encoding="utf-8"))
MARKUP = [r"\*\*", r"(?<!\w)_\w", r"^#", r":::", r"\]\(", r"\{[#.]", r"<[a-z/!]", r"^\s*>", r"\[\^", r"^\|", r"`"]


@pytest.fixture(scope="module")
def text(sample_build) -> str:
    return (sample_build / "summary.txt").read_text(encoding="utf-8")


def chapter_summaries() -> list[tuple[str, list[str]]]:
    """(chapter title, summary sentences) straight from the source, read by pandoc alone."""
    found = []
    for name in REPORT["chapters"]:
        doc = pandoc_json(SAMPLE / name)
        title = next(stringify(b["c"][2]) for b in doc["blocks"] if b["t"] == "Header" and b["c"][0] == 1)
        said: list[str] = []

        def collect(key, value, fmt, meta):
            if key == "Div" and "summary" in value[0][1]:
                for block in value[1]:
                    said.extend(sentences(stringify(block)))

        walk(doc["blocks"], collect, "", {})
        found.append((title, said))
    return found


def test_lines_fit_in_72_columns_and_the_file_is_utf8(sample_build, text):
    raw = (sample_build / "summary.txt").read_bytes()
    assert raw.decode("utf-8") == text and "\r" not in text and text.endswith("\n")
    too_long = [line for line in text.splitlines() if len(line) > 72]
    assert too_long == []


def test_no_markup(text):
    for pattern in MARKUP:
        hits = [line for line in text.splitlines() if re.search(pattern, line)]
        assert hits == [], pattern


def test_title_and_chapter_headings_are_underlined(text):
    lines = text.splitlines()
    assert lines[1] == "=" * len(lines[0]) and REPORT["title"] in lines[0]
    for title, _ in chapter_summaries():
        at = lines.index(title)
        assert lines[at + 1] == "-" * len(title), title
        assert lines[at - 1] == "" and lines[at + 2] == ""


def test_every_summary_sentence_starts_its_own_line_in_order(text):
    lines = text.splitlines()
    chapters = chapter_summaries()
    starts = [lines.index(title) for title, _ in chapters] + [len(lines)]
    for (title, said), start, end in zip(chapters, starts, starts[1:]):
        section = [line for line in lines[start + 2:end] if line]
        assert " ".join(section) == " ".join(said), title  # all of it, in order, nothing else
        for sentence in said:
            assert any(sentence.startswith(line) for line in section), sentence  # begins a line


def test_lists_links_emphasis_and_notes_become_plain_words():
    doc = {"pandoc-api-version": [1, 23, 1], "meta": {"title": {"t": "MetaString", "c": "Brief"}},
           "blocks": [
               {"t": "Header", "c": [1, ["x", [], []], [{"t": "Str", "c": "A"}, {"t": "Space"},
                                                         {"t": "Str", "c": "chapter"}]]},
               {"t": "Para", "c": [{"t": "Strong", "c": [{"t": "Str", "c": "Bold"}]}, {"t": "Space"},
                                   {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": "our"}, {"t": "Space"},
                                                                      {"t": "Str", "c": "website"}],
                                                       ["https://example.org", ""]]},
                                   {"t": "Note", "c": [{"t": "Para", "c": [{"t": "Str", "c": "hidden"}]}]},
                                   {"t": "Str", "c": "."}]},
               {"t": "BulletList", "c": [[{"t": "Plain", "c": [{"t": "Str", "c": "one " * 30}]}],
                                         [{"t": "Plain", "c": [{"t": "Emph", "c": [{"t": "Str", "c": "two"}]}]}]]},
           ]}
    lines = render(doc).splitlines()
    assert lines[:2] == ["Brief", "====="]
    assert lines[3:5] == ["A chapter", "---------"]
    assert lines[6] == "Bold our website (https://example.org)."
    assert lines[8].startswith("- one one") and lines[9].startswith("  one") and lines[-1] == "- two"
    assert all(len(line) <= 72 for line in lines) and "hidden" not in "\n".join(lines)
