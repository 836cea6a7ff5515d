"""Rules that guess (heading-fake, alt-generic, longdesc-missing) are measured on a corpus of
real-looking text, tests/fixtures/guessing/<rule-id>.md, whose `expect:` list is where a
person reading the text says the rule is right to fire. Each rule's description states how
often it was right there, and the numbers must match what it does now. A guessing rule may
be an error (which stops the build) only if it is right in at least 98 % of 15 or more
findings; otherwise it is a warning. The ordinary prose that once stopped builds is pinned
down case by case below."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pipeline.check import check_file
from pipeline.check.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "tests" / "fixtures" / "guessing").glob("*.md"))
RULE = {r.id: r for r in RULES}
ERROR_PRECISION, ERROR_MIN_FINDINGS = 0.98, 15
STATED = re.compile(r"right in (\d+) of (\d+) findings on the test corpus")


def measure(path: Path) -> tuple[set[str], set[str]]:
    """(where the rule fired, where a person says it should) in one corpus file."""
    rule_id = path.stem
    text = path.read_text(encoding="utf-8")
    truth = set(yaml.safe_load(text[4:text.index("\n---\n", 4)])["expect"])
    fired = {f"{d.rule} {d.line}:{d.column}" for d in check_file(path) if d.rule == rule_id}
    return fired, truth


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_description_states_the_measured_precision(path):
    fired, truth = measure(path)
    rule = RULE[path.stem]
    stated = STATED.search(rule.description)
    assert stated, f"{rule.id}'s description does not say how often it is right"
    assert (int(stated.group(1)), int(stated.group(2))) == (len(fired & truth), len(fired)), \
        f"wrong: {sorted(fired - truth)}; missed: {sorted(truth - fired)}"
    assert len(fired & truth) >= 0.9 * len(truth), f"missed: {sorted(truth - fired)}"  # it still finds things


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_only_a_precise_guess_is_an_error(path):
    fired, truth = measure(path)
    if RULE[path.stem].severity == "error":
        assert len(fired) >= ERROR_MIN_FINDINGS and len(fired & truth) / len(fired) >= ERROR_PRECISION


def test_the_corpus_covers_each_guessing_rule_with_enough_cases():
    assert {p.stem for p in CORPUS} == {"heading-fake", "alt-generic", "longdesc-missing"}
    fake_headings = CORPUS[[p.stem for p in CORPUS].index("heading-fake")]
    cases = [line for line in fake_headings.read_text(encoding="utf-8").split("\n\n")
             if line.lstrip().startswith(("*", "_"))]
    assert len(cases) >= 30


HEAD = "---\ntitle: Known cases\nlang: en-GB\n---\n\n"  # the body starts on line 6


def findings(tmp_path: Path, body: str, rule_id: str) -> list[str]:
    path = tmp_path / "case.md"
    path.write_text(HEAD + body, encoding="utf-8")
    return [f"{d.line}:{d.column}" for d in check_file(path) if d.rule == rule_id]


@pytest.mark.parametrize("body", [
    "## 2020\n\n*No report this year*\n\n## 2021\n\nWe reopened in May.\n",
    "## Our shops\n\n*Figures for the year to March 2025*\n\nWe ran four shops.\n",
    "## Finances\n\n**Unaudited figures**\n\nIncome rose by a tenth.\n",
    "Intro.\n\n**[Read the full accounts](accounts.pdf)**\n\nThey were approved in May.\n",
    "Intro.\n\n**![Winner of the 2024 award](images/award.png)**\n\nWe were proud.\n",
    "Intro.\n\n*With thanks to every\nvolunteer and donor*\n\nTheir hours are below.\n",
    "Intro.\n\n**Our impact** <!-- check wording with Sam -->\n\nWe ran 14 sessions.\n",
    "Intro.\n\n**Our impact <!-- or 'What changed'? -->**\n\nWe ran 14 sessions.\n",
], ids=["nothing-to-head", "italic-under-heading", "bold-under-heading", "bold-link", "bold-image", "emphasis-over-a-line-break",
        "ends-in-a-comment", "comment-inside"])
def test_ordinary_prose_is_not_a_fake_heading(tmp_path, body):
    assert findings(tmp_path, body, "heading-fake") == []


def test_a_bold_line_with_text_under_it_is_still_a_fake_heading(tmp_path):
    body = "Intro.\n\n**Our impact**\n\nWe ran 14 sessions.\n\n*Next steps*\n\n- Open a second hub.\n"
    assert findings(tmp_path, body, "heading-fake") == ["8:1", "12:1"]


@pytest.mark.parametrize("alt, caption", [
    ("Chart of grants by region", ""),
    ("A bar chart of visits by month", ""),
    ("Graph showing waiting times falling", ""),
    ("Pie chart: where our money came from", ""),
    ("Map of the six wards we work in", ""),
    ("Spending by theme", "Figure 4: Chart of spending by theme"),
])
def test_chart_rule_reads_alt_text_and_caption(tmp_path, alt, caption):
    title = f' "{caption}"' if caption else ""
    assert findings(tmp_path, f"![{alt}](images/figure-1.png{title})\n", "longdesc-missing") == ["6:1"]


@pytest.mark.parametrize("alt", [
    "Chart of weekly visits, chalked on the playground",  # a photograph (JPEG) of a chart
])
def test_a_photograph_of_a_chart_needs_no_long_description(tmp_path, alt):
    assert findings(tmp_path, f"![{alt}](images/playground.jpg)\n", "longdesc-missing") == []
