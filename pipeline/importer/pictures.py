"""Pictures: saved into images/ under stable names, alt text kept only when it describes
something, "decorative" kept, very large photos scaled down to what print needs.

Alt text is never invented. Word's automatic descriptions ("A screenshot of a
cell phone Description automatically generated"), file names and blank alt
text are not descriptions: they are removed and listed for a person to write,
and `check` reports the picture as alt-missing at its line until then.
"""
from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field

from PIL import Image

from pipeline.importer.markers import label_of
from pipeline.importer.original import Original, PictureFacts
from pipeline.importer.repairs import Repairs
from pipeline.importer.tree import child_block_lists, inlines_of, notes_in, text, walk_blocks, walk_inlines, words

DECORATIVE = "decorative"
# The PDF's text is 170 mm wide on A4 (20 mm margins): at 300 dpi that is 2008 pixels.
PRINT_WIDTH_PX = round(170 / 25.4 * 300)
AUTOMATIC_ALT = re.compile(r"description automatically generated|generated with (very )?high confidence"
                           r"|ai-generated content may be incorrect|^a (picture|close up) (containing|of) .*$", re.I)
FILE_NAME = re.compile(r"^\S.*\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp|heic)$"
                       r"|^(img|dsc|dscn|pxl|screenshot|image|picture)[ _-]?\d[\w -]*$", re.I)
KINDS = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg", b"GIF8": "gif", b"BM": "bmp", b"II*\x00": "tif",
         b"MM\x00*": "tif", b"\xd7\xcd\xc6\x9a": "wmf", b"\x01\x00\x00\x00": "emf"}
CONVERT_TO_PNG = {"bmp", "tif"}


@dataclass
class SavedImages:
    """The images/ folder being made: file name -> bytes, and each original's name by its content."""
    files: dict[str, bytes] = field(default_factory=dict)
    by_hash: dict[str, str] = field(default_factory=dict)


def junk_alt(alt: str) -> str:
    """Why alt is not a description ("" if it is one)."""
    if not alt.strip():
        return "only spaces"
    if AUTOMATIC_ALT.search(alt):
        return "Word's automatic guess, not a description"
    if FILE_NAME.match(alt.strip()):
        return "a file name"
    return ""


def has_picture(blocks: list) -> bool:
    return any(i["t"] == "Image" for b in walk_blocks(blocks) for i in walk_inlines(inlines_of(b) or []))


def repair_pictures(blocks: list, original: Original, repairs: Repairs, saved: SavedImages) -> None:
    _figures_to_paragraphs(blocks)
    for block in walk_blocks(blocks):
        inlines = inlines_of(block)
        if inlines is None:
            continue
        label = label_of(block)
        pictures = [i for i in walk_inlines(inlines) if i["t"] == "Image"]
        for index, image in enumerate(pictures):
            _repair_one(image, original.pictures.get((label, index)), label, original, repairs, saved)
        for note in notes_in(inlines):
            repair_pictures(note, original, repairs, saved)


def _figures_to_paragraphs(blocks: list) -> None:
    """A Figure (picture with a caption) becomes the source's form: ![alt](src "caption")."""
    result = []
    for block in blocks:
        for inner in child_block_lists(block):
            _figures_to_paragraphs(inner)
        if block["t"] != "Figure":
            result.append(block)
            continue
        body = block["c"][2]
        inlines = [i for b in body for i in (inlines_of(b) or [])]
        images = [i for i in inlines if i["t"] == "Image"]
        if len(images) != 1 or len(body) != 1:
            result += body
            continue
        caption = text(block["c"][1][1])
        if caption:
            images[0]["c"][2][1] = caption
        result.append({"t": "Para", "c": inlines})
    blocks[:] = result


def _repair_one(image: dict, facts: PictureFacts | None, label: str | None, original: Original,
                repairs: Repairs, saved: SavedImages) -> None:
    attr, alt_inlines, (src, caption) = image["c"]
    classes = [c for c in attr[1] if c == DECORATIVE]
    decorative = bool(classes) or bool(facts and facts.decorative)
    written_alt = facts.alt if facts is not None and facts.alt is not None else text(alt_inlines)
    image["c"][0] = ["", [DECORATIVE] if decorative else [], []]
    if facts and facts.floating:
        repairs.add("flattened", "a floating picture is placed where it was anchored in the text; check it "
                                 "reads in the right place", label)
    if decorative:
        image["c"][1] = []
        if facts and facts.decorative:
            repairs.add("picture", f'a picture marked "decorative" in {original.kind} stays decorative '
                                   "({.decorative}): readers skip it", label)
    else:
        why = junk_alt(written_alt) if written_alt else ""
        if why:
            image["c"][1] = []
            repairs.add("alt", f'the alt text "{" ".join(written_alt.split())[:90]}" was removed: it is {why}. '
                               "Write what the picture shows, or mark it {.decorative}", label)
        elif not written_alt:
            image["c"][1] = []
            repairs.add("alt", "a picture has no alt text: write what it shows, or mark it {.decorative} "
                               "if it carries no information", label)
        else:
            image["c"][1] = words(written_alt)
    image["c"][2] = [_save(src, original, repairs, saved, label), caption]


def _save(src: str, original: Original, repairs: Repairs, saved: SavedImages, label: str | None) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*://|^//", src, re.I):
        repairs.add("refused", f"the picture {src} is on the web and was not fetched (the importer never goes "
                               "online): download it into images/ and change the path", label)
        return src
    data = original.media(src)
    if data is None:
        repairs.add("refused", f"the picture {src!r} is not in the file or beside it: find it, copy it into "
                               "images/ and change the path", label)
        return src
    digest = hashlib.sha256(data).hexdigest()
    if digest in saved.by_hash:
        return saved.by_hash[digest]
    kind = next((k for sig, k in KINDS.items() if data.startswith(sig)), "")
    if not kind and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        kind = "webp"
    if not kind and b"<svg" in data[:4096].lower():
        kind = "svg"
    data, kind = _printable(data, kind, repairs, label)
    name = f"images/picture-{len(saved.files) + 1:02d}.{kind or 'bin'}"
    saved.files[name] = data
    saved.by_hash[digest] = name
    return name


def _printable(data: bytes, kind: str, repairs: Repairs, label: str | None) -> tuple[bytes, str]:
    """The picture as a PNG, JPEG, GIF, WebP or SVG no wider than print needs."""
    if kind in ("wmf", "emf", ""):
        repairs.add("refused", f"a picture is a {kind.upper() or 'kind of'} file that web pages and PDFs cannot "
                               "show: in Word, right-click it, Save as Picture as PNG, and replace it", label)
        return data, kind
    if kind == "svg":
        return data, kind
    try:
        with warnings.catch_warnings():
            # Pillow warns past ~89 million pixels: far more than any photo, so a decompression bomb
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                picture.load()
                width, height = picture.size
                if width <= PRINT_WIDTH_PX and kind not in CONVERT_TO_PNG:
                    return data, kind
                out_kind = "png" if kind in CONVERT_TO_PNG else kind
                if width > PRINT_WIDTH_PX:
                    size = (PRINT_WIDTH_PX, max(1, round(height * PRINT_WIDTH_PX / width)))
                    picture = picture.resize(size, Image.Resampling.LANCZOS)
                    repairs.add("picture", f"a {width}×{height} pixel picture was scaled down to {size[0]}×{size[1]} "
                                           "(300 dpi at the printed page's width)", label)
                buffer = io.BytesIO()
                picture.save(buffer, format={"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}[out_kind],
                             **({"quality": 90} if out_kind == "jpg" else {}))
                return buffer.getvalue(), out_kind
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        repairs.add("refused", f"a picture cannot be read ({exc}): export it again as PNG or JPEG", label)
        return data, kind
