"""The brand in the EPUB: its fonts embedded as the book's default faces, and its
logo, small, on the title page with its alt text.

Not its colours: a reading app's themes (dark, sepia, high contrast) set text
and background together, and a forced brand colour would be checked against a
background the reader may not be using. The reader's own font choice still wins
over the brand's in every app.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.brand import Brand
from pipeline.epub_book import OPF, XHTML, Book, Page
from pipeline.writers.brand_assets import file_name, font_files

LOGO_FOLDER = "media"  # beside pandoc's own media/ of the book's pictures
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".webp": "image/webp", ".svg": "image/svg+xml"}


def epub_args(brand: Brand | None, root: Path, work: Path) -> list[str]:
    """pandoc options: each font file embedded, and a stylesheet naming the families (written in `work`)."""
    if brand is None or not brand.fonts():
        return []
    args, css = [], []
    for font in brand.fonts():
        for path, weight, style in font_files(font, root):
            copy = work / file_name(path)  # a name without glob characters: pandoc globs this option
            copy.write_bytes(path.read_bytes())
            args.append(f"--epub-embed-font={copy}")
            # pandoc puts embedded fonts in EPUB/fonts/ and stylesheets in EPUB/styles/.
            css.append(f'@font-face {{ font-family: "{font.family}"; src: url("../fonts/{copy.name}"); '
                       f"font-weight: {weight}; font-style: {style}; }}")
    if brand.base is not None:
        css.append(f'body {{ font-family: "{brand.base.family}", sans-serif; }}')
    if brand.headings is not None:
        css.append(f'h1, h2, h3, h4, h5, h6 {{ font-family: "{brand.headings.family}", sans-serif; }}')
    sheet = work / "brand.css"
    sheet.write_text("\n".join(css) + "\n", encoding="utf-8")
    return [*args, f"--css={sheet}"]


def logo_on_title_page(book: Book, page: Page, brand: Brand | None, root: Path) -> bool:
    """Put the brand's logo (its light version: reading apps show pictures as they are) at the top of
    the title page, and into the book's manifest. True when it did."""
    if brand is None or brand.logo is None:
        return False
    logo = brand.logo
    package_dir = Path(book.package_path).parent
    name = f"{LOGO_FOLDER}/brand-logo{Path(logo.light).suffix.lower()}"
    book.files[(package_dir / name).as_posix()] = (root / logo.light).read_bytes()
    manifest = book.package.getroot().find(f"{{{OPF}}}manifest")
    etree.SubElement(manifest, f"{{{OPF}}}item", {"id": "brand-logo", "href": name,
                                                  "media-type": MEDIA_TYPES[Path(logo.light).suffix.lower()]})
    from_page = Path(page.href).parent
    src = Path(*([".."] * len(from_page.relative_to(package_dir).parts)), name).as_posix()
    paragraph = etree.Element(f"{{{XHTML}}}p", {"class": "logo"})
    etree.SubElement(paragraph, f"{{{XHTML}}}img", {"src": src, "alt": logo.alt, "class": "logo"})
    container = next((e for e in page.body.iter(f"{{{XHTML}}}section", f"{{{XHTML}}}header")), page.body)
    container.insert(0, paragraph)
    page.changed = True
    return True
