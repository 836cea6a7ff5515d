"""The live preview keeps what a rule found in each unchanged chapter (pipeline/check/__init__.py),
so a rule marked per_file must find in a report exactly what it finds in each chapter alone; and
the link rules, which run the filter stages chapter by chapter there, must see the report's links
and ids as the stages make them of the whole report. Compared on the sample, the fixture reports
and a report whose chapters are every Markdown fixture."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.check import report_context
from pipeline.check.rules import RULES
from pipeline.check.rules.links import _report, _report_by_parts, _root, _settings
from pipeline.memory import BuildMemory
from pipeline.source import load_report
from tests.conftest import ROOT, SAMPLE, TINY
from tests.editions.test_chapterwise import every_fixture_as_a_chapter

FIXTURES = ROOT / "tests" / "fixtures"
REPORTS = [SAMPLE, *sorted(path.parent for path in FIXTURES.glob("*/report.yaml"))]
PER_FILE = [rule for rule in RULES if rule.per_file]


def every_fixture(folder: Path) -> Path:
    """A report whose chapters are every Markdown file of the fixtures, as they are."""
    (folder / "chapters").mkdir(parents=True)
    names = []
    for number, path in enumerate(sorted(FIXTURES.rglob("*.md"))):
        names.append(f"chapters/{number:03d}-{path.stem}.md")
        shutil.copy(path, folder / names[-1])
    shutil.copy(TINY / "glossary.yaml", folder / "glossary.yaml")
    listed = "".join(f"  - {name}\n" for name in names)
    (folder / "report.yaml").write_text(f"title: Fixtures\nlang: en-GB\nglossary: glossary.yaml\nchapters:\n{listed}")
    return folder


@pytest.fixture(scope="module")
def contexts(tmp_path_factory):
    sources = REPORTS + [every_fixture(tmp_path_factory.mktemp("fixtures") / "report"),
                         every_fixture_as_a_chapter(tmp_path_factory.mktemp("titled") / "report")]
    return [(source.name, report_context(load_report(source))) for source in sources]


def test_there_are_per_file_rules_and_the_corpus_finds_something_with_each(contexts):
    assert len(PER_FILE) >= 15
    silent = [rule.id for rule in PER_FILE if not any(list(rule.find(ctx)) for _name, ctx in contexts)]
    assert silent == []  # a rule that finds nothing here would pass whatever it did


@pytest.mark.parametrize("rule", PER_FILE, ids=lambda rule: rule.id)
def test_a_per_file_rule_finds_in_a_report_what_it_finds_in_each_chapter_alone(rule, contexts):
    for name, ctx in contexts:
        whole = list(rule.find(ctx))
        alone = [hit for source in ctx.files for hit in rule.find(replace(ctx, files=[source], shared={}))]
        assert alone == whole, f"{rule.id} on {name}"


def test_the_link_rules_see_chapter_by_chapter_what_the_whole_report_makes(contexts):
    compared = 0
    for name, ctx in contexts:
        settings, where = _settings(ctx)
        glossary = ctx.glossary or settings.get("glossary") or {}
        base_url = str(settings.get("base_url") or "")
        parts = _report_by_parts(ctx.files, _root(ctx), glossary, base_url, where, BuildMemory())
        if parts is None:  # a chapter without its title first: the stages must see the report whole
            continue
        assert parts == _report(ctx.files, _root(ctx), glossary, base_url, where), name
        compared += 1
    assert compared >= 5
