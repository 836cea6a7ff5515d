"""The files an edition refers to: images (checked to be inside the source
folder and really there) and the stylesheet, copied beside the HTML."""
from __future__ import annotations

from pathlib import Path

from pandocfilters import walk

from pipeline import atomic
from pipeline.diagnostics import ReportError
from pipeline.source import Report, locate, source_file
from pipeline.writers import TEMPLATES

STYLESHEET = "assets/report.css"


def image_paths(doc: dict) -> list[str]:
    found: list[str] = []

    def action(key, value, fmt, meta):
        if key == "Image" and value[2][0] not in found:
            found.append(value[2][0])

    walk(doc["blocks"], action, "", {})
    return found


def cover(report: Report) -> dict | None:
    cover = report.meta.get("cover")
    if not cover or not cover.get("image"):
        return None
    path = source_file(report.root, cover["image"], report.root / "report.yaml", "cover image")
    if not path.is_file():
        raise ReportError(f"cover image '{cover['image']}' does not exist", report.root / "report.yaml",
                          fix="check the path under 'cover: image:'")
    if not str(cover.get("alt", "")).strip():
        raise ReportError("the cover image has no alt text", report.root / "report.yaml",
                          fix="add 'alt:' under 'cover:' describing the picture")
    return {"image": cover["image"], "alt": str(cover["alt"]).strip()}


def check_images(report: Report, doc: dict) -> list[str]:
    """Every image the report uses, as paths relative to the source folder; refuse missing ones."""
    paths = image_paths(doc)
    for relative in paths:
        path = source_file(report.root, relative, locate(report, relative)[0] or report.root, "image")
        if not path.is_file():
            raise ReportError(f"image '{relative}' does not exist", *locate(report, relative),
                              fix="check the file name; image paths are relative to the source folder")
    return paths


def publish(report: Report, doc: dict, out: Path) -> None:
    """Copy the images and the stylesheet next to the HTML pages."""
    images = check_images(report, doc)
    if (c := cover(report)) is not None:
        images.append(c["image"])
    for relative in images:
        target = out / relative
        if not target.exists() or target.read_bytes() != (report.root / relative).read_bytes():
            atomic.write_bytes(target, (report.root / relative).read_bytes())
    css = out / STYLESHEET
    atomic.write_bytes(css, (TEMPLATES / "report.css").read_bytes())
