"""Output rules: read the built report.html, report.epub and report.pdf and
check that nothing the source said was lost on the way.

The source rules check what the author wrote; these check what the writers
made of it. A filter that stops running, a pandoc or Typst upgrade that drops
alt text, a template that forgets `lang` — each leaves a valid-looking file
that a screen-reader user can no longer use, and none of them shows up in the
Markdown. So the caller says what the source promised (`Expected`: title,
language, heading outline, images with their alt text, cover alt) and each
edition is compared against it:

    output-missing             report.html / .epub / .pdf absent or unreadable
    output-lang                <html lang>, EPUB dc:language + each XHTML's lang, PDF /Lang
    output-title               <title> and the page <h1>, EPUB dc:title, PDF XMP/docinfo
                               title, /DisplayDocTitle, and the title as the first /H1
    output-pdf-untagged        /MarkInfo /Marked not true, or no structure tree
    output-alt-lost            a described image missing, or its alt text changed
    output-decorative-exposed  a decorative image announced (alt, <figure>, /Figure)
    output-outline             headings (text, level, order) differ from the source

Where each edition keeps things:

* HTML: one page; the report title is the `<h1>` outside `<main>`, chapters
  are shifted down one level (`<h2>` in `<main>` is a chapter). Images are
  matched to the source by their `src`, which the build keeps as written.
* EPUB: pandoc renames images (`media/file0.png`), so the `<img>` elements of
  the content documents, in spine order, are paired with the source images
  in reading order. The cover page, title page and nav document are not
  content; the nav's table of contents (to depth 3) and the content headings
  (unshifted, `<h1>` = chapter) are both compared with the outline.
* PDF: the structure tree is walked with pikepdf (role names resolved through
  /RoleMap). /Figure elements in tree order carry /Alt (the cover first when
  there is one); decorative images must be artifacts, so they have no
  /Figure. Headings are /H1–/H6: the first /H1 is the report title, the
  heading directly followed by the /TOC is "Contents"; the rest are the
  outline shifted by one (/H2 = chapter). The bookmarks are compared too,
  to depth 3.

  Heading text in the PDF is, in this order: the element's /ActualText (what
  assistive technology reads instead of the content), its /T (Typst writes
  the heading's plain text there), or else the text of its marked content:
  the MCIDs under its /K are looked up in the content stream of their /Pg
  page with `pikepdf.parse_content_stream`, and shown strings are decoded
  with the font's /ToUnicode CMap. That last path is a fallback for PDFs
  without /T; it ignores form XObjects and guesses word breaks only at line
  changes, which is enough for headings. Checked on the sample report: the
  marked-content text equals /T for all 58 headings.

Texts (titles, alt text, headings) are compared after NFC normalisation and
whitespace collapsing, with typographic quotes folded to straight ones:
Typst draws "Men’s" but writes "Men's" into /T and the bookmarks. Anything
else — a changed word, a lost heading, a level off by one — is a finding.

Every finding is an error: the source was right, so the fix is in the
pipeline, and the hint says how to narrow it down with `--skip`.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import unquote, urlsplit

import pikepdf
from lxml import etree
from lxml import html as lxml_html

from pipeline.diagnostics import Diagnostic


@dataclass(frozen=True)
class SourceImage:
    src: str  # "images/photo.png" as written in the source
    alt: str  # alt text from the source ("" for decorative)
    decorative: bool


@dataclass(frozen=True)
class Expected:
    title: str
    lang: str  # e.g. "en-GB"
    outline: list[tuple[int, str]]  # (source level, text) in reading order, chapters at 1, glossary included
    images: list[SourceImage]  # in reading order, excluding the cover
    cover_alt: str | None


FILES = {"html": "report.html", "epub": "report.epub", "pdf": "report.pdf",
         "large-print": "report-large-print.pdf"}

REBUILD = "rebuild with `python -m pipeline build`"
BUG = "if it persists, report this as a bug in the pipeline (the source is fine)"
FIXES = {
    "output-missing": f"{REBUILD} (without --only, or with this edition in it); if the build said it wrote "
                      "the file, report this as a bug",
    "output-lang": f"a writer lost the report's `lang` (report.yaml); {REBUILD}, and for the PDF compare with "
                   f"`--skip typst-lang`; {BUG}",
    "output-title": f"a writer or template lost the report title (report.yaml `title`); {REBUILD}; {BUG}",
    "output-pdf-untagged": "the PDF must be compiled as PDF/UA-1 (pdf_standards=['ua-1'] in "
                           f"pipeline/writers/pdf.py); {BUG}",
    "output-alt-lost": "a filter or writer lost the alt text: run `python -m pipeline build --skip figures` "
                       f"(or `--skip typst-images` for the PDF) to see which stage is involved; {BUG}",
    "output-decorative-exposed": "decorative images must have alt=\"\" outside any <figure>, and be artifacts "
                                 "in the PDF: run `python -m pipeline build --skip figures` (or "
                                 f"`--skip typst-images`) to see which stage is involved; {BUG}",
    "output-outline": "a filter or writer lost, renamed or re-levelled a heading: rebuild with "
                      "`python -m pipeline build --skip STAGE` for one filter stage at a time to see whether a "
                      f"filter is involved; {BUG}",
}

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
# pandoc's EPUB navigation lists headings to --toc-depth=3 (pipeline/writers/epub.py);
# the PDF template's outline() and its bookmarks are compared to the same depth.
TOC_DEPTH = 3

Outline = list[tuple[int, str]]


def check_outputs(out: Path, expected: Expected,
                  formats: tuple[str, ...] = ("html", "epub", "pdf")) -> list[Diagnostic]:
    """Findings for each of the given editions in `out`; [] when nothing was lost."""
    found: list[Diagnostic] = []
    for fmt in formats:
        if fmt not in FILES:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FILES)}")
        path = Path(out) / FILES[fmt]
        if not path.is_file():
            found.append(_finding(path, "output-missing", f"{FILES[fmt]} was not built"))
            continue
        try:
            found += CHECKS[fmt](path, expected)
        except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, etree.ParserError,
                pikepdf.PdfError) as exc:
            # A file the checks cannot open is as good as absent for a reader.
            found.append(_finding(path, "output-missing", f"{FILES[fmt]} cannot be read: {exc}"))
    return found


def _finding(path: Path, rule: str, message: str) -> Diagnostic:
    return Diagnostic(message, path, fix=FIXES[rule], severity="error", rule=rule)


def _norm(text: str | None) -> str:
    """Text as a reader hears it: NFC, whitespace runs as one space, no padding."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


# Typst draws smart quotes but writes /T and bookmark titles from the markup, where pandoc's
# Typst writer has put straight ones back: "Men's" in the tags, "Men’s" on the page. Quote
# style is not something a reader loses, so texts are compared with quotes folded.
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def _same_text(found: str | None, wanted: str | None) -> bool:
    """Equal as read aloud; an absent text (None) never equals a present one."""
    if found is None or wanted is None:
        return found is wanted
    return _norm(found).translate(QUOTES) == _norm(wanted).translate(QUOTES)


def _same_heading(a: tuple[int, str] | None, b: tuple[int, str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a[0] == b[0] and _same_text(a[1], b[1])


def _same_lang(found: str | None, wanted: str) -> bool:
    # Language tags are case-insensitive (BCP 47): en-gb is en-GB.
    return (found or "").strip().lower() == wanted.strip().lower()


def _quote(text: str | None) -> str:
    return "nothing" if text is None else f'"{text}"'


# ---------------------------------------------------------------- comparisons

def _describe(entry: tuple[int, str] | None) -> str:
    return "nothing" if entry is None else f'level {entry[0]} "{entry[1]}"'


def _outline_difference(wanted: Outline, found: Outline) -> str | None:
    """The first difference between two outlines, both sides quoted; None if equal."""
    for i in range(max(len(wanted), len(found))):
        w = wanted[i] if i < len(wanted) else None
        f = found[i] if i < len(found) else None
        if not _same_heading(w, f):
            return f"heading {i + 1}: the source has {_describe(w)}, the output has {_describe(f)}"
    return None


def _outline_finding(path: Path, where: str, wanted: Outline, found: Outline) -> list[Diagnostic]:
    difference = _outline_difference(wanted, found)
    if difference is None:
        return []
    return [_finding(path, "output-outline", f"{where} do not follow the source: {difference} "
                                             f"({len(wanted)} headings in the source, {len(found)} here)")]


def _described(expected: Expected) -> list[SourceImage]:
    return [image for image in expected.images if not image.decorative]


def _alts_in_order(path: Path, where: str, wanted: list[str], found: list[str | None]) -> list[Diagnostic]:
    """Alt texts that must appear in this order; extra elements are the decorative rule's business.

    Equal counts pair up by position (the clearest message). More found than
    wanted: the wanted ones must still appear in order among them, so an
    exposed decorative image is reported once, by output-decorative-exposed.
    """
    if len(found) < len(wanted):
        unmatched = list(found)
        missing = []
        for alt in wanted:
            match = next((f for f in unmatched if _same_text(f, alt)), None)
            if match is None:
                missing.append(alt)
            else:
                unmatched.remove(match)
        lost = ", ".join(f'"{alt}"' for alt in missing)
        return [_finding(path, "output-alt-lost",
                         f"{where} has {len(found)} described images but the source has {len(wanted)}"
                         + (f"; missing: {lost}" if lost else ""))]
    if len(found) == len(wanted):
        return [_finding(path, "output-alt-lost",
                         f'image {i + 1} in {where}: alt text should be "{w}" but is {_quote(f)}')
                for i, (w, f) in enumerate(zip(wanted, found)) if not _same_text(f, w)]
    rest = iter(found)
    for i, alt in enumerate(wanted):
        if not any(_same_text(f, alt) for f in rest):
            return [_finding(path, "output-alt-lost",
                             f'image {i + 1} of the source ("{alt}") is not in {where} in its place')]
    return []


# ---------------------------------------------------------------------- HTML

def _local(tag) -> str:
    """Element name without namespace; '' for comments and processing instructions."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _element_text(element) -> str:
    """Text of a heading without footnote markers (they are not part of the heading)."""
    parts = [element.text or ""]
    for child in element:
        if _local(child.tag) and "footnote-ref" not in _classes(child):
            parts.append(_element_text(child))
        parts.append(child.tail or "")
    return _norm("".join(parts))


def _inside(element, name: str) -> bool:
    return any(_local(a.tag) == name for a in element.iterancestors())


def _headings(root) -> list[tuple[int, str]]:
    """(h level, text) of every h1–h6 under root, in document order."""
    return [(HEADING_TAGS[_local(e.tag)], _element_text(e))
            for e in root.iter() if _local(e.tag) in HEADING_TAGS]


def _image_src(src: str | None) -> str:
    """A src as written in the source: no query, no './', percent-escapes undone."""
    path = unquote(urlsplit(src or "").path)
    return posixpath.normpath(path) if path else ""


def check_html(path: Path, expected: Expected) -> list[Diagnostic]:
    root = lxml_html.document_fromstring(path.read_bytes())
    return (_html_lang(path, root, expected) + _html_title(path, root, expected)
            + _html_images(path, root, expected) + _html_outline(path, root, expected))


def _html_lang(path: Path, root, expected: Expected) -> list[Diagnostic]:
    lang = root.get("lang")
    if _same_lang(lang, expected.lang):
        return []
    return [_finding(path, "output-lang", f'<html lang> should be "{expected.lang}" but is {_quote(lang)}')]


def _html_title(path: Path, root, expected: Expected) -> list[Diagnostic]:
    found = []
    title = root.find(".//head/title")
    text = None if title is None else _norm(title.text_content())
    if not _same_text(text, expected.title):
        found.append(_finding(path, "output-title",
                              f'<title> should be "{expected.title}" but is {_quote(text)}'))
    # The page's h1 is the report title in the header; chapters in <main> start at h2.
    h1s = [_element_text(h) for h in root.iter("h1") if not _inside(h, "main")]
    if not any(_same_text(h1, expected.title) for h1 in h1s):
        found.append(_finding(path, "output-title",
                              f'the page has no <h1> "{expected.title}" (found {_quote(h1s[0]) if h1s else "none"})'))
    return found


def _html_images(path: Path, root, expected: Expected) -> list[Diagnostic]:
    """Pair each source image with the <img> of the same src, occurrence by occurrence."""
    on_page: dict[str, list] = {}
    for img in root.iter("img"):
        on_page.setdefault(_image_src(img.get("src")), []).append(img)
    wanted: dict[str, list[SourceImage]] = {}
    for image in expected.images:
        wanted.setdefault(_image_src(image.src), []).append(image)
    found = []
    for src, images in wanted.items():
        imgs = on_page.get(src, [])
        for image, img in zip(images, imgs):
            found += _html_image(path, image, img)
        lost = [image for image in images[len(imgs):] if not image.decorative]
        for image in lost:
            found.append(_finding(path, "output-alt-lost",
                                  f'the image {image.src} ("{image.alt}") is not in report.html'))
        if len(imgs) > len(images):
            found.append(_finding(path, "output-alt-lost",
                                  f"the image {src} appears {len(imgs)} times in report.html "
                                  f"but {len(images)} times in the source"))
    return found


def _html_image(path: Path, image: SourceImage, img) -> list[Diagnostic]:
    alt = img.get("alt")
    if image.decorative:
        return _decorative_findings(path, "report.html", image.src, alt, _inside(img, "figure"))
    if not _same_text(alt, image.alt):
        return [_finding(path, "output-alt-lost",
                         f'<img src="{image.src}"> should have alt "{image.alt}" but has {_quote(alt)}')]
    return []


def _decorative_findings(path: Path, where: str, src: str, alt: str | None, in_figure: bool) -> list[Diagnostic]:
    problems = []
    if alt is None or alt.strip():
        problems.append(f'alt {_quote(alt)} instead of alt=""')
    if in_figure:
        problems.append("it is inside a <figure>")
    if not problems:
        return []
    return [_finding(path, "output-decorative-exposed",
                     f"the decorative image {src} is announced in {where}: {' and '.join(problems)}")]


def _html_outline(path: Path, root, expected: Expected) -> list[Diagnostic]:
    main = next(root.iter("main"), None)
    if main is None:
        return [_finding(path, "output-outline", "report.html has no <main>, so it has no chapters")]
    # Chapters are shifted down one level in the single page: h2 is a chapter.
    found = [(level - 1, text) for level, text in _headings(main)]
    return _outline_finding(path, "the headings in <main> of report.html", expected.outline, found)


# ---------------------------------------------------------------------- EPUB

@dataclass
class _Epub:
    opf: etree._Element
    spine: list[tuple[str, etree._Element]]  # (path in zip, parsed XHTML) in reading order
    nav: tuple[str, etree._Element] | None


XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _read_epub(path: Path) -> _Epub:
    with zipfile.ZipFile(path) as z:
        container = etree.fromstring(z.read("META-INF/container.xml"), XML_PARSER)
        opf_path = container.find(f".//{{{CONTAINER_NS}}}rootfile").get("full-path")
        opf = etree.fromstring(z.read(opf_path), XML_PARSER)
        base = posixpath.dirname(opf_path)
        items = {}
        for item in opf.iterfind(f"{{{OPF_NS}}}manifest/{{{OPF_NS}}}item"):
            href = posixpath.normpath(posixpath.join(base, unquote(item.get("href"))))
            items[item.get("id")] = (href, set((item.get("properties") or "").split()))

        def load(href: str):
            return href, etree.fromstring(z.read(href), XML_PARSER)

        spine = [load(items[ref.get("idref")][0])
                 for ref in opf.iterfind(f"{{{OPF_NS}}}spine/{{{OPF_NS}}}itemref")]
        nav_href = next((href for href, props in items.values() if "nav" in props), None)
        nav = load(nav_href) if nav_href else None
    return _Epub(opf, spine, nav)


def _epub_types(element) -> set[str]:
    return set((element.get(f"{{{EPUB_NS}}}type") or "").split())


# What the EPUB edition adds around the chapters (pipeline/writers/epub.py): the cover and title
# pages, "The report in brief" (the plain-language summary, epub:type abstract) and the notes
# gathered from the chapters (endnotes). They are not the source's chapters.
EDITION_MATTER = {"cover", "titlepage", "abstract", "endnotes"}


def _is_front_page(doc) -> bool:
    """A page the EPUB edition adds (EDITION_MATTER): not one of the report's chapters."""
    body = doc.find(f"{{{XHTML_NS}}}body")
    if body is None:
        return False
    if body.get("id") == "cover":  # pandoc's cover.xhtml: an <svg> with the image, no epub:type
        return True
    return any(_epub_types(e) & EDITION_MATTER for e in [body, *body])


def check_epub(path: Path, expected: Expected) -> list[Diagnostic]:
    epub = _read_epub(path)
    nav_href = epub.nav[0] if epub.nav else None
    content = [(href, doc) for href, doc in epub.spine if href != nav_href and not _is_front_page(doc)]
    return (_epub_lang(path, epub, expected) + _epub_title(path, epub, expected)
            + _epub_images(path, content, expected) + _epub_outline(path, epub, content, expected))


def _dc(opf, name: str) -> str | None:
    element = opf.find(f".//{{{DC_NS}}}{name}")
    return None if element is None else _norm("".join(element.itertext()))


def _epub_lang(path: Path, epub: _Epub, expected: Expected) -> list[Diagnostic]:
    found = []
    language = _dc(epub.opf, "language")
    if not _same_lang(language, expected.lang):
        found.append(_finding(path, "output-lang",
                              f'the package dc:language should be "{expected.lang}" but is {_quote(language)}'))
    docs = dict(epub.spine)
    if epub.nav:
        docs.setdefault(*epub.nav)
    for href, doc in docs.items():
        # Reading systems use either attribute; EPUB 3 recommends both, one is enough to be heard right.
        langs = [v for v in (doc.get("lang"), doc.get(XML_LANG)) if v is not None]
        if not langs:
            found.append(_finding(path, "output-lang", f"{href} in report.epub has no lang or xml:lang"))
        elif not all(_same_lang(v, expected.lang) for v in langs):
            found.append(_finding(path, "output-lang",
                                  f'{href} in report.epub has lang "{langs[0]}", not "{expected.lang}"'))
    return found


def _epub_title(path: Path, epub: _Epub, expected: Expected) -> list[Diagnostic]:
    title = _dc(epub.opf, "title")
    if _same_text(title, expected.title):
        return []
    return [_finding(path, "output-title", f'the package dc:title should be "{expected.title}" but is {_quote(title)}')]


def _epub_images(path: Path, content, expected: Expected) -> list[Diagnostic]:
    """Pair the content documents' <img> elements with the source images by position."""
    imgs = [img for _, doc in content for img in doc.iter(f"{{{XHTML_NS}}}img")]
    if len(imgs) == len(expected.images):
        found = []
        for n, (image, img) in enumerate(zip(expected.images, imgs), 1):
            alt = img.get("alt")
            if image.decorative:
                found += _decorative_findings(path, "report.epub", image.src, alt, _inside(img, "figure"))
            elif not _same_text(alt, image.alt):
                found.append(_finding(path, "output-alt-lost",
                                      f'image {n} in report.epub ({image.src} in the source) should have alt '
                                      f'"{image.alt}" but has {_quote(alt)}'))
        return found
    # Counts differ, so positions mean nothing: say so, then match what we can by alt text.
    found = [_finding(path, "output-alt-lost",
                      f"report.epub has {len(imgs)} images but the source has {len(expected.images)}")]
    alts = [img.get("alt") for img in imgs if img.get("alt") is not None]
    for image in _described(expected):
        match = next((alt for alt in alts if _same_text(alt, image.alt)), None)
        if match is not None:
            alts.remove(match)
        else:
            found.append(_finding(path, "output-alt-lost",
                                  f'no image in report.epub has the alt text of {image.src}: "{image.alt}"'))
    for img in imgs:
        if "decorative" in _classes(img):
            found += _decorative_findings(path, "report.epub", img.get("src", ""), img.get("alt"),
                                          _inside(img, "figure"))
    return found


def _nav_entries(ol, depth: int = 1, leave_out: Callable[[str], bool] = lambda href: False) -> Outline:
    """(depth, text) of a nav <ol>'s entries, depth first, as readers list them; entries whose
    link leave_out(href) names are skipped with everything under them."""
    entries: Outline = []
    for li in ol.iterfind(f"{{{XHTML_NS}}}li"):
        label = next((c for c in li if _local(c.tag) in ("a", "span")), None)
        if label is not None and leave_out(label.get("href") or ""):
            continue
        entries.append((depth, _element_text(label) if label is not None else ""))
        for sub in li.iterfind(f"{{{XHTML_NS}}}ol"):
            entries += _nav_entries(sub, depth + 1, leave_out)
    return entries


def _epub_outline(path: Path, epub: _Epub, content, expected: Expected) -> list[Diagnostic]:
    found = []
    toc = None
    if epub.nav:
        toc = next((n for n in epub.nav[1].iter(f"{{{XHTML_NS}}}nav") if "toc" in _epub_types(n)), None)
    if toc is None:
        found.append(_finding(path, "output-outline", "report.epub has no nav[epub:type=toc] table of contents"))
    else:
        top = toc.find(f"{{{XHTML_NS}}}ol")
        added = {href for href, doc in epub.spine if _is_front_page(doc)}
        base = posixpath.dirname(epub.nav[0])

        def leave_out(href: str) -> bool:
            return posixpath.normpath(posixpath.join(base, unquote(urlsplit(href).path))) in added

        entries = _nav_entries(top, leave_out=leave_out) if top is not None else []
        wanted = [(level, text) for level, text in expected.outline if level <= TOC_DEPTH]
        found += _outline_finding(path, "the table-of-contents entries (nav.xhtml) of report.epub", wanted, entries)
    # One XHTML per chapter, headings unshifted: h1 is a chapter.
    headings = [h for _, doc in content for h in _headings(doc)]
    found += _outline_finding(path, "the headings of report.epub's chapters", expected.outline, headings)
    return found


# ----------------------------------------------------------------------- PDF

STANDARD_HEADING = re.compile(r"^/H([1-6])$")
ARTIFACT = "artifact"


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _is_struct_element(kid) -> bool:
    # Marked-content and object references (/MCR, /OBJR) are dictionaries too, but have no /S.
    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


def _struct_elements(node, seen: set | None = None) -> Iterator[pikepdf.Dictionary]:
    """Structure elements under node, in tree (reading) order."""
    seen = set() if seen is None else seen
    for kid in _as_list(node.get("/K")):
        if not _is_struct_element(kid):
            continue
        if kid.is_indirect:
            if kid.objgen in seen:  # a malformed tree can loop; reading order never revisits
                continue
            seen.add(kid.objgen)
        yield kid
        yield from _struct_elements(kid, seen)


def _role(element, role_map) -> str:
    """The standard structure type: custom roles are mapped through /RoleMap."""
    role = str(element.get("/S"))
    for _ in range(10):  # role maps can chain; a cycle must not hang the validator
        if role_map is None or role not in role_map:
            break
        role = str(role_map[role])
    return role


class _MarkedText:
    """Text of marked-content sequences, by page and MCID, decoded with /ToUnicode."""

    def __init__(self) -> None:
        self._pages: dict[tuple[int, int], dict[int, str]] = {}

    def text(self, page, mcid: int) -> str:
        if page is None:
            return ""
        key = page.objgen
        if key not in self._pages:
            self._pages[key] = _page_marked_text(page)
        return self._pages[key].get(mcid, "")


def _page_marked_text(page) -> dict[int, str]:
    resources = page.get("/Resources") or pikepdf.Dictionary()
    fonts = resources.get("/Font") or pikepdf.Dictionary()
    properties = resources.get("/Properties") or pikepdf.Dictionary()
    decoders: dict[str, Callable[[bytes], str]] = {}
    pieces: dict[int, list[tuple[float, str]]] = {}
    stack: list = []  # one entry per open BMC/BDC: an MCID, ARTIFACT, or None
    font = None
    y, y_saved, ty = 0.0, [], 0.0  # vertical offset of the graphics state (cm) and of the text matrix

    for instruction in pikepdf.parse_content_stream(pikepdf.Page(page)):
        op, operands = str(instruction.operator), instruction.operands
        if op in ("BDC", "BMC"):
            stack.append(_marked_entry(operands, properties))
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "q":
            y_saved.append(y)
        elif op == "Q":
            y = y_saved.pop() if y_saved else 0.0
        elif op == "cm" and len(operands) == 6:
            y += float(operands[5])
        elif op == "BT":
            ty = 0.0
        elif op == "Tm" and len(operands) == 6:
            ty = float(operands[5])
        elif op in ("Td", "TD") and len(operands) == 2:
            ty += float(operands[1])
        elif op == "Tf" and operands:
            name = str(operands[0])
            if name not in decoders:
                decoders[name] = _font_decoder(fonts.get(name))
            font = decoders[name]
        elif op in ("Tj", "TJ", "'", '"') and font is not None:
            owner = _owner(stack)
            if owner is not None:
                # Lines are told apart by their baseline: a wrapped heading gets a space there.
                # (Scaling is ignored: Typst only translates, and only "same line or not" matters.)
                pieces.setdefault(owner, []).append((round(y + ty, 2), font(_shown_bytes(op, operands))))
    return {mcid: _join_lines(parts) for mcid, parts in pieces.items()}


def _marked_entry(operands, properties):
    tag = str(operands[0]) if operands else ""
    if tag == "/Artifact":
        return ARTIFACT
    props = operands[1] if len(operands) > 1 else None
    if isinstance(props, pikepdf.Name):
        props = properties.get(str(props))
    if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
        return int(props["/MCID"])
    return None


def _owner(stack: list) -> int | None:
    """The MCID the shown text belongs to: the innermost one, unless inside an artifact."""
    for entry in reversed(stack):
        if entry == ARTIFACT:
            return None
        if isinstance(entry, int):
            return entry
    return None


def _shown_bytes(op: str, operands) -> bytes:
    if op == "TJ":
        return b"".join(bytes(x) for x in operands[0] if isinstance(x, pikepdf.String))
    return bytes(operands[-1]) if operands else b""


def _join_lines(parts: list[tuple[float, str]]) -> str:
    text, last = "", None
    for baseline, piece in parts:
        if last is not None and baseline != last and text and not text[-1].isspace():
            text += " "
        text += piece
        last = baseline
    return text


def _font_decoder(font) -> Callable[[bytes], str]:
    """bytes → text for one font: its /ToUnicode CMap, or Latin-1 for a simple font without one."""
    composite = font is not None and font.get("/Subtype") == "/Type0"
    width = 2 if composite else 1
    cmap: dict[int, str] = {}
    if font is not None and isinstance(font.get("/ToUnicode"), pikepdf.Stream):
        width, cmap = _parse_to_unicode(font["/ToUnicode"].read_bytes().decode("latin-1"), width)

    def decode(data: bytes) -> str:
        if not cmap:
            return "" if composite else data.decode("latin-1")
        codes = (int.from_bytes(data[i:i + width], "big") for i in range(0, len(data), width))
        return "".join(cmap.get(code, "") for code in codes)

    return decode


HEX = r"<([0-9A-Fa-f]*)>"


def _utf16(hexdigits: str) -> str:
    return bytes.fromhex(hexdigits).decode("utf-16-be", errors="replace")


def _parse_to_unicode(cmap_text: str, width: int) -> tuple[int, dict[int, str]]:
    """The code width and code → text map of a ToUnicode CMap (bfchar and bfrange sections)."""
    space = re.search(r"begincodespacerange\s*" + HEX, cmap_text)
    if space:
        width = max(1, len(space.group(1)) // 2)
    cmap: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap_text, re.S):
        for code, target in re.findall(HEX + r"\s*" + HEX, block):
            cmap[int(code, 16)] = _utf16(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap_text, re.S):
        for lo, hi, rest in re.findall(HEX + r"\s*" + HEX + r"\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            lo_code, hi_code = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for offset, target in enumerate(re.findall(HEX, rest)):
                    cmap[lo_code + offset] = _utf16(target)
            else:
                start = bytes.fromhex(rest[1:-1])
                # The last byte of the destination counts up along the range.
                for offset in range(hi_code - lo_code + 1):
                    last = (start[-1] + offset) & 0xFF
                    cmap[lo_code + offset] = (start[:-1] + bytes([last])).decode("utf-16-be", errors="replace")
    return width, cmap


def _heading_text(element, marked: _MarkedText) -> str:
    """What a heading says: /ActualText, else /T, else its marked content."""
    for key in ("/ActualText", "/T"):
        if key in element:
            return _norm(str(element[key]))
    return _norm(_content_text(element, element.get("/Pg"), marked))


def _content_text(element, page, marked: _MarkedText) -> str:
    parts = []
    for kid in _as_list(element.get("/K")):
        if isinstance(kid, int) and not isinstance(kid, bool):
            parts.append(marked.text(page, kid))
        elif _is_struct_element(kid):
            parts.append(str(kid["/ActualText"]) if "/ActualText" in kid
                         else _content_text(kid, kid.get("/Pg", page), marked))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR" and "/Stm" not in kid:
            parts.append(marked.text(kid.get("/Pg", page), int(kid["/MCID"])))
    return "".join(parts)


@dataclass
class _PdfStructure:
    headings: list[tuple[int, str]]  # (H level, text), in tree order, "Contents" left out
    figure_alts: list[str | None]


def _read_structure(tree) -> _PdfStructure:
    role_map = tree.get("/RoleMap")
    elements = [(_role(e, role_map), e) for e in _struct_elements(tree)]
    marked = _MarkedText()
    headings, alts = [], []
    for i, (role, element) in enumerate(elements):
        if role == "/Figure":
            alts.append(str(element["/Alt"]) if "/Alt" in element else None)
        level = STANDARD_HEADING.match(role)
        if not level:
            continue
        # The template's own "Contents" heading introduces the /TOC; it is not a chapter.
        following = elements[i + 1][0] if i + 1 < len(elements) else None
        if following == "/TOC":
            continue
        headings.append((int(level.group(1)), _heading_text(element, marked)))
    return _PdfStructure(headings, alts)


def check_pdf(path: Path, expected: Expected) -> list[Diagnostic]:
    with pikepdf.open(path) as pdf:
        found = _pdf_lang(path, pdf, expected) + _pdf_title(path, pdf, expected)
        marked = pdf.Root.get("/MarkInfo", {}).get("/Marked")
        if marked is not True:
            found.append(_finding(path, "output-pdf-untagged",
                                  f"/MarkInfo /Marked is {marked!r}, not true: readers may ignore the tags"))
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            found.append(_finding(path, "output-pdf-untagged",
                                  "report.pdf has no structure tree: no headings, figures or alt text"))
        else:
            structure = _read_structure(tree)
            found += _pdf_title_heading(path, structure, expected)
            found += _pdf_images(path, structure, expected)
            found += _pdf_outline(path, structure, expected)
        found += _pdf_bookmarks(path, pdf, expected)
    return found


def _pdf_lang(path: Path, pdf: pikepdf.Pdf, expected: Expected) -> list[Diagnostic]:
    lang = pdf.Root.get("/Lang")
    lang = None if lang is None else str(lang)
    if _same_lang(lang, expected.lang):
        return []
    return [_finding(path, "output-lang", f'the document /Lang should be "{expected.lang}" but is {_quote(lang)}')]


def _pdf_title(path: Path, pdf: pikepdf.Pdf, expected: Expected) -> list[Diagnostic]:
    found = []
    # Read-only: update_docinfo=False so reading the XMP does not rewrite the docinfo.
    xmp = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False).get("dc:title")
    if not _same_text(xmp, expected.title):
        found.append(_finding(path, "output-title",
                              f'the XMP dc:title should be "{expected.title}" but is {_quote(xmp)}'))
    info = pdf.docinfo.get("/Title") if "/Info" in pdf.trailer else None
    info = None if info is None else str(info)
    if not _same_text(info, expected.title):
        found.append(_finding(path, "output-title", f'the document info /Title should be "{expected.title}" '
                                                    f"but is {_quote(info)}"))
    display = pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")
    if display is not True:
        found.append(_finding(path, "output-title", f"/ViewerPreferences /DisplayDocTitle is {display!r}, not true: "
                                                    "viewers will show the file name instead of the title"))
    return found


def _pdf_title_heading(path: Path, structure: _PdfStructure, expected: Expected) -> list[Diagnostic]:
    first = structure.headings[0] if structure.headings else None
    if _same_heading(first, (1, expected.title)):
        return []
    return [_finding(path, "output-title", f'the first heading should be the /H1 "{expected.title}" '
                                           f"(the title page) but is {_describe(first)}")]


def _chapter_headings(structure: _PdfStructure) -> Outline:
    """The outline part of the headings: after the title /H1, shifted so /H2 is level 1."""
    headings = structure.headings
    if headings and headings[0][0] == 1:
        headings = headings[1:]
    return [(level - 1, text) for level, text in headings]


def _pdf_images(path: Path, structure: _PdfStructure, expected: Expected) -> list[Diagnostic]:
    # The template puts the cover on the title page, before the first chapter.
    wanted = ([expected.cover_alt] if expected.cover_alt else []) + [i.alt for i in _described(expected)]
    alts = structure.figure_alts
    found = _alts_in_order(path, "the /Figure elements of report.pdf", wanted, alts)
    if len(alts) > len(wanted):
        decorative = sum(image.decorative for image in expected.images)
        found.append(_finding(path, "output-decorative-exposed",
                              f"report.pdf has {len(alts)} /Figure elements but the source has {len(wanted)} "
                              f"described images{' with the cover' if expected.cover_alt else ''} "
                              f"({decorative} decorative, which must be artifacts)"))
    return found


def _pdf_outline(path: Path, structure: _PdfStructure, expected: Expected) -> list[Diagnostic]:
    return _outline_finding(path, "the heading tags (/H2 = chapter) of report.pdf", expected.outline,
                            _chapter_headings(structure))


def _bookmarks(items: Iterable, depth: int = 1) -> Outline:
    entries: Outline = []
    for item in items:
        if depth <= TOC_DEPTH:
            entries.append((depth, _norm(item.title)))
            entries += _bookmarks(item.children, depth + 1)
    return entries


def _pdf_bookmarks(path: Path, pdf: pikepdf.Pdf, expected: Expected) -> list[Diagnostic]:
    wanted = [(level, text) for level, text in expected.outline if level <= TOC_DEPTH]
    # Outline is only read here and the Pdf is never saved, so opening it cannot change the file.
    found = _bookmarks(pdf.open_outline().root)
    return _outline_finding(path, "the bookmarks of report.pdf", wanted, found)


CHECKS: dict[str, Callable[[Path, Expected], list[Diagnostic]]] = {
    "html": check_html,
    "epub": check_epub,
    "pdf": check_pdf,
    "large-print": check_pdf,
}
