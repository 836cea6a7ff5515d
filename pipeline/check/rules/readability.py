"""Plain-language summary rules: the `::: summary` blocks are for residents who
read with difficulty or in a second language, so they are checked as
seriously as alt text. Every finding points at the offending sentence or word.

* readability-low      Flesch reading ease (pipeline/check/language.py) of a summary
                       below `summary: {min_reading_ease: 70}` in report.yaml
* sentence-too-long    a sentence over 25 words (error); sentence-long: over 20 (warning)
* summary-too-long     a chapter's summary over 150 words
* jargon-unexplained   a glossary term, or a word outside the common words of the
                       language (PyPI wordfreq), used without an explanation
* acronym-unexpanded   letters such as "DBS" not spelled out on first use
* number-unclear       a large number with no unit and no comparison (warning)
* summary-missing      a chapter without a summary (warning)

The summaries' text, with positions, is pipeline/check/summary_text.py's
(CheckContext.summaries); the options are report.yaml's, or a lone Markdown
file's front matter (`summary:`, `glossary:`), so each rule has fixtures of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from filters.glossary import definition_in_brackets, term_id
from pipeline.check.language import reading_ease, zipf
from pipeline.check.rules import CheckContext, Hit, rule
from pipeline.check.summary_text import Chapter, Sentence, Summaries, Text
from pipeline.summary_options import MIN_READING_EASE

SENTENCE_WARN = 20
SENTENCE_MAX = 25
SUMMARY_MAX_WORDS = 150
LARGE_NUMBER = 1000
KNOWN_ACRONYMS = {"OK", "TV", "UK", "US", "USA", "EU", "AM", "PM"}
ROMAN = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"}


def _at(chapter: Chapter, sentence: Sentence, message: str, fix: str | None = None, offset: int | None = None):
    line, column = sentence.para.where(sentence.start if offset is None else offset)
    return Hit(message, chapter.source.path, line, column, fix)


# --- readability --------------------------------------------------------------------------------


@rule("readability-low", "error",
      f"A summary's Flesch reading ease is below the threshold (summary: min_reading_ease, default {MIN_READING_EASE}).",
      "use shorter sentences and everyday words of one or two syllables, then check again", ("summary",),
      clauses=("WCAG 3.1.5", "Information for all 6"), impact="moderate")
def readability_low(ctx: CheckContext):
    summaries = ctx.summaries
    least = summaries.options.min_reading_ease
    for chapter in summaries.chapters:
        for summary in chapter.summaries:
            score = reading_ease(summary.plain(), summaries.lang)
            if score is None or score >= least or not summary.sentences:
                continue
            hardest = min(summary.sentences, key=lambda s: reading_ease(s.text, summaries.lang) or 0)
            yield _at(chapter, hardest,
                      f"the summary of \"{chapter.title}\" scores {score:.1f} on the Flesch reading ease scale, "
                      f"below {least:g}; its hardest sentence starts here: \"{hardest.quoted()}\"")


@rule("sentence-too-long", "error", f"A sentence in a summary has more than {SENTENCE_MAX} words.",
      "split it into two or three sentences of 15 words or fewer", ("summary",),
      clauses=("Information for all: Sentences",), impact="moderate")
def sentence_too_long(ctx: CheckContext):
    for chapter in ctx.summaries.chapters:
        for sentence in chapter.sentences:
            if len(sentence.words) > SENTENCE_MAX:
                yield _at(chapter, sentence, f"sentence of {len(sentence.words)} words in a summary "
                                             f"(at most {SENTENCE_MAX}): \"{sentence.quoted()}\"")


@rule("sentence-long", "warning", f"A sentence in a summary has more than {SENTENCE_WARN} words.",
      "split it in two: easy-read sentences have about 15 words", ("summary",),
      clauses=("Information for all: Sentences",), impact="minor")
def sentence_long(ctx: CheckContext):
    for chapter in ctx.summaries.chapters:
        for sentence in chapter.sentences:
            if SENTENCE_WARN < len(sentence.words) <= SENTENCE_MAX:
                yield _at(chapter, sentence, f"sentence of {len(sentence.words)} words in a summary "
                                             f"(aim for {SENTENCE_WARN} or fewer): \"{sentence.quoted()}\"")


@rule("summary-too-long", "error", f"A chapter's summary has more than {SUMMARY_MAX_WORDS} words.",
      f"keep to the main points: {SUMMARY_MAX_WORDS} words or fewer for each chapter", ("summary",),
      clauses=("WCAG 3.1.5",), impact="moderate")
def summary_too_long(ctx: CheckContext):
    """Fires where word 151 falls: of a summary block, or of a chapter's blocks together."""
    for chapter in ctx.summaries.chapters:
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
      ("summary", "document"),
      clauses=("WCAG 3.1.5",), impact="moderate")  # a chapter is a file: at most once per file
def summary_missing(ctx: CheckContext):
    summaries = ctx.summaries
    if not (summaries.report or summaries.options.declared):
        return  # a lone Markdown file takes part only if its front matter has `summary:`
    for chapter in summaries.chapters:
        if not chapter.summaries:
            fix = None
            if summaries.options.draft:
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


def unexplained(chapter: Chapter, summaries: Summaries) -> list[Unexplained]:
    """Glossary terms, uncommon words and acronyms whose first use in the chapter's summary
    explains nothing (later uses are fine once the first is explained, or reported)."""
    opts = summaries.options
    terms = sorted(summaries.glossary, key=len, reverse=True)
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
            frequency = zipf(re.sub(r"['’]s$", "", word.lower()), summaries.lang)
            if frequency is None or frequency >= opts.common_word_zipf:
                continue
            key = "w:" + word.lower()
            if key in seen:
                continue
            seen.add(key)
            if not _explained(para, match.start(), match.end(), sentence):
                found.append(Unexplained("uncommon", word, sentence, match.start()))
    return sorted(found, key=lambda u: (u.sentence.para.where(u.offset)))


def _unexplained_of(ctx: CheckContext, kind: str):
    for chapter in ctx.summaries.chapters:
        for item in unexplained(chapter, ctx.summaries):
            if item.kind in kind:
                yield chapter, item


@rule("jargon-unexplained", "error",
      "A summary uses a glossary term or an uncommon word without explaining it the first time.",
      "use an everyday word, or explain it in the same sentence: \"word (what it means)\"", ("summary",),
      clauses=("WCAG 3.1.3", "Information for all 7"), impact="moderate")
def jargon_unexplained(ctx: CheckContext):
    for chapter, item in _unexplained_of(ctx, ("glossary", "uncommon")):
        if item.kind == "glossary":
            definition = definition_in_brackets(ctx.summaries.glossary[item.term])
            yield _at(chapter, item.sentence, f"\"{item.word}\" is a glossary term and the summary does not explain it",
                      f"link it to its definition, [{item.word}](#{term_id(item.term)}), or explain it in brackets: "
                      f"\"{item.word} ({definition})\"", item.offset)
        else:
            yield _at(chapter, item.sentence, f"\"{item.word}\" is not a common word and the summary does not explain it",
                      "use an everyday word, explain it in brackets after it, or list it under "
                      "'summary: known_words' in report.yaml if your readers know it", item.offset)


@rule("acronym-unexpanded", "error", "A summary uses an acronym without spelling it out the first time.",
      "write the words in full with the letters in brackets after them, e.g. "
      "\"Disclosure and Barring Service (DBS)\", or just use the words", ("summary",),
      clauses=("WCAG 3.1.4", "Information for all 12"), impact="moderate")
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
              "as", "so", "than", "then", "if", "when", "last", "next", "each", "too", "again"}
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
      "(\"about £9 for every person who lives here\")", ("summary",),
      clauses=("Information for all 8",), impact="minor")
def number_unclear(ctx: CheckContext):
    for chapter in ctx.summaries.chapters:
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
