"""A build settles the facts about its images once: each image file is read once to be
checked and hashed (the hash goes into every edition's cache key) and once to be copied
beside the HTML, however many editions are written, from the cache or not."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.cache import Cache
from tests.conftest import TINY

EDITIONS = ["html", "epub", "pdf", "large-print", "braille"]


@pytest.fixture
def source_with_cover(tmp_path) -> Path:
    source = tmp_path / "src"
    shutil.copytree(TINY, source)
    shutil.copy(source / "images" / "photo.png", source / "images" / "front.png")
    with (source / "report.yaml").open("a", encoding="utf-8") as config:
        config.write("cover:\n  image: images/front.png\n  alt: A volunteer planting beans\n")
    return source


def test_each_image_is_read_twice_a_build_however_many_editions(source_with_cover, tmp_path, monkeypatch):
    images = source_with_cover / "images"
    reads: Counter[str] = Counter()
    read_bytes = Path.read_bytes

    def counting(path: Path) -> bytes:
        if path.parent == images:
            reads[path.name] += 1
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    store = Cache(tmp_path / "cache")
    for attempt in ("cold cache", "warm cache"):
        reads.clear()
        build(source_with_cover, tmp_path / "out", names=EDITIONS, store=store, log=lambda line: None,
              warn=lambda line: None)
        # the cover too: checked (its size for the title page, its hash in the cache keys), then copied
        assert reads == {"photo.png": 2, "line.png": 2, "front.png": 2}, attempt
