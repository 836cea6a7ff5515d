"""YAML read with where each value was written (file, line, column), for the
brand (pipeline/brand.py), whose every message points at a line: report.yaml,
a brand.yml file, or a lone Markdown file's front matter."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.diagnostics import ReportError


@dataclass(frozen=True)
class Place:
    file: Path
    line: int
    column: int


@dataclass
class Node:
    """A YAML value with where it was written: a dict of Node, a list of Node, a string or None."""
    value: object
    place: Place


def tree(node: yaml.Node, file: Path) -> Node:
    place = Place(file, node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        return Node({str(key.value): tree(value, file) for key, value in node.value}, place)
    if isinstance(node, yaml.SequenceNode):
        return Node([tree(item, file) for item in node.value], place)
    return Node(None if node.tag.endswith(":null") else str(node.value), place)


def _yaml_text(path: Path) -> str:
    """The YAML of a file: all of report.yaml or a brand file; a Markdown file's front matter (a lone
    file checked on its own, as Quarto documents set `brand:`), its other lines blanked, so that
    every line number is still the file's."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() not in (".md", ".markdown"):
        return text
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return ""
    end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), len(lines))
    return "\n".join(["", *lines[1:end]])


def compose(path: Path) -> yaml.Node | None:
    try:
        return yaml.compose(_yaml_text(path))
    except UnicodeDecodeError as exc:
        raise ReportError("the file is not UTF-8 text", path, fix="save it as UTF-8") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ReportError(f"this is not valid YAML ({getattr(exc, 'problem', None) or exc})", path,
                          mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                          fix="check the indentation and quote values that contain a colon or start with #")


def merge(base: Node, over: Node) -> Node:
    if isinstance(base.value, dict) and isinstance(over.value, dict):
        merged = dict(base.value)
        for key, value in over.value.items():
            merged[key] = merge(merged[key], value) if key in merged else value
        return Node(merged, over.place)
    return over


def brand_error(message: str, node: Node, fix: str) -> ReportError:
    return ReportError(message, node.place.file, node.place.line, node.place.column, fix=fix, rule="brand-invalid")


def mapping(node: Node | None, what: str) -> dict[str, Node]:
    if node is None or node.value is None:
        return {}
    if not isinstance(node.value, dict):
        raise brand_error(f"'{what}' should be a list of 'key: value' lines", node,
                          "see README.md, \"The organisation's brand\"")
    return node.value


def local_file(root: Path, node: Node, what: str, suffixes: tuple[str, ...]) -> str:
    """A path written in the brand, as a path relative to the source folder, after every check."""
    written = node.value if isinstance(node.value, str) else ""
    if "://" in written or written.startswith("//"):
        raise brand_error(f"{what} '{written}' is on the web; the build works offline and fetches nothing", node,
                     "download the file into the source folder and give its relative path")
    path = (node.place.file.parent / written).resolve()
    if not written or Path(written).is_absolute() or not path.is_relative_to(root.resolve()):
        raise brand_error(f"{what} '{written}' is outside the source folder", node,
                     "keep every file of the report inside its source folder and use a relative path")
    if not path.is_file():
        raise brand_error(f"{what} '{written}' does not exist", node,
                     f"check the path; it is relative to {node.place.file.name}'s folder")
    if path.suffix.lower() not in suffixes:
        raise brand_error(f"{what} '{written}' is not a {', '.join(suffixes)} file", node,
                     f"use a {' or '.join(suffixes)} file")
    return path.relative_to(root.resolve()).as_posix()
