"""liblouis in-process: print text in, North American ASCII braille (BRF) out, and back.

liblouis is the braille translator of NVDA, JAWS, BRLTTY and DAISY Pipeline;
its tables hold every contraction rule, so none is written here. No PyPI
wheel bundles it: it comes from Debian (liblouis20 with liblouis-data, which
scripts/install-tools installs as root), and is called through ctypes because
Debian's python3-louis binds only Debian's own Python.

Translation asks liblouis for dot patterns (not for its tables' own display
characters, which differ from table to table) and turns each six-dot cell
into its BRF character with liblouis's en-us-brf.dis, so every language
comes out in the same ASCII braille. The library keeps global state (the
table cache), hence one lock for every call into it.
"""
from __future__ import annotations

import ctypes
import functools
import threading
import unicodedata

LIBRARY = "liblouis.so.20"
INSTALL = "apt-get install -y liblouis20 liblouis-data"
BRF_DISPLAY = "en-us-brf.dis"
# The code English is written in (UKAAF and BANA): Unified English Braille, not a lookup.
ENGLISH = {1: "en-ueb-g1.ctb", 2: "en-ueb-g2.ctb"}

# From liblouis.h: translationModes, logLevels.
DOTS_IO, UNICODE_BRAILLE, NO_UNDEFINED = 4, 64, 128
LOG_OFF = 60000
BRAILLE_ROW = 0x2800  # Unicode braille, what liblouis writes in UNICODE_BRAILLE mode
DOTS = 0x8000  # liblouis's own dot patterns, what it reads in DOTS_IO mode
SIX_DOTS = 0x3F

_lock = threading.Lock()


class LouisUnavailable(Exception):
    """liblouis or its tables are not installed; the message says how to install them."""


@functools.cache
def _library() -> ctypes.CDLL:
    with _lock:  # the two writer lanes may both be first; liblouis compiles its tables here
        return _load()


def _load() -> ctypes.CDLL:
    try:
        library = ctypes.CDLL(LIBRARY)
    except OSError as error:
        raise LouisUnavailable(f"liblouis is not installed ({error}); as root run: {INSTALL}") from error
    library.lou_version.restype = ctypes.c_char_p
    library.lou_findTables.restype = ctypes.POINTER(ctypes.c_void_p)
    library.lou_getTableInfo.restype = ctypes.c_void_p
    library.lou_getTable.restype = ctypes.c_void_p
    library.lou_setLogLevel(LOG_OFF)  # a missing table is an answer here, not an error on stderr
    if library.lou_charSize() != 4:
        raise LouisUnavailable("this liblouis uses 16-bit characters; install Debian's liblouis20")
    if not library.lou_getTable(ENGLISH[2].encode()):
        raise LouisUnavailable(f"liblouis has no tables ({ENGLISH[2]} is missing); as root run: {INSTALL}")
    return library


def version() -> str:
    return _library().lou_version().decode()


def _taken(pointer: int | None) -> str | None:
    """A string liblouis allocated for us, copied and freed."""
    if not pointer:
        return None
    text = ctypes.string_at(pointer).decode()
    _free(pointer)
    return text


def _free(pointer) -> None:
    if pointer:
        ctypes.CDLL(None).free(ctypes.cast(pointer, ctypes.c_void_p))


@functools.cache
def table_for(lang: str, grade: int) -> str | None:
    """The table for a BCP 47 tag: UEB for English; else, of liblouis's literary six-dot tables
    for that language, the first (liblouis's order) of this grade, or of any grade when it has
    no table of this one. None when liblouis has no literary table for the language."""
    library = _library()
    language = (lang or "en").lower().replace("_", "-").split("-")[0]
    if language == "en":
        return ENGLISH[grade]
    with _lock:
        found = library.lou_findTables(f"language:{language}".encode())
        names = []
        while found and found[len(names)]:
            names.append(_taken(found[len(names)]).encode())
        _free(found)
        info = [{key: _taken(library.lou_getTableInfo(name, key.encode())) for key in ("language", "type", "dots",
                                                                                     "grade", "contraction")}
                for name in names]
    usable = [(name.decode().rsplit("/", 1)[-1], facts) for name, facts in zip(names, info)
              if (facts["language"] or "").lower().split("-")[0] == language
              and facts["type"] == "literary" and facts["dots"] != "8"]
    contracted = {1: ("0", "1", "no"), 2: ("2", "full")}[grade]
    same_grade = [name for name, facts in usable if (facts["grade"] or facts["contraction"]) in contracted]
    return (same_grade or [name for name, _facts in usable] or [None])[0]


def _call(function, table: str, cells: list[int], mode: int) -> list[int]:
    size = max(len(cells) * 4, 64)  # contracted braille is shorter; back-translation can be longer
    while True:
        inbuf = (ctypes.c_uint32 * max(len(cells), 1))(*cells)
        inlen, outlen = ctypes.c_int(len(cells)), ctypes.c_int(size)
        outbuf = (ctypes.c_uint32 * size)()
        with _lock:
            ok = function(table.encode(), inbuf, ctypes.byref(inlen), outbuf, ctypes.byref(outlen), None, None, mode)
        if not ok:
            raise LouisUnavailable(f"liblouis could not use the table {table}")
        if inlen.value >= len(cells):
            return list(outbuf[:outlen.value])
        size *= 2  # the output buffer was full before the input ended


@functools.cache
def _brf() -> tuple[dict[int, str], dict[str, int]]:
    """Six-dot pattern (0-63) -> BRF character, and back, from liblouis's en-us-brf.dis."""
    library = _library()
    patterns = (ctypes.c_uint32 * 64)(*[BRAILLE_ROW + dots for dots in range(64)])
    chars = (ctypes.c_uint32 * 64)()
    with _lock:
        if not library.lou_dotsToChar(BRF_DISPLAY.encode(), patterns, chars, 64, 0):
            raise LouisUnavailable(f"liblouis has no {BRF_DISPLAY}; as root run: {INSTALL}")
    to_ascii = {dots: chr(chars[dots]).upper() for dots in range(64)}
    return to_ascii, {char: dots for dots, char in to_ascii.items()}


@functools.lru_cache(maxsize=4096)
def _defined(table: str, char: str) -> bool:
    return bool(_call(_library().lou_translateString, table, [ord(char)], DOTS_IO | UNICODE_BRAILLE | NO_UNDEFINED))


def _spelled_out(table: str, text: str) -> str:
    """A character the table cannot write (an emoji, another script) by its Unicode name, as a screen
    reader says it, rather than liblouis's escape code (which needs dots 7 and 8)."""
    return "".join(char if char.isascii() or _defined(table, char)
                   else f" {unicodedata.name(char, 'symbol').lower()} " for char in text)


def translate(table: str, text: str) -> str:
    """Print text -> one line of BRF (spaces where the braille has blank cells)."""
    text = unicodedata.normalize("NFC", text)
    cells = _call(_library().lou_translateString, table, [ord(c) for c in _spelled_out(table, text)],
                  DOTS_IO | UNICODE_BRAILLE)
    to_ascii, _ = _brf()
    return "".join(to_ascii[(cell - BRAILLE_ROW) & SIX_DOTS] for cell in cells)


def back_translate(table: str, brf: str) -> str:
    """BRF -> print text, as a braille reader's software would read it."""
    _, to_dots = _brf()
    cells = [DOTS + to_dots.get(char.upper(), 0) for char in brf]
    return "".join(map(chr, _call(_library().lou_backTranslateString, table, cells, DOTS_IO | UNICODE_BRAILLE)))
