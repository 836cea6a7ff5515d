"""`date:` in report.yaml takes the forms people write (a year, a month, a day, however
YAML reads them), keeps the precision they chose in every edition, and refuses anything
else with report.yaml's line and the forms it accepts.

The year and month cases build the tiny report's EPUB, HTML and PDF and run EPUBCheck on
the EPUB: dc:date may be YYYY or YYYY-MM, and pandoc must not pad or drop it."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest

from pipeline.diagnostics import ReportError
from pipeline.report_date import display_date
from pipeline.source import load_report
from pipeline.writers.pdf import typst_meta
from tests.conftest import ROOT, TINY
from tests.judges import epubcheck


def tiny_dated(tmp_path: Path, date_line: str) -> Path:
    source = tmp_path / "source"
    shutil.copytree(TINY, source)
    config = source / "report.yaml"
    text = config.read_text(encoding="utf-8")
    assert "date: 2026-01-15\n" in text  # the line this test replaces
    config.write_text(text.replace("date: 2026-01-15\n", date_line), encoding="utf-8")
    return source


@pytest.mark.parametrize("date_line, kept, shown", [
    ("date: 2026\n", "2026", "2026"),  # YAML: an int
    ("date: '2026'\n", "2026", "2026"),
    ("date: 2026-06\n", "2026-06", "June 2026"),  # YAML: a string
    ("date: 2026-06-30\n", "2026-06-30", "30 June 2026"),  # YAML: a date
    ("date: \"2026-06-30\"\n", "2026-06-30", "30 June 2026"),
    ("date: 2026-06-30 09:30:00\n", "2026-06-30", "30 June 2026"),  # YAML: a timestamp
])
def test_accepted_forms_are_kept_at_their_precision(tmp_path, date_line, kept, shown):
    report = load_report(tiny_dated(tmp_path, date_line))
    assert report.meta["date"] == kept
    assert display_date(report.meta["date"]) == shown


@pytest.mark.parametrize("date_line, problem", [
    ("date: 30/06/2026\n", "'30/06/2026' is not written in a form we read"),
    ("date: June 2026\n", "'June 2026' is not written in a form we read"),
    ("date: 2026-13\n", "'2026-13' is not a real date"),
    ("date: 2026-02-30\n", "'2026-02-30' is not a real date"),
    ("date: 26\n", "'26' is not written in a form we read"),
])
def test_other_dates_are_refused_at_their_line_with_the_accepted_forms(tmp_path, date_line, problem):
    with pytest.raises(ReportError) as caught:
        load_report(tiny_dated(tmp_path, date_line))
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'source' / 'report.yaml'}:3: error: the date {problem}"), message
    assert message.endswith("— write the date as YYYY (2026), YYYY-MM (2026-06) or YYYY-MM-DD (2026-06-30)")


def test_a_bad_date_stops_check_with_one_line_and_no_traceback(tmp_path):
    source = tiny_dated(tmp_path, "date: Summer 2026\n")
    run = subprocess.run([sys.executable, "-m", "pipeline", "check", str(source)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "report.yaml:3: error: the date 'Summer 2026' is not written in a form we read" in run.stderr


def test_pdf_metadata_has_a_date_only_when_a_day_is_given(tmp_path):
    """Typst's datetime needs a day: a year or a month is printed, not padded to 1 January."""
    from pipeline.writers import BuildContext
    from pipeline.writers.pdf import SCREEN

    for date_line, metadata in (("date: 2026\n", None), ("date: 2026-06-30\n", [2026, 6, 30])):
        report = load_report(tiny_dated(tmp_path / date_line.strip()[6:], date_line))
        meta = typst_meta(BuildContext(report=report, out=tmp_path), "Tiny Report", "", SCREEN)
        assert meta["date"] == metadata
        assert meta["date-display"] == display_date(report.meta["date"])


@pytest.mark.parametrize("date_line, kept, shown", [
    ("date: 2026\n", "2026", "2026"),
    ("date: 2026-06\n", "2026-06", "June 2026"),
])
def test_year_or_month_builds_and_passes_epubcheck(tmp_path, date_line, kept, shown):
    source = tiny_dated(tmp_path, date_line)
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "pipeline", "build", "--source", str(source), "--out", str(out),
                          "--editions", "epub,html,pdf", "--no-cache"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    with zipfile.ZipFile(out / "report.epub") as epub:
        package = epub.read("EPUB/content.opf").decode()
    assert f">{kept}</dc:date>" in package
    assert [(m["severity"], m["ID"], m["message"]) for m in epubcheck(out / "report.epub", tmp_path)] == []
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f'<time datetime="{kept}">{shown}</time>' in page
    with pikepdf.open(out / "report.pdf") as pdf:
        assert len(pdf.pages) > 0
