"""filters/longdesc.py: a chart's long description becomes a disclosure inside its figure."""
from __future__ import annotations

from filters import figures, longdesc
from tests.filters.pandoc_helpers import ast, to_html

TEXT = """\
# Charts

![Bar chart of grants](chart.svg "Grants by theme"){longdesc="#chart-desc"}

Some text between.

::: {.longdesc #chart-desc}
The data in words: young people £12,000.
:::

![Map of the area](map.svg "Our area")

::: longdesc
Four neighbourhoods around the river.
:::

![Photo of volunteers](photo.png "Volunteers")

::: {.longdesc #labelled label="The diagram in words"}
Labelled description.
:::

![Diagram](diagram.svg "Diagram"){longdesc="#labelled"}
"""


def page():
    return to_html(longdesc.apply(figures.apply(ast(TEXT))))


def test_the_description_moves_into_the_figure_and_the_image_points_at_it():
    html = page()
    images = {img.get("src"): img for img in html.iter("img")}
    for src, ident, text in [("chart.svg", "chart-desc", "young people £12,000"),
                             ("map.svg", "longdesc-2", "Four neighbourhoods")]:
        img = images[src]
        assert img.get("aria-details") == ident and img.get("data-longdesc") is None
        details = html.get_element_by_id(ident)
        assert details.tag == "details" and "longdesc" in details.get("class")
        figure = img.getparent()
        assert figure.tag == "figure" and details.getparent().tag == "figcaption"
        assert details.getparent().getparent() is figure
        assert details.find("summary").text_content() == longdesc.DEFAULT_LABEL
        assert text in details.text_content()
    # The caption stays first in the figcaption, and nothing is left behind outside the figures.
    assert html.xpath("string(//img[@src='chart.svg']/../figcaption/p)") == "Grants by theme"
    assert not html.xpath("//div[contains(@class, 'longdesc')]")


def test_an_image_without_a_description_is_untouched_and_the_label_can_be_set():
    html = page()
    photo = next(img for img in html.iter("img") if img.get("src") == "photo.png")
    assert photo.get("aria-details") is None and photo.getparent().find(".//details") is None
    assert html.get_element_by_id("labelled").find("summary").text_content() == "The diagram in words"
