"""The readability report: for each chapter's plain-language summary, its
Flesch reading ease, words, sentences, longest sentence and the words it
uses without explaining them, with where to find them in the source.

`outputs/readability.html` is for the people who write the summaries (it is
not an edition, so the landing page does not list it); `python -m pipeline
readability` prints the same table for `make check`.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from pipeline.check.language import reading_ease
from pipeline.check.rules import CheckContext
from pipeline.check.rules.readability import SENTENCE_MAX, SUMMARY_MAX_WORDS, unexplained
from pipeline.check.summary_text import Sentence
from pipeline.diagnostics import display_path


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
    summaries = ctx.summaries
    rows = []
    for chapter in summaries.chapters:
        sentences = chapter.sentences
        text = " ".join(summary.plain() for summary in chapter.summaries)
        longest = max(sentences, key=lambda s: len(s.words), default=None)
        rows.append(ChapterStats(
            chapter.source.path, chapter.line, chapter.title, reading_ease(text, summaries.lang),
            chapter.words(), len(sentences), longest,
            list(dict.fromkeys(u.word for u in unexplained(chapter, summaries))),
            summaries.options.min_reading_ease))
    return rows


def _problems(row: ChapterStats) -> list[str]:
    if not row.has_summary:
        return ["no summary"]
    found = []
    if row.score is not None and row.score < row.minimum:
        found.append(f"score below {row.minimum:g}")
    if row.words > SUMMARY_MAX_WORDS:
        found.append(f"over {SUMMARY_MAX_WORDS} words")
    if row.longest is not None and len(row.longest.words) > SENTENCE_MAX:
        found.append(f"a sentence over {SENTENCE_MAX} words")
    if row.unexplained:
        found.append("words to explain")
    return found


def verdict(row: ChapterStats) -> str:
    problems = _problems(row)
    return "passes" if not problems else "fails: " + ", ".join(problems)


def text_table(rows: list[ChapterStats]) -> str:
    """The table `make check` prints."""
    head = f"{'chapter':<32} {'Flesch':>6} {'words':>5} {'sent.':>5} {'longest':>7}  result"
    lines = ["Readability of the plain-language summaries (Flesch reading ease: higher is easier)", head]
    for row in rows:
        score = "—" if row.score is None else f"{row.score:.1f}"
        longest = f"{len(row.longest.words)} w" if row.longest else "—"
        title = row.title if len(row.title) <= 32 else row.title[:31] + "…"
        lines.append(f"{title:<32} {score:>6} {row.words:>5} {row.sentences:>5} {longest:>7}  {verdict(row)}")
        if row.unexplained:
            lines.append(f"{'':<32} unexplained: {', '.join(row.unexplained)}")
    return "\n".join(lines)


CSS = """
body { font-family: "Atkinson Hyperlegible", Verdana, sans-serif; line-height: 1.5; margin: 1rem auto;
       max-width: 72rem; padding: 0 1rem; color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; padding: .5rem 0; }
th, td { border: 1px solid #767676; padding: .4rem .6rem; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.fails { font-weight: bold; }
.fails::before { content: "✗ "; }
.passes::before { content: "✓ "; }
"""


def render(meta: dict, rows: list[ChapterStats], root: Path | None = None) -> str:
    e = html.escape
    title = f"Readability of the summaries: {meta.get('title', '')}"
    minimum = rows[0].minimum if rows else 70
    body = []
    for row in rows:
        path = Path(row.file)
        shown = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else display_path(path)
        where = f"{shown}:{row.line}"
        score = "no score" if row.score is None else f"{row.score:.1f}"
        if row.longest is not None:
            longest = (f"{len(row.longest.words)} words, line {row.longest.line}: "
                       f"“{e(row.longest.text)}”")
        else:
            longest = "—"
        result = verdict(row)
        body.append(
            f"<tr><th scope=\"row\">{e(row.title)}<br><small>{e(where)}</small></th>"
            f"<td class=\"number\">{score}</td><td class=\"number\">{row.words}</td>"
            f"<td class=\"number\">{row.sentences}</td><td>{longest}</td>"
            f"<td>{e(', '.join(row.unexplained)) or 'none'}</td>"
            f"<td class=\"{'passes' if result == 'passes' else 'fails'}\">{e(result)}</td></tr>")
    return f"""<!DOCTYPE html>
<html lang="{e(str(meta.get('lang', 'en')))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>{CSS}</style>
</head>
<body>
<main>
<h1>{e(title)}</h1>
<p>Each chapter's <code>::: summary</code> block is the text of the easy-read editions. The checks:
a Flesch reading ease of at least {minimum:g} (higher is easier; 70–80 is fairly easy, 80 and over is easy),
at most {SUMMARY_MAX_WORDS} words for each chapter, no sentence over {SENTENCE_MAX} words (20 or fewer is better),
and every glossary term, uncommon word and acronym explained the first time it is used.
<code>make check</code> gives the exact line of each problem and how to fix it.</p>
<table>
<caption>Readability of each chapter's summary</caption>
<thead><tr><th scope="col">Chapter</th><th scope="col">Flesch reading ease</th><th scope="col">Words</th>
<th scope="col">Sentences</th><th scope="col">Longest sentence</th><th scope="col">Unexplained words</th>
<th scope="col">Result</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
</main>
</body>
</html>
"""
