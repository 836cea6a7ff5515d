"""The output rules: a clean build of tests/fixtures/tiny passes, and each way
of breaking a copy of the built files makes exactly the rule for it fire,
in exactly the file that was broken."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest

from pipeline.check.expected import Expected, SourceImage
from pipeline.check.outputs import check_outputs

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny"

PHOTO_ALT = "Three people planting a tree in a park"
COVER_ALT = "A sunny community garden"

# What tests/fixtures/tiny says, written out by hand from its chapters and report.yaml.
EXPECTED = Expected(
    title="Tiny Report",
    lang="en-GB",
    outline=[(1, "First chapter"), (2, "A section"), (1, "Second chapter"), (1, "Glossary")],
    images=[SourceImage("images/photo.png", PHOTO_ALT, False),
            SourceImage("images/line.png", "", True)],
    cover_alt=None,
)


def build(source: Path, out: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "pipeline", "build", "--source", str(source), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build(TINY, tmp_path_factory.mktemp("tiny") / "out")


@pytest.fixture(scope="module")
def built_with_cover(tmp_path_factory) -> Path:
    """The tiny report with a cover image, which the PDF shows as the first /Figure."""
    source = tmp_path_factory.mktemp("covered") / "source"
    shutil.copytree(TINY, source)
    shutil.copy(source / "images" / "photo.png", source / "images" / "cover.png")
    with (source / "report.yaml").open("a", encoding="utf-8") as config:
        config.write(f'cover:\n  image: images/cover.png\n  alt: "{COVER_ALT}"\n')
    return build(source, source.parent / "out")


@pytest.fixture
def out(built, tmp_path) -> Path:
    """A copy of the build that a test may break."""
    return Path(shutil.copytree(built, tmp_path / "out"))


def fired(out: Path, expected: Expected = EXPECTED, **kwargs) -> set[tuple[str, str]]:
    """(file name, rule) of every finding."""
    return {(Path(d.file).name, d.rule) for d in check_outputs(out, expected, **kwargs)}


def messages(out: Path, expected: Expected = EXPECTED, **kwargs) -> list[str]:
    return [d.message for d in check_outputs(out, expected, **kwargs)]


# ------------------------------------------------------------ ways to break

def edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_epub(path: Path, old: str, new: str, member: str | None = None) -> None:
    """Replace old by new in the EPUB's members that hold it (or only in `member`)."""
    with zipfile.ZipFile(path) as z:
        files = [(info, z.read(info)) for info in z.infolist()]
    changed = 0
    with zipfile.ZipFile(path, "w") as z:
        for info, data in files:  # mimetype stays first and stored, as EPUB requires
            if (member is None or info.filename.endswith(member)) and old.encode() in data:
                data = data.replace(old.encode(), new.encode())
                changed += 1
            z.writestr(info, data)
    assert changed, f"{old!r} not in report.epub"


def edit_pdf(path: Path, change) -> None:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        change(pdf)
        pdf.save(path)


def elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Structure elements in tree order."""
    found = []

    def walk(node):
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def element(pdf: pikepdf.Pdf, role: str, title: str | None = None) -> pikepdf.Dictionary:
    return next(e for e in elements(pdf) if e.S == role and (title is None or str(e.get("/T")) == title))


# ------------------------------------------------------------ clean builds

def test_clean_build_has_no_findings(built):
    assert check_outputs(built, EXPECTED) == []


def test_clean_build_with_cover_has_no_findings(built_with_cover):
    assert check_outputs(built_with_cover, replace(EXPECTED, cover_alt=COVER_ALT)) == []


def test_findings_are_errors_with_a_fix(out):
    (out / "report.epub").unlink()
    [finding] = check_outputs(out, EXPECTED)
    assert finding.severity == "error" and finding.file == out / "report.epub" and finding.fix


# ------------------------------------------------------------ output-missing

@pytest.mark.parametrize("name", ["report.html", "report.epub", "report.pdf"])
def test_missing_output(out, name):
    (out / name).unlink()
    assert fired(out) == {(name, "output-missing")}


def test_only_the_requested_formats_are_checked(out):
    (out / "report.epub").unlink()
    (out / "report.pdf").unlink()
    assert fired(out, formats=("html",)) == set()
    assert fired(out, formats=("html", "epub")) == {("report.epub", "output-missing")}


def test_unreadable_output_counts_as_missing(out):
    (out / "report.pdf").write_bytes(b"not a pdf")
    assert fired(out) == {("report.pdf", "output-missing")}


def test_unknown_format_is_a_programming_error(out):
    with pytest.raises(ValueError):
        check_outputs(out, EXPECTED, formats=("docx",))


# ------------------------------------------------------------ output-lang

@pytest.mark.parametrize("new", ['<html>', '<html lang="fr">'])
def test_html_lang(out, new):
    edit_text(out / "report.html", '<html lang="en-GB">', new)
    assert fired(out) == {("report.html", "output-lang")}


def test_html_lang_is_case_insensitive(out):
    edit_text(out / "report.html", '<html lang="en-GB">', '<html lang="en-gb">')
    assert fired(out) == set()


def test_epub_content_document_without_lang(out):
    edit_epub(out / "report.epub", ' lang="en-GB" xml:lang="en-GB"', "", member="ch002.xhtml")
    assert fired(out) == {("report.epub", "output-lang")}
    assert any("ch002.xhtml" in m for m in messages(out))


def test_epub_package_language(out):
    edit_epub(out / "report.epub", "<dc:language>en-GB</dc:language>", "<dc:language>en-US</dc:language>")
    assert fired(out) == {("report.epub", "output-lang")}


@pytest.mark.parametrize("lang", [None, "de-DE"])
def test_pdf_lang(out, lang):
    def change(pdf):
        if lang is None:
            del pdf.Root["/Lang"]
        else:
            pdf.Root.Lang = pikepdf.String(lang)
    edit_pdf(out / "report.pdf", change)
    assert fired(out) == {("report.pdf", "output-lang")}


# ------------------------------------------------------------ output-title

@pytest.mark.parametrize("old, new", [
    ("<title>Tiny Report</title>", "<title>report</title>"),
    ('<h1 class="title">Tiny Report</h1>', '<h1 class="title">Tiny</h1>'),
    ('<h1 class="title">Tiny Report</h1>', '<p class="title">Tiny Report</p>'),
])
def test_html_title(out, old, new):
    edit_text(out / "report.html", old, new)
    assert fired(out) == {("report.html", "output-title")}


def test_epub_title(out):
    edit_epub(out / "report.epub", ">Tiny Report</dc:title>", ">Tiny</dc:title>")
    assert fired(out) == {("report.epub", "output-title")}


def _xmp_title(pdf):
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = "Untitled"


def _docinfo_title(pdf):
    pdf.docinfo["/Title"] = "Untitled"


def _display_file_name(pdf):
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def _title_heading(pdf):
    element(pdf, "/H1").T = pikepdf.String("Untitled")


@pytest.mark.parametrize("change", [_xmp_title, _docinfo_title, _display_file_name, _title_heading])
def test_pdf_title(out, change):
    edit_pdf(out / "report.pdf", change)
    assert fired(out) == {("report.pdf", "output-title")}


# ------------------------------------------------------------ output-pdf-untagged

def test_pdf_not_marked(out):
    edit_pdf(out / "report.pdf", lambda pdf: setattr(pdf.Root.MarkInfo, "Marked", False))
    assert fired(out) == {("report.pdf", "output-pdf-untagged")}


def test_pdf_without_structure_tree(out):
    edit_pdf(out / "report.pdf", lambda pdf: pdf.Root.__delitem__("/StructTreeRoot"))
    assert fired(out) == {("report.pdf", "output-pdf-untagged")}


def test_a_finding_in_the_large_print_pdf_names_that_file(out):
    edit_pdf(out / "report-large-print.pdf", lambda pdf: pdf.Root.__delitem__("/StructTreeRoot"))
    found = check_outputs(out, EXPECTED, formats=("large-print",))
    assert {(Path(d.file).name, d.rule) for d in found} == {("report-large-print.pdf", "output-pdf-untagged")}
    assert all("report-large-print.pdf" in d.message for d in found if "structure tree" in d.message)
    assert not any("report.pdf" in d.message for d in found)


# ------------------------------------------------------------ output-alt-lost

@pytest.mark.parametrize("new", [
    'alt="Two people planting a tree"',  # changed
    'data-alt="x"',  # dropped
])
def test_html_alt_lost(out, new):
    edit_text(out / "report.html", f'alt="{PHOTO_ALT}"', new)
    assert fired(out) == {("report.html", "output-alt-lost")}
    assert any(PHOTO_ALT in m for m in messages(out))


def test_html_image_lost(out):
    edit_text(out / "report.html", '<img src="images/photo.png"', '<img src="images/other.png"')
    assert fired(out) == {("report.html", "output-alt-lost")}


def test_epub_alt_lost(out):
    edit_epub(out / "report.epub", f'alt="{PHOTO_ALT}"', 'alt="A photo"')
    assert fired(out) == {("report.epub", "output-alt-lost")}


def test_epub_image_lost(out):
    edit_epub(out / "report.epub", '<p><img src="../media/file1.png" class="decorative" alt="" width="200" height="8" /></p>', "")
    edit_epub(out / "report.epub", f'<img src="../media/file0.png" width="120" height="80" alt="{PHOTO_ALT}" />', "")
    assert fired(out) == {("report.epub", "output-alt-lost")}


def _drop_alt(pdf):
    del element(pdf, "/Figure")["/Alt"]


def _change_alt(pdf):
    element(pdf, "/Figure").Alt = pikepdf.String("A photo")


def _figure_to_span(pdf):
    element(pdf, "/Figure").S = pikepdf.Name.Span


@pytest.mark.parametrize("change", [_drop_alt, _change_alt, _figure_to_span])
def test_pdf_alt_lost(out, change):
    edit_pdf(out / "report.pdf", change)
    assert fired(out) == {("report.pdf", "output-alt-lost")}


def test_pdf_cover_alt_lost(built_with_cover):
    assert fired(built_with_cover, replace(EXPECTED, cover_alt="Something else")) == {
        ("report.pdf", "output-alt-lost")}


# ------------------------------------------------------------ output-decorative-exposed

# The picture's natural size is written beside its alt text (filters/image_sizes.py).
DECORATIVE = '<img src="images/line.png" class="decorative" alt="" width="200"\nheight="8" />'


@pytest.mark.parametrize("new", [
    '<img src="images/line.png" class="decorative" alt="x" width="200"\nheight="8" />',
    '<img src="images/line.png" class="decorative" width="200"\nheight="8" />',
    f"<figure>{DECORATIVE}</figure>",
])
def test_html_decorative_exposed(out, new):
    edit_text(out / "report.html", DECORATIVE, new)
    assert fired(out) == {("report.html", "output-decorative-exposed")}


@pytest.mark.parametrize("old, new", [
    ('class="decorative" alt=""', 'class="decorative" alt="x"'),
    ('<p><img src="../media/file1.png" class="decorative" alt="" width="200" height="8" /></p>',
     '<figure><img src="../media/file1.png" class="decorative" alt="" width="200" height="8" /></figure>'),
])
def test_epub_decorative_exposed(out, old, new):
    edit_epub(out / "report.epub", old, new)
    assert fired(out) == {("report.epub", "output-decorative-exposed")}


def test_pdf_decorative_exposed(out):
    # One /Figure more than the source has described images: a decorative image was tagged.
    def change(pdf):
        intro = next(e for e in elements(pdf) if e.S == "/P" and "/Pg" in e)
        intro.S = pikepdf.Name.Figure
        intro.Alt = pikepdf.String("")
    edit_pdf(out / "report.pdf", change)
    assert fired(out) == {("report.pdf", "output-decorative-exposed")}


def test_pdf_cover_not_expected_is_an_extra_figure(built_with_cover):
    assert fired(built_with_cover, EXPECTED) == {("report.pdf", "output-decorative-exposed")}


# ------------------------------------------------------------ output-outline

@pytest.mark.parametrize("old, new, quoted", [
    ("<h3>A section</h3>", "<h3>A sectoin</h3>", '"A sectoin"'),
    ('<h2 data-source="chapters/02-two.md">Second chapter</h2>',
     '<h4 data-source="chapters/02-two.md">Second chapter</h4>', 'level 3 "Second chapter"'),
    ('<h2 class="glossary">Glossary</h2>', '<p class="glossary">Glossary</p>', 'level 1 "Glossary"'),
])
def test_html_outline(out, old, new, quoted):
    edit_text(out / "report.html", old, new)
    assert fired(out) == {("report.html", "output-outline")}
    [message] = messages(out)
    assert quoted in message


def test_html_contents_heading_is_not_part_of_the_outline(out):
    edit_text(out / "report.html", '<h2 id="toc-title">Contents</h2>', '<h2 id="toc-title">In this report</h2>')
    assert fired(out) == set()


def test_epub_nav_outline(out):
    edit_epub(out / "report.epub", ">Second chapter</a>", ">Chapter two</a>", member="nav.xhtml")
    assert fired(out) == {("report.epub", "output-outline")}
    assert any('"Second chapter"' in m and '"Chapter two"' in m for m in messages(out))


def test_epub_content_outline(out):
    edit_epub(out / "report.epub", "<h2>A section</h2>", "<h3>A section</h3>")
    assert fired(out) == {("report.epub", "output-outline")}


def _rename_heading(pdf):
    element(pdf, "/H3", "A section").T = pikepdf.String("A sectoin")


def _relevel_heading(pdf):
    element(pdf, "/H3", "A section").S = pikepdf.Name.H4


def _drop_heading(pdf):
    element(pdf, "/H2", "Glossary").S = pikepdf.Name.P


def _rename_bookmark(pdf):
    with pdf.open_outline() as outline:
        outline.root[1].title = "Chapter two"


@pytest.mark.parametrize("change", [_rename_heading, _relevel_heading, _drop_heading, _rename_bookmark])
def test_pdf_outline(out, change):
    edit_pdf(out / "report.pdf", change)
    assert fired(out) == {("report.pdf", "output-outline")}


def test_pdf_contents_heading_is_not_part_of_the_outline(out):
    edit_pdf(out / "report.pdf", lambda pdf: setattr(element(pdf, "/H2", "Contents"), "T", pikepdf.String("Index")))
    assert fired(out) == set()


def _drop_heading_titles(pdf):
    for e in elements(pdf):
        if str(e.S).startswith("/H"):
            del e["/T"]


def test_pdf_heading_text_from_content_stream(out):
    edit_pdf(out / "report.pdf", _drop_heading_titles)
    assert fired(out) == set()
    renamed = replace(EXPECTED, outline=[(1, "First chapter"), (2, "A sectoin"), (1, "Second chapter"),
                                         (1, "Glossary")])
    found = messages(out, renamed, formats=("pdf",))
    assert any("heading tags" in m and '"A section"' in m and '"A sectoin"' in m for m in found)


def test_pdf_actual_text_is_what_readers_hear(out):
    edit_pdf(out / "report.pdf",
             lambda pdf: setattr(element(pdf, "/H2", "Glossary"), "ActualText", pikepdf.String("Words")))
    assert fired(out) == {("report.pdf", "output-outline")}


def test_glossary_chapter_is_part_of_the_outline(built):
    without = replace(EXPECTED, outline=EXPECTED.outline[:-1])
    assert fired(built, without) == {("report.html", "output-outline"), ("report.epub", "output-outline"),
                                     ("report.pdf", "output-outline")}


def test_quote_style_is_not_a_loss(out):
    # Typst writes /T and bookmarks with straight quotes while the page shows curly ones.
    def straight(pdf):
        element(pdf, "/H3", "A section").T = pikepdf.String("A section's")
        with pdf.open_outline() as outline:
            outline.root[0].children[0].title = "A section's"
    edit_pdf(out / "report.pdf", straight)
    curly = replace(EXPECTED, outline=[(1, "First chapter"), (2, "A section\u2019s"), (1, "Second chapter"),
                                       (1, "Glossary")])
    assert fired(out, curly, formats=("pdf",)) == set()
