"""The web pages of a build that the HTML tests judge, and the source facts
they are compared with (read straight from source/ by pandoc, not through
the pipeline)."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import yaml
from pandocfilters import walk

from filters import attr_get, stringify
from tests.conftest import SAMPLE, pandoc_json

REPORT = yaml.safe_load((SAMPLE / "report.yaml").read_text(encoding="utf-8"))
GLOSSARY = yaml.safe_load((SAMPLE / REPORT["glossary"]).read_text(encoding="utf-8"))
CHAPTERS = [pandoc_json(SAMPLE / name) for name in REPORT["chapters"]]


def web_pages(out: Path) -> list[str]:
    """Every page the issue names: the single page, the easy-read page, the landing page, all of site/."""
    site = sorted(path.relative_to(out).as_posix() for path in (out / "site").glob("*.html"))
    return ["report.html", "summary.html", "index.html", *site]


def parse(path: Path):
    return lxml.html.parse(str(path)).getroot()


def words(text: str | None) -> str:
    return " ".join((text or "").split())


def source_nodes(kind: str) -> list[tuple[int, list]]:
    """(chapter index, content) of every node of this kind in the source, in reading order."""
    found = []
    for index, doc in enumerate(CHAPTERS):
        walk(doc["blocks"], lambda k, v, f, m, i=index: found.append((i, v)) if k == kind else None, "", {})
    return found


def chapter_ids() -> list[str]:
    return [doc["blocks"][0]["c"][1][0] for doc in CHAPTERS]


def chapter_outline(index: int) -> list[tuple[int, str]]:
    return [(v[0], stringify(v[2])) for i, v in source_nodes("Header") if i == index]


def longdescs() -> dict[str, str]:
    """Image src → the words of its long description, for images with longdesc="#id"."""
    divs = {v[0][0]: words(stringify(v[1])) for _, v in source_nodes("Div") if "longdesc" in v[0][1]}
    return {v[2][0]: divs[attr_get(v[0], "longdesc").lstrip("#")]
            for _, v in source_nodes("Image") if attr_get(v[0], "longdesc")}


def accessible_name(page, element) -> str:
    """aria-labelledby's text, else aria-label (enough for the regions and navs of these pages)."""
    if element.get("aria-labelledby"):
        return " ".join(words(page.get_element_by_id(ident).text_content())
                        for ident in element.get("aria-labelledby").split())
    return words(element.get("aria-label"))
