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


def is_up_to_date(source: Path, out: Path, options, skip) -> bool:
    """True when the last build had these options, nothing it read has changed since, and every file
    it wrote is still there. An edition the last build skipped (an audio summary in a language
    with no voice) is not waited for."""
    try:
        stamp = json.loads((out / STAMP).read_text(encoding="utf-8")).get(_options(options, skip))
        return (stamp["source"] == source_hash(source)
                and all((out / name).exists() for name in stamp["outputs"]))
    except (OSError, ValueError, TypeError, KeyError):
        return False


def record(source: Path, out: Path, options, skip, outputs: list[Path]) -> None:
    """Remember this build: its options, what it read and what it wrote (paths inside `out`)."""
    from pipeline import atomic

    try:
        stamps = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamps = {}
    stamps[_options(options, skip)] = {"source": source_hash(source),
                                       "outputs": sorted(path.relative_to(out).as_posix() for path in outputs)}
    atomic.write_bytes(out / STAMP, json.dumps(stamps, indent=1).encode())
