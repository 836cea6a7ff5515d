"""The web editions read back with lxml: landmarks, skip link, figures and
long descriptions, table regions, endnotes, glossary links, the chunked site,
every link resolving, and the stylesheet's colours and reading rules.

Everything here is static (no browser); test_html_browser.py renders the
same pages in Chromium, test_html_nu.py validates them."""
from __future__ import annotations

import copy
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from filters.glossary import term_id
from pipeline.writers import TEMPLATES
from tests.editions.web_pages import (CHAPTERS, GLOSSARY, REPORT, accessible_name, chapter_ids, chapter_outline,
                                      longdescs, parse, source_nodes, web_pages, words)

FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}


@pytest.fixture(scope="module")
def pages(sample_build) -> dict[str, object]:
    return {name: parse(sample_build / name) for name in web_pages(sample_build)}


@pytest.fixture(scope="module")
def report(pages):
    return pages["report.html"]


def site_pages(pages) -> dict[str, object]:
    return {name: page for name, page in pages.items() if name.startswith("site/")}


def chapters_in_order(pages) -> list[str]:
    """The chapter pages, as the contents page lists them."""
    return [f"site/{href}" for href in pages["site/index.html"].xpath("//main//ol/li/a/@href")]


# ------------------------------------------------------------------ every page


def test_every_page_has_one_main_landmarks_lang_and_no_script(pages):
    for name, page in pages.items():
        body = page.find("body")
        assert page.get("lang") == REPORT["lang"], name
        assert words(page.findtext(".//title")), f"{name}: empty <title>"
        mains = page.findall(".//main")
        assert len(mains) == 1 and mains[0].get("id") == "main" and mains[0].get("tabindex") == "-1", name
        assert [child.tag for child in body if child.tag in ("header", "main", "footer")] == \
            ["header", "main", "footer"], f"{name}: landmarks missing or out of order"
        assert not page.findall(".//script"), f"{name}: the page must not need JavaScript"
        navs = [accessible_name(page, nav) for nav in page.iter("nav")]
        assert all(navs) and len(set(navs)) == len(navs), f"{name}: every <nav> needs its own name: {navs}"


def test_the_skip_link_is_the_first_focusable_element_and_targets_main(pages):
    for name, page in pages.items():
        first = next(e for e in page.find("body").iter()
                     if e.tag in FOCUSABLE or (e.get("tabindex") not in (None, "-1")))
        assert first.tag == "a" and first.get("href") == "#main", f"{name}: first focusable is {first.tag}"
        assert "skip" in first.text_content().lower() and "main content" in first.text_content().lower()


def test_passages_in_another_language_keep_their_lang(pages):
    spans = [(chapter, stringify_inlines(v[1]), dict(v[0][2])["lang"])
             for chapter, v in source_nodes("Span") if "lang" in dict(v[0][2])]
    assert spans, "the sample should have a passage in another language"
    for chapter, text, lang in spans:
        for name in ("report.html", f"site/{chapter_ids()[chapter]}.html"):
            found = [words(e.text_content()) for e in pages[name].xpath(f"//main//*[@lang='{lang}']")]
            assert text in found, f"{name}: [{text}]{{lang={lang}}} lost its lang"


def stringify_inlines(inlines) -> str:
    from filters import stringify

    return words(stringify(inlines))


# ------------------------------------------------------------------ figures, tables, notes, glossary


def test_charts_carry_their_long_description_inside_the_figure(pages):
    expected = longdescs()
    assert len(expected) >= 2, "the sample should have charts with long descriptions"
    for name in ["report.html"] + list(site_pages(pages)):
        page = pages[name]
        for img in page.xpath("//main//img[@aria-details]"):
            details = page.get_element_by_id(img.get("aria-details"))
            figure = img.getparent()
            assert figure.tag == "figure" and details.tag == "details", name
            assert details.getparent().tag == "figcaption" and details.getparent().getparent() is figure
            assert words(details.findtext("summary")), f"{name}: the disclosure needs a label"
            # Compared without spaces: stringify joins list items without one, the browser with one.
            shown = "".join(details.text_content().split())
            wanted = "".join(expected[img.get("src").removeprefix("../")].split())
            assert wanted in shown, f"{name}: the long description of {img.get('src')} is not in its figure"
        assert not page.xpath("//img[@data-longdesc] | //main//div[contains(@class, 'longdesc')]"), name
    described = {img.get("src") for img in pages["report.html"].xpath("//img[@aria-details]")}
    assert described == set(expected)


def test_tables_scroll_inside_focusable_regions_named_by_their_caption(pages):
    source_tables = source_nodes("Table")
    tables = pages["report.html"].xpath("//main//table")
    assert len(tables) == len(source_tables) >= 5
    for name in ["report.html"] + list(site_pages(pages)):
        page = pages[name]
        for table in page.xpath("//main//table"):
            region = table.getparent()
            assert region.get("class") == "table-scroll" and region.get("role") == "region", name
            assert region.get("tabindex") == "0", f"{name}: keyboard users cannot scroll the table"
            assert accessible_name(page, region) == words(table.find("caption").text_content())
            assert all(th.get("scope") in ("col", "row") for th in table.iter("th"))


def test_footnotes_are_labelled_endnotes_at_the_end_of_their_chapter_with_back_links(pages, report):
    notes = source_nodes("Note")
    refs = report.xpath("//main//a[@role='doc-noteref']")
    assert len(refs) == len(notes) >= 5
    assert not report.xpath("//*[contains(@class, 'footnotes')]"), "pandoc's own footnote section is back"
    for name in ["report.html"] + list(site_pages(pages)):
        page = pages[name]
        regions = page.xpath("//main//*[@role='doc-endnotes']")
        labels = [accessible_name(page, region) for region in regions]
        assert all(label.startswith("Notes on") for label in labels) and len(set(labels)) == len(labels), name
        for ref in page.xpath("//main//a[@role='doc-noteref']"):
            number = words(ref.text_content()).removeprefix("Note ")
            item = page.get_element_by_id(ref.get("href").lstrip("#"))
            assert item.tag == "li" and item.xpath("ancestor::*[@role='doc-endnotes']"), f"{name}: note {number}"
            back = item.xpath(".//a[@role='doc-backlink']")
            assert [b.get("href") for b in back] == [f"#{ref.get('id')}"], f"{name}: note {number}"
    # Each note sits at the end of the chapter it belongs to: the same chapter, before the next one.
    for chapter, _ in notes:
        assert pages[f"site/{chapter_ids()[chapter]}.html"].xpath("//main//*[@role='doc-endnotes']")


def _term_pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, term.split())) + r"(?:e?s)?(?![\w-])", re.I)


def test_glossary_terms_link_to_their_definition_on_first_use_in_each_chapter(pages):
    definitions = {term_id(term): term for term in GLOSSARY}
    linked_terms = set()
    for name in chapters_in_order(pages)[:-1]:  # the glossary page itself links nothing
        page = pages[name]
        main = page.find(".//main")
        prose = [e for e in main.iter("p", "li", "figcaption")
                 if not e.xpath("ancestor-or-self::*[self::table or self::nav or @role='doc-endnotes']")]
        seen = set()
        for link in main.xpath(".//a[contains(@class, 'glossary-link')]"):
            target = urlsplit(link.get("href"))
            assert target.path == "glossary.html", f"{name}: {link.get('href')}"
            term = definitions[target.fragment]
            assert term not in seen, f"{name}: '{term}' is linked twice in one chapter"
            seen.add(term)
            assert _term_pattern(term).fullmatch(words(link.text_content())), f"{name}: {link.text_content()}"
            assert not link.xpath("ancestor::h1 | ancestor::h2 | ancestor::h3 | ancestor::h4")
            # First use: no paragraph or list item before the link's own mentions the term.
            block = link.xpath("ancestor::*[self::p or self::li or self::figcaption][1]")[0]
            earlier = [e for e in prose[:prose.index(block)] if e not in block.iterancestors()]
            assert not any(_term_pattern(term).search(e.text_content()) for e in earlier), \
                f"{name}: '{term}' is used before the link"
        linked_terms |= seen
    assert len(linked_terms) >= 10
    glossary = pages["site/glossary.html"]
    for ident in (term_id(term) for term in linked_terms):
        assert glossary.get_element_by_id(ident).find("dfn") is not None, f"#{ident} is not a <dfn>"


# ------------------------------------------------------------------ the chunked site


def test_the_site_has_a_page_per_chapter_with_breadcrumb_and_previous_next(pages):
    order = chapters_in_order(pages)
    assert order == [f"site/{ident}.html" for ident in chapter_ids()] + ["site/glossary.html"]
    assert set(site_pages(pages)) == set(order) | {"site/index.html"}
    for index, name in enumerate(order):
        page = pages[name]
        h1s = [words(h.text_content()) for h in page.iter("h1")]
        assert len(h1s) == 1 and page.find(".//main//h1") is not None, f"{name}: the chapter is the page's h1"
        if index < len(CHAPTERS):
            outline = [(int(h.tag[1]), words(h.text_content())) for h in page.find(".//main").iter(
                "h1", "h2", "h3", "h4", "h5", "h6")]
            assert outline == chapter_outline(index), name
        assert words(page.findtext(".//title")).startswith(h1s[0])
        crumbs = page.xpath("//nav[@aria-label='Breadcrumb']//a")
        assert [c.get("href") for c in crumbs] == ["../index.html", "index.html", Path(name).name]
        assert crumbs[-1].get("aria-current") == "page" and words(crumbs[-1].text_content()) == h1s[0]
        pager = {a.get("rel"): a.get("href") for a in page.xpath("//nav[contains(@class, 'pager')]//a")}
        assert pager.get("prev") == (Path(order[index - 1]).name if index else None), name
        assert pager.get("next") == (Path(order[index + 1]).name if index + 1 < len(order) else None), name


def _without_chapter_contents(main):
    """A site page's main, less the chapter's own contents list (report.html has one list for all)."""
    main = copy.deepcopy(main)
    for nav in main.xpath(".//nav[@class='chapter-toc']"):
        nav.drop_tree()
    return main


def test_the_site_and_the_single_page_are_made_from_the_same_tree(pages, report):
    site_text = " ".join(words(_without_chapter_contents(pages[name].find(".//main")).text_content())
                         for name in chapters_in_order(pages))
    assert site_text == words(report.find(".//main").text_content())


def test_every_link_image_and_aria_reference_resolves(sample_build, pages):
    for name, page in pages.items():
        here = sample_build / name
        ids = set(page.xpath("//@id"))
        for attribute in ("aria-labelledby", "aria-describedby", "aria-details"):
            for value in page.xpath(f"//@{attribute}"):
                missing = set(value.split()) - ids
                assert not missing, f"{name}: {attribute} points at missing id(s) {missing}"
        for element, attribute in [(e, "href") for e in page.iter("a", "link")] + [(e, "src") for e in page.iter("img")]:
            url = element.get(attribute)
            parts = urlsplit(url or "")
            if parts.scheme or parts.netloc:
                continue  # mailto:, tel:, https:
            target = (here.parent / unquote(parts.path)).resolve() if parts.path else here
            assert target.is_file(), f"{name}: {url} does not exist"
            if parts.fragment and target.suffix == ".html":
                target_ids = ids if target == here else set(parse(target).xpath("//@id"))
                assert parts.fragment in target_ids, f"{name}: {url} points at a missing id"


# ------------------------------------------------------------------ the stylesheet


CSS = (TEMPLATES / "report.css").read_text(encoding="utf-8")


def _colours(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", block))


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.2 contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _schemes() -> dict[str, dict[str, str]]:
    light = _colours(re.search(r"\n:root \{(.*?)\}", CSS, re.S).group(1))  # the first, unconditional block
    dark_block = re.search(r"@media \(prefers-color-scheme: dark\)\s*\{(.*?)\n\}", CSS, re.S)
    assert dark_block, "report.css has no dark colour scheme"
    return {"light": light, "dark": {**light, **_colours(dark_block.group(1))}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_meet_wcag_2_2_aa_contrast(scheme):
    colours = _schemes()[scheme]
    for surface in ("background", "panel"):
        for role, minimum in [("text", 4.5), ("muted", 4.5), ("link", 4.5), ("link-visited", 4.5),
                              ("focus", 3), ("rule", 3)]:
            ratio = contrast(colours[role], colours[surface])
            assert ratio >= minimum, (f"report.css ({scheme}): --{role} on --{surface} is {ratio:.2f}:1, "
                                      f"needs {minimum}:1 — darken or lighten --{role}")


def test_the_stylesheet_is_written_for_reading():
    body = re.search(r"\nbody \{(.*?)\}", CSS, re.S).group(1)
    assert "line-height: 1.5" in body and "text-align: left" in body
    assert "justify" not in CSS, "justified text makes uneven gaps that are hard to read with dyslexia"
    assert re.search(r":focus-visible \{[^}]*outline: 3px solid", CSS), "focus must be visible"
    for query in ("prefers-color-scheme: dark", "prefers-reduced-motion: reduce", "print"):
        assert f"@media ({query})" in CSS or f"@media {query}" in CSS, f"report.css has no @media {query}"
    assert "overflow-x: auto" in re.search(r"\.table-scroll \{(.*?)\}", CSS, re.S).group(1)
