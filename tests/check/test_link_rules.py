"""The link rules on a whole report, as a new user brings one: a community
garden's annual report written as a GitHub README (tests/fixtures/links-readme),
with site-relative docs links, scheme-less addresses, a link to "the PDF",
links to other chapter files, GitHub-style heading ids, an id with a space,
empty links, a broken anchor, a file on a shared drive, `target="_blank"`,
mailto: with a space and tel: with spaces (which CommonMark does not read as
links at all: the editions would print their brackets).

1. `check` reports each link problem at its file:line:col with a fix that
   names the right id, before any writer runs, and the build publishes nothing.
2. The ids the rules know are the ids the build makes (the one reading of
   pipeline/parse.py and the common filter stages).
3. Once the source is fixed the way the messages ask, the build passes, and
   EPUBCheck reports nothing on the EPUB.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pikepdf
import pytest

from pipeline.check import check_report, report_context
from pipeline.check.rules.links import report_links
from pipeline.parse import parse_report
from pipeline.source import load_report
from pipeline.stages import STAGE_NAMES, run_common
from tests.conftest import ROOT, run_pipeline
from tests.judges import epubcheck

README = ROOT / "tests" / "fixtures" / "links-readme"
CHAPTER = "chapters/01-readme.md"
LINK_RULES = ("link-unread", "link-empty", "link-anchor-missing", "link-no-scheme", "link-site-relative", "link-local-file",
              "link-edition")

EXPECTED = [
    "link-site-relative 8:1",       # [docs](/docs/intro)
    "link-no-scheme 8:55",          # [our website](www.hollins-garden.example.org)
    "link-no-scheme 9:33",          # [our git repo](git.example.org/hollins/report)
    "link-edition 13:49",           # [see the PDF](report.pdf), no base_url
    "link-unread 14:53",            # [the team](#Our Volunteers): a space, so not a link: brackets printed
    "link-anchor-missing 15:10",    # [the 2025 plans](#plans): pandoc Markdown's id, not CommonMark's
    "link-empty 20:16",             # [volunteer form]()
    "link-empty 20:53",             # [top](#)
    "link-unread 22:7",             # [the garden](mailto:…?subject=Joining the garden)
    "link-unread 23:6",             # [the shed phone](tel:+44 1632 960555)
    "link-no-scheme 23:56",         # [the secretary](secretary@…)
    "link-anchor-missing 24:43",    # [open day](#open-day): no such id anywhere
    "link-local-file 25:1",         # [accounts](../2025/accounts.docx)
]

# What the messages ask for, applied to a copy (old text, new text).
FIXES = [
    ("(/docs/intro)", "(https://hollins-garden.example.org/docs/intro)"),
    ("[the team](#Our Volunteers)", "[the team](#our-volunteers)"),
    ("(mailto:hello@hollins-garden.example.org?subject=Joining the garden)",
     "(<mailto:hello@hollins-garden.example.org?subject=Joining the garden>)"),
    ("(tel:+44 1632 960555)", "(<tel:+44 1632 960555>)"),
    ("(#plans)", "(#2025-plans)"),
    ("[volunteer form]()", "[volunteer form](https://hollins-garden.example.org/join)"),
    ("[top](#)", "[top](#garden)"),
    ("(#open-day)", "(#2025-plans)"),
    ("(../2025/accounts.docx)", "(https://hollins-garden.example.org/accounts-2025.docx)"),
]
BASE_URL = "https://hollins-garden.example.org/report/"


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def link_findings(root: Path) -> list:
    return [d for d in check_report(load_report(root)) if d.rule in LINK_RULES]


def test_every_link_problem_is_reported_at_its_line():
    found = link_findings(README)
    assert [f"{d.rule} {d.line}:{d.column}" for d in found] == EXPECTED
    assert {d.file.as_posix().rsplit("/", 2)[-2] + "/" + d.file.name for d in found} == {CHAPTER}


def test_messages_name_the_id_the_author_meant():
    by_place = {f"{d.line}:{d.column}": str(d) for d in link_findings(README)}
    assert by_place["14:53"] == (
        "tests/fixtures/links-readme/chapters/01-readme.md:14:53: error link-unread: "
        '"[the team](#Our Volunteers)" is not a link: its address has a space, so readers see the brackets '
        "— write the id without spaces or capitals: [the team](#our-volunteers)")
    assert "names it #2025-plans: link to #2025-plans" in by_place["15:10"]
    assert "put the address in < >: [the shed phone](<tel:+44 1632 960555>)" in by_place["23:6"]
    assert "add base_url: https://your-site/annual-report/ to report.yaml" in by_place["8:1"]
    assert "the editions link to https://www.hollins-garden.example.org" in by_place["8:55"]
    assert "the editions link to mailto:secretary@hollins-garden.example.org" in by_place["23:56"]


def test_a_build_with_link_errors_publishes_nothing(tmp_path):
    result = run_pipeline("build", "--source", str(README), "--out", str(tmp_path / "out"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "error link-anchor-missing" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "report.epub").exists()


def test_links_between_chapter_files_and_to_glossary_terms_are_valid():
    """02-money.md links to 01-readme.md#our-volunteers and to 01-readme.md (its heading #garden);
    01-readme.md links to 02-money.md#grants and #term-allotment: none is reported."""
    lines = {d.line for d in link_findings(README) if d.file.name == "02-money.md"}
    assert lines == set()
    readme = {(d.line, d.column) for d in link_findings(README)}
    assert (14, 4) not in readme  # [where the money went](02-money.md#grants)


HEADINGS = ["Our Volunteers", "Café & Co. — 2024/25", "2025 plans", "¿Qué hicimos?", "Überblick 🇬🇧 flags",
            "What's next?", "Grants {#grants}", "Grants", "C++ & “smart” quotes", "🎉", "1, 2, 3: go"]


def test_the_rules_know_exactly_the_ids_the_build_makes(tmp_path):
    source = tmp_path / "source"
    (source / "chapters").mkdir(parents=True)
    (source / "report.yaml").write_text("title: Ids\nlang: en-GB\nchapters: [chapters/a.md, chapters/b.md]\n"
                                        "glossary: glossary.yaml\n", encoding="utf-8")
    (source / "glossary.yaml").write_text("Match funding: Money given to match money raised.\n", encoding="utf-8")
    body = "\n\n".join(f"## {heading}\n\nText.[^{n}]\n\n[^{n}]: A note." for n, heading in enumerate(HEADINGS))
    for name in ("a", "b"):  # the same headings twice: unique-ids renames the second chapter's
        (source / "chapters" / f"{name}.md").write_text(f"# Chapter {name}\n\n{body}\n", encoding="utf-8")
    report = load_report(source)

    built = run_common(parse_report(report))
    build_ids = set()

    def collect(node):
        if isinstance(node, dict):
            if node.get("t") == "Header":
                build_ids.add(node["c"][1][0])
            elif node.get("t") in ("Span", "Div") and node["c"][0][0]:
                build_ids.add(node["c"][0][0])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)
    collect(built["blocks"])

    known = report_links(report_context(report)).ids
    notes = {f"note-{n}" for n in range(1, 2 * len(HEADINGS) + 1)}
    assert known == build_ids | notes
    assert {"2025-plans", "café--co--202425", "2025-plans-1", "term-match-funding", "glossary"} <= known


def test_the_check_judges_links_as_written():
    """It runs the build's common stages without the one that resolves links."""
    assert "links" in STAGE_NAMES


def _fixed_copy(tmp_path: Path) -> Path:
    fixed = tmp_path / "fixed"
    shutil.copytree(README, fixed)
    chapter = fixed / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    for old, new in FIXES:
        assert old in text, old
        text = text.replace(old, new)
    chapter.write_text(text, encoding="utf-8")
    with (fixed / "report.yaml").open("a", encoding="utf-8") as config:
        config.write(f"base_url: {BASE_URL}\n")
    return fixed


def test_fixed_as_the_messages_ask_it_builds_and_epubcheck_passes(tmp_path):
    fixed = _fixed_copy(tmp_path)
    assert [d for d in link_findings(fixed) if d.severity == "error"] == []
    out = tmp_path / "out"
    result = run_pipeline("build", "--source", str(fixed), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr

    assert epubcheck(out / "report.epub", tmp_path) == []

    page = lxml.html.parse(str(out / "report.html"))
    hrefs = {" ".join(a.text_content().split()): a.get("href") for a in page.iter("a")}
    assert not [a for a in page.iter("a") if a.get("target")]
    assert hrefs["our website"] == "https://www.hollins-garden.example.org"
    assert hrefs["our git repo"] == "https://git.example.org/hollins/report"
    assert hrefs["see the PDF"] == "report.pdf"  # beside the web page
    assert hrefs["where the money went"] == "#grants"
    assert hrefs["first chapter"] == "#garden"
    assert hrefs["seed catalogue"] == "https://seeds.example.org/list#autumn%23bulbs"
    assert hrefs["planting guide"] == "https://seeds.example.org/how%20to%20plant.html"
    assert hrefs["the shed phone"] == "tel:+441632960555"
    assert hrefs["the garden"] == "mailto:hello@hollins-garden.example.org?subject=Joining%20the%20garden"
    assert hrefs["the secretary"] == "mailto:secretary@hollins-garden.example.org"

    uris = {str(annotation.A.URI) for page in pikepdf.open(out / "report.pdf").pages
            for annotation in page.get("/Annots", []) if "/A" in annotation and "/URI" in annotation.A}
    assert BASE_URL + "report.pdf" in uris  # the PDF, read on its own, links to the published edition
    assert "tel:+441632960555" in uris
