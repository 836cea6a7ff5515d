"""A content-addressed cache, so rebuilding after a small edit redoes only
what the edit touched, and a folder of many reports can share one cache.

Every key is a hash of everything the cached result depends on, including
the pipeline's own code and the versions of pandoc and Typst: a stale entry
can never be found, so there is nothing to invalidate. Entries are written
atomically; a damaged or missing cache only costs time.
"""
from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from pipeline import atomic

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = Path(".cache") / "pipeline"
NOT_IN_OUTPUTS = PACKAGE_ROOT / "pipeline" / "preview"  # serves the editions, never shapes them


@cache
def code_version() -> str:
    """A hash of the code and templates that shape every output, and of the tools' versions."""
    digest = hashlib.sha256()
    for folder in ("pipeline", "filters"):
        for path in sorted((PACKAGE_ROOT / folder).rglob("*")):
            if NOT_IN_OUTPUTS in path.parents:
                continue
            if path.is_file() and path.suffix in {".py", ".typ", ".html", ".css", ".xml", ".xhtml"}:
                digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    from importlib.metadata import version

    # pypandoc-binary pins the pandoc it ships; asking the packages is cheaper than running pandoc.
    for package in ("pypandoc-binary", "typst", "nh3", "textstat", "espeakng-loader", "lameenc", "mutagen",
                    "fontpkg-atkinson-hyperlegible", "manimgx-fonts", "manimgx-fonts-cjk"):
        digest.update(f"{package}=={version(package)}".encode())
    digest.update(_liblouis().encode())
    return digest.hexdigest()


def _liblouis() -> str:
    """The Braille editions' liblouis (from Debian, so no package version names it): installing or
    upgrading it must rebuild them. The same library pipeline/louis.py loads."""
    import ctypes

    try:
        library = ctypes.CDLL("liblouis.so.20")
    except OSError:
        return "liblouis==none"
    library.lou_version.restype = ctypes.c_char_p
    return f"liblouis=={library.lou_version().decode()}"


def key(*parts: bytes | str) -> str:
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """get/put bytes by key; a Cache(None) remembers nothing (--no-cache)."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _path(self, name: str) -> Path:
        return self.folder / name[:2] / name

    def get(self, name: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return self._path(name).read_bytes()
        except OSError:
            return None

    def put(self, name: str, data: bytes) -> None:
        if self.folder is None:
            return
        try:
            atomic.write_bytes(self._path(name), data)
        except OSError:
            pass  # a full disk or read-only cache only costs time


NO_CACHE = Cache(None)


def default_cache() -> Cache:
    if os.environ.get("PIPELINE_CACHE") == "off":
        return NO_CACHE
    return Cache(Path(os.environ.get("PIPELINE_CACHE", DEFAULT_FOLDER)))
