"""The files an edition refers to: images, checked to be inside the source
folder and really there, and copied beside the HTML. (The stylesheet is the
HTML writer's: pipeline/writers/html.py.)"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from filters import image_sizes
from pipeline import atomic
from pipeline.cache import NO_CACHE, Cache, key
from pipeline.diagnostics import ReportError
from pipeline.image_facts import WEB_MAX_WIDTH, WEB_QUALITY, Picture, natural_size, web_copy
from pipeline.memory import Recall
from pipeline.source import Report, locate


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
    def where() -> tuple:  # the line that uses it, looked for only when there is something to say
        return locate(report, relative)

    if "://" in relative or relative.startswith("//"):
        raise ReportError(f"image '{relative}' is on the web; the build works offline and fetches nothing",
                          *where(), fix="download the picture into source/images/ and use its relative path")
    path = report.root / relative
    if Path(relative).is_absolute() or not path.resolve().is_relative_to(report.root.resolve()):
        raise ReportError(f"image '{relative}' is outside the source folder (or a link pointing out of it)",
                          *where(), fix="copy the picture into source/images/ and use its relative path")
    if not path.is_file():
        raise ReportError(f"image '{relative}' does not exist", *where(),
                          fix="check the file name; image paths are relative to the source folder")
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ReportError(f"image '{relative}' is {size / 1024 / 1024:.0f} MB, too big to send to readers",
                          *where(), fix=f"resize it to under {MAX_IMAGE_BYTES // 1024 // 1024} MB "
                                      "(about 2000 pixels wide is plenty)")
    data = path.read_bytes()
    kind = _image_kind(data)
    if kind is None:
        raise ReportError(f"image '{relative}' is not a PNG, JPEG, GIF, WebP or SVG file (or it is damaged)",
                          *where(), fix="export the picture again as PNG or JPEG")
    if kind == "SVG" and UNSAFE_SVG.search(data):
        raise ReportError(f"image '{relative}' contains script", *where(),
                          fix="export the SVG again without scripts or interactive parts")
    if kind != "SVG":
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except Exception as exc:  # Pillow raises many kinds for damaged files
            raise ReportError(f"image '{relative}' is damaged ({exc})", *where(),
                              fix="export the picture again") from exc
    return data


def check_images(report: Report, doc: dict) -> dict[str, Picture]:
    """Every image the report uses, as a path relative to the source folder (in order of use),
    each one checked, with the sha256 of its bytes and its natural size: a build reads each
    image once for all three."""
    # The cover too: checked like any picture, its hash in every edition's cache key (a new cover
    # under the same name is a new edition), its size for the title page.
    cover = [report.cover["image"]] if report.cover is not None else []
    return check_paths(report, image_sizes.picture_paths(doc["blocks"]) + cover)


def check_paths(report: Report, paths: list[str], kept: dict | None = None) -> dict[str, Picture]:
    """Each of these pictures (relative to the source folder) checked, once, in order. kept: the
    live preview's pictures checked before, by file and its size and time: one unchanged since
    passed then (reading and verifying 30 pictures took 0.03 to 0.1 s of every rebuild)."""
    def checked(relative: str) -> Picture:
        data = check_image(report, relative)
        return Picture(hashlib.sha256(data).digest(), *natural_size(_image_kind(data), data))

    recall = Recall(kept)
    pictures = {relative: recall(_as_it_is(report, relative) if kept is not None else None,
                                 lambda relative=relative: checked(relative))
                for relative in dict.fromkeys(paths)}
    recall.keep()
    return pictures


def _as_it_is(report: Report, relative: str) -> tuple | None:
    """A picture's file as it is now: where it leads, its size and its time; None if it cannot be read."""
    try:
        resolved = (report.root / relative).resolve()
        found = resolved.stat()
    except (OSError, ValueError):
        return None
    return relative, str(report.root.resolve()), str(resolved), found.st_size, found.st_mtime_ns


def sized(report: Report, doc: dict) -> tuple[dict, dict[str, Picture]]:
    """The tree with every picture's natural size on it (filters/image_sizes.py), and the checked
    images; the tree must have been through the common stages (pasted <img> are pictures by then)."""
    pictures = check_images(report, doc)
    return image_sizes.apply(doc, sizes={path: (p.width, p.height) for path, p in pictures.items()}), pictures


def publish_images(report: Report, doc: dict, out: Path, checked: dict[str, Picture] | None = None,
                   store: Cache = NO_CACHE, last: Path | None = None, kept: dict | None = None) -> WebImages:
    """Copy the images (and the cover) next to the HTML pages, a photo wider than the web needs
    as a smaller copy (image_facts.web_copy; kept in the cache by the original's hash), and say
    how many bytes that saved. checked: what check_images(report, doc) returned, when the build has it.
    last, kept: the folder the last build published to, and what it wrote there (the live
    preview's): a picture unchanged since, whose copy there is as written, is linked, not copied
    again (150 pictures took 0.4 s of every rebuild)."""
    images = list(checked if checked is not None else check_images(report, doc))
    if report.cover is not None and report.cover["image"] not in images:
        images.append(report.cover["image"])
    logo = report.brand.logo if report.brand is not None else None
    if logo is not None:  # the brand's logo, in every page's header
        images += [path for path in (logo.light, logo.dark) if path and path not in images]
    recall = Recall(kept)
    saved = WebImages()
    for relative in images:
        picture = (checked or {}).get(relative)
        name = (relative, picture.digest) if picture is not None else None
        copy = recall.last(name)
        target = out / relative
        if copy is None or last is None or not _linked(last / relative, copy, target):
            copy = _copied(report, relative, target, store)
        recall.remember(name, copy)
        if copy.smaller_by:
            saved = WebImages(saved.resized + 1, saved.bytes_saved + copy.smaller_by)
    recall.keep()
    return saved


@dataclass(frozen=True)
class WebImages:
    resized: int = 0  # photos copied smaller for the web editions
    bytes_saved: int = 0


@dataclass(frozen=True)
class _Copy:
    """A picture's copy as a build wrote it: enough to tell that a published file is still that copy."""
    file: tuple[int, int, int]  # its inode, size and time
    smaller_by: int  # bytes, against the original (0: the original as it is)


def _file(path: Path) -> tuple[int, int, int]:
    facts = path.stat()
    return facts.st_ino, facts.st_size, facts.st_mtime_ns


def _copied(report: Report, relative: str, target: Path, store: Cache) -> _Copy:
    original = (report.root / relative).read_bytes()
    data = _web_version(original, store)
    if not target.exists() or target.read_bytes() != data:
        atomic.write_bytes(target, data)
    return _Copy(_file(target), len(original) - len(data))


def _linked(published: Path, copy: _Copy, target: Path) -> bool:
    """Whether target is now the published copy, linked (a file system without links: False)."""
    try:
        if _file(published) != copy.file:  # changed or removed since: copy it again
            return False
        try:
            os.link(published, target)
        except FileNotFoundError:  # the first in its folder
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(published, target)
    except OSError:
        return False
    return True


def _web_version(original: bytes, store: Cache) -> bytes:
    name = key("web-image", str(WEB_MAX_WIDTH), json.dumps(WEB_QUALITY, sort_keys=True),
               hashlib.sha256(original).hexdigest())
    cached = store.get(name) if store.folder else None
    if cached is not None:
        return cached or original  # an empty entry: no smaller copy was worth making
    if _image_kind(original) == "SVG":
        smaller = None
    else:
        smaller = web_copy(original)
    if store.folder:
        store.put(name, smaller or b"")
    return smaller or original
