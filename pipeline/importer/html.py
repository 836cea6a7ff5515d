"""Read a saved web page: only its main content, with each paragraph's line in the file.

The main content is `<main>` (or `role="main"`), else the page's one
`<article>`, else `<body>` without its page-level `<header>`, `<nav>`,
`<aside>` and `<footer>`. Navigation, asides, scripts, styles, forms and
frames inside it go too. lxml reads the page (no network, no entities) and
knows each element's line, which is put in a marker (markers.py) before
pandoc's HTML reader turns the content into a tree.

`<img alt="">` (or role="presentation") is decorative, an `<img>` without alt
has none. Pictures beside the page are read from its folder; pictures on the
web are never fetched. Styled text that looks like a heading but is not
marked up as one is listed for a person to confirm, not changed: on the web
bold text is as often a lead-in or a call to action.
"""
from __future__ import annotations

import base64
import binascii
import json
import re
from pathlib import Path

import lxml.html
from lxml import etree

from pipeline.diagnostics import ReportError
from pipeline.importer.markers import marker
from pipeline.importer.original import Original
from pipeline.importer.pictures import DECORATIVE
from pipeline.importer.repairs import Repairs
from pipeline.importer.tree import child_block_lists, inlines_of, walk_blocks
from pipeline.pandoc import run_pandoc

MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_DATA_URI_BYTES = 20 * 1024 * 1024
LEFT_OUT = ("nav", "aside", "script", "style", "noscript", "form", "iframe", "template", "svg", "button", "object",
            "embed", "dialog")
PAGE_PARTS = ("header", "footer")
LANDMARK_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
TEXT_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "figcaption", "caption", "pre"}
BLOCK_CHILDREN = {"p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "dl",
                  "section", "pre"}
HEADING_CLASS = re.compile(r"(^|[\s_-])(heading|headline|title|subtitle|h[1-6])($|[\s_-])", re.I)
BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)|font-size\s*:\s*(x+-large|larger|[2-9]\d(\.\d+)?px|"
                        r"1\.[3-9]\d*em|[2-9](\.\d+)?em|1[6-9]pt|[2-9]\dpt)", re.I)
DATA_URI = re.compile(r"^data:image/[\w.+-]+;base64,", re.I)


def read_html(path: Path) -> Original:
    data = path.read_bytes()
    if len(data) > MAX_PAGE_BYTES:
        raise ReportError(f"the page is {len(data) // 1024 // 1024} MB, far more than a report's web page", path,
                          fix="save the page alone (not the whole site), or split it")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        document = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ReportError(f"the page cannot be read as HTML ({exc})", path,
                          fix="save the page again from the browser (File > Save Page As, Web Page, HTML only)") from exc
    repairs = Repairs()
    root, where = _main_content(document)
    left = _leave_out(root, where == "<body>") + _outside(document, root)
    repairs.add("document", f"only the page's main content ({where}) was imported; "
                            f"{', '.join(left) if left else 'nothing else'} left out", f"L{root.sourceline or 1}")
    images: dict[str, bytes] = {}
    original = Original(path, "web page", {}, lambda label: f"line {label[1:]}", repairs=repairs)
    _pictures(root, path, images)
    original.heading_candidates = _heading_candidates(root)
    original.title, original.title_from = _title(document, root)
    _mark(root)
    original.lang = (document.get("lang") or document.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    original.lang_from = "the page's <html lang>"
    description = document.find(".//meta[@name='description']")
    original.description = (description.get("content") or "").strip() if description is not None else ""
    content = etree.tostring(root, encoding="unicode", method="html")
    tree = json.loads(run_pandoc(["-f", "html", "-t", "json", "--sandbox"],
                                 f"<html><body>{content}</body></html>".encode(), path.parent, path))
    _label_pictures(tree["blocks"])
    original.tree = tree
    original.media = images.get
    return original


def _main_content(document) -> tuple:
    main = document.find(".//main")
    if main is None:
        main = next(iter(document.xpath(".//*[@role='main']")), None)
    if main is not None:
        return main, f"<{main.tag}>, line {main.sourceline}"
    articles = document.findall(".//article")
    if len(articles) == 1:
        return articles[0], f"<article>, line {articles[0].sourceline}"
    body = document.find("body")
    return (body if body is not None else document), "<body>"


def _leave_out(root, page_level: bool) -> list[str]:
    left: list[str] = []
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        tag = element.tag.lower()
        page_part = page_level and tag in PAGE_PARTS and not any(
            a.tag in ("article", "main", "section") for a in element.iterancestors())
        if tag in LEFT_OUT or page_part or (element.get("role") or "").lower() in LANDMARK_ROLES:
            name = f"<{tag}>" if tag in LEFT_OUT + PAGE_PARTS else f'role="{element.get("role")}"'
            if name not in left:
                left.append(name)
            element.drop_tree()
    return left


def _outside(document, root) -> list[str]:
    """The site's parts outside the main content, by name, for the report."""
    inside = set(root.iter())
    return list(dict.fromkeys(f"<{e.tag}>" for e in document.iter(*LEFT_OUT, *PAGE_PARTS) if e not in inside
                              and e.tag not in ("script", "style", "template")))


def _pictures(root, path: Path, images: dict[str, bytes]) -> None:
    for number, image in enumerate(root.iter("img"), 1):
        image.set("data-line", str(image.sourceline or 0))
        alt = image.get("alt")
        if (alt is not None and not alt.strip()) or (image.get("role") or "") in ("presentation", "none") \
                or image.get("aria-hidden") == "true":
            image.set("class", DECORATIVE)
            image.attrib.pop("alt", None)
        src = (image.get("src") or "").strip()
        if DATA_URI.match(src):
            name = f"embedded-{number}"
            try:
                payload = base64.b64decode(src.split(",", 1)[1], validate=False)
            except (binascii.Error, ValueError):
                payload = b""
            if 0 < len(payload) <= MAX_DATA_URI_BYTES:
                images[name] = payload
            image.set("src", name)
        elif src:
            data = local_picture(path.parent, src)
            if data is not None:
                images[src] = data


def local_picture(folder: Path, src: str) -> bytes | None:
    """The bytes of a picture beside the page (or in its site's static/ folder), never one on the web."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I):
        return None
    relative = src.split("#")[0].split("?")[0]
    candidates = []
    if relative.startswith("/"):  # site-relative, as Hugo and Jekyll write: look in the site's folders
        for ancestor in [folder, *folder.parents][:5]:
            candidates += [ancestor / "static" / relative.lstrip("/"), ancestor / relative.lstrip("/")]
    else:
        candidates.append(folder / relative)
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):
            continue
        if resolved.is_file() and resolved.stat().st_size <= MAX_DATA_URI_BYTES:
            return resolved.read_bytes()
    return None


def _heading_candidates(root) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in root.iter("p", "div"):
        text = " ".join(element.text_content().split())
        if not text or len(text.split()) > 12 or text[-1] in ".!?;,:" or any(
                a.tag in ("li", "td", "th", "a", "p", "h1", "h2", "h3", "h4", "h5", "h6") for a in element.iterancestors()):
            continue
        if any(isinstance(c.tag, str) and c.tag in BLOCK_CHILDREN for c in element):
            continue
        children = [c for c in element if isinstance(c.tag, str)]
        only_bold = len(children) == 1 and children[0].tag in ("b", "strong") and \
            " ".join(children[0].text_content().split()) == text
        styled = BOLD_STYLE.search(element.get("style") or "")
        named = HEADING_CLASS.search(element.get("class") or "")
        if only_bold or styled or named:
            how = "in bold" if only_bold else f'styled "{styled.group(0)}"' if styled else \
                f'of class "{element.get("class")}"'
            found[f"L{element.sourceline}"] = f'"{text}" is {how} but not marked up as a heading'
    return found


def _mark(root) -> None:
    for element in root.iter(*TEXT_BLOCKS):
        if any(isinstance(c.tag, str) and c.tag in BLOCK_CHILDREN for c in element):
            continue  # its paragraphs carry their own markers
        element.text = marker(f"L{element.sourceline}") + (element.text or "")


def _title(document, root) -> tuple[str, str]:
    title = " ".join((document.findtext(".//title") or "").split())
    first = root.find(".//h1")
    heading = " ".join(first.text_content().split()) if first is not None else ""
    if heading and heading in title:
        return heading, "the page's <title> (without the site's name)"
    return title, "the page's <title>" if title else ""


def _label_pictures(blocks: list) -> None:
    """Pictures outside any paragraph (bare <img> tags, a <figure>) get a paragraph each, labelled
    with their own line: pandoc puts neighbouring ones in one block."""
    for inner in [blocks] + [b for block in list(walk_blocks(blocks)) for b in child_block_lists(block)]:
        result = []
        for block in inner:
            inlines = inlines_of(block)
            shown = [i for i in inlines or [] if i["t"] not in ("Space", "SoftBreak", "LineBreak")]
            if block["t"] in ("Para", "Plain") and shown and all(i["t"] == "Image" for i in shown):
                result += [{"t": "Para", "c": [{"t": "Str", "c": marker(f"L{_line(i)}")}, i] if _line(i) else [i]}
                           for i in shown]
            else:
                result.append(block)
        inner[:] = result


def _line(image: dict) -> str:
    return next((value for key, value in image["c"][0][2] if key == "line"), "")
