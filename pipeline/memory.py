"""What the live preview's process keeps from one build to the next, so that an edit costs what it
changed: the chapters as read (pipeline/parse.py), as filtered (pipeline/chapterwise.py), and what
the writers made of them (the site's pages). `make` builds once and keeps nothing.

Each build starts from an empty `used` memory and keeps only that, so a long editing session does
not pile up old versions of its chapters."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class BuildMemory:
    read: dict = field(default_factory=dict)  # file -> (its bytes, the Chapter read from them)
    facts: dict = field(default_factory=dict)  # read key -> (ids in order, picture paths)
    common: dict = field(default_factory=dict)  # part key -> (blocks as JSON, ids, named descriptions)
    html: dict = field(default_factory=dict)  # (part key, what it carries in) -> (blocks as JSON, carry out, key)
    writers: dict = field(default_factory=dict)  # a writer's name -> what it keeps

    def keep_only(self, used: BuildMemory) -> None:
        """Forget the chapters' versions that this build did not use (read and writers keep their own)."""
        self.facts, self.common, self.html = used.facts, used.common, used.html
