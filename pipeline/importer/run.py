"""`python -m pipeline import FILE`: read the file, repair what stands in for structure,
write a source folder, check it, and report every repair."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.check import check_report
from pipeline.diagnostics import Diagnostic, ReportError
from pipeline.importer import paragraphs, structure
from pipeline.importer.detect import file_kind
from pipeline.importer.markers import quiet_tables, settle, strip_markers
from pipeline.importer.original import Original
from pipeline.importer.pictures import SavedImages, repair_pictures
from pipeline.importer.repairs import Repair
from pipeline.importer.report_page import render
from pipeline.importer.tables import repair_tables
from pipeline.importer.tree import text
from pipeline.importer.write import render_chapters, report_yaml, staging, write_files
from pipeline.source import load_report

REPORT_PAGE = "import-report.html"


@dataclass
class Imported:
    out: Path
    repairs: list[Repair]
    findings: list[Diagnostic]
    notes: list[str]


def _reader(kind: str):
    if kind == "docx":
        from pipeline.importer.docx import read_docx
        return read_docx
    if kind == "odt":
        from pipeline.importer.odt import read_odt
        return read_odt
    if kind == "html":
        from pipeline.importer.html import read_html
        return read_html
    from pipeline.importer.markdown_pages import read_markdown_page
    return read_markdown_page


def default_out(path: Path) -> Path:
    return Path(f"{path.stem}-source")


def import_file(path: Path, out: Path | None = None, title: str | None = None, lang: str | None = None,
                force: bool = False) -> Imported:
    kind = file_kind(path)
    out = out or default_out(path)
    if out.exists() and not force:  # before any work: the same check runs again when writing
        raise ReportError(f"{out} already exists; nothing was imported", out,
                          fix="choose another folder with --out, or pass --force to replace it")
    original = _reader(kind)(path)
    blocks = original.tree["blocks"]
    repairs = original.repairs
    settle(blocks)
    paragraphs.remove_empty_paragraphs(blocks, repairs)
    paragraphs.fake_headings(blocks, original, repairs)  # those the original's styles tell
    if kind in ("odt", "html"):  # bold set on the text itself; pandoc's docx tree is read with Word's styles above
        paragraphs.bold_paragraphs_as_headings(blocks, original, repairs, confirm_only=kind == "html")
    paragraphs.typed_lists(blocks, repairs)
    repair_tables(blocks, original, repairs)
    saved = SavedImages()
    repair_pictures(blocks, original, repairs, saved)

    heading_title, heading_label = structure.title_heading(blocks, title or original.title or _styled_title(original))
    structure.relevel(blocks, repairs)
    chapters = structure.split_chapters(blocks, repairs)
    if not chapters:
        raise ReportError("the file has no text to import", path, fix="check it is the right file")
    glossary = structure.take_glossary(chapters, repairs)
    structure.assign_ids(chapters)
    structure.name_files(chapters)

    meta, notes = _meta(original, title, lang, heading_title, heading_label, chapters, glossary)
    needed = {label for r in repairs for label in [r.label, *r.extra_labels] if label}
    for chapter in chapters:
        quiet_tables(chapter.blocks, needed)
    with staging(out, force) as folder:
        rendered = render_chapters(chapters, original.tree["pandoc-api-version"])
        files = {name: markdown.encode() for name, (markdown, _lines) in rendered.items()}
        files.update({name: data for name, data in saved.files.items()})
        files["report.yaml"] = report_yaml(meta, path.name).encode()
        if glossary:
            files["glossary.yaml"] = yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False, width=100).encode()
        write_files(folder, files)
        _place(repairs, original, rendered)
        findings = check_report(load_report(folder))
        for finding in findings:
            if finding.file is not None and Path(finding.file).is_relative_to(folder):
                finding.file = out / Path(finding.file).relative_to(folder)
        page = render(path.name, original.kind, list(repairs), findings, notes,
                      lambda r: _was_all(r, original))
        (folder / REPORT_PAGE).write_text(page, encoding="utf-8")
    return Imported(out, list(repairs), findings, notes)


def _meta(original: Original, title, lang, heading_title, heading_label, chapters, glossary) -> tuple[dict, list]:
    notes = []
    styled_title = _styled_title(original)
    candidates = [(title, "--title"), (original.title, original.title_from),
                  (styled_title, "the paragraph in Word's Title style"),
                  (heading_title, "the document's only top-level heading"), (chapters[0].title, "the first heading")]
    chosen, source = next((value, where) for value, where in candidates if value)
    notes.append(f"The title “{chosen}” comes from {source}.")
    meta = {"title": chosen}
    if heading_title and heading_title != chosen:
        meta["subtitle"] = heading_title
    if heading_title:
        original.repairs.add("heading", f'the heading "{heading_title}" is the only one at the top level: it is the '
                                        f"report's {'title' if heading_title == chosen else 'subtitle'} now "
                                        "(report.yaml), and the chapters start at the level below",
                             heading_label, now="report.yaml")
    if original.organisation:
        meta["organisation"] = original.organisation
    if original.description:
        meta["description"] = original.description
    if lang:
        meta["lang"] = lang
        notes.append(f"The language {lang} comes from --lang" +
                     (f" (the document says {original.lang})." if original.lang and original.lang != lang else "."))
    elif original.lang:
        meta["lang"] = original.lang
        notes.append(f"The language {original.lang} comes from {original.lang_from}; if that is wrong, set "
                     "lang: in report.yaml.")
    else:
        notes.append("The document does not say its language: set lang: in report.yaml (e.g. en-GB), or import "
                     "again with --lang.")
    meta["chapters"] = [chapter.file for chapter in chapters]
    if glossary:
        meta["glossary"] = "glossary.yaml"
    if original.fake_heading_rule:
        notes.append(f"A fake heading is {original.fake_heading_rule}.")
    return meta, notes


def _styled_title(original: Original) -> str:
    """The paragraph in Word's Title style, which pandoc moves into the metadata."""
    return strip_markers(text(original.tree.get("meta", {}).get("title", {}).get("c", [])))


def _place(repairs: list[Repair], original: Original, rendered: dict) -> None:
    where_now: dict[str, str] = {}
    for name, (_markdown, lines) in rendered.items():
        for label, line in lines.items():
            where_now.setdefault(label, f"{name}:{line}")
    for repair in repairs:
        if repair.label:
            repair.was = original.describe(repair.label)
        if not repair.now:
            repair.now = where_now.get(repair.label or "", "")


def _was_all(repair: Repair, original: Original) -> str:
    places = [repair.was] + [original.describe(label) for label in repair.extra_labels if label]
    return "; ".join(p for p in places if p) or "the document as a whole"
