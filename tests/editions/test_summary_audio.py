"""summary.mp3: the summary read aloud by eSpeak NG at 150 words a minute in
the report's language, one ID3 chapter frame per chapter, read back with
mutagen; made with nothing but the Python packages (no program on the PATH);
and a clear message instead of a crash for a language with no voice."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
import yaml
from mutagen.mp3 import MP3

from pipeline.writers import audio
from pipeline.writers.audio import speakable, voice_for
from tests.conftest import ROOT, SAMPLE, TINY

REPORT = yaml.safe_load((SAMPLE / "report.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mp3(sample_build) -> MP3:
    path = sample_build / "summary.mp3"
    assert path.is_file() and path.stat().st_size > 10_000, "no audio edition was built"
    return MP3(path)


def test_duration_is_close_to_words_at_150_a_minute(sample_build, mp3):
    transcript = (sample_build / "summary.txt").read_text(encoding="utf-8")
    words = len([w for w in transcript.split() if any(ch.isalnum() for ch in w)])
    expected = words / 150 * 60  # the issue: words at 150 a minute
    seconds = mp3.info.length
    # pauses between chapters and numbers said in several words make it a little longer;
    # at espeak-ng's default 175 words a minute it would be ~0.86 of the expected time
    assert 0.9 * expected <= seconds <= 1.4 * expected, (words, expected, seconds)


def test_one_chapter_marker_per_chapter_and_metadata(mp3):
    chapters = sorted(mp3.tags.getall("CHAP"), key=lambda chap: chap.start_time)
    titles = [chap.sub_frames["TIT2"].text[0] for chap in chapters]
    assert titles[0].startswith(REPORT["title"])
    assert len(titles) == len(REPORT["chapters"]) + 1 and "Welcome" in titles
    ends = [chap.end_time / 1000 for chap in chapters]
    assert ends == sorted(ends) and abs(ends[-1] - mp3.info.length) < 1
    toc = mp3.tags.getall("CTOC")[0]
    assert list(toc.child_element_ids) == [chap.element_id for chap in chapters]
    assert mp3.tags["TLAN"].text == [REPORT["lang"]] and mp3.tags["TPE1"].text == [REPORT["organisation"]]
    assert mp3.info.channels == 1


def test_landing_page_lists_the_audio_as_easy_to_read(sample_build):
    index = lxml.html.parse(str(sample_build / "index.html")).getroot()
    sections = {s.find(".//h2").text_content(): [a.get("href") for a in s.iter("a")] for s in index.iter("section")}
    assert list(sections)[0] == "Easy to read"
    assert "summary.mp3" in sections["Easy to read"] and "summary.txt" in sections["Easy to read"]


def test_voice_is_the_reports_language():
    available = frozenset({"en-gb", "en-us", "en", "cy", "de"})
    assert voice_for("en-GB", available) == "en-gb"
    assert voice_for("cy", available) == "cy"
    assert voice_for("de-CH", available) == "de"
    assert voice_for("xx", available) is None


def test_words_are_spoken_as_people_say_them():
    assert speakable("We gave £48,000 and £1.", "en-GB") == "We gave 48,000 pounds and 1 pound."
    assert speakable("Annual Report 2025–26", "en-GB") == "Annual Report 2025 to 26"
    assert speakable("Phone us on 01632 960123.", "en-GB") == "Phone us on 0 1 6 3 2, 9 6 0 1 2 3."
    assert speakable("£5", "cy") == "£5"


def test_a_language_without_a_voice_skips_the_audio_with_a_message(tmp_path):
    from pipeline.source import load_report
    from pipeline.writers import BuildContext

    report = load_report(TINY)
    report.meta["lang"] = "zz"
    target = tmp_path / "summary.mp3"
    target.write_bytes(b"an old recording")
    result = audio.write_audio(BuildContext(report, tmp_path), {"meta": {}, "blocks": []}, target)
    assert result.detail["skipped"] == "no audio edition: eSpeak NG has no voice for the language 'zz'"
    assert not target.exists()


def test_the_audio_needs_no_program_on_the_path(tmp_path):
    env = dict(os.environ, PATH=str(Path(sys.executable).parent))  # no /usr/bin: no espeak-ng, no ffmpeg
    run = subprocess.run([sys.executable, "-m", "pipeline", "build", "--source", str(TINY), "--out", str(tmp_path),
                          "--only", "summary,audio"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert MP3(tmp_path / "summary.mp3").info.length > 5
    assert "summary.mp3" in (tmp_path / "index.html").read_text(encoding="utf-8")
