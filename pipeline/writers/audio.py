"""The summary read aloud (summary.mp3): Debian's espeak-ng speaks each
chapter's summary in the report's language at 150 words a minute, and
ffmpeg joins the chapters into one MP3 with a chapter marker (ID3 CHAP) for
each, so a player can skip from chapter to chapter. summary.txt is its
transcript.

Without espeak-ng or ffmpeg the edition is skipped with a message saying what
to install, and an audio file left by an earlier build is removed (it would no
longer match the text). Nothing is fetched: both are Debian packages
(`apt-get install espeak-ng ffmpeg`; .ci/run installs them).
"""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
import wave
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from filters import meta_text, stringify
from pipeline import atomic
from pipeline.writers import BuildContext, Written
from pipeline.writers.text import blocks_text

WORDS_PER_MINUTE = 150
PAUSE_SECONDS = 0.8  # between chapters
INSTALL = "apt-get install espeak-ng ffmpeg"


def _run(args: list[str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, timeout=timeout, check=True)


@functools.lru_cache(maxsize=None)
def voices(espeak: str) -> frozenset[str]:
    listing = subprocess.run([espeak, "--voices"], capture_output=True, text=True, timeout=60).stdout
    return frozenset(line.split()[1].lower() for line in listing.splitlines()[1:] if len(line.split()) > 1)


def voice_for(lang: str, available: frozenset[str]) -> str | None:
    """en-GB -> en-gb; cy -> cy; de-CH -> de when there is no Swiss German voice."""
    tag = (lang or "en").lower().replace("_", "-")
    for candidate in (tag, tag.split("-")[0]):
        if candidate in available:
            return candidate
    return None


def speakable(text: str, lang: str) -> str:
    """Text espeak-ng reads the way a person would (English only; other languages as written):
    '£48,000' as '48,000 pounds' (not 'pound 48,000'), '2025–26' as '2025 to 26', and
    '01632 960123' digit by digit, as phone numbers are read."""
    if not lang.lower().startswith("en"):
        return text

    def money(match: re.Match) -> str:
        amount, pence = match.group(1), match.group(2)
        unit = "pound" if amount == "1" else "pounds"
        return f"{amount} {unit}" + (f" and {int(pence[1:])} pence" if pence and int(pence[1:]) else "")

    text = re.sub(r"£(\d[\d,]*)(\.\d\d)?\b", money, text)
    text = re.sub(r"(?<=\d)\s?[–-]\s?(?=\d)", " to ", text)
    text = re.sub(r"\b0\d{3,}(?:\s\d{3,})*\b", lambda m: ", ".join(" ".join(g) for g in m.group().split()), text)
    return text


def sections(doc: dict) -> list[tuple[str, str]]:
    """(title, words to speak) for the opening and for each chapter of the summary tree."""
    meta = doc.get("meta", {})
    opening = meta_text(meta.get("title"))
    organisation = meta_text(meta.get("organisation")) or meta_text(meta.get("author"))
    found = [(opening, f"{opening}." + (f" From {organisation}." if organisation else ""))]
    for block in doc["blocks"]:
        if block["t"] == "Header" and block["c"][0] == 1:
            title = stringify(block["c"][2])
            found.append((title, f"{title}."))
        elif found:
            lines = [line.strip(" -") for chunk in blocks_text([block]) for line in chunk]
            text = " ".join(line for line in lines if line)
            if text:
                title, spoken = found[-1]
                found[-1] = (title, f"{spoken}\n{text}")
    return found


def _concatenate(parts: list[Path], target: Path) -> list[float]:
    """One WAV from the chapters' WAVs with a pause between them; returns each chapter's start (s)."""
    starts, position = [], 0.0
    with wave.open(str(parts[0])) as first:
        params = first.getparams()
    silence = b"\0" * int(params.framerate * PAUSE_SECONDS) * params.sampwidth * params.nchannels
    with wave.open(str(target), "wb") as out:
        out.setparams(params)
        for index, part in enumerate(parts):
            with wave.open(str(part)) as chapter:
                starts.append(position)
                out.writeframes(chapter.readframes(chapter.getnframes()))
                position += chapter.getnframes() / params.framerate
            if index < len(parts) - 1:
                out.writeframes(silence)
                position += PAUSE_SECONDS
    return starts + [position]


def _escape(value: str) -> str:
    return re.sub(r"([=;#\\\n])", r"\\\1", value)


def write_audio(ctx: BuildContext, doc: dict, target: Path) -> Written:
    espeak, ffmpeg = shutil.which("espeak-ng"), shutil.which("ffmpeg")
    missing = [name for name, path in (("espeak-ng", espeak), ("ffmpeg", ffmpeg)) if not path]
    lang = ctx.report.meta.get("lang", "en")
    voice = voice_for(lang, voices(espeak)) if espeak else None
    if missing or voice is None:
        target.unlink(missing_ok=True)
        reason = (f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not installed "
                  f"(Debian: {INSTALL})" if missing else f"espeak-ng has no voice for the language '{lang}'")
        return Written(target, detail={"skipped": f"no audio edition: {reason}"})

    parts = sections(doc)
    with tempfile.TemporaryDirectory(prefix="summary-audio-") as folder:
        tmp = Path(folder)

        def speak(item: tuple[int, tuple[str, str]]) -> Path:
            index, (_title, text) = item
            script, sound = tmp / f"{index:03}.txt", tmp / f"{index:03}.wav"
            script.write_text(speakable(text, lang), encoding="utf-8")
            _run([espeak, "-v", voice, "-s", str(WORDS_PER_MINUTE), "-w", str(sound), "-f", str(script)])
            return sound

        with ThreadPoolExecutor() as pool:
            sounds = list(pool.map(speak, enumerate(parts)))
        joined = tmp / "summary.wav"
        times = _concatenate(sounds, joined)

        metadata = [";FFMETADATA1", f"title={_escape(meta_text(doc['meta'].get('title')))}",
                    f"artist={_escape(str(ctx.report.meta.get('organisation', '')))}",
                    f"language={_escape(lang)}", "genre=Speech"]
        for (title, _text), start, end in zip(parts, times, times[1:]):
            metadata += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(start * 1000)}",
                         f"END={round(end * 1000)}", f"title={_escape(title)}"]
        (tmp / "chapters.txt").write_text("\n".join(metadata) + "\n", encoding="utf-8")
        with atomic.replacing(target) as temp:
            _run([ffmpeg, "-nostdin", "-loglevel", "error", "-y", "-i", str(joined),
                  "-f", "ffmetadata", "-i", str(tmp / "chapters.txt"), "-map", "0:a", "-map_metadata", "1",
                  "-map_chapters", "1", "-ac", "1", "-codec:a", "libmp3lame", "-q:a", "7",
                  "-fflags", "+bitexact", "-flags:a", "+bitexact", "-id3v2_version", "4", "-f", "mp3", str(temp)])
    words = sum(len(text.split()) for _title, text in parts)
    return Written(target, detail={"seconds": round(times[-1], 1), "words": words, "chapters": len(parts)})
