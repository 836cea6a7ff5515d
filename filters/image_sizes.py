"""Every picture at its natural size: `width` and `height` attributes in CSS pixels from the file.

The build reads each image's size once (pipeline/image_facts.py) and hands it to this filter.
A picture whose author gave no `{width=…}` or `{height=…}` gets its natural size as attributes,
which every edition then honours as a maximum: the web pages and the EPUB show it at that size
or narrower (their stylesheets say `max-width: 100%; height: auto`), the PDF at that size or
the text width, whichever is smaller (filters/typst_images.py). Nothing is ever enlarged, so a
logo or an icon stays small and a screenshot stays sharp. An author's width is used as written.

A decorative picture (a divider, a banner, a flourish) carries no information, so it may not
take over a page: it is kept to DECORATIVE_MAX_HEIGHT at most, its width following.

Standalone: the sizes come in the tree's metadata as `image-sizes: {path: [width, height]}`.
"""
from __future__ import annotations

from filters import attr_get, attr_set, meta_text, node_filter, part_of, run_as_pandoc_filter, walk
from filters.figures import is_decorative

DECORATIVE_MAX_HEIGHT = 96.0  # CSS pixels: one inch, 2.5 cm, about three lines of body text
META_KEY = "image-sizes"


def picture_paths(blocks: list) -> list[str]:
    """Each picture's path, once, in order of use."""
    found: list[str] = []

    def action(key, value, fmt, meta):
        if key == "Image" and value[2][0] not in found:
            found.append(value[2][0])

    walk(blocks, action)
    return found


def shown_size(width: float, height: float, decorative: bool) -> tuple[int, int]:
    if decorative and height > DECORATIVE_MAX_HEIGHT:
        width, height = width * DECORATIVE_MAX_HEIGHT / height, DECORATIVE_MAX_HEIGHT
    # HTML's width and height attributes take whole pixels; never round a picture down to nothing
    return max(1, round(width)), max(1, round(height))


def apply(doc: dict, fmt: str = "", sizes: dict[str, tuple[float | None, float | None]] | None = None) -> dict:
    """sizes: image path → (width, height) in CSS pixels, from pipeline.assets.check_images;
    without it, from the tree's metadata (META_KEY)."""
    if sizes is None:
        sizes = _meta_sizes(doc["meta"].get(META_KEY))

    def action(key, value, fmt, meta):
        if key != "Image":
            return None
        attr, _alt, (src, _title) = value
        width, height = sizes.get(src, (None, None))
        if width is None or height is None or attr_get(attr, "width") or attr_get(attr, "height"):
            return None
        shown = shown_size(width, height, is_decorative({"t": key, "c": value}))
        attr_set(attr, "width", str(shown[0]))
        attr_set(attr, "height", str(shown[1]))
        return None

    if not part_of(doc):  # one chapter of many: the report's cover is sized once (pipeline/chapterwise.py)
        size_cover(doc["meta"], sizes)
    return node_filter(action)(doc, fmt)


def size_cover(meta: dict, sizes: dict) -> None:
    """report.yaml's `cover:` as the tree carries it gets its natural size too (the PDFs' title page)."""
    cover = meta.get("cover")
    if not cover or cover.get("t") != "MetaMap" or "image" not in cover["c"]:
        return
    width, height = sizes.get(meta_text(cover["c"]["image"]), (None, None))
    if width and height:
        cover["c"]["width"] = {"t": "MetaString", "c": f"{width:g}"}
        cover["c"]["height"] = {"t": "MetaString", "c": f"{height:g}"}


def _meta_sizes(value) -> dict:
    if not value or value.get("t") != "MetaMap":
        return {}
    found = {}
    for path, pair in value["c"].items():
        numbers = [float(item["c"][0]["c"]) if item["t"] == "MetaInlines" else float(item["c"])
                   for item in pair.get("c", [])]
        if len(numbers) == 2:
            found[path] = (numbers[0], numbers[1])
    return found


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
