"""A saved web page of a tenants' association, for the importer's tests: a site header with
navigation, an aside, a footer and a script around a <main> article, local pictures with and
without alt text, one on the web, a bold line that may be a heading, a skipped heading level."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<title>Annual review 2025 | Millbrook Tenants' Association</title>
<meta name="description" content="What Millbrook tenants did together in 2025.">
<link rel="stylesheet" href="{server}/site.css">
</head>
<body>
<header class="site-header"><a href="/">Millbrook Tenants</a>
<nav aria-label="Main"><ul><li><a href="/news">News</a></li><li><a href="/join">Join us</a></li></ul></nav>
</header>
<main>
<article>
<h1>Annual review 2025</h1>
<p>Thank you to every tenant who came to a meeting this year.</p>
<h3>Repairs we won</h3>
<p>The council fixed the lifts in both blocks.</p>
<img src="photos/lift.png" alt="Two tenants pressing the button of the new lift">
<p><strong>Still waiting</strong></p>
<p>The damp in the lower flats is not fixed yet.</p>
<img src="photos/divider.png" alt="">
<img src="photos/meeting.png">
<p>Our banner: <img src="{server}/banner.png" alt="Millbrook Tenants banner"></p>
<h2>Money</h2>
<table><tr><th>Item</th><th>Cost (£)</th></tr><tr><td>Room hire</td><td>240</td></tr></table>
<table><tr><td>Membership is free for every tenant.</td></tr></table>
<p>1. Pay for room hire</p>
<p>2. Print newsletters</p>
</article>
</main>
<aside><h2>Follow us</h2></aside>
<footer><p>© 2025 Millbrook Tenants' Association</p><a href="/privacy">Privacy</a></footer>
<script src="{server}/tracking.js"></script>
</body>
</html>
"""


def write_web_page(folder: Path, server: str) -> Path:
    """The page saved into folder with its pictures in photos/; server is where the web's pictures are."""
    (folder / "photos").mkdir()
    for name, colour in (("lift", "teal"), ("divider", "white"), ("meeting", "orange")):
        Image.new("RGB", (200, 120), colour).save(folder / "photos" / f"{name}.png")
    page = folder / "review.html"
    page.write_text(PAGE.format(server=server), encoding="utf-8")
    return page
