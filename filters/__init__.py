"""Pandoc filters: one transformation each, over pandoc's JSON AST.

Every filter module has `apply(doc, fmt) -> doc`, used in-process by
pipeline.stages, and runs as `pandoc --filter filters/NAME.py` too (with the
project's virtual environment active), because each ends with
`run_as_pandoc_filter(apply)`.
"""
from __future__ import annotations

import json
import sys


def run_as_pandoc_filter(apply) -> None:
    """The pandoc --filter protocol: JSON AST on stdin, target format in argv[1]."""
    doc = json.load(sys.stdin)
    fmt = sys.argv[1] if len(sys.argv) > 1 else ""
    json.dump(apply(doc, fmt), sys.stdout)


def stringify(node) -> str:
    """Plain text of inlines or blocks (pandocfilters' stringify, without its quirks on Notes)."""
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
            elif t in ("Para", "Plain", "Header", "Emph", "Strong", "Span", "Link", "Image",
                       "Quoted", "SmallCaps", "Strikeout", "Underline", "Superscript", "Subscript",
                       "Cite", "Div", "BlockQuote"):
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
