"""The plain-language summaries' gates: the sample passes every one, each gate
fires on the right line with a message that says what to fix, report.yaml
sets the threshold, drafts never ship silently, and the readability report
shows each chapter's numbers. (Each rule's firing and clean fixtures are in
tests/fixtures/validator/, run by tests/check/test_rules.py.)"""
from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml

from filters import summary
from pipeline.check import check_file, check_paths, report_context
from pipeline.check.readability_page import chapter_stats
from pipeline.check.rules import RULES
from pipeline.check.rules.readability import SUMMARY_MAX_WORDS
from pipeline.diagnostics import ReportError
from pipeline.parse import parse_report
from pipeline.source import load_report
from pipeline.stages import run_common
from tests.conftest import ROOT, SAMPLE, TINY, run_pipeline

SUMMARY_RULES = {r.id for r in RULES if "summary" in r.tags}
FIXTURES = ROOT / "tests" / "fixtures" / "validator"


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def sample_stats():
    return chapter_stats(report_context(load_report(SAMPLE)))


def copy_report(tmp_path: Path, source: Path = TINY) -> Path:
    target = tmp_path / "source"
    shutil.copytree(source, target)
    return target


def set_summary_options(root: Path, **options) -> None:
    config = root / "report.yaml"
    meta = yaml.safe_load(config.read_text(encoding="utf-8"))
    meta["summary"] = options
    config.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- the sample ---------------------------------------------------------------------------------

def test_every_summary_rule_is_registered():
    assert SUMMARY_RULES == {"readability-low", "sentence-too-long", "sentence-long", "summary-too-long",
                             "summary-missing", "jargon-unexplained", "acronym-unexpanded", "number-unclear"}


def test_sample_summaries_pass_every_gate():
    findings = [str(d) for d in check_paths([SAMPLE]) if d.rule in SUMMARY_RULES]
    assert findings == []


def test_sample_scores_words_and_sentences(sample_stats):
    report = yaml.safe_load((SAMPLE / "report.yaml").read_text(encoding="utf-8"))
    assert [Path(row.file).relative_to(SAMPLE).as_posix() for row in sample_stats] == report["chapters"]
    for row in sample_stats:
        assert row.score is not None and row.score >= 70, (row.title, row.score)
        assert 0 < row.words <= SUMMARY_MAX_WORDS, (row.title, row.words)
        assert len(row.longest.words) <= 15, (row.title, row.longest.text)  # written to 15 words or fewer
        assert row.unexplained == [] and row.passes


def test_sentences_end_at_stops_not_at_titles_initials_or_decimals():
    assert summary.sentences("We met Mr. Rahman and Dr. Shah. J. Smith came too! It rose 2.5 per cent. "
                             "Ask e.g. the café. Why? “Go.” She went") == [
        "We met Mr. Rahman and Dr. Shah.", "J. Smith came too!", "It rose 2.5 per cent.", "Ask e.g. the café.",
        "Why?", "“Go.”", "She went"]
    assert summary.words("We gave £48,000 – to the co-chairs (86).") == [
        "We", "gave", "£48,000", "to", "the", "co-chairs", "(86)."]


# --- where the gates point ------------------------------------------------------------------------

def test_sentence_message_gives_file_line_what_and_fix():
    [line] = [str(d) for d in check_file(FIXTURES / "sentence-too-long.md") if d.line == 18]
    assert line == ("tests/fixtures/validator/sentence-too-long.md:18:3: error sentence-too-long: sentence of 36 "
                    "words in a summary (at most 25): \"we dug the beds and put in new plants, and then we put up a …\""
                    " — split it into two or three sentences of 15 words or fewer")


def test_glossary_term_message_offers_the_link_and_the_definition():
    [line] = [str(d) for d in check_file(FIXTURES / "jargon-unexplained.md") if d.line == 17]
    assert line == ("tests/fixtures/validator/jargon-unexplained.md:17:1: error jargon-unexplained: \"Befriending\" "
                    "is a glossary term and the summary does not explain it — link it to its definition, "
                    "[Befriending](#term-befriending), or explain it in brackets: \"Befriending (regular, friendly "
                    "contact with someone who is lonely, by phone or in person)\"")


def test_readability_message_names_the_score_threshold_and_hardest_sentence():
    first = check_file(FIXTURES / "readability-low.md")[0]
    assert first.rule == "readability-low" and first.line == 14
    assert "scores -78.8 on the Flesch reading ease scale, below 70" in first.message
    assert "Our community development activities supported" in first.message


def test_summary_too_long_counts_a_chapters_blocks_together(tmp_path):
    """Two blocks of 80 words each: neither is too long alone, the chapter is (word 151 is in block 2)."""
    sentence = "We run a food club for everyone on Friday nights. "  # 10 words
    block = "::: summary\n" + "\n".join([sentence.strip()] * 8) + "\n:::\n"
    path = tmp_path / "two.md"
    path.write_text("---\ntitle: Food club\nlang: en-GB\n---\n\n" + block + "\nMore.\n\n" + block, encoding="utf-8")
    found = [(d.rule, d.line) for d in check_file(path) if d.rule in SUMMARY_RULES]
    # block 2's sentences are on lines 20-27; words 151-160 are its 8th, the chapter's 16th
    assert found == [("summary-too-long", 27)]
    assert "have 160 words together" in check_file(path)[0].message


def test_summary_missing_in_a_report_points_at_the_chapter_title(tmp_path):
    root = copy_report(tmp_path)
    chapter = root / "chapters" / "02-two.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("::: summary\nPeople gave their time for free.\n:::\n", ""), encoding="utf-8")
    found = [d for d in check_paths([root]) if d.rule in SUMMARY_RULES]
    assert [(d.rule, d.severity, Path(d.file).name, d.line, d.column) for d in found] == [
        ("summary-missing", "warning", "02-two.md", 1, 1)]
    assert found[0].message == "chapter \"Second chapter\" has no '::: summary' block"


# --- options from report.yaml ---------------------------------------------------------------------

def test_threshold_comes_from_report_yaml(tmp_path):
    root = copy_report(tmp_path)
    assert not [d for d in check_paths([root]) if d.rule == "readability-low"]
    set_summary_options(root, min_reading_ease=120)
    found = [d for d in check_paths([root]) if d.rule == "readability-low"]
    assert [Path(d.file).name for d in found] == ["01-one.md", "02-two.md"]
    assert all("below 120" in d.message for d in found)


def test_a_threshold_that_is_not_a_number_is_an_error_with_its_line(tmp_path):
    root = copy_report(tmp_path)
    set_summary_options(root, min_reading_ease="high")
    with pytest.raises(ReportError) as caught:
        check_paths([root])
    diagnostic = caught.value.diagnostic
    assert Path(diagnostic.file).name == "report.yaml" and diagnostic.line is not None
    assert "min_reading_ease" in (root / "report.yaml").read_text().splitlines()[diagnostic.line - 1]


def test_a_misspelt_option_is_a_warning_with_a_suggestion(tmp_path):
    root = copy_report(tmp_path)
    set_summary_options(root, min_reading_eas=80)
    [warning] = [w for w in load_report(root).warnings if "summary" in w.message]
    assert warning.message == "unknown key 'summary: min_reading_eas' is ignored"
    assert warning.fix == "did you mean 'min_reading_ease'?"
    assert (root / "report.yaml").read_text().splitlines()[warning.line - 1].strip().startswith("min_reading_eas:")


def test_known_words_allow_an_uncommon_word(tmp_path):
    path = tmp_path / "words.md"
    body = "::: summary\nWe built a polytunnel in the garden.\n:::\n"
    path.write_text("---\ntitle: Garden\nlang: en-GB\n---\n\n" + body, encoding="utf-8")
    assert [d.rule for d in check_file(path)] == ["jargon-unexplained"]
    path.write_text("---\ntitle: Garden\nlang: en-GB\nsummary:\n  known_words: [polytunnel]\n---\n\n" + body,
                    encoding="utf-8")
    assert check_file(path) == []


def test_at_a_glance_items_are_checked_at_their_line_in_report_yaml(tmp_path):
    root = copy_report(tmp_path)
    set_summary_options(root, at_a_glance=["We gave £2,000 to 10 groups.", "The CVS helped us."])
    lines = (root / "report.yaml").read_text(encoding="utf-8").splitlines()
    found = [d for d in check_paths([root]) if d.rule in SUMMARY_RULES]
    assert [(d.rule, Path(d.file).name) for d in found] == [("acronym-unexpanded", "report.yaml")]
    assert lines[found[0].line - 1][found[0].column - 1:].startswith("CVS helped us.")
    tree = summary.apply(run_common(parse_report(load_report(root))))
    from pipeline.writers.text import render
    text = render(tree)
    assert text.index("At a glance\n-----------\n\n- We gave £2,000 to 10 groups.") < text.index("First chapter")


# --- the summary tree: glossary links and drafts --------------------------------------------------

def test_a_linked_glossary_term_gets_its_definition_inlined_once(tmp_path):
    root = copy_report(tmp_path)
    chapter = root / "chapters" / "01-one.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "Ten groups got help.", "Ten groups got a [grant](#term-grant). Each [grant](#term-grant) helped."),
        encoding="utf-8")
    assert not [d for d in check_paths([root]) if d.rule in SUMMARY_RULES]
    tree = summary.apply(run_common(parse_report(load_report(root))))
    from filters import stringify
    text = stringify(tree["blocks"])
    assert "got a grant (money given to a group that does not have to be paid back). Each grant helped." in text


def test_draft_summaries_stop_the_build_unless_allowed(tmp_path):
    root = copy_report(tmp_path)
    chapter = root / "chapters" / "02-two.md"
    chapter.write_text("# Second chapter {#two}\n\nPeople gave 200 hours. They liked it.\n\n"
                       "## The café\n\nThe café opened in May. It sells soup.\n", encoding="utf-8")
    set_summary_options(root, draft=True)
    out = tmp_path / "out"

    stopped = run_pipeline("build", "--source", str(root), "--out", str(out), "--only", "summary")
    assert stopped.returncode == 1
    assert "warning summary-missing" in stopped.stderr and "--allow-drafts" in stopped.stderr
    assert "only a generated DRAFT summary (Second chapter)" in stopped.stderr
    assert not (out / "summary.txt").exists()

    allowed = run_pipeline("build", "--source", str(root), "--out", str(out), "--only", "summary", "--allow-drafts")
    assert allowed.returncode == 0, allowed.stderr
    assert "DRAFT summary of \"Second chapter\"" in allowed.stderr
    text = (out / "summary.txt").read_text(encoding="utf-8")
    draft = text[text.index("Second chapter"):]
    assert "DRAFT – needs a person to rewrite." in draft
    assert "People gave 200 hours." in draft and "The café opened in May." in draft
    assert "They liked it." not in draft and "It sells soup." not in draft  # first sentences only


def test_without_draft_option_a_chapter_without_summary_is_left_out(tmp_path):
    root = copy_report(tmp_path)
    chapter = root / "chapters" / "02-two.md"
    chapter.write_text("# Second chapter {#two}\n\nPeople gave 200 hours.\n", encoding="utf-8")
    tree = summary.apply(run_common(parse_report(load_report(root))))
    assert summary.draft_chapters(tree) == []
    assert [b["c"][0] for b in tree["blocks"] if b["t"] == "Header"] == [1]


# --- the readability report -----------------------------------------------------------------------

def test_readability_report_has_a_row_per_chapter(sample_build, sample_stats):
    page = lxml.html.parse(str(sample_build / "readability.html")).getroot()
    assert page.get("lang") == "en-GB" and "Readability" in page.find(".//title").text_content()
    assert [th.get("scope") for th in page.iter("th")][:7] == ["col"] * 7
    rows = page.findall(".//tbody/tr")
    assert len(rows) == len(sample_stats)
    for row, stats in zip(rows, sample_stats):
        cells = [c.text_content() for c in row]
        assert stats.title in cells[0] and f"{stats.score:.1f}" == cells[1]
        assert cells[2] == str(stats.words) and cells[3] == str(stats.sentences)
        assert cells[4].startswith(f"{len(stats.longest.words)} words, line {stats.longest.line}")
        assert cells[-1] == "passes"


def test_make_check_prints_the_readability_table():
    run = run_pipeline("readability", "source")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("Readability of the plain-language summaries")
    assert any(line.startswith("Welcome") and "passes" in line for line in lines)
    assert "readability" in (ROOT / "Makefile").read_text(encoding="utf-8").split("check:")[1].split("\n\n")[0]
