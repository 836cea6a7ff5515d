"""Read a Markdown page from another tool: a GitHub README, a Hugo or Jekyll page.

Front matter (YAML `---`, TOML `+++`, JSON `{…}`) is split off by
pipeline/front_matter.py, with its lines left blank so that line numbers stay
the file's; its title, language and description go to report.yaml. The body
is read as CommonMark with GitHub's extensions (what GitHub, Hugo's Goldmark
and most tools write), with each block's line from `+sourcepos`. Raw `<img>`
tags become pictures: `alt=""` is decorative, no alt is no alt text.
"""
from __future__ import annotations

import json
from pathlib import Path

import lxml.html
from lxml import etree

from pipeline.diagnostics import ReportError
from pipeline.front_matter import split_front_matter
from pipeline.importer.html import local_picture
from pipeline.importer.markers import marker
from pipeline.importer.original import Original
from pipeline.importer.pictures import DECORATIVE
from pipeline.importer.tree import child_block_lists, inlines_of
from pipeline.pandoc import run_pandoc

READER = "commonmark_x+sourcepos"
LANG_KEYS = ("lang", "language", "languageCode", "locale")
MAX_PAGE_BYTES = 5 * 1024 * 1024


def read_markdown_page(path: Path) -> Original:
    data = path.read_bytes()
    if len(data) > MAX_PAGE_BYTES:
        raise ReportError(f"the page is {len(data) // 1024 // 1024} MB of text, more than a report", path,
                          fix="split it into several files and import each")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportError("the file is not UTF-8 text", path, data[:exc.start].count(b"\n") + 1,
                          fix="save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)") from exc
    front = split_front_matter(text, path)
    tree = json.loads(run_pandoc(["-f", READER, "-t", "json", "--sandbox"], front.body.encode(), path.parent, path))
    tree["blocks"] = _positions_as_markers(tree["blocks"])
    original = Original(path, "Markdown page", tree, lambda label: f"line {label[1:]}")
    data_ = {str(k): v for k, v in front.data.items()}
    where = f"the {front.form} front matter"
    if isinstance(data_.get("title"), str):
        original.title, original.title_from = data_["title"].strip(), where
    lang = next((data_[k] for k in LANG_KEYS if isinstance(data_.get(k), str)), "")
    if lang:
        original.lang, original.lang_from = lang.replace("_", "-"), where
    summary = data_.get("description") or data_.get("summary")
    if isinstance(summary, str):
        original.description = " ".join(summary.split())
    original.media = lambda src: local_picture(path.parent, src)
    return original


def _line(attr) -> str | None:
    for key, value in attr[2]:
        if key == "data-pos" and value:  # "12:1-13:1", or "file@12:1-13:1" when read from a file
            start = value.rsplit("@", 1)[-1].split("-")[0]
            return start.split(":")[0] or None
    return None


def _positions_as_markers(blocks: list) -> list:
    """sourcepos wraps blocks in Divs and inlines in Spans marked wrapper=1: unwrap them, keeping each
    block's first line as its marker."""
    out = []
    for block in blocks:
        line = None
        while block["t"] == "Div" and ["wrapper", "1"] in block["c"][0][2] and len(block["c"][1]) == 1:
            line = line or _line(block["c"][0])
            block = block["c"][1][0]
        if block["t"] == "Div" and ["wrapper", "1"] in block["c"][0][2]:
            out += _positions_as_markers(block["c"][1])
            continue
        if block["t"] == "Header":
            line = _line(block["c"][1]) or line
            block["c"][1][2] = [kv for kv in block["c"][1][2] if kv[0] != "data-pos"]
        _inner(block)
        if block["t"] == "RawBlock" and block["c"][0] == "html":
            picture = _raw_picture(block["c"][1])
            if picture is not None:
                block = {"t": "Para", "c": [picture]}
        inlines = inlines_of(block)
        if inlines is not None and line:
            inlines.insert(0, {"t": "Str", "c": marker(f"L{line}")})
        out.append(block)
    return out


def _inner(block: dict) -> None:
    for inner in child_block_lists(block):
        inner[:] = _positions_as_markers(inner)
    inlines = inlines_of(block)
    if inlines is not None:
        inlines[:] = _unwrap_inlines(inlines)


def _unwrap_inlines(inlines: list) -> list:
    out = []
    for inline in inlines:
        t = inline["t"]
        if t == "Span" and ["wrapper", "1"] in inline["c"][0][2]:
            out += _unwrap_inlines(inline["c"][1])
            continue
        if t in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            inline["c"] = _unwrap_inlines(inline["c"])
        elif t in ("Link", "Span", "Quoted"):
            inline["c"][1] = _unwrap_inlines(inline["c"][1])
        elif t == "Image":
            inline["c"][1] = _unwrap_inlines(inline["c"][1])
            inline["c"][0][2] = [kv for kv in inline["c"][0][2] if kv[0] not in ("data-pos", "wrapper")]
        elif t == "Note":
            inline["c"] = _positions_as_markers(inline["c"])
        elif t == "RawInline" and inline["c"][0] == "html":
            inline = _raw_picture(inline["c"][1]) or inline
        out.append(inline)
    return out


def _raw_picture(markup: str) -> dict | None:
    """An Image for a lone raw <img> tag, else None."""
    stripped = markup.strip()
    if not stripped.lower().startswith("<img") or stripped.count("<") != 1:
        return None
    try:
        element = lxml.html.fragment_fromstring(stripped)
    except (etree.ParserError, ValueError):
        return None
    alt = element.get("alt")
    decorative = alt is not None and not alt.strip()
    alt_inlines = [{"t": "Str", "c": word} for word in (alt or "").split()]
    spaced = [x for i, w in enumerate(alt_inlines) for x in ([{"t": "Space"}, w] if i else [w])]
    return {"t": "Image", "c": [["", [DECORATIVE] if decorative else [], []], spaced,
                                [element.get("src") or "", element.get("title") or ""]]}
