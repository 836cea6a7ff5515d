"""What a picture's own bytes say about how big it is, and the smaller copy the web editions get.

Natural size is in CSS pixels (96 to the inch, 0.75 pt each), the unit HTML's `width` and
`height` attributes use and the one pandoc's `{width=300px}` means:

* a PNG, JPEG, GIF or WebP: its pixels divided by the DPI it was saved with, times 96;
  a file that states no DPI (or a nonsense one, as screenshots often do) counts 96 DPI,
  the web's convention, so a 640-pixel screenshot is 640 CSS pixels in every edition;
* an SVG: its `width`/`height` when they are absolute lengths, else its viewBox.

The PDF keeps the original file (print resolution); the web and EPUB editions get a copy at
most WEB_MAX_WIDTH pixels wide, re-encoded deterministically (no timestamps, fixed settings)
so that two builds give the same bytes.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from PIL import Image, ImageOps

CSS_DPI = 96.0
SANE_DPI = (50.0, 1200.0)  # outside this, a file's DPI is a default nobody chose
WEB_MAX_WIDTH = 1600  # pixels: sharp on a 2x phone screen, a third of a 4000-pixel photo
WEB_QUALITY = {"JPEG": 82, "WEBP": 80}  # visually lossless for photos, a fifth of camera files


@dataclass(frozen=True)
class Picture:
    """One checked image: the sha256 of its bytes (for cache keys) and its natural size."""
    digest: bytes
    width: float | None  # CSS pixels; None when the file does not say (an SVG with neither size nor viewBox)
    height: float | None


SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.I | re.S)
SVG_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|mm|cm|in|pc)?\s*$")
CSS_PX_PER = {None: 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}


def _svg_attribute(tag: bytes, name: str) -> str | None:
    found = re.search(rb"\s" + name.encode() + rb"""\s*=\s*(["'])(.*?)\1""", tag, re.S)
    return found.group(2).decode("utf-8", "replace") if found else None


def _svg_length(value: str | None) -> float | None:
    found = SVG_LENGTH.match(value or "")  # "100%" and "auto" say nothing about size
    return float(found.group(1)) * CSS_PX_PER[found.group(2)] if found else None


def svg_size(data: bytes) -> tuple[float | None, float | None]:
    root = SVG_ROOT.search(data[:65536])
    if not root:
        return None, None
    tag = root.group(0)
    width, height = _svg_length(_svg_attribute(tag, "width")), _svg_length(_svg_attribute(tag, "height"))
    box = [float(v) for v in re.split(r"[\s,]+", (_svg_attribute(tag, "viewBox") or "").strip()) if v][2:4]
    if len(box) == 2 and box[0] > 0 and box[1] > 0:
        if width and not height:
            height = width * box[1] / box[0]
        elif height and not width:
            width = height * box[0] / box[1]
        elif not width and not height:
            width, height = box
    return width, height


def raster_size(image: Image.Image) -> tuple[float, float]:
    dpi = image.info.get("dpi")
    try:
        x_dpi, y_dpi = (float(value) for value in dpi)
    except (TypeError, ValueError):
        x_dpi = y_dpi = CSS_DPI
    if not (SANE_DPI[0] <= x_dpi <= SANE_DPI[1] and SANE_DPI[0] <= y_dpi <= SANE_DPI[1]):
        x_dpi = y_dpi = CSS_DPI
    width, height = image.size
    if _rotated(image):
        width, height = height, width
    return round(width * CSS_DPI / x_dpi, 2), round(height * CSS_DPI / y_dpi, 2)


def _rotated(image: Image.Image) -> bool:
    """A camera photo stored sideways with an EXIF orientation that turns it (5 to 8 swap width and height)."""
    return image.getexif().get(0x0112, 1) in (5, 6, 7, 8)


def natural_size(kind: str, data: bytes) -> tuple[float | None, float | None]:
    if kind == "SVG":
        return svg_size(data)
    with Image.open(io.BytesIO(data)) as image:
        return raster_size(image)


def web_copy(data: bytes) -> bytes | None:
    """A copy at most WEB_MAX_WIDTH pixels wide for the web and EPUB editions, in the same format,
    or None when the original is already that small (or is not a photo format we re-encode)."""
    with Image.open(io.BytesIO(data)) as image:
        if image.format not in ("JPEG", "PNG", "WEBP") or getattr(image, "n_frames", 1) > 1:
            return None  # GIF animations and SVGs are left alone
        upright = ImageOps.exif_transpose(image)  # the copy drops EXIF, so turn it now
        if upright.mode in ("1", "P"):  # Pillow would resize a palette image pixel by pixel
            upright = upright.convert("RGBA")
        if upright.width <= WEB_MAX_WIDTH:
            return None
        height = round(upright.height * WEB_MAX_WIDTH / upright.width)
        smaller = upright.resize((WEB_MAX_WIDTH, height), Image.Resampling.LANCZOS)
        # No DPI or other metadata is copied: the pages give every picture its natural size
        # in width and height attributes, worked out from the original.
        out = io.BytesIO()
        if image.format == "PNG":
            smaller.save(out, "PNG", optimize=True)
        else:
            if smaller.mode not in ("RGB", "L") and image.format == "JPEG":
                smaller = smaller.convert("RGB")
            smaller.save(out, image.format, quality=WEB_QUALITY[image.format])
    copy = out.getvalue()
    return copy if len(copy) < len(data) else None
