"""The landing page (index.html): every edition that exists in the output
folder, easy-read first, with its format, size and page count."""
from __future__ import annotations

import html
from pathlib import Path
from string import Template

import pikepdf

from pipeline import atomic
from pipeline.writers import TEMPLATES, BuildContext, Written
from pipeline.writers.brand_assets import BRAND_STYLESHEET, logo_html
from pipeline.writers.html import publish_stylesheet


def slug(text: str) -> str:
    return "-".join(text.lower().split())


def human_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _item(edition, path: Path) -> str:
    if path.name == "index.html":  # a folder of pages (site/): its pages, not just their contents page
        pages = sorted(path.parent.glob("*.html"))
        facts = [human_size(sum(page.stat().st_size for page in pages)), f"{len(pages)} pages"]
    else:
        facts = [human_size(path.stat().st_size)]
    if path.suffix == ".pdf":
        with pikepdf.open(path) as pdf:
            facts.append(f"{len(pdf.pages)} pages")
    e = html.escape
    return (f'<li><a href="{e(edition.output)}">{e(edition.label)}</a> '
            f'<span class="facts">({", ".join(facts)})</span><br>{e(edition.purpose)}</li>')


def write_index(ctx: BuildContext, editions) -> Written:
    meta = ctx.report.meta
    e = html.escape
    groups = [("Easy to read", [x for x in editions if x.content == "summary"]),
              ("The full report", [x for x in editions if x.content != "summary"])]
    sections = []
    for heading, members in groups:
        items = [_item(x, ctx.existing(x.output)) for x in members if ctx.existing(x.output).exists()]
        if items:
            sections.append(f'<section aria-labelledby="{slug(heading)}">\n<h2 id="{slug(heading)}">{e(heading)}</h2>\n'
                            '<ul class="editions">\n' + "\n".join(items) + "\n</ul>\n</section>")
    contact = meta.get("contact") or {}
    ways = []
    if contact.get("email"):
        ways.append(f'email <a href="mailto:{e(contact["email"])}">{e(contact["email"])}</a>')
    if contact.get("phone"):
        ways.append(f"phone {e(str(contact['phone']))}")
    page = Template((TEMPLATES / "index.html").read_text(encoding="utf-8")).substitute(
        lang=e(meta["lang"]),
        title=e(meta["title"]),
        organisation=e(meta.get("organisation", "")),
        rights=e(meta.get("rights", "")),
        contact=("Ask us: " + " or ".join(ways) + ".") if ways else "",
        sections="\n".join(sections),
        brand_stylesheet=f'<link rel="stylesheet" href="{BRAND_STYLESHEET}">' if ctx.report.brand else "",
        logo=logo_html(ctx.report.brand, ""),
    )
    target = ctx.out / "index.html"
    publish_stylesheet(ctx)  # this page links it, also when --only built no other web page
    atomic.write_bytes(target, page.encode("utf-8"))
    return Written(target)
