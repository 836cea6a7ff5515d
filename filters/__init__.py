"""Pandoc filters: one transformation each, over pandoc's JSON AST.

Every filter module has `apply(doc, fmt) -> doc`, used in-process by
pipeline.stages, and runs as `pandoc --filter filters/NAME.py` too (with the
project's virtual environment active), because each ends with
`run_as_pandoc_filter(apply)`.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata

# Where each kind of node keeps its Attr [id, classes, [[key, value], ...]] in its "c" list.
ATTR_INDEX = {"Header": 1, "Div": 0, "Span": 0, "Image": 0, "Link": 0, "Table": 0, "Figure": 0,
              "CodeBlock": 0, "Code": 0}
RAW_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
QUOTE_MARKS = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}


def run_as_pandoc_filter(apply) -> None:
    """The pandoc --filter protocol: JSON AST on stdin, target format in argv[1]."""
    doc = json.load(sys.stdin)
    fmt = sys.argv[1] if len(sys.argv) > 1 else ""
    json.dump(apply(doc, fmt), sys.stdout)


def stringify(node) -> str:
    """Plain text of inlines or blocks: pandocfilters' stringify without its quirks on Notes, and
    with the quotation marks of Quoted, as pandoc's own stringify gives them."""
    parts: list[str] = []

    def go(x):
        if isinstance(x, list):
            for item in x:
                go(item)
        elif isinstance(x, dict) and "t" in x:
            t = x["t"]
            if t == "Str":
                parts.append(x["c"])
            elif t in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
            elif t in ("Code", "Math", "RawInline"):
                parts.append(x["c"][-1] if t != "RawInline" else "")
            elif t == "Note":
                return
            elif t == "Quoted":
                # The marks are in the node, not in its words: pandoc's stringify writes them back.
                opening, closing = QUOTE_MARKS[x["c"][0]["t"]]
                parts.append(opening)
                go(x["c"][1])
                parts.append(closing)
            elif t in ("Para", "Plain", "Header", "Emph", "Strong", "Span", "Link", "Image", "SmallCaps",
                       "Strikeout", "Underline", "Superscript", "Subscript", "Cite", "Div", "BlockQuote"):
                go(x.get("c"))
            elif "c" in x:
                go(x["c"])

    go(node)
    return "".join(parts).strip()


def attr_get(attr, key: str, default=None):
    """Value of key in a pandoc Attr [id, classes, [[k, v], ...]]."""
    for k, v in attr[2]:
        if k == key:
            return v
    return default


def attr_of(node: dict):
    """The Attr of a pandoc node, or None for a kind of node that has none."""
    index = ATTR_INDEX.get(node["t"])
    return None if index is None else node["c"][index]


def element_ids(blocks, kinds=frozenset(ATTR_INDEX), raw_html: bool = False) -> set[str]:
    """Every id on nodes of these kinds in blocks; with raw_html, the id="…" written in raw HTML too."""
    found: set[str] = set()

    def collect(key, value, _fmt, _meta):
        if key in kinds:
            found.add(value[ATTR_INDEX[key]][0])
        elif raw_html and key in ("RawBlock", "RawInline") and value[0].lower().startswith("html"):
            found.update(RAW_HTML_ID.findall(value[1]))
        return None

    walk(blocks, collect)
    return found - {""}


def automatic_id(inlines: list) -> str:
    """The id the source's reader (commonmark_x, as on GitHub) makes from a heading's words, before
    it is made unique: lower case, spaces as hyphens, punctuation dropped, an emoji by its name."""
    text = stringify(_emoji_names(inlines))
    return "".join("-" if c.isspace() else c for c in text.lower()
                   if c.isspace() or c.isalnum() or c in "-_" or unicodedata.category(c) in ID_MARKS)


ID_MARKS = frozenset({"Mn", "Mc", "Me", "Pc"})  # combining marks and connectors (‿) stay in an id


def _emoji_names(value):
    """A copy of inlines with each emoji as its name: `:tada:` gives the id `tada`."""
    if isinstance(value, list):
        return [_emoji_names(item) for item in value]
    if isinstance(value, dict) and value.get("t") == "Span" and "emoji" in value["c"][0][1]:
        return {"t": "Str", "c": attr_get(value["c"][0], "data-emoji", "")}
    if isinstance(value, dict) and "c" in value:
        return {**value, "c": _emoji_names(value["c"])}
    return value


def table_rows(table: list) -> list:
    """Every row of a Table (its "c": attr, caption, column specs, head, bodies, foot) in the
    order a reader meets them: the head's, each body's intermediate head and rows, the foot's."""
    _attr, _caption, _specs, head, bodies, foot = table
    return [*head[1], *(row for body in bodies for row in [*body[2], *body[3]]), *foot[1]]


def attr_set(attr, key: str, value: str) -> None:
    attr[2] = [[k, v] for k, v in attr[2] if k != key] + [[key, value]]


def attr_drop(attr, key: str) -> None:
    attr[2] = [[k, v] for k, v in attr[2] if k != key]


def text_inlines(text: str) -> list:
    """Pandoc inlines for plain text."""
    out: list = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def meta_text(value) -> str:
    """Plain text of a metadata value, whether pandoc read it as a string or as inlines."""
    if not value:
        return ""
    if value["t"] in ("MetaString", "MetaBool"):
        return str(value["c"])
    if value["t"] == "MetaMap":
        return ""
    return stringify(value["c"])


# Where the reader noted an element's place (filters/positions.py): numbers, nothing to walk into.
POSITION_KEYS = frozenset({"pos", "lines"})
# The keys of an element such as Str or Space, which has nothing inside it to walk into.
LEAF_KEYS = frozenset({"t", "c"}) | POSITION_KEYS


def walk(x, action, fmt: str = "", meta=None):
    """pandocfilters.walk's contract, in place: `action(key, value, fmt, meta)` returns None to
    keep a node (and walk into it), a node, or a list of nodes to put in its place (walked too).

    pandocfilters rebuilds every dict of the tree on every walk; on a 40,000-word report that
    was seconds per filter. This changes only the lists where something was replaced.
    """
    if isinstance(x, list):
        replaced = None
        for index, item in enumerate(x):
            if isinstance(item, dict) and "t" in item:
                result = action(item["t"], item.get("c"), fmt, meta)
                if result is not None:
                    if replaced is None:
                        replaced = x[:index]
                    for node in result if isinstance(result, list) else [result]:
                        walk(node, action, fmt, meta)
                        replaced.append(node)
                    continue
                # Most elements are words and spaces: not calling walk on them takes a quarter off.
                if not isinstance(item.get("c"), (list, dict)) and LEAF_KEYS.issuperset(item):
                    if replaced is not None:
                        replaced.append(item)
                    continue
            walk(item, action, fmt, meta)
            if replaced is not None:
                replaced.append(item)
        if replaced is not None:
            x[:] = replaced
    elif isinstance(x, dict):
        for key, value in x.items():
            if key not in POSITION_KEYS and isinstance(value, (list, dict)):
                walk(value, action, fmt, meta)
    return x


# A report filtered chapter by chapter (pipeline/chapterwise.py) gives each stage one chapter as its
# doc, and under this key what the chapter needs from the others: its ids made unique, the chapters'
# heading ids, and the numbers the chapters before it used ("carry", which the stage brings up to date).
# A whole report, or a tree from pandoc, has no such key: a stage then finds it all in the doc.
PART = "part"


def part_of(doc: dict) -> dict | None:
    return doc.get(PART)


def node_filter(action, default_format: str = ""):
    """The `apply(doc, fmt)` of a filter that is one action over every node."""
    def apply(doc: dict, fmt: str = default_format) -> dict:
        doc["blocks"] = walk(doc["blocks"], action, fmt, doc.get("meta", {}))
        return doc
    return apply
