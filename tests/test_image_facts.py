"""A picture's natural size comes from its own file, as a browser would read it, and a photo
too big for a screen gets a smaller, reproducible copy for the web editions."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from pipeline.image_facts import WEB_MAX_WIDTH, natural_size, web_copy


def png(size, dpi=None, mode="RGB", exif_orientation=None) -> bytes:
    image = Image.new(mode, size)
    out = io.BytesIO()
    options = {"dpi": dpi} if dpi else {}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        image.save(out, "JPEG", exif=exif.tobytes(), **options)
    else:
        image.save(out, "PNG", **options)
    return out.getvalue()


@pytest.mark.parametrize("data, expected", [
    (png((240, 80), dpi=(96, 96)), (240, 80)),
    (png((300, 300), dpi=(150, 150)), (192, 192)),  # two inches
    (png((640, 400)), (640, 400)),  # no DPI: the web's 96
    (png((640, 400), dpi=(1, 1)), (640, 400)),  # a nonsense DPI some tools write: also 96
    (png((4000, 3000), dpi=(72, 72)), (5332.67, 3999.5)),  # 72 DPI as 2834 pixels a metre
    (png((400, 300), dpi=(96, 96), exif_orientation=6), (300, 400)),  # a phone photo stored sideways
])
def test_raster_natural_size_in_css_pixels(data, expected):
    # PNG keeps its DPI as pixels per metre, so 96 DPI comes back as 95.99
    assert natural_size("PNG", data) == pytest.approx(expected, abs=0.2)


@pytest.mark.parametrize("svg, expected", [
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 450"></svg>', (800, 450)),
    (b'<svg xmlns="http://www.w3.org/2000/svg" width="40mm" height="20mm"></svg>', (151.18, 75.59)),
    (b'<svg width="300" viewBox="0 0 600 200" xmlns="http://www.w3.org/2000/svg"/>', (300, 100)),
    (b'<?xml version="1.0"?>\n<svg width="100%" viewBox="0,0,90,30"></svg>', (90, 30)),
    (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', (None, None)),  # nothing says: no size
])
def test_svg_natural_size_from_width_height_or_viewbox(svg, expected):
    width, height = natural_size("SVG", svg)
    assert (width, height) == (pytest.approx(expected[0], abs=0.01) if expected[0] else None,
                               pytest.approx(expected[1], abs=0.01) if expected[1] else None)


def test_a_photo_wider_than_the_web_needs_gets_a_smaller_copy_the_same_every_time():
    photo = Image.effect_noise((3200, 1800), 60).convert("RGB")
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=95)
    original = out.getvalue()
    copy = web_copy(original)
    assert copy is not None and len(copy) < len(original) / 2
    assert copy == web_copy(original)  # reproducible: same bytes from the same photo
    with Image.open(io.BytesIO(copy)) as smaller:
        assert (smaller.format, smaller.size) == ("JPEG", (WEB_MAX_WIDTH, 900))


def test_a_wide_screenshot_gets_a_smaller_png_and_a_small_picture_is_left_alone():
    screenshot = Image.new("RGB", (2400, 1500), "white")
    screenshot.paste(Image.effect_noise((2400, 300), 30).convert("RGB"), (0, 0))
    out = io.BytesIO()
    screenshot.save(out, "PNG")
    copy = web_copy(out.getvalue())
    with Image.open(io.BytesIO(copy)) as smaller:
        assert (smaller.format, smaller.size) == ("PNG", (WEB_MAX_WIDTH, 1000))
    assert web_copy(png((800, 600))) is None
