"""The `summary:` options are read and checked once, when the source is loaded:
report.yaml's into the Report (the validator never reads report.yaml for them
again), a lone file's from its front matter in whatever form it is written, and
a bad value stops the load with its line in report.yaml."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.check import check_file, check_report
from pipeline.diagnostics import ReportError
from pipeline.source import load_report
from tests.conftest import TINY

# As someone writes it by hand: a comment, odd spacing, a quoted item, capitals in known words.
OPTIONS = """summary:
  # the board asked for a higher bar this year
  min_reading_ease:   110
  known_words: [Polytunnel, CVS]
  at_a_glance:
    - We gave £2,000 to 10 groups.
    - "The   CVS helped us."
"""


def tiny_report(tmp_path: Path, options: str) -> Path:
    root = tmp_path / "source"
    shutil.copytree(TINY, root)
    config = root / "report.yaml"
    config.write_text(config.read_text(encoding="utf-8") + options, encoding="utf-8")
    return root


def test_the_options_are_settled_when_the_report_is_loaded(tmp_path):
    root = tiny_report(tmp_path, OPTIONS)
    report = load_report(root)
    options = report.summary
    assert options.declared and options.min_reading_ease == 110
    assert options.known_words == {"polytunnel", "cvs"}
    lines = (root / "report.yaml").read_text(encoding="utf-8").splitlines()
    [first, second] = options.at_a_glance.items
    assert second.text == "The CVS helped us."  # spaces run together, as a reader hears them
    assert lines[second.line - 1][second.column - 1:].startswith("The   CVS")
    assert lines[first.line - 1][first.column - 1:] == "We gave £2,000 to 10 groups."

    # Changing report.yaml after loading changes nothing: the check uses the loaded options.
    (root / "report.yaml").write_text(lines[0] + "\n" + "\n".join(lines[1:]).replace("110", "10"), encoding="utf-8")
    low = [d for d in check_report(report) if d.rule == "readability-low"]
    assert [Path(d.file).name for d in low] == ["01-one.md", "02-two.md"]
    assert all("below 110" in d.message for d in low)


def test_a_bad_option_stops_the_load_at_its_line(tmp_path):
    root = tiny_report(tmp_path, "summary:\n  draft: true\n  at_a_glance: We gave £2,000 to 10 groups.\n")
    with pytest.raises(ReportError) as caught:
        load_report(root)
    diagnostic = caught.value.diagnostic
    assert Path(diagnostic.file).name == "report.yaml"
    assert (root / "report.yaml").read_text(encoding="utf-8").splitlines()[diagnostic.line - 1].startswith(
        "  at_a_glance:")
    assert "should be a list of short sentences" in diagnostic.message


def test_a_lone_files_options_come_from_its_front_matter_in_any_form(tmp_path):
    body = "\n::: summary\nWe built a polytunnel in the garden.\n:::\n"
    hugo = tmp_path / "garden.md"
    hugo.write_text('+++\ntitle = "Garden"\nlang = "en-GB"\n+++\n' + body, encoding="utf-8")
    assert [d.rule for d in check_file(hugo)] == ["jargon-unexplained"]
    hugo.write_text('+++\ntitle = "Garden"\nlang = "en-GB"\n[summary]\nknown_words = ["Polytunnel"]\n+++\n' + body,
                    encoding="utf-8")
    assert check_file(hugo) == []
