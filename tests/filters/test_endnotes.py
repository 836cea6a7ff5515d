"""filters/endnotes.py: footnotes become labelled endnotes at the end of each chapter."""
from __future__ import annotations

import subprocess
import sys

from filters import endnotes
from pipeline.pandoc import pandoc_path
from tests.conftest import ROOT
from tests.filters.pandoc_helpers import ast, to_html

TEXT = """\
# First {#first}

One.[^a] Two.[^b]

## A section

Three.[^c]

[^a]: Note a.
[^b]: Note b, two paragraphs.

    Second paragraph.
[^c]: Note c.

# Second {#second}

Four.[^d]

# Third {#third}

No notes here.

[^d]: Note d.
"""


def words(text: str) -> str:
    return " ".join(text.split())


def page():
    return to_html(endnotes.apply(ast(TEXT)))


def test_each_chapter_ends_with_its_own_labelled_endnotes():
    html = page()
    regions = html.xpath("//*[@role='doc-endnotes']")
    assert [r.get("id") for r in regions] == ["notes-first", "notes-second"]
    for region in regions:
        label = html.get_element_by_id(region.get("aria-labelledby"))
        assert words(label.text_content()).startswith("Notes on “")
    names = [html.get_element_by_id(r.get("aria-labelledby")).text_content() for r in regions]
    assert len(set(names)) == len(names), "two endnote regions with the same name"
    # The notes come after everything else in their chapter and before the next chapter's heading.
    first = regions[0]
    assert words(first.getprevious().text_content()) == "Three.Note 3"
    assert first.getnext().tag == "h1" and first.getnext().get("id") == "second"


def test_numbers_run_through_the_report_and_links_go_both_ways():
    html = page()
    refs = html.xpath("//a[@role='doc-noteref']")
    assert [words(r.text_content()) for r in refs] == ["Note 1", "Note 2", "Note 3", "Note 4"]
    for number, ref in enumerate(refs, start=1):
        item = html.get_element_by_id(ref.get("href")[1:])
        assert item.tag == "li" and item.get("id") == f"note-{number}"
        back = item.xpath(".//a[@role='doc-backlink']")
        assert len(back) == 1 and back[0].get("href") == f"#{ref.get('id')}"
        assert words(back[0].text_content()) == f"Back to the text (note {number})"
    assert html.xpath("//*[@role='doc-endnotes'][@id='notes-second']//ol/@start") == ["4"]
    # A note of two paragraphs keeps both; the back-link ends the last one.
    two = html.get_element_by_id("note-2")
    assert [p.text_content() for p in two.iter("p")][1].startswith("Second paragraph.")


def test_runs_as_a_pandoc_filter():
    out = subprocess.run([pandoc_path(), "-f", "commonmark_x+implicit_figures", "-t", "html5",
                          "--filter", str(ROOT / "filters" / "endnotes.py")],
                         input=TEXT.encode(), capture_output=True, cwd=ROOT,
                         env={"PATH": f"{sys.prefix}/bin:/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr.decode()
    assert b'role="doc-endnotes"' in out.stdout and b'class="footnotes' not in out.stdout
