"""Read a report's source folder: report.yaml, its chapters and its glossary.

Everything a person can get wrong here is reported as a ReportError with the
file and line, or as a warning Diagnostic; nothing below this module needs to
second-guess the source layout.
"""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from pipeline.chapter_format import refuse_other_formats
from pipeline.contents_options import ContentsOptions, read_contents_options, unknown_contents_keys
from pipeline.diagnostics import Diagnostic, ReportError
from pipeline.report_date import FORMS as DATE_FORMS
from pipeline.report_date import publication_date
from pipeline.summary_options import SummaryOptions, read_summary_options

if TYPE_CHECKING:
    from pipeline.brand import Brand

REPORT_FILE = "report.yaml"
# A whole annual report is rarely 1 MB of text; 5 MB in one chapter is a pasted export or
# a mistake, and would need gigabytes of memory in pandoc and Typst.
MAX_CHAPTER_BYTES = 5 * 1024 * 1024

# key -> (required, expected type, what it is for); the single description of report.yaml.
REPORT_KEYS: dict[str, tuple[bool, type | tuple, str]] = {
    "title": (False, str, "the report's title"),  # missing-title reports its absence
    "subtitle": (False, str, "a line under the title"),
    "organisation": (False, str, "who publishes the report"),
    "date": (False, (str, int, dt.date), f"the publication date, as {DATE_FORMS}"),
    "lang": (False, str, "the language as a BCP 47 tag, e.g. en-GB"),  # so does missing-lang
    "description": (False, str, "one paragraph saying what the report is"),
    "rights": (False, str, "copyright and licence"),
    "contact": (False, dict, "email, phone, address, web"),
    "cover": (False, dict, "image and alt of the cover picture"),
    "certified_by": (False, str, "who checked the accessibility"),
    "chapters": (True, list, "the chapter files, in reading order"),
    "glossary": (False, str, "a YAML file of term: plain definition"),
    "summary": (False, dict, "options for the plain-language summary"),
    "print": (False, dict, "paper size, margins, large-print size and chapter breaks"),
    "braille": (False, dict, "the Braille editions: cells a line (40), lines a page (25), grade 1 or 2 (2)"),
    "base_url": (False, str, "the web address the editions are published at, e.g. https://example.org/annual-report/: "
                             "links starting with / resolve against it, and the EPUB and PDF link to the other editions there"),
    "brand": (False, (str, dict), "the organisation's logo, colours and fonts: a brand.yml file (brand: _brand.yml) "
                                  "or its keys (color, typography, logo)"),
    "contents": (False, dict, "the contents list: depth (1 chapters, 2 and their sections) and fold (auto, true, false)"),
}
# summary: {...} -> what each option is for (pipeline/summary_options.py reads them, and filters/summary.py)
SUMMARY_KEYS: dict[str, str] = {
    "title": "the easy-read editions' title",
    "at_a_glance": "a short list of key numbers that opens the easy-read editions",
    "min_reading_ease": "the lowest Flesch reading ease a summary may have (default 70)",
    "common_word_zipf": "how common a word must be (wordfreq Zipf, default 3.0) to need no explanation",
    "known_words": "words and acronyms your readers know, which need no explanation",
    "draft": "true: make a marked DRAFT for chapters without a summary (the build stops on it)",
}


@dataclass
class Report:
    root: Path
    meta: dict
    chapters: list[Path]
    glossary: dict[str, str] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    summary: SummaryOptions = field(default_factory=SummaryOptions)  # report.yaml's `summary:`
    brand: Brand | None = None  # report.yaml's `brand:` (pipeline/brand.py)
    contents: ContentsOptions = field(default_factory=ContentsOptions)  # report.yaml's `contents:`

    @property
    def lang(self) -> str:
        return self.meta["lang"]

    @cached_property
    def cover(self) -> dict | None:
        """The cover picture as {image, alt}, or None; settled on first use, once per report.
        Not in load_report: a wrong cover stops the build, and the validator's findings come first."""
        cover = self.meta.get("cover")
        if not cover or not cover.get("image"):
            return None
        config = self.root / REPORT_FILE
        path = source_file(self.root, cover["image"], config, "cover image")
        if not path.is_file():
            raise ReportError(f"cover image '{cover['image']}' does not exist", config,
                              fix="check the path under 'cover: image:'")
        if not str(cover.get("alt", "")).strip():
            raise ReportError("the cover image has no alt text", config,
                              fix="add 'alt:' under 'cover:' describing the picture")
        return {"image": cover["image"], "alt": str(cover["alt"]).strip()}

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


class _TextDatesLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as the text written: an impossible one such as 2026-02-30
    then reaches publication_date and gets a message with its line, where the YAML library
    would raise a bare ValueError."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _load_yaml(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ReportError("the file is not UTF-8 text", path, fix="save it as UTF-8") from exc
    try:
        return yaml.load(text, Loader=_TextDatesLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ReportError(
            f"this is not valid YAML ({problem})",
            path,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
            fix="check the indentation and quote values that contain a colon",
        ) from exc


def _key_line(path: Path, key: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(f"{key}:"):
            return number
    return None


def _line_of(path: Path, text: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    return None


def _check_chapter_text(path: Path) -> None:
    """Refuse a chapter that is too big, not UTF-8, or empty, before any parser sees it."""
    size = path.stat().st_size
    if size > MAX_CHAPTER_BYTES:
        raise ReportError(f"the chapter is {size / 1024 / 1024:.0f} MB of text, more than the "
                          f"{MAX_CHAPTER_BYTES // 1024 // 1024} MB a chapter may have", path,
                          fix="split it into several chapters, or check it is not an exported file pasted in")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReportError("the file is not UTF-8 text", path, line,
                          fix="save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)") from exc
    if not text.strip():
        raise ReportError("the chapter is empty", path, 1, fix="write the chapter or remove it from report.yaml")


def _inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def source_file(root: Path, relative: str, listed_in: Path, what: str) -> Path:
    """Resolve a path written in the source; refuse anything that leaves the source folder."""
    if "://" in relative:
        raise ReportError(
            f"{what} {relative!r} is a web address; the build works offline and fetches nothing",
            listed_in,
            _key_line(listed_in, what.split()[0]),
            fix="download the file into the source folder and give its relative path",
        )
    path = root / relative
    if Path(relative).is_absolute() or not _inside(root, path):
        raise ReportError(
            f"{what} {relative!r} is outside the source folder {root}",
            listed_in,
            fix="keep every file of the report inside its source folder and use a relative path",
        )
    return path


def load_report(root: Path | str) -> Report:
    root = Path(root)
    config = root / REPORT_FILE
    if not config.is_file():
        raise ReportError(
            f"no {REPORT_FILE} in {root}",
            fix="point --source at the folder that holds report.yaml",
        )
    meta = _load_yaml(config)
    if not isinstance(meta, dict):
        raise ReportError(f"{REPORT_FILE} must be a list of 'key: value' lines", config, 1)

    warnings: list[Diagnostic] = []
    for key in meta:
        if key not in REPORT_KEYS:
            close = difflib.get_close_matches(str(key), REPORT_KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(REPORT_KEYS)}"
            warnings.append(
                Diagnostic(f"unknown key '{key}' is ignored", config, _key_line(config, str(key)), fix=hint,
                           severity="warning", rule="config-unknown-key")
            )
    if isinstance(meta.get("summary"), dict):
        for key in meta["summary"]:
            if key not in SUMMARY_KEYS:
                close = difflib.get_close_matches(str(key), SUMMARY_KEYS, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(SUMMARY_KEYS)}"
                warnings.append(Diagnostic(f"unknown key 'summary: {key}' is ignored", config,
                                           _key_line(config, f"  {key}") or _key_line(config, "summary"),
                                           fix=hint, severity="warning", rule="config-unknown-key"))
    for key, (required, kind, purpose) in REPORT_KEYS.items():
        if key not in meta or meta[key] is None:
            if required:
                raise ReportError(f"'{key}' is missing", config, fix=f"add '{key}:' with {purpose}")
            continue
        if not isinstance(meta[key], kind):
            raise ReportError(
                f"'{key}' should be {purpose}", config, _key_line(config, key),
                fix="see README.md, 'Writing the source'",
            )
    if meta.get("date") is not None:
        try:
            meta["date"] = publication_date(meta["date"])
        except ValueError as exc:
            raise ReportError(f"the date {exc}", config,
                              _key_line(config, "date"), fix=f"write the date as {DATE_FORMS}") from exc

    chapters = []
    for entry in meta["chapters"]:
        if not isinstance(entry, str):
            raise ReportError("each chapter must be a file name", config, _key_line(config, "chapters"))
        path = source_file(root, entry, config, "chapter")
        if not path.is_file():
            raise ReportError(
                f"chapter '{entry}' does not exist", config, _line_of(config, entry),
                fix="check the file name under 'chapters:' or create the file",
            )
        refuse_other_formats(path, entry)
        _check_chapter_text(path)
        chapters.append(path)
    if not chapters:
        raise ReportError("'chapters' is empty", config, _key_line(config, "chapters"),
                          fix="list at least one Markdown file")

    chapter_dir = chapters[0].parent
    listed = {p.resolve() for p in chapters}
    for extra in sorted(chapter_dir.glob("*.md")):
        if extra.resolve() not in listed:
            warnings.append(Diagnostic(
                f"{extra.name} is not listed under 'chapters:' and is left out", extra,
                fix="add it to report.yaml or move it out of the chapters folder",
                severity="warning", rule="chapter-not-listed"))

    glossary: dict[str, str] = {}
    if meta.get("glossary"):
        glossary_path = source_file(root, meta["glossary"], config, "glossary file")
        if not glossary_path.is_file():
            raise ReportError(f"glossary file '{meta['glossary']}' does not exist", config,
                              _key_line(config, "glossary"))
        raw = _load_yaml(glossary_path) or {}
        if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
            raise ReportError("the glossary must be 'Term: plain definition' lines", glossary_path, 1)
        glossary = {str(term): definition.strip() for term, definition in raw.items()}

    brand = None
    if meta.get("brand"):
        from pipeline.brand import read_brand  # ColorAide takes 75 ms to import: only for a report with a brand

        brand = read_brand(root, config)
    return Report(root=root, meta=meta, chapters=chapters, glossary=glossary,
                  warnings=warnings + list(brand.warnings if brand else ()) + unknown_contents_keys(meta, config),
                  summary=read_summary_options(meta, config, report=True), brand=brand,
                  contents=read_contents_options(meta, config))


def locate(report: Report, needle: str) -> tuple[Path | None, int | None, int | None]:
    """The first chapter file, line and column where needle appears in the source text.

    Used to point at the line an error is about when the error is found in the
    parsed tree (which has no positions), e.g. a missing image's path.
    """
    for chapter in report.chapters:
        try:
            lines = chapter.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(lines, 1):
            column = line.find(needle)
            if column >= 0:
                return chapter, number, column + 1
    return None, None, None
