"""`python -m pipeline check`: the validator.

Source rules (pipeline/check/rules/) walk each chapter as the build reads it
(pipeline/parse.py: one reading, with positions) and report
`file:line:col: severity rule-id: message — fix`. Output rules
(pipeline/check/outputs/) read the built files and catch a filter or writer
that lost alt text, headings, language or title.
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from pipeline.cache import NO_CACHE, Cache
from pipeline.check.model import SourceFile, as_checked, parse_for_check
from pipeline.check.rules import RULES, CheckContext
from pipeline.diagnostics import Diagnostic, ReportError
from pipeline.memory import BuildMemory, Recall
from pipeline.parse import Chapter, read_chapters
from pipeline.source import REPORT_FILE, Report, load_report
from pipeline.summary_options import read_summary_options


def run_rules(ctx: CheckContext, kept: dict | None = None) -> list[Diagnostic]:
    """Every rule's findings. A per-file rule sees one file at a time, so with `kept` (the live
    preview's, from its last check) what it found in an unchanged file is taken from there."""
    alone = [replace(ctx, files=[source], shared={}) for source in ctx.files]
    settings = json.dumps([ctx.title, ctx.lang, str(ctx.config), ctx.glossary, ctx.settings, repr(ctx.summary),
                           ctx.brand.fingerprint if ctx.brand else ""], sort_keys=True, default=str)
    recall = Recall(kept)
    found = []
    for rule in RULES:
        if not rule.per_file:
            hits = list(rule.find(ctx))
        else:
            hits = list(rule.in_report(ctx)) if rule.in_report else []
            for source, one in zip(ctx.files, alone):
                hits += recall((rule.id, source.identity, settings) if source.identity else None,
                               lambda rule=rule, one=one: list(rule.find(one)))
        for h in hits:
            found.append(Diagnostic(h.message, h.file, h.line, h.column, h.fix or rule.fix, rule.severity, rule.id))
    recall.keep()
    return sorted(found, key=lambda d: (str(d.file), d.line or 0, d.column or 0, d.rule))


def report_context(report: Report, store: Cache = NO_CACHE, chapters: list[Chapter] | None = None,
                   memory: BuildMemory | None = None) -> CheckContext:
    """The rules' view of a report; chapters: as the build has read them (else they are read here).
    memory: the chapters as the last check saw them (each keeps the elements it listed once)."""
    read = chapters if chapters is not None else read_chapters(report, store)
    recall = Recall(memory.checked if memory is not None else None)
    files = [recall(source.identity or None, lambda source=source: source)
             for source in map(as_checked, read)]
    recall.keep()
    return CheckContext(files=files, title=report.meta.get("title"), lang=report.meta.get("lang"),
                        config=report.root / REPORT_FILE, glossary=report.glossary,
                        summary=report.summary, settings=report.meta, brand=report.brand, memory=memory)


def check_for_build(report: Report, chapters: list[Chapter], store: Cache = NO_CACHE,
                    memory: BuildMemory | None = None) -> tuple[list[Diagnostic], str, float]:
    """What a build needs from the validator: the findings, the readability report's HTML, and
    how long it took, for the chapters the build has read. Picklable, so the build can run it
    in a process of its own; memory: the live preview's, which checks in its own process."""
    import time

    from pipeline.check.readability_page import chapter_stats, render

    started = time.perf_counter()
    ctx = report_context(report, store, chapters, memory)
    findings = list(report.warnings) + run_rules(ctx, memory.findings if memory else None)
    return findings, render(report.meta, chapter_stats(ctx), report.root), time.perf_counter() - started


def check_report(report: Report, store: Cache = NO_CACHE) -> list[Diagnostic]:
    return list(report.warnings) + run_rules(report_context(report, store))


def check_file(path: Path) -> list[Diagnostic]:
    """A lone Markdown file: its title and language come from its YAML front matter."""
    try:
        source: SourceFile = parse_for_check(path, path.parent)
    except UnicodeDecodeError as exc:
        raise ReportError("the file is not UTF-8 text", path, fix="save it as UTF-8") from exc
    brand = None
    if source.meta.get("brand"):  # as a Quarto document sets it; ColorAide is imported only then
        from pipeline.brand import read_brand

        brand = read_brand(path.parent, path)
    ctx = CheckContext(files=[source], title=source.front_matter("title") or _first_h1(source),
                       lang=source.front_matter("lang"), summary=read_summary_options(source.meta, path, report=False),
                       settings=source.meta, brand=brand)
    return run_rules(ctx)


def _first_h1(source: SourceFile) -> str:
    return next((n.text() for n in source.nodes() if n.t == "Header" and n.c[0] == 1), "")


def check_paths(paths: list[Path]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            found += check_report(load_report(path))
        elif path.is_file():
            found += check_file(path)
        else:
            raise ReportError(f"{path} does not exist", fix="give a source folder or Markdown files")
    return found
