"""The validator's rules. Each rule is one object in one place: id,
severity, description, fix hint, tags, the clauses it enforces (clauses.py),
its impact on a reader, and the function that finds it.
Register a rule with the @rule decorator in the module of its family;
RULES lists them all, in the order families are imported below.

The output rules (`output-*`, outputs.py) are catalogued the same way in
OUTPUT_RULES; pipeline/check/outputs/ finds them in the built files.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from pipeline.check.model import Node, SourceFile
from pipeline.check.rules.clauses import IMPACTS, Clause, clauses_named
from pipeline.check.summary_text import Summaries, read_summaries
from pipeline.memory import BuildMemory
from pipeline.summary_options import SummaryOptions

if TYPE_CHECKING:
    from pipeline.brand import Brand  # imported only with a brand: ColorAide is slow to import


@dataclass
class Hit:
    """Where a rule fired and why; the Rule adds id, severity and the fix hint."""
    message: str
    file: Path | None
    line: int | None = None
    column: int | None = None
    fix: str | None = None  # overrides the rule's general hint when there is a better one


@dataclass
class CheckContext:
    files: list[SourceFile]
    title: str | None
    lang: str | None
    config: Path | None = None  # report.yaml, where title and lang are set for a report
    glossary: dict[str, str] = field(default_factory=dict)
    summary: SummaryOptions = field(default_factory=SummaryOptions)  # report.yaml's or the file's `summary:`
    settings: dict = field(default_factory=dict)  # report.yaml as loaded, or a lone file's front matter
    brand: Brand | None = None  # report.yaml's `brand:`, read once with the report
    shared: dict = field(default_factory=dict)  # what one rule works out that others of its family reuse
    memory: BuildMemory | None = None  # the live preview's: what the checks before found (pipeline/memory.py)

    @functools.cached_property
    def summaries(self) -> Summaries:
        """The plain-language summaries with their positions, read once for all the summary rules."""
        return read_summaries(self.files, self.summary, self.config, self.glossary, self.lang)

    def nodes(self) -> Iterator[tuple[SourceFile, Node]]:
        for source in self.files:
            for node in source.nodes():
                yield source, node


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # "error" or "warning"
    description: str
    fix: str
    tags: tuple[str, ...]
    find: Callable[[CheckContext], Iterable[Hit]] | None  # None: an output rule, found in the built files
    clauses: tuple[Clause, ...] = ()  # what it enforces: WCAG success criteria, PDF/UA-1 clauses, guidelines
    impact: str = ""  # one of IMPACTS: how badly a finding keeps a reader from the content
    # find looks at one chapter at a time (given a context with that chapter alone), so what it found
    # in a chapter holds while the chapter is unchanged (pipeline/check/__init__.py keeps it);
    # in_report: what such a rule finds in the report's own files (report.yaml, the glossary)
    per_file: bool = False
    in_report: Callable[[CheckContext], Iterable[Hit]] | None = None


RULES: list[Rule] = []  # on the source, run by pipeline/check/__init__.py
OUTPUT_RULES: list[Rule] = []  # on the built editions, run by pipeline/check/outputs/


def rule(id: str, severity: str, description: str, fix: str, tags: tuple[str, ...] = (), *,
         clauses: tuple[str, ...] = (), impact: str = "", per_file: bool = False,
         in_report: Callable[[CheckContext], Iterable[Hit]] | None = None):
    if impact and impact not in IMPACTS:
        raise ValueError(f"rule {id}: impact {impact!r} is not one of {', '.join(IMPACTS)}")
    enforces = clauses_named(clauses, id)

    def register(find: Callable[[CheckContext], Iterable[Hit]]):
        RULES.append(Rule(id, severity, description, fix, tags, find, enforces, impact, per_file, in_report))
        return find
    return register


def output_rule(id: str, description: str, fix: str, tags: tuple[str, ...] = (), *,
                clauses: tuple[str, ...] = (), impact: str = "") -> Rule:
    """Catalogue a rule that pipeline/check/outputs/ applies to the built files. Always an error:
    the source was right, so something in the pipeline lost what it said."""
    if impact and impact not in IMPACTS:
        raise ValueError(f"rule {id}: impact {impact!r} is not one of {', '.join(IMPACTS)}")
    found = Rule(id, "error", description, fix, tags, None, clauses_named(clauses, id), impact)
    OUTPUT_RULES.append(found)
    return found


def hit(message: str, source: SourceFile, node: Node | None = None, fix: str | None = None) -> Hit:
    return Hit(message, source.path, node.line if node else 1, node.column if node else 1, fix)


from pipeline.check.rules import document, headings, images, links, links_tables, readability, unread  # noqa: E402,F401  (registers)
from pipeline.check.rules import chapters, characters, outputs  # noqa: E402,F401  (registers)
from pipeline.check.rules import brand  # noqa: E402,F401  (registers)
