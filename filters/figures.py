"""Figures: alt text from the image description, caption from the image title,
decorative images out of the accessibility tree.

Source convention (README, "Writing the source"):

    ![What the picture shows](images/x.png "Caption under the figure")
    ![Caption under the figure](images/x.png){alt="What the picture shows"}
    ![](images/divider.svg){.decorative}

Pandoc's implicit figures use the description as both alt text and caption,
so a screen reader hears it twice and sighted readers see alt text. Here the
description stays the alt text, the title becomes the visible caption (no
caption if there is no title), and the title attribute is dropped so it does
not turn into a tooltip. A `.decorative` image gets `alt=""` and is lifted out
of its figure: it carries no information and must not be announced as one.
"""
from __future__ import annotations


from filters import attr_get, attr_set, node_filter, run_as_pandoc_filter, text_inlines

DECORATIVE = "decorative"


def is_decorative(image) -> bool:
    return DECORATIVE in image["c"][0][1]


def _make_decorative(image) -> None:
    image["c"][1] = []
    image["c"][2][1] = ""
    attr_set(image["c"][0], "alt", "")


def figure_image(figure):
    """The one picture a figure holds, or None when it holds anything else."""
    body = figure["c"][2]
    if len(body) == 1 and body[0]["t"] in ("Plain", "Para") and len(body[0]["c"]) == 1:
        inline = body[0]["c"][0]
        if inline["t"] == "Image":
            return inline
    return None


def _action(key, value, fmt, meta):
    if key == "Figure":
        figure = {"t": key, "c": value}
        image = figure_image(figure)
        if image is None:
            return None
        if is_decorative(image):
            _make_decorative(image)
            return {"t": "Para", "c": [image]}
        title = image["c"][2][1]
        if title.strip():
            caption = text_inlines(title)
        elif attr_get(image["c"][0], "alt") is not None:  # ![Caption](x.png){alt="What it shows"}
            caption = image["c"][1]
        else:
            caption = []
        value[1] = [None, [{"t": "Plain", "c": caption}] if caption else []]
        image["c"][2][1] = ""
        return {"t": key, "c": value}
    if key == "Image" and DECORATIVE in value[0][1]:
        image = {"t": key, "c": value}
        _make_decorative(image)
        return image
    return None


apply = node_filter(_action)


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
