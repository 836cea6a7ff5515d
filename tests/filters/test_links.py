"""filters/links.py and filters/link_targets.py: every link an author pastes
ends up somewhere a reader can follow, in a form EPUBCheck and Typst accept.

* `resolve` says what each pasted form is and where the editions send it
  (the validator's link rules report from the same function);
* the common stage rewrites the tree: https:// and mailto: added, site-relative
  links against base_url, chapter files to their ids, invalid characters
  escaped, target="_blank" dropped, links with nowhere to go kept as words;
* the EPUB and Typst stage is the safety net behind the rules: a link to
  another edition becomes absolute or words, and a link to a label Typst does
  not have never stops the PDF.
"""
from __future__ import annotations

import json
import re
import subprocess

import pytest
import typst
from hypothesis import given
from hypothesis import strategies as st

from filters import link_targets, links
from filters.links import escape, resolve
from pipeline.pandoc import pandoc_path
from pipeline.parse import SOURCE_ATTR, meta_value
from pipeline.stages import run_for_format
from tests.filters.pandoc_helpers import ast, to_html

CHAPTERS = {"chapters/01-welcome.md": "welcome", "chapters/02-money.md": "money"}
HERE = "chapters/01-welcome.md"
BASE = "https://example.org/annual-report/"


@pytest.mark.parametrize("url, kind, target", [
    ("https://example.org/a", "web", "https://example.org/a"),
    ("mailto:hello@example.org", "web", "mailto:hello@example.org"),
    ("tel:+44 1632 960123", "web", "tel:+441632960123"),
    ("#grants", "anchor", "#grants"),
    ("www.example.org", "no-scheme", "https://www.example.org"),
    ("git.example.org/team/report", "no-scheme", "https://git.example.org/team/report"),
    ("//cdn.example.org/a.pdf", "no-scheme", "https://cdn.example.org/a.pdf"),
    ("hello@example.org", "email", "mailto:hello@example.org"),
    ("/blog/2024", "site-relative", None),
    ("02-money.md#grants", "chapter", "#grants"),
    ("02-money.md", "chapter", "#money"),
    ("./02-money.md", "chapter", "#money"),
    ("chapters/02-money.md", "chapter", "#money"),
    ("report.pdf", "file", "report.pdf"),
    ("summary.html", "file", "summary.html"),
    ("03-missing.md", "file", None),
    ("file:///C:/Users/sam/draft.docx", "file", None),
    ("C:\\Users\\sam\\draft.docx", "file", None),
    ("", "empty", None),
    ("#", "empty", None),
    ("http://[oops", "invalid", None),
    ("https:/example.org", "invalid", None),
    ("https://exa%20mple.org", "invalid", None),
    ("https://example.org:99999/", "invalid", None),
    ("www.example.org:8080/x", "no-scheme", "https://www.example.org:8080/x"),
])
def test_what_each_pasted_form_is_and_where_it_goes(url, kind, target):
    resolved = resolve(url, HERE, CHAPTERS)
    assert (resolved.kind, resolved.url) == (kind, target)


def test_site_relative_links_resolve_against_the_site_of_base_url():
    assert resolve("/blog/2024", HERE, CHAPTERS, BASE).url == "https://example.org/blog/2024"
    assert resolve("/blog/2024", HERE, CHAPTERS, "example.org").url is None  # not a web address


@pytest.mark.parametrize("url, escaped", [
    ("https://example.org/a#b#c", "https://example.org/a#b%23c"),
    ("https://example.org/annual report.pdf", "https://example.org/annual%20report.pdf"),
    ("https://example.org/100%", "https://example.org/100%25"),
    ("https://example.org/a|b<c>", "https://example.org/a%7Cb%3Cc%3E"),
])
def test_characters_a_url_may_not_hold_are_escaped(url, escaped):
    assert escape(url) == escaped


URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


@given(st.text(max_size=60))
def test_any_text_after_a_web_address_is_escaped_into_a_valid_url(tail):
    resolved = resolve("https://example.org/" + tail)
    assert resolved.kind == "web"
    assert URL_CHARACTERS.fullmatch(resolved.url), resolved.url
    assert resolved.url.count("#") <= 1


PASTED = st.builds(str.__add__, st.sampled_from(["", "https://", "http://", "//", "www.", "/", "#", "mailto:", "tel:",
                                                  "file:///", "C:\\", "02-money.md#"]),
                   st.text(alphabet="[]:%# ?/.@\\ab1é\t", max_size=20))


@given(PASTED)
def test_resolve_never_fails_and_web_addresses_come_out_without_spaces(url):
    resolved = resolve(url, HERE, CHAPTERS, BASE)
    if resolved.kind in ("web", "no-scheme", "site-relative", "email"):
        assert not re.search(r"\s", resolved.url), resolved.url


@pytest.mark.parametrize("url", [
    "https://example.org/search?q=a+b&lang=cy#results",
    "https://example.org/%7Euser/a%20b",
    "mailto:hello@example.org?subject=Annual%20report",
    "https://user@example.org:8080/path;v=1/(x)",
])
def test_valid_urls_are_left_as_they_are(url):
    assert escape(url) == url


def _chapter_doc(markdown: str, base_url: str = "") -> dict:
    doc = ast(markdown)
    doc["blocks"][0]["c"][1][2].append([SOURCE_ATTR, HERE])
    if base_url:
        doc["meta"]["base_url"] = meta_value(base_url)
    return doc


def _links(doc: dict) -> list:
    found = []

    def go(node):
        if isinstance(node, dict):
            if node.get("t") == "Link":
                found.append(node)
            for value in node.values():
                go(value)
        elif isinstance(node, list):
            for item in node:
                go(item)
    go(doc["blocks"])
    return found


def test_the_common_stage_rewrites_what_it_can_and_keeps_the_words_of_the_rest():
    doc = _chapter_doc("# Welcome {#welcome}\n\n"
                       "[site](www.example.org) [docs](/docs/intro) [new](https://example.org){target=_blank}\n"
                       "[self](01-welcome.md) [nothing]() [top](#){#back} [drive](../x.docx)\n", BASE)
    page = to_html(links.apply(doc))
    anchors = {a.text_content(): dict(a.attrib) for a in page.iter("a")}
    assert anchors["site"]["href"] == "https://www.example.org"
    assert anchors["docs"]["href"] == "https://example.org/docs/intro"
    assert anchors["new"] == {"href": "https://example.org"}  # target="_blank" removed
    assert anchors["self"]["href"] == "#welcome"
    assert not {"nothing", "top"} & set(anchors)
    assert anchors["drive"]["href"] == "../x.docx"  # relative, as links to other editions are (link-local-file)
    assert page.get_element_by_id("back").text_content() == "top"  # its id survives: links to it still work


def test_without_base_url_a_site_relative_link_is_words():
    doc = links.apply(_chapter_doc("# Welcome\n\nSee the [docs](/docs/intro).\n"))
    assert _links(doc) == []
    assert '"docs"' in json.dumps(doc)


def test_a_pasted_new_window_link_loses_only_its_target():
    doc = links.apply(_chapter_doc('# W\n\n[map](https://example.org/map){target="_blank" rel="noopener" .ext}\n'))
    [link] = _links(doc)
    assert link["c"][0] == ["", ["ext"], [["rel", "noopener"]]]


# --- the single-file editions ---------------------------------------------------------------

def test_a_link_to_another_edition_is_absolute_in_the_epub_with_base_url_and_words_without():
    markdown = "# W\n\nRead [the PDF](report.pdf) or [the web](https://example.org).\n"
    with_base = link_targets.apply(links.apply(_chapter_doc(markdown, BASE)), "epub3")
    assert [link["c"][2][0] for link in _links(with_base)] == [BASE + "report.pdf", "https://example.org"]
    without = link_targets.apply(links.apply(_chapter_doc(markdown)), "epub3")
    assert [link["c"][2][0] for link in _links(without)] == ["https://example.org"]


def test_epub_keeps_links_to_every_id_it_has_and_drops_the_rest():
    doc = ast('# W {#w}\n\n<span id="raw-anchor"></span>![x](a.png){#pic}\n\n'
              "[a](#w) [b](#raw-anchor) [c](#pic) [d](#gone)\n")
    kept = [link["c"][2][0] for link in _links(link_targets.apply(doc, "epub3"))]
    assert kept == ["#w", "#raw-anchor", "#pic"]


def _typst_pdf(doc: dict) -> bytes:
    body = subprocess.run([pandoc_path(), "-f", "json", "-t", "typst"], input=json.dumps(doc).encode(),
                          capture_output=True, check=True).stdout
    return typst.compile(b'#set document(title: "Links")\n' + body)


def test_typst_never_stops_on_a_link_to_a_label_it_does_not_have():
    """Typst labels headings, blocks, spans, figures and tables only; a link to a code span's id or to
    an id nothing has would stop the whole PDF ("label does not exist in the document")."""
    doc = ast("# Money {#money}\n\nRun `make`{#command}.\n\n[m](#money) [c](#command) [g](#gone)\n")
    with pytest.raises(typst.TypstError, match="does not exist"):
        _typst_pdf(doc)
    filtered = link_targets.apply(doc, "typst")
    assert [link["c"][2][0] for link in _links(filtered)] == ["#money"]
    assert _typst_pdf(filtered).startswith(b"%PDF")


def test_the_stages_run_for_each_single_file_edition():
    doc = links.apply(_chapter_doc("# W {#w}\n\n[the PDF](report.pdf) [w](#w)\n"))
    for fmt in ("epub3", "typst"):
        assert [link["c"][2][0] for link in _links(run_for_format(doc, fmt))] == ["#w"]
    assert [link["c"][2][0] for link in _links(run_for_format(doc, "html5"))] == ["report.pdf", "#w"]


def test_the_filter_names_chapters_as_the_parser_marks_them():
    assert links.SOURCE_ATTR == SOURCE_ATTR
