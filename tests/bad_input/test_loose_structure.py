"""Loose structure and files that are not Markdown get a message at the
source, never "a bug in the pipeline": text above a chapter's title, a
chapter with no title or with `##` first, a web page or a Word file listed as
a chapter. A writer that still fails (Typst, lxml) names the chapter file,
the line and the section, with a fix for its cause.

Same pattern as test_bad_input.py: break a copy of the tiny report, build,
and check the message, the exit status and the untouched previous outputs.
"""
from __future__ import annotations

import re
import shlex
import subprocess

from pipeline.pandoc import pandoc_path
from tests.bad_input.test_bad_input import (  # noqa: F401 (good_build and report are fixtures)
    build, chapter, fails_cleanly, good_build, hashes, report)


def _list_chapter(source, name: str) -> None:
    config = source / "report.yaml"
    config.write_text(config.read_text().replace("  - chapters/02-two.md\n", f"  - chapters/02-two.md\n  - {name}\n"),
                      encoding="utf-8")


# --- text and headings -------------------------------------------------------------------------

def test_text_above_the_title_is_reported_at_its_line(report):
    path = chapter(report[0], "02-two.md")
    path.write_text("Welcome back! This part was written by our treasurer.\n\n" + path.read_text(), encoding="utf-8")
    message = fails_cleanly(report, "02-two.md:1:1: error chapter-text-before-title: text before the chapter's "
                                    'first heading "Second chapter" (line 3) would be printed at the end of the '
                                    "previous chapter", status=1)
    assert "move it below the chapter's # heading" in message and "bug" not in message


def test_a_title_right_under_a_line_of_text_is_still_a_title(report):
    # GitHub and the validator read "text\n# Title" as a heading; pandoc's own Markdown would not,
    # and the title and its id would vanish from every edition.
    source, out, _ = report
    path = chapter(source)
    path.write_text(path.read_text().replace("\n\n## A section", "\n## A section"), encoding="utf-8")
    result = build(source, out)
    assert result.returncode == 0, result.stderr
    assert re.search(r"<h3[^>]*>A section</h3>", (out / "report.html").read_text(encoding="utf-8"))


def test_a_chapter_of_sections_only_is_told_to_use_a_title(report):
    (report[0] / "chapters" / "03-sections.md").write_text("## Our partners\n\nThe library.\n\n## Our plans\n\n"
                                                           "More gardens.\n", encoding="utf-8")
    _list_chapter(report[0], "chapters/03-sections.md")
    fails_cleanly(report, '03-sections.md:1:1: error heading-skip: level-2 heading "Our partners" as the first '
                          "heading skips level 1 — make it a level-1 heading (#)", status=1)


def test_a_chapter_without_a_heading_is_reported(report):
    (report[0] / "chapters" / "03-note.md").write_text("A note from the treasurer: the accounts are online.\n",
                                                       encoding="utf-8")
    _list_chapter(report[0], "chapters/03-note.md")
    fails_cleanly(report, "03-note.md:1:1: error chapter-title-missing: the chapter has no heading, so the "
                          "editions run it on from the previous chapter — add `# Its title`", status=1)


def test_a_title_only_in_front_matter_is_named_in_the_fix(report):
    # Jekyll and Hugo pages keep the title in front matter, which no edition prints.
    (report[0] / "chapters" / "03-post.md").write_text("---\ntitle: Notes from the treasurer\n---\n\n"
                                                       "The accounts are online.\n", encoding="utf-8")
    _list_chapter(report[0], "chapters/03-post.md")
    fails_cleanly(report, "03-post.md:1:1: error chapter-title-missing: the chapter has no heading, so the editions "
                          "run it on from the previous chapter (the title \"Notes from the treasurer\" in its front "
                          "matter is not printed) — add `# Notes from the treasurer` as the first line of its text",
                  status=1)


# --- files that are not Markdown ---------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Our year</title></head>
<body><h1>Our year</h1><p>We planted <b>forty trees</b>.<br>Thank you!</p></body>
</html>
"""


def test_a_web_page_listed_as_a_chapter_is_refused_with_the_command_to_convert_it(report):
    (report[0] / "chapters" / "03-year.html").write_text(PAGE, encoding="utf-8")
    _list_chapter(report[0], "chapters/03-year.html")
    fails_cleanly(report, "03-year.html:1: error: the chapter is a web page (HTML), not Markdown — in the source "
                          "folder run `pandoc -f html -t commonmark_x chapters/03-year.html -o chapters/03-year.md`")


def test_a_web_page_saved_as_md_is_told_to_be_renamed_first(report):
    (report[0] / "chapters" / "03-year.md").write_text("\n<!-- saved from the website -->\n" + PAGE, encoding="utf-8")
    _list_chapter(report[0], "chapters/03-year.md")
    fails_cleanly(report, "03-year.md:1: error: the chapter is a web page (HTML), not Markdown — rename it to "
                          "chapters/03-year.html, then")


def test_a_word_file_is_refused_and_its_command_makes_a_chapter_that_builds(report):
    source, out, _ = report
    subprocess.run([pandoc_path(), "-o", str(source / "chapters" / "03-money.docx")], check=True,
                   input="# Money {#money}\n\nWe spent £900 on seeds and tools.\n", text=True)
    _list_chapter(source, "chapters/03-money.docx")
    message = fails_cleanly(report, "03-money.docx:1: error: the chapter is a Word document (.docx), not Markdown — "
                                    "in the source folder run `pandoc -f docx -t commonmark_x --extract-media=images "
                                    "chapters/03-money.docx -o chapters/03-money.md`, list chapters/03-money.md under "
                                    "'chapters:'")
    # Doing what the message says gives a report that builds.
    command = shlex.split(re.search(r"`(pandoc [^`]+)`", message).group(1))
    subprocess.run([pandoc_path(), *command[1:]], cwd=source, check=True)
    config = source / "report.yaml"
    config.write_text(config.read_text().replace("03-money.docx", "03-money.md"), encoding="utf-8")
    result = build(source, out)
    assert result.returncode == 0, result.stderr
    assert "We spent £900 on seeds and tools." in (out / "report.html").read_text(encoding="utf-8")


def test_an_old_word_file_is_refused(report):
    (report[0] / "chapters" / "03-old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    _list_chapter(report[0], "chapters/03-old.doc")
    fails_cleanly(report, "03-old.doc:1: error: the chapter is an old Word document (.doc), not Markdown — open it "
                          "in Word or LibreOffice and save it as .docx")


# --- writers that fail name the chapter and line -----------------------------------------------

def test_a_typst_error_names_the_chapter_line_and_section(report):
    path = chapter(report[0], "02-two.md")
    text = path.read_text() + "\n## Funding {#funding}\n\nThe grants came.\n\n```{=typst}\n#let total = (\n```\n"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("#let total = (") + 1
    message = fails_cleanly(report, f'02-two.md:{line}: error: Typst could not make the PDF in the section "Funding":'
                                    " unclosed delimiter — Typst could not read the markup here")
    assert "report.yaml" not in message and "bug" not in message


def test_xhtml_that_lxml_cannot_read_names_the_chapter_line(report, monkeypatch, capsys):
    # The reader turns every pasted tag into the tree's own elements, so only a filter with a bug
    # can still hand the EPUB writer bare HTML: here a stage that writes line breaks as <br>.
    from filters import walk
    from pipeline import stages
    from pipeline.cli import main

    def bare_line_breaks(doc, fmt):
        walk(doc["blocks"], lambda key, value, f, m: {"t": "RawInline", "c": ["html", "<br>"]}
             if key == "LineBreak" else None)
        return doc

    monkeypatch.setattr(stages, "STAGES", stages.STAGES + (stages.Stage("bare-br", bare_line_breaks,
                                                                       frozenset({"epub3"})),))
    source, out, before = report
    path = chapter(source, "02-two.md")
    text = path.read_text() + "\n## Opening hours {#hours}\n\nMonday to Friday<br>\nSaturday mornings.\n"
    path.write_text(text, encoding="utf-8")
    status = main(["build", "--source", str(source), "--out", str(out), "--only", "epub"])
    stderr = capsys.readouterr().err
    assert status == 2 and "Traceback" not in stderr, stderr
    assert hashes(out) == before
    saturday = text.splitlines().index("Saturday mornings.") + 1
    assert (f"02-two.md:{saturday}: error: the EPUB's XHTML is not well-formed in the section \"Opening hours\": "
            "Opening and ending tag mismatch: br and p — the raw HTML here is not well-formed") in stderr