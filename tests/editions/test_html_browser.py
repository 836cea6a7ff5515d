"""The web editions rendered in a real browser (Debian's Chromium, driven by
Playwright; see pipeline/browser.py):

* axe-core (PyPI axe-playwright-python) with the WCAG 2.0/2.1/2.2 A and AA
  and best-practice rules: 0 violations on report.html, summary.html,
  index.html and every page of site/, and 0 colour-contrast violations in
  dark mode;
* reflow: at 320 × 640 CSS px no page scrolls sideways, even with every long
  description open; wide tables scroll inside their own region instead;
* keyboard: the first Tab reaches the skip link, Enter moves focus to main;
* reduced motion and print media switch the stylesheet as they should.

The browser starts once for the module and axe runs once per page. Without
Chromium they fail and say how to install it (`make test` does).
"""
from __future__ import annotations


import pytest

from pipeline.browser import chromium, unavailable
from tests.tools import missing
from tests.editions.web_pages import web_pages

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def browser():
    reason = unavailable()
    if reason:
        missing(f"the HTML accessibility tests need a browser ({reason})")
    with chromium() as started:
        yield started


@pytest.fixture(scope="module")
def urls(sample_build) -> dict[str, str]:
    return {name: (sample_build / name).as_uri() for name in web_pages(sample_build)}


def _axe(browser, urls: dict[str, str], color_scheme: str, options: dict) -> dict[str, list[dict]]:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page(color_scheme=color_scheme)
    found = {}
    for name, url in urls.items():
        page.goto(url)
        found[name] = axe.run(page, options=options).response["violations"]
    page.close()
    return found


def _describe(violations: dict[str, list[dict]]) -> str:
    return "\n".join(f"{name}: {v['id']} ({v['impact']}): {v['help']} at "
                     f"{', '.join(str(n['target']) for n in v['nodes'][:3])} — {v['helpUrl']}"
                     for name, found in violations.items() for v in found)


@pytest.fixture(scope="module")
def axe_light(browser, urls):
    return _axe(browser, urls, "light", {"runOnly": {"type": "tag", "values": AXE_TAGS}})


def test_axe_core_finds_no_violations_on_any_page(axe_light, urls):
    assert set(axe_light) == set(urls) and len(urls) >= 12
    assert not any(axe_light.values()), "axe-core violations:\n" + _describe(axe_light)


def test_axe_core_finds_no_contrast_violations_in_dark_mode(browser, urls):
    dark = _axe(browser, urls, "dark", {"runOnly": {"type": "rule", "values": ["color-contrast"]}})
    assert not any(dark.values()), "dark mode contrast:\n" + _describe(dark)


def test_axe_core_can_say_no(browser):
    # The judge must be able to fail a page: low contrast, an image without alt, no landmarks.
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.set_content('<html><body><p style="color:#aaa;background:#fff">faint</p><img src="x.png"></body></html>')
    found = {v["id"] for v in Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
             .response["violations"]}
    page.close()
    assert {"color-contrast", "image-alt", "html-has-lang"} <= found


def test_no_page_scrolls_sideways_at_320_css_pixels(browser, urls):
    page = browser.new_page(viewport=PHONE)
    too_wide, scrolling_tables = {}, 0
    for name, url in urls.items():
        page.goto(url)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = width
        scrolling_tables += page.evaluate(
            "[...document.querySelectorAll('.table-scroll')].filter(r => r.scrollWidth > r.clientWidth).length")
    page.close()
    assert not too_wide, f"pages wider than {PHONE['width']} px (scrollWidth): {too_wide}"
    # The wide tables are why the page does not overflow: they scroll inside their region.
    assert scrolling_tables >= 1


@pytest.mark.parametrize("name", ["report.html", "index.html", "site/welcome.html"])
def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(browser, urls, name):
    page = browser.new_page()
    page.goto(urls[name])
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href'),"
                            " getComputedStyle(document.activeElement).position]")
    assert focused[:2] == ["skip-link", "#main"], f"{name}: the first Tab focused {focused}"
    assert focused[2] == "static", f"{name}: the focused skip link must be visible on the page"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main", f"{name}: Enter on the skip link"
    page.close()


def test_table_regions_are_in_the_tab_order_even_when_they_do_not_scroll(browser, urls):
    # At desktop width the tables fit, so Chromium's own rule that makes scrolling boxes focusable
    # does not apply: only tabindex="0" puts the region in the tab order (it scrolls when zoomed).
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(urls["site/money.html"])
    regions = page.locator(".table-scroll").count()
    assert regions >= 3 and page.evaluate(
        "[...document.querySelectorAll('.table-scroll')].every(r => r.scrollWidth <= r.clientWidth)")
    reached = 0
    for _ in range(120):  # the page has far fewer stops than this
        page.keyboard.press("Tab")
        role, tag = page.evaluate("[document.activeElement.getAttribute('role'), document.activeElement.tagName]")
        reached += role == "region"
        if tag == "BODY":
            break
    assert reached == regions, f"Tab reached {reached} of {regions} table regions"
    page.close()


def test_reduced_motion_and_print_change_the_page(browser, urls):
    page = browser.new_page()
    page.goto(urls["report.html"])
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page.emulate_media(media="print", color_scheme="dark")
    assert page.evaluate("getComputedStyle(document.querySelector('nav.toc')).display") == "none"
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    page.close()
