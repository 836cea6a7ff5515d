"""Colour contrast as WCAG 2.x measures it, and the nearest colour that passes.

The ratio is WCAG 2.x's (relative luminance of sRGB, (L1 + 0.05) / (L2 + 0.05)),
computed by ColorAide (PyPI `coloraide`, pure Python, no downloads), which also
reads every CSS colour form a brand file may use: #rgb, #rrggbb, rgb(), hsl(),
oklch() and the CSS colour names.

A failing colour gets a proposal that keeps its hue and chroma (OKLCh, the
perceptual space CSS Color 4 uses) and moves only its lightness, as little as
needed, towards whichever side passes with the smaller change; the proposal is
checked again as the #rrggbb it will be written as, so rounding cannot undo it.
"""
from __future__ import annotations

from coloraide import Color

TEXT = 4.5  # WCAG 1.4.3 Contrast (Minimum): body text
LARGE_OR_UI = 3.0  # WCAG 1.4.3 large text, 1.4.11 Non-text Contrast: focus rings, borders of controls


class NotAColour(ValueError):
    pass


def parse(text: str) -> Color:
    """A CSS colour, without transparency (a see-through colour has no single contrast)."""
    try:
        colour = Color(str(text).strip())
    except ValueError as exc:
        raise NotAColour(f"'{text}' is not a colour") from exc
    if colour.alpha() < 1:
        raise NotAColour(f"'{text}' is partly transparent")
    return colour.convert("srgb").fit("srgb")


def hex_of(text: str) -> str:
    """The colour as #rrggbb, how every edition writes it."""
    return parse(text).to_string(hex=True, compress=False)


def ratio(foreground: str, background: str) -> float:
    return parse(foreground).contrast(parse(background), method="wcag21")


def passes(foreground: str, background: str, minimum: float) -> bool:
    return ratio(foreground, background) >= minimum


def _with_lightness(base: Color, lightness: float) -> str:
    candidate = base.clone().set("lightness", lightness)
    return candidate.convert("srgb").fit("srgb").to_string(hex=True, compress=False)


def nearest_passing(foreground: str, background: str, minimum: float) -> str:
    """The colour closest in lightness to `foreground`, with its hue, that reaches `minimum` on
    `background`; black or white when no colour of that hue does (a very light background with
    a very light brand colour can leave only the darkest shades)."""
    base = parse(foreground).convert("oklch")
    start = base["lightness"]
    found: list[tuple[float, str]] = []
    for direction in (-1, 1):
        # 0.002 steps of OKLCh lightness: at most 500 tries a side, each a few microseconds.
        step, lightness = 0.002 * direction, start
        while 0 <= lightness <= 1:
            candidate = _with_lightness(base, lightness)
            if passes(candidate, background, minimum):
                found.append((abs(lightness - start), candidate))
                break
            lightness += step
    if found:
        return min(found)[1]
    return "#000000" if passes("#000000", background, minimum) else "#ffffff"


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` of `other` mixed in (sRGB), as #rrggbb."""
    return parse(colour).mix(parse(other), share, space="srgb").to_string(hex=True, compress=False)
