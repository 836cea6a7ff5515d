"""A Word report typed by someone who never used heading styles (tests/importer/word.py)
imports as a source folder with a real outline, honest alt text and real lists, and
every repair says where it was in Word and where it is now."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from pipeline.importer.run import import_file
from pipeline.pandoc import pandoc_path
from tests.importer import word
from tests.importer.helpers import chapters, line_of, outline, pictures, repair, run_import


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    work = tmp_path_factory.mktemp("word")
    result = import_file(word.annual_report(work / "garden.docx"), work / "garden")
    return result, work / "garden"


def test_fake_headings_become_a_consecutive_outline_cut_into_chapters(imported):
    _result, folder = imported
    assert outline(folder) == [
        "# Introduction {#introduction}",
        "# A year of growing {#a-year-of-growing}",  # 18 pt bold by the paragraph style "Section title"
        "## Who came {#who-came}",  # bold at the body's size: one level down
        "# Money {#money}",  # 18 pt set on the text
        "## What we will do next {#what-we-will-do-next}",
    ]
    assert [p.name for p in chapters(folder)] == ["01-introduction.md", "02-a-year-of-growing.md", "03-money.md"]


def test_each_fake_heading_repair_names_the_word_paragraph_page_and_new_line(imported):
    result, _folder = imported
    by_style = repair(result, '"A year of growing" was a paragraph set in 18 pt bold by its paragraph style '
                              '"Section title"')
    assert (by_style.was, by_style.now) == ("Word paragraph 3, page 1", "chapters/02-a-year-of-growing.md:1")
    money = repair(result, '"Money" was a paragraph set in 18 pt;')
    assert money.was == "Word paragraph 15, page 2"  # after Word's saved page break
    assert money.now == "chapters/03-money.md:1"


def test_alt_text_is_kept_only_when_it_describes_and_decorative_stays_decorative(imported):
    result, folder = imported
    assert pictures(folder) == [
        ("Children planting seedlings in a raised bed", "images/picture-01.png", ""),
        ("", "images/picture-02.png", ""),  # Word's "Description automatically generated"
        ("", "images/picture-03.png", ""),  # IMG_2043.JPG
        ("", "images/picture-04.png", ""),  # no alt at all
        ("", "images/picture-05.png", "{.decorative}"),  # <adec:decorative val="1"/>
    ]
    assert all((folder / path).is_file() for _alt, path, _attr in pictures(folder))
    chapter = folder / "chapters" / "02-a-year-of-growing.md"
    expected = {"Word's automatic guess": (8, "picture-02.png"), "a file name": (9, "picture-03.png"),
                "has no alt text": (10, "picture-04.png")}
    for words, (paragraph, image) in expected.items():
        entry = repair(result, words)
        assert entry.to_do and entry.kind == "alt"
        assert entry.was == f"Word paragraph {paragraph}, page 1"
        assert entry.now == f"chapters/02-a-year-of-growing.md:{line_of(chapter, image)}"
    assert repair(result, 'marked "decorative" in Word').now.endswith(f":{line_of(chapter, 'picture-05.png')}")


def test_check_reports_each_missing_alt_text_at_its_line_and_nothing_else_is_an_error(imported):
    result, folder = imported
    chapter = folder / "chapters" / "02-a-year-of-growing.md"
    errors = [(f.rule, Path(f.file).name, f.line) for f in result.findings if f.severity == "error"]
    assert errors == [("alt-missing", chapter.name, line_of(chapter, f"picture-0{n}.png")) for n in (2, 3, 4)]


def test_data_table_keeps_its_header_and_the_one_cell_box_is_unwrapped(imported):
    result, folder = imported
    money = (folder / "chapters" / "03-money.md").read_text(encoding="utf-8")
    assert "| Source" in money.splitlines()[money.splitlines().index("Our income came from grants and plant "
                                                                     "sales.[^money-1]") + 2]
    assert "\nEvery pound we raise stays in the garden.\n" in money  # a paragraph, no longer a table
    assert repair(result, "a layout table (a one-cell box) was unwrapped").was == "Word paragraph 23, page 2"  # after the six cells of the data table


def test_text_box_footnote_and_typed_numbering(imported):
    result, folder = imported
    money = (folder / "chapters" / "03-money.md").read_text(encoding="utf-8")
    assert money.count("Did you know?") == 1  # Word keeps a second copy for old readers
    assert money.index("Spending is set out below.") < money.index("Did you know?")
    assert repair(result, "a text box was flattened").kind == "flattened"
    assert "[^money-1]: Figures are rounded to the nearest £50." in money
    assert "1.  Build a shed for tools\n\n    a)  ask the council for a site\n    b)  raise £1,500\n\n" \
           "2.  Start a seed library" in money
    assert repair(result, 'typed numbering or bullets ("1." … "2.", 4 paragraphs)').now == \
        f"chapters/03-money.md:{line_of(folder / 'chapters' / '03-money.md', 'Build a shed')}"


def test_the_chapters_read_the_same_in_both_of_the_builds_markdown_readers(imported):
    """The build is moving from pandoc's markdown to commonmark_x: what the importer writes must not care
    (a picture alone in a paragraph is a figure only for the first; the build's figures filter reads both)."""
    _result, folder = imported
    for chapter in chapters(folder):
        trees = [subprocess.run([pandoc_path(), "-f", reader, "-t", "native", str(chapter)], capture_output=True,
                                text=True, check=True).stdout
                 for reader in ("markdown-blank_before_header-implicit_figures", "commonmark_x")]
        assert trees[0] == trees[1], chapter.name


def test_glossary_section_becomes_glossary_yaml_and_the_title_comes_from_the_properties(imported):
    result, folder = imported
    assert yaml.safe_load((folder / "glossary.yaml").read_text(encoding="utf-8")) == {
        "Raised bed": "a planting box built above the ground",
        "Seed library": "a place to borrow seeds and return new ones after harvest"}
    meta = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    assert (meta["title"], meta["lang"], meta["glossary"]) == (
        "Hollins Community Garden Annual Report 2025", "en-GB", "glossary.yaml")
    assert "Glossary" not in "\n".join(outline(folder))
    assert repair(result, "5 empty paragraphs used as spacing removed").now == "removed"
    assert repair(result, "1 manual page break").was == "Word paragraph 13, page 1"


def test_the_repair_report_page_lists_every_repair(imported):
    result, folder = imported
    page = (folder / "import-report.html").read_text(encoding="utf-8")
    for entry in result.repairs:
        assert entry.now in page
    assert page.count("To do:") == sum(r.to_do for r in result.repairs) == 3


def test_tables_keep_word_header_rows_and_a_table_without_one_is_flagged(tmp_path):
    result = import_file(word.tables_only(tmp_path / "tables.docx"), tmp_path / "out")
    text = (tmp_path / "out" / "chapters" / "01-visitors.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert rows[0].split("|")[1].strip() == "Month"  # "Repeat as header row", with the "Header Row" option off
    flagged = [r for r in result.repairs if "has no header row" in r.message]
    assert [(r.was, r.to_do) for r in flagged] == [("Word paragraph 9", True), ("Word paragraph 14", True)]
    assert "the first row holds data" in flagged[1].message  # "Header Row" on, but 12 | 40 | 7 is data
    table_errors = [f.line for f in result.findings if f.rule == "table-no-header"]
    assert table_errors == [int(r.now.rsplit(":", 1)[1]) for r in flagged]


def test_comments_are_left_out_with_a_warning(tmp_path):
    result = import_file(word.with_comment(tmp_path / "plans.docx"), tmp_path / "out")
    entry = repair(result, "a comment by Jo Smith")
    assert '"Check this date with Priya"' in entry.message and entry.was == "Word paragraph 2"
    assert "Priya" not in (tmp_path / "out" / "chapters" / "01-our-plans.md").read_text(encoding="utf-8")


def test_tracked_changes_are_refused_and_nothing_is_written(tmp_path):
    source = word.with_tracked_change(tmp_path / "plans.docx")
    result = run_import(str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "tracked changes" in result.stderr and "Word paragraph 2" in result.stderr
    assert "accept or reject the changes first" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() and [p.name for p in tmp_path.iterdir()] == ["plans.docx"]
