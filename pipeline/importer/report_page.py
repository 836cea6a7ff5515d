"""import-report.html: every repair the importer made, where it was in the original
and where it is now, what a person still has to do, and what `check` found.
Written for the person who imported the file, and accessible itself: one h1,
a section per kind of repair, tables with column headers."""
from __future__ import annotations

from html import escape

from pipeline.diagnostics import Diagnostic
from pipeline.importer.repairs import KINDS, Repair

STYLE = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5}"
         "table{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:.3rem .5rem;"
         "text-align:left;vertical-align:top}code{overflow-wrap:anywhere}.todo{font-weight:bold}")


def text_lines(repairs: list[Repair]) -> list[str]:
    """The report as lines for the terminal, to-dos first."""
    ordered = sorted(repairs, key=lambda r: (not r.to_do, list(KINDS).index(r.kind)))
    return [r.line() for r in ordered]


def render(source_name: str, kind: str, repairs: list[Repair], findings: list[Diagnostic], notes: list[str],
           was_all) -> str:
    to_do = sum(r.to_do for r in repairs)
    parts = [(f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              f"<title>Import report: {escape(source_name)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
              f"<main>\n<h1>Import report: {escape(source_name)}</h1>\n"
              f"<p>Imported from a {escape(kind)} file. {len(repairs)} repairs; <strong>{to_do} need a person"
              "</strong> (marked “To do”). Places in the original are given as the importer could tell them; places "
              "now are chapter files and lines of this folder.</p>\n")]
    if notes:
        parts.append("<ul>\n" + "".join(f"<li>{escape(n)}</li>\n" for n in notes) + "</ul>\n")
    for key, heading in KINDS.items():
        group = [r for r in repairs if r.kind == key]
        if not group:
            continue
        slug = f"kind-{key}"
        parts.append(f"<section aria-labelledby=\"{slug}\">\n<h2 id=\"{slug}\">{escape(heading)} ({len(group)})</h2>\n"
                     "<table>\n<thead><tr><th scope=\"col\">What</th><th scope=\"col\">Where it was</th>"
                     "<th scope=\"col\">Where it is now</th></tr></thead>\n<tbody>\n")
        for repair in group:
            todo = "<span class=\"todo\">To do:</span> " if repair.to_do else ""
            was = escape(was_all(repair))
            parts.append(f"<tr><td>{todo}{escape(repair.message)}</td><td>{was}</td>"
                         f"<td><code>{escape(repair.now or '—')}</code></td></tr>\n")
        parts.append("</tbody>\n</table>\n</section>\n")
    parts.append("<section aria-labelledby=\"check\">\n<h2 id=\"check\">What <code>check</code> found</h2>\n")
    if findings:
        parts.append("<ul>\n" + "".join(f"<li><code>{escape(str(f))}</code></li>\n" for f in findings) + "</ul>\n")
    else:
        parts.append("<p>Nothing: the folder is ready to build.</p>\n")
    parts.append("</section>\n</main>\n</body>\n</html>\n")
    return "".join(parts)
