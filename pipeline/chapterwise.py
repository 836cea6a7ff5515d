"""The filter stages (pipeline/stages.py) run one chapter at a time, so that after a one-chapter edit
the live preview filters that chapter again and takes the others from memory (pipeline/memory.py):
on the medium report, the common and HTML stages cost about 0.6 s over the whole report. `make`
filters the same way, with nothing to remember: one way to filter, whoever asks.

What a chapter's filtered blocks depend on, beyond its own blocks, is settled before any chapter
is filtered, and is part of the key under which they are remembered:

- its ids made unique across the report (filters/unique_ids.py), from every chapter's ids in order;
- each chapter's heading id (filters/links.py turns `02-money.md` into `#money`);
- the natural size of its pictures (filters/image_sizes.py);
- for the HTML stages, the numbers the chapters before it used (endnotes, long descriptions,
  table regions: each stage brings the "carry" up to date), the long descriptions that any
  chapter's pictures name, and the ids of the other chapters that a table caption's id could take.

The common stages before `links` need none of that but the ids: what they make of a chapter is
kept apart, and the link rules (pipeline/check/rules/links.py), which judge links as written, use
it too. The glossary, which filters/glossary.py adds after the last chapter, is filtered as a last
part of its own. Joined, the parts are exactly the tree the stages make of the whole report
(tests/editions/test_chapterwise.py compares them for the sample and every fixture report).

A report the stages must see whole is filtered whole (`filter_report` returns None): a chapter
that does not begin with its level-1 heading, or has a second one (endnotes and glossary links
go by level-1 headings, not files), a long description named in one chapter and written in
another, or --trace, which writes the whole tree after each stage.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Callable, NamedTuple

from filters import PART, element_ids, image_sizes, longdesc, unique_ids
from pipeline.cache import key
from pipeline.image_facts import Picture
from pipeline.memory import BuildMemory, PartsMemory, Recall
from pipeline.parse import Chapter, chapter_blocks, no_garbage_collection, report_meta
from pipeline.source import Report
from pipeline.stages import STAGES

HTML = "html5"
LINKS = "links"  # the first common stage that needs the other chapters' heading ids (and base_url)
COMMON = [stage for stage in STAGES if stage.formats is None]
COMMON_NAMES = [stage.name for stage in COMMON]


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


@dataclass
class Part:
    """A chapter (or the glossary after the last) through the common stages (kept as it is)."""
    key: str  # names it: the same key, the same blocks
    blocks: list  # read them only: the joined report, and the builds after this one, share them

    @functools.cached_property
    def text(self) -> str:
        """Its blocks as JSON."""
        return json.dumps(self.blocks)

    @functools.cached_property
    def ids(self) -> set[str]:
        """Every id on its elements (for the HTML stages only: worked out when they ask)."""
        return element_ids(self.blocks)

    @functools.cached_property
    def named(self) -> set[str]:
        """The long descriptions its pictures name (as `ids`)."""
        return longdesc.named(self.blocks)


@dataclass(frozen=True)
class Parts:
    parts: list[Part]  # the chapters', then the glossary's (empty without a glossary)
    heading_ids: dict[str, str]  # each chapter's name (its file in the source folder) -> its heading's id
    pictures: list[str]  # every picture's path, in order of use


def filter_chapters(chapters: list[tuple[str, Chapter]], meta: dict, skip: frozenset[str], memory: PartsMemory,
                    sizes: Callable[[list[str]], dict[str, tuple[float, float]]] | None = None,
                    prune: bool = True) -> Parts | None:
    """The chapters, each (its name in the source folder, as read), through the common stages one
    at a time, and the glossary after them; None if they must go whole. sizes: each picture's
    natural size from its path (pictures are sized as the build sizes them), or None. prune: keep
    in memory only what this call used (the validator's call, which runs beside the build's,
    only adds to what the build keeps)."""
    if not chapters or not can_go_chapterwise([chapter for _name, chapter in chapters]):
        return None
    # The early parts are shared at once: the link rules' call, beside the build's, can use them.
    recall = _Recalls(Recall(memory.facts), Recall(memory.early, share=True), Recall(memory.common))
    with no_garbage_collection():
        facts = [_facts(chapter, recall.facts) for _name, chapter in chapters]
        seen: set[str] = set()
        ids = [unique_ids.deduplicated(chapter_ids, seen) if "unique-ids" not in skip else chapter_ids
               for chapter_ids, _pictures in facts]
        heading_ids = {name: own[0] if chapter.blocks[0]["c"][1][0] else ""
                       for (name, chapter), own in zip(chapters, ids)}
        pictures = list(dict.fromkeys(path for _ids, paths in facts for path in paths))
        size = sizes(pictures) if sizes else {}
        # The stages before `links` read no metadata but the glossary, and know nothing of the
        # other chapters but the ids they took: what they make is named by less, and shared with
        # the link rules (pipeline/check/rules/links.py), which judge the links as written.
        early = json.dumps([meta.get("glossary"), sorted(skip - {LINKS})], sort_keys=True, default=str)
        settings = json.dumps([meta, sorted(skip), heading_ids], sort_keys=True, default=str)
        parts = []
        for index, (name, chapter) in enumerate(chapters + [("", None)]):  # then the glossary's part
            own_ids = ids[index] if chapter else []
            own_sizes = {path: size[path] for path in facts[index][1]} if chapter and sizes else {}
            early_key = key("chapterwise, before links", chapter.key if chapter else "glossary", name, early,
                            json.dumps(own_ids))
            part = recall.early(early_key, lambda: _early_part(name, chapter, early_key, meta, own_ids, skip))
            if LINKS not in skip or sizes:
                part_key = key("chapterwise", early_key, settings, json.dumps(own_sizes))
                part = recall.common(part_key, lambda: _late_part(part, part_key, meta, heading_ids,
                                                                  own_sizes if sizes else None, skip))
            parts.append(part)
    if prune:
        for each in recall:
            each.keep()
    return Parts(parts, heading_ids, pictures)


def filter_report(report: Report, chapters: list[Chapter], skip: frozenset[str], html: bool,
                  memory: BuildMemory | None = None,
                  pictures: Callable[[list[str]], dict[str, Picture]] | None = None) -> Filtered | None:
    """The report through the filter stages, chapter by chapter (None if it must go whole).
    pictures: each picture checked, from its path (pipeline/assets.py), for its natural size."""
    memory = memory or BuildMemory()
    meta = report_meta(report)
    checked: dict[str, Picture] = {}

    def sizes(paths: list[str]) -> dict[str, tuple[float, float]]:
        cover = [report.cover["image"]] if report.cover is not None else []
        checked.update(pictures(paths + cover) if pictures else {})
        found = {path: (p.width, p.height) for path, p in checked.items()}
        image_sizes.size_cover(meta, found)  # the report's cover, for the PDFs' title page
        return found

    named = [(report.relative(chapter.path), chapter) for chapter in chapters]
    made = filter_chapters(named, meta, skip, memory.filtered, sizes)
    if made is None:
        return None
    with no_garbage_collection():
        api = chapters[0].api_version
        joined = {"pandoc-api-version": api, "meta": meta, "blocks": [b for part in made.parts for b in part.blocks]}
        formatted, html_parts = _html(made.parts, api, meta, skip, memory.filtered) if html else (None, [])
    return Filtered(joined, formatted, html_parts, checked, key("report", *(part.key for part in made.parts)))


class _Recalls(NamedTuple):
    facts: Recall
    early: Recall
    common: Recall


def _facts(chapter: Chapter, recall: Recall) -> tuple[list[str], list[str]]:
    """A chapter's ids in the order filters/unique_ids.py meets them, and its pictures' paths."""
    return recall(chapter.key, lambda: (unique_ids.ids_in_order(chapter.blocks),
                                        image_sizes.picture_paths(chapter.blocks)))


def _early_part(name, chapter, early_key, meta, own_ids, skip) -> Part:
    """The chapter (None: the glossary's part) through the common stages before `links`."""
    doc = {"pandoc-api-version": [], "meta": meta, "blocks": chapter_blocks(chapter.blocks, name) if chapter else [],
           PART: {"ids": own_ids, "last": chapter is None, "carry": {}}}
    for stage in COMMON[:COMMON_NAMES.index(LINKS)]:
        if stage.name not in skip:
            doc = stage.apply(doc, "")
    return Part(early_key, doc["blocks"])


def _late_part(early: Part, part_key, meta, heading_ids, own_sizes, skip) -> Part:
    """A part through the stages from `links` on, its pictures sized (own_sizes: None, not sized)."""
    doc = {"pandoc-api-version": [], "meta": meta, "blocks": json.loads(early.text),
           PART: {"chapters": heading_ids, "carry": {}}}
    for stage in COMMON[COMMON_NAMES.index(LINKS):]:
        if stage.name not in skip:
            doc = stage.apply(doc, "")
    if own_sizes is not None:
        image_sizes.apply(doc, sizes=own_sizes)
    return Part(part_key, doc["blocks"])


def _html(parts: list[Part], api: list, meta: dict, skip: frozenset[str],
          memory: PartsMemory) -> tuple[dict | None, list[tuple[str, str]]]:
    """The joined parts through the HTML stages, part by part, and each part's key and JSON; None if
    a long description is named in one chapter and written in another (filters/longdesc.py moves
    it into the picture's figure)."""
    named = set().union(*(part.named for part in parts))
    if any(reference in other.ids for part in parts for reference in part.named for other in parts if other is not part):
        return None, []
    stages = [stage for stage in STAGES if stage.formats and HTML in stage.formats and stage.name not in skip]
    recall = Recall(memory.html)
    carry: dict = {}
    blocks, serialised = [], []
    for part in parts:
        elsewhere = sorted({i for other in parts if other is not part for i in other.ids if i.startswith("table-")})
        html_key = (part.key, json.dumps(carry, sort_keys=True), json.dumps(sorted(named)), json.dumps(elsewhere))

        def through_stages(part=part, carry=carry, elsewhere=elsewhere, html_key=html_key):
            doc = {"pandoc-api-version": api, "meta": meta, "blocks": json.loads(part.text),
                   PART: {"carry": json.loads(json.dumps(carry)), "longdesc-named": sorted(named),
                          "ids-elsewhere": elsewhere}}
            for stage in stages:
                doc = stage.apply(doc, HTML)
            return json.dumps(doc["blocks"]), doc[PART]["carry"], key("html-part", *html_key), doc["blocks"]

        text, carry, part_key, made = recall(html_key, through_stages)
        blocks += made
        if text != "[]":  # no glossary: its part is empty
            serialised.append((part_key, text))
    recall.keep()
    return {"pandoc-api-version": api, "meta": meta, "blocks": blocks}, serialised
