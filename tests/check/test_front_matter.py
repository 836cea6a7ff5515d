"""Front matter as Hugo, Jekyll and pandoc users write it (YAML `---`, TOML `+++`, a JSON
object) is read, never printed as body text, by both parses: the validator's
(commonmark_x+sourcepos) and the build's (pandoc markdown). A lone file's front matter
gives its title and language in any form, line numbers stay those of the file, and front
matter that cannot be read stops with its file:line and a fix."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from filters import stringify
from pipeline.check import check_file
from pipeline.check.model import parse_for_check
from pipeline.diagnostics import ReportError
from pipeline.front_matter import split_front_matter
from pipeline.parse import read_chapter
from tests.conftest import ROOT

# The same chapter body under each form, after five lines of front matter and a blank line:
# its `####` heading skips a level on the file's line 11.
BODY = "## Our year in numbers\n\nWe opened a second food bank in March.\n\n#### Volunteers\n\nForty people helped.\n"
HUGO_TOML = '+++\ntitle = "Annual report 2025"\nlang = "en-GB"\ndraft = false\n+++\n\n' + BODY
FORMS = {
    "yaml": "---\ntitle: Annual report 2025\nlang: en-GB\ndraft: false\n---\n\n" + BODY,
    "yaml-dots": "---\ntitle: Annual report 2025\nlang: en-GB\ntags: [food, volunteers]\n...\n\n" + BODY,
    "toml": HUGO_TOML,
    "json": '{\n  "title": "Annual report 2025",\n  "lang": "en-GB",\n  "weight": 3\n}\n\n' + BODY,
    "toml-crlf-bom": "\ufeff" + HUGO_TOML.replace("\n", "\r\n"),
}
LEAKED = ("+++", "title =", '"title"', "draft", "weight", "tags")


def write(tmp_path: Path, text: str, name: str = "chapter.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def body_text(blocks: list) -> str:
    return " ".join(stringify(block) for block in blocks)


@pytest.mark.parametrize("form", FORMS)
def test_lone_file_takes_title_and_language_from_any_form(tmp_path, form):
    path = write(tmp_path, FORMS[form])
    found = [f"{d.rule} {d.line}:{d.column}" for d in check_file(path)]
    assert found == ["heading-skip 11:1"]  # no missing-title or missing-lang; the file's own line
    assert parse_for_check(path, tmp_path).front_matter("title") == "Annual report 2025"


@pytest.mark.parametrize("form", FORMS)
def test_front_matter_is_read_as_settings_and_never_printed(tmp_path, form):
    path = write(tmp_path, FORMS[form])
    chapter = read_chapter(path, tmp_path)
    text = body_text(chapter.blocks)
    assert text.startswith("Our year in numbers"), text
    assert not any(leak in text for leak in LEAKED), text
    assert [b["t"] for b in chapter.blocks] == ["Header", "Para", "Header", "Para"]
    assert chapter.front_matter["title"] == "Annual report 2025"


def test_front_matter_lines_become_blank_lines():
    front = split_front_matter(HUGO_TOML, Path("c.md"))
    assert front.form == "TOML" and front.data == {"title": "Annual report 2025", "lang": "en-GB", "draft": False}
    assert front.body.splitlines()[:6] == [""] * 6
    assert front.body.splitlines()[6:] == HUGO_TOML.splitlines()[6:]


@pytest.mark.parametrize("text", [
    "---\n\nA rule, a paragraph and a rule.\n\n---\n\nMore text.\n",
    "---\nA setext heading over a rule\n---\n\nText.\n",
    "{#intro .lead}\n\nAn attribute line someone pasted.\n",
    "{Draft} This paragraph starts with a brace.\n",
    "# Title\n\n+++\ntitle = \"not at the top\"\n+++\n",
])
def test_markdown_that_only_looks_like_front_matter_is_left_alone(text):
    front = split_front_matter(text, Path("c.md"))
    assert (front.form, front.data, front.body) == ("", {}, text)


@pytest.mark.parametrize("text, where, problem, fix", [
    ('+++\ntitle = "Annual report\nlang = "en-GB"\n+++\n\n# Hi\n', "c.md:2:", "the TOML front matter cannot be read",
     'key = "value"'),
    ('+++\ntitle: "Annual report"\n+++\n\n# Hi\n', "c.md:2:", "the TOML front matter cannot be read",
     'key = "value"'),
    ('+++\ntitle = "Annual report"\n\n# Hi\n', "c.md:1:", "opened with +++ on line 1 is never closed",
     "end the front matter with a line of +++"),
    ('{\n  "title": "Annual report",\n  "lang": "en-GB",\n}\n\n# Hi\n', "c.md:4:",
     "the JSON front matter cannot be read", "no comma after the last value"),
    ('{\n  "title": "Annual report" } # Hi\n', "c.md:2:", "text follows the JSON front matter", "line of its own"),
    ("---\ntitle: Annual report\nlang: [en-GB\n---\n\n# Hi\n", "c.md:4:", "the YAML front matter cannot be read",
     "quote values that contain a colon"),
    ("---\ntitle: Annual report\ndate: 2025-02-30\n---\n\n# Hi\n", "c.md:2", "the YAML front matter cannot be read",
     "write dates as YYYY-MM-DD"),
])
def test_unreadable_front_matter_is_refused_at_its_line(text, where, problem, fix):
    with pytest.raises(ReportError) as caught:
        split_front_matter(text, Path("c.md"))
    message = str(caught.value)
    assert message.startswith(where) and problem in message and fix in message, message


def test_cli_stops_on_bad_toml_with_one_line(tmp_path):
    path = write(tmp_path, '+++\ntitle = Annual report\n+++\n\n# Hi\n')
    run = subprocess.run([sys.executable, "-m", "pipeline", "check", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stderr.strip().startswith(f"{path}:2:9: error: the TOML front matter cannot be read"), run.stderr


def test_a_chapter_front_matter_title_is_not_a_second_title(tmp_path):
    """In a report a chapter is titled by its # heading; the title a Hugo page carries is not printed."""
    import shutil

    from pipeline.check import check_paths
    from tests.conftest import TINY

    source = tmp_path / "source"
    shutil.copytree(TINY, source)
    chapter = source / "chapters" / "01-one.md"
    chapter.write_text('+++\ntitle = "One"\nweight = 1\n+++\n\n' + chapter.read_text(encoding="utf-8"),
                       encoding="utf-8")
    assert [str(d) for d in check_paths([source]) if d.rule.startswith("heading-")] == []
