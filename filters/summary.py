"""Turn the report into its plain-language summary: an optional "At a glance"
list from report.yaml, then each chapter's title followed by the chapter's
`::: summary` blocks, and nothing else of the body.

* A glossary term the summary links to (`[trustees](#term-trustee)`) gets its
  plain definition inlined in brackets on first use, because the summary
  editions (and the audio) have no glossary to jump to.
* With `summary: {draft: true}` in report.yaml, a chapter without a summary
  gets a DRAFT made from the first sentence of each of its sections, not
  rewritten and clearly marked as needing a person (`draft_chapters` finds
  them, and the build refuses to ship them unless told `--allow-drafts`).

Used for summary.html, summary.pdf, summary.txt and the audio (and as a pandoc
filter: `pandoc report.md --filter filters/summary.py -o summary.html`).
The sentence splitter here is also the one the readability rules count with.
"""
from __future__ import annotations

import copy
import re

from filters import meta_text, run_as_pandoc_filter, stringify, text_inlines
from filters.glossary import GLOSSARY_ID, definition_in_brackets, term_id

SUMMARY_CLASS = "summary"
DRAFT_CLASS = "summary-draft"
DRAFT_MARK = "DRAFT – needs a person to rewrite"
AT_A_GLANCE = "At a glance"

# --- sentences ---------------------------------------------------------------------------------

# Titles that end with a full stop but never end a sentence ("Dr. Rahman").
TITLES = {"mr", "mrs", "ms", "mx", "dr", "st", "prof", "cllr", "rev", "revd", "sr", "jr"}
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
WORD = re.compile(r"\S*[^\W_]\S*")  # a run of non-space characters with a letter or digit in it


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text: ends at . ! ? followed by a space or the end,
    but not after a title ("Mr.") or an initial ("J."), nor before a lower-case word ("e.g. the")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        words = text[start:match.start()].split()
        last = words[-1] if words else ""
        following = text[match.end():].lstrip()[:1]
        if match.group() == "." and (last.lower() in TITLES or re.fullmatch(r"[A-Z]", last)):
            continue
        if following.islower():
            continue
        if text[start:match.end()].strip():
            spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    # no leading spaces inside a sentence
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans]


def sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in sentence_spans(text)]


def words(text: str) -> list[str]:
    """Words as a reader counts them: '£48,000' and 'co-chairs' are one word each; '–' is none."""
    return WORD.findall(text)


# --- the summary tree --------------------------------------------------------------------------

def _summaries(blocks) -> list:
    found = []
    for block in blocks:
        if block["t"] == "Div":
            if SUMMARY_CLASS in block["c"][0][1]:
                found.extend(block["c"][1])
            else:
                found.extend(_summaries(block["c"][1]))
    return found


def chapters(blocks) -> list[tuple[dict, list]]:
    """(level-1 heading, the blocks up to the next one) for each chapter."""
    out: list[tuple[dict, list]] = []
    for block in blocks:
        if block["t"] == "Header" and block["c"][0] == 1:
            out.append((block, []))
        elif out:
            out[-1][1].append(block)
    return out


def _first_sentence(blocks) -> str:
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            found = sentences(stringify(block))
            if found:
                return found[0]
        elif block["t"] == "Header":
            return ""  # the section has no paragraph before its first subsection
    return ""


def draft(body: list) -> list:
    """A marked draft: the first sentence of the chapter's opening and of each ## section."""
    sections: list[list] = [[]]
    for block in body:
        if block["t"] == "Header" and block["c"][0] == 2:
            sections.append([])
        else:
            sections[-1].append(block)
    picked = [s for s in (_first_sentence(section) for section in sections) if s]
    content = [{"t": "Para", "c": [{"t": "Strong", "c": text_inlines(DRAFT_MARK + ".")}]}]
    content += [{"t": "Para", "c": text_inlines(sentence)} for sentence in picked]
    return [{"t": "Div", "c": [["", [DRAFT_CLASS], []], content]}]


def draft_chapters(summary_doc: dict) -> list[str]:
    """Titles of the chapters whose summary in the summary tree is a generated draft."""
    found, title = [], ""
    for block in summary_doc["blocks"]:
        if block["t"] == "Header" and block["c"][0] == 1:
            title = stringify(block["c"][2])
        elif block["t"] == "Div" and DRAFT_CLASS in block["c"][0][1]:
            found.append(title)
    return found


def _inline_definitions(blocks: list, glossary: dict[str, str], used: set[str]) -> list:
    """Links to a glossary entry (#term-…) become their text plus the definition in brackets
    on first use in this chapter's summary, and plain text after that."""
    by_id = {term_id(term): definition for term, definition in glossary.items()}

    def inlines(items: list) -> list:
        out = []
        for item in items:
            if item.get("t") == "Link" and item["c"][2][0].startswith("#term-") and item["c"][2][0][1:] in by_id:
                ident = item["c"][2][0][1:]
                out.extend(inlines(item["c"][1]))
                if ident not in used:
                    used.add(ident)
                    out += [{"t": "Space"}, *text_inlines(f"({definition_in_brackets(by_id[ident])})")]
            else:
                out.append(walk_children(item))
        return out

    def walk_children(node):
        if not isinstance(node, dict) or "c" not in node:
            return node
        node = dict(node)
        t, c = node["t"], node["c"]
        if t in ("Para", "Plain", "Emph", "Strong", "Underline", "SmallCaps", "Strikeout",
                 "Superscript", "Subscript"):
            node["c"] = inlines(c)
        elif t in ("Span", "Quoted"):
            node["c"] = [c[0], inlines(c[1])]
        elif t == "Link":
            node["c"] = [c[0], inlines(c[1]), c[2]]
        elif t in ("Div",):
            node["c"] = [c[0], blocks_of(c[1])]
        elif t in ("BlockQuote",):
            node["c"] = blocks_of(c)
        elif t in ("BulletList",):
            node["c"] = [blocks_of(item) for item in c]
        elif t == "OrderedList":
            node["c"] = [c[0], [blocks_of(item) for item in c[1]]]
        return node

    def blocks_of(items: list) -> list:
        return [walk_children(b) for b in items]

    return blocks_of(blocks)


def summary_options(meta: dict) -> dict:
    options = meta.get("summary") or {}
    return options["c"] if options.get("t") == "MetaMap" else {}


def _meta_bool(value) -> bool:
    if not value:
        return False
    if value["t"] == "MetaBool":
        return bool(value["c"])
    return meta_text(value).strip().lower() in ("true", "yes", "on", "1")


def _at_a_glance(options: dict) -> list:
    value = options.get("at_a_glance")
    if not value or value["t"] != "MetaList" or not value["c"]:
        return []
    items = [[{"t": "Plain", "c": text_inlines(meta_text(item))}] for item in value["c"] if meta_text(item)]
    return [{"t": "Header", "c": [1, ["summary-at-a-glance", [], []], text_inlines(AT_A_GLANCE)]},
            {"t": "BulletList", "c": items}]


def apply(doc: dict, fmt: str = "") -> dict:
    meta = dict(doc.get("meta", {}))
    options = summary_options(meta)
    make_drafts = _meta_bool(options.get("draft"))
    glossary_meta = meta.get("glossary")
    glossary = ({term: meta_text(value) for term, value in glossary_meta["c"].items()}
                if glossary_meta and glossary_meta["t"] == "MetaMap" else {})

    blocks = _at_a_glance(options)
    for heading, body in chapters(doc["blocks"]):
        summary = _summaries(body)
        if not summary:
            if not make_drafts or GLOSSARY_ID in (heading["c"][1][0], *heading["c"][1][1]):
                continue
            summary = draft(body)
        else:
            summary = _inline_definitions(copy.deepcopy(summary), glossary, set())
        level, (ident, _classes, _kv), inlines = heading["c"]
        blocks.append({"t": "Header", "c": [1, [f"summary-{ident}" if ident else "", [], []], inlines]})
        blocks.extend(summary)
    title = meta_text(options.get("title"))
    if not title:
        report_title = meta_text(meta.get("title"))
        title = f"{report_title}: the report in brief" if report_title else "The report in brief"
    meta["title"] = {"t": "MetaString", "c": title}
    meta.pop("glossary", None)
    return {"pandoc-api-version": doc["pandoc-api-version"], "meta": meta, "blocks": blocks}


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
