"""Any character prints: emoji, flags, symbols and other scripts get a
fallback font after Atkinson Hyperlegible (pipeline/fonts.py), and the PDFs
still pass PDF/UA-1. A character that no font has is reported by the
validator at its file:line:col, all of them in one run, before any writer
starts, and nothing is published.
"""
from __future__ import annotations

import shutil
import subprocess

import page
import pikepdf
import pytest

from pipeline.fonts import unprintable
from tests.conftest import TINY, run_pipeline
from tests.tools import program

# What a comms team pastes in from chat, a partner's newsletter and a spreadsheet.
PASTED = """# Around the world {#world}

::: summary
People from many places helped us.
:::

Thank you all 👍 🎉 — what a year! Partners in 🇬🇧 and 🇺🇦 sent seeds ❤️.

- ✓ New roof on the hut
- ★ Volunteer of the year: Олена Коваленко
- Next → two more gardens

Our Arabic-speaking members wrote: مرحبا بكم في حديقتنا المجتمعية.

Our Chinese-speaking members wrote: 欢迎来到我们的社区花园。

A welcome in Hindi: हमारे बगीचे में आपका स्वागत है।

| Garden | Hours |
|--------|------:|
| Fig 🌱 tree corner | 12 |
| Ελιά (olive) row | 8 |

: Hours by garden (hours)
"""


def _report(tmp_path, text: str):
    source = tmp_path / "source"
    shutil.copytree(TINY, source)
    (source / "chapters" / "03-world.md").write_text(text, encoding="utf-8")
    config = source / "report.yaml"
    config.write_text(config.read_text().replace("  - chapters/02-two.md\n",
                                                 "  - chapters/02-two.md\n  - chapters/03-world.md\n"))
    return source


@pytest.fixture(scope="module")
def world_build(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("any-character")
    out = tmp_path / "outputs"
    result = run_pipeline("build", "--source", str(_report(tmp_path, PASTED)), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("name", ["report.pdf", "report-large-print.pdf", "summary.pdf"])
def test_pdfs_with_every_script_pass_pdf_ua_1(world_build, name):
    result = page.validate_pdf(world_build / name, profile="ua1")
    assert result.rules.failed == 0, [f"{f.rule_id}: {f.message}" for f in result.failures]


def test_fallback_fonts_are_embedded_and_the_text_reads_back(world_build):
    with pikepdf.open(world_build / "report.pdf") as pdf:
        fonts = {str(font.get("/BaseFont", "")).split("+")[-1] for page_ in pdf.pages
                 for font in (page_.Resources.get("/Font") or {}).values()}
    for face in ("AtkinsonHyperlegible-Regular", "NotoEmoji-Regular", "NotoSansArabic-Regular",
                 "NotoSansDevanagari-Regular", "NotoSans-Regular"):
        assert face in fonts, fonts
    assert any(font.startswith("NotoSansCJK") for font in fonts), fonts
    text = subprocess.run([program("pdftotext"), str(world_build / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    for words in ("Олена Коваленко", "欢迎来到我们的社区花园", "👍", "✓", "★", "→", "Ελιά"):
        assert words in text, words


def test_the_fonts_cover_what_people_paste():
    assert unprintable("Café £5 — “quoted” 👍🎉🇬🇧✓★→ Олена Ελιά مرحبا 欢迎 नमस्ते") == set()


def test_every_unprintable_character_is_reported_at_once_and_nothing_is_built(tmp_path):
    chapter = PASTED + "\nThe museum lent us 𓀀 for the poster.\n\n```\nlabel 𓁐 here\n```\n"
    source = _report(tmp_path, chapter)
    config = source / "report.yaml"
    config.write_text(config.read_text().replace("title: Tiny Report", "title: Tiny Report 𓆣"), encoding="utf-8")
    out = tmp_path / "outputs"
    result = run_pipeline("build", "--source", str(source), "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Typst could not" not in result.stderr
    lines = chapter.splitlines()
    museum = next(i for i, line in enumerate(lines, 1) if "𓀀" in line)
    code = next(i for i, line in enumerate(lines, 1) if "𓁐" in line)
    assert (f"03-world.md:{museum}:{lines[museum - 1].index('𓀀') + 1}: error character-unprintable: "
            'no font of the PDF has this character: "𓀀" (U+13000 EGYPTIAN HIEROGLYPH A001)') in result.stderr
    assert f"03-world.md:{code}:7: error character-unprintable" in result.stderr
    assert 'report.yaml:1:20: error character-unprintable: no font of the PDF has this character: "𓆣"' \
        in result.stderr
    assert "replace it or describe it in words" in result.stderr
    assert result.stderr.count("character-unprintable") == 3  # the emoji, flags and scripts above print
    assert not (out / "report.pdf").exists()
