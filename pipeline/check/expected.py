"""What the built editions must contain, read from the source alone.

The expectation comes from the chapters as read (pipeline/parse.py: pasted
HTML is already the tree's own images and headings), BEFORE any of our
filters run, so a filter that drops an image or a heading cannot also
lower the bar it is measured against.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from filters import attr_get, stringify, walk
from filters.figures import DECORATIVE
from filters.glossary import glossary_terms
from pipeline.memory import Recall
from pipeline.parse import parse_report
from pipeline.source import Report, load_report

GLOSSARY_HEADING = (1, "Glossary")  # added by filters/glossary.py when the report has a glossary


@dataclass(frozen=True)
class SourceImage:
    src: str  # "images/photo.png" as written in the source
    alt: str  # alt text from the source ("" for decorative)
    decorative: bool


@dataclass(frozen=True)
class Expected:
    title: str
    lang: str  # e.g. "en-GB"
    outline: list[tuple[int, str]]  # (source level, text) in reading order, chapters at 1, glossary included
    images: list[SourceImage]  # in reading order, excluding the cover
    cover_alt: str | None
    logo_alt: str | None = None  # the brand's logo, above the title in the PDFs


def expected_from_doc(report: Report, doc: dict, memory: dict | None = None,
                      chapters: list[tuple[str, list]] | None = None) -> Expected:
    """The expectation from the parsed, not yet filtered, tree; or from its chapters, each (a key
    that names it, its blocks), what each promises kept in memory (the live preview's) by its key."""
    outline: list[tuple[int, str]] = []
    images: list[SourceImage] = []
    recall = Recall(memory)
    for name, blocks in chapters if chapters is not None else [("", doc["blocks"])]:
        promised = recall(name or None, lambda blocks=blocks: _promised(blocks))
        outline += promised[0]
        images += promised[1]
    recall.keep()
    if glossary_terms(doc):
        outline.append(GLOSSARY_HEADING)
    return Expected(title=report.meta.get("title", ""), lang=report.meta.get("lang", ""), outline=outline,
                    images=images, cover_alt=report.cover["alt"] if report.cover else None,
                    logo_alt=report.brand.logo.alt if report.brand and report.brand.logo else None)


def _promised(blocks: list) -> tuple[list[tuple[int, str]], list[SourceImage]]:
    """The headings (level, text) and pictures of these blocks, in reading order."""
    outline: list[tuple[int, str]] = []
    images: list[SourceImage] = []

    def collect(key, value, fmt, meta):
        if key == "Header":
            outline.append((value[0], stringify(value[2])))
        elif key == "Image":
            decorative = DECORATIVE in value[0][1]
            written = attr_get(value[0], "alt")  # ![Caption](x.png){alt="What it shows"}
            alt = "" if decorative else written if written is not None else stringify(value[1])
            images.append(SourceImage(value[2][0], alt, decorative))

    walk(blocks, collect, "", {})
    return outline, images


def expected_from_source(source: Path) -> Expected:
    report = load_report(source)
    return expected_from_doc(report, parse_report(report))
