"""Character rule: every character the PDF prints must be in one of its fonts.

PDF/UA-1 forbids a missing glyph, so Typst stops at the first character that
no font has, one per run and without a line number. This rule finds them all
at once, before any writer runs. The fonts (pipeline/fonts.py) cover most
scripts, symbols and emoji, so on most reports the text is read against
Atkinson Hyperlegible's character map alone and nothing more is loaded.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from filters.positions import position
from pipeline.check.rules import CheckContext, Hit, rule
from pipeline.fonts import unprintable

HTML_NOT_PRINTED = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)


Where = tuple[int, int]  # line, column


def printed_text(node, here: Where, found: dict[Where, str]) -> dict[Where, str]:
    """The text of a pandoc tree (read with positions) that the PDF sets in a font, by where it
    starts: words, code and captions; not alt text (it goes into the PDF's tags), link targets,
    attributes or math (Typst's math font has its own)."""
    if isinstance(node, list):
        for item in node:
            printed_text(item, here, found)
    elif isinstance(node, dict):
        kind, content = node.get("t"), node.get("c")
        here = position(node) or here
        if kind == "Str":
            found[here] = found.get(here, "") + content
        elif kind in ("Code", "CodeBlock"):
            found[here] = content[1]
        elif kind in ("RawInline", "RawBlock"):
            if content[0] == "html":  # its text is content once the build reads the HTML
                found[here] = HTML_NOT_PRINTED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), content[1])
        elif kind == "Image":
            printed_text({"t": "Str", "c": content[2][1]}, here, found)  # the title, printed as the caption
        elif kind == "Link":
            printed_text(content[1], here, found)
        elif kind != "Math":
            printed_text(content, here, found)
    return found


def _name(character: str) -> str:
    return f'"{character}" (U+{ord(character):04X} {unicodedata.name(character, "no name")})'


def _places(text: dict[Where, str], missing: set[str], source: list[str]) -> dict[int, list[tuple[int, str]]]:
    """line -> (column, character) of each missing character. The tree gives the line a text
    starts on (a fenced code block's is its fence); the column is found in the file's line."""
    lines: dict[int, list[tuple[int, str]]] = {}
    for (line, column), words in text.items():
        for index, character in enumerate(words):
            if character == "\n":
                line, column = line + 1, -index  # the next character is in column 1
            elif character in missing:
                place = _in_file(source, line, column + index, character)
                lines.setdefault(place[0], []).append((place[1], character))
    return lines


def _in_file(source: list[str], line: int, column: int, character: str) -> Where:
    for number in (line, line + 1):
        text = source[number - 1] if 0 < number <= len(source) else ""
        found = text.find(character, max(column - 1, 0))
        found = found if found >= 0 else text.find(character)
        if found >= 0:
            return number, found + 1
    return line, column


def _hits(path: Path, lines: dict[int, list[tuple[int, str]]]):
    """One finding per line that has characters the PDF cannot print, at the first of them."""
    for number, found in sorted(lines.items()):
        found = sorted(set(found))
        names = ", ".join(dict.fromkeys(_name(c) for _, c in found))
        what = "this character" if len({c for _, c in found}) == 1 else "these characters"
        yield Hit(f"no font of the PDF has {what}: {names}", path, number, found[0][0])


def _yaml_files(ctx: CheckContext) -> list[Path]:
    """report.yaml (title, subtitle, organisation are printed) and the glossary it names."""
    if ctx.config is None or not ctx.config.is_file():
        return []
    files = [ctx.config]
    try:
        glossary = (yaml.safe_load(ctx.config.read_text(encoding="utf-8")) or {}).get("glossary")
    except (yaml.YAMLError, AttributeError, UnicodeDecodeError):
        return files  # load_report has reported it
    if isinstance(glossary, str) and (ctx.config.parent / glossary).is_file():
        files.append(ctx.config.parent / glossary)
    return files


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _yaml_text(path: Path) -> dict[Where, str]:
    """A YAML file's lines but its comments: titles, names and glossary entries are printed."""
    return {(number, 1): line for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if not line.lstrip().startswith("#")}


def _unprintable(texts: list[tuple[Path, dict[Where, str]]]):
    missing = unprintable(set().union(*(set(words) for _, text in texts for words in text.values())))
    if missing:
        for path, text in texts:
            yield from _hits(path, _places(text, missing, path.read_text(encoding="utf-8").splitlines()))


def _in_report_files(ctx: CheckContext):
    """report.yaml and the glossary: their titles, names and definitions are printed too."""
    yield from _unprintable([(path, _yaml_text(path)) for path in _yaml_files(ctx)])


@rule("character-unprintable", "error",
      "A character that no font of the PDF has (a rare script, a symbol or an emoji newer than the fonts).",
      "replace it or describe it in words (e.g. 'tick', 'heart'); a picture needs an image with alt text",
      ("characters", "pdf"),
      clauses=("ISO 14289-1 7.21.8",), impact="serious", per_file=True, in_report=_in_report_files)
def character_unprintable(ctx: CheckContext):
    yield from _unprintable([(source.path, printed_text(source.blocks, (1, 1), {})) for source in ctx.files])
