"""Command line: `python -m pipeline build|check|readability|rules|editions|import` (the Makefile calls these)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.diagnostics import BuildStopped, ReportError
from pipeline.editions import EDITIONS, GROUPS, NAMES
from pipeline.stages import STAGE_NAMES


def _csv(allowed: tuple[str, ...], what: str):
    def parse(value: str) -> list[str]:
        names = [v.strip() for v in value.split(",") if v.strip()]
        unknown = [n for n in names if n not in allowed]
        if unknown:
            raise argparse.ArgumentTypeError(
                f"unknown {what} {', '.join(unknown)}; choose from {', '.join(allowed)}")
        return names
    return parse


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m pipeline",
                                  description="Build and check the accessible editions of a report.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the editions from the source folder",
                                description="Build every edition (or those named by --only) of the report.")
    build.add_argument("--source", type=Path, default=Path("source"),
                       help="folder with report.yaml (default: source)")
    build.add_argument("--out", type=Path, default=Path("outputs"), help="output folder (default: outputs)")
    build.add_argument("--only", type=_csv(GROUPS, "edition"), default=None,
                       help=f"comma-separated editions to build: {','.join(GROUPS)} (default: all)")
    build.add_argument("--skip", type=_csv(STAGE_NAMES, "stage"), default=[],
                       help=f"filter stages to switch off, for debugging (--trace shows what each does): "
                            f"{','.join(STAGE_NAMES)}")
    build.add_argument("--trace", type=Path, default=None, metavar="DIR",
                       help="write the document tree after each filter stage into DIR as JSON, to see what "
                            "a stage does: 00-parsed.json, 01-raw-html.json, …; the stages for one format in "
                            "DIR/html5/, DIR/epub3/, DIR/typst/; the easy-read summary's in DIR/summary/. "
                            "Every edition is rebuilt (no cache); the outputs are the same as without it")
    build.add_argument("--editions", type=_csv(NAMES, "edition"), default=None,
                       help=f"comma-separated single editions to build: {','.join(NAMES)}")
    build.add_argument("--cache", type=Path, default=None, metavar="DIR",
                       help="where to keep parsed chapters and built editions for faster rebuilds "
                            "(default: .cache/pipeline; several reports can share one)")
    build.add_argument("--no-cache", action="store_true",
                       help="rebuild everything from scratch and keep nothing")
    build.add_argument("--allow-drafts", action="store_true",
                       help="build even if a summary is a generated DRAFT (summary: {draft: true}), to preview it")

    check = commands.add_parser(
        "check", help="check headings and alt text in the source (and the built outputs)",
        description="Check a source folder (with report.yaml) or Markdown files. "
                    "Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 input unreadable.")
    check.add_argument("paths", nargs="*", type=Path, default=[Path("source")], metavar="PATH",
                       help="source folder or Markdown files (default: source)")
    check.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--outputs", type=Path, metavar="DIR",
                       help="also check the editions built in DIR from the (single) source folder")

    readability = commands.add_parser(
        "readability", help="print each chapter's summary readability (Flesch score, words, longest sentence)")
    readability.add_argument("source", nargs="?", type=Path, default=Path("source"),
                             help="source folder (default: source)")
    preview = commands.add_parser(
        "preview", help="serve the web editions at http://127.0.0.1:PORT/ and rebuild them on every save",
        description="A live preview: rebuilds the web editions when a file under the source folder changes, "
                    "reloads the open page, and lists the validator's findings in it. Ctrl-C stops it.")
    preview.add_argument("--source", type=Path, default=Path("source"),
                         help="folder with report.yaml (default: source)")
    preview.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    preview.add_argument("--cache", type=Path, default=None, metavar="DIR",
                         help="cache for parsed chapters and built editions (default: .cache/pipeline)")
    preview.add_argument("--no-background", action="store_true",
                         help="do not rebuild PDF and EPUB in the background")
    commands.add_parser("rules", help="list the validator's rules: severity, impact on a reader (critical, serious, "
                                      "moderate, minor), and the WCAG 2.2, PDF/UA-1 or easy-read clause each enforces")
    commands.add_parser("editions", help="list the editions a build makes")
    importer = commands.add_parser(
        "import", help="turn a Word (.docx), OpenDocument (.odt), web page (.html) or Markdown page into a source "
                       "folder, with a report of every repair",
        description="Import a document as a source folder (report.yaml, chapters/, images/), repair what stands in "
                    "for structure, list every repair in import-report.html, and check the folder. Exit status: "
                    "0 imported (the findings of check are printed), 2 the file cannot be imported (nothing written).")
    importer.add_argument("file", type=Path, metavar="FILE", help=".docx, .odt, .html/.htm or .md file")
    importer.add_argument("--out", type=Path, default=None,
                          help="the source folder to write (default: FILE's name with -source, here)")
    importer.add_argument("--title", default=None, help="the report's title (default: from the document)")
    importer.add_argument("--lang", default=None, help="the report's language, e.g. en-GB (default: from the document)")
    importer.add_argument("--force", action="store_true", help="replace the --out folder if it exists")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        elif args.command == "check":
            return _check(args)
        elif args.command == "preview":
            from pipeline.cache import DEFAULT_FOLDER, Cache
            from pipeline.preview import run

            return run(args.source, args.port, Cache(args.cache or DEFAULT_FOLDER),
                       background=not args.no_background)
        elif args.command == "readability":
            from pipeline.check import report_context
            from pipeline.check.readability_page import chapter_stats, text_table
            from pipeline.source import load_report

            print(text_table(chapter_stats(report_context(load_report(args.source)))))
        elif args.command == "rules":
            from pipeline.check.rules import OUTPUT_RULES, RULES

            for heading, rules in (("On the source:", RULES), ("On the built editions (check --outputs):", OUTPUT_RULES)):
                print(heading)
                for r in rules:  # the second line: what the rule enforces
                    print(f"{r.id:<26} {r.severity:<8} {r.impact:<9} {r.description}")
                    print(f"{'':<45} {'; '.join(map(str, r.clauses))}")
        elif args.command == "import":
            from pipeline.importer.command import run_import

            return run_import(args.file, args.out, args.title, args.lang, args.force)
        elif args.command == "editions":
            for edition in EDITIONS:
                print(f"{edition.group:<8} {edition.output:<14} {edition.label}: {edition.purpose}")
    except BuildStopped as stop:
        print(stop, file=sys.stderr)
        return 1
    except ReportError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: no output was left half-written; run the command again to finish", file=sys.stderr)
        return 130
    return 0


def _check(args) -> int:
    from pipeline.check import check_paths
    from pipeline.check.formats import FORMATS

    found = check_paths(args.paths)
    if args.outputs is not None:
        from pipeline.check.outputs import check_built

        if len(args.paths) != 1 or not args.paths[0].is_dir():
            raise ReportError("--outputs needs exactly one source folder to compare with",
                              fix="e.g. python -m pipeline check source --outputs outputs")
        found += check_built(args.paths[0], args.outputs)
    print(FORMATS[args.format](found))
    failing = {"error", "warning"} if args.strict else {"error"}
    return 1 if any(d.severity in failing for d in found) else 0


def _build(args) -> int:
    from pipeline import atomic
    from pipeline.cache import DEFAULT_FOLDER, NO_CACHE, Cache
    from pipeline.uptodate import is_up_to_date, record

    skip = frozenset(args.skip)
    options = (args.only, args.editions, args.allow_drafts)
    atomic.remove_stale_temporaries(args.out)  # left by a killed build, even if nothing else is to do
    if args.trace is not None and args.trace.exists() and not args.trace.is_dir():
        raise ReportError("--trace needs a folder for its JSON files, and this is a file", args.trace,
                          fix="give a folder that does not exist yet, e.g. --trace trace")
    if not args.no_cache and args.trace is None and is_up_to_date(args.source, args.out, options, skip):
        print(f"{args.out} is up to date with {args.source}: nothing changed since the last build")
        return 0
    from pipeline.build import build

    store = NO_CACHE if args.no_cache else Cache(args.cache or DEFAULT_FOLDER)
    written = build(args.source, args.out, only=args.only, names=args.editions, skip=skip,
          allow_drafts=args.allow_drafts, store=store, trace=args.trace)
    if not args.no_cache:
        record(args.source, args.out, options, skip, [w.path for w in written])
    return 0
