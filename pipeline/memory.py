"""What the live preview's process keeps from one build to the next, so that an edit costs what it
changed: the chapters as read (pipeline/parse.py), as checked (pipeline/check/), as filtered
(pipeline/chapterwise.py), and what the writers made of them (the site's pages). `make` builds
once and keeps nothing.

Each build keeps only what it used, so a long editing session does not pile up old versions of
its chapters."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class Recall:
    """One build's use of what the last build kept (a dict of the memory; None: nothing is kept).

        recall = Recall(memory.expected)
        promised = recall(chapter_key, lambda: promised_by(blocks))
        recall.keep()  # the memory now holds only what this build used

    share: what is made is put in the memory at once, for a call running beside this one (the
    validator's beside the build's) to find."""

    def __init__(self, kept: dict | None, share: bool = False):
        self.kept, self.share, self.used = kept, share, {}

    def __call__(self, key: Hashable | None, make: Callable[[], T]) -> T:
        """What `key` names, from the memory or made now; a None key is not kept."""
        if self.kept is None or key is None:
            return make()
        value = self.kept.get(key)
        if value is None:
            value = make()
            if self.share:
                self.kept[key] = value
        self.used[key] = value
        return value

    def last(self, key: Hashable | None):
        """What the last build kept under key (None if nothing), for a caller that checks it is still good."""
        return self.kept.get(key) if self.kept is not None and key is not None else None

    def remember(self, key: Hashable | None, value) -> None:
        """Keep value under key: this build used it (the caller made or checked it)."""
        if self.kept is not None and key is not None:
            self.used[key] = value

    def keep(self) -> None:
        if self.kept is not None:
            self.kept.clear()
            self.kept.update(self.used)


@dataclass
class PartsMemory:
    """The chapters through the filter stages (pipeline/chapterwise.py), for one set of stages."""
    facts: dict = field(default_factory=dict)  # read key -> (ids in order, picture paths)
    early: dict = field(default_factory=dict)  # key -> a Part through the stages before `links`
    # Blocks are kept as made, and shared: whoever changes a tree in place works on a copy
    # (the writers' stages copy theirs; the site loads its pages from the JSON).
    common: dict = field(default_factory=dict)  # part key -> a Part (pipeline/chapterwise.py)
    html: dict = field(default_factory=dict)  # (part key, what it carries in) -> (blocks as JSON, carry out, key, blocks)


@dataclass
class BuildMemory:
    read: dict = field(default_factory=dict)  # (file, its bytes) -> the Chapter read from them
    checked: dict = field(default_factory=dict)  # SourceFile.identity -> the chapter as the rules saw it
    findings: dict = field(default_factory=dict)  # (rule, SourceFile.identity, settings) -> its hits there
    filtered: PartsMemory = field(default_factory=PartsMemory)  # the build's, and the link rules' (`early`)
    link_facts: dict = field(default_factory=dict)  # the link rules': part key -> what its links and ids are
    expected: dict = field(default_factory=dict)  # read key -> the headings and pictures it promises the outputs
    pictures: dict = field(default_factory=dict)  # a picture's file as it is -> its check (pipeline/assets.py)
    copies: dict = field(default_factory=dict)  # (picture, its sha256) -> its published copy (pipeline/assets.py)
    writers: dict = field(default_factory=dict)  # a writer's name -> what it keeps
