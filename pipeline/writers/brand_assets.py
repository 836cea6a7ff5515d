"""The brand on the web pages: assets/brand.css after report.css, the brand's
font files beside it, and the logo's place in each page's header.

brand.css only sets report.css's custom properties (the colours of
pipeline/palette.py, every pair of them checked by rule brand-contrast) and the
font families; the page structure stays report.css's. Its colours apply on
screen only: printed, a web page stays black on white (report.css's print rules).
"""
from __future__ import annotations

import html
import re
from importlib.metadata import distribution
from pathlib import Path

from pipeline import atomic
from pipeline.brand import Brand, Font
from pipeline.fonts import FONT_DIRS
from pipeline.palette import palette

BRAND_STYLESHEET = "assets/brand.css"
BRAND_FONTS = "assets/fonts/brand"  # brand.css loads them as fonts/brand/NAME
FALLBACK_FONTS = '"Atkinson Hyperlegible", Verdana, Arial, sans-serif'


# A bundled family the brand names: the files it comes in (variable fonts: every weight in one
# file), from the installed packages.
ATKINSON, NOTO = Path(FONT_DIRS[0]), Path(FONT_DIRS[1])
BUNDLED_FILES = {
    "Noto Sans": ((NOTO / "NotoSans[wght].ttf", "100 900", "normal"),
                  (NOTO / "NotoSans-Italic[wght].ttf", "100 900", "italic")),
    "Atkinson Hyperlegible": tuple(
        (ATKINSON / f"AtkinsonHyperlegible-{name}.ttf", weight, style)
        for name, weight, style in (("Regular", "400", "normal"), ("Italic", "400", "italic"),
                                    ("Bold", "700", "normal"), ("BoldItalic", "700", "italic"))),
}
ON_EVERY_PAGE = "Atkinson Hyperlegible"  # report.css loads it already: the web pages need no second copy
NOTO_LICENCE = ("manimgx-fonts", "licenses/LICENSE", "Noto-OFL.txt")  # the OFL travels with the files


def font_files(font: Font, root: Path) -> list[tuple[Path, str, str]]:
    """(file, CSS font-weight, font-style) of each file of a brand family: the source folder's, or
    the build's own for a bundled family."""
    if font.files:
        return [(root / f.path, str(f.weight), f.style) for f in font.files]
    return list(BUNDLED_FILES.get(font.family, ()))


def file_name(path: Path) -> str:
    """The name a font file is published under: pandoc reads --epub-embed-font as a glob, so the
    variable fonts' "[wght]" would match nothing."""
    return re.sub(r"[^A-Za-z0-9._-]+", "", path.name)


def _font_faces(font: Font, root: Path, folder: str) -> list[str]:
    return [f'@font-face {{ font-family: "{font.family}"; src: url("{folder}/{file_name(path)}"); '
            f"font-weight: {weight}; font-style: {style}; font-display: swap; }}"
            for path, weight, style in font_files(font, root)]


def _properties(colours: dict[str, str]) -> str:
    return " ".join(f"--{role}: {value};" for role, value in colours.items())


def _families(font: Font) -> str:
    return FALLBACK_FONTS if font.family == ON_EVERY_PAGE else f'"{font.family}", {FALLBACK_FONTS}'


def brand_css(brand: Brand, root: Path) -> str:
    lines = ["/* The organisation's brand (report.yaml `brand:`), written by pipeline/writers/brand_assets.py. */"]
    for font in brand.fonts():
        if font.family != ON_EVERY_PAGE:
            lines += _font_faces(font, root, "fonts/brand")
    lines += [f"@media screen {{ :root {{ {_properties(palette(brand, 'light'))} }} }}",
              f"@media screen and (prefers-color-scheme: dark) {{ :root {{ {_properties(palette(brand, 'dark'))} }} }}",
              "h1, h2, h3, h4, h5, h6 { color: var(--heading); }"]
    if brand.base is not None:
        lines.append(f"body {{ font-family: {_families(brand.base)}; }}")
    if brand.headings is not None:
        lines.append(f"h1, h2, h3, h4, h5, h6 {{ font-family: {_families(brand.headings)}; }}")
    return "\n".join(lines) + "\n"


def publish_brand(brand: Brand | None, root: Path, out: Path) -> None:
    """Write assets/brand.css and copy the brand's font files beside it (nothing without a brand)."""
    if brand is None:
        return
    copies = {out / BRAND_FONTS / file_name(path): path.read_bytes()
              for font in brand.fonts() if font.family != ON_EVERY_PAGE for path, _, _ in font_files(font, root)}
    if any(not font.files and font.family == "Noto Sans" for font in brand.fonts()):
        package, licence, name = NOTO_LICENCE
        copies[out / BRAND_FONTS / name] = (distribution(package).read_text(licence) or "").encode("utf-8")
    for target, data in copies.items():
        if not target.exists() or target.read_bytes() != data:
            atomic.write_bytes(target, data)
    atomic.write_bytes(out / BRAND_STYLESHEET, brand_css(brand, root).encode("utf-8"))


def logo_html(brand: Brand | None, up: str) -> str:
    """The logo for a page's header, `up` ("", "../") being the way from the page to the output folder.
    Small (report.css .logo) and, with a dark variant, switched by the reader's colour scheme, without script."""
    if brand is None or brand.logo is None:
        return ""
    logo, e = brand.logo, html.escape
    dark = (f'<source srcset="{e(up + logo.dark)}" media="(prefers-color-scheme: dark)">' if logo.dark else "")
    return f'<p class="logo"><picture>{dark}<img src="{e(up + logo.light)}" alt="{e(logo.alt)}"></picture></p>'


def brand_for_typst(brand: Brand | None) -> dict | None:
    """What templates/report.typ needs of the brand: the light palette (paper is light), the
    page colour only when the brand sets one, font families and the logo."""
    if brand is None:
        return None
    colours = palette(brand, "light")
    logo = brand.logo
    return {
        "text": colours["text"], "link": colours["link"], "heading": colours["heading"],
        "background": colours["background"] if "background" in brand.colours.get("light", {}) else None,
        "base-font": brand.base.family if brand.base else None,
        "heading-font": brand.headings.family if brand.headings else None,
        "logo": {"image": logo.light, "alt": logo.alt} if logo is not None else None,
    }


def brand_font_folders(brand: Brand | None, root: Path) -> list[str]:
    """The folders of the brand's font files, for Typst's font_paths (it reads no system fonts)."""
    if brand is None:
        return []
    folders = {str((root / f.path).parent.resolve()) for font in brand.fonts() for f in font.files}
    return sorted(folders)
