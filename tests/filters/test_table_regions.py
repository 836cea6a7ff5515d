"""filters/table_regions.py: each table scrolls inside a focusable region named by its caption."""
from __future__ import annotations

from filters import table_regions
from tests.filters.pandoc_helpers import ast, to_html

TEXT = """\
# Tables

| Theme | Amount |
|---|---:|
| Young people | 12,000 |

: Grants by theme

::: {#table-1-caption}
An author's block that already uses the id the filter would pick.
:::

| No | caption |
|---|---|
| 1 | 2 |

| Third | table |
|---|---|
| 3 | 4 |

: Third table
"""


def test_every_table_is_in_a_focusable_region_named_by_its_caption():
    html = to_html(table_regions.apply(ast(TEXT)))
    tables = list(html.iter("table"))
    assert len(tables) == 3
    names = []
    for table in tables:
        region = table.getparent()
        assert region.get("class") == "table-scroll" and region.get("role") == "region"
        assert region.get("tabindex") == "0"
        if region.get("aria-labelledby"):
            label = html.get_element_by_id(region.get("aria-labelledby"))
            assert label.getparent().tag == "caption"
            names.append(label.text_content())
        else:
            names.append(region.get("aria-label"))
    assert names == ["Grants by theme", "Table 2", "Third table"]
    assert len(html.xpath("//*[@id='table-1-caption']")) == 1  # an author's id is never reused
