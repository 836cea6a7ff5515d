"""What the built editions must contain, read from the source alone.

The expectation comes from pandoc's reading of the chapters BEFORE any of
our filters run, so a filter that drops an image or a heading cannot also
lower the bar it is measured against.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from filters import stringify, walk
from filters.figures import DECORATIVE
from filters.glossary import glossary_terms
from filters.raw_html import convert as convert_raw_html
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


def expected_from_doc(report: Report, doc: dict) -> Expected:
    """The expectation from the parsed, not yet filtered, tree."""
    outline: list[tuple[int, str]] = []
    images: list[SourceImage] = []

    def collect(key, value, fmt, meta):
        if key == "Header":
            outline.append((value[0], stringify(value[2])))
        elif key == "Image":
            decorative = DECORATIVE in value[0][1]
            images.append(SourceImage(value[2][0], "" if decorative else stringify(value[1]), decorative))

    # Pasted HTML counts as what it means (filters/raw_html.py): its images and headings are the source's too.
    walk(convert_raw_html(json.loads(json.dumps(doc["blocks"]))), collect, "", {})
    if glossary_terms(doc):
        outline.append(GLOSSARY_HEADING)
    return Expected(title=report.meta.get("title", ""), lang=report.meta.get("lang", ""), outline=outline,
                    images=images, cover_alt=report.cover["alt"] if report.cover else None)


def expected_from_source(source: Path) -> Expected:
    report = load_report(source)
    return expected_from_doc(report, parse_report(report))
