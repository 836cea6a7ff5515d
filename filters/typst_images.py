"""Carry alt text into the tagged PDF; make decorative images artifacts.

Pandoc 3.9's Typst writer drops an image's alt text, and Typst refuses to
write a PDF/UA-1 file with an image that has none. This filter replaces every
Image, for Typst only, with raw Typst: `image(path, alt: "…")`, or
`pdf.artifact(image(path))` for a `.decorative` image so that screen readers
skip it.
"""
from __future__ import annotations

import re

from filters import attr_get, node_filter, run_as_pandoc_filter, stringify, walk
from filters.figures import is_decorative


def typst_string(text: str) -> str:
    """A Typst string literal; newlines become spaces (alt text is one line)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + " ".join(escaped.split()) + '"'


TYPST_LENGTH = re.compile(r"^(\d+(?:\.\d+)?)(%|pt|mm|cm|in|em|px)?$")


def typst_length(html_width: str) -> str | None:
    """An HTML or pandoc width (`300`, `300px`, `50%`, `5cm`) as a Typst length; pixels are
    CSS pixels, 0.75 pt each. None for what Typst cannot take (`auto`, `calc(…)`)."""
    found = TYPST_LENGTH.match(html_width.strip().lower())
    if not found:
        return None
    number, unit = found.groups()
    return f"{float(number) * 0.75:g}pt" if unit in (None, "px") else f"{number}{unit}"


def typst_image(image, in_figure: bool) -> str:
    attr, alt, (src, _title) = image["c"]
    args = [typst_string(src)]
    width = typst_length(attr_get(attr, "width") or "")
    if width:
        args.append(f"width: {width}")
    elif in_figure:
        args.append("width: 100%")
    if is_decorative(image):
        return f"#pdf.artifact(box({'image(' + ', '.join(args) + ')'}))"
    args.append(f"alt: {typst_string(attr_get(attr, 'alt') or stringify(alt))}")
    return f"#box(image({', '.join(args)}))"


def _raw(text: str) -> dict:
    return {"t": "RawInline", "c": ["typst", text]}


def _action(key, value, fmt, meta):
    if key == "Figure":
        # Figures hold their image in a Plain; rewrite it here so the figure can size it.
        def inner(k, v, f, m):
            if k == "Image":
                return _raw(typst_image({"t": k, "c": v}, in_figure=True))
            return None

        value[2] = walk(value[2], inner, fmt, meta)
        return {"t": key, "c": value}
    if key == "Image":
        return _raw(typst_image({"t": key, "c": value}, in_figure=False))
    if key == "Link" and any(item["t"] == "Image" and is_decorative(item) for item in value[1]):
        # PDF/UA-1 forbids an artifact inside a link: the decorative picture goes after it, and a
        # link left with no words is no link (a screen reader could not say where it goes).
        kept = [item for item in value[1] if not (item["t"] == "Image" and is_decorative(item))]
        pictures = [_raw(typst_image(item, in_figure=False)) for item in value[1]
                    if item["t"] == "Image" and is_decorative(item)]
        words = [{"t": "Link", "c": [value[0], kept, value[2]]}] if stringify(kept).strip() else []
        return words + pictures
    return None


apply = node_filter(_action, "typst")


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
