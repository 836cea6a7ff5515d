"""The summary read aloud (summary.mp3): eSpeak NG speaks each chapter's
summary in the report's language at 150 words a minute, LAME encodes it as
one MP3, and ID3 chapter frames (CHAP, CTOC) mark each chapter, so a player
can skip from chapter to chapter. summary.txt is its transcript.

Everything comes from PyPI wheels that bundle their libraries (espeakng-loader,
lameenc, mutagen): nothing is installed from Debian, nothing is fetched. A
language that eSpeak NG has no voice for gets a message and no audio edition,
and an audio file left by an earlier build is removed (it would no longer
match the text).
"""
from __future__ import annotations

import re
from pathlib import Path

from filters import meta_text, stringify
from pipeline import atomic
from pipeline.writers import BuildContext, Written, not_made
from pipeline.writers.speech import Speech, SpeechUnavailable, languages, speak
from pipeline.writers.text import blocks_text

WORDS_PER_MINUTE = 150
PAUSE_SECONDS = 0.8  # between chapters
BIT_RATE = 48  # kbit/s, constant: clear for one voice, and a player can seek by time


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


def _join(spoken: list[Speech]) -> tuple[Speech, list[float]]:
    """One recording from the chapters' with a pause between them, and each chapter's start and
    the end (s)."""
    rate = spoken[0].sample_rate
    silence = b"\0\0" * int(rate * PAUSE_SECONDS)
    starts, position = [], 0.0
    for part in spoken:
        starts.append(position)
        position += part.seconds + PAUSE_SECONDS
    joined = Speech(silence.join(part.pcm for part in spoken), rate)
    return joined, starts + [joined.seconds]


def _encode(speech: Speech) -> bytes:
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE)
    encoder.set_in_sample_rate(speech.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(2)  # 2 = high quality, slower; the whole summary still takes well under a second
    return bytes(encoder.encode(speech.pcm) + encoder.flush())


def _tag(path: Path, title: str, organisation: str, lang: str, chapters: list[tuple[str, float, float]]) -> None:
    """Title, organisation, language and one ID3 chapter frame per chapter, with a table of contents."""
    from mutagen.id3 import CHAP, CTOC, ID3, TCON, TIT2, TLAN, TPE1, CTOCFlags

    tags = ID3()
    tags.add(TIT2(encoding=3, text=title))
    tags.add(TPE1(encoding=3, text=organisation))
    tags.add(TLAN(encoding=3, text=lang))
    tags.add(TCON(encoding=3, text="Speech"))
    ids = [f"chapter{index}" for index in range(len(chapters))]
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                  sub_frames=[TIT2(encoding=3, text="Contents")]))
    for element_id, (name, start, end) in zip(ids, chapters):
        tags.add(CHAP(element_id=element_id, start_time=round(start * 1000), end_time=round(end * 1000),
                      sub_frames=[TIT2(encoding=3, text=name)]))
    tags.save(str(path), v2_version=4, padding=lambda info: 0)


def write_audio(ctx: BuildContext, doc: dict, target: Path) -> Written:
    lang = str(ctx.report.meta.get("lang", "en"))
    try:
        voice = voice_for(lang, languages())
    except SpeechUnavailable as error:
        voice, reason = None, str(error)
    else:
        reason = f"eSpeak NG has no voice for the language '{lang}'"
    if voice is None:
        return not_made(target, f"no audio edition: {reason}")

    parts = sections(doc)
    recording, times = _join([speak(speakable(text, lang), voice, WORDS_PER_MINUTE) for _title, text in parts])
    with atomic.replacing(target) as temp:
        temp.write_bytes(_encode(recording))
        _tag(temp, meta_text(doc["meta"].get("title")), str(ctx.report.meta.get("organisation", "")), lang,
             [(title, start, end) for (title, _text), start, end in zip(parts, times, times[1:])])
    words = sum(len(text.split()) for _title, text in parts)
    return Written(target, detail={"seconds": round(times[-1], 1), "words": words, "chapters": len(parts)})
