"""Front matter at the top of a Markdown file, in the forms static-site tools write it:
YAML between `---` lines (Jekyll, Hugo, pandoc), TOML between `+++` lines (Hugo) and a
JSON object (Hugo).

pandoc reads only the YAML form and prints the others as body text, and the build and the
validator read chapters with different pandoc readers; so both call split_front_matter
first and give pandoc the body alone. The front matter's lines become blank lines, so
every line number pandoc reports is still the line in the file.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.diagnostics import ReportError

BOM = "\ufeff"
# A YAML block opens with `---` and a non-blank line (pandoc's rule: `---` then a blank line is a rule).
YAML_OPEN = re.compile(r"---[ \t]*\r?\n(?=[ \t]*\S)")
YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
TOML_OPEN = re.compile(r"\+\+\+[ \t]*\r?\n")
TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*\r?$", re.M)
JSON_OPEN = re.compile(r"\{\s*(?:\"|\})")  # `{` then a key or `}`: a paragraph starting with `{` is not JSON
TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
KEY_LINE = re.compile(r"^[ \t]*[\w\-\"']+[ \t]*:", re.M)


@dataclass
class FrontMatter:
    body: str  # the file's text with the front matter's lines left blank
    data: dict = field(default_factory=dict)
    form: str = ""  # "YAML", "TOML", "JSON", or "" when there is none


def split_front_matter(text: str, path: Path) -> FrontMatter:
    """The front matter of text (read from path) and the text without it.

    A front matter that is opened but cannot be read is a ReportError at its line.
    """
    start = len(BOM) if text.startswith(BOM) else 0
    if TOML_OPEN.match(text, start):
        return _toml(text, start, path)
    if JSON_OPEN.match(text, start):
        return _json(text, start, path)
    if YAML_OPEN.match(text, start):
        return _yaml(text, start, path)
    return FrontMatter(text)


def _blanked(text: str, start: int, end: int) -> str:
    """text with text[start:end] (whole lines) replaced by as many empty lines."""
    return text[:start] + "\n" * text.count("\n", start, end) + text[end:]


def _closed(text: str, opening: re.Match, closing: re.Pattern, form: str, mark: str, path: Path):
    close = closing.search(text, opening.end())
    if close is None:
        raise ReportError(f"the {form} front matter opened with {mark} on line 1 is never closed", path, 1,
                          fix=f"end the front matter with a line of {mark} before the chapter's text")
    end = close.end() + 1 if text.startswith("\n", close.end()) else close.end()
    return text[opening.end():close.start()], end


def _toml(text: str, start: int, path: Path) -> FrontMatter:
    content, end = _closed(text, TOML_OPEN.match(text, start), TOML_CLOSE, "TOML", "+++", path)
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        where = TOML_POSITION.search(str(exc))
        problem = TOML_POSITION.sub("", str(exc)).strip()
        raise ReportError(f"the TOML front matter cannot be read ({problem})", path,
                          int(where.group(1)) + 1 if where else 1, int(where.group(2)) if where else None,
                          fix='write each setting as key = "value", with text in double quotes') from exc
    return FrontMatter(_blanked(text, start, end), data, "TOML")


def _json(text: str, start: int, path: Path) -> FrontMatter:
    try:
        data, end = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise ReportError(f"the JSON front matter cannot be read ({exc.msg})", path, exc.lineno, exc.colno,
                          fix='write it as {"key": "value", …} with double quotes and no comma after the last '
                              'value, ending with } on its own line') from exc
    rest = text.find("\n", end)
    rest = len(text) if rest < 0 else rest + 1
    if text[end:rest].strip():
        line = text.count("\n", 0, end) + 1
        raise ReportError("text follows the JSON front matter's closing } on the same line", path, line,
                          fix="put the chapter's text on a line of its own after the }")
    return FrontMatter(_blanked(text, start, rest), data, "JSON")


def _yaml(text: str, start: int, path: Path) -> FrontMatter:
    opening = YAML_OPEN.match(text, start)
    close = YAML_CLOSE.search(text, opening.end())
    if close is None:  # `---` with nothing closing it is a horizontal rule
        return FrontMatter(text)
    content = text[opening.end():close.start()]
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        if not KEY_LINE.match(content):  # a rule, a paragraph and a rule: Markdown, not front matter
            return FrontMatter(text)
        mark = getattr(exc, "problem_mark", None)
        raise ReportError(f"the YAML front matter cannot be read ({getattr(exc, 'problem', None) or exc})", path,
                          mark.line + 2 if mark else 1, mark.column + 1 if mark else None,
                          fix="write each setting as key: value, and quote values that contain a colon") from exc
    except ValueError as exc:  # the YAML library's own check of a date such as 2026-02-30
        raise ReportError(f"the YAML front matter cannot be read ({exc})", path, 2,
                          fix="write dates as YYYY-MM-DD, or quote them") from exc
    if data is None:  # only comments: pandoc reads it as empty metadata too
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(text)
    end = close.end() + 1 if text.startswith("\n", close.end()) else close.end()
    return FrontMatter(_blanked(text, start, end), data, "YAML")
