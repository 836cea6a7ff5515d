"""Link rules: every link is checked here, at its line, before a writer runs,
so that neither Typst ("label does not exist") nor EPUBCheck is the first to
notice a link that goes nowhere.

What the rules judge is what the build will make: a copy of the chapters as
read (pipeline/parse.py) goes through the build's common filter stages
(pipeline/stages.py), which give headings their final ids and add the
glossary. Each link is then resolved by filters/links.py, the function the
build uses, at the line:column the reader noted on it.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote


from filters import element_ids, stringify
from filters.links import Resolved, base_address, chapter_ids, resolve
from filters.positions import position
from pipeline.check.model import SourceFile
from pipeline.chapterwise import filter_chapters
from pipeline.check.rules import CheckContext, Hit, rule
from pipeline.editions import EDITIONS
from pipeline.memory import BuildMemory, Recall
from pipeline.parse import chapter_blocks, meta_value
from pipeline.stages import run_common

CHAPTER_MARK = "x-check-chapter"  # a raw block of no real format: where each file's blocks begin
LANDING_PAGE = "index.html"
# The files a build publishes beside the web pages, and what each is.
PUBLISHED = {edition.output: edition.label for edition in EDITIONS} | {LANDING_PAGE: "the page of all formats"}


@dataclass
class Link:
    """A link as the build reads it, at the place in the source it was written."""
    url: str
    file: SourceFile
    line: int
    column: int
    resolved: Resolved  # what it is and where the build sends it (filters/links.py)

    @property
    def written(self) -> str:
        """The address as the author wrote it (pandoc's reader %-escapes spaces and brackets)."""
        return unquote(self.url)


@dataclass
class BuiltLinks:
    """The links and ids of the report as the build makes them."""
    links: list[Link]
    ids: set[str]
    headings: list[tuple[str, str]]  # (id, text) of every heading, in order
    pandoc_ids: dict[str, str]  # the id pandoc's own Markdown would give a heading → the build's
    chapters: dict[str, str]
    base_url: str
    settings: str  # where base_url is set: "report.yaml" or "the front matter"
    notes: int = 0


# --- the report as the build reads it -------------------------------------------------------

def _settings(ctx: CheckContext) -> tuple[dict, str]:
    """The settings the links depend on (base_url, glossary), and where they are written."""
    return ctx.settings, "report.yaml" if ctx.config is not None else "the front matter"


def _root(ctx: CheckContext) -> Path:
    return ctx.config.parent if ctx.config is not None else ctx.files[0].path.parent


def _chapter_name(source: SourceFile, root: Path) -> str:
    try:
        return source.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return source.path.name


def report_links(ctx: CheckContext) -> BuiltLinks:
    """Computed once for all the link rules of one check: the same files with the same bytes,
    glossary and settings make the same report."""
    if not ctx.files:
        return BuiltLinks([], set(), [], {}, {}, "", "")
    settings, where = _settings(ctx)
    glossary = ctx.glossary or settings.get("glossary")
    glossary = glossary if isinstance(glossary, dict) else {}
    base_url = str(settings.get("base_url") or "")
    if ctx.memory is not None:  # the live preview: the unchanged chapters as the last check made them
        if "links" not in ctx.shared:
            ctx.shared["links"] = _report_by_parts(ctx.files, _root(ctx), glossary, base_url, where, ctx.memory)
        if ctx.shared["links"] is not None:
            return ctx.shared["links"]
    same = (tuple((f.path, f.path.read_bytes()) for f in ctx.files), json.dumps(glossary, sort_keys=True),
            base_url, _root(ctx), where)
    if same not in _REPORTS:
        while len(_REPORTS) >= 4:
            _REPORTS.pop(next(iter(_REPORTS)))
        _REPORTS[same] = _report(ctx.files, _root(ctx), glossary, base_url, where)
    return _REPORTS[same]


_REPORTS: dict[tuple, BuiltLinks] = {}


def _report(files: list[SourceFile], root: Path, glossary: dict, base_url: str, where: str) -> BuiltLinks:
    names = [_chapter_name(source, root) for source in files]
    blocks: list = []
    for number, (name, source) in enumerate(zip(names, files)):
        blocks.append({"t": "RawBlock", "c": [CHAPTER_MARK, str(number)]})
        blocks.extend(chapter_blocks(source.blocks, name))  # a copy: the filters change it in place
    meta = {"glossary": meta_value(glossary)} if glossary else {}
    # The links stage is skipped: here links are judged as written, through the function it calls.
    doc = run_common({"meta": meta, "blocks": blocks}, frozenset({"links"}))
    facts = [_part_facts(chapter) for chapter in _by_chapter(doc["blocks"], len(files))]
    return _built(files, names, facts, chapter_ids(doc["blocks"]), base_url, where)


def _by_chapter(blocks: list, count: int) -> list[list]:
    """The report's blocks cut at each chapter's CHAPTER_MARK (the glossary, after the last, is the last's)."""
    chapters: list[list] = [[] for _ in range(count)]
    number = 0
    for block in blocks:
        if block["t"] == "RawBlock" and block["c"][0] == CHAPTER_MARK:
            number = int(block["c"][1])
        else:
            chapters[number].append(block)
    return chapters


def _built(files: list[SourceFile], names: list[str], facts: list[tuple], chapters: dict[str, str], base_url: str,
           where: str) -> BuiltLinks:
    """The report's links and ids from what each chapter's are (_part_facts), in reading order."""
    found = BuiltLinks([], set(), [], {}, chapters, base_url, where)
    for number, (ids, headings, notes, links) in enumerate(facts):
        found.ids |= ids
        found.notes += notes
        for ident, text in headings:
            found.headings.append((ident, text))
            found.pandoc_ids.setdefault(_pandoc_id(text), ident)
        here = min(number, len(files) - 1)  # the glossary's part, if it has one, comes after the last chapter
        found.links += [Link(url, files[here], line, column, resolve(url, names[here], found.chapters, base_url))
                        for url, line, column in links]
    found.ids.update(f"note-{n}" for n in range(1, found.notes + 1))  # filters/endnotes.py, epub_notes.py
    return found


def _report_by_parts(files: list[SourceFile], root: Path, glossary: dict, base_url: str, where: str,
                     memory: BuildMemory) -> BuiltLinks | None:
    """As _report, with the stages run chapter by chapter (pipeline/chapterwise.py), and what each
    chapter's links and ids are kept for the next check; None if the chapters must go whole."""
    names = [_chapter_name(source, root) for source in files]
    meta = {"glossary": meta_value(glossary)} if glossary else {}
    made = filter_chapters(list(zip(names, files)), meta, frozenset({"links"}), memory.filtered, prune=False)
    if made is None:
        return None
    recall = Recall(memory.link_facts)
    facts = [recall(part.key, lambda part=part: _part_facts(part.blocks)) for part in made.parts]
    recall.keep()
    return _built(files, names, facts, made.heading_ids, base_url, where)


def _part_facts(blocks: list) -> tuple[set[str], list[tuple[str, str]], int, list[tuple[str, int, int]]]:
    """A chapter's ids, headings (id, text), number of notes, and links (address, line, column)."""
    headings, notes, links = [], 0, []
    for node, (line, column) in _elements(blocks, (1, 1)):
        if node["t"] == "Note":
            notes += 1
        elif node["t"] == "Header":
            headings.append((node["c"][1][0], stringify(node["c"][2])))
        elif node["t"] == "Link":
            links.append((node["c"][2][0], line, column))
    return element_ids(blocks, raw_html=True), headings, notes, links


def _elements(value, here: tuple[int, int]):
    """Every element below value, in reading order, with where it starts: its own place, or, for
    one a filter made, the place of the nearest element around it that the reader placed."""
    if isinstance(value, list):
        for item in value:
            yield from _elements(item, here)
    elif isinstance(value, dict) and "t" in value:
        here = position(value) or here
        yield value, here
        yield from _elements(value.get("c"), here)


def _pandoc_id(text: str) -> str:
    """The id pandoc's own Markdown reader gives a heading: no leading digits, "section" if empty."""
    return re.sub(r"^[\W\d_]+", "", re.sub(r"[^\w\s.-]", "", text.lower()).strip()).replace(" ", "-") or "section"


def _hit(message: str, link: Link, fix: str | None = None) -> Hit:
    return Hit(message, link.file.path, link.line, link.column, fix)


# --- the rules ---------------------------------------------------------------------------------

@rule("link-empty", "error", "A link has no address: [text]() or [text](#).",
      "write where it goes in the ( ), e.g. [our grants](#grants) or [the council](https://…), "
      "or delete the [ ] and ( ) to keep just the words", ("links",),
      clauses=("WCAG 2.4.4",), impact="moderate")
def link_empty(ctx: CheckContext):
    found = report_links(ctx)
    for link in found.links:
        if link.resolved.kind == "empty":
            where = "has no address" if not link.url.strip() else 'goes to "#", which is no place in the report'
            yield _hit(f"link {where}; the editions show only its words", link)


@rule("link-anchor-missing", "error",
      "A link to a place in the report (#id) that no heading, block or glossary term has.",
      "link to an id the report has, or give the heading that id: ## Heading {#id}", ("links",),
      clauses=("HTML fragment",), impact="moderate")
def link_anchor_missing(ctx: CheckContext):
    found = report_links(ctx)
    for link in found.links:
        resolved = link.resolved
        if resolved.kind not in ("anchor", "chapter") or resolved.fragment in found.ids:
            continue
        fragment = resolved.fragment
        yield _hit(f'link to "#{fragment}" goes nowhere: nothing in the report has the id "{fragment}"',
                   link, fix=_anchor_fix(fragment, found))


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _anchor_fix(fragment: str, found: BuiltLinks) -> str | None:
    """The id the author most likely meant, and why."""
    titles = dict(found.headings)
    if fragment in found.pandoc_ids and fragment not in titles:
        meant = found.pandoc_ids[fragment]
        return (f'pandoc\'s own Markdown names the heading "{titles.get(meant, meant)}" #{fragment}; this report\'s '
                f"Markdown (CommonMark, as on GitHub) names it #{meant}: link to #{meant}, or give the heading the id "
                "you want with {#id}")
    by_words = [ident for ident, title in found.headings if _words(title) == _words(fragment)]
    by_case = [ident for ident in sorted(found.ids) if ident.lower() == fragment.lower()]
    close = difflib.get_close_matches(fragment.lower(), sorted(found.ids), n=1, cutoff=0.75)
    meant = (by_words or by_case or close or [None])[0]
    if meant is None:
        return None
    what = f'the heading "{titles[meant]}"' if meant in titles else f"#{meant}"
    return f"did you mean {what}? link to #{meant} (ids have no spaces or capitals)" if " " in fragment \
        or fragment != fragment.lower() else f"did you mean {what}? link to #{meant}"


@rule("link-address-invalid", "error",
      "A web address with no host a reader can reach (http://[oops, https://exa mple.org, https:/x).",
      "copy the address again from the browser's address bar", ("links",),
      clauses=("URL Standard",), impact="moderate")
def link_address_invalid(ctx: CheckContext):
    for link in report_links(ctx).links:
        if link.resolved.kind == "invalid":
            yield _hit(f'"{link.written}" is not a web address a reader can open; the editions show only the '
                       "link's words", link)


@rule("link-no-scheme", "warning",
      "A web or email address without https:// or mailto: (www.example.org, info@example.org).",
      "write the address in full, e.g. [our partner](https://www.example.org)", ("links",),
      clauses=("URL Standard",), impact="minor")
def link_no_scheme(ctx: CheckContext):
    found = report_links(ctx)
    for link in found.links:
        resolved = link.resolved
        if resolved.kind in ("no-scheme", "email"):
            kind = "email address" if resolved.kind == "email" else "web address"
            yield _hit(f'{kind} "{link.written}" has no {"mailto:" if resolved.kind == "email" else "https://"}; '
                       f"the editions link to {resolved.url}", link, fix=f"write the address in full: {resolved.url}")


@rule("link-site-relative", "error",
      "A link starting with / (as on a website) without base_url to say which website.",
      "add base_url: with the web address the report is published at, or write the address in full",
      ("links",),
      clauses=("URL Standard",), impact="moderate")
def link_site_relative(ctx: CheckContext):
    found = report_links(ctx)
    for link in found.links:
        resolved = link.resolved
        if resolved.kind != "site-relative" or resolved.url is not None:
            continue
        if found.base_url:
            problem = "base_url does not name one"
            fix = _base_url_in_full(found)
        else:
            problem = "no base_url says which website it is on"
            fix = (f"add base_url: https://your-site/annual-report/ to {found.settings} (where the report is "
                   f"published), or write the address in full: https://your-site{link.written}")
        yield _hit(f'link "{link.written}" is relative to a website, and {problem}', link, fix=fix)


@rule("link-local-file", "error",
      "A link to a file on the author's computer or beside the chapters that the report does not publish.",
      "put the file on a website and link to its full address (https://…); link to a chapter as #id",
      ("links",),
      clauses=("URL Standard",), impact="moderate")
def link_local_file(ctx: CheckContext):
    found = report_links(ctx)
    for link in found.links:
        resolved = link.resolved
        if resolved.kind != "file" or _edition(link.url) is not None:
            continue
        name = link.written.replace("\\", "/").split("?")[0].split("#")[0].rsplit("/", 1)[-1]
        fix = None
        if name in PUBLISHED:
            fix = f"link to the edition beside the web pages: ({name})"
        elif name.lower().endswith((".md", ".markdown")):
            fix = "it is not one of the report's chapters (chapters: in report.yaml): add it there, or link to a heading's #id"
        yield _hit(f'link to "{link.written}", a file that is not part of the report: readers cannot open it', link,
                   fix=fix)


def _edition(url: str) -> str | None:
    path = re.sub(r"^(\./)+", "", unquote(url).split("#")[0].split("?")[0])
    return PUBLISHED.get(path)


@rule("link-edition", "warning",
      "A link to another edition (report.pdf) without base_url: the EPUB and PDF can only show its words.",
      "add base_url: with the web address the editions are published at", ("links",),
      clauses=("URL Standard",), impact="minor")
def link_edition(ctx: CheckContext):
    found = report_links(ctx)
    if base_address(found.base_url) is not None:
        return
    for link in found.links:
        label = _edition(link.url) if link.resolved.kind == "file" else None
        if label is not None:
            yield _hit(f'link to "{link.written}", the edition "{label}", works on the web pages; in the EPUB and PDF, '
                       "which are read on their own, it is only words", link,
                       fix=_base_url_in_full(found) if found.base_url else
                       f"add base_url: (the web address the editions are published at) to {found.settings}, "
                       "and they link to it there")


def _base_url_in_full(found: BuiltLinks) -> str:
    return (f'base_url "{found.base_url}" is not a web address: in {found.settings}, write it in full, '
            "e.g. base_url: https://example.org/annual-report/")
