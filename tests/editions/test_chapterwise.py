"""The filter stages run one chapter at a time (pipeline/chapterwise.py), so that the live preview
filters only the chapter that was edited. Joined, the chapters must be exactly the tree the stages
make of the whole report: compared on the sample, the fixture reports, and a report made of every
Markdown fixture; then after edits that change what one chapter hands to the next (an id, a
footnote's number, a table's number)."""
from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from pipeline import assets, chapterwise
from pipeline.memory import BuildMemory
from pipeline.parse import read_chapters, report_tree
from pipeline.source import load_report
from pipeline.stages import run_common, run_for_format
from tests.conftest import ROOT, SAMPLE, TINY

FIXTURES = ROOT / "tests" / "fixtures"
REPORTS = [SAMPLE, *sorted(path.parent for path in FIXTURES.glob("*/report.yaml"))]


@pytest.fixture(autouse=True)
def any_picture_is_a_small_png(monkeypatch):
    """Fixtures name pictures that are not there on purpose; here every picture is a 40×30 PNG."""
    data = io.BytesIO()
    Image.new("RGB", (40, 30)).save(data, "PNG")
    monkeypatch.setattr(assets, "check_image", lambda report, relative: data.getvalue())


def whole(source: Path) -> tuple[dict, dict, list]:
    """The report through the stages at once, as a --trace build filters it."""
    report = load_report(source)
    doc, images = assets.sized(report, run_common(report_tree(report, read_chapters(report))))
    return doc, run_for_format(doc, "html5"), list(images)


def chapter_by_chapter(source: Path, memory: BuildMemory | None = None) -> chapterwise.Filtered | None:
    report = load_report(source)
    return chapterwise.filter_report(report, read_chapters(report), frozenset(), True, memory,
                                     lambda paths: assets.check_paths(report, paths))


def assert_same(parts: chapterwise.Filtered, source: Path) -> None:
    doc, html, images = whole(source)
    assert json.dumps(parts.report, sort_keys=True) == json.dumps(doc, sort_keys=True)
    assert json.dumps(parts.html, sort_keys=True) == json.dumps(html, sort_keys=True)
    assert list(parts.images) == images


@pytest.mark.parametrize("source", REPORTS, ids=lambda path: path.name)
def test_the_chapters_joined_are_the_report_filtered_whole(source):
    parts = chapter_by_chapter(source)
    if parts is None:  # a chapter without its title first: the stages must see the report whole
        report = load_report(source)
        assert not chapterwise.can_go_chapterwise(read_chapters(report))
        return
    assert_same(parts, source)


def every_fixture_as_a_chapter(folder: Path) -> Path:
    """A report whose chapters are every Markdown fixture that begins with its one level-1 heading
    (with the tiny report's glossary, so that glossary links are made)."""
    files = sorted(path for path in FIXTURES.rglob("*.md"))
    (folder / "chapters").mkdir(parents=True)
    names = []
    for number, path in enumerate(files):
        name = f"chapters/{number:03d}-{path.stem}.md"
        shutil.copy(path, folder / name)
        names.append(name)
    shutil.copy(TINY / "glossary.yaml", folder / "glossary.yaml")

    def write(chapters: list[str]) -> None:
        listed = "".join(f"  - {name}\n" for name in chapters)
        (folder / "report.yaml").write_text(f"title: Fixtures\nlang: en-GB\nglossary: glossary.yaml\nchapters:\n{listed}")

    write(names)
    report = load_report(folder)
    write([name for name, chapter in zip(names, read_chapters(report)) if chapterwise.can_go_chapterwise([chapter])])
    return folder


def test_every_fixture_filtered_chapter_by_chapter_is_filtered_as_a_whole(tmp_path):
    source = every_fixture_as_a_chapter(tmp_path / "report")
    assert len(load_report(source).chapters) > 20
    parts = chapter_by_chapter(source)
    assert parts is not None and parts.html is not None
    assert_same(parts, source)


def copied_sample(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "source")
    return tmp_path / "source"


def edit(source: Path, number: int, change) -> None:
    chapter = sorted((source / "chapters").glob("*.md"))[number]
    chapter.write_text(change(chapter.read_text(encoding="utf-8")), encoding="utf-8")


def filtered_again(source: Path, memory: BuildMemory, monkeypatch) -> tuple[chapterwise.Filtered, int]:
    """The report filtered with what the memory kept; and how many parts went through the stages."""
    copies = []
    real = chapterwise.chapter_blocks
    monkeypatch.setattr(chapterwise, "chapter_blocks", lambda blocks, name: copies.append(name) or real(blocks, name))
    parts = chapter_by_chapter(source, memory)
    monkeypatch.setattr(chapterwise, "chapter_blocks", real)
    return parts, len(copies)


EDITS = {
    # (chapter, change): what a chapter hands on does not change, so only it is filtered again
    "a new paragraph": (2, lambda text: text + "\n\nA sentence added while the preview was open.\n", 1),
    # its id (#volunteers-who), which a later chapter has: that one becomes #volunteers-who-1
    # (filters/unique_ids.py), so that chapter is filtered again too
    "a heading another chapter has": (1, lambda text: text + "\n\n## Volunteers who\n\nWords.\n", 2),
    # a footnote: the notes of every later chapter are numbered on (the HTML stages only)
    "a footnote": (0, lambda text: text + "\n\nA claim.[^new]\n\n[^new]: Its source.\n", 1),
    # a chapter's first heading: links to it from other chapters (02-money.md → #…) go to its new id
    "a chapter's title": (3, lambda text: re.sub(r"^# .*", "# Renamed chapter", text, count=1, flags=re.M), None),
}


@pytest.mark.parametrize("name", EDITS)
def test_after_an_edit_the_other_chapters_come_from_memory_and_the_tree_is_the_same(name, tmp_path, monkeypatch):
    source = copied_sample(tmp_path)
    memory = BuildMemory()
    _, first = filtered_again(source, memory, monkeypatch)
    assert first == len(load_report(source).chapters)
    number, change, expected_copies = EDITS[name]
    edit(source, number, change)
    parts, copies = filtered_again(source, memory, monkeypatch)
    if expected_copies is not None:
        assert copies == expected_copies
    assert_same(parts, source)


def test_a_chapter_without_its_title_first_sends_the_report_whole(tmp_path):
    source = copied_sample(tmp_path)
    edit(source, 2, lambda text: re.sub(r"^# (.*)", r"Intro.\n\n# \1", text, count=1, flags=re.M))
    assert chapter_by_chapter(source) is None
