"""THE ordered list of filters every build runs, by name.

Stages with `formats=None` run once on the parsed report (which the reader,
pipeline/parse.py, has already freed of pasted HTML: filters/raw_html.py); the others run on a
copy of the filtered tree just before the writer for one pandoc format.
`--skip NAME` turns a stage off (for debugging a filter; the validator will
then tell you what the stage was protecting); `--trace DIR` writes the tree
after each stage (pipeline/trace.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from filters import figures, glossary, sanitize_html, table_headers, typst_images, typst_lang, typst_page_markers, unique_ids
from filters import typst_headings
from filters import endnotes, glossary_links, longdesc, table_regions
from filters import epub_brief, epub_notes, epub_page_markers, epub_semantics
from filters import link_targets, links
from filters import picture_points, typst_page_flow
from pipeline.trace import write_tree


@dataclass(frozen=True)
class Stage:
    name: str
    apply: Callable[[dict, str], dict]
    formats: frozenset[str] | None = None  # None: every edition


STAGES: tuple[Stage, ...] = (
    Stage("sanitize-html", sanitize_html.apply),
    Stage("unique-ids", unique_ids.apply),
    Stage("figures", figures.apply),
    Stage("picture-points", picture_points.apply),
    Stage("table-headers", table_headers.apply),
    Stage("glossary", glossary.apply),
    # After every stage that makes links: resolves www., /path, chapter.md; drops target="_blank".
    Stage("links", links.apply),
    Stage("typst-images", typst_images.apply, frozenset({"typst"})),
    Stage("typst-lang", typst_lang.apply, frozenset({"typst"})),
    Stage("typst-headings", typst_headings.apply, frozenset({"typst"})),  # one line each in Typst's markup
    Stage("typst-page-markers", typst_page_markers.apply, frozenset({"typst"})),
    # After the markers, whose block numbers the EPUB shares: chapter page starts, wide tables.
    Stage("typst-page-flow", typst_page_flow.apply, frozenset({"typst"})),
    # HTML only (report.html, summary.html, site/): raw HTML for <dfn>, <details>, endnote lists.
    Stage("glossary-links", glossary_links.apply, frozenset({"html5"})),
    Stage("endnotes", endnotes.apply, frozenset({"html5"})),
    Stage("longdesc", longdesc.apply, frozenset({"html5"})),
    Stage("table-regions", table_regions.apply, frozenset({"html5"})),
    # EPUB only: page-break markers from the PDF's page map (first: it counts top-level blocks),
    # footnotes as one endnotes section, epub:type/roles, then "The report in brief" in front.
    Stage("epub-page-markers", epub_page_markers.apply, frozenset({"epub3"})),
    Stage("epub-notes", epub_notes.apply, frozenset({"epub3"})),
    Stage("epub-semantics", epub_semantics.apply, frozenset({"epub3"})),
    Stage("epub-brief", epub_brief.apply, frozenset({"epub3"})),
    # Last for the single-file editions: a link to another edition or to an id this tree lacks
    # (a missing Typst label stops the PDF) becomes absolute against base_url, or its words.
    Stage("link-targets", link_targets.apply, frozenset({"epub3", "typst"})),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def run_common(doc: dict, skip: frozenset[str] = frozenset(), trace: Path | None = None) -> dict:
    if trace:
        write_tree(trace, 0, "parsed", doc)
    for number, stage in enumerate(STAGES, 1):
        if stage.formats is None and stage.name not in skip:
            doc = stage.apply(doc, "")
            if trace:
                write_tree(trace, number, stage.name, doc)
    return doc


def run_for_format(doc: dict, fmt: str, skip: frozenset[str] = frozenset(), trace: Path | None = None) -> dict:
    """A copy of the commonly filtered tree, with the stages for one pandoc writer applied."""
    specific = [(number, s) for number, s in enumerate(STAGES, 1)
                if s.formats and fmt in s.formats and s.name not in skip]
    doc = json.loads(json.dumps(doc))  # a deep copy; 30x faster than copy.deepcopy on a large report
    for number, stage in specific:
        doc = stage.apply(doc, fmt)
        if trace:
            write_tree(trace / fmt, number, stage.name, doc)
    return doc
