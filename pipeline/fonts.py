"""The fonts the PDF editions are set in, and which characters they can print.

Atkinson Hyperlegible sets the text; where it has no glyph, Typst takes the
next family in FAMILIES that has one: Noto Sans (Cyrillic, Greek, Vietnamese),
Noto Sans for other scripts, Noto Sans CJK, Noto Sans Symbols and Noto Emoji
(PyPI manimgx-fonts and manimgx-fonts-cjk, OFL). The emoji are monochrome on
purpose: Noto Color Emoji becomes a Type 3 font whose glyph widths fail PDF/UA-1
(PDFUA1-FONT-GLYPH-WIDTH-001 in page-validation), and a PDF/UA-1 file may not
have that.

A character that none of these fonts has stops Typst (PDF/UA-1 forbids
a missing glyph), so the validator asks `unprintable` first and reports every
such character at its line (pipeline/check/rules/characters.py).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import manimgx_fonts
import manimgx_fonts_cjk
import typst
from fontpkg_atkinson_hyperlegible import ROOT as ATKINSON_ROOT

# Cheapest and most used first: the checker reads a font's coverage only while characters remain.
FONT_DIRS = (ATKINSON_ROOT / "files", Path(manimgx_fonts.__file__).parent, Path(manimgx_fonts_cjk.__file__).parent)
FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}

# Typst tries these in order for each character; Noto Sans before the other scripts' faces, so
# Latin punctuation in a Cyrillic or Arabic run still matches its neighbours.
FAMILIES = (
    "Atkinson Hyperlegible", "Noto Sans",
    "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Armenian", "Noto Sans Georgian", "Noto Sans Ethiopic",
    "Noto Sans Devanagari", "Noto Sans Bengali", "Noto Sans Gurmukhi", "Noto Sans Gujarati", "Noto Sans Oriya",
    "Noto Sans Tamil", "Noto Sans Telugu", "Noto Sans Kannada", "Noto Sans Malayalam", "Noto Sans Sinhala",
    "Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer", "Noto Sans Myanmar",
    "Noto Sans CJK SC",
    "Noto Sans Symbols", "Noto Emoji",
)


def font_files() -> list[Path]:
    """Every font file given to Typst, Atkinson Hyperlegible Regular first."""
    files = [path for folder in FONT_DIRS for path in sorted(folder.iterdir()) if path.suffix.lower() in FONT_SUFFIXES]
    return sorted(files, key=lambda path: not (path.parent == FONT_DIRS[0] and "Regular" in path.name))


@cache
def coverage(path: Path) -> frozenset[int]:
    """The code points a font file maps to glyphs. In a collection (Noto Sans CJK's .ttc) every
    face is the same family in a regional form with the same character map, so the first is read."""
    from fontTools.ttLib import TTFont  # only the checker needs it, and only when it meets a character

    with TTFont(path, fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap() or ())


def typst_font_args() -> dict:
    return {"font_paths": [str(folder) for folder in FONT_DIRS], "ignore_system_fonts": True}


def unprintable(characters: Iterable[str]) -> set[str]:
    """The characters no font of the PDF editions can print."""
    left = {c for c in characters if not c.isspace()}
    for path in font_files():
        if not left:
            return left
        covered = coverage(path)
        left = {c for c in left if ord(c) not in covered}
    # Typst also ships fonts of its own (DejaVu Sans Mono, New Computer Modern, Libertinus) and
    # needs no glyph for the invisible characters (joiners, variation selectors): it decides.
    return _typst_cannot_print(sorted(left))


def _typst_prints(characters: list[str]) -> bool:
    probe = (b'#set document(title: "probe")\n#set text(lang: "en", font: json(bytes(sys.inputs.fonts)))\n'
             b'#sys.inputs.text\n')
    try:
        typst.compile(probe, pdf_standards=["ua-1"], sys_inputs={"text": " ".join(characters),
                                                                 "fonts": json.dumps(FAMILIES)},
                      **typst_font_args())
    except (typst.TypstError, RuntimeError):
        return False
    return True


def _typst_cannot_print(characters: list[str]) -> set[str]:
    """Halving: one Typst run when all print, about two per character that does not."""
    if not characters or _typst_prints(characters):
        return set()
    if len(characters) == 1:
        return set(characters)
    middle = len(characters) // 2
    return _typst_cannot_print(characters[:middle]) | _typst_cannot_print(characters[middle:])
