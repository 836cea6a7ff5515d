#!/usr/bin/env python3
"""Generate the sample images used by the sample report in ``source/``.

Writes into ``source/images/``:

* ``cover.png``          - illustrated "photograph" of the community garden
* ``volunteers.png``     - illustrated "photograph" of the Friday Food Club
* ``youth-project.png``  - illustrated "photograph" of the mural at The Yard
* ``grants-chart.svg``   - horizontal bar chart of grants by theme
* ``area-map.svg``       - simplified map of the four neighbourhoods
* ``divider.svg``        - decorative divider

The script is deterministic: every "random" detail comes from a seeded
generator, PNGs are written without timestamps, and the SVGs are plain
strings.  Running it twice produces byte-identical files.

Requirements: Pillow and the ``fontpkg_atkinson_hyperlegible`` package.

Usage::

    python scripts/make_sample_images.py [--out DIR]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont
from fontpkg_atkinson_hyperlegible import ROOT as FONT_ROOT

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "source" / "images"

FONT_REGULAR = FONT_ROOT / "files" / "AtkinsonHyperlegible-Regular.ttf"
FONT_BOLD = FONT_ROOT / "files" / "AtkinsonHyperlegible-Bold.ttf"
SVG_FONT = "'Atkinson Hyperlegible', Arial, Helvetica, sans-serif"

SEED = 2026
SUPERSAMPLE = 2  # draw at 2x and scale down for smooth edges
PALETTE_COLOURS = 96

# Grants by theme, 2025-26 -- must match source/chapters/03-grants.md.
GRANTS = [
    ("Young people", 4, 12_000),
    ("Food and cooking", 5, 9_500),
    ("Green spaces", 5, 8_500),
    ("Older people and loneliness", 4, 7_000),
    ("Arts and heritage", 3, 6_000),
    ("Walking and cycling", 3, 5_000),
]
assert sum(g[2] for g in GRANTS) == 48_000
assert sum(g[1] for g in GRANTS) == 24

SKIN = ["#f1c9a5", "#d9a47a", "#a86b45", "#7a4a2c", "#5a3520", "#e8b892"]
HAIR = ["#2b1d14", "#5b3a1e", "#a0522d", "#d9c27a", "#8c8c8c", "#111111", "#e6e6e6"]


# --------------------------------------------------------------------------
# Raster helpers
# --------------------------------------------------------------------------


class Canvas:
    """Thin wrapper round ImageDraw that draws at SUPERSAMPLE scale."""

    def __init__(self, width: int, height: int, background: str):
        self.w, self.h = width, height
        self.s = SUPERSAMPLE
        self.img = Image.new("RGB", (width * self.s, height * self.s), background)
        self.d = ImageDraw.Draw(self.img)

    def _p(self, pts):
        return [(x * self.s, y * self.s) for x, y in pts]

    def rect(self, x0, y0, x1, y1, fill, outline=None, width=0, radius=0):
        box = [x0 * self.s, y0 * self.s, x1 * self.s, y1 * self.s]
        if radius:
            self.d.rounded_rectangle(box, radius * self.s, fill=fill,
                                     outline=outline, width=width * self.s)
        else:
            self.d.rectangle(box, fill=fill, outline=outline, width=width * self.s)

    def ellipse(self, x0, y0, x1, y1, fill, outline=None, width=0):
        self.d.ellipse([x0 * self.s, y0 * self.s, x1 * self.s, y1 * self.s],
                       fill=fill, outline=outline, width=int(width * self.s))

    def circle(self, cx, cy, r, fill, outline=None, width=0):
        self.ellipse(cx - r, cy - r, cx + r, cy + r, fill, outline, width)

    def poly(self, pts, fill, outline=None):
        self.d.polygon(self._p(pts), fill=fill, outline=outline)

    def line(self, pts, fill, width):
        self.d.line(self._p(pts), fill=fill, width=max(1, int(width * self.s)),
                    joint="curve")
        # round the ends
        r = width / 2
        for x, y in (pts[0], pts[-1]):
            self.circle(x, y, r, fill)

    def arc(self, x0, y0, x1, y1, start, end, fill, width):
        self.d.arc([x0 * self.s, y0 * self.s, x1 * self.s, y1 * self.s],
                   start, end, fill=fill, width=max(1, int(width * self.s)))

    def pieslice(self, x0, y0, x1, y1, start, end, fill):
        self.d.pieslice([x0 * self.s, y0 * self.s, x1 * self.s, y1 * self.s],
                        start, end, fill=fill)

    def text(self, xy, text, size, fill, bold=False, anchor="mm"):
        font = ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR),
                                  size * self.s)
        self.d.text((xy[0] * self.s, xy[1] * self.s), text, font=font,
                    fill=fill, anchor=anchor)

    def finish(self) -> Image.Image:
        small = self.img.resize((self.w, self.h), Image.Resampling.LANCZOS)
        return small.quantize(colors=PALETTE_COLOURS,
                              method=Image.Quantize.MEDIANCUT,
                              dither=Image.Dither.NONE)


def vertical_gradient(c: Canvas, y0, y1, top, bottom):
    t = [int(top[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(bottom[i:i + 2], 16) for i in (1, 3, 5)]
    steps = int((y1 - y0))
    for i in range(steps):
        f = i / max(1, steps - 1)
        col = tuple(round(t[k] + (b[k] - t[k]) * f) for k in range(3))
        c.rect(0, y0 + i, c.w, y0 + i + 1, fill=col)


def person(c: Canvas, x, ground, h, skin, top, bottom, hair,
           pose="down", hair_style="short", apron=None, shoes="#2a2a2a",
           holding=None):
    """Draw a simple standing figure, feet at (x, ground), height h."""
    r = h * 0.085                       # head radius
    head_cy = ground - h + r
    neck = head_cy + r * 0.9
    shoulder_y = neck + h * 0.03
    hip = ground - h * 0.46
    tw = h * 0.27                       # torso width
    leg_w = h * 0.1
    # legs
    c.rect(x - tw / 2 + 2, hip - 4, x - 2, ground - 4, fill=bottom, radius=3)
    c.rect(x + 2, hip - 4, x + tw / 2 - 2, ground - 4, fill=bottom, radius=3)
    c.ellipse(x - tw / 2 - 2, ground - 9, x - 1, ground + 1, fill=shoes)
    c.ellipse(x + 1, ground - 9, x + tw / 2 + 2, ground + 1, fill=shoes)
    # torso
    c.rect(x - tw / 2, shoulder_y, x + tw / 2, hip + h * 0.04, fill=top,
           radius=h * 0.06)
    if apron:
        c.rect(x - tw * 0.36, shoulder_y + h * 0.06, x + tw * 0.36,
               hip + h * 0.12, fill=apron, radius=4)
    # arms
    aw = leg_w * 0.75
    lx, rx = x - tw / 2 + aw / 2, x + tw / 2 - aw / 2
    sy = shoulder_y + aw / 2
    if pose == "up":
        left = [(lx, sy), (lx - h * 0.12, sy + h * 0.22)]
        right = [(rx, sy), (rx + h * 0.14, sy - h * 0.12), (rx + h * 0.17, sy - h * 0.27)]
    elif pose == "forward":
        left = [(lx, sy), (lx - h * 0.08, sy + h * 0.16), (lx - h * 0.2, sy + h * 0.17)]
        right = [(rx, sy), (rx + h * 0.08, sy + h * 0.16), (rx + h * 0.22, sy + h * 0.15)]
    elif pose == "wave":
        left = [(lx, sy), (lx - h * 0.06, sy + h * 0.26)]
        right = [(rx, sy), (rx + h * 0.16, sy - h * 0.05), (rx + h * 0.2, sy - h * 0.2)]
    else:
        left = [(lx, sy), (lx - h * 0.06, sy + h * 0.27)]
        right = [(rx, sy), (rx + h * 0.06, sy + h * 0.27)]
    for arm in (left, right):
        c.line(arm, fill=top, width=aw)
        hx, hy = arm[-1]
        c.circle(hx, hy, aw * 0.55, fill=skin)
    if holding:
        holding(right[-1])
    # head and hair
    c.rect(x - r * 0.35, neck - r * 0.4, x + r * 0.35, shoulder_y + 2, fill=skin)
    if hair_style == "long":
        for sx in (-1, 1):
            x_in, x_out = x + sx * r * 0.55, x + sx * r * 1.12
            c.rect(min(x_in, x_out), head_cy - r * 0.3, max(x_in, x_out),
                   head_cy + r * 1.7, fill=hair, radius=r * 0.3)
    c.circle(x, head_cy, r, fill=skin)
    if hair_style in ("short", "long"):
        c.pieslice(x - r * 1.05, head_cy - r * 1.1, x + r * 1.05, head_cy + r * 0.9,
                   180, 360, fill=hair)
    elif hair_style == "bun":
        c.pieslice(x - r * 1.05, head_cy - r * 1.1, x + r * 1.05, head_cy + r * 0.9,
                   180, 360, fill=hair)
        c.circle(x, head_cy - r * 1.15, r * 0.45, fill=hair)
    elif hair_style == "cap":
        c.pieslice(x - r * 1.05, head_cy - r * 1.15, x + r * 1.05, head_cy + r * 0.8,
                   180, 360, fill=hair)
        c.rect(x, head_cy - r * 0.3, x + r * 1.6, head_cy - r * 0.05, fill=hair)
    elif hair_style == "scarf":
        c.pieslice(x - r * 1.2, head_cy - r * 1.25, x + r * 1.2, head_cy + r * 1.2,
                   170, 370, fill=hair)
        c.rect(x - r * 1.15, head_cy - r * 0.1, x - r * 0.75, head_cy + r * 1.4,
               fill=hair, radius=3)
        c.rect(x + r * 0.75, head_cy - r * 0.1, x + r * 1.15, head_cy + r * 1.4,
               fill=hair, radius=3)
    # face
    c.circle(x - r * 0.35, head_cy + r * 0.05, max(1.2, r * 0.1), fill="#222222")
    c.circle(x + r * 0.35, head_cy + r * 0.05, max(1.2, r * 0.1), fill="#222222")
    c.arc(x - r * 0.4, head_cy + r * 0.05, x + r * 0.4, head_cy + r * 0.6,
          20, 160, fill="#6b2f2f", width=max(1, r * 0.08))


def seated_wheelchair_user(c: Canvas, x, ground, h, skin, top, bottom, hair):
    """A person using a wheelchair, facing right."""
    wheel_r = h * 0.22
    wx, wy = x - h * 0.02, ground - wheel_r
    seat_y = ground - h * 0.3
    # chair frame behind
    c.line([(x - h * 0.16, seat_y - h * 0.3), (x - h * 0.14, seat_y)], "#3a3a3a", 5)
    c.line([(x - h * 0.14, seat_y), (x + h * 0.16, seat_y)], "#3a3a3a", 5)
    c.line([(x + h * 0.16, seat_y), (x + h * 0.2, ground - 8)], "#3a3a3a", 4)
    c.circle(x + h * 0.2, ground - 5, 5, "#3a3a3a")
    # body
    r = h * 0.085
    torso_top = seat_y - h * 0.36
    c.rect(x - h * 0.14, torso_top, x + h * 0.06, seat_y + 2, fill=top, radius=h * 0.05)
    c.rect(x - h * 0.12, seat_y - h * 0.08, x + h * 0.2, seat_y + 2, fill=bottom, radius=4)
    c.rect(x + h * 0.13, seat_y - h * 0.06, x + h * 0.2, ground - 14, fill=bottom, radius=3)
    c.ellipse(x + h * 0.12, ground - 20, x + h * 0.26, ground - 10, fill="#2a2a2a")
    # arm reaching forward
    c.line([(x - h * 0.03, torso_top + 8), (x + h * 0.12, torso_top + h * 0.14),
            (x + h * 0.26, torso_top + h * 0.1)], top, h * 0.07)
    c.circle(x + h * 0.26, torso_top + h * 0.1, h * 0.04, skin)
    # wheel in front of body
    c.circle(wx, wy, wheel_r, fill=None, outline="#2b2b2b", width=5)
    c.circle(wx, wy, wheel_r * 0.8, fill=None, outline="#7a7a7a", width=2)
    for k in range(6):
        import math
        a = math.pi * k / 3
        c.line([(wx, wy), (wx + wheel_r * 0.8 * math.cos(a), wy + wheel_r * 0.8 * math.sin(a))],
               "#7a7a7a", 1.5)
    c.circle(wx, wy, 4, "#2b2b2b")
    # head
    hy = torso_top - r * 0.9
    c.rect(x - h * 0.05 - r * 0.3, hy + r * 0.5, x - h * 0.05 + r * 0.3, torso_top + 3, skin)
    c.circle(x - h * 0.05, hy, r, skin)
    c.pieslice(x - h * 0.05 - r * 1.05, hy - r * 1.1, x - h * 0.05 + r * 1.05, hy + r * 0.9,
               180, 360, fill=hair)
    c.circle(x - h * 0.05 + r * 0.45, hy + r * 0.05, max(1.2, r * 0.1), "#222222")
    c.arc(x - h * 0.05, hy + r * 0.1, x - h * 0.05 + r * 0.7, hy + r * 0.6, 20, 160,
          "#6b2f2f", max(1, r * 0.08))


def plant_clump(c: Canvas, rng: random.Random, x0, x1, base, greens, flowers=None):
    x = x0
    while x < x1:
        hgt = rng.randint(14, 34)
        col = rng.choice(greens)
        c.ellipse(x - 9, base - hgt, x + 9, base + 4, fill=col)
        if flowers and rng.random() < 0.45:
            c.circle(x + rng.randint(-4, 4), base - hgt + 4, 3.5, rng.choice(flowers))
        x += rng.randint(9, 15)


def terraced_houses(c: Canvas, rng: random.Random, y_base, x0, x1):
    x = x0
    bricks = ["#b5654a", "#a65a40", "#c47a5a", "#9c5b47"]
    while x < x1:
        w = rng.randint(70, 95)
        hh = rng.randint(80, 105)
        col = rng.choice(bricks)
        c.rect(x, y_base - hh, x + w, y_base, fill=col)
        c.poly([(x - 4, y_base - hh), (x + w / 2, y_base - hh - 30), (x + w + 4, y_base - hh)],
               fill="#5b4a4a")
        c.rect(x + w * 0.6, y_base - hh - 26, x + w * 0.7, y_base - hh - 8, fill="#6e4b3a")
        for wy in (y_base - hh + 14, y_base - hh / 2 + 6):
            c.rect(x + 12, wy, x + 30, wy + 20, fill="#dfe9f2", outline="#f5f5f5", width=2)
            c.rect(x + w - 30, wy, x + w - 12, wy + 20, fill="#dfe9f2", outline="#f5f5f5", width=2)
        x += w


# --------------------------------------------------------------------------
# The three illustrated "photographs"
# --------------------------------------------------------------------------


def draw_cover(rng: random.Random) -> Image.Image:
    W, H = 1000, 640
    c = Canvas(W, H, "#bcdcf2")
    vertical_gradient(c, 0, 330, "#8fc3ea", "#e3f1fa")
    c.circle(860, 90, 46, "#ffe08a")
    c.circle(860, 90, 38, "#ffd25e")
    for cx, cy in ((180, 80), (520, 60), (700, 130)):
        for dx, dy, rr in ((0, 0, 26), (28, -10, 30), (58, 2, 24), (30, 8, 26)):
            c.circle(cx + dx, cy + dy, rr, "#fbfdff")
    terraced_houses(c, rng, 300, -20, W + 40)
    # distant hedge and fence
    c.rect(0, 288, W, 318, "#4f8a3f")
    for x in range(0, W + 30, 26):
        c.circle(x, 292, 16, rng.choice(["#4a833a", "#5a9648", "#457a36"]))
    c.rect(0, 310, W, 340, "#8a6a48")
    for x in range(0, W, 22):
        c.rect(x, 302, x + 16, 345, "#9c7b55", outline="#7a5c3e", width=1)
    # grass
    vertical_gradient(c, 340, H, "#86bf5e", "#5e9a3e")
    # polytunnel
    c.pieslice(560, 250, 930, 470, 180, 360, "#eaf1ec")
    c.rect(560, 358, 930, 372, "#dfe8e2")
    for half in (60, 120, 180):
        c.arc(745 - half, 250, 745 + half, 470, 180, 360, "#c7d3cb", 2)
    c.rect(705, 300, 785, 368, "#cfdcd3", outline="#b6c4ba", width=2)
    # path
    c.poly([(430, H), (520, 360), (560, 360), (600, H)], "#d8c7a3")
    # raised beds
    greens = ["#2f7a2f", "#3f8f3a", "#56a447", "#2a6a2d", "#6bb257"]
    flowers = ["#ffd23f", "#e94f64", "#f7f7f7", "#a05fd1", "#ff8c42"]
    beds = [(40, 430, 400, 500), (60, 545, 420, 620), (640, 470, 960, 540),
            (620, 570, 990, 640)]
    for x0, y0, x1, y1 in beds:
        plant_clump(c, rng, x0 + 14, x1 - 8, y0 + 4, greens, flowers)
        c.rect(x0, y0, x1, y1, "#8b5a2b", outline="#6b4320", width=3)
        for yy in range(y0 + 16, y1, 18):
            c.line([(x0 + 3, yy), (x1 - 3, yy)], "#7a4e25", 2)
    # sign
    c.rect(50, 350, 58, 430, "#6b4320")
    c.rect(230, 350, 238, 430, "#6b4320")
    c.rect(24, 340, 264, 400, "#fbf6e9", outline="#6b4320", width=4, radius=6)
    c.text((144, 360), "Riverside", 24, "#1f3d1f", bold=True)
    c.text((144, 385), "Community Garden", 20, "#1f3d1f", bold=True)
    # wheelbarrow
    c.poly([(470, 520), (560, 520), (545, 555), (485, 555)], "#2f6da3")
    c.circle(470, 565, 14, "#2b2b2b")
    c.line([(560, 520), (600, 505)], "#6b4320", 5)
    c.line([(485, 555), (480, 585)], "#444444", 4)
    for k in range(6):
        c.circle(482 + k * 13, 514, 8, rng.choice(["#6b4320", "#7d532b"]))

    # people
    def watering_can(pt):
        hx, hy = pt
        c.rect(hx - 14, hy, hx + 16, hy + 26, "#3b8f8f", radius=4)
        c.line([(hx + 16, hy + 6), (hx + 36, hy - 8)], "#3b8f8f", 5)
        for k in range(5):
            c.line([(hx + 38 + k * 3, hy - 4 + k * 2), (hx + 44 + k * 4, hy + 18 + k * 3)],
                   "#9fd3f0", 1.5)

    def trowel(pt):
        hx, hy = pt
        c.line([(hx, hy), (hx + 10, hy + 22)], "#8a8a8a", 4)

    person(c, 330, 545, 190, SKIN[2], "#d94f3d", "#34495e", HAIR[0],
           pose="forward", hair_style="scarf", holding=trowel)
    person(c, 420, 548, 160, SKIN[0], "#f2c14e", "#3b5a80", HAIR[3],
           pose="down", hair_style="long")
    seated_wheelchair_user(c, 700, 585, 170, SKIN[4], "#6a4c93", "#2d3e50", HAIR[5])
    person(c, 850, 585, 200, SKIN[1], "#2e86ab", "#4a4a4a", HAIR[4],
           pose="up", hair_style="short", holding=watering_can)
    person(c, 560, 470, 110, SKIN[3], "#1f9e6f", "#2f2f2f", HAIR[5],
           pose="wave", hair_style="cap")
    return c.finish()


def draw_volunteers(rng: random.Random) -> Image.Image:
    W, H = 960, 600
    c = Canvas(W, H, "#f3ead7")
    vertical_gradient(c, 0, 380, "#f6eedd", "#ecdfc4")
    # windows
    for x in (70, 380, 690):
        c.rect(x, 66, x + 200, 206, "#ffffff")
        vertical_gradient_box(c, x + 8, 74, x + 192, 198, "#8fc6ec", "#d6ecf8")
        c.circle(x + 40, 180, 18, "#5f9e4a")
        c.circle(x + 150, 176, 22, "#4f8d3d")
        c.rect(x + 8, 198, x + 192, 206, "#ffffff")
        c.rect(x + 97, 74, x + 103, 198, "#ffffff")
        c.rect(x + 8, 133, x + 192, 139, "#ffffff")
    # bunting
    cols = ["#d94f3d", "#f2c14e", "#2e86ab", "#1f9e6f", "#6a4c93"]
    xs = list(range(0, W + 40, 40))
    for i, x in enumerate(xs[:-1]):
        y = 28 + 14 * (1 - ((x - W / 2) / (W / 2)) ** 2)
        c.poly([(x, y), (x + 34, y), (x + 17, y + 30)], cols[i % len(cols)])
    c.line([(0, 28), (W / 2, 42), (W, 28)], "#555555", 1.5)
    # banner
    c.rect(300, 216, 660, 266, "#1f4e79", radius=8)
    c.text((480, 241), "Friday Food Club", 30, "#ffffff", bold=True)
    # floor
    c.rect(0, 380, W, H, "#b98b5c")
    for y in range(390, H, 26):
        c.line([(0, y), (W, y)], "#a47a4f", 2)
    # volunteers behind the table
    person(c, 170, 450, 175, SKIN[4], "#2e86ab", "#333333", HAIR[5],
           pose="forward", hair_style="short", apron="#f2c14e")
    person(c, 370, 452, 165, SKIN[0], "#6a4c93", "#2d3e50", HAIR[6],
           pose="wave", hair_style="bun", apron="#f2c14e")
    person(c, 600, 450, 170, SKIN[2], "#d94f3d", "#333333", HAIR[0],
           pose="forward", hair_style="scarf", apron="#f2c14e")
    person(c, 800, 452, 180, SKIN[1], "#1f9e6f", "#3b3b3b", HAIR[1],
           pose="down", hair_style="short", apron="#f2c14e")
    # table
    c.rect(60, 400, 900, 430, "#ffffff", outline="#d0d0d0", width=2)
    c.rect(60, 430, 900, 500, "#e9eef2")
    c.rect(80, 500, 92, 560, "#6b6b6b")
    c.rect(868, 500, 880, 560, "#6b6b6b")
    # soup pot and bowls
    c.rect(140, 352, 230, 404, "#8d99a6", radius=6)
    c.ellipse(136, 344, 234, 362, "#a9b4bf")
    for k in range(3):
        c.arc(160 + k * 20, 300, 185 + k * 20, 350, 200, 340, "#cfcfcf", 3)
    for bx in (250, 290):
        c.pieslice(bx, 380, bx + 36, 410, 0, 180, "#f7f7f7")
    # crates of fruit and vegetables
    produce = ["#e94f37", "#f6a623", "#7cb342", "#fbe04c", "#8e44ad", "#c0392b"]
    for cx in (420, 540, 700):
        c.rect(cx, 362, cx + 100, 404, "#a0703f", outline="#7a522b", width=2)
        for row in range(2):
            for k in range(6):
                c.circle(cx + 10 + k * 16, 360 + row * 10, 8, rng.choice(produce))
    # bread
    for k in range(3):
        c.ellipse(820 + k * 22, 380, 860 + k * 22, 402, "#d9a35b", outline="#b7813d", width=2)
    # neighbours in front (seen from behind, shorter because nearer the bottom)
    for x, col, hair, hs in ((250, "#c85a5a", HAIR[0], "short"),
                             (500, "#4a6fa5", HAIR[3], "long"),
                             (700, "#7a7a2e", HAIR[4], "short")):
        back_view(c, x, H + 40, 230, col, hair, hs)
    # shopping bag held by one neighbour
    c.rect(545, 530, 600, 590, "#f5f0e6", outline="#b0a48e", width=2, radius=4)
    c.arc(555, 512, 590, 545, 180, 360, "#b0a48e", 3)
    c.circle(560, 532, 7, "#e94f37")
    c.circle(578, 528, 7, "#7cb342")
    return c.finish()


def vertical_gradient_box(c: Canvas, x0, y0, x1, y1, top, bottom):
    t = [int(top[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(bottom[i:i + 2], 16) for i in (1, 3, 5)]
    steps = int(y1 - y0)
    for i in range(steps):
        f = i / max(1, steps - 1)
        col = tuple(round(t[k] + (b[k] - t[k]) * f) for k in range(3))
        c.rect(x0, y0 + i, x1, y0 + i + 1, fill=col)


def back_view(c: Canvas, x, ground, h, top, hair, hair_style):
    """Head and shoulders of a person seen from behind."""
    r = h * 0.09
    head_cy = ground - h + r
    c.rect(x - h * 0.2, head_cy + r * 0.9, x + h * 0.2, ground, top, radius=h * 0.08)
    if hair_style == "long":
        c.rect(x - r * 1.05, head_cy - r * 0.2, x + r * 1.05, head_cy + r * 1.8, hair,
               radius=r * 0.5)
    c.circle(x, head_cy, r, hair)


def draw_youth(rng: random.Random) -> Image.Image:
    W, H = 960, 600
    c = Canvas(W, H, "#cfe6f5")
    vertical_gradient(c, 0, 120, "#9fcdee", "#dcedf8")
    # brick wall
    c.rect(0, 90, W, 440, "#b0573f")
    for row, y in enumerate(range(90, 440, 18)):
        off = 0 if row % 2 == 0 else 24
        for x in range(-24 + off, W, 48):
            shade = rng.choice(["#b85d44", "#a9513a", "#c0664b", "#ad563d"])
            c.rect(x + 2, y + 2, x + 46, y + 16, shade)
    # mural (left two thirds, partly finished)
    mx0, mx1, my0, my1 = 40, 660, 120, 400
    c.rect(mx0, my0, mx1, my1, "#fdf3d8")
    vertical_gradient_box(c, mx0, my0, mx1, 230, "#7fc4ef", "#cfeaf8")
    c.circle(430, 165, 30, "#ffd23f")
    c.poly([(mx0, 260), (150, 200), (260, 250), (380, 190), (520, 245), (mx1, 210),
            (mx1, my1), (mx0, my1)], "#6cbf5a")
    c.poly([(mx0, 300), (180, 270), (330, 300), (470, 265), (mx1, 295), (mx1, my1),
            (mx0, my1)], "#3f9a48")
    # the painted river
    c.poly([(mx0, 350), (150, 320), (280, 345), (420, 315), (560, 338), (mx1, 320),
            (mx1, 372), (560, 390), (420, 365), (280, 395), (150, 370), (mx0, 395)],
           "#2f78c4")
    for k in range(5):
        x = 90 + k * 110
        c.arc(x, 340, x + 50, 360, 200, 340, "#bfe0ff", 3)
    # a duck and a kingfisher-coloured bird
    c.ellipse(300, 352, 330, 368, "#ffffff")
    c.circle(330, 350, 7, "#1f7a4a")
    # unfinished section: pencil outline only
    c.rect(mx1 - 130, my0, mx1, my1, "#f4ead0")
    c.arc(mx1 - 120, 250, mx1 + 40, 330, 180, 270, "#9a8f7a", 2)
    c.line([(mx1 - 130, 352), (mx1 - 10, 340)], "#9a8f7a", 2)
    # sign for the club
    c.rect(720, 130, 900, 200, "#1a1a1a", radius=8)
    c.text((810, 165), "The Yard", 34, "#ffd23f", bold=True)
    # ground
    c.rect(0, 440, W, H, "#9a9a93")
    for x in range(0, W, 60):
        c.line([(x, 440), (x - 40, H)], "#8c8c85", 2)
    # table tennis in the background (right)
    c.rect(690, 372, 900, 388, "#1e6b52")
    c.rect(790, 356, 796, 388, "#f5f5f5")
    c.rect(700, 388, 706, 440, "#3a3a3a")
    c.rect(884, 388, 890, 440, "#3a3a3a")
    person(c, 700, 440, 120, SKIN[5], "#e94f64", "#2d3e50", HAIR[1],
           pose="forward", hair_style="long")
    person(c, 905, 440, 125, SKIN[3], "#2e86ab", "#333333", HAIR[5],
           pose="up", hair_style="short")
    c.circle(760, 320, 5, "#ffffff", outline="#999999", width=1)

    # painters in the foreground
    def roller(pt):
        hx, hy = pt
        c.line([(hx, hy), (hx + 4, hy - 40)], "#555555", 3)
        c.rect(hx - 16, hy - 54, hx + 24, hy - 40, "#ffd23f", radius=4)

    def brush(pt):
        hx, hy = pt
        c.line([(hx, hy), (hx + 14, hy - 24)], "#8b5a2b", 4)
        c.circle(hx + 15, hy - 26, 4, "#2f78c4")

    person(c, 150, 560, 215, SKIN[1], "#f2c14e", "#2d3e50", HAIR[0],
           pose="up", hair_style="bun", holding=roller)
    person(c, 340, 575, 225, SKIN[4], "#1f9e6f", "#3a3a3a", HAIR[5],
           pose="up", hair_style="cap", holding=brush)
    person(c, 520, 565, 205, SKIN[0], "#6a4c93", "#2f2f2f", HAIR[2],
           pose="forward", hair_style="long")
    # paint pots
    for x, col in ((230, "#2f78c4"), (270, "#3f9a48"), (430, "#ffd23f"), (600, "#e94f64")):
        c.rect(x, 560, x + 30, 592, "#d9d9d9", outline="#8a8a8a", width=2)
        c.ellipse(x, 554, x + 30, 566, col)
    return c.finish()


# --------------------------------------------------------------------------
# SVG graphics
# --------------------------------------------------------------------------


def text_width(text: str, size: int, bold: bool = False) -> float:
    font = ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size)
    return font.getlength(text)


def money(v: int) -> str:
    return f"£{v:,}"


def grants_chart_svg() -> str:
    W, H = 800, 520
    left = 290            # where the bars start
    top = 96
    bar_h, gap = 42, 22
    max_val = 14_000
    plot_w = 420
    scale = plot_w / max_val
    ink, muted = "#1a1a1a", "#3d3d3d"
    bar = "#1d4f91"

    patterns = [
        ("solid", ""),
        ("diag", '<path d="M-2,2 l4,-4 M0,10 l10,-10 M8,12 l4,-4" '
                 'stroke="#ffffff" stroke-width="2.2"/>'),
        ("dots", '<circle cx="5" cy="5" r="1.9" fill="#ffffff"/>'),
        ("cross", '<path d="M0,0 L10,10 M10,0 L0,10" stroke="#ffffff" stroke-width="1.4"/>'),
        ("horiz", '<path d="M0,5 H10" stroke="#ffffff" stroke-width="2.4"/>'),
        ("vert", '<path d="M5,0 V10" stroke="#ffffff" stroke-width="2.4"/>'),
    ]
    defs = []
    for name, body in patterns:
        if not body:
            continue
        defs.append(
            f'<pattern id="pat-{name}" width="10" height="10" patternUnits="userSpaceOnUse">'
            f'<rect width="10" height="10" fill="{bar}"/>{body}</pattern>')

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" aria-labelledby="gc-title gc-desc">',
        '<title id="gc-title">Grants by theme, 2025–26</title>',
        '<desc id="gc-desc">Horizontal bar chart. '
        + escape("; ".join(f"{t}: {money(v)} from {n} grants" for t, n, v in GRANTS))
        + '. Total £48,000 from 24 grants.</desc>',
        "<defs>" + "".join(defs) + "</defs>",
        f'<rect width="{W}" height="{H}" fill="#ffffff"/>',
        f'<g font-family="{escape(SVG_FONT)}">',
        f'<text x="24" y="40" font-size="24" font-weight="700" fill="{ink}">'
        'Grants by theme, 2025–26</text>',
        f'<text x="24" y="68" font-size="16" fill="{muted}">'
        'Total given to each theme in pounds, with the number of grants</text>',
    ]
    plot_bottom = top + len(GRANTS) * (bar_h + gap) - gap + 10
    # gridlines and axis labels
    for v in range(0, max_val + 1, 2_000):
        x = left + v * scale
        out.append(f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{plot_bottom}" '
                   f'stroke="{"#6b6b6b" if v == 0 else "#d4d4d4"}" stroke-width="1"/>')
        if v % 4_000 == 0:  # label every other gridline so labels never collide
            out.append(f'<text x="{x:.1f}" y="{plot_bottom + 22}" font-size="14" '
                       f'text-anchor="middle" fill="{muted}">{money(v)}</text>')
    out.append(f'<text x="{left + plot_w / 2:.1f}" y="{plot_bottom + 48}" font-size="15" '
               f'text-anchor="middle" fill="{muted}">Amount given (£)</text>')
    for i, ((theme, n, value), (pname, _)) in enumerate(zip(GRANTS, patterns)):
        y = top + i * (bar_h + gap)
        w = value * scale
        fill = bar if pname == "solid" else f"url(#pat-{pname})"
        assert text_width(theme, 17, True) < left - 24, theme
        out.append(f'<text x="{left - 12}" y="{y + 18}" font-size="17" font-weight="700" '
                   f'text-anchor="end" fill="{ink}">{escape(theme)}</text>')
        out.append(f'<text x="{left - 12}" y="{y + 37}" font-size="14" '
                   f'text-anchor="end" fill="{muted}">{n} grants</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                   f'fill="{fill}" stroke="{bar}" stroke-width="1.5"/>')
        out.append(f'<text x="{left + w + 8:.1f}" y="{y + bar_h / 2 + 6}" font-size="17" '
                   f'font-weight="700" fill="{ink}">{money(value)}</text>')
        assert left + w + 8 + text_width(money(value), 17, True) < W - 10
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def area_map_svg() -> str:
    W, H = 900, 600
    ink, muted = "#1a1a1a", "#3d3d3d"
    river = ("M 318,62 C 300,140 350,190 330,250 C 310,320 280,360 300,420 "
             "C 318,480 350,520 338,600")
    areas = [
        # name, population, polygon, fill pattern id, label position
        ("Station Fields", "about 800 people",
         "120,72 560,72 560,180 330,196 120,180", "p-sf", (430, 126)),
        ("Riverside", "about 1,900 people",
         "20,180 120,180 330,196 318,250 296,330 292,440 20,440", "p-rs", (150, 265)),
        ("Hollins", "about 2,100 people",
         "560,180 620,180 620,440 292,440 296,330 318,250 330,196", "p-ho", (505, 395)),
        ("Mill Green", "about 500 people",
         "110,440 540,440 540,580 110,580", "p-mg", (200, 520)),
    ]
    pats = {
        "p-sf": '<rect width="12" height="12" fill="#eef3e6"/>'
                '<path d="M0,6 H12" stroke="#c9d6b5" stroke-width="2"/>',
        "p-rs": '<rect width="12" height="12" fill="#f7efe0"/>'
                '<path d="M-3,3 l6,-6 M0,12 l12,-12 M9,15 l6,-6" stroke="#e0cfa8" '
                'stroke-width="2"/>',
        "p-ho": '<rect width="12" height="12" fill="#ece9f4"/>'
                '<circle cx="6" cy="6" r="1.8" fill="#c6bfdc"/>',
        "p-mg": '<rect width="12" height="12" fill="#e6f0f0"/>'
                '<path d="M0,0 L12,12 M12,0 L0,12" stroke="#bfd3d3" stroke-width="1.3"/>',
    }
    venues = [
        (1, "Hollins Community Centre", "our office, Beck Street", (540, 300)),
        (2, "Riverside Community Garden", "west bank of the river", (180, 360)),
        (3, "The Yard youth club", "near the footbridge", (400, 262)),
    ]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" aria-labelledby="map-title map-desc">',
        '<title id="map-title">Map of the four neighbourhoods served by the Riverside '
        'and Hollins Community Partnership</title>',
        '<desc id="map-desc">The River Kell runs north to south. Station Fields is in '
        'the north by the railway, Riverside is west of the river, Hollins is east of '
        'the river and Mill Green is in the south. Markers show Hollins Community '
        'Centre (1), Riverside Community Garden (2) and The Yard youth club (3).</desc>',
        "<defs>" + "".join(
            f'<pattern id="{pid}" width="12" height="12" patternUnits="userSpaceOnUse">'
            f'{body}</pattern>' for pid, body in pats.items()) + "</defs>",
        f'<rect width="{W}" height="{H}" fill="#ffffff"/>',
        f'<g font-family="{escape(SVG_FONT)}">',
    ]
    # neighbourhood areas
    for name, pop, pts, pid, _ in areas:
        out.append(f'<polygon points="{pts}" fill="url(#{pid})" stroke="#4a4a4a" '
                   f'stroke-width="2" stroke-dasharray="8 5"/>')
    # railway along the top with station
    out.append('<line x1="0" y1="50" x2="640" y2="50" stroke="#333333" stroke-width="4"/>')
    out.append('<line x1="0" y1="50" x2="640" y2="50" stroke="#ffffff" stroke-width="2" '
               'stroke-dasharray="10 10"/>')
    out.append('<rect x="440" y="36" width="34" height="28" fill="#333333"/>')
    out.append(f'<text x="482" y="30" font-size="15" fill="{ink}">Kelsworth station</text>')
    # river and footbridge
    out.append(f'<path d="{river}" fill="none" stroke="#9cc8ea" stroke-width="28"/>')
    out.append(f'<path d="{river}" fill="none" stroke="#3b7fb8" stroke-width="2" '
               'stroke-dasharray="2 10"/>')
    out.append('<rect x="304" y="256" width="50" height="10" fill="#6b4f35"/>')
    out.append('<text x="0" y="0" font-size="16" font-style="italic" fill="#0b3a66" '
               'transform="translate(352,372) rotate(78)">River Kell</text>')
    # neighbourhood labels
    for name, pop, _, _, (lx, ly) in areas:
        wname = text_width(name, 20, True)
        wpop = text_width(pop, 15)
        bw = max(wname, wpop) + 34  # generous padding in case of font fallback
        out.append(f'<rect x="{lx - bw / 2:.1f}" y="{ly - 24}" width="{bw:.1f}" height="50" '
                   f'rx="6" fill="#ffffff" stroke="#4a4a4a" stroke-width="1"/>')
        out.append(f'<text x="{lx}" y="{ly - 3}" font-size="20" font-weight="700" '
                   f'text-anchor="middle" fill="{ink}">{escape(name)}</text>')
        out.append(f'<text x="{lx}" y="{ly + 18}" font-size="15" text-anchor="middle" '
                   f'fill="{muted}">{escape(pop)}</text>')
    # venue markers
    for num, _, _, (vx, vy) in venues:
        out.append(f'<circle cx="{vx}" cy="{vy}" r="15" fill="#1a1a1a" stroke="#ffffff" '
                   f'stroke-width="3"/>')
        out.append(f'<text x="{vx}" y="{vy + 6}" font-size="17" font-weight="700" '
                   f'text-anchor="middle" fill="#ffffff">{num}</text>')
    # key panel
    kx = 660
    out.append(f'<rect x="{kx}" y="20" width="225" height="560" rx="8" fill="#f7f7f7" '
               f'stroke="#6b6b6b" stroke-width="1"/>')
    out.append(f'<text x="{kx + 16}" y="52" font-size="20" font-weight="700" '
               f'fill="{ink}">Key</text>')
    y = 90
    for num, name, note, _ in venues:
        out.append(f'<circle cx="{kx + 30}" cy="{y}" r="13" fill="#1a1a1a"/>')
        out.append(f'<text x="{kx + 30}" y="{y + 6}" font-size="16" font-weight="700" '
                   f'text-anchor="middle" fill="#ffffff">{num}</text>')
        words = name.split()
        first, second = (" ".join(words[:2]), " ".join(words[2:])) if len(words) > 2 else (name, "")
        out.append(f'<text x="{kx + 52}" y="{y - 2}" font-size="15" font-weight="700" '
                   f'fill="{ink}">{escape(first)}</text>')
        if second:
            out.append(f'<text x="{kx + 52}" y="{y + 16}" font-size="15" font-weight="700" '
                       f'fill="{ink}">{escape(second)}</text>')
        out.append(f'<text x="{kx + 52}" y="{y + (34 if second else 16)}" font-size="14" '
                   f'fill="{muted}">{escape(note)}</text>')
        y += 78
    out.append(f'<line x1="{kx + 16}" y1="{y}" x2="{kx + 46}" y2="{y}" stroke="#9cc8ea" '
               f'stroke-width="14"/>')
    out.append(f'<text x="{kx + 56}" y="{y + 5}" font-size="15" fill="{ink}">River Kell</text>')
    y += 36
    out.append(f'<line x1="{kx + 16}" y1="{y}" x2="{kx + 46}" y2="{y}" stroke="#333333" '
               f'stroke-width="4"/>')
    out.append(f'<text x="{kx + 56}" y="{y + 5}" font-size="15" fill="{ink}">Railway</text>')
    y += 36
    out.append(f'<line x1="{kx + 16}" y1="{y}" x2="{kx + 46}" y2="{y}" stroke="#4a4a4a" '
               f'stroke-width="2" stroke-dasharray="8 5"/>')
    out.append(f'<text x="{kx + 56}" y="{y + 5}" font-size="15" fill="{ink}">'
               'Neighbourhood</text>')
    out.append(f'<text x="{kx + 56}" y="{y + 23}" font-size="15" fill="{ink}">boundary</text>')
    y += 50
    out.append(f'<rect x="{kx + 24}" y="{y - 8}" width="14" height="10" fill="#6b4f35"/>')
    out.append(f'<text x="{kx + 56}" y="{y + 2}" font-size="15" fill="{ink}">Footbridge</text>')
    # north arrow
    ny = 520
    out.append(f'<polygon points="{kx + 112},{ny - 40} {kx + 100},{ny} {kx + 112},{ny - 10} '
               f'{kx + 124},{ny}" fill="#1a1a1a"/>')
    out.append(f'<text x="{kx + 112}" y="{ny + 24}" font-size="16" font-weight="700" '
               f'text-anchor="middle" fill="{ink}">North</text>')
    out.append(f'<text x="{kx + 112}" y="{ny + 46}" font-size="12" text-anchor="middle" '
               f'fill="{muted}">Not to scale</text>')
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def divider_svg() -> str:
    W, H = 600, 40
    c = "#5a6b7b"
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" aria-hidden="true" focusable="false">',
        f'<g fill="none" stroke="{c}" stroke-width="2" stroke-linecap="round">',
        '<path d="M 40,20 H 250"/>',
        '<path d="M 350,20 H 560"/>',
        '<path d="M 250,20 C 265,6 280,6 290,20 C 280,34 265,34 250,20 Z"/>',
        '<path d="M 350,20 C 335,6 320,6 310,20 C 320,34 335,34 350,20 Z"/>',
        '</g>',
        f'<g fill="{c}">',
        '<polygon points="300,8 312,20 300,32 288,20"/>',
        '<circle cx="30" cy="20" r="4"/>',
        '<circle cx="570" cy="20" r="4"/>',
        '</g>',
        '</svg>',
    ]) + "\n"


# --------------------------------------------------------------------------


def save_png(img: Image.Image, path: Path) -> None:
    img.save(path, format="PNG", optimize=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help="output folder (default: source/images)")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    rasters = {
        "cover.png": draw_cover,
        "volunteers.png": draw_volunteers,
        "youth-project.png": draw_youth,
    }
    for i, (name, fn) in enumerate(rasters.items()):
        save_png(fn(random.Random(SEED + i)), out / name)

    vectors = {
        "grants-chart.svg": grants_chart_svg(),
        "area-map.svg": area_map_svg(),
        "divider.svg": divider_svg(),
    }
    for name, text in vectors.items():
        (out / name).write_text(text, encoding="utf-8")

    for name in list(rasters) + list(vectors):
        p = out / name
        print(f"{p.relative_to(REPO) if p.is_relative_to(REPO) else p}  "
              f"{p.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
