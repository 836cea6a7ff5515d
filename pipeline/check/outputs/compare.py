"""How an edition's facts are compared with the source's: texts as they are
read aloud, outlines heading by heading, alt texts in reading order; and the
findings, each with a fix that says how to narrow the cause down."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from pipeline.check.expected import Expected, SourceImage
from pipeline.check.rules import OUTPUT_RULES
from pipeline.diagnostics import Diagnostic


# pandoc's EPUB navigation lists headings to --toc-depth=3 (pipeline/writers/epub.py);
# the PDF template's outline() and its bookmarks are compared to the same depth.
TOC_DEPTH = 3


Outline = list[tuple[int, str]]


OUTPUT_RULE = {rule.id: rule for rule in OUTPUT_RULES}


def finding(path: Path, rule: str, message: str) -> Diagnostic:
    """A finding of one of the output rules (catalogued in pipeline/check/rules/outputs.py)."""
    return Diagnostic(message, path, fix=OUTPUT_RULE[rule].fix, severity="error", rule=rule)


def norm(text: str | None) -> str:
    """Text as a reader hears it: NFC, whitespace runs as one space, no padding."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


# Typst draws smart quotes but writes /T and bookmark titles from the markup, where pandoc's
# Typst writer has put straight ones back: "Men's" in the tags, "Men’s" on the page. Quote
# style is not something a reader loses, so texts are compared with quotes folded.
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def same_text(found: str | None, wanted: str | None) -> bool:
    """Equal as read aloud; an absent text (None) never equals a present one."""
    if found is None or wanted is None:
        return found is wanted
    return norm(found).translate(QUOTES) == norm(wanted).translate(QUOTES)


def same_heading(a: tuple[int, str] | None, b: tuple[int, str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a[0] == b[0] and same_text(a[1], b[1])


def same_lang(found: str | None, wanted: str) -> bool:
    # Language tags are case-insensitive (BCP 47): en-gb is en-GB.
    return (found or "").strip().lower() == wanted.strip().lower()


def quote(text: str | None) -> str:
    return "nothing" if text is None else f'"{text}"'


def describe(entry: tuple[int, str] | None) -> str:
    return "nothing" if entry is None else f'level {entry[0]} "{entry[1]}"'


def _outline_difference(wanted: Outline, found: Outline) -> str | None:
    """The first difference between two outlines, both sides quoted; None if equal."""
    for i in range(max(len(wanted), len(found))):
        w = wanted[i] if i < len(wanted) else None
        f = found[i] if i < len(found) else None
        if not same_heading(w, f):
            return f"heading {i + 1}: the source has {describe(w)}, the output has {describe(f)}"
    return None


def outline_finding(path: Path, where: str, wanted: Outline, found: Outline) -> list[Diagnostic]:
    difference = _outline_difference(wanted, found)
    if difference is None:
        return []
    return [finding(path, "output-outline", f"{where} do not follow the source: {difference} "
                                             f"({len(wanted)} headings in the source, {len(found)} here)")]


def described(expected: Expected) -> list[SourceImage]:
    """The pictures whose alt text the outputs must keep: not one that has none in the source (a
    pasted <img> without alt=), which the validator's alt-missing rule reports there."""
    return [image for image in expected.images if not image.decorative and image.alt.strip()]


def alts_in_order(path: Path, where: str, wanted: list[str], found: list[str | None]) -> list[Diagnostic]:
    """Alt texts that must appear in this order; extra elements are the decorative rule's business.

    Equal counts pair up by position (the clearest message). More found than
    wanted: the wanted ones must still appear in order among them, so an
    exposed decorative image is reported once, by output-decorative-exposed.
    """
    if len(found) < len(wanted):
        unmatched = list(found)
        missing = []
        for alt in wanted:
            match = next((f for f in unmatched if same_text(f, alt)), None)
            if match is None:
                missing.append(alt)
            else:
                unmatched.remove(match)
        lost = ", ".join(f'"{alt}"' for alt in missing)
        return [finding(path, "output-alt-lost",
                         f"{where} has {len(found)} described images but the source has {len(wanted)}"
                         + (f"; missing: {lost}" if lost else ""))]
    if len(found) == len(wanted):
        return [finding(path, "output-alt-lost",
                         f'image {i + 1} in {where}: alt text should be "{w}" but is {quote(f)}')
                for i, (w, f) in enumerate(zip(wanted, found)) if not same_text(f, w)]
    rest = iter(found)
    for i, alt in enumerate(wanted):
        if not any(same_text(f, alt) for f in rest):
            return [finding(path, "output-alt-lost",
                             f'image {i + 1} of the source ("{alt}") is not in {where} in its place')]
    return []


def decorative_findings(path: Path, where: str, src: str, alt: str | None, in_figure: bool) -> list[Diagnostic]:
    problems = []
    if alt is None or alt.strip():
        problems.append(f'alt {quote(alt)} instead of alt=""')
    if in_figure:
        problems.append("it is inside a <figure>")
    if not problems:
        return []
    return [finding(path, "output-decorative-exposed",
                     f"the decorative image {src} is announced in {where}: {' and '.join(problems)}")]
