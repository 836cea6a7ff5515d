"""The `summary:` options, read and checked once, when the source is loaded.

A report sets them in report.yaml (pipeline/source.py puts them on the Report);
a lone Markdown file in its front matter (the validator reads them from there).
The validator's summary rules read these values; the build's summary filter
(filters/summary.py) reads the same report.yaml values from the pandoc
metadata, because it also runs as a plain pandoc filter.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.diagnostics import ReportError

MIN_READING_EASE = 70  # Flesch: 60-70 plain English, 70-80 fairly easy, 80+ easy
COMMON_WORD_ZIPF = 3.0  # wordfreq's Zipf scale: 3 = once per million words (~ the 30,000 commonest)


@dataclass(frozen=True)
class KeyNumber:
    """One item of `at_a_glance`, as written, at its line:column in report.yaml."""
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class AtAGlance:
    line: int  # where the `at_a_glance:` key is
    column: int
    items: tuple[KeyNumber, ...]


@dataclass(frozen=True)
class SummaryOptions:
    declared: bool = False  # the report or file has a `summary:` key at all
    min_reading_ease: float = MIN_READING_EASE
    common_word_zipf: float = COMMON_WORD_ZIPF
    known_words: frozenset[str] = frozenset()
    draft: bool = False
    at_a_glance: AtAGlance | None = None  # a report's only: the validator checks it like a summary


def _number(value, key: str, where: Path | None, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        line = None
        if where is not None:
            line = next((n for n, text in enumerate(where.read_text(encoding="utf-8").splitlines(), 1)
                         if text.strip().startswith(f"{key}:")), None)
        raise ReportError(f"'summary: {key}' is {value!r}, not a number from {low:g} to {high:g}", where, line,
                          fix=f"e.g. 'summary: {{{key}: {MIN_READING_EASE if 'ease' in key else COMMON_WORD_ZIPF}}}'")
    return float(value)


def _at_a_glance(config: Path) -> AtAGlance | None:
    """The key numbers with the line:column of each, which only YAML's node tree records."""
    root = yaml.compose(config.read_text(encoding="utf-8"))
    options_node = next((value for key, value in getattr(root, "value", [])
                         if isinstance(root, yaml.MappingNode) and key.value == "summary"), None)
    if not isinstance(options_node, yaml.MappingNode):
        return None
    for key, value in options_node.value:
        if key.value != "at_a_glance":
            continue
        if not isinstance(value, yaml.SequenceNode) or not all(isinstance(i, yaml.ScalarNode) for i in value.value):
            raise ReportError("'summary: at_a_glance' should be a list of short sentences", config,
                              key.start_mark.line + 1, fix="write one '- ' line for each key number")
        items = tuple(KeyNumber(" ".join(item.value.split()), item.start_mark.line + 1,
                                item.start_mark.column + 1 + (item.style in ("'", '"')))
                      for item in value.value)
        return AtAGlance(key.start_mark.line + 1, key.start_mark.column + 1, items)
    return None


def read_summary_options(meta: dict, where: Path | None, report: bool) -> SummaryOptions:
    """The options in meta (report.yaml's values, or a file's front matter), checked;
    a value out of range is a ReportError at its line in `where`."""
    glance = _at_a_glance(where) if report and where is not None else None
    raw = meta.get("summary")
    if not isinstance(raw, dict):
        return SummaryOptions(declared="summary" in meta, at_a_glance=glance)
    known = raw.get("known_words") or []
    return SummaryOptions(
        declared=True,
        min_reading_ease=(_number(raw["min_reading_ease"], "min_reading_ease", where, 0, 121)
                          if "min_reading_ease" in raw else MIN_READING_EASE),
        common_word_zipf=(_number(raw["common_word_zipf"], "common_word_zipf", where, 0, 8)
                          if "common_word_zipf" in raw else COMMON_WORD_ZIPF),
        known_words=frozenset(str(w).lower() for w in known) if isinstance(known, list) else frozenset(),
        draft=raw.get("draft") is True,
        at_a_glance=glance)
