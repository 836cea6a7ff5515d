"""report.brf and summary.brf: Braille Ready Files that a braille reader can
trust. Read back with liblouis, they keep the source's words, headings and
alt text; they fit 40 cells by 25 lines in the BRF character set; they use
UEB grade 2 contractions; a report or a passage in Welsh, German or French
gets that language's code; a language liblouis has no table for gets a
message and no BRF. Built with `--only braille` (a few seconds each) from the
sample, the two-chapter fixture and messy chapters written here.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from pandocfilters import walk

from filters import stringify
from pipeline.check.expected import expected_from_source
from pipeline.check.outputs.braille import check_braille, readable_text, words
from pipeline import louis
from tests.conftest import SAMPLE, TINY, pandoc_json, run_pipeline

try:
    louis.version()
except louis.LouisUnavailable as missing:
    pytest.skip(f"liblouis is not installed: {missing}", allow_module_level=True)

UEB2 = "en-ueb-g2.ctb"
# Pinned once from liblouis 3.24's en-ueb-g2.ctb (UEB grade 2) and checked by hand against the UEB
# contractions: , capital, ! the, & and, = for, ) with, _! their, 5 en, \\ out, "O one, \\ ou, 1 ea,
# M more (alone), 9 in, * ch, ] er, AB about, 4 full stop.
PINNED = {
    "The cat and the dog went for a walk with their friends.": ",! CAT & ! DOG W5T = A WALK ) _! FRS4",
    "We gave out money to local groups.": ',WE GAVE \\ M"OY TO LOCAL GR\\PS4',
    "Read more in the chapter about the grants we gave.": ",R1D M 9 ! *APT] AB ! GRANTS WE GAVE4",
}

MESSY = """\
# Pasted from Word {#messy}

::: summary
We met every week. People liked it.
:::

The cat and the dog went for a walk with their friends. We gave out money to local groups.
Read more in the chapter about the grants we gave.

Copied from our “Community News” page 🎉 — with a link to <https://www.example.org/news/2026/community-fridge-opening-day-with-a-very-long-address> and a note.[^messy-1]

* Tea and cake
    * scones, with jam
* A walk by the river

1. Book a room
2. Tell people

| Month | Visitors | Helpers | Cost (£) | Notes on the day |
|-------|---------:|--------:|---------:|------------------|
| April | 40 | 6 | 120 | Rain all day |
| May | 55 | 8 | 90 | Sunny |

: Fridge visitors by month

![Bar chart of visitors: 40 in April and 55 in May](images/photo.png "Visitors"){longdesc="#visitors-desc"}

::: {.longdesc #visitors-desc}
In April 40 people came. In May 55 people came.
:::

We said [bore da]{lang=cy} to everyone.

## Ein Abschnitt auf Deutsch {lang=de}

::: {lang=de}
Die Straße und der Bericht für das Jahr.
:::

[^messy-1]: The note says where the figures come from.
"""


def build(source: Path, out: Path) -> tuple[int, str]:
    result = run_pipeline("build", "--source", str(source), "--out", str(out), "--only", "braille")
    return result.returncode, result.stdout + result.stderr


def report_copy(tmp: Path, lang: str | None = None, braille: dict | None = None, chapter: str = MESSY) -> Path:
    source = tmp / "source"
    shutil.copytree(TINY, source)
    (source / "chapters" / "03-messy.md").write_text(chapter, encoding="utf-8")
    meta = yaml.safe_load((source / "report.yaml").read_text(encoding="utf-8"))
    meta["chapters"].append("chapters/03-messy.md")
    if lang:
        meta["lang"] = lang
    if braille:
        meta["braille"] = braille
    (source / "report.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def sample_brf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("braille-sample")
    code, said = build(SAMPLE, out)
    assert code == 0, said
    return out


@pytest.fixture(scope="module")
def messy_brf(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("braille-messy")
    code, said = build(report_copy(tmp), tmp / "out")
    assert code == 0, said
    return tmp / "out"


def back(path: Path, table: str = UEB2) -> list[str]:
    return words(louis.back_translate(table, " ".join(readable_text(path.read_text(encoding="ascii")))))


def source_words(source: Path) -> set[str]:
    """The words of each paragraph, heading and table cell, read by pandoc alone, and of the glossary."""
    report = yaml.safe_load((source / "report.yaml").read_text(encoding="utf-8"))
    found: set[str] = set()

    def collect(key, value, fmt, meta):
        if key in ("Para", "Plain"):
            found.update(words(stringify(value)))
        elif key == "Header":
            found.update(words(stringify(value[2])))

    for name in report["chapters"]:
        walk(pandoc_json(source / name)["blocks"], collect, "", {})
    glossary = yaml.safe_load((source / report["glossary"]).read_text(encoding="utf-8")) if "glossary" in report else {}
    for term, meaning in (glossary or {}).items():
        found.update(words(f"{term} {meaning}"))
    return found


def test_every_word_of_the_sample_is_read_back(sample_brf):
    missing = source_words(SAMPLE) - set(back(sample_brf / "report.brf"))
    # A few UEB signs are two words at once ("5" is the wordsign "enough" and the groupsign "en"), and
    # liblouis reads them back one way only: such a word must be in the braille as liblouis writes it.
    ambiguous = {word for word in missing if words(louis.back_translate(UEB2, louis.translate(UEB2, word))) != [word]}
    assert not missing - ambiguous, f"words of the source not in report.brf when read back: {sorted(missing)}"
    cells = set(re.findall(r"[^ \n\f]+", (sample_brf / "report.brf").read_text(encoding="ascii")))
    assert all(louis.translate(UEB2, word).upper() in cells or re.search(r"\d", word) for word in ambiguous), ambiguous


def test_every_heading_and_alt_text_is_read_back_in_order(sample_brf, messy_brf):
    assert check_braille(sample_brf / "report.brf", expected_from_source(SAMPLE)) == []
    assert check_braille(messy_brf / "report.brf", expected_from_source(messy_brf.parent / "source")) == []


def test_the_check_notices_a_lost_heading_and_a_lost_alt_text(sample_brf, tmp_path):
    expected = expected_from_source(SAMPLE)
    brf = (sample_brf / "report.brf").read_text(encoding="ascii")
    alt = next(image.alt for image in expected.images if not image.decorative)
    for lost, rule in ((expected.outline[3][1], "output-outline"), (alt, "output-alt-lost")):
        first = louis.translate(UEB2, lost).split()[0]
        broken = tmp_path / "report.brf"
        broken.write_text(brf.replace(" " + first, " X").replace("\n" + first, "\nX"), encoding="ascii")
        assert [f.rule for f in check_braille(broken, expected)] == [rule]


@pytest.mark.parametrize("name", ["report.brf", "summary.brf"])
def test_pages_fit_40_cells_by_25_lines_in_the_brf_character_set(sample_brf, messy_brf, name):
    for out in (sample_brf, messy_brf):
        data = (out / name).read_bytes()
        assert re.fullmatch(rb"[\x20-\x5f\n\f]*", data), f"{name}: a character outside BRF's ASCII set"
        pages = data.decode("ascii").split("\f")
        assert len(pages) > 3  # title page, contents, text
        for number, page in enumerate(pages, 1):
            lines = page.split("\n")
            assert lines[-1] == "", f"{name} page {number} does not end its last line"
            assert len(lines) - 1 <= 25, f"{name} page {number} has {len(lines) - 1} lines"
            assert max(map(len, lines)) <= 40, f"{name} page {number}: a line of {max(map(len, lines))} cells"


def test_common_contractions_are_used(sample_brf):
    brf = (sample_brf / "report.brf").read_text(encoding="ascii")
    for word, cell in (("the", "!"), ("and", "&"), ("for", "="), ("with", ")")):
        assert re.search(rf"(?:^| ){re.escape(cell)}(?= |$)", brf, re.MULTILINE), f'no "{word}" contraction ({cell})'
        assert not re.search(rf"(?:^| ){word.upper()}(?= |$)", brf, re.MULTILINE), f'"{word}" spelled out'


def test_sentences_match_their_pinned_ueb_grade_2_braille(messy_brf):
    brf = " ".join((messy_brf / "report.brf").read_text(encoding="ascii").split())
    for print_text, braille in PINNED.items():
        assert louis.translate(UEB2, print_text) == braille
        assert braille in brf


def test_contents_page_gives_each_chapter_its_braille_page(messy_brf):
    pages = (messy_brf / "report.brf").read_text(encoding="ascii").split("\f")
    contents = next(page for page in pages if ",3T5TS" in page)
    entries = re.findall(r'^(\S.*?) "+ (#\w+)$', contents, re.MULTILINE)
    assert [louis.back_translate(UEB2, title) for title, _ in entries] == [
        "First chapter", "Second chapter", "Pasted from Word", "Glossary"]
    for title, number in entries:
        page = next(page for page in pages if page.rstrip("\n").endswith(" " + number))
        assert title in page


def test_pictures_tables_notes_lists_and_print_pages(messy_brf):
    said = louis.back_translate(UEB2, " ".join(readable_text((messy_brf / "report.brf").read_text("ascii"))))
    said = " ".join(said.split())
    assert "Picture: Bar chart of visitors: 40 in April and 55 in May" in said
    assert "Description: In April 40 people came." in said
    assert "Picture: Three people planting a tree in a park" in said
    assert "Month: April; Visitors: 40; Helpers: 6; Cost (£): 120; Notes on the day: Rain all day" in said
    assert "• Tea and cake • scones, with jam" in said and "1. Book a room 2. Tell people" in said
    assert "Notes 1. The note says where the figures come from." in said
    assert "party popper" in said  # an emoji by its name, not as liblouis's escape code
    brf = (messy_brf / "report.brf").read_text("ascii")
    assert re.search(r"^-+#\w+$", brf, re.MULTILINE) or re.search(r" {3}#\w+$", brf.split("\f")[2].split("\n")[0])


def test_a_passage_in_german_or_welsh_gets_its_code(messy_brf):
    brf = " ".join((messy_brf / "report.brf").read_text(encoding="ascii").split())
    german = louis.translate("de-g2.ctb", "Die Straße und der Bericht für das Jahr.")
    assert german in brf and louis.translate(UEB2, "Die Straße und der Bericht für das Jahr.") not in brf
    assert louis.translate("cy.tbl", "bore da") in brf
    assert louis.translate("de-g2.ctb", "Ein Abschnitt auf Deutsch") in brf  # a heading with {lang=de}


@pytest.mark.parametrize("lang, table, heading, sentence", [
    ("cy", "cy.tbl", "Ein gwirfoddolwyr", "Rhoddodd pobl eu hamser am ddim."),
    ("de-DE", "de-g2.ctb", "Unsere Freiwilligen", "Die Leute gaben ihre Zeit und ihr Geld."),
    ("fr", "fr-bfu-g2.ctb", "Nos bénévoles", "Les gens ont donné leur temps pour la communauté."),
])
def test_a_report_in_another_language_gets_that_languages_table(tmp_path, lang, table, heading, sentence):
    source = tmp_path / "source"
    (source / "chapters").mkdir(parents=True)
    (source / "chapters" / "01.md").write_text(f"# {heading} {{#one}}\n\n::: summary\n{sentence}\n:::\n\n{sentence}\n",
                                                encoding="utf-8")
    (source / "report.yaml").write_text(yaml.safe_dump({
        "title": heading, "lang": lang, "organisation": "Grŵp", "date": 2026, "chapters": ["chapters/01.md"],
        "summary": {"known_words": words(sentence)}}, allow_unicode=True), encoding="utf-8")
    code, said = build(source, tmp_path / "out")
    assert code == 0, said
    brf = " ".join((tmp_path / "out" / "report.brf").read_text(encoding="ascii").split())
    assert louis.table_for(lang, 2) == table
    assert louis.translate(table, sentence) in brf
    assert louis.translate(UEB2, sentence) not in brf


def test_a_language_without_a_table_gets_a_message_and_no_brf(tmp_path):
    code, said = build(report_copy(tmp_path, "tlh"), tmp_path / "out")
    assert code == 0, said
    assert "no Braille edition: liblouis has no braille table for the language 'tlh'" in said
    assert not list((tmp_path / "out").glob("*.brf"))
    assert "Braille Ready File" not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_grade_1_and_page_size_come_from_report_yaml(tmp_path):
    code, said = build(report_copy(tmp_path, braille={"grade": 1, "cells": 32, "lines": 20}), tmp_path / "out")
    assert code == 0, said
    brf = (tmp_path / "out" / "report.brf").read_text(encoding="ascii")
    assert louis.translate("en-ueb-g1.ctb", "We gave out money to local groups.") in " ".join(brf.split())
    for page in brf.split("\f"):
        assert len(page.split("\n")) - 1 <= 20 and max(map(len, page.split("\n"))) <= 32


def test_a_wrong_braille_setting_stops_with_report_yaml_and_the_fix(tmp_path):
    code, said = build(report_copy(tmp_path, braille={"grade": 3}), tmp_path / "out")
    assert code != 0 and "Traceback" not in said
    assert "report.yaml" in said and "'braille: grade: 3'" in said and "1 or 2" in said


def test_the_landing_page_lists_both_braille_editions(sample_brf):
    page = (sample_brf / "index.html").read_text(encoding="utf-8")
    for name in ("report.brf", "summary.brf"):
        assert re.search(rf'<a href="{name}">Braille Ready File \(BRF\), for braille displays and embossers</a>',
                         page)


def test_without_liblouis_the_build_skips_braille_and_names_the_install_command(tmp_path, monkeypatch):
    from pipeline.source import load_report
    from pipeline.writers import BuildContext
    from pipeline.writers.braille import write_report_brf

    for cached in (louis._library, louis.table_for):
        cached.cache_clear()
    monkeypatch.setattr(louis, "LIBRARY", "liblouis-not-installed.so.20")
    try:
        (tmp_path / "report.brf").write_text("from an earlier build", encoding="ascii")
        result = write_report_brf(BuildContext(report=load_report(TINY), out=tmp_path), {"blocks": []},
                                  tmp_path / "report.brf")
    finally:
        for cached in (louis._library, louis.table_for):
            cached.cache_clear()
    assert "no Braille edition: liblouis is not installed" in result.detail["skipped"]
    assert "apt-get install -y liblouis20 liblouis-data" in result.detail["skipped"]
    assert not (tmp_path / "report.brf").exists()
