"""Which file a request names, or None: nothing outside the preview folder is ever served.

The request path is decoded once. A path whose decoding still holds a `..` or
`.` segment, a backslash, a NUL, or an encoded slash (`%2f`, `%5c`) is refused
outright rather than normalised, so `/%2e%2e/%2e%2e/etc/passwd` and
`/..%5c..%5cetc` never reach the file system; what is left is resolved
(symbolic links too) and must still lie inside the folder.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

ENCODED_SEPARATOR = re.compile(r"%(2f|5c|00)", re.IGNORECASE)


class Refused(Exception):
    """The request path tries to leave the preview folder."""


def resolve(root: Path, request_path: str) -> Path | None:
    """The file under root that request_path names (index.html for a folder), None when there is none.
    Raises Refused for a path that tries to leave root."""
    raw = request_path.split("?", 1)[0].split("#", 1)[0]  # not urlsplit: it reads "//host/x" as a host
    if ENCODED_SEPARATOR.search(raw):
        raise Refused(request_path)
    try:
        decoded = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None  # no file of the preview has a name that is not UTF-8
    segments = decoded.split("/")
    if "\\" in decoded or "\0" in decoded or any(s in (".", "..") for s in segments):
        raise Refused(request_path)
    base = root.resolve()
    target = base.joinpath(*[s for s in segments if s]).resolve()
    if target != base and base not in target.parents:
        raise Refused(request_path)  # a symbolic link that points out of the folder
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None
