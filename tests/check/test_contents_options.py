"""report.yaml's `contents:` is read with the report: a depth out of range or a
fold that is not auto/true/false stops at its line; an unknown key is a warning."""
from __future__ import annotations

import shutil

import pytest

from pipeline.diagnostics import ReportError
from pipeline.source import load_report
from tests.conftest import TINY


def tiny_with(tmp_path, contents: str):
    root = tmp_path / "tiny"
    shutil.copytree(TINY, root)
    config = root / "report.yaml"
    config.write_text(config.read_text(encoding="utf-8") + contents, encoding="utf-8")
    return root


def test_the_default_is_chapters_and_their_sections_folded_when_long(tmp_path):
    options = load_report(TINY).contents
    assert (options.depth, options.fold) == (2, "auto")
    assert not options.folded(20) and options.folded(21)


def test_the_settings_are_read_as_written(tmp_path):
    options = load_report(tiny_with(tmp_path, "contents:\n  depth: 3   # the board likes detail\n  fold: false\n")).contents
    assert (options.depth, options.fold) == (3, "never") and not options.folded(500)


@pytest.mark.parametrize("contents, message, line", [
    ("contents:\n  depth: 6\n", "'contents: depth' is 6, not a number from 1 to 4", 14),
    ("contents:\n  depth: two\n", "'contents: depth' is 'two'", 14),
    ("contents:\n  fold: sometimes\n", "'contents: fold' is 'sometimes', not auto, true or false", 14),
])
def test_a_setting_out_of_range_stops_at_its_line(tmp_path, contents, message, line):
    with pytest.raises(ReportError) as caught:
        load_report(tiny_with(tmp_path, contents))
    assert message in caught.value.diagnostic.message and caught.value.diagnostic.line == line


def test_an_unknown_key_is_a_warning_with_the_known_ones(tmp_path):
    report = load_report(tiny_with(tmp_path, "contents:\n  levels: 3\n"))
    [warning] = [w for w in report.warnings if "contents: levels" in w.message]
    assert warning.line == 14 and "depth, fold" in warning.fix
