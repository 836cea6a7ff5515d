"""Rebuilds redo only what changed, and what they reuse is exactly what a
clean build would have made."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, TINY


def build(source: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "build", "--source", str(source), "--out", str(out),
                           *extra], cwd=ROOT, capture_output=True, text=True, timeout=300)


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_no_change_rebuild_does_nothing(tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    assert build(TINY, out, "--cache", str(cache)).returncode == 0
    before = digests(out)
    again = build(TINY, out, "--cache", str(cache))
    assert again.returncode == 0
    assert "is up to date" in again.stdout and "pdf" not in again.stdout
    assert digests(out) == before


def test_an_edition_this_report_cannot_have_does_not_keep_the_build_from_being_up_to_date(tmp_path):
    source, cache, out = tmp_path / "source", tmp_path / "cache", tmp_path / "out"
    shutil.copytree(TINY, source)
    report = source / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("lang: en-GB", "lang: zz"), encoding="utf-8")
    first = build(source, out, "--cache", str(cache))
    assert first.returncode == 0 and "no audio edition" in first.stderr and not (out / "summary.mp3").exists()
    again = build(source, out, "--cache", str(cache))
    assert "is up to date" in again.stdout, again.stdout + again.stderr


def test_deleted_output_is_rebuilt(tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    assert build(TINY, out, "--cache", str(cache)).returncode == 0
    (out / "report.pdf").unlink()
    again = build(TINY, out, "--cache", str(cache))
    assert "up to date" not in again.stdout and (out / "report.pdf").exists()


def test_an_edit_outside_the_summaries_reuses_the_summary_editions(tmp_path):
    source, cache, out = tmp_path / "source", tmp_path / "cache", tmp_path / "out"
    shutil.copytree(TINY, source)
    assert build(source, out, "--cache", str(cache)).returncode == 0
    chapter = source / "chapters" / "02-two.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA new closing sentence.\n", encoding="utf-8")
    result = build(source, out, "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert "(unchanged)" in lines["summary-pdf"] and "(unchanged)" in lines["summary-html"]
    assert "(unchanged)" not in lines["pdf"] and "(unchanged)" not in lines["html"]
    assert "A new closing sentence." in (out / "report.html").read_text(encoding="utf-8")


def test_cached_editions_are_identical_to_a_clean_build(tmp_path):
    source, cache = tmp_path / "source", tmp_path / "cache"
    shutil.copytree(TINY, source)
    cached, clean = tmp_path / "cached", tmp_path / "clean"
    assert build(source, cached, "--cache", str(cache)).returncode == 0
    chapter = source / "chapters" / "01-one.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert build(source, cached, "--cache", str(cache)).returncode == 0
    assert build(source, clean, "--no-cache").returncode == 0
    assert digests(cached) == digests(clean)
