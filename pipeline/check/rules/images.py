"""Alt text rules: every picture that carries information says what it
shows, in words a screen reader can speak; pictures that carry none are
marked {.decorative} and stay silent. Charts and pictures of text need a
long description as well."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from filters import attr_get
from filters.figures import DECORATIVE
from pipeline.check.model import Node, SourceFile
from pipeline.check.rules import CheckContext, hit, rule
from filters import stringify

ALT_MAX = 250
GENERIC_ALT = {"image", "img", "photo", "photograph", "picture", "pic", "graph", "chart", "logo",
               "icon", "figure", "diagram", "map", "graphic", "illustration", "screenshot", "banner",
               "placeholder", "untitled", "alt", "alt text", "image1", "spacer"}
# The names cameras, phones and screenshot tools give a picture, which uploads carry into the alt text:
# IMG_0042, DSC01234, PXL_20240301_101532123, "Screenshot 2024-03-01 at 10.15.32", IMG-20240301-WA0003.
CAMERA_NAMES = {"dsc", "dscn", "dscf", "pxl", "mvimg", "screen shot", "whatsapp image"}
# Word and Google Docs fill in "Picture 1", galleries "Image 4 of 12", cameras a name and a date: a generic
# word and numbers say no more. Matched against the alt text in lower case with punctuation as spaces.
GENERIC_ALT_NUMBERED = re.compile(
    rf"(?:{'|'.join(map(re.escape, sorted(GENERIC_ALT | CAMERA_NAMES, key=len, reverse=True)))})"
    r"(?: ?(?:wa)?\d+(?: (?:wa)?\d+)*)?(?: (?:of|at) \d+(?: \d+)*)?(?: [ap]m)?")
REDUNDANT_PREFIX = re.compile(
    r"^(an? )?(image|picture|photo|photograph|graphic|illustration|screenshot) (of|showing)\b", re.I)
# A camera's name without its extension (IMG_0042) is alt-generic instead, so that a picture gets one finding.
FILE_NAME = re.compile(r"^[\w\-. ]+\.(png|jpe?g|gif|svg|webp|tiff?|bmp|heic|heif)$", re.I)
CHART_WORDS = ("chart", "graph", "infographic", "diagram", "map")
# How people start a chart's alt text or caption: "Bar chart of…", "Graph showing…", "Map of…", "Pie chart",
# "Figure 4: Chart of…". Only at the start and followed by what it shows ("The map wall at the library" and
# "Children drawing a chart of the weather" are photographs; "Chart-topping band" is not a chart).
CHART_WORDING = re.compile(
    r"(?:(?:figure|fig\.?|chart)\s*\d+\s*[.:–—-]?\s*)?(?:(?:an?|the|this|our)\s+)?"
    r"(?:(?:bar|column|line|pie|donut|doughnut|area|stacked(?:\s+bar)?|scatter|bubble|radar|waterfall|route|site|"
    r"street|location|floor|process|organisation|organization)\s+)?"
    r"(?:chart|graph|map|diagram|flow\s?chart|infographic|histogram|heat\s?map|plot|timeline)"
    r"(?=\s*$|\s*[:,.;–—(]|\s+\d|\s+(?:of|showing|shows|comparing|with|by|for|from|to|that|about)\b)", re.I)
# Charts are exported as PNG, SVG or WebP; a JPEG is a photograph, even of a chart chalked on a playground.
PHOTO_FORMATS = (".jpg", ".jpeg", ".heic", ".heif")
TEXT_IMAGE_WORDS = ("scan", "poster", "flyer", "leaflet", "infographic", "letter")
LONGDESC_MIN_WORDS = 15


@dataclass
class Picture:
    node: Node
    src: str
    alt: str
    caption: str
    classes: list[str]
    longdesc: str | None  # text of its long description, if it has one

    @property
    def decorative(self) -> bool:
        return DECORATIVE in self.classes

    @property
    def worded_as_chart(self) -> bool:
        """Its alt text or caption says it is a chart, map or diagram, and it is not a photograph."""
        return not self.src.lower().endswith(PHOTO_FORMATS) and any(
            CHART_WORDING.match(text) for text in (self.alt, self.caption) if text)

    def called(self, words: tuple[str, ...]) -> bool:
        """Marked with one of words as a class, or has one as a whole part of its file name."""
        parts = set(re.split(r"[^a-z0-9]+", PurePosixPath(self.src).stem.lower()))
        return any(w in self.classes or w in parts or f"{w}s" in parts for w in words)


def _divs_by_id(source: SourceFile) -> dict[str, str]:
    return {n.c[0][0]: n.text() for n in source.nodes() if n.t == "Div" and n.c[0][0]}


def pictures(source: SourceFile) -> list[Picture]:
    divs = _divs_by_id(source)
    found, paragraph = [], None
    for node in source.nodes():
        if node.t == "Figure" or (node.t in ("Para", "Plain") and "Figure" not in node.ancestors):
            paragraph = node  # the block a long description follows
        if node.t != "Image":
            continue
        attr, alt, (src, title) = node.c
        longdesc = None
        reference = attr_get(attr, "longdesc")
        if reference:
            longdesc = divs.get(reference.lstrip("#"), "")
        following = paragraph.next_block if paragraph else None
        if following and following["t"] == "Div" and "longdesc" in following["c"][0][1]:
            longdesc = stringify(following)
        written_alt = attr_get(attr, "alt")
        alt_text = written_alt if written_alt is not None else stringify(alt)
        caption = title.strip()
        if not caption and written_alt is not None and paragraph and paragraph.t == "Figure" \
                and "Figure" in node.ancestors:
            # `![Caption words](x.png){alt="…"}`: with its alt text written apart, the description is the
            # figure's caption, as pandoc reads it (the reader keeps it there).
            caption = stringify(paragraph.c[1][1])
        found.append(Picture(node, src, alt_text.strip(), caption, attr[1], longdesc))
    return found


def _described(ctx: CheckContext):
    for source in ctx.files:
        for picture in pictures(source):
            if not picture.decorative and picture.alt:
                yield source, picture


@rule("alt-missing", "error", "An image has no alt text and is not marked decorative.",
      "describe what the image shows in the [ ], or mark it {.decorative} if it carries no information",
      ("images",),
      clauses=("WCAG 1.1.1", "ISO 14289-1 7.3"), impact="critical", per_file=True)
def alt_missing(ctx: CheckContext):
    for source in ctx.files:
        for picture in pictures(source):
            if not picture.decorative and not picture.alt:
                yield hit(f"image \"{picture.src}\" has no alt text", source, picture.node)


@rule("alt-filename", "error", "The alt text is a file name, which tells a listener nothing.",
      "replace it with a description of what the image shows", ("images",),
      clauses=("WCAG 1.1.1", "ISO 14289-1 7.3"), impact="serious", per_file=True)
def alt_filename(ctx: CheckContext):
    for source, picture in _described(ctx):
        if FILE_NAME.search(picture.alt) or picture.alt == PurePosixPath(picture.src).name:
            yield hit(f"alt text \"{picture.alt}\" of \"{picture.src}\" is a file name", source, picture.node)


# Guesses little (a whole alt text from a list of words), so an error: right in 27 of 27 findings on
# tests/fixtures/guessing/alt-generic.md (tests/check/test_guessing_rules.py holds every guessing rule to this).
@rule("alt-generic", "error", "The alt text is a generic word such as 'image' or 'chart', perhaps with a number, "
      "or the name a camera gave the file, such as IMG_0042 (right in 27 of 27 findings on the test corpus).",
      "say what this particular image shows and why it is there", ("images",),
      clauses=("WCAG 1.1.1", "ISO 14289-1 7.3"), impact="serious", per_file=True)
def alt_generic(ctx: CheckContext):
    for source, picture in _described(ctx):
        if GENERIC_ALT_NUMBERED.fullmatch(" ".join(re.sub(r"[\W_]+", " ", picture.alt.lower()).split())):
            yield hit(f"alt text \"{picture.alt}\" of \"{picture.src}\" says nothing about this image",
                      source, picture.node)


@rule("alt-redundant-prefix", "warning", "The alt text starts with 'Image of…' or similar.",
      "drop the prefix: screen readers already say it is an image", ("images",),
      clauses=("WCAG 1.1.1",), impact="minor", per_file=True)
def alt_redundant_prefix(ctx: CheckContext):
    for source, picture in _described(ctx):
        if REDUNDANT_PREFIX.match(picture.alt):
            yield hit(f"alt text of \"{picture.src}\" starts with \"{REDUNDANT_PREFIX.match(picture.alt).group(0)}\"",
                      source, picture.node)


@rule("alt-too-long", "error", f"The alt text is over {ALT_MAX} characters.",
      "keep the alt text short and put the detail in a ::: longdesc block after the figure", ("images",),
      clauses=("WCAG 1.1.1",), impact="moderate", per_file=True)
def alt_too_long(ctx: CheckContext):
    for source, picture in _described(ctx):
        if len(picture.alt) > ALT_MAX:
            yield hit(f"alt text of \"{picture.src}\" is {len(picture.alt)} characters long", source, picture.node)


@rule("alt-duplicate-caption", "warning", "The alt text repeats the caption word for word.",
      "let the caption say what the figure is about and the alt text what it shows", ("images",),
      clauses=("WCAG 1.1.1",), impact="minor", per_file=True)
def alt_duplicate_caption(ctx: CheckContext):
    def norm(text: str) -> str:
        return " ".join(re.sub(r"[^\w ]", " ", text.lower()).split())

    for source, picture in _described(ctx):
        if picture.caption and norm(picture.alt) == norm(picture.caption):
            yield hit(f"alt text and caption of \"{picture.src}\" are the same", source, picture.node)


@rule("image-of-text-undescribed", "error",
      "A scanned page, poster or infographic has no long description carrying its text.",
      "add a ::: longdesc block after the image with the words the image contains", ("images",),
      clauses=("WCAG 1.1.1", "WCAG 1.4.5"), impact="critical", per_file=True)
def image_of_text(ctx: CheckContext):
    for source, picture in _described(ctx):
        if picture.called(TEXT_IMAGE_WORDS):
            words = len((picture.longdesc or "").split())
            if words < LONGDESC_MIN_WORDS:
                yield hit(f"\"{picture.src}\" is an image of text, but its long description has {words} words",
                          source, picture.node)


# A warning although it was right in 18 of 18 findings on tests/fixtures/guessing/longdesc-missing.md: that
# measures only the guess that the picture is a chart; the text around it may already give the data.
@rule("longdesc-missing", "warning", "A chart, map or diagram (by its file name, class, alt text or caption) "
      "has no long description (right in 18 of 18 findings on the test corpus).",
      "add {longdesc=\"#id\"} and a ::: {.longdesc #id} block giving the data or what the picture shows",
      ("images",),
      clauses=("WCAG 1.1.1",), impact="serious", per_file=True)
def longdesc_missing(ctx: CheckContext):
    for source, picture in _described(ctx):
        if (picture.called(CHART_WORDS) or picture.worded_as_chart) and not picture.called(TEXT_IMAGE_WORDS) \
                and not picture.longdesc:
            yield hit(f"\"{picture.src}\" looks like a chart or map and has no long description",
                      source, picture.node)
