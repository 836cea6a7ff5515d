"""Every link goes where its author meant, in a form every edition accepts.

People paste links as they see them in a browser bar or on GitHub, and
EPUBCheck rejects most of those forms. Each link is resolved once, for every
edition, by `resolve` (the validator's link rules call the same function, so
what they report is what the build does):

* `www.example.org`, `git.example.org/path`   → `https://…`
* `info@example.org`                           → `mailto:info@example.org`
* `//example.org/x`                            → `https://example.org/x`
* `/blog/2024` (site-relative)                 → against `base_url:` in report.yaml
* `02-money.md#grants`, `02-money.md`          → `#grants`, the chapter heading's id
* spaces, a second `#` and other characters a URL may not hold are %-escaped;
  spaces in a `tel:` number are dropped
* `target="_blank"` is removed: a link opens where the reader chose
* a link with nowhere to go (`[text]()`, `[text](#)`, a site-relative link without
  `base_url`, a file on the author's disk, `http://[oops`) keeps its text and loses the link.

Links to other editions (`report.pdf`) stay relative: they sit beside the web
pages. The EPUB and the PDF are single files, so filters/link_targets.py makes
them absolute there.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from filters import attr_drop, attr_get, meta_text, part_of, run_as_pandoc_filter, walk

SOURCE_ATTR = "data-source"  # pipeline/parse.py marks each chapter's first heading with its file
# Extensions that make "report.pdf" a file, although .pdf or .md could be a top-level domain.
FILE_EXTENSIONS = frozenset(
    "md markdown txt pdf epub html htm xhtml doc docx odt rtf xls xlsx ods csv ppt pptx odp "
    "png jpg jpeg gif svg webp mp3 mp4 wav zip json xml yaml yml".split())
HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?::\d{1,5})?$", re.I)
EMAIL = re.compile(r"^[^@\s/:?#]+@[^@\s/:?#]+\.[a-z]{2,24}$", re.I)
WINDOWS_PATH = re.compile(r"^[a-z]:[\\/]", re.I)
# What may stay unescaped in a path, query or fragment (RFC 3986); `%` only before two hex digits.
URL_SAFE = "/:@!$&'()*+,;=-._~%"
NETWORK_SCHEMES = frozenset({"http", "https", "ftp", "ftps"})  # addresses that must name a host
BAD_IN_HOST = re.compile(r"[\s<>\"{}|\\^`\[\]]")
LONE_PERCENT = re.compile(r"%(?![0-9a-f]{2})", re.I)


@dataclass(frozen=True)
class Resolved:
    """What a link destination is, and where the editions send it.

    kind: "web" (has a scheme), "anchor" (#id), "no-scheme", "email", "site-relative",
    "chapter", "file" (another file, e.g. an edition), "empty" or "invalid" (no host a reader can reach).
    url: the destination the editions get; None when the link can only be its text.
    """
    kind: str
    url: str | None
    fragment: str = ""  # the id a #id or chapter link points at (decoded)


def base_address(base_url: str) -> str | None:
    """base_url as a folder address ("…/annual-report/"), or None if it is not a web address."""
    try:
        parts = urlsplit(base_url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return base_url.strip() if base_url.strip().endswith("/") else base_url.strip() + "/"


def escape(url: str) -> str:
    """url with the characters a URL may not contain %-escaped (a space, a second '#', '<', …)."""
    parts = urlsplit(url)
    if parts.scheme == "tel":
        return "tel:" + re.sub(r"\s+|%20", "", parts.path)  # a phone number's spaces are only for reading

    def clean(piece: str, extra: str = "") -> str:
        return quote(LONE_PERCENT.sub("%25", piece), safe=URL_SAFE + extra)
    return urlunsplit((parts.scheme, parts.netloc, clean(parts.path), clean(parts.query, "?"),
                       clean(parts.fragment, "?")))


def _looks_like_host(segment: str) -> bool:
    found = HOST.match(segment)
    return bool(found) and (segment.lower().startswith("www.") or found.group(1).lower() not in FILE_EXTENSIONS)


def resolve(url: str, chapter: str = "", chapters: dict[str, str] | None = None,
            base_url: str = "") -> Resolved:
    """Where a link written in `chapter` (its path in the source folder, e.g. "chapters/01-welcome.md")
    goes. `chapters` maps each chapter's path to its heading's id."""
    url = url.strip()
    if url in ("", "#"):
        return Resolved("empty", None)
    if url.startswith("#"):
        return Resolved("anchor", url, unquote(url[1:]))
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[oops": an unclosed bracket where the host should be
        return Resolved("invalid", None)
    if url.startswith("//"):
        return _web("https:" + url, "no-scheme")
    if len(parts.scheme) > 1 and "." not in parts.scheme and parts.scheme.lower() != "file":
        return _web(url, "web")
    if EMAIL.match(url):
        return Resolved("email", "mailto:" + url)
    first = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if (not parts.scheme or "." in parts.scheme) and _looks_like_host(first):  # "example.org:8080" parses as a scheme
        return _web("https://" + url, "no-scheme")
    if url.startswith("/"):
        base = base_address(base_url)
        return Resolved("site-relative", escape(urljoin(base, url)) if base else None)
    if parts.scheme or WINDOWS_PATH.match(url) or "\\" in url:
        return Resolved("file", None)  # file:///C:/… or C:\…: a file on the author's computer
    path = unquote(parts.path)
    if path.lower().endswith((".md", ".markdown")):
        target = _chapter(path, chapter, chapters or {})
        if target is None:
            return Resolved("file", None)
        fragment = unquote(parts.fragment) or target
        return Resolved("chapter", "#" + fragment if fragment else None, fragment)
    return Resolved("file", escape(url))


def _web(url: str, kind: str) -> Resolved:
    """A web address, escaped; "invalid" if its host cannot be one (no escaping would fix that)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number up to 65535)
    except ValueError:
        return Resolved("invalid", None)
    # pandoc's reader has already %-escaped spaces and brackets, which no host name can hold
    if BAD_IN_HOST.search(unquote(parts.netloc)) or (parts.scheme.lower() in NETWORK_SCHEMES and not parts.hostname):
        return Resolved("invalid", None)
    return Resolved(kind, escape(url))


def _chapter(path: str, here: str, chapters: dict[str, str]) -> str | None:
    """The heading id of the chapter `path` names, relative to the chapter it is written in
    (as on GitHub) or else to the source folder; None if it is not a chapter of the report."""
    for candidate in (posixpath.join(posixpath.dirname(here), path), path):
        normal = posixpath.normpath(candidate)
        if normal in chapters:
            return chapters[normal]
    return None


def chapter_ids(blocks: list) -> dict[str, str]:
    """Each chapter's source path → the id of its first heading (marked by pipeline/parse.py)."""
    return {attr_get(block["c"][1], SOURCE_ATTR): block["c"][1][0] for block in blocks
            if block["t"] == "Header" and attr_get(block["c"][1], SOURCE_ATTR)}


def as_text(link: dict) -> dict:
    """The link's words, keeping its id and classes (another link may point at its id)."""
    ident, classes, attributes = link["c"][0]
    return {"t": "Span", "c": [[ident, classes, attributes], link["c"][1]]}


def apply(doc: dict, fmt: str = "") -> dict:
    part = part_of(doc)
    chapters = part["chapters"] if part else chapter_ids(doc["blocks"])
    base_url = meta_text(doc.get("meta", {}).get("base_url"))
    here = ""

    def action(key, value, _fmt, _meta):
        if key != "Link":
            return None
        attr_drop(value[0], "target")
        target = value[2]
        resolved = resolve(target[0], here, chapters, base_url)
        if resolved.url is None:
            return as_text({"t": "Link", "c": value})
        target[0] = resolved.url
        return None

    for block in doc["blocks"]:
        if block["t"] == "Header" and attr_get(block["c"][1], SOURCE_ATTR):
            here = attr_get(block["c"][1], SOURCE_ATTR)
        walk([block], action, fmt, doc.get("meta", {}))
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
