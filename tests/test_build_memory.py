"""The live preview keeps what each build read, checked, filtered and wrote (pipeline/memory.py), so
that an edit costs what it changed. What it then publishes and finds must be exactly what a build
from nothing publishes and finds: compared after edits of every kind, one after another, on a
copy of the sample."""
from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from pipeline.build import build
from pipeline.cache import Cache
from pipeline.check import check_for_build
from pipeline.diagnostics import ReportError
from pipeline.memory import BuildMemory, Recall
from pipeline.parse import read_chapters
from pipeline.source import load_report
from tests.conftest import SAMPLE

WEB = ["html", "site", "summary-html"]

# One after another, each on the source as the edits before left it; True: a source error (or a
# report.yaml naming a file not yet written), so nothing is published.
EDITS = [
    ("a new paragraph", 2, lambda text: text + "\n\nA sentence added while the preview was open.\n", False),
    ("a section in a later chapter", 4, lambda text: text + "\n\n## Notes\n\nWords.\n", False),
    ("a link to that section", 2, lambda text: text + "\n\nSee [the notes](#notes).\n", False),
    # #notes: the later chapter's becomes #notes-1 (filters/unique_ids.py), and the link, on the site,
    # goes to the earlier chapter's page: its own chapter did not change
    ("the same section in an earlier one", 1, lambda text: text + "\n\n## Notes\n\nMore words.\n", False),
    ("a footnote, which numbers the later notes on", 0,
     lambda text: text + "\n\nA claim.[^new]\n\n[^new]: Its source.\n", False),
    ("a link to another chapter's section", 5,
     lambda text: text + "\n\nSee [how we asked](02-priorities.md#priorities-how).\n", False),
    ("a chapter's title", 3, lambda text: text.replace("# Our volunteers {#volunteers}",
                                                       "# Our volunteers and helpers {#volunteers}"), False),
    ("a link to a chapter by its file", 5, lambda text: text + "\n\nSee [what comes next](07-next.md).\n", False),
    # the link goes to the chapter's new id, and the site's page has a new name
    ("that chapter's id", 6, lambda text: text.replace("{#next}", "{#the-year-ahead}"), False),
    ("a picture without alt text", 5, lambda text: text + "\n\n![](images/volunteers.png)\n", True),
    ("the picture described", 5, lambda text: text.replace("![](images/volunteers.png)",
                                                          "![Volunteers at the fridge](images/volunteers.png)"), False),
    ("a link to an id nobody has", 7, lambda text: text + "\n\nSee [nowhere](#no-such-place).\n", True),
    ("the link mended", 7, lambda text: text.replace("[nowhere](#no-such-place)", "[the start](#welcome)"), False),
    # As people paste and edit: HTML from a web page, emoji, the glossary and report.yaml, chapters
    # that stop starting with their title (the stages then take the report whole).
    ("a table pasted as HTML, which numbers the later tables on", 0,
     lambda text: text + "\n\n<table><caption>Pasted</caption><tr><th>Ward</th><th>Groups</th></tr>"
                         "<tr><td>Hollins</td><td>7</td></tr></table>\n\nA line<br>broken by hand.\n", False),
    ("emoji in a heading", 3, lambda text: text + "\n\n## Thank you 🎉 from all of us\n\nWords.\n", False),
    ("a glossary term that every chapter uses", "glossary.yaml",
     lambda text: text + 'Volunteer: "Someone who gives their time without being paid."\n', False),
    ("the report's title", "report.yaml", lambda text: text.replace('title: "Annual Report 2025–26"',
                                                                     'title: "Our Annual Report 2025–26"'), False),
    ("words before a chapter's title", 4, lambda text: "Written before the title.\n\n" + text, True),
    ("the title first again", 4, lambda text: text.replace("Written before the title.\n\n", ""), False),
    ("a picture whose description is in another chapter, so the HTML stages take the report whole", 5,
     lambda text: text + '\n\n![Our new minibus](images/volunteers.png){longdesc="#bus-desc"}\n', False),
    ("that description written", 6,
     lambda text: text + "\n\n::: {.longdesc #bus-desc}\nA white minibus with a ramp at the back.\n:::\n", False),
    ("the description moved beside its picture", 6, lambda text: text.split("\n\n::: {.longdesc #bus-desc}")[0], False),
    ("and written there", 5,
     lambda text: text + "\n::: {.longdesc #bus-desc}\nA white minibus with a ramp at the back.\n:::\n", False),
    ("a chapter added", "report.yaml", lambda text: text.replace(
        "  - chapters/08-formats.md", "  - chapters/08-formats.md\n  - chapters/09-thanks.md"), True),
    ("its file written", "chapters/09-thanks.md",
     lambda _text: "# Thanks {#thanks}\n\nTo everyone who helped, see [the start](#welcome).\n", False),
    ("a chapter taken out, which other chapters link to", "report.yaml",
     lambda text: text.replace("  - chapters/03-grants.md\n", ""), True),
    ("put back", "report.yaml", lambda text: text.replace("  - chapters/04-", "  - chapters/03-grants.md\n  - chapters/04-"),
     False),
    ("the added chapter taken out", "report.yaml", lambda text: text.replace("\n  - chapters/09-thanks.md", ""), False),
]


def edit(source: Path, where: int | str, change) -> None:
    """Change one file: a chapter by its place in the folder, or any file by its path."""
    path = sorted((source / "chapters").glob("*.md"))[where] if isinstance(where, int) else source / where
    path.write_text(change(path.read_text(encoding="utf-8") if path.exists() else ""), encoding="utf-8")


def published(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.name.startswith(".")}


def attempt(source: Path, out: Path, store: Cache, memory: BuildMemory | None) -> str:
    """Build the web editions; what stopped the build ('' if nothing did)."""
    try:
        build(source, out, names=WEB, allow_drafts=True, store=store, log=lambda line: None,
              warn=lambda line: None, memory=memory)
    except Exception as stopped:  # noqa: BLE001 — the two builds must stop alike
        return type(stopped).__name__
    return ""


def test_what_the_preview_publishes_after_each_edit_is_what_a_build_from_nothing_publishes(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SAMPLE, source)
    memory, store = BuildMemory(), Cache(tmp_path / "cache")
    assert attempt(source, tmp_path / "kept", store, memory) == ""
    for number, (name, chapter, change, error) in enumerate(EDITS):
        edit(source, chapter, change)
        kept = attempt(source, tmp_path / "kept", store, memory)
        fresh = attempt(source, tmp_path / f"fresh-{number}", Cache(None), None)
        assert kept == fresh and bool(kept) == error, (name, kept, fresh)
        if not error:
            assert published(tmp_path / "kept") == published(tmp_path / f"fresh-{number}"), name
    # It keeps only what the last build used: no more than one build of the source as it now is.
    once = BuildMemory()
    assert attempt(source, tmp_path / "once", store, once) == ""
    assert entries(memory) == entries(once)
    assert all(entries(once).values()), entries(once)  # and it does keep something in each store


def entries(memory: BuildMemory) -> dict[str, int]:
    """How many things each of the memory's stores holds."""
    stores = {**vars(memory), **{f"filtered.{name}": kept for name, kept in vars(memory.filtered).items()},
              **{f"writers.{writer}.{name}": kept for writer, held in memory.writers.items()
                 for name, kept in held.items() if isinstance(kept, dict)}}
    return {name: len(kept) for name, kept in stores.items() if isinstance(kept, dict)}


def findings(source: Path, memory: BuildMemory | None) -> list[str]:
    try:
        report = load_report(source)
    except ReportError as error:  # report.yaml names a chapter not yet written
        return [str(error)]
    found, readability, _seconds = check_for_build(report, read_chapters(report), memory=memory)
    return [str(finding) for finding in found] + [readability]


def test_what_the_preview_finds_after_each_edit_is_what_a_check_from_nothing_finds(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SAMPLE, source)
    memory = BuildMemory()
    assert findings(source, memory) == findings(source, None)
    for name, chapter, change, _error in EDITS:
        edit(source, chapter, change)
        assert findings(source, memory) == findings(source, None), name
    assert memory.findings and memory.link_facts  # it did keep something



def test_a_picture_changed_under_the_same_name_is_checked_and_sized_again(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SAMPLE, source)
    memory, store = BuildMemory(), Cache(tmp_path / "cache")
    assert attempt(source, tmp_path / "kept", store, memory) == ""
    picture = source / "images" / "volunteers.png"
    Image.new("RGB", (123, 45), "white").save(picture)  # another size: its width and height change
    assert attempt(source, tmp_path / "kept", store, memory) == attempt(source, tmp_path / "fresh", Cache(None), None) == ""
    assert published(tmp_path / "kept") == published(tmp_path / "fresh")
    assert 'width="123"' in (tmp_path / "kept" / "report.html").read_text(encoding="utf-8")
    picture.write_bytes(b"not a picture any more")
    assert attempt(source, tmp_path / "kept", store, memory) == "ReportError"


def test_recall_takes_what_is_kept_makes_what_is_not_and_then_keeps_only_what_was_used():
    kept = {"unchanged chapter": "kept", "deleted chapter": "kept"}
    recall = Recall(kept)
    assert recall("unchanged chapter", lambda: "made") == "kept"
    assert recall("edited chapter", lambda: "made") == "made"
    assert recall(None, lambda: "made") == "made"  # no key: made every time, never kept
    assert kept == {"unchanged chapter": "kept", "deleted chapter": "kept"}  # until keep()
    recall.keep()
    assert kept == {"unchanged chapter": "kept", "edited chapter": "made"}
    shared: dict = {}
    Recall(shared, share=True)("part", lambda: "made")
    assert shared == {"part": "made"}  # at once, for a call running beside this one


def test_unchanged_pictures_are_linked_from_the_last_build_and_a_copy_changed_since_is_made_again(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SAMPLE, source)
    memory, store = BuildMemory(), Cache(tmp_path / "cache")
    kept = tmp_path / "kept"
    assert attempt(source, kept, store, memory) == ""
    copy = kept / "images" / "volunteers.png"
    first = copy.stat().st_ino
    edit(source, 2, lambda text: text + "\n\nA sentence added while the preview was open.\n")
    assert attempt(source, kept, store, memory) == ""
    assert copy.stat().st_ino == first  # the same file, linked into the new build's folder
    with copy.open("r+b") as changed:  # by hand, in place: the same file, other bytes
        changed.write(b"not what the build wrote")
    edit(source, 2, lambda text: text + "\nAnother.\n")
    assert attempt(source, kept, store, memory) == attempt(source, tmp_path / "fresh", Cache(None), None) == ""
    assert published(kept) == published(tmp_path / "fresh")
