"""The `contents:` options of report.yaml: how deep the contents go, and when the
web page's contents are folded away.

    contents: {depth: 2, fold: auto}

depth 1 lists the chapters, 2 (the default) also their sections, 3 and 4 go
deeper. It sets report.html's and the site's contents, each site chapter's own
"In this chapter" list (the levels below the chapter) and the PDF's contents
page. The EPUB's navigation keeps three levels whatever the depth: reading apps
fold it themselves.

fold: `auto` folds report.html's contents into a closed <details> when they
list more than FOLD_AFTER entries (a long report), `true` always, `false` never.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.diagnostics import Diagnostic, ReportError

DEPTH = 2  # chapters and their sections
FOLD_AFTER = 20  # entries: about one screen of a phone
CONTENTS_KEYS = {"depth": "how many heading levels the contents list: 1 chapters, 2 and their sections (default), "
                          "up to 4",
                 "fold": "auto (fold a long contents list), true or false"}


@dataclass(frozen=True)
class ContentsOptions:
    depth: int = DEPTH
    fold: str = "auto"  # "auto", "always" or "never"

    def folded(self, entries: int) -> bool:
        return self.fold == "always" or (self.fold == "auto" and entries > FOLD_AFTER)


def _line(config: Path, key: str) -> int | None:
    lines = config.read_text(encoding="utf-8").splitlines()
    return next((n for n, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:")
                 or f"{key}:" in text and text.startswith("contents:")), None)


def unknown_contents_keys(meta: dict, config: Path) -> list[Diagnostic]:
    raw = meta.get("contents")
    return [Diagnostic(f"unknown key 'contents: {key}' is ignored", config, _line(config, str(key)),
                       fix=f"known keys: {', '.join(CONTENTS_KEYS)}", severity="warning", rule="config-unknown-key")
            for key in (raw if isinstance(raw, dict) else {}) if key not in CONTENTS_KEYS]


def read_contents_options(meta: dict, config: Path) -> ContentsOptions:
    raw = meta.get("contents")
    if not isinstance(raw, dict):
        return ContentsOptions()
    depth = raw.get("depth", DEPTH)
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= 4:
        raise ReportError(f"'contents: depth' is {depth!r}, not a number from 1 to 4", config, _line(config, "depth"),
                          fix="1 lists the chapters, 2 also their sections (the default), 3 and 4 go deeper")
    fold = raw.get("fold", "auto")
    if fold not in ("auto", True, False):
        raise ReportError(f"'contents: fold' is {fold!r}, not auto, true or false", config, _line(config, "fold"),
                          fix="auto folds a long contents list away; true always; false never")
    return ContentsOptions(depth, {True: "always", False: "never"}.get(fold, "auto"))
