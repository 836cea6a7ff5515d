"""Read the source once: each chapter into one pandoc tree, with positions.

The source dialect is pandoc's `commonmark_x` (CommonMark with pipe tables,
footnotes, definition lists, attributes, fenced divs, smart punctuation, and
implicit figures), read with `+sourcepos`. It is the Markdown of GitHub, Hugo
and most editors, strictly specified, and it is the only pandoc reader that
can say where each element is. Each chapter is read by pandoc exactly once
(in parallel, and cached by its bytes); then, in Python:

1. the position wrappers become a "pos" key on each element (filters/positions.py);
2. a `: caption` paragraph beside a table becomes its caption (pipeline/table_captions.py);
3. pasted HTML becomes the tree's own elements (filters/raw_html.py).

The validator's rules walk these trees as read; the build joins them into one
report tree for the filters and every writer. So what is checked is exactly
what is built.
"""
from __future__ import annotations

import gc
import json
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filters.positions import unwrap
from filters.raw_html import convert as convert_raw_html
from filters.pasted_html.tags import end_unfinished_html_blocks
from pipeline.cache import NO_CACHE, Cache, key
from pipeline.front_matter import split_front_matter
from pipeline.memory import Recall
from pipeline.pandoc import run_pandoc
from pipeline.reproducible import report_identifier
from pipeline.source import Report
from pipeline.table_captions import in_blocks as captions_in_tables

READER = "commonmark_x+sourcepos+implicit_figures"
# The first heading of each chapter carries this attribute, so that editions
# (the chunked site, the EPUB) and output checks can name the source file.
SOURCE_ATTR = "data-source"


@dataclass
class Chapter:
    """One Markdown file as read: its blocks (each element with its "pos"), its front matter, and
    the raw HTML pieces pasted into it as written (they are elements of the tree now)."""
    path: Path
    blocks: list
    front_matter: dict = field(default_factory=dict)
    raw_html: list[dict] = field(default_factory=list)  # {"pos": [line, column], "html": text}
    api_version: list = field(default_factory=list)  # pandoc's, for its JSON reader
    key: str = ""  # names what was read (the reader and the Markdown's bytes): same key, same blocks


@contextmanager
def no_garbage_collection():
    """Python's cyclic garbage collector runs over and over while millions of small dicts and
    lists are made, and finds nothing: loading the medium report's tree took 1.1 s with it,
    0.12 s without (pandoc trees have no cycles; everything is freed by reference counting)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_markdown(text: str, cwd: Path, about: Path | str | None = None) -> dict:
    """Markdown (without front matter) as pandoc's JSON tree, read as every chapter is, with the
    raw HTML pieces under "raw_html"; about names the file in a reading error."""
    readable = end_unfinished_html_blocks(text).encode("utf-8")
    with no_garbage_collection():
        read = json.loads(run_pandoc(["-f", READER, "-t", "json"], readable, cwd, about))
        read["blocks"], read["raw_html"] = convert_raw_html(captions_in_tables(unwrap(read["blocks"])))
    return read


def read_chapter(path: Path, cwd: Path, store: Cache = NO_CACHE, recall: Recall | None = None) -> Chapter:
    """One Markdown file as the tree everyone uses. A UnicodeDecodeError is the caller's to report.
    recall: the chapters read before, by file and its bytes (the live preview's process reads them
    build after build: loading an unchanged chapter from the cache costs more than pandoc reading the
    edited one)."""
    data = path.read_bytes()
    return (recall or Recall(None))((path, data), lambda: _read(path, data, cwd, store))


def _read(path: Path, data: bytes, cwd: Path, store: Cache) -> Chapter:
    front = split_front_matter(data.decode("utf-8"), path)
    name = key("read", READER, front.body.encode())
    cached = store.get(name)
    if cached is None:
        read = read_markdown(front.body, cwd, path)
        store.put(name, json.dumps(read).encode())
    else:
        with no_garbage_collection():
            read = json.loads(cached)
    return Chapter(path, read["blocks"], front.data, read["raw_html"], read["pandoc-api-version"], name)


def read_chapters(report: Report, store: Cache = NO_CACHE, memory: dict | None = None) -> list[Chapter]:
    """Every chapter, read; nobody changes what is read (the filters change copies: chapter_blocks).
    memory: the chapters the last call read (the live preview's); it keeps this call's."""
    recall = Recall(memory)
    # Paused here, around every thread: a thread that paused and resumed the collector on its own
    # would turn it back on while the others are still loading their trees.
    with no_garbage_collection(), ThreadPoolExecutor() as pool:  # each read is a pandoc process
        chapters = list(pool.map(lambda chapter: read_chapter(chapter, report.root, store, recall), report.chapters))
    recall.keep()
    return chapters


def meta_value(value):
    """A Python value from report.yaml as pandoc metadata."""
    if isinstance(value, bool):
        return {"t": "MetaBool", "c": value}
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {str(k): meta_value(v) for k, v in value.items()}}
    if isinstance(value, list):
        return {"t": "MetaList", "c": [meta_value(v) for v in value]}
    return {"t": "MetaString", "c": str(value)}


def chapter_blocks(blocks: list, name: str) -> list:
    """A copy of a chapter's blocks for the filters to change in place (the validator reads the
    chapters as written), its first heading marked with the chapter's file (its name in the source folder)."""
    with no_garbage_collection():
        own = json.loads(json.dumps(blocks))
    first = own[0] if own else None
    if first and first["t"] == "Header":
        first["c"][1][2].append([SOURCE_ATTR, name])
    return own


def report_tree(report: Report, chapters: list[Chapter]) -> dict:
    """The chapters' blocks joined in reading order into one tree (a copy), with the report's metadata."""
    blocks = [block for chapter in chapters for block in chapter_blocks(chapter.blocks, report.relative(chapter.path))]
    return {"pandoc-api-version": chapters[0].api_version, "meta": report_meta(report), "blocks": blocks}


def report_meta(report: Report) -> dict:
    """report.yaml's settings (and the glossary) as the tree's metadata."""
    meta = {key: meta_value(value) for key, value in report.meta.items() if key != "chapters"}
    if "organisation" in report.meta:
        meta["author"] = meta_value(report.meta["organisation"])
    if report.glossary:
        meta["glossary"] = meta_value(report.glossary)
    meta.setdefault("identifier", meta_value(report_identifier(report)))
    return meta


def parse_report(report: Report, store: Cache = NO_CACHE) -> dict:
    return report_tree(report, read_chapters(report, store))
