"""The plain text of a piece of the tree (filters.stringify), as it becomes a PDF
picture's alt text, a page title or a summary sentence: what the reader sees,
quotation marks included, as pandoc's own stringify gives them."""
from __future__ import annotations

from filters import stringify, typst_images, walk
from tests.filters.pandoc_helpers import ast


def test_quoted_words_keep_their_quotation_marks():
    doc = ast("""Everyone called it "the Big Lunch", or 'the lunch' for short.\n""")
    assert stringify(doc["blocks"]) == "Everyone called it “the Big Lunch”, or ‘the lunch’ for short."


def test_the_pdf_alt_text_keeps_the_quotation_marks_of_the_picture_description():
    doc = typst_images.apply(ast("""![Neighbours at the "Big Lunch" on Station Road](images/lunch.png)\n"""), "typst")
    typst = []
    walk(doc["blocks"], lambda key, value, _fmt, _meta: typst.append(value[1]) if key.startswith("Raw") else None)
    assert any('alt: "Neighbours at the “Big Lunch” on Station Road"' in code for code in typst), typst
