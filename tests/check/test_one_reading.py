"""The validator judges exactly what is built.

Each chapter is read once (pipeline/parse.py). The rules walk that reading;
the filters and writers get a copy of it. So for the sample report and for
every fixture, the headings, pictures and tables the validator sees are the
ones in the built HTML: none appears only on one side, as a headerless table
or a pasted `<img>` once did when the validator read a different dialect.

1. The reading keeps where each element starts, and the writers never see it.
2. For every report folder: the validator's outline, pictures and tables equal
   report.html's (the sample is built once for the session; the others here).
3. For every lone fixture file: the same, against pandoc's HTML writer after
   the build's filter stages (what report.html's body is made of).
"""
from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

from filters import attr_get, stringify
from filters.figures import DECORATIVE
from filters.positions import strip, unwrap
from pipeline.check import report_context
from pipeline.check.expected import GLOSSARY_HEADING
from pipeline.check.model import SourceFile, parse_for_check
from pipeline.pandoc import pandoc_path
from pipeline.parse import read_chapter, read_markdown
from pipeline.source import load_report
from pipeline.stages import run_common, run_for_format
from tests.conftest import ROOT, SAMPLE, run_pipeline

FIXTURES = ROOT / "tests" / "fixtures"
REPORTS = sorted(path.parent for path in FIXTURES.glob("*/report.yaml"))
LONE_FILES = sorted(FIXTURES.glob("validator/*.md")) + sorted(FIXTURES.glob("guessing/*.md"))


@dataclass(frozen=True)
class Seen:
    outline: list[tuple[int, str]]  # (level, words) of each heading, chapters at 1
    pictures: list[tuple[str, str]]  # (file, alt text), "" for a decorative one
    tables: list[bool]  # whether each table has a header row


def _words(text: str) -> str:
    return " ".join(text.split())


def validator_view(files: list[SourceFile], glossary: bool = False) -> Seen:
    outline, pictures, tables = [], [], []
    for source in files:
        for node in source.nodes():
            if node.t == "Header":
                outline.append((node.c[0], _words(node.text())))
            elif node.t == "Image":
                attr, alt, (src, _title) = node.c
                decorative = DECORATIVE in attr[1]
                text = attr_get(attr, "alt") if attr_get(attr, "alt") is not None else stringify(alt)
                pictures.append((src, "" if decorative else _words(text)))
            elif node.t == "Table":
                tables.append(any(stringify(cell[4]) for row in node.c[3][1] for cell in row[1]))
    if glossary:
        outline.append(GLOSSARY_HEADING)
    return Seen(outline, pictures, tables)


def html_view(root, shift: int = 0) -> Seen:
    """What a reader of the page gets; shift: how many levels the page template moved chapters down."""
    outline = [(int(h.tag[1]) - shift, _words(_without_note_links(h).text_content()))
               for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    # No alt attribute, or alt="": either way nothing to hear (alt-missing tells the two apart at the source).
    pictures = [(img.get("src"), _words(img.get("alt", ""))) for img in root.iter("img")]
    tables = [bool(table.xpath(".//thead//th")) for table in root.iter("table")]
    return Seen(outline, pictures, tables)


def _without_note_links(heading):
    """A heading's words without its footnote markers ("Money raised¹" is the heading "Money raised")."""
    copy = lxml.html.fromstring(lxml.html.tostring(heading))
    for marker in copy.xpath(".//a[@role='doc-noteref']"):
        marker.drop_tree()
    return copy


def _plain_and_unwrapped(path: Path) -> tuple[list, list]:
    def read(reader: str) -> list:
        out = subprocess.run([pandoc_path(), "-f", reader, "-t", "json", str(path)], capture_output=True, check=True)
        return json.loads(out.stdout)["blocks"]
    return read("commonmark_x+implicit_figures"), strip(unwrap(read("commonmark_x+sourcepos+implicit_figures")))


def test_unwrapping_the_positions_gives_exactly_the_plain_reading():
    """sourcepos wraps every word and block; filters/positions.py takes the wrappers off again.
    For every Markdown file of the sample and the fixtures, what is left (positions aside) is the
    tree pandoc's plain reader gives: no word joined or split, no attribute lost or left over."""
    files = sorted(SAMPLE.rglob("*.md")) + sorted(FIXTURES.rglob("*.md"))
    with ThreadPoolExecutor() as pool:
        different = [path.relative_to(ROOT).as_posix()
                     for path, (plain, unwrapped) in zip(files, pool.map(_plain_and_unwrapped, files))
                     if plain != unwrapped]
    assert len(files) > 100 and different == []


def test_the_reading_keeps_positions_that_no_writer_prints(tmp_path):
    doc = read_markdown("# Title {#t}\n\nSome *text* and ![a bench](images/b.png).\n", tmp_path)
    heading, paragraph = doc["blocks"]
    assert heading["pos"] == [1, 1] and paragraph["pos"] == [3, 1]
    emphasis = paragraph["c"][2]
    assert emphasis["t"] == "Emph" and emphasis["pos"] == [3, 6]
    html = subprocess.run([pandoc_path(), "-f", "json", "-t", "html5"], input=json.dumps(doc).encode(),
                          capture_output=True, check=True).stdout.decode()
    assert "pos" not in html and "data-" not in html


@pytest.mark.parametrize("report", [SAMPLE, *REPORTS], ids=lambda p: p.name)
def test_report_html_has_what_the_validator_saw(report: Path, request, tmp_path):
    loaded = load_report(report)
    ctx = report_context(loaded)
    if report == SAMPLE:
        out = request.getfixturevalue("sample_build")
    else:
        out = tmp_path / "out"
        result = run_pipeline("build", "--source", str(report), "--out", str(out), "--only", "html")
        if result.returncode != 0:  # a fixture of source errors, on purpose: judge what the writer would get
            assert "Traceback" not in result.stderr
            for chapter in loaded.chapters:
                assert _written(chapter) == validator_view([parse_for_check(chapter, report)]), chapter
            return
    page = lxml.html.parse(str(out / "report.html")).getroot()
    main = page.find(".//main")
    seen = validator_view(ctx.files, glossary=bool(loaded.glossary))
    built = html_view(main, shift=1)  # the page's own h1 is the report's title; chapters are h2
    built = Seen([h for h in built.outline if h != (0, _words(loaded.meta.get("title", "")))],
                 [p for p in built.pictures if p[0] != (loaded.cover or {}).get("image")], built.tables)
    assert built == seen


def _written(path: Path) -> Seen:
    chapter = read_chapter(path, path.parent)
    doc = run_for_format(run_common({"pandoc-api-version": chapter.api_version, "meta": {},
                                     "blocks": json.loads(json.dumps(chapter.blocks))}), "html5")
    html = subprocess.run([pandoc_path(), "-f", "json", "-t", "html5"], input=json.dumps(doc).encode(),
                          capture_output=True, check=True).stdout.decode()
    return html_view(lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div"))


def test_every_lone_fixture_is_written_as_the_validator_saw_it():
    with ThreadPoolExecutor() as pool:
        written = dict(zip(LONE_FILES, pool.map(_written, LONE_FILES)))
    different = {path.name: (validator_view([parse_for_check(path, path.parent)]), built)
                 for path, built in written.items()
                 if validator_view([parse_for_check(path, path.parent)]) != built}
    assert different == {}
