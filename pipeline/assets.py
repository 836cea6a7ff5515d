"""The files an edition refers to: images, checked to be inside the source
folder and really there, and copied beside the HTML. (The stylesheet is the
HTML writer's: pipeline/writers/html.py.)"""
from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from PIL import Image

from filters import walk
from pipeline import atomic
from pipeline.diagnostics import ReportError
from pipeline.source import Report, locate


def image_paths(doc: dict) -> list[str]:
    found: list[str] = []

    def action(key, value, fmt, meta):
        if key == "Image" and value[2][0] not in found:
            found.append(value[2][0])

    walk(doc["blocks"], action, "", {})
    return found


MAX_IMAGE_BYTES = 10 * 1024 * 1024
RASTER_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF"}
UNSAFE_SVG = re.compile(rb"<\s*script\b|\son[a-z]+\s*=|javascript\s*:|<\s*foreignObject\b", re.I)


def _image_kind(data: bytes) -> str | None:
    for signature, kind in RASTER_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in data[:65536].lower():
        return "SVG"
    return None


def check_image(report: Report, relative: str) -> bytes:
    """The image's bytes, after refusing anything a build must not read or ship."""
    where = locate(report, relative)
    if "://" in relative or relative.startswith("//"):
        raise ReportError(f"image '{relative}' is on the web; the build works offline and fetches nothing",
                          *where, fix="download the picture into source/images/ and use its relative path")
    path = report.root / relative
    if Path(relative).is_absolute() or not path.resolve().is_relative_to(report.root.resolve()):
        raise ReportError(f"image '{relative}' is outside the source folder (or a link pointing out of it)",
                          *where, fix="copy the picture into source/images/ and use its relative path")
    if not path.is_file():
        raise ReportError(f"image '{relative}' does not exist", *where,
                          fix="check the file name; image paths are relative to the source folder")
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ReportError(f"image '{relative}' is {size / 1024 / 1024:.0f} MB, too big to send to readers",
                          *where, fix=f"resize it to under {MAX_IMAGE_BYTES // 1024 // 1024} MB "
                                      "(about 2000 pixels wide is plenty)")
    data = path.read_bytes()
    kind = _image_kind(data)
    if kind is None:
        raise ReportError(f"image '{relative}' is not a PNG, JPEG, GIF, WebP or SVG file (or it is damaged)",
                          *where, fix="export the picture again as PNG or JPEG")
    if kind == "SVG" and UNSAFE_SVG.search(data):
        raise ReportError(f"image '{relative}' contains script", *where,
                          fix="export the SVG again without scripts or interactive parts")
    if kind != "SVG":
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except Exception as exc:  # Pillow raises many kinds for damaged files
            raise ReportError(f"image '{relative}' is damaged ({exc})", *where,
                              fix="export the picture again") from exc
    return data


def check_images(report: Report, doc: dict) -> dict[str, bytes]:
    """Every image the report uses, as a path relative to the source folder (in order of use),
    each one checked, with the sha256 of its bytes: a build reads each image once for both."""
    return {relative: hashlib.sha256(check_image(report, relative)).digest() for relative in image_paths(doc)}


def publish_images(report: Report, doc: dict, out: Path, checked: dict[str, bytes] | None = None) -> None:
    """Copy the images (and the cover) next to the HTML pages.
    checked: what check_images(report, doc) returned, when the build has it already."""
    images = list(checked if checked is not None else check_images(report, doc))
    if report.cover is not None:
        images.append(report.cover["image"])
    for relative in images:
        target = out / relative
        if not target.exists() or target.read_bytes() != (report.root / relative).read_bytes():
            atomic.write_bytes(target, (report.root / relative).read_bytes())
