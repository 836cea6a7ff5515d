"""A chart's long description goes inside its figure, as a disclosure under
the caption, and the image points at it with `aria-details`.

Source convention (README, "Writing the source"):

    ![Bar chart of grants by theme](images/grants-chart.svg "Grants by theme"){longdesc="#grants-desc"}

    ::: {.longdesc #grants-desc}
    The data in words …
    :::

(A `.longdesc` block directly after the figure counts too, with or without
the `longdesc=` attribute.)

Why: pandoc writes `longdesc` as a meaningless `data-longdesc` and leaves the
description as an unrelated block after the figure, so nothing tells a
screen-reader user that the chart has a description, and sighted readers get
a long block of data under every chart. Here the figure becomes

    <figure>
      <img alt="Bar chart …" aria-details="grants-desc">
      <figcaption><p>Grants by theme</p>
        <details class="longdesc" id="grants-desc">
          <summary>Full description of this picture</summary> …the description… </details>
      </figcaption>
    </figure>

`aria-details` makes screen readers announce that the image has details and
offer to go there; the `<details>` element is a native disclosure, usable
with a keyboard and without JavaScript. The summary text can be set per
description with `{.longdesc #id label="The chart in words"}`.

An image outside a figure keeps its description where it is, and only gets
`aria-details`. For HTML writers only (raw `<details>`).
"""
from __future__ import annotations

import html

from filters import attr_drop, attr_get, attr_set, part_of, run_as_pandoc_filter
from filters.figures import is_decorative

LONGDESC_CLASS = "longdesc"
DEFAULT_LABEL = "Full description of this picture"


def _is_longdesc(block) -> bool:
    return block["t"] == "Div" and LONGDESC_CLASS in block["c"][0][1]


def _images(node, found: list) -> list:
    """Every Image dict under node, in document order."""
    if isinstance(node, list):
        for item in node:
            # Most are words and spaces, with nothing inside: every paragraph is searched
            if not isinstance(item, dict) or isinstance(item.get("c"), (list, dict)) or item.get("t") == "Image":
                _images(item, found)
    elif isinstance(node, dict):
        if node.get("t") == "Image":
            found.append(node)
        for value in node.values():
            if isinstance(value, (list, dict)):
                _images(value, found)
    return found


def _figure_image(figure: dict):
    images = [image for image in _images(figure["c"][2], []) if not is_decorative(image)]
    return images[0] if len(images) == 1 else None


def _claims(blocks: list, found: list) -> None:
    """(image, description id or None, figure or None, the Div that follows it or None), recursively."""
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        after = following if following is not None and _is_longdesc(following) else None
        if block["t"] == "Figure":
            image = _figure_image(block)
            if image is not None:
                reference = (attr_get(image["c"][0], "longdesc") or "").lstrip("#") or None
                if reference or after is not None:
                    found.append((image, reference, block, after))
                continue
        elif block["t"] in ("Para", "Plain"):
            for image in _images(block["c"], []):
                reference = (attr_get(image["c"][0], "longdesc") or "").lstrip("#") or None
                if reference or after is not None:
                    found.append((image, reference, None, after))
        for child in _child_block_lists(block):
            _claims(child, found)


def _child_block_lists(block: dict) -> list[list]:
    kind, content = block["t"], block.get("c")
    if kind in ("BlockQuote",):
        return [content]
    if kind == "Div":
        return [content[1]]
    if kind == "BulletList":
        return list(content)
    if kind == "OrderedList":
        return list(content[1])
    if kind == "DefinitionList":
        return [definition for _term, definitions in content for definition in definitions]
    return []


def _take(blocks: list, ident: str):
    """Remove the Div with this id from wherever it is; return it (None if there is none)."""
    for index, block in enumerate(blocks):
        if block["t"] == "Div" and block["c"][0][0] == ident:
            return blocks.pop(index)
        for child in _child_block_lists(block):
            taken = _take(child, ident)
            if taken is not None:
                return taken
    return None


def _disclosure(div: dict) -> list:
    ident, _classes, attributes = div["c"][0]
    label = dict(attributes).get("label") or DEFAULT_LABEL
    return [{"t": "RawBlock", "c": ["html", f'<details class="{LONGDESC_CLASS}" id="{html.escape(ident)}">']},
            {"t": "RawBlock", "c": ["html", f"<summary>{html.escape(label)}</summary>"]},
            *div["c"][1],
            {"t": "RawBlock", "c": ["html", "</details>"]}]


def named(blocks: list) -> set[str]:
    """The descriptions that images in blocks name with longdesc=."""
    claims: list = []
    _claims(blocks, claims)
    return {reference for _image, reference, _figure, _after in claims if reference}


def apply(doc: dict, fmt: str = "") -> dict:
    part = part_of(doc)
    claims: list = []
    _claims(doc["blocks"], claims)
    # A description that an image names with longdesc= is that image's, even if it happens to
    # follow another picture (in any chapter).
    named_anywhere = set(part["longdesc-named"]) if part else named(doc["blocks"])
    claims = [claim for claim in claims if claim[1] or claim[3]["c"][0][0] not in named_anywhere]
    # One chapter at a time: numbers go on from the chapters before, and a description the chapters
    # before gave to an image stays that image's.
    before = part["carry"].setdefault("longdesc", {"claims": 0, "used": []}) if part else {"claims": 0, "used": []}
    used: set[str] = set(before["used"])
    first = before["claims"] + 1
    before["claims"] += len(claims)
    for number, (image, reference, figure, after) in enumerate(claims, start=first):
        attr_drop(image["c"][0], "longdesc")
        if reference is None:  # the description directly follows the image, without an id
            reference = after["c"][0][0] or f"longdesc-{number}"
            after["c"][0][0] = reference
        if reference in used:
            continue  # the same description for two images: it stays with the first
        attr_set(image["c"][0], "aria-details", reference)
        used.add(reference)
        if figure is None:
            continue
        div = _take(doc["blocks"], reference)
        if div is None:
            attr_drop(image["c"][0], "aria-details")  # a dangling reference; the validator reports it
            continue
        caption = figure["c"][1][1]
        # The caption text becomes a paragraph so that it does not run into the disclosure.
        caption[:] = [{"t": "Para", "c": b["c"]} if b["t"] == "Plain" else b for b in caption]
        caption += _disclosure(div)
    before["used"] = sorted(used)
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
