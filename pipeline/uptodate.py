"""Skip a build when nothing it depends on has changed (`make` twice does
nothing the second time). The stamp is a hash of every file in the source
folder, the options, and the pipeline's code and tools; it is written after
a successful build and compared before the next one."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.cache import code_version

STAMP = ".build-stamp.json"


def source_hash(source: Path) -> str:
    digest = hashlib.sha256(code_version().encode())
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        digest.update(path.relative_to(source).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _options(options, skip) -> str:
    return json.dumps([options, sorted(skip)], default=sorted)


def is_up_to_date(source: Path, out: Path, options, skip, outputs: list[str]) -> bool:
    try:
        stamps = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (stamps.get(_options(options, skip)) == source_hash(source)
            and all((out / name).exists() for name in outputs))


def record(source: Path, out: Path, options, skip) -> None:
    from pipeline import atomic

    try:
        stamps = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamps = {}
    stamps[_options(options, skip)] = source_hash(source)
    atomic.write_bytes(out / STAMP, json.dumps(stamps, indent=1).encode())
