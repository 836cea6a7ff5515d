"""Small documents for filter tests: Markdown read as the pipeline reads a
chapter, and pandoc's HTML5 writer to see what a filter's tree becomes."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import lxml.html

from pipeline.pandoc import pandoc_path
from pipeline.parse import meta_value, read_markdown


def ast(markdown: str, glossary: dict[str, str] | None = None) -> dict:
    """The JSON AST of markdown, with an optional glossary as the build would attach it."""
    doc = read_markdown(markdown, Path.cwd())
    doc.pop("raw_html")
    if glossary:
        doc["meta"]["glossary"] = meta_value(glossary)
    return doc


def to_html(doc: dict):
    """The body pandoc's HTML5 writer makes of doc, parsed with lxml (a <div> around it)."""
    out = subprocess.run([pandoc_path(), "-f", "json", "-t", "html5"], input=json.dumps(doc).encode(),
                         capture_output=True, check=True)
    return lxml.html.fragment_fromstring(out.stdout.decode(), create_parent="div")
