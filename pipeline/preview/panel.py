"""What the preview adds to a served page, and only to a served page: the findings panel, the note on
the landing page about PDF and EPUB, and the script that reloads the page after a save. The files in
the preview folder (like the published ones) have no script.

The panel is a complementary landmark with a heading, at the top of the page right after its "Skip
to main content" link (which skips the panel too), in the flow of the page: a fixed overlay would hide
whatever has the focus beneath it (WCAG 2.4.11). Its findings are in a <details> element (a
keyboard-reachable toggle whose state survives the reloads), and its status line is a polite live
region, so a screen reader hears "Rebuilt… 2 findings" without losing its place.
"""
from __future__ import annotations

from html import escape

from pipeline.cache import NO_CACHE, Cache
from pipeline.preview.places import anchor

STYLE = """<style>
.preview-panel{box-sizing:border-box;max-width:60rem;margin:.5rem auto;padding:.5rem 1rem;
 background:#fff;color:#1a1a1a;border:2px solid #1a1a1a;border-radius:.5rem;font:1rem/1.4 system-ui,sans-serif}
.preview-panel h2{font-size:1.1rem;margin:0 0 .25rem}
.preview-panel p{margin:.25rem 0}
.preview-panel a{color:#0b4f9c}
.preview-panel summary{cursor:pointer;font-weight:bold;padding:.25rem 0}
.preview-panel ul{margin:.25rem 0;padding-left:1.25rem;max-height:40vh;overflow:auto}
.preview-panel li{margin:.25rem 0}
.preview-panel .preview-error{color:#8b0000}
.preview-panel :focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
.preview-note{border:2px solid #1a1a1a;background:#fff;color:#1a1a1a;padding:.5rem 1rem}
</style>
"""

SCRIPT = """<script>
(() => {
  const page = %(page)d;
  let panel = %(panel)d;
  const details = document.getElementById("preview-details");
  const saved = sessionStorage.getItem("preview-panel-open");
  if (saved !== null) details.open = saved === "1";
  details.addEventListener("toggle", () => sessionStorage.setItem("preview-panel-open", details.open ? "1" : "0"));
  const show = (id, text, asHtml) => {
    const element = document.getElementById(id);
    if (element) asHtml ? element.innerHTML = text : element.textContent = text;
  };
  async function poll() {
    try {
      const state = await (await fetch("/__preview/version", {cache: "no-store"})).json();
      if (state.page !== page) { location.reload(); return; }
      if (state.panel !== panel) {
        panel = state.panel;
        show("preview-findings", state.findings_html, true);
        show("preview-count", state.count);
        show("preview-status", state.status);
        show("preview-background", state.background);
      }
    } catch (stopped) { /* the preview server is not running: keep the page, try again */ }
    setTimeout(poll, 100);  // a poll every 0.1 s adds 0.05 s on average to a rebuild of well under a second
  }
  setTimeout(poll, 100);
})();
</script>
"""


# Served in place of any page until the first good build: the panel says what stops it.
NO_PAGE_YET = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: no page yet</title></head>
<body><a class="skip-link" href="#main">Skip to main content</a>
<main id="main"><h1>No page yet</h1>
<p>The report has not been built yet. The panel above says why; fix that, save, and this page reloads itself.</p>
</main></body></html>
"""


def findings_html(findings, page_html: str, store: Cache = NO_CACHE) -> str:
    if not findings:
        return "<li>No findings: the validator has nothing to say about the source.</li>"
    items = []
    for finding in findings:
        where = escape(finding.location() or "the report")
        href = anchor(finding.file, finding.line, page_html, store)
        place = f'<a href="{escape(href)}"><code>{where}</code></a>' if href else f"<code>{where}</code>"
        kind = escape(f"{finding.severity} {finding.rule}".strip())
        fix = f" — <span>fix: {escape(finding.fix)}</span>" if finding.fix else ""
        css = ' class="preview-error"' if finding.severity == "error" else ""
        items.append(f"<li{css}>{place} <strong>{kind}</strong>: {escape(finding.message)}{fix}</li>")
    return "\n".join(items)


def status(state: dict) -> str:
    return f"{state['summary']} {state['background']}"


def count(state: dict) -> str:
    found = len(state["findings"])
    return f"Findings ({found})"


def version_json(state: dict, listed: str) -> dict:
    """What the open page polls for: reload when `page` changes, update the panel when `panel` does."""
    return {"page": state["page"], "panel": state["panel"], "status": status(state), "count": count(state),
            "findings_html": listed, "background": state["background"]}


def inject(page: str, state: dict, listed: str, landing: bool) -> str:
    """The served page: the panel and the script before </body>, the style before </head>, and on the
    landing page a note on whether PDF and EPUB are current."""
    panel = (f'<aside class="preview-panel" aria-labelledby="preview-heading">\n'
             f'<h2 id="preview-heading">Preview</h2>\n'
             f'<p id="preview-status" aria-live="polite">{escape(status(state))}</p>\n'
             f'<details id="preview-details" open>\n<summary id="preview-count">{escape(count(state))}</summary>\n'
             f'<ul id="preview-findings" tabindex="0" aria-label="Findings">\n{listed}\n</ul>\n</details>\n'
             f"</aside>\n" + SCRIPT % {"page": state["page"], "panel": state["panel"]})
    page = _after_skip_link(page, panel)
    page = _before_last(page, "</head>", STYLE)
    if landing:
        note = f'<p class="preview-note" id="preview-background">{escape(state["background"])}</p>\n'
        at = page.find(">", page.find("<main")) + 1 if "<main" in page else 0
        page = page[:at] + "\n" + note + page[at:] if at else page
    return page


def _after_skip_link(page: str, addition: str) -> str:
    skip = page.find('<a class="skip-link"')
    at = page.find("</a>", skip) + len("</a>") if skip >= 0 else page.find(">", page.lower().find("<body")) + 1
    return page[:at] + "\n" + addition + page[at:] if at > 0 else addition + page


def _before_last(page: str, tag: str, addition: str) -> str:
    at = page.lower().rfind(tag)
    return page[:at] + addition + page[at:] if at >= 0 else page + addition
