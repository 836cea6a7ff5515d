"""report.html and summary.html are written chapter by chapter, each chapter's HTML cached
(pipeline/writers/html_parts.py), so that the live preview redoes one chapter after an edit.
The page must be byte for byte the page one pandoc run over the whole report writes: compared
on the sample, on every fixture report, and on a report with what pandoc numbers through a page."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from filters import summary
from pipeline.cache import Cache
from pipeline.editions import EASY_READ_NOTE
from pipeline.pandoc import run_pandoc
from pipeline.parse import parse_report
from pipeline.source import load_report
from pipeline.stages import run_common, run_for_format
from pipeline.writers import BuildContext, html_parts
from pipeline.writers.html import single_page_args
from pipeline.writers.site import write_site
from tests.conftest import ROOT, SAMPLE, TINY

REPORTS = [SAMPLE, *sorted(path.parent for path in (ROOT / "tests" / "fixtures").glob("*/report.yaml"))]


def filtered(source: Path, skip: frozenset[str] = frozenset()) -> tuple:
    """The report and its two trees as the build filters them. (Without the images' sizes, which
    are attributes like any other, so that the unfinished report, whose pictures are missing, is
    compared too.)"""
    report = load_report(source)
    doc = run_common(parse_report(report), skip)
    return report, {"report": doc, "summary": summary.apply(doc)}


def both_ways(ctx: BuildContext, tree: dict, name: str, skip: frozenset[str] = frozenset()) -> tuple[bytes, bytes]:
    """The page written in parts, and written whole by one pandoc run, with the same options."""
    args = single_page_args(ctx, tree, ctx.out / f"{name}.html", EASY_READ_NOTE if name == "summary" else "")
    formatted = run_for_format(tree, "html5", skip)
    whole = run_pandoc(["-f", "json", "-t", "html5", *args], json.dumps(formatted).encode(), ctx.report.root)
    return html_parts.write_page(ctx, formatted, args), whole


@pytest.mark.parametrize("source", REPORTS, ids=lambda path: path.name)
def test_the_page_written_chapter_by_chapter_is_the_page_written_whole(source, tmp_path):
    report, trees = filtered(source)
    ctx = BuildContext(report=report, out=tmp_path, store=Cache(tmp_path / "cache"))
    for name, tree in trees.items():
        if not tree["blocks"]:  # a report without summaries has no easy-read page
            continue
        parts, whole = both_ways(ctx, tree, name)
        assert parts == whole, f"{source.name} {name}.html differs from the page written in one run"
        again, _ = both_ways(ctx, tree, name)  # now every part comes from the cache
        assert again == whole


def test_after_a_one_chapter_edit_only_that_chapter_goes_to_pandoc(tmp_path, monkeypatch):
    report, trees = filtered(SAMPLE)
    ctx = BuildContext(report=report, out=tmp_path, store=Cache(tmp_path / "cache"))
    both_ways(ctx, trees["report"], "report")
    chapters = [b for b in trees["report"]["blocks"] if b["t"] == "Header" and b["c"][0] == 1]
    assert len(chapters) > 3
    edited = trees["report"]["blocks"].index(chapters[2]) + 1
    trees["report"]["blocks"].insert(edited, {"t": "Para", "c": [{"t": "Str", "c": "Rewritten."}]})

    sent: list[bytes] = []

    def counting(args, stdin, cwd, about=None):
        sent.append(stdin)
        return run_pandoc(args, stdin, cwd, about)
    monkeypatch.setattr(html_parts, "run_pandoc", counting)
    parts, whole = both_ways(ctx, trees["report"], "report")
    assert parts == whole
    assert len(sent) == 1 and b"Rewritten." in sent[0]  # the outline and the other chapters: cached


def test_after_a_one_chapter_edit_the_site_sends_only_that_page_to_pandoc(tmp_path, monkeypatch):
    report, trees = filtered(SAMPLE)
    target = tmp_path / "site" / "index.html"
    write_site(BuildContext(report=report, out=tmp_path, store=Cache(tmp_path / "cache")), trees["report"], target)
    chapters = [b for b in trees["report"]["blocks"] if b["t"] == "Header" and b["c"][0] == 1]
    edited = trees["report"]["blocks"].index(chapters[2]) + 1
    trees["report"]["blocks"].insert(edited, {"t": "Para", "c": [{"t": "Str", "c": "Rewritten."}]})

    sent: list[bytes] = []

    def counting(args, stdin, cwd, about=None):
        sent.append(stdin)
        return run_pandoc(args, stdin, cwd, about)
    monkeypatch.setattr(html_parts, "run_pandoc", counting)
    written = write_site(BuildContext(report=report, out=tmp_path, store=Cache(tmp_path / "cache")),
                         trees["report"], target)
    assert len(sent) == 1 and b"Rewritten." in sent[0]
    page = target.parent / written.detail["chapters"][2]
    assert "Rewritten." in page.read_text(encoding="utf-8")


def test_notes_and_highlighted_code_numbered_through_the_page_stay_the_same(tmp_path):
    """pandoc numbers a footnote left as a note (--skip endnotes) and a highlighted code block's
    id through the whole page; such a page is written in one run, and still matches."""
    report, trees = filtered(TINY, frozenset({"endnotes"}))
    tree = trees["report"]
    code = {"t": "CodeBlock", "c": [["", ["python"], []], "print('grants')"]}
    note = {"t": "Para", "c": [{"t": "Str", "c": "Counted"},
                               {"t": "Note", "c": [{"t": "Para", "c": [{"t": "Str", "c": "here."}]}]}]}
    tree["blocks"] = [*tree["blocks"], {"t": "Header", "c": [1, ["more", [], []], [{"t": "Str", "c": "More"}]]},
                      code, note, {"t": "Header", "c": [1, ["last", [], []], [{"t": "Str", "c": "Last"}]]},
                      code, note]
    ctx = BuildContext(report=report, out=tmp_path, store=Cache(tmp_path / "cache"))
    parts, whole = both_ways(ctx, tree, "report", frozenset({"endnotes"}))
    assert b'id="cb2"' in whole and b'href="#fn2"' in whole
    assert parts == whole


def test_a_heading_inside_a_div_stays_in_the_contents_list(tmp_path):
    """pandoc's contents list looks into divs (a fenced ::: box with a heading in it), so the
    outline the page is made from keeps them."""
    report, trees = filtered(TINY)
    tree = trees["report"]
    boxed = {"t": "Div", "c": [["", ["callout"], []], [
        {"t": "Header", "c": [2, ["in-the-box", [], []], [{"t": "Str", "c": "Boxed"}]]},
        {"t": "Para", "c": [{"t": "Str", "c": "Inside."}]}]]}
    tree["blocks"] = [*tree["blocks"], {"t": "Header", "c": [1, ["more", [], []], [{"t": "Str", "c": "More"}]]},
                      boxed]
    ctx = BuildContext(report=report, out=tmp_path, store=Cache(tmp_path / "cache"))
    parts, whole = both_ways(ctx, tree, "report")
    assert b'<a href="#in-the-box"' in whole
    assert parts == whole
