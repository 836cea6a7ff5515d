"""Brand rules: the organisation's colours must stay readable, in light and dark
mode, and its logo is a picture like any other, with alt text.

Colours are measured as the editions will use them (pipeline/palette.py works
out every colour the brand does not set so that it passes); a failing pair is
reported at the brand colour to change, with the nearest colour of the same
hue that passes."""
from __future__ import annotations

from pipeline.check.rules import CheckContext, Hit, rule

MODE_NAMES = {"light": "light mode (and the PDF editions)", "dark": "dark mode"}


@rule("brand-contrast", "error",
      "A brand colour does not reach WCAG AA contrast with the colour it is shown on (4.5:1 for text and links, "
      "3:1 for the focus ring), in light or dark mode.",
      "use the proposed colour, which keeps the hue and passes", ("brand", "colour"),
      clauses=("WCAG 1.4.3", "WCAG 1.4.11"), impact="serious")
def brand_contrast(ctx: CheckContext):
    if ctx.brand is None:
        return
    from pipeline.contrast import nearest_passing, ratio
    from pipeline.palette import blame, pairs

    reported = set()
    for pair in pairs(ctx.brand):
        if pair.ratio >= pair.minimum:
            continue
        foreground, background = pair.colours
        options = []  # (how far the lightness moves, colour, side, proposal): the smaller change is proposed
        for colour, side in blame(ctx.brand, pair):
            changed, other = (foreground, background) if side == "foreground" else (background, foreground)
            better = nearest_passing(changed, other, pair.minimum)
            options.append((abs(_lightness(changed) - _lightness(better)), colour, side, better, changed, other))
        if not options:
            continue
        _, colour, side, better, changed, other = min(options, key=lambda option: option[0])
        if (colour.defined, pair.mode, side) in reported:
            continue  # one message for each value to change: a palette colour may serve links and headings
        reported.add((colour.defined, pair.mode, side))
        rest = "the background" if side == "foreground" else f"the {_name(pair.foreground)}"
        direction = "darker" if _lightness(changed) > _lightness(better) else "lighter"
        through = "" if colour.written.lower() in (colour.value, colour.defined) else f" ({colour.written})"
        need = "text" if pair.minimum >= 4.5 else "a focus ring"
        yield Hit(f"{colour.key}{through}: the {_name(pair.foreground)} {foreground} on the {_name(pair.background)} "
                  f"{background} is {_floor(pair.ratio)}:1 in {MODE_NAMES[pair.mode]}; {need} needs {pair.minimum:g}:1",
                  colour.place.file, colour.place.line, colour.place.column,
                  f"use {better} for {colour.defined} (the same hue, {direction}: {_floor(ratio(better, other))}:1), "
                  f"or change {rest}")


def _name(role: str) -> str:
    from pipeline.palette import ROLE_NAMES

    return ROLE_NAMES.get(role, role.replace("-", " "))


def _floor(value: float) -> str:
    """A ratio shown rounded down: 4.48 must not print as a passing 4.5."""
    return f"{int(value * 100) / 100:.2f}"


def _lightness(colour: str) -> float:
    from pipeline.contrast import parse

    return parse(colour).convert("oklch")["lightness"]


@rule("logo-alt-missing", "error", "The brand's logo has no alt text.",
      "add 'alt:' beside the logo's 'path:' saying whose logo it is, e.g. 'alt: Riverside Partnership logo'",
      ("brand", "images", "document"), clauses=("WCAG 1.1.1", "ISO 14289-1 7.3"), impact="critical")
def logo_alt_missing(ctx: CheckContext):
    logo = ctx.brand.logo if ctx.brand is not None else None
    if logo is not None and not logo.alt:
        yield Hit(f'the logo "{logo.light}" has no alt text', logo.place.file, logo.place.line, logo.place.column)
