"""The filter stages (pipeline/stages.py) run one chapter at a time, so that after a one-chapter edit
the live preview filters that chapter again and takes the others from memory (a BuildMemory kept
between builds): on the medium report, the stages cost about 0.6 s over the whole report.

What a chapter's filtered blocks depend on, beyond its own blocks, is settled before any chapter
is filtered, and is part of the key under which they are remembered:

- its ids made unique across the report (filters/unique_ids.py), from every chapter's ids in order;
- each chapter's heading id (filters/links.py turns `02-money.md` into `#money`);
- the natural size of its pictures (filters/image_sizes.py);
- for the HTML stages, the numbers the chapters before it used (endnotes, long descriptions,
  table regions: each stage brings the "carry" up to date), the long descriptions that any
  chapter's pictures name, and the ids of the other chapters that a table caption's id could take.

The glossary, which filters/glossary.py adds after the last chapter, is filtered as a last part
of its own. Joined, the parts are exactly the tree the stages make of the whole report
(tests/editions/test_chapterwise.py compares them for the sample and every fixture report).

A report the stages must see whole is filtered whole (`filter_report` returns None): a chapter
that does not begin with its level-1 heading, or has a second one (endnotes and glossary links
go by level-1 headings, not files), a long description named in one chapter and written in
another, or --trace, which writes the whole tree after each stage.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from filters import PART, element_ids, image_sizes, longdesc, unique_ids
from pipeline import assets
from pipeline.cache import key
from pipeline.image_facts import Picture
from pipeline.memory import BuildMemory
from pipeline.parse import Chapter, chapter_blocks, no_garbage_collection, report_meta
from pipeline.source import Report
from pipeline.stages import STAGES

HTML = "html5"


@dataclass(frozen=True)
class Filtered:
    report: dict  # the report through the common stages, its pictures sized
    html: dict | None  # the report through the HTML stages too, if asked for and possible
    html_parts: list[tuple[str, str]]  # then its parts, one per chapter: (a key that names it, its blocks as JSON)
    images: dict[str, Picture]
    fingerprint: str  # names the report tree (and so its summary): its parts' keys


def can_go_chapterwise(chapters: list[Chapter]) -> bool:
    """Each chapter begins with its level-1 heading and has no other (the parts that endnotes,
    glossary links, the single page's parts and the site's pages are cut at)."""
    for chapter in chapters:
        level_one = [i for i, block in enumerate(chapter.blocks) if block["t"] == "Header" and block["c"][0] == 1]
        if level_one != [0]:
            return False
    return True


def filter_report(report: Report, chapters: list[Chapter], skip: frozenset[str], html: bool,
                  memory: BuildMemory | None = None) -> Filtered | None:
    """The report through the filter stages, chapter by chapter (None if it must go whole)."""
    if not chapters or not can_go_chapterwise(chapters):
        return None
    memory = memory or BuildMemory()
    used = BuildMemory()
    with no_garbage_collection():
        facts = [_facts(chapter, memory, used) for chapter in chapters]
        seen: set[str] = set()
        ids = [unique_ids.deduplicated(chapter_ids, seen) if "unique-ids" not in skip else chapter_ids
               for chapter_ids, _pictures in facts]
        heading_ids = {report.relative(chapter.path): own[0] if chapter.blocks[0]["c"][1][0] else ""
                       for chapter, own in zip(chapters, ids)}
        cover = [report.cover["image"]] if report.cover is not None else []
        images = assets.check_paths(report, [path for _ids, pictures in facts for path in pictures] + cover)
        meta = report_meta(report)
        image_sizes.size_cover(meta, {path: (p.width, p.height) for path, p in images.items()})
        settings = json.dumps([meta, sorted(skip), heading_ids], sort_keys=True, default=str)

        parts = []
        for index, chapter in enumerate(chapters + [None]):  # None: the glossary's part, after the last chapter
            own_ids = ids[index] if chapter else []
            pictures = {path: images[path] for path in facts[index][1]} if chapter else {}
            part_key = key("chapterwise", chapter.key if chapter else "glossary",
                           report.relative(chapter.path) if chapter else "", settings, json.dumps(own_ids),
                           json.dumps({path: [p.width, p.height] for path, p in pictures.items()}))
            parts.append(_common_part(report, chapter, part_key, meta, own_ids, heading_ids, pictures, skip,
                                      memory, used))
        api = chapters[0].api_version
        joined = {"pandoc-api-version": api, "meta": meta, "blocks": [b for part in parts for b in part.blocks]}
        formatted, html_parts = _html(parts, api, meta, skip, memory, used) if html else (None, [])
    memory.keep_only(used)
    return Filtered(joined, formatted, html_parts, images, key("report", *(part.key for part in parts)))


def _facts(chapter: Chapter, memory: BuildMemory, used: BuildMemory) -> tuple[list[str], list[str]]:
    """A chapter's ids in the order filters/unique_ids.py meets them, and its pictures' paths."""
    found = memory.facts.get(chapter.key) or (unique_ids.ids_in_order(chapter.blocks),
                                            list(dict.fromkeys(assets.image_paths({"blocks": chapter.blocks}))))
    used.facts[chapter.key] = found
    return found


@dataclass
class _Part:
    key: str
    blocks: list  # through the common stages (for the joined report: not to be changed)
    text: str  # the same as JSON
    ids: set[str]  # every id on its elements
    named: set[str]  # the long descriptions its pictures name


def _common_part(report, chapter, part_key, meta, own_ids, heading_ids, pictures, skip, memory, used) -> _Part:
    remembered = memory.common.get(part_key)
    if remembered is None:
        doc = {"pandoc-api-version": chapter.api_version if chapter else [], "meta": meta,
               "blocks": chapter_blocks(report, chapter) if chapter else [],
               PART: {"ids": own_ids, "chapters": heading_ids, "last": chapter is None, "carry": {}}}
        for stage in STAGES:
            if stage.formats is None and stage.name not in skip:
                doc = stage.apply(doc, "")
        image_sizes.apply(doc, sizes={path: (p.width, p.height) for path, p in pictures.items()})
        blocks = doc["blocks"]
        remembered = (json.dumps(blocks), element_ids(blocks), longdesc.named(blocks))
    else:
        blocks = None
    used.common[part_key] = remembered
    text, ids, named = remembered
    return _Part(part_key, blocks if blocks is not None else json.loads(text), text, ids, named)


def _html(parts: list[_Part], api: list, meta: dict, skip: frozenset[str], memory: BuildMemory,
          used: BuildMemory) -> tuple[dict | None, list[tuple[str, str]]]:
    """The joined parts through the HTML stages, part by part, and each part's key and JSON; None if
    a long description is named in one chapter and written in another (filters/longdesc.py moves
    it into the picture's figure)."""
    named = set().union(*(part.named for part in parts))
    if any(reference in other.ids for part in parts for reference in part.named for other in parts if other is not part):
        return None, []
    stages = [stage for stage in STAGES if stage.formats and HTML in stage.formats and stage.name not in skip]
    carry: dict = {}
    blocks, serialised = [], []
    for part in parts:
        elsewhere = sorted({i for other in parts if other is not part for i in other.ids if i.startswith("table-")})
        html_key = (part.key, json.dumps(carry, sort_keys=True), json.dumps(sorted(named)), json.dumps(elsewhere))
        remembered = memory.html.get(html_key)
        if remembered is None:
            doc = {"pandoc-api-version": api, "meta": meta, "blocks": json.loads(part.text),
                   PART: {"carry": json.loads(json.dumps(carry)), "longdesc-named": sorted(named),
                          "ids-elsewhere": elsewhere}}
            for stage in stages:
                doc = stage.apply(doc, HTML)
            remembered = (json.dumps(doc["blocks"]), doc[PART]["carry"], key("html-part", *html_key))
            blocks += doc["blocks"]
        else:
            blocks += json.loads(remembered[0])
        used.html[html_key] = remembered
        text, carry, part_key = remembered
        if text != "[]":  # no glossary: its part is empty
            serialised.append((part_key, text))
    return {"pandoc-api-version": api, "meta": meta, "blocks": blocks}, serialised
