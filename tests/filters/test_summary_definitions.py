"""The easy-read summary puts a linked glossary word's definition in brackets
after it. The glossary writes each definition as a sentence, with a capital;
in brackets it continues the summary's sentence, so only a capital that
belongs to the word itself (an acronym, "I") stays."""
from __future__ import annotations

import pytest

from filters import stringify, summary
from tests.filters.pandoc_helpers import ast

CHAPTER = """# Who runs us {#who}

::: summary
Our [trustees](#term-trustee) meet every month.
:::

The board met six times this year, mostly in the community centre.
"""


def summary_text(definition: str) -> str:
    return stringify(summary.apply(ast(CHAPTER, glossary={"Trustee": definition}), "html5")["blocks"])


@pytest.mark.parametrize("definition, in_brackets", [
    ("A volunteer who sits on the board that runs a charity.", "a volunteer who sits on the board that runs a charity"),
    ("Someone who makes sure the charity is run well.", "someone who makes sure the charity is run well"),
    ("An unpaid member of the board.", "an unpaid member of the board"),
    ("NHS staff or volunteers who sit on the board.", "NHS staff or volunteers who sit on the board"),
    ("I and the other board members, who run the charity.", "I and the other board members, who run the charity"),
])
def test_the_definition_continues_the_sentence_in_brackets(definition, in_brackets):
    assert f"Our trustees ({in_brackets}) meet every month." in summary_text(definition)
