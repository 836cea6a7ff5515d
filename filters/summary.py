"""Turn the report into its plain-language summary: each chapter's title
followed by the chapter's `::: summary` blocks, and nothing else of the body.

Used for summary.html, summary.pdf and summary.txt (and as a pandoc filter:
`pandoc report.md --filter filters/summary.py -o summary.html`).
"""
from __future__ import annotations

from filters import meta_text, run_as_pandoc_filter

SUMMARY_CLASS = "summary"


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


def apply(doc: dict, fmt: str = "") -> dict:
    blocks = []
    for heading, body in chapters(doc["blocks"]):
        summary = _summaries(body)
        if not summary:
            continue
        level, (ident, _classes, _kv), inlines = heading["c"]
        blocks.append({"t": "Header", "c": [1, [f"summary-{ident}" if ident else "", [], []], inlines]})
        blocks.extend(summary)
    meta = dict(doc.get("meta", {}))
    options = meta.get("summary", {})
    title = meta_text(options["c"].get("title")) if options.get("t") == "MetaMap" else ""
    if not title:
        report_title = meta_text(meta.get("title"))
        title = f"{report_title}: the report in brief" if report_title else "The report in brief"
    meta["title"] = {"t": "MetaString", "c": title}
    meta.pop("glossary", None)
    return {"pandoc-api-version": doc["pandoc-api-version"], "meta": meta, "blocks": blocks}


if __name__ == "__main__":
    run_as_pandoc_filter(apply)
