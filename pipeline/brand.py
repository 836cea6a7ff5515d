"""The organisation's brand: its logo, colours and fonts, for every edition.

report.yaml's `brand:` takes the shape of brand.yml (posit's format, which Quarto
reads as `_brand.yml`), so a team reuses the file it already has:

    brand: _brand.yml                  # as a Quarto document says it
    brand: {file: _brand.yml}          # the same; keys written beside `file:` override the file's
    brand: {color: {...}, logo: ..., typography: {...}}   # or inline

The subset read (README.md, "The organisation's brand", lists it):

* color: palette, foreground, background, primary (links); any colour as
  `{light: …, dark: …}`, as in Quarto 1.8; a value may name a palette entry or
  another theme colour;
* typography: fonts (source: file only: the build never fetches), base and
  headings (a family), headings.color, link.color;
* logo: a path, `{path, alt}`, or images + small/medium/large (the smallest
  given is used), each optionally `{light, dark}`.

Every value keeps the file, line and column it was written at: the contrast and
alt-text rules (pipeline/check/rules/brand.py) point there. Paths in a brand file
are relative to that file, as in brand.yml; all must stay inside the source folder.
"""
from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from pipeline.brand_yaml import Node, Place, brand_error, compose, local_file, mapping, merge, tree
from pipeline.contrast import NotAColour, hex_of
from pipeline.diagnostics import Diagnostic

THEME_COLOURS = ("foreground", "background", "primary", "secondary", "tertiary", "success", "info",
                 "warning", "danger", "light", "dark")
KNOWN = {  # section -> keys brand.yml defines there (those we do not use are accepted, and ignored)
    "": ("file", "meta", "logo", "color", "typography", "defaults"),
    "color": ("palette", *THEME_COLOURS),
    "typography": ("fonts", "base", "headings", "link", "monospace", "monospace-inline", "monospace-block"),
}
MODES = ("light", "dark")
# Families every machine has, because the build ships them (pipeline/fonts.py): no files needed.
BUNDLED = {"atkinson hyperlegible": "Atkinson Hyperlegible", "noto sans": "Noto Sans"}
FONT_SUFFIXES = (".ttf", ".otf")  # what both Typst (PDF) and browsers read
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
WEIGHTS = {"thin": 100, "extra-light": 200, "light": 300, "normal": 400, "regular": 400, "medium": 500,
           "semi-bold": 600, "bold": 700, "extra-bold": 800, "black": 900}


@dataclass(frozen=True)
class Colour:
    value: str  # #rrggbb
    written: str  # as the brand wrote it, through any names: "#0B4F9C", "primary → forest → #1d5c4a"
    key: str  # the role, in brand.yml terms: "typography.link.color"
    place: Place  # where the value is finally written
    defined: str  # and that place in brand.yml terms: "color.palette.forest", "color.primary.light"


@dataclass(frozen=True)
class FontFile:
    path: str  # relative to the source folder
    weight: int
    style: str  # "normal" or "italic"


@dataclass(frozen=True)
class Font:
    family: str  # as the font files name themselves (Typst matches on it)
    files: tuple[FontFile, ...] = ()  # none for a bundled family


@dataclass(frozen=True)
class Logo:
    light: str  # path relative to the source folder
    dark: str | None
    alt: str  # "" when the brand gives none: rule logo-alt-missing refuses it
    place: Place


@dataclass(frozen=True)
class Brand:
    colours: dict[str, dict[str, Colour]]  # mode -> role (text, background, link, heading) -> colour
    base: Font | None = None
    headings: Font | None = None
    logo: Logo | None = None
    fingerprint: str = ""  # changes when the brand, its font files or its logo change (the editions' cache key)
    warnings: tuple[Diagnostic, ...] = field(default=())

    def fonts(self) -> list[Font]:
        return [font for font in dict.fromkeys((self.base, self.headings)) if font is not None]


def _unknown_keys(section: str, mapping: dict[str, Node]) -> list[Diagnostic]:
    found = []
    for key, node in mapping.items():
        if key not in KNOWN[section]:
            close = difflib.get_close_matches(key, KNOWN[section], n=1)
            name = f"{section}: {key}" if section else key
            found.append(Diagnostic(f"unknown key 'brand: {name}' is ignored", node.place.file, node.place.line,
                                    node.place.column, severity="warning", rule="config-unknown-key",
                                    fix=(f"did you mean '{close[0]}'?" if close
                                         else f"known keys: {', '.join(KNOWN[section])}")))
    return found


class _Colours:
    """Resolves a colour as brand.yml allows: a CSS colour, a palette name, a theme colour's name,
    or {light, dark}; `mode` picks the side."""

    def __init__(self, color: dict[str, Node]):
        self.color = color
        self.palette = mapping(color.get("palette"), "color: palette")

    def get(self, node: Node | None, key: str, mode: str, path: str = "", seen: tuple[str, ...] = (),
            sided: bool = False) -> Colour | None:
        """The colour for `mode` of the role brand.yml calls `key`, read at `path` (dotted, where `node`
        is written). A colour written without light/dark is light mode's (pipeline/palette.py carries
        it into dark mode). The Colour's place is where its value is finally written."""
        path = path or key
        if node is None:
            return None
        if isinstance(node.value, dict):
            return self.get(node.value.get(mode), key, mode, f"{path}.{mode}", seen, sided=True)
        if not isinstance(node.value, str) or not node.value.strip():
            raise brand_error(f"'{path}' has no colour", node,
                         "in YAML a # starts a comment, so quote a colour: '#0b4f9c'")
        name = node.value.strip()
        if name in seen:
            raise brand_error(f"'{key}' refers to itself through {' → '.join(seen)}", node,
                              "give one of them a colour")
        for prefix, table in (("color.palette", self.palette),
                              ("color", {k: v for k, v in self.color.items() if k in THEME_COLOURS})):
            if name in table:
                found = self.get(table[name], key, mode, f"{prefix}.{name}", (*seen, name), sided)
                if found is None:
                    return None
                return Colour(found.value, f"{name} → {found.written}", key, found.place, found.defined)
        if mode != "light" and not sided:
            return None
        try:
            return Colour(hex_of(name), name, key, node.place, path)
        except NotAColour as exc:
            raise brand_error(f"'{path}': {exc}", node, "write #rrggbb (quoted), a CSS colour name, or a name from "
                         f"color.palette ({', '.join(self.palette) or 'none defined'})") from exc


def _fields(node: Node | None) -> dict[str, Node]:
    """typography's base, headings, link: a family name alone, or a mapping of settings."""
    return node.value if node is not None and isinstance(node.value, dict) else {}


def _family(node: Node | None) -> Node | None:
    if node is None or isinstance(node.value, str):
        return node
    return mapping(node, "typography").get("family")


def _fonts(root: Path, typography: dict[str, Node]) -> dict[str, Font]:
    """The families the brand gives files for, by lower-case name."""
    fonts: dict[str, Font] = {}
    entries = typography.get("fonts")
    for entry in (entries.value if entries is not None and isinstance(entries.value, list) else []):
        spec = mapping(entry, "typography: fonts")
        family = spec.get("family")
        if family is None or not isinstance(family.value, str):
            raise brand_error("a font has no 'family'", entry, "give each font its family name and source: file")
        source = spec.get("source")
        kind = source.value if source is not None else "google"  # brand.yml's default
        if kind in ("google", "bunny"):
            raise brand_error(f"the font '{family.value}' would be fetched from {kind.title()} Fonts; the build works "
                         "offline", source or entry, "download its files into the source folder and list them "
                         "with 'source: file' and 'files:'")
        if kind == "system":
            if family.value.lower() not in BUNDLED:
                raise brand_error(f"the font '{family.value}' is a system font, and every computer has other ones",
                             source, "put its .ttf/.otf files in the source folder ('source: file'), or use "
                             "Atkinson Hyperlegible or Noto Sans, which the build ships")
            continue
        files_node = spec.get("files")
        files = files_node.value if files_node is not None and isinstance(files_node.value, list) else []
        if not files:
            raise brand_error(f"the font '{family.value}' lists no files", files_node or entry,
                         "list its .ttf or .otf files under 'files:'")
        fonts[family.value.lower()] = Font(family.value, tuple(_font_file(root, item, family.value) for item in files))
    return fonts


def _font_file(root: Path, item: Node, family: str) -> FontFile:
    from fontTools.ttLib import TTFont

    spec = item.value if isinstance(item.value, dict) else {"path": item}
    path_node = spec.get("path") or item
    path = local_file(root, path_node, "the font file", FONT_SUFFIXES)
    with TTFont(root / path, lazy=True) as font:
        names = {font["name"].getDebugName(n) for n in (1, 16)} - {None}
    if family.lower() not in {name.lower() for name in names}:
        raise brand_error(f"the font file '{path}' is the family {' / '.join(sorted(names))}, not '{family}'",
                     path_node, "list it under the family it names itself, or use the right file")
    weight_node, style_node = spec.get("weight"), spec.get("style")
    weight_text = str(weight_node.value).lower() if weight_node is not None else "normal"
    weight = WEIGHTS.get(weight_text) or (int(weight_text) if weight_text.isdigit() else 0)
    if not 100 <= weight <= 900:
        raise brand_error(f"the font weight '{weight_text}' is not 100 to 900", weight_node,
                     "write a number such as 400 or 700, or normal / bold")
    style = str(style_node.value) if style_node is not None else "normal"
    if style not in ("normal", "italic"):
        raise brand_error(f"the font style '{style}' is not normal or italic", style_node, "write normal or italic")
    return FontFile(path, weight, style)


def _role_font(node: Node | None, fonts: dict[str, Font], role: str) -> Font | None:
    family = _family(node)
    if family is None:
        return None
    name = str(family.value or "")
    if name.lower() in fonts:
        return fonts[name.lower()]
    if name.lower() in BUNDLED:
        return Font(BUNDLED[name.lower()])
    raise brand_error(f"typography: {role} uses the font '{name}', which has no files here", family,
                 f"add '{name}' under typography: fonts: with 'source: file' and its files, or use a bundled "
                 "font (Atkinson Hyperlegible, Noto Sans)")


def _logo_resource(root: Path, node: Node, images: dict[str, Node]) -> tuple[str, str]:
    """(path relative to the source folder, alt text) of a logo given as a path, an images name or {path, alt}."""
    if isinstance(node.value, str) and node.value in images:
        node = images[node.value]
    spec = node.value if isinstance(node.value, dict) else {"path": node}
    if "path" not in spec:
        raise brand_error("the logo has no 'path'", node, "give the logo file's path, e.g. 'path: images/logo.svg'")
    alt = spec.get("alt")
    return local_file(root, spec["path"], "the logo", LOGO_SUFFIXES), str(alt.value or "").strip() if alt else ""


def _logo(root: Path, node: Node | None) -> Logo | None:
    if node is None or node.value is None:
        return None
    spec = node.value if isinstance(node.value, dict) else {}
    images = mapping(spec.get("images"), "logo: images") if spec else {}
    chosen = next((spec[size] for size in ("small", "medium", "large") if size in spec), None)
    if chosen is None:
        chosen = node if not spec or "path" in spec else next(iter(images.values()), None)
    if chosen is None:
        return None
    sides = chosen.value if isinstance(chosen.value, dict) and set(chosen.value) & set(MODES) else {"light": chosen}
    light = _logo_resource(root, sides.get("light") or sides["dark"], images)
    dark = _logo_resource(root, sides["dark"], images) if "dark" in sides and "light" in sides else None
    return Logo(light[0], dark[0] if dark else None, light[1] or (dark[1] if dark else ""), chosen.place)


def _brand_node(config: Path) -> Node | None:
    root = compose(config)
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "brand":
            return tree(value, config)
    return None


def read_brand(root: Path, config: Path) -> Brand | None:
    """The brand set in report.yaml (`config`, or a lone Markdown file's front matter), with its
    file when it names one; None without `brand:`."""
    node = _brand_node(config)
    if node is None or node.value is None:
        return None
    if isinstance(node.value, str):
        node = Node({"file": node}, node.place)
    spec = mapping(node, "brand")
    if "file" in spec:
        brand_file = root / local_file(root, spec["file"], "the brand file", (".yml", ".yaml"))
        composed = compose(brand_file)
        from_file = tree(composed, brand_file) if composed is not None else Node({}, spec["file"].place)
        mapping(from_file, brand_file.name)  # refuses a brand file that is not 'key: value' lines
        node = merge(from_file, Node({k: v for k, v in spec.items() if k != "file"}, node.place))
        spec = node.value
    color = mapping(spec.get("color"), "color")
    typography = mapping(spec.get("typography"), "typography")
    warnings = _unknown_keys("", spec) + _unknown_keys("color", color) + _unknown_keys("typography", typography)

    colours = _Colours(color)
    link, headings = (_fields(typography.get(key)) for key in ("link", "headings"))
    roles = {"text": (color.get("foreground"), "color.foreground"),
             "background": (color.get("background"), "color.background"),
             "link": ((link["color"], "typography.link.color") if "color" in link
                      else (color.get("primary"), "color.primary")),
             "heading": (headings.get("color"), "typography.headings.color")}
    by_mode = {mode: {role: found for role, (value, key) in roles.items()
                      if (found := colours.get(value, key, mode)) is not None} for mode in MODES}
    fonts = _fonts(root, typography)
    brand = Brand(by_mode, _role_font(typography.get("base"), fonts, "base"),
                  _role_font(typography.get("headings"), fonts, "headings"), _logo(root, spec.get("logo")),
                  warnings=tuple(warnings))
    return Brand(brand.colours, brand.base, brand.headings, brand.logo, _fingerprint(root, brand), brand.warnings)


def _fingerprint(root: Path, brand: Brand) -> str:
    digest = hashlib.sha256(json.dumps(asdict(brand), sort_keys=True, default=str).encode())
    files = [f.path for font in brand.fonts() for f in font.files]
    if brand.logo is not None:
        files += [path for path in (brand.logo.light, brand.logo.dark) if path]
    for path in files:
        digest.update((root / path).read_bytes())
    return digest.hexdigest()
