"""Paragraphs that stand in for structure: fake headings become headings, typed
numbering ("1.", "a)") and typed bullets become lists, and empty paragraphs
used as spacing go.
"""
from __future__ import annotations

import re

from pipeline.check.rules.headings import FAKE_HEADING_MAX_WORDS
from pipeline.check.rules.headings import _looks_like_prose as looks_like_prose
from pipeline.importer.markers import is_only_marker, label_of
from pipeline.importer.original import Original
from pipeline.importer.repairs import Repairs
from pipeline.importer.tree import text

NUMBER = re.compile(r"^\(?(\d{1,3}|[a-z]|[A-Z])([.)])$")
BULLET = re.compile(r"^[•·▪‣◦○●■–-]$")
STYLES = {"Decimal": "1", "LowerAlpha": "a", "UpperAlpha": "A"}
EMPHASIS = ("Strong", "Emph", "Underline")
# Where blocks follow one another as the text's own paragraphs (not a table cell or list item).
FLOWING = ("BlockQuote", "Div")


def remove_empty_paragraphs(blocks: list, repairs: Repairs) -> None:
    removed: list[str] = []
    _remove_empty(blocks, removed)
    repairs.removed("tidy", ("empty paragraph used as spacing", "empty paragraphs used as spacing"), removed)


def _remove_empty(blocks: list, removed: list[str]) -> None:
    kept = []
    for block in blocks:
        if block["t"] in ("Para", "Plain") and is_only_marker(block["c"]):
            removed.append(label_of(block) or "")
            continue
        if block["t"] == "Header" and is_only_marker(block["c"][2]):
            removed.append(label_of(block) or "")
            continue
        if block["t"] in FLOWING:
            _remove_empty(block["c"] if block["t"] == "BlockQuote" else block["c"][1], removed)
        kept.append(block)
    blocks[:] = kept


def _heading(block: dict, level: int) -> dict:
    inlines = block["c"]
    content = [i for i in inlines if not (i["t"] == "Str" and label_of({"t": "Plain", "c": [i]}))]
    marker = inlines[len(content):]
    if len(content) == 1 and content[0]["t"] in EMPHASIS:
        content = content[0]["c"]
    return {"t": "Header", "c": [level, ["", [], []], content + marker]}


def fake_headings(blocks: list, original: Original, repairs: Repairs) -> None:
    """Word's bold or large paragraphs (docx.py found them) become headings, a level under the last
    real heading (larger type higher)."""
    current = 0
    for index, block in enumerate(blocks):
        if block["t"] == "Header":
            current = block["c"][0]
            continue
        label = label_of(block)
        if block["t"] != "Para" or label not in original.fake_headings:
            continue
        rank, looks = original.fake_headings[label]
        level = min(current + rank, 6)
        blocks[index] = _heading(block, level)
        repairs.add("heading", f'"{text(block)}" was a paragraph {looks}; it is a level-{level} heading now', label)


def bold_paragraphs_as_headings(blocks: list, original: Original, repairs: Repairs, confirm_only: bool) -> None:
    """For files without style facts: a short paragraph all in bold, with text after it, under no heading.
    On a web page it is only listed for a person to confirm (confirm_only)."""
    current = 0
    for index, block in enumerate(blocks):
        if block["t"] == "Header":
            current = block["c"][0]
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        previous = blocks[index - 1] if index else None
        label = label_of(block)
        if block["t"] != "Para" or following is None or following["t"] == "Header" or \
                (previous is not None and previous["t"] == "Header") or not _all_bold(block["c"]):
            continue
        value = text(block)
        if not value or len(value.split()) > FAKE_HEADING_MAX_WORDS or value[-1] in ".!?;,:" or looks_like_prose(value):
            continue
        if confirm_only or label in original.heading_candidates:
            continue
        blocks[index] = _heading(block, min(current + 1, 6))
        repairs.add("heading", f'"{value}" was a paragraph set in bold; it is a level-{min(current + 1, 6)} heading '
                               "now", label)
    for label, why in original.heading_candidates.items():
        repairs.add("confirm", f"{why}: if it is a heading, make it one (## …); if not, leave it", label)


def _all_bold(inlines: list) -> bool:
    shown = [i for i in inlines if i["t"] not in ("Space", "SoftBreak") and
             not (i["t"] == "Str" and label_of({"t": "Plain", "c": [i]}))]
    return len(shown) == 1 and shown[0]["t"] == "Strong"


def typed_lists(blocks: list, repairs: Repairs) -> None:
    """Runs of two or more paragraphs that start with a typed "1." / "a)" / "•" become lists."""
    result, index = [], 0
    while index < len(blocks):
        run = _typed_run(blocks, index)
        if len(run) < 2:
            result.append(blocks[index])
            index += 1
            continue
        result.append(_as_list(run))
        first, last = run[0][0], run[-1][0]
        repairs.add("list", f'typed numbering or bullets ("{first}" … "{last}", {len(run)} paragraphs) became a '
                            "real list", label_of(blocks[index]))
        index += len(run)
    blocks[:] = result


def _lead(block: dict) -> str | None:
    """The typed number or bullet a paragraph starts with ("1.", "a)", "•"), if any."""
    if block["t"] != "Para" or not block["c"] or block["c"][0]["t"] != "Str":
        return None
    first = block["c"][0]["c"]
    if (NUMBER.match(first) or BULLET.match(first)) and len(block["c"]) > 2 and block["c"][1]["t"] == "Space":
        return first
    return None


def _kind(lead: str) -> tuple[str, str]:
    if BULLET.match(lead):
        return "bullet", ""
    value, delimiter = NUMBER.match(lead).groups()
    style = "Decimal" if value.isdigit() else "LowerAlpha" if value.islower() else "UpperAlpha"
    return style, ("TwoParens" if lead.startswith("(") else "OneParen" if delimiter == ")" else "Period")


def _value(lead: str) -> int:
    value = NUMBER.match(lead).group(1)
    return int(value) if value.isdigit() else ord(value.lower()) - ord("a") + 1


def _typed_run(blocks: list, start: int) -> list[tuple[str, dict]]:
    """The paragraphs from start that continue one typed list; a second kind of numbering
    ("a)" under "1.") nests under the item before it, and starts again under each."""
    run: list[tuple[str, dict]] = []
    outer = inner = None
    expected: dict[tuple[str, str], int] = {}
    for block in blocks[start:]:
        lead = _lead(block)
        if lead is None:
            break
        kind = _kind(lead)
        if outer is None:
            outer = kind
        elif kind == outer:
            expected.pop(inner, None)
        elif inner is None:
            inner = kind
        elif kind != inner:
            break
        if kind[0] != "bullet":
            value = _value(lead)
            if value != expected.get(kind, value if kind == outer else 1):
                break
            expected[kind] = value + 1
        run.append((lead, block))
    return run


def _item(block: dict) -> list:
    return [{"t": "Plain", "c": block["c"][2:]}]


def _as_list(run: list[tuple[str, dict]]) -> dict:
    outer = _kind(run[0][0])
    items: list[list] = []
    nested: list[tuple[str, dict]] = []

    def close_nested():
        if nested and items:
            # A paragraph, not plain text, above the nested list: CommonMark lets only a list starting
            # at 1 (not "a)") break into plain text, so both of the build's readers need the blank line.
            items[-1][0]["t"] = "Para"
            items[-1].append(_as_list(nested[:]))
        nested.clear()

    for lead, block in run:
        if _kind(lead) == outer:
            close_nested()
            items.append(_item(block))
        else:
            nested.append((lead, block))
    close_nested()
    if outer[0] == "bullet":
        return {"t": "BulletList", "c": items}
    return {"t": "OrderedList", "c": [[_value(run[0][0]), {"t": outer[0]}, {"t": outer[1]}], items]}
