"""Parse the whole source once into one pandoc JSON AST.

Each chapter is read by pandoc's Markdown reader exactly once (in parallel);
the chapters' blocks are joined in reading order and the report's metadata
is attached. Every writer then gets this same tree: re-reading Markdown per
output format was ~40 % of a naive chain's time.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from pipeline.cache import NO_CACHE, Cache, key
from pipeline.front_matter import split_front_matter
from pipeline.pandoc import run_pandoc
from pipeline.reproducible import report_identifier
from pipeline.source import Report

# A `#` line right under a paragraph line is a heading, as in CommonMark and on GitHub (and in the
# validator's reader): pandoc's own Markdown would fold it into the paragraph and lose the title.
READER = "markdown-blank_before_header"
# The first heading of each chapter carries this attribute, so that editions
# (the chunked site, the EPUB) and output checks can name the source file.
SOURCE_ATTR = "data-source"


def meta_value(value):
    """A Python value from report.yaml as pandoc metadata."""
    if isinstance(value, bool):
        return {"t": "MetaBool", "c": value}
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {str(k): meta_value(v) for k, v in value.items()}}
    if isinstance(value, list):
        return {"t": "MetaList", "c": [meta_value(v) for v in value]}
    return {"t": "MetaString", "c": str(value)}


def parse_chapter(report: Report, chapter, store: Cache = NO_CACHE) -> dict:
    """One chapter as pandoc's tree (load_report has checked it is non-empty UTF-8)."""
    # Front matter (YAML, TOML or JSON) is split off here as the validator does, so neither prints it.
    text = split_front_matter(chapter.read_text(encoding="utf-8"), chapter).body.encode()
    name = key("parse", READER, text)
    tree = store.get(name)
    if tree is None:
        tree = run_pandoc(["-f", READER, "-t", "json"], text, report.root, chapter)
        store.put(name, tree)
    return json.loads(tree)


def parse_report(report: Report, store: Cache = NO_CACHE) -> dict:
    with ThreadPoolExecutor() as pool:
        parsed = list(pool.map(lambda c: parse_chapter(report, c, store), report.chapters))

    blocks = []
    for chapter, doc in zip(report.chapters, parsed):
        first = doc["blocks"][0] if doc["blocks"] else None
        if first and first["t"] == "Header":
            first["c"][1][2].append([SOURCE_ATTR, report.relative(chapter)])
        blocks.extend(doc["blocks"])

    meta = {key: meta_value(value) for key, value in report.meta.items() if key != "chapters"}
    if "organisation" in report.meta:
        meta["author"] = meta_value(report.meta["organisation"])
    if report.glossary:
        meta["glossary"] = meta_value(report.glossary)
    meta.setdefault("identifier", meta_value(report_identifier(report)))
    return {"pandoc-api-version": parsed[0]["pandoc-api-version"], "meta": meta, "blocks": blocks}
