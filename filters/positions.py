"""Where each element of a chapter starts, kept on the element itself.

pandoc's `commonmark_x+sourcepos` reader says where things are by wrapping
them: every word in a Span and every block in a Div, each marked
`wrapper=1` with `data-pos="file@line:col-line:col"`. That tree is 5-6 times
larger than the plain one and has shapes no filter expects. `unwrap` turns
it, in one pass, into exactly the tree `commonmark_x` alone would give, plus
a "pos": [line, column] key on every block and every inline but spaces and
line breaks (words too: the easy-read rules point at one word). pandoc's JSON
reader ignores keys other than "t" and "c", so this one tree goes to the
filters, the validator's rules and every writer.

A raw HTML piece over several lines also keeps where each of its lines
starts ("lines"), so that an element pasted on its third line is reported
there.
"""
from __future__ import annotations

from filters import ATTR_INDEX

POS = "pos"
LINES = "lines"
SPACES = frozenset({"Space", "SoftBreak", "LineBreak"})  # where they are says nothing


def line_starts(value: str) -> list[tuple[int, int]]:
    """Each segment's start in a data-pos value: 'f@8:3-8:20;9:3-9:9' -> [(8, 3), (9, 3)]."""
    starts = []
    for segment in value.split(";"):
        line, _, column = segment.rsplit("@", 1)[-1].split("-")[0].partition(":")
        if line.isdigit() and column.isdigit():
            starts.append((int(line), int(column)))
    return sorted(starts)


def _own_position(node: dict) -> tuple[int, int] | None:
    """Take data-pos out of node's attributes; where it starts. An element first in a list item
    carries the item's data-pos and then its own: the last one is the element's."""
    index = ATTR_INDEX.get(node["t"])
    if index is None:
        return None
    attr = node["c"][index]
    values = [value for name, value in attr[2] if name == "data-pos"]
    if not values:
        return None
    attr[2] = [pair for pair in attr[2] if pair[0] != "data-pos"]
    starts = line_starts(values[-1])
    return starts[0] if starts else None


def _is_wrapper(node: dict) -> bool:
    """A Span or Div that sourcepos added. commonmark_x also marks `word{#id}` with wrapper=1:
    that one has an id or classes of its own, and stays."""
    if node["t"] not in ("Span", "Div"):
        return False
    ident, classes, pairs = node["c"][0]
    return not ident and not classes and ["wrapper", "1"] in pairs and all(
        name in ("wrapper", "data-pos") for name, _ in pairs)


def _elements(items: list, out: list) -> list:
    """items (a list of blocks or inlines) without wrappers, appended to out, adjacent words joined."""
    for item in items:
        if not isinstance(item, dict) or "t" not in item:
            out.append(_value(item))
            continue
        if _is_wrapper(item):
            values = [value for name, value in item["c"][0][2] if name == "data-pos"]
            starts = line_starts(values[-1]) if values else []
            first = len(out)
            _elements(item["c"][1], out)
            if starts:
                for element in out[first:]:
                    if isinstance(element, dict) and element["t"] not in SPACES and POS not in element:
                        element[POS] = list(starts[0])
                        if len(starts) > 1 and element["t"] in ("RawInline", "RawBlock"):
                            element[LINES] = [list(start) for start in starts]
            continue
        node = _node(item)
        if node["t"] == "Str" and out and isinstance(out[-1], dict) and out[-1].get("t") == "Str":
            out[-1]["c"] += node["c"]  # sourcepos splits "2." into "2" and "."
        else:
            out.append(node)
    return out


def _node(node: dict) -> dict:
    start = _own_position(node)
    if start is not None:
        node[POS] = list(start)
    if "c" in node:
        node["c"] = _value(node["c"])
    return node


def _value(value):
    if isinstance(value, list):
        if value and isinstance(value[0], dict) and "t" in value[0]:
            return _elements(value, [])
        return [_value(item) for item in value]
    if isinstance(value, dict) and "t" in value:
        return _node(value)
    return value


def unwrap(blocks: list) -> list:
    """The blocks of a `commonmark_x+sourcepos` tree as the plain tree, with positions (see above)."""
    return _elements(blocks, [])


def position(node: dict) -> tuple[int, int] | None:
    found = node.get(POS) if isinstance(node, dict) else None
    return (found[0], found[1]) if found else None


def strip(value):
    """value without positions (in place): to compare a reading with pandoc's plain one."""
    if isinstance(value, list):
        for item in value:
            strip(item)
    elif isinstance(value, dict):
        value.pop(POS, None)
        value.pop(LINES, None)
        if "c" in value:
            strip(value["c"])
    return value


def positions_from_attributes(value):
    """Move a `pos="line:column"` attribute (how filters/raw_html.py marks the elements it makes from
    pasted HTML) into the element's "pos" key, in place."""
    if isinstance(value, list):
        for item in value:
            positions_from_attributes(item)
    elif isinstance(value, dict) and "t" in value:
        index = ATTR_INDEX.get(value["t"])
        if index is not None:
            attr = value["c"][index]
            found = [v for k, v in attr[2] if k == "pos"]
            if found:
                attr[2] = [pair for pair in attr[2] if pair[0] != "pos"]
                line, _, column = found[0].partition(":")
                if line.isdigit() and column.isdigit():
                    value[POS] = [int(line), int(column)]
        positions_from_attributes(value.get("c"))
    return value
