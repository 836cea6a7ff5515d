"""`build --trace DIR` writes the tree after each filter stage, in stage order,
so a newcomer can see what each filter does; and it changes nothing else: the
editions are byte for byte those of a build without it.

The report is tests/fixtures/tiny with a paragraph pasted from a WordPress page,
which the reader (pipeline/parse.py) has already turned into the tree's own
elements when the first file, 00-parsed.json, is written.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.stages import STAGES
from tests.conftest import TINY, run_pipeline

PASTED = ('<p class="has-text-align-left">Read the <a href="https://example.org/accounts-2024.pdf" '
          'target="_blank" rel="noreferrer noopener">full accounts for 2024</a> on our website.</p>\n')


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("traced") / "source"
    shutil.copytree(TINY, root)
    second = max((root / "chapters").glob("*.md"))
    second.write_text(second.read_text(encoding="utf-8") + "\n" + PASTED, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def traced(source, tmp_path_factory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("traced-build")
    result = run_pipeline("build", "--source", str(source), "--out", str(work / "outputs"),
                          "--trace", str(work / "trace"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "outputs", work / "trace"


def _stage(name: str) -> str:
    """The trace file a common stage writes: its number in stages.py, and its name."""
    number = next(number for number, stage in enumerate(STAGES, 1) if stage.name == name)
    return f"{number:02d}-{name}.json"


def _tree(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _nodes(value, kind: str):
    """Every node of one type in a pandoc tree, in document order."""
    if isinstance(value, dict):
        if value.get("t") == kind:
            yield value
        yield from _nodes(value.get("c"), kind)
        yield from _nodes(value.get("blocks"), kind)
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item, kind)


def _words(inlines) -> str:
    return " ".join(node["c"] for node in _nodes(inlines, "Str"))


def _captions(tree: dict) -> list[str]:
    return [_words(figure["c"][1]) for figure in _nodes(tree, "Figure")]


def _decorative_attributes(tree: dict) -> list[list]:
    return [image["c"][0][2] for image in _nodes(tree, "Image") if "decorative" in image["c"][0][1]]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_one_file_per_stage_in_stage_order(traced):
    _, trace = traced
    common = [s.name for s in STAGES if s.formats is None]
    top = sorted(p.name for p in trace.glob("*.json"))
    assert top == sorted(top, key=lambda name: int(name[:2]))  # names sort as the stages run
    assert [name[3:-5] for name in top] == ["parsed", *common]
    for fmt in ("html5", "epub3", "typst"):
        expected = [f"{number:02d}-{s.name}.json" for number, s in enumerate(STAGES, 1)
                    if s.formats and fmt in s.formats]
        assert sorted(p.name for p in (trace / fmt).iterdir()) == expected
    # the easy-read editions: the summary tree, then its formats' stages (no EPUB of it)
    assert (trace / "summary" / "00-summary.json").is_file()
    assert sorted(p.name for p in (trace / "summary").iterdir()) == ["00-summary.json", "html5", "typst"]


def test_the_parsed_tree_has_pasted_html_as_its_own_link_with_its_place(traced):
    _, trace = traced
    parsed = _tree(trace / "00-parsed.json")
    assert not [raw for kind in ("RawBlock", "RawInline") for raw in _nodes(parsed, kind)]
    [link] = [link for link in _nodes(parsed, "Link") if link["c"][2][0] == "https://example.org/accounts-2024.pdf"]
    assert _words(link["c"][1]) == "full accounts for 2024"
    assert link["pos"][1] > 1  # where `<a href=` starts in the chapter, as every element of the reading has


def test_figures_stage_moves_the_title_into_the_caption_and_silences_decorative_images(traced):
    _, trace = traced
    before, after = _tree(trace / _stage("unique-ids")), _tree(trace / _stage("figures"))
    assert _captions(before) == ["Three people planting a tree in a park"]  # pandoc: the alt text again
    assert _captions(after) == ["Planting day in March"]  # the image's title
    assert _decorative_attributes(before) == [[]]
    assert _decorative_attributes(after) == [[["alt", ""]]]


def test_the_editions_are_the_same_with_and_without_trace(traced, source, tmp_path):
    outputs, _ = traced
    plain = tmp_path / "outputs"
    result = run_pipeline("build", "--source", str(source), "--out", str(plain), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    with_trace, without = _files(outputs), _files(plain)
    assert sorted(with_trace) == sorted(without)
    changed = [name for name in with_trace if with_trace[name] != without[name]]
    assert not changed, f"--trace changed {changed}"
    assert not any(name.endswith(".json") and name[:2].isdigit() for name in with_trace)


def test_a_second_trace_replaces_the_first_and_a_skipped_stage_leaves_a_gap(source, tmp_path):
    trace = tmp_path / "trace"
    (trace / "notes.txt").parent.mkdir()
    (trace / "notes.txt").write_text("mine")  # a file of the user's own: left alone
    first = run_pipeline("build", "--source", str(source), "--out", str(tmp_path / "outputs"),
                         "--editions", "html", "--trace", str(trace))
    assert first.returncode == 0, first.stdout + first.stderr
    assert (trace / _stage("figures")).is_file()
    # Without figures the decorative image is announced: the build stops, and the trace shows why.
    second = run_pipeline("build", "--source", str(source), "--out", str(tmp_path / "outputs"),
                          "--editions", "html", "--trace", str(trace), "--skip", "figures")
    assert second.returncode == 1 and "output-decorative-exposed" in second.stderr
    assert not (trace / _stage("figures")).exists()
    assert (trace / _stage("unique-ids")).is_file() and (trace / _stage("table-headers")).is_file()
    assert not (trace / "typst").exists()  # only the HTML edition was built
    assert (trace / "notes.txt").read_text() == "mine"
    assert _captions(_tree(trace / _stage("table-headers"))) == ["Three people planting a tree in a park"]  # the caption figures would have replaced


def test_a_trace_that_is_a_file_is_refused_with_a_fix(source, tmp_path):
    taken = tmp_path / "trace"
    taken.write_text("not a folder")
    result = run_pipeline("build", "--source", str(source), "--out", str(tmp_path / "outputs"), "--trace", str(taken))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(taken) in result.stderr and "--trace needs a folder" in result.stderr and "e.g. --trace" in result.stderr
    assert not (tmp_path / "outputs").exists()
