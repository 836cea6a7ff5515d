"""filters/glossary_links.py: first use of a term in each chapter links to its definition."""
from __future__ import annotations

from filters import glossary, glossary_links
from tests.filters.pandoc_helpers import ast, to_html

GLOSSARY = {"Match funding": "Money given on condition …", "Trustee": "A volunteer who …",
            "Restricted funds": "Money for one purpose.", "Unrestricted funds": "Money for anything."}

TEXT = """\
# Money {#money}

Our trustees and one trustee met. Match
funding came first; match funding came again.

## Match funding in a heading

Unrestricted funds are not restricted funds. [A link about match funding](#x).
Welsh: [match funding]{lang=cy}.

| Match funding | 1 |
|---|---|
| x | 2 |

: Match funding table

# Next {#next}

*Trustees* again, in a new chapter.[^1]

[^1]: A note about restricted funds.
"""


def linked(markdown: str = TEXT):
    doc = glossary_links.apply(glossary.apply(ast(markdown, GLOSSARY)))
    return to_html(doc)


def links(page) -> list[tuple[str, str]]:
    return [(" ".join(a.text_content().split()), a.get("href")) for a in page.iter("a")
            if "glossary-link" in (a.get("class") or "")]


def test_first_use_in_each_chapter_links_to_the_definition():
    assert links(linked()) == [
        ("trustees", "#term-trustee"),            # plural, first use only (not "one trustee")
        ("Match funding", "#term-match-funding"),  # across a line break, case kept as written
        ("Unrestricted funds", "#term-unrestricted-funds"),  # the longer term wins
        ("restricted funds", "#term-restricted-funds"),      # …and the shorter one still matches alone
        ("Trustees", "#term-trustee"),            # a new chapter links again, inside emphasis too
    ]


def test_headings_links_tables_other_languages_and_notes_are_left_alone():
    page = linked()
    for element in page.iter("h1", "h2", "table"):
        assert element.find(".//a[@class='glossary-link']") is None, element.tag
    assert page.xpath("string(//span[@lang='cy'])") == "match funding"
    assert not page.xpath("//span[@lang='cy']//a")
    assert not page.xpath("//section[@role='doc-endnotes']//a[@class='glossary-link']")


def test_the_definition_is_marked_as_dfn_with_the_link_target_id():
    page = linked()
    for _text, href in links(page):
        target = page.get_element_by_id(href[1:])
        assert target.find("dfn") is not None and target.find("dfn").text_content().strip()


def test_no_glossary_means_no_change():
    doc = ast("# A\n\nMatch funding.\n")
    before = repr(doc)
    assert repr(glossary_links.apply(doc)) == before
