"""report.html: language, title, every image's alt text, and the outline in <main>."""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from pipeline.check.expected import Expected, SourceImage
from pipeline.check.outputs.compare import (decorative_findings, finding, norm, outline_finding, quote,
                                            same_lang, same_text)
from pipeline.check.outputs.markup import element_text, headings_in, inside
from pipeline.diagnostics import Diagnostic


def _image_src(src: str | None) -> str:
    """A src as written in the source: no query, no './', percent-escapes undone."""
    path = unquote(urlsplit(src or "").path)
    return posixpath.normpath(path) if path else ""


def check_html(path: Path, expected: Expected) -> list[Diagnostic]:
    root = lxml_html.document_fromstring(path.read_bytes())
    return (_html_lang(path, root, expected) + _html_title(path, root, expected)
            + _html_images(path, root, expected) + _html_outline(path, root, expected))


def _html_lang(path: Path, root, expected: Expected) -> list[Diagnostic]:
    lang = root.get("lang")
    if same_lang(lang, expected.lang):
        return []
    return [finding(path, "output-lang", f'<html lang> should be "{expected.lang}" but is {quote(lang)}')]


def _html_title(path: Path, root, expected: Expected) -> list[Diagnostic]:
    found = []
    title = root.find(".//head/title")
    text = None if title is None else norm(title.text_content())
    if not same_text(text, expected.title):
        found.append(finding(path, "output-title",
                              f'<title> should be "{expected.title}" but is {quote(text)}'))
    # The page's h1 is the report title in the header; chapters in <main> start at h2.
    h1s = [element_text(h) for h in root.iter("h1") if not inside(h, "main")]
    if not any(same_text(h1, expected.title) for h1 in h1s):
        found.append(finding(path, "output-title",
                              f'the page has no <h1> "{expected.title}" (found {quote(h1s[0]) if h1s else "none"})'))
    return found


def _html_images(path: Path, root, expected: Expected) -> list[Diagnostic]:
    """Pair each source image with the <img> of the same src, occurrence by occurrence. Only <main>
    holds the source's pictures: the header's brand logo is the brand rules' (rules/brand.py)."""
    on_page: dict[str, list] = {}
    main = root.find(".//main")
    for img in (main if main is not None else root).iter("img"):
        on_page.setdefault(_image_src(img.get("src")), []).append(img)
    wanted: dict[str, list[SourceImage]] = {}
    for image in expected.images:
        wanted.setdefault(_image_src(image.src), []).append(image)
    found = []
    for src, images in wanted.items():
        imgs = on_page.get(src, [])
        for image, img in zip(images, imgs):
            found += _html_image(path, image, img)
        lost = [image for image in images[len(imgs):] if not image.decorative]
        for image in lost:
            found.append(finding(path, "output-alt-lost",
                                  f'the image {image.src} ("{image.alt}") is not in report.html'))
        if len(imgs) > len(images):
            found.append(finding(path, "output-alt-lost",
                                  f"the image {src} appears {len(imgs)} times in report.html "
                                  f"but {len(images)} times in the source"))
    return found


def _html_image(path: Path, image: SourceImage, img) -> list[Diagnostic]:
    alt = img.get("alt")
    if image.decorative:
        return decorative_findings(path, "report.html", image.src, alt, inside(img, "figure"))
    if image.alt.strip() and not same_text(alt, image.alt):  # none in the source: alt-missing says so there
        return [finding(path, "output-alt-lost",
                         f'<img src="{image.src}"> should have alt "{image.alt}" but has {quote(alt)}')]
    return []


def _html_outline(path: Path, root, expected: Expected) -> list[Diagnostic]:
    main = next(root.iter("main"), None)
    if main is None:
        return [finding(path, "output-outline", "report.html has no <main>, so it has no chapters")]
    # Chapters are shifted down one level in the single page: h2 is a chapter.
    found = [(level - 1, text) for level, text in headings_in(main)]
    return outline_finding(path, "the headings in <main> of report.html", expected.outline, found)
