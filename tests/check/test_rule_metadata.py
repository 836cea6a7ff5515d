"""Every validator rule says what it enforces and how much it matters, as
DAISY Ace's and axe-core's rules do: at least one clause (a WCAG 2.2 success
criterion, an ISO 14289-1 (PDF/UA-1) clause, a web standard, or an easy-read
guideline) with an address to read it at, and an impact on axe's scale.
`python -m pipeline rules` prints both, and the SARIF log carries them where
code-scanning pages and editors show them.
"""
from __future__ import annotations

import json
import re

import pytest

from pipeline.check.formats import as_sarif
from pipeline.check.rules import OUTPUT_RULES, RULES, rule
from pipeline.check.rules.clauses import CLAUSES, IMPACTS
from pipeline.cli import main
from pipeline.diagnostics import Diagnostic


# An edition that was not made at all breaks no clause of a standard: it is simply not there.
WITHOUT_CLAUSE = {"output-missing"}


@pytest.mark.parametrize("checked", RULES + OUTPUT_RULES, ids=lambda r: r.id)
def test_every_rule_names_a_clause_and_an_impact(checked):
    assert checked.clauses or checked.id in WITHOUT_CLAUSE, \
        f"{checked.id} names no clause it enforces (clauses= in its @rule)"
    assert checked.impact in IMPACTS, f"{checked.id} has impact {checked.impact!r}, not one of {IMPACTS}"
    for clause in checked.clauses:
        assert clause.url.startswith(("https://", "http://")), clause
        assert clause.title.strip(), clause


def test_wcag_clauses_link_to_their_understanding_page():
    wcag = {c for r in RULES for c in r.clauses if c.key.startswith("WCAG ")}
    assert {c.key for c in wcag} >= {"WCAG 1.1.1", "WCAG 1.3.1", "WCAG 2.4.4", "WCAG 3.1.1"}
    for clause in wcag:
        assert re.fullmatch(r"WCAG [1-4]\.\d+\.\d+", clause.key), clause
        assert clause.url.startswith("https://www.w3.org/WAI/WCAG22/Understanding/"), clause
        assert re.search(r"\((A|AA|AAA)\)$", clause.title), f"{clause} does not give its level"


def test_every_listed_clause_is_enforced_by_some_rule():
    cited = {clause.key for r in RULES + OUTPUT_RULES for clause in r.clauses}
    assert set(CLAUSES) - cited == set(), "clauses.py lists a clause no rule enforces: drop it"


def test_a_rule_citing_an_unlisted_clause_is_refused():
    with pytest.raises(KeyError, match=r"WCAG 9\.9\.9.*clauses\.py"):
        rule("made-up", "error", "A made-up rule.", "none", clauses=("WCAG 9.9.9",), impact="minor")


def test_a_rule_with_an_impact_off_the_scale_is_refused():
    with pytest.raises(ValueError, match="blocker"):
        rule("made-up", "error", "A made-up rule.", "none", clauses=("WCAG 1.1.1",), impact="blocker")


def test_the_rules_command_prints_each_rule_with_its_impact_and_clauses(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    source, built = out.split("On the built editions (check --outputs):\n")
    assert source.startswith("On the source:\n")
    for rules, text in ((RULES, source.removeprefix("On the source:\n")), (OUTPUT_RULES, built)):
        lines = text.splitlines()
        assert len(lines) == 2 * len(rules)  # a line for the rule, a line for what it enforces
        _each_rule_on_two_lines(rules, lines)
    assert {r.id for r in OUTPUT_RULES} == {"output-missing", "output-lang", "output-title", "output-pdf-untagged",
                                            "output-alt-lost", "output-decorative-exposed", "output-outline"}


def _each_rule_on_two_lines(rules, lines):
    for checked, (first, second) in zip(rules, zip(lines[::2], lines[1::2])):
        assert first.split()[:3] == [checked.id, checked.severity, checked.impact]
        assert first.rstrip().endswith(checked.description)
        assert second.strip() == "; ".join(str(c) for c in checked.clauses)


def test_sarif_rules_carry_the_clause_address_tags_and_impact():
    # An image pasted from a Word export without alt text, found at its line.
    found = [Diagnostic('image "media/image3.png" has no alt text', "chapters/02-money.md", 14, 3,
                        fix="describe what the image shows", severity="error", rule="alt-missing")]
    log = json.loads(as_sarif(found))
    driver = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    alt = driver["alt-missing"]
    assert alt["helpUri"] == "https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html"
    assert alt["properties"]["impact"] == "critical"
    assert {"WCAG 1.1.1", "ISO 14289-1 7.3", "images"} <= set(alt["properties"]["tags"])
    assert "[WCAG 1.1.1 Non-text Content (A)](https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html)" \
        in alt["help"]["markdown"]
    for checked in RULES + OUTPUT_RULES:  # the output rules have real entries too, not just their id
        described = driver[checked.id]
        assert described["shortDescription"]["text"] == checked.description
        assert described["properties"]["impact"] == checked.impact
        assert described.get("helpUri") == (checked.clauses[0].url if checked.clauses else None)
    assert log["runs"][0]["results"][0]["ruleId"] == "alt-missing"
