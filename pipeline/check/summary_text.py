"""Each chapter's plain-language summary as the summary rules read it: the text of
its `::: summary` blocks, split into sentences, with the source line:column of
every piece, so a finding can point at the very word.

The text comes from the validator's tree (pipeline/check/model.py), and the
sentences are split and words counted as the build's summary filter does
(filters/summary.py). report.yaml's `at_a_glance` key numbers are read as one
more summary, at their lines in report.yaml.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from pathlib import Path

from filters import stringify
from filters.summary import AT_A_GLANCE, SUMMARY_CLASS, sentence_spans
from filters.summary import words as count_words
from filters.positions import position
from pipeline.check.model import SourceFile
from pipeline.summary_options import AtAGlance, SummaryOptions


class Text:
    """A paragraph's plain text, with the source line:column of each piece and its links."""

    def __init__(self, line: int, column: int):
        self.parts: list[str] = []
        self.starts: list[int] = []  # offsets where a positioned piece starts
        self.places: list[tuple[int, int]] = []
        self.links: list[tuple[int, int, str]] = []
        self.length = 0
        self.line, self.column = line, column

    def add(self, text: str, place: tuple[int, int] | None = None) -> None:
        if place is not None:
            self.starts.append(self.length)
            self.places.append(place)
        self.parts.append(text)
        self.length += len(text)

    @functools.cached_property
    def text(self) -> str:
        return "".join(self.parts)

    def where(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return self.line, self.column
        line, column = self.places[index]
        return line, column + (offset - self.starts[index])

    def link_at(self, start: int, end: int) -> str | None:
        return next((target for s, e, target in self.links if s <= start and end <= e), None)


def _inlines(items: list, text: Text, here: tuple[int, int]) -> None:
    for item in items:
        if not isinstance(item, dict):
            continue
        t, c = item["t"], item.get("c")
        if t == "Span":
            _inlines(c[1], text, position(item) or here)
        elif t == "Str":
            text.add(c, position(item) or here)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            text.add(" ")
        elif t == "Link":
            start = text.length
            _inlines(c[1], text, position(item) or here)
            text.links.append((start, text.length, c[2][0]))
        elif t in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript"):
            _inlines(c, text, here)
        elif t == "Quoted":
            double = c[0]["t"] == "DoubleQuote"
            text.add("“" if double else "‘")
            _inlines(c[1], text, here)
            text.add("”" if double else "’")
        elif t == "Cite":
            _inlines(c[1], text, here)
        elif t in ("Code", "Math"):
            text.add(c[-1], here)
        # Note, Image, RawInline: not part of the sentence a reader reads


def _paragraphs(blocks: list, here: tuple[int, int]) -> list[Text]:
    found: list[Text] = []
    for block in blocks:
        if not isinstance(block, dict):
            continue
        place = position(block) or here
        t, c = block["t"], block.get("c")
        if t in ("Para", "Plain", "Header"):
            text = Text(*place)
            _inlines(c if t != "Header" else c[2], text, place)
            found.append(text)
        elif t == "LineBlock":
            for line in c:
                text = Text(*place)
                _inlines(line, text, place)
                found.append(text)
        elif t == "Div":
            found += _paragraphs(c[1], place)
        elif t == "BlockQuote":
            found += _paragraphs(c, place)
        elif t == "BulletList":
            for item in c:
                found += _paragraphs(item, place)
        elif t == "OrderedList":
            for item in c[1]:
                found += _paragraphs(item, place)
        elif t == "DefinitionList":
            for term, definitions in c:
                found += _paragraphs([{"t": "Plain", "c": term}], place)
                for definition in definitions:
                    found += _paragraphs(definition, place)
    return found


@dataclass
class Sentence:
    para: Text
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.para.text[self.start:self.end].strip()

    @property
    def words(self) -> list[str]:
        return count_words(self.text)

    @property
    def line(self) -> int:
        return self.para.where(self.start)[0]

    @property
    def column(self) -> int:
        return self.para.where(self.start)[1]

    def quoted(self, limit: int = 60) -> str:
        text = self.text
        return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


@dataclass
class Summary:
    line: int
    column: int
    paragraphs: list[Text]

    @functools.cached_property
    def sentences(self) -> list[Sentence]:
        return [Sentence(p, s, e) for p in self.paragraphs for s, e in sentence_spans(p.text)
                if count_words(p.text[s:e])]

    def plain(self) -> str:
        """The text the formula reads: one sentence after another, each ending in a full stop."""
        return " ".join(s.text if s.text[-1:] in ".!?…\"'”’)" else s.text + "." for s in self.sentences)


@dataclass
class Chapter:
    source: SourceFile
    title: str
    line: int
    column: int
    summaries: list[Summary] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for summary in self.summaries for s in summary.sentences]

    def words(self) -> int:
        return sum(len(s.words) for s in self.sentences)


def _top_blocks(blocks: list, here: tuple[int, int]):
    for block in blocks:
        if not isinstance(block, dict) or "t" not in block:
            continue
        place = position(block) or here
        yield block, place


def _summary_divs(blocks: list, here: tuple[int, int]):
    for block, place in _top_blocks(blocks, here):
        if block["t"] == "Div":
            if SUMMARY_CLASS in block["c"][0][1]:
                yield Summary(place[0], place[1], _paragraphs(block["c"][1], place))
            else:
                yield from _summary_divs(block["c"][1], place)


def chapters_of(source: SourceFile) -> list[Chapter]:
    """The chapters in a file: one per level-1 heading; text before the first one (a lone
    file whose title is in its front matter) is a chapter of its own if it has a summary
    or if there is no level-1 heading at all."""
    preamble = Chapter(source, source.front_matter("title") or source.path.stem, 1, 1)
    found = [preamble]
    for block, place in _top_blocks(source.blocks, (1, 1)):
        if block["t"] == "Header" and block["c"][0] == 1:
            found.append(Chapter(source, stringify(block["c"][2]), place[0], place[1]))
        elif block["t"] == "Div":
            found[-1].summaries += list(_summary_divs([block], place))
    if len(found) > 1 and not preamble.summaries:
        found.remove(preamble)
    return found


def at_a_glance(glance: AtAGlance, config: Path) -> Chapter:
    """report.yaml's key numbers, which open the easy-read editions: checked like a
    chapter's summary, each item at its line in report.yaml."""
    paragraphs = []
    for item in glance.items:
        text = Text(item.line, item.column)
        text.add(item.text, (item.line, item.column))
        paragraphs.append(text)
    start = glance.line, glance.column
    return Chapter(SourceFile(config, []), AT_A_GLANCE, *start, [Summary(*start, paragraphs)])


@dataclass
class Summaries:
    """What every summary rule reads (CheckContext.summaries makes it once per check)."""
    options: SummaryOptions
    glossary: dict[str, str]
    lang: str
    report: bool  # a report folder (every chapter needs a summary), not a lone file
    chapters: list[Chapter]


def read_summaries(files: list[SourceFile], options: SummaryOptions, config: Path | None,
                   glossary: dict[str, str], lang: str | None) -> Summaries:
    """A report's glossary is its glossary file; a lone file's is its front matter's `glossary:`."""
    if config is None and not glossary and files:
        glossary = files[0].meta.get("glossary") or {}
    terms = {str(k): str(v) for k, v in glossary.items()} if isinstance(glossary, dict) else {}
    glance = [at_a_glance(options.at_a_glance, config)] if options.at_a_glance is not None and config else []
    return Summaries(options, terms, lang or "en", config is not None,
                     glance + [chapter for source in files for chapter in chapters_of(source)])
