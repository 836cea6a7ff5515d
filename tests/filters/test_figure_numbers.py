"""Only a captioned picture is a numbered figure in the PDF; one without a caption shows no
"Figure N:" and takes no number, and a link to it still arrives (filters/typst_images.py)."""
from __future__ import annotations

import json
import subprocess

from filters import figures, link_targets, typst_images
from pipeline.pandoc import pandoc_path
from tests.filters.pandoc_helpers import ast

CHAPTER = """# Our pets {#pets}

![A grey cat asleep on a windowsill](images/cat.png){#cat}

![A brown dog catching a ball](images/dog.png "Rex at the park")

See [the sleeping cat](#cat).
"""


def typst(markdown: str) -> str:
    doc = ast(markdown)
    for step in (figures, typst_images, link_targets):
        doc = step.apply(doc, "typst")
    return subprocess.run([pandoc_path(), "-f", "json", "-t", "typst"], input=json.dumps(doc).encode(),
                          capture_output=True, check=True).stdout.decode()


def test_a_picture_without_caption_is_an_unnumbered_figure_with_no_label():
    out = typst(CHAPTER)
    assert '#figure(box(layout(size => image("images/cat.png"' not in out  # no size was measured here
    assert '#figure(box(image("images/cat.png", alt: "A grey cat asleep on a windowsill", width: 100%)), ' \
           'numbering: none)' in out
    assert out.count("caption:") == 1 and "Rex at the park" in out


def test_a_link_to_the_uncaptioned_picture_keeps_its_target():
    out = typst(CHAPTER)
    assert "<cat>" in out  # on the block around the figure
    assert "#link(<cat>)[the sleeping cat]" in out
