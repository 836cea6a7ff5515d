"""A table too wide for the page is never clipped: its columns get room for their longest word,
and it carries two narrower halves that both name the rows (filters/typst_wide_tables.py)."""
from __future__ import annotations

from filters import stringify
from filters.typst_wide_tables import is_wide, wide_table
from tests.filters.pandoc_helpers import ast

TABLE = """| Plot[^dug] | Size | Fee | Water | Deposit | Key | Concession | Members |
|---|---|---|---|---|---|---|---|
| [Full plot, north end]{#full} | 250 | £60 | £8 | £20 | £5 | £30 | 22 |

: Fees by kind of plot {#tbl-fees}

[^dug]: Dug over before you take it on.
"""


def _table():
    return next(block for block in ast(TABLE)["blocks"] if block["t"] == "Table")


def test_columns_get_shares_from_their_longest_word_and_the_template_their_words():
    table = _table()
    assert is_wide(table["c"])
    opening, whole, *_ = wide_table(table["c"], turn=True)
    # a word with its comma is what must fit on a line
    assert opening.startswith('#wide-table(turn: true, fits: (("plot,", "Size", "Fee", "Water", "Deposit", "Key", '
                              '"Concession", "Members",), (')
    shares = [spec[1]["c"] for spec in whole["c"][2]]
    assert abs(sum(shares) - 1) < 0.001
    assert shares[0] > shares[2] and shares[6] > shares[2]  # "Full plot, north end" and "Concession" > "£60"


def test_the_halves_repeat_the_first_column_and_only_the_first_has_the_caption():
    _, _, between, first, again, second, close = wide_table(_table()["c"], turn=False)
    assert (between, again, close) == ("][", "][", "]")
    heads = [[stringify(cell[4]) for cell in half["c"][3][1][0][1]] for half in (first, second)]
    assert heads == [["Plot", "Size", "Fee", "Water", "Deposit"], ["Plot", "Key", "Concession", "Members"]]
    assert stringify(first["c"][1][1]) == "Fees by kind of plot" and second["c"][1][1] == []
    # the repeated column brings no second footnote and no second id (Typst refuses a label twice)
    second_column = second["c"][3][1][0][1][0], second["c"][4][0][3][0][1][0]
    assert "Note" not in str(second_column) and '"full"' not in str(second_column).replace("'", '"')
    assert "Note" in str(first["c"][3][1][0][1][0])
