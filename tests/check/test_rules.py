"""The validator's source rules against a corpus of Markdown fixtures.

tests/fixtures/validator/ holds, for every rule id:

* `<rule-id>.md`: fires the rule (in several shapes where that makes sense);
* `<rule-id>.clean.md`: near-misses a naive rule would flag; must give no findings;
* optionally `<rule-id>.<variant>.md`: another firing shape that needs its own file
  (the document rules fire at most once per file).

Each fixture lists the exact findings it must produce in its front matter:

    expect:
      - heading-skip 12:1

Run from the repository root (the tests chdir there) so paths display as
`tests/fixtures/...`, as they would for a person running the CLI.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import yaml

from pipeline.check import check_file, check_paths, check_report
from pipeline.check.rules import RULES
from pipeline.diagnostics import ReportError
from pipeline.source import load_report

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "validator"
FIXTURE_FILES = sorted(FIXTURES.glob("*.md"))
RULE_IDS = [r.id for r in RULES]
SEVERITY = {r.id: r.severity for r in RULES}
DOCUMENT_RULES = {r.id for r in RULES if "document" in r.tags}  # fire at most once per file


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name} does not start with YAML front matter"
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end]) or {}


def expected(path: Path) -> list[str]:
    expect = front_matter(path).get("expect")
    assert isinstance(expect, list), f"{path.name} has no 'expect:' list in its front matter"
    return [str(e) for e in expect]


def found(path: Path) -> list[str]:
    """A fixture with `report_chapter: true` is checked as the one chapter of a report with its
    title and language (the chapter-* rules look at reports only); the others as lone files."""
    meta = front_matter(path)
    if not meta.get("report_chapter"):
        return [f"{d.rule} {d.line}:{d.column}" for d in check_file(path)]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "chapters").mkdir()
        shutil.copy(path, Path(folder) / "chapters" / path.name)
        (Path(folder) / "report.yaml").write_text(yaml.safe_dump(
            {"title": meta["title"], "lang": meta["lang"], "chapters": [f"chapters/{path.name}"]}), encoding="utf-8")
        return [f"{d.rule} {d.line}:{d.column}" for d in check_report(load_report(folder))]


def rule_of(path: Path) -> str:
    """The rule a fixture is about: its name up to the first dot."""
    return path.name.split(".")[0]


def is_clean(path: Path) -> bool:
    return path.name.endswith(".clean.md")


# --- the corpus ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.name for p in FIXTURE_FILES])
def test_fixture_gives_exactly_the_expected_findings(path):
    assert Counter(found(path)) == Counter(expected(path))


def test_corpus_is_not_empty():
    assert len(FIXTURE_FILES) >= 2 * len(RULES)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_firing_and_a_clean_fixture(rule_id):
    assert (FIXTURES / f"{rule_id}.md").is_file(), f"no firing fixture {rule_id}.md"
    assert (FIXTURES / f"{rule_id}.clean.md").is_file(), f"no clean fixture {rule_id}.clean.md"


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.name for p in FIXTURE_FILES])
def test_fixture_is_well_formed(path):
    """Named after a real rule; clean ones expect nothing; firing ones expect their own rule
    (twice or more, in different places, unless it is a once-per-file document rule)."""
    assert rule_of(path) in RULE_IDS, f"{path.name} is not named after a rule"
    meta = front_matter(path)
    expect = expected(path)
    if is_clean(path):
        assert expect == []
    else:
        own = [e for e in expect if e.split()[0] == rule_of(path)]
        assert len(own) >= (1 if rule_of(path) in DOCUMENT_RULES else 2), expect
        assert len(set(own)) == len(own), "the same finding listed twice"
    for e in expect:
        rule_id, _, where = e.partition(" ")
        assert rule_id in RULE_IDS, e
        line, _, column = where.partition(":")
        assert line.isdigit() and column.isdigit(), e
    # every fixture sets title and lang, except the ones about a missing title or language
    if rule_of(path) != "missing-title":
        assert str(meta.get("title") or "").strip()
    if rule_of(path) != "missing-lang":
        assert str(meta.get("lang") or "").strip()


# --- exact messages --------------------------------------------------------------------------

def by_line(path: Path) -> dict[int, list[str]]:
    lines: dict[int, list[str]] = {}
    for d in check_file(path):
        lines.setdefault(d.line, []).append(str(d))
    return lines


def test_alt_missing_full_line():
    path = FIXTURES / "alt-missing.md"
    assert by_line(path)[14] == [
        "tests/fixtures/validator/alt-missing.md:14:1: error alt-missing: "
        "image \"images/hall-front.jpg\" has no alt text — describe what the image shows in the [ ], "
        "or mark it {.decorative} if it carries no information"]
    assert by_line(path)[18] == [
        "tests/fixtures/validator/alt-missing.md:18:14: error alt-missing: "
        "image \"images/sign.png\" has no alt text — describe what the image shows in the [ ], "
        "or mark it {.decorative} if it carries no information"]


def test_heading_skip_full_line_has_a_specific_fix():
    assert by_line(FIXTURES / "heading-skip.md")[20] == [
        "tests/fixtures/validator/heading-skip.md:20:1: error heading-skip: "
        "level-4 heading \"Friday football\" after a level-2 heading skips level 3 "
        "— make it a level-3 heading (###)"]


def test_heading_duplicate_id_names_the_first_heading():
    assert by_line(FIXTURES / "heading-duplicate-id.md")[16] == [
        "tests/fixtures/validator/heading-duplicate-id.md:16:1: error heading-duplicate-id: "
        "id '#contact' is also used by \"Contact us\" at heading-duplicate-id.md:12 "
        "— give each heading its own {#id}"]


def test_an_id_taken_from_another_headings_automatic_id_names_that_heading():
    assert by_line(FIXTURES / "heading-duplicate-id.md")[33] == [
        "tests/fixtures/validator/heading-duplicate-id.md:33:1: error heading-duplicate-id: "
        "id '#results' is also the automatic id of the heading \"Results\" at heading-duplicate-id.md:29; "
        "one of the two is renamed, so a link to #results can reach the wrong heading "
        "— give this heading another {#id}, or give \"Results\" an {#id} of its own"]


def test_a_second_level_1_heading_under_a_front_matter_title_says_the_title_counts():
    lines = by_line(FIXTURES / "heading-multiple-h1.md")
    assert lines[9] == [
        "tests/fixtures/validator/heading-multiple-h1.md:9:1: error heading-multiple-h1: "
        "another level-1 heading \"Annual report 2025\": the front matter's title \"Annual report 2025\" counts "
        "as this file's level-1 heading — delete this heading: the front matter's title is already shown "
        "as the level-1 heading"]
    assert lines[17] == [
        "tests/fixtures/validator/heading-multiple-h1.md:17:1: error heading-multiple-h1: "
        "another level-1 heading \"Looking ahead\": the front matter's title \"Annual report 2025\" counts "
        "as this file's level-1 heading — keep one # heading per chapter file (its title); make the others ## "
        "or split the file"]


def test_a_second_level_1_heading_without_a_front_matter_title_is_counted(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("---\nlang: en-GB\n---\n\n# Notes from the AGM\n\nText.\n\n# Actions\n\nMore text.\n",
                    encoding="utf-8")
    [finding] = [str(d) for d in check_file(path) if d.rule == "heading-multiple-h1"]
    assert finding.endswith(":9:1: error heading-multiple-h1: level-1 heading \"Actions\" is number 2 in this file "
                            "— keep one # heading per chapter file (its title); make the others ## or split the file")


def test_bare_address_link_is_a_warning_with_its_own_fix():
    assert by_line(FIXTURES / "link-text-generic.md")[23] == [
        "tests/fixtures/validator/link-text-generic.md:23:5: warning link-text-generic: "
        "link text is a bare web address \"https://riverside.example.org/volunteer\" "
        "— name the page, and give the address in the text only if people will type it"]


def test_bad_language_tag_message():
    [diagnostic] = check_file(FIXTURES / "missing-lang.bad-tag.md")
    assert str(diagnostic) == (
        "tests/fixtures/validator/missing-lang.bad-tag.md:1:1: error missing-lang: "
        "'en_GB' is not a language tag — set 'lang:' to a BCP 47 tag such as en-GB or cy")


def test_severity_comes_from_the_rule():
    for path in FIXTURE_FILES:
        for d in check_file(path):
            assert d.severity == SEVERITY[d.rule], (path.name, d)


# --- the command line ----------------------------------------------------------------------

def cli(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "check", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_cli_clean_file_exits_0():
    run = cli(relative(FIXTURES / "heading-fake.clean.md"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == "0 errors, 0 warnings"


def test_cli_file_with_errors_exits_1():
    run = cli(relative(FIXTURES / "alt-missing.md"))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "error alt-missing" in run.stdout


def test_cli_warnings_only_exit_0_but_1_with_strict():
    path = relative(FIXTURES / "alt-redundant-prefix.md")
    severities = {d.severity for d in check_file(ROOT / path)}
    assert severities == {"warning"}  # the premise of this test
    assert cli(path).returncode == 0
    assert cli(path, "--strict").returncode == 1


def _one_line_error(run: subprocess.CompletedProcess) -> str:
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_cli_missing_path_exits_2_with_one_line():
    line = _one_line_error(cli("tests/fixtures/validator/no-such-file.md"))
    assert "no-such-file.md does not exist" in line


def test_cli_non_utf8_file_exits_2_with_one_line(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("---\ntitle: Caf\u00e9 report\nlang: en-GB\n---\n\nThe caf\u00e9 opened.\n".encode("latin-1"))
    line = _one_line_error(cli(path))
    assert "not UTF-8" in line and "latin1.md" in line


def test_check_file_non_utf8_raises_report_error(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("Caf\u00e9\n".encode("latin-1"))
    with pytest.raises(ReportError, match="not UTF-8"):
        check_file(path)


def test_cli_json_format():
    path = FIXTURES / "alt-generic.md"
    run = cli(relative(path), "--format", "json")
    assert run.returncode == 1
    data = json.loads(run.stdout)
    assert isinstance(data, list) and data
    for item in data:
        assert isinstance(item, dict)
        assert set(item) == {"rule", "severity", "file", "line", "column", "message", "fix"}
        assert item["file"] == relative(path)
    assert Counter(f"{d['rule']} {d['line']}:{d['column']}" for d in data) == Counter(expected(path))
    assert {d["rule"]: d["severity"] for d in data} == {"alt-generic": "error", "longdesc-missing": "warning"}


def test_cli_sarif_format():
    path = FIXTURES / "heading-skip.md"
    run = cli(relative(path), "--format", "sarif")
    assert run.returncode == 1
    log = json.loads(run.stdout)
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    diagnostics = check_file(path)
    assert len(results) == len(diagnostics) == 3
    for result, d in zip(results, diagnostics):
        assert result["ruleId"] == d.rule == "heading-skip"
        location = result["locations"][0]["physicalLocation"]
        assert location["region"]["startLine"] == d.line
        assert location["region"]["startColumn"] == d.column
        assert location["artifactLocation"]["uri"] == relative(path)
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} >= set(RULE_IDS)


def test_cli_text_format_lines_and_count():
    path = FIXTURES / "alt-generic.md"
    run = cli(relative(path))
    lines = run.stdout.strip().splitlines()
    assert lines[:-1] == [str(d) for d in check_file(path)]
    assert lines[-1] == "9 errors, 1 warning"


def test_cli_text_count_plural_warnings():
    run = cli(relative(FIXTURES / "link-text-generic.md"))
    assert run.stdout.strip().splitlines()[-1] == "0 errors, 10 warnings"


# --- a source folder -----------------------------------------------------------------------

def test_check_paths_on_a_source_folder_has_no_errors():
    found = check_paths([Path("tests/fixtures/tiny")])
    assert [str(d) for d in found if d.severity == "error"] == []


def test_check_paths_on_files_matches_check_file():
    paths = [FIXTURES / "alt-missing.md", FIXTURES / "heading-skip.md"]
    assert [str(d) for d in check_paths(paths)] == [str(d) for p in paths for d in check_file(p)]


# --- regressions: near-misses and positions that rules once got wrong --------------------------

HEAD = "---\ntitle: Known bugs\nlang: en-GB\n---\n\n"  # the body starts on line 6


def regression(id: str, body: str, expect: list[str], reason: str, head: str = HEAD):
    """A case a rule once got wrong; `reason` says what it did."""
    return pytest.param(head + body, expect, id=id)


REGRESSIONS = [
    # CHART_WORDS / TEXT_IMAGE_WORDS are matched as substrings of the file name
    regression("longdesc-photograph",
              "![A group photo on the steps of the hall](images/team-photograph.jpg)\n", [],
              "longdesc-missing: 'graph' is matched inside 'photograph'"),
    regression("longdesc-charter",
              "![Councillor Price signing the community charter](images/charter-signing.jpg)\n", [],
              "longdesc-missing: 'chart' is matched inside 'charter'"),
    regression("image-of-text-composter",
              "![Three volunteers turning the compost bays](images/community-composter.jpg)\n", [],
              "image-of-text-undescribed: 'poster' is matched inside 'composter'"),
    regression("image-of-text-scandinavia",
              "![Rowan and Ffion on the ferry](images/scandinavia-trip.jpg)\n", [],
              "image-of-text-undescribed: 'scan' is matched inside 'scandinavia'"),
    # FILE_NAME's camera-name branch is not anchored at the end
    regression("alt-filename-screenshot-sentence",
              "![Screenshot 2 of the booking form with the date field highlighted](images/booking.png)\n", [],
              "alt-filename: a sentence starting 'Screenshot 2' is taken for a camera file name"),
    # heading-fake only looks at the very last character
    regression("heading-fake-curly-quote",
              "**\u201cIt gave me somewhere to go on a Tuesday.\u201d**\n", [],
              "heading-fake: a bold quoted sentence ending in .\u201d is taken for a heading"),
    regression("heading-fake-brackets",
              "**(Figures are for April 2024 to March 2025.)**\n", [],
              "heading-fake: a bold sentence in brackets ending in .) is taken for a heading"),
    # model.position takes the first data-pos; pandoc gives blocks in list items two
    regression("position-table-in-list",
              "Intro.\n\n- First item.\n\n  | | |\n  |-|-|\n  | a | b |\n", ["table-no-header 10:3"],
              "position: a table inside a list item is reported at the list's start (8:1)"),
    regression("position-heading-in-list",
              "Intro.\n\n- First item.\n\n  #### Deep heading\n", ["heading-skip 10:3"],
              "position: a heading inside a list item is reported at the list's start (8:1)"),
    regression("duplicate-id-in-list",
              "## Contact {#contact}\n\n- A list item.\n\n  ## Contact the trustees {#contact}\n",
              ["heading-duplicate-id 10:3"],
              "heading-duplicate-id: the id of a heading in a list item is looked for on the list's line"),
    regression("lang-variant-1996", "Schweizer Text.\n", [],
              "missing-lang: 'de-CH-1996' is a valid BCP 47 tag (4-character variant starting with a digit)",
              head="---\ntitle: Jahresbericht\nlang: de-CH-1996\n---\n\n"),
]


@pytest.mark.parametrize("text, expect", REGRESSIONS)
def test_regression(tmp_path, text, expect):
    path = tmp_path / "case.md"
    path.write_text(text, encoding="utf-8")
    assert Counter(found(path)) == Counter(expect)
