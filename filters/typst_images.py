"""Carry alt text into the tagged PDF; make decorative images artifacts.

Pandoc 3.9's Typst writer drops an image's alt text, and Typst refuses to
write a PDF/UA-1 file with an image that has none. This filter replaces every
Image, for Typst only, with raw Typst: `image(path, alt: "…")`, or
`pdf.artifact(image(path))` for a `.decorative` image so that screen readers
skip it. On the way it sizes each picture (its natural size from
filters/image_sizes.py, at most the text width: never enlarged, never clipped),
sets a figure without a caption as an unnumbered figure with no "Figure N:"
label, and an Easy Read point's picture beside its words (filters/picture_points.py).
"""
from __future__ import annotations

import re

from filters import attr_get, node_filter, run_as_pandoc_filter, stringify, walk
from filters.figures import figure_image, is_decorative
from filters.picture_points import POINT_CLASS


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


ABSOLUTE_UNITS = ("pt", "mm", "cm", "in")
# At most this share of the page's text height, so a tall portrait photo leaves room for its caption.
MAX_HEIGHT_SHARE = 0.8


def _sized(args: list[str], attr) -> str:
    """`image(…)` at the picture's width: an absolute width (its natural size, see
    filters/image_sizes.py, or the author's `{width=…}`) is a maximum, never wider than the text
    nor taller than MAX_HEIGHT_SHARE of the page, so nothing is clipped or enlarged; `50%` is
    a share of the text width as written."""
    width = typst_length(attr_get(attr, "width") or "")
    height = typst_length(attr_get(attr, "height") or "")
    if width and width.endswith("pt") and height and height.endswith("pt"):
        ratio = float(width[:-2]) / float(height[:-2])
        limit = f"calc.min({width}, size.width, size.height * {MAX_HEIGHT_SHARE * ratio:.4f})"
        return f"layout(size => image({', '.join(args + [f'width: {limit}'])}))"
    if width and width.endswith(ABSOLUTE_UNITS):
        return f"layout(size => image({', '.join(args + [f'width: calc.min({width}, size.width)'])}))"
    if width:
        return f"image({', '.join(args + [f'width: {width}'])})"
    if height:
        return f"image({', '.join(args + [f'height: {height}'])})"
    return f"image({', '.join(args)})"


def typst_image(image, in_figure: bool) -> str:
    attr, alt, (src, _title) = image["c"]
    args = [typst_string(src)]
    if not (attr_get(attr, "width") or attr_get(attr, "height")) and in_figure:
        attr = [attr[0], attr[1], attr[2] + [["width", "100%"]]]  # a size the file does not say
    if is_decorative(image):
        return f"#pdf.artifact(box({_sized(args, attr)}))"
    args.append(f"alt: {typst_string(attr_get(attr, 'alt') or stringify(alt))}")
    return f"#box({_sized(args, attr)})"


def _raw(text: str) -> dict:
    return {"t": "RawInline", "c": ["typst", text]}


def _action(key, value, fmt, meta):
    if key == "Figure" and not value[1][1] and (picture := figure_image({"t": key, "c": value})) is not None:
        # No caption: no "Figure N:" label and no number (the template leaves uncaptioned
        # tables unnumbered the same way), so captioned figures are numbered 1, 2, 3 …
        # Its id stays on a Div around it, where links (and filters/link_targets.py) find it.
        code = typst_image(picture, in_figure=True)[1:]  # as an argument: without its "#"
        figure = {"t": "RawBlock", "c": ["typst", f"#figure({code}, numbering: none)"]}
        return {"t": "Div", "c": [[value[0][0], [], []], [figure]]} if value[0][0] else figure
    if key == "Figure":
        # Figures hold their image in a Plain; rewrite it here so the figure can size it.
        def inner(k, v, f, m):
            if k == "Image":
                return _raw(typst_image({"t": k, "c": v}, in_figure=True))
            return None

        value[2] = walk(value[2], inner, fmt, meta)
        return {"t": key, "c": value}
    if key == "Div" and POINT_CLASS in value[0][1] and len(value[1]) == 1:
        # An Easy Read point with its picture (filters/picture_points.py): the picture in a column
        # of its own, a quarter of the line at most, beside the words.
        point = value[1][0]
        picture = typst_image(point["c"][0], in_figure=True)[1:]
        words = point["c"][1:]
        while words and words[0]["t"] in ("Space", "SoftBreak"):
            words = words[1:]
        return {"t": "Plain", "c": [_raw(f"#grid(columns: (25%, 1fr), column-gutter: 1em, align: top, "
                                         f"{picture}, ["), *words, _raw("])")]}
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
