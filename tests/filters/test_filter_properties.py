"""Property-based tests: for any document made of headings, images with any
alt text, tables and raw HTML, the filters never crash, never lose an
image's alt text (in the HTML tree or the Typst output) and never let
script through to HTML or EPUB."""
from __future__ import annotations

import copy
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandocfilters import walk

from filters import stringify
from filters.typst_images import typst_string
from pipeline.parse import read_markdown
from pipeline.stages import run_common, run_for_format

WORDS = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs"), exclude_characters="\x00"),
                min_size=1, max_size=30).map(lambda s: " ".join(s.split()) or "word")
PUNCTUATED = st.text(alphabet=st.sampled_from(list("abcXYZ 0123456789\"'\\$#*_[](){}<>`~&;:!?.,-–£é")),
                     min_size=1, max_size=60).map(lambda s: " ".join(s.split()) or "alt")
HOSTILE_HTML = st.sampled_from([
    "<script>alert(1)</script>", '<p onclick="steal()">text</p>', '<iframe src="https://x.example"></iframe>',
    "<style>body{display:none}</style>", '<a href="javascript:alert(1)">x</a>', "<SCRIPT SRC=x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">', '<span onmouseover="x()">hover</span>', "<kbd>Ctrl</kbd>",
])


@st.composite
def documents(draw) -> tuple[str, list[tuple[str, str]]]:
    """Markdown text and the (src, alt) of its described images."""
    parts, images = [], []
    for index in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["heading", "image", "decorative", "table", "html", "para"]))
        if kind == "heading":
            parts.append(f"{'#' * draw(st.integers(1, 4))} {draw(WORDS)}")
        elif kind == "image":
            alt = draw(PUNCTUATED)
            escaped = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("`", "\\`") \
                .replace("*", "\\*").replace("_", "\\_").replace("<", "\\<").replace("$", "\\$").replace("&", "\\&")
            src = f"images/p{index}.png"
            parts.append(f"![{escaped}]({src})")
            images.append((src, escaped))
        elif kind == "decorative":
            parts.append(f"![](images/d{index}.svg){{.decorative}}")
        elif kind == "table":
            parts.append(f"| {draw(WORDS)} | B |\n|---|---|\n| 1 | 2 |\n\n: {draw(WORDS)}")
        elif kind == "html":
            parts.append(draw(HOSTILE_HTML))
        else:
            parts.append(f"Text {draw(WORDS)} {draw(HOSTILE_HTML)} more.")
    return "\n\n".join(parts) + "\n", images


def parse(markdown: str) -> dict:
    """Read as a chapter is read (pipeline/parse.py): a pasted <img> is an image of the source too."""
    return read_markdown(markdown, Path.cwd())


def collect(doc: dict, kind: str) -> list:
    found = []
    walk(doc["blocks"], lambda k, v, f, m: found.append(v) if k == kind else None, "", {})
    return found


SCRIPT = re.compile(r"<\s*(script|iframe|style)|\son[a-z]+\s*=|javascript:", re.I)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_filters_keep_alt_text_and_remove_script(document):
    markdown, _images = document
    source = parse(markdown)
    expected = [(v[2][0], stringify(v[1])) for v in collect(source, "Image") if "decorative" not in v[0][1]]

    filtered = run_common(copy.deepcopy(source))
    html_images = [(v[2][0], stringify(v[1])) for v in collect(filtered, "Image") if "decorative" not in v[0][1]]
    assert html_images == expected

    for raw in collect(filtered, "RawBlock") + collect(filtered, "RawInline"):
        if raw[0].startswith("html"):
            assert not SCRIPT.search(raw[1]), raw
    for link in collect(filtered, "Link"):
        assert not link[2][0].lower().startswith("javascript:")

    typst = run_for_format(filtered, "typst")
    # a picture in a sentence or a captioned figure is a RawInline; an uncaptioned figure a RawBlock
    raw_typst = " ".join(v[1] for v in collect(typst, "RawInline") + collect(typst, "RawBlock") if v[0] == "typst")
    for _src, alt in expected:
        if alt.strip():
            assert f"alt: {typst_string(alt)}" in raw_typst
    assert collect(typst, "Image") == [], "every image reaches Typst as raw image(…, alt: …)"
