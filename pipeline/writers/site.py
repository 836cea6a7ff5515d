"""The chunked site (outputs/site/): a contents page and one page per
chapter, with previous/next links and a breadcrumb.

It is made from the same filtered tree as report.html: the HTML filter
stages run once on the whole report (so endnote numbers and "first use in the
chapter" glossary links are the same in both editions), then the tree is cut
at each level-1 heading. On its own page a chapter's heading is the page's
h1, so nothing is shifted. Links are rewritten for the cut:

* `#id` pointing into another chapter becomes `that-chapter.html#id`
  (`that-chapter.html` when it points at the chapter itself);
* relative image and file paths get `../`, because the pages sit one folder
  below the images and the other editions.

Page names come from the chapter ids (`# Grants we gave {#grants}` →
`grants.html`), so links into the site stay the same from year to year.

    site/index.html      contents: every chapter and its sections
    site/welcome.html    breadcrumb: All formats › Annual Report › Welcome
    …                    previous / next chapter at the end of each page
    site/glossary.html
"""
from __future__ import annotations

import html
import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from filters import attr_get, element_ids, meta_text, stringify, text_inlines
from pipeline import atomic
from pipeline.parse import SOURCE_ATTR
from pipeline.writers import BuildContext, Written
from pipeline.cache import key
from pipeline.memory import Recall
from pipeline.writers.html import for_html, formatted_parts, page_args, publish_stylesheet
from pipeline.writers.html_parts import cached_html, with_blocks

CONTENTS = "index.html"
CHAPTER_CONTENTS_ID = "in-this-chapter"  # the id of each chapter page's "In this chapter" label
LANDING = "../index.html"  # the landing page with every edition, one folder up


@dataclass
class Page:
    file: str  # "grants.html"
    anchor: str  # the chapter heading's id ("" if it has none)
    title: str  # the chapter heading as plain text
    blocks: list
    source: str = ""  # "chapters/03-grants.md", for error messages
    sections: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, title) of its headings below h1


def _page_file(anchor: str, number: int, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", anchor).strip("-") or f"chapter-{number}"
    name, n = f"{stem}.html", 1
    while name in taken:  # "index" is the contents page; two chapters may slug alike
        n += 1
        name = f"{stem}-{n}.html"
    taken.add(name)
    return name


def split_chapters(blocks: list) -> list[Page]:
    """One Page per level-1 heading; anything before the first heading goes on the first page."""
    pages: list[Page] = []
    taken = {CONTENTS}
    lead: list = []
    for block in blocks:
        if block["t"] == "Header" and block["c"][0] == 1:
            anchor = block["c"][1][0]
            pages.append(Page(_page_file(anchor, len(pages) + 1, taken), anchor, stringify(block["c"][2]),
                              lead + [block], source=attr_get(block["c"][1], SOURCE_ATTR, "")))
            lead = []
        elif pages:
            pages[-1].blocks.append(block)
            if block["t"] == "Header":
                pages[-1].sections.append((block["c"][0], block["c"][1][0], stringify(block["c"][2])))
        else:
            lead.append(block)
    if lead:  # a report without level-1 headings: one page
        pages.append(Page(_page_file("report", 1, taken), "", "The report", lead))
    return pages


def _relative(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and bool(parts.path) and not parts.path.startswith("/")


def relink(node, here: Page, where: dict[str, Page]) -> None:
    """Rewrite, in place, links and image paths of a chapter's blocks for its own page."""
    if isinstance(node, list):
        for item in node:
            relink(item, here, where)
    elif isinstance(node, dict):
        kind = node.get("t")
        if kind in ("Link", "Image"):
            target = node["c"][2]
            url = target[0]
            if url.startswith("#"):
                page = where.get(url[1:])
                if page is not None and page is not here:
                    target[0] = page.file if url[1:] == page.anchor else page.file + url
            elif _relative(url):
                target[0] = "../" + url
        for value in node.values():
            if isinstance(value, (list, dict)):
                relink(value, here, where)


def _string(text: str) -> dict:
    return {"t": "MetaString", "c": text}


def _entry(href: str, title: str, current: bool = False) -> dict:
    entry = {"href": _string(href), "title": _string(title)}
    if current:
        entry["current"] = {"t": "MetaBool", "c": True}
    return {"t": "MetaMap", "c": entry}


def _site_meta(report_title: str, page: Page | None, previous: Page | None, following: Page | None) -> dict:
    """The `site` variable of templates/page.html: breadcrumb, pager, and the chapter title."""
    crumbs = [_entry(LANDING, "All formats"), _entry(CONTENTS, report_title, current=page is None)]
    if page is not None:
        crumbs.append(_entry(page.file, page.title, current=True))
    site = {"contents": _string(CONTENTS), "breadcrumb": {"t": "MetaList", "c": crumbs}}
    if page is not None:
        site["chapter"] = _string(page.title)
    if previous is not None:
        site["prev"] = _entry(previous.file, previous.title)
    if following is not None:
        site["next"] = _entry(following.file, following.title)
    if previous is not None or following is not None:
        site["pager"] = {"t": "MetaBool", "c": True}
    return {"t": "MetaMap", "c": site}


def _link(url: str, text: str) -> dict:
    return {"t": "Link", "c": [["", [], []], text_inlines(text), [url, ""]]}


def _tree(sections: list[tuple[int, str, str]]) -> list[tuple[str, str, list]]:
    """(id, title, the headings below it) for each heading of the highest level present."""
    top = min(level for level, _, _ in sections)
    tree: list[tuple[str, str, list]] = []
    for level, ident, title in sections:
        if level == top:
            tree.append((ident, title, []))
        elif tree:
            tree[-1][2].append((level, ident, title))
    return tree


def _section_list(sections: list[tuple[int, str, str]], href) -> list:
    """Headings (level, id, title) as nested bullet lists of links, each level under the one above."""
    if not sections:
        return []
    return [{"t": "BulletList", "c": [[{"t": "Plain", "c": [_link(href(ident), title)]}, *_section_list(below, href)]
                                      for ident, title, below in _tree(sections)]}]


def contents_blocks(pages: list[Page], depth: int) -> list:
    """The contents page: each chapter, and its headings `depth` levels deep, as links."""
    items = []
    for page in pages:
        shown = [section for section in page.sections if section[0] <= depth]
        items.append([{"t": "Plain", "c": [_link(page.file, page.title)]},
                      *_section_list(shown, lambda ident, page=page: f"{page.file}#{ident}")])
    return [
        {"t": "Header", "c": [2, ["contents", [], []], text_inlines("Contents")]},
        {"t": "Para", "c": text_inlines("One page for each chapter. Each page ends with links to the "
                                        "previous and next chapters.")},
        {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], items]},
        {"t": "Para", "c": text_inlines("You can also read")
         + [{"t": "Space"}, _link("../report.html", "the whole report on one page"), {"t": "Str", "c": ","},
            {"t": "Space"}, {"t": "Str", "c": "or"}, {"t": "Space"},
            _link(LANDING, "choose another format"), {"t": "Str", "c": "."}]},
    ]


def _raw_list(sections: list[tuple[int, str, str]]) -> str:
    e = html.escape
    return "".join(f'<li><a href="#{e(ident)}">{e(title)}</a>{_raw_list(below) if below else ""}</li>'
                   for ident, title, below in _tree(sections)).join(("<ul>", "</ul>"))


def chapter_contents(page: Page, depth: int, taken: set[str]) -> dict | None:
    """The chapter's own short contents, for under its heading: its sections, and their
    subsections when the report's contents go that deep. None for a chapter without sections."""
    shown = [section for section in page.sections if section[0] <= max(depth, 2)]
    if not shown:
        return None
    label = next(name for n in range(1, len(taken) + 2)
                 if (name := CHAPTER_CONTENTS_ID + ("" if n == 1 else f"-{n}")) not in taken)
    return {"t": "RawBlock", "c": ["html", f'<nav class="chapter-toc" aria-labelledby="{label}">\n'
                                           f'<p id="{label}">In this chapter</p>\n{_raw_list(shown)}\n</nav>']}


def _with_contents(page: Page, blocks: list, depth: int, taken: set[str]) -> list:
    """The chapter's blocks with its short contents right after its heading."""
    nav = chapter_contents(page, depth, taken)
    heading = next((i for i, b in enumerate(blocks) if b["t"] == "Header" and b["c"][0] == 1), None)
    if nav is None or heading is None:
        return blocks
    return blocks[:heading + 1] + [nav] + blocks[heading + 1:]


class _Pages:
    """Each chapter's page (its blocks as JSON, relinked, with its short contents), from the last
    build's when the chapter and every page's ids are the same (the live preview keeps them in
    ctx.kept; pipeline/chapterwise.py names each chapter's part with a key). Without parts, each
    page is made from a copy of the tree (relink changes it in place)."""

    def __init__(self, ctx: BuildContext, formatted: dict):
        serialised = formatted_parts(ctx, formatted)
        self.pages = split_chapters(formatted["blocks"])  # their blocks are formatted's: read, never changed
        self.parts = serialised if serialised is not None and len(serialised) == len(self.pages) else None
        if self.parts is None:
            self.pages = split_chapters(json.loads(json.dumps(formatted["blocks"])))  # a copy of the site's own
        self.recall = Recall(None if ctx.kept is None else ctx.kept.setdefault("site", {}))
        where: dict[str, Page] = {}
        for number, page in enumerate(self.pages):
            for ident in self._remembered(("ids", number), lambda page=page: page_ids(page)):
                where.setdefault(ident, page)
        self.where = where
        self.links = key("where", json.dumps(sorted((i, p.file, p.anchor) for i, p in where.items())))

    def _remembered(self, name: tuple, make):
        if self.parts is None:
            return make()
        return self.recall((*name, self.parts[name[1]][0]), make)  # the part's key: same key, same blocks

    def blocks(self, number: int, depth: int) -> str:
        """The page's blocks, as JSON, for pandoc."""
        page = self.pages[number]

        def make() -> str:
            blocks = json.loads(self.parts[number][1]) if self.parts else page.blocks
            relink(blocks, page, self.where)
            return json.dumps(_with_contents(page, blocks, depth, set(self.where)))
        return self._remembered(("page", number, page.file, self.links, depth), make)


def page_ids(page: Page) -> set[str]:
    """The ids on a page; raw HTML counts, since the filter stages write endnote items and the
    <details> of long descriptions as raw HTML with their ids."""
    return element_ids(page.blocks, raw_html=True)


def write_site(ctx: BuildContext, doc: dict, target: Path) -> Written:
    """Write the contents page (target, site/index.html) and one page per chapter beside it."""
    folder = target.parent
    formatted = for_html(ctx, doc)
    made = _Pages(ctx, formatted)
    pages = made.pages
    title = meta_text(formatted["meta"].get("title"))

    jobs: list[tuple[str, str, bytes]] = []  # (file name, source it comes from, pandoc document as JSON)
    contents_meta = dict(formatted["meta"], site=_site_meta(title, None, None, pages[0] if pages else None))
    depth = ctx.report.contents.depth
    jobs.append((CONTENTS, "report.yaml", json.dumps({**formatted, "meta": contents_meta,
                                                      "blocks": contents_blocks(pages, depth)}).encode()))
    for index, page in enumerate(pages):
        previous = pages[index - 1] if index else None
        following = pages[index + 1] if index + 1 < len(pages) else None
        meta = dict(formatted["meta"], site=_site_meta(title, page, previous, following))
        jobs.append((page.file, page.source or "report.yaml",
                     with_blocks({**formatted, "meta": meta}, made.blocks(index, depth))))
    made.recall.keep()

    args = page_args(ctx, target)

    def render(job: tuple[str, str, bytes]) -> tuple[str, bytes]:
        name, source, page_doc = job  # after an edit, the pages of the other chapters come from the cache
        return name, cached_html(ctx, args, page_doc, ctx.report.root / source)

    with ThreadPoolExecutor() as pool:
        rendered = list(pool.map(render, jobs))
    for name, data in rendered:
        atomic.write_bytes(folder / name, data)
    publish_stylesheet(ctx)
    return Written(target, pages=len(rendered), detail={"chapters": [page.file for page in pages]})


__all__ = ["write_site", "split_chapters", "page_ids", "relink"]
