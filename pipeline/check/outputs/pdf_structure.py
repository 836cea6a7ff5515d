"""A tagged PDF's structure tree as the output checks need it: headings
(level and text) and the /Alt of every /Figure, in reading order.

Heading text is the element's /ActualText, else its /T, else the text of its
marked content, decoded with the font's /ToUnicode CMap (see the package's
docstring for why and how far that goes)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

import pikepdf

from pipeline.check.outputs.compare import norm


STANDARD_HEADING = re.compile(r"^/H([1-6])$")


ARTIFACT = "artifact"


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _is_struct_element(kid) -> bool:
    # Marked-content and object references (/MCR, /OBJR) are dictionaries too, but have no /S.
    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


def _struct_elements(node, seen: set | None = None) -> Iterator[pikepdf.Dictionary]:
    """Structure elements under node, in tree (reading) order."""
    seen = set() if seen is None else seen
    for kid in _as_list(node.get("/K")):
        if not _is_struct_element(kid):
            continue
        if kid.is_indirect:
            if kid.objgen in seen:  # a malformed tree can loop; reading order never revisits
                continue
            seen.add(kid.objgen)
        yield kid
        yield from _struct_elements(kid, seen)


def _role(element, role_map) -> str:
    """The standard structure type: custom roles are mapped through /RoleMap."""
    role = str(element.get("/S"))
    for _ in range(10):  # role maps can chain; a cycle must not hang the validator
        if role_map is None or role not in role_map:
            break
        role = str(role_map[role])
    return role


class _MarkedText:
    """Text of marked-content sequences, by page and MCID, decoded with /ToUnicode."""

    def __init__(self) -> None:
        self._pages: dict[tuple[int, int], dict[int, str]] = {}

    def text(self, page, mcid: int) -> str:
        if page is None:
            return ""
        key = page.objgen
        if key not in self._pages:
            self._pages[key] = _page_marked_text(page)
        return self._pages[key].get(mcid, "")


def _page_marked_text(page) -> dict[int, str]:
    resources = page.get("/Resources") or pikepdf.Dictionary()
    fonts = resources.get("/Font") or pikepdf.Dictionary()
    properties = resources.get("/Properties") or pikepdf.Dictionary()
    decoders: dict[str, Callable[[bytes], str]] = {}
    pieces: dict[int, list[tuple[float, str]]] = {}
    stack: list = []  # one entry per open BMC/BDC: an MCID, ARTIFACT, or None
    font = None
    y, y_saved, ty = 0.0, [], 0.0  # vertical offset of the graphics state (cm) and of the text matrix

    for instruction in pikepdf.parse_content_stream(pikepdf.Page(page)):
        op, operands = str(instruction.operator), instruction.operands
        if op in ("BDC", "BMC"):
            stack.append(_marked_entry(operands, properties))
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "q":
            y_saved.append(y)
        elif op == "Q":
            y = y_saved.pop() if y_saved else 0.0
        elif op == "cm" and len(operands) == 6:
            y += float(operands[5])
        elif op == "BT":
            ty = 0.0
        elif op == "Tm" and len(operands) == 6:
            ty = float(operands[5])
        elif op in ("Td", "TD") and len(operands) == 2:
            ty += float(operands[1])
        elif op == "Tf" and operands:
            name = str(operands[0])
            if name not in decoders:
                decoders[name] = _font_decoder(fonts.get(name))
            font = decoders[name]
        elif op in ("Tj", "TJ", "'", '"') and font is not None:
            owner = _owner(stack)
            if owner is not None:
                # Lines are told apart by their baseline: a wrapped heading gets a space there.
                # (Scaling is ignored: Typst only translates, and only "same line or not" matters.)
                pieces.setdefault(owner, []).append((round(y + ty, 2), font(_shown_bytes(op, operands))))
    return {mcid: _join_lines(parts) for mcid, parts in pieces.items()}


def _marked_entry(operands, properties):
    tag = str(operands[0]) if operands else ""
    if tag == "/Artifact":
        return ARTIFACT
    props = operands[1] if len(operands) > 1 else None
    if isinstance(props, pikepdf.Name):
        props = properties.get(str(props))
    if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
        return int(props["/MCID"])
    return None


def _owner(stack: list) -> int | None:
    """The MCID the shown text belongs to: the innermost one, unless inside an artifact."""
    for entry in reversed(stack):
        if entry == ARTIFACT:
            return None
        if isinstance(entry, int):
            return entry
    return None


def _shown_bytes(op: str, operands) -> bytes:
    if op == "TJ":
        return b"".join(bytes(x) for x in operands[0] if isinstance(x, pikepdf.String))
    return bytes(operands[-1]) if operands else b""


def _join_lines(parts: list[tuple[float, str]]) -> str:
    text, last = "", None
    for baseline, piece in parts:
        if last is not None and baseline != last and text and not text[-1].isspace():
            text += " "
        text += piece
        last = baseline
    return text


def _font_decoder(font) -> Callable[[bytes], str]:
    """bytes → text for one font: its /ToUnicode CMap, or Latin-1 for a simple font without one."""
    composite = font is not None and font.get("/Subtype") == "/Type0"
    width = 2 if composite else 1
    cmap: dict[int, str] = {}
    if font is not None and isinstance(font.get("/ToUnicode"), pikepdf.Stream):
        width, cmap = _parse_to_unicode(font["/ToUnicode"].read_bytes().decode("latin-1"), width)

    def decode(data: bytes) -> str:
        if not cmap:
            return "" if composite else data.decode("latin-1")
        codes = (int.from_bytes(data[i:i + width], "big") for i in range(0, len(data), width))
        return "".join(cmap.get(code, "") for code in codes)

    return decode


HEX = r"<([0-9A-Fa-f]*)>"


def _utf16(hexdigits: str) -> str:
    return bytes.fromhex(hexdigits).decode("utf-16-be", errors="replace")


def _parse_to_unicode(cmap_text: str, width: int) -> tuple[int, dict[int, str]]:
    """The code width and code → text map of a ToUnicode CMap (bfchar and bfrange sections)."""
    space = re.search(r"begincodespacerange\s*" + HEX, cmap_text)
    if space:
        width = max(1, len(space.group(1)) // 2)
    cmap: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap_text, re.S):
        for code, target in re.findall(HEX + r"\s*" + HEX, block):
            cmap[int(code, 16)] = _utf16(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap_text, re.S):
        for lo, hi, rest in re.findall(HEX + r"\s*" + HEX + r"\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            lo_code, hi_code = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for offset, target in enumerate(re.findall(HEX, rest)):
                    cmap[lo_code + offset] = _utf16(target)
            else:
                start = bytes.fromhex(rest[1:-1])
                # The last byte of the destination counts up along the range.
                for offset in range(hi_code - lo_code + 1):
                    last = (start[-1] + offset) & 0xFF
                    cmap[lo_code + offset] = (start[:-1] + bytes([last])).decode("utf-16-be", errors="replace")
    return width, cmap


def _heading_text(element, marked: _MarkedText) -> str:
    """What a heading says: /ActualText, else /T, else its marked content."""
    for key in ("/ActualText", "/T"):
        if key in element:
            return norm(str(element[key]))
    return norm(_content_text(element, element.get("/Pg"), marked))


def _content_text(element, page, marked: _MarkedText) -> str:
    parts = []
    for kid in _as_list(element.get("/K")):
        if isinstance(kid, int) and not isinstance(kid, bool):
            parts.append(marked.text(page, kid))
        elif _is_struct_element(kid):
            parts.append(str(kid["/ActualText"]) if "/ActualText" in kid
                         else _content_text(kid, kid.get("/Pg", page), marked))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR" and "/Stm" not in kid:
            parts.append(marked.text(kid.get("/Pg", page), int(kid["/MCID"])))
    return "".join(parts)


@dataclass
class PdfStructure:
    headings: list[tuple[int, str]]  # (H level, text), in tree order, "Contents" left out
    figure_alts: list[str | None]


def read_structure(tree) -> PdfStructure:
    role_map = tree.get("/RoleMap")
    elements = [(_role(e, role_map), e) for e in _struct_elements(tree)]
    marked = _MarkedText()
    headings, alts = [], []
    for i, (role, element) in enumerate(elements):
        if role == "/Figure":
            alts.append(str(element["/Alt"]) if "/Alt" in element else None)
        level = STANDARD_HEADING.match(role)
        if not level:
            continue
        # The template's own "Contents" heading introduces the /TOC; it is not a chapter.
        following = elements[i + 1][0] if i + 1 < len(elements) else None
        if following == "/TOC":
            continue
        headings.append((int(level.group(1)), _heading_text(element, marked)))
    return PdfStructure(headings, alts)
