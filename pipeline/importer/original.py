"""What the importer learns from the original file, beyond the tree pandoc reads from it.

Each reader (docx.py, odt.py, html.py, markdown_pages.py) returns an Original:
the pandoc tree with a marker on every paragraph (markers.py), and the facts
pandoc loses, keyed by those markers' labels.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.importer.repairs import Repairs


@dataclass
class PictureFacts:
    alt: str | None  # as written in the original; None when it has no alt at all
    decorative: bool = False
    floating: bool = False


@dataclass
class TableFacts:
    layout: str = ""  # why it only places things ("a one-cell box"), or "" for a data table
    header: bool | None = None  # the first row is a header row; None: keep what pandoc made
    header_why: str = ""  # what in the original says so ("repeat as header row")


@dataclass
class Original:
    path: Path
    kind: str  # "Word", "OpenDocument", "web page", "Markdown page"
    tree: dict  # pandoc's JSON tree, every paragraph marked
    describe: Callable[[str], str]  # a marker label -> where that was, in words
    title: str = ""
    lang: str = ""
    organisation: str = ""
    description: str = ""
    title_from: str = ""  # where the title was found, in words
    lang_from: str = ""
    # (label of the paragraph, index of the picture in it) -> what the original says about it
    pictures: dict[tuple[str, int], PictureFacts] = field(default_factory=dict)
    tables: dict[str, TableFacts] = field(default_factory=dict)  # label of the table's first paragraph ->
    # label -> (rank, how it looks): rank 1 is the largest type; "set in 18 pt bold by its paragraph style …"
    fake_headings: dict[str, tuple[int, str]] = field(default_factory=dict)
    heading_candidates: dict[str, str] = field(default_factory=dict)  # label -> why it looks like one
    fake_heading_rule: str = ""  # in words, for the report
    media: Callable[[str], bytes | None] = lambda src: None  # an image's src in the tree -> its bytes
    repairs: Repairs = field(default_factory=Repairs)
    # what pandoc's tree calls the first line or paragraph, when it has no marker of its own
    first_label: str | None = None
