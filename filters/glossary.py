"""Add the glossary (from glossary.yaml, via the `glossary` metadata) as the
report's last chapter, one definition per term, each with a stable id
(`#term-match-funding`) that other parts of the report can link to.
"""
from __future__ import annotations

import re

from filters import meta_text, part_of, run_as_pandoc_filter, text_inlines

GLOSSARY_ID = "glossary"


def term_id(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def definition_in_brackets(definition: str) -> str:
    """A glossary definition, written as a sentence, to continue another in brackets: no final full
    stop, and the first word without its capital unless the capital is the word's own ("I", or
    another capital inside: NHS, McAdam). "A volunteer who…." becomes "a volunteer who…"."""
    definition = definition.strip().rstrip(".")
    first = definition.split(" ", 1)[0]
    letters = [c for c in first if c.isalpha()]
    if re.match(r"I\b", first) or not letters or not all(c.islower() for c in letters[1:]):
        return definition
    return definition[:1].lower() + definition[1:]


def glossary_terms(doc: dict) -> dict[str, str]:
    glossary = doc.get("meta", {}).get("glossary")
    if not glossary or glossary["t"] != "MetaMap":
        return {}
    return {term: meta_text(value) for term, value in glossary["c"].items()}


def apply(doc: dict, fmt: str = "") -> dict:
    terms = glossary_terms(doc)
    part = part_of(doc)
    if not terms or (part is not None and not part["last"]):  # it follows the last chapter
        return doc
    items = []
    for term in sorted(terms, key=str.casefold):
        anchor = {"t": "Span", "c": [[term_id(term), ["glossary-term"], []], text_inlines(term)]}
        items.append([[anchor], [[{"t": "Para", "c": text_inlines(terms[term])}]]])
    doc["blocks"] += [
        {"t": "Header", "c": [1, [GLOSSARY_ID, ["glossary"], []], text_inlines("Glossary")]},
        {"t": "Para", "c": text_inlines("Words used in this report, in plain language.")},
        {"t": "DefinitionList", "c": items},
    ]
    return doc


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
