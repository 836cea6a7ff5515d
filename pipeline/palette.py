"""The colours every edition uses, with the brand's put in, and the pairs that must contrast.

The default palette is report.css's (tests/editions/test_brand.py holds the two
together). A brand sets text, background, link and heading colours, for light
and dark mode; every other colour is worked out from those so that it passes:

* a brand colour given for light mode only keeps its hue in dark mode, at the
  nearest lightness that gives it the contrast it had in light mode (at least
  4.5:1, at most 7:1) on the dark background;
* muted text, the visited-link colour, the focus ring and borders keep their
  defaults where those still pass on the brand's background, else follow the
  text or link colour; the summary panel is the background tinted with the link
  colour, or the background itself when a tint would cost contrast.

Only colours the brand gave can fail, so a failure always has a brand line to
point at. The PDF editions print the light palette.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.brand import Brand, Colour
from pipeline.contrast import LARGE_OR_UI, TEXT, mix, nearest_passing, passes, ratio

ENHANCED = 7.0  # WCAG 1.4.6 (AAA): a derived dark-mode colour aims no higher than this

DEFAULTS = {
    "light": {"text": "#1b1b1b", "background": "#fdfdfb", "muted": "#4a4a4a", "link": "#0b4f9c",
              "link-visited": "#5b2a86", "focus": "#b35c00", "rule": "#767676", "panel": "#eef3f8"},
    "dark": {"text": "#ececec", "background": "#161616", "muted": "#c4c4c4", "link": "#8cc4ff",
             "link-visited": "#d3b4ff", "focus": "#ffb45c", "rule": "#8f8f8f", "panel": "#23303d"},
}
ROLE_NAMES = {"text": "text colour", "background": "background", "link": "link colour",
              "heading": "heading colour", "panel": "summary box background"}
PANEL_TINT = 0.08  # how much of the link colour tints the summary box


@dataclass(frozen=True)
class Pair:
    mode: str
    foreground: str  # role
    background: str  # role
    minimum: float
    colours: tuple[str, str]  # the two #rrggbb as the editions use them

    @property
    def ratio(self) -> float:
        return ratio(*self.colours)


def _given(brand: Brand | None, mode: str) -> dict[str, Colour]:
    return brand.colours.get(mode, {}) if brand is not None else {}


def palette(brand: Brand | None, mode: str) -> dict[str, str]:
    """role -> #rrggbb for `mode` ("light" or "dark"): report.css's custom properties and `heading`."""
    colours = dict(DEFAULTS[mode])
    given = _given(brand, mode)
    light = _given(brand, "light")
    for role in ("text", "background", "link"):
        if role in given:
            colours[role] = given[role].value
    background = colours["background"]
    colours["heading"] = given["heading"].value if "heading" in given else colours["text"]
    if mode == "dark":  # a light-only brand colour, carried into dark mode with its hue and its contrast
        light_background = light["background"].value if "background" in light else DEFAULTS["light"]["background"]
        for role in ("link", "heading"):
            if role not in given and role in light:
                wanted = min(max(ratio(light[role].value, light_background), TEXT), ENHANCED)
                colours[role] = nearest_passing(light[role].value, background, wanted)
    changed = bool(given) or (mode == "dark" and bool(light))
    if changed:
        for role, follows, minimum in (("muted", "text", TEXT), ("link-visited", "link", TEXT),
                                       ("focus", "link", LARGE_OR_UI), ("rule", "text", LARGE_OR_UI)):
            if not passes(colours[role], background, minimum):
                colours[role] = colours[follows]
        tinted = mix(background, colours["link"], PANEL_TINT)
        readable = all(passes(colours[role], tinted, TEXT) for role in ("text", "link", "muted"))
        colours["panel"] = tinted if readable else background
    return colours


def pairs(brand: Brand | None) -> list[Pair]:
    """Every pair of colours a reader sees together, in both modes, with the ratio it needs."""
    found = []
    for mode in ("light", "dark"):
        colours = palette(brand, mode)
        for foreground, background, minimum in (
                ("text", "background", TEXT), ("link", "background", TEXT), ("heading", "background", TEXT),
                ("text", "panel", TEXT), ("link", "panel", TEXT), ("muted", "background", TEXT),
                ("link-visited", "background", TEXT), ("focus", "background", LARGE_OR_UI)):
            found.append(Pair(mode, foreground, background, minimum, (colours[foreground], colours[background])))
    return found


def blame(brand: Brand, pair: Pair) -> list[tuple[Colour, str]]:
    """The brand colours a failing pair could change: (colour, "foreground" or "background")."""
    given = _given(brand, pair.mode)
    found = []
    for side, role in (("foreground", pair.foreground), ("background", pair.background)):
        role = {"muted": "text", "link-visited": "link", "focus": "link", "panel": "background"}.get(role, role)
        if role in given:
            found.append((given[role], side))
    return found
