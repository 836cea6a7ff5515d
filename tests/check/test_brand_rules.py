"""The organisation's brand is read once with the report, and checked before
anything is built: every colour pair a reader sees must reach WCAG AA contrast
in light and in dark mode, the logo needs alt text, and nothing is fetched.

A failing colour is refused at the line where its value is written (in
report.yaml or in the brand.yml file it names), says what fails and by how
much, and proposes a colour of the same hue that passes: these tests measure
the proposal again, with the WCAG 2.x formula, rather than trusting it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline.brand import read_brand
from pipeline.check import check_report
from pipeline.contrast import nearest_passing, parse, ratio
from pipeline.diagnostics import ReportError
from pipeline.palette import DEFAULTS, pairs, palette
from pipeline.source import load_report
from tests.conftest import ROOT, TINY, run_pipeline

BRANDED = ROOT / "tests" / "fixtures" / "branded"
PROPOSAL = re.compile(r"use (#[0-9a-f]{6}) for (\S+) \(the same hue, (darker|lighter): ([\d.]+):1\)")


def branded_copy(tmp_path: Path) -> Path:
    root = tmp_path / "branded"
    shutil.copytree(BRANDED, root)
    return root


def tiny_with(tmp_path: Path, brand_yaml: str) -> Path:
    """The tiny report with a `brand:` section written into report.yaml by hand."""
    root = tmp_path / "tiny"
    shutil.copytree(TINY, root)
    config = root / "report.yaml"
    config.write_text(config.read_text(encoding="utf-8") + brand_yaml, encoding="utf-8")
    return root


def findings(root: Path, rule: str) -> list:
    return [f for f in check_report(load_report(root)) if f.rule == rule]


def hue(colour: str) -> float:
    return parse(colour).convert("oklch")["hue"]


# ------------------------------------------------------------------ the contrast formula and the proposal


def test_ratios_are_wcag_2_formula_values():
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes on white
    assert ratio("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("colour, background, minimum", [
    ("#6ea8fe", "#ffffff", 4.5),   # a pale blue link on white: darker
    ("#0b4f9c", "#161616", 4.5),   # a dark blue link on a dark page: lighter
    ("#ff8800", "#fffbea", 4.5),   # orange on cream
    ("#ffb45c", "#ffffff", 3.0),   # a focus ring
])
def test_the_proposed_colour_passes_and_keeps_the_hue(colour, background, minimum):
    proposed = nearest_passing(colour, background, minimum)
    assert ratio(proposed, background) >= minimum
    assert abs(hue(proposed) - hue(colour)) < 6, f"{colour} -> {proposed} changed hue"


def test_the_default_palette_is_report_css_and_passes_everywhere():
    css = (ROOT / "pipeline" / "templates" / "report.css").read_text(encoding="utf-8")
    light = dict(re.findall(r"--([\w-]+): (#[0-9a-f]{6})", css[css.index(":root {"):css.index("@media (prefers")]))
    dark_block = css[css.index("@media (prefers-color-scheme: dark)"):]
    dark = dict(re.findall(r"--([\w-]+): (#[0-9a-f]{6})", dark_block[:dark_block.index("}\n}")]))
    assert light == DEFAULTS["light"] and dark == DEFAULTS["dark"]
    assert all(pair.ratio >= pair.minimum for pair in pairs(None))


# ------------------------------------------------------------------ a brand that passes


def test_the_branded_fixture_is_read_with_its_light_and_dark_colours_and_passes():
    brand = read_brand(BRANDED, BRANDED / "report.yaml")
    assert brand.colours["light"]["link"].value == "#1d5c4a"  # typography.link.color: primary -> forest
    assert brand.colours["dark"]["link"].value == "#7fd4b5"  # primary's dark side -> leaf
    assert "heading" not in brand.colours["dark"]  # forest is light-only: carried into dark mode, passing
    dark = palette(brand, "dark")
    assert ratio(dark["heading"], dark["background"]) >= 4.5 and abs(hue(dark["heading"]) - hue("#1d5c4a")) < 6
    assert brand.logo.light == "images/logo.svg" and brand.logo.dark == "images/logo-dark.svg"
    assert brand.logo.alt == "Northgate Food Share logo"
    assert brand.headings.family == "Noto Sans"
    assert findings(BRANDED, "brand-contrast") == [] and findings(BRANDED, "logo-alt-missing") == []


# ------------------------------------------------------------------ colours that fail


def test_a_pale_link_colour_in_the_brand_file_is_refused_at_its_palette_line(tmp_path):
    root = branded_copy(tmp_path)
    brand_file = root / "_brand.yml"
    # The comms team lightened their green for a poster; the same palette would make links unreadable.
    brand_file.write_text(brand_file.read_text(encoding="utf-8").replace('forest: "#1d5c4a"', 'forest: "#5fa88f"'),
                          encoding="utf-8")
    result = run_pipeline("check", str(root))
    assert result.returncode == 1
    line = next(n for n, text in enumerate(brand_file.read_text(encoding="utf-8").splitlines(), 1)
                if "forest:" in text)
    message = next(m for m in result.stdout.splitlines() if "brand-contrast" in m)
    assert (f"_brand.yml:{line}:13: error brand-contrast: "
            "typography.link.color (primary → forest → #5fa88f)") in message
    assert "the link colour #5fa88f on the background #f6fbf8 is 2.68:1 in light mode" in message
    assert "text needs 4.5:1" in message
    proposed, where, direction, said = PROPOSAL.search(message).groups()
    assert where == "color.palette.forest" and direction == "darker"
    assert ratio(proposed, "#f6fbf8") >= 4.5 and float(said) >= 4.5
    assert "Traceback" not in result.stderr


def test_a_dark_mode_background_that_fails_is_refused_in_report_yaml(tmp_path):
    root = tiny_with(tmp_path, """brand:
  color:
    foreground: {light: "#202020", dark: "#f0f0f0"}
    background:
      light: white
      dark: "#8a8a8a"   # a mid grey someone picked from the website's footer
""")
    found = findings(root, "brand-contrast")
    assert found, "a light text on a mid-grey background must be refused"
    first = found[0]
    assert (Path(first.file).name, first.line, first.column) == ("report.yaml", 18, 13)
    assert "in dark mode" in first.message and "color.background.dark" in first.fix
    proposed = PROPOSAL.search(first.fix).group(1)
    assert ratio("#f0f0f0", proposed) >= 4.5  # the background the fix proposes carries the text


def test_a_colour_given_for_light_mode_only_never_fails_in_dark_mode(tmp_path):
    """Quarto's plain `primary: "#…"` is a light-mode colour: dark mode gets it with a lightness that passes."""
    root = tiny_with(tmp_path, 'brand:\n  color:\n    primary: "#0b3d91"\n')
    assert findings(root, "brand-contrast") == []
    brand = load_report(root).brand
    dark = palette(brand, "dark")
    assert ratio(dark["link"], dark["background"]) >= 4.5 and dark["link"] != "#0b3d91"


# ------------------------------------------------------------------ the logo


def test_a_logo_without_alt_text_is_refused_like_any_picture(tmp_path):
    root = tiny_with(tmp_path, "brand:\n  logo:\n    small: images/line.png\n")
    found = findings(root, "logo-alt-missing")
    assert [(Path(f.file).name, f.line, f.column) for f in found] == [("report.yaml", 15, 12)]
    assert found[0].message == 'the logo "images/line.png" has no alt text'
    assert "alt:" in found[0].fix


# ------------------------------------------------------------------ what the build cannot use


@pytest.mark.parametrize("brand, message, line", [
    ("brand:\n  color:\n    primary: #0b4f9c\n", "'color.primary' has no colour", 15),
    ("brand:\n  color:\n    primary: brand-blue\n", "'color.primary': 'brand-blue' is not a colour", 15),
    ("brand:\n  typography:\n    fonts:\n      - family: Jura\n        source: google\n",
     "the font 'Jura' would be fetched from Google Fonts", 17),
    ("brand:\n  typography:\n    base: Helvetica Neue\n", "uses the font 'Helvetica Neue', which has no files", 15),
    ("brand:\n  logo: https://example.org/logo.png\n", "is on the web", 14),
    ("brand: missing-brand.yml\n", "the brand file 'missing-brand.yml' does not exist", 13),
])
def test_a_brand_the_build_cannot_use_stops_with_its_line(tmp_path, brand, message, line):
    root = tiny_with(tmp_path, brand)
    with pytest.raises(ReportError) as caught:
        load_report(root)
    diagnostic = caught.value.diagnostic
    assert message in diagnostic.message and diagnostic.line == line and diagnostic.fix
    result = run_pipeline("build", "--source", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr


def test_a_font_file_must_be_the_family_it_is_listed_under(tmp_path):
    from pipeline.fonts import FONT_DIRS

    root = tiny_with(tmp_path, """brand:
  typography:
    fonts:
      - family: Northgate Sans
        source: file
        files: [fonts/northgate.ttf]
    base: Northgate Sans
""")
    (root / "fonts").mkdir()
    shutil.copy(FONT_DIRS[1] / "NotoSans[wght].ttf", root / "fonts" / "northgate.ttf")
    with pytest.raises(ReportError, match="is the family Noto Sans, not 'Northgate Sans'"):
        load_report(root)


def test_a_build_with_a_failing_colour_publishes_nothing(tmp_path):
    root = branded_copy(tmp_path)
    brand_file = root / "_brand.yml"
    brand_file.write_text(brand_file.read_text(encoding="utf-8").replace("dark: night", 'dark: "#5a6a64"'),
                          encoding="utf-8")
    out = tmp_path / "out"
    result = run_pipeline("build", "--source", str(root), "--out", str(out))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "error brand-contrast: color.background: the link colour #7fd4b5 on the background #5a6a64 is 3.25:1 " \
           "in dark mode" in result.stderr
    assert "nothing was built" in result.stdout + result.stderr
    assert not (out / "report.html").exists()
